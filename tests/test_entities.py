"""The entities stage on the sample article (golden), and the folding of mentions into entities."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habar.document import Document, Entity
from habar.pipeline import CONVERTERS, STAGES
from habar.stages.entities import convert

from .conftest import shared_path


def _by_name(doc: Document, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name]
    assert len(found) == 1, f"{name}: {[(e.name, e.label) for e in doc.entities]}"
    return found[0]


def _surfaces(entity: Entity) -> set[str]:
    return {m.text for m in entity.mentions}


def test_stage_is_registered() -> None:
    assert "habar_entities" in STAGES
    # the facts stages read doc.ents: entities come before them
    assert STAGES.index("habar_entities") < STAGES.index("habar_quotes")
    assert convert in CONVERTERS


def test_golden_sample_entities(sample_doc: Document) -> None:
    """Every entity of ../shared/samples/baku-visit.gold.json, with all its surface forms, in one entity."""
    gold = json.loads(shared_path("samples", "baku-visit.gold.json").read_text(encoding="utf-8"))
    from habar.ner.kb import knowledge_base

    kb = knowledge_base()
    for want in gold["entities"]:
        candidates = [
            e for e in sample_doc.entities
            if e.label == want["type"]
            and (e.name == want["name"] or (e.kb_id and want["name"] in kb.by_id[e.kb_id].all_names))
        ]
        assert len(candidates) == 1, f"{want['name']}: {[(e.name, e.label) for e in sample_doc.entities]}"
        assert set(want["surface"]) <= _surfaces(candidates[0]), (want, candidates[0])


def test_aliyev_is_one_person(sample_doc: Document) -> None:
    aliyev = _by_name(sample_doc, "Ильхам Әлиев")
    assert aliyev.label == "PERSON"
    assert {"Ильхам Әлиев", "Ильхам Гейдарұлы Әлиевтің", "Ильхам Гейдароғлу", "Ильхам Гейдарұлы Әлиевке"} <= _surfaces(
        aliyev)
    assert aliyev.kb_id == "person.aliyev"
    assert [e for e in sample_doc.entities if e.label == "PERSON" and "Әлиев" in e.name] == [aliyev]


def test_position_link(sample_doc: Document) -> None:
    tokayev = _by_name(sample_doc, "Қасым-Жомарт Тоқаев")
    position = _by_name(sample_doc, "Қазақстан Президенті")
    assert position.label == "POSITION"
    assert position.id in tokayev.positions
    assert position.holders == [tokayev.id]
    aliyev = _by_name(sample_doc, "Ильхам Әлиев")
    assert any(sample_doc.entities[int(p[1:]) - 1].name == "Әзербайжан президенті" for p in aliyev.positions)


def test_places_fold_and_link(sample_doc: Document) -> None:
    baku = _by_name(sample_doc, "Баку")
    assert (baku.label, baku.kb_id) == ("GPE", "AZ.baku")
    assert {"Бакуге", "Бакуға", "БАКУ"} <= _surfaces(baku)
    azerbaijan = _by_name(sample_doc, "Әзербайжан")
    assert (azerbaijan.label, azerbaijan.kb_id, azerbaijan.wikidata) == ("GPE", "AZ", "Q227")
    assert {"Әзербайжанның", "Әзербайжан Республикасының"} <= _surfaces(azerbaijan)  # inside POSITION spans
    assert _by_name(sample_doc, "Қазақстан").kb_id == "KZ"
    assert _by_name(sample_doc, "Азия").label == "LOCATION"  # inside the CICA name


def test_mentions_rebuild_their_text(sample_doc: Document) -> None:
    ids = [e.id for e in sample_doc.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    starts = [e.mentions[0].start for e in sample_doc.entities]
    assert starts == sorted(starts)
    for entity in sample_doc.entities:
        for m in entity.mentions:
            assert sample_doc.text[m.start : m.end] == m.text
        for ref in [*entity.positions, *entity.holders]:
            assert ref in ids


def test_json_has_the_contract_fields(sample_doc: Document) -> None:
    record = json.loads(sample_doc.to_json())["entities"][0]
    assert {"id", "label", "name", "kb_id", "mentions"} <= set(record)
    assert set(record["mentions"][0]) == {"start", "end", "text", "nested"}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Тоқаев Мәскеуге барды. Путинмен кездесті.", "Мәскеу", "GPE"),
        ("Президент Тоқаевтың сапары. Тоқаевқа хат келді.", "Қасым-Жомарт Тоқаев", "PERSON"),
    ],
)
def test_short_texts(text: str, name: str, label: str) -> None:
    import habar

    doc = habar.analyze(text)
    entity = _by_name(doc, name)
    assert entity.label == label


_WORDS = ["Тоқаев", "Бакуге", "Әзербайжанның", "Президенті", "Қазақстан", "БҰҰ-ның", "келді", "және", "24", "тамызда",
          "Ильхам", "Гейдароғлу", "Әлиевке", ",", ".", "«", "»", "Астанада", "млн", "теңге", "Ұлттық", "банктің"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25))
def test_mentions_stay_in_bounds(words: list[str]) -> None:
    import habar

    doc = habar.analyze(" ".join(words))
    ids = {e.id for e in doc.entities}
    for entity in doc.entities:
        assert entity.mentions and entity.name
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(doc.text)
            assert doc.text[m.start : m.end] == m.text
        assert set(entity.positions) <= ids and set(entity.holders) <= ids


class _FixedTagger:
    """Stands in for the CRF: labels the words it is given, everything else O (to pin the stage's rules)."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels

    def tag(self, words: list[str]) -> list[str]:
        return [self.labels.get(w, "O") for w in words]

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        return [self.tag(words) for words in sentences]


def test_a_sentence_initial_participle_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Әзірленген": "B-PERSON", "Ұрлыққа": "I-PERSON", "Марапатталған": "B-PERSON",
                           "Ерлан": "I-PERSON", "Қарин": "I-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Әзірленген Ұрлыққа қарсы бағдарлама нәтиже берді. Марапатталған Ерлан Қарин сөз сөйледі.")
    people = [e for e in doc.entities if e.label == "PERSON"]
    # the participle comes off; a common word left alone (ұрлық, "theft") is no name, a name is kept
    assert [(e.name, [m.text for m in e.mentions]) for e in people] == [("Ерлан Қарин", ["Ерлан Қарин"])]


def test_an_agency_inside_a_position_is_the_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    # KazNERD's convention: "Tengrinews.kz тілшісі" is one POSITION; the agency in it still speaks
    tagger = _FixedTagger({"Tengrinews.kz": "B-POSITION", "тілшісі": "I-POSITION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Алматыда бұрынғы колония басшысы ұсталды, - деп хабарлайды Tengrinews.kz тілшісі.")
    assert any(e.label == "POSITION" and e.name.startswith("Tengrinews.kz") for e in doc.entities)
    quote = next(q for q in doc.quotes if q.kind == "indirect")
    agency = next(e for e in doc.entities if e.kb_id == "kz.Tengrinews")
    assert (quote.speaker.name, quote.speaker.entity) == ("Tengrinews.kz", agency.id)


def test_a_known_full_name_ends_a_person_tagged_over_more_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagger runs a known person's full name into the next name (KazNERD's own model did this on a real
    article): the knowledge base's full name ends the PERSON; a surname first (surname-first order) does not."""
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Шавкат": "B-PERSON", "Мирзиёев": "I-PERSON", "Бахауддин": "I-PERSON",
                           "Нақышбанди": "I-PERSON", "Тоқаев": "B-PERSON", "Қасым-Жомарт": "I-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Шавкат Мирзиёев Бахауддин Нақышбанди кесенесіне барды. Тоқаев Қасым-Жомарт сөз сөйледі.")
    people = sorted(e.name for e in doc.entities if e.label == "PERSON")
    assert "Шавкат Мирзиёев" in people and "Бахауддин Нақышбанди" in people
    assert not any("Мирзиёев Бахауддин" in name for name in people)
    assert any(e.name in ("Тоқаев Қасым-Жомарт", "Қасым-Жомарт Тоқаев") and len(e.mentions) == 1
               and e.mentions[0].text == "Тоқаев Қасым-Жомарт" for e in doc.entities)


def test_a_place_inside_a_tagged_person_is_cut_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Мирзиёев": "B-PERSON", "Бакуде": "I-PERSON", "Бахауддин": "I-PERSON",
                           "Нақышбанди": "I-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Мирзиёев Бакуде Бахауддин Нақышбанди атындағы орталықты аралады.")
    assert not any("Баку" in m.text for e in doc.entities if e.label == "PERSON" for m in e.mentions)
    baku = next(e for e in doc.entities if e.label == "GPE")
    assert baku.name == "Баку" and [m.text for m in baku.mentions] == ["Бакуде"]
    assert {e.name for e in doc.entities if e.label == "PERSON"} >= {"Бахауддин Нақышбанди"}


def test_nested_mentions_are_marked_and_the_rest_is_flat(sample_doc: Document) -> None:
    """A knowledge-base name found inside a longer mention (the country in ``Қазақстан Президенті``) is a mention
    marked ``nested``; the unmarked mentions never overlap, as in the flat corpus annotation."""
    flat = sorted((m.start, m.end) for e in sample_doc.entities for m in e.mentions if not m.nested)
    assert all(a[1] <= b[0] for a, b in zip(flat, flat[1:], strict=False))
    nested = [(e, m) for e in sample_doc.entities for m in e.mentions if m.nested]
    assert nested
    for entity, m in nested:
        assert any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                   for e in sample_doc.entities if e is not entity for o in e.mentions if not o.nested)


def test_oracle_folding_of_given_mentions() -> None:
    """Mentions given from outside (a corpus's gold) are folded as the tagger's are: inflected forms, a surname
    alone and the knowledge base's abbreviation join one entity each."""
    from habar.stages.entities import oracle_entities

    text = "Ильхам Әлиев Бакуге келді. Әлиевтің сөзі. БҰҰ-ның хатшысы Бакуде болды."
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:-\w+)?|[^\w\s]", text)]
    def at(piece: str, label: str, occ: int = 0) -> tuple[int, int, str]:
        s = -1
        for _ in range(occ + 1):
            s = text.index(piece, s + 1)
        return s, s + len(piece), label
    found = oracle_entities(text, [s for s, _ in words], [e for _, e in words],
                            [at("Ильхам Әлиев", "PERSON"), at("Бакуге", "GPE"), at("Әлиевтің", "PERSON"),
                             at("БҰҰ-ның", "ORGANISATION"), at("Бакуде", "GPE")])
    by_name = {e["name"]: {m["start"] for m in e["mentions"]} for e in found}
    assert by_name["Баку"] == {text.index("Бакуге"), text.index("Бакуде")}
    assert len(by_name[next(n for n in by_name if "Әлиев" in n)]) == 2
    assert len(found) == 3


def _fold(text: str, *mentions: tuple[str, str]) -> list[dict[str, object]]:
    """``oracle_entities`` over ``text`` with the given (surface, label) mentions, in the order of the text."""
    from habar.stages.entities import oracle_entities

    words = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:-\w+)*|[^\w\s]", text)]
    spans, pos = [], 0
    for surface, label in mentions:
        s = text.index(surface, pos)
        pos = s + len(surface)
        spans.append((s, pos, label))
    return oracle_entities(text, [s for s, _ in words], [e for _, e in words], spans)


def _groups(found: list[dict[str, object]]) -> dict[str, set[str]]:
    return {str(e["name"]): {str(m["text"]) for m in e["mentions"]} for e in found}  # type: ignore[attr-defined]


def test_a_town_is_one_entity_with_or_without_its_kind() -> None:
    found = _groups(_fold("Атырау қаласында өрт шықты. Атырау тұрғындары көмектесті.",
                          ("Атырау қаласында", "GPE"), ("Атырау", "GPE")))
    assert found == {"Атырау": {"Атырау қаласында", "Атырау"}}
    # a region is not the town it is named after
    assert len(_fold("Алматы облысында және Алматыда.", ("Алматы облысында", "GPE"), ("Алматыда", "GPE"))) == 2


def test_abbreviation_and_head_noun_fold_into_the_one_full_name() -> None:
    text = ("Қылмыстық-атқару жүйесі комитеті мәлімдеді. ҚАЖК хабарлады. Жетісу облысының прокуратурасы тексерді. "
            "Прокуратура айтты. Комитеттің өкілі келді.")
    found = _groups(_fold(text, ("Қылмыстық-атқару жүйесі комитеті", "ORGANISATION"), ("ҚАЖК", "ORGANISATION"),
                          ("Жетісу облысының прокуратурасы", "ORGANISATION"), ("Прокуратура", "ORGANISATION"),
                          ("Комитеттің", "ORGANISATION")))
    assert found == {"Қылмыстық-атқару жүйесі комитеті": {"Қылмыстық-атқару жүйесі комитеті", "ҚАЖК", "Комитеттің"},
                     "Жетісу облысының прокуратурасы": {"Жетісу облысының прокуратурасы", "Прокуратура"}}


def test_a_head_noun_two_entities_share_stays_apart() -> None:
    text = "Жетісу облысының прокуратурасы және Абай облысының прокуратурасы. Прокуратура айтты."
    found = _fold(text, ("Жетісу облысының прокуратурасы", "ORGANISATION"),
                  ("Абай облысының прокуратурасы", "ORGANISATION"), ("Прокуратура", "ORGANISATION"))
    assert len(found) == 3


def test_plural_office_is_not_the_office() -> None:
    text = "Мемлекет басшысы ШЫҰ-ға мүше мемлекеттер басшыларымен кездесті. Мемлекеттер басшылары келісті."
    found = _groups(_fold(text, ("Мемлекет басшысы", "POSITION"), ("Мемлекеттер басшылары", "POSITION")))
    assert len(found) == 2


def test_spellings_and_a_lone_given_name_fold_into_the_person() -> None:
    text = "Қамшыбек Тәшиев келді. Ташиевтің айтуынша, Александр Бублик ойнады. Александрдың қарсыласы жеңілді."
    found = _groups(_fold(text, ("Қамшыбек Тәшиев", "PERSON"), ("Ташиевтің", "PERSON"),
                          ("Александр Бублик", "PERSON"), ("Александрдың", "PERSON")))
    assert found == {"Қамшыбек Тәшиев": {"Қамшыбек Тәшиев", "Ташиевтің"},
                     "Александр Бублик": {"Александр Бублик", "Александрдың"}}
    # two people with that given name: the given name alone is neither
    two = _fold("Александр Бублик пен Александр Шевченко ойнады. Александр жеңді.", ("Александр Бублик", "PERSON"),
                ("Александр Шевченко", "PERSON"), ("Александр", "PERSON"))
    assert len(two) == 3


def test_names_of_known_entities_and_brands() -> None:
    found = _groups(_fold("ІІМ-ге хабарласыңыз. Telegram-арнасында жазды.", ("ІІМ-ге", "ORGANISATION"),
                          ("Telegram-арнасында", "PRODUCT")))
    assert found == {"Ішкі істер министрлігі": {"ІІМ-ге"}, "Telegram": {"Telegram-арнасында"}}
    countries = _groups(_fold("Беларусь Республикасының өкілі келді.", ("Беларусь Республикасының", "GPE")))
    assert countries == {"Беларусь": {"Беларусь Республикасының"}}


def _blank(text: str) -> object:
    from spacy.tokens import Doc

    from habar.stages.entities import _vocab

    words = text.split()
    return Doc(_vocab(), words=words, spaces=[True] * (len(words) - 1) + [False])


def test_a_country_inside_an_organisations_name_stays_inside() -> None:
    """``ҚР Сыртқы істер министрлігінің`` is one ORGANISATION (docs/annotation.md), though the knowledge base knows
    both ``ҚР`` and ``Сыртқы істер министрлігі``; two known names of other classes side by side are split."""
    from spacy.tokens import Span

    from habar.stages.entities import _kb_matches, _split_by_known_names

    doc = _blank("ҚР Сыртқы істер министрлігінің өкілі")
    span = Span(doc, 0, 4, label="ORGANISATION")
    parts = _kb_matches(doc, 0, 4, longest=3)
    assert [p[2].label for p in parts] == ["GPE", "ORGANISATION"]
    assert [(s.start, s.end, s.label_) for s in _split_by_known_names(doc, span, parts)] == [(0, 4, "ORGANISATION")]
    doc = _blank("Тоқаев Мәскеуге барды")
    span = Span(doc, 0, 2, label="PERSON")
    parts = _kb_matches(doc, 0, 2, longest=1)
    assert [s.label_ for s in _split_by_known_names(doc, span, parts)] == ["PERSON", "GPE"]


def test_the_number_sign_is_part_of_a_name() -> None:
    from spacy.tokens import Span

    from habar.stages.entities import _without_symbols

    doc = _blank("Атырау қаласы №2 сотында 🎉 Алматы")
    assert [s.text for s in _without_symbols(Span(doc, 0, 4, label="ORGANISATION"))] == ["Атырау қаласы №2 сотында"]
    assert [s.text for s in _without_symbols(Span(doc, 2, 6, label="ORGANISATION"))] == ["№2 сотында", "Алматы"]


def test_an_app_at_the_edge_of_a_name_is_cut_off_and_a_bloggers_nickname_is_a_person() -> None:
    from spacy.tokens import Span

    from habar.stages.entities import _kb_matches, _nickname, _split_by_known_names

    doc = _blank("Блогер Baller TikTok желісінде жазды")
    span = Span(doc, 1, 3, label="ORGANISATION")
    pieces = _split_by_known_names(doc, span, _kb_matches(doc, 1, 3, longest=1))
    assert [(p.text, p.label_) for p in pieces] == [("Baller", "ORGANISATION"), ("TikTok", "PRODUCT")]
    assert _nickname(doc, pieces[0]).label_ == "PERSON"
    # not after a noun for a blogger, nor a Cyrillic name, nor a known name
    doc = _blank("Кеше Baller туралы блогер Алматыда блогер Reuters")
    assert _nickname(doc, Span(doc, 1, 2, label="LOCATION")).label_ == "LOCATION"
    assert _nickname(doc, Span(doc, 4, 5, label="GPE")).label_ == "GPE"
    assert _nickname(doc, Span(doc, 6, 7, label="ORGANISATION")).label_ == "ORGANISATION"


def test_rival_wordings_of_one_name_are_one_entity() -> None:
    """``Қаржылық мониторинг агенттігі`` and ``Қаржы мониторингі агенттігі`` are one name worded two ways (by the
    grammar's lemmas and stems), and a wording the knowledge base lacks still finds its entry; ``Жоғарғы сот``
    (the Supreme Court) is not ``Жоғары сот кеңесі`` nor ``Жоғары сот``."""
    from habar.stages.entities import _kb_rival, rival_names

    assert rival_names("Қаржылық мониторинг агенттігі", "Қаржы мониторингі агенттігі")
    assert not rival_names("Жоғарғы сот", "Жоғары сот")
    assert not rival_names("Ішкі істер министрлігі", "Сыртқы істер министрлігі")
    entry = _kb_rival("Қаржы мониторинг агенттігі", "ORGANISATION")
    assert entry is not None and entry.id == "kz.AFM"
    found = _groups(_fold("Қаржылық мониторинг агенттігі хабарлады. Қаржы мониторингі агенттігінің өкілі айтты.",
                          ("Қаржылық мониторинг агенттігі", "ORGANISATION"),
                          ("Қаржы мониторингі агенттігінің", "ORGANISATION")))
    assert len(found) == 1


def test_wordings_of_one_office_are_one_position() -> None:
    text = "Мемлекет басшысы сөз сөйледі. Қазақстан Президенті атап өтті. Үкімет басшысы келді."
    found = _fold(text, ("Мемлекет басшысы", "POSITION"), ("Қазақстан Президенті", "POSITION"),
                  ("Үкімет басшысы", "POSITION"))
    assert sorted(len(e["mentions"]) for e in found) == [1, 2]  # type: ignore[arg-type]
    assert {e["kb_id"] for e in found} == {"office.KZ.president", "office.KZ.pm"}


def test_a_speaker_named_by_a_shortened_name_is_the_entity_it_was_folded_into() -> None:
    """``Облыс әкімдігінің`` folds into ``Алматы облысы әкімдігі``; the quotation it speaks is that entity's."""
    import habar

    doc = habar.analyze("Салтанат Беспаева Алматы облысы әкімдігінде жаңа лауазымға тағайындалды. Облыс әкімдігінің "
                        "баспасөз қызметі мәліметінше, ол бұған дейін басқарма басшысы болған.")
    akimat = _by_name(doc, "Алматы облысы әкімдігі")
    assert {"Алматы облысы әкімдігінде", "Облыс әкімдігінің"} <= _surfaces(akimat)
    assert [q.speaker.entity for q in doc.quotes if q.speaker] == [akimat.id]


def test_no_personal_name_ends_with_an_organisations_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    # a tagger error seen on unread news: the speaker's surname run into the body's name in the locative
    tagger = _FixedTagger({"Данияр": "B-PERSON", "Биғайдаровтың": "I-PERSON", "Биғайдаров": "B-PERSON",
                           "Антикордағы": "I-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Данияр Биғайдаровтың айтуынша, іс жалғасып жатыр. \"Іздеу жалғасып жатыр\", – деді "
                        "Биғайдаров Антикордағы брифингте.")
    people = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.label == "PERSON"}
    assert people == {"Данияр Биғайдаров": ["Данияр Биғайдаровтың", "Биғайдаров"]}
    assert any(e.kb_id == "kz.AntiCorruption" and "Антикордағы" in [m.text for m in e.mentions] for e in doc.entities)
    assert {q.speaker.name for q in doc.quotes} == {"Данияр Биғайдаров"}


def test_a_surname_the_knowledge_base_knows_is_the_articles_person_of_another_given_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    # people.tsv has Нұрлан Нығматулин with the alias "Нығматулин"; the article's Арғын Нығматулин is someone else
    tagger = _FixedTagger({"Арғын": "B-PERSON", "Нығматулинге": "I-PERSON", "Нығматулин": "B-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Арғын Нығматулинге қатысты іс сотқа жіберілді. Кейін Нығматулин елден кетті.")
    people = [e for e in doc.entities if e.label == "PERSON"]
    assert [(e.name, e.kb_id, len(e.mentions)) for e in people] == [("Арғын Нығматулин", None, 2)]
    # the entry still links where the article names its own Нұрлан
    tagger.labels.update({"Нұрлан": "B-PERSON", "Нығматулиннің": "I-PERSON"})
    doc = habar.analyze("Нұрлан Нығматулиннің сөзі талқыланды. Кейін Нығматулин елден кетті.")
    people = [(e.name, e.kb_id) for e in doc.entities if e.label == "PERSON"]
    assert people == [("Нұрлан Нығматулин", "person.nigmatulin")]


def test_two_people_the_article_names_run_together_are_two_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    """"Дархан Жолшыбеков Жанәбіловтермен …", "Жолшыбеков Ерболат Жанәбіловпен …": the tagger runs a subject and
    an object together; each part ends with the surname of a person the article names in full."""
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Дархан": "B-PERSON", "Жолшыбеков": "I-PERSON", "Ерболат": "B-PERSON",
                           "Жанәбілов": "I-PERSON", "Жанәбіловтермен": "I-PERSON", "Жанәбіловпен": "I-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Блогер Ерболат Жанәбілов сотта. Куәгер Дархан Жолшыбеков сотқа келді. Дархан Жолшыбеков "
                        "Жанәбіловтермен алты жыл таныс екенін айтты. Кейін Жолшыбеков Ерболат Жанәбіловпен арада "
                        "келіспеушілік болғанын мойындады.")
    people = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.label == "PERSON"}
    assert people["Дархан Жолшыбеков"] == ["Дархан Жолшыбеков", "Дархан Жолшыбеков", "Жолшыбеков"]
    assert "Ерболат Жанәбіловпен" in people["Ерболат Жанәбілов"]
    assert not any(len(name.split()) > 2 for name in people)
    assert [q.speaker.name for q in doc.quotes] == ["Дархан Жолшыбеков", "Дархан Жолшыбеков"]


def test_a_post_takes_in_the_country_or_body_whose_post_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/annotation.md, revision 1: a post with its country or body before it is one POSITION; a place in the
    locative says where, not whose, and a plural post after two countries is each one's."""
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Түркістан": "B-GPE", "облысының": "I-GPE", "әкімі": "B-POSITION", "Иран": "B-GPE",
                           "СІМ": "B-ORGANISATION", "өкілі": "B-POSITION", "Павлодарда": "B-GPE",
                           "басшысы": "B-POSITION", "Италия": "B-GPE", "президенттері": "B-POSITION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Шараға Түркістан облысының әкімі қатысты. Иран СІМ өкілі мәлімдеме жасады. Павлодарда "
                        "басшысы сотталды. Қазақстан мен Италия президенттері кездесті.")
    flat = [(e.label, m.text) for e in doc.entities for m in e.mentions if not m.nested]
    assert ("POSITION", "Түркістан облысының әкімі") in flat and ("POSITION", "Иран СІМ өкілі") in flat
    assert ("GPE", "Павлодарда") in flat and ("POSITION", "басшысы") in flat
    assert ("GPE", "Италия") in flat and ("POSITION", "президенттері") in flat
    # the place inside stays a mention of its own, nested
    assert any(e.label == "GPE" and m.nested and m.text == "Түркістан облысының" for e in doc.entities
               for m in e.mentions)


def test_two_posts_run_together_are_two_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    """"Мемлекет басшысы Азия даму банкінің президенті Масацугу Асакаваны қабылдады": the host's post and the
    guest's, tagged as one; a post possessed by the next word is one post (``Президент Әкімшілігінің басшысы``)."""
    import habar
    import habar.stages.entities as entities

    words = ["Мемлекет", "басшысы", "Азия", "даму", "банкінің", "президенті"]
    tagger = _FixedTagger({w: ("B-" if i == 0 else "I-") + "POSITION" for i, w in enumerate(words)}
                          | {"Президент": "B-POSITION", "Әкімшілігінің": "I-POSITION", "басшысын": "I-POSITION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Мемлекет басшысы Азия даму банкінің президенті Масацугу Асакаваны қабылдады. Ол кейін "
                        "Президент Әкімшілігінің басшысын қабылдады.")
    posts = [m.text for e in doc.entities if e.label == "POSITION" for m in e.mentions if not m.nested]
    assert sorted(posts) == ["Азия даму банкінің президенті", "Мемлекет басшысы",
                             "Президент Әкімшілігінің басшысын"]


def test_an_organisations_abbreviation_in_brackets_after_it_is_a_mention(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Сейсмологиялық": "B-ORGANISATION", "орталығының": "I-ORGANISATION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Сейсмологиялық орталығының (EMSC) деректері бойынша, коэффициенттің (БЖК) мәні өсті.")
    flat = [(e.label, m.text) for e in doc.entities for m in e.mentions]
    assert ("ORGANISATION", "EMSC") in flat
    assert not any(text == "БЖК" for _, text in flat)  # after no name, an abbreviation of anything


def test_two_sums_run_together_are_two_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    words = ["800", "миллион", "теңге", "мен", "2", "миллион", "доллар"]
    tagger = _FixedTagger({w: ("B-" if i == 0 else "I-") + "MONEY" for i, w in enumerate(words)}
                          | {"12": "B-MONEY", "миллиард": "I-MONEY", "рубльге": "I-MONEY", "(": "I-MONEY",
                             "80": "I-MONEY", "теңгеден": "I-MONEY", "астам": "I-MONEY", "5": "B-MONEY",
                             "және": "I-MONEY", "10": "I-MONEY", "теңгеге": "I-MONEY"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Үйден 800 миллион теңге мен 2 миллион доллар табылды. Үйінен 12 миллиард рубльге (80 "
                        "миллиард теңгеден астам) баламалы қаражат табылды. Бағасы 5 және 10 теңгеге өсті.")
    sums = sorted(m.text for e in doc.entities if e.label == "MONEY" for m in e.mentions)
    assert sums == ["12 миллиард рубльге", "2 миллион доллар", "5 және 10 теңгеге", "80 миллиард теңгеден астам",
                    "800 миллион теңге"]


def test_a_quoted_body_joined_to_its_post_keeps_both_quotation_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Бөбек": "B-ORGANISATION", "орталығы": "I-ORGANISATION", "»": "B-POSITION",
                           "КЕАҚ": "I-POSITION", "басқарма": "I-POSITION", "төрағасы": "I-POSITION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Бұл туралы «Бөбек орталығы» КЕАҚ басқарма төрағасы айтты.")
    posts = [m.text for e in doc.entities if e.label == "POSITION" for m in e.mentions]
    assert posts == ["«Бөбек орталығы» КЕАҚ басқарма төрағасы"]


def test_a_given_name_alone_is_the_person_named_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Асу": "B-PERSON", "Алмабаев": "I-PERSON"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Асу Алмабаев жеңіске жетті. Жарыстан кейін Асуға журналистер сұрақ қойды. Асуда тұр.")
    people = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.label == "PERSON"}
    # mid-sentence the untagged Асуға is the person; at a sentence's start a capital says nothing
    assert people == {"Асу Алмабаев": ["Асу Алмабаев", "Асуға"]}


def test_a_name_run_into_a_date_after_it_ends_before_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Қазгидромет": "B-ORGANISATION", "мамырда": "I-ORGANISATION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Бұған дейін Қазгидромет мамырда қазақстандықтарды ескертті.")
    flat = sorted((e.label, m.text) for e in doc.entities for m in e.mentions)
    assert ("DATE", "мамырда") in flat and ("ORGANISATION", "Қазгидромет") in flat


def test_a_known_body_ends_before_the_common_words_the_tagger_ran_it_into(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Ұлттық": "B-ORGANISATION", "банк": "I-ORGANISATION", "теңгенің": "I-ORGANISATION",
                           "Азия": "B-ORGANISATION", "даму": "I-ORGANISATION", "банкінің": "I-ORGANISATION",
                           "кеңесі": "I-ORGANISATION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Бұл ретте Ұлттық банк теңгенің бағамын түсіндірді. Азия даму банкінің кеңесі жиналды.")
    bodies = sorted(m.text for e in doc.entities if e.label == "ORGANISATION" for m in e.mentions if not m.nested)
    # a body's name that goes on to a body's head noun is one longer name
    assert bodies == ["Азия даму банкінің кеңесі", "Ұлттық банк"]


def test_a_date_the_tagger_ran_into_a_name_ends_with_the_time_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Биылғы": "B-DATE", "Құрылтайда": "I-DATE"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Биылғы Құрылтайда қатысушылар пікірталас клубтарын талқылады.")
    dates = [m.text for e in doc.entities if e.label == "DATE" for m in e.mentions]
    assert dates == ["Биылғы"]


def test_a_mention_has_no_comma_at_its_edges(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"9": "B-CARDINAL", "-": "I-CARDINAL", "14": "I-CARDINAL", ",": "I-CARDINAL"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Жел оңтүстік-батыстан 9-14, түнде екпіні күшейеді.")
    assert [m.text for e in doc.entities for m in e.mentions if e.label == "CARDINAL"] == ["9-14"]


def test_a_known_place_in_the_locative_begins_no_mention(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Қызылордада": "B-POSITION", "облыс": "I-POSITION", "әкімі": "I-POSITION",
                           "Сауда": "B-ORGANISATION", "министрлігімен": "I-ORGANISATION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Кеше Қызылордада облыс әкімі жиын өткізді. Ол Сауда министрлігімен келісті.")
    found = sorted((m.text, e.label) for e in doc.entities for m in e.mentions)
    # where, then the post; a body whose first word only reads like a locative (сау+да) stays whole
    assert ("Қызылордада", "GPE") in found and ("облыс әкімі", "POSITION") in found
    assert ("Сауда министрлігімен", "ORGANISATION") in found


def test_a_known_name_before_a_plural_post_is_a_mention_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar
    import habar.stages.entities as entities

    tagger = _FixedTagger({"Италия": "B-POSITION", "президенттері": "I-POSITION",
                           "Түркия": "B-POSITION", "президенті": "I-POSITION"})
    monkeypatch.setattr(entities, "shipped_tagger", lambda mode="fast": tagger)
    doc = habar.analyze("Қазақстан мен Италия президенттері кездесті. Кейін Түркия президенті сөйледі.")
    found = sorted((m.text, e.label) for e in doc.entities for m in e.mentions)
    # two countries, a president each: the plural post takes no country; the singular one keeps it (revision 1)
    assert ("Италия", "GPE") in found and ("президенттері", "POSITION") in found
    assert ("Түркия президенті", "POSITION") in found
