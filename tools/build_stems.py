"""Derive habar's stem lexicon (src/habar/resources/kk_stems.tsv) from Hunspell's kk_KZ dictionary.

Usage: python tools/build_stems.py /usr/share/hunspell/kk_KZ.dic > src/habar/resources/kk_stems.tsv
(Debian package hunspell-kk; GPL-2+ / LGPL-2.1+ / MPL-1.1+, see docs/credits.md).

Each dictionary entry becomes ``word<TAB>N``. An entry with the verbal-noun flags (Hunspell's M..z set)
that ends in -у/-ю is an infinitive: its verb stem is added as ``stem<TAB>V`` (оқу -> оқы when the
dictionary also lists оқы, else оқ; ағу -> ақ; қою -> қой; сөйлеу -> сөйле).
"""

from __future__ import annotations

import sys

VOWELS = set("аәеёиоөуұүыіэюя")


def main(path: str) -> None:
    entries: dict[str, str] = {}
    words: set[str] = set()
    rows = []
    with open(path, encoding="utf-8-sig") as fh:
        next(fh)
        for line in fh:
            word, _, flags = line.strip().partition("/")
            if word:
                rows.append((word, flags))
                words.add(word)
    for word, flags in rows:
        entries.setdefault(word, "N")
        if not flags.startswith("Mm") or len(word) < 3:
            continue
        if word.endswith("ю"):
            stems = [word[:-1] + "й"]
        elif word.endswith("у"):
            base = word[:-1]
            if base[-1] in VOWELS:
                stems = [base]
            else:
                back = not any(v in base for v in "әеөүі")
                longer = base + ("ы" if back else "і")
                devoiced = base[:-1] + {"б": "п", "г": "к", "ғ": "қ"}.get(base[-1], base[-1])
                stems = [longer] if longer in words else [devoiced]
        else:
            continue
        for stem in stems:
            entries[stem] = "V" if entries.get(stem) in (None, "N", "V") else entries[stem]
    print("# Stem lexicon derived from Hunspell kk_KZ (Debian hunspell-kk) by tools/build_stems.py.")
    print("# Licence: GPL-2+ or LGPL-2.1+ or MPL-1.1+ (c) 2009 Akmaral Mussayeva, László Németh, Rail Aliev.")
    print("# word<TAB>N (any word) or V (verb stem)")
    for word in sorted(entries):
        print(f"{word}\t{entries[word]}")


if __name__ == "__main__":
    main(sys.argv[1])
