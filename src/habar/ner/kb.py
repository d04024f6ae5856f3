"""habar's built-in knowledge base: countries, Kazakhstan's regions and cities, international organisations,
heads of state and government. Data in ``resources/kb/*.tsv``; ids are ISO codes for countries (``AZ``) and
Kazakh regions (``KZ-75``), ``M49.142`` for world regions, habar slugs (``org.UN``, ``person.tokayev``)
otherwise; Wikidata ids are kept beside them where certain.

Lookups fold case endings first: ``Әзербайжанның`` -> ``AZ``, ``БҰҰ-ның`` -> ``org.UN``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from habar import resources
from habar.morph.names import fold_word

KB_FILES = ("kb/countries.tsv", "kb/regions.tsv", "kb/cities.tsv", "kb/organisations.tsv", "kb/people.tsv",
            "kb/products.tsv")


@dataclass(frozen=True)
class Entry:
    """One thing the knowledge base knows."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None
    country: str | None
    positions: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    """Other classes the name takes in a text, which the tagger's reading keeps (``Ақорда``: the administration,
    an ORGANISATION, and the residence, a FACILITY)."""

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


class KnowledgeBase:
    """Entries with an index from each name and alias (lower case) to the entries it names."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_id = {e.id: e for e in entries}
        self._index: dict[str, list[Entry]] = {}
        for entry in entries:
            for alias in entry.all_names:
                self._index.setdefault(_key(alias), []).append(entry)
        self.names = frozenset(alias.split()[-1] for e in entries for alias in e.all_names if alias.split())
        """The last word of every name: nominative words that case-ending folding must leave alone (``Канада``
        is not Кана + -да). Only the last word: the words before it may be inflected (``Президентінің`` in
        ``ҚР Президентінің Іс басқармасы``), and a mention's last word is the one folding reads."""
        self.max_words = max((len(k.split()) for k in self._index), default=1)
        """Words in the longest name."""
        firsts = {k.split()[0] for k in self._index if " " in k}
        self._starts = frozenset(firsts | {w.split("-")[0] for w in firsts})
        """First words of the names of more than one word (and their part before a hyphen, which the
        tokenizer may split off)."""

    def exact(self, text: str, label: str | None = None) -> Entry | None:
        """The entry this exact (nominative) name names, preferring one with ``label``."""
        found = self._index.get(_key(text), [])
        if label is not None:
            same = [e for e in found if e.label == label]
            if same:
                return same[0]
        return found[0] if found else None

    def lookup(self, text: str, label: str | None = None) -> Entry | None:
        """The entry a mention names, inflected or not: ``Әзербайжанның`` -> AZ."""
        entry = self.exact(text, label)
        if entry is not None:
            return entry
        head, _, last = " ".join(text.split()).rpartition(" ")
        stem = fold_word(last)
        if stem == last:
            return None
        return self.exact(f"{head} {stem}" if head else stem, label)

    def may_start(self, word: str) -> bool:
        """May a name of more than one word start with this token? (Only the last word of a name is inflected,
        so the first one must be as the knowledge base has it.)"""
        return _key(word) in self._starts


def _entry(row: dict[str, str]) -> Entry:
    return Entry(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        aliases=tuple(a for a in (row.get("aliases") or "").split("|") if a),
        wikidata=row.get("wikidata") or None,
        country=row.get("country") or (row["id"] if row["label"] == "GPE" and len(row["id"]) == 2 else None),
        positions=tuple(p for p in (row.get("positions") or "").split("|") if p),
        also=tuple(p for p in (row.get("also") or "").split("|") if p),
    )


@cache
def knowledge_base() -> KnowledgeBase:
    """The knowledge base shipped with habar."""
    entries = [_entry(row) for name in KB_FILES for row in resources.tsv_rows(name)]
    return KnowledgeBase(entries)


def lookup(text: str, label: str | None = None) -> Entry | None:
    """Look a mention up in the shipped knowledge base (``Әзербайжанның`` -> the AZ entry)."""
    return knowledge_base().lookup(text, label)
