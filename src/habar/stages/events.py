"""The events stage: who did what, with whom, where and when (spaCy component ``habar_events``).

Each event type (visit, meeting, agreement, ...) has trigger word sequences in ``resources/events.toml``,
matched on lemmas when the morphology stage gave them and on word beginnings otherwise, so ``қол қойылды``,
``қол қойды`` and ``қол қоюы`` all trigger an agreement. An event's evidence is the sentence (or the
``;``-separated clause) holding the trigger; its actor is the clause's subject (a name, a pronoun, a
description, or the speaker for ``біз``/``мен`` inside a quotation) and its counterparts the other names in
the clause. The date is the clause's time expression, resolved in the converter; an event is planned when
a future verb from the data follows the trigger or its date lies after the publication date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from habar import resources
from habar.morph.analyser import analyse
from habar.morph.names import case_of, fold_word
from habar.stages.kazakh import kazakh_only
from habar.stages.names import Name, full_name, link_entity, names_in
from habar.stages.speakers import FoundQuote, Speakers, agency_credit
from habar.stages.tokens import doc_text, token_rows

if not Doc.has_extension("habar_events"):
    Doc.set_extension("habar_events", default=None)


@dataclass
class FoundEvent:
    type: str
    cameo: str | None
    start: int
    end: int
    trigger: str
    trigger_start: int
    actors: list[Name] = field(default_factory=list)
    counterparts: list[Name] = field(default_factory=list)
    place: str | None = None
    planned: bool = False
    clause: int = 0
    dated: bool = False
    passive: bool = False  # the trigger's verb is passive (Voice=Pass): its subject undergoes the event
    dateline: str | None = None
    first_start: int = 0  # where the clause's first trigger of this type begins
    adjunct: bool = False  # the trigger is a postposition's complement ("жол апатынан кейін"): a time for another
    described: bool = False  # a body or a post named by a common noun is the clause's subject ("Сот … шешті")
    lemmas: list[str] = field(default_factory=list)  # the trigger's words, by lemma where the morphology gave one
    person: str | None = None  # the grammatical person of the finite verb that tells the event, where it has one
    advice: bool = False  # a recommendation ("… енгізуі керек"): the act of the one who says it, whoever must act


@cache
def _data() -> dict[str, Any]:
    return resources.toml("events.toml")


@cache
def _quotes_data() -> dict[str, Any]:
    return resources.toml("quotes.toml")


def word_forms(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start, end, lower-case word, lemma) of each word; the lemma is '' until the morphology stage sets one.

    A trigger stem matches the word's beginning or, when there is one, the lemma's: this is the one switch
    between lemma matching and the stem-prefix fallback.
    """
    return [(r.start, r.end, r.text.lower(), r.lemma.lower() if r.lemma and r.lemma != r.text else "")
            for r in token_rows(doc) if not (r.space or r.punct)]


def _match_one(form: str, lemma: str, surface: str, stem: str) -> bool:
    if stem == "@NAME":
        return surface[:1].isupper()
    if stem == "@NUM":
        return surface[:1].isdigit()
    if stem.startswith("="):
        return stem[1:] in (form, lemma)
    if stem.startswith("~"):
        return (lemma or form) == stem[1:]  # the lemma itself, in every tense, person and voice
    return form.startswith(stem) or bool(lemma) and lemma.startswith(stem)


def _matches(text: str, forms: list[tuple[int, int, str, str]], i: int, stems: list[str], first: int = 0) -> bool:
    """Whether the words from ``i`` on match ``stems`` (from its ``first`` stem on: the first word's stem is
    found by :func:`_first_word_hits`)."""
    if i + len(stems) > len(forms):
        return False
    for k in range(first, len(stems)):
        start, end, form, lemma = forms[i + k]
        if not _match_one(form, lemma, text[start:end], stems[k]):
            return False
    return True


def _clauses(doc: Doc) -> list[tuple[int, int]]:
    separators = "|".join(re.escape(x) for x in _data()["clauses"]["separators"])
    out = []
    text = doc_text(doc)
    for sent in doc.sents:
        ws = [t for t in sent if not t.is_space]
        if not ws:
            continue
        s, e = ws[0].idx, ws[-1].idx + len(ws[-1].text)
        start = s
        for m in re.finditer(separators, text[s:e]):
            out.append((start, s + m.start()))
            start = s + m.end()
        out.append((start, e))
    return out


def find_events(doc: Doc) -> list[FoundEvent]:
    """Events in ``doc``, one per type and clause, in text order."""
    text = doc_text(doc)
    forms = word_forms(doc)
    tokens = [doc[r.i] for r in token_rows(doc) if not (r.space or r.punct)]  # the Token of each of ``forms``
    starts = [f[0] for f in forms]

    def next_token(offset: int) -> Token | None:
        """The first word starting at or after ``offset``."""
        k = bisect.bisect_left(starts, offset)
        return tokens[k] if k < len(tokens) else None

    def words_after(offset: int, end: int) -> list[Token]:
        """The words starting at or after ``offset`` and before ``end`` (at most three: what follows a name)."""
        k = bisect.bisect_left(starts, offset)
        return [t for t in tokens[k : k + 3] if t.idx < end]
    names = names_in(doc)
    speakers = Speakers(doc, names)
    quotes: list[FoundQuote] = sorted(doc._.habar_quotes or [] if doc.has_extension("habar_quotes") else [],
                                      key=lambda q: q.start)
    for q in quotes:
        speakers.remember(q.cue_start, q.speaker.name)
    types = _data()["types"]
    clean = doc._.habar_clean if doc.has_extension("habar_clean") else None
    body_start = clean.title_span[1] if clean is not None and clean.title_span else 0
    dateline = clean.dateline if clean is not None else None
    if dateline is None:
        dateline = _lead_place(doc, text, names, next_token)
    out: list[FoundEvent] = []
    masked = _masked(forms)
    # a word of a person's name is no trigger ("Исраил Сапарбай" is not a сапар, a visit)
    in_names = {t.idx for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    posts = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "POSITION"]
    # what, never who: a name inside the tagger's mention of an event, product, law or work ("XXV Қысқы Олимпиада
    # ойындарының", "СТОП-несие функциясы")
    things = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _data()["roles"]["things"]]
    times = doc._.habar_dates if doc.has_extension("habar_dates") and doc._.habar_dates else []
    index = _trigger_index()
    nouns = resources.toml("names.toml")
    kinds = set(nouns["body_nouns"]) | set(nouns["person_nouns"]) | set(_data()["participants"]["kinds"])
    agency_re = agency_credit()
    word = 0
    for clause_no, (s, e) in enumerate(_clauses(doc)):
        while word < len(forms) and forms[word][0] < s:
            word += 1
        if e <= body_start:
            continue
        credit = agency_re.search(text, s, e)
        if credit:
            e = credit.start()
        end_word = word
        while end_word < len(forms) and forms[end_word][0] < e:
            end_word += 1
        idx = list(range(word, end_word))
        if not idx:
            continue
        hits: list[tuple[int, int, int, str, list[str]]] = []  # (first word, length, type order, type, trigger)
        for i in idx:
            if i in masked:
                continue
            for order, etype, trig in _first_word_hits(index, forms[i][2], forms[i][3], text[forms[i][0]]):
                if forms[i][0] in in_names and not trig[0].startswith("@"):
                    continue
                if i + len(trig) - 1 <= idx[-1] and _matches(text, forms, i, trig, 1) and not _auxiliary(forms, i) \
                        and _context_holds(types[etype], trig, forms, idx):
                    hits.append((i, len(trig), order, etype, trig))
        # a trigger that states no fact (negated, conditional, modal, ...) is set aside before one trigger per type
        # is chosen: "… айырылса, қалғандары … сотталды" (if some were deprived, the rest were sentenced) tells
        # the sentence of the second clause, which the longer conditional trigger must not hide
        # the words of such a trigger state no fact under a shorter reading either ("жоғалып кеткен адамды": the
        # attributive participle, not the converb "жоғалып")
        unfacts = [h for h in hits if _not_a_fact(doc, text, tokens, h[0], h[4], e)
                   or _unsaid(h[3], h[4], forms[h[0]][0], quotes)]
        hits = [h for h in hits if not any(u[0] <= h[0] and h[0] + h[1] <= u[0] + u[1] for u in unfacts)]
        chosen: list[tuple[int, int, int, str, list[str]]] = []
        for hit in sorted(hits, key=lambda h: (-h[1], h[2], h[0])):
            i, n, _, etype, _ = hit
            if any(c[3] == etype or (c[0] < i + n and i < c[0] + c[1]) for c in chosen):
                continue
            chosen.append(hit)
        for i, n, _, etype, trig in sorted(chosen):
            # the trigger's own CAMEO code ([types.X.codes]: "қамауға ал" 173, "үкім шығар" 172), else the type's
            code = types[etype].get("codes", {}).get(" ".join(trig)) or types[etype].get("cameo") or None
            ev = FoundEvent(etype, code, s, e, text[forms[i][0] : forms[i + n - 1][1]], forms[i][0])
            ev.lemmas = [forms[k][3] or forms[k][2] for k in range(i, i + n)]
            ev.planned = _planned(tokens, i, n, s, e, etype)
            ev.place = ev.dateline = dateline
            ev.clause = clause_no
            ev.dated = any(s <= t.start < e for t in times)
            ev.passive = _passive(tokens, i, n, e)
            ev.person = _person(tokens, i, n, e)
            ev.advice = trig in types[etype].get("said_only", [])
            ev.described = any(t.idx >= s and t.pos_ == "NOUN" and _feats(t, "Case") in (["Nom"], [])
                               and t.lemma_.lower() in kinds for t in tokens[max(0, i - 8) : i])
            after = tokens[i + n] if i + n < len(tokens) and tokens[i + n].idx < e else None
            ev.adjunct = after is not None and (after.lemma_.lower() in _data()["merge"]["adjunct_words"]
                                                or after.text.lower() in _data()["merge"]["adjunct_words"])
            # the first word of this type in the clause ("сапары … зиярат етуден"): a genitive before it is
            # the subject of the nominal trigger
            ev.first_start = min(forms[h[0]][0] for h in hits if h[3] == etype)
            _participants(ev, text, names, speakers, quotes, next_token, words_after, posts, things)
            out.append(ev)
    required = set(_data()["participants"]["required"])
    # a body or a post named by a kind ("Сот … шақырды", "Министр … құттықтады") is someone one can name
    kept = [ev for ev in _merge(out) if ev.type not in required or ev.actors or ev.counterparts or ev.described]
    for ev in kept:
        if ev.type in _data()["roles"]["no_counterpart"]:
            # read after the merges, which tell a retold happening by the names of its clause
            ev.counterparts = []
    return kept


def _context_holds(spec: dict[str, Any], trigger: list[str], forms: list[tuple[int, int, str, str]],
                   idx: list[int]) -> bool:
    """A trigger listed in its type's ``context`` table fires only in a clause holding one of the words listed
    there (a word or lemma beginning with it): a verb of change (``өсті``, ``төмендеді``, ``асты``) is an economic
    fact only where a price, a rate or a sum is named (``бағасы … өскен``, ``қарызы 92 миллиард теңгеден асты``).
    One listed in its type's ``unless`` table does not fire in a clause holding one of the words listed there."""
    key = " ".join(trigger)
    bar = tuple(spec.get("unless", {}).get(key, ()))
    if bar and any(forms[k][2].startswith(bar) or forms[k][3].startswith(bar) for k in idx):
        return False  # "… жазасы тағайындалды": a punishment assigned, not a post
    need = spec.get("context", {}).get(key)
    if not need:
        return True
    words = tuple(w for w in need if not w.startswith("="))
    whole = {w[1:] for w in need if w.startswith("=")}  # "=үкім": that word or lemma itself (not Үкімет)
    return any(words and (forms[k][2].startswith(words) or forms[k][3].startswith(words))
               or forms[k][2] in whole or forms[k][3] in whole for k in idx)


def _feats(t: Token, key: str) -> list[str]:
    """The values of one morphological feature of a token (``[]`` when it has none)."""
    return list(t.morph.get(key, []))


def _not_a_fact(doc: Doc, text: str, tokens: list[Token], i: int, trigger: list[str],
                clause_end: int) -> str | None:
    """Why ``trigger``, matched from word ``i``, states no event that happened, or None when it does.

    Read off the morphology stage's features of the trigger's last word and the word after it:
    - negated: the verb is negative (``келмеді``, ``қол қойылмады``: Polarity=Neg), or a negator follows the
      participle or noun (``келген жоқ``, ``сапар емес``), or a nominal trigger's verb is negative
      (``кездесу өтпеді``); the negative suffix must lie after the trigger's stem: ``бастамасын`` is
      бастама+сы+н (an initiative), which the analyser may also read as баста+ма+сын;
    - conditional: ``келсе`` (Mood=Cnd) is a hypothesis; so is a modal after the verbal noun (``баруы керек``,
      ``өтуі мүмкін``, ``баруға болады``: :func:`_modal`);
    - question: a question particle follows (``келді ме``) or the next sentence-final mark after the trigger is
      ``?`` with no quotation opening before it;
    - an aspect auxiliary after a converb (``жүргізіп жатыр``) carries these features for the verb;
    - possessor: a nominal trigger in the genitive (``соғыстың салдарынан``, ``жарылыстың себебі``) names the
      event as the owner of another noun, as a topic, not as a happening the clause tells;
    - attributive participle: ``тағайындалған судьялар``, ``тергеу жүргізіп жатқан органдар``: a participle
      without a case ending before a noun describes that noun; when the noun phrase names nobody (no proper
      name in it) the event has no participant one could name, so it is a class description, not an event
      (``Астанаға келген ... президенті Масацугу Асакава`` names one and stays).
    """
    spec = _data()["not_a_fact"]
    last = tokens[i + len(trigger) - 1]
    stem = trigger[-1].lstrip("=~")
    word = last.text.lower()
    own_negation = bool(re.search(r"[мбп][ае]", word[len(stem) :] if word.startswith(stem) else word))
    after = []  # the words after the trigger in its clause (not the rest of the article: that was quadratic)
    for t in doc[last.i + 1 :]:
        if t.idx >= clause_end:
            break
        if not t.is_space:
            after.append(t)
    while after and "Conv" in _feats(last, "VerbForm") and after[0].idx < clause_end \
            and (after[0].pos_ == "AUX" or after[0].lemma_.lower() in spec["auxiliaries"]):
        last, after = after[0], after[1:]  # "жүргізіп жатқан", "келіп отыр": the auxiliary carries the form
    nxt = after[0] if after and after[0].idx < clause_end else None
    nxt_word = nxt.text.lower() if nxt is not None else ""
    if "Neg" in _feats(last, "Polarity") and (own_negation or last is not tokens[i + len(trigger) - 1]) \
            or nxt_word in spec["negators"] \
            or nxt is not None and last.pos_ == "NOUN" and nxt.pos_ in ("VERB", "AUX") \
            and "Neg" in _feats(nxt, "Polarity"):
        return "negated"
    if "Cnd" in _feats(last, "Mood") or last.pos_ == "NOUN" and nxt is not None and nxt.pos_ in ("VERB", "AUX") \
            and "Cnd" in _feats(nxt, "Mood"):
        return "conditional"  # "қол қойса"; a nominal trigger's verb too: "сомасы бір миллион теңгеден асса"
    if nxt is not None and nxt.lemma_.lower() in spec["intent_verbs"] and set(_feats(last, "Case")) & {"Acc", "Dat"} \
            and (last.pos_ == "NOUN" or "Ger" in _feats(last, "VerbForm")):
        return "intended"  # "кездесу өткізуді ұсындық", "келіссөзге шақырды": what is proposed or asked for
    modal = _modal(doc, last, clause_end, spec)
    if modal:
        return modal
    progressive = "Loc" in _feats(last, "Case") and (nxt is None or nxt.is_punct) \
        or nxt is not None and (nxt.lemma_.lower() in spec["consequence_words"]  # "апатқа ұшырауы салдарынан"
                                or nxt_word.startswith(tuple(spec["consequence_words"])))
    if last.pos_ == "VERB" and set(_feats(last, "VerbForm")) & {"Ger", "Inf"} and not _feats(last, "Tense") \
            and not (nxt is not None and nxt.pos_ in ("VERB", "AUX")) and not progressive:
        # "өлтіру фактілері", "сайлау тәртібіне": the action named, not told as done; a verbal noun in the
        # locative ending the clause is the progressive predicate ("іске қосуда", "тергеу жүргізілуде")
        return "verbal noun"
    if last.pos_ == "VERB" and _feats(last, "Tense") and "Plur" in _feats(last, "Number") and _feats(last, "Case") \
            and not _feats(last, "Person[psor]"):
        return "class"  # "сотталғандардың бірі": a participle used as a plural noun names people, not an event
    # a nominal trigger's verb carries the form ("жол апатына түскені туралы ақпарат тараған")
    told, after_told = (after[0], after[1:]) if last.pos_ == "NOUN" and nxt is not None and nxt.pos_ == "VERB" \
        else (last, after)
    if after_told and after_told[0].lemma_.lower() in spec["topic_words"] and _feats(told, "Person[psor]") \
            and set(_feats(told, "VerbForm")) & {"Part", "Ger"} \
            and any(t.lemma_.lower() in spec["hearsay_verbs"] for t in after_told[1:5]):
        return "hearsay"  # "… қайтыс болғаны туралы хабар тарады": what a rumour says, not told as a fact
    if last.pos_ == "NOUN" and _feats(last, "Case") == ["Gen"]:
        return "possessor"  # "соғыстың салдары", "саммиттің қорытындысы": the event owns another noun, named, not told
    if nxt_word in spec["question_particles"]:
        return "question"
    rest = text[last.idx + len(last.text) : clause_end]  # not doc.text: spaCy joins every token on each read
    final = re.search(r"[.!?]", rest)
    if final and final.group() == "?" and not re.search(r"[«“„\"]", rest[: final.start()]):
        return "question"  # not when a quotation opens first: "келді, «… өтеді?» деп сұрады" asks something else
    if "Part" in _feats(last, "VerbForm") and not _feats(last, "Case") and nxt is not None \
            and nxt.pos_ in spec["attributive_heads"]:
        phrase = []
        for t in after[: spec["head_phrase_words"]]:
            if t.pos_ not in spec["attributive_heads"] or t.idx >= clause_end:
                break
            phrase.append(t)
            if _feats(t, "Case") and _feats(t, "Case") != ["Nom"] and _feats(t, "Case") != ["Gen"]:
                break  # the phrase's head, in its case: the noun phrase ends here
        if not any(t.pos_ == "PROPN" or t.text[:1].isupper() for t in phrase):
            return "attributive"
    return None


def _planned(tokens: list[Token], i: int, n: int, clause_start: int, clause_end: int, etype: str) -> bool:
    """Whether the trigger matched from word ``i`` (``n`` words) tells of something still to come, read off the
    morphology stage's features of the verb that carries it (the trigger's last word, or the first verb after
    it in the clause) and the lemmas around it:

    - the future of intention ``-мақ/-бақ/-пақ`` (``Tense=Fut``: ``қол қойылмақ``, ``өтпек``);
    - the present-future ``-а/-е/-й`` of the 3rd person (``Aspect=Hab``, ``Tense=Pres``: ``өтеді``, ``барады``,
      ``боран соғады``): Kazakh news tells what happened in the past tense and what is coming in this one;
      not for acts of speech (an appeal, praise: ``шақырады`` calls now; [planned] present_is_now); a chain of
      converbs (``қар жауып, боран соғады``) takes the tense of the finite verb ending it;
    - the participle of ``-атын/-етін`` (``Aspect=Imp``): ``өтетін болды``, ``өтетін концерт``, ``соққы
      жасайтынын`` (that it will strike);
    - a verb of planning or expecting after it (``жоспарлап отыр``, ``күтілуде``, ``көзделген``: [planned]
      lemmas);
    - a word of the coming time in the clause before it (``келесі``, ``алдағы``: [planned] time_words).
    """
    spec = _data()["planned"]
    last = tokens[i + n - 1]
    after = [t for t in tokens[i + n : i + n + spec["reach"]] if t.idx < clause_end]
    if "Part" in _feats(last, "VerbForm") and "Imp" in _feats(last, "Aspect"):
        return True  # "-атын/-етін": "өтетін концерт", "соққы жасайтынын", "отырысы өтетіні"
    carrier = last if last.pos_ in ("VERB", "AUX") and not _feats(last, "Case") else None
    rest = after
    if carrier is None:  # a nominal trigger ("саммит", "қол қою"): the verb after it carries the tense
        carrier = next((t for t in after if t.pos_ in ("VERB", "AUX") and not _feats(t, "Case")), None)
        rest = after[after.index(carrier) + 1 :] if carrier is not None else []
    while carrier is not None and rest and "Conv" in _feats(carrier, "VerbForm") and rest[0].pos_ == "AUX":
        carrier, rest = rest[0], rest[1:]  # "жүргізіп жатыр": the auxiliary carries the tense
    if carrier is not None and "Conv" in _feats(carrier, "VerbForm"):
        # a chain of converbs ("қар жауып, боран соғады") takes the tense of the finite verb that ends it
        k = carrier.i + 1
        doc = carrier.doc
        while k < len(doc) and doc[k].idx < clause_end and not (
                doc[k].pos_ in ("VERB", "AUX") and "Fin" in _feats(doc[k], "VerbForm")):
            k += 1
        carrier = doc[k] if k < len(doc) and doc[k].idx < clause_end else carrier
        rest = [t for t in doc[k + 1 : k + 1 + spec["reach"]] if t.idx < clause_end]
    if carrier is not None:
        tense, aspect, form = _feats(carrier, "Tense"), _feats(carrier, "Aspect"), _feats(carrier, "VerbForm")
        if "Fut" in tense:
            return True
        if "Pres" in tense and "Hab" in aspect and "Fin" in form and _feats(carrier, "Person") in ([], ["3"]) \
                and etype not in spec["present_is_now"]:
            return True
        if "Part" in form and "Imp" in aspect:
            return True
    if any(t.lemma_.lower() in spec["lemmas"] for t in after):
        return True
    before = [t for t in tokens[max(0, i - spec["reach"]) : i] if t.idx >= clause_start]
    return any(t.text.lower() in spec["time_words"] for t in before)


def _passive(tokens: list[Token], i: int, n: int, clause_end: int) -> bool:
    """Whether the verb of a trigger matched from word ``i`` (``n`` words) is passive: its last word, or the verb
    right after a nominal trigger (``айыппұл салынды``), read by the morphology stage (``Voice=Pass``)."""
    last = tokens[i + n - 1]
    if last.pos_ == "NOUN":  # a nominal trigger: the verb after it ("тыйым салынды")
        nxt = tokens[i + n] if i + n < len(tokens) else None
        if nxt is not None and nxt.idx < clause_end and nxt.pos_ in ("VERB", "AUX") and not _feats(nxt, "Case"):
            last = nxt
    return last.pos_ in ("VERB", "AUX") and "Pass" in _feats(last, "Voice")


def _person(tokens: list[Token], i: int, n: int, clause_end: int) -> str | None:
    """The person of the finite verb telling the event matched from word ``i`` (``n`` words): its last word, or
    the verb right after a nominal trigger (``келіссөз жүргіздік``: 1, ``база қалыптасты``: 3), through a converb's
    auxiliary (``жүргізіп жатыр``), as the morphology stage read it; None where that verb is not finite (a
    participle, ``қатысып отырған``, describes a noun) or gives no person."""
    k = i + n - 1
    if tokens[k].pos_ not in ("VERB", "AUX"):
        k += 1
    while k + 1 < len(tokens) and tokens[k + 1].idx < clause_end and "Conv" in _feats(tokens[k], "VerbForm") \
            and tokens[k + 1].pos_ == "AUX":
        k += 1
    if k >= len(tokens) or tokens[k].idx >= clause_end or tokens[k].pos_ not in ("VERB", "AUX") \
            or "Fin" not in _feats(tokens[k], "VerbForm"):
        return None
    person = _feats(tokens[k], "Person")
    return person[0] if person else None


def _modal(doc: Doc, last: Token, clause_end: int, spec: dict[str, Any]) -> str | None:
    """``"modal"`` when what the trigger tells is only necessary or possible: a modal word after its verbal noun
    (``баруы керек``, ``қол қоюы тиіс``, ``өтуі мүмкін``; after a nominal trigger, after the verbal noun that
    follows it: ``кездесу өтуі мүмкін``), or ``болады`` after a verbal noun in the dative or an infinitive
    (``баруға болады``, may go). Read off the morphology stage's VerbForm and Case and the lemmas."""
    k = last.i + 1
    words = [t for t in doc[k : k + 3] if t.idx < clause_end and not t.is_punct and not t.is_space]
    head = last
    if last.pos_ == "NOUN" and words and words[0].pos_ == "VERB" and "Ger" in _feats(words[0], "VerbForm"):
        head, words = words[0], words[1:]  # "кездесу өтуі мүмкін": the verbal noun after the nominal trigger
    if not words:
        return None
    lemma = words[0].lemma_.lower()
    if lemma in spec["modal_words"] and (head.pos_ == "NOUN" or set(_feats(head, "VerbForm")) & {"Ger", "Inf"}
                                         or "Part" in _feats(head, "VerbForm") and _feats(head, "Person[psor]")):
        return "modal"  # "қол қоюы тиіс" (the analyser may read қоюы as a noun), "тергеу керек", "бекіткені жөн"
    if not set(_feats(head, "VerbForm")) & {"Ger", "Inf"}:
        return None
    if lemma in spec["ability_verbs"] and "Inf" in _feats(head, "VerbForm") and "Imp" in _feats(head, "Aspect"):
        # the -а/-е/-й converb + ал- (potential): "соққы жасай аламыз" can strike, "жете алмады" could not;
        # "жасай алды" (managed to) is a fact
        if "Neg" in _feats(words[0], "Polarity"):
            return "negated"
        if "Past" not in _feats(words[0], "Tense"):
            return "modal"
        return None
    if lemma in spec["modal_verbs"] and ("Dat" in _feats(head, "Case") or "Inf" in _feats(head, "VerbForm")):
        return "modal"
    return None


def _unsaid(etype: str, trigger: list[str], start: int, quotes: list[FoundQuote]) -> bool:
    """A recommendation (``… бекіткені жөн``, ``… енгізуі керек``) is an appeal only when somebody says it:
    outside any quotation it is the writer's advice to the reader, not an event."""
    if trigger not in _data()["types"][etype].get("said_only", []):
        return False
    return not any(q.start <= start < q.end for q in quotes)


@dataclass
class _TriggerIndex:
    """The triggers by what their first stem asks of a word, each with its place in events.toml (``seq``):
    a stem the word or its lemma begins with (``prefix``, by the stem), the lemma itself (``~``: ``lemma``), the
    word or lemma itself (``=``: ``whole``), a capitalised word or a number (``@NAME``, ``@NUM``)."""

    prefix: dict[str, list[tuple[int, int, str, list[str]]]] = field(default_factory=dict)
    lemma: dict[str, list[tuple[int, int, str, list[str]]]] = field(default_factory=dict)
    whole: dict[str, list[tuple[int, int, str, list[str]]]] = field(default_factory=dict)
    name: list[tuple[int, int, str, list[str]]] = field(default_factory=list)
    number: list[tuple[int, int, str, list[str]]] = field(default_factory=list)
    sizes: tuple[int, ...] = ()


@cache
def _trigger_index() -> _TriggerIndex:
    index = _TriggerIndex()
    seq = 0
    for order, (etype, spec) in enumerate(_data()["types"].items()):
        for trig in spec["triggers"]:
            entry = (seq, order, etype, trig)
            seq += 1
            first = trig[0]
            if first == "@NAME":
                index.name.append(entry)
            elif first == "@NUM":
                index.number.append(entry)
            elif first.startswith("="):
                index.whole.setdefault(first[1:], []).append(entry)
            elif first.startswith("~"):
                index.lemma.setdefault(first[1:], []).append(entry)
            else:
                index.prefix.setdefault(first, []).append(entry)
    index.sizes = tuple(sorted({len(stem) for stem in index.prefix}))
    return index


def _first_word_hits(
    index: _TriggerIndex, form: str, lemma: str, first_letter: str
) -> list[tuple[int, str, list[str]]]:
    """(type order, type, trigger) of the triggers whose first stem matches this word, in the order of
    events.toml among those keyed by the word's first two letters, then by the lemma's, then the rest."""
    found: dict[int, tuple[int, int, str, list[str]]] = {}
    for text in {form, lemma} - {""}:
        for size in index.sizes:
            if size > len(text):
                break
            for entry in index.prefix.get(text[:size], ()):
                found[entry[0]] = entry
        for entry in index.whole.get(text, ()):
            found[entry[0]] = entry
    for entry in index.lemma.get(lemma or form, ()):
        found[entry[0]] = entry
    if first_letter.isupper():
        for entry in index.name:
            found[entry[0]] = entry
    if first_letter.isdigit():
        for entry in index.number:
            found[entry[0]] = entry
    if not found:
        return []

    def group(entry: tuple[int, int, str, list[str]]) -> int:
        stem = entry[3][0]
        if stem[:1] in "@=":
            return 2
        key = stem.lstrip("~")[:2]
        return 0 if key == form[:2] else 1
    return [(order, etype, trig) for _seq, order, etype, trig in sorted(found.values(), key=lambda e: (group(e), e[0]))]


def _masked(forms: list[tuple[int, int, str, str]]) -> set[int]:
    """Indices of words inside phrases that never trigger an event (``кез келген``; ``~аудар``: by the lemma)."""
    out: set[int] = set()
    for phrase in _data()["mask"]["phrases"]:
        for i in range(len(forms) - len(phrase) + 1):
            if all((forms[i + k][3] or forms[i + k][2]).startswith(w[1:]) if w.startswith("~") else forms[i + k][2] == w
                   for k, w in enumerate(phrase)):
                out.update(range(i, i + len(phrase)))
    return out


def _auxiliary(forms: list[tuple[int, int, str, str]], i: int) -> bool:
    """A motion verb after a converb is an auxiliary (``насихаттап келген``), not a visit: the converb is the
    analyser's reading of the word before (``VerbForm=Conv``)."""
    aux = _data()["auxiliary"]
    return i > 0 and forms[i][2].startswith(tuple(aux["words"])) \
        and "VerbForm=Conv" in analyse(forms[i - 1][2]).feats


def _merge(events: list[FoundEvent]) -> list[FoundEvent]:
    """Drop a repeated mention of a visit, meeting or gathering by the same actors with no new counterpart or
    with one counterpart in common (``_same_people``), at the same place or where one mention names none (the
    earlier mention takes the place the later one names); an event whose clause names nobody takes its
    participants from the same event told in the next clause with a word in common (``жол апаты … Апат``); a
    step of another word there is another happening (a charge, then the court that heard the case)."""
    merge = set(_data()["merge"]["types"])
    retold = set(_data()["merge"]["retold"])
    given = set(_data()["merge"]["given"])
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...], bool]] = set()
    out: list[FoundEvent] = []
    for ev in events:
        actors = {a.name for a in ev.actors}
        counterparts = {c.name for c in ev.counterparts}
        same = next((p for p in out if ev.type in merge and not ev.dated and p.type == ev.type
                     and p.planned == ev.planned and (None in (ev.place, p.place) or ev.place == p.place)
                     and {a.name for a in p.actors} == actors
                     and _same_people(counterparts, {c.name for c in p.counterparts}) and (actors or counterparts)
                     and (counterparts or _same_trigger(p, ev))),
                    None)
        if same is not None:
            same.place = same.place or ev.place
            continue
        told = next((p for p in out if ev.type in retold and not ev.dated and p.type == ev.type
                     and _shares_word(p, ev) and p.planned == ev.planned
                     and (not actors or not p.actors or {a.name for a in p.actors} == actors)), None)
        if told is None and ev.adjunct and ev.type in given and not ev.dated:
            # a happening named as the time or cause of another ("Апат кезінде …", "апат салдарынан қайтыс
            # болған") is one the text has already told: the earlier event of its type, whatever its word
            told = next((p for p in out if p.type == ev.type and p.planned == ev.planned), None)
        if told is not None:
            if told.adjunct and not ev.adjunct:
                _retell(told, ev)  # "жол апатынан кейін …. Жол апаты … болған": told where it is the predicate
            elif not told.actors and not told.counterparts:  # the retelling names who: the event takes them
                told.actors, told.counterparts = ev.actors, ev.counterparts
            continue
        prev = next((p for p in reversed(out) if p.end <= ev.start), None)
        if prev is not None and prev.type == ev.type and not prev.actors and not prev.counterparts \
                and ev.clause == prev.clause + 1 and _shares_word(prev, ev) \
                and (ev.actors or ev.counterparts or ev.dated and not prev.dated and not ev.planned):
            if ev.dated and not prev.dated and not ev.planned:
                # told again with its date ("… жер сілкінісін тіркеді. 16 тамызда … жерасты дүмпулері тіркелді"):
                # the fuller mention is the event's clause (docs/annotation.md: "the sentence that states it most
                # fully"); not a forecast, whose next clause may be another region's or day's
                _retell(prev, ev)
                prev.dated = True
            else:
                prev.actors, prev.counterparts = ev.actors, ev.counterparts
            continue
        # a planned or dated mention is its own event (the summit in October is not today's meeting)
        key = (ev.type, tuple(sorted(a.name for a in ev.actors)), tuple(sorted(c.name for c in ev.counterparts)),
               ev.planned)
        if ev.type in merge and not ev.dated and key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out


def _retell(first: FoundEvent, again: FoundEvent) -> None:
    """``again`` tells the happening of ``first`` again, where ``first`` only named it as the time of another
    (``Ақтөбеде жол апатынан кейін … аударылып қалды. … Жол апаты … даңғылында болған``): the guideline's
    "annotated once, in the sentence that states it most fully"; the event is told by the later clause."""
    first.start, first.end, first.clause = again.start, again.end, again.clause
    first.trigger, first.trigger_start, first.first_start = again.trigger, again.trigger_start, again.first_start
    first.cameo, first.passive, first.dated, first.adjunct = again.cameo, again.passive, again.dated, False
    if again.actors or again.counterparts:
        first.actors, first.counterparts = again.actors, again.counterparts
    first.place = again.place or first.place


def _same_trigger(a: FoundEvent, b: FoundEvent) -> bool:
    """Told with the same word (its first four letters: кездесті / кездесуде)."""
    return a.trigger.split()[0][:4].lower() == b.trigger.split()[0][:4].lower()


def _shares_word(a: FoundEvent, b: FoundEvent) -> bool:
    """Told with a word in common: its first four letters ("жол апаты" … "Апат кезінде"), or a lemma the other's
    begins with, the noun a verb is derived from (өрт "fire" … өрте- "to burn": Kazakh's denominal -е/-ла verbs)."""
    if {w[:4].lower() for w in a.trigger.split()} & {w[:4].lower() for w in b.trigger.split()}:
        return True
    return any(len(x) >= 3 and len(y) > len(x) and y.startswith(x)
               for p, q in ((a.lemmas, b.lemmas), (b.lemmas, a.lemmas)) for x in p for y in q)


def _same_people(new: set[str], earlier: set[str]) -> bool:
    """A repeated mention's counterparts: no new one, or one it shares with the earlier mention (the same
    meeting told again in more detail, where the longer sentence also names a programme or a place)."""
    return new <= earlier or bool(new & earlier)


NOT_PARTICIPANTS = frozenset({"FACILITY", "LOCATION"})
"""Entity classes that never act or take part in an event (they are its place or object)."""


def _participants(ev: FoundEvent, text: str, names: list[Name], speakers: Speakers,
                  quotes: list[FoundQuote], next_token: Callable[[int], Token | None],
                  words_after: Callable[[int, int], list[Token]], posts: Sequence[tuple[int, int]] = (),
                  things: Sequence[tuple[int, int]] = ()) -> None:
    """Each name of the clause takes the role its case gives it (the morphology stage's ``Case`` of its last
    word; Kazakh marks the roles with case endings, not with word order):

    - nominative before the trigger: the subject. With an active verb it is the actor; with a passive one
      (``Voice=Pass``: ``Досаев … тағайындалды``) it is the one the event is done to, a counterpart, and the
      actor is only the one an agent phrase names (``X тарапынан``, ``X арқылы``, ``X-тың жарлығымен``);
    - instrumental (``Зеленскиймен кездесті``), accusative (``Шайдоровты марапаттады``): a counterpart;
    - dative: a place the event goes to (``Бакуге``, a place name), else the recipient (``министрлікке``, or a
      place before ``қарсы``/``қатысты``: ``Иранға қарсы соғыс``), a counterpart;
    - locative: where it happens (a place name; a body in the locative, ``Үкіметте``, is neither);
    - genitive: the possessor of the noun after it; a participant only when that noun is the trigger itself
      (``Тоқаев пен Трамптың кездесуі``) or an action (a verbal noun: ``Сот жюриінің тексеру …``); a place's
      genitive before a locative noun is the place (``Қазақстанның бірнеше өңірінде``);
    - ablative: where from; a place only when the clause names no other.
    """
    not_actors, outside = _not_actors()
    roles_spec = _data()["roles"]
    lo, hi = bisect.bisect_left(speakers.starts, ev.start), bisect.bisect_left(speakers.starts, ev.end)
    in_clause = [n for n in names[lo:hi] if ev.start <= n.start < ev.end and n.label and n.name not in outside
                 and not (n.name.isupper() and n.name.lower() == (ev.place or "").lower())
                 and (ev.type in roles_spec["named_events"] or not any(a <= n.start and n.end <= b for a, b in things))]
    quote = _around(quotes, ev.start, "direct", slack=2)
    passive = ev.passive
    no_actor = ev.type in roles_spec["no_actor"]
    actors: list[Name] = []
    others: list[Name] = []
    if quote is not None and quote.speaker.name and (ev.person != "3" or ev.advice):
        # inside a direct quotation the speaker is the one acting ("біз … келіссөз жүргіздік"); a quotation
        # "from the statement" (хабарламада) acts for whoever was last quoted by name
        who = quote.speaker.name
        if who.lower() in not_actors:
            who = speakers.last_speaker(quote.start, skip=not_actors) or ""
        if who and not no_actor:
            actors.append(Name(quote.start, quote.start, who, "PERSON"))
    else:
        subject = speakers.resolve(ev.start, ev.trigger_start, ev.start)
        subject_case = _case(text, subject.start, subject.end, next_token) if subject.name else None
        # a genitive just before a nominal trigger is its subject ("Президентінің Өзбекстанға жұмыс сапары")
        genitive_subject = subject_case == "Gen" \
            and 0 <= min(ev.trigger_start, ev.first_start or ev.trigger_start) - subject.end \
            <= roles_spec["genitive_reach"]
        if subject.name and subject.name.lower() not in not_actors and (genitive_subject or (
                subject_case in ("Nom", None) and not _inflected(text[subject.start : subject.end], subject.name))):
            subj = Name(subject.start, subject.end, subject.name, "PERSON")
            after_subject = words_after(subject.end, ev.end)[:1]
            if after_subject and after_subject[0].lemma_.lower() in roles_spec["agent_words"]:
                if not no_actor:
                    actors.append(subj)  # "полиция тарапынан": the agent, in either voice
            elif passive:
                others.append(subj)  # the subject of a passive verb undergoes the event
            elif not no_actor:
                actors.append(subj)
    place = _data()["place"]
    place_cases = set(place["cases"])
    roles = set(resources.toml("names.toml")["roles"])
    role_heads = set(resources.toml("names.toml")["role_heads"])
    fallback_place: str | None = None
    last_of = _coordinations(text, in_clause, words_after)
    seat: Name | None = None  # a body in the locative before a passive verb: where, and so by whom, it was done
    for k, n in enumerate(in_clause):
        canonical = full_name(n.name, names)
        following = speakers.words.between(n.end, n.end + 30)[:1]
        after = words_after(n.end, ev.end)
        nxt = after[0] if after else None
        nxt_lemma = nxt.lemma_.lower() if nxt is not None else ""
        if following and following[0][2].lower() in roles or nxt_lemma in role_heads:
            # "Ұлттық банк төрағасы Тимур Сүлейменов", "Украина Президентімен": the name only qualifies a post
            continue
        case = _case(text, n.start, n.end, next_token)
        if last_of[k] != k and case in ("Nom", None):
            # a conjunct takes the case of the coordination's last name, which alone carries the ending
            # ("АҚШ пен Израильдің", "Тоқаев пен Мирзиёевке")
            last = in_clause[last_of[k]]
            case = _case(text, last.start, last.end, next_token)
        is_place = n.label in place["labels"]
        if any(a.name == canonical or (a.start <= n.start < a.end) for a in actors + others):
            continue
        # a name coordinated with an actor before it is an actor too ("Тоқаев пен Мирзиёев … барды")
        joined = any(last_of[j] == last_of[k] and any(a.name == full_name(in_clause[j].name, names)
                                                      or a.start <= in_clause[j].start < a.end for a in actors)
                     for j in range(k))
        if case in place_cases and is_place and not (case == "Dat" and nxt_lemma in roles_spec["opposed"]) \
                and not (case == "Dat" and n.label == "GPE" and ev.type in roles_spec["dative_recipient"]
                         and _governed_by_trigger(ev, n, speakers, next_token)):
            ev.place = _place_of(text[n.start : n.end], n)
            continue
        if case == "Gen" and is_place and nxt is not None and "Loc" in _feats(nxt, "Case") \
                and nxt.pos_ == "NOUN":
            fallback_place = fallback_place or n.name  # "Қазақстанның бірнеше өңірінде": where
            continue
        if case == "Abl" and is_place:
            fallback_place = fallback_place or n.name
            continue
        if n.label in NOT_PARTICIPANTS:
            continue  # a building, a mountain: where or what, never who ("кесенесіне зиярат етті")
        if n.label == "NORP" and case in ("Nom", None) and nxt is not None and nxt.pos_ in ("NOUN", "PROPN") \
                and n.end <= nxt.idx:
            continue  # a demonym before a noun is its adjective ("америкалық Алекс Перес"), not a people
        agent = nxt_lemma in roles_spec["agent_words"] \
            or case == "Gen" and nxt is not None and nxt.lemma_.lower() in roles_spec["agent_nouns"] \
            and "Ins" in _feats(nxt, "Case")
        if agent:  # "полиция тарапынан", "Президенттің жарлығымен": who acts, in either voice
            if not no_actor:
                actors.append(Name(n.start, n.end, canonical, n.label))
            continue
        if case == "Loc" and passive and n.label == "ORGANISATION" and n.start < ev.trigger_start:
            seat = seat or Name(n.start, n.end, canonical, n.label)  # "Үкіметте … талдау жүргізілді"
            continue
        if case in ("Loc", "Abl"):
            continue  # "Үкіметте", "полициядан": where or where from, not who
        if case == "Gen":
            near = 0 <= min(ev.trigger_start, ev.first_start or ev.trigger_start) - n.end \
                <= roles_spec["genitive_reach"]
            if not near and not (nxt is not None and nxt.pos_ == "VERB"):
                continue  # "Қазақстанның үздік теннисшісі": the possessor of another noun, not of an action
            if (not actors or joined) and not passive and not no_actor:
                actors.append(Name(n.start, n.end, canonical, n.label))
            else:
                others.append(Name(n.start, n.end, canonical, n.label))
            continue
        nominative_before = case in ("Nom", None) and n.start < ev.trigger_start
        qualifier = _qualifies_next_noun(text, n, next_token(n.end))
        if nominative_before and (not actors or joined) and not passive and not no_actor and n.label != "PROPN" \
                and not _inflected(text[n.start : n.end], n.name) and not qualifier:
            actors.append(Name(n.start, n.end, canonical, n.label))
        elif not qualifier:
            others.append(Name(n.start, n.end, canonical, n.label))
    if seat is not None and not actors and not no_actor:
        actors.append(seat)
    if not no_actor:
        for start, end in posts:
            if not ev.start <= start < ev.end or any(a.start < end and start < a.end for a in actors + others):
                continue
            nxt = next_token(end)
            if nxt is None or nxt.idx >= ev.end:
                continue
            if nxt.lemma_.lower() in roles_spec["agent_words"] or _case(text, start, end, next_token) == "Gen" \
                    and nxt.lemma_.lower() in roles_spec["agent_nouns"] and "Ins" in _feats(nxt, "Case"):
                # a post in an agent phrase ("Мемлекет басшысының жарлығымен", "Бас прокурордың бұйрығымен"):
                # the office that acts, named by its post
                actors.append(Name(start, end, "", "POSITION"))
    if ev.place is None or ev.place == ev.dateline:
        ev.place = fallback_place or ev.place
    if not actors and not passive and not no_actor:
        # reported speech: the one quoted is the source of what the clause tells
        reported = _around(quotes, ev.trigger_start, "indirect", skip=not_actors)
        credited = _around(quotes, ev.trigger_start, "indirect")
        if reported is None and credited is not None and credited.credit is not None and credited.credit.name:
            # an agency's report citing a body: the body whose information it is acts (the agency only relays)
            reported = replace(credited, speaker=credited.credit)
        if reported is not None and reported.speaker.name not in {o.name for o in others}:
            actors.append(Name(reported.start, reported.start, reported.speaker.name or "", "PERSON"))
    # a person named by a post in the clause ("вице-министрге"): the one introduced with that post
    heads = tuple(resources.toml("names.toml")["role_heads"])
    clause_words = speakers.words.between(ev.start, ev.end)
    for k, (start, _end, w) in enumerate(clause_words):
        titled = k + 1 < len(clause_words) and clause_words[k + 1][2][:1].isupper()  # "президенті Шавкат …"
        if w[:1].islower() and w.lower().startswith(heads) and not w.lower().startswith("министрлі") and not titled:
            person = speakers.describe(w, start)
            if person and person.lower() not in not_actors and all(person != x.name for x in actors + others):
                others.append(Name(start, start, person, "PERSON"))
    objects = set(_data()["object_pronouns"]["words"])
    for start, end, w in speakers.words.between(ev.start, ev.end):
        if w.lower() in objects:
            person = speakers.last_person(start)
            if person and all(person != x.name for x in actors + others):
                others.append(Name(start, end, person, "PERSON"))
    clause = text[ev.start : ev.end].lower()
    for phrase, city in place.get("phrases", {}).items():
        if phrase in clause:
            ev.place = city
            break
    ev.actors = actors
    ev.counterparts = others


def _governed_by_trigger(ev: FoundEvent, n: Name, speakers: Speakers,
                         next_token: Callable[[int], Token | None]) -> bool:
    """Whether a name before the trigger depends on it: no verb stands between them (a case-marked argument
    belongs to the next verb: in ``Вашингтонға сапармен келуге шақырғаны ... ризашылық білдірді`` the dative is
    where one is invited to come, not the one thanked)."""
    if n.start >= ev.trigger_start:
        return False
    for start, _end, _w in speakers.words.between(n.end, ev.trigger_start):
        tok = next_token(start)
        if tok is not None and tok.idx == start and tok.pos_ in ("VERB", "AUX"):
            return False
    return True


def _coordinations(text: str, names: list[Name], words_after: Callable[[int, int], list[Token]]) -> list[int]:
    """For each of ``names`` (in text order), the index of the last name of the coordination it begins or belongs
    to (its own index when it stands alone). Two names are coordinated when only coordinating conjunctions
    (``CCONJ``: мен/бен/пен, және, әрі) and commas stand between them; a run joined by commas alone is a list only
    when a conjunction joins its last name (``X, Y және Z``), else the commas part clauses or appositions.
    Kazakh puts the case ending on the last conjunct only (``АҚШ пен Израильдің``), so the coordination's role
    is the one that name's case gives."""
    links: list[str | None] = []
    for a, b in zip(names, names[1:], strict=False):
        gap = text[a.end : b.start]
        words = words_after(a.end, b.start)
        # a post may introduce the next name after the conjunction ("Тоқаев пен премьер-министр Санаэ Такаичи")
        posts = [w for w in words[1:]
                 if w.pos_ == "NOUN" and w.text[:1].islower() and _feats(w, "Case") in (["Nom"], [])]
        if b.start <= a.end or len(gap.split()) > len(words) + gap.count(",") \
                or words and (words[0].pos_ != "CCONJ" or len(posts) < len(words) - 1):
            links.append(None)
            continue
        rest = gap
        for w in words:
            rest = rest.replace(w.text, "", 1)
        if rest.strip(" ,") or rest.count(",") > 1 or not words and "," not in rest:
            links.append(None)
        else:
            links.append("conj" if words else "comma")
    out = list(range(len(names)))
    k = len(names) - 1
    while k > 0:
        j = k
        while j > 0 and links[j - 1] is not None:
            j -= 1
        if j < k and links[k - 1] == "conj":  # a run whose last link is a conjunction; a run of commas is none
            for m in range(j, k):
                out[m] = k
        k = j - 1 if j < k else k - 1
    return out


def _lead_place(doc: Doc, text: str, names: list[Name], next_token: Callable[[int], Token | None]) -> str | None:
    """Where the article's news happens when no dateline says so: the first place its title or the two sentences
    after it name in the locative (``Алматыда нөсер жауады``, ``Қазақстанда салықтар азаяды``), the place of every
    event whose own clause names none (the title and one sentence: train place F1 62.2 against 63.2)."""
    sents = list(islice(doc.sents, 3))
    if not sents:
        return None
    end = sents[-1].end_char
    labels = set(_data()["place"]["labels"]) - {"PROPN"}
    for n in names:
        if n.start >= end:
            break
        if n.label in labels and _case(text, n.start, n.end, next_token) == "Loc":
            return _place_of(text[n.start : n.end], n)
    return None


def _case(text: str, start: int, end: int, next_token: Callable[[int], Token | None]) -> str | None:
    """The case of the last word of ``text[start:end]``: the morphology stage's reading of that token, else the
    analyser's (:func:`habar.morph.names.case_of`); None when neither gives one."""
    words = text[start:end].split()
    if not words:
        return None
    last_start = start + text[start:end].rfind(words[-1])
    tok = next_token(last_start)
    if tok is not None and tok.idx == last_start:
        cases = _feats(tok, "Case")
        if cases:
            return cases[0]
    return case_of(words[-1])


@cache
def _not_actors() -> tuple[frozenset[str], frozenset[str]]:
    """Speakers that never act (a document, a group, an agency) and names that are never participants."""
    agencies = resources.word_list("agencies.txt")
    docs = set(_quotes_data()["document_speakers"])
    not_actors = docs | set(resources.toml("names.toml")["group_speakers"]) | {a.lower() for a in agencies}
    return frozenset(not_actors), frozenset(docs | {a.split()[0] for a in agencies})


def _around(quotes: list[FoundQuote], pos: int, kind: str, slack: int = 0,
            skip: frozenset[str] | None = None) -> FoundQuote | None:
    """The first quotation (in text order) of ``kind`` holding ``pos`` (its start moved ``slack`` characters
    back), with a speaker not in ``skip`` when ``skip`` is given. Quotations do not nest, so only those
    starting at most a few before ``pos`` can hold it: a bisection, not a scan of every quotation per event."""
    k = bisect.bisect_right(quotes, pos + slack, key=lambda q: q.start)
    found = None
    for j in range(k - 1, max(-1, k - 9), -1):
        q = quotes[j]
        if q.kind == kind and q.start - slack <= pos < q.end and \
                (skip is None or q.speaker.name and q.speaker.name.lower() not in skip):
            found = q  # walking back: the earliest one holding pos is kept
    return found


def _place_of(surface: str, n: Name) -> str:
    """The place a name in the dative or locative names, in the nominative (``Бакуға`` -> ``Баку``,
    ``Түркістан облысында`` -> ``Түркістан облысы``): the name as the names stage folded it, else the word
    without its case ending (:func:`habar.morph.names.fold_word`). A settlement's descriptor noun after the name
    (``Шымкент қаласы``, ``Қарамұрт ауылы``: [place] descriptors, by lemma) is not part of the place's name, as
    the corpus spans it (docs/annotation.md, Revisions 2); ``облысы`` is."""
    if surface != n.name or " " in surface:
        words = n.name.split()
        if len(words) > 1 and words[-1][:1].islower() \
                and analyse(words[-1].lower()).lemma in _data()["place"]["descriptors"]:
            return " ".join(words[:-1])
        return n.name
    folded = fold_word(surface)
    return folded if len(folded) >= 3 else surface


def _qualifies_next_noun(text: str, n: Name, following: Token | None) -> bool:
    """Whether a name in the nominative only names the common noun after it (``following``, as the morphology
    stage read it), which bears the 3rd person possessive (Kazakh's izafet: ``Бахауддин Нақышбанди
    кесенесіне`` "to B. N.'s mausoleum", ``Абай көшесінде``): the name is then no participant, the thing it
    names is."""
    if following is None or _inflected(text[n.start : n.end], n.name):
        return False
    if not following.text[:1].islower() and following.lemma_.lower() not in _body_nouns():
        return False  # a capital begins another name, unless it is a body's own head noun ("… Үкіметінің")
    return following.pos_ == "NOUN" and "3" in following.morph.get("Person[psor]", [])


@cache
def _body_nouns() -> frozenset[str]:
    return frozenset(resources.toml("names.toml")["body_nouns"])


def _inflected(surface: str, name: str) -> bool:
    """Whether a name stands in a case other than the nominative (``министрлігіне``: a recipient, no subject)."""
    last = surface.split()[-1] if surface.split() else ""
    head = name.split()[-1] if name.split() else ""
    if last.lower() in _data()["object_pronouns"]["words"] or last.lower() == "оның":
        return True
    return last != head and last.startswith(head)


@Language.component("habar_events", assigns=["doc._.habar_events"],
                    requires=["token.is_sent_start", "token.lemma", "token.morph", "doc._.habar_entities",
                              "doc._.habar_dates", "doc._.habar_quotes"])
def habar_events(doc: Doc) -> Doc:
    """Find the events; link their participants to the entities they are, and date each by the time expression
    in its evidence (the time stage's resolved value) or, when it gives none, by the publication date."""
    published = doc._.published if doc.has_extension("published") else None
    dates = [d for d in (doc._.habar_dates or []) if d.value]
    out = []
    for ev in kazakh_only(doc, find_events):  # the sentences in Kazakh only
        date = next((d.value for d in dates if ev.start <= d.start < ev.end), None)
        actors = [_ref(a, doc) for a in ev.actors]
        counterparts = [_ref(c, doc) for c in ev.counterparts]
        planned = ev.planned or bool(date and published and len(date) == 10 and date > published)
        date_source = "text" if date else None
        if date is None and published and not planned:
            # an undated event a news article reports happened by the day it was published (as GDELT dates
            # events); date_source says so, so that a user can tell it from a date the text gives
            date, date_source = published, "published"
        out.append({
            "type": ev.type, "cameo": ev.cameo, "actors": [a[0] for a in actors],
            "counterparts": [c[0] for c in counterparts], "place": ev.place, "date": date, "planned": planned,
            "date_source": date_source,
            "trigger": ev.trigger, "evidence": {"start": ev.start, "end": ev.end},
            "actor_names": [a[1] for a in actors], "counterpart_names": [c[1] for c in counterparts],
        })
    doc._.habar_events = out
    return doc


def _ref(n: Name, doc: Doc) -> tuple[str, str]:
    """(entity id or name, canonical name) of a participant."""
    entity, name = link_entity(n.start, n.end, doc, n.name) if n.end > n.start or n.name else (None, None)
    return entity or name or n.name, name or n.name


def events_to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.events``, as the component found, linked and dated them."""
    fields["events"] = doc._.habar_events or []
