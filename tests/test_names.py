"""Folding names to the nominative and merging person-name variants."""

from __future__ import annotations

import pytest

from habar.morph.names import canonical_name, is_patronymic, same_person, split_person, strip_ending
from habar.stages.entities import canonical


@pytest.mark.parametrize(
    ("word", "stem", "case"),
    [
        ("Тоқаевтың", "Тоқаев", "Gen"),  # genitive after a voiceless consonant
        ("Алматының", "Алматы", "Gen"),  # after a vowel
        ("Әлиевке", "Әлиев", "Dat"),
        ("Бакуге", "Баку", "Dat"),
        ("Бакуға", "Баку", "Dat"),
        ("Астанаға", "Астана", "Dat"),
        ("Тоқаевты", "Тоқаев", "Acc"),
        ("Алматыны", "Алматы", "Acc"),
        ("Алматыда", "Алматы", "Loc"),
        ("Тоқаевта", "Тоқаев", "Loc"),
        ("Ресейден", "Ресей", "Abl"),
        ("Қазақстаннан", "Қазақстан", "Abl"),
        ("Тоқаевпен", "Тоқаев", "Ins"),
        ("Қытаймен", "Қытай", "Ins"),
        ("Президентіне", "Президенті", "Dat"),  # after the 3rd person possessive
        ("Президентінің", "Президенті", "Gen"),
        ("БҰҰ-ның", "БҰҰ", "Gen"),  # an abbreviation takes its ending after a hyphen
        ("Мәскеудегі", "Мәскеу", "LocAdj"),
    ],
)
def test_each_case_ending_folds(word: str, stem: str, case: str) -> None:
    assert strip_ending(word) == (stem, case)


@pytest.mark.parametrize("word", ["Қазақстан", "Әлиев", "Баку", "Азия", "Лондон", "Украина", "Астана", "Президенті"])
def test_nominatives_stay(word: str) -> None:
    assert strip_ending(word) == (word, "")


def test_known_names_are_never_cut() -> None:
    assert strip_ending("Канада") == ("Кана", "Loc")  # the suffix table alone is fooled ...
    assert canonical("Канада", "GPE") == "Канада"  # ... the knowledge base's names are kept whole
    assert canonical("Канадада", "GPE") == "Канада"


def test_multiword_name_folds_on_its_last_word() -> None:
    assert canonical_name("Ильхам Гейдарұлы Әлиевке", "PERSON") == "Ильхам Гейдарұлы Әлиев"
    assert canonical_name("Қазақстан  Президентінің", "POSITION") == "Қазақстан Президенті"
    assert canonical_name("24 тамызда", "DATE") == "24 тамызда"  # not a name: kept as written


@pytest.mark.parametrize(("word", "father"), [("Гейдарұлы", "Гейдар"), ("Кемелұлы", "Кемел"), ("Гейдароғлу", "Гейдар"),
                                              ("Асқарқызы", "Асқар"), ("Петровна", "Петр"), ("Тоқаев", None)])
def test_patronymics(word: str, father: str | None) -> None:
    assert is_patronymic(word) == father


def test_person_parts() -> None:
    full = split_person("Ильхам Гейдарұлы Әлиев")
    assert (full.given, full.father, full.surname) == (("ильхам",), "гейдар", "әлиев")
    assert split_person("Әлиев").surname == "әлиев"
    assert split_person("Ильхам").given == ("ильхам",)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Ильхам Гейдарұлы Әлиев", "Ильхам Әлиев", True),  # full name and given + surname
        ("Ильхам Гейдарұлы Әлиев", "Әлиев", True),  # surname alone
        ("Ильхам Гейдарұлы Әлиев", "Ильхам Гейдароғлу", True),  # -ұлы and -оғлу forms of one father's name
        ("Айгүл Серікқызы Нұрланова", "Айгүл Серікқызы", True),
        ("Ильхам Әлиев", "Гейдар Әлиев", False),  # same surname, different given names
        ("Ильхам Гейдарұлы Әлиев", "Ильхам Асқарұлы", False),
        ("Ильхам Әлиев", "Ильхам", False),  # a given name alone is too weak
        ("Қасым-Жомарт Тоқаев", "Ильхам Әлиев", False),
    ],
)
def test_name_variants(a: str, b: str, same: bool) -> None:
    assert same_person(split_person(a), split_person(b)) is same
    assert same_person(split_person(b), split_person(a)) is same
