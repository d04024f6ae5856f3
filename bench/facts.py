"""Throughput of the facts stages (time, quotes, events, keywords) on the real articles in ../shared.

The peer, in the same run, is the foundation pipeline without them (clean, sentences, language): the table
shows what the facts stages cost. Run: ``.venv/bin/python bench/facts.py [ROUNDS]``.

Then each stage's share of the whole analysis, twice: on the 16 articles once more after the rounds (every word
already in the morphology's and the tagger's caches: this favours the stages that cache, as no stream of new
articles does), and on articles the process has not seen (the pool's, after 40 others warmed the caches), which
is what analysing a feed costs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "articles"
POOL = ARTICLES / "pool"
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
    print()
    print("the 16 articles again (warm caches)")
    stage_shares(nlp, texts)
    pool = [p.read_text(encoding="utf-8") for p in sorted(POOL.glob("*.txt"))]
    if len(pool) > 40:
        for text in pool[:40]:
            habar.analyze(text, published="2024-04-16")
        print()
        print(f"{len(pool) - 40} articles of the pool not seen before (after 40 others)")
        stage_shares(nlp, pool[40:])


def stage_shares(nlp: object, texts: list[str]) -> None:
    """Each pipeline component's share of the whole ``habar.analyze`` time (reading, cleaning and conversion to
    a Document included), one round over ``texts`` with every component wrapped in a timer."""
    import habar

    spent: dict[str, float] = {}
    components = nlp._components  # type: ignore[attr-defined]
    originals = list(components)

    def timed(name: str, proc: object) -> object:
        def run(doc: object) -> object:
            start = time.perf_counter()
            out = proc(doc)  # type: ignore[operator]
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
            return out
        return run

    components[:] = [(name, timed(name, proc)) for name, proc in originals]
    try:
        start = time.perf_counter()
        for text in texts:
            habar.analyze(text, published="2024-04-16")
        total = time.perf_counter() - start
    finally:
        components[:] = originals
    print(f"{'stage':<22} {'seconds':>8} {'share':>7}")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{name:<22} {seconds:>8.3f} {100 * seconds / total:>6.1f}%")
    rest = total - sum(spent.values())
    print(f"{'(outside the stages)':<22} {rest:>8.3f} {100 * rest / total:>6.1f}%")
    facts = spent.get("habar_quotes", 0.0) + spent.get("habar_events", 0.0)
    print(f"quotes + events: {100 * facts / total:.1f}% of the whole analysis")


if __name__ == "__main__":
    main()
