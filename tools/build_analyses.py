"""Precompute the morph stage's analyses of frequent forms (src/habar/resources/kk_analyses.tsv).

Usage: python tools/build_analyses.py [../shared/data/search-eval/articles.jsonl] > src/habar/resources/kk_analyses.tsv
The forms are those of resources/kk_word_freq.tsv (KazNERD train, CC BY 4.0) and, when the articles file is
given, the word forms of its titles and excerpts (1,668 kaz.tengrinews.kz articles from pg_kazsearch's
evaluation, LGPL-3.0, the unlabelled text of resources/ner/clusters.tsv too) that have a letter and no digit.
Each line is exactly what ``habar.morph.analyser.compute_analysis`` returns for its form, so the table is only a
cache (words met for the first time cost the analyser ~60 us each, most of the entity tagger's time on new
text): rebuild it whenever the suffix grammar, the word lists or the lexicon change (tests/test_morph.py
checks a sample against the live analyser).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from habar import resources  # noqa: E402
from habar.morph import analyser as morph  # noqa: E402
from habar.train.clusters import article_texts  # noqa: E402


def article_forms(path: str) -> list[str]:
    """Lower-case word forms of the articles' titles and excerpts (a letter, no digit), sorted."""
    return sorted({w.lower() for words in article_texts(Path(path)) for w in words
                   if any(ch.isalpha() for ch in w) and not any(ch.isdigit() for ch in w)})


def main() -> None:
    forms = [line.split("\t", 1)[0] for line in resources.read_text("kk_word_freq.tsv").splitlines()
             if line and not line.startswith("#")]
    sources = "kk_word_freq.tsv"
    if len(sys.argv) > 1:
        seen = set(forms)
        forms += [form for form in article_forms(sys.argv[1]) if form not in seen]
        sources += " and the articles of pg_kazsearch's evaluation (search-eval/articles.jsonl)"
    print(f"# Analyses of the forms in {sources}, computed ahead by tools/build_analyses.py (a cache).")
    print("# form<TAB>lemma<TAB>UPOS<TAB>features")
    for form in forms:
        if form in morph.closed_words():
            continue
        a = morph.compute_analysis(form)
        print(f"{form}\t{a.lemma}\t{a.pos}\t{a.feats}")


if __name__ == "__main__":
    main()
