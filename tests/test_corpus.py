"""The annotated corpus (corpus/, docs/annotation.md): it validates against its schema, every offset lands in
its source in ../shared and every hash matches, the splits are fixed by document, the tooling reads it, and
habar's scores on the test split hold their floors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from habar.cli import app
from habar.evaluate.corpus import CorpusError, check, double_annotated, load, read_source, sha256, source_of, splits

from .conftest import ROOT, shared_path

CORPUS = ROOT / "corpus"
FLOORS = tomllib.loads((ROOT / "tests" / "floors.toml").read_text(encoding="utf-8"))["corpus_test"]


def _files() -> list[Path]:
    return sorted((CORPUS / "docs").glob("*.json")) + sorted((CORPUS / "agreement").glob("*.json"))


def test_every_file_validates_against_the_schema() -> None:
    schema = json.loads((CORPUS / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = {p.name: [e.message for e in validator.iter_errors(json.loads(p.read_text(encoding="utf-8")))][:2]
           for p in _files()}
    assert not {k: v for k, v in bad.items() if v}


def test_the_splits_are_fixed_by_document_and_every_document_is_annotated() -> None:
    where = splits(CORPUS)
    assert len(where) >= 250
    names = {p.stem for p in (CORPUS / "docs").glob("*.json")}
    assert names == set(where)
    test_share = sum(1 for s in where.values() if s == "test") / len(where)
    assert 0.38 <= test_share <= 0.42
    leads = [n for n in where if n.startswith("lead_")]
    assert len(leads) >= 234
    # the 16 articles the facts stages were written from are all train
    assert all(where[n] == "train" for n in where if n.startswith(("tengri_m", "tengri_p")))
    double = double_annotated(CORPUS)
    assert len(double) >= 25 and all((CORPUS / "agreement" / f"{n}.json").is_file() for n in double)


def test_offsets_land_in_their_sources_and_the_hashes_match() -> None:
    data = shared_path("data")
    docs = list(load(CORPUS, data))  # load() checks each file's hash, bounds and references
    assert len(docs) == len(splits(CORPUS))
    for p in sorted((CORPUS / "agreement").glob("*.json")):
        ann = json.loads(p.read_text(encoding="utf-8"))
        assert check(ann, read_source(ann["source"], data), str(p)) == []


def test_a_changed_source_is_caught(tmp_path: Path) -> None:
    data = shared_path("data")
    ann = json.loads((CORPUS / "docs" / "tengri_m001.json").read_text(encoding="utf-8"))
    text = read_source(source_of("tengri_m001"), data)
    assert ann["source"]["sha256"] == sha256(text)
    assert check(ann, text + " ", "x")[0].startswith("x: SHA-256")
    ann["entities"][0]["mentions"][0] = {"start": len(text) - 1, "end": len(text) + 5}
    assert any("outside the text" in p for p in check(ann, text, "x"))
    # a corpus whose split list names a document twice is refused
    (tmp_path / "splits.toml").write_text('train = ["a"]\ntest = ["a"]\n', encoding="utf-8")
    with pytest.raises(CorpusError):
        splits(tmp_path)


def test_corpus_show_prints_a_document_with_its_annotations() -> None:
    shared_path("data")
    result = CliRunner().invoke(app, ["corpus", "show", "tengri_m001", "--corpus", str(CORPUS)])
    assert result.exit_code == 0, result.output
    assert "]PERSON" in result.output and "## quotations" in result.output and "## events" in result.output
    result = CliRunner().invoke(app, ["corpus", "show", "nosuchdoc", "--corpus", str(CORPUS)])
    assert result.exit_code == 2
    test_doc = next(n for n, split in splits(CORPUS).items() if split == "test")
    result = CliRunner().invoke(app, ["corpus", "show", test_doc, "--corpus", str(CORPUS)])
    assert result.exit_code == 2  # the test split is not for reading


def test_the_entity_layer_converts_to_iob_with_habars_tokens(tmp_path: Path) -> None:
    from habar.ner.iob import read_iob

    shared_path("data")
    out = tmp_path / "train.iob"
    result = CliRunner().invoke(app, ["corpus", "iob", "--split", "train", "-o", str(out), "--corpus", str(CORPUS)])
    assert result.exit_code == 0, result.output
    sentences = read_iob(out)
    labels = [lab for s in sentences for _, lab in s]
    assert len(sentences) > 500
    assert {"B-PERSON", "I-PERSON", "B-GPE", "B-ORGANISATION"} <= set(labels)
    # IOB2: an I- label continues a mention of the same class
    for s in sentences:
        for (_, prev), (_, lab) in zip([("", "O"), *s], s, strict=False):
            assert not lab.startswith("I-") or prev[2:] == lab[2:]


def test_agreement_is_scored_per_layer() -> None:
    shared_path("data")
    result = CliRunner().invoke(app, ["evaluate", "agreement", "--json", "--corpus", str(CORPUS)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["documents"] == len(double_annotated(CORPUS))
    assert scores["entities"]["f1"] > 80 and scores["quotes"]["f1"] > 80


def test_the_test_split_holds_its_floors() -> None:
    shared_path("data")
    result = CliRunner().invoke(app, ["evaluate", "articles", str(CORPUS), "--split", "test", "--json"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.output)
    assert s["documents"] == sum(1 for v in splits(CORPUS).values() if v == "test")
    assert s["entities"]["f1"] >= FLOORS["entities_f1"], s["entities"]
    assert s["names"]["f1"] >= FLOORS["names_f1"], s["names"]
    assert s["clusters"]["f1"] >= FLOORS["clusters_f1"], s["clusters"]
    assert s["quotes"]["f1"] >= FLOORS["quote_f1"], s["quotes"]
    assert s["speakers"]["accuracy"] >= FLOORS["speaker_accuracy"], s["speakers"]
    assert s["events"]["f1"] >= FLOORS["event_f1"], s["events"]
    assert s["events_untyped"]["f1"] >= FLOORS["event_untyped_f1"], s["events_untyped"]
    assert s["dates"]["f1"] >= FLOORS["dates_f1"], s["dates"]
    assert s["furniture"]["leaked"] <= FLOORS["furniture_leaked_max"], s["furniture"]


def test_the_test_split_holds_its_floors_with_the_accurate_tagger() -> None:
    shared_path("data")
    floors = tomllib.loads((ROOT / "tests" / "floors.toml").read_text(encoding="utf-8"))["corpus_test_accurate"]
    result = CliRunner().invoke(app, ["evaluate", "articles", str(CORPUS), "--split", "test", "--json",
                                      "--ner", "accurate"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.output)
    assert s["entities"]["f1"] >= floors["entities_f1"], s["entities"]
    assert s["names"]["f1"] >= floors["names_f1"], s["names"]
    assert s["clusters"]["f1"] >= floors["clusters_f1"], s["clusters"]
    assert s["speakers"]["accuracy"] >= floors["speaker_accuracy"], s["speakers"]
