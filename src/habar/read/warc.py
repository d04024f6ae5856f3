"""WARC (web archive) files, plain or gzipped, through warcio: every ``response`` record holding an HTML
page is one article (main text and metadata through trafilatura, as for ``.html``).

Records are read one at a time (bounded memory); a record that is too large or holds no article text is
reported as ``file#N`` (N counts records from 1) with its URL, and the other records go on. Records that
are not HTML responses (requests, metadata, images) are skipped and counted (one :class:`Skip` each, which
the summary counts and nothing prints): a crawl is full of them.

A damaged file (cut short, or corrupt inside) is one failure line for the file that says how many articles
read before the damage were kept; warcio's own errors (which are of any kind) never escape. warcio reads a
file cut inside its last record without complaint, so after reading, the record structure is walked once
more (headers and ``Content-Length``; gzip members to their end) to find a file that ends too early.

:func:`read_warc` can also read a run of records that starts in the middle of a file (``first_record``,
``records``): that is how a partition of a distributed ingest reads its share of a crawl
(:mod:`habar.read.parts` finds where each record starts, and leaves a damaged file whole).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from habar.errors import InputError
from habar.read import Failure, Item, Skip
from habar.read.html import read_html


def is_warc(fh: BinaryIO) -> bool:
    """Whether ``fh`` (at its start) holds a WARC file, plain or gzipped; leaves it at its start."""
    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        import gzip

        try:
            with gzip.GzipFile(fileobj=fh) as gz:
                head = gz.read(5)
        except (OSError, EOFError):
            head = b""
        fh.seek(0)
    else:
        head = fh.read(5)
        fh.seek(0)
    return head == b"WARC/"


def is_article(record: Any) -> bool:
    """Whether a warcio record is an HTML response (an article to read); every other record is skipped."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def _skip(record: Any, where: str) -> Skip:
    if record.rec_type != "response" or record.http_headers is None:
        return Skip(where, f"a WARC {record.rec_type} record, not an HTML response")
    ctype = record.http_headers.get_header("Content-Type") or "no Content-Type"
    return Skip(where, f"not an HTML page ({ctype.split(';')[0].strip()})")


def read_warc(fh: BinaryIO, source: str, max_bytes: int, *, first_record: int = 1,
              records: int | None = None) -> Iterator[Item]:
    """The items of a WARC file; with ``records``, only that many records from where ``fh`` stands (the
    start of record number ``first_record``), without the whole-file checks."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    whole = records is None
    if whole and not is_warc(fh):
        yield Failure(source, "not a WARC file (it does not start with a WARC/1.x record header)")
        return
    found = kept = 0
    index = first_record - 1
    try:
        for record in ArchiveIterator(fh):
            if records is not None and index - first_record + 1 >= records:
                break
            index += 1
            where = f"{source}#{index}"
            if not is_article(record):
                yield _skip(record, where)
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield Failure(where, f"{url}: page larger than the limit for one article (raise it with --max-size)")
                continue
            found += 1
            if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended before the record's Content-Length
                yield Failure(where, f"{url}: the file ends inside this record (cut short); not read")
                continue
            try:
                article = read_html(body, where)
            except InputError as exc:
                yield Failure(where, f"{url}: {exc.problem}")
                continue
            article.url = article.url or url
            kept += 1
            yield article
    except ArchiveLoadFailed as exc:
        yield Failure(source, _damaged(f"not a readable WARC record after record {index} "
                                       f"({str(exc).splitlines()[0][:120]})", kept))
        return
    except Exception as exc:  # warcio fails on damaged input with any kind of error (AttributeError, EOFError)
        yield Failure(source, _damaged(f"damaged after record {index} ({type(exc).__name__})", kept))
        return
    if not whole:
        return
    damage = structure_damage(fh)
    if damage:
        yield Failure(source, _damaged(damage, kept))
        return
    if index and not found:
        yield Failure(source, "no HTML pages in this WARC file")


def _damaged(what: str, kept: int) -> str:
    return (f"damaged WARC file: {what}; the {kept} article{'' if kept == 1 else 's'} read before the damage "
            f"{'was' if kept == 1 else 'were'} kept")


def structure_damage(fh: BinaryIO) -> str | None:
    """Why the file's record structure is broken (it ends inside a record, a gzip member is cut), or None."""
    import gzip
    import zlib

    fh.seek(0)
    gzipped = fh.read(2) == b"\x1f\x8b"
    fh.seek(0)
    stream: BinaryIO = gzip.GzipFile(fileobj=fh) if gzipped else fh  # type: ignore[assignment]
    records = 0
    try:
        while True:
            line = stream.readline()
            if not line:
                return None if records else "no complete record in it"
            if not line.strip():
                continue  # the blank lines between records
            if not line.startswith(b"WARC/"):
                return f"record {records + 1} does not start with a WARC header"
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return f"the file ends inside the header of record {records + 1}"
                if not line.strip():
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                return f"record {records + 1} has no Content-Length"
            remaining = length
            while remaining > 0:
                chunk = stream.read(min(remaining, 1 << 20))
                if not chunk:
                    return f"the file ends inside record {records + 1} (cut short)"
                remaining -= len(chunk)
            records += 1
    except (EOFError, OSError, zlib.error, ValueError) as exc:
        return f"cut short or corrupt after record {records} ({type(exc).__name__})"
