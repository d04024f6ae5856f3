"""Invariants, checked on generated text (hypothesis): spans stay in bounds and rebuild their text, tokens
never overlap, cleaning twice changes nothing, and the offset map points back into the raw input."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import habar
from habar.document import Document, map_offset
from habar.stages.clean import clean

WORDS = ["Қазақстан", "Тоқаевтың", "Бакуге", "мен", "және", "30-жылдығы", "2022", "жылғы", "15,8", "млн.", "т.б.",
         "ж.", "Қасым-Жомарт", "Әлиевке", "деп", "мәлімдеді", "KASE", "Tengrinews.kz", "бiрiншi", "əкім", "Aлматы",
         "https://akorda.kz/kz", "info@akorda.kz", "ҚАЗІР ТАЛҚЫЛАНЫП ЖАТЫР", "Пікір қалдырыңыз", "Жазылу", "БАКУ.",
         unicodedata.normalize("NFD", "йод"), "Президент", "провел", "the", "talks"]
PUNCT = [".", ",", "!", "?", "?!", "«", "»", '"', "–", "-", ":", "(", ")", "...", "…", "27 сәуір 18:41 1"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\r\n", "", "\u200b"]

pieces = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(SEPARATORS),
                            st.text(min_size=1, max_size=4)), min_size=0, max_size=60)
texts = pieces.map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(doc: Document) -> None:
    n = len(doc.text)
    prev_end = 0
    for tok in doc.tokens:
        assert 0 <= tok.start < tok.end <= n
        assert doc.text[tok.start : tok.end] == tok.text
        assert tok.start >= prev_end, "tokens overlap"
        assert not tok.text.isspace()
        prev_end = tok.end
    prev_end = 0
    for sent in doc.sentences:
        assert 0 <= sent.start < sent.end <= n and sent.start >= prev_end
        assert doc.text[sent.start : sent.end] == doc.text[sent.start : sent.end].strip()
        prev_end = sent.end
    for span in (doc.title_span, doc.dateline_span, doc.agency_span):
        if span is not None:
            assert 0 <= span.start <= span.end <= n
    if doc.title is not None and doc.title_span is not None:
        assert doc.text[doc.title_span.start : doc.title_span.end] == doc.title


@SETTINGS
@given(texts)
def test_spans_in_bounds_and_tokens_never_overlap(raw: str) -> None:
    _check_spans(habar.analyze(raw))


@SETTINGS
@given(texts)
def test_cleaning_twice_changes_nothing(raw: str) -> None:
    once = clean(raw)
    twice = clean(once.text)
    assert twice.text == once.text
    assert twice.removed == [] and twice.warnings == []


@SETTINGS
@given(texts)
def test_offset_map_points_back(raw: str) -> None:
    c = clean(raw)
    positions = [map_offset(c.offset_map, i) for i in range(len(c.text))]
    assert positions == sorted(positions), "the map keeps the order of the raw text"
    assert all(0 <= p < len(raw) for p in positions)
    for i, ch in enumerate(c.text):
        if ch.isdigit() or ch in ".,!?«»()":
            assert raw[positions[i]] == ch
    for r in c.removed:
        assert raw[r.raw_start : r.raw_end] == r.text


def test_offset_map_on_the_sample(sample_text: str) -> None:
    c = clean(sample_text)
    for i, ch in enumerate(c.text):
        raw_ch = sample_text[map_offset(c.offset_map, i)]
        assert raw_ch == ch or (raw_ch.isspace() and ch.isspace())
