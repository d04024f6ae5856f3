"""Search stems of Kazakh words, from the same suffix grammar as the analyser (``resources/morph_suffixes.toml``).

The index keeps each word's surface form and every stem a valid segmentation of the grammar leaves (endings are
ambiguous without context, so all readings stay); a query looks each word up by one stem, the analyser's lemma,
prefix-matched. A lower-case word whose lemma the lexicon does not know is read as a name when its capitalised
form is one (``ердоғанмен`` -> ``ердоған``, not the verb reading ``ердо`` + -ған).
"""

from __future__ import annotations

from functools import lru_cache

from habar.morph.analyser import lexicon, stem_readings

MIN_STEM = 4
"""A stem keeps at least this many letters."""


def _kazakh(word: str) -> bool:
    return any("а" <= ch <= "я" or ch in "әғқңөұүһіё" for ch in word)


@lru_cache(maxsize=200_000)
def word_stem(word: str) -> str:
    """The stem a query looks a lower-cased word up by: its shortest reading (:func:`word_stems`); of two as
    short, the one the lexicon knows (алаяқтық, not алаяқтығ), then the first alphabetically."""
    lex = lexicon()
    return min(word_stems(word), key=lambda s: (len(s), s not in lex, s))


@lru_cache(maxsize=200_000)
def word_stems(word: str) -> frozenset[str]:
    """Every stem of one lower-cased word the index keeps: the word and each reading of the grammar."""
    if len(word) <= MIN_STEM or not _kazakh(word):
        return frozenset((word,))
    return frozenset({word, *stem_readings(word, MIN_STEM)})
