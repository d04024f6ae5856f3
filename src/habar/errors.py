"""One error base class for habar, with plain messages (DESIGN convention 3).

The CLI turns a :class:`HabarError` into one line on stderr and a non-zero exit code; no traceback
reaches the user. The HTTP server (:mod:`habar.server`) turns it into one JSON error shape: a
:class:`UsageError` or :class:`InputError` is the caller's mistake (422), a :class:`NotFoundError` a 404.
"""

from __future__ import annotations


class HabarError(Exception):
    """Base class of every error habar raises on purpose."""


class InputError(HabarError):
    """An input could not be read or analysed. ``source`` names the file (or file:line)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class UsageError(HabarError):
    """The caller asked for something habar does not offer; the message names the valid choices."""


class ArchiveError(HabarError):
    """The archive (an SQLite file) cannot be opened, read or written; the message says why and what to do."""


class NotFoundError(ArchiveError):
    """The archive holds no document or entity by that id or name (a 404 for the HTTP server)."""


class ClusterError(HabarError):
    """A Dask cluster cannot be started or reached, or lost partitions; the message says what to do."""


class PartitionsLost(ClusterError):
    """Partitions of a distributed ingest that the cluster did not finish (``numbers``), with the first one's
    reason; the runner raises it after giving every partition that was finished."""

    def __init__(self, numbers: list[int], reason: str) -> None:
        super().__init__(f"{len(numbers)} partitions were not written (partition {min(numbers)}: {reason})")
        self.numbers = sorted(numbers)
        self.reason = reason
