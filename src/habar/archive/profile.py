"""Entity profiles: kind, knowledge-base id, name variants, mentions per month, co-mentioned entities,
quotations by the entity and events it took part in."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from habar.archive.search import entity_rowids
from habar.archive.store import explain
from habar.errors import ArchiveError

if TYPE_CHECKING:
    from habar.archive.core import Archive


@dataclass
class EntityProfile:
    name: str
    kind: str | None
    kb_id: str | None
    documents: int
    mentions: int
    variants: list[tuple[str, int]] = field(default_factory=list)
    per_month: list[tuple[str, int]] = field(default_factory=list)
    """('YYYY-MM' or 'undated', mentions) in time order."""
    co_mentioned: list[tuple[str, str | None, int]] = field(default_factory=list)
    """(name, kind, shared documents), most shared first."""
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """Other entities the name also matched (less mentioned)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def profile(archive: Archive, name: str, *, top: int = 10) -> EntityProfile:
    conn = archive.conn
    try:
        return _profile(conn, name, top)
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "reading an entity profile") from None


def _profile(conn: sqlite3.Connection, name: str, top: int) -> EntityProfile:
    ids = entity_rowids(conn, name)
    if not ids:
        raise ArchiveError(f"no entity called {name!r} in the archive (names, name variants and "
                           "knowledge-base ids are looked up)")
    counted = sorted(
        ((conn.execute("SELECT count(*) FROM mentions WHERE entity = ?", (i,)).fetchone()[0], i) for i in ids),
        reverse=True)
    ent = counted[0][1]
    row = conn.execute("SELECT name, label, kb_id FROM entities WHERE rowid = ?", (ent,)).fetchone()
    others = [conn.execute("SELECT name FROM entities WHERE rowid = ?", (i,)).fetchone()[0] for _, i in counted[1:]]
    documents = conn.execute("SELECT count(DISTINCT doc) FROM mentions WHERE entity = ?", (ent,)).fetchone()[0]
    variants = conn.execute(
        "SELECT text, count(*) AS n FROM mentions WHERE entity = ? GROUP BY text ORDER BY n DESC, text",
        (ent,)).fetchall()
    per_month = conn.execute(
        "SELECT coalesce(substr(d.published, 1, 7), 'undated') AS month, count(*) FROM mentions m "
        "JOIN documents d ON d.rowid = m.doc WHERE m.entity = ? GROUP BY month ORDER BY month", (ent,)).fetchall()
    co = conn.execute(
        "SELECT e.name, e.label, count(DISTINCT b.doc) AS n FROM mentions a JOIN mentions b "
        "ON b.doc = a.doc AND b.entity != a.entity JOIN entities e ON e.rowid = b.entity "
        "WHERE a.entity = ? GROUP BY b.entity ORDER BY n DESC, e.name LIMIT ?", (ent, top)).fetchall()
    quotes = [
        {"document": doc, "published": pub, "cue": cue, "kind": kind, "text": text}
        for doc, pub, cue, kind, text in conn.execute(
            "SELECT d.id, d.published, q.cue, q.kind, q.text FROM quotes q JOIN documents d ON d.rowid = q.doc "
            "WHERE q.entity = ? ORDER BY d.published DESC, q.rowid LIMIT ?", (ent, top))]
    events = [
        {"document": doc, "published": pub, "type": typ, "cameo": cameo, "date": date, "role": role,
         "evidence": evidence}
        for doc, pub, typ, cameo, date, role, evidence in conn.execute(
            "SELECT d.id, d.published, e.type, e.cameo, e.date, r.role, e.evidence FROM event_roles r "
            "JOIN events e ON e.rowid = r.event JOIN documents d ON d.rowid = e.doc WHERE r.entity = ? "
            "ORDER BY coalesce(e.date, d.published) DESC, e.rowid LIMIT ?", (ent, top))]
    total = sum(n for _, n in variants)
    return EntityProfile(
        name=row[0], kind=row[1], kb_id=row[2], documents=int(documents), mentions=int(total),
        variants=[(t, int(n)) for t, n in variants], per_month=[(m, int(n)) for m, n in per_month],
        co_mentioned=[(n, lab, int(c)) for n, lab, c in co], quotes=quotes, events=events, others=others)
