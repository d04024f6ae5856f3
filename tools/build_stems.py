"""Derive habar's stem lexicon (src/habar/resources/kk_stems.tsv) from Hunspell's kk_KZ dictionary.

Usage: python tools/build_stems.py /usr/share/hunspell/kk_KZ.dic src/habar/resources/kk_word_freq.tsv \
           > src/habar/resources/kk_stems.tsv
(Debian package hunspell-kk; GPL-2+ / LGPL-2.1+ / MPL-1.1+, see docs/credits.md).

Each dictionary entry becomes ``word<TAB>N``. An entry with the verbal-noun flags (Hunspell's M..z set)
that ends in -у/-ю is an infinitive: its verb stem is added as ``stem<TAB>V`` (``VO`` when the stem is not
an entry of its own: a verb stem only, which takes no noun endings) (қою -> қой; тию -> ти; сөйлеу -> сөйле;
ағу -> ақ; қорқу -> қорық). Whether оқу is оқы- or оқ- is read off the past forms (оқыды, оқыған vs
оқты, оққан) counted in the dictionary and in KazNERD's word counts (kk_word_freq.tsv).
"""

from __future__ import annotations

import sys

VOWELS = set("аәеёиоөуұүыіэюя")


def _forms(stem: str, back: bool) -> list[str]:
    """Past tense and past participle of a verb stem: the forms that tell оқы- from айнал-."""
    last = stem[-1]
    voiceless = last in "бвгдғкқпстфхцчшщ"
    if back:
        return [stem + ("ты" if voiceless else "ды"), stem + ("қан" if voiceless else "ған")]
    return [stem + ("ті" if voiceless else "ді"), stem + ("кен" if voiceless else "ген")]


def main(path: str, freq_path: str | None = None) -> None:
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
    seen: dict[str, int] = {}
    if freq_path:
        with open(freq_path, encoding="utf-8") as fh:
            for line in fh:
                if line and not line.startswith("#"):
                    form, _, count = line.rstrip("\n").partition("\t")
                    seen[form] = int(count)

    def evidence(stem: str, back: bool) -> int:
        return sum(seen.get(f, 0) + (1 if f in words else 0) for f in _forms(stem, back))

    for word, flags in rows:
        entries.setdefault(word, "N")
        if not flags.startswith("Mm") or len(word) < 3:
            continue
        if word.endswith("ию"):
            stems = [word[:-1]]  # тию -> ти (тиді, тиген): и already holds the й
        elif word.endswith("ю"):
            stems = [word[:-1] + "й"]
        elif word.endswith("у"):
            base = word[:-1]
            if base[-1] in VOWELS:
                stems = [base]
            else:
                back = not any(v in base for v in "әеөүі")
                vowel = "ы" if back else "і"
                longer = base + vowel
                devoiced = base[:-1] + {"б": "п", "г": "к", "ғ": "қ"}.get(base[-1], base[-1])
                # a dropped vowel comes back in the lemma (қорқу -> қорық) when the dictionary knows that form
                if len(base) >= 3 and base[-2] not in VOWELS and base[:-1] + vowel + base[-1] in words:
                    devoiced = base[:-1] + vowel + base[-1]
                # оқу is оқы-, айналу is айнал-: the past forms seen in the corpus and dictionary decide
                stems = [longer] if evidence(longer, back) > evidence(base, back) else [devoiced]
        else:
            continue
        for stem in stems:
            # VO: a verb stem that is no dictionary entry of its own (мой- from мою), so never a noun stem
            entries[stem] = "V" if stem in words else "VO"
    print("# Stem lexicon derived from Hunspell kk_KZ (Debian hunspell-kk) by tools/build_stems.py.")
    print("# Licence: GPL-2+ or LGPL-2.1+ or MPL-1.1+ (c) 2009 Akmaral Mussayeva, László Németh, Rail Aliev.")
    print("# word<TAB>N (any word), V (verb stem, also a word of the dictionary) or VO (verb stem only)")
    for word in sorted(entries):
        print(f"{word}\t{entries[word]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
