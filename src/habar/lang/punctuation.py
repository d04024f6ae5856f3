"""Tokenizer punctuation rules for Kazakh.

spaCy's default rules (spacy/lang/punctuation.py), rebuilt with character classes that know the Kazakh
letters spaCy's classes lack (ғ қ ұ ү і and their capitals), and with two changes: a hyphen between letters
or between a number and letters does not split a word (Қасым-Жомарт, 30-жылдығы, АҚШ-пен, 90%-ына stay
whole, as in UD Kazakh-KTB), and a dash glued between two words does. A number with a percent or degree sign
stays one token with its ending (51%, 19,4°С-қа), as in UD Kazakh-KTB.
"""

from __future__ import annotations

import re

from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)

KAZAKH_LOWER = "әғқңөұүһі"
KAZAKH_UPPER = "ӘҒҚҢӨҰҮҺІ"

LOWER = ALPHA_LOWER + KAZAKH_LOWER
UPPER = ALPHA_UPPER + KAZAKH_UPPER
LETTERS = ALPHA + KAZAKH_LOWER + KAZAKH_UPPER

TOKENIZER_PREFIXES = (
    ["§", "%", "=", "—", "–", r"\+(?![0-9])"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_CURRENCY
    + LIST_ICONS
)

TOKENIZER_SUFFIXES = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKkСс])\.",
        rf"(?<=[0-9])(?:{CURRENCY})",
        rf"(?<=[0-9])(?:{UNITS})",
        r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(al=LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT),
        rf"(?<=[{UPPER}][{UPPER}])\.",
    ]
)

TOKEN_MATCH = re.compile(
    rf"^[0-9]+(?:[.,][0-9]+)?(?:%|°[CСFK])(?:-[{LETTERS}]+)?$"
).match
"""Numbers with a percent or degree sign, with or without an ending, stay one token (51%, 19,4°С-қа)."""

TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        rf"(?<=[{LOWER}{CONCAT_QUOTES}])\.(?=[{UPPER}{CONCAT_QUOTES}])",
        rf"(?<=[{LETTERS}]),(?=[{LETTERS}])",
        rf"(?<=[{LETTERS}0-9])[:<>=/](?=[{LETTERS}])",
        # a dash glued between two words ("сапар–нәтижелі") separates them; a hyphen does not
        rf"(?<=[{LETTERS}])(?:–|—)(?=[{LETTERS}])",
    ]
)
