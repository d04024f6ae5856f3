"""Kazakh vowel classes and suffix harmony, shared by the morphology stage and the search stemmer."""

from __future__ import annotations

BACK_VOWELS = frozenset("аоұы")
FRONT_VOWELS = frozenset("әеөүі")
NEUTRAL_VOWELS = frozenset("иуюяэё")
"""Letters of Russian loanwords and iotated vowels: they do not decide a suffix's harmony."""
VOWELS = BACK_VOWELS | FRONT_VOWELS | NEUTRAL_VOWELS


def suffix_harmony(text: str) -> str:
    """'back', 'front' or 'any': the harmony of a suffix, that of its first back or front vowel, which the stem
    must agree with."""
    for ch in text:
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return "any"
