"""The archive: ingest (idempotent, near-duplicates), Kazakh-aware search, entity profiles, exports, plots."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import habar
from habar.archive.terms import index_terms, query_terms, word_stem
from habar.errors import ArchiveError, UsageError
from habar.ingest import ingest

from .conftest import EXAMPLE


@pytest.mark.parametrize("form", ["Әзербайжанның", "Әзербайжанға", "Әзербайжанда", "Әзербайжанмен"])
def test_stemmer_folds_case_endings(form: str) -> None:
    # a query word matches index terms that start with its stem (prefix match from 4 letters)
    stem = word_stem(form.lower())
    assert len(stem) >= 4 and "әзербайжан".startswith(stem)
    assert word_stem("әзербайжан") == "әзербайжан"


def test_stemmer_respects_vowel_harmony_and_keeps_short_words() -> None:
    assert word_stem("фермерлерге") == "фермер"
    assert word_stem("қалаларда") == "қала"
    assert word_stem("жол") == "жол"  # too short to strip
    assert "кітаптар" in index_terms("Кітаптар")  # the surface form stays in the index
    assert query_terms("Әзербайжан Әзербайжанға") == ["әзербайжан"]


def _doc(text: str, title: str = "Тақырып", **extra: Any) -> dict[str, Any]:
    doc = habar.analyze(text, title=title, published=extra.pop("published", None),
                        url=extra.pop("url", None)).model_dump(mode="json")
    # the facts below are written by hand: start from none, whatever the stages found
    for field in ("entities", "quotes", "events"):
        doc[field] = []
    doc.update(extra)
    return doc


def _mentions(text: str, *names: str) -> list[dict[str, Any]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append({"start": start, "end": start + len(name), "text": name})
    return out


@pytest.fixture()
def facts_archive(tmp_path: Path) -> habar.Archive:
    """Three articles with entities, quotes and events, built as dicts (those stages are on other branches)."""
    t1 = "Тоқаев Бакуге барды. Қасым-Жомарт Тоқаев Ильхам Әлиевпен кездесті."
    t2 = "Ильхам Әлиев Астанаға келді. Әлиев: «Біз бауырлас елміз», деді."
    t3 = "Тоқаев Астанада сөз сөйледі. Тоқаев жаңа заңға қол қойды."
    d1 = _doc(t1, title="Бакудегі кездесу", published="2022-08-24", url="https://example.kz/1")
    text1 = d1["text"]
    d1["entities"] = [
        {"id": "e1", "label": "PERSON", "name": "Қасым-Жомарт Тоқаев", "kb_id": "Q1",
         "mentions": _mentions(text1, "Тоқаев Бакуге"[:6], "Қасым-Жомарт Тоқаев")},
        {"id": "e2", "label": "PERSON", "name": "Ильхам Әлиев", "kb_id": "Q2",
         "mentions": _mentions(text1, "Ильхам Әлиевпен")},
        {"id": "e3", "label": "GPE", "name": "Баку", "kb_id": None, "mentions": _mentions(text1, "Бакуге")},
    ]
    s = text1.index("Қасым-Жомарт")
    d1["events"] = [{"type": "meeting", "cameo": "040", "actors": ["e1"], "counterparts": ["e2"], "place": "e3",
                     "date": "2022-08-24", "evidence": {"start": s, "end": len(text1)}}]
    d2 = _doc(t2, title="Әлиев Астанада", published="2022-09-10", url="https://example.kz/2")
    text2 = d2["text"]
    q = text2.index("«")
    d2["entities"] = [
        {"id": "e1", "label": "PERSON", "name": "Ильхам Әлиев", "kb_id": "Q2",
         "mentions": _mentions(text2, "Ильхам Әлиев", "Әлиев:")[:1] + [
             {"start": text2.index("Әлиев:"), "end": text2.index("Әлиев:") + 5, "text": "Әлиев"}]},
        {"id": "e2", "label": "GPE", "name": "Астана", "kb_id": None, "mentions": _mentions(text2, "Астанаға")},
    ]
    d2["quotes"] = [{"speaker": {"entity": "e1", "name": "Ильхам Әлиев"}, "cue": "деді", "kind": "direct",
                     "start": q, "end": text2.index("»") + 1, "text": text2[q : text2.index("»") + 1]}]
    d3 = _doc(t3, title="Жаңа заң", published="2022-09-15", url="https://example.kz/3")
    d3["entities"] = [{"id": "e1", "label": "PERSON", "name": "Қасым-Жомарт Тоқаев", "kb_id": "Q1",
                       "mentions": _mentions(d3["text"], "Тоқаев")}]
    archive = habar.Archive(Path(tmp_path) / "facts.db")
    summary = archive.add([d1, d2, d3])
    assert summary.stored == 3
    return archive


def test_ingest_twice_stores_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with habar.Archive(db) as archive:
        first = ingest(archive, [str(EXAMPLE)])
        second = ingest(archive, [str(EXAMPLE)])
        assert (first.stored, first.duplicate) == (1, 0)
        assert (second.stored, second.duplicate) == (0, 1)
        assert archive.count() == 1


def test_search_finds_inflected_forms_with_snippet_url_and_source(tmp_path: Path) -> None:
    with habar.Archive(tmp_path / "a.db") as archive:
        ingest(archive, [str(EXAMPLE)])
        archive.add([_doc("Бүгін ауа райы жылы болады.", title="Ауа райы", url="https://example.kz/w")])
        hits = archive.search("Әзербайжан")
        assert len(hits) == 1
        hit = hits[0]
        assert hit.source == str(EXAMPLE)
        words = [hit.snippet[s:e] for s, e in hit.highlights]
        assert words and all(w.startswith("Әзербайжан") for w in words)
        assert any(w != "Әзербайжан" for w in words), "an inflected form is highlighted too"
        weather = archive.search("ауа райында")
        assert [h.url for h in weather] == ["https://example.kz/w"]
        assert archive.search("мүлдемжоқсөз") == []
        with pytest.raises(UsageError):
            archive.search("  ")


def test_near_duplicate_is_linked_not_indexed(tmp_path: Path, sample_text: str) -> None:
    edited = sample_text.replace("Бакуге", "Баку қаласына", 1) + "\nТолығырақ сайтта."
    with habar.Archive(tmp_path / "a.db") as archive:
        archive.add([habar.analyze(sample_text, source="a"), habar.analyze(edited, source="b")])
        summary = archive.add([habar.analyze(edited, source="b")])
        assert summary.duplicate == 1
        rows = archive.conn.execute("SELECT source, duplicate_of, similarity FROM documents ORDER BY rowid").fetchall()
        assert rows[0][1] is None and rows[1][1] == 1 and rows[1][2] >= 0.8
        assert [h.source for h in archive.search("Әзербайжан")] == ["a"]
        other = habar.analyze("Алматыда жаңбыр жауды. Қала тұрғындары қолшатыр алды.", source="c")
        assert archive.add([other]).stored == 1


def test_entity_profile(facts_archive: habar.Archive) -> None:
    prof = facts_archive.entity("Тоқаев")  # a name variant finds the entity
    assert prof.name == "Қасым-Жомарт Тоқаев" and prof.kind == "PERSON" and prof.kb_id == "Q1"
    assert prof.documents == 2 and prof.mentions == 3
    assert dict(prof.variants) == {"Тоқаев": 2, "Қасым-Жомарт Тоқаев": 1}
    assert prof.per_month == [("2022-08", 2), ("2022-09", 1)]
    assert sorted(prof.co_mentioned) == [("Баку", "GPE", 1), ("Ильхам Әлиев", "PERSON", 1)]
    assert [e["type"] for e in prof.events] == ["meeting"] and prof.events[0]["role"] == "actor"
    aliyev = facts_archive.entity("Q2")
    assert aliyev.quotes[0]["text"] == "«Біз бауырлас елміз»"
    assert aliyev.events[0]["role"] == "counterpart"
    with pytest.raises(ArchiveError, match="no entity"):
        facts_archive.entity("Жоқ Адам")


def test_search_filters(facts_archive: habar.Archive) -> None:
    assert {h.url for h in facts_archive.search("Астана")} == {"https://example.kz/2", "https://example.kz/3"}
    assert [h.url for h in facts_archive.search("Тоқаев", entity="Ильхам Әлиев")] == ["https://example.kz/1"]
    assert [h.url for h in facts_archive.search("", type="meeting")] == ["https://example.kz/1"]
    assert [h.url for h in facts_archive.search("Астана", since="2022-09-12")] == ["https://example.kz/3"]
    assert [h.url for h in facts_archive.search("Астана", until="2022-09-12")] == ["https://example.kz/2"]
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        facts_archive.search("Астана", since="12.09.2022")


def test_exports(facts_archive: habar.Archive, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    files = facts_archive.export("parquet", tmp_path / "pq")
    assert {f.name for f in files} >= {"documents.parquet", "entities.parquet", "mentions.parquet",
                                       "quotations.parquet", "events.parquet"}
    assert pq.read_table(tmp_path / "pq" / "documents.parquet").num_rows == 3
    assert pq.read_table(tmp_path / "pq" / "mentions.parquet").num_rows == 8
    facts_archive.export("csv", tmp_path / "csv")
    assert (tmp_path / "csv" / "quotations.csv").read_text(encoding="utf-8").count("Біз бауырлас") == 1
    facts_archive.export("jsonl", tmp_path / "jsonl")
    events = [json.loads(x) for x in (tmp_path / "jsonl" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert events[0]["type"] == "meeting"
    facts_archive.export("graphml", tmp_path / "g.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "g.graphml").getroot()
    names = {n.get("id"): n.find("g:data[@key='label']", ns).text for n in root.iter(f"{{{ns['g']}}}node")}
    edges = {(names[e.get("source")], names[e.get("target")]): float(e.find("g:data", ns).text)
             for e in root.iter(f"{{{ns['g']}}}edge")}
    assert edges[("Қасым-Жомарт Тоқаев", "Ильхам Әлиев")] == 1.0
    assert edges[("Ильхам Әлиев", "Астана")] == 1.0
    facts_archive.export("conllu", tmp_path / "all.conllu")
    assert (tmp_path / "all.conllu").read_text(encoding="utf-8").count("# newdoc id") == 3
    with pytest.raises(UsageError, match="one of"):
        facts_archive.export("xlsx", tmp_path / "x")


def test_plots(facts_archive: habar.Archive, tmp_path: Path) -> None:
    from habar.archive.plot import graph, timeline

    timeline(facts_archive, "Тоқаев", tmp_path / "t.png")
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    graph(facts_archive, tmp_path / "g.svg", top=5)
    assert "<svg" in (tmp_path / "g.svg").read_text(encoding="utf-8")[:1000]
    with pytest.raises(UsageError, match="PNG or SVG"):
        graph(facts_archive, tmp_path / "g.gif")


def test_migrates_an_older_archive(tmp_path: Path) -> None:
    from habar.archive.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
    from habar.archive.store import _statements

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with habar.Archive(db, readonly=True) as archive:  # searching an old archive upgrades it once
        assert archive.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert archive.search("Астана") == []
    with habar.Archive(db) as archive:
        assert archive.add([_doc("Астанада жиын өтті.")]).stored == 1
        assert len(archive.search("Астана")) == 1


KAZAKH_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(word=st.text(alphabet=KAZAKH_LETTERS, min_size=4, max_size=14),
       endings=st.sampled_from([("", ""), ("ның", "нің"), ("ға", "ге"), ("да", "де"), ("дан", "ден"),
                                ("лар", "лер"), ("ымыз", "іміз")]))
@example(word="ааабы", endings=("лар", "лер"))  # query ааабы -> ааап (devoiced), document ааабылар -> ааабы
@example(word="ааубі", endings=("ның", "нің"))
def test_an_ingested_word_is_found_by_search(tmp_path: Path, word: str, endings: tuple[str, str]) -> None:
    """Property: a document holding a word (with or without an ending) is found by searching the word.

    Words of 4 letters or more: a shorter query word (жол) matches whole words only, not жолда (a known limit:
    prefix-matching or indexing 3-letter stems both lowered recall@10 and MRR@10 on the dev queries).
    The ending follows the word's vowel harmony (a back ending on a front word, ааубі + ның, is not Kazakh and
    the stemmer rightly leaves it on, while the query ааубі devoices to аауп and missed it)."""
    from habar.morph.stems import _stem_harmony

    ending = endings[1] if _stem_harmony(word) == "front" else endings[0]
    db = tmp_path / f"p{abs(hash((word, ending)))}.db"
    with habar.Archive(db) as archive:
        archive.add([_doc(f"Бүгін {word}{ending} туралы хабар келді.", title="Хабар"),
                     _doc("Ертең ауа райы жылы болады.", title="Ауа райы")])
        hits = archive.search(word if ending else word.upper())
        assert any(word in h.snippet.lower() for h in hits), (word, ending, [h.snippet for h in hits])


def test_a_word_in_most_documents_is_left_out_of_a_longer_query(tmp_path: Path) -> None:
    from habar.archive.search import _common_stems, _indexed_total
    from habar.archive.terms import query_forms

    texts = ["Қазақстан экономикасы өсті.", "Қазақстан мектептері ашылды.", "Қазақстан спортшылары жеңді.",
             "Қазақстан Президенті Бакуге барды."]
    with habar.Archive(tmp_path / "a.db") as archive:
        archive.add([_doc(t, title=f"Жаңалық {i}") for i, t in enumerate(texts)])
        forms = query_forms("Қазақстан Баку")
        stems = list(forms)
        assert _indexed_total(archive) == 4
        assert _common_stems(archive.conn, forms, 4) == {stems[0]}
        one_word = {stems[0]: forms[stems[0]]}
        assert _common_stems(archive.conn, one_word, 4) == set()  # a one-word query keeps its word
        hits = archive.search("Қазақстан Баку")
        assert [h.title for h in hits] == ["Жаңалық 3"]
        assert len(archive.search("Қазақстан")) == 4


def _vocab_counts(conn: sqlite3.Connection) -> dict[str, int]:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, search, 'row')")
    return {str(t): int(n) for t, n in conn.execute("SELECT term, doc FROM temp.v")}


def test_document_frequencies_kept_at_ingest_agree_with_the_index(tmp_path: Path, sample_text: str) -> None:
    """term_df (written at ingest, read by the search feedback) equals FTS5's own count for every term, through
    exact duplicates, near-duplicates (not indexed) and a batch that failed and was rolled back."""
    edited = sample_text.replace("Бакуге", "Баку қаласына", 1) + "\nТолығырақ сайтта."
    with habar.Archive(tmp_path / "a.db") as archive:
        archive.add([habar.analyze(sample_text), habar.analyze(edited),
                     _doc("Алматыда жаңбыр жауды, snake_case сөзі де бар.", title="Ауа райы")])
        archive.add([_doc("Алматыда жаңбыр жауды, snake_case сөзі де бар.", title="Ауа райы")])  # duplicate
        with pytest.raises(ArchiveError):  # a batch that fails half-way stores nothing, counts nothing
            archive.add([_doc("Жезқазғанда бұршақ жауды.", title="Бұршақ"),
                         {"id": "x", "text": "а", "published": {"not": "a date"}}])
        counts = _vocab_counts(archive.conn)
        stored = dict(archive.conn.execute("SELECT term, df FROM term_df").fetchall())
        assert stored == counts
        assert stored["алматы"] == 1 and stored["баку"] == 1 and "жезқазған" not in stored
        assert "snake" in stored and "snake_case" not in stored


def test_migration_counts_document_frequencies_of_an_older_archive(tmp_path: Path) -> None:
    from habar.archive.schema import APPLICATION_ID, MIGRATIONS
    from habar.archive.store import _statements

    db = tmp_path / "v2.db"
    conn = sqlite3.connect(db)
    for script in MIGRATIONS[:2]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO search (rowid, title, body) VALUES (1, 'баку', 'баку бакуге алматы')")
    conn.execute("INSERT INTO search (rowid, title, body) VALUES (2, 'алматы', 'алматыда')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with habar.Archive(db) as archive:
        stored = dict(archive.conn.execute("SELECT term, df FROM term_df").fetchall())
        assert stored == {"баку": 1, "бакуге": 1, "алматы": 2, "алматыда": 1}


@settings(max_examples=60, deadline=None)
@given(text=st.lists(st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=12), min_size=1, max_size=8),
       ending=st.sampled_from(["", "ның", "ға", "ғы", "да", "дан", "лар", "ымыз", "-ақ"]),
       probe=st.text(alphabet=KAZAKH_LETTERS, min_size=2, max_size=8))
def test_feedback_reads_the_index_terms_from_text(text: list[str], ending: str, probe: str) -> None:
    """Property: the second pass's text check (_holds) agrees with index_terms, the function that fills the
    index, for every index term of the text and for an arbitrary other word."""
    from habar.archive.search import _holds

    body = " ".join(w + ending for w in text).capitalize()
    terms = set(index_terms(body))
    for term in terms | {probe, probe + "ға"}:
        assert _holds(body.lower(), term) == (term in terms), term


@settings(max_examples=60, deadline=None)
@given(word=st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=12),
       ending=st.sampled_from(["", "ның", "ға", "ғы", "да", "дан", "лар", "ымыз", "бы", "гі", "ғын", "гіміз"]),
       query=st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=9), own=st.booleans())
def test_snippet_highlights_the_words_that_match_a_query_stem(word: str, ending: str, query: str,
                                                              own: bool) -> None:
    """Property: the snippet's quick test (a word must start like a query stem) leaves out no word that one of
    its stems matches (equal, or the query stem of 4+ letters is a prefix of it)."""
    from habar.archive.search import _matches
    from habar.archive.terms import MIN_STEM, word_stems

    form = word + ending
    stems = {word_stem(query), word_stem(form if own else word[:4])}  # the form's own stem may be devoiced
    full = any(s == q or (len(q) >= MIN_STEM and s.startswith(q)) for s in word_stems(form) for q in stems)
    assert _matches(form.upper(), stems) == full


def test_a_very_common_query_ranks_the_most_recent_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond RANK_WINDOW matches only the most recently stored are ranked (cost bound); filters lift it."""
    from habar.archive import search as search_module

    monkeypatch.setattr(search_module, "RANK_WINDOW", 3)
    with habar.Archive(tmp_path / "a.db") as archive:
        # the oldest article says "мектеп" most often: bm25 would rank it first
        archive.add([_doc("Мектеп мектеп мектеп мектепте жөндеу.", title="Жаңалық 0", published="2024-01-01")])
        archive.add([_doc(f"Мектеп ашылды, {w} келді.", title=f"Жаңалық {i}", published="2024-01-02")
                     for i, w in enumerate(["оқушылар", "мұғалімдер", "ата-аналар", "әкімдер"], start=1)])
        assert {h.title for h in archive.search("мектеп", limit=10)} == {"Жаңалық 2", "Жаңалық 3", "Жаңалық 4"}
        filtered = archive.search("мектеп", since="2024-01-01", limit=10)
        assert len(filtered) == 5 and filtered[0].title == "Жаңалық 0"
        monkeypatch.setattr(search_module, "RANK_WINDOW", 20_000)
        assert archive.search("мектеп", limit=10)[0].title == "Жаңалық 0"


def test_indexed_total_follows_writes_from_this_and_other_connections(tmp_path: Path) -> None:
    from habar.archive.search import _indexed_total

    with habar.Archive(tmp_path / "a.db") as archive, habar.Archive(tmp_path / "a.db") as other:
        archive.add([_doc("Астанада жиын өтті.")])
        assert _indexed_total(archive) == 1 and _indexed_total(other) == 1
        archive.add([_doc("Алматыда жаңбыр жауды.")])
        assert _indexed_total(archive) == 2
        assert _indexed_total(other) == 2  # another connection's commit changes PRAGMA data_version
        other.add([_doc("Шымкентте концерт болды.")])
        assert _indexed_total(archive) == 3


def test_a_devoiced_query_stem_is_also_looked_up_voiced() -> None:
    from habar.archive.search import fts_query
    from habar.archive.terms import query_forms

    assert query_forms("кітабы") == {"кітап": ("кітап", "кітаб")}
    assert query_forms("Президенттің") == {"президент": ("президент",)}
    assert fts_query("ааабы") == '"ааап"* OR "аааб"*'
