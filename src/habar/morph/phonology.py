"""Kazakh vowel classes and suffix harmony, shared by the morphology stage and the search stemmer."""

from __future__ import annotations

BACK_VOWELS = frozenset("аоұы")
FRONT_VOWELS = frozenset("әеөүі")
NEUTRAL_VOWELS = frozenset("иуюяэё")
"""Letters of Russian loanwords and iotated vowels: they do not decide a suffix's harmony."""
VOWELS = BACK_VOWELS | FRONT_VOWELS | NEUTRAL_VOWELS
LOAN_LETTERS = frozenset("вфцчщъьэёюя")
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
