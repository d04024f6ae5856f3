"""Tokens and sentences with the Kazakh language class and the habar_sentences component."""

from __future__ import annotations

import pytest
import spacy

import habar
import habar.stages.segment  # noqa: F401  (registers habar_sentences; import habar is lazy)


@pytest.fixture(scope="module")
def blank():  # type: ignore[no-untyped-def]
    return spacy.blank("kk")


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("kk")
    nlp.add_pipe("habar_sentences")
    return nlp


def test_spacy_blank_kk_is_habars_kazakh() -> None:
    nlp = spacy.blank("kk")
    assert type(nlp).__name__ == "Kazakh" and nlp.lang == "kk"


@pytest.mark.parametrize(
    "word",
    ["Қасым-Жомарт", "30-жылдығы", "15,8", "АҚШ-пен", "90%-ына", "т.б.", "т.с.с.", "т.ғ.к.", "млн.", "обл.", "ж.",
     "https://akorda.kz/kz/news/1", "info@akorda.kz", "Tengrinews.kz", "күш-жігерді"],
)
def test_stays_one_token(blank, word: str) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in blank(f"Сөз {word} бар")] == ["Сөз", word, "бар"]


def test_punctuation_and_quotes_split(blank) -> None:  # type: ignore[no-untyped-def]
    toks = [t.text for t in blank("«Иә», – деді ол. \"Жоқ\" (Астана) анық.")]
    assert toks == ["«", "Иә", "»", ",", "–", "деді", "ол", ".", '"', "Жоқ", '"', "(", "Астана", ")", "анық", "."]


def test_kazakh_letters_before_full_stop(blank) -> None:  # type: ignore[no-untyped-def]
    # spaCy's own classes lack қ, ұ, ғ: "жоқ." must still lose its full stop
    assert [t.text for t in blank("жоқ. АҚШ. ұлы. Бұл")] == ["жоқ", ".", "АҚШ", ".", "ұлы", ".", "Бұл"]


def _sents(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Бірінші сөйлем. Екінші сөйлем! Үшінші ме? Иә.", ["Бірінші сөйлем.", "Екінші сөйлем!", "Үшінші ме?", "Иә."]),
        ("«Біз келдік.» деп мәлімдеді Тоқаев. Содан кейін кетті.",
         ["«Біз келдік.» деп мәлімдеді Тоқаев.", "Содан кейін кетті."]),
        ("«Біз келдік!» – деді ол. Жақсы.", ["«Біз келдік!» – деді ол.", "Жақсы."]),
        ('"Доллар жинақтау құралы емес", - деді Сүлейменов. Ол кетті.',
         ['"Доллар жинақтау құралы емес", - деді Сүлейменов.', "Ол кетті."]),
        ("2022 ж. 24 тамызда 5 млн. теңге бөлінді. Жоба т.ғ.к. Ахметовқа берілді.",
         ["2022 ж. 24 тамызда 5 млн. теңге бөлінді.", "Жоба т.ғ.к. Ахметовқа берілді."]),
        ("Кітаптар, журналдар т.б. Келесі сөйлем.", ["Кітаптар, журналдар т.б.", "Келесі сөйлем."]),
        ("Оны М. Әуезов жазған. Сосын Қ. Сәтбаев келді.", ["Оны М. Әуезов жазған.", "Сосын Қ. Сәтбаев келді."]),
        ("Тақырып нүктесіз\n\nМәтін басы.", ["Тақырып нүктесіз", "Мәтін басы."]),
        ("БАКУ. «Президент мәлімдеме жасады» деп хабарлайды ҚазАқпарат.",
         ["БАКУ. «Президент мәлімдеме жасады» деп хабарлайды ҚазАқпарат."]),
        ("Сайт: https://tengrinews.kz/news. Хат: info@tengrinews.kz. Бітті.",
         ["Сайт: https://tengrinews.kz/news.", "Хат: info@tengrinews.kz.", "Бітті."]),
        ("Жоспар 200 км. Жол жөнделеді.", ["Жоспар 200 км.", "Жол жөнделеді."]),
        ("Не болды?! Белгісіз... Күтеміз.", ["Не болды?!", "Белгісіз...", "Күтеміз."]),
    ],
)
def test_sentences(nlp, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _sents(nlp, text) == expected


def test_sample_quotation_is_not_split_at_closing_mark(sample_doc) -> None:  # type: ignore[no-untyped-def]
    """The six-paragraph quotation: paragraphs split, but `… келеді» деп мәлімдеді X.` is one sentence."""
    text = sample_doc.text
    sents = [text[s.start : s.end] for s in sample_doc.sentences]
    last = sents[-1]
    assert last.startswith("Ең алдымен, Әзербайжан Республикасының президенті")
    assert last.endswith("алғыс айтқым келеді» деп мәлімдеді Қасым-Жомарт Тоқаев.")
    assert not any(s.startswith(("»", "деп")) for s in sents)
    # the quotation opens in sentence 3 and closes in the last one; every sentence between is inside it
    opening = next(i for i, s in enumerate(sents) if s.startswith("«Ең алдымен"))
    assert all("»" not in s for s in sents[opening:-1])
    assert len(sents) == 30


def test_habar_load_has_the_stages() -> None:
    nlp = habar.load()
    assert nlp.lang == "kk"
    assert nlp.pipe_names[:2] == ["habar_sentences", "habar_language"] or "habar_sentences" in nlp.pipe_names
    doc = nlp("Тақырып\n\nБірінші сөйлем. Екінші сөйлем.")
    assert [s.text.strip() for s in doc.sents] == ["Тақырып", "Бірінші сөйлем.", "Екінші сөйлем."]
    assert doc._.habar_clean.title == "Тақырып"
