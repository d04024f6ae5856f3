"""The ``habar`` command: thin Typer commands (:mod:`habar.cli.app`) that parse arguments and call the library,
one place that turns errors into messages and exit codes, and one that renders text (:mod:`habar.cli.render`)."""

from __future__ import annotations

from habar.cli import corpus as _corpus  # noqa: F401  (registers `corpus` and `evaluate agreement`)
from habar.cli.app import app, main

__all__ = ["app", "main"]
