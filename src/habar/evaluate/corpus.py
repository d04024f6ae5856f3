"""The annotated corpus (``corpus/`` in a source checkout): standoff annotations of real news in ``../shared``.

Each ``corpus/docs/NAME.json`` holds character offsets (Python string indices, end exclusive) into the text of
one source document in the shared data folder, and that source's SHA-256, never the text itself: the copyright
stays with the publisher. ``corpus/schema.json`` is the JSON Schema of these files, ``corpus/splits.toml``
names each document's split (``train`` / ``test``), and ``docs/annotation.md`` is the guideline.

A document's text is:
- for ``articles/*.txt`` and ``articles/pool/*.txt``: the file decoded as UTF-8, as it is;
- for a lead of ``search-eval/articles.jsonl`` (``lead_NNNN`` = line NNNN): ``title + "\\n\\n" + excerpt`` of
  that line, the layout of the article files (title, blank line, body).
The SHA-256 is of that text (UTF-8), so a changed line or file is caught before any offset is trusted.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from habar.errors import HabarError


class CorpusError(HabarError):
    """A corpus file that does not agree with its schema, its source or its split list."""


EVENT_TYPES = ("visit", "meeting", "agreement", "proposal", "appeal", "praise", "criticism", "appointment",
               "award", "legal", "protest", "violence", "disaster", "gathering", "economic", "other")
ENTITY_LABELS = ("ADAGE", "ART", "CARDINAL", "CONTACT", "DATE", "DISEASE", "EVENT", "FACILITY", "GPE", "LANGUAGE",
                 "LAW", "LOCATION", "MISCELLANEOUS", "MONEY", "NON_HUMAN", "NORP", "ORDINAL", "ORGANISATION",
                 "PERCENTAGE", "PERSON", "POSITION", "PRODUCT", "PROJECT", "QUANTITY", "TIME")
MODALITIES = ("asserted", "planned", "negated", "hypothetical")


def default_corpus() -> Path | None:
    """``corpus/`` of the current folder, where a source checkout has one."""
    here = Path.cwd() / "corpus"
    return here if (here / "splits.toml").is_file() else None


def default_data() -> Path | None:
    """``../shared/data`` beside the current folder, where a source checkout keeps the shared data."""
    for base in (Path.cwd(), *Path.cwd().parents[:2]):
        cand = base.parent / "shared" / "data"
        if cand.is_dir():
            return cand
    return None


def source_of(name: str) -> dict[str, Any]:
    """Where the text of document ``name`` lives, relative to the shared data folder."""
    if name.startswith("lead_"):
        return {"path": "search-eval/articles.jsonl", "line": int(name[5:])}
    if name.startswith("tengri_x"):
        return {"path": f"articles/pool/{name}.txt"}
    return {"path": f"articles/{name}.txt"}


def read_source(source: dict[str, Any], data: Path) -> str:
    path = data / source["path"]
    if not path.is_file():
        raise CorpusError(f"{path}: source file not found (is the shared data folder at {data}?)")
    if "line" not in source:
        return path.read_text(encoding="utf-8")
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if lineno == source["line"]:
                obj = json.loads(line)
                return f"{obj['title']}\n\n{obj['excerpt']}"
    raise CorpusError(f"{path}: has no line {source['line']}")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CorpusDoc:
    name: str
    split: str
    ann: dict[str, Any]
    text: str

    def span(self, s: dict[str, int]) -> str:
        return self.text[s["start"] : s["end"]]


def splits(corpus: Path) -> dict[str, str]:
    """Document name -> split, from ``splits.toml``."""
    raw = tomllib.loads((corpus / "splits.toml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for split in ("train", "test"):
        for name in raw.get(split, []):
            if name in out:
                raise CorpusError(f"{corpus / 'splits.toml'}: {name} is in both splits")
            out[name] = split
    return out


def double_annotated(corpus: Path) -> list[str]:
    raw = tomllib.loads((corpus / "splits.toml").read_text(encoding="utf-8"))
    return list(raw.get("double", []))


def spans_of(ann: dict[str, Any]) -> Iterator[tuple[str, dict[str, int]]]:
    """Every character span of one annotation file, with where it sits (for bounds checks)."""
    for i, b in enumerate(ann.get("boilerplate", [])):
        yield f"boilerplate[{i}]", b
    if ann.get("title"):
        yield "title", ann["title"]
    for e in ann.get("entities", []):
        for j, m in enumerate(e["mentions"]):
            yield f"entity {e['id']} mention {j}", m
    for i, q in enumerate(ann.get("quotes", [])):
        yield f"quote {i}", q
        if q.get("cue"):
            yield f"quote {i} cue", q["cue"]
        sp = q.get("speaker") or {}
        if sp.get("mention"):
            yield f"quote {i} speaker", sp["mention"]
    for i, ev in enumerate(ann.get("events", [])):
        yield f"event {i} trigger", ev["trigger"]
        yield f"event {i} evidence", ev["evidence"]
    for i, d in enumerate(ann.get("dates", [])):
        yield f"date {i}", d


def check(ann: dict[str, Any], text: str, where: str) -> list[str]:
    """Problems of one annotation against its source text: hash, bounds, references, labels."""
    problems: list[str] = []
    if ann["source"]["sha256"] != sha256(text):
        return [f"{where}: SHA-256 of the source text differs (the source changed; offsets cannot be trusted)"]
    for what, s in spans_of(ann):
        if not (0 <= s["start"] < s["end"] <= len(text)):
            problems.append(f"{where}: {what} [{s['start']}, {s['end']}) outside the text (length {len(text)})")
        elif text[s["start"]] .isspace() or text[s["end"] - 1].isspace():
            problems.append(f"{where}: {what} begins or ends with a space")
    ids = {e["id"] for e in ann.get("entities", [])}
    for e in ann.get("entities", []):
        if e["label"] not in ENTITY_LABELS:
            problems.append(f"{where}: entity {e['id']} has label {e['label']!r} (one of {', '.join(ENTITY_LABELS)})")
    for i, q in enumerate(ann.get("quotes", [])):
        ent = (q.get("speaker") or {}).get("entity")
        if ent and ent not in ids:
            problems.append(f"{where}: quote {i} speaker {ent} is not an entity of the document")
    for i, ev in enumerate(ann.get("events", [])):
        for ref in [*ev.get("actors", []), *ev.get("counterparts", []), *([ev["place"]] if ev.get("place") else [])]:
            if ref not in ids:
                problems.append(f"{where}: event {i} refers to {ref}, not an entity of the document")
        if ev["type"] not in EVENT_TYPES:
            problems.append(f"{where}: event {i} type {ev['type']!r} (one of {', '.join(EVENT_TYPES)})")
    return problems


def load(corpus: Path, data: Path, split: str | None = None) -> Iterator[CorpusDoc]:
    """The corpus documents (of one split, or all), each with its verified source text."""
    for name, where in sorted(splits(corpus).items()):
        if split is not None and where != split:
            continue
        path = corpus / "docs" / f"{name}.json"
        if not path.is_file():
            continue
        ann = json.loads(path.read_text(encoding="utf-8"))
        text = read_source(ann["source"], data)
        problems = check(ann, text, str(path))
        if problems:
            raise CorpusError(problems[0])
        yield CorpusDoc(name, where, ann, text)


def as_document(ann: dict[str, Any], text: str) -> Any:
    """An annotation as a :class:`habar.document.Document` over the raw text (offsets unchanged), so that one
    annotator's file can be scored against another's like habar's output (the agreement study)."""
    from habar.document import Document

    names = {e["id"]: e["name"] for e in ann["entities"]}
    quotes = []
    for q in ann["quotes"]:
        sp = q["speaker"]
        quotes.append({"start": q["start"], "end": q["end"], "text": text[q["start"] : q["end"]],
                       "kind": "direct" if q["kind"] == "direct" else "indirect",
                       "cue": text[q["cue"]["start"] : q["cue"]["end"]] if q["cue"] else "",
                       "speaker": {"entity": sp["entity"], "name": names.get(sp["entity"] or "", sp["description"])}})
    events = [{"type": ev["type"], "cameo": ev["cameo"] or None, "actors": ev["actors"],
               "counterparts": ev["counterparts"], "place": ev["place"], "date": ev["date"],
               "evidence": ev["evidence"], "trigger": text[ev["trigger"]["start"] : ev["trigger"]["end"]]}
              for ev in ann["events"]]
    entities = [{"id": e["id"], "label": e["label"], "name": e["name"], "kb_id": e["kb_id"],
                 "mentions": [{**m, "text": text[m["start"] : m["end"]]} for m in e["mentions"]]}
                for e in ann["entities"]]
    dates = [{"start": d["start"], "end": d["end"], "text": text[d["start"] : d["end"]], "value": d["value"],
              "label": d.get("label") or "DATE"} for d in ann["dates"]]
    removed = sorted((b["start"], b["end"]) for b in ann["boilerplate"])
    runs, pos = [], 0
    for s, e in removed:  # the kept text is everything but the furniture, as if it had been cleaned out
        if s > pos:
            runs.append((pos, pos, s - pos))
        pos = max(pos, e)
    if pos < len(text):
        runs.append((pos, pos, len(text) - pos))
    return Document.model_validate({"id": ann["name"], "text": text, "language": "kk", "entities": entities,
                                    "quotes": quotes, "events": events, "dates": dates, "offset_map": runs})


def analysed(docs: list[CorpusDoc], ner: str = "fast") -> Iterator[tuple[CorpusDoc, Any]]:
    """Each corpus document with habar's Document of its text (one stream, batched, with the entity tagger in
    mode ``ner``); a document habar cannot analyse is a CorpusError."""
    from habar.pipeline import Rejected, analyze_stream
    from habar.read import Article

    results = analyze_stream((Article(text=x.text, source=x.name) for x in docs), ner=ner)
    for d, result in zip(docs, results, strict=True):
        if isinstance(result, Rejected):
            raise CorpusError(f"{d.name}: habar could not analyse it ({result.reason})")
        yield d, result


def evaluate_split(corpus: Path, data: Path, split: str | None, ner: str = "fast") -> Any:
    """habar's analysis of one split (``None``: all), with the entity tagger in mode ``ner``, scored layer by
    layer (:mod:`habar.evaluate.layers`)."""
    from habar.evaluate.layers import score

    docs = list(load(corpus, data, split))
    if not docs:
        raise CorpusError(f"{corpus}: no annotated documents in split {split or 'all'}")
    return score(analysed(docs, ner))


def agreement(corpus: Path, data: Path) -> Any:
    """The second annotation of each doubly annotated document scored against the first, per layer."""
    from habar.evaluate.layers import score

    docs = {d.name: d for d in load(corpus, data)}
    pairs = []
    for name in double_annotated(corpus):
        path = corpus / "agreement" / f"{name}.json"
        if name not in docs or not path.is_file():
            raise CorpusError(f"{path}: the second annotation of {name} is missing")
        other = json.loads(path.read_text(encoding="utf-8"))
        problems = check(other, docs[name].text, str(path))
        if problems:
            raise CorpusError(problems[0])
        pairs.append((docs[name], as_document(other, docs[name].text)))
    return score(pairs)


def to_iob(corpus: Path, data: Path, split: str = "train") -> Iterator[list[tuple[str, str]]]:
    """The entity layer of a split as IOB2 sentences with habar's own tokens and sentences (for training):
    each document is analysed, its tokens mapped back to the raw text, and a token takes the label of the gold
    mention that covers it (B- on the first token of a mention). Site furniture, which cleaning removes, gives
    no tokens."""
    return docs_to_iob(list(load(corpus, data, split)))


def docs_to_iob(docs: list[CorpusDoc]) -> Iterator[list[tuple[str, str]]]:
    """:func:`to_iob` of some corpus documents (``tools/ner_cv.py`` trains on some and scores the others)."""
    for d, doc in analysed(docs):
        starts: dict[int, tuple[int, str]] = {}
        for e in d.ann["entities"]:
            for m in e["mentions"]:
                starts[m["start"]] = (m["end"], e["label"])
        spans = sorted((s, e, lab) for s, (e, lab) in starts.items())
        tokens = doc.tokens
        k = 0
        for sent in doc.sentences:
            out: list[tuple[str, str]] = []
            while k < len(tokens) and tokens[k].start < sent.end:
                tok = tokens[k]
                k += 1
                if tok.end <= sent.start:
                    continue
                rs, re_ = doc.raw_offset(tok.start), doc.raw_offset(tok.end - 1) + 1
                label = "O"
                for s, e, lab in spans:
                    if s <= rs and re_ <= e:
                        label = ("B-" if rs == s or not out or out[-1][1] == "O" else "I-") + lab
                        break
                    if s > rs:
                        break
                out.append((tok.text, label))
            if out:
                yield out
