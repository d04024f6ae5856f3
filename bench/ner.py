"""Entity tagger benchmark: habar's CRF beside the KazNERD paper's CRF baseline, in one run.

Both are trained on ../shared/data/kaznerd/train.iob and scored on dev.iob (strict IOB2 exact-match F1, the
seqeval definition; seqeval itself checks habar's scorer here). The baseline reproduces the paper's
feature-based CRF (Yeshpanov et al., LREC 2022) with sklearn-crfsuite: word, lower-case form, shape,
prefixes and suffixes up to four characters, capitalisation and digit flags, the same for the neighbouring
words. Tagging speed counts feature extraction and decoding, one sentence at a time, single thread.

    nice .venv/bin/python bench/ner.py            # trains both CRFs (a few minutes)
    nice .venv/bin/python bench/ner.py --shipped  # habar's shipped model instead of training it again
    nice .venv/bin/python bench/ner.py --add corpus-train.iob  # both CRFs on the data the shipped one saw

habar ships two modes (HABAR_NER / --ner): ``fast``, the default, is the CRF alone; ``accurate`` combines
it with a small neural tagger (habar.ner.network). The accurate row tags all dev sentences through
``NerTagger.tag_many`` (the network runs on batches of sentences); each timing starts from empty feature and
morphology caches. ``--lams 0.1,0.25,0.5`` also scores the shipped combination with other weights
of the network (how flat the choice made on dev is).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KAZNERD = ROOT.parent / "shared" / "data" / "kaznerd"


def _shape(word: str) -> str:
    return "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word)


def _word(word: str, prefix: str) -> dict[str, object]:
    feats: dict[str, object] = {
        f"{prefix}word": word,
        f"{prefix}lower": word.lower(),
        f"{prefix}shape": _shape(word),
        f"{prefix}istitle": word.istitle(),
        f"{prefix}isupper": word.isupper(),
        f"{prefix}isdigit": word.isdigit(),
    }
    for k in range(1, 5):
        feats[f"{prefix}prefix{k}"] = word[:k]
        feats[f"{prefix}suffix{k}"] = word[-k:]
    return feats


def baseline_features(words: list[str]) -> list[dict[str, object]]:
    out = []
    for i, word in enumerate(words):
        feats: dict[str, object] = {"bias": 1.0, **_word(word, "")}
        if i > 0:
            feats.update(_word(words[i - 1], "-1:"))
        else:
            feats["BOS"] = True
        if i + 1 < len(words):
            feats.update(_word(words[i + 1], "+1:"))
        else:
            feats["EOS"] = True
        out.append(feats)
    return out


def main() -> None:
    import sklearn_crfsuite
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    from habar import resources
    from habar.morph.analyser import analyse_word
    from habar.ner.iob import Score, read_iob, score
    from habar.ner.tagger import MODEL_FILE, MODEL_FILES, NerTagger, word_parts
    from habar.train.ner import train_sentences, training_sentences

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipped", action="store_true", help="use habar's shipped CRF instead of training")
    parser.add_argument("--lams", default="", help="comma-separated network weights to score as well")
    parser.add_argument("--add", type=Path, action="append", default=[],
                        help="more training sentences for both CRFs (the corpus train split from `habar corpus iob "
                        "--split train`, as the shipped model is trained), repeated as `habar train ner` does")
    args = parser.parse_args()
    train_sents = training_sentences(KAZNERD / "train.iob", args.add)
    dev = read_iob(KAZNERD / "dev.iob")
    dev_words = [[w for w, _ in s] for s in dev]
    gold = [[label for _, label in s] for s in dev]
    n_tokens = sum(len(s) for s in dev)
    rows: list[tuple[str, Score, float, float, float, float | None]] = []

    def add_row(name: str, pred: list[list[str]], tokens_per_s: float, train_s: float, size: float | None) -> None:
        rows.append((name, score(gold, pred), f1_score(gold, pred, mode="strict", scheme=IOB2), tokens_per_s,
                     train_s, size))

    t0 = time.perf_counter()
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100, all_possible_transitions=True)
    crf.fit([baseline_features([w for w, _ in s]) for s in train_sents], [[lab for _, lab in s] for s in train_sents])
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = [list(crf.predict_single(baseline_features(words))) for words in dev_words]
    tag_s = time.perf_counter() - t0
    add_row("KazNERD paper CRF (sklearn-crfsuite)", pred, n_tokens / tag_s, train_s, None)

    def cold() -> None:
        word_parts.cache_clear()
        analyse_word.cache_clear()

    with tempfile.TemporaryDirectory() as tmp:
        if args.shipped:
            tagger, train_s = NerTagger(resources.path(MODEL_FILE), neural=False), float("nan")
        else:
            t0 = time.perf_counter()
            tagger = NerTagger(train_sentences(train_sents, Path(tmp) / "ner.crfsuite"), neural=False)
            train_s = time.perf_counter() - t0
        tagger.tag(dev_words[0])  # load gazetteers before timing
        cold()
        t0 = time.perf_counter()
        pred = [tagger.tag(words) for words in dev_words]
        tag_s = time.perf_counter() - t0
        size = tagger.path.stat().st_size / 1e6
        add_row("habar CRF alone (one sentence at a time)", pred, n_tokens / tag_s, train_s, size)

    combined = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    if combined.neural_path is not None:
        combined.tag(dev_words[0])
        cold()
        t0 = time.perf_counter()
        pred = combined.tag_many(dev_words)
        tag_s = time.perf_counter() - t0
        size = (combined.path.stat().st_size + combined.neural_path.stat().st_size) / 1e6
        add_row("habar CRF + BiLSTM, shipped (batched)", pred, n_tokens / tag_s, float("nan"), size)
        t0 = time.perf_counter()
        pred = [combined.tag(words) for words in dev_words]
        tag_s = time.perf_counter() - t0
        add_row("  the same, warm, one sentence at a time", pred, n_tokens / tag_s, float("nan"), size)
        network = combined._combination()[1]
        shipped_lam = network.lam
        for lam in (float(x) for x in args.lams.split(",") if x):
            network.lam = lam
            pred = combined.tag_many(dev_words)
            add_row(f"  the same with weight {lam} (shipped {shipped_lam})", pred, float("nan"), float("nan"), size)
        network.lam = shipped_lam

    loads = {}
    for mode in ("fast", "accurate"):
        loads[mode] = subprocess.run(
            [sys.executable, "-c", "import time; t = time.perf_counter(); from habar.ner.tagger import shipped_tagger; "
             f"shipped_tagger({mode!r}).tag(['Тоқаев']); print(time.perf_counter() - t)"],
            capture_output=True, text=True, check=True).stdout.strip()
    data = " + ".join(["train.iob", *(p.name for p in args.add)])
    print(f"dev.iob: {len(dev)} sentences, {n_tokens} tokens; both trained on {data} ({len(train_sents)} sentences)")
    print(f"| {'tagger':<44} | {'P':>6} | {'R':>6} | {'F1':>6} | {'seqeval F1':>10} | {'tokens/s':>9} | "
          f"{'train s':>7} | {'model MB':>8} |")
    print(f"|{'-' * 46}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 12}|{'-' * 11}|{'-' * 9}|{'-' * 10}|")
    for name, sc, seq_f1, tps, tr_s, mb in rows:
        p, r, f = sc.micro()
        print(f"| {name:<44} | {p * 100:6.2f} | {r * 100:6.2f} | {f * 100:6.2f} | {seq_f1 * 100:10.2f} | "
              f"{tps:9.0f} | {tr_s:7.0f} | {mb if mb is not None else float('nan'):8.1f} |")
    for name, sc, *_ in rows[1:]:
        per = sc.per_class()
        print(f"{name}: " + ", ".join(f"{k} {100 * per[k][2]:.1f}" for k in ("ORGANISATION", "FACILITY", "EVENT")))
    print("shipped tagger: loads and tags its first sentence in " + ", ".join(
        f"{float(seconds):.2f} s ({mode})" for mode, seconds in loads.items()) + " (fresh process)")


if __name__ == "__main__":
    main()
