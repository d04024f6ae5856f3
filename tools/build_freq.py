"""Word-form frequencies for the morph stage (src/habar/resources/kk_word_freq.tsv), from KazNERD's train split.

Usage: python tools/build_freq.py ../shared/data/kaznerd/train.iob > src/habar/resources/kk_word_freq.tsv
KazNERD (Yeshpanov, Khassanov and Varol, LREC 2022), CC BY 4.0. Lower-cased alphabetic forms with their counts.
"""

from __future__ import annotations

import sys
from collections import Counter


def main(path: str) -> None:
    counts: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word = line.split(" ", 1)[0].strip().lower()
            if word and word.replace("-", "").isalpha():
                counts[word] += 1
    print("# Word-form counts from KazNERD train.iob (CC BY 4.0, Yeshpanov, Khassanov and Varol, LREC 2022),")
    print("# built by tools/build_freq.py. form<TAB>count.")
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{word}\t{n}")


if __name__ == "__main__":
    main(sys.argv[1])
