"""Who speaks and who acts: speaker resolution shared by the quotes and events stages.

:class:`Speakers` turns the words before a reporting verb (a name, a pronoun ``ол``, a description
``министр``) into the person or body they stand for, remembering who was last named; :class:`FoundQuote`
is what the quotes stage leaves on the Doc (``doc._.habar_quotes``) for the events stage to read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc

from habar import resources
from habar.morph.analyser import analyse
from habar.morph.names import case_of, fold_word, has_case_ending
from habar.stages.names import Name, full_name
from habar.stages.tokens import doc_text, doc_words


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
    entity: str | None = None
    """The id of the entity the speaker is (``doc._.habar_entities``), when linked."""
    speaker_name: str | None = None
    """The linked entity's canonical name, else the name the stage resolved."""
    credit: Who | None = None
    """For an agency credit (``… деп хабарлайды Tengrinews.kz тілшісі ҚМА-ға сілтеме жасап``): the source cited."""
    description: str | None = None
    """The words that stand for the speaker when they describe it (``хабарламада`` for the body that issued the
    statement): the corpus guideline's ``description`` beside the entity it resolves to."""



_ADVERBIAL_CASES = frozenset({"Loc", "Dat", "Abl", "Ins", "Acc", "Gen"})
"""Cases of a noun phrase that is no subject: where, to whom, from where, with what, what, whose (UD's values);
a name in one is taken as the speaker only when no name in the nominative follows."""
_PLACE_LABELS = frozenset({"GPE", "LOCATION", "LOC", "FACILITY"})
"""Classes of places: one in the locative, ablative or dative is never that fallback speaker."""


@cache
def _n() -> dict[str, Any]:
    return resources.toml("names.toml")





class Speakers:
    """Resolves speaker words to names, remembering who was last named as speaker or subject."""

    def __init__(self, doc: Doc, names: list[Name]) -> None:
        self.text = doc_text(doc)
        self.words = doc_words(doc)
        self.names = names
        self.people = [n for n in names if n.label == "PERSON"]
        # the posts the entities stage found (``ІІМ Тергеу департаментінің бастығы``), as character spans
        self._positions = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "POSITION"]
        self.starts = [n.start for n in names]  # names come in text order: found by bisection, not a scan
        self._longest = max((n.end - n.start for n in names), default=0)
        # who was named as speaker or subject, kept in text order (a sorted list: each look-up is a bisection,
        # not a scan of everything remembered, so a long article costs linear time)
        self.history: list[tuple[int, int, str]] = []
        self._seq = 0
        self._subjects: set[int] = set()  # the history entries that are subjects only (:meth:`remember`)
        self._silent: set[int] = set()  # the history entries of subjects that said nothing
        # the people in text order of their ends, for "the person last named before pos"
        self._by_end = sorted(range(len(self.people)), key=lambda k: (self.people[k].end, k))
        self._ends = [self.people[k].end for k in self._by_end]
        self._posts: dict[str, list[tuple[int, str, str, bool]]] | None = None
        self._by_word: dict[str, list[Name]] | None = None

    def _following_person(self, pos: int) -> list[Name]:
        """The person named right after ``pos`` (only white space between), as a list of at most one."""
        k = bisect.bisect_left(self.starts, pos)
        while k < len(self.names) and self.text[pos : self.names[k].start].strip() == "":
            if self.names[k].label == "PERSON":
                return [self.names[k]]
            k += 1
        return []

    def _after_posts(self, ws: list[tuple[int, int, str]], i: int) -> list[Name]:
        """The person named after the post ``ws[i]`` and posts coordinated with it (``кеңесшісі әрі баспасөз
        хатшысы Айдос Үкібай``: both posts are Үкібай's), as a list of at most one."""
        k = i + 1
        while k + 1 < len(ws) and ws[k][2].lower() in _n()["post_coordinators"]:
            post = next((j for j in range(k + 1, min(k + 4, len(ws)))
                         if ws[j][2].lower() in _n()["roles"] or _post_noun(ws[j][2])), None)
            if post is None:
                return []
            following = self._following_person(ws[post][1])
            if following:
                return following
            k = post + 1
        return []

    def _case_of(self, n: Name) -> str:
        """The case of a name as written here: the analyser's reading of its last word."""
        return case_of(self.text[n.start : n.end].split()[-1])

    def _holder(self, found: list[Name]) -> Who | None:
        """The person of ``found`` (at most one, from :meth:`_following_person`) as the speaker, when named in the
        nominative: the one who holds the post before it; None otherwise."""
        if not found or self._case_of(found[0]) not in (None, "Nom"):
            return None
        return Who(full_name(found[0].name, self.names), found[0].start, found[0].end)

    def _name_at(self, pos: int) -> Name | None:
        """The first name (in text order) whose span holds ``pos``."""
        lo = bisect.bisect_left(self.starts, pos - self._longest)
        hi = bisect.bisect_right(self.starts, pos)
        return next((n for n in self.names[lo:hi] if n.start <= pos < n.end), None)

    def remember(self, pos: int, name: str | None, subject: bool = False, said: bool = True) -> None:
        """Remember ``name`` as named at ``pos``: a speaker, or (``subject``) a sentence's subject only, whom a
        pronoun may refer to but who is no source a later passive report (``… айтылды``) is credited to;
        ``said=False``: a subject that said nothing (not whom a later quotation without a cue continues)."""
        if name:
            self._seq += 1  # among mentions at one position, the one remembered last counts as the later
            bisect.insort(self.history, (pos, self._seq, name))
            if subject:
                self._subjects.add(self._seq)
            if not said or subject:
                self._silent.add(self._seq)

    def last_quoted(self, pos: int, skip: set[str] | frozenset[str] = frozenset()) -> str | None:
        """The speaker remembered last before ``pos`` as having said something (no sentence's mere subject)."""
        k = bisect.bisect_left(self.history, (pos, -1, ""))
        while k > 0:
            k -= 1
            _pos, seq, name = self.history[k]
            if name.lower() not in skip and seq not in self._silent:
                return name
        return None

    def last_speaker(self, pos: int, skip: set[str] | frozenset[str] = frozenset()) -> str | None:
        k = bisect.bisect_left(self.history, (pos, -1, ""))
        while k > 0:
            k -= 1
            _pos, seq, name = self.history[k]
            if name.lower() not in skip and seq not in self._subjects:
                return name
        return None

    def last_person(self, pos: int) -> str | None:
        """The person last named before ``pos``."""
        k = bisect.bisect_right(self._ends, pos)
        return full_name(self.people[self._by_end[k - 1]].name, self.names) if k else None

    def last(self, pos: int) -> str | None:
        """Whom a pronoun (``ол``, ``оның``) refers to: the speaker or subject remembered last, but not a document
        (``… делінген құжатта. Ол … деп айтқан`` is the person the document quotes), else the person named last
        who is not in an oblique case."""
        documents = _q()["document_speakers"]
        k = bisect.bisect_left(self.history, (pos, -1, ""))
        while k and self.history[k - 1][2].lower() in documents:
            k -= 1
        if k:
            return self.history[k - 1][2]
        for j in range(bisect.bisect_right(self._ends, pos) - 1, -1, -1):
            n = self.people[self._by_end[j]]
            if not oblique(self.text[n.start : n.end], n.name):
                return full_name(n.name, self.names)
        return None

    def group_body(self, word: str, pos: int) -> str | None:
        """The body a group speaks for (names.toml ``group_bodies``: ``синоптиктер`` -> Қазгидромет), when the
        article names that body before ``pos``; else None."""
        body = _n()["group_bodies"].get(analyse(fold_word(word).lower()).lemma)
        if body is None:
            return None
        k = bisect.bisect_left(self.starts, pos)
        return body if any(self.names[j].name == body for j in range(k)) else None

    def organisation_by_head(self, lemma: str, pos: int) -> str | None:
        """The organisation last named before ``pos`` whose name ends in a word of lemma ``lemma`` (``комитет``
        -> ``Қылмыстық-атқару жүйесі комитеті``): a description of a body by its head noun. Looks back over
        the names before ``pos`` (at most 200 of them: the body a description means was named nearby)."""
        k = bisect.bisect_left(self.starts, pos)
        for j in range(k - 1, max(-1, k - 201), -1):
            n = self.names[j]
            if n.label == "ORGANISATION" and " " in n.name and \
                    analyse(n.name.split()[-1].lower()).lemma == lemma:
                return full_name(n.name, self.names)
        return None

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

    def _introduced(self) -> dict[str, list[tuple[int, str, str, bool]]]:
        """The people introduced with a post (``министр Ержан Біржанов``), by the post's class, each as (start,
        the words before it in lower case, full name, whether a head-of-state word with a capital introduces
        it); read once per article, so that resolving a description is a look-up, not a scan of every person."""
        if self._posts is None:
            head_words = _n()["head_of_state"]
            own_country = tuple(q[:5] for q in _n()["head_of_state_qualifiers"])
            posts: dict[str, list[tuple[int, str, str, bool]]] = {}
            for person in self.people:
                before = self.words.between(max(0, person.start - 60), person.start)[-4:]
                if not before:
                    continue
                prefix = " ".join(w for _, _, w in before).lower()
                qualifier = before[-2][2].lower() if len(before) > 1 and before[-2][2][:1].isupper() else None
                head = any(prefix.endswith(h) or prefix.endswith(h + "і") for h in head_words) and \
                    before[-1][2][:1].isupper() and (qualifier is None or qualifier.startswith(own_country))
                # "Өзбекстан Президенті Шавкат Мирзиёев" is another country's head, not "Мемлекет басшысы"
                post = self._post_class(before[-1][2])
                entry = (person.start, prefix, full_name(person.name, self.names), head)
                if head:
                    posts.setdefault("@head", []).append(entry)
                if post is not None:
                    posts.setdefault(post, []).append(entry)
                    posts.setdefault("@any", []).append(entry)
            self._posts = posts
        return self._posts

    def describe(self, desc: str, pos: int) -> str | None:
        """The person a description names: the one introduced with the same post, or the head of state. The
        description's last word is read in the nominative (``Мемлекет басшысының`` -> ``Мемлекет басшысы``)."""
        words = desc.split()
        if words:
            words[-1] = fold_word(words[-1])
            desc = " ".join(words)
        low = desc.lower()
        head_words = _n()["head_of_state"]
        role_class = self._post_class(desc.split()[-1])
        qualifiers = [w for w in desc.split()[:-1] if w[:1].isupper()]
        posts = self._introduced()
        if low in head_words:
            # "Президент" with a capital is the head of state; "деді президент" may be another country's, the
            # one the article introduced with that post ("Украина президенті Владимир Зеленский")
            found = posts.get("@head", []) or (posts.get(role_class, []) if low == role_class else [])
        elif qualifiers:
            found = [c for c in posts.get("@any", []) if all(q.lower()[:5] in c[1] for q in qualifiers)]
        else:
            found = posts.get(role_class, []) if role_class is not None else []
        if found:
            k = bisect.bisect_left(found, pos, key=lambda c: c[0])
            return (found[k - 1] if k else found[0])[2]
        head_of_state = low in head_words or (
            role_class == "президент" and desc.split()[-1][:1].isupper()
            and all(q.lower()[:5] in [h[:5] for h in _n()["head_of_state_qualifiers"]] for q in qualifiers))
        if head_of_state:
            return str(next(iter(_n()["heads_of_state"].values())))
        return None

    def _last_of(self, pos: int, labels: tuple[str, ...], skip: frozenset[str] = frozenset()) -> Who | None:
        """The speaker or subject remembered last before ``pos`` that is named as one of ``labels``."""
        k = bisect.bisect_left(self.history, (pos, -1, ""))
        for j in range(k - 1, max(-1, k - 50), -1):
            hpos, _seq, name = self.history[j]
            if name.lower() in skip:
                continue
            if any(n.label in labels and full_name(n.name, self.names) == name for n in self._named(name)):
                return Who(name)
        return None

    def _last_named(self, pos: int, labels: tuple[str, ...], skip: frozenset[str]) -> Who | None:
        """The name of one of ``labels`` last named before ``pos`` (at most 100 names back)."""
        k = bisect.bisect_left(self.starts, pos)
        for j in range(k - 1, max(-1, k - 101), -1):
            n = self.names[j]
            if n.label in labels and n.end <= pos and n.name.lower() not in skip \
                    and n.name.split()[0].lower() not in skip:
                return Who(full_name(n.name, self.names))
        return None

    def _named(self, name: str) -> list[Name]:
        """The names whose words are all in ``name`` (its mentions; a cached index by first word)."""
        if self._by_word is None:
            self._by_word = {}
            for n in self.names:
                for w in set(n.name.split()):
                    self._by_word.setdefault(w, []).append(n)
        return [n for n in self._by_word.get(name.split()[0], []) if set(n.name.split()) <= set(name.split())]

    @staticmethod
    def is_description(word: str) -> bool:
        """Whether ``word`` is a common noun standing for a person or body (names.toml person/body nouns)."""
        reading = analyse(word.lower())
        lemma = reading.lemma.lower()
        return reading.pos == "NOUN" and (lemma in _n()["person_nouns"] or lemma in _n()["body_nouns"])

    @staticmethod
    def _qualifies_oblique(ws: list[tuple[int, int, str]], i: int) -> bool:
        """Whether word ``i`` stands in an adverbial case (locative, dative, ablative, instrumental, accusative): a
        word that says where, to whom or what, not who speaks. (The genitive before a possessed noun in such a
        case, ``Соттың сұрақтарына жауап бере отырып``, was tried too: no change on train, one speaker fewer on
        the test split.)"""
        case = case_of(ws[i][2])
        return case in _ADVERBIAL_CASES and case != "Gen"

    def description(self, word: str, pos: int, start: int, end: int) -> Who | None:
        """A common noun that stands for a person or a body named before (``Дипломаттың айтуынша``, ``Ведомство
        мұны жоққа шығарды``, ``Сот мәліметінше``), read by its lemma (names.toml ``person_nouns``,
        ``body_nouns``): a body is the organisation named before with that head noun, else the organisation
        last quoted; a person is the one introduced with that post, else the person last quoted. None when the
        word is no such noun or nobody fits."""
        reading = analyse(word.lower())
        if reading.pos != "NOUN" or "Number=Plur" in reading.feats:
            return None
        lemma = reading.lemma.lower()
        skip = agency_keys()
        if lemma in _n()["body_nouns"]:
            org = self.organisation_by_head(lemma, pos)
            found = Who(org) if org else self._last_of(pos, ("ORGANISATION", "ORG"), skip) \
                or self._last_named(pos, ("ORGANISATION", "ORG"), skip)
        elif lemma in _n()["person_nouns"]:
            person = self.describe(word, pos)
            found = Who(person) if person else self._last_of(pos, ("PERSON",), skip) \
                or self._last_named(pos, ("PERSON",), skip)
        else:
            return None
        return Who(found.name, start, end) if found is not None and found.name else None

    def subject(self, start: int, end: int, labels: tuple[str, ...] = ("PERSON", "ORGANISATION", "ORG")) -> Who | None:
        """The subject of the sentence ``text[start:end]``: a person or organisation named in the nominative
        among its first words (``Қазгидромет Алматы тұрғындарына ескерту жасады``), None when none is."""
        k = bisect.bisect_left(self.starts, start)
        while k < len(self.names) and self.names[k].start < min(end, start + 40):
            n = self.names[k]
            k += 1
            if n.label not in labels:
                continue
            surface = self.text[n.start : n.end]
            if oblique(surface, n.name):
                continue
            who = self.resolve(n.start, min(end, n.end + 60), n.start)
            return who if who.name else Who(full_name(n.name, self.names), n.start, n.end)
        return None

    def resolve(self, start: int, end: int, pos: int) -> Who:
        """The speaker named in ``text[start:end]`` (a name, a pronoun, a description); ``pos`` = the quote. An
        organisation's press service speaks for the organisation (``Комитеттің баспасөз қызметі`` -> the
        committee, its name folded to the nominative by the morphology)."""
        who = self._resolve(start, end, pos)
        name = who.name or ""
        for service in _n()["press_service"]:
            if name.lower().endswith(" " + service):
                org = name[: -len(service) - 1].split()
                if org:
                    org[-1] = fold_word(org[-1])
                    return Who(full_name(" ".join(org), self.names), who.start, who.end)
        return who

    def _resolve(self, start: int, end: int, pos: int) -> Who:
        ws = self.words.between(start, end)
        if not ws:
            return Who(None)
        pronouns = _n()["pronouns"]
        roles = _n()["roles"]
        docs = _q()["document_speakers"]
        groups = _n()["group_speakers"]
        skip_to = -1
        oblique_found: Who | None = None
        for i, (s, e, w) in enumerate(ws):
            if i < skip_to:
                continue
            lw = w.lower()
            inside = self._name_at(s)
            # a word of an organisation's or a place's longer name is no post ("Президент істері басқармасы")
            in_name = inside is not None and inside.label not in ("", "PROPN", "POSITION", "PERSON") and \
                (inside.start < s or inside.end > e)
            # a description: up to three words before a role noun ("Ұлттық банк басшысы", "премьер-министр")
            if not in_name and (lw in roles or any(lw == h for h in _n()["head_of_state"])) or \
                    _post_noun(w) and inside is None and i > 0:
                j = i
                while j > 0 and i - j < 3 and (ws[j - 1][2][:1].isupper() or ws[j - 1][2].lower() in ("банк",)):
                    j -= 1
                phrase = " ".join(x[2] for x in ws[j : i + 1])
                following = self._following_person(e) or self._after_posts(ws, i)
                held_case = self._case_of(following[0]) if following else None
                if held_case not in (None, "Nom", "Gen"):
                    # a person in another oblique case is whom the clause is about, not who holds the post
                    # ("Антикор өкілі Арғын Нығматулинге қатысты … айтты": an unnamed representative)
                    following = []
                at = next((k for k, x in enumerate(ws) if x[0] >= following[0].end), len(ws)) if following else 0
                post_after = at < len(ws) and "Person[psor]=3" in analyse(ws[at][2].lower()).feats and \
                    analyse(ws[at][2].lower()).pos == "NOUN"
                if held_case == "Gen" and post_after:
                    # a post and its holder in the genitive qualify the noun after them ("тұңғыш президент
                    # Нұрсұлтан Назарбаевтың кеңесшісі"): the holder named after that noun is the speaker
                    holder = self._holder(self._following_person(ws[at][1]) or self._after_posts(ws, at))
                    if holder is not None:
                        return holder
                    skip_to = at
                    continue
                if following:
                    n = following[0]
                    return Who(full_name(n.name, self.names), n.start, n.end)
                body = self._name_at(ws[i - 1][0]) if i > 0 else None
                if body is not None and body.label in ("ORGANISATION", "ORG") and body.end >= ws[i - 1][1] - 4 \
                        and analyse(lw).lemma in _n()["speaks_for"]:
                    # a representative nobody names speaks for the body ("Полиция департаментінің өкілі")
                    return Who(full_name(body.name, self.names), body.start, e)
                name = self.describe(phrase, pos)
                if name:
                    return Who(name, ws[j][0], e)
                described = self.description(w, pos, ws[j][0], e)
                if described is not None:
                    return described
                continue
            if lw in pronouns:
                return Who(self.last(pos), s, e)
            if lw in docs or lw in groups:
                owned = analyse(ws[i + 1][2].lower()) if i + 1 < len(ws) else None
                if lw in groups and owned is not None and owned.pos == "NOUN" and "Person[psor]=3" in owned.feats:
                    # a group before a possessed noun is its owner, the genitive unmarked ("журналистер сұрағына
                    # жауап берген Әбілқасымова … айтты": the journalists' question); the speaker comes later
                    continue
                group_body = self.group_body(w, pos) if lw in groups else None
                return Who(group_body or w, s, e)
            name_here = self._name_at(s)
            head_next = i + 1 < len(ws) and _post_noun(ws[i + 1][2])  # "Агенттік төрайымы": the post is the head
            if not head_next and (name_here is None or name_here.label in ("", "PROPN") and name_here.start == s
                                  and name_here.end == e and i == 0) and not self._qualifies_oblique(ws, i):
                holder = self._holder(self._following_person(e)) if _post_noun(w) else None
                if holder is not None:
                    # a post opening the sentence with its holder after it ("Сенатор Нұрсерік Шәріпов … атап
                    # өтті"): the holder, not the senator named before
                    return holder
                described = self.description(w, pos, s, e)
                if described is not None:
                    return described
            if name_here is None:
                continue
            parts = set(name_here.name.split())
            if name_here.label in ("", "PROPN") and not any(parts <= set(p.name.split()) for p in self.people):
                continue
            if name_here.label == "NORP" and w[:1].islower():
                continue  # "қазақстандық" qualifies a noun ("Бүкіл қазақстандық ағаш егу күні"): nobody who speaks
            post_end = next((pe for ps, pe in self._positions if ps <= s < pe and pe > name_here.end), None)
            if post_end is not None:
                # the name begins a post ("ІІМ Тергеу департаментінің бастығы Мұхтар Қожаев мәлімдеді"): the
                # person named right after the post holds it and speaks
                holder = self._holder(self._following_person(post_end))
                if holder is not None:
                    return holder
            k_next = next((k for k, x in enumerate(ws) if x[0] >= name_here.end), len(ws))
            if k_next < len(ws) and self.text[name_here.end : ws[k_next][0]].strip() == "" \
                    and analyse(ws[k_next][2].lower()).pos == "ADP":
                # a postposition's complement ("WhatsApp арқылы", "Украина туралы", "АҚШ-қа қарсы") is how, what
                # about or against whom, not who speaks
                skip_to = k_next + 1
                continue
            if k_next < len(ws) and ws[k_next][2].lower() in _n()["naming_words"]:
                # a name that is called so ("Justking деген атпен танымал … блогер Нұрбек Нұртаза … айтты"): the
                # name mentioned, not the speaker
                skip_to = k_next + 1
                continue
            after = [k for k, x in enumerate(ws) if x[0] >= name_here.end][:2]
            role_next = next((k for k in after if ws[k][2].lower() in roles or _post_noun(ws[k][2])), None)
            post_modifies = role_next is not None and (case_of(ws[role_next][2]) == "Gen" or (
                role_next + 1 < len(ws) and "Person[psor]=3" in analyse(ws[role_next + 1][2].lower()).feats
                and analyse(ws[role_next + 1][2].lower()).pos == "NOUN"))
            # a person before a post in an oblique case is its subject, the post its object ("Қасым-Жомарт Тоқаев
            # Үндістан Премьер-министріне жеделхат жолдады")
            post_object = role_next is not None and case_of(ws[role_next][2]) in _ADVERBIAL_CASES - {"Gen"}
            if role_next is not None and not (name_here.label == "PERSON" and (post_modifies or post_object)):
                # a body or place before a post qualifies it ("Ұлттық банк басшысы"); a person's name before a post
                # in the genitive, or before one that qualifies the noun after it, does not ("Эсмаил Багаи Иран
                # көшбасшысының … айтты" is Багаи speaking; "Елнұр Бейсенбаев Президент әкімшілігінің …")
                skip_to = role_next
                continue
            surface = self.text[name_here.start : name_here.end].split()
            following = self._following_person(name_here.end) if surface and surface[-1].lower() in roles else []
            if following:
                # a post named as one name ("ІІМ Тергеу департаментінің бастығы"), the person after it holds it
                return Who(full_name(following[0].name, self.names), following[0].start, following[0].end)
            found = Who(full_name(name_here.name, self.names), name_here.start, name_here.end)
            head = next((x for x in ws if x[0] >= name_here.end), None)
            if head is not None and self.text[name_here.end : head[0]].strip(" \"»”") == "":
                # the noun the name qualifies carries the phrase's case ("Үкімет отырысында": at the
                # government's meeting): a noun with the 3rd person possessive right after the name
                reading = analyse(head[2].lower())
                if reading.pos == "NOUN" and "Person[psor]=3" in reading.feats:
                    if case_of(surface[-1]) == "Gen" and name_here.label in _PLACE_LABELS:
                        # a place's possession ("Қазақстанның болашағы … екенін баса айтты": the future of
                        # Kazakhstan) is what is spoken of; a place never speaks through its possessions
                        skip_to = ws.index(head) + 1
                        continue
                    if case_of(surface[-1]) == "Gen":
                        # a person's post and its holder ("Назарбаевтың кеңесшісі әрі баспасөз хатшысы Айдос
                        # Үкібай"): the holder named after the post speaks
                        k = ws.index(head)
                        holder = self._holder(self._following_person(head[1]) or self._after_posts(ws, k))
                        if holder is not None:
                            return holder
                    surface = [head[2]]
            if surface and case_of(surface[-1]) in _ADVERBIAL_CASES:
                # a name in the locative, dative, ablative, instrumental or accusative is where, to whom or what,
                # not who speaks ("Бұл туралы Үкімет отырысында министр X мәлімдеді"): a later name is the speaker
                if not (name_here.label in _PLACE_LABELS and case_of(surface[-1]) in ("Loc", "Abl", "Dat")):
                    oblique_found = oblique_found or found  # a place where, whence or whither never speaks
                skip_to = next((k for k, x in enumerate(ws) if x[0] >= name_here.end), len(ws))
                continue
            return found
        return oblique_found or Who(None)


def oblique(surface: str, name: str) -> bool:
    """Whether the words naming someone stand in an oblique case (``Мемлекет басшысына``): not a subject. The
    case is the analyser's reading of the last word (:func:`habar.morph.names.has_case_ending`)."""
    last = surface.split()[-1] if surface.split() else ""
    if not name.split() or last == name.split()[-1]:
        return False
    return has_case_ending(last)


@cache
def _q() -> dict[str, Any]:
    return resources.toml("quotes.toml")


@cache
def _post_noun(word: str) -> bool:
    """Whether ``word`` is a post held by one person, by its lemma (names.toml ``person_nouns``: ``төрайымының``)."""
    reading = analyse(word.lower())
    return reading.pos == "NOUN" and "Number=Plur" not in reading.feats and \
        reading.lemma.lower() in _n()["person_nouns"]


@cache
def agency_credit() -> re.Pattern[str]:
    """An agency's credit that closes a sentence (``…, - деп хабарлайды Tengrinews.kz``): one of quotes.toml's
    ``agency_cues`` after an optional comma and dash; group 1 is the cue. Compiled once, for quotes and events."""
    cues = "|".join(resources.toml("quotes.toml")["agency_cues"])
    return re.compile(rf"[,.]?\s*[-–—]?\s*({cues})\b\s*", re.I)


@cache
def agency_keys() -> frozenset[str]:
    """The news agencies' names (resources/agencies.txt), lower-cased: names that never stand for a described
    body, and speakers that only relay (the quotes stage's document speakers)."""
    return frozenset(a.lower() for a in resources.word_list("agencies.txt"))
