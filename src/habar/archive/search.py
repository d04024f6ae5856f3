"""Full-text search over the archive: Kazakh-aware terms, bm25 ranking, highlighted snippets, filters.

A query word matches a document when one of the document's index terms (surface forms and every stem their
endings allow, :func:`habar.archive.terms.index_terms`) starts with the word's search stem (4 letters or
more; shorter words must match whole). The words are OR-ed and ranked by bm25 with titles weighted
:data:`TITLE_WEIGHT` times the body. Near-duplicates are not indexed: the original stands for them.
"""

from __future__ import annotations

import bisect
import math
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from habar.archive.store import explain
from habar.archive.terms import MIN_STEM, WORD_RE, body_of, index_terms, query_forms, word_stems
from habar.errors import UsageError
from habar.fields import EVENT_TYPES, check_date

if TYPE_CHECKING:
    from habar.archive.store import Opened as Archive

TITLE_WEIGHT = 3.0
SNIPPET_CHARS = 200


@dataclass
class SearchHit:
    """One search result: the document, its score (higher is better) and a snippet."""

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


COMMON_SHARE = 0.5
"""A query word matching more than this share of the indexed documents (its stem prefix-matched, as the query
does) is left out of the first pass when the query has rarer words: its bm25 weight (idf) is near zero, yet
ranking its postings is most of the cost of a search in a large archive. A query of common words only keeps
its rarest one."""

RANK_WINDOW = 20_000
"""The first pass ranks at most about this many matching documents: the most recently stored ones. bm25
costs about 0.7 µs per matching document (measured: 23 ms for a word in each of 32,000 articles), so a query
that only holds words found everywhere would cost 70 ms and more in an archive of 100,000; such words' idf is
near zero and their ranking says little, so recent news goes first. Filtered searches (--entity, --type,
--since, --until) are not windowed."""


def _indexed_total(archive: Archive) -> int:
    """Number of indexed documents (near-duplicates are not indexed); counted once per change of the file
    (``PRAGMA data_version`` tells when another connection wrote; this one's writes reset the cache)."""
    conn = archive.conn
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    if archive._indexed is None or archive._indexed[0] != version:
        total = int(conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone()[0]) or 1
        archive._indexed = (version, total)
    return archive._indexed[1]


def _match_count(conn: sqlite3.Connection, forms: tuple[str, ...]) -> int:
    """Number of indexed documents a query stem, looked up by ``forms``, matches (cheap: no bm25)."""
    match = _match({forms[0]: forms})
    return int(conn.execute("SELECT count(*) FROM search WHERE search MATCH ?", (match,)).fetchone()[0])


def _common_stems(conn: sqlite3.Connection, forms: dict[str, tuple[str, ...]], total: int) -> set[str]:
    """Stems of ``forms`` (:func:`query_forms`) matching more than :data:`COMMON_SHARE` of the ``total``
    indexed documents."""
    if len(forms) < 2:
        return set()
    freq = {stem: _match_count(conn, looked_up) for stem, looked_up in forms.items()}
    common = {s for s in forms if freq[s] > COMMON_SHARE * total}
    if common and len(common) == len(forms):
        common.discard(min(forms, key=lambda s: freq[s]))
    return common


def fts_query(query: str, leave_out: set[str] | None = None) -> str:
    """The FTS5 MATCH expression for a user query: the OR of its words' stems (prefix match from 4 letters)."""
    return _match(query_forms(query), leave_out)


def _match(forms: dict[str, tuple[str, ...]], leave_out: set[str] | None = None) -> str:
    """The OR of each query stem's forms (:func:`query_forms`), prefix-matched from 4 letters."""
    parts = []
    for stem, looked_up in forms.items():
        if leave_out and stem in leave_out:
            continue
        for form in looked_up:
            quoted = '"' + form.replace('"', '""') + '"'
            parts.append(quoted + "*" if len(form) >= MIN_STEM else quoted)
    return " OR ".join(parts)


def entity_rowids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Entities called ``name``: its name, knowledge-base id or a name variant seen in a mention, and every
    entity whose name holds each word of ``name`` in some form (``Тоқаев`` and ``Тоқаевтың`` find
    ``Қасым-Жомарт Тоқаев``). Most mentioned first."""
    fold = " ".join(name.casefold().split())
    rows = conn.execute(
        "SELECT rowid FROM entities WHERE name_fold = ? OR kb_id = ? "
        "UNION SELECT DISTINCT entity FROM mentions WHERE text_fold = ?", (fold, name, fold)).fetchall()
    found = {int(r[0]) for r in rows}
    query_words = WORD_RE.findall(fold.replace("-", " "))
    if query_words:
        # the entity's name must hold the shortest stem of each word (an index-free prefilter), then a word of
        # the name must be that word or an inflection of it, or the other way round
        stems = [min(word_stems(w) | {w}, key=len) for w in query_words]
        sql = "SELECT rowid, name_fold FROM entities WHERE " + " AND ".join(["name_fold LIKE ?"] * len(stems))
        for rowid, name_fold in conn.execute(sql, [f"%{st}%" for st in stems]):
            words = WORD_RE.findall(name_fold.replace("-", " "))
            if all(any(_same_word(q, w) for w in words) for q in query_words):
                found.add(int(rowid))
    if len(found) < 2:
        return sorted(found)
    counts = dict(conn.execute(
        f"SELECT entity, count(*) FROM mentions WHERE entity IN ({','.join('?' * len(found))}) GROUP BY entity",
        sorted(found)).fetchall())
    return sorted(found, key=lambda i: (-counts.get(i, 0), i))


def _same_word(query: str, word: str) -> bool:
    return query == word or query in word_stems(word) or word in word_stems(query)


def search(archive: Archive, query: str, *, entity: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 10,
           expand: bool = True) -> list[SearchHit]:
    if limit < 1:
        raise UsageError("--limit must be a positive number")
    if type is not None and type not in EVENT_TYPES:
        raise UsageError(f"--type must be one of {', '.join(EVENT_TYPES)}, not {type!r}")
    since = check_date(since, "--since")
    until = check_date(until, "--until")
    forms = query_forms(query)
    terms = list(forms)
    match = _match(forms)
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
        if match:
            total = _indexed_total(archive)
            common = _common_stems(conn, forms, total)
            if common:
                match = _match(forms, leave_out=common)
            ranked = _ranked(conn, match, where, params, max(limit, CANDIDATES))
            if expand and ranked:
                ranked = _expanded(conn, terms, total, ranked, limit)
            scores = dict(ranked[:limit])
            order = [rowid for rowid, _ in ranked[:limit]]
        else:
            order = [r[0] for r in conn.execute(
                f"SELECT d.rowid FROM documents d WHERE {' AND '.join(where)} "
                "ORDER BY d.published DESC, d.rowid DESC LIMIT ?", [*params, limit])]
            scores = dict.fromkeys(order, 0.0)
        details = {r[0]: r[1:] for r in conn.execute(
            "SELECT rowid, id, title, url, source, published, text FROM documents WHERE rowid IN "
            f"({','.join('?' * len(order))})", order)}
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "searching") from None
    stems = {form for looked_up in forms.values() for form in looked_up}
    hits = []
    seen: dict[str, bool] = {}
    for rowid in order:
        doc_id, title, url, source, published, text = details[rowid]
        snippet, highlights = make_snippet(text, stems, seen=seen)
        hits.append(SearchHit(doc_id, title, url, source, published, scores[rowid], snippet, highlights))
    return hits


CANDIDATES = 100
"""Candidates the first pass reads; the feedback only re-ranks them."""
FEEDBACK_DOCS = 3
FEEDBACK_TERMS = 5
FEEDBACK_WEIGHT = 0.2
FEEDBACK_CHARS = 1500
"""Pseudo-relevance feedback (in the manner of RM3): the :data:`FEEDBACK_TERMS` terms most typical (tf-idf) of
the :data:`FEEDBACK_DOCS` best first-pass results score the candidates again (:func:`_feedback_scores`), and
that normalised score is added to the first one's with weight :data:`FEEDBACK_WEIGHT`. Only first-pass
candidates are re-ranked, so every result contains a query word. Chosen on pg_kazsearch's 75 dev queries (see
docs/notes/archive.md); ``expand=False`` turns it off."""


def _doc_freq(conn: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    """Number of indexed documents holding each term: the ``term_df`` table written at ingest (one B-tree
    look-up per term; fts5vocab would walk every term's postings to count them)."""
    out: dict[str, int] = {}
    for i in range(0, len(terms), 500):
        chunk = terms[i : i + 500]
        out.update((str(term), int(df)) for term, df in conn.execute(
            f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(chunk))})", chunk))
    return out


def _ranked(conn: sqlite3.Connection, match: str, where: list[str], params: list[Any],
            n: int) -> list[tuple[int, float]]:
    """(rowid, score) best first; score = -bm25 (higher is better).

    Near-duplicates have no rows in the index, so without other filters the index alone is read (no join),
    and at most :data:`RANK_WINDOW` matches, the most recent, are ranked.
    """
    rank = f"bm25(search, {TITLE_WEIGHT}, 1.0)"
    filters = [w for w in where if w != "d.duplicate_of IS NULL"]
    if filters:
        sql = (f"SELECT d.rowid, -{rank} FROM search JOIN documents d ON d.rowid = search.rowid "
               f"WHERE search MATCH ? AND {' AND '.join(filters)} ORDER BY {rank} LIMIT ?")
        return [(int(r), float(s)) for r, s in conn.execute(sql, [match, *params, n])]
    # the RANK_WINDOW-th most recent match, if there are that many (walking rowids without ranking is cheap)
    edge = conn.execute("SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                        (match, RANK_WINDOW - 1)).fetchone()
    window = (" AND rowid >= ?", [int(edge[0])]) if edge else ("", [])
    sql = f"SELECT rowid, -{rank} FROM search WHERE search MATCH ?{window[0]} ORDER BY {rank} LIMIT ?"
    return [(int(r), float(s)) for r, s in conn.execute(sql, [match, *window[1], n])]


def _expanded(conn: sqlite3.Connection, stems: list[str], total: int, ranked: list[tuple[int, float]],
              limit: int) -> list[tuple[int, float]]:
    per_doc: list[tuple[dict[str, int], int]] = []
    for rowid, _ in ranked[:FEEDBACK_DOCS]:
        # the title and lead say what an article is about; stemming a whole long article costs more than it adds
        text = conn.execute("SELECT substr(text, 1, ?) FROM documents WHERE rowid = ?",
                            (FEEDBACK_CHARS, rowid)).fetchone()[0]
        terms = index_terms(text)
        counts: dict[str, int] = {}
        for term in terms:
            if len(term) >= MIN_STEM and not any(term.startswith(s) for s in stems):
                counts[term] = counts.get(term, 0) + 1
        per_doc.append((counts, len(terms)))
    # candidates: terms seen twice (in one feedback document or across them); a term seen once cannot be
    # among the few best anyway, and skipping it saves most document-frequency look-ups
    seen: dict[str, int] = {}
    for counts, _ in per_doc:
        for term, n in counts.items():
            seen[term] = seen.get(term, 0) + n
    doc_freq = _doc_freq(conn, [term for term, n in seen.items() if n >= 2])
    weights: dict[str, float] = {}
    for counts, length in per_doc:
        for term, n in counts.items():
            df = doc_freq.get(term, 0)
            if df >= 2:
                weights[term] = weights.get(term, 0.0) + n / length * math.log(total / df)
    feedback = sorted(weights, key=lambda t: (-weights[t], t))[:FEEDBACK_TERMS]
    best = ranked[0][1] or 1.0
    scores = {rowid: score / best for rowid, score in ranked}
    # the feedback adds at most FEEDBACK_WEIGHT: a candidate further than that below the limit-th first-pass
    # score cannot reach the results, so it is not scored again
    floor = ranked[min(limit, len(ranked)) - 1][1] / best - FEEDBACK_WEIGHT
    reachable = [rowid for rowid, score in scores.items() if score >= floor]
    second = _feedback_scores(conn, {t: math.log(total / doc_freq[t]) for t in feedback}, reachable)
    if second:
        top = max(second.values()) or 1.0
        for rowid, score in second.items():
            scores[rowid] += FEEDBACK_WEIGHT * score / top
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def _feedback_scores(conn: sqlite3.Connection, idf: dict[str, float], candidates: list[int]) -> dict[int, float]:
    """The second pass over the first pass's candidates only: the summed idf of the feedback terms each holds,
    a term in the title counting :data:`TITLE_WEIGHT` times (as in the first pass's bm25).

    Read from the candidates' own text, with the index's own terms (:func:`_holds`): a bm25-ranked second
    FTS5 query read each term's whole postings and its cost grew with the archive (100-130 ms p95 at 100,000
    articles); FTS5 queries restricted to the candidates' rowids cost 10-15 µs per row and term. Term counts
    and lengths are left out: the feedback adds a small, normalised share to the score. Measured on the dev
    queries: recall@10 0.652, MRR@10 0.816 (the bm25 second pass: 0.656, 0.817; docs/benchmarks.md).
    """
    out: dict[int, float] = {}
    if not idf or not candidates:
        return out
    rows = conn.execute(f"SELECT rowid, coalesce(title, ''), text FROM documents WHERE rowid IN "
                        f"({','.join(str(int(rowid)) for rowid in candidates)})").fetchall()
    for rowid, title, text in rows:
        title, body = title.lower(), body_of(title, text).lower()
        score = 0.0
        for term, weight in idf.items():
            if _holds(title, term):
                score += TITLE_WEIGHT * weight
            elif _holds(body, term):
                score += weight
        if score:
            out[int(rowid)] = score
    return out


def _holds(text: str, term: str) -> bool:
    """Whether the lower-cased ``text`` has ``term`` among its index terms (:func:`index_terms`), without
    stemming every word: a stem is a prefix of its word but for a devoiced last letter (шаруашылығы ->
    шаруашылық), so only word parts starting with the term less its last letter are stemmed."""
    head = term[:-1] or term
    if head not in text:
        return False
    for m in re.finditer(r"(?<!\w)" + re.escape(head) + r"\w*", text):
        part = m.group(0)
        if part == term or term in word_stems(part):
            return True
    return False


def _matches(word: str, stems: set[str]) -> bool:
    word = word.lower()
    # a stem is a prefix of its word but for a devoiced last letter: only words that start like a query stem
    # (less its last letter) can match it, and only they are stemmed
    if not word.startswith(tuple(q[:-1] or q for q in stems)):
        return False
    for stem in word_stems(word):
        for q in stems:
            if stem == q or (len(q) >= MIN_STEM and stem.startswith(q)):
                return True
    return False


def make_snippet(text: str, stems: set[str], width: int = SNIPPET_CHARS,
                 seen: dict[str, bool] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` characters of ``text`` around the densest run of matched words, and their spans.

    ``seen``: whether each word matches ``stems``, shared between the hits of one search (news articles
    share most of their words, and deciding a word costs more than finding it)."""
    if seen is None:
        seen = {}
    found = []
    for m in WORD_RE.finditer(text):
        word = m.group(0)
        hit = seen.get(word)
        if hit is None:
            hit = seen[word] = bool(stems) and _matches(word, stems)
        if hit:
            found.append((m.start(), m.end()))
    if not found:
        end = min(len(text), width)
        return text[:end].replace("\n", " ") + ("…" if end < len(text) else ""), []
    best_start, best_count = found[0][0], 0
    ends = sorted(e for _, e in found)
    for start, _ in found:  # the window [start, start + width] holding the most whole matches
        count = bisect.bisect_right(ends, start + width) - bisect.bisect_left(ends, start + 1)
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
