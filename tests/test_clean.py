"""The clean stage: furniture rules, white space, NFC, look-alike letters, structure, offset map."""

from __future__ import annotations

import unicodedata

import pytest

from habar.document import map_offset
from habar.stages.clean import clean

from .conftest import shared_path


def _raw_of(cleaned, raw: str, i: int) -> str:  # type: ignore[no-untyped-def]
    return raw[map_offset(cleaned.offset_map, i)]


def test_sample_structure(sample_text: str) -> None:
    c = clean(sample_text)
    assert c.title == "Бакуге сапар – нәтижелі сапар болды"
    assert c.text.startswith(c.title + "\n\n")
    assert c.dateline == "Баку"
    assert c.text[c.dateline_span[0] : c.dateline_span[1]] == "БАКУ"
    assert c.agency == "ҚазАқпарат"
    assert c.agency_cites == "Ақорда"
    assert c.text[c.agency_span[0] : c.agency_span[1]] == "ҚазАқпарат"
    assert "Пікір қалдырыңыз" not in c.text
    assert c.text.endswith("деп мәлімдеді Қасым-Жомарт Тоқаев.")
    assert [r.rule for r in c.removed] == ["comment-prompt"]
    assert c.warnings == []


@pytest.mark.parametrize(
    "furniture",
    [
        "Пікір қалдырыңыз",
        "Сілтемесіз жаңалық оқисыз ба? Онда Telegram желісінде парақшамызға тіркеліңіз!",
        "Google News арқылы жаңалықтарымызды қадағалаңыз Жазылу",
        "ҚАЗІР ТАЛҚЫЛАНЫП ЖАТЫР Министр Қазақстандағы такси жүргізушілері үшін болжам айтты 27 сәуір 18:41 1 "
        "Медалін шешуді ұмытып кеткен спортшы қызық жағдайға тап болды 29 сәуір 08:10 12",
        "Фото: Tengri Life оқырманы",
        "Фото: ©Tengrinews",
    ],
)
def test_furniture_inside_the_body_is_removed(furniture: str) -> None:
    raw = f"Тақырып\n\nБірінші сөйлем осында. {furniture} Екінші сөйлем осында."
    c = clean(raw)
    assert c.text == "Тақырып\n\nБірінші сөйлем осында. Екінші сөйлем осында."
    assert c.removed and c.removed[0].text == furniture
    assert raw[c.removed[0].raw_start : c.removed[0].raw_end] == furniture


def test_trending_widget_keeps_the_sentence_after_it() -> None:
    raw = ("Т\n\nБасы бар. ҚАЗІР ТАЛҚЫЛАНЫП ЖАТЫР Жаңалық бір 27 сәуір 18:41 1 "
           "Төтенше жағдайлар департаменті 53 техника тартты.")
    assert clean(raw).text == "Т\n\nБасы бар. Төтенше жағдайлар департаменті 53 техника тартты."


def test_trailing_tag_list_is_removed_and_reported() -> None:
    raw = "Тақырып\n\nСоңғы сөйлем аяқталды. Доллар депозит Ұлттық Банк нарық Теңге"
    c = clean(raw)
    assert c.text == "Тақырып\n\nСоңғы сөйлем аяқталды."
    assert [(r.rule, r.text) for r in c.removed] == [("tag-list", "Доллар депозит Ұлттық Банк нарық Теңге")]


def test_reporting_clause_after_a_quote_is_not_a_tag_list() -> None:
    raw = "Тақырып\n\n«Бәрі жақсы болады.» деді ол"
    assert clean(raw).text == raw


def test_read_also_link_is_removed() -> None:
    raw = "Т\n\nЖұмысқа 240 қызметкер тартылған. Тағы оқыңыз: Астанаға жылылық оралады — 16-18 сәуірге болжам"
    assert clean(raw).text == "Т\n\nЖұмысқа 240 қызметкер тартылған."


def test_white_space_is_normalised() -> None:
    raw = "Тақырып  \r\n\r\n\r\n\r\nБір\tсөз  екі\u00a0сөз.\u200b \n  Жаңа жол."
    assert clean(raw).text == "Тақырып\n\nБір сөз екі сөз.\nЖаңа жол."


def test_nfc_and_offsets() -> None:
    body = unicodedata.normalize("NFD", "Йод пен ёлка бар.")  # й and ё decomposed
    raw = "Т\n\n" + body
    c = clean(raw)
    assert c.text == "Т\n\nЙод пен ёлка бар."
    assert unicodedata.is_normalized("NFC", c.text)
    # every character maps back to the raw character it came from (or the start of its cluster)
    assert _raw_of(c, raw, c.text.index("Й")) == "И"
    assert _raw_of(c, raw, c.text.index("б")) == "б"


@pytest.mark.parametrize(
    ("dirty", "fixed", "count"),
    [
        ("Бiрiншi", "Бірінші", 3),  # Latin i for Kazakh і
        ("Aлматы", "Алматы", 1),
        ("сөйлем дe", "сөйлем де", 1),
        ("əкім", "әкім", 1),  # Latin schwa U+0259
        ("Теngrinews", "Tengrinews", 2),  # Cyrillic letters inside a Latin word
    ],
)
def test_lookalike_letters_repaired_and_counted(dirty: str, fixed: str, count: int) -> None:
    c = clean(f"Т\n\nСөз {dirty} бар.")
    assert c.text == f"Т\n\nСөз {fixed} бар."
    assert c.warnings == [f"{count} Latin look-alike letter{'s' if count != 1 else ''} repaired"]


def test_latin_words_and_mixed_real_words_stay() -> None:
    text = "Т\n\nKASE және Telegram, iPhone-ға, Google-дың қызметі."
    c = clean(text)
    assert c.text == text and c.warnings == []


def test_title_needs_a_line_without_full_stop() -> None:
    assert clean("Бір сөйлем.\nЕкінші сөйлем.").title is None
    assert clean("Бір жол ғана").title is None
    assert clean("Тақырып\nМәтін.").title == "Тақырып"
    assert clean("Тақырып бітті.\n\nМәтін.", title_line=True).title == "Тақырып бітті."


@pytest.mark.parametrize(
    ("line", "place"),
    [("БАКУ. Мәтін.", "Баку"), ("НҰР-СҰЛТАН. Мәтін.", "Нұр-Сұлтан"), ("АСТАНА, 24 тамыз. Мәтін.", "Астана")],
)
def test_dateline(line: str, place: str) -> None:
    assert clean(f"Тақырып\n\n{line}").dateline == place


def test_no_dateline_in_ordinary_sentence() -> None:
    assert clean("Тақырып\n\nБҰҰ Бас хатшысы келді.").dateline is None


def test_agency_credit_variants() -> None:
    c = clean("Т\n\nБанк шешім қабылдады, - деп хабарлайды Tengrinews.kz тілшісі.")
    assert c.agency == "Tengrinews.kz"
    c = clean("Т\n\nБанк шешім қабылдады, деп хабарлайды Sputnik Қазақстан.")
    assert c.agency == "Sputnik Қазақстан"


def test_real_articles_leak_no_boilerplate() -> None:
    """Every boilerplate block annotated in ../shared/data/articles is gone after cleaning."""
    import json

    folder = shared_path("data", "articles")
    checked = 0
    for ann_path in sorted((folder / "annotations").glob("*.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        text = clean((folder / ann["file"]).read_text(encoding="utf-8")).text
        for block in ann["boilerplate"]:
            assert block not in text, f"{ann['file']}: leaked {block[:60]!r}"
            checked += 1
        assert ann["title"] == text.split("\n", 1)[0]
    assert checked >= 30


@pytest.mark.parametrize(("credit", "cited"), [
    ("- деп хабарлайды Tengrinews.kz тілшісі Қалалық коммуналдық инфрақұрылымды дамыту басқармасына сілтеме жасап.",
     "Қалалық коммуналдық инфрақұрылымды дамыту басқармасы"),
    ('- деп хабарлайды Tengrinews.kz тілшісі "Украинская правдаға" сілтеме жасап хабарлайды.', "Украинская правда"),
    ("- деп хабарлайды Tengrinews.kz тілшісі Lada.kz -ке сілтеме жасап.", "Lada.kz"),
    ("- деп хабарлайды Tengrinews.kz. Ол бір екі үш сілтеме жасап.", None),
])
def test_the_source_an_agency_cites_may_be_a_long_or_quoted_name(credit: str, cited: str | None) -> None:
    c = clean("Алматыда нөсер жауады\n\nАлматыда нөсер жауады, " + credit + " Жаңбыр жауады.")
    assert (c.agency, c.agency_cites) == ("Tengrinews.kz", cited)
