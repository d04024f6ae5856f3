"""Search stems of Kazakh words, from the analyser's suffix grammar (``resources/morph_suffixes.toml``).

A search stemmer may strip more than a lemmatiser, and must be fast on every word of an archive: this one strips
endings slot by slot from the end of a word (person, case, possessive, plural, verb forms, derivation), at most
one per slot, with vowel harmony checked and a stem-final voiced consonant devoiced (``шаруашылығы`` ->
``шаруашылық``). The forms of each slot are the grammar's own (:data:`SEARCH_SLOTS` names which grammar slots
feed which search slot); a verb ending comes off only when what is left is a verb stem the lexicon knows, so
``Ердоғанмен`` is not the verb ``ердо-`` + -ған + -мен (a stem the lexicon does not know must at least have
a native stem's vowels, :func:`habar.morph.phonology.native_shape`), and a case ending never precedes a tense, so
``Алматыда`` is not ``алма`` + -ты + -да. Endings are ambiguous without context, so the index keeps every
reading; a query looks each word up by its shortest one, prefix-matched.
"""

from __future__ import annotations

from functools import cache, lru_cache

from habar.morph.analyser import grammar, verb_stems
from habar.morph.phonology import NEUTRAL_VOWELS, VOWELS, native_shape, suffix_harmony

MIN_STEM = 4
"""A stem keeps at least this many letters."""

SEARCH_SLOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("person", ("person",)),
    ("case", ("case", "attr")),
    ("possessive", ("poss",)),
    ("plural", ("plur",)),
    ("verb", ("tense", "nonfinite", "agent")),
    ("derivation", ()),  # [derived] search_suffixes of the grammar file
)
"""Search slots in stripping order (from the end of a word) and the grammar slots whose forms each holds."""

_ONE_LETTER = frozenset({"ы", "і", "у"})
"""The only one-letter forms stripped (possessive ы/і, the gerund -у): other single letters are too often part
of the stem for a stemmer that does not consult the lexicon."""

_GERUNDS = frozenset({"у", "ю"})
"""The verbal noun -у: қымбаттау, нығаю name the act; a stem the lexicon lacks keeps it when it looks native."""

_AFTER_POSSESSIVE = frozenset({"н"})
"""The accusative -н, which follows only a 3rd person possessive (ақшасын, куәлігін: stripped after ы/і)."""

_STEM_NEUTRAL = NEUTRAL_VOWELS | {"е"}
_DEVOICE = {"ғ": "қ", "г": "к", "б": "п"}


@cache
def slots() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Per search slot, its (suffix, harmony) pairs, longest first; harmony is 'back', 'front' or 'any'."""
    g = grammar()
    # tags a path strips only after another tag (the equative -ша of ақша, орташа): not a search ending
    excluded = {tag for path in g.paths for tag in path.excluded}
    out = []
    for name, sources in SEARCH_SLOTS:
        forms = {m.form for src in sources for m in g.by_slot.get(src, ()) if m.tag not in excluded}
        if name == "derivation":
            forms = set(g.search_derived)
        if name == "case":
            forms -= {"мен", "бен", "пен"}
        pairs = {(f, suffix_harmony(f)) for f in forms if len(f) >= 2 or f in _ONE_LETTER or f in _AFTER_POSSESSIVE}
        if name == "case":
            pairs |= {("мен", "any"), ("бен", "any"), ("пен", "any")}  # the instrumental has no back form
        out.append(tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0]))))
    return tuple(out)


@cache
def _slots_by_last_letter() -> tuple[dict[str, tuple[tuple[str, str], ...]], ...]:
    out = []
    for slot in slots():
        grouped: dict[str, list[tuple[str, str]]] = {}
        for suffix, harmony in slot:
            grouped.setdefault(suffix[-1], []).append((suffix, harmony))
        out.append({last: tuple(pairs) for last, pairs in grouped.items()})
    return tuple(out)


def _stem_harmony(stem: str) -> str:
    for ch in reversed(stem):
        if ch in VOWELS:
            return "any" if ch in _STEM_NEUTRAL else suffix_harmony(ch)
    return "any"


def _kazakh(word: str) -> bool:
    return any("а" <= ch <= "я" or ch in "әғқңөұүһіё" for ch in word)


_VERB_SLOT = next(i for i, (name, _) in enumerate(SEARCH_SLOTS) if name == "verb")


@lru_cache(maxsize=200_000)
def word_stems(word: str) -> frozenset[str]:
    """Every stem of one lower-cased word that the slots allow, the word itself included."""
    if len(word) <= MIN_STEM or not _kazakh(word):
        return frozenset((word,))
    verbs = verb_stems()
    found = {word}
    for k, slot in enumerate(_slots_by_last_letter()):
        new: set[str] = set()
        for stem in found:
            for suffix, harmony in slot.get(stem[-1], ()):
                if len(stem) - len(suffix) < MIN_STEM or not stem.endswith(suffix):
                    continue
                rest = stem[: -len(suffix)]
                if not any(ch in VOWELS for ch in rest):
                    continue
                own = _stem_harmony(rest)
                if harmony != "any" and own != "any" and own != harmony:
                    continue
                rest = rest[:-1] + _DEVOICE[rest[-1]] if rest[-1] in _DEVOICE else rest
                if k == _VERB_SLOT and rest not in verbs and not (suffix in _GERUNDS and native_shape(rest)):
                    continue  # a verb ending needs a verb stem: ердоған is not ердо- + -ған
                if suffix in _AFTER_POSSESSIVE and rest[-1] not in "ыі":
                    continue
                new.add(rest)
        found |= new
    return frozenset(found)


@lru_cache(maxsize=200_000)
def word_stem(word: str) -> str:
    """The stem a query looks a lower-cased word up by: its shortest reading (ties: alphabetical)."""
    return min(word_stems(word), key=lambda s: (len(s), s))
