"""Kazakh vowel classes and suffix harmony, read from the grammar file (``resources/morph_suffixes.toml``,
``[vowels]``), for the analyser, the name folder and the search stems."""

from __future__ import annotations

from habar import resources

_LETTERS = resources.toml("morph_suffixes.toml")["vowels"]
BACK_VOWELS = frozenset(_LETTERS["back"])
FRONT_VOWELS = frozenset(_LETTERS["front"])
NEUTRAL_VOWELS = frozenset(_LETTERS["neutral"])
"""Letters of Russian loanwords and iotated vowels: they do not decide a suffix's harmony."""
VOWELS = BACK_VOWELS | FRONT_VOWELS | NEUTRAL_VOWELS
LOAN_LETTERS = frozenset(_LETTERS["loan_letters"])
"""Letters of the Cyrillic alphabet that native Kazakh words do not use (they come with Russian loanwords)."""


def suffix_harmony(text: str) -> str:
    """'back', 'front' or 'any': the harmony of a suffix, that of its first back or front vowel, which the stem
    must agree with."""
    for ch in text:
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return "any"


def native_shape(stem: str) -> bool:
    """Whether ``stem`` has the shape of a native Kazakh stem: its vowels all back or all front (synharmonism),
    о/ө in the first syllable only, and none of the letters only Russian loanwords have. Verb
    stems are nearly all native (or a loan plus a native suffix), so a verb reading of ``Ердоғанмен`` as
    ``ердо-`` + -ған + -мен (е then о) is not one."""
    if any(ch in LOAN_LETTERS for ch in stem):
        return False
    vowels = [ch for ch in stem if ch in BACK_VOWELS or ch in FRONT_VOWELS]
    if not vowels:
        return False
    if any(ch in "оө" for ch in vowels[1:]):
        return False
    return all(ch in BACK_VOWELS for ch in vowels) or all(ch in FRONT_VOWELS for ch in vowels)
