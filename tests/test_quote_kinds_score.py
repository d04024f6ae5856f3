"""Quotations scored by kind (``quotes_by_kind``) and wrong speakers by how they are wrong
(``speakers["wrong"]``): the scorer against the gold annotation itself and against altered copies."""

from __future__ import annotations

import pytest

from habar.evaluate.corpus import as_document, load
from habar.evaluate.layers import SPEAKER_ERRORS, LayerReport, score_document

from .conftest import ROOT, shared_path


def _doc_with_speakers():  # type: ignore[no-untyped-def]
    for d in load(ROOT / "corpus", shared_path("data"), "train"):
        qs = d.ann["quotes"]
        if len([q for q in qs if q["speaker"]["entity"]]) >= 2 and {q["kind"] for q in qs} >= {"direct", "indirect"}:
            return d
    pytest.skip("no train document with two kinds of quotation and two speakers")


def _score(d, ann):  # type: ignore[no-untyped-def]
    report = LayerReport()
    score_document(d, as_document(ann, d.text), report)
    return report.as_dict()


def test_gold_scores_every_kind_full_and_no_speaker_wrong() -> None:
    d = _doc_with_speakers()
    out = _score(d, d.ann)
    assert {"direct", "indirect"} <= set(out["quotes_by_kind"])
    assert all(c["f1"] == 100.0 for c in out["quotes_by_kind"].values())
    assert set(out["speakers"]["wrong"]) == set(SPEAKER_ERRORS) and not any(out["speakers"]["wrong"].values())


def test_a_swapped_kind_is_found_but_not_right_by_kind() -> None:
    d = _doc_with_speakers()
    swap = {"direct": "indirect", "indirect": "direct", "mixed": "direct"}
    out = _score(d, {**d.ann, "quotes": [{**q, "kind": swap[q["kind"]]} for q in d.ann["quotes"]]})
    assert out["quotes"]["f1"] == 100.0
    assert all(c["matched"] == 0 for c in out["quotes_by_kind"].values())


def test_speakers_taken_away_count_as_none() -> None:
    d = _doc_with_speakers()
    quotes = [{**q, "speaker": {"entity": None, "mention": None, "description": None}} for q in d.ann["quotes"]]
    out = _score(d, {**d.ann, "quotes": quotes})
    scored = out["speakers"]["scored"]
    assert scored >= 2 and out["speakers"]["right"] == 0
    assert out["speakers"]["wrong"]["none"] == scored
