"""The floors themselves: each evaluation file a floor is measured on is the one it was measured on (its digest
is pinned), and no floor ever went down in the file's history (DESIGN convention 5)."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

from habar.evaluate import digest

from .conftest import ROOT, SHARED

FLOORS_FILE = ROOT / "tests" / "floors.toml"
FLOORS = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FLOORS["digests"]))
def test_each_scored_file_is_the_one_the_floors_were_measured_on(name: str) -> None:
    path = SHARED / "data" / name
    if not path.exists():
        pytest.skip(f"needs ../shared/data/{name} (absent here; CI has it)")
    assert digest(path) == FLOORS["digests"][name], f"{name} changed: re-measure its floors, then pin the new digest"


def test_the_corpus_is_pinned_too() -> None:
    assert digest(ROOT / "corpus") == FLOORS["corpus"]["digest"], "corpus/ changed: re-measure [corpus_test]"


def _numbers(table: dict[str, object], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_numbers(value, f"{prefix}{key}."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[prefix + key] = float(value)
    return out


def test_no_floor_ever_went_down() -> None:
    """Every committed version of floors.toml against the next (and the working copy), from the first that
    pins digests: a floor only rises; a `_max` (a ceiling: leaked blocks) only falls."""
    try:
        shas = subprocess.run(["git", "log", "--format=%H", "--", "tests/floors.toml"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    versions = []
    for sha in reversed(shas):
        text = subprocess.run(["git", "show", f"{sha}:tests/floors.toml"], cwd=ROOT, capture_output=True,
                              text=True).stdout
        versions.append((sha[:8], _numbers(tomllib.loads(text))))
    versions.append(("working copy", _numbers(FLOORS)))
    # enforced from the first version that pins its files' digests (earlier merges of parallel branches did
    # lower floors, measured on other data; that history is not rewritten)
    versions = [v for v in versions if any(k.startswith("digests.") for k in v[1])]
    lowered = []
    for (a_name, a), (b_name, b) in zip(versions, versions[1:], strict=False):
        for key in a.keys() & b.keys():
            if key.startswith(("digests.", "corpus.")):
                continue
            worse = b[key] > a[key] if key.endswith("_max") else b[key] < a[key]
            if worse:
                lowered.append(f"{key}: {a[key]} ({a_name}) -> {b[key]} ({b_name})")
    assert not lowered, lowered


def test_a_lowered_floor_is_caught(tmp_path: Path) -> None:
    a = _numbers({"ner": {"dev_f1_fast": 87.8}, "articles": {"boilerplate_leaked_max": 0}})
    b = _numbers({"ner": {"dev_f1_fast": 87.7}, "articles": {"boilerplate_leaked_max": 1}})
    assert [k for k in a if (b[k] > a[k] if k.endswith("_max") else b[k] < a[k])] == [
        "ner.dev_f1_fast", "articles.boilerplate_leaked_max"]
