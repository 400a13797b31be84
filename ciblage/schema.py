"""The ledger's SQL schema as numbered upgrade steps.

A ledger records its version in ``PRAGMA user_version``. Opening an older file runs the
missing steps in one transaction each; a file from a newer ciblage is refused, never wiped.
"""

from __future__ import annotations

#: Step N brings a ledger from version N-1 to version N.
MIGRATIONS: list[str] = [
    # 1: the initial ledger.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        id TEXT NOT NULL,                 -- doc:<hash of source + canonical url>
        version INTEGER NOT NULL,         -- 1, 2, ... a new one each time the content changes
        source TEXT NOT NULL,             -- spider or 'ingest'
        url TEXT NOT NULL,
        canonical_url TEXT,
        title TEXT,
        author TEXT,
        published TEXT,                   -- ISO date or datetime, as given by the source
        language TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        raw_hash TEXT,
        meta TEXT NOT NULL DEFAULT '{}',  -- JSON: outlet, paywall, json-ld ...
        fetched_at TEXT NOT NULL,
        processed_at TEXT,                -- set by nlp once extracted
        extract_error TEXT,
        PRIMARY KEY (id, version)
    );
    CREATE INDEX documents_unprocessed ON documents (processed_at);
    CREATE TABLE records (
        id TEXT NOT NULL,                 -- <source>:<key>, e.g. entreprises:552081317
        version INTEGER NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,               -- company, announcement, contract, organisation ...
        url TEXT,
        raw TEXT NOT NULL,                -- the record's JSON as received
        content_hash TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    );
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,              -- siren:<9>, company:<slug>, person:<hash> ...
        type TEXT NOT NULL,               -- COMPANY, PARTY, ... DOCUMENT, CONTRACT
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        identifiers TEXT NOT NULL DEFAULT '{}',
        props TEXT NOT NULL DEFAULT '{}',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL,
        doc_version INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        entity_id TEXT,
        extractor TEXT NOT NULL,
        PRIMARY KEY (doc_id, doc_version, start, end, label)
    );
    CREATE INDEX mentions_entity ON mentions (entity_id);
    CREATE TABLE statements (
        id TEXT PRIMARY KEY,              -- hash of what makes the claim distinct
        subject TEXT NOT NULL,
        predicate TEXT NOT NULL,
        object TEXT,                      -- an entity id, or NULL when value holds a literal
        value TEXT,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('document', 'record')),
        source_id TEXT NOT NULL,
        source_version INTEGER NOT NULL,
        source_url TEXT,
        evidence TEXT NOT NULL,           -- the sentence, or the record fields quoted
        start INTEGER,
        end INTEGER,
        confidence REAL NOT NULL,
        extractor TEXT NOT NULL,
        observed TEXT,                    -- date the source gives the fact (publication, notification...)
        props TEXT NOT NULL DEFAULT '{}', -- role, share, amount, dates ...
        created_at TEXT NOT NULL
    );
    CREATE INDEX statements_subject ON statements (subject);
    CREATE INDEX statements_object ON statements (object);
    CREATE INDEX statements_source ON statements (source_id, source_version);
    CREATE TABLE judgements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        left_id TEXT NOT NULL,
        right_id TEXT NOT NULL,
        judgement TEXT NOT NULL CHECK (judgement IN ('same', 'different', 'unsure')),
        score REAL,
        user TEXT NOT NULL,
        created_at TEXT NOT NULL,
        superseded_at TEXT
    );
    CREATE INDEX judgements_pair ON judgements (left_id, right_id);
    """,
    # 2: crawl failures are kept so that a run can report and retry them.
    """
    CREATE TABLE failures (
        url TEXT NOT NULL,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (url, source)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
