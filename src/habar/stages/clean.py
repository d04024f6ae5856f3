"""The clean stage: raw article text -> cleaned text, structure, and an offset map back to the raw input.

Cleaning cannot be a spaCy component (a Doc's text is fixed once tokenised), so it runs before the
tokenizer; :func:`habar.pipeline.load` wraps the tokenizer so that ``nlp(raw)`` cleans first and keeps the
result in ``doc._.habar_clean``.

What it does, in order:
1. removes site furniture found by the rules in ``resources/boilerplate.toml`` (and trailing tag lists);
2. removes bidirectional controls (U+202E ...; a space where one sat between two letters), normalises line ends
   and white space (one space between words, at most one blank line);
3. Unicode NFC;
4. reads Latin-script Kazakh (the 2021 alphabet, ``resources/latin_kk_2021.tsv``) into Cyrillic;
5. repairs Latin letters that look like Cyrillic ones inside Cyrillic words (and the reverse);
6. finds the title (first line), the dateline (``БАКУ.``) and the agency credit.
Every character of the result remembers the raw character it came from. Cleaning is idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from habar import resources
from habar.morph.names import fold_word

_CYR_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_WORD_WITH_LATIN = re.compile(r"[^\W\d_]*[A-Za-zəƏ][^\W\d_]*")
_TERMINATORS = ".!?…"


@dataclass
class Removal:
    rule: str
    raw_start: int
    raw_end: int
    text: str


@dataclass
class Cleaned:
    """The result of cleaning one raw text. Offsets are into ``text`` unless named ``raw_*``."""

    text: str
    offset_map: list[tuple[int, int, int]]
    title: str | None = None
    title_span: tuple[int, int] | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    agency: str | None = None
    agency_cites: str | None = None
    agency_span: tuple[int, int] | None = None
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]


@cache
def _rules() -> tuple[list[_Rule], int]:
    data = resources.toml("boilerplate.toml")
    months = "|".join(sorted(resources.month_names(), key=len, reverse=True))
    rules = []
    for item in data.get("rule", []):
        if "phrase" in item:
            words = [re.escape(w) for w in item["phrase"].split()]
            body = r"\s+".join(words)
            pat = rf"(?<!\w){body}(?!\w)"
        else:
            pat = item["regex"].replace("{months}", months)
        rules.append(_Rule(item["name"], re.compile(pat, re.IGNORECASE if "phrase" in item else 0)))
    max_tag_words = int(data.get("tags", {}).get("max_words", 0))
    return rules, max_tag_words


@cache
def _lookalikes() -> tuple[dict[str, str], dict[str, str]]:
    lat2cyr: dict[str, str] = {}
    for row in resources.tsv("lookalikes.tsv"):
        lat2cyr[row["latin"]] = row["cyrillic"]
    cyr2lat = {c: lat for lat, c in lat2cyr.items() if lat not in "hkə" and lat not in "Ə"}
    return lat2cyr, cyr2lat


@cache
def _agencies() -> list[str]:
    return sorted(resources.word_list("agencies.txt"), key=len, reverse=True)


# ---------------------------------------------------------------- text with a per-character source map


class _Mapped:
    """A string whose every character remembers its offset in the raw input."""

    def __init__(self, text: str, src: array[int]) -> None:
        self.text = text
        self.src = src

    @classmethod
    def from_raw(cls, raw: str) -> _Mapped:
        return cls(raw, array("l", range(len(raw))))

    def sub(self, pattern: re.Pattern[str], repl: str | None = None,
            func: Callable[[re.Match[str]], str] | None = None) -> _Mapped:
        """re.sub that keeps the source map. Replacement characters map to the match start."""
        pieces: list[str] = []
        src = array("l")
        pos = 0
        text = self.text
        changed = False
        for m in pattern.finditer(text):
            new = func(m) if func is not None else m.expand(repl or "")
            if new == m.group(0):
                continue
            changed = True
            pieces.append(text[pos : m.start()])
            src.extend(self.src[pos : m.start()])
            pieces.append(new)
            if len(new) == len(m.group(0)):
                src.extend(self.src[m.start() : m.end()])
            elif len(new) == 1 and new in m.group(0):
                # "  \n " -> "\n": the new character is one of the old ones
                src.append(self.src[m.start() + m.group(0).index(new)])
            else:
                anchor = self.src[m.start()] if m.start() < len(self.src) else (self.src[-1] + 1 if self.src else 0)
                src.extend([anchor] * len(new))
            pos = m.end()
        if not changed:
            return self
        pieces.append(text[pos:])
        src.extend(self.src[pos:])
        return _Mapped("".join(pieces), src)

    def delete_spans(self, spans: list[tuple[int, int]]) -> _Mapped:
        if not spans:
            return self
        pieces: list[str] = []
        src = array("l")
        pos = 0
        for start, end in spans:
            pieces.append(self.text[pos:start])
            src.extend(self.src[pos:start])
            # keep the words on either side apart
            pieces.append(" ")
            src.append(self.src[start])
            pos = end
        pieces.append(self.text[pos:])
        src.extend(self.src[pos:])
        return _Mapped("".join(pieces), src)

    def runs(self) -> list[tuple[int, int, int]]:
        """Compress the per-character map to [text_start, raw_start, length] runs."""
        out: list[tuple[int, int, int]] = []
        src = self.src
        n = len(src)
        i = 0
        while i < n:
            j = i + 1
            while j < n and src[j] == src[j - 1] + 1:
                j += 1
            out.append((i, src[i], j - i))
            i = j
        return out


# ---------------------------------------------------------------- the steps

_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S \n]")  # runs of spaces, or one tab / no-break space
_SPACE_AROUND_NL = re.compile(r" +\n *|\n +")
_MANY_NL = re.compile(r"\n{3,}")
_EDGES = re.compile(r"^\s+|\s+$")


def _find_furniture(raw: str) -> list[Removal]:
    rules, _ = _rules()
    found: list[Removal] = []
    for rule in rules:
        for m in rule.pattern.finditer(raw):
            if m.end() > m.start():
                found.append(Removal(rule.name, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda r: (r.raw_start, -r.raw_end))
    merged: list[Removal] = []
    for r in found:
        if merged and r.raw_start < merged[-1].raw_end:
            last = merged[-1]
            if r.raw_end > last.raw_end:
                merged[-1] = Removal(last.rule, last.raw_start, r.raw_end, raw[last.raw_start : r.raw_end])
            continue
        merged.append(r)
    return merged


def _normalise_space(m: _Mapped) -> _Mapped:
    m = m.sub(_NEWLINES, "\n")
    m = m.sub(_ZERO_WIDTH, "")
    m = m.sub(_SPACES, " ")
    m = m.sub(_SPACE_AROUND_NL, "\n")
    m = m.sub(_MANY_NL, "\n\n")
    m = m.sub(_EDGES, "")
    return m


@cache
def _combining_class() -> re.Pattern[str]:
    marks = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    return re.compile("(?s).[" + re.escape(marks) + "]+|[\u2126\u212a\u212b\u0340\u0341\u0343\u0344]")


def _nfc(m: _Mapped) -> _Mapped:
    if unicodedata.is_normalized("NFC", m.text):
        return m
    return m.sub(_combining_class(), func=lambda mt: unicodedata.normalize("NFC", mt.group(0)))


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_lat(ch: str) -> bool:
    return ch.isascii() or ch in "əƏ"


@cache
def _latin_alphabet() -> dict[str, str]:
    """Latin letter (both cases) -> Cyrillic, from ``resources/latin_kk_2021.tsv``."""
    out: dict[str, str] = {}
    for row in resources.tsv_rows("latin_kk_2021.tsv"):
        lat, cyr = row["latin"], row["cyrillic"]
        upper = {"ı": "I", "i": "İ"}.get(lat, lat.upper())
        out[lat], out[upper] = cyr, cyr[:1].upper() + cyr[1:]
    return out


_LATIN_VOWELS = frozenset("aäeıioöuūüyAÄEIİOÖUŪÜY")
_LATIN_WORD = re.compile(r"[^\W\d_]{2,}")
_KAZAKH_LATIN_ONLY = re.compile("[äğñöūüşıİÄĞÑÖŪÜŞ]")
LATIN_KAZAKH_SHARE = 0.1
"""A text is Latin-script Kazakh when its words are mostly Latin, at least this share of them carry a letter
of the 2021 alphabet that English lacks (ä ğ ñ ö ū ü ş ı İ), it writes q and one of ä ñ ū (Turkish has no
q, ä, ñ, ū), and no ə (Azerbaijani)."""


def _is_latin_kazakh(text: str) -> bool:
    words = _LATIN_WORD.findall(text)
    latin = [w for w in words if all(ch in _latin_alphabet() for ch in w)]
    if len(latin) < 3 or len(latin) < 0.6 * len(words) or "ə" in text or "Ə" in text:
        return False
    special = sum(1 for w in latin if _KAZAKH_LATIN_ONLY.search(w))
    lower = text.lower()
    return special >= LATIN_KAZAKH_SHARE * len(latin) and "q" in lower and any(ch in lower for ch in "äñū")


def _latin_kazakh(m: _Mapped) -> tuple[_Mapped, bool]:
    """Latin-script Kazakh (the 2021 alphabet) read into Cyrillic, which the later stages read; every letter
    keeps its raw offset (``ia`` -> ``я`` maps to the ``i``, ``x`` -> ``кс`` both to the ``x``)."""
    if not _is_latin_kazakh(m.text):
        return m, False
    table = _latin_alphabet()
    text, src = m.text, m.src
    pieces: list[str] = []
    out_src = array("l")
    k, n = 0, len(text)
    while k < n:
        ch = text[k]
        prev = text[k - 1] if k else ""
        after_vowel = prev in _LATIN_VOWELS
        if ch in "iİ":
            nxt = text[k + 1] if k + 1 < n else ""
            if nxt in "aAuU" and (after_vowel or not prev.isalpha() or prev in "iİ"):
                cyr = "я" if nxt in "aA" else "ю"
                pieces.append(cyr.upper() if ch == "İ" or nxt.isupper() and ch.isupper() else cyr)
                out_src.append(src[k])
                k += 2
                continue
            cyr = "й" if after_vowel else "и"
            pieces.append(cyr.upper() if ch == "İ" else cyr)
            out_src.append(src[k])
            k += 1
            continue
        letters = table.get(ch)
        if letters is None:
            pieces.append(ch)
            out_src.append(src[k])
        else:
            pieces.append(letters)
            out_src.extend([src[k]] * len(letters))
        k += 1
    return _Mapped("".join(pieces), out_src), True


_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI_BETWEEN_WORDS = re.compile(f"(?<=\\w)[{_BIDI}]+(?=\\w)")
_BIDI_CONTROLS = re.compile(f"[{_BIDI}]+")


def _remove_bidi(m: _Mapped) -> tuple[_Mapped, int]:
    """Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE ...) out: they reorder what a reader sees without
    being text, and would join two words into one name. Between two letters one becomes a space."""
    count = len(_BIDI_CONTROLS.findall(m.text))
    if not count:
        return m, 0
    m = m.sub(_BIDI_BETWEEN_WORDS, " ")
    return m.sub(_BIDI_CONTROLS, ""), count


def _repair_lookalikes(m: _Mapped) -> tuple[_Mapped, int]:
    lat2cyr, cyr2lat = _lookalikes()
    count = 0

    def fix(mt: re.Match[str]) -> str:
        nonlocal count
        word = mt.group(0)
        ncyr = sum(1 for ch in word if _is_cyr(ch))
        nlat = sum(1 for ch in word if _is_lat(ch))
        if not ncyr or not nlat:
            return word
        if ncyr >= nlat and all(ch in lat2cyr for ch in word if _is_lat(ch)):
            count += nlat
            return "".join(lat2cyr.get(ch, ch) for ch in word)
        if nlat > ncyr and all(ch in cyr2lat for ch in word if _is_cyr(ch)):
            count += ncyr
            return "".join(cyr2lat.get(ch, ch) for ch in word)
        return word

    return m.sub(_WORD_WITH_LATIN, func=fix), count


def _strip_tags(m: _Mapped, raw: str) -> tuple[_Mapped, Removal | None]:
    """Remove a trailing tag list: a few unpunctuated words after the last sentence end of the body."""
    _, max_words = _rules()
    text = m.text
    if not max_words or "\n" not in text and not any(t in text for t in _TERMINATORS):
        return m, None
    # only the last paragraph, and only when it is not the whole document (a title line is not tags)
    para_start = text.rfind("\n") + 1
    last = text[para_start:]
    ends = [i for i, ch in enumerate(last) if ch in _TERMINATORS or ch in "»\"”"]
    if not ends:
        return m, None
    cut = ends[-1] + 1
    tail = last[cut:]
    words = tail.split()
    if not words or len(words) > max_words or any(ch in tail for ch in ".!?:;,«»\"()") or not tail[0].isspace():
        return m, None
    # a closing quotation mark followed by words is a reporting clause, not a tag list
    if last[cut - 1] in "»\"”":
        return m, None
    start = para_start + cut
    first = start + (len(tail) - len(tail.lstrip()))
    raw_start, raw_end = m.src[first], m.src[len(text) - 1] + 1
    removal = Removal("tag-list", raw_start, raw_end, raw[raw_start:raw_end])
    kept_text = text[:start].rstrip()
    kept = _Mapped(kept_text, m.src[: len(kept_text)])
    return kept, removal


_TITLE_MAX_WORDS = 30


def _find_title(text: str, force: bool = False) -> tuple[int, int] | None:
    nl = text.find("\n")
    if nl <= 0:
        return (0, len(text)) if force and text else None
    line = text[:nl]
    if force:
        return 0, nl
    if line.rstrip().endswith(".") or len(line.split()) > _TITLE_MAX_WORDS:
        return None
    return 0, nl


_DATELINE = re.compile(
    rf"(?P<place>[{_CYR_UPPER}A-Z][{_CYR_UPPER}A-Z\-]{{2,}}(?: [{_CYR_UPPER}A-Z][{_CYR_UPPER}A-Z\-]+){{0,2}})"
    rf"(?:,\s*\d{{1,2}}\s+[^\W\d_]+)?\s*(?:\.|—|–)\s"
)


def _find_dateline(text: str, body_start: int) -> tuple[str, tuple[int, int]] | None:
    m = _DATELINE.match(text, body_start)
    if not m:
        return None
    place = m.group("place")
    return place.title(), (m.start("place"), m.end("place"))


_QUOTE_MARKS = "\"'«»“”„"
_CITE_WORD = rf"(?:[\w\-{_QUOTE_MARKS}]|\.(?=\w))+"
_CITED = re.compile(rf"\s+(?:тілшісі\s+)?(?P<src>{_CITE_WORD}(?: {_CITE_WORD}){{0,7}})\s+сілтеме\s+жасап")
"""The source an agency credit cites, up to eight words in the dative before ``сілтеме жасап`` (``тілшісі
Қалалық коммуналдық инфрақұрылымды дамыту басқармасына сілтеме жасап``, ``"Украинская правдаға" сілтеме
жасап``)."""


def _find_agency(text: str) -> tuple[str, str | None, tuple[int, int]] | None:
    cue = re.search(r"(?<!\w)(?:деп\s+)?хабарлайды\s+", text)
    if not cue:
        return None
    pos = cue.end()
    name = None
    for agency in _agencies():
        if text.startswith(agency, pos) and not text[pos + len(agency) : pos + len(agency) + 1].isalnum():
            name = agency
            break
    if name is None:
        mt = re.compile(rf"[{_CYR_UPPER}A-Z][\w.\-]*\w").match(text, pos)
        if not mt:
            return None
        name = mt.group(0)
    span = (pos, pos + len(name))
    cites = None
    mc = _CITED.match(text, span[1])
    if mc:
        # the cited source stands in the dative ("ТЖМ-ға сілтеме жасап"): its name is the word without the
        # case the analyser reads there (habar.morph)
        words = mc.group("src").strip(_QUOTE_MARKS).split()
        if len(words) > 1 and words[-1].startswith("-"):
            words.pop()  # a case ending written apart ("Lada.kz -ке")
        head, _, last = " ".join(words).strip(_QUOTE_MARKS).rpartition(" ")
        cites = f"{head} {fold_word(last)}" if head else fold_word(last)
    return name, cites, span


LATIN_WARNING = "Latin-script Kazakh (the 2021 alphabet) read into Cyrillic (offset_map leads back to the raw text)"


def clean(raw: str, title_line: bool | None = None) -> Cleaned:
    """Clean one raw article text.

    ``title_line``: True when the first line is the title (a reader put it there), None to take the first
    line as the title when it looks like one (no full stop at its end, at most 30 words, more lines after).
    """
    removals = _find_furniture(raw)
    m = _Mapped.from_raw(raw).delete_spans([(r.raw_start, r.raw_end) for r in removals])
    m, bidi = _remove_bidi(m)
    m = _normalise_space(m)
    m = _nfc(m)
    m, latin = _latin_kazakh(m)
    m, repaired = _repair_lookalikes(m)
    m, tags = _strip_tags(m, raw)
    if tags is not None:
        removals.append(tags)
    warnings = []
    if bidi:
        warnings.append(f"{bidi} bidirectional control character{'s' if bidi != 1 else ''} removed")
    if latin:
        warnings.append(LATIN_WARNING)
    if repaired:
        warnings.append(f"{repaired} Latin look-alike letter{'s' if repaired != 1 else ''} repaired")
    text = m.text
    out = Cleaned(text=text, offset_map=m.runs(), removed=removals, warnings=warnings)
    title = _find_title(text, force=bool(title_line))
    body_start = 0
    if title:
        out.title_span = title
        out.title = text[title[0] : title[1]]
        body_start = title[1] + 1
        while body_start < len(text) and text[body_start] == "\n":
            body_start += 1
    dl = _find_dateline(text, body_start)
    if dl:
        out.dateline, out.dateline_span = dl
    ag = _find_agency(text)
    if ag:
        out.agency, out.agency_cites, out.agency_span = ag
    return out
