"""The knowledge base that ships with habar."""

from __future__ import annotations

import pytest

from habar.ner.kb import knowledge_base, lookup

from .conftest import shared_path


@pytest.mark.parametrize(
    ("mention", "kb_id"),
    [
        ("Әзербайжанның", "AZ"),
        ("Қазақстан", "KZ"),
        ("Қазақстан Республикасының", "KZ"),
        ("АҚШ", "US"),
        ("Бакуге", "AZ.baku"),
        ("Алматыда", "KZ-75"),
        ("Астанаға", "KZ-71"),
        ("Түркістан облысында", "KZ-61"),
        ("БҰҰ", "org.UN"),
        ("Біріккен Ұлттар Ұйымының", "org.UN"),
        ("ЕҚЫҰ-ға", "org.OSCE"),
        ("ТМҰ", "org.OTS"),
        ("Түрік мемлекеттерінің ұйымы", "org.OTS"),
        ("ШЫҰ", "org.SCO"),
        ("АӨСШК", "org.CICA"),
        ("ТМД", "org.CIS"),
        ("ЕАЭО", "org.EAEU"),
        ("ҰҚШҰ", "org.CSTO"),
        ("ЕО", "org.EU"),
        ("НАТО-ның", "org.NATO"),
        ("Тоқаевқа", "person.tokayev"),
        ("Ильхам Гейдарұлы Әлиевке", "person.aliyev"),
        ("Шавкат Мирзиёевпен", "person.mirziyoyev"),
        ("Азия", "M49.142"),
        ("Ұлттық банктің", "kz.NationalBank"),
        ("ІІМ-нің", "kz.MIA"),
        # issue 17: abbreviations and rival names of one body, X Республикасы = X, more bodies and people
        ("АФМ", "kz.AFM"),
        ("ҚМА-ның", "kz.AFM"),
        ("Қаржы мониторингі агенттігінің", "kz.AFM"),
        ("Қаржылық мониторинг агенттігі", "kz.AFM"),
        ("Беларусь Республикасының", "BY"),
        ("Иран Ислам Республикасы", "IR"),
        ("Өзбекстан Республикасымен", "UZ"),
        ("ҚТЖ-ға", "kz.KTZ"),
        ("СЖҚА", "kz.AntiCorruption"),
        ("Nur Otan", "kz.Amanat"),
        ("Абай облысының әкімдігі", "akimat.KZ-10"),
        ("Алматы қаласының әкімдігіне", "akimat.KZ-75"),
        ("Конституциялық соттың", "kz.ConstitutionalCourt"),
        ("Лавровпен", "person.lavrov"),
        ("Ердоған", "person.erdogan"),
        ("Мәулен Әшімбаев", "person.ashimbayev"),
        ("Жанат Элимаев", "person.elimayev"),
        # thirteenth session: bodies of weather, security and sports news
        ("Қазгидрометке", "kz.Kazhydromet"),
        ("Казгидромет", "kz.Kazhydromet"),
        ("ФСБ", "ru.FSB"),
        ("МҰҚК", "kg.GKNB"),
        ("UFC-дегі", "org.UFC"),
    ],
)
def test_lookup_folds_inflection(mention: str, kb_id: str) -> None:
    entry = lookup(mention)
    assert entry is not None, mention
    assert entry.id == kb_id


def test_unknown_names_are_not_linked() -> None:
    assert lookup("Жетісай") is None
    assert lookup("Қазақ") is None


@pytest.mark.parametrize("word", ["Қайрат", "Тобыл", "Барыс", "Аманат", "Айқын", "Азаттық", "Байтақ", "Сүлейменов"])
def test_names_that_are_also_common_words_or_given_names_are_not_entries(word: str) -> None:
    # the entities stage takes a capitalised known name as an entity wherever it stands
    assert lookup(word) is None


def test_babel_kazakh_country_names_are_known() -> None:
    from babel import Locale

    kb = knowledge_base()
    territories = Locale("kk").territories
    for row in kb.entries:
        if row.label == "GPE" and len(row.id) == 2 and row.id in territories:
            assert territories[row.id] in row.all_names, row.id


def test_every_country_of_the_shared_list_is_there() -> None:
    import csv

    rows = list(csv.DictReader(shared_path("data", "lexicons", "countries_kk.tsv").open(encoding="utf-8"),
                               delimiter="\t"))
    kb = knowledge_base()
    for row in rows:
        assert row["iso_alpha2"] in kb.by_id
        assert kb.by_id[row["iso_alpha2"]].label == "GPE"
    assert len(rows) == 250


def test_heads_of_state_and_government_since_2019() -> None:
    kb = knowledge_base()
    countries = {e.country for e in kb.entries if e.label == "PERSON"}
    assert {"KZ", "RU", "CN", "KG", "UZ", "TM"} <= countries
    assert kb.by_id["person.putin"].wikidata == "Q7747"
    assert all(e.wikidata is None or e.wikidata.startswith("Q") for e in kb.entries)
    ids = [e.id for e in kb.entries]
    assert len(ids) == len(set(ids))


def test_every_name_of_several_words_is_found_whole_in_running_text() -> None:
    # the entity stage tries spans of more than one token only from a token that may start such a name
    # (kb.may_start): each multi-word name, capitalised and inflected in a sentence, must still be found whole
    import spacy

    import habar.lang  # noqa: F401  (registers the Kazakh language class)
    from habar.stages.entities import _kb_matches

    nlp = spacy.blank("kk")
    kb = knowledge_base()
    # (a name ending in punctuation, "Мьянма (Бирма)", is never matched: no span may end in punctuation)
    names = sorted({a for e in kb.entries for a in e.all_names if len(a.split()) > 1 and a[-1].isalnum()})
    assert len(names) > 50
    missed = []
    for name in names:
        text = f"Кеше {name[0].upper()}{name[1:]} туралы айтылды."
        doc = nlp(text)
        spans = [(doc[i:j].text, entry.id) for i, j, entry in _kb_matches(doc, 0, len(doc))]
        if not any(span == f"{name[0].upper()}{name[1:]}" for span, _ in spans):
            missed.append((name, spans))
    assert not missed, missed[:5]


@pytest.mark.parametrize(("mention", "kb_id"), [
    ("TikTok-та", "product.TikTok"), ("Телеграм", "product.Telegram"), ("YouTube Shorts", "product.YouTubeShorts"),
    ("WhatsApp", "product.WhatsApp")])
def test_apps_are_products(mention: str, kb_id: str) -> None:
    entry = lookup(mention)
    assert entry is not None and entry.id == kb_id and entry.label == "PRODUCT"


def test_heads_of_government_and_foreign_ministers_added_for_issue_17() -> None:
    kb = knowledge_base()
    for person_id, country in [("person.starmer", "GB"), ("person.sybiha", "UA"), ("person.ryzhenkov", "BY"),
                               ("person.mirzoyan", "AM"), ("person.netanyahu", "IL")]:
        assert kb.by_id[person_id].country == country and kb.by_id[person_id].positions
    entry = lookup("Стармермен")
    assert entry is not None and entry.id == "person.starmer"
