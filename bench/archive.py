"""Archive benchmark: a synthetic archive built from KazNERD sentences and the sample article (no network).

Each synthetic article is the sample article's title line plus 6-12 random KazNERD training sentences, with
the sentences' gold entities attached as Document entities (the entity stage is on another branch) and a
random 2022-2024 publication date. Every article goes through the full pipeline (habar.analyze) and
Archive.add. Measured, in one run: ingest rate (one process = one core), database size per article, search
latency p50/p95 over 50 queries for habar's index and for a plain FTS5 index without stemming (the peer,
built over the same documents), and entity-profile latency p95.

    python bench/archive.py --size 5000
    python bench/archive.py --size 100000 --keep /tmp/a.db   # keep the archive, then re-measure search alone:
    python bench/archive.py --reuse /tmp/a.db                # (queries and names drawn from its first 200 articles)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KAZNERD = ROOT.parent / "shared" / "data" / "kaznerd" / "train.iob"
SAMPLE = ROOT / "examples" / "baku-visit.txt"


def read_iob(path: Path) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, label = line.rpartition(" ")
        current.append((token, label))
    if current:
        sentences.append(current)
    return sentences


def sentence_text(sent: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Text with single spaces between tokens, and (start, end, label) of each gold entity."""
    parts, spans, pos = [], [], 0
    open_span: list[Any] | None = None
    for token, label in sent:
        start = pos
        parts.append(token)
        pos += len(token) + 1
        if label.startswith("B-") or (label.startswith("I-") and open_span is None):
            if open_span:
                spans.append(tuple(open_span))
            open_span = [start, start + len(token), label[2:]]
        elif label.startswith("I-") and open_span is not None:
            open_span[1] = start + len(token)
        else:
            if open_span:
                spans.append(tuple(open_span))
            open_span = None
    if open_span:
        spans.append(tuple(open_span))
    return " ".join(parts), spans  # type: ignore[return-value]


def build_docs(size: int, seed: int = 7, timer: list[float] | None = None) -> Iterator[dict[str, Any]]:
    """The synthetic articles, one at a time (bounded memory); time spent analysing is added to timer[0]."""
    import habar

    rng = random.Random(seed)
    sents = [sentence_text(s) for s in read_iob(KAZNERD)]
    title = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    for i in range(size):
        t0 = time.perf_counter()
        chosen = rng.sample(sents, rng.randint(6, 12))
        body, ents, pos = [], [], 0
        for text, spans in chosen:
            body.append(text)
            ents += [(pos + s, pos + e, label) for s, e, label in spans]
            pos += len(text) + 1
        published = f"{rng.randint(2022, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = habar.analyze(" ".join(body), title=f"{title} ({i})", published=published).model_dump(mode="json")
        text, joined = doc["text"], " ".join(body)
        cursor = 0
        entities: dict[tuple[str, str], dict[str, Any]] = {}
        for s, e, label in ents:  # cleaning may have changed the text: find each name, in order
            name = joined[s:e]
            found = text.find(name, cursor)
            if found < 0:
                continue
            cursor = found + len(name)
            ent = entities.setdefault((label, name), {"id": f"e{len(entities) + 1}", "label": label, "name": name,
                                                      "kb_id": None, "mentions": []})
            ent["mentions"].append({"start": found, "end": cursor, "text": name})
        doc["entities"] = list(entities.values())
        if timer is not None:
            timer[0] += time.perf_counter() - t0
        yield doc


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def latencies(archive: Any, vocab: list[str], names: list[str]) -> tuple[list[float], list[float], list[float]]:
    """Search (habar, plain FTS5) and entity-profile latencies in ms, for 50 queries and 50 names."""
    from habar.evaluate.search import plain_index, plain_search

    rng = random.Random(11)
    queries = [" ".join(rng.sample(vocab, rng.randint(1, 3))) for _ in range(50)]
    profiles = rng.sample(names, min(50, len(names)))
    ours = []
    for q in queries:
        t = time.perf_counter()
        archive.search(q, limit=10)
        ours.append(1000 * (time.perf_counter() - t))
    prof = []
    for name in profiles:
        t = time.perf_counter()
        archive.entity(name)
        prof.append(1000 * (time.perf_counter() - t))
    if archive.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'plain_search'").fetchone()[0] == 0:
        plain_index(archive)
    plain = []
    for q in queries:
        t = time.perf_counter()
        plain_search(archive, q)
        plain.append(1000 * (time.perf_counter() - t))
    return ours, plain, prof


def measure_only(db: Path) -> None:
    import habar

    with habar.Archive(db) as archive:
        conn = archive.conn
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        vocab = [w for (text,) in conn.execute("SELECT text FROM documents ORDER BY rowid LIMIT 200")
                 for w in text.split() if len(w) > 5 and w.isalpha()]
        names = [r[0] for r in conn.execute(
            "SELECT DISTINCT e.name FROM entities e JOIN mentions m ON m.entity = e.rowid "
            "WHERE m.doc <= 200 AND e.label IN ('PERSON', 'GPE', 'ORGANISATION') ORDER BY e.name")]
        ours, plain, prof = latencies(archive, vocab, names)
    print(f"existing archive {db}: {n} articles, {db.stat().st_size / n / 1024:.1f} KB/article")
    print(f"{'measure':<36} {'habar':>12} {'plain FTS5':>12}")
    print(f"{'search p50, ms (50 queries)':<36} {statistics.median(ours):>12.2f} {statistics.median(plain):>12.2f}")
    print(f"{'search p95, ms':<36} {pct(ours, 95):>12.2f} {pct(plain, 95):>12.2f}")
    print(f"{'entity profile p50, ms (50 names)':<36} {statistics.median(prof):>12.2f} {'-':>12}")
    print(f"{'entity profile p95, ms':<36} {pct(prof, 95):>12.2f} {'-':>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="number of synthetic articles")
    parser.add_argument("--keep", type=Path, help="keep the archive at this path (default: a temporary folder)")
    parser.add_argument("--reuse", type=Path, help="measure search and profiles on an archive built before")
    args = parser.parse_args()
    if args.reuse:
        measure_only(args.reuse)
        return
    if not KAZNERD.exists():
        sys.exit(f"needs {KAZNERD} (../shared)")
    import habar
    timer = [0.0]
    vocab: list[str] = []
    names: list[str] = []

    def docs() -> Iterator[dict[str, Any]]:
        for i, doc in enumerate(build_docs(args.size, timer=timer)):
            if i < 200:
                vocab.extend(w for w in doc["text"].split() if len(w) > 5 and w.isalpha())
                names.extend(e["name"] for e in doc["entities"] if e["label"] in ("PERSON", "GPE", "ORGANISATION"))
            yield doc

    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "bench.db"
        if db.exists():
            sys.exit(f"{db} exists; give a new path to --keep")
        with habar.Archive(db) as archive:
            t0 = time.perf_counter()
            summary = archive.add(docs())
            analyse_s = timer[0]
            store_s = time.perf_counter() - t0 - analyse_s
            archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = db.stat().st_size
            ours, plain, prof = latencies(archive, vocab, names)
    n = args.size
    print(f"synthetic archive: {n} articles ({summary.stored} stored, {summary.near_duplicate} near-duplicate), "
          f"one process (= one core)")
    print(f"{'measure':<36} {'habar':>12} {'plain FTS5':>12}")
    print(f"{'analyse (pipeline), articles/s':<36} {n / analyse_s:>12.1f} {'-':>12}")
    print(f"{'store (Archive.add), articles/s':<36} {n / store_s:>12.1f} {'-':>12}")
    print(f"{'ingest total, articles/s/core':<36} {n / (analyse_s + store_s):>12.1f} {'-':>12}")
    print(f"{'database size, KB/article':<36} {size / n / 1024:>12.1f} {'-':>12}")
    print(f"{'search p50, ms (50 queries)':<36} {statistics.median(ours):>12.2f} {statistics.median(plain):>12.2f}")
    print(f"{'search p95, ms':<36} {pct(ours, 95):>12.2f} {pct(plain, 95):>12.2f}")
    print(f"{'entity profile p50, ms (50 names)':<36} {statistics.median(prof):>12.2f} {'-':>12}")
    print(f"{'entity profile p95, ms':<36} {pct(prof, 95):>12.2f} {'-':>12}")


if __name__ == "__main__":
    main()
