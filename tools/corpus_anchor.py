"""Turn annotators' drafts (exact strings of the text) into the corpus's standoff files (offsets + SHA-256).

    python tools/corpus_anchor.py DRAFT.json... --data ../shared/data --out corpus/docs [--check]

A draft names spans by the strings an annotator reads (the format is in docs/annotation.md, "Drafts"); this
tool finds them in the source text, checks every reference, and writes ``OUT/NAME.json`` with offsets only.
With ``--check`` nothing is written: each problem is printed as ``draft: problem`` and the exit code is 1.
Rules for finding a string:
- entity surfaces: every whole-word occurrence (not inside a longer word), longest surfaces first, never two
  mentions on one character; ``{"text": ..., "occ": N}`` takes only the N-th occurrence (1-based);
- a quotation: ``begins`` (its ``occ``-th occurrence, default the first), then the first ``ends`` after it;
  its ``cue`` and ``speaker_text``: the occurrence nearest the quotation;
- an event: ``evidence`` (``evidence_occ``-th occurrence), its ``trigger`` inside the evidence;
- dates and boilerplate: every whole-word occurrence unless ``occ`` is given;
- nothing is taken inside a block of site furniture.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from habar.evaluate.corpus import check, read_source, sha256, source_of  # noqa: E402

CAMEO = {"visit": "042", "meeting": "040", "agreement": "057", "proposal": "030", "appeal": "010",
         "praise": "051", "criticism": "111", "legal": "173", "protest": "140", "violence": "180",
         "gathering": "043", "economic": "061"}


class Problems(list[str]):
    pass


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or (after.isalnum()) or (after == "-" and text[end + 1 : end + 2].isalpha()))


def occurrences(text: str, s: str, bounded: bool = True) -> list[int]:
    out, i = [], text.find(s)
    while i >= 0:
        if not bounded or _bounded(text, i, i + len(s)):
            out.append(i)
        i = text.find(s, i + 1)
    return out


def _span(start: int, length: int) -> dict[str, int]:
    return {"start": start, "end": start + length}


def _nearest(text: str, s: str, lo: int, hi: int) -> int | None:
    occ = occurrences(text, s, bounded=False)
    if not occ:
        return None
    return min(occ, key=lambda i: 0 if lo <= i < hi else min(abs(i - lo), abs(i - hi)))


def anchor(draft: dict[str, Any], text: str, probs: Problems) -> dict[str, Any]:
    taken = [False] * len(text)
    boiler = []
    for i, b in enumerate(draft.get("boilerplate", [])):
        found = occurrences(text, b, bounded=False)
        if not found:
            probs.append(f"boilerplate {i}: {b[:40]!r}... not found")
        boiler += [_span(s, len(b)) for s in found]
    for b in boiler:  # nothing is annotated inside site furniture
        for j in range(b["start"], b["end"]):
            taken[j] = True
    entities = []
    # longest surfaces first, across all entities, so "Қазақстан Республикасы" is not cut by "Қазақстан"
    wanted: list[tuple[int, str, int | None, int]] = []
    for k, e in enumerate(draft.get("entities", [])):
        for s in e.get("surfaces", []):
            wanted.append((len(s), s, None, k))
        for m in e.get("mentions_at", []):
            wanted.append((len(m["text"]), m["text"], int(m["occ"]), k))
    mentions: dict[int, list[dict[str, int]]] = {k: [] for k in range(len(draft.get("entities", [])))}
    for _n, s, occ, k in sorted(wanted, key=lambda w: (-w[0], w[2] is None)):
        found = occurrences(text, s)
        if not found:
            probs.append(f"entity {draft['entities'][k]['id']}: surface {s!r} not found as a whole word")
            continue
        if occ is not None:
            if occ > len(found):
                probs.append(f"entity {draft['entities'][k]['id']}: {s!r} has {len(found)} occurrences, not {occ}")
                continue
            found = [found[occ - 1]]
        for i in found:
            if any(taken[i : i + len(s)]):
                continue
            for j in range(i, i + len(s)):
                taken[j] = True
            mentions[k].append(_span(i, len(s)))
    for k, e in enumerate(draft.get("entities", [])):
        if not mentions[k]:
            probs.append(f"entity {e['id']}: no mention left (all its surfaces are inside other mentions)")
        entities.append({"id": e["id"], "label": e["label"], "name": e["name"], "kb_id": e.get("kb_id") or None,
                         "mentions": sorted(mentions[k], key=lambda m: m["start"])})
    quotes = []
    for i, q in enumerate(draft.get("quotes", [])):
        begins = occurrences(text, q["begins"], bounded=False)
        occ = int(q.get("occ", 1))
        if len(begins) < occ:
            probs.append(f"quote {i}: begins {q['begins']!r} not found")
            continue
        b = begins[occ - 1]
        e_ = text.find(q["ends"], b)
        if e_ < 0:
            probs.append(f"quote {i}: ends {q['ends']!r} not found after its beginning")
            continue
        start, end = b, e_ + len(q["ends"])
        out: dict[str, Any] = {"kind": q["kind"], "start": start, "end": end, "cue": None,
                               "speaker": {"entity": q.get("speaker") or None, "mention": None,
                                           "description": q.get("description") or None},
                               "credit": q.get("credit") or None}
        if q.get("cue"):
            c = _nearest(text, q["cue"], start, end)
            if c is None:
                probs.append(f"quote {i}: cue {q['cue']!r} not found")
            else:
                out["cue"] = _span(c, len(q["cue"]))
        if q.get("speaker_text"):
            lo = out["cue"]["start"] if out["cue"] else start
            c = _nearest(text, q["speaker_text"], lo, lo + 1)
            if c is None:
                probs.append(f"quote {i}: speaker_text {q['speaker_text']!r} not found")
            else:
                out["speaker"]["mention"] = _span(c, len(q["speaker_text"]))
        quotes.append(out)
    events = []
    for i, ev in enumerate(draft.get("events", [])):
        found = occurrences(text, ev["evidence"], bounded=False)
        occ = int(ev.get("evidence_occ", 1))
        if len(found) < occ:
            probs.append(f"event {i}: evidence {ev['evidence']!r} not found")
            continue
        s = found[occ - 1]
        t = text.find(ev["trigger"], s, s + len(ev["evidence"]))
        if t < 0:
            probs.append(f"event {i}: trigger {ev['trigger']!r} not inside its evidence")
            continue
        cameo = ev.get("cameo") or CAMEO.get(ev["type"], "")
        events.append({"type": ev["type"], "cameo": cameo, "trigger": _span(t, len(ev["trigger"])),
                       "evidence": _span(s, len(ev["evidence"])), "actors": ev.get("actors", []),
                       "counterparts": ev.get("counterparts", []), "place": ev.get("place") or None,
                       "date": ev.get("date") or None, "modality": ev.get("modality", "asserted")})
    dates = []
    for i, d in enumerate(draft.get("dates", [])):
        found = occurrences(text, d["text"])
        if "occ" in d:
            found = found[int(d["occ"]) - 1 : int(d["occ"])]
        if not found:
            probs.append(f"date {i}: {d['text']!r} not found as a whole word")
        for s in found:
            if any(taken[s : s + len(d["text"])]) and not any(
                    m["start"] == s for ms in mentions.values() for m in ms):
                continue
            dates.append({**_span(s, len(d["text"])), "value": d.get("value") or None,
                          "label": d.get("label", "DATE")})
    # each date is a DATE / TIME entity of its own (layer 1), unless an entity mention already covers it
    for n, d in enumerate(sorted(dates, key=lambda d: d["start"]), 1):
        if not any(taken[d["start"] : d["end"]]):
            entities.append({"id": f"d{n}", "label": d["label"], "name": d["value"] or "",
                             "kb_id": None, "mentions": [{"start": d["start"], "end": d["end"]}]})
    first = text.split("\n", 1)[0].rstrip()
    return {"entities": entities, "quotes": quotes, "events": events,
            "dates": sorted(dates, key=lambda d: d["start"]), "boilerplate": boiler,
            "title": _span(0, len(first)) if first else None}


def _unlisted(draft: dict[str, Any], text: str, ann: dict[str, Any]) -> list[str]:
    """Capitalised words that begin with a listed surface but are not a mention (likely forgotten forms)."""
    covered = {(m["start"]) for e in ann["entities"] for m in e["mentions"]}
    notes = []
    for e in draft.get("entities", []):
        for s in e.get("surfaces", []):
            for m in re.finditer(re.escape(s) + r"[\w-]+", text):
                if m.start() not in covered and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                    notes.append(f"entity {e['id']}: {m.group()!r} is not listed as a surface (inflected form?)")
    return sorted(set(notes))


def main() -> int:
    ap = argparse.ArgumentParser(description="Anchor corpus drafts into standoff files.")
    ap.add_argument("drafts", nargs="+", type=Path)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("corpus/docs"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    bad = 0
    for path in args.drafts:
        try:
            draft = json.loads(path.read_text(encoding="utf-8"))
            name = draft["doc"]
            source = source_of(name)
            text = read_source(source, args.data)
            probs = Problems()
            body = anchor(draft, text, probs)
        except (KeyError, ValueError, TypeError) as exc:
            print(f"{path}: {type(exc).__name__}: {exc}")
            bad += 1
            continue
        ann = {"name": name, "source": {**source, "sha256": sha256(text), "length": len(text)},
               "annotator": draft.get("annotator"), "reviewed": bool(draft.get("reviewed", False)),
               "notes": draft.get("notes", ""), **body}
        probs.extend(check(ann, text, "anchored"))
        for p in probs:
            print(f"{path}: {p}")
        for n in _unlisted(draft, text, ann):
            print(f"{path}: note: {n}")
        if probs:
            bad += 1
            continue
        if not args.check:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{name}.json").write_text(json.dumps(ann, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
