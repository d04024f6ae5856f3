"""The time stage: absolute and relative expressions normalised to ISO 8601 against the publication date."""

from __future__ import annotations

import pytest

from habar.stages.time import find_times, resolve


def _values(text: str, published: str | None) -> dict[str, str | None]:
    return {t.text: resolve(t.spec, published) for t in find_times(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022 жылғы 24 тамызда", "2022-08-24"),
        ("24.08.2022", "2022-08-24"),
        ("XVI ғасырда", "15"),
        ("бүгін", "2022-08-24"),
        ("кеше", "2022-08-23"),
        ("үш күннен кейін", "2022-08-27"),
        ("өткен аптада", "2022-W33"),
        ("биылғы қазан айының ортасында", "2022-10"),
        ("былтыр", "2021"),
        ("2024-2028 жылдарға", "2024/2028"),
        ("14 қаңтарда", "2022-01-14"),
        ("жыл басынан бері", "2022-01-01/2022-08-24"),
        ("алдағы 2 жылда", "2022-08-24/2024-08-24"),
        ("2020-сыншы жылы", "2020"),
        ("келер жылы", "2023"),
        ("наурызда", "2022-03"),
    ],
)
def test_expressions_resolve_against_published(text: str, expected: str) -> None:
    assert _values(f"Ол {text} келді.", "2022-08-24") == {text: expected}


def test_relative_expressions_stay_unresolved_without_published() -> None:
    values = _values("Біз бүгін үш күннен кейін келеміз, 2022 жылғы 24 тамызда.", None)
    assert values == {"бүгін": None, "үш күннен кейін": None, "2022 жылғы 24 тамызда": "2022-08-24"}


def test_kazan_is_a_month_only_as_a_date() -> None:
    assert _values("Қазан қаласында қазан қайнап тұр.", "2022-08-24") == {}
    assert _values("24 қазанда жиын өтеді.", "2022-08-24") == {"24 қазанда": "2022-10-24"}


def test_month_names_inside_other_words_are_not_months() -> None:
    assert _values("Наурызбай Наурыз мейрамында маусымдық жұмысқа келді.", "2022-08-24") == {}


def test_kaznerd_dates_are_found_precisely() -> None:
    from habar.evaluate.time import evaluate

    from .conftest import shared_path

    scores = evaluate(shared_path("data", "kaznerd", "dev.iob"))
    assert scores["precision"] >= 98.0  # measured 99.1; recall 44.0 (durations are left out on purpose)


def test_a_duration_is_not_a_date() -> None:
    assert _values("Қарым-қатынастардың орнатылғанына 30 жыл толды.", "2022-08-24") == {}


def test_sample_dates(sample_doc) -> None:  # type: ignore[no-untyped-def]
    values = {(d.text.lower(), d.value) for d in sample_doc.dates}
    assert ("бүгін", "2022-08-24") in values
    assert ("үш күннен кейін", "2022-08-27") in values
    assert ("биылғы қазан айының ортасында", "2022-10") in values
    for d in sample_doc.dates:
        assert sample_doc.text[d.start : d.end] == d.text
