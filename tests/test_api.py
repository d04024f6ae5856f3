"""The Python face: habar.analyze, habar.load, Document, errors."""

from __future__ import annotations

import pytest
import spacy

import habar
from habar.document import document_schema


def test_analyze_returns_document() -> None:
    doc = habar.analyze("Тақырып\n\nБірінші сөйлем. Екінші сөйлем.", published="2024-01-31")
    assert isinstance(doc, habar.Document)
    assert doc.title == "Тақырып" and doc.published == "2024-01-31"
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["Тақырып", "Бірінші сөйлем.", "Екінші сөйлем."]
    assert len(doc.id) == 16


def test_same_text_same_id() -> None:
    assert habar.analyze("Т\n\nМәтін.").id == habar.analyze("Т\n\nМәтін.").id
    assert habar.analyze("Т\n\nМәтін.").id != habar.analyze("Т\n\nБасқа мәтін.").id


def test_explicit_title() -> None:
    doc = habar.analyze("Мәтін бірінші сөйлем.", title="Тақырып бітті.")
    assert doc.title == "Тақырып бітті." and doc.text.startswith("Тақырып бітті.\n\n")


def test_bad_published_raises_usage_error() -> None:
    with pytest.raises(habar.UsageError, match="YYYY-MM-DD"):
        habar.analyze("Мәтін.", published="24 тамыз")


def test_load_is_a_spacy_pipeline() -> None:
    nlp = habar.load()
    assert isinstance(nlp, spacy.Language) and nlp.lang == "kk"
    assert "habar_sentences" in nlp.pipe_names and "habar_language" in nlp.pipe_names
    assert habar.load() is nlp  # built once


def test_raw_offset_maps_back() -> None:
    raw = "Т\n\nБір   сөз  Пікір қалдырыңыз  екі."
    doc = habar.analyze(raw)
    i = doc.text.index("екі")
    assert raw[doc.raw_offset(i) : doc.raw_offset(i) + 3] == "екі"


def test_schema_describes_document() -> None:
    schema = document_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["properties"]["text"]["type"] == "string"
    assert "language" in schema["required"] and "text" in schema["required"]
