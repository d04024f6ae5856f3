"""Is a learned quotation model better than the quotes stage's rules? Cross-validated over TRAIN documents.

    PYTHONPATH=src python tools/quotes_learned.py            # 5 folds over the corpus train split
    PYTHONPATH=src python tools/quotes_learned.py --test     # fit on all of train, score the test split once

Issue 16 asks for a model "for quotation cues, trained on the corpus train split, compared with the lexicon
alone and with both combined". Each document is analysed once with habar; a quotation's content is a run of
tokens, so the model is a token CRF (python-crfsuite, habar's runtime dependency) labelling the content of the
annotated quotations B-Q / I-Q / O over the whole document (a quotation may span sentences). Its features are
Kazakh grammar as habar reads it: lemma, UPOS and UD features of the token and its neighbours, whether the
token is inside quotation marks, at a sentence start or end, and whether its sentence holds a verb of speech
(quotes.toml's lemmas) or the according-to nouns (`айтуынша`, `мәліметінше`: the analyser's equative case).
Compared, scored like ``habar evaluate articles`` (content IoU >= 0.5, one-to-one):

- ``rules``: the quotes stage as it is;
- ``crf``: the CRF alone;
- ``crf+rules``: the CRF with the rules' quotations as features (stacking);
- ``union``: the rules' quotations plus the CRF's that overlap none of them;
- ``filter@T``: the rules' quotations less those a logistic regression (scikit-learn, the ``train`` extra:
  kind, cue lemmas, length, sentence position) gives a probability below T.

The test split is only scored (``--test``), as aggregate counts; no test document is printed.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path
from typing import Any

import pycrfsuite
from events_learned import _morph  # tools/ is on the path when a tool runs

from habar.evaluate.articles import Counts
from habar.evaluate.corpus import analysed, default_data, load
from habar.evaluate.layers import _one_to_one, _overlap, _raw
from habar.stages.quotes import quote_pairs

Span = tuple[int, int]
QUOTE_CHARS = "«»“”„\""


def _speech_lemmas() -> frozenset[str]:
    from habar.stages.quotes import _speech

    return _speech()[0]


def prepare(split: str) -> list[dict[str, Any]]:
    data = default_data() or Path("../shared/data")
    verbs = _speech_lemmas()
    out = []
    for cd, doc in analysed(list(load(Path("corpus"), data, split))):
        assert cd.split == split
        inside = [False] * (len(doc.text) + 1)
        for a, b in quote_pairs(doc.text):
            for k in range(a, min(b, len(doc.text))):
                inside[k] = True
        seq: list[dict[str, Any]] = []
        k = 0
        for s in doc.sentences:
            sent = []
            while k < len(doc.tokens) and doc.tokens[k].start < s.end:
                t = doc.tokens[k]
                k += 1
                if t.end > s.start:
                    rs, re_ = _raw(doc, t.start, t.end)
                    sent.append({"text": t.text, "lemma": (t.lemma or t.text).lower(), "pos": t.pos or "",
                                 "morph": t.morph or "", "rs": rs, "re": re_, "in": inside[t.start]})
            speech = any(t["pos"] in ("VERB", "AUX") and t["lemma"] in verbs for t in sent)
            according = any("Case=Equ" in t["morph"] for t in sent)
            for i, t in enumerate(sent):
                t["first"], t["last"] = i == 0, i == len(sent) - 1
                t["speech"], t["according"] = speech, according
            seq += sent
        rules = [(_raw(doc, q.start, q.end), q) for q in doc.quotes]
        gold = [(g["start"], g["end"]) for g in cd.ann["quotes"]]
        out.append({"seq": seq, "rules": rules, "gold": gold})
    return out


def features(d: dict[str, Any], with_rules: bool) -> list[dict[str, float]]:
    seq = d["seq"]
    out = []
    for i, t in enumerate(seq):
        f = {"bias": 1.0, "lemma=" + t["lemma"]: 1.0, "pos=" + t["pos"]: 1.0, "in": float(t["in"]),
             "first": float(t["first"]), "last": float(t["last"]), "speech": float(t["speech"]),
             "according": float(t["according"]), "mark": float(t["text"] in QUOTE_CHARS)}
        for key, value in _morph(t).items():
            f[f"{key}={value}"] = 1.0
        for dist in (-2, -1, 1, 2):
            if 0 <= i + dist < len(seq):
                n = seq[i + dist]
                f[f"{dist}:lemma=" + n["lemma"]] = 1.0
                f[f"{dist}:pos=" + n["pos"]] = 1.0
                f[f"{dist}:in"] = float(n["in"])
                f[f"{dist}:mark"] = float(n["text"] in QUOTE_CHARS)
        if with_rules:
            for span, q in d["rules"]:
                if span[0] < t["re"] and t["rs"] < span[1]:
                    f["rule:" + q.kind] = 1.0
        out.append(f)
    return out


def bio(d: dict[str, Any]) -> list[str]:
    """B-Q / I-Q / O of each token: inside which annotated quotation's content it lies (a new one starts with B)."""
    labels, prev = [], None
    for t in d["seq"]:
        hit = next((g for g in d["gold"] if g[0] < t["re"] and t["rs"] < g[1]), None)
        labels.append("O" if hit is None else ("I-Q" if prev == hit else "B-Q"))
        prev = hit
    return labels


def spans(d: dict[str, Any], labels: list[str]) -> list[Span]:
    out: list[Span] = []
    cur: list[int] | None = None
    for t, lab in zip(d["seq"], labels, strict=True):
        if lab == "B-Q" or (lab == "I-Q" and cur is None):
            if cur is not None:
                out.append((cur[0], cur[1]))
            cur = [t["rs"], t["re"]]
        elif lab == "I-Q" and cur is not None:
            cur[1] = t["re"]
        elif cur is not None:
            out.append((cur[0], cur[1]))
            cur = None
    if cur is not None:
        out.append((cur[0], cur[1]))
    return out


def n_matched(gold: list[Span], pred: list[Span]) -> int:
    def score(g: Span, p: Span) -> float:
        inter = _overlap(g, p)
        union = max(g[1], p[1]) - min(g[0], p[0])
        ratio = inter / union if union else 0.0
        return ratio if ratio >= 0.5 else 0.0

    return len(_one_to_one(gold, pred, score))


def filter_features(d: dict[str, Any]) -> list[dict[str, float]]:
    out = []
    for _span, q in d["rules"]:
        f = {"kind=" + q.kind: 1.0, "len": min(len(q.text), 400) / 400,
             "speaker": float(q.speaker.entity is not None),
             "described": float(q.speaker.name is not None and q.speaker.entity is None)}
        for word in (q.cue or "").lower().split():
            f["cue=" + word[:6]] = 1.0
        out.append(f)
    return out


def fit(train: list[dict[str, Any]], tmp: str, tag: str) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    taggers = {}
    for with_rules in (False, True):
        trainer = pycrfsuite.Trainer(verbose=False)
        for d in train:
            trainer.append(features(d, with_rules), bio(d))
        trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150})
        trainer.train(f"{tmp}/q{tag}{with_rules}")
        taggers[with_rules] = pycrfsuite.Tagger()
        taggers[with_rules].open(f"{tmp}/q{tag}{with_rules}")
    x, y = [], []
    for d in train:
        x += filter_features(d)
        preds = [s for s, _ in d["rules"]]
        hit = {j for _, j in _one_to_one(d["gold"], preds, lambda g, p: float(
            _overlap(g, p) / max(1, max(g[1], p[1]) - min(g[0], p[0])) >= 0.5))}
        y += [int(j in hit) for j in range(len(preds))]
    vec = DictVectorizer()
    clf = LogisticRegression(max_iter=1000).fit(vec.fit_transform(x), y)
    return {"taggers": taggers, "vec": vec, "clf": clf}


def score(models: dict[str, Any], d: dict[str, Any], results: dict[str, Counts]) -> None:
    def add(name: str, pred: list[Span]) -> None:
        results.setdefault(name, Counts()).add(Counts(len(d["gold"]), len(pred), n_matched(d["gold"], pred)))

    rules = [s for s, _ in d["rules"]]
    tagger = models["taggers"][False]
    labels = tagger.tag(features(d, False))
    crf = spans(d, labels)
    add("rules", rules)
    add("crf", crf)
    add("crf+rules", spans(d, models["taggers"][True].tag(features(d, True))))
    extra = [c for c in crf if not any(_overlap(c, r) for r in rules)]
    add("union", rules + extra)
    # the CRF's own confidence in a span: the mean marginal of its tokens' labels
    confidence = {}
    for c in extra:
        ks = [k for k, t in enumerate(d["seq"]) if c[0] <= t["rs"] and t["re"] <= c[1]]
        confidence[c] = sum(tagger.marginal(labels[k], k) for k in ks) / max(1, len(ks))
    for th in (0.8, 0.9):
        add(f"union@{th}", rules + [c for c in extra if confidence[c] >= th])
    probs = models["clf"].predict_proba(models["vec"].transform(filter_features(d)))[:, 1] if rules else []
    for th in (0.2, 0.3, 0.5):
        add(f"filter@{th}", [r for r, p in zip(rules, probs, strict=True) if p >= th])


def main() -> None:
    results: dict[str, Counts] = {}
    train = prepare("train")
    with tempfile.TemporaryDirectory() as tmp:
        if "--test" in sys.argv:
            models = fit(train, tmp, "all")
            for d in prepare("test"):
                score(models, d, results)
        else:
            order = list(range(len(train)))
            random.Random(0).shuffle(order)
            folds = [order[i::5] for i in range(5)]
            for k, held in enumerate(folds):
                models = fit([train[i] for i in order if i not in set(held)], tmp, str(k))
                for i in held:
                    score(models, train[i], results)
    for name, c in results.items():
        print(f"{name:12} P {c.precision:5.1f} R {c.recall:5.1f} F1 {c.f1:5.1f}  ({c.matched} of {c.gold}, "
              f"{c.predicted} predicted)")


if __name__ == "__main__":
    main()
