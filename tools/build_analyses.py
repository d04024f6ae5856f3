"""Precompute the morph stage's analyses of frequent forms (src/habar/resources/kk_analyses.tsv).

Usage: python tools/build_analyses.py > src/habar/resources/kk_analyses.tsv
The forms are those of resources/kk_word_freq.tsv (KazNERD train, CC BY 4.0); each line is exactly what
``habar.stages.morph.compute_analysis`` returns for it, so the table is only a cache: rebuild it whenever
the suffix grammar, the word lists or the lexicon change (tests/test_morph.py checks a sample against the
live analyser).
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from habar import resources  # noqa: E402
from habar.stages import morph  # noqa: E402


def main() -> None:
    print("# Analyses of the forms in kk_word_freq.tsv computed ahead by tools/build_analyses.py (a cache).")
    print("# form<TAB>lemma<TAB>UPOS<TAB>features")
    for line in resources.read_text("kk_word_freq.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        form = line.split("\t", 1)[0]
        if form in morph.closed_words():
            continue
        a = morph.compute_analysis(form)
        print(f"{form}\t{a.lemma}\t{a.pos}\t{a.feats}")


if __name__ == "__main__":
    main()
