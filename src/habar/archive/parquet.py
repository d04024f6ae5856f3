"""The archive as partitioned Parquet: one folder per table, one file per partition of an ingest.

```
DIR/plan.json                       what the ingest read and how it was cut (its fingerprint, the partitions)
DIR/documents/part-00000.parquet    one row per Document (its whole JSON in ``document``)
DIR/entities/part-00000.parquet     one row per entity of each document
DIR/mentions/...  DIR/quotations/...  DIR/events/...
DIR/failures/part-00000.parquet     one row per input that gave no Document: its reason, failed or skipped
DIR/_done/part-00000.json           written last: the partition is complete (its counts)
```

A partition's files are written under temporary names and moved into place, the ``_done`` marker last: a
partition either has its marker and all its tables, or counts as not written and is written again (whole) by
the next run. Rows keep the input's order (``part``, ``position``), so the documents read back in that order
are stored in an archive exactly as a single-process ingest stores them. Entities are per document here (the
archive folds them across documents when it stores them); the ``entity`` columns hold the Document's own
entity ids (``e1``, ...).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from habar.errors import ArchiveError

_STR, _INT = pa.string(), pa.int64()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([("part", _INT), ("position", _INT), ("id", _STR), ("source", _STR), ("url", _STR),
                            ("title", _STR), ("published", _STR), ("language", _STR), ("text", _STR),
                            ("document", _STR)]),
    "entities": pa.schema([("document", _STR), ("entity", _STR), ("label", _STR), ("name", _STR),
                           ("kb_id", _STR), ("mentions", _INT)]),
    "mentions": pa.schema([("document", _STR), ("entity", _STR), ("start", _INT), ("end", _INT),
                           ("text", _STR)]),
    "quotations": pa.schema([("document", _STR), ("entity", _STR), ("speaker", _STR), ("cue", _STR),
                             ("kind", _STR), ("start", _INT), ("end", _INT), ("text", _STR)]),
    "events": pa.schema([("document", _STR), ("event", _INT), ("type", _STR), ("cameo", _STR), ("date", _STR),
                         ("actors", pa.list_(_STR)), ("counterparts", pa.list_(_STR)), ("place", _STR),
                         ("evidence_start", _INT), ("evidence_end", _INT), ("evidence", _STR)]),
    "failures": pa.schema([("part", _INT), ("position", _INT), ("source", _STR), ("reason", _STR),
                           ("skipped", pa.bool_())]),
}
"""The tables and their columns (the same in every partition, also when a partition has no rows)."""

DONE = "_done"
PLAN = "plan.json"


@dataclass
class PartCounts:
    """What one partition holds: documents, and inputs that failed or were skipped (with the reasons)."""

    number: int
    documents: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reused: bool = False  # found already written (a rerun), not computed again

    @property
    def inputs(self) -> int:
        return self.documents + self.failed + self.skipped


def part_name(number: int) -> str:
    return f"part-{number:05d}"


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def fact_rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of the entities, mentions, quotations and events tables for one Document (as a dict)."""
    doc_id = str(doc["id"])
    text = str(doc.get("text") or "")
    rows: dict[str, list[dict[str, Any]]] = {"entities": [], "mentions": [], "quotations": [], "events": []}
    for entity in doc.get("entities") or []:
        mentions = entity.get("mentions") or []
        rows["entities"].append({"document": doc_id, "entity": _str(entity.get("id")), "label": entity.get("label"),
                                 "name": entity.get("name"), "kb_id": entity.get("kb_id"),
                                 "mentions": len(mentions)})
        rows["mentions"].extend({"document": doc_id, "entity": _str(entity.get("id")), "start": m.get("start"),
                                 "end": m.get("end"), "text": m.get("text") or text[m["start"]:m["end"]]}
                                for m in mentions)
    for quote in doc.get("quotes") or []:
        speaker = quote.get("speaker") or {}
        rows["quotations"].append({"document": doc_id, "entity": _str(speaker.get("entity")),
                                   "speaker": speaker.get("name"), "cue": quote.get("cue"),
                                   "kind": quote.get("kind"), "start": quote.get("start"), "end": quote.get("end"),
                                   "text": quote.get("text")})
    for k, event in enumerate(doc.get("events") or []):
        evidence = event.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        rows["events"].append({
            "document": doc_id, "event": k, "type": event.get("type"), "cameo": event.get("cameo"),
            "date": event.get("date"), "actors": [str(e) for e in event.get("actors") or []],
            "counterparts": [str(e) for e in event.get("counterparts") or []], "place": _str(event.get("place")),
            "evidence_start": start, "evidence_end": end,
            "evidence": text[start:end] if isinstance(start, int) and isinstance(end, int) else None})
    return rows


class PartWriter:
    """Collects one partition's rows (:meth:`document`, :meth:`failure`) and writes them (:meth:`commit`)."""

    def __init__(self, folder: Path, number: int) -> None:
        self.folder = folder
        self.counts = PartCounts(number)
        self._rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
        self._position = 0

    def document(self, doc: dict[str, Any]) -> None:
        """Add one Document (as ``Document.model_dump(mode='json')`` gives it)."""
        facts = fact_rows(doc)  # first: a document whose facts cannot be tabled adds no row at all
        self._rows["documents"].append({
            "part": self.counts.number, "position": self._position, "id": str(doc["id"]),
            "source": doc.get("source"), "url": doc.get("url"), "title": doc.get("title"),
            "published": doc.get("published"), "language": doc.get("language"), "text": doc.get("text"),
            "document": json.dumps(doc, ensure_ascii=False)})
        for name, rows in facts.items():
            self._rows[name].extend(rows)
        self._position += 1
        self.counts.documents += 1

    def failure(self, source: str, reason: str, *, skipped: bool) -> None:
        self._rows["failures"].append({"part": self.counts.number, "position": self._position, "source": source,
                                       "reason": reason, "skipped": skipped})
        self._position += 1
        if skipped:
            self.counts.skipped += 1
        else:
            self.counts.failed += 1
            self.counts.failures.append(f"{source}: {reason}")

    def commit(self) -> PartCounts:
        name = part_name(self.counts.number)
        for table, schema in SCHEMAS.items():
            target = self.folder / table / f"{name}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            pq.write_table(pa.Table.from_pylist(self._rows[table], schema=schema), tmp, compression="zstd")
            os.replace(tmp, target)
        marker = self.folder / DONE / f"{name}.json"
        marker.parent.mkdir(parents=True, exist_ok=True)
        tmp = marker.with_name(f".{marker.name}.{os.getpid()}.tmp")
        counts = {k: v for k, v in self.counts.__dict__.items() if k not in ("reused",)}
        tmp.write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, marker)
        return self.counts


def written(folder: Path, number: int) -> PartCounts | None:
    """The counts of partition ``number`` when it is completely written in ``folder``, else None."""
    marker = folder / DONE / f"{part_name(number)}.json"
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all((folder / table / f"{part_name(number)}.parquet").is_file() for table in SCHEMAS):
        return None
    return PartCounts(**data, reused=True)


def read_documents(folder: Path, parts: int) -> Iterator[dict[str, Any]]:
    """The Documents (as dicts) of partitions 0 .. ``parts`` - 1, in the input's order."""
    for number in range(parts):
        path = folder / "documents" / f"{part_name(number)}.parquet"
        try:
            table = pq.read_table(path, columns=["position", "document"])
        except (OSError, pa.ArrowException) as exc:
            raise ArchiveError(f"{path}: cannot read this partition's documents ({exc})") from None
        for _, document in sorted(zip(table.column("position").to_pylist(), table.column("document").to_pylist(),
                                      strict=True)):
            yield json.loads(document)


def read_failures(folder: Path, parts: int) -> Iterator[dict[str, Any]]:
    """The failures table's rows of partitions 0 .. ``parts`` - 1, in the input's order."""
    for number in range(parts):
        path = folder / "failures" / f"{part_name(number)}.parquet"
        try:
            rows = pq.read_table(path).to_pylist()
        except (OSError, pa.ArrowException) as exc:
            raise ArchiveError(f"{path}: cannot read this partition's failures ({exc})") from None
        yield from sorted(rows, key=lambda r: int(r["position"]))
