"""The README's tour runs as written (issue 18): every command of its command-line, Python and archive parts, in
order, on the bundled sample, in a fresh folder holding only ``examples/``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BIN = str(Path(sys.executable).parent)


def tour_blocks() -> list[tuple[str, str]]:
    """(language, code) of each fenced block of the README from "A short tour" up to "On the web" (a server
    that runs until stopped; "Measuring it" needs the shared data and takes hours to train)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A short tour"):readme.index("### On the web")]
    return [(m.group(1), m.group(2)) for m in re.finditer(r"```(sh|python)\n(.*?)```", tour, re.S)]


def _run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
    return subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_the_tour_has_commands_and_a_python_part() -> None:
    kinds = [kind for kind, _ in tour_blocks()]
    assert kinds == ["sh", "python", "sh"]


def test_every_command_of_the_tour_runs_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    outputs: dict[str, str] = {}
    for kind, code in tour_blocks():
        if kind == "python":
            monkeypatch.chdir(tmp_path)
            namespace: dict[str, object] = {}
            exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own snippet
            doc = namespace["doc"]
            assert (doc.title, doc.dateline, doc.agency) == (  # type: ignore[attr-defined]
                "Бакуге сапар – нәтижелі сапар болды", "Баку", "ҚазАқпарат")
            assert namespace["hits"], "archive.search('Әзербайжан') found nothing"
            assert namespace["profile"].name == "Қасым-Жомарт Тоқаев"  # type: ignore[attr-defined]
            continue
        for line in code.splitlines():
            if not line.strip():
                continue
            r = _run(line, tmp_path)
            assert r.returncode == 0, (line, r.stdout[-2000:], r.stderr[-2000:])
            outputs[line.split("#")[0].strip()] = r.stdout
    searches = [out for line, out in outputs.items() if line.startswith("habar search") and "--since" in line]
    assert searches and "Бакуге сапар" in searches[0], searches  # the dated search finds the sample
    entity = next(out for line, out in outputs.items() if line.startswith("habar entity"))
    assert entity.startswith("Қасым-Жомарт Тоқаев")
    assert (tmp_path / "baku.json").stat().st_size > 0 and (tmp_path / "timeline.png").stat().st_size > 0
    assert {p.name for p in (tmp_path / "tables").iterdir()} >= {"documents.parquet", "events.parquet"}


def test_update_gives_a_stored_article_its_date(tmp_path: Path) -> None:
    """As the README says below the archive's commands: stored without a date, the sample is not found by a
    dated search; the same ingest with --published says it differs, and with --update replaces it."""
    sample = str(ROOT / "examples" / "baku-visit.txt")
    dated = 'habar search "Әзербайжан" --db a.db --since 2022-01-01 --type visit'
    assert _run(f"habar ingest {sample} --db a.db -q", tmp_path).returncode == 0
    assert "Бакуге сапар" not in _run(dated, tmp_path).stdout
    r = _run(f"habar ingest {sample} --db a.db --published 2022-08-24", tmp_path)
    assert "1 duplicate (1 with another date or url than the stored one: --update replaces it)" in r.stderr
    assert "Бакуге сапар" not in _run(dated, tmp_path).stdout  # a duplicate changes nothing
    r = _run(f"habar ingest {sample} --db a.db --published 2022-08-24 --update", tmp_path)
    assert r.returncode == 0 and "0 stored, 1 updated, 0 duplicate" in r.stderr, r.stderr
    assert "болды  [2022-08-24]" in _run(dated, tmp_path).stdout
    r = _run(f"habar ingest {sample} --db a.db --published 2022-08-24 --update", tmp_path)
    assert "0 stored, 1 duplicate," in r.stderr  # the same date again: nothing to replace


def test_replacing_a_document_keeps_its_place_and_rewrites_its_facts(tmp_path: Path) -> None:
    from habar.archive import Archive

    text = "Қасым-Жомарт Тоқаев Бакуге барды."
    ent = {"id": "e1", "label": "PERSON", "name": "Қасым-Жомарт Тоқаев",
           "mentions": [{"start": 0, "end": 19, "text": "Қасым-Жомарт Тоқаев"}]}
    old = {"id": "d1", "text": text, "title": "", "published": None, "entities": [ent],
           "events": [{"type": "visit", "actors": ["e1"], "date": None, "evidence": {"start": 0, "end": 33}}]}
    new = {**old, "published": "2022-08-24", "url": "https://example.kz/1",
           "events": [{"type": "visit", "actors": ["e1"], "date": "2022-08-24", "evidence": {"start": 0, "end": 33}}]}
    with Archive(tmp_path / "a.db") as archive:
        archive.add([old])
        rowid = archive.conn.execute("SELECT rowid FROM documents").fetchone()[0]
        assert archive.add([new]).duplicate == 1 and archive.stored_metadata("d1") == (None, None)
        summary = archive.add([new], replace=True)
        assert (summary.updated, summary.stored, summary.duplicate) == (1, 0, 0)
        assert archive.stored_metadata("d1") == ("2022-08-24", "https://example.kz/1")
        assert archive.conn.execute("SELECT rowid FROM documents").fetchall() == [(rowid,)]
        assert archive.conn.execute("SELECT date FROM events").fetchall() == [("2022-08-24",)]
        assert archive.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1
        assert archive.conn.execute("SELECT count(*) FROM event_roles").fetchone()[0] == 1
        assert archive.document("d1")["published"] == "2022-08-24"
        assert [h.id for h in archive.search("Бакуге", since="2022-01-01")] == ["d1"]
