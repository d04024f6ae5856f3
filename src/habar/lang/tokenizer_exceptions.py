"""Tokens that the tokenizer keeps whole: abbreviations ending with a full stop (resources/abbreviations.txt);
and "?.." / "!.." split into one token per mark, as UD Kazakh-KTB writes them."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.util import update_exc

from habar import resources


def _abbreviations() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in resources.read_text("abbreviations.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        out[cols[0]] = cols[1] if len(cols) > 1 else "inner"
        # the same abbreviation written with a capital first letter at the start of a sentence
        out.setdefault(cols[0][:1].upper() + cols[0][1:], out[cols[0]])
    return out


ABBREVIATIONS = _abbreviations()
"""Abbreviation -> 'final' (may end a sentence), 'amount' (may, unless an acronym follows: млрд. АҚШ) or
'inner' (never does)."""

_exc: dict[str, list[dict[int, str]]] = {abbr: [{ORTH: abbr}] for abbr in ABBREVIATIONS}

# Single-letter initials ("М. Әуезов", "Қ.Тоқаев"): one token with its full stop.
_UPPER = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
for _ch in _UPPER:
    _exc[_ch + "."] = [{ORTH: _ch + "."}]

# "?.." and "!..": each mark is its own token, as in UD Kazakh-KTB ("..." alone stays whole)
for _mark in "?!":
    _exc[_mark + ".."] = [{ORTH: _mark}, {ORTH: "."}, {ORTH: "."}]

TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _exc)
