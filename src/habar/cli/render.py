"""The one place the ``habar`` command renders text: the writers of ``habar analyze --format`` (json, jsonl,
text: a readable summary, conllu), a search snippet with its matches marked, a corpus document with its
annotations. (The document model is imported on use: ``habar search`` needs no pydantic.)"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import typer

if TYPE_CHECKING:
    from habar.document import Document
    from habar.evaluate.corpus import CorpusDoc

FORMATS = ("json", "jsonl", "text", "conllu")


def write_jsonl(doc: Document, out: TextIO) -> None:
    out.write(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False))
    out.write("\n")


def write_text(doc: Document, out: TextIO) -> None:
    """A summary a person can read: structure, languages, sentences; emoji and control characters shown as
    their code points (:func:`visible`)."""
    buffer = io.StringIO()
    _write_text(doc, buffer)
    out.write(visible(buffer.getvalue()))


_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # control characters (not tab or line feed)
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"  # bidirectional and zero-width controls
    "\ufe00-\ufe0f\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff\u2600-\u27bf\U000e0000-\U000e007f]")
"""What a terminal would not show as the text it is: controls that reorder or hide text (U+202E), and emoji,
flags and their modifiers (which also break the columns)."""


def visible(text: str) -> str:
    """``text`` with every :data:`_HIDDEN` character written as ``<U+202E>``."""
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def _write_text(doc: Document, out: TextIO) -> None:
    rule = "─" * 72
    out.write(f"{rule}\n")
    out.write(f"{doc.title or '(no title)'}\n")
    out.write(f"{rule}\n")
    rows = [
        ("source", doc.source or "-"),
        ("id", doc.id),
        ("published", doc.published or "-"),
        ("dateline", doc.dateline or "-"),
        ("agency", (doc.agency or "-") + (f" (citing {doc.agency_cites})" if doc.agency_cites else "")),
        ("language", doc.language),
        ("size", f"{len(doc.text)} characters, {len(doc.sentences)} sentences, {len(doc.tokens)} tokens"),
    ]
    if doc.removed:
        rows.append(("removed", "; ".join(f"{r.rule}: {_short(r.text, 40)}" for r in doc.removed)))
    for w in doc.warnings:
        rows.append(("warning", w))
    for key, value in rows:
        out.write(f"{key:>10}  {value}\n")
    _write_facts(doc, out)
    out.write("\nsentences\n")
    for i, sent in enumerate(doc.sentences, 1):
        out.write(f"{i:>4} [{sent.language}] {_short(doc.text[sent.start:sent.end], 110)}\n")
    out.write("\n")


_NUMERIC_LABELS = {"CARDINAL", "ORDINAL", "MONEY", "PERCENTAGE", "QUANTITY", "DATE", "TIME", "ADAGE"}
"""Entity classes the text summary leaves to the dates section and the JSON (numbers, amounts, times)."""


def _write_facts(doc: Document, out: TextIO) -> None:
    """Keywords, summary, entities, dates, quotations and events, one line each."""
    if doc.keywords:
        out.write(f"{'keywords':>10}  {', '.join(doc.keywords)}\n")
    for span in doc.summary:
        out.write(f"{'summary':>10}  {_short(doc.span_text(span), 110)}\n")
    named = [e for e in doc.entities if e.label not in _NUMERIC_LABELS]
    if named:
        out.write("\nentities\n")
        by_id = {e.id: e for e in doc.entities}
        for ent in named:
            forms = list(dict.fromkeys(m.text for m in ent.mentions))
            extra = f" [{ent.kb_id}]" if ent.kb_id else ""
            held = [by_id[p].name for p in ent.positions if p in by_id]
            role = f" ({', '.join(held)})" if held else ""
            out.write(f"    {ent.label:<13} {ent.name}{extra}{role}: {_short(' | '.join(forms), 90)}\n")
    if doc.dates:
        out.write("\ndates\n")
        for d in doc.dates:
            out.write(f"    {d.text!r} = {d.value or '(unresolved: no publication date)'}\n")
    if doc.quotes:
        out.write("\nquotations\n")
        for q in doc.quotes:
            who = q.speaker.name or "(unknown speaker)"
            out.write(f"    {who} [{q.kind}, {q.cue or 'no cue'}]: {_short(q.text, 80)}\n")
    if doc.events:
        out.write("\nevents\n")
        for e in doc.events:
            parts = [", ".join(e.actor_names) or "?"]
            if e.counterpart_names:
                parts.append("with " + ", ".join(e.counterpart_names))
            if e.place:
                parts.append(f"in {e.place}")
            if e.date:
                parts.append(f"on {e.date}")
            planned = " (planned)" if e.planned else ""
            code = f" {e.cameo}" if e.cameo else ""
            out.write(f"    {e.type}{code}{planned}: {' '.join(parts)} | {_short(doc.span_text(e.evidence), 60)}\n")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _conllu(doc: Document, out: TextIO) -> None:
    from habar.document import write_conllu

    write_conllu(doc, out)


STREAM_WRITERS: dict[str, Callable[[Document, TextIO], None]] = {
    "jsonl": write_jsonl,
    "text": write_text,
    "conllu": lambda doc, out: _conllu(doc, out),
}


def write_corpus_document(doc: CorpusDoc, out: TextIO) -> None:
    """A corpus document for a reader: its text with each entity mention marked ``[text]LABEL``, then its
    quotations, events, dates and site furniture, each with the words it spans."""
    ann = doc.ann
    marks = sorted((m["start"], m["end"], e["label"]) for e in ann["entities"] for m in e["mentions"])
    pieces, pos = [], 0
    for s, e, label in marks:
        if s < pos:
            continue
        pieces += [doc.text[pos:s], "[", doc.text[s:e], "]", label]
        pos = e
    pieces.append(doc.text[pos:])
    names = {e["id"]: e["name"] for e in ann["entities"]}
    where = ann["source"]["path"] + (f":{ann['source']['line']}" if "line" in ann["source"] else "")
    out.write(f"# {doc.name} ({doc.split}; {where}; annotator {ann['annotator']})\n\n")
    out.write("".join(pieces).rstrip() + "\n\n")
    out.write("## entities\n")
    for e in ann["entities"]:
        if e["label"] not in ("DATE", "TIME"):
            forms = sorted({doc.span(m) for m in e["mentions"]})
            out.write(f"{e['id']:>5} {e['label']:<13} {e['name']}{' (' + e['kb_id'] + ')' if e['kb_id'] else ''}"
                      f": {' | '.join(forms)}\n")
    out.write("## quotations\n")
    for q in ann["quotes"]:
        sp = q["speaker"]
        who = names.get(sp["entity"] or "", "") or sp["description"] or "?"
        cue = doc.span(q["cue"]) if q["cue"] else ""
        out.write(f"- {q['kind']}, {who} [{cue}]: {_short(doc.span(q), 160)}\n")
    out.write("## events\n")
    for ev in ann["events"]:
        args = ", ".join(names.get(a, a) for a in ev["actors"]) or "-"
        other = ", ".join(names.get(a, a) for a in ev["counterparts"]) or "-"
        out.write(f"- {ev['type']} {ev['cameo'] or ''} {ev['modality']} [{doc.span(ev['trigger'])}] "
                  f"{args} -> {other}; place {names.get(ev['place'] or '', '-')}; date {ev['date'] or '-'}\n"
                  f"    {_short(doc.span(ev['evidence']), 160)}\n")
    out.write("## dates\n")
    for d in ann["dates"]:
        out.write(f"- {doc.span(d)} = {d['value']}\n")
    out.write(f"## site furniture: {len(ann['boilerplate'])} blocks\n")


def highlight(snippet: str, spans: list[tuple[int, int]], color: bool) -> str:
    """A search snippet with its matched words marked: bold yellow on a terminal, [brackets] elsewhere."""
    out, last = [], 0
    for start, end in spans:
        word = snippet[start:end]
        out.append(snippet[last:start])
        out.append(typer.style(word, bold=True, fg="yellow") if color else f"[{word}]")
        last = end
    out.append(snippet[last:])
    return "".join(out)
