"""Kazakh stop words: the Cyrillic entries of NLTK's Kazakh list (Apache-2.0), resources/stopwords_kk.txt."""

from __future__ import annotations

from habar import resources

STOP_WORDS = set(resources.word_list("stopwords_kk.txt"))
