"""CI gate: the shipped entity tagger must keep its dev F1 at or above the floor in tests/floors.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from habar import resources
from habar.evaluate.ner import evaluate
from habar.ner.iob import read_iob
from habar.ner.tagger import MODEL_FILE, MODEL_FILES, MODES, NerTagger, neural_path

from .conftest import shared_path

FLOORS = Path(__file__).with_name("floors.toml")


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_dev_f1_floor(mode: str) -> None:
    dev = shared_path("data", "kaznerd", "dev.iob")
    floor = tomllib.loads(FLOORS.read_text(encoding="utf-8"))["ner"][f"dev_f1_{mode}"]
    tagger = NerTagger(resources.path(MODEL_FILES[mode]), neural=MODES[mode])
    assert (tagger.neural_path is not None) == MODES[mode]
    result = evaluate(tagger, dev)
    f1 = result.score.micro()[2] * 100
    assert f1 >= floor, f"{mode} tagger: dev F1 {f1:.2f} fell below the floor {floor}"


def test_shipped_model_size() -> None:
    # load time is measured in bench/ner.py, never asserted here
    files = [resources.path(f) for f in MODEL_FILES.values()]
    files += [neural_path(f) for f in files if neural_path(f).is_file()]
    assert neural_path(resources.path(MODEL_FILES["accurate"])).is_file()
    assert sum(f.stat().st_size for f in files) < 60_000_000


def test_only_known_attributes_are_passed_and_labels_stay() -> None:
    from habar.ner.tagger import sentence_features

    tagger = NerTagger(resources.path(MODEL_FILE), neural=False)
    crf = tagger._tagger
    known = frozenset(crf.info().attributes)
    for sentence in read_iob(shared_path("data", "kaznerd", "dev.iob"))[:300]:
        words = [w for w, _ in sentence]
        passed = tagger.features(words)
        every = sentence_features(words)
        assert all(f in known or f in ("bias", "BOS", "EOS") for feats in passed for f in feats)
        assert all(len(p) <= len(e) for p, e in zip(passed, every, strict=True))
        assert tagger.tag(words) == list(crf.tag(every))


def test_crfsuite_c_tagger_gives_pycrfsuite_labels(tmp_path: Path) -> None:
    """The fast tagger calls CRFsuite's C tagger with attribute ids (habar.ner.crfsuite): the same labels as
    pycrfsuite given the attribute names, sentence by sentence, long sentences included."""
    from habar.ner.crfsuite import open_tagger

    tagger = NerTagger(resources.path(MODEL_FILE), neural=False)
    tagger.tag(["Астана"])
    assert tagger._c_tagger is not None, "python-crfsuite's extension should export CRFsuite's C API"
    crf = tagger._tagger
    sentences = [[w for w, _ in s] for s in read_iob(shared_path("data", "kaznerd", "dev.iob"))[:1000]]
    sentences.append([w for s in sentences[:40] for w in s])  # longer than the C tagger's first path buffer
    assert len(sentences[-1]) > 256
    for words in sentences:
        assert tagger.tag(words) == list(crf.tag(tagger._encoded(words)))
    assert open_tagger(tmp_path / "missing.crfsuite", {}, {}) is None
