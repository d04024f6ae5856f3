"""The events stage: triggers as data, participants, dates and planned events."""

from __future__ import annotations

import pytest

import habar


@pytest.mark.parametrize("verb", ["қол қойылды", "қол қойды", "қол қоюы күтілуде"])
def test_agreement_triggers_on_every_form(verb: str) -> None:
    doc = habar.analyze(f"Қасым-Жомарт Тоқаев пен Ильхам Әлиев декларацияға {verb}.")
    assert [e.type for e in doc.events] == ["agreement"]
    assert doc.events[0].cameo == "057"


def test_planned_summit_has_a_future_date() -> None:
    doc = habar.analyze("Биылғы қазан айының ортасында Астанада саммит өтеді.", published="2022-08-24")
    gathering = next(e for e in doc.events if e.type == "gathering")
    assert gathering.planned and gathering.date == "2022-10"


def test_actor_and_counterpart() -> None:
    doc = habar.analyze("Президент Қасым-Жомарт Тоқаев Жоғары сот кеңесінің төрағасы Денис Шиппті қабылдады.")
    meeting = next(e for e in doc.events if e.type == "meeting")
    assert "Қасым-Жомарт Тоқаев" in meeting.actor_names
    assert "Денис Шипп" in meeting.counterpart_names


def test_no_event_in_a_plain_statement() -> None:
    assert habar.analyze("Бұл өте маңызды мәселе екені анық.").events == []


def test_sample_events(sample_doc) -> None:  # type: ignore[no-untyped-def]
    types = {e.type for e in sample_doc.events}
    assert {"visit", "meeting", "agreement", "proposal", "praise", "gathering"} <= types
    summit = next(e for e in sample_doc.events if e.type == "gathering" and e.date == "2022-10")
    assert summit.planned
    assert summit.place == "Астана"  # "біздің еліміздің астанасында", said by Kazakhstan's president
    for e in sample_doc.events:
        assert 0 <= e.evidence.start < e.evidence.end <= len(sample_doc.text)
        assert len(e.actors) == len(e.actor_names)
    by = {(e.type, e.trigger.lower()): e for e in sample_doc.events}
    assert by[("visit", "сапармен")].place == "Баку"
    assert "Қасым-Жомарт Тоқаев" in by[("visit", "сапармен")].actor_names
    # the visit has no date of its own: the article's date stands in, and says so
    assert (by[("visit", "сапармен")].date, by[("visit", "сапармен")].date_source) == ("2022-08-24", "published")
    assert by[("other", "атап өтеміз")].date_source == "text"
    assert summit.date_source == "text"
    assert ("agreement", "қол қойылды") in by
    assert by[("other", "атап өтеміз")].date == "2022-08-27"
    assert by[("proposal", "бастама")].date == "2022-08-24"
    assert ("gathering", "бақ өкілдері үшін мәлімдеме") in by
    assert all(e.date is None for e in habar.analyze(sample_doc.text).events if not e.planned and
               e.date_source != "text"), "without a publication date nothing stands in"
    assert any("Әлиев" in n for n in by[("meeting", "келіссөздер")].counterpart_names)


def test_a_place_in_the_dative_is_the_place_not_a_counterpart() -> None:
    doc = habar.analyze("Бүгін Қасым-Жомарт Тоқаев Бакуға ресми сапармен келді.")
    visit = next(e for e in doc.events if e.type == "visit")
    assert visit.place == "Баку"
    assert "Баку" not in visit.counterpart_names


def test_text_format_shows_the_facts() -> None:
    from typer.testing import CliRunner

    from habar.cli import app

    from .conftest import EXAMPLE

    result = CliRunner().invoke(app, ["analyze", str(EXAMPLE), "--format", "text", "--published", "2022-08-24"])
    assert result.exit_code == 0, result.output
    assert "quotations" in result.output and "events" in result.output
    assert "Қасым-Жомарт Тоқаев [direct, деп мәлімдеді]" in result.output
    assert "'үш күннен кейін' = 2022-08-27" in result.output


def test_a_post_in_the_clause_names_the_counterpart() -> None:
    doc = habar.analyze("Қаржы вице-министрі Ержан Біржанов сөз сөйледі. "
                        "Журналистер брифингте вице-министрге салық туралы сұрақтар қойды.")
    gathering = next(e for e in doc.events if e.type == "gathering")
    assert "Ержан Біржанов" in gathering.counterpart_names
