"""Folding inflected names to the nominative, and the parts of a person's name.

Everything here reads its language knowledge from ``resources/ner/`` (case endings with the sound the stem
must end in, patronymic endings). :func:`canonical_name` is the one place that folds a mention; when
``habar.lemmatize`` (the morphology stage) lands it can replace :func:`strip_ending` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from habar import resources

NAME_LABELS = frozenset({
    "PERSON", "GPE", "LOCATION", "ORGANISATION", "FACILITY", "NORP", "EVENT", "POSITION", "PRODUCT",
    "PROJECT", "LAW", "ART", "LANGUAGE", "DISEASE", "MISCELLANEOUS", "NON_HUMAN",
})
"""Labels whose mentions are names, folded to the nominative; other labels (DATE, MONEY...) keep their text."""


_VOWELS = "аәеиоөұүыіэюяё"
_SYLLABIC = frozenset(_VOWELS + "у")  # a stem needs one of these


@cache
def _endings() -> list[tuple[str, str, str, bool]]:
    """(ending, case, letters the stem may end in, whether it may follow a 3rd person possessive), longest first."""
    letters: dict[str, str] = resources.toml("ner/letters.toml")
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
    return tuple(resources.word_list("ner/nominative_endings.txt"))


@cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(row["ending"] for row in resources.tsv_rows("ner/patronymics.tsv"))


def _stem_ok(stem: str, allowed: str, after_poss: bool) -> bool:
    low = stem.lower()
    if len(low) < 2 or _SYLLABIC.isdisjoint(low):
        return False
    if low[-1] in allowed:
        return True
    possessive: str = resources.toml("ner/letters.toml")["poss"]
    return after_poss and len(low) >= 3 and low[-1] in possessive and low[-2] not in _VOWELS


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


def canonical_name(text: str, label: str, keep: frozenset[str] = frozenset()) -> str:
    """The nominative of a mention: a multi-word name is folded on its last word (Kazakh inflects only that).

    ``Ильхам Гейдарұлы Әлиевке`` -> ``Ильхам Гейдарұлы Әлиев``; ``Бакуге`` -> ``Баку``; an all-capital
    word keeps its case ending's capitals out (``БАКУ`` stays, ``БАКУДА`` -> ``БАКУ``). Labels that are not
    names (DATE, MONEY, CARDINAL...) keep their text.
    """
    text = " ".join(text.split())
    if label not in NAME_LABELS or not text:
        return text
    head, _, last = text.rpartition(" ")
    stem, _case = strip_ending(last, keep)
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


@cache
def _surname_endings() -> tuple[str, ...]:
    return tuple(resources.word_list("ner/surname_endings.txt"))


def looks_like_surname(word: str) -> bool:
    return word.lower().endswith(_surname_endings())


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
