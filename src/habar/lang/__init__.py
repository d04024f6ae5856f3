"""The Kazakh language for spaCy.

spaCy ships no Kazakh language class; habar adds one and registers it under the code ``kk`` (entry point
``spacy_languages`` in pyproject.toml), so that ``spacy.blank("kk")`` works once habar is installed.
"""

from __future__ import annotations

from spacy.language import BaseDefaults, Language
from spacy.util import registry

from habar.lang.lex_attrs import LEX_ATTRS
from habar.lang.punctuation import TOKEN_MATCH, TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from habar.lang.stop_words import STOP_WORDS
from habar.lang.tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class KazakhDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    token_match = TOKEN_MATCH
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


registry.languages.register("kk", func=Kazakh)

__all__ = ["Kazakh"]
