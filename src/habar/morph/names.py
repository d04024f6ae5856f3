"""Folding inflected names to the nominative, and the parts of a person's name.

:func:`fold_word` is the one name folder: it asks the analyser (:mod:`habar.morph.analyser`) for the word's
reading and takes off only the case ending it found, keeping the possessive of a compound name (``Алматы
облысында`` -> ``Алматы облысы``, ``Эммануэль Макронмен`` -> ``Эммануэль Макрон``, the lemma the token
gets). :func:`canonical_name` folds a multi-word mention on its last word, the only one Kazakh inflects.

:func:`strip_ending` is the entity tagger's case feature (``resources/ner/case_endings.tsv``: an ending with
the sound class the stem must end in, the classes read from the grammar's): the shipped models were trained on
its output, so it stays as it is until the tagger is retrained; nothing else uses it. The grammar's own endings
cut 876 of KazNERD's 129,223 training tokens otherwise and, retrained, tag 0.2 F1 worse
(docs/notes/structure.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from habar import resources
from habar.morph.analyser import Analysis, analyse, analyse_unknown_name, grammar, surname_endings
from habar.morph.phonology import VOWELS

NAME_LABELS = frozenset({
    "PERSON", "GPE", "LOCATION", "ORGANISATION", "FACILITY", "NORP", "EVENT", "POSITION", "PRODUCT",
    "PROJECT", "LAW", "ART", "LANGUAGE", "DISEASE", "MISCELLANEOUS", "NON_HUMAN",
})
"""Labels whose mentions are names, folded to the nominative; other labels (DATE, MONEY...) keep their text."""


_VOWELS = VOWELS - {"у"}  # у after a vowel is the consonant [w] (тауы), so it does not end a syllable here
_SYLLABIC = VOWELS  # a stem needs one of these


@cache
def _letters() -> dict[str, str]:
    """The sound classes ``case_endings.tsv`` names, from the grammar's ``[classes]`` as the shipped tagger was
    trained on them: у is a consonant here ([w], a sonorant, as in ``_end_class``), the sonorants and ж з are
    one "voiced" class, and ғ ь ъ end no stem before a case ending (ғ is қ voiced before a vowel; ь ъ are signs):
    ``Беларусьте`` keeps its ending in this feature."""
    classes = grammar().classes
    return {"vowel": "".join(sorted(classes["vowel"] - {"у"})),
            "voiced": "".join(sorted(classes["sonorant"] | classes["voiced"])),
            "nasal": "".join(sorted(classes["nasal"])),
            "voiceless": "".join(sorted(classes["voiceless"] - {"ғ", "ь", "ъ"}))}


@cache
def _possessive_letters() -> frozenset[str]:
    """The one-letter forms of the 3rd person possessive (``-ы``/``-і`` after a consonant)."""
    return frozenset(m.form for m in grammar().by_slot.get("poss", ()) if m.tag == "poss3" and len(m.form) == 1)


@cache
def _endings() -> list[tuple[str, str, str, bool]]:
    """(ending, case, letters the stem may end in, whether it may follow a 3rd person possessive), longest first."""
    letters = _letters()
    rows = []
    for row in resources.tsv_rows("ner/case_endings.tsv"):
        kinds = row["after"].split(",")
        allowed = "".join(letters[kind] for kind in kinds if kind != "poss")
        rows.append((row["ending"], row["case"], allowed, "poss" in kinds))
    rows.sort(key=lambda r: -len(r[0]))
    return rows


@cache
def _endings_by_length() -> list[dict[str, list[tuple[str, str, str, bool]]]]:
    """The rows of :func:`_endings` by ending, one dict per ending length, longest first (file order kept
    within an ending): a word needs one lookup per length instead of a test per ending."""
    by_length: dict[int, dict[str, list[tuple[str, str, str, bool]]]] = {}
    for row in _endings():
        by_length.setdefault(len(row[0]), {}).setdefault(row[0], []).append(row)
    return [by_length[size] for size in sorted(by_length, reverse=True)]


@cache
def _any_ending() -> dict[str, str]:
    return {ending: case for ending, case, _allowed, _poss in _endings()}


@cache
def _nominative_endings() -> tuple[str, ...]:
    """Endings of a whole name that look like a case ending (``Қазақстан``: not ``*Қазақс`` + ablative): the
    grammar's ``[names] keep_whole``."""
    return tuple(grammar().name_whole)


@cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(grammar().patronymic_endings)


def _stem_ok(stem: str, allowed: str, after_poss: bool) -> bool:
    low = stem.lower()
    if len(low) < 2 or _SYLLABIC.isdisjoint(low):
        return False
    if low[-1] in allowed:
        return True
    return after_poss and len(low) >= 3 and low[-1] in _possessive_letters() and low[-2] not in _VOWELS


def strip_ending(word: str, keep: frozenset[str] = frozenset()) -> tuple[str, str]:
    """Remove one case ending from ``word`` when the stem's last sound allows it: ``(stem, case)``.

    ``keep`` holds words known to be nominative already (``Канада`` must not lose ``-да``). Returns
    ``(word, "")`` when nothing applies. Upper-case words (``БАКУДА``) are folded the same way.
    """
    if word in keep or len(word) < 4:
        return word, ""
    low = word.lower()
    if "-" in word:
        # an abbreviation or number takes its ending after a hyphen: БҰҰ-ның, ЕҚЫҰ-ға
        head, _, tail = word.rpartition("-")
        case = _any_ending().get(tail.lower())
        if head and case:
            return head, case
    if low.endswith(_nominative_endings()):
        return word, ""
    for rows in _endings_by_length():
        size = len(next(iter(rows)))
        if len(low) <= size:
            continue
        for ending, case, allowed, after_poss in rows.get(low[-size:], ()):
            stem = word[: len(word) - len(ending)]
            if _stem_ok(stem, allowed, after_poss):
                return stem, case
    return word, ""


def is_patronymic(word: str) -> str | None:
    """The father's name inside a patronymic (``Гейдарұлы`` -> ``Гейдар``), else None."""
    low = word.lower()
    for ending in _patronymic_endings():
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return word[: len(word) - len(ending)]
    return None


@cache
def _case_forms() -> dict[str, tuple[str, ...]]:
    """Case value -> the grammar's forms of that case (case and attributive slots), longest first."""
    out: dict[str, set[str]] = {}
    for slot in ("case", "attr"):
        for m in grammar().by_slot.get(slot, ()):
            case = dict(p.partition("=")[::2] for p in m.feats.split("|")).get("Case")
            if case and m.form:
                out.setdefault(case, set()).add(m.form)
    return {case: tuple(sorted(forms, key=lambda f: (-len(f), f))) for case, forms in out.items()}


def _case(reading: Analysis) -> str:
    return dict(p.partition("=")[::2] for p in reading.feats.split("|")).get("Case", "Nom")


@lru_cache(maxsize=200_000)
def fold_word(word: str, keep: frozenset[str] = frozenset()) -> str:
    """The nominative of one word of a name: its case ending off, its possessive kept (``облысында`` ->
    ``облысы``, ``Макронмен`` -> ``Макрон``, ``БҰҰ-ның`` -> ``БҰҰ``, ``БАКУДА`` -> ``БАКУ``).

    The analyser reads the word (a capitalised word as a name; an all-capital one as its capitalised form);
    the ending taken off is the longest form of the case it found that leaves the lemma whole. ``keep``: words
    known to be nominative already (``Канада``, ``Өскемен``)."""
    if word in keep or len(word) < 3:
        return word
    shown = word[:1] + word[1:].lower() if word.isupper() else word
    reading = analyse(shown)
    if _case(reading) == "Nom" and reading.lemma == shown and shown[:1].isupper():
        reading = analyse_unknown_name(shown)  # a name the lexicon does not know (шығанағына, Гейдарұлына)
    case = _case(reading)
    if case == "Nom":
        return word
    lemma = reading.lemma.lower()
    key = lemma[:-1] if lemma[-1:] in "кқп" else lemma  # шаруашылық is written шаруашылығ- before a vowel
    low = word.lower()
    for form in _case_forms().get(case, ()):
        if low.endswith(form) and len(low) - len(form) >= 2:
            left = word[: len(word) - len(form)].rstrip("-")
            if left.lower().startswith(key):
                return left
    return word


def case_of(word: str) -> str:
    """The case the analyser reads in ``word`` (UD's value: Nom, Gen, Dat, Acc, Loc, Abl, Ins, Equ)."""
    return _case(analyse(word[:1] + word[1:].lower() if word.isupper() else word))


def has_case_ending(word: str) -> bool:
    """Whether the analyser reads ``word`` in an oblique case (dative, accusative, genitive, locative, ablative,
    instrumental...): such a word is no sentence's subject."""
    return case_of(word) != "Nom"


def canonical_name(text: str, label: str, keep: frozenset[str] = frozenset()) -> str:
    """The nominative of a mention: a multi-word name is folded on its last word (Kazakh inflects only that).

    ``Ильхам Гейдарұлы Әлиевке`` -> ``Ильхам Гейдарұлы Әлиев``; ``Бакуге`` -> ``Баку``; ``Алматы облысында``
    -> ``Алматы облысы``. Labels that are not names (DATE, MONEY, CARDINAL...) keep their text.
    """
    text = " ".join(text.split())
    if label not in NAME_LABELS or not text or text in keep:
        return text
    head, _, last = text.rpartition(" ")
    stem = fold_word(last, keep)
    return f"{head} {stem}" if head else stem


@dataclass(frozen=True)
class PersonName:
    """The parts of a person's name: given names, father's name (from a patronymic), surname."""

    given: tuple[str, ...]
    father: str | None
    surname: str | None


def split_person(name: str) -> PersonName:
    """Split a folded person's name: ``Ильхам Гейдарұлы Әлиев`` -> given (Ильхам,), father Гейдар, surname Әлиев.

    One word alone is taken as a surname when it looks like one (-ов/-ев/-ин...: the surname table), else as a
    given name; two or more words: the last non-patronymic word after the first is the surname.
    """
    words = name.split()
    father = None
    rest: list[str] = []
    for word in words:
        dad = is_patronymic(word)
        if dad is not None and father is None and rest:
            father = dad.lower()
        else:
            rest.append(word)
    if not rest:
        return PersonName((), father, None)
    if len(rest) == 1:
        if father is not None or not looks_like_surname(rest[0]):
            return PersonName((rest[0].lower(),), father, None)
        return PersonName((), father, rest[0].lower())
    return PersonName(tuple(w.lower() for w in rest[:-1]), father, rest[-1].lower())


def looks_like_surname(word: str) -> bool:
    """Whether a word ends like a surname or patronymic ([names] surname_endings of the grammar)."""
    return word.lower().endswith(surname_endings())


def attributive(word: str) -> bool:
    """Whether ``word`` ends in the attributive locative -дағы/-дегі (``Бұхарадағы`` "of Bukhara"): an
    adjective made of a name, no part of one."""
    base = fold_word(word)
    return base != word and word[len(base) :].lower() in _attributive_forms()


@cache
def _attributive_forms() -> frozenset[str]:
    return frozenset(m.form for m in grammar().by_slot.get("attr", ()))


def same_person(a: PersonName, b: PersonName) -> bool:
    """Whether two names can be one person: no part contradicts and at least one distinctive part agrees."""
    if a.surname and b.surname and a.surname != b.surname:
        return False
    if a.father and b.father and a.father != b.father:
        return False
    if a.given and b.given and not _given_agree(a.given, b.given):
        return False
    if a.surname and a.surname == b.surname:
        return True
    # no shared surname: the given name and the father's name must both agree
    return bool(a.given and b.given and a.father and a.father == b.father)


def _given_agree(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    for p, q in zip(x, y, strict=False):
        if p == q:
            continue
        if (len(p) <= 2 and q.startswith(p.rstrip("."))) or (len(q) <= 2 and p.startswith(q.rstrip("."))):
            continue
        return False
    return True
