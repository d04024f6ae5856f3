"""``habar.Archive``: a persistent store of analysed articles in one SQLite file.

Writing happens in batches, each one transaction, in WAL mode: a process killed in the middle loses at most
the batch it was writing, and running the same ingest again stores what is missing (documents are keyed by
their content hash, so nothing is stored twice). Two writers on one file take turns batch by batch.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from habar.archive import near
from habar.archive.store import connect, explain
from habar.archive.terms import body_of, index_terms
from habar.errors import ArchiveError, NotFoundError
from habar.fields import not_kazakh

if TYPE_CHECKING:
    from habar.document import Document

BATCH = 64

FTS_TOKEN_RE = re.compile(r"[^\W_]+")
"""What FTS5's unicode61 tokenizer makes a token of (letters and digits; the underscore separates)."""
"""Documents written per transaction."""


@dataclass
class IngestSummary:
    """What one ingest did: counts, and one line per failed input."""

    stored: int = 0
    updated: int = 0
    """Stored documents analysed again and replaced because the input gave them another date or url
    (``habar ingest --update``)."""
    duplicate: int = 0
    stale: int = 0
    """Of the duplicates, those whose input gives another date or url than the stored document (not replaced:
    ``--update`` would)."""
    near_duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    not_kazakh: dict[str, int] = field(default_factory=dict)
    """Documents without a sentence in Kazakh, per language: stored with their words, not their facts (the
    Kazakh stages did not read them)."""
    failures: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    """Ids of the Documents analysed by :func:`habar.ingest.ingest_items`, in input order (stored or not)."""

    def line(self) -> str:
        updated = f"{self.updated} updated, " if self.updated else ""
        stale = (f" ({self.stale} with another date or url than the stored one: --update replaces "
                 f"{'it' if self.stale == 1 else 'them'})" if self.stale else "")
        languages = language_counts(self.not_kazakh)
        return (f"{self.stored} stored{languages}, {updated}{self.duplicate} duplicate{stale}, {self.near_duplicate} "
                f"near-duplicate (linked to the original), {self.skipped} skipped, {self.failed} failed")


def language_counts(not_kazakh: dict[str, int]) -> str:
    """`` (2 not Kazakh: ru 1, en 1; --all-languages analyses them)`` for a summary line, or nothing."""
    if not not_kazakh:
        return ""
    langs = ", ".join(f"{lang} {n}" for lang, n in sorted(not_kazakh.items(), key=lambda x: (-x[1], x[0])))
    return f" ({sum(not_kazakh.values())} not Kazakh: {langs}; --all-languages analyses them)"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _entity_key(entity: dict[str, Any]) -> str:
    kb_id = entity.get("kb_id")
    if kb_id:
        return f"kb:{kb_id}"
    return f"{entity.get('label') or ''}:{_fold(str(entity.get('name') or ''))}"


class Archive:
    """A habar archive in one SQLite file: ``ingest``, ``search``, ``entity``, ``export``.

    ``Archive(path)`` creates the file on first use (and migrates an older one); ``readonly=True`` only reads
    and never creates or changes anything.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.conn = connect(self.path, write=not readonly)
        self._doc_freq: Counter[str] = Counter()
        """Documents per index term among those stored by the batch being written (added to term_df)."""
        self._indexed: tuple[int, int] | None = None
        """(PRAGMA data_version, number of indexed documents), cached by search; reset by every write."""

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing

    def add(self, docs: Iterable[Document | dict[str, Any]], *, summary: IngestSummary | None = None,
            progress: Callable[[str], None] | None = None, replace: bool = False) -> IngestSummary:
        """Store analysed documents (``Document`` objects or their dicts), one transaction per batch
        (:func:`habar.ingest.ingest` reads and analyses inputs into this).

        A document whose id (content hash) is stored already is a duplicate and changes nothing, unless
        ``replace``: then the stored document takes the new one's date, url, source, language and facts
        (entities, quotations, events), counted as ``updated``. Its text, and so its search index and
        near-duplicate signature, are the same by the hash; it keeps its place (rowid) in the archive."""
        if self.readonly:
            raise ArchiveError(f"{self.path}: opened read-only; cannot store documents")
        summary = summary or IngestSummary()
        batch: list[dict[str, Any]] = []
        for doc in docs:
            batch.append(doc if isinstance(doc, dict) else doc.model_dump(mode="json"))
            if len(batch) >= BATCH:
                self._write_batch(batch, summary, progress, replace)
                batch = []
        if batch:
            self._write_batch(batch, summary, progress, replace)
        if summary.stored and summary.stored * 10 >= self.count():
            self.optimize()
        return summary

    def optimize(self) -> None:
        """Merge the search index into one segment (faster queries); done after an ingest that grew the
        archive by 10 % or more."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute("INSERT INTO search (search) VALUES ('optimize')")
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise explain(exc, self.path, "optimising the search index") from None

    def _write_batch(self, batch: list[dict[str, Any]], summary: IngestSummary,
                     progress: Callable[[str], None] | None, replace: bool = False) -> None:
        signatures = [near.signature(doc.get("text") or "") for doc in batch]  # outside the lock
        outcomes: list[str] = []
        self._doc_freq.clear()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for doc, sig in zip(batch, signatures, strict=True):
                    outcomes.append(self._write_one(doc, sig, replace))
                # one upsert per distinct term of the batch (a batch shares most of its words)
                self.conn.executemany(
                    "INSERT INTO term_df (term, df) VALUES (?, ?) "
                    "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
                    self._doc_freq.items())
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._indexed = None
        except sqlite3.Error as exc:
            raise explain(exc, self.path, f"storing a batch of {len(batch)} documents") from None
        for doc, outcome in zip(batch, outcomes, strict=True):
            if outcome == "stored":
                summary.stored += 1
                language = not_kazakh(doc.get("language"), doc.get("warnings") or [])
                if language is not None:
                    summary.not_kazakh[language] = summary.not_kazakh.get(language, 0) + 1
            elif outcome == "updated":
                summary.updated += 1
            elif outcome == "duplicate":
                summary.duplicate += 1
            else:
                summary.near_duplicate += 1
            if progress:
                progress(outcome)

    def _write_one(self, doc: dict[str, Any], sig: Any, replace: bool = False) -> str:
        conn = self.conn
        doc_id = str(doc["id"])
        blob = zlib.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), 6)
        row = conn.execute("SELECT rowid, duplicate_of FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row and not replace:
            return "duplicate"
        if row:
            self._replace_one(int(row[0]), doc, blob, facts=row[1] is None)
            return "updated"
        text = str(doc.get("text") or "")
        original = near.find_original(conn, sig)
        cur = conn.execute(
            "INSERT INTO documents (id, source, url, title, published, language, duplicate_of, similarity, "
            "ingested_at, text, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, doc.get("source"), doc.get("url"), doc.get("title"), doc.get("published"),
             doc.get("language"), original[0] if original else None, original[1] if original else None,
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), text, blob))
        rowid = cur.lastrowid
        assert rowid is not None
        if original:
            return "near-duplicate"
        near.remember(conn, rowid, sig)
        title = str(doc.get("title") or "")
        body = body_of(title, text)
        title_terms, body_terms = " ".join(index_terms(title)), " ".join(index_terms(body))
        conn.execute("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)", (rowid, title_terms, body_terms))
        self._doc_freq.update(set(FTS_TOKEN_RE.findall(title_terms + " " + body_terms)))
        self._write_facts(rowid, doc)
        return "stored"

    def _replace_one(self, rowid: int, doc: dict[str, Any], blob: bytes, *, facts: bool) -> None:
        """The stored document ``rowid`` (the same text) takes the metadata and facts of ``doc``."""
        conn = self.conn
        conn.execute("UPDATE documents SET source = ?, url = ?, published = ?, language = ?, document = ? "
                     "WHERE rowid = ?", (doc.get("source"), doc.get("url"), doc.get("published"),
                                         doc.get("language"), blob, rowid))
        if not facts:  # a near-duplicate: no facts of its own (they are its original's)
            return
        entities = [r[0] for r in conn.execute("SELECT DISTINCT entity FROM mentions WHERE doc = ?", (rowid,))]
        conn.execute("DELETE FROM event_roles WHERE event IN (SELECT rowid FROM events WHERE doc = ?)", (rowid,))
        for table in ("events", "quotes", "mentions", "positions"):
            conn.execute(f"DELETE FROM {table} WHERE doc = ?", (rowid,))
        self._write_facts(rowid, doc)
        # an entity only this document named, and no longer names, goes
        conn.executemany("DELETE FROM entities WHERE rowid = ? AND NOT EXISTS (SELECT 1 FROM mentions WHERE "
                         "entity = ?) AND NOT EXISTS (SELECT 1 FROM event_roles WHERE entity = ?) AND NOT EXISTS "
                         "(SELECT 1 FROM quotes WHERE entity = ?)", [(e, e, e, e) for e in entities])

    def stored_metadata(self, doc_id: str) -> tuple[str | None, str | None] | None:
        """(published, url) of the stored document with this id (content hash), or None when none is."""
        row = self.conn.execute("SELECT published, url FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else (row[0], row[1])

    def _entity_rowid(self, entity: dict[str, Any]) -> int:
        key = _entity_key(entity)
        row = self.conn.execute("SELECT rowid FROM entities WHERE key = ?", (key,)).fetchone()
        if row:
            return int(row[0])
        name = str(entity.get("name") or "")
        cur = self.conn.execute(
            "INSERT INTO entities (key, name, name_fold, label, kb_id) VALUES (?, ?, ?, ?, ?)",
            (key, name, _fold(name), entity.get("label"), entity.get("kb_id")))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _write_facts(self, rowid: int, doc: dict[str, Any]) -> None:
        """Entities, mentions, quotations and events (present once those stages have run; absent is fine)."""
        conn = self.conn
        text = str(doc.get("text") or "")
        local: dict[str, int] = {}
        for entity in doc.get("entities") or []:
            ent = self._entity_rowid(entity)
            if entity.get("id") is not None:
                local[str(entity["id"])] = ent
            mentions = entity.get("mentions") or []
            conn.executemany(
                "INSERT INTO mentions (doc, entity, start, end, text, text_fold) VALUES (?, ?, ?, ?, ?, ?)",
                [(rowid, ent, m.get("start"), m.get("end"), m.get("text") or text[m["start"]:m["end"]],
                  _fold(m.get("text") or text[m["start"]:m["end"]])) for m in mentions])
        conn.executemany("INSERT INTO positions (doc, entity, position) VALUES (?, ?, ?)",
                         [(rowid, local[str(e["id"])], local[str(p)]) for e in doc.get("entities") or []
                          for p in e.get("positions") or [] if str(e.get("id")) in local and str(p) in local])
        for quote in doc.get("quotes") or []:
            speaker = quote.get("speaker") or {}
            speaker_ent = local.get(str(speaker.get("entity"))) if speaker.get("entity") is not None else None
            conn.execute(
                "INSERT INTO quotes (doc, entity, speaker, cue, kind, start, end, text) VALUES (?, ?, ?, ?, ?, ?, "
                "?, ?)", (rowid, speaker_ent, speaker.get("name"), quote.get("cue"), quote.get("kind"),
                          quote.get("start"), quote.get("end"), quote.get("text")))
        for event in doc.get("events") or []:
            evidence = event.get("evidence") or {}
            start, end = evidence.get("start"), evidence.get("end")
            cur = conn.execute(
                "INSERT INTO events (doc, type, cameo, date, evidence_start, evidence_end, evidence) VALUES (?, ?, "
                "?, ?, ?, ?, ?)", (rowid, event.get("type"), event.get("cameo"), event.get("date"), start, end,
                                   text[start:end] if isinstance(start, int) and isinstance(end, int) else None))
            roles = [("actor", e) for e in event.get("actors") or []]
            roles += [("counterpart", e) for e in event.get("counterparts") or []]
            if event.get("place") is not None:
                roles.append(("place", event["place"]))
            conn.executemany("INSERT INTO event_roles (event, entity, role) VALUES (?, ?, ?)",
                             [(cur.lastrowid, local[str(e)], role) for role, e in roles if str(e) in local])

    # ---------------------------------------------------------------- reading

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id (its content hash, ``Document.id``) is stored."""
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def count(self) -> int:
        """Number of stored documents (near-duplicates included)."""
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document(self, doc_id: str) -> dict[str, Any]:
        """The stored Document JSON of one document, as a dict."""
        row = self.conn.execute("SELECT document FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id!r} in the archive")
        result: dict[str, Any] = json.loads(zlib.decompress(row[0]))
        return result

    def entity_numbers(self, doc: dict[str, Any]) -> dict[str, int]:
        """For a Document (as a dict), its entity ids ('e1', ...) mapped to the archive's entity numbers (the
        ones stored; an entity of a document never stored has none)."""
        out: dict[str, int] = {}
        for entity in doc.get("entities") or []:
            row = self.conn.execute("SELECT rowid FROM entities WHERE key = ?", (_entity_key(entity),)).fetchone()
            if row and entity.get("id") is not None:
                out[str(entity["id"])] = int(row[0])
        return out

    def search(self, query: str, *, entity: str | None = None, type: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 10, expand: bool = True) -> list[Any]:
        """Ranked search (bm25) that understands Kazakh endings; see :mod:`habar.archive.search`.

        ``expand=False`` turns off the pseudo-relevance feedback re-ranking."""
        from habar.archive.search import search

        return search(self, query, entity=entity, type=type, since=since, until=until, limit=limit,
                      expand=expand)

    def entity(self, name: str | int, *, top: int = 10) -> Any:
        """One entity's profile, by name (a name variant or a knowledge-base id) or by its entity number (an
        ``int``: the ``entity`` column of the exports); see :mod:`habar.archive.profile`."""
        from habar.archive.profile import profile

        return profile(self, name, top=top)

    def entities(self, query: str = "", *, limit: int = 20) -> list[Any]:
        """Entities whose name or a name variant contains ``query`` (all when empty), most mentioned first."""
        from habar.archive.profile import find_entities

        return find_entities(self, query, limit=limit)

    def events(self, *, type: str | None = None, since: str | None = None, until: str | None = None,
               entity: str | int | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Stored events, most recent first, filtered by type, date (the event's, else the article's) and
        participant; see :func:`habar.archive.profile.list_events`."""
        from habar.archive.profile import list_events

        return list_events(self, type=type, since=since, until=until, entity=entity, limit=limit)

    def export(self, fmt: str, path: str | Path) -> list[Path]:
        """Write the archive as tables (jsonl, csv, parquet), a GraphML graph, or CoNLL-U; returns the files."""
        from habar.archive.export import export

        return export(self, fmt, Path(path))
