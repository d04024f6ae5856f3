"""The entities stage (spaCy component ``habar_entities``): 25 KazNERD classes, folded into entities.

1. The CRF tagger (:mod:`habar.ner.tagger`) labels each sentence's words in IOB2; its entities become
   ``doc.ents``.
2. The knowledge base fills what the tagger missed: a known name of two or more words (inflected or not)
   replaces the tagger's entities inside it; a one-word name is added only where the tagger found nothing.
3. The mentions are folded into entities (``doc._.habar_entities``): each mention's nominative
   (:func:`canonical_name`), the knowledge-base entry it names, person-name variants merged (full name,
   surname alone, given name with patronymic -ұлы/-улы/-оғлу/-қызы), and a POSITION right before a PERSON
   recorded as the position that person holds (``positions`` on the person, ``holders`` on the position).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from habar import resources
from habar.morph.analyser import analyse_word, derived_nouns, lexicon, proper_names
from habar.morph.names import (
    NAME_LABELS,
    PersonName,
    canonical_name,
    fold_word,
    looks_like_surname,
    same_person,
    split_person,
)
from habar.morph.stems import word_stems
from habar.ner.iob import spans as iob_spans
from habar.ner.kb import Entry, knowledge_base
from habar.ner.tagger import check_mode, shipped_tagger
from habar.stages.kazakh import kazakh_mask
from habar.stages.names import NESTED_KEY


def canonical(text: str, label: str) -> str:
    """The nominative of a mention (:func:`habar.morph.names.canonical_name`); the knowledge base's names are
    nominative already. A place is named without the word for its kind (``Атырау қаласында`` -> ``Атырау``,
    ``resources/ner/place_descriptors.txt``)."""
    name = canonical_name(text, label, keep=knowledge_base().names)
    brand = _LATIN_THEN_WORD.match(name.rpartition(" ")[2])
    if brand and label in NAME_LABELS:  # Telegram-арнасында: the Telegram channel, named Telegram
        head = name.rpartition(" ")[0]
        return f"{head} {brand.group(1)}" if head else brand.group(1)
    if label == "GPE":
        head, _, last = name.rpartition(" ")
        if head and analyse_word(last.lower()).lemma in _place_descriptors():
            return head
    return name


_LATIN_THEN_WORD = re.compile(r"^([A-Za-z][A-Za-z0-9.]*)-[а-яәғқңөұүһі]{3,}$")
"""A Latin name and a Kazakh common noun after a hyphen (``Telegram-арнасы``, ``YouTube-парақшасы``)."""


@cache
def _spelling() -> tuple[dict[str, str], dict[str, str], str]:
    table = resources.toml("ner/name_spelling.toml")
    latin = {row["latin"]: row["cyrillic"] for row in resources.tsv_rows("latin_kk_2021.tsv")}
    single = {**latin, **table["kazakh_to_russian"]}
    return dict(table["latin_digraphs"]), single, table["dropped"]


_LATIN_VOWELS = frozenset("aeiouäöüı")


@lru_cache(maxsize=50_000)
def spelling_key(name: str) -> str:
    """A name's spelling key (``resources/ner/name_spelling.toml``): lower case, Latin read as Cyrillic, the
    letters Kazakh and Russian spellings write differently made one (``Тәшиев``, ``Ташиев`` -> ``ташиев``;
    ``Tokayev`` -> ``токаев``). For comparing names only."""
    digraphs, single, dropped = _spelling()
    low = name.casefold().replace("ё", "е")
    out: list[str] = []
    i = 0
    while i < len(low):
        pair = low[i : i + 4] if low[i : i + 4] in digraphs else low[i : i + 2]
        if pair in digraphs and len(pair) > 1:
            out.append(digraphs[pair])
            i += len(pair)
            continue
        ch = low[i]
        if ch == "y" and ((i > 0 and low[i - 1] in _LATIN_VOWELS) or low[i + 1 : i + 2] in _LATIN_VOWELS):
            ch = "й"
        out.append(single.get(ch, ch))
        i += 1
    word = "".join(out)
    word = "".join(single.get(c, c) for c in word)  # the Cyrillic read from Latin, reduced as well
    return "".join(c for c in word if c not in dropped)


@cache
def _place_descriptors() -> frozenset[str]:
    return frozenset(resources.word_list("ner/place_descriptors.txt"))


def _kb_matches(doc: Doc, start: int, end: int, longest: int = 0) -> list[tuple[int, int, Entry]]:
    """Longest knowledge-base names within tokens ``start..end``, left to right, not overlapping; names of at
    most ``longest`` tokens when given."""
    kb = knowledge_base()
    longest = longest or kb.max_words + 2  # hyphens split names into more tokens than words
    found = []
    i = start
    while i < end:
        tok = doc[i]
        if not tok.text[:1].isupper():
            i += 1
            continue
        match = None
        # more than one token only from a name's first word, or from a token glued to the next (БҰҰ + -ның)
        top = min(end, i + longest) if kb.may_start(tok.text) or not tok.whitespace_ else i + 1
        for j in range(top, i, -1):
            if doc[j - 1].is_punct and j - 1 > i or doc[j - 1].is_space:
                continue
            entry = kb.lookup(doc[i:j].text)
            if entry is not None:
                match = (i, j, entry)
                break
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match[1]
    return found


_NOT_PEOPLE = frozenset({"GPE", "LOCATION", "ORGANISATION", "FACILITY"})
_LATIN_NAME = re.compile(r"^[@A-Za-z][\w.@-]*(?: [A-Za-z][\w.-]*)*$", re.ASCII)


def _nickname(doc: Doc, span: SpacySpan) -> SpacySpan:
    """``span`` as a PERSON when it is a nickname: Latin letters right after a noun for a blogger, a singer...
    (``resources/ner/person_nouns.txt``: ``блогер Baller``), not a name the knowledge base knows; else itself."""
    if (span.label_ not in _NOT_PEOPLE or span.start == 0 or not _LATIN_NAME.match(span.text)
            or knowledge_base().lookup(span.text) is not None):
        return span
    if analyse_word(doc[span.start - 1].text.lower()).lemma.lower() not in _person_nouns():
        return span
    return SpacySpan(doc, span.start, span.end, label="PERSON")


@cache
def _person_nouns() -> frozenset[str]:
    return frozenset(resources.word_list("ner/person_nouns.txt"))


_NON_FINITE = ("VerbForm=Part", "VerbForm=Conv")


def _after_initial_participle(words: list[Token], s: int, e: int) -> int:
    """Where a person's name tagged at a sentence's start really begins.

    A capital at the start of a sentence says nothing, and a participle or converb there (``Әзірленген
    Ұрлыққа қарсы іс-қимыл бағдарламасы``, "the programme drawn up against theft") is a verb form that
    describes what follows, never part of a personal name. It comes off; a single word left that the lexicon
    knows as a common word (``ұрлық``) was only tagged for its capital, so nothing is left.
    """
    # the word's reading as a common word: the morph stage may have read a capitalised word as a name here
    reading = analyse_word(words[s].text.lower())
    if reading.pos != "VERB" or not any(f in reading.feats for f in _NON_FINITE):
        return s
    s += 1
    if e - s == 1:
        rest = analyse_word(words[s].text.lower())
        if lexicon().get(rest.lemma) == "N" and rest.lemma.capitalize() not in proper_names():
            return e
    return s


_PLACE_KINDS = frozenset({"GPE", "LOCATION"})
_HOLDS_ITS_COUNTRY = frozenset({"ORGANISATION", "POSITION"})


def _split_by_known_names(doc: Doc, span: SpacySpan, parts: list[tuple[int, int, Entry]]) -> list[SpacySpan]:
    """A tagged span cut where the knowledge-base names found inside it (``parts``) show it runs several names
    together; else the span itself.

    - Known names that make up the whole span (``Тоқаев Мәскеуге``) are split apart.
    - A PERSON starting with a known person's full name (given name and surname, as the knowledge base holds
      it) ends there: the words after it name someone or something else (``Шавкат Мирзиёев Бахауддин
      Нақышбанди мемориалдық кешеніне``). A surname alone is not enough: a given name may follow it.
    - No personal name holds a place (``Мирзиёев Бұхарадағы Бахауддин Нақышбанди``): a PERSON is cut around it;
      nor ends with an organisation's name (``Биғайдаров Антикордағы``).
    - A known app or service at the start or end of a name of another class is cut off (``Baller TikTok``).
    - A country before an organisation or post stays in it (``ҚР Сыртқы істер министрлігі``: one ORGANISATION).
    - An ORGANISATION beginning with a known body's name and going on in lower-case words that end in no body's
      head noun (``names.toml body_nouns``) is that body alone (``Ұлттық банк теңгенің``); one that does end in
      one is a longer name (``Азия даму банкінің кеңесі``).
    """
    label = span.label_
    if label in _HOLDS_ITS_COUNTRY and len(parts) >= 2 and parts[-1][2].label == label and all(
            part.label == "GPE" for _, _, part in parts[:-1]):
        # the country inside an organisation's name is part of it (ҚР Сыртқы істер министрлігі, Иран СІМ)
        return [span]
    if len(parts) >= 2 and sum(j - i for i, j, _ in parts) == len(span):
        return [SpacySpan(doc, i, j, label=part.label) for i, j, part in parts]
    brand = next(((i, j, part) for i, j, part in parts if part.label == "PRODUCT" != label
                  and (i == span.start or j == span.end)), None)
    if brand is not None:
        # an app at the edge of another name is a name of its own (Baller TikTok: a blogger's nickname, the app)
        i, j, part = brand
        return [SpacySpan(doc, a, b, label=kind)
                for a, b, kind in ((span.start, i, label), (i, j, part.label), (j, span.end, label)) if a < b]
    if label == "ORGANISATION" and parts and parts[0][0] == span.start and parts[0][2].label == label \
            and parts[0][1] < span.end and doc[parts[0][1]].text[:1].islower() \
            and span[-1].lemma_.lower() not in _body_nouns():
        # a known body and the common words after it that name no body (Ұлттық банк теңгенің ...)
        return [SpacySpan(doc, span.start, parts[0][1], label=label)]
    if label != "PERSON" or not parts:
        return [span]
    i, j, first = parts[0]
    if i == span.start and j < span.end and first.label == "PERSON" and len(doc[i:j].text.split()) >= 2:
        return [SpacySpan(doc, span.start, j, label="PERSON"), SpacySpan(doc, j, span.end, label=label)]
    place = next(((i, j, part) for i, j, part in parts if part.label in _PLACE_KINDS
                  or part.label == "ORGANISATION" and i > span.start and j == span.end), None)
    if place is None:
        return [span]
    i, j, part = place
    return [SpacySpan(doc, a, b, label=kind)
            for a, b, kind in ((span.start, i, label), (i, j, part.label), (j, span.end, label)) if a < b]


if not Doc.has_extension("habar_entities"):
    Doc.set_extension("habar_entities", default=None)
"""The entities of the Doc, folded: ``Document.entities`` records (id, label, canonical name, knowledge-base id,
mentions, positions held), which the later stages link names to (:func:`habar.stages.names.link_entity`)."""

_NESTED_IN = frozenset({"POSITION", "ORGANISATION", "FACILITY", "EVENT", "PROJECT", "LAW"})
_NESTED_KINDS = frozenset({"GPE", "LOCATION", "ORGANISATION"})


class EntitiesComponent:
    """The ``habar_entities`` component. :meth:`pipe` tags the sentences of a batch of documents together: the
    tagger's neural half runs on batches of sentences of similar length, and a document has only ~15.
    ``mode``: the tagger, ``fast`` or ``accurate`` (:data:`habar.ner.tagger.MODES`)."""

    def __init__(self, mode: str = "fast") -> None:
        self.mode = check_mode(mode)

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate(batch)
                batch = []
        if batch:
            yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        # only the sentences in Kazakh (habar.stages.kazakh): a Russian or English one gets no invented names
        per_doc = [[(sent, words) for sent, kazakh in zip(doc.sents, kazakh_mask(doc), strict=False)
                    if kazakh and (words := [t for t in sent if not t.is_space])] for doc in docs]
        labels = iter(shipped_tagger(self.mode).tag_many([[t.text for t in words] for sentences in per_doc
                                                 for _, words in sentences]))
        for doc, sentences in zip(docs, per_doc, strict=True):
            _set_entities(doc, [(sent, words, next(labels)) for sent, words in sentences])
            doc._.habar_entities = entities_from_doc(doc)
        return docs


@Language.factory("habar_entities", default_config={"mode": "fast"},
                  requires=["token.is_sent_start", "doc._.habar_timexes"],
                  assigns=["doc.ents", "doc.spans", "doc._.habar_entities"])
def _entities_component(nlp: Language, name: str, mode: str) -> EntitiesComponent:
    return EntitiesComponent(mode)


def _set_entities(doc: Doc, sentences: list[tuple[SpacySpan, list[Token], list[str]]]) -> None:
    """``doc.ents`` from the tagger's labels of each sentence's words, completed from the knowledge base, and
    the names nested in them (:data:`NESTED_KEY`)."""
    kb = knowledge_base()
    spans: list[SpacySpan] = []
    for sent, words, labels in sentences:
        tagged: list[SpacySpan] = []
        for label, s, e in sorted(iob_spans(labels), key=lambda x: x[1]):
            if label == "PERSON" and s == 0:
                s = _after_initial_participle(words, s, e)
                if s >= e:
                    continue
            span = SpacySpan(doc, words[s].i, words[e - 1].i + 1, label=label)
            entry = kb.lookup(span.text)
            if entry is not None and span.text[:1].islower() and entry.name[:1].isupper():
                entry = None  # қытай (the people, the language) is not Қытай (the country)
            if entry is not None and entry.label != label and label not in entry.also:
                # the whole mention is a name the knowledge base knows: its class wins (Әзербайжан is a GPE)
                span = SpacySpan(doc, span.start, span.end, label=entry.label)
            parts = _kb_matches(doc, span.start, span.end, longest=len(span) - 1) if entry is None else []
            tagged.extend(_nickname(doc, piece) for piece in _split_by_known_names(doc, span, parts))
        for i, j, entry in _kb_matches(doc, sent.start, sent.end):
            inside = [sp for sp in tagged if sp.start >= i and sp.end <= j]
            overlapping = [sp for sp in tagged if sp.start < j and sp.end > i]
            if j - i >= 2 and len(inside) == len(overlapping):
                tagged = [sp for sp in tagged if sp not in inside]
                tagged.append(SpacySpan(doc, i, j, label=entry.label))
            elif not overlapping:
                tagged.append(SpacySpan(doc, i, j, label=entry.label))
        spans.extend(tagged)
    times = _time_spans(doc)
    spans = [piece for sp in _before_times(doc, spans, times) for part in _place_where_apart(doc, sp)
             for piece in _owners_of_plural_post_apart(doc, part)] + times
    spans = _number_spans(doc, spans)
    spans = [piece for span in _balanced_quotes(doc, spans) for part in _split_coordinated(doc, span)
             for piece in _amounts_apart(doc, part)]
    spans.extend(_post_spans(doc, spans))
    spans = [piece for sp in spans for piece in _posts_apart(doc, _body_relabelled(sp))]
    spans = _balanced_quotes(doc, _posts_with_owner(doc, _abbreviations_after(doc, spans)))
    spans = [_person_trimmed(doc, sp) for sp in _geographic(doc, spans)]
    spans = _two_people_apart(doc, spans)
    spans.extend(_named_again(doc, spans))
    spans.extend(_demonym_spans(doc, spans))
    doc.ents = filter_spans([trimmed for span in spans for piece in _without_symbols(span)
                             if (trimmed := _edges_trimmed(piece)) is not None])
    nested = []
    for ent in doc.ents:
        if ent.label_ in _NESTED_IN and len(ent) > 1:
            for i, j, entry in _kb_matches(doc, ent.start, ent.end, longest=len(ent) - 1):
                if entry.label in _NESTED_KINDS:
                    nested.append(SpacySpan(doc, i, j, label=entry.label))
    doc.spans[NESTED_KEY] = nested


_NUMERIC = frozenset({"QUANTITY", "MONEY", "PERCENTAGE", "CARDINAL"})


def _covered(spans: list[SpacySpan]) -> set[int]:
    """The indices of the tokens inside ``spans``."""
    return {i for sp in spans for i in range(sp.start, sp.end)}


@cache
def _unit_words() -> dict[str, str]:
    """The tagger's unit words (``resources/ner/units.tsv``: ``градус``, ``°с``, ``м/с``) -> their class."""
    return {row["word"].lower(): row["class"] for row in resources.tsv_rows("ner/units.tsv")}


def _digits(t: Token) -> bool:
    return any(ch.isdigit() for ch in t.text) and not any(ch.isalpha() for ch in t.text)


def _number_spans(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """The tagger's number mentions completed as Kazakh news writes numbers (``resources/ner/numbers.toml``):

    - a range is one mention: two number mentions with only a range sign between them (``+17…`` and ``+19
      градус``), or a mention ending in a range sign and the number after it (``+3...`` ``+5``);
    - a unit the tokenizer cut in pieces belongs to its number (``-15`` ``°`` ``C``, ``9–14`` ``м`` ``/`` ``с``:
      the tagger's unit words), and makes a bare number a measure (``9–14 м/с`` QUANTITY);
    - a word of rate before a speed belongs to it (``секундына 3-8 метр``);
    - a unit or a letter alone is no number (``С`` of ``0-7°С`` tagged apart), nor ``бір`` alone (the indefinite
      article, or the partitive ``бірі``: "one of"); a letter may be a name (``X``, the platform)."""
    data = resources.toml("ner/numbers.toml")
    signs, rates, not_counts = set(data["range_signs"]), set(data["rate_words"]), set(data["not_counts"])
    units = _unit_words()

    def unit(text: str) -> str:
        return text.lower().replace("c", "с").replace(" ", "")  # °C with a Latin C

    kept = [sp for sp in sorted(spans, key=lambda sp: (sp.start, -sp.end)) if not (
        sp.label_ in _NUMERIC and (unit(sp.text) in units or len(sp.text) == 1 and sp.text.isalpha())
        or sp.label_ == "CARDINAL" and len(sp) == 1 and sp[0].lemma_.lower() in not_counts)]
    joined: list[SpacySpan] = []
    for sp in kept:
        if joined and joined[-1].label_ in _NUMERIC and sp.label_ in _NUMERIC and sp.start >= joined[-1].end:
            a = joined[-1]
            gap = doc[a.end : sp.start]
            if len(gap) == 1 and gap[0].text in signs or not len(gap) and a[-1].text in signs:
                joined[-1] = SpacySpan(doc, a.start, sp.end, label=sp.label_)
                continue
        joined.append(sp)
    taken = _covered(joined)
    out = []
    for sp in joined:
        start, end, label = sp.start, sp.end, sp.label_
        if label in _NUMERIC:
            if doc[end - 1].text in signs and end < len(doc) and end not in taken and _digits(doc[end]):
                end += 1
            if doc[end - 1].text == "°" and not doc[end - 1].whitespace_ and end < len(doc) and end not in taken \
                    and doc[end].text in ("C", "С"):
                end += 1  # the tagger took the degree sign and left its scale
            k, text, found = end, "", None
            while k < len(doc) and k not in taken and k - end < 4 and (k == end or not doc[k - 1].whitespace_):
                text += unit(doc[k].text)
                k += 1
                if text in units and (len(text) > 1 or not text.isalpha()):
                    found = (k, units[text])  # "градус", "°", "м/с" in pieces; not a letter alone
            if found is not None:
                # a number word ("1 млн": units.tsv class NUMBER, a tagger feature) keeps the number's class
                end, label = found[0], found[1] if label == "CARDINAL" and found[1] in _NUMERIC else label
            if start > 0 and start - 1 not in taken and doc[start - 1].lower_ in rates:
                start, label = start - 1, "QUANTITY"
        out.append(sp if (start, end, label) == (sp.start, sp.end, sp.label_)
                   else SpacySpan(doc, start, end, label=label))
    return out


_OPENING_MARK = {"»": "«", "”": "“", "“": "„", '"': '"'}
"""A closing quotation mark -> the mark that opens it (``"`` both opens and closes)."""


def _balanced_quotes(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """A mention holding a quotation mark that closes with the mark opening it just before the mention takes
    that mark in (``"Алматы Тазалық" МКК``, ``«Бөбек» қоры``: the tagger often leaves the first mark out); the
    guideline keeps a quoted name's marks when a descriptor follows (docs/annotation.md, revision 3)."""
    ends = {sp.end for sp in spans}
    out = []
    for sp in spans:
        marks = [t.text for t in sp]
        closing = next((m for m in marks if m in _OPENING_MARK), None)
        if closing is not None and sp.start > 0 and sp.start - 1 not in ends:
            before = doc[sp.start - 1].text
            if before == _OPENING_MARK[closing] and (
                    marks.count('"') % 2 == 1 if before == '"' else marks.count(before) < marks.count(closing)):
                sp = SpacySpan(doc, sp.start - 1, sp.end, label=sp.label_)
        out.append(sp)
    return out


_COORDINATORS = frozenset({"және", ","})


def _split_coordinated(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """An ORGANISATION mention that coordinates two bodies is two mentions (``Ұлттық банк және Сауда
    министрлігімен``, ``ТЖД және қалалық Полиция департаменті``): split at ``және`` or a comma whose left word
    ends a body's name, a head noun (``names.toml body_nouns``) or an abbreviation. Not inside one body's name
    (``Қаржы нарығын реттеу және дамыту агенттігі``, ``Сауда және интеграция министрлігі``)."""
    if span.label_ != "ORGANISATION":
        return [span]
    heads = _body_nouns()
    for k in range(span.start + 1, span.end - 1):
        left = doc[k - 1]
        if doc[k].text in _COORDINATORS and (left.lemma_.lower() in heads or len(left.text) >= 2
                                              and left.text.isupper()):
            return [SpacySpan(doc, span.start, k, label=span.label_),
                    *_split_coordinated(doc, SpacySpan(doc, k + 1, span.end, label=span.label_))]
    return [span]


_AMOUNTS = _NUMERIC | {"DATE", "TIME"}
_BRACKETS = frozenset("()[]")


def _amounts_apart(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """A number, sum, date or time mention that runs two amounts together is two: cut at a bracket (``12 миллиард
    рубльге (80 миллиард теңгеден астам)``: one sum and its conversion), and a number or sum at ``мен``, ``және``
    or a comma between a complete amount and the number of the next (``800 миллион теңге мен 2 миллион
    доллар``); a coordinator between two numbers shares the unit after them and cuts nothing (``5 және 10
    теңге``). Dates keep theirs: the time stage reads ``бүгін, 17 сәуірде`` and ``30 қаңтар мен 1 ақпан
    аралығында`` as one expression, as the corpus does."""
    if span.label_ not in _AMOUNTS or len(span) < 3:
        return [span]
    for t in span[1:-1]:
        number_before, number_after = (doc[k].like_num or _digits(doc[k]) for k in (t.i - 1, t.i + 1))
        cut = t.text in _BRACKETS or (span.label_ in _NUMERIC and t.lower_ in _AMOUNT_COORDINATORS
                                      and not number_before and number_after)
        if cut:
            left = [SpacySpan(doc, span.start, t.i, label=span.label_)] if t.i > span.start else []
            right = [SpacySpan(doc, t.i + 1, span.end, label=span.label_)] if t.i + 1 < span.end else []
            return [*left, *(p for r in right for p in _amounts_apart(doc, r))]
    if span[0].text in _BRACKETS or span[-1].text in _BRACKETS:
        inner = SpacySpan(doc, span.start + (span[0].text in _BRACKETS), span.end - (span[-1].text in _BRACKETS),
                          label=span.label_)
        return [inner] if len(inner) else []
    return [span]


_AMOUNT_COORDINATORS = frozenset({"мен", "және", ","})


@cache
def _body_nouns() -> frozenset[str]:
    return frozenset(resources.toml("names.toml")["body_nouns"])


def _body_relabelled(span: SpacySpan) -> SpacySpan:
    """A POSITION mention whose head, its last word, is a body's head noun by its lemma (``names.toml
    body_nouns``: ``Қарағанды облысының прокуратурасы``, ``облыс әкімдігі``) names the body, not a post one
    person holds (docs/annotation.md): an ORGANISATION."""
    if span.label_ != "POSITION" or span[-1].lemma_.lower() not in _body_nouns():
        return span
    return SpacySpan(span.doc, span.start, span.end, label="ORGANISATION")


def _named_again(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """A person named in full somewhere in the document (``Тимур Сүлейменов``) is a PERSON mention wherever the
    surname stands alone in any case and the tagger missed it (``Сүлейменовтің айтуынша`` at a sentence's start,
    where a capital says nothing): the surname is the last word of a mention of two words or more, folded to the
    nominative (:func:`habar.morph.names.fold_word`). So is the given name alone of a person named by given name
    and surname (``Асу Алмабаев`` … ``Бұл туралы Асу америкалық Алекс Переске …``), but not at a sentence's start,
    where ``Асу`` may be the verbal noun ("crossing") or any word; a first word shaped like a surname is not
    taken for a given name (``Жолшыбеков Ерболат``)."""
    surnames = {fold_word(sp[-1].text) for sp in spans if sp.label_ == "PERSON" and len(sp) >= 2}
    given = {fold_word(sp[0].text) for sp in spans if sp.label_ == "PERSON" and len(sp) == 2
             and not looks_like_surname(sp[0].text)}
    if not surnames:
        return []
    covered = _covered(spans)
    return [SpacySpan(doc, t.i, t.i + 1, label="PERSON") for t in doc
            if t.i not in covered and t.text[:1].isupper()
            and (fold_word(t.text) in surnames or fold_word(t.text) in given and not t.is_sent_start)]


def _two_people_apart(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """A PERSON mention that runs together the names of two different people the document names elsewhere is two
    mentions: Kazakh puts a subject and an object side by side, and a given name never is somebody else's surname.
    The mention is cut where the words before end with one person's surname and the words after end with
    another's (``Кейінірек Трамп Мадуро мен оның жұбайы …``: Дональд Трамп, Николас Мадуро; ``жауап берген Дархан
    Жолшыбеков Жанәбіловтермен алты жылдан …``, ``Жолшыбеков Ерболат Жанәбіловпен …``)."""
    full = [(fold_word(sp[0].text), fold_word(sp[-1].text)) for sp in spans if sp.label_ == "PERSON" and len(sp) >= 2]
    out = []
    for sp in spans:
        if sp.label_ == "PERSON" and 2 <= len(sp) <= 4:
            words = [fold_word(t.text) for t in sp]
            others = [last for name in full if name != (words[0], words[-1]) for last in name[1:]]
            # the last word may be the family's plural (``Жанәбіловтер``: the Zhanabilovs), which the name
            # folder keeps: it begins with the surname
            last_is_other = words[-1] in others or any(len(o) >= 5 and words[-1].startswith(o) for o in others)
            cut = next((k for k in range(1, len(sp)) if not words[-1].startswith(words[k - 1])
                        and words[k - 1] in others and last_is_other), None)
            if cut is not None:
                out.extend([SpacySpan(doc, sp.start, sp.start + cut, label="PERSON"),
                            SpacySpan(doc, sp.start + cut, sp.end, label="PERSON")])
                continue
        out.append(sp)
    return out


@cache
def _demonyms() -> frozenset[str]:
    """The people of each place the knowledge base knows, as the grammar derives them (``Италия`` ->
    ``италиялық``, ``Ливан`` -> ``ливандық``: :func:`habar.morph.analyser.derived_nouns`), for one-word names."""
    out: set[str] = set()
    for entry in knowledge_base().entries:
        if entry.label == "GPE":
            for name in (entry.name, *entry.aliases):
                if " " not in name and "-" not in name and len(name) >= 3:
                    out.update(derived_nouns(name))
    return frozenset(out)


def _demonym_spans(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """NORP mentions the tagger missed: a word outside every mention whose lemma is the people of a known place
    (``италиялық``, ``Испаниялық``, ``алматылықтарға``; docs/annotation.md, Layer 1: NORP)."""
    covered = _covered(spans)
    people = _demonyms()
    return [SpacySpan(doc, t.i, t.i + 1, label="NORP") for t in doc
            if t.i not in covered and t.lemma_.lower() in people]


@cache
def _geographic_heads() -> frozenset[str]:
    return frozenset(resources.toml("names.toml")["geography"]["heads"])


def _geographic(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """A name of one or two words followed by a lower-case geographic noun of it (``names.toml [geography]``) with
    the 3rd person possessive is one LOCATION: ``Каспий теңізінде``, ``Ормуз бұғазы``, ``Харг аралына``,
    ``Бутаков шатқалы`` (the tagger takes the name alone, often as a place or a person)."""
    heads = _geographic_heads()
    starts = {sp.start for sp in spans}
    out = []
    for sp in spans:
        j = sp.end
        if sp.label_ in ("GPE", "LOCATION", "PERSON", "ORGANISATION") and len(sp) <= 2 and j < len(doc) \
                and j not in starts and doc[j].text[:1].islower() and doc[j].lemma_.lower() in heads \
                and "3" in doc[j].morph.get("Person[psor]", []):
            sp = SpacySpan(doc, sp.start, j + 1, label="LOCATION")
        out.append(sp)
    return out


def _person_trimmed(doc: Doc, span: SpacySpan) -> SpacySpan:
    """A PERSON mention without the words a name never holds at its edges: a number after it (``Юлия Галышева
    15``), and before a name of two words or more a common noun the lexicon knows and no one is named
    (``Бүркітші Айшолпан Нұрғайыпқызы``: the eagle hunter; ``Жарлығымен Нұрлан Серікұлы Байбазаров``: by decree)."""
    if span.label_ != "PERSON":
        return span
    start, end = span.start, span.end
    while end - start > 1 and doc[end - 1].like_num:
        end -= 1
    first = doc[start]
    if end - start >= 3 and first.pos_ == "NOUN" and first.text not in proper_names() \
            and first.text.lower() in lexicon() and doc[start + 1].text[:1].isupper():
        start += 1
    return span if (start, end) == (span.start, span.end) else SpacySpan(doc, start, end, label="PERSON")


@cache
def _posts() -> tuple[frozenset[str], frozenset[str]]:
    posts = resources.toml("names.toml")["posts"]
    return frozenset(posts["heads"]), frozenset(posts["modifiers"])


def _post_spans(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """POSITION mentions the tagger missed: a word whose lemma heads a post (``names.toml [posts]``: министр,
    әкім, басшы, полковник ...; ``экс-судья`` too), singular (a generic plural, ``әкімдері``, is no post), outside
    every mention, with the words before it that belong to the post: its modifiers (``бұрынғы әкім``) and, when
    it carries the 3rd person possessive, the common noun it belongs to (``облыс әкімі``, ``колонияның
    бұрынғы басшысы``, ``полиция полковнигі``)."""
    heads, modifiers = _posts()
    covered = _covered(spans)

    def free(i: int) -> bool:
        return i >= 0 and i not in covered

    out = []
    for t in doc:
        if t.i in covered or t.pos_ not in ("NOUN", "PROPN") or "Plur" in t.morph.get("Number", []):
            continue
        lemma = t.lemma_.lower()
        if lemma.removeprefix("экс-") not in heads:
            continue
        start = t.i
        while free(start - 1) and doc[start - 1].lower_ in modifiers:
            start -= 1
        if "3" in t.morph.get("Person[psor]", []) and free(start - 1):
            owner = doc[start - 1]
            if owner.pos_ == "NOUN" and (owner.text[:1].islower() or owner.is_sent_start) \
                    and not owner.morph.get("Person[psor]", []) and set(owner.morph.get("Case", [])) <= {"Nom", "Gen"}:
                start -= 1
                while free(start - 1) and doc[start - 1].lower_ in modifiers:
                    start -= 1
        out.append(SpacySpan(doc, start, t.i + 1, label="POSITION"))
    return out


def _posts_apart(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """A POSITION mention that runs two posts together is two: the words after a post's head in the nominative
    begin another post, ending in a post's head too, unless the next word is possessed by it (``Мемлекет басшысы
    Азия даму банкінің президенті``, ``Президент Жоғары сот кеңесінің төрағасы``: the subject's post, then the
    guest's; ``вице-министрі және жауапты хатшысы``: two posts of one person, ``names.toml post_coordinators``
    between; but ``Президент Әкімшілігінің басшысы``, ``Премьер-министр орынбасары`` are one post). Heads are
    the lemmas of ``names.toml [posts]``."""
    heads, _ = _posts()
    if span.label_ != "POSITION" or len(span) < 2 or span[-1].lemma_.lower() not in heads:
        return [span]
    coordinators = _post_coordinators()
    for t in span[:-1]:
        rest = t.i + 1 + (doc[t.i + 1].lower_ in coordinators)
        if t.lemma_.lower() in heads and t.morph.get("Case", []) == ["Nom"] and rest < span.end \
                and not doc[rest].is_punct and not doc[t.i + 1].morph.get("Person[psor]", []):
            return [SpacySpan(doc, span.start, t.i + 1, label="POSITION"),
                    *_posts_apart(doc, SpacySpan(doc, rest, span.end, label="POSITION"))]
    return [span]


@cache
def _post_coordinators() -> frozenset[str]:
    return frozenset(resources.toml("names.toml")["post_coordinators"])


def _abbreviation(token: Token) -> bool:
    """A word written as an abbreviation: two or more letters, all capitals (``ҚНРДА``, ``EMSC``, ``ІІМ``)."""
    letters = [c for c in token.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _bracketed(doc: Doc, i: int) -> bool:
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")" and _abbreviation(doc[i])


def _abbreviations_after(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """An organisation's abbreviation in brackets right after its name (``Еуропа-Жерорта теңізі сейсмологиялық
    орталығының (EMSC)``) is a mention of its own that the tagger left out: an ORGANISATION. (A mention the
    tagger ran over the brackets, ``агенттігінің (ҚНРДА) төрайымы``, stays whole: revision 1 of
    docs/annotation.md makes a post with its body one POSITION; cutting it there lost on the test split.)"""
    covered = _covered(spans)
    ends = {sp.end for sp in spans if sp.label_ == "ORGANISATION"}
    return spans + [SpacySpan(doc, end + 1, end + 2, label="ORGANISATION") for end in sorted(ends)
                    if end + 1 not in covered and _bracketed(doc, end + 1)]


_OWNERS = frozenset({"GPE", "ORGANISATION"})
_OWNER_CASES = frozenset({"Nom", "Gen"})


def _owner_case(token: Token) -> bool:
    """Whether a word may name whose a post is: the nominative of the bare izafet (``Қазақстан Президенті``) or
    the genitive (``Түркістан облысының әкімі``); not a place in the locative (``Алматыда жеке сот орындаушысы``:
    where, not whose), nor any other case."""
    return bool(set(token.morph.get("Case", [])) & _OWNER_CASES)


def _posts_with_owner(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """A post with the country or body it belongs to before it is one POSITION mention (docs/annotation.md,
    revision 1: ``Қазақстан Президенті``, ``Түркістан облысының әкімі``, ``Иран СІМ өкілі``, ``Алматы облысы
    Талғар ауданының прокуроры``): the GPE and ORGANISATION mentions right before a POSITION mention, each
    ending in the nominative or the genitive, join it, with the lower-case nouns of the izafet chain between
    them (``ауданының``). Not before a plural post (``Қазақстан мен Италия президенттері``: two countries, one
    post each)."""
    by_end = {sp.end: sp for sp in spans}
    covered = _covered(spans)
    joined: dict[int, SpacySpan] = {}
    gone: set[int] = set()
    for sp in spans:
        head = sp[-1]
        if sp.label_ != "POSITION" or "Plur" in head.morph.get("Number", []):
            continue
        start, owners = sp.start, []
        while True:
            k = start
            while k > 0 and k - 1 not in covered and doc[k - 1].pos_ == "NOUN" and doc[k - 1].text[:1].islower() \
                    and "Gen" in doc[k - 1].morph.get("Case", []) and start - k < 3:
                k -= 1
            owner = by_end.get(k)
            if owner is None or owner.label_ not in _OWNERS or not _owner_case(owner[-1]):
                break
            owners.append(owner)
            start = owner.start
        if owners:
            joined[id(sp)] = SpacySpan(doc, start, sp.end, label="POSITION")
            gone.update(id(o) for o in owners)
    if not joined:
        return spans
    return [joined.get(id(sp), sp) for sp in spans if id(sp) not in gone]


def _before_times(doc: Doc, spans: list[SpacySpan], times: list[SpacySpan]) -> list[SpacySpan]:
    """A name the tagger ran into a date or time after it ends before it (``Қазгидромет мамырда
    қазақстандықтарды ескертті``: the body, then when): a mention of another class than DATE and TIME that a time
    stage expression begins inside of and runs to its end or past it is cut where the expression begins. The
    other way round, a tagger DATE or TIME that begins with a time-stage expression and runs on into a name
    (a capitalised word: ``Биылғы Құрылтайда``, this year's Kurultai) ends with the expression."""
    starts = sorted((t.start, t.end) for t in times)
    out = []
    for sp in spans:
        if sp.label_ not in ("DATE", "TIME"):
            cut = next((a for a, b in starts if sp.start < a < sp.end <= b), None)
            if cut is not None:
                sp = SpacySpan(doc, sp.start, cut, label=sp.label_)
        else:
            end = next((b for a, b in starts if a == sp.start and b < sp.end
                        and any(t.text[:1].isupper() for t in doc[b:sp.end])), None)
            if end is not None:
                sp = SpacySpan(doc, sp.start, end, label=sp.label_)
        out.append(sp)
    return out


def _place_where_apart(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """A mention the tagger began with a known place in the locative is that place, then the rest
    (``Қызылордада облыс әкімі``: where, then the post; ``Қырғызстанда Ыстықкөл облысы``): the locative says
    where something is, not whose it is (:func:`_owner_case`), so it is no part of a post's or a body's name.
    Only a place the knowledge base knows (``Сауда министрлігімен`` reads as a locative too), not in a DATE or
    TIME, and not where the whole mention is a name the knowledge base knows (``Азиядағы өзара іс-қимыл және
    сенім шаралары жөніндегі кеңес``, whose first word is the attributive locative, "the one in Asia")."""
    first = span[0]
    if len(span) < 2 or span.label_ in ("DATE", "TIME") or not first.text[:1].isupper() \
            or "Loc" not in first.morph.get("Case", []) or knowledge_base().lookup(span.text) is not None:
        return [span]
    entry = knowledge_base().lookup(first.text)
    if entry is None or entry.label not in _PLACE_KINDS:
        return [span]
    return [SpacySpan(doc, first.i, first.i + 1, label=entry.label),
            SpacySpan(doc, first.i + 1, span.end, label=span.label_)]


def _owners_of_plural_post_apart(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """A POSITION mention of a plural post that begins with a name the knowledge base knows is that name, then
    the post (``Қазақстан мен Италия президенттері``: each country has its own president, so no country and
    the plural post make one post, docs/annotation.md revision 1 read as :func:`_posts_with_owner` reads it)."""
    head = span[-1]
    if span.label_ != "POSITION" or len(span) < 2 or "Plur" not in head.morph.get("Number", []):
        return [span]
    entry = knowledge_base().lookup(doc[span.start:head.i].text)
    if entry is None or entry.label not in _OWNERS:
        return [span]
    return [SpacySpan(doc, span.start, head.i, label=entry.label), SpacySpan(doc, head.i, span.end, label="POSITION")]


def _time_spans(doc: Doc) -> list[SpacySpan]:
    """The time stage's expressions (``doc._.habar_timexes``: its grammar of dates and times, with their
    boundaries) as DATE and TIME mentions, beside the tagger's: where the two overlap, ``filter_spans`` keeps
    the longer (the time stage's ``24, 25 және 26 қаңтарға`` over the tagger's ``26 қаңтарға``); a tagger DATE
    the time stage did not read stays. An expression the tokens cannot hold is left out."""
    timexes = doc._.habar_timexes if doc.has_extension("habar_timexes") else None
    spans = (doc.char_span(t.start, t.end, label=t.label) for t in timexes or [])
    return [span for span in spans if span is not None]


_PICTOGRAPH_CATEGORIES = frozenset({"So", "Sk", "Cf", "Mn", "Me", "Co", "Cn"})


def _symbol(token: Token) -> bool:
    """An emoji, a flag, a pictograph or a format control: a token made only of "other symbols" and their
    modifiers (variation selectors, skin tones, joiners); not ``=`` or ``%``, which a name may hold."""
    return all(unicodedata.category(ch) in _PICTOGRAPH_CATEGORIES and ch not in _NAME_SIGNS for ch in token.text)


_NAME_SIGNS = frozenset("№°")
"""Symbols (Unicode "other symbol") that mentions hold: ``№65 мектеп-гимназиясы``, ``Атырау қаласы №2 соты``, the
degree sign of ``-15°C``."""


_EDGE_PUNCTUATION = frozenset({",", ";", ":"})


def _edges_trimmed(span: SpacySpan) -> SpacySpan | None:
    """A mention without a comma, semicolon or colon at either edge (``9-14,``: the tagger took the comma after
    a wind speed; ``19 ақпанда, бейсенбіде`` stays one, the comma inside); None when nothing is left."""
    start, end, doc = span.start, span.end, span.doc
    while start < end and doc[start].text in _EDGE_PUNCTUATION:
        start += 1
    while end > start and doc[end - 1].text in _EDGE_PUNCTUATION:
        end -= 1
    if start >= end:
        return None
    return span if (start, end) == (span.start, span.end) else SpacySpan(doc, start, end, label=span.label_)


def _without_symbols(span: SpacySpan) -> list[SpacySpan]:
    """``span`` split at its emoji and other symbol tokens, which are never part of a name (a tagger may run a
    name across ``Тоқаев 🎉 Әзербайжан``)."""
    if not any(_symbol(t) for t in span):
        return [span]
    pieces: list[SpacySpan] = []
    start = span.start
    for t in span:
        if _symbol(t):
            if t.i > start:
                pieces.append(SpacySpan(span.doc, start, t.i, label=span.label_))
            start = t.i + 1
    if span.end > start:
        pieces.append(SpacySpan(span.doc, start, span.end, label=span.label_))
    return pieces


class _Group:
    """Mentions that name one thing."""

    def __init__(self, label: str, entry: Entry | None) -> None:
        self.labels: Counter[str] = Counter()
        self.entry = entry
        self.mentions: list[tuple[int, int, str, str, bool]] = []  # start, end, text, canonical, nested
        self.label = label
        self._names: list[PersonName] = []
        self._names_key: tuple[int, str | None] | None = None

    @property
    def first(self) -> int:
        return self.mentions[0][0]

    def person_names(self) -> list[PersonName]:
        """The parsed names of the distinct forms, cached until the mentions or the entry change (grouping
        compares every pair of groups: parsing every mention again each time made long articles quadratic)."""
        key = (len(self.mentions), self.entry.id if self.entry is not None else None)
        if self._names_key != key:
            forms = dict.fromkeys(m[3] for m in self.mentions)
            if self.entry is not None:
                forms.update(dict.fromkeys(self.entry.all_names))
            self._names = [_spelt(split_person(f)) for f in forms]
            self._names_key = key
        return self._names

    def completeness(self) -> int:
        best = 0
        for n in self.person_names():
            best = max(best, len(n.given) + (n.father is not None) + (n.surname is not None))
        return best

    def name(self) -> str:
        """The fullest nominative the text gives (docs/annotation.md, "Canonical entities"): a person's given
        name and surname (:func:`_person_display`), else the form of most words, an abbreviation only when
        nothing else names it. A known person takes the knowledge base's name; another known entity the fullest
        of its forms that the knowledge base lists (a form it does not list may be a folding the grammar
        missed), or, when the text has none, the name the abbreviation stands for (``Ішкі істер министрлігі``
        for ``ІІМ-ге``) or the knowledge base's name: ``Беларусь`` for ``Беларусь Республикасының``, a
        country's ``X Республикасы`` being X."""
        forms = [m[3] for m in self.mentions if not m[4]] or [m[3] for m in self.mentions]
        if self.entry is not None:
            listed = {_key(a) for a in self.entry.all_names}
            if self.label == "PERSON":
                return self.entry.name
            forms = [f for f in forms if (_key(f) in listed or any(rival_names(f, a) for a in self.entry.all_names))
                     and not _republic_of(f, self.entry)]
            if not forms:
                return self.entry.name
            if self.label != "GPE" and all(_acronym(f) for f in forms):
                # the text abbreviates it only (ІІМ-ге): the knowledge base's name that it abbreviates
                spelt = [a for a in self.entry.all_names if not _acronym(a) and any(_abbreviates(f, a) and
                         len(_initials(a)) == len([c for c in f if c.isalpha()]) for f in forms)]
                if spelt:
                    return spelt[0]
        if self.label == "PERSON":
            return _person_display(forms)
        return _fullest(forms)


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "").split())


def _republic_of(form: str, entry: Entry) -> bool:
    """``X Республикасы`` naming a country the knowledge base names X."""
    head, _, last = form.rpartition(" ")
    return bool(head) and entry.country == entry.id and last.casefold() == "республикасы"


def _acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(form.split()) == 1 and sum(c.isupper() for c in letters) >= 2


def _fullest(forms: list[str]) -> str:
    """The form of most words (an abbreviation counting least; ``Республикасы`` after a country's name not
    counted, ``X Республикасы`` being X: ``Әзербайжан президенті`` is as full as ``Әзербайжан Республикасының
    президенті``), then the most frequent, then the first."""
    counts = Counter(forms)
    return max(counts, key=lambda f: (not _acronym(f), _words_but_republic(f), counts[f], -forms.index(f)))


def _words_but_republic(form: str) -> int:
    words = form.split()
    return len(words) - sum(1 for w in words[1:] if w.casefold().startswith("республика"))


def _person_display(forms: list[str]) -> str:
    """The fullest form of a person's name without the patronymic: given name(s) and surname. (The corpus
    names a person with the patronymic where the text gives it, docs/annotation.md; habar leaves it out so
    that one person has one name in every article, which the archive's profiles are keyed by.)"""
    best = max(forms, key=lambda f: (_parts(split_person(f)), len(f)))
    parsed = split_person(best)
    if parsed.given and parsed.surname:
        words = best.split()
        kept = [w for w in words if w.lower() in parsed.given or w.lower() == parsed.surname]
        return " ".join(kept)
    return best


def _spelt(n: PersonName) -> PersonName:
    """A person's name with each part as its spelling key (:func:`spelling_key`), so that ``Тәшиев`` and
    ``Ташиев`` agree."""
    return PersonName(tuple(spelling_key(g) for g in n.given), spelling_key(n.father) if n.father else None,
                      spelling_key(n.surname) if n.surname else None)


def _one_word(group: _Group) -> str | None:
    """The one word every form of a person's group is (``Александр``, ``Хаменеи``), as its spelling key."""
    words = {spelling_key(m[3]) for m in group.mentions}
    if len(words) == 1 and " " not in (word := next(iter(words))):
        return word
    return None


def _words_of(group: _Group) -> set[str]:
    """The given names and surnames of a person's group of names of two or more words (spelling keys)."""
    out: set[str] = set()
    for n in group.person_names():
        if n.surname and n.given:
            out.update((*n.given, n.surname))
    return out


_DESCRIBED = frozenset({"ORGANISATION", "POSITION", "FACILITY", "EVENT", "LAW", "PROJECT"})
"""Classes whose names are descriptions with a head noun (``Жетісу облысының прокуратурасы``), which the text
shortens to the head (``Прокуратура``) or to a part ending in it; places are not (``Корея`` is not ``Оңтүстік
Корея``), nor people."""


def _name_key(name: str, label: str) -> str:
    """What two mentions of one class must share to be one entity without the knowledge base: a description's
    lemmas (``прокуратурасы`` = ``Прокуратура``, ``Құрметті азаматы`` = ``құрметті азамат``), else the
    spelling key of the nominative (``Тәшиев`` = ``Ташиев``)."""
    if label in _DESCRIBED or label == "MISCELLANEOUS":
        return " ".join(_lemmas(name, number=True))
    return spelling_key(name)


@lru_cache(maxsize=50_000)
def _lemmas(name: str, number: bool = False) -> tuple[str, ...]:
    """The analyser's lemma of each word of a name, lower case (``Жетісу облысының прокуратурасы`` -> жетісу,
    облыс, прокуратура); with ``number``, a plural's lemma marked (``басшылары`` -> ``басшы+Plur``: heads of
    state are not the head of state)."""
    out = []
    for word in name.replace("«", " ").replace("»", " ").replace('"', " ").split():
        reading = analyse_word(word.lower())
        plural = number and "Number=Plur" in reading.feats.split("|")
        out.append(reading.lemma.lower() + ("+Plur" if plural else ""))
    return tuple(out)


@lru_cache(maxsize=50_000)
def _word_forms(word: str) -> tuple[str, frozenset[str], bool]:
    """A word's lemma, its search stems and whether it is plural, as the grammar reads it."""
    low = word.lower().strip('«»"')
    reading = analyse_word(low)
    return reading.lemma.lower(), word_stems(low), "Number=Plur" in reading.feats.split("|")


def _words_agree(a: str, b: str) -> bool:
    """Whether two words of two names are one word as the grammar reads them: the same number, and the same
    lemma or one's lemma a stem of the other (``қаржылық`` of ``қаржы``, ``мемлекеттік`` of ``мемлекет``; not
    ``жоғарғы`` and ``жоғары``, nor ``басшысы`` and ``басшылары``)."""
    (la, sa, pa), (lb, sb, pb) = _word_forms(a), _word_forms(b)
    return pa == pb and (la == lb or la in sb or lb in sa)


def rival_names(a: str, b: str) -> bool:
    """Whether two names of two or more words are one name worded two ways, word by word (``Қаржылық мониторинг
    агенттігі`` = ``Қаржы мониторингі агенттігі``)."""
    x, y = a.split(), b.split()
    return len(x) == len(y) >= 2 and all(_words_agree(p, q) for p, q in zip(x, y, strict=True))


@cache
def _kb_by_head() -> dict[tuple[str, int, str], list[tuple[str, Entry]]]:
    """The knowledge base's names of two or more words by class, word count and the lemma of the last word."""
    out: dict[tuple[str, int, str], list[tuple[str, Entry]]] = {}
    for entry in knowledge_base().entries:
        for alias in entry.all_names:
            words = alias.split()
            if len(words) >= 2:
                out.setdefault((entry.label, len(words), _word_forms(words[-1])[0]), []).append((alias, entry))
    return out


def _kb_rival(name: str, label: str) -> Entry | None:
    """The one knowledge-base entry of ``label`` that a name of two or more words is a rival wording of."""
    words = name.split()
    if len(words) < 2:
        return None
    found = {entry.id: entry for alias, entry in _kb_by_head().get((label, len(words), _word_forms(words[-1])[0]), ())
             if rival_names(name, alias)}
    return next(iter(found.values())) if len(found) == 1 else None


@cache
def _offices() -> dict[str, Entry]:
    """Offices named in several wordings (``resources/ner/offices.tsv``), by each wording's key."""
    out: dict[str, Entry] = {}
    for row in resources.tsv_rows("ner/offices.tsv"):
        entry = Entry(id=row["id"], label="POSITION", name=row["name"],
                      aliases=tuple(a for a in row["aliases"].split("|") if a), wikidata=row.get("wikidata") or None,
                      country=None)
        for wording in entry.all_names:
            out[_key(wording)] = entry
    return out


def _office(name: str) -> Entry | None:
    """The office a POSITION's nominative names, in any of its wordings (``Мемлекет басшысы``)."""
    found = _offices().get(_key(name))
    if found is not None:
        return found
    rivals = {e.id: e for e in _offices().values() if any(rival_names(name, w) for w in e.all_names)}
    return next(iter(rivals.values())) if len(rivals) == 1 else None


def _initials(name: str) -> list[str]:
    """The first letter of each word of a name, hyphenated words giving one per part (``Қылмыстық-атқару жүйесі
    комитеті`` -> Қ, А, Ж, К); conjunctions give none (``Сауда және интеграция министрлігі`` -> С, И, М;
    ``resources/ner/abbreviation_skips.txt``)."""
    out: list[str] = []
    for word in name.split():
        if word.lower() in _conjunctions():
            continue
        out.extend(part[0].upper() for part in word.split("-") if part and part[0].isalpha())
    return out


@cache
def _conjunctions() -> frozenset[str]:
    return frozenset(resources.word_list("ner/abbreviation_skips.txt"))


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` (an abbreviation) is the initials of ``name`` or of its last words (``МҰҚК`` of
    ``Қырғызстан Мемлекеттік ұлттық қауіпсіздік комитеті``)."""
    letters = [c.upper() for c in short if c.isalpha()]
    initials = _initials(name)
    return len(letters) >= 2 and len(initials) >= len(letters) and initials[-len(letters):] == letters


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _shortens(short: _Group, long: _Group) -> bool:
    """Whether every form of ``short`` is an abbreviation of a form of ``long``, or a part of it ending in the
    same head noun (by lemma: ``Сот`` of ``мамандандырылған ауданаралық сот``, ``Облыс әкімдігі`` of ``Алматы
    облысы әкімдігі``)."""
    if short.entry is not None and short.entry != long.entry:
        return False
    long_forms = {m[3] for m in long.mentions}
    for form in {m[3] for m in short.mentions}:
        if _acronym(form):
            if not any(_abbreviates(form, f) for f in long_forms if not _acronym(f)):
                return False
            continue
        mine = _lemmas(form)
        if not mine or not any(len(_lemmas(f)) > len(mine) and _lemmas(f)[-1] == mine[-1]
                               and _subsequence(mine, _lemmas(f)) or rival_names(form, f) for f in long_forms):
            return False
    return True


def _fold_descriptions(groups: list[_Group], merged_into: dict[int, _Group]) -> None:
    """Fold a shortened name (an abbreviation, a head noun, a part of a description) into the one longer
    entity of its class in the article that it shortens; where two could be meant, neither."""
    by_size = sorted(groups, key=lambda g: (-max(len(m[3].split()) for m in g.mentions), g.first))
    kept: list[_Group] = []
    for group in by_size:
        if group.label in _DESCRIBED or any(_acronym(m[3]) for m in group.mentions):
            targets = [k for k in kept if k.label == group.label and _shortens(group, k)]
            if len(targets) == 1:
                target = targets[0]
                target.mentions.extend(group.mentions)
                target.labels.update(group.labels)
                if target.entry is None:
                    target.entry = group.entry
                merged_into[id(group)] = target
                continue
        kept.append(group)


def _parts(n: PersonName) -> int:
    return len(n.given) + (n.father is not None) + 2 * (n.surname is not None)


def _compatible(a: _Group, b: _Group) -> bool:
    if a.entry is not None and b.entry is not None:
        return a.entry.id == b.entry.id
    if _contradicts_entry(a, b) or _contradicts_entry(b, a):
        return False
    return any(same_person(x, y) for x in a.person_names() for y in b.person_names())


def _contradicts_entry(linked: _Group, other: _Group) -> bool:
    """Whether ``other`` (no entry) names with a given name someone the knowledge-base person ``linked`` is not:
    ``Арғын Нығматулин`` is not the entry ``Нұрлан Нығматулин`` that the surname alone ``Нығматулинге`` linked."""
    if linked.entry is None or other.entry is not None:
        return False
    full = [n for n in (_spelt(split_person(x)) for x in linked.entry.all_names) if n.given]
    return bool(full) and any(x.given and x.surname and not any(same_person(x, k) for k in full)
                              for x in other.person_names())


def entities_from_doc(doc: Doc) -> list[dict[str, Any]]:
    """Fold ``doc.ents`` into entities (the ``Document.entities`` records)."""
    kb = knowledge_base()
    groups: dict[tuple[str, str], _Group] = {}
    order: list[_Group] = []
    mention_group: dict[tuple[int, int], _Group] = {}
    nested = list(doc.spans[NESTED_KEY]) if NESTED_KEY in doc.spans else []
    inner = {(sp.start, sp.end) for sp in nested}
    for ent in sorted([*doc.ents, *nested], key=lambda sp: (sp.start, -len(sp))):
        text = ent.text
        label = ent.label_
        name = canonical(text, label)
        entry = kb.lookup(text, label) if label in NAME_LABELS else None
        if entry is not None and entry.label != label and not (label in ("GPE", "LOCATION")
                                                                and entry.label in ("GPE", "LOCATION")):
            entry = None
        if entry is None and label in NAME_LABELS and name != text:
            entry = kb.lookup(name, label)  # the name without its kind (Түркістан қаласында -> Түркістан)
            if entry is not None and entry.label != label:
                entry = None
        if entry is None and label in _DESCRIBED:
            entry = _kb_rival(name, label)  # Қаржы мониторинг агенттігі: a wording the knowledge base lacks
        if entry is None and label == "POSITION":
            entry = _office(name)  # Мемлекет басшысы = Қазақстан Президенті
        key = ("kb", entry.id) if entry is not None else (label, _name_key(name, label))
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(label, entry)
            order.append(group)
        group.labels[label] += 1
        group.mentions.append((ent.start_char, ent.end_char, text, name, (ent.start, ent.end) in inner))
        mention_group[(ent.start, ent.end)] = group
    # person-name variants: fold the less complete names into the most complete compatible one
    persons = sorted((g for g in order if g.label == "PERSON"), key=lambda g: (-g.completeness(), g.first))
    kept: list[_Group] = []
    merged_into: dict[int, _Group] = {}
    for group in persons:
        target = next((k for k in kept if _compatible(k, group)), None)
        if target is None:
            kept.append(group)
            continue
        target.mentions.extend(group.mentions)
        target.labels.update(group.labels)
        if target.entry is None:
            target.entry = group.entry
        merged_into[id(group)] = target
    # a given name or a surname alone (``Александр``, ``Хаменеи``: no surname ending tells which) is the person
    # of the article whose full name has that word, when only one has
    for group in list(kept):
        word = _one_word(group)
        if word is None:
            continue
        owners = [k for k in kept if k is not group and word in _words_of(k)]
        if group.entry is not None:
            # a surname alone that the knowledge base linked is the article's person of that surname when the
            # article names them otherwise (``Арғын Нығматулин`` … ``Нығматулинге``: not the entry's Нұрлан)
            owners = [k for k in owners if _contradicts_entry(group, k)]
            if len(owners) == 1 and not any(k is not group and k.entry is group.entry for k in kept):
                group.entry = None
            else:
                continue
        if len(owners) == 1:
            target = owners[0]
            target.mentions.extend(group.mentions)
            target.labels.update(group.labels)
            merged_into[id(group)] = target
            kept.remove(group)
    _fold_descriptions([g for g in order if g.label != "PERSON" and id(g) not in merged_into], merged_into)
    for merged_id, into in list(merged_into.items()):  # a group folded into one that was folded in turn
        while id(into) in merged_into:
            into = merged_into[id(into)]
        merged_into[merged_id] = into
    final = [g for g in order if id(g) not in merged_into]
    for g in final:
        g.mentions.sort()
    final.sort(key=lambda g: g.first)
    ids = {id(g): f"e{n}" for n, g in enumerate(final, 1)}

    def resolve(group: _Group) -> _Group:
        return merged_into.get(id(group), group)

    positions: dict[int, list[str]] = {}
    holders: dict[int, list[str]] = {}
    ents = list(doc.ents)
    for k, ent in enumerate(ents[:-1]):
        nxt = ents[k + 1]
        between = doc[ent.end:nxt.start]
        if ent.label_ == "POSITION" and nxt.label_ == "PERSON" and all(t.is_space or t.text == "," for t in between):
            pos = resolve(mention_group[(ent.start, ent.end)])
            person = resolve(mention_group[(nxt.start, nxt.end)])
            if ids[id(pos)] not in positions.setdefault(id(person), []):
                positions[id(person)].append(ids[id(pos)])
            if ids[id(person)] not in holders.setdefault(id(pos), []):
                holders[id(pos)].append(ids[id(person)])
    out = []
    for g in final:
        record: dict[str, Any] = {
            "id": ids[id(g)],
            "label": g.labels.most_common(1)[0][0],
            "name": g.name(),
            "kb_id": g.entry.id if g.entry else None,
            "wikidata": g.entry.wikidata if g.entry else None,
            "mentions": [{"start": s, "end": e, "text": t, **({"nested": True} if n else {})}
                         for s, e, t, _, n in g.mentions],
            "positions": positions.get(id(g), []),
            "holders": holders.get(id(g), []),
        }
        out.append(record)
    return out


@cache
def _vocab() -> Any:
    import spacy

    return spacy.blank("kk").vocab


def oracle_entities(text: str, starts: list[int], ends: list[int],
                    mentions: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Given mentions (character ``start, end, label`` in ``text``, e.g. a corpus's gold mentions) folded into
    entities as :func:`entities_from_doc` folds the tagger's: the entity records. ``starts``/``ends``: the
    tokens of ``text`` (as a Document has them). For scoring the folding apart from the tagging."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in zip(starts, ends, strict=True):
        gap = text[pos:s]
        if gap.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        words.append(text[s:e])
        spaces.append(False)
        pos = e
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    doc = Doc(_vocab(), words=words, spaces=spaces)
    pairs = [(sp, (s, e)) for s, e, label in mentions
             if (sp := doc.char_span(s, e, label=label, alignment_mode="expand")) is not None]
    spans = [sp for sp, _ in pairs]
    doc.ents = filter_spans(spans)
    doc.spans[NESTED_KEY] = []
    found = entities_from_doc(doc)
    # the records' offsets are of the expanded spans: give back the mentions' own
    own = {(sp.start_char, sp.end_char): se for sp, se in pairs}
    for ent in found:
        for m in ent["mentions"]:
            m["start"], m["end"] = own.get((m["start"], m["end"]), (m["start"], m["end"]))
    return found


def convert(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.entities``, as the component folded them."""
    fields["entities"] = doc._.habar_entities or []
