"""Shared core of ciblage: settings, errors, ids, the SQLite ledger and the end-to-end pipeline.

The capability packages live beside it: ``crawlers`` (Scrapy), ``nlp`` (spaCy and
resolution), ``graph`` (stores, analysis, exports) and the ``cli`` module.
"""

__version__ = "0.1.0"
