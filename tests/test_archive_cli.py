"""The archive's CLI commands: thin, one-line errors, exit codes 0/1/2; and the search quality gate."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLE, shared_path
from typer.testing import CliRunner

from habar.cli import app

runner = CliRunner()


def test_ingest_search_export_plot_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    first = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db])
    assert first.exit_code == 0, first.output
    assert "1 stored, 0 duplicate" in first.output
    again = runner.invoke(app, ["ingest", str(EXAMPLE), str(tmp_path / "missing.txt"), "--db", db])
    assert again.exit_code == 1
    assert "0 stored, 1 duplicate" in again.output and "missing.txt: no such file" in again.output
    found = runner.invoke(app, ["search", "Әзербайжанға", "--db", db, "--format", "json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.output)
    assert hits[0]["source"] == str(EXAMPLE) and "url" in hits[0] and hits[0]["highlights"]
    text = runner.invoke(app, ["search", "Әзербайжан", "--db", db])
    assert "[Әзербайжан" in text.output
    assert runner.invoke(app, ["search", "x", "--db", db, "--since", "2022"]).exit_code == 2
    assert runner.invoke(app, ["search", "x", "--db", db, "--format", "xml"]).exit_code == 2
    out = runner.invoke(app, ["export", "--format", "jsonl", "-o", str(tmp_path / "ex"), "--db", db])
    assert out.exit_code == 0 and (tmp_path / "ex" / "documents.jsonl").exists()
    assert runner.invoke(app, ["export", "--format", "pdf", "-o", str(tmp_path / "x"), "--db", db]).exit_code == 2
    missing = runner.invoke(app, ["entity", "Тоқаев", "--db", db])
    assert missing.exit_code == 1 and "no entity" in missing.output
    nodb = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert nodb.exit_code == 1 and "no archive here" in nodb.output


def test_search_quality_gate() -> None:
    """habar's search against pg_kazsearch's judged queries; floors only go up (measured 0.656 / 0.817)."""
    from habar.archive.evaluate import evaluate_search

    ours, _, plain = evaluate_search(shared_path("data", "search-eval"))
    assert ours.queries == 75
    assert ours.recall >= 0.65 and ours.mrr >= 0.81
    assert ours.recall > plain.recall + 0.08 and ours.mrr > plain.mrr + 0.1
