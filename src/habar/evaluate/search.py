"""``habar evaluate search``: recall@10 and MRR@10 of the archive's search on judged queries, next to the
same archive searched by a plain SQLite FTS5 index without stemming (the peer), in the same run.

Data: pg_kazsearch's judgments (``articles.jsonl``: url, title, excerpt; ``queries.jsonl``: query,
relevant_urls). The articles go through ``Archive.ingest`` like any JSON Lines input (text = excerpt).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from habar.archive.core import Archive
from habar.archive.terms import body_of, words
from habar.errors import UsageError
from habar.ingest import ingest

K = 10


@dataclass
class SearchScore:
    name: str
    recall: float
    mrr: float
    queries: int
    ms_per_query: float


def _score(ranked: list[list[str]], relevant: list[set[str]]) -> tuple[float, float]:
    recall = mrr = 0.0
    for urls, rel in zip(ranked, relevant, strict=True):
        recall += len(rel & set(urls[:K])) / len(rel)
        mrr += next((1 / (i + 1) for i, u in enumerate(urls[:K]) if u in rel), 0.0)
    return recall / len(relevant), mrr / len(relevant)


def plain_index(archive: Archive) -> None:
    """The peer: FTS5 over the same documents' title and body, surface words only, no stemming."""
    conn = archive.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS plain_search USING fts5(title, body, "
                 "tokenize='unicode61 remove_diacritics 0')")
    conn.execute("DELETE FROM plain_search")
    rows = conn.execute("SELECT rowid, coalesce(title, ''), text FROM documents WHERE duplicate_of IS NULL")
    conn.executemany("INSERT INTO plain_search (rowid, title, body) VALUES (?, ?, ?)",
                     [(r, t, body_of(t, x)) for r, t, x in rows.fetchall()])


def plain_search(archive: Archive, query: str, limit: int = K) -> list[str]:
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        return []
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return [r[0] for r in archive.conn.execute(
        "SELECT d.url FROM plain_search p JOIN documents d ON d.rowid = p.rowid WHERE plain_search MATCH ? "
        "ORDER BY bm25(plain_search) LIMIT ?", (match, limit))]


def load_queries(path: Path) -> list[dict[str, object]]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            if obj.get("query") and obj.get("relevant_urls"):
                queries.append(obj)
    if not queries:
        raise UsageError(f"{path}: no judged queries (lines need 'query' and 'relevant_urls')")
    return queries


def evaluate_search(folder: Path, progress: Callable[[str], None] | None = None) -> list[SearchScore]:
    articles, queries_path = folder / "articles.jsonl", folder / "queries.jsonl"
    for p in (articles, queries_path):
        if not p.is_file():
            raise UsageError(f"{p}: not found (the folder needs articles.jsonl and queries.jsonl)")
    queries = load_queries(queries_path)
    relevant = [set(q["relevant_urls"]) for q in queries]  # type: ignore[call-overload]
    with tempfile.TemporaryDirectory(prefix="habar-eval-") as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        with open(articles, encoding="utf-8") as src, open(inputs, "w", encoding="utf-8") as out:
            for line in src:
                if line.strip():
                    a = json.loads(line)
                    out.write(json.dumps({"text": a.get("excerpt") or a.get("text") or "", "title": a.get("title"),
                                          "url": a.get("url")}, ensure_ascii=False) + "\n")
        with Archive(Path(tmp) / "eval.db") as archive:
            ingest(archive, [str(inputs)], progress=progress)
            plain_index(archive)
            results = []
            for name, expand in (("habar (Kazakh stems)", True), ("habar without feedback", False)):
                t0 = time.perf_counter()
                ranked = [[h.url or "" for h in archive.search(str(q["query"]), limit=K, expand=expand)]
                          for q in queries]
                elapsed = time.perf_counter() - t0
                recall, mrr = _score(ranked, relevant)
                results.append(SearchScore(name, recall, mrr, len(queries), 1000 * elapsed / len(queries)))
            t0 = time.perf_counter()
            ranked = [plain_search(archive, str(q["query"])) for q in queries]
            elapsed = time.perf_counter() - t0
            recall, mrr = _score(ranked, relevant)
            results.append(SearchScore("plain FTS5 (no stemming)", recall, mrr, len(queries),
                                       1000 * elapsed / len(queries)))
    return results
