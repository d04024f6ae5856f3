"""Pattern classes on news layouts (habar.ner.patterns) and the number and unit features of the tagger."""

from __future__ import annotations

import pytest

from habar.ner.iob import spans
from habar.ner.patterns import apply_patterns, contact_spans, pattern_kind
from habar.ner.tagger import shipped_tagger, word_features


@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["Телефон", ":", "+7", "777", "123", "45", "67", "."], [(2, 7)]),
        (["8", "(", "7172", ")", "74", "-", "03", "-", "08", "нөміріне"], [(0, 9)]),
        (["8", "-", "800", "-", "080", "-", "7777"], [(0, 7)]),
        (["Пошта", ":", "info@gov.kz", ","], [(2, 3)]),
        (["https://www.gov.kz/memleket/entities/mvd?lang=kk", "сілтемесі"], [(0, 1)]),
        (["www.egov.kz", "порталы"], [(0, 1)]),
        (["102", "нөміріне", "хабарласыңыз"], [(0, 1)]),
        (["сенім", "телефоны", ":", "1414"], [(3, 4)]),
        (["+77011234567", "немесе", "87011234567", "нөміріне"], [(0, 1), (2, 3)]),
    ],
)
def test_contacts_by_shape(words: list[str], found: list[tuple[int, int]]) -> None:
    assert contact_spans(words) == found


@pytest.mark.parametrize(
    "words",
    [
        ["2024", "жылы", "5", "наурызда"],
        ["1", "250", "000", "теңге"],
        ["15,8", "млрд", "теңге"],
        ["8", "адам", "қаза", "тапты"],
        ["+15", "градус"],
        ["102", "адам"],
        ["Tengrinews.kz", "хабарлайды"],
        ["ЖСН", "870112345678", "болатын"],  # a 12-digit identity number
        ["12345678901", "теңге"],
    ],
)
def test_no_contact_in_numbers_dates_and_outlets(words: list[str]) -> None:
    assert contact_spans(words) == []


def test_a_pattern_replaces_the_taggers_entity_that_overlaps_it() -> None:
    words = ["Пошта", ":", "info@gov.kz", ",", "сайт", "egov.kz", "және", "Tengrinews.kz"]
    labels = ["B-EVENT", "I-EVENT", "I-EVENT", "I-EVENT", "O", "O", "O", "B-ORGANISATION"]
    out = apply_patterns(words, labels)
    assert spans(out) == {("CONTACT", 2, 3), ("CONTACT", 5, 6), ("ORGANISATION", 7, 8)}
    # a lower-case domain inside the tagger's entity is left to the tagger
    assert apply_patterns(["egov.kz", "порталы"], ["B-FACILITY", "I-FACILITY"]) == ["B-FACILITY", "I-FACILITY"]
    assert pattern_kind("Tengrinews.kz") == "" and pattern_kind("egov.kz") == "domain"
    assert pattern_kind("1.5") == "" and pattern_kind("+7") == "phone"


def test_the_shipped_tagger_reads_a_phone_number_as_one_contact() -> None:
    words = ["Анықтама", "телефоны", ":", "+7", "777", "123", "45", "67", "."]
    assert spans(shipped_tagger().tag(words)) == {("CONTACT", 3, 8)}
    # written in one piece: the tagger alone read this as one EVENT running to the verb
    words = ["Анықтама", "үшін", "+77011234567", "немесе", "87011234567", "нөміріне", "қоңырау", "шалыңыз", "."]
    assert spans(shipped_tagger().tag(words)) == {("CONTACT", 2, 3), ("CONTACT", 4, 5)}


def test_number_and_unit_features() -> None:
    assert "num" in word_features("15,8") and "num" in word_features("18%")
    assert "num" not in word_features("наурыз")
    assert "gaz=unit:MONEY" in word_features("теңгеден")
    assert "gaz=unit:NUMBER" in word_features("млрд")
    assert "gaz=unit:PERCENTAGE" in word_features("пайызға")
    assert "gaz=unit:QUANTITY" in word_features("шақырым")
    assert "pat=email" in word_features("info@gov.kz")


def test_markup_is_never_an_entity() -> None:
    words = ["Бүгін", "<", "script", ">", "window.__xss", "=", "1</script", ">", "жиын", "өтті"]
    labels = ["B-DATE", "B-POSITION", "I-POSITION", "I-POSITION", "I-POSITION", "I-POSITION", "I-POSITION", "O",
              "O", "O"]
    assert spans(apply_patterns(words, labels)) == {("DATE", 0, 1)}
