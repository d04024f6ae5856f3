"""Evaluation of habar against annotated data: UD (lemmas, tokens, sentences), NER (IOB2), the articles
and the corpus, search relevance, time expressions."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(path: Path) -> str:
    """The first 16 hex digits of the SHA-256 of a file, or of a folder's files (their relative paths and
    contents, in sorted order): what ``tests/floors.toml`` pins for each evaluation file it scores."""
    h = hashlib.sha256()
    if path.is_file():
        h.update(path.read_bytes())
        return h.hexdigest()[:16]
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(f.relative_to(path).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]
