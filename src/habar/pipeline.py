"""Builds the spaCy pipeline for Kazakh news, runs it, and converts a spaCy Doc into a habar Document.

``load()`` returns a spaCy ``Language`` whose tokenizer cleans the raw text first (see stages/clean.py), so
``nlp(raw_text)`` gives a Doc of the cleaned text with ``doc._.habar_clean`` holding the clean stage's
result. Stages run as spaCy components in the order of :data:`STAGES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import habar.lang  # noqa: F401  (registers the Kazakh language class)
import habar.stages.entities  # noqa: F401  (registers the component)
import habar.stages.language  # noqa: F401  (registers the component)
import habar.stages.morph  # noqa: F401  (registers the component)
import habar.stages.segment  # noqa: F401  (registers the component)
from habar import fields
from habar.document import Document, Removed, Sentence, Span, Token, check_date
from habar.errors import HabarError, InputError
from habar.fields import NOT_KAZAKH
from habar.read import Article, Failure, Item, Skip
from habar.stages.clean import Cleaned, clean
from habar.stages.events import events_to_fields
from habar.stages.kazakh import has_kazakh
from habar.stages.keywords import keywords_to_fields
from habar.stages.quotes import quotes_to_fields
from habar.stages.time import dates_to_fields
from habar.stages.tokens import doc_text, token_rows

STAGES: list[str] = ["habar_sentences", "habar_language", "habar_morph", "habar_time", "habar_entities",
                     "habar_quotes", "habar_events", "habar_keywords"]
"""spaCy components, in order. A later stage adds its component name here."""

CONVERTERS: list[Callable[[Doc, dict[str, Any]], None]] = [
    habar.stages.morph.to_fields, habar.stages.entities.convert, dates_to_fields, quotes_to_fields, events_to_fields,
    keywords_to_fields,
]
"""Functions that copy a stage's annotations from the spaCy Doc into the Document fields (a dict)."""

if not Doc.has_extension("habar_clean"):
    Doc.set_extension("habar_clean", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
"""The article's publication date (YYYY-MM-DD) or None, on the Doc before any stage runs: the time stage
anchors relative dates to it, the events stage dates an undated event by it."""


class CleaningTokenizer:
    """Wraps the Kazakh tokenizer: clean the raw text, tokenise the result, keep the clean result on the Doc."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, raw: str) -> Doc:
        return self.make_doc(clean(raw))

    def make_doc(self, cleaned: Cleaned, published: str | None = None, all_languages: bool = False) -> Doc:
        doc = self.tokenizer(cleaned.text)
        doc._.habar_clean = cleaned
        doc._.published = published
        doc._.all_languages = all_languages
        return doc


def load(ner: str = "fast") -> Language:
    """The habar spaCy pipeline for Kazakh: ``nlp(raw_text)`` cleans, segments and annotates.

    ``ner``: the entity tagger, ``fast`` (the CRF alone, the default) or ``accurate`` (the CRF with its neural
    half): the entities component's ``mode`` setting. One pipeline per mode is built, once."""
    from habar.ner.tagger import check_mode

    return _load(check_mode(ner))


@cache
def _load(ner: str) -> Language:
    nlp = spacy.blank("kk")
    for name in STAGES:
        nlp.add_pipe(name, config={"mode": ner} if name == "habar_entities" else {})
    nlp.tokenizer = CleaningTokenizer(nlp.tokenizer)
    return nlp


def _span(pair: tuple[int, int] | None) -> Span | None:
    return Span(start=pair[0], end=pair[1]) if pair else None


def to_document(doc: Doc, *, source: str | None = None, url: str | None = None,
                extra_warnings: Iterable[str] = ()) -> Document:
    """Convert a Doc produced by :func:`load`'s pipeline into a :class:`Document`: it only reads the Doc (its
    tokens, sentences and the stages' attributes), each stage's converter copying what that stage set."""
    cleaned: Cleaned | None = doc._.habar_clean
    if cleaned is None:
        text = doc_text(doc)
        cleaned = Cleaned(text=text, offset_map=[(0, 0, len(text))] if text else [])
    sentences = []
    sent_langs = doc._.sent_languages or []
    for i, sent in enumerate(doc.sents):
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        lang = sent_langs[i] if i < len(sent_langs) else (doc._.language or "und")
        sentences.append(Sentence(start=words[0].idx, end=words[-1].idx + len(words[-1].text), language=lang))
    # model_construct: these values come from spaCy and are valid by construction; validation costs ~20 %
    # (every field given: pydantic's default lookup for a missing one costs more than the construction)
    tokens = [Token.model_construct(start=r.start, end=r.end, text=r.text, lemma=None, pos=None, morph=None)
              for r in token_rows(doc) if not r.space]
    fields: dict[str, Any] = dict(
        id=cleaned.id,
        source=source,
        title=cleaned.title,
        title_span=_span(cleaned.title_span),
        dateline=cleaned.dateline,
        dateline_span=_span(cleaned.dateline_span),
        agency=cleaned.agency,
        agency_cites=cleaned.agency_cites,
        agency_span=_span(cleaned.agency_span),
        published=doc._.published,
        url=url,
        language=doc._.language or "und",
        text=doc_text(doc),
        sentences=sentences,
        tokens=tokens,
        warnings=[*extra_warnings, *cleaned.warnings, *_language_warning(doc)],
        removed=[Removed(rule=r.rule, raw_start=r.raw_start, raw_end=r.raw_end, text=r.text) for r in cleaned.removed],
        offset_map=cleaned.offset_map,
    )
    for convert in CONVERTERS:
        convert(doc, fields)
    return Document(**fields)


def _language_warning(doc: Doc) -> list[str]:
    if doc._.all_languages or not doc_text(doc).strip() or has_kazakh(doc):
        return []
    return [f"{NOT_KAZAKH} ({doc._.language or 'und'}): the Kazakh stages did not read it (--all-languages "
            "makes them)"]


def not_kazakh(document: Document) -> str | None:
    """The language of a Document whose Kazakh stages did not run (no sentence in Kazakh), else None."""
    return fields.not_kazakh(document.language, document.warnings)


def _prepare(nlp: Language, cleaned: Cleaned, published: str | None, all_languages: bool = False) -> Doc:
    """The cleaned, tokenised Doc that the stages annotate, with its publication date and whether the Kazakh
    stages read sentences in every language (:mod:`habar.stages.kazakh`)."""
    tokenizer: CleaningTokenizer = nlp.tokenizer  # type: ignore[assignment]
    return tokenizer.make_doc(cleaned, published, all_languages)


def analyze(text: str, published: str | None = None, *, title: str | None = None, source: str | None = None,
            url: str | None = None, warnings: Iterable[str] = (), ner: str = "fast",
            all_languages: bool = False) -> Document:
    """Analyse one raw article text.

    ``published`` (YYYY-MM-DD) anchors relative dates. ``title``, when given, is the title; otherwise the
    first line is the title when it looks like one. ``ner``: the entity tagger (:func:`load`). The Kazakh
    stages read only the sentences in Kazakh unless ``all_languages`` (:mod:`habar.stages.kazakh`).
    """
    published = check_date(published)
    nlp = load(ner)
    doc = nlp(_prepare(nlp, _clean(text, title, source), published, all_languages))
    return to_document(doc, source=source, url=url, extra_warnings=warnings)


def analyze_article(article: Article, default_published: str | None = None, ner: str = "fast",
                    all_languages: bool = False) -> Document:
    """Analyse an :class:`habar.read.Article`; its own date wins over ``default_published``."""
    return analyze(article.text, published=article.published or default_published, title=article.title,
                   source=article.source, url=article.url, warnings=article.warnings, ner=ner,
                   all_languages=all_languages)


BATCH_ARTICLES = 32
BATCH_CHARACTERS = 400_000
"""A batch of :func:`analyze_stream` ends at this many articles or characters, whichever comes first."""


@dataclass(frozen=True)
class Rejected:
    """An input that gave no Document, with the reason: ``skipped`` when it is not an article at all (an image
    in a folder, an empty file), otherwise it failed (unreadable, or its analysis went wrong)."""

    source: str
    reason: str
    skipped: bool = False
    stored_as: str | None = None
    """Set when it was not analysed because the archive already holds its content (the content hash)."""

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


Result = Document | Rejected
"""What :func:`analyze_stream` gives for each input: its Document, or why there is none."""


def _rejected(article: Article, exc: Exception) -> Rejected:
    if isinstance(exc, HabarError):
        return Rejected(article.source, str(exc))
    # a bug in one article must not stop the batch or print a traceback
    return Rejected(article.source, f"internal error while analysing ({type(exc).__name__}: {exc})")


def _reject(item: Failure | Skip) -> Rejected:
    if isinstance(item, Skip):
        return Rejected(item.source, item.reason, skipped=True)
    return Rejected(item.source, item.problem)


def _clean(text: str, title: str | None, source: str | None = None) -> Cleaned:
    raw = f"{title.strip()}\n\n{text}" if title else text
    try:
        raw.encode("utf-8")  # in C: a scan in Python was a cost on every article
    except UnicodeEncodeError as exc:
        # a lone surrogate (text decoded with errors="surrogateescape", or cut inside a character): not Unicode
        # text any stage can read; said in one line instead of the tokenizer's UnicodeEncodeError
        raise InputError(source or "<text>", f"not valid Unicode text (a lone surrogate at character {exc.start}: "
                         "decode the bytes as UTF-8)") from None
    return clean(raw, title_line=True if title else None)


def analyze_stream(items: Iterable[Item], default_published: str | None = None,
                   *, known: Callable[[str, str | None, str | None], bool] | None = None,
                   ner: str = "fast", all_languages: bool = False) -> Iterator[Result]:
    """One result per item, in order: each :class:`habar.read.Article`'s Document, or a :class:`Rejected`
    naming the source and the reason (also for what :func:`habar.read.read_inputs` skipped or could not read).

    Articles are analysed in batches (:data:`BATCH_ARTICLES`): the stages' ``pipe`` sees the whole batch, so
    the entity tagger's network tags the sentences of many articles together. The Documents are the ones
    :func:`analyze_article` gives. When a batch fails, its articles are analysed again one at a time, so that
    only the article at fault fails.

    ``known``, given a content hash and the article's publication date and url (as its Document would have
    them), says whether it is already stored as it is: such an article is cleaned (which gives the hash) but not
    analysed, and comes back as a skipped :class:`Rejected` with ``stored_as`` set."""
    pending: list[Item] = []
    articles = size = 0
    for item in items:
        pending.append(item)
        if isinstance(item, Article):
            articles += 1
            size += len(item.text)
            if articles >= BATCH_ARTICLES or size >= BATCH_CHARACTERS:
                yield from _analyze_batch(pending, default_published, known, ner, all_languages)
                pending, articles, size = [], 0, 0
    if pending:
        yield from _analyze_batch(pending, default_published, known, ner, all_languages)


def _analyze_batch(items: list[Item], default_published: str | None,
                   known: Callable[[str, str | None, str | None], bool] | None, ner: str,
                   all_languages: bool = False) -> Iterator[Result]:
    results: dict[int, Result] = {}
    prepared: dict[int, Doc] = {}
    nlp = load(ner)
    for k, item in enumerate(items):
        if not isinstance(item, Article):
            results[k] = _reject(item)
            continue
        try:
            published = check_date(item.published or default_published)
            cleaned = _clean(item.text, item.title, item.source)
            if known is not None and known(cleaned.id, published, item.url):
                results[k] = Rejected(item.source, "already in the archive", skipped=True, stored_as=cleaned.id)
                continue
            prepared[k] = _prepare(nlp, cleaned, published, all_languages)
        except Exception as exc:
            results[k] = _rejected(item, exc)
    try:
        annotated = dict(zip(prepared, nlp.pipe(prepared.values(), batch_size=len(prepared) or 1), strict=True))
    except Exception:
        annotated = {}
    for k, item in enumerate(items):
        if k in results:
            continue
        assert isinstance(item, Article)
        try:
            if k in annotated:
                results[k] = to_document(annotated[k], source=item.source, url=item.url, extra_warnings=item.warnings)
            else:  # its batch failed: alone, it fails only if it is at fault
                results[k] = analyze_article(item, default_published, ner, all_languages)
        except Exception as exc:
            results[k] = _rejected(item, exc)
    for k in range(len(items)):
        yield results[k]
