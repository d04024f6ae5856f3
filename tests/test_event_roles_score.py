"""Event arguments scored by role (``event_arguments_by_role``): an actor is right only as an actor, a
counterpart only as a counterpart, the place as the gold place entity."""

from __future__ import annotations

import pytest

from habar.evaluate.corpus import as_document, load
from habar.evaluate.layers import ROLES, LayerReport, score_document

from .conftest import ROOT, shared_path


def _train_doc_with_roles():  # type: ignore[no-untyped-def]
    data = shared_path("data")
    for d in load(ROOT / "corpus", data, "train"):
        evs = d.ann["events"]
        if any(e["actors"] for e in evs) and any(e["counterparts"] for e in evs) and any(e["place"] for e in evs):
            return d
    pytest.skip("no train document with all three roles")


def test_gold_against_itself_scores_every_role_full() -> None:
    d = _train_doc_with_roles()
    report = LayerReport()
    score_document(d, as_document(d.ann, d.text), report)
    roles = report.as_dict()["event_arguments_by_role"]
    assert set(roles) == set(ROLES)
    for role in ROLES:
        assert roles[role]["gold"] > 0 and roles[role]["f1"] == 100.0, role


def test_swapped_roles_score_zero_by_role_but_count_as_arguments() -> None:
    d = _train_doc_with_roles()
    ann = dict(d.ann)
    ann["events"] = [{**e, "actors": e["counterparts"], "counterparts": e["actors"], "place": None}
                     for e in d.ann["events"]]
    report = LayerReport()
    score_document(d, as_document(ann, d.text), report)
    out = report.as_dict()
    swapped = [e for e in d.ann["events"] if set(e["actors"]) != set(e["counterparts"])]
    assert swapped
    assert out["event_arguments"]["recall"] == 100.0  # the same entities, whatever their role
    assert out["event_arguments_by_role"]["actor"]["recall"] < 100.0
    assert out["event_arguments_by_role"]["place"]["predicted"] == 0


def test_events_by_type_count_each_type_and_a_wrong_type_as_mistyped() -> None:
    d = _train_doc_with_roles()
    gold_types = [e["type"] for e in d.ann["events"]]
    report = LayerReport()
    score_document(d, as_document(d.ann, d.text), report)
    out = report.as_dict()
    assert sum(c["gold"] for c in out["events_by_type"].values()) == len(gold_types)
    assert all(c["f1"] == 100.0 for c in out["events_by_type"].values())
    assert out["events_mistyped"] == 0
    # every event given one wrong type: found by evidence, wrong by type
    ann = dict(d.ann)
    other = {t: ("legal" if t != "legal" else "visit") for t in gold_types}
    ann["events"] = [{**e, "type": other[e["type"]]} for e in d.ann["events"]]
    report = LayerReport()
    score_document(d, as_document(ann, d.text), report)
    out = report.as_dict()
    assert out["events"]["matched"] == 0
    assert out["events_mistyped"] == out["events_untyped"]["matched"] == len(gold_types)
    assert out["events_by_type"]["legal"]["predicted"] >= 1
