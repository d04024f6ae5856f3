"""Documentation is tested: every command and option of `habar` appears in docs/cli.md, and the README opens
with the two commands a newcomer runs."""

from __future__ import annotations

from typing import Any

import typer

from habar.cli import app

from .conftest import ROOT


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    # typer's groups and commands are not click's own classes: look at what they hold, not at their type
    out = [(prefix, group)]
    if hasattr(group, "commands"):
        for name, cmd in group.commands.items():
            out.extend(_commands(cmd, prefix + (name,)))
    return out


def test_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, cmd in _commands(typer.main.get_command(app)):
        if path and f"habar {' '.join(path)}" not in doc:
            missing.append("habar " + " ".join(path))
        for param in cmd.params:
            if getattr(param, "param_type_name", "") == "option":
                for opt in param.opts:
                    if opt.startswith("--") and f"`{opt}" not in doc and opt != "--help":
                        missing.append(f"{' '.join(path)} {opt}")
    assert not missing, f"not in docs/cli.md: {missing}"


def test_the_docs_test_sees_every_command() -> None:
    names = {" ".join(path) for path, _ in _commands(typer.main.get_command(app)) if path}
    assert {"analyze", "schema", "ingest", "search", "evaluate ud", "evaluate ner", "train ner"} <= names


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme[:2500]
    assert "make demo" in first_screen and "make test" in first_screen
    assert first_screen.index("make demo") < first_screen.index("## ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
