"""Scale-out of ``habar ingest --dask``: documents per second on a local Dask cluster of 1 and 2 workers.

Input: N short synthetic Kazakh articles (JSON Lines), each a title and 3-6 sentences of the bundled sample
``examples/baku-visit.txt`` drawn at random (fixed seed), so every article differs. Each configuration runs
the partitioned ingest (:func:`habar.ingest.ingest_parts`, Parquet output, partitions of 256 articles) on a
fresh ``LocalCluster`` of single-threaded worker processes; the clock starts when the workers have loaded the
pipeline and stops when the last partition is written. Memory per worker: the resident set of each worker
process, sampled every 0.5 s (peak, and after loading the pipeline). Then the Parquet output of the largest
cluster is merged into an SQLite archive on one core (:func:`habar.ingest.merge_parts`), to show what the
merge costs next to the analysis.

Usage: python bench/scale.py [--articles 20000] [--workers 1,2] [--no-merge]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "baku-visit.txt"


def synthetic_corpus(path: Path, n: int, seed: int = 20) -> int:
    """Write ``n`` synthetic articles as JSON Lines; returns the number of words."""
    text = SAMPLE.read_text(encoding="utf-8")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?»])\s+", text) if len(s.strip()) > 20]
    rng = random.Random(seed)
    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = " ".join(rng.sample(sentences, rng.randint(3, 6)))
            words += len(body.split())
            day = 1 + i % 28
            fh.write(json.dumps({"title": f"Жаңалық №{i + 1}", "text": body, "published": f"2022-08-{day:02d}"},
                                ensure_ascii=False) + "\n")
    return words


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _cpu() -> float:
    import psutil

    times = psutil.Process().cpu_times()
    return float(times.user + times.system)


class MemorySampler(threading.Thread):
    """Peak resident memory of every worker process, sampled through ``client.run``."""

    def __init__(self, client: Any, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.client, self.every = client, every
        self.peak: dict[str, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                for worker, rss in self.client.run(_rss).items():
                    self.peak[worker] = max(self.peak.get(worker, 0), rss)
            except Exception:  # a sample missed while the cluster is busy is no failure
                pass
            self.stop.wait(self.every)


def run_config(corpus: Path, out: Path, workers: int, partition_size: int) -> dict[str, Any]:
    from habar.distributed import connect, runner
    from habar.ingest import ingest_parts

    started = time.perf_counter()
    with connect(f"local:{workers}") as client:
        client.wait_for_workers(workers)
        ready = time.perf_counter() - started
        loaded = client.run(_rss)
        sampler = MemorySampler(client)
        sampler.start()
        load_before = os.getloadavg()[0]
        cpu0 = client.run(_cpu)
        t0 = time.perf_counter()
        parts = ingest_parts([str(corpus)], out, partition_size=partition_size, run=runner(client))
        seconds = time.perf_counter() - t0
        cpu = sum(client.run(_cpu)[w] - cpu0[w] for w in cpu0)
        load_after = os.getloadavg()[0]
        sampler.stop.set()
        sampler.join()
    docs = sum(p.documents for p in parts)
    return {"workers": workers, "documents": docs, "failed": sum(p.failed for p in parts), "partitions": len(parts),
            "seconds": seconds, "docs_per_s": docs / seconds, "startup_s": ready,
            "rss_loaded_mb": max(loaded.values()) / 1e6, "rss_peak_mb": max(sampler.peak.values()) / 1e6,
            "task_seconds": sum(p.seconds for p in parts), "worker_cpu_s": cpu,
            "docs_per_cpu_s": docs / cpu, "loadavg": [load_before, load_after]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--partition-size", type=int, default=256)
    ap.add_argument("--no-merge", action="store_true")
    ap.add_argument("--json", type=Path, help="Also write the results here.")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="habar-scale-"))
    try:
        corpus = tmp / "synthetic.jsonl"
        words = synthetic_corpus(corpus, args.articles)
        print(f"{args.articles} synthetic articles, {words / args.articles:.0f} words each on average; "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()}", file=sys.stderr)
        rows = []
        for n in [int(w) for w in args.workers.split(",")]:
            row = run_config(corpus, tmp / f"out-{n}", n, args.partition_size)
            rows.append(row)
            print(f"  {n} worker(s): {row['docs_per_s']:.1f} docs/s", file=sys.stderr)
        base = rows[0]["docs_per_cpu_s"]  # a worker that has its core to itself
        merge = None
        if not args.no_merge:
            from habar.archive import Archive
            from habar.ingest import merge_parts

            t0 = time.perf_counter()
            with Archive(tmp / "merged.db") as archive:
                summary = merge_parts(archive, tmp / f"out-{rows[-1]['workers']}")
            merge = {"seconds": time.perf_counter() - t0, "documents": summary.stored + summary.duplicate +
                     summary.near_duplicate, "stored": summary.stored, "near_duplicate": summary.near_duplicate}
            merge["docs_per_s"] = merge["documents"] / merge["seconds"]
        print("| workers | documents | partitions | seconds | docs/s | speed-up | docs per worker CPU-s | "
              "worker RSS loaded / peak (MB) | cluster start (s) | load average before / after |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for row in rows:
            print(f"| {row['workers']} | {row['documents']} | {row['partitions']} | {row['seconds']:.1f} | "
                  f"{row['docs_per_s']:.1f} | {row['docs_per_s'] / rows[0]['docs_per_s']:.2f}x | "
                  f"{row['docs_per_cpu_s']:.1f} | {row['rss_loaded_mb']:.0f} / {row['rss_peak_mb']:.0f} | "
                  f"{row['startup_s']:.1f} | {row['loadavg'][0]:.1f} / {row['loadavg'][1]:.1f} |")
        if merge:
            print(f"\nmerge into SQLite (one process): {merge['documents']} documents in {merge['seconds']:.1f} s = "
                  f"{merge['docs_per_s']:.0f} docs/s ({merge['near_duplicate']} near-duplicates: the synthetic "
                  "articles share their sentences)")
        print(f"\nprojection, 10,000,000 articles at {base:.1f} docs/s per worker (1 worker's docs per CPU-second, "
              "i.e. each worker on a core of its own):")
        for n in (1, 2, 16, 64, 256):
            print(f"  {n:>4} workers: {1e7 / (base * n) / 3600:8.1f} h")
        if args.json:
            args.json.write_text(json.dumps({"rows": rows, "merge": merge, "articles": args.articles,
                                             "words": words}, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
