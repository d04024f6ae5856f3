"""Keywords and summary of the sample article."""

from __future__ import annotations


def test_keywords_name_the_main_people(sample_doc) -> None:  # type: ignore[no-untyped-def]
    assert 5 <= len(sample_doc.keywords) <= 10
    assert "Қасым-Жомарт Тоқаев" in sample_doc.keywords
    assert not {"деп", "және", "мен"} & {k.lower() for k in sample_doc.keywords}


def test_summary_is_two_or_three_sentences_in_order(sample_doc) -> None:  # type: ignore[no-untyped-def]
    spans = [(s.start, s.end) for s in sample_doc.summary]
    assert 2 <= len(spans) <= 3
    assert spans == sorted(spans)
    sentences = {(s.start, s.end) for s in sample_doc.sentences}
    assert all(span in sentences for span in spans)


def test_keywords_are_content_words_and_canonical_names(sample_doc) -> None:  # type: ignore[no-untyped-def]
    """Names come as their entity's canonical name (Ақордаға -> Ақорда), and no verb lemma is a keyword."""
    kws = sample_doc.keywords
    assert {"Ильхам Әлиев", "Қасым-Жомарт Тоқаев", "Баку"} <= set(kws)
    assert "Ақордаға" not in kws and "Әзербайжанның" not in kws
    verbs = {t.lemma.lower() for t in sample_doc.tokens if t.pos == "VERB"}
    assert not verbs & {k.lower() for k in kws}
