"""The quotes stage: direct and indirect speech with its speaker (spaCy component ``habar_quotes``).

Direct speech is text between quotation marks (« », “ ”, " ") with a reporting clause after it
(``», - деді Сүлейменов``, ``» деп мәлімдеді Қасым-Жомарт Тоқаев``, ``", – делінген хабарламада``) or a
speaker before it (``Сүлейменов: «…»``). Marks are paired over the whole text, so a quotation that runs over
several paragraphs, with its marks only at its two ends, is one quotation. Indirect speech is a sentence
closed by a reporting verb after a complement clause (``… екенін айтты``), a sentence opened by an
attribution (``Оның айтуынша, …``), an agency credit (``…, - деп хабарлайды Tengrinews.kz``) or a
``Бұл туралы X айтты`` that reports what came before.

The speaker is a name, or a pronoun (``ол``) resolved to the person last named as speaker or subject, or a
description (``Мемлекет басшысы``, ``Ұлттық банк басшысы``) resolved to the person it describes. The
reporting words are data in ``resources/quotes.toml`` and ``resources/names.toml``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from habar import resources
from habar.stages.names import Name, full_name, link_entity, names_in, words

if not Doc.has_extension("habar_quotes"):
    Doc.set_extension("habar_quotes", default=None)

_OPEN_ONLY = {"«", "„"}
_CLOSE_ONLY = {"»"}
_AMBIGUOUS = {'"', "“", "”"}
_DASHES = "-–—"
_END = ".!?…"


@dataclass
class Who:
    """A resolved speaker: ``name`` (nominative or a description), and where the words stand."""

    name: str | None
    start: int = -1
    end: int = -1


@dataclass
class FoundQuote:
    start: int
    end: int
    kind: str
    cue: str
    cue_start: int
    cue_end: int
    speaker: Who = field(default_factory=lambda: Who(None))


@cache
def _q() -> dict[str, Any]:
    return resources.toml("quotes.toml")


@cache
def _n() -> dict[str, Any]:
    return resources.toml("names.toml")


@cache
def _phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """The (multi-word) stems listed under ``key`` in quotes.toml, each split into its words."""
    return tuple(tuple(stem.split()) for stem in _q()[key] if stem.split())


def _match_phrase(ws: list[tuple[int, int, str]], i: int, key: str) -> int:
    """Number of words from ``ws[i]`` matching one of the stems under ``key`` in quotes.toml, longest first;
    0 if none."""
    best = 0
    if i >= len(ws):
        return 0
    first = ws[i][2].lower()
    for parts in _phrases(key):
        if (first.startswith(parts[0]) and i + len(parts) <= len(ws)
                and all(ws[i + k][2].lower().startswith(p) for k, p in enumerate(parts) if k)):
            best = max(best, len(parts))
    return best


# ---------------------------------------------------------------- quotation marks


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _OPEN_ONLY:
        return True
    if ch in _CLOSE_ONLY:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() or after in ",.;:!?)" + _DASHES:
        return False
    return before.isspace() or before in "(«[" + _DASHES or i == 0


def quote_pairs(text: str) -> list[tuple[int, int]]:
    """Top-level (opening, closing) mark positions, paired over the whole text."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch not in _OPEN_ONLY | _CLOSE_ONLY | _AMBIGUOUS:
            continue
        if _is_opener(text, i):
            stack.append(i)
        elif stack:
            o = stack.pop()
            if not stack:
                pairs.append((o, i))
        elif pairs and "\n\n" not in text[pairs[-1][1] : i]:
            # a closing mark with no opening one: the last pair's opening mark opened both
            # ("Яндекс.Такси" және … шешіледі?" – деп …)
            pairs[-1] = (pairs[-1][0], i)
    return pairs


# ---------------------------------------------------------------- speakers


class Speakers:
    """Resolves speaker words to names, remembering who was last named as speaker or subject."""

    def __init__(self, text: str, names: list[Name]) -> None:
        self.text = text
        self.names = names
        self.people = [n for n in names if n.label == "PERSON"]
        self.starts = [n.start for n in names]  # names come in text order: found by bisection, not a scan
        self._longest = max((n.end - n.start for n in names), default=0)
        self.history: list[tuple[int, str]] = []

    def _following_person(self, pos: int) -> list[Name]:
        """The person named right after ``pos`` (only white space between), as a list of at most one."""
        k = bisect.bisect_left(self.starts, pos)
        while k < len(self.names) and self.text[pos : self.names[k].start].strip() == "":
            if self.names[k].label == "PERSON":
                return [self.names[k]]
            k += 1
        return []

    def _name_at(self, pos: int) -> Name | None:
        """The first name (in text order) whose span holds ``pos``."""
        lo = bisect.bisect_left(self.starts, pos - self._longest)
        hi = bisect.bisect_right(self.starts, pos)
        return next((n for n in self.names[lo:hi] if n.start <= pos < n.end), None)

    def remember(self, pos: int, name: str | None) -> None:
        if name:
            self.history.append((pos, name))

    def last_speaker(self, pos: int, skip: set[str] | frozenset[str] = frozenset()) -> str | None:
        said = [name for p, name in self.history if p < pos and name.lower() not in skip]
        return said[-1] if said else None

    def last_person(self, pos: int) -> str | None:
        """The person last named before ``pos``."""
        before = [n for n in self.people if n.end <= pos]
        return full_name(before[-1].name, self.names) if before else None

    def last(self, pos: int) -> str | None:
        said = [name for p, name in self.history if p < pos]
        if said:
            return said[-1]
        before = [n for n in self.people if n.end <= pos and not _oblique(self.text[n.start : n.end], n.name)]
        return full_name(before[-1].name, self.names) if before else None

    def _post_class(self, word: str) -> str | None:
        w = word.lower()
        for group in _n()["same_post"]:
            for head in sorted(group, key=len, reverse=True):
                if w.startswith(head):
                    return group[0]
        for head in _n()["role_heads"]:
            if w.startswith(head):
                return head
        return None

    def describe(self, desc: str, pos: int) -> str | None:
        """The person a description names: the one introduced with the same post, or the head of state."""
        low = desc.lower()
        head_words = _n()["head_of_state"]
        role_class = self._post_class(desc.split()[-1])
        qualifiers = [w for w in desc.split()[:-1] if w[:1].isupper()]
        candidates: list[tuple[int, str]] = []
        for person in self.people:
            before = words(self.text[max(0, person.start - 60) : person.start], max(0, person.start - 60))[-4:]
            if not before:
                continue
            prefix = " ".join(w for _, _, w in before).lower()
            if low in head_words:
                hit = any(prefix.endswith(h) or prefix.endswith(h + "і") for h in head_words) and \
                    before[-1][2][:1].isupper()
            elif qualifiers:
                hit = all(q.lower()[:5] in prefix for q in qualifiers) and \
                    self._post_class(before[-1][2]) is not None
            else:
                hit = role_class is not None and self._post_class(before[-1][2]) == role_class
            if hit:
                candidates.append((person.start, full_name(person.name, self.names)))
        if candidates:
            earlier = [c for c in candidates if c[0] < pos]
            return (earlier[-1] if earlier else candidates[0])[1]
        head_of_state = low in head_words or (
            role_class == "президент" and desc.split()[-1][:1].isupper()
            and all(q.lower()[:5] in [h[:5] for h in _n()["head_of_state_qualifiers"]] for q in qualifiers))
        if head_of_state:
            return str(next(iter(_n()["heads_of_state"].values())))
        return None

    def resolve(self, start: int, end: int, pos: int) -> Who:
        """The speaker named in ``text[start:end]`` (a name, a pronoun, a description); ``pos`` = the quote."""
        ws = words(self.text[start:end], start)
        if not ws:
            return Who(None)
        pronouns = _n()["pronouns"]
        roles = _n()["roles"]
        docs = _q()["document_speakers"]
        groups = _n()["group_speakers"]
        skip_to = -1
        for i, (s, e, w) in enumerate(ws):
            if i < skip_to:
                continue
            lw = w.lower()
            # a description: up to three words before a role noun ("Ұлттық банк басшысы", "премьер-министр")
            if lw in roles or any(lw == h for h in _n()["head_of_state"]):
                j = i
                while j > 0 and i - j < 3 and (ws[j - 1][2][:1].isupper() or ws[j - 1][2].lower() in ("банк",)):
                    j -= 1
                phrase = " ".join(x[2] for x in ws[j : i + 1])
                following = self._following_person(e)
                if following:
                    n = following[0]
                    return Who(full_name(n.name, self.names), n.start, n.end)
                name = self.describe(phrase, pos)
                if name:
                    return Who(name, ws[j][0], e)
                continue
            if lw in pronouns:
                return Who(self.last(pos), s, e)
            if lw in docs or lw in groups:
                return Who(w, s, e)
            name_here = self._name_at(s)
            if name_here is None:
                continue
            parts = set(name_here.name.split())
            if name_here.label in ("", "PROPN") and not any(parts <= set(p.name.split()) for p in self.people):
                continue
            after = [k for k, x in enumerate(ws) if x[0] >= name_here.end][:2]
            role_next = next((k for k in after if ws[k][2].lower() in roles), None)
            if role_next is not None:
                skip_to = role_next
                continue
            return Who(full_name(name_here.name, self.names), name_here.start, name_here.end)
        return Who(None)


# ---------------------------------------------------------------- finding quotations


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    out = []
    for sent in doc.sents:
        ws = [t for t in sent if not t.is_space]
        if ws:
            out.append((ws[0].idx, ws[-1].idx + len(ws[-1].text)))
    return out


def _sentence_end(text: str, pos: int, sentences: list[tuple[int, int]]) -> int:
    for s, e in sentences:
        if s <= pos < e:
            return e
    return min(len(text), pos + 200)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _DASHES + ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _DASHES + ",;:" + _END):
        end -= 1
    return start, end


def _after_clause(text: str, close: int, sentences: list[tuple[int, int]]) -> tuple[int, int, int, int] | None:
    """The reporting clause after a closing mark: (cue start, cue end, clause start, clause end)."""
    end = _sentence_end(text, close, sentences)
    m = re.match(rf"\s*[,.]?\s*([{_DASHES}]\s*)?", text[close + 1 : end])
    assert m is not None
    dash = bool(m.group(1))
    start = close + 1 + m.end()
    ws = words(text[start:end], start)
    if not ws:
        return None
    first = ws[0][2].lower()
    say = _q()["say_after"]
    if first == "деп":
        for i in range(1, min(len(ws), 8)):
            k = _match_phrase(ws, i, "reporting")
            if k:
                return ws[0][0], ws[i + k - 1][1], start, end
        return ws[0][0], ws[0][1], start, end
    if first in say or first in _q()["passive"]:
        return ws[0][0], ws[0][1], start, end
    if dash:
        k = _match_phrase(ws, 0, "reporting")
        if k:
            return ws[0][0], ws[k - 1][1], start, end
    return None


def _direct(text: str, sentences: list[tuple[int, int]], speakers: Speakers) -> list[FoundQuote]:
    out: list[FoundQuote] = []
    for o, c in quote_pairs(text):
        content_start, content_end = _trim(text, o + 1, c)
        n_words = len(words(text[content_start:content_end]))
        clause = _after_clause(text, c, sentences)
        if clause:
            cs, ce, ks, ke = clause
            who = speakers.resolve(ce, ke, o)
            if who.name is None:
                who = speakers.resolve(ks, cs, o)
            q = FoundQuote(content_start, content_end, "direct", text[cs:ce], cs, ce, who)
            out.append(q)
            speakers.remember(o, who.name)
            continue
        # a headline quotation signed with a dash: "«…» - Тоқаев бюджеттерді … туралы"
        signed = re.match(rf"\s*[{_DASHES}]\s*(?=[^\W\d_])", text[c + 1 : c + 20])
        if signed:
            name_start = c + 1 + signed.end()
            name = next((n for n in speakers.names if n.start == name_start and n.label), None)
            if name is not None and text[name_start].isupper():
                who = Who(full_name(name.name, speakers.names), name.start, name.end)
                out.append(FoundQuote(content_start, content_end, "direct", text[c + 1 : name_start].strip(),
                                      c + 1, name_start, who))
                speakers.remember(o, who.name)
                continue
        before = text[max(0, o - 80) : o].rstrip()
        if before.endswith(":"):
            line_start = max(before.rfind("\n"), before.rfind(". "), 0)
            who = speakers.resolve(max(0, o - 80) + line_start, max(0, o - 80) + len(before) - 1, o)
            if who.name:
                out.append(FoundQuote(content_start, content_end, "direct", ":", o - 1, o, who))
                speakers.remember(o, who.name)
                continue
        ends_sentence = text[content_end : c + 2].strip()[:1] in set(_END) or text[c + 1 : c + 2] in set(_END)
        if n_words >= 4 and ends_sentence:
            # a quotation with no reporting clause (a quoted headline): attributed after all are found
            out.append(FoundQuote(content_start, content_end, "direct", "", c, c))
    return out


def _oblique(surface: str, name: str) -> bool:
    """Whether the words naming someone stand in an oblique case (``Мемлекет басшысына``): not a subject."""
    last = surface.split()[-1] if surface.split() else ""
    if not name.split() or last == name.split()[-1]:
        return False
    return last.lower().endswith(tuple(_q()["oblique_endings"]))


def _inside(pos: int, spans: list[FoundQuote]) -> bool:
    return any(q.start <= pos < q.end for q in spans)


def _according(text: str, s: int, e: int, according: list[str], speakers: Speakers) -> FoundQuote | None:
    """"Оның айтуынша, …", "Сүлейменовтің сөзінше, …", "президенті атап өткендей, …" in ``text[s:e]``."""
    low = text[s:e].lower()
    for cue in according:
        idx = low.find(cue)
        if 0 <= idx < 80 and "," in low[idx + len(cue) : idx + len(cue) + 3]:
            cue_s = s + idx
            cue_e = cue_s + len(cue)
            before = words(text[s:cue_s], s)
            who = Who(None)
            for width in (2, 3, len(before)):
                near = before[-width:]
                if near:
                    who = speakers.resolve(near[0][0], cue_s, s)
                if who.name:
                    break
            comma = text.index(",", cue_e)
            cs, ce = _trim(text, comma + 1, e)
            speakers.remember(s, who.name)
            return FoundQuote(cs, ce, "indirect", text[cue_s:cue_e], cue_s, cue_e, who)
    return None


def _indirect(text: str, sentences: list[tuple[int, int]], speakers: Speakers, direct: list[FoundQuote],
              body_start: int) -> list[FoundQuote]:
    out: list[FoundQuote] = []
    q = _q()
    agency_re = re.compile(rf"[,.]?\s*[{_DASHES}]?\s*({'|'.join(q['agency_cues'])})\b\s*", re.I)
    according = sorted(q["according_to"], key=len, reverse=True)
    previous_end = body_start
    for s, e in sentences:
        if e <= body_start:
            continue
        in_direct = _inside(s, direct)
        if not in_direct and any(d.start >= s and d.end <= e for d in direct):
            previous_end = max(previous_end, e)
            continue
        ws = words(text[s:e], s)
        if not ws:
            continue
        if in_direct:
            q_in = _according(text, s, e, according, speakers)
            if q_in:
                out.append(q_in)
            continue
        # "…, - деп хабарлайды Tengrinews.kz": the agency's quotation
        m = agency_re.search(text, s, e)
        if m and m.start() > s:
            who = speakers.resolve(m.end(), e, s)
            cs, ce = _trim(text, s, m.start())
            out.append(FoundQuote(cs, ce, "indirect", m.group(1), m.start(1), m.end(1), who))
            e_inner = m.start()
            ws = words(text[s:e_inner], s)
            if not ws:
                continue
        else:
            e_inner = e
        # "Оның айтуынша, …" / "Сүлейменовтің сөзінше, …"
        q_acc = _according(text, s, e_inner, according, speakers)
        if q_acc:
            out.append(q_acc)
            previous_end = e
            continue
        # "Бұл туралы X айтты": X said what came before
        first_two = " ".join(w for _, _, w in ws[:2]).lower()
        if first_two in q["about_this"]:
            for i in range(len(ws) - 1, 1, -1):
                k = _match_phrase(ws, i, "reporting")
                if k:
                    who = speakers.resolve(ws[2][0], ws[i][0], s)
                    prev = [x for x in sentences if x[1] <= s and x[0] >= previous_end][-3:]
                    if prev and who.name:
                        cs, ce = _trim(text, prev[0][0], prev[-1][1])
                        out.append(FoundQuote(cs, ce, "indirect", text[ws[i][0] : ws[i + k - 1][1]], ws[i][0],
                                              ws[i + k - 1][1], who))
                        speakers.remember(s, who.name)
                    break
            previous_end = e
            continue
        # "… екенін айтты": a complement clause closed by a reporting verb
        found = None
        for i in range(max(2, len(ws) - 4), len(ws)):
            k = _match_phrase(ws, i, "indirect_verbs")
            if k and i + k == len(ws):
                before_verb = ws[i - 1][2].lower().rstrip('"»”“')
                if before_verb != "деп" and (any(before_verb.endswith(x) for x in q["complement_endings"])
                                      or ws[i][2].lower().startswith("деп")):
                    found = (i, k)
                break
        if found:
            i, k = found
            verb = text[ws[i][0] : ws[i + k - 1][1]]
            passive = any(verb.lower().startswith(p) for p in q["passive"])
            who = Who(speakers.last_speaker(s)) if passive else speakers.resolve(s, ws[i][0], s)
            if who.name is None and passive:
                continue
            if who.name is None:
                who = Who(speakers.last(s))
            cs, ce = _trim(text, s, ws[i][0])
            out.append(FoundQuote(cs, ce, "indirect", verb, ws[i][0], ws[i + k - 1][1], who))
            speakers.remember(s, who.name)
        else:
            # a sentence's subject becomes the person "ол" refers to
            subject = speakers.resolve(s, min(e, ws[min(2, len(ws) - 1)][1]), s)
            if subject.name and subject.start >= 0 and subject.start - s < 40 and \
                    not _oblique(text[subject.start : subject.end], subject.name) and \
                    any(n.label == "PERSON" and n.start <= subject.start < n.end for n in speakers.names):
                speakers.remember(s, subject.name)
        previous_end = max(previous_end, e) if found else previous_end
    return out


def find_quotes(doc: Doc) -> list[FoundQuote]:
    """Direct and indirect quotations in ``doc``, in text order."""
    text = doc.text
    sentences = _sentences(doc)
    names = names_in(doc)
    speakers = Speakers(text, names)
    clean = doc._.habar_clean if doc.has_extension("habar_clean") else None
    body_start = clean.title_span[1] if clean is not None and clean.title_span else 0
    direct = _direct(text, sentences, speakers)
    indirect = _indirect(text, sentences, speakers, direct, body_start)
    found = sorted(direct + indirect, key=lambda x: x.start)
    counts = Counter(q.speaker.name for q in found if q.speaker.name)
    main = counts.most_common(1)[0][0] if counts else None
    out = []
    for q in found:
        if not q.cue and q.speaker.name is None:
            q = replace(q, speaker=Who(main))
        out.append(q)
    return out


@Language.component("habar_quotes", assigns=["doc._.habar_quotes"])
def habar_quotes(doc: Doc) -> Doc:
    doc._.habar_quotes = find_quotes(doc)
    return doc


def quotes_to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.quotes``; a speaker is linked to the entity whose mention covers its words."""
    out = []
    text = doc.text
    for q in doc._.habar_quotes or []:
        entity, name = (None, None)
        if q.speaker.start >= 0 or q.speaker.name:
            entity, name = link_entity(q.speaker.start, q.speaker.end, fields, q.speaker.name)
        out.append({
            # the linked entity's canonical name (the contract), else the name this stage resolved
            "speaker": {"entity": entity, "name": name or q.speaker.name},
            "cue": q.cue, "kind": q.kind, "start": q.start, "end": q.end, "text": text[q.start : q.end],
            "cue_span": {"start": q.cue_start, "end": q.cue_end},
        })
    fields["quotes"] = out
