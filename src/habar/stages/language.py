"""The language stage: the language of each sentence and of the document, with lingua.

lingua (lingua-language-detector) knows Kazakh and runs offline. The detector is limited to the languages
in ``resources/languages.txt``. A sentence where at least 30 % of the words carry letters that only
Kazakh writes among those languages (ә ғ қ ң ұ һ) is Kazakh without asking lingua (this is most Kazakh
sentences, and lingua agrees on them: see tests/test_language.py). A sentence too short to judge (fewer
than ``MIN_WORDS`` words, or lingua's confidence under ``MIN_CONFIDENCE``) takes the document's language:
a dateline or a name alone is not evidence of another language.
"""

from __future__ import annotations

import re
from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from spacy.language import Language as SpacyLanguage
from spacy.tokens import Doc

from habar import resources
from habar.stages.tokens import doc_text

MIN_WORDS = 3
MIN_CONFIDENCE = 0.6
KAZAKH_SHARE = 0.3
_KAZAKH_ONLY = re.compile("[әғқңұһӘҒҚҢҰҺ]")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_CYRILLIC = re.compile("[\u0400-\u04ff]")  # the Unicode Cyrillic block

if not Doc.has_extension("language"):
    Doc.set_extension("language", default=None)
if not Doc.has_extension("sent_languages"):
    Doc.set_extension("sent_languages", default=None)


@cache
def detector() -> LanguageDetector:
    langs = [getattr(Language, name) for name in resources.word_list("languages.txt")]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def _code(lang: Language) -> str:
    iso: IsoCode639_1 = lang.iso_code_639_1
    return str(iso.name).lower()


def detect(text: str, fallback: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language; ``fallback`` (or 'und') when the text is too short to tell."""
    words = _WORDS.findall(text)
    if len(words) < MIN_WORDS:
        return fallback or "und"
    # the share among the Cyrillic words: a Kazakh sentence naming "Toyota Land Cruiser" and "Boeing 787
    # Dreamliner" is still Kazakh (Latin names say nothing about which Cyrillic language is written)
    cyrillic = [w for w in words if _CYRILLIC.search(w)]
    if cyrillic and sum(1 for w in cyrillic if _KAZAKH_ONLY.search(w)) >= KAZAKH_SHARE * len(cyrillic):
        # Among the languages we tell apart only Kazakh writes these letters; when many words carry
        # them lingua answers Kazakh anyway (a Russian sentence naming "Тоқаев" does not reach the share).
        return "kk"
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return fallback or (_code(values[0].language) if values else "und")
    return _code(values[0].language)


@SpacyLanguage.component("habar_language", requires=["token.is_sent_start"],
                         assigns=["doc._.language", "doc._.sent_languages"])
def habar_language(doc: Doc) -> Doc:
    """Set ``doc._.language`` and ``doc._.sent_languages`` (one code per sentence, in order)."""
    text = doc_text(doc)
    # the document's language from its longest sentences (up to ~2,000 characters)
    sents = list(doc.sents)
    # slices of the text already built (Span.text joins its tokens again)
    sent_texts = [text[s.start_char : s.end_char] for s in sents]
    longest = sorted(range(len(sents)), key=lambda k: len(sents[k]), reverse=True)[:20]
    sample = " ".join(sent_texts[k] for k in longest)[:2000] or text[:2000]
    doc_lang = detect(sample, fallback="kk" if not text.strip() else None)
    doc._.language = doc_lang
    doc._.sent_languages = [detect(t, fallback=doc_lang) for t in sent_texts]
    return doc
