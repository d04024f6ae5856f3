"""The time stage: dates and time expressions normalised to ISO 8601 (spaCy component ``habar_time``).

The stage reads the Doc's tokens, not its text: each word is known by its lemma and features (the morph
stage's ``token.lemma_`` and ``token.morph``) or, for the closed list of time words in ``resources/time.toml``
(months, weekdays, units, seasons, parts of the day), by the grammar's reading of the word as that word with its
endings (:func:`habar.morph.analyser.noun_reading`: ``тамызда`` is тамыз + locative, ``шілдесінде`` шілде +
possessive + locative, ``жылғы`` жыл + the temporal adjective -ғы). A small grammar of such words then reads
the expressions, longest first: ``2024 жылғы 24 тамызда``, ``22, 23 және 24 ақпанда`` (one mention per day),
``6–8 ақпан аралығында``, ``жылдың басынан бері``, ``3 жыл бұрын``, ``27 жастағы``, ``сағат 14:00-де``, ``түнде``.

Values follow TimeML/TIMEX3 and the corpus guideline (docs/annotation.md, Layer 4): a date ``2022-08-24``, a
month ``2022-10``, a year, an ISO week ``2022-W33``, a century in ISO 8601 century notation (``XVI ғасыр`` ->
``15``), an interval ``start/end``, a season ``2022-SU``, a weekday ``XXXX-WXX-3``, ``X`` for what the text
leaves out (``24 тамызда`` without a publication date: ``XXXX-08-24``), a duration ``P3Y``/``PT24H`` (ages
too: ``27 жастағы`` -> ``P27Y``), a time of day ``T14:00``; null for vague expressions (``жақында``, ``түнде``,
``күн сайын``). Relative expressions are resolved against ``doc._.published`` and stay null without it.

Two lists are set: ``doc._.habar_timexes``, every expression (what ``Document.dates`` shows), and
``doc._.habar_dates``, the expressions that fall on the calendar (dates, months, years, weeks, intervals),
with a value only where it is a whole calendar value: what the events stage dates events by (a duration, a
time of day or a date whose year is unknown dates no event).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from habar import resources
from habar.morph.analyser import analyse, derived_reading, noun_reading
from habar.stages.kazakh import kazakh_at
from habar.stages.tokens import doc_text, token_rows

for _name in ("habar_dates", "habar_timexes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CYRILLIC_ROMAN = str.maketrans({"Х": "X", "І": "I", "С": "C"})  # ХХІ ғасыр, written with Cyrillic letters
CALENDAR_KINDS = frozenset({"date", "dates", "months", "years", "year", "century", "decade", "month", "shift", "ahead",
                            "behind", "ytd", "rel", "season"})
"""Kinds of expression that fall on the calendar (the others are durations, times of day, sets, vague words)."""


@dataclass(frozen=True)
class TimeMention:
    """A time expression at ``start:end`` and how to resolve it: ``spec`` is (kind, *arguments); ``label`` is
    DATE or TIME (the guideline's classes: TIME for times of day and durations under a day)."""

    start: int
    end: int
    text: str
    spec: tuple[Any, ...]
    value: str | None = None
    label: str = "DATE"

    @property
    def on_calendar(self) -> bool:
        return self.spec[0] in CALENDAR_KINDS


@cache
def _data() -> dict[str, Any]:
    return resources.toml("time.toml")


@cache
def _weekdays() -> dict[str, int]:
    return {row["wide_format"].lower(): int(row["index"]) for row in resources.tsv("months_weekdays_kk.cldr.tsv")
            if row["kind"] == "weekday"}


@cache
def _lexemes() -> tuple[frozenset[str], dict[str, list[str]]]:
    """Every time word the stage knows, and the same indexed by the first two letters (longest first)."""
    d = _data()
    words = {*resources.month_names(), *_weekdays(), *d["units"], *d["age"]["words"], *d["relative"],
             *d["relative_needs_noun"]["nouns"], *d["parts"]["words"], *d["century"]["words"], *d["seasons"],
             *d["day_parts"]["cased"], *d["day_parts"]["adjectives"], *d["day_parts"]["genitives"],
             *d["day_parts"]["halves"], *d["named_months"]["words"], *d["signals"]["between"], "уақыт"}
    index: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        index.setdefault(w[:2], []).append(w)
    return frozenset(words), index


@lru_cache(maxsize=50_000)
def _lexeme(low: str, lemma: str, pos: str, feats: str) -> tuple[str, str, str]:
    """(time word, case, features) of a word: its lemma when that is a time word (a noun, not a verb), else the
    grammar's reading of the word as a time word with its endings; ("", "", "") when it is none."""
    words, index = _lexemes()
    if low in words:
        return low, "Nom", "Case=Nom"
    if lemma in words and pos in ("NOUN", "PROPN", "ADJ", "ADV"):
        return lemma, _feat(feats, "Case") or "Nom", feats
    for w in index.get(low[:2], ()):
        if len(w) < len(lemma) < len(low) and low.startswith(lemma):
            continue  # the analyser read a longer stem: кешені is кешен + -і, not кеше + -ні
        reading = noun_reading(low, w)
        if reading is not None:
            case = "Attr" if reading.pos == "ADJ" else _feat(reading.feats, "Case") or "Nom"
            return w, case, reading.feats
    for w in index.get(low[:2], ()):
        # сағаттық, күндік, жылдық: an adjective or noun of that length; possessed, "Абайдың 175 жылдығы" is
        # the anniversary, not a length
        derived = derived_reading(low, w) if w in _data()["units"] else None
        if derived is not None and "Person[psor]" not in derived.feats:
            return w, "Deriv", ""
    return "", "", ""


def _feat(feats: str, key: str) -> str:
    for pair in feats.split("|"):
        k, _, v = pair.partition("=")
        if k == key:
            return v
    return ""


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    low: str
    lemma: str
    feats: str
    lex: str  # the time word it is a form of, or ""
    case: str  # its case (UD value; "Attr" for the temporal adjective -ғы/-гі)


def _words(doc: Doc) -> list[_Word]:
    out = []
    for t in token_rows(doc):
        if t.space:
            continue
        text = t.text
        low = text.lower()
        if t.lemma:
            lemma, pos, feats = t.lemma.lower(), t.pos, t.feats
        else:  # a Doc the morph stage has not read (find_times on a text)
            reading = analyse(text)
            lemma, pos, feats = reading.lemma.lower(), reading.pos, reading.feats
        lex, case, lex_feats = "", "", ""
        if lemma.isdecimal() and "-" in low and low.partition("-")[2].isalpha():
            # 2020-жылы, 21-ғасырда: a number written together with its time word; the word's reading
            tail = low.partition("-")[2]
            reading = analyse(tail)
            lex, case, lex_feats = _lexeme(tail, reading.lemma.lower(), reading.pos, reading.feats)
        elif any(ch.isalpha() for ch in text):
            lex, case, lex_feats = _lexeme(low, lemma, pos, feats)
            pair = _pair(low)
            if not lex and pair and pair[0] in resources.month_names() and pair[1] in resources.month_names():
                lex, case, lex_feats = pair[0], "Nom", "Case=Nom"  # қаңтар-ақпан: two months written as one
        out.append(_Word(t.start, t.end, text, low, lemma, lex_feats or feats, lex,
                         case or _feat(feats, "Case") or "Nom"))
    return out


# ---- shapes of number tokens (digits, not letters: no Kazakh ending is read here)

def _int(text: str) -> int | None:
    return int(text) if text.isdecimal() else None


def _clock(text: str) -> str | None:
    """``14:00`` -> ``T14:00``."""
    h, sep, m = text.partition(":")
    if sep and h.isdecimal() and m.isdecimal() and len(m) == 2 and len(h) <= 2 and int(h) <= 24 and int(m) < 60:
        return f"T{int(h):02d}:{m}"
    return None


def _pair(text: str) -> tuple[str, str] | None:
    for dash in ("–", "-", "—"):
        a, sep, b = text.partition(dash)
        if sep and a and b:
            return a, b
    return None


def _dotted(text: str) -> tuple[int, int, int] | None:
    parts = text.split(".")
    if len(parts) == 3 and all(p.isdecimal() for p in parts) and len(parts[2]) == 4 and len(parts[0]) <= 2 \
            and len(parts[1]) <= 2:
        return int(parts[2]), int(parts[1]), int(parts[0])
    return None


def _roman(text: str) -> int | None:
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        va, vb = _ROMAN[a], _ROMAN.get(b, 0)
        total += -va if va < vb else va
    return total


Found = tuple[int, tuple[Any, ...], str]  # (end word index, spec, label)


class _Grammar:
    """The expressions, read over the words of one text; each ``_rule`` at word ``i`` returns the mentions it
    reads from there (a list of (start word, end word, spec, label)) or nothing."""

    def __init__(self, words: list[_Word]) -> None:
        self.w = words
        self.n = len(words)
        self.d = _data()
        self.months = resources.month_names()

    # -- word tests
    def low(self, i: int) -> str:
        return self.w[i].low if 0 <= i < self.n else ""

    def lex(self, i: int) -> str:
        return self.w[i].lex if 0 <= i < self.n else ""

    def case(self, i: int) -> str:
        return self.w[i].case if 0 <= i < self.n else ""

    def poss(self, i: int) -> bool:
        return 0 <= i < self.n and "Person[psor]" in self.w[i].feats

    def plural(self, i: int) -> bool:
        return 0 <= i < self.n and "Number=Plur" in self.w[i].feats

    def is_year_word(self, i: int) -> bool:
        return self.lex(i) == "жыл" or self.low(i) in ("ж.", "ж")

    def number(self, i: int) -> tuple[float, int] | None:
        """(value, end) of a cardinal at ``i``: digits, or number words (``жиырма бес``, ``бір жарым``)."""
        if not 0 <= i < self.n:
            return None
        w = self.w[i]
        value = _int(w.lemma)
        if value is not None:
            return float(value), i + 1
        nums = self.d["numbers"]
        word = w.low if w.low in nums else w.lemma
        if word not in nums or "NumType=Ord" in w.feats:
            return None
        total, j = float(nums[word]), i + 1
        if total in (20, 30, 40, 50, 60, 70, 80, 90) and self.low(j) in nums and nums[self.low(j)] < 10:
            total, j = total + nums[self.low(j)], j + 1
        if self.low(j) in self.d["half"]["words"]:
            total, j = total + 0.5, j + 1
        return total, j

    def number_range(self, i: int) -> int | None:
        """End of ``5-10`` / ``5–10`` (one token or three) at ``i``."""
        if not 0 <= i < self.n:
            return None
        pair = _pair(self.w[i].lemma)
        if pair and pair[0].isdecimal() and pair[1].isdecimal():
            return i + 1
        if _int(self.w[i].lemma) is not None and self.low(i + 1) in ("-", "–", "—") and i + 2 < self.n \
                and _int(self.w[i + 2].lemma) is not None:
            return i + 3
        return None

    def year(self, i: int) -> tuple[int, int] | None:
        """(year, end) of ``2024 жылғы`` / ``2024 жылдың`` / ``2024 ж.`` at ``i``."""
        if not 0 <= i < self.n:
            return None
        value = _int(self.w[i].lemma)
        if value is not None and 1000 <= value <= 2999:
            if self.lex(i) == "жыл":  # 2020-жылы
                return value, i + 1
            if self.is_year_word(i + 1):
                return value, i + 2
        return None

    def rel_year(self, i: int) -> tuple[int, int] | None:
        """(offset, end) of a year named relative to publication before a date or a month: ``ағымдағы жылдың``,
        ``өткен жылғы``, ``биылғы``, ``былтыр``."""
        d = self.d
        if self.low(i) in d["modifiers"] and self.lex(i + 1) == "жыл" and not self.plural(i + 1) and (
                self.case(i + 1) in ("Gen", "Attr") or self.poss(i + 1)):
            return d["modifiers"][self.low(i)], i + 2
        if self.lex(i) in ("биыл", "былтыр") and self.case(i) in ("Attr", "Gen"):  # биыл alone is an adverb
            return d["relative"][self.lex(i)][1], i + 1
        return None

    def month(self, i: int) -> int | None:
        return self.months.get(self.lex(i))

    def signal(self, j: int, case: str) -> int:
        """After an expression ending in ``case``: the postposition the annotation keeps inside the span."""
        s = self.d["signals"]
        low = self.low(j)
        if case == "Abl" and low in (*s["from"], *self.d["direction"]["after"]):
            return j + 1
        if case == "Dat" and low in s["until"]:
            return j + 1
        return j

    def part(self, j: int) -> int:
        """A part of a month or year after its genitive (``айының ортасында``, ``жылдың аяғында``)."""
        if self.lex(j) in self.d["parts"]["words"] and self.poss(j):
            return j + 1
        return j

    # -- the rules
    def rule_dates(self, i: int) -> list[tuple[int, int, tuple[Any, ...], str]]:
        j = i
        year: int | tuple[str, int] | None = None
        y = self.year(j)
        r = None if y else self.rel_year(j)
        if y:
            year, j = y
        elif r:
            year, j = ("rel", r[0]), r[1]
        days: list[tuple[int, int, int]] = []  # (word, end word, day)
        ranged: tuple[int, int] | None = None
        while True:
            pair = _pair(self.w[j].lemma) if j < self.n else None
            if pair and pair[0].isdecimal() and pair[1].isdecimal():
                ranged = (int(pair[0]), int(pair[1]))
                j += 1
                break
            day = _int(self.w[j].lemma) if j < self.n and "NumType=Ord" not in self.w[j].feats else None
            if day is None or not 1 <= day <= 31:
                return []
            if self.low(j + 1) in ("-", "–") and j + 2 < self.n and _int(self.w[j + 2].lemma):
                ranged = (day, int(self.w[j + 2].lemma))
                j += 3
                break
            days.append((j, j + 1, day))
            if self.low(j + 1) in (",", "және") and j + 2 < self.n and _int(self.w[j + 2].lemma) and \
                    not self.year(j + 2):
                j += 2
                continue
            j += 1
            break
        month = self.month(j)
        if month is None:
            return []
        end = j + 1
        if self.lex(end) == "ай":
            end += 1
        y2 = self.year(end)
        if year is None and y2:
            year, end = y2[0], y2[1]
        last_case = self.case(end - 1)
        if ranged:
            spec: tuple[Any, ...] = ("dates", ("date", year, month, ranged[0]), ("date", year, month, ranged[1]))
            if self.lex(end) in self.d["signals"]["between"]:
                end += 1
            return [(i, end, spec, "DATE")]
        first = ("date", year, month, days[-1][2])
        # "1 қаңтар мен 17 қыркүйек аралығы", "2021 жылғы 1 қаңтардан 2025 жылғы 31 желтоқсанға дейін"
        if len(days) == 1 and (self.low(end) in ("мен", "бен", "пен") or last_case == "Abl"):
            k = end + 1 if self.low(end) in ("мен", "бен", "пен") else end
            other = self.rule_dates(k) if k < self.n and _int(self.w[k].lemma) else []
            if len(other) == 1 and other[0][2][0] == "date":
                o_end = other[0][1]
                if self.lex(o_end) in self.d["signals"]["between"] or self.low(o_end) in self.d["signals"]["until"]:
                    return [(i, o_end + 1, ("dates", first, other[0][2]), "DATE")]
                if self.lex(o_end - 1) in self.d["signals"]["between"]:
                    return [(i, o_end, ("dates", first, other[0][2]), "DATE")]
        end = self.signal(end, last_case)
        out = [(w, e, ("date", year, month, day), "DATE") for w, e, day in days[:-1]]
        start = days[-1][0] if days[:-1] else i
        # a weekday beside the date is part of it: "15 наурыз, жексенбі күні"
        if self.low(end) == "," and self.weekday(end + 1):
            end = self.weekday(end + 1) or end
        out.append((start, end, ("date", year, month, days[-1][2]), "DATE"))
        return out

    def weekday(self, i: int) -> int | None:
        """End of a weekday (``сәрсенбі``, ``жексенбі күні``) at ``i``."""
        lex = self.lex(i)
        if lex not in _weekdays():
            return None
        if lex in self.d["ambiguous_weekdays"]["names"] and not self.w[i].text[:1].islower() \
                and self.lex(i + 1) != "күн":
            return None
        return i + 2 if self.lex(i + 1) == "күн" and self.case(i) == "Nom" else i + 1

    def rule_weekday(self, i: int) -> Found | None:
        end = self.weekday(i)
        if end is None:
            return None
        if self.low(end) == ",":
            date = self.rule_dates(end + 1)
            if len(date) == 1:
                return date[0][1], date[0][2], "DATE"
        return end, ("const", f"XXXX-WXX-{_weekdays()[self.lex(i)]}"), "DATE"

    def rule_dotted(self, i: int) -> Found | None:
        parts = _dotted(self.w[i].lemma)
        return (i + 1, ("date", *parts), "DATE") if parts else None

    def rule_month(self, i: int) -> Found | None:
        d = self.d
        j, how = i, None
        mod = self.low(j)
        r = self.rel_year(j)
        if r and self.month(r[1]) is not None:
            how, j = ("rel", r[0]), r[1]
        elif mod in d["modifiers"] or self.lex(j) in ("биыл", "былтыр"):
            offset = d["modifiers"].get(mod, d["relative"].get(self.lex(j), ["", 0])[1])
            how = ("next", 0) if mod in d["ahead"]["words"] else ("last", 0) if mod == "өткен" else ("rel", offset)
            j += 1
        else:
            y = self.year(j)
            if y:
                how, j = ("abs", y[0]), y[1]
        month = self.month(j)
        if month is None:
            return None
        end = j + 1
        with_ai = self.lex(end) == "ай"
        if with_ai:
            end += 1
        lex = self.lex(j)
        amb = d["ambiguous_months"]
        if how is None and not with_ai and self.case(j) == "Nom":
            return None  # a month name alone in the nominative is a name (Наурыз, the spring feast)
        if how is None and not with_ai and lex in amb["names"] and (
                lex in amb["never_alone"] or not self.w[j].text[:1].islower()
                or self.case(j) not in ("Loc", "Abl", "Dat")):
            return None  # қазан (cauldron, Kazan), маусым (season): a month only as a date
        if how is None and not with_ai and self.w[j].text[:1].isupper() and j > 0 and self.low(j - 1) not in (
                ".", "!", "?", "\n", '"', "«", "“") and not self.w[j].text.isupper():
            return None  # a capitalised month name inside a sentence is a name (Наурыз мейрамы)
        if self.case(end - 1) == "Gen":
            end = self.part(end)
        end = self.signal(end, self.case(end - 1))
        return end, ("month", how or ("none", 0), month), "DATE"

    def rule_months(self, i: int) -> Found | None:
        """``қаңтар-ақпан айларында``, ``наурыз–сәуір айларында``, ``қаңтар мен ақпан айларында``: two months and
        the plural of ай, an interval of months (the year is publication's, or X)."""
        pair = _pair(self.w[i].low) if i < self.n else None
        if pair and pair[0] in self.months and pair[1] in self.months and self.lex(i + 1) == "ай" \
                and self.plural(i + 1):
            return i + 2, ("months", ("none", 0), self.months[pair[0]], self.months[pair[1]]), "DATE"
        first = self.month(i)
        if first is None or self.case(i) != "Nom":
            return None
        if self.low(i + 1) in ("-", "–", "—", "мен", "және") and self.month(i + 2) is not None:
            second, j = self.month(i + 2), i + 3
        else:
            return None
        if self.lex(j) != "ай" or not self.plural(j):
            return None
        year = ("none", 0)
        return j + 1, ("months", year, first, second), "DATE"

    def rule_years(self, i: int) -> Found | None:
        a = _int(self.w[i].lemma)
        pair = _pair(self.w[i].lemma)
        if pair and pair[0].isdecimal() and pair[1].isdecimal():
            a, b, j = int(pair[0]), int(pair[1]), i + 1
        elif a is not None and self.low(i + 1) in ("-", "–", "—", "/") and i + 2 < self.n and _int(self.w[i + 2].lemma):
            b, j = int(self.w[i + 2].lemma), i + 3
        else:
            return None
        if a is None or not (1000 <= a <= 2999 and 1000 <= b <= 2999 and a < b) or not self.is_year_word(j):
            return None
        end = j + 1
        if self.lex(end) in self.d["signals"]["between"]:
            end += 1
        return end, ("years", a, b), "DATE"

    def rule_year(self, i: int) -> Found | None:
        y = self.year(i)
        if y is None:
            return None
        year, end = y
        if self.plural(end - 1) and year % 10 == 0:
            return self.signal(end, self.case(end - 1)), ("decade", year // 10), "DATE"  # 1990 жылдары: the 1990s
        if self.case(end - 1) == "Gen":
            end = self.part(end)
            start_part = end > y[1] and self.lex(end - 1) == self.d["parts"]["start"]
            if start_part and self.low(end) in self.d["signals"]["since"]:
                return end + 1, ("ytd_of", year), "DATE"
            season = self.season_at(end, ("abs", year))
            if season:
                return season
        return self.signal(end, self.case(end - 1)), ("year", year), "DATE"

    def season_at(self, j: int, how: tuple[str, int]) -> Found | None:
        code = self.d["seasons"].get(self.lex(j))
        if code and (self.case(j) in ("Loc", "Attr", "Abl", "Dat") or self.poss(j)):
            return j + 1, ("season", how, code), "DATE"
        return None

    def rule_season(self, i: int) -> Found | None:
        mod = self.low(i)
        if mod in self.d["modifiers"] or self.lex(i) in ("биыл", "былтыр"):
            offset = self.d["modifiers"].get(mod, self.d["relative"].get(self.lex(i), ["", 0])[1])
            return self.season_at(i + 1, ("rel", offset))
        code = self.d["seasons"].get(self.lex(i))
        if code and self.case(i) in ("Loc", "Attr") and not self.poss(i):
            return i + 1, ("season", ("none", 0), code), "DATE"
        return None

    def rule_century(self, i: int) -> Found | None:
        n = _roman(self.w[i].text.translate(_CYRILLIC_ROMAN))
        if n and self.lex(i + 1) in self.d["century"]["words"]:
            return i + 2, ("century", n), "DATE"
        n = _int(self.w[i].lemma)
        if n and n <= 30 and self.lex(i) in self.d["century"]["words"]:
            return i + 1, ("century", n), "DATE"  # 21-ғасырда
        if n and n <= 30 and self.lex(i + 1) in self.d["century"]["words"]:
            return i + 2, ("century", n), "DATE"  # 21 ғасыр
        return None

    def rule_relative(self, i: int) -> Found | None:
        lex = self.lex(i)
        if lex not in self.d["relative"] or self.case(i) == "Acc":
            return None  # an adverb of time takes no accusative: кешені is кешен + -і (a complex)
        unit, offset = self.d["relative"][lex]
        end = i + 1
        needs = self.d["relative_needs_noun"]
        if lex in needs["words"]:
            if self.case(i) != "Attr" or self.lex(end) not in needs["nouns"]:
                return None
            end += 1
        elif unit == "year" and self.lex(end) == "жыл" and self.lex(end + 1) in self.d["parts"]["words"]:
            end += 2  # "былтыр жыл аяғында"
        return end, ("rel", unit, offset), "DATE"

    def unit(self, i: int) -> tuple[str, str] | None:
        return self.d["units"].get(self.lex(i))

    def rule_mod_unit(self, i: int) -> Found | None:
        d = self.d
        mod = self.low(i)
        vague = mod in d["vague_modifiers"]["words"]
        if mod not in d["modifiers"] and not vague:
            return None
        n = self.number(i + 1)
        if n and mod in (*d["ahead"]["words"], "соңғы") and self.unit(n[1]):
            end = n[1] + 1
            if self.low(end) in d["signals"]["during"]:
                end += 1
            unit = self.unit(n[1])[0]  # type: ignore[index]
            kind = "ahead" if mod != "соңғы" else "behind"
            if unit in ("hour", "minute"):
                return end, ("const", None), "TIME"
            return end, (kind, unit, int(n[0])) if n[0] == int(n[0]) else ("const", None), "DATE"
        if self.number_range(i + 1) and self.unit(self.number_range(i + 1) or 0):
            end = (self.number_range(i + 1) or 0) + 1
            if self.low(end) in d["signals"]["during"]:
                end += 1
            return end, ("const", None), "DATE"
        unit = self.unit(i + 1)
        if unit is None and not (vague and self.lex(i + 1) == "уақыт" and self.low(i + 2) == "бойы"):
            return None
        if unit is not None and unit[0] in ("hour", "minute"):
            return None
        end = i + 2
        if self.low(end) in d["signals"]["during"]:
            end += 1
        if unit is None or vague or self.plural(i + 1) or (unit[0] == "day" and mod != "осы"):
            return end, ("const", None), "DATE"  # алдағы күндері, соңғы жылдары, келесі күні (the day after)
        return end, ("rel", unit[0], d["modifiers"][mod]), "DATE"

    def rule_amount(self, i: int) -> Found | None:
        """``3 жыл бұрын`` (a shift), ``3 жылға``, ``екі күн бойы`` (durations), ``27 жастағы`` (an age)."""
        d = self.d
        j = i + 1 if self.low(i) in d["direction"]["from_now"] else i
        several = self.low(j) in d["several"]["words"]
        rng = None if several else self.number_range(j)
        n = None if several or rng else self.number(j)
        if several:
            k = j + 1
        elif n:
            k = n[1]
        elif rng:
            k = rng
        else:
            return None
        age = self.lex(k) in d["age"]["words"] and self.case(k) != "Nom"  # 46 жас: also "young"
        unit = self.unit(k)
        if not age and unit is None:
            return None
        if n and n[0] >= 1000 and unit and unit[0] == "year":
            return None  # a year, not a duration
        end = k + 1
        label = "TIME" if unit and unit[0] in ("hour", "minute") else "DATE"
        low = self.low(end)
        direction = d["direction"]
        if not age and (low in direction["before"] or low in direction["after"] or (
                low == "өткен" and self.low(end + 1) in direction["after"])):
            end += 2 if low == "өткен" else 1
            if n is None or unit is None or self.case(k) not in ("Nom", "Abl"):
                return end, ("const", None), label
            sign = 1 if low in direction["after"] or low == "өткен" else -1
            if unit[0] in ("hour", "minute") or n[0] != int(n[0]):
                return end, ("const", None), label
            return end, ("shift", unit[0], sign * int(n[0])), label
        if j != i:
            return None  # "осыдан" goes with a shift only
        # a range of durations up to another: "5-10 жылдан 5-8 жылға дейін", "8-ден 24 сағатқа дейінгі"
        if self.case(k) == "Abl" and (self.number(end) or self.number_range(end)):
            other = self.rule_amount(end)
            if other and other[1][0] in ("const", "duration"):
                return other[0], ("const", None), other[2]
        if low in d["signals"]["during"]:
            end += 1
        elif low in d["signals"]["until"] and self.case(k) == "Dat":
            end += 1
        if several or rng or n is None:
            return end, ("const", None), label
        if n[0] == 1 and self.poss(k) and not age:
            return None  # "бір күні": one day (once), not a duration
        value = n[0]
        if age:
            return end, ("duration", f"P{_num(value)}Y"), "DATE"
        assert unit is not None
        return end, ("duration", _duration(value, unit)), label

    def rule_early_range(self, i: int) -> Found | None:
        """``8-ден 24 сағатқа дейінгі``: a number in the ablative up to an amount."""
        if _int(self.w[i].lemma) is None or self.case(i) != "Abl":
            return None
        other = self.rule_amount(i + 1)
        if other and other[1][0] in ("const", "duration") and self.low(other[0] - 1) in self.d["signals"]["until"]:
            return other[0], ("const", None), other[2]
        return None

    def rule_unit_during(self, i: int) -> Found | None:
        """``тәулік бойы``, ``ұзақ уақыт бойы``: a unit with no number, through its length."""
        unit = self.unit(i)
        if unit and self.case(i) == "Nom" and not self.poss(i) and self.low(i + 1) == "бойы":
            return i + 2, ("duration", _duration(1, unit)), "TIME" if unit[0] in ("hour", "minute") else "DATE"
        return None

    def rule_set(self, i: int) -> Found | None:
        if self.unit(i) and self.low(i + 1) in self.d["sets"]["words"]:
            return i + 2, ("const", None), "DATE"
        return None

    def rule_year_part(self, i: int) -> Found | None:
        """``жыл басынан бері`` (this year so far), ``жыл басындағы``, ``жылдың аяғында`` (this year)."""
        if self.lex(i) != "жыл" or self.case(i) not in ("Nom", "Gen") or self.poss(i) or self.plural(i):
            return None
        end = self.part(i + 1)
        if end == i + 1:
            return None
        if self.lex(i + 1) == self.d["parts"]["start"] and self.case(i + 1) == "Abl" and \
                self.low(end) in self.d["signals"]["since"]:
            return end + 1, ("ytd",), "DATE"
        return self.signal(end, self.case(end - 1)), ("rel", "year", 0), "DATE"

    def rule_clock(self, i: int) -> Found | None:
        dp = self.d["day_parts"]
        evening = 0
        if self.lex(i) in dp["adjectives"] and self.case(i) == "Attr" and self.lex(i + 1) == "сағат":
            # таңғы сағат 9-да, кешкі сағат 7-де (19:00), түнгі сағат 2-де
            found = self.rule_clock(i + 1)
            if found is None or not found[1][1].startswith("T") or "/" in found[1][1]:
                return None
            at = int(found[1][1][1:3])
            if self.lex(i) in dp["afternoon"] and at < 12:
                evening = 12
            return found[0], ("clock", f"T{at + evening:02d}{found[1][1][3:]}"), "TIME"
        j = i + 1 if self.lex(i) == "сағат" and self.case(i) == "Nom" else i
        if j >= self.n:
            return None
        lemma = self.w[j].lemma
        value = _clock(lemma)
        if value:
            return self.signal(j + 1, self.case(j)), ("clock", value), "TIME"
        pair = _pair(lemma)
        if pair and _clock(pair[0]) and _clock(pair[1]):
            return j + 1, ("clock", f"{_clock(pair[0])}/{_clock(pair[1])}"), "TIME"
        hour = _int(lemma)
        if j > i and hour is not None and hour <= 24 and self.case(j) != "Nom":
            return self.signal(j + 1, self.case(j)), ("clock", f"T{hour:02d}:00"), "TIME"
        return None

    def rule_day_part(self, i: int) -> Found | None:
        dp = self.d["day_parts"]
        lex, low = self.lex(i), self.low(i)
        end = None
        if low in dp["words"]:
            end = i + 1
        elif lex in dp["cased"] and self.case(i) == dp["cased"][lex] and not self.poss(i):
            end = i + 1
        elif lex in dp["adjectives"] and self.case(i) == "Attr" and self.lex(i + 1) in dp["nouns"]:
            end = i + 2
        elif lex in dp["genitives"] and self.case(i) == "Gen":
            j = i + 1
            if self.number(j) is None and 0 <= j < self.n and "NumType=Ord" in self.w[j].feats:
                j += 1
            if self.lex(j) in dp["halves"] and self.poss(j):
                end = j + 1
        if end is None:
            return None
        if self.low(end) in dp["after"]:
            end += 1
        return end, ("const", None), "TIME"

    def rule_vague(self, i: int) -> Found | None:
        v = self.d["vague"]
        if self.low(i) in v["words"]:
            return i + 1, ("const", None), "DATE"
        for phrase in v["phrases"]:
            if all(self.low(i + k) == word for k, word in enumerate(phrase)):
                return i + len(phrase), ("const", None), "DATE"
        if self.lex(i) in self.d["named_months"]["words"] and self.lex(i + 1) == "ай":
            return i + 2, ("const", None), "DATE"
        return None

    def find(self) -> list[tuple[int, int, tuple[Any, ...], str]]:
        singles: list[Callable[[int], Found | None]] = [
            self.rule_dotted, self.rule_months, self.rule_years, self.rule_year, self.rule_month, self.rule_weekday,
            self.rule_season, self.rule_century, self.rule_relative, self.rule_mod_unit, self.rule_amount,
            self.rule_early_range, self.rule_unit_during, self.rule_set, self.rule_year_part, self.rule_clock,
            self.rule_day_part, self.rule_vague]
        out: list[tuple[int, int, tuple[Any, ...], str]] = []
        starters = _starters()
        i = 0
        while i < self.n:
            w = self.w[i]
            if not (w.lex or w.low in starters or w.lemma in starters or any(ch.isdecimal() for ch in w.text)
                    or _roman(w.text.translate(_CYRILLIC_ROMAN))):
                i += 1  # no expression begins with this word
                continue
            best = self.rule_dates(i)
            best_end = best[-1][1] if best else i
            for rule in singles:
                found = rule(i)
                if found and found[0] > best_end:
                    best, best_end = [(i, found[0], found[1], found[2])], found[0]
            if best:
                out.extend(best)
                i = best_end
            else:
                i += 1
        return out


@cache
def _starters() -> frozenset[str]:
    """Words other than time words and numbers that may begin an expression."""
    d = _data()
    return frozenset({*d["modifiers"], *d["vague_modifiers"]["words"], *d["several"]["words"],
                      *d["direction"]["from_now"], *d["vague"]["words"], *(p[0] for p in d["vague"]["phrases"]),
                      *d["day_parts"]["words"], *d["numbers"], *d["ahead"]["words"], "соңғы"})


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _duration(value: float, unit: tuple[str, str]) -> str:
    name, letter = unit
    if value == 0.5 and name == "year":
        return "P6M"
    if value == 0.5 and name == "day":
        return "PT12H"
    if name in ("hour", "minute"):
        return f"PT{_num(value)}{letter}"
    return f"P{_num(value)}{letter}"


@cache
def _blank() -> Language:
    import habar.lang  # noqa: F401  (registers "kk")

    return spacy.blank("kk")


def find_times(doc: Doc | str) -> list[TimeMention]:
    """Time expressions of a Doc (or of a text, tokenised and read by the grammar word by word), left to
    right, longest first where they overlap."""
    if isinstance(doc, str):
        doc = _blank()(doc)
    words = _words(doc)
    text = doc_text(doc)
    out = []
    for s, e, spec, label in _Grammar(words).find():
        start, end = words[s].start, words[e - 1].end
        out.append(TimeMention(start, end, text[start:end], spec, label=label))
    return out


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = day.year * 12 + day.month - 1 + (n if unit == "month" else 12 * n)
    year, month = divmod(months, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def _at(day: dt.date, unit: str) -> str:
    """``day`` written at the precision of ``unit``."""
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _year_of(how: tuple[str, int], month: int, anchor: dt.date | None) -> str:
    kind, v = how
    if kind == "abs":
        return f"{v:04d}"
    if anchor is None:
        return "XXXX"
    if kind == "next":
        return f"{anchor.year + (0 if month > anchor.month else 1):04d}"
    if kind == "last":
        return f"{anchor.year - (0 if month < anchor.month else 1):04d}"
    return f"{anchor.year + v:04d}"


def resolve(spec: tuple[Any, ...], published: str | None) -> str | None:
    """TIMEX3 value of a time expression, anchored at ``published`` (YYYY-MM-DD) when relative; ``X`` for the
    year the text and the anchor leave out."""
    anchor = dt.date.fromisoformat(published) if published else None
    kind = spec[0]
    try:
        if kind == "date":
            _, year, month, day = spec
            if isinstance(year, tuple):  # ("rel", offset): ағымдағы жылдың 15 наурызында
                year = None if anchor is None else anchor.year + year[1]
            if year is None and anchor is None:
                dt.date(2000, month, day)  # a day the month has (29 February included)
                return f"XXXX-{month:02d}-{day:02d}"
            return dt.date(anchor.year if year is None else year, month, day).isoformat()  # type: ignore[union-attr]
        if kind == "dates":
            a, b = resolve(spec[1], published), resolve(spec[2], published)
            return f"{a}/{b}" if a and b else None
        if kind == "years":
            return f"{spec[1]:04d}/{spec[2]:04d}"
        if kind == "year":
            return f"{spec[1]:04d}"
        if kind == "century":
            return f"{spec[1] - 1:02d}"
        if kind == "decade":
            return f"{spec[1]:03d}"
        if kind == "month":
            how, month = spec[1], spec[2]
            return f"{_year_of(how if how[0] != 'none' else ('rel', 0), month, anchor)}-{month:02d}"
        if kind == "months":
            a, b = spec[2], spec[3]
            year = _year_of(("rel", 0), a, anchor)
            return f"{year}-{a:02d}/{year}-{b:02d}"
        if kind == "season":
            how, code = spec[1], spec[2]
            year = "XXXX" if how[0] == "none" else _year_of(how, 0, anchor)
            return f"{year}-{code}"
        if kind in ("const", "duration", "clock"):
            return str(spec[1]) if spec[1] is not None else None
        if anchor is None:
            return None
        if kind == "ytd_of":
            return f"{spec[1]:04d}-01-01/{anchor.isoformat()}"
        if kind == "shift":
            return _at(_shift(anchor, spec[1], spec[2]), spec[1])
        if kind == "ahead":
            return f"{anchor.isoformat()}/{_shift(anchor, spec[1], spec[2]).isoformat()}"
        if kind == "behind":
            return f"{_shift(anchor, spec[1], -spec[2]).isoformat()}/{anchor.isoformat()}"
        if kind == "ytd":
            return f"{anchor.year:04d}-01-01/{anchor.isoformat()}"
        if kind == "rel":
            return _at(_shift(anchor, spec[1], spec[2]), spec[1])
    except (ValueError, KeyError, TypeError):
        return None
    return None


def _calendar_value(value: str | None) -> str | None:
    """A value the events stage may date an event by: a whole calendar value (no ``X``)."""
    return value if value and "X" not in value else None


def mentions_of(doc: Doc, published: str | None, keep: Callable[[int], bool] | None = None) -> Iterable[TimeMention]:
    found = [replace(t, value=resolve(t.spec, published)) for t in find_times(doc) if keep is None or keep(t.start)]
    return _day_lists(doc_text(doc), found)


_LIST_GLUE = frozenset({",", "және", "мен"})
"""What joins the days of a list (``24, 25 және 26 қаңтарға``)."""


def _day_lists(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """Days listed before their month (``24, 25 және 26 қаңтарға``, ``3, 4, 5 ақпанға``) as one expression, as
    the corpus annotates them, its value the interval from the first day to the last."""
    out: list[TimeMention] = []
    run: list[TimeMention] = []
    for t in mentions:
        gap = text[run[-1].end : t.start].replace(",", " , ").split() if run else []
        glued = bool(gap) and set(gap) <= _LIST_GLUE
        if run and not glued:
            out.extend(run)
            run = []
        if t.text.isdecimal() and t.label == "DATE":
            run.append(t)
            continue
        if run and t.label == "DATE" and t.value and run[0].value and t.spec[0] == "date":
            first = run[0]
            out.append(replace(t, start=first.start, text=text[first.start : t.end],
                               value=f"{first.value}/{t.value}" if first.value != t.value else t.value))
            run = []
            continue
        out.extend(run)
        run = []
        out.append(t)
    out.extend(run)
    return out


@Language.component("habar_time", requires=["token.lemma", "token.morph"],
                    assigns=["doc._.habar_dates", "doc._.habar_timexes"])
def habar_time(doc: Doc) -> Doc:
    """Time expressions with their TIMEX3 values, relative ones anchored to ``doc._.published``."""
    published = doc._.published if doc.has_extension("published") else None
    in_kazakh = kazakh_at(doc)  # only the sentences in Kazakh (habar.stages.kazakh)
    timexes = list(mentions_of(doc, published, in_kazakh))
    doc._.habar_timexes = timexes
    doc._.habar_dates = [replace(t, value=_calendar_value(t.value)) for t in timexes if t.on_calendar]
    return doc


def dates_to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.dates``, as the component found and resolved them."""
    mentions: list[TimeMention] = doc._.habar_timexes or []
    fields["dates"] = [{"start": t.start, "end": t.end, "text": t.text, "value": t.value, "label": t.label}
                       for t in mentions]
