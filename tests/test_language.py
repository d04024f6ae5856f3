"""The language stage: lingua per sentence, with the document's language for sentences too short to judge."""

from __future__ import annotations

import re

import habar
from habar.stages import language


def test_sentence_languages() -> None:
    doc = habar.analyze(
        "Тақырып жаңалық\n\n"
        "Біз бүгін кең ауқымды мәселелер жөнінде жемісті келіссөз жүргіздік. "
        "Президент России Владимир Путин провел встречу с журналистами в Кремле. "
        "The president met reporters after the talks in the capital. "
        "Иә."
    )
    langs = [s.language for s in doc.sentences]
    assert langs == ["kk", "kk", "ru", "en", "kk"]
    assert doc.language == "kk"


def test_russian_document_language() -> None:
    doc = habar.analyze("Встреча президентов\n\nПрезидент провел встречу с журналистами. "
                        "Они обсудили экономику страны.")
    assert doc.language == "ru"
    assert {s.language for s in doc.sentences} == {"ru"}


def test_kazakh_letter_shortcut_agrees_with_lingua(sample_doc) -> None:  # type: ignore[no-untyped-def]
    """Where the Kazakh-letter shortcut answers, lingua alone gives the same answer."""
    det = language.detector()
    checked = 0
    for sent in sample_doc.sentences:
        text = sample_doc.text[sent.start : sent.end]
        words = re.findall(r"[^\W\d_]{2,}", text)
        if len(words) >= language.MIN_WORDS:
            assert language.detect(text) == "kk"
            assert det.detect_language_of(text).iso_code_639_1.name.lower() == "kk"
            checked += 1
    assert checked >= 25


def test_a_russian_sentence_naming_a_kazakh_is_russian() -> None:
    assert language.detect("Президент Тоқаев провел встречу с министрами в понедельник утром") == "ru"


def test_too_short_takes_fallback() -> None:
    assert language.detect("Иә.", fallback="kk") == "kk"
    assert language.detect("Иә.") == "und"


def test_a_kazakh_sentence_naming_latin_brands_is_still_kazakh() -> None:
    from habar.stages.language import detect

    # 3 of 9 words carry Kazakh letters: under the 30 % share, but the Latin names say nothing of the language
    assert detect("Алматыда Toyota Land Cruiser көлігі Boeing 787 Dreamliner ұшағымен соқтығысты.") == "kk"
    assert detect("Make America Great Again, he said loudly to the crowd.") == "en"
    doc = habar.analyze("Алматыда Toyota Land Cruiser көлігі Boeing 787 Dreamliner ұшағымен соқтығысты.")
    assert doc.entities, "the sentence is read by the Kazakh stages"
