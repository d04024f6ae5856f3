"""Index terms for Kazakh-aware search: ONE function, :func:`index_terms`, decides what the index holds.

Each word is indexed as its lower-cased surface form and as every stem its endings allow, so a query for ``Әзербайжан``
finds ``Әзербайжанның`` and ``Әзербайжанға``. The stems come from the one Kazakh grammar
(:mod:`habar.morph.stems`, the analyser's suffix tables).
"""

from __future__ import annotations

import re

from habar.morph.stems import MIN_STEM, word_stem, word_stems

WORD_RE = re.compile(r"\w+(?:[-’']\w+)*")


def body_of(title: str, text: str) -> str:
    """The body the index's ``body`` column holds: ``text`` less the title it starts with (a Document's text
    keeps its title line)."""
    return text[len(title):] if title and text.startswith(title) else text


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits; hyphenated words stay whole)."""
    return [m.group(0).lower() for m in WORD_RE.finditer(text)]


def index_terms(text: str) -> list[str]:
    """The terms the search index holds for ``text``: each word's surface form, then its other stems."""
    out: list[str] = []
    for word in words(text):
        for part in _parts(word):
            out.append(part)
            out.extend(sorted(word_stems(part) - {part}))
    return out


def query_terms(text: str) -> list[str]:
    """The stems a query looks for, one per query word, in order, without repeats."""
    return list(query_forms(text))


def query_forms(text: str) -> dict[str, tuple[str, ...]]:
    """Each query stem (as :func:`query_terms`) and the forms it is looked up by: the stem and, when the stem's
    last consonant was devoiced from the query word, the voiced form too. ``ааабы`` reads as ``аааб`` +
    possessive (stem ``ааап``), but the document word ``ааабылар`` cannot be possessive + plural, so its index
    terms are ``ааабылар`` and ``ааабы`` only: ``аааб*`` finds it, ``ааап*`` does not."""
    out: dict[str, tuple[str, ...]] = {}
    for word in words(text):
        for part in _parts(word):
            stem = word_stem(part)
            if stem in out:
                continue
            voiced = part[: len(stem)]
            out[stem] = (stem, voiced) if not part.startswith(stem) and len(voiced) >= MIN_STEM else (stem,)
    return out


def _parts(word: str) -> list[str]:
    """A hyphenated word is indexed by its parts (FTS5's tokenizer splits on the hyphen too)."""
    if "-" not in word and "’" not in word and "'" not in word:
        return [word]
    return [p for p in re.split(r"[-’']", word) if p]
