"""Throughput of the facts stages (time, quotes, events, keywords) on the real articles in ../shared.

The peer, in the same run, is the foundation pipeline without them (clean, sentences, language): the table
shows what the facts stages cost. Run: ``.venv/bin/python bench/facts.py [ROUNDS]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "articles"
FACTS = ("habar_time", "habar_quotes", "habar_events", "habar_keywords")


def main() -> None:
    import habar
    from habar.pipeline import load

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    if not texts:
        sys.exit(f"needs {ARTICLES} (absent here)")
    chars = sum(len(t) for t in texts)
    nlp = load()
    rows = []
    for label, disabled in (("foundation (peer)", FACTS), ("foundation + facts", ())):
        habar.analyze(texts[0])  # warm up
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            with nlp.select_pipes(disable=list(disabled)):
                for text in texts:
                    habar.analyze(text, published="2024-04-16")
            best = min(best, time.perf_counter() - start)
        rows.append((label, len(texts) / best, chars / best / 1000))
    print(f"{'pipeline':<22} {'docs/s':>8} {'kchars/s':>9}")
    for label, docs, kchars in rows:
        print(f"{label:<22} {docs:>8.1f} {kchars:>9.1f}")


if __name__ == "__main__":
    main()
