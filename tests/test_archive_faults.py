"""The archive under bad input and faults: corrupt or foreign files, a newer schema, a full disk, a read-only
folder, two writers at once, and kill -9 in the middle of an ingest. Each gives a clear one-line message and
nothing already stored is lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import habar
from habar.errors import ArchiveError

HABAR = [sys.executable, "-c", "from habar.cli import main; main()"]
SENTENCES = [
    "Астанада {n}-ші халықаралық форум өтті.",
    "Алматы облысында {n} гектар егін жиналды.",
    "Үкімет отырысында {n} мәселе қаралды.",
    "Шымкентте {n} жаңа мектеп ашылды.",
]


def _texts(count: int, offset: int = 0) -> list[str]:
    """Distinct short articles (different enough not to be near-duplicates of each other)."""
    out = []
    for i in range(offset, offset + count):
        words = " ".join(f"сөз{(i * 7 + k * 13) % 1009}" for k in range(12))
        out.append(f"Хабар нөмірі {i}\n\n" + " ".join(s.format(n=i + j) for j, s in enumerate(SENTENCES)) +
                   f" {words}.")
    return out


def _write_files(folder: Path, count: int, offset: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(_texts(count, offset)):
        (folder / f"a{offset + i:05d}.txt").write_text(text, encoding="utf-8")


def _count(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(total), int(distinct)
    finally:
        conn.close()


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_mid_ingest_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    inputs, db = tmp_path / "in", tmp_path / "a.db"
    _write_files(inputs, 1200)
    cmd = [*HABAR, "ingest", str(inputs), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(db) < 200 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _stored(db)
    assert 200 <= stored_before < 1200
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _count(db) == (1200, 1200)


def test_two_ingests_at_once_both_finish_and_nothing_is_lost(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _write_files(tmp_path / "x", 150)
    _write_files(tmp_path / "y", 150, offset=100)  # 50 documents in common
    procs = [subprocess.Popen([*HABAR, "ingest", str(tmp_path / d), "--db", str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in ("x", "y")]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _count(db) == (250, 250)


_OPEN_AT = """
import sys, time
from pathlib import Path
from habar.archive.store import connect
start = float(sys.argv[2])
while time.time() < start:
    pass
connect(Path(sys.argv[1]), write=True).close()
"""


def test_processes_creating_one_archive_at_once_all_open_it(tmp_path: Path) -> None:
    # seen once in ten runs of the test above: the second process was told "busy" at once while the first
    # created the archive, or took the half-made archive for another program's database
    for round_no in range(5):
        db = tmp_path / f"r{round_no}.db"
        start = time.time() + 0.7
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AT, str(db), str(start)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], outs
        assert habar.Archive(db).count() == 0


def test_an_open_answered_busy_at_once_is_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from habar.archive import store

    real = store._connect
    calls = []

    def busy_twice(path: Path, *, write: bool) -> sqlite3.Connection:
        calls.append(path)
        if len(calls) <= 2:
            raise store._Busy(sqlite3.OperationalError("database is locked"))
        return real(path, write=write)

    monkeypatch.setattr(store, "_connect", busy_twice)
    store.connect(tmp_path / "a.db", write=True).close()
    assert len(calls) == 3
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 200)
    calls.clear()

    def always_busy(path: Path, *, write: bool) -> sqlite3.Connection:
        calls.append(path)
        raise store._Busy(sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(store, "_connect", always_busy)
    with pytest.raises(ArchiveError, match="busy"):
        store.connect(tmp_path / "b.db", write=True)
    assert len(calls) > 1  # tried again until the time was up


def test_corrupt_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not a database at all\n" * 200)
    before = db.read_bytes()
    with pytest.raises(ArchiveError, match="not a habar archive"):
        habar.Archive(db)
    assert db.read_bytes() == before
    done = subprocess.run([*HABAR, "search", "x", "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not a habar archive" in done.stderr and "Traceback" not in done.stderr


def test_foreign_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="another program"):
        habar.Archive(db)
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["invoices"]
    conn.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with habar.Archive(db) as archive:
        archive.add([habar.analyze("Астанада жиын өтті.")])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer habar .*version 99"):
        habar.Archive(db)
    with pytest.raises(ArchiveError, match="newer habar"):
        habar.Archive(db, readonly=True)


def test_disk_full_keeps_what_was_stored(tmp_path: Path) -> None:
    """A size-limited database file (SQLite's max_page_count) fills up in the middle of an ingest."""
    db = tmp_path / "a.db"
    first = [habar.analyze(t) for t in _texts(10)]
    more = [habar.analyze(t) for t in _texts(400, offset=10)]
    with habar.Archive(db) as archive:
        archive.add(first)
        pages = archive.conn.execute("PRAGMA page_count").fetchone()[0]
        archive.conn.execute(f"PRAGMA max_page_count = {pages + 20}")
        with pytest.raises(ArchiveError, match="disk full"):
            archive.add(more)
    total, distinct = _count(db)
    assert total == distinct and 10 <= total < 410
    with habar.Archive(db) as archive:  # room again: the same input completes
        archive.add(first + more)
    assert _count(db) == (410, 410)


def _as_normal_user() -> list[str]:
    """A command prefix that drops root's capabilities (root ignores folder permissions), or [] when already a
    normal user. The process stays uid 0, so it can still read a checkout only root may read (a clone in a
    mktemp folder); without CAP_DAC_OVERRIDE the folder's mode bits bind it like anyone else."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot test a read-only folder")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all"]


def test_read_only_folder() -> None:
    prefix = _as_normal_user()
    base = Path(tempfile.mkdtemp(prefix="habar-ro-"))
    try:
        folder = base / "ro"
        folder.mkdir()
        db = folder / "a.db"
        with habar.Archive(db) as archive:
            archive.add([habar.analyze("Астанада жиын өтті.")])
        for path in (base, folder, db):
            path.chmod(0o755 if path.is_dir() else 0o644)
        folder.chmod(0o555)
        found = subprocess.run([*prefix, *HABAR, "search", "Астана", "--db", str(db), "-f", "json"],
                               capture_output=True, text=True)
        assert found.returncode == 0, found.stderr
        assert len(json.loads(found.stdout)) == 1
        new = subprocess.run([*prefix, *HABAR, "ingest", "-", "--db", str(folder / "new.db")], input="Сәлем.",
                             capture_output=True, text=True)
        assert new.returncode == 1 and "read-only" in new.stderr and "Traceback" not in new.stderr
        again = subprocess.run([*prefix, *HABAR, "ingest", "-", "--db", str(db)], input="Сәлем.",
                               capture_output=True, text=True)
        assert again.returncode == 1 and "read-only" in again.stderr
        assert _count(db) == (1, 1)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


def test_missing_archive_for_search(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no archive here"):
        habar.Archive(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


def test_file_size_limit_mid_ingest_then_rerun(tmp_path: Path) -> None:
    """A real write failure: the ingest process may not grow files past 1.5 MB (RLIMIT_FSIZE)."""
    import resource

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, 1_500_000))

    inputs, db = tmp_path / "in.jsonl", tmp_path / "a.db"
    inputs.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in _texts(500)),
                      encoding="utf-8")
    cmd = [*HABAR, "ingest", str(inputs), "--db", str(db), "--quiet"]
    full = subprocess.run(cmd, preexec_fn=limit, capture_output=True, text=True, timeout=300)
    assert full.returncode == 1
    assert "disk full" in full.stderr and full.stderr.count("\n") == 1 and "Traceback" not in full.stderr
    total, distinct = _count(db)
    assert total == distinct and 0 < total < 500
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _count(db) == (500, 500)
