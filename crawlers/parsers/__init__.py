"""Record and page parsers, one module per source, usable offline (no network, no reactor).

Spiders only fetch and hand responses or decoded records to these functions, so each parser
is unit-tested from fixture files with ``HtmlResponse``/``TextResponse``.
"""
