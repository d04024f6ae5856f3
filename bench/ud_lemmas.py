"""Lemmas, UPOS and UFeats of habar on UD Kazakh-KTB dev, from raw text, against a peer in the same run.

Peers:
  - identity: habar's tokens and sentences with every word left unchanged as its own lemma (the floor any
    lemmatiser must beat);
  - habar: the morph stage.
Also prints the words per second of the morph stage's analyser on the treebank's word types, cold (no
cache, no precomputed table) and as habar runs it (table + cache).

Usage: python bench/ud_lemmas.py [FILE.conllu]   (default ../shared/data/ud-kk-ktb/dev.conllu)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "ud-kk-ktb" / "dev.conllu"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    if not path.exists():
        print(f"needs {path} (the shared UD Kazakh-KTB dev file)", file=sys.stderr)
        return 2
    import habar
    from habar.document import Document
    from habar.evaluate.ud import evaluate, read_conllu
    from habar.morph import analyser as morph

    def identity(text: str) -> Document:
        doc = habar.analyze(text)
        for tok in doc.tokens:
            tok.lemma = tok.text
        return doc

    print(f"# {path.name}: CoNLL 2018 measures (F1), from the raw # text lines")
    print(f"| {'system':<10} | {'Tokens':>7} | {'Sentences':>9} | {'UPOS':>6} | {'UFeats':>6} | {'Lemmas':>6} |")
    print(f"|{'-' * 12}|{'-' * 9}|{'-' * 11}|{'-' * 8}|{'-' * 8}|{'-' * 8}|")
    for name, fn in (("identity", identity), ("habar", None)):
        s = evaluate(path, analyze=fn).scores
        print(f"| {name:<10} | {100 * s['Tokens'].f1:>7.2f} | {100 * s['Sentences'].f1:>9.2f} "
              f"| {100 * s['UPOS'].f1:>6.2f} | {100 * s['UFeats'].f1:>6.2f} | {100 * s['Lemmas'].f1:>6.2f} |")
    words = sorted({w.form.lower() for sent in read_conllu(path) for _, ws in sent.tokens for w in ws
                    if any(ch.isalpha() for ch in w.form)})
    start = time.process_time()
    for w in words:
        morph.compute_analysis(w)
    cold = time.process_time() - start
    morph.analyse_word.cache_clear()
    start = time.process_time()
    for w in words:
        morph.analyse_word(w)
    warm = time.process_time() - start
    print(f"\n{len(words)} word types: analyser {len(words) / cold:,.0f} types/s cold (CPU), "
          f"{len(words) / warm:,.0f} types/s with the precomputed table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
