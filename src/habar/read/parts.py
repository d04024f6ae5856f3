"""The inputs cut into partitions of about the same number of articles, and the reading of one partition.

A partition is a list of *pieces*: a whole file (a ``.txt`` or ``.html`` article, or a JSON Lines or WARC file
that cannot be cut), a run of JSON Lines lines, or a run of WARC records, each found by its byte offset; and
the failures and skips that finding the files reported (a broken link, a file of a kind habar does not read).
:func:`plan_parts` cuts the inputs without analysing anything: it lists folders, counts the lines of JSON Lines
files and reads the record headers of WARC files. :func:`read_part` reads one partition, on any machine that
sees the same files, with the very readers that :func:`habar.read.read_inputs` uses, so that the partitions'
items, one after the other, are the items :func:`habar.read.read_inputs` gives for the same paths, in the same
order and with the same names (``file:line``, ``file#record``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from habar.errors import UsageError
from habar.read import Failure, Item, Skip
from habar.read.dispatch import JSONL_SUFFIXES, WARC_SUFFIXES, input_files, read_file, suffix_of
from habar.read.jsonl import read_jsonl
from habar.read.warc import is_article, is_warc, read_warc, structure_damage

SCAN_CHUNK = 1 << 24
"""Bytes read at a time while counting the lines of a JSON Lines file."""


@dataclass(frozen=True)
class Piece:
    """One stretch of one input file: ``kind`` is 'file' (all of it), 'lines' (JSON Lines) or 'records'
    (WARC); a stretch starts at byte ``offset``, holds ``count`` lines or records and numbers them from
    ``first``. ``articles`` is how many articles it is counted as when partitions are filled."""

    kind: str
    path: str
    offset: int = 0
    first: int = 1
    count: int = 1
    articles: int = 1


@dataclass(frozen=True)
class Part:
    """One partition: its number (from 0) and what it reads, in order."""

    number: int
    pieces: tuple[Piece | Failure | Skip, ...]

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.pieces if isinstance(p, Piece))


class _Filler:
    """Fills partitions with pieces up to ``size`` articles each."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.parts: list[Part] = []
        self._pieces: list[Piece | Failure | Skip] = []
        self._fill = 0

    @property
    def room(self) -> int:
        return self.size - self._fill

    def add(self, piece: Piece | Failure | Skip) -> None:
        self._pieces.append(piece)
        if isinstance(piece, Piece):
            self._fill += piece.articles
            if self._fill >= self.size:
                self.close()

    def close(self) -> None:
        if self._pieces:
            self.parts.append(Part(len(self.parts), tuple(self._pieces)))
        self._pieces, self._fill = [], 0


def plan_parts(paths: Iterable[str], size: int) -> list[Part]:
    """The inputs under ``paths`` (files and folders; not stdin) cut into partitions of about ``size``
    articles (a JSON Lines line and a WARC record of an HTML page count as one article each)."""
    if size < 1:
        raise UsageError(f"the partition size must be a positive number of articles, not {size}")
    filler = _Filler(size)
    for raw_path in paths:
        if raw_path == "-":
            raise UsageError("a partitioned ingest reads files and folders, not stdin ('-'); "
                             "save it to a file, or ingest it without --dask / --parquet-only")
        for found in input_files(raw_path):
            if not isinstance(found, Path):
                filler.add(found)
                continue
            suffix = suffix_of(found)
            if suffix in JSONL_SUFFIXES:
                _plan_jsonl(found, filler)
            elif suffix in WARC_SUFFIXES:
                _plan_warc(found, filler)
            else:
                filler.add(Piece("file", str(found)))
    filler.close()
    return filler.parts


def _plan_jsonl(path: Path, filler: _Filler) -> None:
    """Runs of lines, cut where a partition is full; the whole file when it cannot be read or holds nothing
    but white space (its reader then says so, as for a single-process ingest)."""
    source = str(path)
    try:
        fh = open(path, "rb")
    except OSError:
        filler.add(Piece("file", source))
        return
    with fh:
        base = start = 0
        first = 1
        count = 0  # complete lines since ``start``
        nonblank = False
        last = b""
        while chunk := fh.read(SCAN_CHUNK):
            nonblank = nonblank or bool(chunk.strip())
            i = 0
            while True:
                need = filler.room - count
                if chunk.count(b"\n", i) < need:
                    count += chunk.count(b"\n", i)
                    break
                for _ in range(need):
                    i = chunk.index(b"\n", i) + 1
                count += need
                filler.add(Piece("lines", source, start, first, count, count))
                start, first, count = base + i, first + count, 0
            base += len(chunk)
            last = chunk[-1:]
    if not nonblank:
        filler.add(Piece("file", source))
        return
    if last and last != b"\n":
        count += 1  # the last line has no line break
    if count:
        filler.add(Piece("lines", source, start, first, count, count))


def _warc_records(path: Path) -> list[tuple[int, bool]] | None:
    """(byte offset, is an HTML page) of every record, or None when the file cannot be cut by record: not a
    readable WARC file, damaged, no HTML pages (its reader reports those for the whole file), or gzipped as
    one stream rather than record by record."""
    from warcio.archiveiterator import ArchiveIterator

    records: list[tuple[int, bool]] = []
    try:
        with open(path, "rb") as fh:
            if not is_warc(fh):
                return None
            gzipped = fh.read(2) == b"\x1f\x8b"
            fh.seek(0)
            iterator = ArchiveIterator(fh)
            for record in iterator:
                records.append((iterator.get_record_offset(), is_article(record)))
            if gzipped:
                for offset, _ in records:
                    fh.seek(offset)
                    if fh.read(2) != b"\x1f\x8b":
                        return None
            if structure_damage(fh):
                return None
    except Exception:  # warcio fails on damaged input with any kind of error: the reader reports it, whole
        return None
    if not any(article for _, article in records):
        return None
    return records


def _plan_warc(path: Path, filler: _Filler) -> None:
    """Runs of records, cut where a partition is full (records that are not HTML pages count as none)."""
    source = str(path)
    records = _warc_records(path)
    if records is None:
        filler.add(Piece("file", source))
        return
    start = 0  # index into records of the run's first record
    articles = 0
    for k, (_, article) in enumerate(records):
        articles += article
        if articles >= filler.room:
            filler.add(Piece("records", source, records[start][0], start + 1, k + 1 - start, articles))
            start, articles = k + 1, 0
    if start < len(records):
        filler.add(Piece("records", source, records[start][0], start + 1, len(records) - start, articles))


def read_part(part: Part, max_bytes: int) -> Iterator[Item]:
    """The items of one partition, in order, named as :func:`habar.read.read_inputs` names them."""
    for piece in part.pieces:
        if not isinstance(piece, Piece):
            yield piece
        elif piece.kind == "file":
            yield from read_file(Path(piece.path), max_bytes)
        else:
            yield from _read_stretch(piece, max_bytes)


def _read_stretch(piece: Piece, max_bytes: int) -> Iterator[Item]:
    try:
        fh = open(piece.path, "rb")
    except OSError as exc:
        yield Failure(piece.path, f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        fh.seek(piece.offset)
        if piece.kind == "lines":
            yield from read_jsonl(fh, piece.path, max_bytes, first_line=piece.first, lines=piece.count)
        else:
            yield from read_warc(fh, piece.path, max_bytes, first_record=piece.first, records=piece.count)


def plan_key(parts: list[Part], **options: object) -> str:
    """A fingerprint of a plan: its pieces, the size and modification time of each file they read, and the
    ``options`` that change the results (so a rerun knows whether what it finds written is its own)."""
    files: dict[str, list[int]] = {}
    for part in parts:
        for piece in part.pieces:
            if isinstance(piece, Piece) and piece.path not in files:
                try:
                    st = Path(piece.path).stat()
                    files[piece.path] = [st.st_size, st.st_mtime_ns]
                except OSError:
                    files[piece.path] = []
    payload = {
        "parts": [[[type(p).__name__, asdict(p)] for p in part.pieces] for part in parts],
        "files": files,
        "options": {k: str(v) for k, v in sorted(options.items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
