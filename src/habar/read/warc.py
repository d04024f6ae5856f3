"""WARC (web archive) files, plain or gzipped, through warcio: every ``response`` record holding an HTML
page is one article (main text and metadata through trafilatura, as for ``.html``).

Records are read one at a time (bounded memory); a record that is too large or holds no article text is
reported as ``file#N`` (N counts records from 1) with its URL, and the other records go on. Records that
are not HTML responses (requests, metadata, images) are skipped silently: a crawl is full of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from habar.errors import InputError
from habar.read import Failure, Item
from habar.read.html import read_html


def read_warc(fh: BinaryIO, source: str, max_bytes: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        import gzip

        try:
            with gzip.GzipFile(fileobj=fh) as gz:
                head = gz.read(5)
        except OSError:
            head = b""
        fh.seek(0)
    else:
        head = fh.read(5)
        fh.seek(0)
    if head != b"WARC/":
        yield Failure(source, "not a WARC file (it does not start with a WARC/1.x record header)")
        return
    found = 0
    index = 0
    try:
        for record in ArchiveIterator(fh):
            index += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            where = f"{source}#{index}"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield Failure(where, f"{url}: page larger than the limit for one article (raise it with --max-size)")
                continue
            found += 1
            try:
                article = read_html(body, where)
            except InputError as exc:
                yield Failure(where, f"{url}: {exc.problem}")
                continue
            article.url = article.url or url
            yield article
    except ArchiveLoadFailed as exc:
        yield Failure(source, f"not a readable WARC file ({str(exc).splitlines()[0][:120]})")
        return
    if index and not found:
        yield Failure(source, "no HTML pages in this WARC file")
