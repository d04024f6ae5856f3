"""Cross-validation of the entity tagger's CRF over the corpus train documents, for reading errors the tagger
has not learnt from (written for habar, 2026-12-04).

The corpus train split is the only annotated news the rules may be read against, but the shipped CRF was
trained on it, so its errors there are memory. This trains one CRF per fold on KazNERD train + the other
folds' documents (x ``habar.train.ner.ADD_REPEAT``, the shipped recipe), analyses each fold's documents with
the CRF that never saw them (the `fast` mode; the rest of the pipeline as it is), scores them with
``habar evaluate articles``'s measures and writes, per document, the gold and predicted mentions:

    python tools/ner_cv.py train OUT          # one CRF per fold (about 2 minutes each on one idle core)
    python tools/ner_cv.py silver TEACH OUT   # per fold, the unseen leads labelled by TEACH/foldK.crfsuite
                                              # (a teacher that never saw fold K), every second sentence, as
                                              # OUT/silverK.iob; `train OUT` then adds it once (the shipped
                                              # recipe of ner.card.md, with a fold-blind teacher)
    python tools/ner_cv.py score OUT          # pooled figures; OUT/rows.json for reading
    python tools/ner_cv.py score OUT accurate # the same with each fold's network (OUT/foldK.nn.npz, trained with
                                              # habar.train.ner_neural.train_neural on the fold's sentences)
    python tools/ner_cv.py errors OUT [CLASS] # missed / boundary / wrong label / spurious, by class

Never point it at the test split: that is scored, not read.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from habar.evaluate.corpus import CorpusDoc, analysed, docs_to_iob, load  # noqa: E402

FOLDS = 2
CORPUS, DATA = ROOT / "corpus", ROOT.parent / "shared" / "data"


def _docs() -> list[CorpusDoc]:
    return sorted(load(CORPUS, DATA, "train"), key=lambda d: d.name)


def _fold(i: int) -> int:
    return i % FOLDS


def train(out: Path) -> None:
    from habar.ner.iob import read_iob
    from habar.train.ner import ADD_REPEAT, train_sentences

    docs = _docs()
    base = read_iob(DATA / "kaznerd" / "train.iob")
    out.mkdir(parents=True, exist_ok=True)
    for k in range(FOLDS):
        rest = [d for i, d in enumerate(docs) if _fold(i) != k]
        silver_path = out / f"silver{k}.iob"
        silver = read_iob(silver_path) if silver_path.exists() else []
        train_sentences(base + silver + list(docs_to_iob(rest)) * ADD_REPEAT, out / f"fold{k}.crfsuite")
        print(f"fold {k}: trained on {len(rest)} documents and {len(silver)} silver sentences", flush=True)


def silver(teachers: Path, out: Path) -> None:
    """Each fold's machine-labelled leads, by the fold CRF in ``teachers`` that never saw that fold (the fast
    mode: a fold-blind network would cost 45 minutes of a core per fold). The shipped silver file was labelled
    by the shipped accurate pair, which learnt every train document, so it would carry the held-out answers."""
    import habar.ner.tagger as tagger

    sys.path.insert(0, str(ROOT / "tools"))
    from silver_leads import labelled, unseen_leads

    leads = unseen_leads(DATA, CORPUS)
    out.mkdir(parents=True, exist_ok=True)
    for k in range(FOLDS):
        model = tagger.NerTagger(teachers / f"fold{k}.crfsuite", neural=False)
        tagger._shipped = lambda mode, model=model: model  # type: ignore[assignment]
        sentences = [s for a in leads for s in labelled(f"{a['title']}\n\n{a['excerpt']}", "fast")][::2]
        with (out / f"silver{k}.iob").open("w", encoding="utf-8") as fh:
            for sent in sentences:
                fh.write("\n".join(f"{w} {lab}" for w, lab in sent) + "\n\n")
        print(f"fold {k}: {len(sentences)} silver sentences from {len(leads)} leads", flush=True)


def score(out: Path, accurate: bool = False) -> None:
    import habar.ner.tagger as tagger
    from habar.evaluate.layers import LayerReport, format_layers, score_document

    docs = _docs()
    report = LayerReport()
    rows: list[dict[str, Any]] = []
    for k in range(FOLDS):
        model = tagger.NerTagger(out / f"fold{k}.crfsuite", neural=accurate)
        tagger._shipped = lambda mode, model=model: model  # type: ignore[assignment]
        held = [d for i, d in enumerate(docs) if _fold(i) == k]
        for d, doc in analysed(held):
            score_document(d, doc, report)
            gold = [(m["start"], m["end"], e["label"]) for e in d.ann["entities"] for m in e["mentions"]]
            pred = [(doc.raw_offset(m.start), doc.raw_offset(m.end - 1) + 1, e.label)
                    for e in doc.entities for m in e.mentions if not m.nested]
            rows.append({"name": d.name, "fold": k, "text": d.text, "gold": gold, "pred": pred})
    (out / "rows.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    (out / "report.json").write_text(json.dumps(report.as_dict(), ensure_ascii=False), encoding="utf-8")
    print(format_layers(report, f"corpus train, {FOLDS}-fold held-out CRF"))


def errors(out: Path, label: str | None) -> None:
    rows = json.loads((out / "rows.json").read_text(encoding="utf-8"))
    kinds: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        t = r["text"]
        gold = {(s, e): lab for s, e, lab in r["gold"]}
        pred = {(s, e): lab for s, e, lab in r["pred"]}
        for (s, e), lab in gold.items():
            if (label and lab != label) or pred.get((s, e)) == lab:
                continue
            over = [(ps, pe, pl) for (ps, pe), pl in pred.items() if ps < e and s < pe]
            kind = f"label:{pred[(s, e)]}" if (s, e) in pred else \
                ("boundary" if over and over[0][2] == lab else "boundary+label") if over else "missed"
            kinds[(lab, kind)] += 1
            examples[f"{lab} {kind}"].append((t[s:e], t[over[0][0]:over[0][1]] if over else ""))
        for (s, e), lab in pred.items():
            if (label and lab != label) or (s, e) in gold or any(gs < e and s < ge for gs, ge in gold):
                continue
            kinds[(lab, "spurious")] += 1
            examples[f"{lab} spurious"].append((t[s:e], ""))
    for (lab, kind), n in kinds.most_common(30 if label is None else None):
        print(f"{lab:14} {kind:26} {n}")
        if label is not None:
            for g, p in examples[f"{lab} {kind}"][:25]:
                print(f"    gold {g!r:50} habar {p!r}")


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    {"train": lambda: train(folder), "silver": lambda: silver(folder, Path(sys.argv[3])),
     "score": lambda: score(folder, sys.argv[3:] == ["accurate"]),
     "errors": lambda: errors(folder, sys.argv[3] if len(sys.argv) > 3 else None)}[command]()
