"""The entities stage completes the tagger's numbers (ranges, units cut by the tokenizer, rates, ``бір``) and
finds the posts it missed (``_number_spans``, ``_post_spans``). Spans are given by hand on a Doc the pipeline
analysed, so these test the rules, not the tagger."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

import habar
from habar.stages.entities import _number_spans, _post_spans


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return habar.load()


def _span(doc: Doc, text: str, label: str, nth: int = 0) -> SpacySpan:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    span = doc.char_span(start, start + len(text), label=label)
    assert span is not None, text
    return span


def _texts(spans: list[SpacySpan]) -> list[tuple[str, str]]:
    return sorted((sp.text, sp.label_) for sp in spans)


def test_a_range_is_one_mention_with_its_unit_in_pieces(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Түнде ауа температурасы -13...-15°C, күндіз +17…+19 градус болады.")
    spans = [_span(doc, "-13...", "QUANTITY"), _span(doc, "-15", "CARDINAL"),
             _span(doc, "+17…", "CARDINAL"), _span(doc, "+19 градус", "QUANTITY")]
    assert _texts(_number_spans(doc, spans)) == [("+17…+19 градус", "QUANTITY"), ("-13...-15°C", "QUANTITY")]


def test_an_open_range_takes_the_number_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Күндіз +3...+5 градус жылы болады.")
    out = _number_spans(doc, [_span(doc, "+3...", "QUANTITY")])
    assert _texts(out) == [("+3...+5 градус", "QUANTITY")]


def test_a_speed_takes_its_rate_word_and_its_unit(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Жел секундына 9–14 м/с соғады.")
    out = _number_spans(doc, [_span(doc, "9–14", "CARDINAL")])
    assert _texts(out) == [("секундына 9–14 м/с", "QUANTITY")]


def test_a_unit_alone_and_bir_alone_are_no_numbers_but_a_letter_may_be_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Жаңалықтардың бірі X желісінде 0-7 ° С болды, бір отбасы көшті, екі адам келді.")
    spans = [_span(doc, "бірі", "CARDINAL"), _span(doc, "X", "PRODUCT"), _span(doc, "С", "QUANTITY"),
             _span(doc, "бір", "CARDINAL", nth=1), _span(doc, "екі", "CARDINAL")]
    assert _texts(_number_spans(doc, spans)) == [("X", "PRODUCT"), ("екі", "CARDINAL")]


def test_a_number_inside_a_sum_or_a_date_keeps_bir(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Оған бір миллион теңге берілді.")
    out = _number_spans(doc, [_span(doc, "бір миллион теңге", "MONEY")])
    assert _texts(out) == [("бір миллион теңге", "MONEY")]


def test_missed_posts_become_positions_with_their_owner_and_modifiers(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Колонияның бұрынғы басшысы ұсталды. Журналистер министрден сұрады. Облыс әкімдері жиналды.")
    out = _post_spans(doc, [])
    assert _texts(out) == [("Колонияның бұрынғы басшысы", "POSITION"), ("министрден", "POSITION")]


def test_a_post_inside_a_mention_is_left_to_it(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Қазақстан Президенті Астанаға келді.")
    assert _post_spans(doc, [_span(doc, "Қазақстан Президенті", "POSITION")]) == []


def test_a_quoted_name_takes_its_opening_mark(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _balanced_quotes

    doc = nlp('Бүгін "Алматы Тазалық" МКК мен «Бөбек» қоры және "Орта" жұмыс істеді.')
    spans = [_span(doc, 'Алматы Тазалық" МКК', "ORGANISATION"), _span(doc, "Бөбек» қоры", "ORGANISATION"),
             _span(doc, "Орта", "ORGANISATION")]
    assert _texts(_balanced_quotes(doc, spans)) == [
        ('"Алматы Тазалық" МКК', "ORGANISATION"), ("«Бөбек» қоры", "ORGANISATION"), ("Орта", "ORGANISATION")]


def test_two_coordinated_bodies_are_two_mentions_one_body_with_and_is_one(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _split_coordinated

    doc = nlp("Ұлттық банк және Сауда министрлігімен, ТЖД және қалалық Полиция департаменті, "
              "Қаржы нарығын реттеу және дамыту агенттігі келісті.")
    first = _split_coordinated(doc, _span(doc, "Ұлттық банк және Сауда министрлігімен", "ORGANISATION"))
    assert _texts(first) == [("Сауда министрлігімен", "ORGANISATION"), ("Ұлттық банк", "ORGANISATION")]
    second = _split_coordinated(doc, _span(doc, "ТЖД және қалалық Полиция департаменті", "ORGANISATION"))
    assert _texts(second) == [("ТЖД", "ORGANISATION"), ("қалалық Полиция департаменті", "ORGANISATION")]
    one = _span(doc, "Қаржы нарығын реттеу және дамыту агенттігі", "ORGANISATION")
    assert _split_coordinated(doc, one) == [one]
    place = _span(doc, "Ұлттық банк және Сауда министрлігімен", "GPE")
    assert _split_coordinated(doc, place) == [place]


def test_a_surname_named_in_full_elsewhere_is_a_person_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _named_again

    doc = nlp("Министр Тимур Сүлейменов брифинг өткізді. Сүлейменовтің айтуынша, Қасымов келеді.")
    full = _span(doc, "Тимур Сүлейменов", "PERSON")
    assert _texts(_named_again(doc, [full])) == [("Сүлейменовтің", "PERSON")]
    assert _named_again(doc, []) == []  # nobody named in full: nothing to find again


def test_vehicles_commodities_and_the_white_house_are_known() -> None:
    doc = habar.analyze("Алматыда Toyota көлігі КамАЗ жүк көлігімен соқтығысты. Brent маркалы мұнай қымбаттады. "
                        "Дональд Трамп Ақ үйде сөйледі.")
    found = {(e.label, e.name) for e in doc.entities}
    assert {("PRODUCT", "Toyota"), ("PRODUCT", "КамАЗ"), ("PRODUCT", "Brent"), ("FACILITY", "Ақ үй")} <= found, found


def test_news_outlets_are_known_organisations() -> None:
    doc = habar.analyze("Дональд Трамп NBC News телеарнасына сұхбат берді. Kurs.kz деректеріне сәйкес, доллар "
                        "арзандады.")
    found = {(e.label, e.name) for e in doc.entities}
    assert {("ORGANISATION", "NBC News"), ("ORGANISATION", "Kurs.kz")} <= found, found
    doc = habar.analyze("Кремль бұл ақпаратты жоққа шығарды. «Қайрат» «Реалмен» кездеседі.")
    found = {(e.label, e.kb_id) for e in doc.entities}
    assert {("ORGANISATION", "ru.Kremlin"), ("ORGANISATION", "sport.RealMadrid")} <= found, found


def test_the_people_of_a_known_place_are_norp(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _demonym_spans

    doc = nlp("Италиялық туристер мен испаниялықтарға Алматыда көмектесті.")
    assert _texts(_demonym_spans(doc, [])) == [("Италиялық", "NORP"), ("испаниялықтарға", "NORP")]
    assert _demonym_spans(doc, [_span(doc, "Италиялық туристер", "NORP")]) == [
        next(sp for sp in _demonym_spans(doc, []) if sp.text == "испаниялықтарға")]


def test_a_sea_a_strait_an_island_are_one_location_with_their_name(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _geographic

    doc = nlp("Каспий теңізінде кеме апатқа ұшырады, Ормуз бұғазы жабылды. Тоқаев теңізде жүзді.")
    spans = [_span(doc, "Каспий", "LOCATION"), _span(doc, "Ормуз", "GPE"), _span(doc, "Тоқаев", "PERSON")]
    assert _texts(_geographic(doc, spans)) == [
        ("Каспий теңізінде", "LOCATION"), ("Ормуз бұғазы", "LOCATION"), ("Тоқаев", "PERSON")]


def test_a_person_mention_loses_a_number_after_it_and_a_common_noun_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _person_trimmed

    doc = nlp("Бүркітші Айшолпан Нұрғайыпқызы келді. Юлия Галышева 15 жаста. Мәулен Әшімбаев Нұрлан келді.")
    assert _person_trimmed(doc, _span(doc, "Бүркітші Айшолпан Нұрғайыпқызы", "PERSON")).text == \
        "Айшолпан Нұрғайыпқызы"
    assert _person_trimmed(doc, _span(doc, "Юлия Галышева 15", "PERSON")).text == "Юлия Галышева"
    whole = _span(doc, "Мәулен Әшімбаев Нұрлан", "PERSON")
    assert _person_trimmed(doc, whole) == whole  # a given name first stays


def test_a_position_headed_by_a_body_noun_names_the_body(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _body_relabelled

    doc = nlp("Қарағанды облысының прокуратурасы мәлімдеді. Облыс прокуроры келді.")
    body = _body_relabelled(_span(doc, "Қарағанды облысының прокуратурасы", "POSITION"))
    post = _body_relabelled(_span(doc, "Облыс прокуроры", "POSITION"))
    assert (body.label_, post.label_) == ("ORGANISATION", "POSITION")


def test_two_surnames_of_two_people_named_in_full_are_two_mentions(nlp) -> None:  # type: ignore[no-untyped-def]
    from habar.stages.entities import _two_people_apart

    doc = nlp("Дональд Трамп сөйледі. Николас Мадуро ұсталды. Кейінірек Трамп Мадуро мен жұбайын көрді.")
    spans = [_span(doc, "Дональд Трамп", "PERSON"), _span(doc, "Николас Мадуро", "PERSON"),
             _span(doc, "Трамп Мадуро", "PERSON")]
    assert _texts(_two_people_apart(doc, spans)) == [("Дональд Трамп", "PERSON"), ("Мадуро", "PERSON"),
                                                      ("Николас Мадуро", "PERSON"), ("Трамп", "PERSON")]
    # a given name and a surname stay one mention
    doc = nlp("Дональд Трамп сөйледі. Трамп келді.")
    assert len(_two_people_apart(doc, [_span(doc, "Дональд Трамп", "PERSON")])) == 1


def test_a_number_word_after_a_number_keeps_it_a_cardinal(nlp) -> None:  # type: ignore[no-untyped-def]
    """``млн`` is a number word (units.tsv class NUMBER, a tagger feature), not one of the 25 classes."""
    doc = nlp("Облыста 1 млн әйел тұрады.")
    assert _texts(_number_spans(doc, [_span(doc, "1", "CARDINAL")])) == [("1 млн", "CARDINAL")]


def test_x_republic_adds_no_word_to_a_canonical_name() -> None:
    from habar.stages.entities import _fullest

    forms = ["Әзербайжан президенті", "Әзербайжан президенті", "Әзербайжан Республикасының президенті"]
    assert _fullest(forms) == "Әзербайжан президенті"
    assert _fullest(["Тоқаев", "Қасым-Жомарт Тоқаев"]) == "Қасым-Жомарт Тоқаев"
