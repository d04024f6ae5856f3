"""What every stage reads of a Doc's tokens, read once per Doc: its text, its words, each token's reading.

spaCy makes a new ``Token`` object on every ``for t in doc`` and joins the whole text again on every read of
``doc.text``; with six stages walking the tokens that was about a tenth of the analysis (``bench/facts.py``,
docs/benchmarks.md). :func:`doc_text` and :func:`token_rows` read the Doc once into plain strings and tuples,
from spaCy's own arrays (``Doc.to_array``), and keep them in ``doc.user_data``; a later read checks that the
Doc still has the same text and the same lemmas, parts of speech and features, so a stage that changes them
makes the next read fresh.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, MORPH, POS
from spacy.parts_of_speech import NAMES as UPOS_NAMES
from spacy.tokens import Doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and kept in ``doc.user_data`` (spaCy joins every token again on each
    read of ``doc.text``; merging or splitting tokens keeps the text, so the kept one stays right)."""
    found = doc.user_data.get("habar_text")
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if not isinstance(found, str) or len(found) != size:
        found = doc.text
        doc.user_data["habar_text"] = found
    return found


class Row(NamedTuple):
    """One token as the stages read it: ``token.idx``, its end, ``token.text``, ``token.lemma_``, ``token.pos_``,
    ``str(token.morph)``, ``token.is_space``, ``token.is_punct`` and its index in the Doc."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: str
    space: bool
    punct: bool
    i: int


def token_rows(doc: Doc) -> list[Row]:
    """Every token of ``doc`` as a :class:`Row`, in order; read once per state of the Doc's readings."""
    readings = doc.to_array([LEMMA, POS, MORPH])
    key = readings.tobytes()
    found = doc.user_data.get("habar_rows")
    if isinstance(found, tuple) and found[0] == key and len(found[1]) == len(doc):
        rows: list[Row] = found[1]
        return rows
    text = doc_text(doc)
    strings = doc.vocab.strings
    rows = []
    shape = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT]).tolist()
    for i, ((start, size, space, punct), (lemma, pos, morph)) in enumerate(zip(shape, readings.tolist(),
                                                                                strict=True)):
        rows.append(Row(start, start + size, text[start : start + size], strings[lemma] if lemma else "",
                        UPOS_NAMES[pos] if pos else "", strings[morph] if morph else "", bool(space), bool(punct),
                        i))
    doc.user_data["habar_rows"] = (key, rows)
    return rows


class Words:
    """The Doc's words (its tokens holding a letter or a digit) as ``(start, end, text)`` in text order, found
    by character range: the one way the stages split text into words."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        self.items = [(r.start, r.end, r.text) for r in token_rows(doc)
                      if not r.space and any(ch.isalnum() for ch in r.text)]
        self.starts = [w[0] for w in self.items]

    def between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The words that lie wholly within ``text[start:end]``."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end, lo=i)
        while j > i and self.items[j - 1][1] > end:
            j -= 1
        return self.items[i:j]


def doc_words(doc: Doc) -> Words:
    """The :class:`Words` of ``doc``, made once per Doc."""
    found = doc.user_data.get("habar_words")
    if not isinstance(found, Words) or found.text != doc_text(doc):
        found = Words(doc)
        doc.user_data["habar_words"] = found
    return found
