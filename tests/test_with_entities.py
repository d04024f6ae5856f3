"""The facts stages read names from the Doc's entities and link speakers and participants to the entity records
the entities stage leaves on the Doc (``doc._.habar_entities``)."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import habar.pipeline  # noqa: F401  (registers the components)
from habar.pipeline import to_document

TEXT = "Масацугу Асакава 2 рет Астанаға келді. \"Біз көп жұмыс істедік\", - деді Асакава."


@Language.component("test_fake_entities")
def _fake_entities(doc: Doc) -> Doc:
    spans = []
    for word, label in (("Масацугу Асакава", "PERSON"), ("2", "CARDINAL"), ("Астанаға", "GPE")):
        start = doc.text.index(word)
        span = doc.char_span(start, start + len(word), label=label)
        assert span is not None
        spans.append(span)
    last = doc.text.rindex("Асакава")
    tail = doc.char_span(last, last + len("Асакава"), label="PERSON")
    assert tail is not None
    doc.ents = [*spans, tail]
    return doc


@Language.component("test_fake_entity_records")
def _fake_records(doc: Doc) -> Doc:
    last = doc.text.rindex("Асакава")
    doc._.habar_entities = [{"id": "e1", "label": "PERSON", "name": "Масацугу Асакава", "kb_id": None,
                             "mentions": [{"start": 0, "end": 16, "text": "Масацугу Асакава"},
                                          {"start": last, "end": last + 7, "text": "Асакава"}]}]
    return doc


def test_stages_use_entity_mentions_and_link_ids() -> None:
    nlp = spacy.blank("kk")
    for name in ["habar_sentences", "test_fake_entities", "habar_time", "habar_quotes", "habar_events"]:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    assert all(isinstance(e, Span) for e in doc.ents)
    out = to_document(doc)
    quote = out.quotes[0]
    assert quote.speaker.name == "Масацугу Асакава"
    visit = next(e for e in out.events if e.type == "visit")
    assert visit.actor_names == ["Масацугу Асакава"]
    assert "2" not in visit.counterpart_names  # a CARDINAL is no participant
    assert visit.place == "Астана"


def test_the_stages_link_speakers_and_actors_to_entity_ids() -> None:
    nlp = spacy.blank("kk")
    for name in ["habar_sentences", "test_fake_entities", "test_fake_entity_records", "habar_time", "habar_quotes",
                 "habar_events"]:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    out = to_document(doc)  # the converters copy what the stages linked
    assert out.quotes[0].speaker.model_dump() == {"entity": "e1", "name": "Масацугу Асакава", "description": None}
    visit = next(e for e in out.events if e.type == "visit")
    assert visit.actors == ["e1"] and visit.actor_names == ["Масацугу Асакава"]


VISIT = "Қасым-Жомарт Тоқаев Самарқанд қаласында Мирзиёевпен кездесті және Ақсарай кесенесін аралады."


@Language.component("test_fake_places")
def _fake_places(doc: Doc) -> Doc:
    spans = []
    for word, label in (("Қасым-Жомарт Тоқаев", "PERSON"), ("Мирзиёевпен", "PERSON"), ("Ақсарай", "FACILITY")):
        start = doc.text.index(word)
        span = doc.char_span(start, start + len(word), label=label)
        assert span is not None
        spans.append(span)
    doc.ents = spans
    return doc


def test_a_building_is_never_a_participant() -> None:
    nlp = spacy.blank("kk")
    for name in ["habar_sentences", "test_fake_places", "habar_time", "habar_quotes", "habar_events"]:
        nlp.add_pipe(name)
    out = to_document(nlp(VISIT))
    meeting = next(e for e in out.events if e.type == "meeting")
    assert meeting.actor_names == ["Қасым-Жомарт Тоқаев"]
    assert "Ақсарай" not in meeting.counterpart_names and any("Мирзиёев" in c for c in meeting.counterpart_names)
