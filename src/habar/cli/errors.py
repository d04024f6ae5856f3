"""The one place the ``habar`` command turns errors into what a user sees: one line on stderr naming the file
and the problem, and an exit code (0 all inputs succeeded, 1 some input failed, 2 a usage error). No Python
traceback reaches the user."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from habar.errors import HabarError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """One line on stderr, above any progress bar."""
    from tqdm import tqdm

    tqdm.write(f"habar: {message}", file=sys.stderr)


def usage(message: str) -> typer.Exit:
    """A usage error: its line, and the exit to raise (2)."""
    say(f"error: {message}")
    return typer.Exit(EXIT_USAGE)


def fail(exc: HabarError) -> typer.Exit:
    """habar's error as its line, and the exit to raise: 2 for a usage error, 1 for the others."""
    if isinstance(exc, UsageError):
        return usage(str(exc))
    say(f"error: {exc}")
    return typer.Exit(EXIT_FAILED)


@contextmanager
def reported(writing: str) -> Iterator[None]:
    """Map habar's errors to exit codes (usage 2, others 1) and a failed write to one line naming ``writing``."""
    try:
        yield
    except HabarError as exc:
        raise fail(exc) from None
    except OSError as exc:
        say(f"error: cannot write {writing} ({exc.strerror or exc})")
        raise typer.Exit(EXIT_FAILED) from None
