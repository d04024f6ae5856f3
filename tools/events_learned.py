"""Is a learned trigger model better than the events lexicon? Cross-validated over TRAIN documents only.

    PYTHONPATH=src python tools/events_learned.py        # from a source checkout, ../shared/data beside it

Reads the corpus train split (the test split is never loaded), analyses each document once with habar, and
compares, in 5 folds over documents (seed 0), scored like ``habar evaluate articles`` (type + overlapping
evidence, one-to-one):

- ``lexicon``: the events stage as it is (``resources/events.toml``);
- ``crf``: a token CRF (python-crfsuite, habar's runtime dependency) over lemma, UPOS, morphological features
  and the neighbours' lemmas, BIO labels of the gold triggers by type; an event per predicted trigger type and
  sentence (the evidence is the sentence);
- ``crf+lexicon``: the same CRF with the lexicon's trigger hits as features;
- ``union``: the lexicon's events plus the CRF's where the lexicon has none of that type in that sentence;
- ``filter@T``: a logistic regression (scikit-learn, the ``train`` extra) over the lexicon's events (type,
  trigger lemmas, UPOS and features, title or not) that drops those it gives a probability below T.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycrfsuite

from habar.evaluate.articles import Counts
from habar.evaluate.corpus import analysed, default_data, load
from habar.evaluate.layers import _one_to_one, _overlap, _raw

Span = tuple[int, int]


def prepare() -> list[dict[str, Any]]:
    data = default_data() or Path("../shared/data")
    out = []
    for cd, doc in analysed(list(load(Path("corpus"), data, "train"))):
        assert cd.split == "train"
        sents, k = [], 0
        for s in doc.sentences:
            seq = []
            while k < len(doc.tokens) and doc.tokens[k].start < s.end:
                t = doc.tokens[k]
                k += 1
                if t.end > s.start:
                    rs, re_ = _raw(doc, t.start, t.end)
                    seq.append({"text": t.text, "lemma": (t.lemma or t.text).lower(), "pos": t.pos or "",
                                "morph": t.morph or "", "rs": rs, "re": re_})
            if seq:
                sents.append((_raw(doc, s.start, s.end), seq))
        lex, hits = [], []
        for e in doc.events:
            lex.append((e.type, _raw(doc, e.evidence.start, e.evidence.end)))
            i = doc.text.find(e.trigger, e.evidence.start, e.evidence.end)
            hits.append((e.type, _raw(doc, i, i + len(e.trigger)) if i >= 0 else None))
        gold = [(g["type"], (g["trigger"]["start"], g["trigger"]["end"]),
                 (g["evidence"]["start"], g["evidence"]["end"])) for g in cd.ann["events"]]
        out.append({"sents": sents, "lex": lex, "hits": hits, "gold": gold})
    return out


def _morph(t: dict[str, Any]) -> dict[str, str]:
    return dict(x.split("=", 1) for x in t["morph"].split("|") if "=" in x)


def token_features(seq: list[dict[str, Any]], hits: list[tuple[str, Span | None]], with_lexicon: bool
                   ) -> list[dict[str, float]]:
    out = []
    for i, t in enumerate(seq):
        f = {"bias": 1.0, "lemma=" + t["lemma"]: 1.0, "pos=" + t["pos"]: 1.0, "cap": float(t["text"][:1].isupper())}
        for key, value in _morph(t).items():
            f[f"{key}={value}"] = 1.0
        for d in (-2, -1, 1, 2):
            if 0 <= i + d < len(seq):
                f[f"{d}:lemma=" + seq[i + d]["lemma"]] = 1.0
                f[f"{d}:pos=" + seq[i + d]["pos"]] = 1.0
        if with_lexicon:
            for typ, span in hits:
                if span and span[0] < t["re"] and t["rs"] < span[1]:
                    f["lexicon=" + typ] = 1.0
        out.append(f)
    return out


def bio(seq: list[dict[str, Any]], gold: list[tuple[str, Span, Span]]) -> list[str]:
    out: list[str] = []
    for t in seq:
        lab = "O"
        for typ, (a, b), _ in gold:
            if a < t["re"] and t["rs"] < b:
                lab = ("I-" if out and out[-1][2:] == typ else "B-") + typ
                break
        out.append(lab)
    return out


def crf_events(d: dict[str, Any], tagger: pycrfsuite.Tagger, with_lexicon: bool) -> list[tuple[str, Span]]:
    evs = []
    for span, seq in d["sents"]:
        types = {tag[2:] for tag in tagger.tag(token_features(seq, d["hits"], with_lexicon)) if tag != "O"}
        evs += [(typ, span) for typ in sorted(types)]
    return evs


def filter_features(d: dict[str, Any]) -> list[dict[str, float]]:
    out = []
    tokens = [t for _, seq in d["sents"] for t in seq]
    for (typ, ev), (_, span) in zip(d["lex"], d["hits"], strict=True):
        f = {"type=" + typ: 1.0, "title": float(bool(d["sents"]) and ev[0] == d["sents"][0][0][0])}
        for t in tokens:
            if span and t["rs"] < span[1] and span[0] < t["re"]:
                f["lemma=" + t["lemma"]] = f["pos=" + t["pos"]] = 1.0
                for key, value in _morph(t).items():
                    f[f"{typ}:{key}={value}"] = 1.0
        out.append(f)
    return out


def matched(gold: list[tuple[str, Span, Span]], pred: list[tuple[str, Span]]) -> set[int]:
    score: Callable[[Any, Any], float] = lambda g, p: 0.0 if g[0] != p[0] else float(_overlap(g[2], p[1]))  # noqa: E731
    return {j for _, j in _one_to_one(gold, pred, score)}


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = prepare()
    order = list(range(len(data)))
    random.Random(0).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    thresholds = (0.2, 0.3, 0.4)
    results: dict[str, Counts] = {}

    def add(name: str, d: dict[str, Any], pred: list[tuple[str, Span]]) -> None:
        results.setdefault(name, Counts()).add(Counts(len(d["gold"]), len(pred), len(matched(d["gold"], pred))))

    with tempfile.TemporaryDirectory() as tmp:
        for k, held in enumerate(folds):
            train = [data[i] for i in order if i not in set(held)]
            taggers = {}
            for with_lexicon in (False, True):
                trainer = pycrfsuite.Trainer(verbose=False)
                for d in train:
                    for _, seq in d["sents"]:
                        trainer.append(token_features(seq, d["hits"], with_lexicon), bio(seq, d["gold"]))
                trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 100})
                trainer.train(f"{tmp}/crf{k}{with_lexicon}")
                taggers[with_lexicon] = pycrfsuite.Tagger()
                taggers[with_lexicon].open(f"{tmp}/crf{k}{with_lexicon}")
            x, y = [], []
            for d in train:
                x += filter_features(d)
                hit = matched(d["gold"], d["lex"])
                y += [int(j in hit) for j in range(len(d["lex"]))]
            vec = DictVectorizer()
            clf = LogisticRegression(max_iter=1000).fit(vec.fit_transform(x), y)
            for i in held:
                d = data[i]
                crf = crf_events(d, taggers[False], False)
                add("lexicon", d, d["lex"])
                add("crf", d, crf)
                add("crf+lexicon", d, crf_events(d, taggers[True], True))
                add("union", d, d["lex"] + [e for e in crf if not any(
                    t == e[0] and _overlap(s, e[1]) for t, s in d["lex"])])
                probs = clf.predict_proba(vec.transform(filter_features(d)))[:, 1] if d["lex"] else []
                for th in thresholds:
                    add(f"filter@{th}", d, [e for e, p in zip(d["lex"], probs, strict=True) if p >= th])
    for name, c in results.items():
        print(f"{name:12} P {c.precision:5.1f} R {c.recall:5.1f} F1 {c.f1:5.1f}  ({c.matched} of {c.gold}, "
              f"{c.predicted} predicted)")


if __name__ == "__main__":
    main()
