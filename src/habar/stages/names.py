"""What the quotes, events and keywords stages share: the names in a Doc and the entity each stands for.

:func:`names_in` gives the entities stage's mentions (``doc.ents`` and the names nested in them), each in its
nominative, plus the people, organisations and places that
:func:`rule_names` finds by capitalisation where the tagger found nothing. That rule-based finder runs after
the tagger for a measured reason: without it, speakers on the corpus train split fall from 83.2 % to 82.2 %
and, on the 16 articles, speakers 97.1 -> 94.1 %, event precision 89.1 -> 85.5 and recall 84.5 -> 81.0;
adding its names to the entity layer instead lowered entity F1 (docs/notes/facts.md). :func:`link_entity`
links a name to the entity it stands for.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc

from habar import resources
from habar.morph.names import attributive, canonical_name, fold_word, is_patronymic, looks_like_surname
from habar.ner.kb import knowledge_base
from habar.stages.tokens import doc_text, doc_words

if not Doc.has_extension("habar_names"):
    Doc.set_extension("habar_names", default=None)

NESTED_KEY = "habar_nested"
"""``doc.spans`` key of the places and organisations the knowledge base finds inside a longer entity
(``Қазақстан`` in ``Қазақстан Президенті``): mentions of their own entity, though ``doc.ents`` cannot nest."""


@dataclass(frozen=True)
class Name:
    """A name in the text: ``name`` is its nominative form as far as habar can tell."""

    start: int
    end: int
    name: str
    label: str  # PERSON, ORGANISATION, GPE; PROPN: a name of unknown kind; "": maybe not a name at all


@cache
def _rules() -> dict[str, Any]:
    return resources.toml("names.toml")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isdigit()


@cache
def _agencies() -> set[str]:
    return {a.split()[0] for a in resources.word_list("agencies.txt")}


def _surname(word: str) -> bool:
    return looks_like_surname(fold_word(word))


def _label(parts: list[str], sentence_initial: bool) -> str:
    rules = _rules()
    last = parts[-1]
    if len(parts) == 1 and (last.isupper() and len(last) >= 2 or any(c.isupper() for c in last[1:])
                            or last in _agencies()):
        return "ORGANISATION"
    if looks_like_surname(last):
        return "PERSON"
    if 2 <= len(parts) <= 3 and not sentence_initial and \
            not any(x in p.lower() for p in parts for x in rules["not_person_parts"]):
        return "PERSON"
    if not sentence_initial and len(parts) == 1:
        return "PROPN"  # a proper name of unknown kind (a place, a country, an organisation)
    return ""


def rule_names(doc: Doc) -> list[Name]:
    """Capitalised-name spans, with organisation names that end in a lower-case head (``… агенттігі``)."""
    text = doc_text(doc)
    rules = _rules()
    not_names = set(rules["not_names"]) | set(rules["pronouns"]) | set(rules["first_person"])
    org_heads = sorted(rules["org_heads"], key=len, reverse=True)
    roles = set(rules["roles"])
    agencies = _agencies()
    ws = doc_words(doc).items
    out: list[Name] = []
    i = 0
    while i < len(ws):
        s, e, w = ws[i]
        if not is_capitalised(w) or w.lower() in not_names or w.lower() in roles or w.isupper() and len(w) <= 2 \
                or attributive(w):
            i += 1
            continue
        j = i + 1
        while j < len(ws) and is_capitalised(ws[j][2]) and text[ws[j - 1][1] : ws[j][0]] == " " \
                and ws[j][2].lower() not in not_names and ws[j][2].lower() not in roles and j - i < 4 \
                and ws[j - 1][2] not in agencies and ws[j][2] not in agencies \
                and not (ws[j][2].isupper() or ws[j - 1][2].isupper()) \
                and not attributive(ws[j][2]) \
                and not (_surname(ws[j - 1][2])
                         and is_patronymic(ws[j - 1][2]) is None):
            j += 1
        # an organisation: "Қаржы мониторингі агенттігі", "Ұлттық банк"
        org = _org_end(text, ws, j, org_heads)
        if org is not None:
            k, head = org
            # a person's name before the organisation's: "Тоқаев Жоғары сот кеңесінің …"
            cut = max((m + 1 for m in range(i, j - 1)
                       if looks_like_surname(ws[m][2])), default=i)
            if cut > i:
                parts = [x[2] for x in ws[i:cut]]
                parts[-1] = fold_word(parts[-1])
                out.append(Name(s, ws[cut - 1][1], " ".join(parts), "PERSON"))
                i, s = cut, ws[cut][0]
            out.append(Name(s, ws[k][1], " ".join([*(x[2] for x in ws[i:k]), head]), "ORGANISATION"))
            i = k + 1
            continue
        initial = i == 0 or bool(re.search(r"[.!?…»\"“”]\s*$|\n\s*$", text[max(0, s - 4) : s]))
        if initial and j - i >= 2 and any(x in w.lower() for x in rules["not_person_parts"]):
            # a plural common noun starts the sentence: "Журналистер Тимур Сүлейменовке …"
            i += 1
            continue
        parts = [x[2] for x in ws[i:j]]
        parts[-1] = fold_word(parts[-1])
        initial = i == 0 or bool(re.search(r"[.!?…»\"“”]\s*$|\n\s*$", text[max(0, s - 4) : s]))
        label = _label(parts, initial)
        if label == "PERSON" and len(parts) >= 2:
            parts[-1] = fold_word(parts[-1])
        out.append(Name(s, ws[j - 1][1], " ".join(parts), label))
        i = j
    return out


def _org_end(text: str, ws: list[tuple[int, int, str]], j: int, heads: list[str]) -> tuple[int, str] | None:
    """Index of the lower-case head word ending an organisation name after ``ws[j-1]``, and its plain form."""
    k = j
    while k < len(ws) and k - j < 6 and text[ws[k - 1][1] : ws[k][0]] == " " and ws[k][2].islower():
        head = _head_of(ws[k][2], heads)
        if head is not None:
            # "… инспекциясы басқармасы": a head followed by another head
            while k + 1 < len(ws) and text[ws[k][1] : ws[k + 1][0]] == " ":
                nxt = _head_of(ws[k + 1][2], heads)
                if nxt is None:
                    break
                k, head = k + 1, nxt
            return k, head
        k += 1
    return None


def _head_of(word: str, heads: list[str]) -> str | None:
    """The organisation head ``word`` is, bare or with a case ending (``агенттігіне`` -> ``агенттігі``: the
    analyser's reading, :func:`habar.morph.names.fold_word`)."""
    if word in heads:
        return word
    base = fold_word(word) if any(word.startswith(h) for h in heads) else word
    return base if base != word and base in heads else None


def _initials(name: str) -> str:
    return "".join(p[:1].upper() for p in re.split(r"[\s-]+", name) if p)


def names_in(doc: Doc) -> list[Name]:
    """Names in ``doc``: the entities stage's mentions, each in its nominative, and the rule-based names
    (:func:`rule_names`) of people, organisations and places where it found none; kept on the Doc."""
    cached: list[Name] | None = doc._.habar_names
    if cached is not None:
        return cached
    if not doc.ents:
        doc._.habar_names = rule_names(doc)
        return doc._.habar_names
    labels = set(_rules()["entity_labels"])
    keep = knowledge_base().names
    found = []
    # an organisation named inside a POSITION is its employer, a name of its own: the agency in
    # "Tengrinews.kz тілшісі", the bank in "Ұлттық банк төрағасы" (the entities stage's nested mentions)
    positions = [e for e in doc.ents if e.label_ == "POSITION"]
    employers = [sp for sp in (doc.spans[NESTED_KEY] if NESTED_KEY in doc.spans else [])
                 if sp.label_ == "ORGANISATION" and any(p.start <= sp.start and sp.end <= p.end for p in positions)]
    for e in [*doc.ents, *employers]:
        if e.label_ not in labels:
            continue
        # the mention's own nominative, as the entities stage folds it (the KB's names are nominative)
        found.append(Name(e.start_char, e.end_char, canonical_name(e.text, e.label_, keep), e.label_))
    for n in rule_names(doc):
        if n.label in ("PERSON", "ORGANISATION", "GPE") and not any(f.start < n.end and n.start < f.end
                                                                       for f in found):
            found.append(n)
    found.sort(key=lambda n: n.start)
    doc._.habar_names = found
    return found


def _records(doc: Doc) -> list[dict[str, Any]]:
    """The entities stage's entity records (``doc._.habar_entities``), or none."""
    return (doc._.habar_entities if doc.has_extension("habar_entities") else None) or []


def full_name(short: str, names: list[Name]) -> str:
    """The longest name in the article whose words include all of ``short``'s (``Сүлейменов`` -> ``Тимур …``);
    an abbreviation (``ҚМА``) becomes the name whose initials it is (``Қаржы мониторингі агенттігі``)."""
    parts = short.split()
    by_word, by_initials = _name_index(names)
    best = short
    if parts:
        # the names holding the rarest word, longest first (the first one seen among equally long ones)
        rarest = min(parts, key=lambda p: len(by_word.get(p, ())))
        for name in by_word.get(rarest, ()):
            if len(name) <= len(best):
                break
            if all(p in name.split() for p in parts):
                best = name
                break
    if best == short:
        for part in reversed(parts):
            if part.isupper() and len(part) >= 2 and part in by_initials:
                return by_initials[part]
    return best


_NAME_INDEX: list[Any] = [None, -1, None]


def _name_index(names: list[Name]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each word -> the distinct names holding it, longest first; initials -> the first name with them. Built
    once per list of names (every speaker and event asks; scanning all names each time was quadratic)."""
    if _NAME_INDEX[0] is names and _NAME_INDEX[1] == len(names):
        return _NAME_INDEX[2]
    order: dict[str, int] = {}
    for n in names:
        order.setdefault(n.name, len(order))
    by_word: dict[str, list[str]] = {}
    by_initials: dict[str, str] = {}
    for name in sorted(order, key=lambda nm: (-len(nm), order[nm])):
        for w in set(name.split()):
            by_word.setdefault(w, []).append(name)
    for name in order:
        if len(name.split()) >= 2:
            by_initials.setdefault(_initials(name), name)
    _NAME_INDEX[:] = [names, len(names), (by_word, by_initials)]
    return by_word, by_initials


_LINK_LABELS = ("PERSON", "ORGANISATION", "GPE", "LOCATION", "FACILITY", "NORP", "POSITION")


def link_entity(start: int, end: int, doc: Doc, name: str | None = None) -> tuple[str | None, str | None]:
    """(entity id, canonical name) of the entity this name refers to.

    With ``name`` (the name this stage resolved, e.g. the person a description or a pronoun stands for), the
    entity whose canonical name shares its words wins (one inside the other: a surname alone matches the full
    name); an entity whose mention merely overlaps the words is taken only when its name agrees, so that
    "Ұлттық банк басшысы" resolved to a person is not linked to the bank. Without ``name``, the entity with a
    mention overlapping ``start:end`` (people first).
    """
    index = _entity_index(_records(doc))

    def agrees(k: int, nw: set[str]) -> bool:
        return any(nw <= ew or ew <= nw for ew in index.forms[k])

    ents = index.entities

    def inside_place(k: int, nw: set[str]) -> bool:
        # a place inside a longer name ("Жылыой аудандық полиция бөлімі") is not what the name refers to; one
        # word more is the place's own form ("Қазақстан Республикасы")
        return ents[k].get("label") in ("GPE", "LOCATION") and len(nw) - len(_wordset(ents[k].get("name") or "")) > 1

    if name:
        nw = _wordset(name)
        # only entities sharing a word with the name can agree with it (the index: linear, not a scan)
        candidates = sorted({k for w in nw for k in index.by_word.get(w, ())}) if nw else range(len(ents))
        named = [k for k in candidates if agrees(k, nw) and not inside_place(k, nw)]
        if named:
            # the same name first ("Қазақстан" is the country, not "Қазақстан Президенті"), then an entity
            # mentioned by these very words ("ІІМ" is the ministry so mentioned, not the post "ІІМ … комитетінің
            # төрағасы"), then people
            k_best = max(named, key=lambda k: (_wordset(ents[k].get("name") or "") == nw,
                                               any(f == nw for f in index.forms[k]),
                                               ents[k].get("label") == "PERSON", len(ents[k].get("name") or "")))
            return ents[k_best].get("id"), ents[k_best].get("name")
    overlapping_k = index.overlapping(start, end)
    if name:
        nw = _wordset(name)
        overlapping_k = [k for k in overlapping_k if agrees(k, nw) and not inside_place(k, nw)]
    overlapping = [ents[k] for k in overlapping_k]
    if not overlapping:
        return None, None
    best = max(overlapping, key=lambda e: e.get("label") == "PERSON")
    return best.get("id"), best.get("name")


def _wordset(text: str) -> set[str]:
    return set(text.lower().replace("-", " ").split())


class _EntityIndex:
    """The linkable entities of one article with their names' word sets, a word -> entities index and the
    mentions in text order, built once per article (each quotation and event links a name)."""

    def __init__(self, entities: list[Any]) -> None:
        ents = [e if isinstance(e, dict) else e.model_dump() for e in entities]
        self.entities = [e for e in ents if e.get("label") in _LINK_LABELS]
        self.forms: list[list[set[str]]] = []
        self.by_word: dict[str, list[int]] = {}
        mentions: list[tuple[int, int, int]] = []
        for k, ent in enumerate(self.entities):
            texts = [m.get("text", "") for m in ent.get("mentions", [])]
            # each mention as written and in the nominative: a name resolved from "Облыс әкімдігінің" is
            # "Облыс әкімдігі", which the entity's name ("Алматы облысы әкімдігі") need not contain
            keep = knowledge_base().names
            forms = [ent.get("name") or "", *texts,
                     *(canonical_name(t, str(ent.get("label") or ""), keep) for t in dict.fromkeys(texts))]
            sets = [ws for f in dict.fromkeys(forms) if (ws := _wordset(f))]
            self.forms.append(sets)
            for w in set().union(*sets) if sets else ():
                self.by_word.setdefault(w, []).append(k)
            mentions.extend((m["start"], m["end"], k) for m in ent.get("mentions", []))
        mentions.sort()
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        self.longest = max((m[1] - m[0] for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Entities (indices, in the order of the entity list, repeated per mention) with a mention overlapping
        ``start:end``."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        hits = {(k, m_start) for m_start, m_end, k in self.mentions[lo:hi] if m_start < end and start < m_end}
        return [k for k, _ in sorted(hits)]


_ENTITY_INDEX: list[Any] = [None, -1, None]


def _entity_index(entities: list[Any]) -> _EntityIndex:
    if _ENTITY_INDEX[0] is not entities or _ENTITY_INDEX[1] != len(entities):
        _ENTITY_INDEX[:] = [entities, len(entities), _EntityIndex(entities)]
    index: _EntityIndex = _ENTITY_INDEX[2]
    return index
