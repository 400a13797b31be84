"""The Scrapy project of ciblage: one spider per source, one pipeline into the ledger."""
