"""Plain-text articles as a crawler saved them: title on the first line, then the body."""

from __future__ import annotations

from habar.errors import InputError
from habar.read import Article
from habar.read.encoding import decode


def read_text(data: bytes, source: str) -> Article:
    if not data.strip():
        raise InputError(source, "empty file")
    text, note = decode(data, source)
    if not text.strip():
        raise InputError(source, "empty file (white space only)")
    return Article(text=text, source=source, warnings=[note] if note else [])
