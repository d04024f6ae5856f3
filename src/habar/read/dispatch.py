"""Paths, folders and stdin -> a stream of articles, failures and skips, in a stable order."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from habar.errors import InputError
from habar.read import Article, Failure, Item, Skip, human_size
from habar.read.html import looks_like_html, read_html
from habar.read.jsonl import read_jsonl
from habar.read.text import read_text
from habar.read.warc import read_warc

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES


def suffix_of(path: Path) -> str:
    """The kind-telling suffix, double for compressed archives ('.warc.gz')."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] == ".gz":
        return "".join(suffixes)
    return path.suffix.lower()


def _walk(root: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path | Failure | Skip]:
    """Files under ``root`` in sorted order; symbolic link loops and unreadable folders are reported."""
    try:
        st = root.stat()
    except OSError as exc:
        yield Failure(str(root), f"cannot read folder ({exc.strerror})")
        return
    key = (st.st_dev, st.st_ino)
    if key in ancestors:
        yield Failure(str(root), "symbolic link loop (points back to a folder above it); not followed")
        return
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield Failure(str(root), f"cannot read folder ({exc.strerror})")
        return
    inner = ancestors | {key}
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError as exc:
            yield Failure(str(path), f"cannot read ({exc.strerror})")
            continue
        if is_dir:
            yield from _walk(path, inner)
        elif is_file:
            if suffix_of(path) in KNOWN_SUFFIXES:
                yield path
            else:
                yield Skip(str(path), f"not a kind habar reads ({', '.join(sorted(KNOWN_SUFFIXES))})")
        elif entry.is_symlink():
            yield Failure(str(path), "broken symbolic link")
        else:
            yield Skip(str(path), "not a regular file")


def _read_limited(fh: BinaryIO, source: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(source, f"larger than the {human_size(max_bytes)} limit for one article "
                                 "(raise it with --max-size, or split it into JSON Lines)")
    return data


def read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """The items of one file (one article, or a JSON Lines or WARC file's many)."""
    source = str(path)
    suffix = suffix_of(path)
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as fh:
                yield from read_jsonl(fh, source, max_bytes)
            return
        if suffix in WARC_SUFFIXES:
            with open(path, "rb") as fh:
                yield from read_warc(fh, source, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"{human_size(size)} is larger than the {human_size(max_bytes)} limit for "
                                     "one article (raise it with --max-size, or split it into JSON Lines)")
        with open(path, "rb") as fh:
            data = _read_limited(fh, source, max_bytes)
        yield _parse(data, source, suffix)
    except InputError as exc:
        yield Failure(exc.source, exc.problem)
    except IsADirectoryError:
        yield Failure(source, "is a folder")
    except PermissionError:
        yield Failure(source, "permission denied")
    except OSError as exc:
        yield Failure(source, f"cannot read ({exc.strerror or exc})")


def _parse(data: bytes, source: str, suffix: str) -> Article:
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(data)):
        return read_html(data, source)
    return read_text(data, source)


def read_inputs(paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Expand ``paths`` ('-' is stdin) into articles, failures and skips, in command-line then sorted order."""
    for raw_path in paths:
        if raw_path == "-":
            fh = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_limited(fh, "-", max_bytes)
                yield _parse(data, "-", "")
            except InputError as exc:
                yield Failure(exc.source, exc.problem)
            continue
        for found in input_files(raw_path):
            if isinstance(found, Path):
                yield from read_file(found, max_bytes)
            else:
                yield found


def input_files(raw_path: str) -> Iterator[Path | Failure | Skip]:
    """The files one command-line path (not '-') stands for, in the order :func:`read_inputs` reads them,
    with a :class:`Failure` or :class:`Skip` for what cannot be read or is not an input."""
    path = Path(raw_path)
    if path.is_symlink() and not path.exists():
        yield Failure(raw_path, "broken symbolic link")
        return
    if not path.exists():
        yield Failure(raw_path, "no such file or folder")
        return
    if path.is_dir():
        yield from _walk(path, frozenset())
        return
    yield path
