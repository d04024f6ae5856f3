"""Entity profiles: kind, knowledge-base id, name variants, mentions per month, co-mentioned entities,
quotations by the entity and events it took part in; finding entities by name; listing events.

An entity's *number* is its row in the ``entities`` table: the ``entity`` column of the exports, the node ids
of the co-mention graph, and the ``{id}`` of the HTTP server's ``/entities/{id}``."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from habar.archive.search import entity_rowids
from habar.archive.store import explain
from habar.errors import NotFoundError, UsageError
from habar.fields import EVENT_TYPES, check_date

if TYPE_CHECKING:
    from habar.archive.store import Opened as Archive


@dataclass
class EntityProfile:
    number: int
    """The entity's number (its row in the entities table)."""
    name: str
    kind: str | None
    kb_id: str | None
    documents: int
    mentions: int
    variants: list[tuple[str, int]] = field(default_factory=list)
    per_month: list[tuple[str, int]] = field(default_factory=list)
    """('YYYY-MM' or 'undated', mentions) in time order."""
    co_mentioned: list[tuple[str, str | None, int]] = field(default_factory=list)
    """(name, kind, shared documents), most shared first; not the entity's own positions (Мемлекет басшысы of
    Тоқаев) nor, for a position, who holds it."""
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """Other entities the name also matched (less mentioned)."""
    co_mentioned_numbers: list[int] = field(default_factory=list)
    """The entity number of each of ``co_mentioned``, same order."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def profile(archive: Archive, name: str | int, *, top: int = 10) -> EntityProfile:
    """The profile of the entity called ``name`` (the most mentioned one when several are), or of entity number
    ``name`` when it is an ``int``."""
    if top < 1:
        raise UsageError("--top must be a positive number")
    conn = archive.conn
    try:
        return _profile(conn, name, top)
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "reading an entity profile") from None


def _profile(conn: sqlite3.Connection, name: str | int, top: int) -> EntityProfile:
    if isinstance(name, int):
        if not conn.execute("SELECT 1 FROM entities WHERE rowid = ?", (name,)).fetchone():
            raise NotFoundError(f"no entity number {name} in the archive")
        ids = [name]
    else:
        ids = entity_rowids(conn, name)
    if not ids:
        raise NotFoundError(f"no entity called {name!r} in the archive (names, name variants and "
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
        "SELECT e.name, e.label, count(DISTINCT b.doc) AS n, e.rowid FROM mentions a JOIN mentions b "
        "ON b.doc = a.doc AND b.entity != a.entity JOIN entities e ON e.rowid = b.entity "
        "WHERE a.entity = ? AND b.entity NOT IN (SELECT position FROM positions WHERE entity = a.entity UNION "
        "SELECT entity FROM positions WHERE position = a.entity) "
        "GROUP BY b.entity ORDER BY n DESC, e.name LIMIT ?", (ent, top)).fetchall()
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
        number=int(ent), name=row[0], kind=row[1], kb_id=row[2], documents=int(documents), mentions=int(total),
        variants=[(t, int(n)) for t, n in variants], per_month=[(m, int(n)) for m, n in per_month],
        co_mentioned=[(n, lab, int(c)) for n, lab, c, _ in co], quotes=quotes, events=events, others=others,
        co_mentioned_numbers=[int(r) for *_, r in co])


def find_entities(archive: Archive, query: str = "", *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose name or one of whose name variants contains ``query`` (case-insensitive; all when
    empty), or whose knowledge-base id is ``query``: each with its number, name, label, kb_id, mentions and
    documents, most mentioned first."""
    if limit < 1:
        raise UsageError("--limit must be a positive number")
    fold = " ".join(query.casefold().split())
    pattern = "%" + fold.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = ("SELECT e.rowid, e.name, e.label, e.kb_id, count(m.rowid) AS n, count(DISTINCT m.doc) FROM entities e "
           "LEFT JOIN mentions m ON m.entity = e.rowid ")
    params: list[Any] = []
    if fold:
        sql += ("WHERE e.name_fold LIKE ? ESCAPE '\\' OR e.kb_id = ? OR e.rowid IN "
                "(SELECT entity FROM mentions WHERE text_fold LIKE ? ESCAPE '\\') ")
        params += [pattern, query.strip(), pattern]
    sql += "GROUP BY e.rowid ORDER BY n DESC, e.name LIMIT ?"
    try:
        rows = archive.conn.execute(sql, [*params, limit]).fetchall()
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "looking up entities") from None
    return [{"entity": int(r), "name": name, "label": label, "kb_id": kb_id, "mentions": int(n),
             "documents": int(d)} for r, name, label, kb_id, n, d in rows]


def list_events(archive: Archive, *, type: str | None = None, since: str | None = None, until: str | None = None,
                entity: str | int | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Stored events (near-duplicates left out), latest first by the event's date, else the article's
    publication date; ``since``/``until`` bound that same date. Each with its document, evidence and the
    entities in each role."""
    if type is not None and type not in EVENT_TYPES:
        raise UsageError(f"event type must be one of {', '.join(EVENT_TYPES)}, not {type!r}")
    if limit < 1:
        raise UsageError("--limit must be a positive number")
    since = check_date(since, "since")
    until = check_date(until, "until")
    conn = archive.conn
    where: list[str] = ["d.duplicate_of IS NULL"]
    params: list[Any] = []
    when = "coalesce(substr(e.date, 1, 10), d.published)"
    if type:
        where.append("e.type = ?")
        params.append(type)
    if since:
        where.append(f"{when} >= ?")
        params.append(since)
    if until:
        where.append(f"{when} <= ?")
        params.append(until)
    try:
        if entity is not None:
            ids = [entity] if isinstance(entity, int) else entity_rowids(conn, entity)
            where.append(f"e.rowid IN (SELECT event FROM event_roles WHERE entity IN ({','.join('?' * len(ids))}))"
                         if ids else "0")
            params.extend(ids)
        rows = conn.execute(
            f"SELECT e.rowid, d.id, d.title, d.published, e.type, e.cameo, e.date, e.evidence_start, e.evidence_end, "
            f"e.evidence FROM events e JOIN documents d ON d.rowid = e.doc WHERE {' AND '.join(where)} "
            f"ORDER BY {when} DESC, e.rowid LIMIT ?", [*params, limit]).fetchall()
        roles: dict[int, list[tuple[str, int, str]]] = {}
        if rows:
            for event, role, ent, name in conn.execute(
                    "SELECT r.event, r.role, r.entity, n.name FROM event_roles r JOIN entities n ON n.rowid = r.entity "
                    f"WHERE r.event IN ({','.join(str(int(r[0])) for r in rows)}) ORDER BY r.rowid"):
                roles.setdefault(int(event), []).append((role, int(ent), name))
    except sqlite3.Error as exc:
        raise explain(exc, archive.path, "listing events") from None
    out = []
    for rowid, doc_id, title, published, typ, cameo, date, start, end, evidence in rows:
        item: dict[str, Any] = {
            "event": int(rowid), "document": doc_id, "title": title, "published": published, "type": typ,
            "cameo": cameo, "date": date, "evidence": {"start": start, "end": end, "text": evidence}}
        for role in ("actor", "counterpart", "place"):
            item[role + "s"] = [{"entity": ent, "name": name} for r, ent, name in roles.get(int(rowid), ())
                                if r == role]
        out.append(item)
    return out
