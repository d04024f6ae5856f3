"""What the pages show, computed from the library's results: the article text cut into pieces at every span
boundary of the Document (so each highlight is a span of the Document: its evidence), search snippets with
their matched words, and the bars of an entity's timeline.

Pieces hold plain text; the templates escape it (Jinja2 autoescape), so article text never becomes markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_CLASS_SAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class Piece:
    """A run of text covered by the same spans: ``classes`` for the look, ``refs`` naming the facts (``e1``,
    ``q0``, ``ev2``, ``d3``) it is evidence of, ``anchors`` the ids of the spans that start here."""

    text: str
    classes: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


@dataclass
class Fact:
    """One line of the side panel: ``ref`` (the pieces it highlights), ``anchor`` (where its evidence starts)."""

    ref: str
    anchor: str
    kind: str
    label: str
    detail: str = ""
    entity_number: int | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)
    """(anchor, text) of further spans: an entity's other mentions."""


@dataclass
class ArticleView:
    doc: dict[str, Any]
    pieces: list[Piece]
    entities: list[Fact]
    quotes: list[Fact]
    events: list[Fact]
    dates: list[Fact]


def _span(item: dict[str, Any] | None, length: int) -> tuple[int, int] | None:
    if not item:
        return None
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, min(start, length)), max(0, min(end, length))
    return (start, end) if start < end else None


def _css(label: object) -> str:
    return _CLASS_SAFE.sub("", str(label or ""))[:40]


def article_view(doc: dict[str, Any], entity_numbers: dict[str, int] | None = None) -> ArticleView:
    """The article page of one Document (a stored one, or one just analysed). ``entity_numbers`` maps the
    Document's entity ids to archive entity numbers, for links to entity pages."""
    text = str(doc.get("text") or "")
    n = len(text)
    spans: list[tuple[int, int, str, str, str]] = []  # start, end, class, ref, anchor
    entities: list[Fact] = []
    quotes: list[Fact] = []
    events: list[Fact] = []
    dates: list[Fact] = []
    names: dict[str, str] = {}
    for ent in doc.get("entities") or []:
        ref = _css(ent.get("id")) or f"x{len(entities)}"
        names[str(ent.get("id"))] = str(ent.get("name") or "")
        anchors = []
        for i, mention in enumerate(ent.get("mentions") or []):
            where = _span(mention, n)
            if where:
                anchor = f"{ref}-{i}"
                spans.append((*where, f"ent ent-{_css(ent.get('label'))}", ref, anchor))
                anchors.append((anchor, text[where[0]:where[1]]))
        if anchors:
            entities.append(Fact(ref=ref, anchor=anchors[0][0], kind=str(ent.get("label") or ""),
                                 label=str(ent.get("name") or ""), detail=str(ent.get("kb_id") or ""),
                                 entity_number=(entity_numbers or {}).get(str(ent.get("id"))),
                                 extra=anchors[1:]))
    for i, quote in enumerate(doc.get("quotes") or []):
        where = _span(quote, n)
        if where:
            speaker = quote.get("speaker") or {}
            spans.append((*where, "quote", f"q{i}", f"q{i}"))
            quotes.append(Fact(ref=f"q{i}", anchor=f"q{i}", kind=str(quote.get("kind") or ""),
                               label=str(speaker.get("name") or "?"),
                               detail=f"{quote.get('cue') or ''}: {_short(text[where[0]:where[1]])}"))
    for i, event in enumerate(doc.get("events") or []):
        where = _span(event.get("evidence"), n)
        if where:
            spans.append((*where, "event", f"ev{i}", f"ev{i}"))
            who = [names.get(str(a), str(a)) for a in event.get("actors") or []]
            whom = [names.get(str(a), str(a)) for a in event.get("counterparts") or []]
            parts = [", ".join(who), "→ " + ", ".join(whom) if whom else "", str(event.get("date") or "")]
            events.append(Fact(ref=f"ev{i}", anchor=f"ev{i}", kind=str(event.get("type") or ""),
                               label=str(event.get("trigger") or event.get("type") or ""),
                               detail=" ".join(p for p in parts if p)))
    for i, date in enumerate(doc.get("dates") or []):
        where = _span(date, n)
        if where:
            spans.append((*where, "date", f"d{i}", f"d{i}"))
            dates.append(Fact(ref=f"d{i}", anchor=f"d{i}", kind="date", label=text[where[0]:where[1]],
                              detail=str(date.get("value") or "")))
    return ArticleView(doc=doc, pieces=pieces(text, spans), entities=entities, quotes=quotes, events=events,
                       dates=dates)


def _short(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def pieces(text: str, spans: list[tuple[int, int, str, str, str]]) -> list[Piece]:
    """Cut ``text`` at every boundary of ``spans`` (start, end, class, ref, anchor; overlapping allowed)."""
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [sp for sp in spans if sp[0] <= a and sp[1] >= b]
        classes = sorted({c for sp in covering for c in sp[2].split()})
        out.append(Piece(text=text[a:b], classes=classes, refs=sorted({sp[3] for sp in covering}),
                         anchors=[sp[4] for sp in covering if sp[0] == a]))
    return out


def snippet_pieces(snippet: str, highlights: list[tuple[int, int]] | list[list[int]]) -> list[Piece]:
    """A search snippet with its matched words marked."""
    spans = [(int(s), int(e), "hit", "", "") for s, e in highlights if 0 <= int(s) < int(e) <= len(snippet)]
    return [Piece(text=p.text, classes=p.classes) for p in pieces(snippet, spans)]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str
    count: int


def timeline_bars(months: list[str], counts: list[int], *, width: float = 600, height: float = 160) -> list[Bar]:
    """Bars of the timeline chart in an SVG of ``width`` x ``height`` (24 px below for the month labels)."""
    if not months:
        return []
    step = width / len(months)
    bar = min(step * 0.8, 60.0)
    top = max(counts) or 1
    room = height - 20  # above the tallest bar: its count
    return [Bar(x=i * step + (step - bar) / 2, y=height - room * c / top, width=bar, height=room * c / top,
                month=m, count=c) for i, (m, c) in enumerate(zip(months, counts, strict=True))]
