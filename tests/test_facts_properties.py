"""Invariants of the facts stages on any text: spans stay in bounds and rebuild their text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import habar

PIECES = ["«", "»", '"', "“", "”", "-", ",", ".", " ", "\n", "деді", "деп", "мәлімдеді", "Тоқаев", "Оның",
          "айтуынша", "екенін", "айтты", "бүгін", "24", "тамызда", "қол", "қойылды", "Сүлейменов", ":", "ол",
          "хабарлайды", "Tengrinews.kz", "саммит", "өтеді", "кеше", "үш", "күннен", "кейін", "XVI", "ғасырда"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_spans_stay_in_bounds_and_rebuild_text(text: str) -> None:
    doc = habar.analyze(text, published="2022-08-24")
    n = len(doc.text)
    for q in doc.quotes:
        assert 0 <= q.start <= q.end <= n and doc.text[q.start : q.end] == q.text
    for d in doc.dates:
        assert 0 <= d.start < d.end <= n and doc.text[d.start : d.end] == d.text
    for e in doc.events:
        assert 0 <= e.evidence.start < e.evidence.end <= n
        assert len(e.actors) == len(e.actor_names) and len(e.counterparts) == len(e.counterpart_names)
    for s in doc.summary:
        assert 0 <= s.start < s.end <= n
