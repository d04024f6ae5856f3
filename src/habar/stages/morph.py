"""The morph stage: lemma, UPOS and UD features of every token (a spaCy component, ``habar_morph``).

The grammar itself (phonology, suffix tables, the analyser) is :mod:`habar.morph`; this stage runs it over a
Doc's tokens, with the two readings that need a word's neighbours: a capitalised sentence-initial word that
the document also has inside a sentence is a name, and an adjective in -ты/-ді before a noun or a copula.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, MORPH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.tokens import Doc

from habar.morph.analyser import Analysis, analyse, attributive_reading
from habar.stages.kazakh import kazakh_mask
from habar.stages.tokens import doc_text

if not Doc.has_extension("habar_morph"):
    Doc.set_extension("habar_morph", default=None)
"""The stage's readings of the Doc's non-space tokens, in order (what the converter copies)."""


@Language.component(
    "habar_morph",
    requires=["token.is_sent_start"],
    assigns=["token.lemma", "token.pos", "token.morph", "doc._.habar_morph"],
)
def habar_morph(doc: Doc) -> Doc:
    """Set ``token.lemma_``, ``token.pos_`` and ``token.morph`` for every token.

    A capitalised word at the start of a sentence is read as a name when the same word, or another form of
    the same name, appears capitalised inside a sentence elsewhere in the document (Бекболат ... , ...
    Бекболат; Тоқаев ... , ... Тоқаевтың); otherwise, unless the lexicon lists it as a name, as a common word.
    """
    # plain arrays instead of spaCy Token objects (creating those costs more than analysing cached words)
    table = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist()
    text = doc_text(doc)
    texts = [text[i : i + n] for i, n, _, _ in table]
    spaces = [bool(row[2]) for row in table]
    starts = _sentence_starts([row[3] == 1 for row in table], texts, spaces)
    names = {text for text, start, space in zip(texts, starts, spaces, strict=True)
             if not start and not space and text[:1].isupper() and not text.isupper()}
    # Тоқаев at the start of a sentence and Тоқаевтың inside another: the same name
    name_lemmas = {_name_lemma(text) for text in names}
    readings: list[Analysis] = []
    positions: list[int] = []  # the token index of each reading
    rows = doc.to_array([LEMMA, POS, MORPH]).tolist()
    memo = _token_memo(doc.vocab)
    foreign = _foreign(doc, table)
    for i, token_text in enumerate(texts):
        if spaces[i]:
            continue
        if i in foreign:  # a sentence in another language: the word as it is, not a Kazakh reading
            reading = Analysis(token_text, "X", FOREIGN)
            readings.append(reading)
            positions.append(i)
            rows[i] = (doc.vocab.strings.add(token_text), UPOS_IDS["X"], doc.vocab.morphology.add(FOREIGN))
            continue
        key = (token_text, starts[i] and token_text not in names and not (
            token_text[:1].isupper() and _name_lemma(token_text) in name_lemmas))
        hit = memo.get(key)
        if hit is None:
            reading = analyse(*key)
            code = (doc.vocab.strings.add(reading.lemma), UPOS_IDS[reading.pos],
                    doc.vocab.morphology.add(reading.feats) if reading.feats else 0)
            if len(memo) > 300_000:
                memo.clear()
            hit = memo[key] = (reading, code)
        readings.append(hit[0])
        positions.append(i)
        rows[i] = hit[1]
    for k in range(len(readings) - 1):
        # an adjective in -ты/-ді before the noun it qualifies (басты рөл, қасиетті жер) or before the copula
        # (міндетті болуы, қасиетті емес), not an accusative object or a past tense: only what follows tells
        token_text = texts[positions[k]]
        after = readings[k + 1]
        if token_text[-1:] in ("ы", "і") and (
                (after.pos == "NOUN" and "Case=Nom" in after.feats) or after.lemma in _COPULAS):
            adjective = attributive_reading(token_text, readings[k])
            if adjective is not None:
                readings[k] = adjective
                rows[positions[k]] = (doc.vocab.strings.add(adjective.lemma), UPOS_IDS["ADJ"], 0)
    # one call instead of three attribute writes per token
    doc.from_array([LEMMA, POS, MORPH], numpy.array(rows, dtype="uint64"))  # type: ignore[arg-type]
    doc._.habar_morph = readings
    return doc


FOREIGN = "Foreign=Yes"
"""The features of a word in a sentence the Kazakh stages do not read (UD's Foreign=Yes, UPOS X)."""


def _foreign(doc: Doc, table: list[list[int]]) -> set[int]:
    """Token indices in the sentences :func:`habar.stages.kazakh.kazakh_mask` leaves out."""
    mask = kazakh_mask(doc)
    if all(mask):
        return set()
    out: set[int] = set()
    k = -1
    for i, row in enumerate(table):
        if row[3] == 1 or k < 0:
            k += 1
        if k < len(mask) and not mask[k]:
            out.add(i)
    return out


def _name_lemma(text: str) -> str:
    """The lemma of a capitalised word read as a name inside a sentence."""
    return analyse(text).lemma


_COPULAS = frozenset({"е", "бол"})  # an accusative object cannot come right before these


_MEMO: dict[int, dict[tuple[str, bool], tuple[Analysis, tuple[int, int, int]]]] = {}


def _token_memo(vocab: Any) -> dict[tuple[str, bool], tuple[Analysis, tuple[int, int, int]]]:
    """Per vocabulary: (token text, starts a sentence) -> its reading and (lemma hash, UPOS id, morph hash)."""
    return _MEMO.setdefault(id(vocab), {})


_OPENERS = {"«", "\"", "—", "–", "-", "(", "“", "„"}


def _sentence_starts(sent_starts: list[bool], texts: list[str], spaces: list[bool]) -> list[bool]:
    """First words of sentences, also after an opening quotation mark or a dialogue dash."""
    out = [False] * len(texts)
    opened = False  # inside the run of openers and spaces that begins a sentence
    for i, is_start in enumerate(sent_starts):
        if spaces[i]:
            continue
        if is_start:
            out[i] = texts[i] not in _OPENERS
            opened = texts[i] in _OPENERS
        elif opened:
            out[i] = texts[i] not in _OPENERS
            opened = texts[i] in _OPENERS
    return out


def to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: copy lemma, pos and morph into the Document's tokens."""
    readings: list[Analysis] | None = doc._.habar_morph
    if readings is None:
        return
    for token, reading in zip(fields["tokens"], readings, strict=True):
        # the fields exist (pipeline.to_document gives them); writing the instance dict skips pydantic's
        # __setattr__, which costs more than the analysis of a cached word
        token.__dict__.update(lemma=reading.lemma, pos=reading.pos, morph=reading.feats)
