"""Readers: every input kind becomes :class:`Article` items (or :class:`Failure` / :class:`Skip` reports).

One reader per input kind: plain text (``text.py``), HTML through trafilatura (``html.py``), JSON Lines
(``jsonl.py``); ``walk.py`` expands folders. A failure names the file (``file:line`` for JSONL) and the
problem, and the other inputs go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MAX_MB = 10.0
"""Largest article habar reads by default (MB). ``--max-size`` raises it; JSONL is read line by line."""


def human_size(n: float) -> str:
    """1234567 -> '1.2 MB' (decimal units, as --max-size counts)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{int(n)} bytes"


@dataclass
class Article:
    """One raw article, before cleaning."""

    text: str
    source: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)

    def raw(self) -> str:
        """The text the clean stage reads: the title (when given apart) as the first line, then the body."""
        if self.title:
            return f"{self.title.strip()}\n\n{self.text}"
        return self.text


@dataclass
class Failure:
    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass
class Skip:
    source: str
    reason: str


Item = Article | Failure | Skip

from habar.read.dispatch import read_inputs  # noqa: E402

__all__ = ["Article", "Failure", "Skip", "Item", "read_inputs", "DEFAULT_MAX_MB"]
