"""JSON Lines: one article per line with ``text`` and optional ``title``, ``published``, ``url``.

Lines are read one at a time with a length limit, so a large file is read in bounded memory. A bad line
is reported as ``file:line`` and the other lines go on. :func:`read_jsonl` can also read a run of lines that
starts in the middle of a file (``first_line``, ``lines``): that is how a partition of a distributed ingest
reads its share (:mod:`habar.read.parts`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import BinaryIO

from habar.read import Article, Failure, Item, human_size


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def next_line(fh: BinaryIO, max_bytes: int) -> tuple[bytes, bool]:
    """The next line (at most ``max_bytes`` + 1 bytes of it) and whether it was longer than ``max_bytes``
    (then the rest of it has been skipped); ``b""`` at the end of the file."""
    line = fh.readline(max_bytes + 1)
    if len(line) > max_bytes and not line.endswith(b"\n"):
        _skip_rest_of_line(fh)
        return line, True
    return line, False


def read_jsonl(fh: BinaryIO, source: str, max_bytes: int, *, first_line: int = 1,
               lines: int | None = None) -> Iterator[Item]:
    """The items of a JSON Lines file; with ``lines``, only that many lines from where ``fh`` stands (the
    start of line number ``first_line``), without the whole-file check for an empty file."""
    lineno = first_line - 1
    any_line = lines is not None
    while lines is None or lineno - first_line + 1 < lines:
        line, too_long = next_line(fh, max_bytes)
        if not line:
            break
        lineno += 1
        where = f"{source}:{lineno}"
        if too_long:
            yield Failure(where, f"line longer than the {human_size(max_bytes)} limit (raise it with --max-size)")
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield Failure(where, "not UTF-8 (JSON Lines must be UTF-8)")
            continue
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Failure(where, f"not a JSON object (got {type(obj).__name__})")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Failure(where, "no 'text' field (each line needs a non-empty string 'text')")
            continue
        published = obj.get("published")
        if published is not None:
            try:
                published = dt.date.fromisoformat(str(published)[:10]).isoformat()
            except ValueError:
                yield Failure(where, f"'published' must be a date YYYY-MM-DD, got {published!r}")
                continue
        title = obj.get("title")
        url = obj.get("url")
        yield Article(
            text=text,
            source=where,
            title=title if isinstance(title, str) and title.strip() else None,
            published=published,
            url=url if isinstance(url, str) and url else None,
        )
    if not any_line:
        yield Failure(source, "empty file (no JSON lines)")
