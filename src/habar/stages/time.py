"""The time stage: dates and time expressions normalised to ISO 8601 (spaCy component ``habar_time``).

The component finds expressions and resolves them against the publication date on the Doc
(``doc._.published``, set before any stage runs): ``doc._.habar_dates``. Values are a date
(``2022-08-24``), a month (``2022-10``), a year (``2022``), an ISO week (``2022-W33``), a century in ISO 8601
century notation (``XVI ғасыр`` -> ``15``, the hundred years 1500-1599), or an interval ``start/end``.
A relative expression without a publication date keeps ``value: null``. Words are data in
``resources/time.toml``; month names come from the CLDR table.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from habar import resources
from habar.morph.analyser import analyse
from habar.morph.names import fold_word
from habar.stages.kazakh import kazakh_at

if not Doc.has_extension("habar_dates"):
    Doc.set_extension("habar_dates", default=None)

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class TimeMention:
    """A time expression at ``start:end`` and how to resolve it: ``spec`` is (kind, *arguments)."""

    start: int
    end: int
    text: str
    spec: tuple[Any, ...]
    value: str | None = None


@cache
def _data() -> dict[str, Any]:
    return resources.toml("time.toml")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    d = _data()
    months = _alt(list(resources.month_names()))
    safe_months = _alt([m for m in resources.month_names() if m not in d["ambiguous_months"]["names"]])
    nums = _alt(list(d["numbers"]))
    units = _alt(list(d["units"]))
    mods = _alt(list(d["modifiers"]))
    after = _alt(d["direction"]["after"] + d["direction"]["before"])
    parts = _alt(d["parts"]["words"])
    rel = _alt(list(d["relative"]))
    cent = _alt(d["century"]["words"])
    ahead = _alt(d["ahead"]["words"])
    w = r"[^\W\d_]*"
    return [
        ("ymd", re.compile(rf"\b(\d{{4}})\s*ж(?:ылғы|ылы|\.)?\s+(\d{{1,2}})\s+({months}){w}", re.I)),
        ("dmy", re.compile(rf"\b(\d{{1,2}})\s+({months}){w}(?:\s+(\d{{4}})\s*ж{w}\.?)?", re.I)),
        ("dotted", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
        ("years", re.compile(rf"\b(\d{{4}})\s*[-–]\s*(\d{{4}})\s*жыл{w}", re.I)),
        ("ym", re.compile(rf"\b(\d{{4}})\s*ж(?:ылғы|ылы|\.)?\s+({months})(?:\s+ай{w})?{w}", re.I)),
        ("mod_month", re.compile(rf"\b(?:({rel}|{mods})\s+)?({months})\s+ай{w}(?:\s+({parts}))?", re.I)),
        ("ahead", re.compile(rf"\b(?:{ahead})\s+(\d+|{nums})\s+({units}){w}", re.I)),
        ("year", re.compile(rf"\b(\d{{4}})(?:-[^\W\d_]+)?\s*жыл{w}", re.I)),
        ("century", re.compile(rf"\b([IVXLC]+)\s+(?:{cent})\b")),
        ("shift", re.compile(rf"\b(\d+|{nums})\s+({units}){w}\s+({after})\b", re.I)),
        ("mod_unit", re.compile(rf"\b({mods})\s+({units}){w}", re.I)),
        ("ytd", re.compile(r"\bжыл\s+басынан\s+бері\b", re.I)),
        ("month", re.compile(rf"\b({safe_months})({w})\b")),
        ("word", re.compile(rf"\b({rel})\b", re.I)),
    ]


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        va, vb = _ROMAN[a], _ROMAN.get(b, 0)
        total += -va if va < vb else va
    return total


def _number(word: str) -> int:
    return int(word) if word.isdigit() else int(_data()["numbers"][word.lower()])


def _spec(kind: str, m: re.Match[str]) -> tuple[Any, ...] | None:
    d = _data()
    months = resources.month_names()
    g = m.groups()
    if kind == "ymd":
        return ("date", int(g[0]), months[g[2].lower()], int(g[1]))
    if kind == "dmy":
        return ("date", int(g[2]) if g[2] else None, months[g[1].lower()], int(g[0]))
    if kind == "dotted":
        return ("date", int(g[2]), int(g[1]), int(g[0]))
    if kind == "years":
        return ("years", int(g[0]), int(g[1]))
    if kind == "ym":
        return ("month", ("abs", int(g[0])), months[g[1].lower()])
    if kind == "mod_month":
        mod = (g[0] or "").lower()
        offset = d["relative"][mod][1] if mod in d["relative"] else d["modifiers"].get(mod, 0)
        return ("month", ("rel", offset), months[g[1].lower()])
    if kind == "year":
        return ("year", int(g[0])) if 1000 <= int(g[0]) <= 2999 else None
    if kind == "century":
        return ("century", _roman(g[0]))
    if kind == "shift":
        n = _number(g[0])
        sign = 1 if g[2].lower() in d["direction"]["after"] else -1
        return ("shift", d["units"][g[1].lower()], sign * n)
    if kind == "ahead":
        return ("ahead", d["units"][g[1].lower()], _number(g[0]))
    if kind == "mod_unit":
        return ("rel", d["units"][g[1].lower()], d["modifiers"][g[0].lower()])
    if kind == "ytd":
        return ("ytd",)
    if kind == "month":
        return ("month", ("rel", 0), months[g[0].lower()])
    if kind == "word":
        unit, offset = d["relative"][g[0].lower()]
        return ("rel", unit, offset)
    return None


def _month_form(word: str, month: str) -> bool:
    """Whether ``word`` is the month ``month`` with a case ending or a possessive and a case ending
    (``тамызда``, ``қазанның``, ``шілдесінде``), as the grammar reads it (:func:`habar.morph.names.fold_word`)."""
    base = fold_word(word).lower()
    month = month.lower()
    if base == month or base.startswith(month) and base[len(month) :] in ("ы", "і", "сы", "сі"):
        return True
    reading = analyse(word)  # a noun reading only: қаңтарылып is the verb қаңтар- ("overturn")
    return reading.lemma.lower() == month and reading.pos in ("NOUN", "PROPN")


def find_times(text: str) -> list[TimeMention]:
    """Time expressions in ``text``, left to right, longest match first where they overlap."""
    taken: list[tuple[int, int]] = []
    out: list[TimeMention] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "month" and m.group(2) and not _month_form(m.group(0), m.group(1)):
                continue  # a month name with an ending the grammar reads (тамызда), not another word (мамыражай)
            spec = _spec(kind, m)
            if spec is None:
                continue
            taken.append((s, e))
            out.append(TimeMention(s, e, text[s:e], spec))
    return sorted(out, key=lambda t: t.start)


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = day.year * 12 + day.month - 1 + (n if unit == "month" else 12 * n)
    year, month = divmod(months, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def resolve(spec: tuple[Any, ...], published: str | None) -> str | None:
    """ISO 8601 value of a time expression, anchored at ``published`` (YYYY-MM-DD) when relative."""
    anchor = dt.date.fromisoformat(published) if published else None
    kind = spec[0]
    try:
        if kind == "date":
            _, year, month, day = spec
            if year is None:
                if anchor is None:
                    return None
                year = anchor.year
            return dt.date(year, month, day).isoformat()
        if kind == "years":
            return f"{spec[1]:04d}/{spec[2]:04d}"
        if kind == "year":
            return f"{spec[1]:04d}"
        if kind == "century":
            return f"{spec[1] - 1:02d}"
        if kind == "month":
            (how, year), month = spec[1], spec[2]
            if how == "rel":
                if anchor is None:
                    return None
                year = anchor.year + year
            return f"{year:04d}-{month:02d}"
        if anchor is None:
            return None
        if kind == "shift":
            return _shift(anchor, spec[1], spec[2]).isoformat()
        if kind == "ahead":
            return f"{anchor.isoformat()}/{_shift(anchor, spec[1], spec[2]).isoformat()}"
        if kind == "ytd":
            return f"{anchor.year:04d}-01-01/{anchor.isoformat()}"
        if kind == "rel":
            unit, offset = spec[1], spec[2]
            day = _shift(anchor, unit, offset)
            if unit == "day":
                return day.isoformat()
            if unit == "week":
                iso = day.isocalendar()
                return f"{iso.year:04d}-W{iso.week:02d}"
            if unit == "month":
                return f"{day.year:04d}-{day.month:02d}"
            return f"{day.year:04d}"
    except (ValueError, KeyError):
        return None
    return None


@Language.component("habar_time", assigns=["doc._.habar_dates"])
def habar_time(doc: Doc) -> Doc:
    """Time expressions with their ISO 8601 values, relative ones anchored to ``doc._.published``."""
    published = doc._.published if doc.has_extension("published") else None
    in_kazakh = kazakh_at(doc)  # only the sentences in Kazakh (habar.stages.kazakh)
    doc._.habar_dates = [replace(t, value=resolve(t.spec, published)) for t in find_times(doc.text)
                         if in_kazakh(t.start)]
    return doc


def dates_to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.dates``, as the component resolved them."""
    mentions: list[TimeMention] = doc._.habar_dates or []
    fields["dates"] = [{"start": t.start, "end": t.end, "text": t.text, "value": t.value} for t in mentions]
