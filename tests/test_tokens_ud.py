"""Tokenizer and sentence rules tuned on UD Kazakh-KTB (the morph issue owns lang/ and segment.py)."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("kk")
    nlp.add_pipe("habar_sentences")
    return nlp


@pytest.mark.parametrize("word", ["51%", "58,3%", "19,4°С-қа", "2°С-тан", "32,5°С", "мыс."])
def test_units_stay_one_token(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in nlp(f"Сөз {word} бар")] == ["Сөз", word, "бар"]


def test_question_and_dots_are_three_tokens(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in nlp("Кім екен?.. Білмеймін... Жоқ!..")] == [
        "Кім", "екен", "?", ".", ".", "Білмеймін", "...", "Жоқ", "!", ".", "."]


def test_percent_at_sentence_end(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in nlp("Өсім 5%.")] == ["Өсім", "5%", "."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Құйшы, қарағым! — деді. Бір бөтелке.", ["Құйшы, қарағым! — деді.", "Бір бөтелке."]),
        ("Бірақ оның енді не керегі бар? — деді. Бүгін.", ["Бірақ оның енді не керегі бар? — деді.", "Бүгін."]),
        ("Бұ не мене?.. — Енді қайда барайын?", ["Бұ не мене?..", "— Енді қайда барайын?"]),
        ("Не істеме Шолпан?! Пір болды.", ["Не істеме Шолпан?!", "Пір болды."]),
        ("Жылына 16,3 млрд. АҚШ доллары түседі. Ұлттық табыс өсті.",
         ["Жылына 16,3 млрд. АҚШ доллары түседі.", "Ұлттық табыс өсті."]),
        ("Бюджет 5 млрд. Келесі жылы көбейеді.", ["Бюджет 5 млрд.", "Келесі жылы көбейеді."]),
    ],
)
def test_sentences(nlp, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [s.text.strip() for s in nlp(text).sents] == expected
