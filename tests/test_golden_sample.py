"""The first acceptance case: ../shared/samples/baku-visit.txt (bundled as examples/baku-visit.txt).

What habar must find is in ../shared/samples/baku-visit.expected.md; this file checks the structure part
(title, dateline, agency, furniture, languages, the long quotation's sentences). Later stages add their own
golden checks."""

from __future__ import annotations

from .conftest import EXAMPLE, shared_path


def test_bundled_sample_is_the_shared_one() -> None:
    shared = shared_path("samples", "baku-visit.txt")
    assert EXAMPLE.read_bytes() == shared.read_bytes()


def test_structure(sample_doc) -> None:  # type: ignore[no-untyped-def]
    d = sample_doc
    assert d.title == "Бакуге сапар – нәтижелі сапар болды"
    assert d.text[d.title_span.start : d.title_span.end] == d.title
    assert d.dateline == "Баку"
    assert d.text[d.dateline_span.start : d.dateline_span.end] == "БАКУ"
    assert d.agency == "ҚазАқпарат" and d.agency_cites == "Ақорда"
    assert d.text[d.agency_span.start : d.agency_span.end] == "ҚазАқпарат"
    assert d.published == "2022-08-24"
    assert d.language == "kk"


def test_furniture_removed(sample_doc, sample_text: str) -> None:  # type: ignore[no-untyped-def]
    d = sample_doc
    assert "Пікір қалдырыңыз" not in d.text
    assert [(r.rule, r.text) for r in d.removed] == [("comment-prompt", "Пікір қалдырыңыз")]
    assert sample_text[d.removed[0].raw_start : d.removed[0].raw_end] == "Пікір қалдырыңыз"
    assert d.text.endswith("деп мәлімдеді Қасым-Жомарт Тоқаев.")


def test_every_sentence_is_kazakh(sample_doc) -> None:  # type: ignore[no-untyped-def]
    assert sample_doc.sentences and all(s.language == "kk" for s in sample_doc.sentences)


def test_quotation_sentences(sample_doc) -> None:  # type: ignore[no-untyped-def]
    d = sample_doc
    sents = [d.text[s.start : s.end] for s in d.sentences]
    # the report sentence keeps its dateline and its agency credit
    assert sents[1].startswith("БАКУ. «Қазақстан Президенті") and sents[1].endswith("Ақордаға сілтеме жасап.")
    # the long quotation: each of its sentences is whole, none starts at the closing mark
    assert sents[2].startswith("«Ең алдымен, керемет қала Бакуға")
    assert sents[-1].startswith("Ең алдымен, Әзербайжан Республикасының")
    assert sents[-1].endswith("айтқым келеді» деп мәлімдеді Қасым-Жомарт Тоқаев.")
    assert "Біз ұзақ жолды жүріп өттік." in sents
    assert "Осы серіктестігімізді одан әрі нығайту, оны әртараптандыру туралы декларацияға қол қойылды." in sents
    # its six paragraphs are six line breaks in the text, kept
    quote = d.text[d.text.index("«Ең алдымен") : d.text.index("» деп мәлімдеді")]
    assert quote.count("\n") == 6


def test_json_round_trip(sample_doc) -> None:  # type: ignore[no-untyped-def]
    import json

    from habar import Document

    again = Document.model_validate(json.loads(sample_doc.to_json()))
    assert again == sample_doc
