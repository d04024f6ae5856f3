"""The archive's SQLite schema, its version, and the migrations that bring an older archive up to date.

``PRAGMA application_id`` marks a habar archive (so a foreign SQLite file is refused, not modified) and
``PRAGMA user_version`` holds the schema version. :data:`MIGRATIONS` [k] takes version k to k + 1; opening an
archive for writing applies the missing ones in one transaction. An archive written by a newer habar is
refused with a message, never modified.
"""

from __future__ import annotations

APPLICATION_ID = 0x48414252
"""'HABR': PRAGMA application_id of every habar archive."""

MIGRATIONS: list[str] = [
    # 0 -> 1: documents, near-duplicate signatures, the search index
    """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,               -- content hash of the cleaned text (Document.id)
        source TEXT, url TEXT, title TEXT, published TEXT, language TEXT,
        duplicate_of INTEGER REFERENCES documents(rowid),  -- set for a near-duplicate: the original
        similarity REAL,                       -- estimated Jaccard similarity to the original
        ingested_at TEXT NOT NULL,
        text TEXT NOT NULL,
        document BLOB NOT NULL                 -- the whole Document JSON, zlib-compressed
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    CREATE TABLE minhash (doc INTEGER PRIMARY KEY REFERENCES documents(rowid), signature BLOB NOT NULL);
    CREATE TABLE minhash_bands (
        band INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL,
        PRIMARY KEY (band, key, doc)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE search USING fts5(
        title, body, content='', tokenize='unicode61 remove_diacritics 0', prefix='4 5'
    );
    """,
    # 1 -> 2: entities, mentions, quotations, events
    """
    CREATE TABLE entities (
        rowid INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,              -- 'kb:<kb_id>' or '<label>:<casefolded name>'
        name TEXT NOT NULL, name_fold TEXT NOT NULL, label TEXT, kb_id TEXT
    );
    CREATE INDEX entities_name ON entities(name_fold);
    CREATE INDEX entities_kb ON entities(kb_id);
    CREATE TABLE mentions (
        doc INTEGER NOT NULL REFERENCES documents(rowid), entity INTEGER NOT NULL REFERENCES entities(rowid),
        start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, text_fold TEXT NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity, doc);
    CREATE INDEX mentions_doc ON mentions(doc, entity);
    CREATE INDEX mentions_text ON mentions(text_fold);
    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(rowid),
        entity INTEGER REFERENCES entities(rowid), speaker TEXT, cue TEXT, kind TEXT,
        start INTEGER, end INTEGER, text TEXT
    );
    CREATE INDEX quotes_entity ON quotes(entity);
    CREATE TABLE events (
        rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(rowid),
        type TEXT, cameo TEXT, date TEXT, evidence_start INTEGER, evidence_end INTEGER, evidence TEXT
    );
    CREATE INDEX events_type ON events(type, doc);
    CREATE TABLE event_roles (
        event INTEGER NOT NULL REFERENCES events(rowid), entity INTEGER NOT NULL REFERENCES entities(rowid),
        role TEXT NOT NULL                     -- actor, counterpart or place
    );
    CREATE INDEX event_roles_entity ON event_roles(entity);
    """,
    # 2 -> 3: document frequency of every index term, kept at ingest (search's pseudo-relevance feedback
    # weighs candidate terms by idf; fts5vocab had to walk each term's postings to count them)
    """
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE VIRTUAL TABLE temp.migrate_vocab USING fts5vocab(main, search, 'row');
    INSERT INTO term_df (term, df) SELECT term, doc FROM temp.migrate_vocab;
    DROP TABLE temp.migrate_vocab;
    """,
    # 3 -> 4: the positions an entity holds in a document (Document entity "positions": Мемлекет басшысы is
    # Тоқаев there), so that a profile does not list an entity as co-mentioned with its own positions.
    # Documents stored before have none recorded (ingest them again with --update to record them).
    """
    CREATE TABLE positions (
        doc INTEGER NOT NULL REFERENCES documents(rowid), entity INTEGER NOT NULL REFERENCES entities(rowid),
        position INTEGER NOT NULL REFERENCES entities(rowid)
    );
    CREATE INDEX positions_entity ON positions(entity, position);
    CREATE INDEX positions_position ON positions(position, entity);
    CREATE INDEX positions_doc ON positions(doc);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
