"""Choose the corpus documents and their split, once; the result is corpus/splits.toml (committed, fixed).

    python tools/corpus_select.py ../shared/data > corpus/splits.toml

- the 16 annotated articles (read while the facts stages were written: all go to ``train``);
- 40 full articles from ``articles/pool`` and 240 leads from ``search-eval/articles.jsonl``, taken round-robin
  across the site sections of their URLs (``kazakhstan_news``, ``world_news``, ``sport``, ...) after a seeded
  shuffle, so no section and no stretch of the file dominates;
- of these, a seeded 40 % of the whole corpus (116 documents) go to ``test``, the rest to ``train``;
- 25 of the new documents (leads and full articles from both splits) are marked ``double`` for the
  inter-annotator agreement study.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261203


def main(data: Path) -> None:
    rng = random.Random(SEED)
    gold = sorted(p.stem for p in (data / "articles").glob("tengri_*.txt"))
    pool = sorted(p.stem for p in (data / "articles" / "pool").glob("tengri_*.txt"))
    # full articles of at most 400 words (the longest run to 1,350 and would take most of the annotation time)
    words = {}
    for line in (data / "articles" / "pool" / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, _csv, _row, n = line.split("\t")
        words[Path(name).stem] = int(n)
    pool = [p for p in pool if words.get(p, 0) <= 400]
    rng.shuffle(pool)
    pool = sorted(pool[:40])
    by_section: dict[str, list[int]] = defaultdict(list)
    with (data / "search-eval" / "articles.jsonl").open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            url = json.loads(line)["url"]
            by_section[url.split("/")[3]].append(lineno)
    for lines in by_section.values():
        rng.shuffle(lines)
    leads: list[int] = []
    order = sorted(by_section)
    while len(leads) < 240:
        for section in order:
            if by_section[section] and len(leads) < 240:
                leads.append(by_section[section].pop())
    new = [f"lead_{n:04d}" for n in sorted(leads)] + pool
    total = len(gold) + len(new)
    shuffled = new[:]
    rng.shuffle(shuffled)
    test = set(shuffled[: round(total * 0.4)])
    double = set(shuffled[:13] + shuffled[-12:])
    print("# The corpus documents and their split: fixed by document (tools/corpus_select.py, seed", SEED, ").")
    print("# train: read it, learn from it, write rules from it. test: scored only, never read; its errors are")
    print("# looked at only as counts by class. double: annotated twice, independently (docs/annotation.md).")
    print(f"# {total} documents: {total - len(test)} train, {len(test)} test, {len(double)} annotated twice.\n")
    for split in ("train", "test"):
        names = [d for d in gold + new if (d in test) == (split == "test")]
        print(f"{split} = [")
        for i in range(0, len(names), 6):
            print("  " + ", ".join(f'"{d}"' for d in names[i : i + 6]) + ",")
        print("]\n")
    print("double = [")
    names = sorted(double)
    for i in range(0, len(names), 6):
        print("  " + ", ".join(f'"{d}"' for d in names[i : i + 6]) + ",")
    print("]")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
