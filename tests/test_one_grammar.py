"""One Kazakh grammar: the token lemma, the entity's name, the event's counterpart and the search stem of a
word agree, because they all come from habar.morph (issue 14's bugs, each pinned here)."""

from __future__ import annotations

from pathlib import Path

import pytest

import habar
from habar.morph.names import canonical_name, fold_word
from habar.morph.phonology import native_shape
from habar.morph.stems import word_stem, word_stems

SENTENCE = ("Президент Қасым-Жомарт Тоқаев Парижде Франция Президенті Эммануэль Макронмен кездесті. "
            "Тараптар екіжақты ынтымақтастықты талқылады.")


def test_token_lemma_entity_name_and_event_counterpart_agree() -> None:
    doc = habar.analyze(SENTENCE, published="2024-03-01")
    lemma = next(t.lemma for t in doc.tokens if t.text == "Макронмен")
    person = next(e for e in doc.entities if any(m.text.endswith("Макронмен") for m in e.mentions))
    assert lemma == "Макрон"
    assert person.name == "Эммануэль Макрон"
    meeting = next(ev for ev in doc.events if ev.type == "meeting")
    assert person.id in meeting.counterparts + meeting.actors


@pytest.mark.parametrize(("mention", "name"), [
    ("Ильхам Гейдарұлы Әлиевке", "Ильхам Гейдарұлы Әлиев"),
    ("Алматы облысында", "Алматы облысы"),  # the possessive of a compound name stays, the case goes
    ("Денсаулық сақтау министрлігінің", "Денсаулық сақтау министрлігі"),
    ("Қарағанды", "Қарағанды"),  # not Қараған + -ды
    ("Беларусь Республикасының", "Беларусь Республикасы"),
    ("БҰҰ-ның", "БҰҰ"),
    ("БАКУДА", "БАКУ"),
])
def test_the_one_name_folder(mention: str, name: str) -> None:
    assert canonical_name(mention, "GPE") == name


def test_a_name_the_lexicon_lacks_is_folded_by_its_grammar() -> None:
    # made-up surnames: no dictionary has them, the analyser's name reading takes the case off
    assert fold_word("Құрманғазиевпен") == "Құрманғазиев"
    assert fold_word("Жолбарысовтың") == "Жолбарысов"
    assert fold_word("Канада", keep=frozenset({"Канада"})) == "Канада"


@pytest.mark.parametrize(("word", "stem"), [
    ("алматыда", "алмат"),  # at least алмат-: not алма ("apple") + -ты + -да, a tense before a case
    ("ердоғанмен", "ердоған"),  # not the verb ердо- + -ған + -мен: ердо- has no native stem's vowels
    ("әзербайжанға", "әзербайжан"),
    ("шаруашылығы", "шаруа"),
])
def test_search_stems(word: str, stem: str) -> None:
    assert word_stem(word).startswith(stem)
    assert len(word_stem(word)) >= len(stem)


def test_a_voiced_stem_is_indexed_in_its_dictionary_form() -> None:
    assert {"кітап", "кітабы"} <= word_stems("кітабы")


def test_native_shape() -> None:
    assert native_shape("қымбатта") and native_shape("көбей")
    assert not native_shape("ердо") and not native_shape("информация")


def test_search_finds_almaty_not_apples(tmp_path: Path) -> None:
    from habar.document import Document

    def doc(text: str, title: str) -> Document:
        return Document(id=title, title=title, text=f"{title}\n\n{text}", language="kk")

    with habar.Archive(tmp_path / "a.db") as archive:
        archive.add([doc("Алматыда жер сілкінісі болды.", "Қала"), doc("Биыл алма мол шықты.", "Бақ")])
        assert [h.title for h in archive.search("Алматыда")] == ["Қала"]
        assert [h.title for h in archive.search("Ердоғанмен")] == []


def test_every_stage_declares_what_it_requires_and_assigns() -> None:
    nlp = habar.load()
    report = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in report["problems"].values()), report["problems"]
    declared = {name: (set(meta.requires), set(meta.assigns)) for name, meta in
                ((n, nlp.get_pipe_meta(n)) for n in nlp.pipe_names)}
    # what the later stages read, the earlier ones set
    assert "doc._.habar_entities" in declared["habar_entities"][1]
    for later in ("habar_quotes", "habar_events", "habar_keywords"):
        assert "doc._.habar_entities" in declared[later][0]
    assert "doc._.habar_dates" in declared["habar_events"][0]


def test_the_publication_date_is_on_the_doc_before_the_stages_run() -> None:
    doc = habar.analyze("Тоқаев бүгін Бакуге барды.", published="2024-03-01")
    assert [d.value for d in doc.dates] == ["2024-03-01"]  # the time stage resolved it itself
    visit = next(ev for ev in doc.events if ev.type == "visit")
    assert visit.date == "2024-03-01"


def test_the_stages_split_words_as_the_doc_does() -> None:
    """The quotes, speakers, events and fallback-name code read words off the Doc's tokens (one tokenisation,
    the one the lemmas and entities have), not off a regular expression of their own."""
    from habar.stages.tokens import doc_words

    nlp = habar.load()
    doc = nlp("БҰҰ-ның өкілі 14:00-де «Жаңалық» деді, т.б. 15,8 млрд теңге.")
    words = doc_words(doc)
    token_words = [(t.idx, t.idx + len(t), t.text) for t in doc if any(ch.isalnum() for ch in t.text)]
    assert words.items == token_words
    assert doc_words(doc) is words  # made once per Doc
    start = doc.text.index("«")
    end = doc.text.index("»") + 1
    assert [w for _, _, w in words.between(start, end)] == ["Жаңалық"]
    # a word cut by the range's end is not a word of the range
    assert words.between(0, doc.text.index("өкілі") + 2) == [w for w in token_words if w[1] <= doc.text.index("өкілі")]
    for module in ("names", "quotes", "speakers", "events"):
        source = (Path(habar.__file__).parent / "stages" / f"{module}.py").read_text(encoding="utf-8")
        assert "_WORD = re.compile" not in source and "def words(" not in source


def test_the_stages_read_the_tokens_once_and_see_a_changed_reading() -> None:
    """token_rows: each token's text, lemma, UPOS and features as the Token gives them, kept on the Doc, and read
    again when a reading changes (a stage that sets lemmas after another stage read the rows)."""
    from habar.stages.tokens import token_rows

    nlp = habar.load()
    doc = nlp("Мемлекет басшысы Ильхам Әлиевпен кездесті. Ол «Бейбітшілік керек» деді.")
    rows = token_rows(doc)
    assert [(r.start, r.end, r.text, r.lemma, r.pos, r.feats, r.space, r.punct, r.i) for r in rows] == [
        (t.idx, t.idx + len(t), t.text, t.lemma_, t.pos_, str(t.morph), t.is_space, t.is_punct, t.i) for t in doc]
    assert any(r.lemma == "кездес" and r.pos == "VERB" for r in rows)
    assert token_rows(doc) is rows  # read once
    doc[0].lemma_ = "басқа"
    assert token_rows(doc)[0].lemma == "басқа"


def test_date_and_time_mentions_are_the_time_stages_expressions() -> None:
    """One reading of dates: the entity layer's DATE and TIME mentions are the time stage's spans and classes."""
    doc = habar.analyze("Жаңалық\n\n2024 жылғы 15 наурызда сағат 14:00-де Тоқаев Бакуге барды. Былтыр ол Астанада "
                        "болған.", published="2024-03-01")
    dated = sorted((m.start, m.end, e.label) for e in doc.entities if e.label in ("DATE", "TIME") for m in e.mentions)
    assert dated == sorted((d.start, d.end, d.label) for d in doc.dates)
    assert {label for _, _, label in dated} == {"DATE", "TIME"}


def test_the_taggers_case_feature_reads_the_grammars_sound_classes() -> None:
    from habar.morph.analyser import grammar
    from habar.morph.names import _letters

    classes = grammar().classes
    every = set().union(*classes.values())
    letters = _letters()
    assert set(letters) == {"vowel", "voiced", "nasal", "voiceless"}
    assert all(set(v) <= every for v in letters.values())
    assert set(letters["vowel"]) == classes["vowel"] - {"у"}  # у is the consonant [w] in this feature
    assert set(letters["voiced"]) == classes["sonorant"] | classes["voiced"]
