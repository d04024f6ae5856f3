"""Full-text search over the archive: Kazakh-aware terms, bm25 ranking, highlighted snippets, filters.

A query word matches a document when one of the document's index terms (surface forms and every stem their
endings allow, :func:`habar.archive.terms.index_terms`) starts with the word's search stem (4 letters or
more; shorter words must match whole). The words are OR-ed and ranked by bm25 with titles weighted
:data:`TITLE_WEIGHT` times the body. Near-duplicates are not indexed: the original stands for them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from habar.archive.store import explain
from habar.archive.terms import MIN_STEM, WORD_RE, query_terms, word_stems
from habar.errors import UsageError
from habar.pipeline import check_date

if TYPE_CHECKING:
    from habar.archive.core import Archive

TITLE_WEIGHT = 3.0
SNIPPET_CHARS = 200


@dataclass
class SearchHit:
    """One search result: the document, its bm25 score (lower is better, SQLite's sign) and a snippet."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) of each matched word inside ``snippet``."""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["highlights"] = [list(pair) for pair in self.highlights]
        return out


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression for a user query: the OR of its words' stems (prefix match from 4 letters)."""
    parts = []
    for stem in query_terms(query):
        quoted = '"' + stem.replace('"', '""') + '"'
        parts.append(quoted + "*" if len(stem) >= MIN_STEM else quoted)
    return " OR ".join(parts)


def entity_rowids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Entities called ``name`` (name, knowledge-base id, or a name variant seen in a mention)."""
    fold = " ".join(name.casefold().split())
    rows = conn.execute(
        "SELECT rowid FROM entities WHERE name_fold = ? OR kb_id = ? "
        "UNION SELECT DISTINCT entity FROM mentions WHERE text_fold = ?", (fold, name, fold)).fetchall()
    return [int(r[0]) for r in rows]


def search(archive: Archive, query: str, *, entity: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 10) -> list[SearchHit]:
    if limit < 1:
        raise UsageError("--limit must be a positive number")
    since = check_date(since, "--since")
    until = check_date(until, "--until")
    match = fts_query(query)
    if not match and not (entity or type or since or until):
        raise UsageError("give a query with at least one word (or a filter: --entity, --type, --since, --until)")
    where = ["d.duplicate_of IS NULL"]
    params: list[Any] = []
    if since:
        where.append("d.published >= ?")
        params.append(since)
    if until:
        where.append("d.published <= ?")
        params.append(until)
    conn = archive.conn
    try:
        if entity:
            ids = entity_rowids(conn, entity)
            where.append(f"d.rowid IN (SELECT doc FROM mentions WHERE entity IN ({','.join('?' * len(ids))}))"
                         if ids else "0")
            params.extend(ids)
        if type:
            where.append("d.rowid IN (SELECT doc FROM events WHERE type = ?)")
            params.append(type)
        columns = "d.id, d.title, d.url, d.source, d.published, d.text"
        if match:
            sql = (f"SELECT {columns}, bm25(search, {TITLE_WEIGHT}, 1.0) AS score FROM search "
                   f"JOIN documents d ON d.rowid = search.rowid WHERE search MATCH ? AND {' AND '.join(where)} "
                   "ORDER BY score LIMIT ?")
            rows = conn.execute(sql, [match, *params, limit]).fetchall()
        else:
            sql = (f"SELECT {columns}, 0.0 FROM documents d WHERE {' AND '.join(where)} "
                   "ORDER BY d.published DESC, d.rowid DESC LIMIT ?")
            rows = conn.execute(sql, [*params, limit]).fetchall()
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "searching") from None
    stems = set(query_terms(query))
    hits = []
    for doc_id, title, url, source, published, text, score in rows:
        snippet, highlights = make_snippet(text, stems)
        hits.append(SearchHit(doc_id, title, url, source, published, float(score), snippet, highlights))
    return hits


def _matches(word: str, stems: set[str]) -> bool:
    for stem in word_stems(word.lower()):
        for q in stems:
            if stem == q or (len(q) >= MIN_STEM and stem.startswith(q)):
                return True
    return False


def make_snippet(text: str, stems: set[str], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` characters of ``text`` around the densest run of matched words, and their spans."""
    found = [(m.start(), m.end()) for m in WORD_RE.finditer(text) if stems and _matches(m.group(0), stems)]
    if not found:
        end = min(len(text), width)
        return text[:end].replace("\n", " ") + ("…" if end < len(text) else ""), []
    best_start, best_count = found[0][0], 0
    for i, (start, _) in enumerate(found):
        count = sum(1 for s, e in found[i:] if e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - width // 4)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 30:
        end += 1
    prefix = "…" if start > 0 else ""
    snippet = prefix + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    spans = [(s + shift, e + shift) for s, e in found if s >= start and e <= end]
    return snippet, spans
