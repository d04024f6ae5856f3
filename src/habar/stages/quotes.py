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
from dataclasses import replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from habar import resources
from habar.morph.analyser import analyse
from habar.morph.names import case_of, fold_word
from habar.stages.kazakh import kazakh_only
from habar.stages.names import Name, full_name, link_entity, names_in
from habar.stages.speakers import FoundQuote, Speakers, Who, agency_credit, agency_keys, oblique
from habar.stages.tokens import doc_text, token_rows

if not Doc.has_extension("habar_quotes"):
    Doc.set_extension("habar_quotes", default=None)

_OPEN_ONLY = {"«", "„"}
_CLOSE_ONLY = {"»"}
_AMBIGUOUS = {'"', "“", "”"}
_DASHES = "-–—"
_END = ".!?…"


@cache
def _q() -> dict[str, Any]:
    return resources.toml("quotes.toml")


@cache
@cache
def _phrases_by_letter(key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The (multi-word) stems listed under ``key`` in quotes.toml, each split into its words, by the first letter
    of their first stem (a word can only match those)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for parts in (tuple(stem.split()) for stem in _q()[key] if stem.split()):
        out.setdefault(parts[0][:1], []).append(parts)
    return {letter: tuple(group) for letter, group in out.items()}


Reading = tuple[str, str, str]
"""A word as the morphology stage read it: (lemma in lower case, part of speech, features)."""


def _readings(doc: Doc) -> dict[int, Reading]:
    """Each word's reading by its start offset (the tokens of the morphology stage)."""
    return {r.start: (r.lemma.lower(), r.pos, r.feats) for r in token_rows(doc) if not (r.space or r.punct)}


def _reading(rd: dict[int, Reading], w: tuple[int, int, str]) -> Reading:
    """The reading of word ``w``: the token's, else the analyser's (a word split otherwise than the tokens)."""
    got = rd.get(w[0])
    if got is not None:
        return got
    a = analyse(w[2].lower())
    return a.lemma.lower(), a.pos, a.feats


def _speaker_phrase_end(text: str, end: int, ws: list[tuple[int, int, str]], rd: dict[int, Reading]) -> int:
    """Where a speaker's noun phrase ends, from where its name ends: past a closing quotation mark around the
    name and past the noun it qualifies (Kazakh's izafet: ``"Қазгидромет" синоптиктері`` "Kazhydromet's
    forecasters", ``ведомство баспасөз қызметі``): a noun in the 3rd person possessive, or any nominative noun
    right after a quoted name."""
    pos = end
    quoted = False
    while pos < len(text) and text[pos] in "\"»”“' ":
        quoted = quoted or text[pos] != " "
        pos += 1
    for w in ws:
        if w[0] < pos:
            continue
        if w[0] != pos:
            break
        _lemma, upos, feats = _reading(rd, w)
        if upos != "NOUN" or "Case=Nom" not in feats or not (quoted or "Person[psor]=3" in feats):
            break
        pos = w[1]
        while pos < len(text) and text[pos] == " ":
            pos += 1
    return pos


def _speech_verb(rd: dict[int, Reading], w: tuple[int, int, str]) -> bool:
    """Whether ``w`` is a verb of speech in any tense, voice and person: the analyser reads a VERB whose lemma
    is in quotes.toml [speech] verbs, or whose stem begins with one (``бөлісті``, read бөл + reciprocal)."""
    lemma, pos, _ = _reading(rd, w)
    if pos not in ("VERB", "AUX"):
        return False
    verbs = _speech()[0]
    if lemma in verbs:
        return True
    low = w[2].lower()
    return any(low[:n] in stems for n, stems in _speech_stems())


@cache
def _speech_stems() -> tuple[tuple[int, frozenset[str]], ...]:
    """The verbs of speech of four letters or more, by length: the stems a word may begin with."""
    by_length: dict[int, set[str]] = {}
    for v in _speech()[0]:
        if len(v) >= 4:
            by_length.setdefault(len(v), set()).add(v)
    return tuple((n, frozenset(vs)) for n, vs in sorted(by_length.items()))


@cache
def _speech() -> tuple[frozenset[str], tuple[tuple[str, str], ...], frozenset[str]]:
    sp = _q()["speech"]
    return frozenset(sp["verbs"]), tuple((a, b) for a, b in sp["light"]), frozenset(sp["sources"])


def _speech_at(ws: list[tuple[int, int, str]], i: int, rd: dict[int, Reading]) -> int:
    """Words from ``ws[i]`` that make a predicate of speech, by lemma: a light-verb construction (``атап
    өтті``, ``назар аударды``: its first word as written or by lemma, its verb by lemma) or a verb of speech."""
    if i >= len(ws):
        return 0
    first = ws[i][2].lower()
    if i + 1 < len(ws):
        lemma0 = _reading(rd, ws[i])[0]
        lemma1, pos1, _ = _reading(rd, ws[i + 1])
        for a, b in _speech()[1]:
            if a in (first, lemma0) and pos1 in ("VERB", "AUX") and (lemma1 == b or ws[i + 1][2].lower().startswith(b)):
                return 2
    return 1 if _speech_verb(rd, ws[i]) else 0


def _match_phrase(ws: list[tuple[int, int, str]], i: int, key: str, rd: dict[int, Reading] | None = None) -> int:
    """Number of words from ``ws[i]`` matching one of the stems under ``key`` in quotes.toml, longest first,
    or (with the readings ``rd``) a predicate of speech by lemma (:func:`_speech_at`); 0 if none."""
    best = _speech_at(ws, i, rd) if rd is not None else 0
    if i >= len(ws):
        return 0
    first = ws[i][2].lower()
    for parts in _phrases_by_letter(key).get(first[:1], ()):
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
    if stack and (not pairs or stack[0] > pairs[-1][1]) and "\n\n" not in text[stack[0] :] \
            and len(text) - stack[0] > 20:
        # an opening mark never closed in the last paragraph: a quotation cut by the end of the text (a lead
        # excerpt); it ends where the text ends, its "closing mark" is the text's end
        pairs.append((stack[0], len(text)))
    return pairs


# ---------------------------------------------------------------- finding quotations


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    out = []
    for sent in doc.sents:
        ws = [t for t in sent if not t.is_space]
        if ws:
            out.append((ws[0].idx, ws[-1].idx + len(ws[-1].text)))
    return out


def _sentence_end(text: str, pos: int, sentences: list[tuple[int, int]]) -> int:
    k = bisect.bisect_right(sentences, (pos, len(text) + 1)) - 1  # sentences are in text order: a bisection
    if k >= 0 and sentences[k][0] <= pos < sentences[k][1]:
        return sentences[k][1]
    return min(len(text), pos + 200)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _DASHES + ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _DASHES + ",;:" + _END):
        end -= 1
    return start, end


def _after_clause(text: str, close: int, sentences: list[tuple[int, int]], speakers: Speakers,
                  rd: dict[int, Reading]) -> tuple[int, int, int, int] | None:
    """The reporting clause after a closing mark: (cue start, cue end, clause start, clause end)."""
    end = _sentence_end(text, close, sentences)
    m = re.match(rf"\s*[,.]?\s*([{_DASHES}]\s*)?", text[close + 1 : end])
    assert m is not None
    dash = bool(m.group(1))
    start = close + 1 + m.end()
    ws = speakers.words.between(start, end)
    if not ws:
        return None
    first = ws[0][2].lower()
    say = _q()["say_after"]
    if first == "деп":
        if len(ws) > 1 and _reading(rd, ws[1])[0] in _q()["naming_verbs"] and "Voice=Pass" in _reading(rd, ws[1])[2]:
            return None  # "«таймер» деп аталатын" (the so-called "timer"): a name given, not words said
        for i in range(1, min(len(ws), 8)):
            k = _match_phrase(ws, i, "reporting", rd)
            if k:
                return ws[0][0], ws[i + k - 1][1], start, end
        return ws[0][0], ws[0][1], start, end
    if first in say or first in _q()["passive"]:
        return ws[0][0], ws[0][1], start, end
    if dash:
        k = _match_phrase(ws, 0, "reporting", rd)
        if k:
            return ws[0][0], ws[k - 1][1], start, end
    return None


def _direct(text: str, sentences: list[tuple[int, int]], speakers: Speakers,
            rd: dict[int, Reading]) -> list[FoundQuote]:
    out: list[FoundQuote] = []
    for o, c in quote_pairs(text):
        content_start, content_end = _trim(text, o + 1, c)
        n_words = len(speakers.words.between(content_start, content_end))
        clause = _after_clause(text, c, sentences, speakers, rd)
        if clause:
            cs, ce, ks, ke = clause
            who = speakers.resolve(ce, ke, o)
            if who.name is None:
                who = speakers.resolve(ks, cs, o)
            if who.name is None:
                # the subject before the quotation, Kazakh's order (subject, the quoted object, деп + verb):
                # "Тоқаев «…» деп айтты"
                k = bisect.bisect_right(sentences, (o, len(text))) - 1
                if k >= 0 and sentences[k][0] < o:
                    who = speakers.resolve(sentences[k][0], o, o)
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
        # the sentence before the opening mark reports it: "Әкім бұл шешімді түсіндірді. «…»"
        ends_sentence = text[content_end : c + 2].strip()[:1] in set(_END) or text[c + 1 : c + 2] in set(_END) \
            or c == len(text)
        said = _said_before(text, o, sentences, speakers, rd) if ends_sentence and n_words >= 4 else None
        if said is not None:
            cs, ce, who = said
            out.append(FoundQuote(content_start, content_end, "direct", text[cs:ce], cs, ce, who))
            speakers.remember(o, who.name)
            continue
        k_s = bisect.bisect_right(sentences, (o, len(text) + 1)) - 1
        opens_sentence = k_s < 0 or not text[sentences[k_s][0] : o].strip(" " + _DASHES)
        if n_words >= 4 and ends_sentence and opens_sentence:
            # a quotation with no reporting clause (a quoted headline, a quotation that goes on from the sentence
            # before, one cut by the end of an excerpt before its cue): attributed after all are found. It is a
            # sentence of its own: marks inside a sentence hold a name ("… айып тағылып отыр - «Лауазымды
            # тұлғаның ірі көлемде пара алуы»": an article of the code), also where the excerpt cuts the sentence
            # (train: one such quotation annotated, one not)
            out.append(FoundQuote(content_start, content_end, "direct", "", c, c))
    return out


@cache
def _agency_names() -> tuple[str, ...]:
    return tuple(sorted(resources.word_list("agencies.txt"), key=len, reverse=True))


def _agency(who: Who) -> Who:
    """An agency credit's speaker is the agency: ``Tengrinews.kz тілшісі Polisia.kz-ке сілтеме жасап`` read as
    one name is Tengrinews.kz (the source it cites is its credit, not the speaker)."""
    name = who.name or ""
    for a in _agency_names():
        if name.startswith(a + " ") and len(name) > len(a):
            return Who(a, who.start, who.start + len(a) if who.start >= 0 else -1)
    return who


def _said_before(text: str, o: int, sentences: list[tuple[int, int]], speakers: Speakers,
                 rd: dict[int, Reading]) -> tuple[int, int, Who] | None:
    """When the sentence right before the opening mark ``o`` ends in a predicate of speech (``… түсіндірді.``,
    ``… мәлімдеді:``), that predicate's span and the speaker its clause names."""
    k = bisect.bisect_left(sentences, (o, -1)) - 1
    if k < 0 or text[sentences[k][1] : o].strip(" .:–—-\n") != "":
        return None
    s, e = sentences[k]
    ws = speakers.words.between(s, e)
    for i in range(max(0, len(ws) - 3), len(ws)):
        n = _speech_at(ws, i, rd)
        if n and i + n == len(ws) - 1 and "VerbForm=Conv" in _reading(rd, ws[i + n - 1])[2] \
                and _reading(rd, ws[-1])[1] in ("VERB", "AUX"):
            n += 1  # a converb of speech with its auxiliary: "түсіндіріп берді", "айтып өтті"
        if n and i + n == len(ws):
            if _reading(rd, ws[i + n - 1])[0] in _q()["question_verbs"]:
                # "журналистер дипломаттан «…?» деп сұрады. «…»": what follows a question is the answer, the one
                # asked (the ablative) speaks
                asked = next((w for w in ws[:i] if case_of(w[2]) == "Abl"), None)
                if asked is None:
                    return None
                who = speakers.resolve(asked[0], asked[1] + 1, o)
                if who.name is None:
                    described = speakers.description(fold_word(asked[2]), o, asked[0], asked[1])
                    who = described if described is not None else Who(None)
                return (ws[i][0], ws[i + n - 1][1], who) if who.name else None
            who = speakers.resolve(s, ws[i][0], o)
            if who.name is None:
                return None
            return ws[i][0], ws[i + n - 1][1], who
    return None


def _complement(word: str, before: str | None = None) -> bool:
    """Whether ``word`` can close a complement clause before a reporting verb (``… екенін айтты``, ``…
    бағалайтынын атап өтті``, ``… жатқаны айтылды``, ``… қол жеткізгені туралы айтты``): the analyser reads it in
    the accusative or dative, or as a verbal noun or participle (the subject of a passive verb: nominative), or
    it is one of the postpositions quotes.toml lists after a clause (``before``, the word before it, a verbal
    noun or participle: ``… салдары туралы хабарлады`` names a topic, not what was said)."""
    if word in _q()["complement_words"]:
        return before is not None and _clause_end(before)
    reading = analyse(word)
    if "VerbForm=Ger" in reading.feats and "Person[psor]" not in reading.feats and reading.lemma not in _q()["copula"] \
            and case_of(word) in ("Nom", None):
        # a bare verbal noun names an action, the verb's object ("іздеу жарияланды": a search was announced;
        # a dative one may: "… жасауға уәде берді"), and closes no clause: a reported clause's verbal noun
        # takes a possessor ("жатқаны", "жасайтынын") or is the copula ("екенін")
        return False
    # a possessed noun in the accusative closes a clause when it names a proposition ("… құралдары барын атап
    # өтті", "… маңызын атап өтті", "… күшейту қажеттігін айтты"), not a thing told or written ("егжей-тегжейін
    # айтты", "ән мәтінін жазған")
    return _clause_end(word) or reading.pos == "NOUN" and case_of(word) == "Acc" and \
        "Person[psor]=3" in reading.feats and reading.lemma in _q()["propositional_nouns"]


def _clause_end(word: str) -> bool:
    """Whether ``word`` ends a nominalised clause: a verbal noun, a participle or the copula (``екені``)."""
    reading = analyse(word)
    return "VerbForm=Ger" in reading.feats or "VerbForm=Part" in reading.feats or reading.lemma in _q()["copula"]


def _reports(text: str, ws: list[tuple[int, int, str]], rd: dict[int, Reading]) -> list[tuple[int, int]]:
    """The predicates of speech in one sentence that close a complement clause, as (word index, words): the one
    that ends the sentence (in its last five words), and, before it, any that end a clause of their own: a
    converb of speech (``айтып,``) or a finite one followed by a comma, a colon or ``және``, after a clause in
    the accusative or dative (``… жасайтынын айтып, …``, ``… екенін мәлімдеді және …``)."""
    out: list[tuple[int, int]] = []
    i = 2
    while i < len(ws):
        k = _match_phrase(ws, i, "indirect_verbs", rd)
        if not k:
            i += 1
            continue
        before_verb = ws[i - 1][2].lower().rstrip('"»”“')
        before_that = ws[i - 2][2].lower().rstrip('"»”“')
        last = i + k == len(ws)
        if last and i >= len(ws) - 5:
            if before_verb != "деп" and (_complement(before_verb, before_that) or ws[i][2].lower().startswith("деп")):
                out.append((i, k))
            break
        end = ws[i + k - 1][1]
        nxt = ws[i + k][2].lower() if i + k < len(ws) else ""
        closes = text[end : end + 1] in (",", ":") or nxt in _q()["coordinators"] \
            or "VerbForm=Conv" in _reading(rd, ws[i + k - 1])[2]
        if closes and case_of(before_verb) in ("Acc", "Dat") and _clause_end(before_verb):
            out.append((i, k))
        i += k
    return out


def _after_conjunction(text: str, cs: int, ce: int, ws: list[tuple[int, int, str]], rd: dict[int, Reading]) -> int:
    """A report's content begins after a coordinating conjunction that joins it to the clause before."""
    k = bisect.bisect_left(ws, (cs, -1, ""))
    if k < len(ws) and ws[k][0] == cs and ws[k][2].lower() in _q()["coordinators"] and ws[k][1] < ce:
        return _trim(text, ws[k][1], ce)[0]
    return cs


def _inside(pos: int, spans: list[FoundQuote]) -> bool:
    """Whether a quotation of ``spans`` (in text order, not nested) holds ``pos``."""
    k = bisect.bisect_right(spans, pos, key=lambda q: q.start)
    return any(spans[j].start <= pos < spans[j].end for j in range(k - 1, max(-1, k - 4), -1))


def _holds_one(spans: list[FoundQuote], s: int, e: int) -> bool:
    """Whether a quotation of ``spans`` (in text order) lies within ``s:e``."""
    k = bisect.bisect_left(spans, s, key=lambda q: q.start)
    return k < len(spans) and spans[k].start < e and spans[k].end <= e


def _n_names(speakers: Speakers, start: int, end: int) -> int:
    """How many names begin in ``start:end``."""
    return bisect.bisect_left(speakers.starts, end) - bisect.bisect_left(speakers.starts, start)


def _source_cue(text: str, s: int, e: int, speakers: Speakers, rd: dict[int, Reading]) -> tuple[int, int] | None:
    """An attribution opening ``text[s:e]`` read off the morphology: a noun of information or speech, or a
    verbal noun of a verb of speech, after the words naming its source, in the equative case before a comma
    (``айтуынша,``, ``сөзінше,``, ``мәліметінше,``, ``нақтылауынша,``), or such a noun before ``сәйкес`` /
    ``бойынша`` and a comma (``Kurs.kz деректеріне сәйкес,``); (cue start, cue end) or None."""
    ws = speakers.words.between(s, e)[:12]
    verbs, _, sources = _speech()
    posts = _q()["speech"]["according_postpositions"]
    for k, w in enumerate(ws):
        lemma, pos, feats = _reading(rd, w)
        known = lemma in sources or pos == "VERB" and lemma in verbs
        if not known or k == 0:  # a source names whose information it is: "Ақпаратқа сәйкес," alone names nobody
            continue
        if "Case=Equ" in feats and text[w[1] : w[1] + 2].lstrip()[:1] == ",":
            return w[0], w[1]
        after = ws[k + 1] if k + 1 < len(ws) else None
        if after is not None and after[2].lower() in posts and text[after[1] : after[1] + 2].lstrip()[:1] == ",":
            return w[0], ws[k + 1][1]
    return None


def _according(text: str, s: int, e: int, according: list[str], speakers: Speakers,
               rd: dict[int, Reading]) -> FoundQuote | None:
    """"Оның айтуынша, …", "Сүлейменовтің сөзінше, …", "президенті атап өткендей, …" in ``text[s:e]``."""
    low = text[s:e].lower()
    spans = []
    by_form = _source_cue(text, s, e, speakers, rd)
    if by_form is not None:
        spans.append(by_form)
    for cue in according:
        idx = low.find(cue)
        if 0 <= idx < 80 and "," in low[idx + len(cue) : idx + len(cue) + 3]:
            spans.append((s + idx, s + idx + len(cue)))
    for cue_s, cue_e in spans[:1]:
        if True:  # the first attribution found: by its form, else by the listed phrases
            # the last clause opening before the cue: the source is named after it
            opening = next(reversed(list(_CLAUSE_OPENING.finditer(text, s, cue_s))), None)
            clause_s = opening.end() if opening is not None else s
            before = speakers.words.between(clause_s, cue_s)
            if len(before) >= 2 and text[before[-1][0] - 1 : before[-1][0]] == "(" and \
                    text[before[-1][1] : before[-1][1] + 1] == ")":
                # "… орталығының (EMSC) деректері бойынша": the abbreviation in brackets repeats the name before it
                before = before[:-1]
            # "Жылыой аудандық полиция бөлімінің баспасөз қызметінің мәліметінше": the press service speaks for the
            # body named before it, which is the source
            before = before[: len(before) - _press_service_words(before)]
            who = Who(None)
            described = bool(before) and speakers.is_description(before[-1][2])
            if before and case_of(before[-1][2]) == "Gen" and len(before) <= 6 and before[0][2][:1].isupper() \
                    and not described:
                # "Жылыой аудандық полиция бөлімінің мәліметінше": the source is the whole noun phrase before
                # the cue, its last word in the genitive (folded to the nominative by the morphology)
                phrase = [w for _, _, w in before]
                phrase[-1] = fold_word(phrase[-1])
                if phrase[-1] != before[-1][2]:
                    who = Who(full_name(" ".join(phrase), speakers.names), before[0][0], before[-1][1])
                    if _n_names(speakers, before[0][0], before[-1][1]) != 1:
                        who = Who(None)
                    if who.name is None and len(phrase) <= 2:
                        # "Комитеттің мәліметінше": a body named by its head noun, the organisation named before
                        # with that head (the same lemma)
                        org = speakers.organisation_by_head(analyse(phrase[-1].lower()).lemma, cue_s)
                        if org:
                            who = Who(org)
            for width in (2, 3, len(before)) if who.name is None else ():
                near = before[-width:]
                if near:
                    who = speakers.resolve(near[0][0], cue_s, s)
                if who.name:
                    break
            if who.name is None and before and before[-1][2][:1].isupper() and case_of(before[-1][2]) == "Gen" \
                    and not described and before[-1][2].lower() not in resources.toml("names.toml")["pronouns"]:
                # "Трамптың айтуынша": the source's name in the genitive, a name the entities missed
                src = before[-1]
                who = Who(speakers.group_body(src[2], cue_s) or full_name(fold_word(src[2]), speakers.names), src[0],
                          src[1])
            comma = text.index(",", cue_e)
            cs, ce = _trim(text, comma + 1, e)
            found = FoundQuote(cs, ce, "indirect", text[cue_s:cue_e], cue_s, cue_e, who)
            if opening is not None:
                _pronoun_is_subject(text, found, s, opening.start(), opening.end(), speakers)
            speakers.remember(s, found.speaker.name)
            return found
    return None


def _press_service_words(ws: list[tuple[int, int, str]]) -> int:
    """How many of the last words of ``ws`` name a press service (names.toml ``press_service``, its last word
    read in the nominative: ``баспасөз қызметінің``) after the words of the body it serves; 0 if none."""
    last = fold_word(ws[-1][2]).lower() if ws else ""
    for service in resources.toml("names.toml")["press_service"]:
        words = service.split()
        if len(ws) > len(words) and [w.lower() for _, _, w in ws[-len(words) : -1]] + [last] == words:
            return len(words)
    return 0


def _pronoun_is_subject(text: str, q: FoundQuote, s: int, clause_end: int, clause_s: int, speakers: Speakers) -> None:
    """An attribution by a pronoun in a later clause of a sentence (``X … түсіндірді: олардың мәліметінше, …``)
    refers to the first clause's subject, when it names one in the nominative."""
    source = text[clause_s : q.cue_start].split()
    if len(source) != 1 or source[0].lower() not in resources.toml("names.toml")["pronouns"]:
        return
    subject = speakers.resolve(s, clause_end, s)
    if subject.name and subject.start >= 0 and not oblique(text[subject.start : subject.end], subject.name):
        q.speaker = subject


# where a sentence's subject is looked for, to remember whom a later "ол" / "оның" refers to: its first words
# (the subject may follow a date and a post: "Бұған дейін 26 наурызда мәжіліс депутаты Бақытжан Базарбек …").
# Measured on the train split: 3 words / 40 characters -> 9 / 100 one speaker more (with the shipped tagger
# and with a KazNERD-only one), the whole sentence one quotation fewer. A subject found past the first three
# words is remembered for pronouns only, not as the source of a later passive report ("блогер Niko_nett пен
# … ерекше назарда. Соңғысы … келгені айтылды" is the agency's report): with it as a source, the 16-article
# gate lost a speaker and the test split a quotation.
_SUBJECT_WORDS, _SUBJECT_CHARS = 8, 100


# where a clause opens inside a sentence, for an attribution at its start (quotes.toml ``clause_openers``)
_CLAUSE_OPENING = re.compile(r"(?::|,\s*(?:" + "|".join(_q()["clause_openers"]) + r"))\s+", re.I)


def _indirect(text: str, sentences: list[tuple[int, int]], speakers: Speakers, direct: list[FoundQuote],
              body_start: int, rd: dict[int, Reading]) -> list[FoundQuote]:
    out: list[FoundQuote] = []
    q = _q()
    agency_re = agency_credit()
    according = sorted(q["according_to"], key=len, reverse=True)
    previous_end = body_start
    for s, e in sentences:  # the title too: read like any other sentence (docs/annotation.md)
        in_direct = _inside(s, direct)
        if not in_direct and _holds_one(direct, s, e):
            previous_end = max(previous_end, e)
            continue
        ws = speakers.words.between(s, e)
        if not ws:
            continue
        if in_direct:
            q_in = _according(text, s, e, according, speakers, rd)
            if q_in:
                out.append(q_in)
            continue
        # "…, - деп хабарлайды Tengrinews.kz": the agency's quotation
        m = agency_re.search(text, s, e)
        if m and m.start() > s:
            said = speakers.resolve(m.end(), e, s)
            at = m.end() + (1 if text[m.end() : m.end() + 1] in _OPEN_ONLY | _AMBIGUOUS else 0)  # "Отырар"
            named = next((a for a in _agency_names() if text.startswith(a, at)), None)
            # the agency named right after the cue is the speaker, whatever the words after it describe
            # ("Tengrinews.kz тілшісі Президент баспасөз қызметіне сілтеме жасап": not the president)
            who = Who(named, at, at + len(named)) if named and said.start != at else _agency(said)
            credit = None
            if who is not said and who.end >= 0:
                # the words after the agency name the source it cites ("тілшісі ҚМА-ға сілтеме жасап")
                cited = speakers.resolve(who.end, e, s)
                credit = cited if cited.name else Who(said.name, who.end, said.end)
            cs, ce = _trim(text, s, m.start())
            out.append(FoundQuote(cs, ce, "indirect", m.group(1), m.start(1), m.end(1), who, credit=credit))
            e_inner = m.start()
            ws = speakers.words.between(s, e_inner)
            if not ws:
                continue
        else:
            e_inner = e
        # "Оның айтуынша, …" / "Сүлейменовтің сөзінше, …"
        q_acc = _according(text, s, e_inner, according, speakers, rd)
        if q_acc is None:
            # an attribution opening a later clause: after a colon or a contrasting conjunction ("…
            # түсіндірді: олардың мәліметінше, …", "…, бірақ сарапшылардың пікірінше, …")
            for m_b in _CLAUSE_OPENING.finditer(text, s, e_inner):
                q_acc = _according(text, m_b.end(), e_inner, according, speakers, rd)
                if q_acc:
                    _pronoun_is_subject(text, q_acc, s, m_b.start(), m_b.end(), speakers)
                    break
        if q_acc:
            out.append(q_acc)
            previous_end = e
            continue
        # "Бұл туралы X айтты": X said what came before
        opening = next((n for n in (3, 2, 1) if " ".join(w for _, _, w in ws[:n]).lower() in q["about_this"]), 0)
        if opening and len(ws) > opening:
            for i in range(len(ws) - 1, opening - 1, -1):
                k = _match_phrase(ws, i, "reporting", rd)
                if k:
                    who = speakers.resolve(ws[opening][0], ws[i][0], s)
                    k_s = bisect.bisect_left(sentences, (s, -1))
                    prev = [x for x in sentences[max(0, k_s - 3) : k_s] if x[1] <= s and x[0] >= previous_end]
                    # the sentence right before is an agency credit's ("…, - деп хабарлайды X."), however the
                    # sentences before it were read
                    before = sentences[k_s - 1] if k_s > 0 else None
                    credited = out[-1] if out and before is not None and before[0] <= out[-1].cue_start < before[1] \
                        and out[-1].end <= s and out[-1].cue.lower() in q["agency_cues"] else None
                    if credited is not None:
                        # the sentence before is an agency credit's: X said what the agency credits
                        prev = [(credited.start, credited.end)]
                    if prev and who.name:
                        cs, ce = _trim(text, prev[0][0], prev[-1][1])
                        out.append(FoundQuote(cs, ce, "indirect", text[ws[i][0] : ws[i + k - 1][1]], ws[i][0],
                                              ws[i + k - 1][1], who))
                        speakers.remember(s, who.name)
                    elif who.name and who.start >= 0:
                        # what came before is quoted already: X is still who speaks next ("… мәлімдеді. Бұл туралы
                        # корпустың өкілі Сардар Наини хабарлады. «…»")
                        speakers.remember(s, who.name)
                        if out and before is not None and before[0] <= out[-1].cue_start < before[1] \
                                and any(out[-1].cue.lower().startswith(p) for p in q["passive"]):
                            # "… әкелетіні хабарланды. Бұл туралы … Мәлік Хасенов мәлімдеді": X made the report
                            # the sentence before told in the passive
                            out[-1] = replace(out[-1], speaker=who)
                    break
            previous_end = e
            continue
        # "… екенін айтты": a complement clause closed by a reporting verb; a sentence may hold more than one,
        # coordinated ("X … жасайтынын айтып, … екенін мәлімдеді")
        reports = _reports(text, ws, rd)
        found = reports[-1] if reports else None
        if found:
            clause_start = s
            first_who: Who | None = None
            for i, k in reports:
                verb = text[ws[i][0] : ws[i + k - 1][1]]
                passive = any(verb.lower().startswith(p) for p in q["passive"]) or \
                    "Voice=Pass" in _reading(rd, ws[i + k - 1])[2]
                if passive:
                    who = Who(speakers.last_speaker(s))
                elif first_who is None:
                    who = speakers.resolve(clause_start, ws[i][0], s)
                else:
                    # a coordinated report shares the first one's subject unless its own clause opens with one
                    head = [w for w in ws if clause_start <= w[0] < ws[i][0]][:3]
                    who = speakers.resolve(clause_start, head[-1][1], s) if head else Who(None)
                    if who.name is None or who.start < 0 or oblique(text[who.start : who.end], who.name):
                        who = first_who
                if who.name is None and passive:
                    clause_start = ws[i + k - 1][1]
                    continue
                content_start = clause_start
                if who.name is not None and clause_start <= who.start and who.end <= ws[i][0] \
                        and case_of(text[who.start : who.end].split()[-1]) in ("Nom", None):
                    # the reported content is what follows its speaker's whole noun phrase
                    content_start = _speaker_phrase_end(text, who.end, ws, rd)
                if who.name is None:
                    who = Who(speakers.last(s))
                content_end = ws[i][0]
                cs, ce = _trim(text, content_start, content_end)
                cs = _after_conjunction(text, cs, ce, ws, rd)
                if ce > cs:
                    out.append(FoundQuote(cs, ce, "indirect", verb, ws[i][0], ws[i + k - 1][1], who))
                    speakers.remember(s, who.name)
                first_who = first_who or (who if who.name else None)
                clause_start = ws[i + k - 1][1]
        elif s >= body_start:
            # a sentence's subject becomes the person "ол" refers to (the title's does not: the body introduces
            # its people again)
            subject = speakers.resolve(s, min(e, ws[min(_SUBJECT_WORDS, len(ws) - 1)][1]), s)
            if subject.name and subject.start >= 0 and subject.start - s < _SUBJECT_CHARS and \
                    not oblique(text[subject.start : subject.end], subject.name) and \
                    any(n.label == "PERSON" and n.start <= subject.start < n.end for n in speakers.names):
                speakers.remember(s, subject.name, subject=subject.start >= ws[min(2, len(ws) - 1)][1], said=False)
        previous_end = max(previous_end, e) if found else previous_end
    return out


def _headline(text: str, title: tuple[int, int], direct: list[FoundQuote], speakers: Speakers,
              rd: dict[int, Reading]) -> list[FoundQuote]:
    """Quotations a title gives in a headline's shorthand (docs/annotation.md, revision 6: "A headline `… - БАҚ`
    or `Name: …` has the dash or colon as cue"): ``«…»: Name …`` and ``… : Name … <verb of speech>`` (the part
    before the colon is what the speaker after it said), ``Name: …`` (a name alone before the colon), and
    ``… - БАҚ`` (a source after a final dash). A speaker the title only describes (``генерал``) is the first
    person the body names."""
    t0, t1 = title
    if _holds_one(direct, t0, t1):
        return []
    line = text[t0:t1]
    ws = speakers.words.between(t0, t1)
    if len(ws) < 3:
        return []
    out: list[FoundQuote] = []
    opened = _quoted_opening(text, t0, t1, ws)
    if opened is not None:
        # "«Нағыз триумф»: Тоқаев … марапаттады", "“Өте бақыттымын“. Софья Самоделкина …": the quoted words are
        # what the subject after them said (docs/annotation.md, revision 6)
        cs, ce, c = opened
        after = [w for w in ws if w[0] > c]
        who = speakers.resolve(after[0][0], after[min(2, len(after) - 1)][1], c)
        if who.start != after[0][0] or oblique(text[who.start : who.end], who.name or ""):
            who = Who(None)
        return [FoundQuote(cs, ce, "direct", text[c], c, c + 1, who)]
    colon = line.find(": ")
    if colon > 0:
        c = t0 + colon
        before = [w for w in ws if w[1] <= c]
        after = [w for w in ws if w[0] > c]
        alone = speakers.resolve(t0, c, t0) if len(before) <= 3 else Who(None)
        if alone.name and alone.start == before[0][0] and alone.end >= before[-1][1] - 3 and len(after) >= 3:
            # "Тоқаев: Елдің әлемдегі орны …"
            cs, ce = _trim(text, c + 1, t1)
            return [FoundQuote(cs, ce, "direct", ":", c, c + 1, alone)]
        # the part after the colon: its speaker first, its active predicate of speech last ("генерал … пікір
        # білдірді"); not a report of its own ("… деп мәлімдеді"), a passive ("… жарияланды") or a question
        said = any(_speech_at(after, i, rd) and i + _speech_at(after, i, rd) == len(after)
                   and "Voice=Pass" not in _reading(rd, after[-1])[2]
                   for i in range(max(0, len(after) - 2), len(after)))
        said = said and not any(w[2].lower() == "деп" for w in after) and not line.rstrip().endswith("?")
        who = speakers.resolve(after[0][0], after[min(2, len(after) - 1)][1], c) if said else Who(None)
        if said and (who.name is None or who.start != after[0][0]) and speakers.is_description(after[0][2]):
            who = _first_person_after(speakers, t1)
        elif who.start != (after[0][0] if after else -2) or oblique(text[who.start : who.end], who.name or ""):
            said = False
        if len(before) >= 2 and after and said and who.name:
            cs, ce = _trim(text, t0, c)
            if text[cs] in _OPEN_ONLY | _AMBIGUOUS and text[ce - 1] in _CLOSE_ONLY | _AMBIGUOUS:
                cs, ce = cs + 1, ce - 1
            out.append(FoundQuote(cs, ce, "direct", ":", c, c + 1, who))
            return out
    dash = max(line.rfind(" - "), line.rfind(" – "), line.rfind(" — "))
    if dash > 0:
        d = t0 + dash + 1
        source = [w for w in ws if w[0] > d]
        if 1 <= len(source) <= 2 and source[0][2][:1].isupper() and \
                (source[0][2].lower() in _q()["media_words"] or speakers.resolve(source[0][0], t1, d).name):
            who = speakers.resolve(source[0][0], t1, d)
            cs, ce = _trim(text, t0, d)
            out.append(FoundQuote(cs, ce, "indirect", text[d : d + 1], d, d + 1,
                                  who if who.name else Who(source[0][2], source[0][0], source[-1][1])))
    return out


def _quoted_opening(text: str, t0: int, t1: int, ws: list[tuple[int, int, str]]) -> tuple[int, int, int] | None:
    """A title that opens with quoted words closed by a colon or a full stop and goes on (``«…»: Name …``): the
    quoted words' span and the colon's or stop's offset. At least two words inside (``«Қайрат»: …`` names a
    club) and two after."""
    if text[t0] not in _OPEN_ONLY | _AMBIGUOUS:
        return None
    close = next((j for j in range(t0 + 1, t1) if text[j] in _CLOSE_ONLY | _AMBIGUOUS), None)
    if close is None or close + 1 >= t1 or text[close + 1] not in ":.":
        return None
    inside = [w for w in ws if t0 < w[0] and w[1] <= close]
    after = [w for w in ws if w[0] > close + 1]
    if len(inside) < 2 or len(after) < 2:
        return None
    return t0 + 1, close, close + 1


def _first_person_after(speakers: Speakers, pos: int) -> Who:
    """The first person named after ``pos`` (a title's description: the body names the person)."""
    k = bisect.bisect_left(speakers.starts, pos)
    person = next((n for n in speakers.names[k : k + 30] if n.label == "PERSON"), None)
    return Who(full_name(person.name, speakers.names), person.start, person.end) if person else Who(None)


def find_quotes(doc: Doc) -> list[FoundQuote]:
    """Direct and indirect quotations in ``doc``, in text order."""
    text = doc_text(doc)
    sentences = _sentences(doc)
    names = names_in(doc)
    speakers = Speakers(doc, names)
    clean = doc._.habar_clean if doc.has_extension("habar_clean") else None
    body_start = clean.title_span[1] if clean is not None and clean.title_span else 0
    rd = _readings(doc)
    direct = _direct(text, sentences, speakers, rd)
    if clean is not None and clean.title_span:
        direct = sorted(direct + _headline(text, clean.title_span, direct, speakers, rd), key=lambda x: x.start)
    indirect = _indirect(text, sentences, speakers, direct, body_start, rd)
    # in text order; two quotations of one content (an agency credit and a "Бұл туралы X айтты") by their cues
    found = sorted(direct + indirect, key=lambda x: (x.start, x.cue_start))
    agencies = agency_keys() | set(_q()["document_speakers"])
    counts = Counter(q.speaker.name for q in found if q.speaker.name and q.speaker.name.lower() not in agencies)
    main = counts.most_common(1)[0][0] if counts else None
    out: list[FoundQuote] = []
    documents = frozenset(_q()["document_speakers"])
    for q in found:
        if q.speaker.name and q.speaker.name.lower() in documents:
            issuer = _issued_by(q, out, sentences, speakers, agencies | documents, body_start)
            if issuer is not None:
                q = replace(q, speaker=issuer, description=q.speaker.name)
        if not q.cue and q.speaker.name is None:
            # a quotation with no reporting clause continues the one quoted last (not the agency that credits
            # the whole article), else the one the article quotes most
            last = next((p.speaker for p in reversed(out) if p.speaker.name
                         and p.speaker.name.lower() not in agencies), None)
            # (or the speaker named since, reporting what was quoted before: "Бұл туралы … өкілі Сардар Наини
            # хабарлады. «…»"); a sentence's mere subject is not taken: that cost a speaker of the 16-article gate
            told = speakers.last_quoted(q.start, skip=agencies)
            if told and (last is None or told != last.name):
                last = Who(told)
            q = replace(q, speaker=last or Who(main))
        out.append(q)
    return out


def _issued_by(q: FoundQuote, before: list[FoundQuote], sentences: list[tuple[int, int]], speakers: Speakers,
               skip: frozenset[str] | set[str], body_start: int = 0) -> Who | None:
    """The body a statement speaks for (``«…», - делінген хабарламада``: docs/annotation.md, "the document or body
    named nearby"): the speaker of a quotation reported in the two sentences before it, else the subject of one
    of those sentences (a name in the nominative among its first words), else the organisation that is the
    subject of the article's lead (``БЖЗҚ … атады, - деп хабарлайды …``: the body whose statement the article
    reports), else None (the description stays)."""
    k = bisect.bisect_right(sentences, (q.start, len(speakers.text) + 1)) - 1
    window = sentences[max(0, k - 2) : k + 1] if k >= 0 else []
    if not window:
        return None
    first = window[0][0]
    for p in reversed(before):
        if p.cue_end <= first:
            break
        if p.speaker.name and p.speaker.name.lower() not in skip and p.cue_end <= q.start:
            return p.speaker
    own = window[-1][0], max(window[-1][0], q.start - 1)  # the words before the quotation in its own sentence
    lead = next(((s, e) for s, e in sentences if s >= body_start), None)
    # a letter or a telegram is a person's as well as a body's ("Мемлекет басшысы … жеделхат жолдады. «…», – деп
    # жазылған жеделхатта")
    labels = ("ORGANISATION", "ORG", "PERSON") if (q.speaker.name or "").lower() in _q()["letters"] \
        else ("ORGANISATION", "ORG")
    for s, e in [own, *reversed(window[:-1]), *([lead] if lead and lead[1] <= q.start else [])]:
        subject = speakers.subject(s, e, labels)
        if subject is not None and subject.name and subject.name.lower() not in skip \
                and subject.name.split()[0].lower() not in skip:
            return subject
    return None


@Language.component("habar_quotes", assigns=["doc._.habar_quotes"],
                    requires=["token.is_sent_start", "token.lemma", "token.morph", "doc._.habar_entities"])
def habar_quotes(doc: Doc) -> Doc:
    """Find the quotations and link each speaker to the entity it is."""
    quotes = kazakh_only(doc, find_quotes)  # the sentences in Kazakh only
    for q in quotes:
        issuer = _issuer(doc, q)
        if issuer is not None:
            # "… делінген хабарламада": the statement speaks for the body that issued it (docs/annotation.md)
            q.entity, linked = link_entity(issuer.start, issuer.end, doc, issuer.name)
            q.speaker_name = linked or issuer.name
            continue
        if q.speaker.start >= 0 or q.speaker.name:
            q.entity, linked = link_entity(q.speaker.start, q.speaker.end, doc, q.speaker.name)
            # the linked entity's canonical name (the contract), else the name this stage resolved
            q.speaker_name = linked or q.speaker.name
    doc._.habar_quotes = quotes
    return doc


def _issuer(doc: Doc, q: FoundQuote) -> Name | None:
    """For a quotation whose speaker is a document (``хабарламада делінген``), the organisation that issued it:
    the one the agency credit cites (``ТЖМ-ға сілтеме жасап``). None when the speaker is no document or the
    article credits no named body."""
    if not q.speaker.name or q.speaker.name.lower() not in _q()["document_speakers"]:
        return None
    agencies = agency_keys()
    orgs = [n for n in names_in(doc) if n.label == "ORGANISATION" and n.name.lower() not in agencies
            and n.name.split()[0].lower() not in agencies]
    clean = doc._.habar_clean if doc.has_extension("habar_clean") else None
    cited = clean.agency_cites if clean is not None else None
    if cited:
        match = next((n for n in orgs if n.name == cited or n.name.startswith(cited)), None)
        if match is not None:
            return match
    return None


def quotes_to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.quotes``, as the component found and linked them."""
    text = doc_text(doc)
    fields["quotes"] = [{
        "speaker": {"entity": q.entity, "name": q.speaker_name, "description": q.description},
        "cue": q.cue, "kind": q.kind, "start": q.start, "end": q.end, "text": text[q.start : q.end],
        "cue_span": {"start": q.cue_start, "end": q.cue_end},
    } for q in doc._.habar_quotes or []]
