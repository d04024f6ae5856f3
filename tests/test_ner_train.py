"""`habar train ner` and `habar evaluate ner` on a tiny IOB file; the strict IOB2 scorer against seqeval."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from habar.cli import app
from habar.errors import UsageError
from habar.evaluate.corpus import ENTITY_LABELS
from habar.ner.iob import read_iob, score, spans

TINY = """Қасым-Жомарт B-PERSON
Тоқаев I-PERSON
Бакуге B-GPE
барды O
. O

Ильхам B-PERSON
Әлиев I-PERSON
Астанаға B-GPE
келді O
. O

Тоқаев B-PERSON
Әлиевпен B-PERSON
кездесті O
. O

Президент B-POSITION
Алматыға B-GPE
барды O
. O
"""

runner = CliRunner()


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.iob"
    path.write_text(TINY * 3, encoding="utf-8")
    return path


def test_strict_spans() -> None:
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == {("PER", 0, 2), ("LOC", 4, 5)}


def test_scorer_matches_seqeval() -> None:
    seqeval = pytest.importorskip("seqeval.metrics")
    from seqeval.scheme import IOB2

    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["O", "B-ORG", "I-ORG", "I-ORG"], ["B-GPE", "O"]]
    pred = [["B-PER", "I-PER", "O", "B-GPE"], ["O", "I-ORG", "I-ORG", "I-ORG"], ["B-GPE", "B-GPE"]]
    mine = score(gold, pred)
    assert mine.micro()[2] == pytest.approx(seqeval.f1_score(gold, pred, mode="strict", scheme=IOB2))
    assert mine.micro()[0] == pytest.approx(seqeval.precision_score(gold, pred, mode="strict", scheme=IOB2))
    assert mine.micro()[1] == pytest.approx(seqeval.recall_score(gold, pred, mode="strict", scheme=IOB2))


def test_train_then_evaluate(tiny: Path, tmp_path: Path) -> None:
    model = tmp_path / "m.crfsuite"
    stale = tmp_path / "m.nn.npz"
    stale.write_bytes(b"a network trained beside an earlier CRF")
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--dev", str(tiny), "--output", str(model),
                                 "--crf-only"])
    assert result.exit_code == 0, result.output
    assert model.is_file()
    assert not stale.exists()  # never combined with a CRF it was not trained beside
    assert "micro" in result.output
    out = tmp_path / "pred.iob"
    result = runner.invoke(app, ["evaluate", "ner", str(tiny), "--model", str(model), "--write-predictions", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["class", "precision", "recall", "f1", "support"]
    assert any(line.startswith("PERSON") for line in lines)
    micro = next(line for line in lines if line.startswith("micro")).split()
    assert float(micro[3]) > 50  # it learnt its own training data
    predicted = read_iob(out)
    gold = read_iob(tiny)
    assert [[w for w, _ in s] for s in predicted] == [[w for w, _ in s] for s in gold]
    assert out.read_text(encoding="utf-8").count("\n\n") == len(gold)


def test_training_is_reproducible(tiny: Path, tmp_path: Path) -> None:
    from habar.train.ner import train

    a = train(tiny, tmp_path / "a.crfsuite").read_bytes()
    b = train(tiny, tmp_path / "b.crfsuite").read_bytes()
    assert a == b


def test_added_sentences_are_repeated_after_the_training_file(tiny: Path, tmp_path: Path) -> None:
    from habar.train.ner import training_sentences

    news = tmp_path / "news.iob"
    news.write_text("Тоқаев B-PERSON\nайтты O\n\n", encoding="utf-8")
    base = read_iob(tiny)
    assert training_sentences(tiny) == base
    assert training_sentences(tiny, [news], 3) == base + read_iob(news) * 3
    with pytest.raises(UsageError, match="--add-repeat"):
        training_sentences(tiny, [news], 0)
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--add", str(news), "--add-repeat", "2",
                                 "--crf-only", "--output", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--add", str(news), "--add-repeat", "0",
                                 "--crf-only", "--output", str(tmp_path / "n.crfsuite")])
    assert result.exit_code == 2 and "--add-repeat" in result.output


def test_silver_sentences_are_added_once_before_the_repeated_ones(tiny: Path, tmp_path: Path) -> None:
    from habar.train.ner import training_sentences

    news, silver = tmp_path / "news.iob", tmp_path / "silver.iob"
    news.write_text("Тоқаев B-PERSON\nайтты O\n\n", encoding="utf-8")
    silver.write_text("Астанада B-GPE\nжаңбыр O\n\n", encoding="utf-8")
    base = read_iob(tiny)
    assert training_sentences(tiny, [news], 3, [silver]) == base + read_iob(silver) + read_iob(news) * 3
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--silver", str(silver), "--crf-only",
                                 "--output", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--silver", str(tmp_path / "absent.iob"),
                                 "--crf-only", "--output", str(tmp_path / "n.crfsuite")])
    assert result.exit_code == 2 and "--silver" in result.output and "Traceback" not in result.output


def test_bad_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.iob"
    bad.write_text("Тоқаев X-PERSON\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "ner", str(bad)])
    assert result.exit_code == 1
    assert "bad.iob:1" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["evaluate", "ner", str(tmp_path / "absent.iob")])
    assert result.exit_code == 1
    result = runner.invoke(app, ["evaluate", "ner", str(bad), "--model", str(tmp_path / "none.crfsuite")])
    assert result.exit_code == 2


def test_neural_half_is_reproducible_and_combines(tiny: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from habar.ner.tagger import NerTagger
    from habar.train.ner import train
    from habar.train.ner_neural import train_neural

    crf = train(tiny, tmp_path / "m.crfsuite")
    a = train_neural(tiny, tmp_path / "a.nn.npz", tiny, crf_path=crf, epochs=2).read_bytes()
    b = train_neural(tiny, tmp_path / "m.nn.npz", tiny, crf_path=crf, epochs=2).read_bytes()
    assert a == b
    tagger = NerTagger(crf, neural=True)
    assert tagger.neural_path == tmp_path / "m.nn.npz"
    sentences = [[w for w, _ in s] for s in read_iob(tiny)]
    labels = tagger.tag_many(sentences)
    assert [len(x) for x in labels] == [len(s) for s in sentences]
    assert labels == [tagger.tag(s) for s in sentences]
    assert NerTagger(crf, neural=False).neural_path is None
    # a network saved beside another CRF is refused, not silently combined
    other = train(tiny, tmp_path / "o.crfsuite", {"c1": 0.5})
    (tmp_path / "o.nn.npz").write_bytes(a)
    with pytest.raises(UsageError, match="not trained beside"):
        NerTagger(other, neural=True).tag(["Тоқаев"])


def test_training_without_torch_says_how_to_get_it(tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "torch", None)  # import torch raises ImportError
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--output", str(tmp_path / "m.crfsuite")])
    assert result.exit_code != 0
    assert "PyTorch" in result.output and "--crf-only" in result.output and "Traceback" not in result.output


def test_neural_training_keeps_the_best_of_weights_and_their_average(tiny: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import re

    from habar.ner.network import Network
    from habar.ner.tagger import word_features, word_lemma
    from habar.train.ner import train
    from habar.train.ner_neural import dev_score, train_neural

    crf = train(tiny, tmp_path / "m.crfsuite")
    lines: list[str] = []
    out = train_neural(tiny, tmp_path / "m.nn.npz", tiny, crf_path=crf, epochs=3, say=lines.append)
    epochs = [line for line in lines if line.startswith("epoch")]
    assert len(epochs) == 3
    reported = [float(x) for line in epochs for x in re.findall(r"(?:weights|averaged) (\d+\.\d+)", line)]
    assert len(reported) == 6 and all("with the CRF" in line for line in epochs)
    kept = 100 * dev_score(Network(out, word_features, word_lemma), read_iob(tiny))
    assert kept == pytest.approx(max(reported), abs=0.006)


def test_a_trained_network_is_paired_with_a_new_crf(tiny: Path, tmp_path: Path) -> None:
    import numpy as np

    from habar import resources
    from habar.ner.tagger import NerTagger

    shipped = resources.path("models/ner-accurate.nn.npz")
    out = tmp_path / "m.crfsuite"
    result = runner.invoke(app, ["train", "ner", "--train", str(tiny), "--network", str(shipped),
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    with np.load(shipped) as a, np.load(tmp_path / "m.nn.npz") as b:
        network = [k for k in a.files if not k.startswith("crf_")]
        assert network and all(np.array_equal(a[k], b[k]) for k in network)
        assert str(b["crf_sha256"]) != str(a["crf_sha256"])
    tagger = NerTagger(out, neural=True)
    assert tagger.neural_path == tmp_path / "m.nn.npz"
    assert len(tagger.tag(["Тоқаев", "Бакуге", "барды"])) == 3


def test_the_silver_tool_writes_the_entity_layer_as_iob() -> None:
    import importlib.util

    path = Path(__file__).parents[1] / "tools" / "silver_leads.py"
    spec = importlib.util.spec_from_file_location("silver_leads", path)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    sentences = tool.labelled("Жаңалық\n\nҚасым-Жомарт Тоқаев Бакуге барды. Ол 1 млн теңге бөлді.", "fast")
    labels = [label for s in sentences for _, label in s]
    assert ("Тоқаев", "I-PERSON") in [pair for s in sentences for pair in s]
    assert "B-GPE" in labels and all(lab == "O" or lab[2:] in ENTITY_LABELS for lab in labels)
