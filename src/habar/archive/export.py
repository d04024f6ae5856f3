"""Exports: the archive as tables (JSON Lines, CSV, Parquet: one file per table in a folder), the entity
co-mention graph as GraphML (edge weight = number of shared articles; Gephi opens it), or CoNLL-U."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

from habar.archive.store import explain
from habar.errors import ArchiveError, UsageError
from habar.files import atomic_text, partial

if TYPE_CHECKING:
    from habar.archive.store import Opened as Archive

FORMATS = ("jsonl", "csv", "parquet", "graphml", "conllu")

TABLES: dict[str, str] = {
    "documents": "SELECT d.id, d.source, d.url, d.title, d.published, d.language, o.id AS duplicate_of, "
                 "d.similarity, d.ingested_at, d.text FROM documents d LEFT JOIN documents o ON o.rowid = "
                 "d.duplicate_of ORDER BY d.rowid",
    "entities": "SELECT e.rowid AS entity, e.name, e.label, e.kb_id, count(m.rowid) AS mentions, "
                "count(DISTINCT m.doc) AS documents FROM entities e LEFT JOIN mentions m ON m.entity = e.rowid "
                "GROUP BY e.rowid ORDER BY e.rowid",
    "mentions": "SELECT d.id AS document, m.entity, m.start, m.end, m.text FROM mentions m "
                "JOIN documents d ON d.rowid = m.doc ORDER BY m.doc, m.start",
    "quotations": "SELECT d.id AS document, q.entity, q.speaker, q.cue, q.kind, q.start, q.end, q.text "
                  "FROM quotes q JOIN documents d ON d.rowid = q.doc ORDER BY q.rowid",
    "events": "SELECT e.rowid AS event, d.id AS document, e.type, e.cameo, e.date, e.evidence_start, "
              "e.evidence_end, e.evidence FROM events e JOIN documents d ON d.rowid = e.doc ORDER BY e.rowid",
    "event_roles": "SELECT event, entity, role FROM event_roles ORDER BY event, role, entity",
}
"""One query per exported table; entity columns hold the entity number of the ``entities`` table."""

CO_MENTIONS = (
    "WITH pairs AS (SELECT DISTINCT m.doc, m.entity FROM mentions m JOIN documents d ON d.rowid = m.doc "
    "WHERE d.duplicate_of IS NULL) SELECT a.entity, b.entity, count(*) AS shared FROM pairs a JOIN pairs b "
    "ON a.doc = b.doc AND a.entity < b.entity GROUP BY a.entity, b.entity")
"""Entity pairs and the number of articles (near-duplicates not counted) that mention both."""


def table_rows(conn: sqlite3.Connection, name: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    cur = conn.execute(TABLES[name])
    return [c[0] for c in cur.description], iter(cur)


def export(archive: Archive, fmt: str, path: Path) -> list[Path]:
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    try:
        if fmt in ("jsonl", "csv", "parquet"):
            return _tables(archive.conn, fmt, path)
        if fmt == "graphml":
            _atomic_write(path, lambda fh: write_graphml(archive.conn, fh))
        else:
            _atomic_write(path, lambda fh: _write_conllu(archive.conn, fh))
        return [path]
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "exporting") from None
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot write the export ({exc.strerror or exc})") from None


def _atomic_write(path: Path, write: Any) -> None:
    if path.is_dir():
        raise UsageError(f"-o {path}: is a folder; give a file name")
    if not path.resolve().parent.is_dir():
        raise UsageError(f"-o {path}: folder {path.resolve().parent} does not exist")
    with atomic_text(path, newline="") as fh:
        write(fh)


def _tables(conn: sqlite3.Connection, fmt: str, folder: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {folder}: {fmt} export writes one file per table; give a folder, not a file")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        columns, rows = table_rows(conn, name)
        target = folder / f"{name}.{fmt}"
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            data = list(rows)
            table = pa.table({c: [r[i] for r in data] for i, c in enumerate(columns)}) if data else \
                pa.table({c: pa.array([], type=pa.string()) for c in columns})
            with partial(target) as tmp:
                pq.write_table(table, tmp)
        elif fmt == "csv":
            def write_csv(fh: io.TextIOBase, columns: list[str] = columns, rows: Iterator[Any] = rows) -> None:
                writer = csv.writer(fh)
                writer.writerow(columns)
                writer.writerows(rows)
            _atomic_write(target, write_csv)
        else:
            def write_jsonl(fh: io.TextIOBase, columns: list[str] = columns, rows: Iterator[Any] = rows) -> None:
                for row in rows:
                    fh.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
            _atomic_write(target, write_jsonl)
        written.append(target)
    return written


def co_mentions(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    return [(int(a), int(b), int(n)) for a, b, n in conn.execute(CO_MENTIONS)]


def write_graphml(conn: sqlite3.Connection, fh: io.TextIOBase) -> None:
    """The entity co-mention graph: nodes = entities (name, kind, kb_id, mentions), edges weighted by the
    number of articles that mention both."""
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
             '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n'
             '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>\n'
             '  <key id="kb_id" for="node" attr.name="kb_id" attr.type="string"/>\n'
             '  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>\n'
             '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n'
             '  <graph id="co-mentions" edgedefault="undirected">\n')
    for ent, name, label, kb_id, mentions in conn.execute(
            "SELECT e.rowid, e.name, e.label, e.kb_id, count(m.rowid) FROM entities e LEFT JOIN mentions m "
            "ON m.entity = e.rowid GROUP BY e.rowid ORDER BY e.rowid"):
        fh.write(f'    <node id="n{ent}"><data key="label">{_x(name)}</data><data key="kind">{_x(label or "")}'
                 f'</data><data key="kb_id">{_x(kb_id or "")}</data><data key="mentions">{mentions}</data>'
                 "</node>\n")
    for i, (a, b, shared) in enumerate(co_mentions(conn)):
        fh.write(f'    <edge id="e{i}" source="n{a}" target="n{b}"><data key="weight">{shared}</data></edge>\n')
    fh.write("  </graph>\n</graphml>\n")


def _x(text: str) -> str:
    return quoteattr(text)[1:-1]


def _write_conllu(conn: sqlite3.Connection, fh: io.TextIOBase) -> None:
    from habar.document import Document, write_conllu

    fields = set(Document.model_fields)
    for (blob,) in conn.execute("SELECT document FROM documents WHERE duplicate_of IS NULL ORDER BY rowid"):
        data = json.loads(zlib.decompress(blob))
        doc = Document.model_validate({k: v for k, v in data.items() if k in fields})
        write_conllu(doc, fh)  # type: ignore[arg-type]
