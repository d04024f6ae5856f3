"""Long articles: is every stage linear in the article's length?

Builds one article of each size (default 100 KB, 1 MB and 5 MB of UTF-8) by joining the paragraphs of the
shared real articles (``../shared/data/articles``, its ``pool/`` and the bundled sample; cycled when the size
needs more), analyses each in a fresh process (so that peak memory is that article's) and prints, per size:
seconds, seconds per MB, peak resident memory and its growth per MB, and the slowest stages. The peer is the
smallest article, in the same run: seconds per MB must stay within 1.5x of it (``FLAT``), else rc 1.

    python bench/long.py                     # 100 KB, 1 MB, 5 MB
    python bench/long.py --sizes 0.1 0.2 0.5 # MB

Cycled text repeats words, so caches (morphology per word form, language per sentence) help the larger
articles somewhat; the first 1 MB or so of text is all distinct.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "articles"
SAMPLE = ROOT / "examples" / "baku-visit.txt"
FLAT = 1.5


def paragraphs() -> list[str]:
    files = sorted(ARTICLES.glob("*.txt")) + sorted((ARTICLES / "pool").glob("*.txt")) if ARTICLES.is_dir() else []
    out: list[str] = []
    for path in [*files, SAMPLE]:
        text = path.read_text(encoding="utf-8")
        out.extend(p.strip() for p in text.split("\n") if len(p.strip()) > 40)
    return out


def article(size_bytes: int) -> str:
    paras, parts, total, k = paragraphs(), ["Ұзақ мақала"], 0, 0
    while total < size_bytes:
        p = paras[k % len(paras)]
        parts.append(p)
        total += len(p.encode("utf-8")) + 2
        k += 1
    return "\n\n".join(parts)


def child(size_mb: float) -> None:
    """Analyse one article of ``size_mb`` and print one JSON line of measures."""
    import resource

    from habar.pipeline import _prepare, load, to_document
    from habar.stages.clean import clean

    text = article(int(size_mb * 1_000_000))
    nlp = load()
    warm = _prepare(nlp, clean(article(20_000)), None)  # load the models first: their cost is not the article's
    for _, proc in nlp.pipeline:
        warm = proc(warm)
    to_document(warm)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages: dict[str, float] = {}
    start = time.perf_counter()
    t = time.perf_counter()
    doc = _prepare(nlp, clean(text), None)
    stages["clean+tokenize"] = time.perf_counter() - t
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        stages[name] = time.perf_counter() - t
    t = time.perf_counter()
    document = to_document(doc)
    document.model_dump_json()
    stages["to_document"] = time.perf_counter() - t
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mb": len(text.encode("utf-8")) / 1e6, "seconds": seconds, "peak_mb": peak,
                      "base_mb": base_rss, "stages": stages, "tokens": len(doc)}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1.0, 5.0], help="article sizes in MB")
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.child)
        return 0
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(size)], capture_output=True, text=True,
                             check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"  {r['mb']:.2f} MB analysed in {r['seconds']:.1f} s", file=sys.stderr)
    peer = rows[0]["seconds"] / rows[0]["mb"]
    print(f"{'size':>8} {'tokens':>9} {'seconds':>8} {'s/MB':>6} {'vs peer':>7} {'peak MB':>8} {'+MB/MB':>7}  "
          "slowest stages (s)")
    worst = 1.0
    for r in rows:
        per_mb = r["seconds"] / r["mb"]
        worst = max(worst, per_mb / peer)
        growth = (r["peak_mb"] - r["base_mb"]) / r["mb"]
        slow = sorted(r["stages"].items(), key=lambda kv: -kv[1])[:3]
        print(f"{r['mb']:>6.2f}MB {r['tokens']:>9,} {r['seconds']:>8.1f} {per_mb:>6.1f} {per_mb / peer:>6.2f}x "
              f"{r['peak_mb']:>8.0f} {growth:>7.0f}  " + ", ".join(f"{k} {v:.1f}" for k, v in slow))
    verdict = "flat" if worst <= FLAT else "NOT flat"
    print(f"seconds per MB: worst {worst:.2f}x the {rows[0]['mb']:.2f} MB peer ({verdict}; limit {FLAT}x)")
    return 0 if worst <= FLAT else 1


if __name__ == "__main__":
    sys.exit(main())
