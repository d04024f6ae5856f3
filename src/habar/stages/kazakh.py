"""Which sentences the Kazakh stages read: those the language stage found Kazakh (``doc._.sent_languages``).

The morphology, entities, time, quotes, events and keywords stages know only Kazakh; on a Russian or English
sentence they would invent names, quotations and events from words they misread. Each reads the sentences
:func:`kazakh_mask` marks, and a document with none (:func:`has_kazakh`) gets none of their annotations; its
``Document.language`` says what it is. ``doc._.all_languages`` (``habar analyze --all-languages``), set on the
Doc before the stages run as the publication date is, makes every sentence count as Kazakh, as before.
Shared by the stages, as :mod:`habar.stages.names` is; it imports no stage.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc

KAZAKH = "kk"
UNDETERMINED = "und"
"""Too short to tell (a headline of two words): read as Kazakh, the language habar is for."""
T = TypeVar("T")

for _name in ("language", "sent_languages", "all_languages"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def kazakh_mask(doc: Doc) -> list[bool]:
    """For each sentence of ``doc`` (``doc.sents``, in order), whether the Kazakh stages read it. A Doc the
    language stage has not seen (a test building its own pipeline) is Kazakh throughout."""
    langs: list[str] | None = doc._.sent_languages
    if doc._.all_languages or langs is None:
        return [True] * sum(1 for _ in doc.sents)
    return [lang in (KAZAKH, UNDETERMINED) for lang in langs]


def has_kazakh(doc: Doc) -> bool:
    """Whether any sentence of ``doc`` is for the Kazakh stages."""
    return any(kazakh_mask(doc))


def kazakh_at(doc: Doc) -> Callable[[int], bool]:
    """A test of a character offset: whether it lies in a sentence the Kazakh stages read."""
    mask = kazakh_mask(doc)
    if all(mask):
        return lambda offset: True
    starts = [s.start_char for s in doc.sents]

    def test(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return 0 <= k < len(mask) and mask[k]

    return test


def kazakh_only(doc: Doc, find: Callable[[Doc], list[T]]) -> list[T]:
    """What ``find(doc)`` finds (items with a ``start`` offset) in the sentences the Kazakh stages read;
    ``find`` is not called on a document with none (one line at a stage's entry point)."""
    if not has_kazakh(doc):
        return []
    in_kazakh = kazakh_at(doc)
    return [item for item in find(doc) if in_kazakh(item.start)]  # type: ignore[attr-defined]
