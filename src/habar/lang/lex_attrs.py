"""Lexical attributes for Kazakh: ``like_num`` knows Kazakh number words and numbers with suffixes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import LIKE_NUM

_NUM_WORDS = set(
    """
    нөл бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен тоқсан
    жүз мың миллион миллиард триллион бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші
    тоғызыншы оныншы жүзінші мыңыншы жарты жарым
    """.split()
)

_DIGITS_WITH_SUFFIX = re.compile(r"^[+-]?\d+(?:[.,]\d+)*(?:%|°[CС])?(?:-[^\W\d_]+)?$")


def like_num(text: str) -> bool:
    if _DIGITS_WITH_SUFFIX.match(text):
        return True
    return text.lower() in _NUM_WORDS


LEX_ATTRS: dict[int, Callable[[str], Any]] = {LIKE_NUM: like_num}
