"""Index terms for Kazakh-aware search: ONE function, :func:`index_terms`, decides what the index holds.

Each word is indexed as its lower-cased surface form and as every stem its endings allow, so a query for ``Әзербайжан``
finds ``Әзербайжанның`` and ``Әзербайжанға``. The stemmer is habar's own search stemmer: it strips the
suffixes listed in ``resources/search_suffixes_kk.txt`` (slot by slot, vowel-harmony aware) and
undoes the voicing of a stem-final consonant before a vowel (``шаруашылығы`` -> ``шаруашылық``). When a
lemmatizer lands, :func:`word_stems` is the one place to plug it in.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

from habar.morph.phonology import NEUTRAL_VOWELS, VOWELS, suffix_harmony

MIN_STEM = 4
"""A stem keeps at least this many letters."""

STEM_NEUTRAL = NEUTRAL_VOWELS | {"е"}
DEVOICE = {"ғ": "қ", "г": "к", "б": "п"}
"""Stem-final consonants voiced before a vowel-initial suffix, and their dictionary form."""

WORD_RE = re.compile(r"\w+(?:[-’']\w+)*")


@cache
def slots() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Suffix slots in stripping order; each slot holds (suffix, harmony) pairs, longest first.

    harmony is 'back', 'front' or 'any'.
    """
    text = files("habar.resources").joinpath("search_suffixes_kk.txt").read_text(encoding="utf-8")
    out: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if line.startswith("["):
            out.append([])
            continue
        for suffix in line.split():
            harmony = "any" if suffix.startswith("~") else suffix_harmony(suffix)
            suffix = suffix.lstrip("~")
            if out and all(suffix != s for s, _ in out[-1]):
                out[-1].append((suffix, harmony))
    return tuple(tuple(sorted(slot, key=lambda pair: -len(pair[0]))) for slot in out)


@cache
def _slots_by_last_letter() -> tuple[dict[str, tuple[tuple[str, str], ...]], ...]:
    """:func:`slots` with each slot's suffixes grouped by their last letter (a word is only tried against
    suffixes that end like it)."""
    out = []
    for slot in slots():
        grouped: dict[str, list[tuple[str, str]]] = {}
        for suffix, harmony in slot:
            grouped.setdefault(suffix[-1], []).append((suffix, harmony))
        out.append({last: tuple(pairs) for last, pairs in grouped.items()})
    return tuple(out)


def _stem_harmony(stem: str) -> str:
    """Harmony of the stem's last vowel; 'any' when it is neutral, 'е' (Russian names in -ев, -ов take either)
    or there is none."""
    for ch in reversed(stem):
        if ch in VOWELS:
            return "any" if ch in STEM_NEUTRAL else suffix_harmony(ch)
    return "any"


def _has_vowel(text: str) -> bool:
    return any(ch in VOWELS for ch in text)


@lru_cache(maxsize=200_000)
def word_stems(word: str) -> frozenset[str]:
    """Every stem of one lower-cased word that the suffix slots allow, the word itself included.

    Kazakh endings are ambiguous without a dictionary (``апаты`` is ``апат`` + possessive or ``апа`` +
    accusative), so the index keeps every reading; a query looks for the shortest one (:func:`word_stem`).
    """
    if len(word) <= MIN_STEM or not any("а" <= ch <= "я" or ch in "әғқңөұүһіё" for ch in word):
        return frozenset((word,))
    found = {word}
    for slot in _slots_by_last_letter():
        new: set[str] = set()
        for stem in found:
            for suffix, harmony in slot.get(stem[-1], ()):
                if len(stem) - len(suffix) < MIN_STEM or not stem.endswith(suffix):
                    continue
                rest = stem[: -len(suffix)]
                if not _has_vowel(rest):
                    continue
                own = _stem_harmony(rest)
                if harmony != "any" and own != "any" and own != harmony:
                    continue
                new.add(rest[:-1] + DEVOICE[rest[-1]] if rest[-1] in DEVOICE else rest)
        found |= new
    return frozenset(found)


def word_stem(word: str) -> str:
    """The search stem of one lower-cased word: its shortest reading (ties: alphabetical)."""
    return min(word_stems(word), key=lambda s: (len(s), s))


def body_of(title: str, text: str) -> str:
    """The body the index's ``body`` column holds: ``text`` less the title it starts with (a Document's text
    keeps its title line)."""
    return text[len(title):] if title and text.startswith(title) else text


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits; hyphenated words stay whole)."""
    return [m.group(0).lower() for m in WORD_RE.finditer(text)]


def index_terms(text: str) -> list[str]:
    """The terms the search index holds for ``text``: each word's surface form, then its other stems."""
    out: list[str] = []
    for word in words(text):
        for part in _parts(word):
            out.append(part)
            out.extend(sorted(word_stems(part) - {part}))
    return out


def query_terms(text: str) -> list[str]:
    """The stems a query looks for, one per query word, in order, without repeats."""
    return list(query_forms(text))


def query_forms(text: str) -> dict[str, tuple[str, ...]]:
    """Each query stem (as :func:`query_terms`) and the forms it is looked up by: the stem and, when the stem's
    last consonant was devoiced from the query word, the voiced form too. ``ааабы`` reads as ``аааб`` +
    possessive (stem ``ааап``), but the document word ``ааабылар`` cannot be possessive + plural, so its index
    terms are ``ааабылар`` and ``ааабы`` only: ``аааб*`` finds it, ``ааап*`` does not."""
    out: dict[str, tuple[str, ...]] = {}
    for word in words(text):
        for part in _parts(word):
            stem = word_stem(part)
            if stem in out:
                continue
            voiced = part[: len(stem)]
            out[stem] = (stem, voiced) if not part.startswith(stem) and len(voiced) >= MIN_STEM else (stem,)
    return out


def _parts(word: str) -> list[str]:
    """A hyphenated word is indexed by its parts (FTS5's tokenizer splits on the hyphen too)."""
    if "-" not in word and "’" not in word and "'" not in word:
        return [word]
    return [p for p in re.split(r"[-’']", word) if p]
