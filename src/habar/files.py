"""Files habar writes: each appears only when complete, with the user's umask, and leaves nothing behind.

A file is written beside its final place under a hidden partial name that carries the writing process's id
(``.out.jsonl.1234.habar-partial``) and moved into place when complete. A process killed with ``kill -9``
cannot remove its partial file; the next write of the same file removes the partial files of processes that
are no longer running. Files are created with mode 0666 less the umask, as ``open()`` and ``touch`` do
(``tempfile.mkstemp`` would make them 0600).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PARTIAL = ".habar-partial"


def partial_name(target: Path, pid: int | None = None) -> Path:
    return target.with_name(f".{target.name}.{os.getpid() if pid is None else pid}{PARTIAL}")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's process: running
        return True
    return True


def remove_stale(target: Path) -> list[Path]:
    """Remove the partial files of ``target`` left by processes that no longer run; returns them."""
    removed = []
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(PARTIAL)):
            continue
        pid_text = name[len(prefix) : -len(PARTIAL)]
        if not pid_text.isdigit() or (int(pid_text) != os.getpid() and _running(int(pid_text))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def create(path: Path, *, binary: bool = False, **kwargs: Any) -> IO[Any]:
    """Open a new file for writing with the umask's mode (an existing one is replaced)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    return os.fdopen(fd, "wb" if binary else "w", **kwargs)


@contextmanager
def partial(target: Path) -> Iterator[Path]:
    """A partial path to write ``target`` through; moved into place when the block ends without error."""
    target = target.resolve()
    remove_stale(target)
    tmp = partial_name(target)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_text(target: Path, **kwargs: Any) -> Iterator[IO[str]]:
    """A text file (UTF-8) that appears at ``target`` only when complete."""
    with partial(target) as tmp, create(tmp, encoding="utf-8", **kwargs) as fh:
        yield fh
