"""Opening an archive file safely: create, recognise, migrate, and turn SQLite's failures into plain messages."""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Protocol

from habar.archive.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from habar.errors import ArchiveError

BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another process's batch to commit before giving up."""


def _is_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "disk is full" in text or "database or disk is full" in text or (
        isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    )


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def explain(exc: BaseException, path: Path, doing: str) -> ArchiveError:
    """An :class:`ArchiveError` with a one-line message for an SQLite (or OS) failure while ``doing``."""
    text = str(exc).lower()
    if _is_full(exc) or "disk i/o error" in text:
        return ArchiveError(f"{path}: disk full (or file size limit reached) while {doing}; what was stored "
                            "before is safe: free some space and run the same command again")
    if _is_busy(exc):
        return ArchiveError(f"{path}: busy, another habar process has been writing to it for over "
                            f"{BUSY_TIMEOUT_MS // 1000} s; try again when it has finished")
    if "readonly" in text or "read-only" in text:
        return ArchiveError(f"{path}: cannot write (the file or its folder is read-only); "
                            "use --db to put the archive somewhere writable")
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return ArchiveError(f"{path}: not a habar archive (the file is not an SQLite database, or is damaged)")
    return ArchiveError(f"{path}: {doing} failed ({exc})")


def connect(path: Path, *, write: bool) -> sqlite3.Connection:
    """An open, checked, up-to-date connection; raises :class:`ArchiveError` with a plain message.

    SQLite can answer "busy" at once, without waiting, while another process creates the archive or
    switches it to WAL: opening is then tried again for up to :data:`BUSY_TIMEOUT_MS`."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _connect(path, write=write)
        except _Busy as busy:
            if time.monotonic() > deadline:
                raise explain(busy.error, path, "opening the archive") from None
            time.sleep(0.05)


class _Busy(Exception):
    def __init__(self, error: sqlite3.Error) -> None:
        super().__init__(str(error))
        self.error = error


def _connect(path: Path, *, write: bool) -> sqlite3.Connection:
    exists = path.exists()
    if path.is_dir():
        raise ArchiveError(f"{path}: is a folder; give the archive's file name (e.g. habar.db)")
    if not exists and not write:
        raise ArchiveError(f"{path}: no archive here (create one with: habar ingest FILES --db {path})")
    if not exists:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise ArchiveError(f"{path}: folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise ArchiveError(f"{path}: cannot create the archive (folder {folder} is read-only); "
                               "use --db to put it somewhere writable")
    if exists and write and not os.access(path, os.W_OK):
        raise ArchiveError(f"{path}: cannot write (the file is read-only); use --db to put the archive "
                           "somewhere writable")
    conn: sqlite3.Connection | None = None
    try:
        if write or os.access(path.parent if str(path.parent) else ".", os.W_OK):
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
        else:  # a read-only folder: read without creating the -wal and -shm files
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check(conn, path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not write and version < SCHEMA_VERSION:
            if not (os.access(path, os.W_OK) and os.access(path.parent if str(path.parent) else ".", os.W_OK)):
                raise ArchiveError(f"{path}: written by an older habar (archive schema version {version}, now "
                                   f"{SCHEMA_VERSION}) in a read-only place; copy it somewhere writable to upgrade")
            write = True  # upgrade it in place, once
        if write:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            _migrate(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
    except ArchiveError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        if _is_busy(exc):
            raise _Busy(exc) from None
        raise explain(exc, path, "opening the archive") from None
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    # one statement, one snapshot: read one by one, the three could straddle another process's creation of
    # the archive (no id yet, then its tables) and a new archive would pass for another program's database
    app_id, version, tables = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id()), "
        "(SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_master)").fetchone()
    if app_id != APPLICATION_ID and (tables or version):
        raise ArchiveError(f"{path}: an SQLite database of another program, not a habar archive; "
                           "habar leaves it untouched (give another --db)")
    if version > SCHEMA_VERSION:
        raise ArchiveError(f"{path}: written by a newer habar (archive schema version {version}; this habar "
                           f"reads versions up to {SCHEMA_VERSION}); upgrade habar to use it")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check(conn, path)  # another process may have changed it before we held the lock
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[target - 1]):
                conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our statements' strings)."""
    out = []
    for part in script.split(";"):
        lines = [line.split("--", 1)[0] for line in part.splitlines()]
        statement = "\n".join(lines).strip()
        if statement:
            out.append(statement)
    return out


class Opened(Protocol):
    """What the query modules (search, profile, export, plot) need of an open archive; ``Archive`` is one. They
    are typed against this, not against ``habar.archive.core``, which calls them: no import circle."""

    path: Path
    conn: sqlite3.Connection
    _indexed: tuple[int, int] | None

    def entity(self, name: str | int, *, top: int = 10) -> Any: ...
