"""CI gate: quotations, speakers, events and cleaning on the real annotated articles in ../shared."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from habar.cli import app
from habar.document import Document
from habar.evaluate.articles import evaluate_articles, names_agree, score_document

from .conftest import ROOT, shared_path

FLOORS = tomllib.loads((ROOT / "tests" / "floors.toml").read_text(encoding="utf-8"))["articles"]


def test_articles_meet_the_floors() -> None:
    report = evaluate_articles(shared_path("data", "articles"))
    scores = report.as_dict()
    assert scores["quote_f1"] >= FLOORS["quote_f1"], scores
    assert scores["speaker_accuracy"] >= FLOORS["speaker_accuracy"], scores
    assert scores["event_precision"] >= FLOORS["event_precision"], scores
    assert scores["event_recall"] >= FLOORS["event_recall"], scores
    assert scores["boilerplate_leaked"] <= FLOORS["boilerplate_leaked_max"], scores


def test_cli_prints_the_scores() -> None:
    folder = shared_path("data", "articles")
    result = CliRunner().invoke(app, ["evaluate", "articles", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)) >= {"quote_f1", "speaker_accuracy", "event_precision", "event_recall"}


def test_cli_rejects_a_folder_without_articles(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "articles", str(tmp_path)])
    assert result.exit_code == 2
    assert "no annotated articles" in result.output


def test_names_agree_rule() -> None:
    assert names_agree("Сүлейменов", "Тимур Сүлейменов")
    assert names_agree("Тимур Сүлейменов", "тимур сүлейменов")
    assert not names_agree("Тимур Сүлейменов", "Ержан Біржанов")
    assert not names_agree(None, "Тоқаев")


def test_scoring_counts_matches_and_leaks() -> None:
    doc = Document(id="x", language="kk", text="«Бәрі жақсы болады», - деді Тоқаев. Пікір қалдырыңыз",
                   quotes=[{"speaker": {"name": "Тоқаев"}, "cue": "деді", "kind": "direct", "start": 1, "end": 18,
                            "text": "Бәрі жақсы болады"}])
    gold = {"quotes": [{"speaker": "Қасым-Жомарт Тоқаев", "begins": "Бәрі", "ends": "болады", "cue": "деді",
                        "kind": "direct"},
                       {"speaker": "Әлиев", "begins": "жоқ", "ends": "жоқ", "cue": "", "kind": "direct"}],
            "events": [], "boilerplate": ["Пікір қалдырыңыз"]}
    res = score_document(doc, gold, "x")
    assert (res.quotes.matched, res.quotes.gold, res.quotes.predicted, res.speakers_right) == (1, 2, 1, 1)
    assert res.leaked == 1
