"""Plots with matplotlib (PNG or SVG by the output's extension): an entity's mentions over time, and the
co-mention graph of the most mentioned entities.

The numbers come from :func:`timeline_data` and :func:`graph_data`, which the web pages and ``GET /graph`` of
:mod:`habar.server` use too: one source of the numbers for ``habar plot`` and the server."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from habar.archive.export import co_mentions
from habar.errors import ArchiveError, UsageError
from habar.files import partial

if TYPE_CHECKING:
    from habar.archive.profile import EntityProfile
    from habar.archive.store import Opened as Archive

PLOT_SUFFIXES = (".png", ".svg")


def _check_output(path: Path) -> None:
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise UsageError(f"-o {path}: the plot is written as PNG or SVG; name the file .png or .svg")
    if not path.resolve().parent.is_dir():
        raise UsageError(f"-o {path}: folder {path.resolve().parent} does not exist")


def _save(fig: object, path: Path) -> None:
    import matplotlib.pyplot as plt

    try:
        with partial(path) as tmp:  # the plot appears only when complete, as every file habar writes
            fig.savefig(tmp, dpi=120, bbox_inches="tight", format=path.suffix[1:].lower())  # type: ignore[attr-defined]
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot write the plot ({exc.strerror or exc})") from None
    finally:
        plt.close(fig)  # type: ignore[arg-type]


def timeline_data(prof: EntityProfile) -> tuple[list[str], list[int]]:
    """The timeline's bars: months ('YYYY-MM', then 'undated') and the entity's mentions in each."""
    return [m for m, _ in prof.per_month], [n for _, n in prof.per_month]


@dataclass
class Graph:
    """The co-mention graph of the most mentioned entities: ``nodes`` (entity number, name, kind, kb_id,
    documents) most mentioned first, ``edges`` (a, b, shared articles) between them."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, int]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def graph_data(archive: Archive, top: int = 30) -> Graph:
    """The ``top`` most mentioned entities (by articles) and the co-mentions between them."""
    if top < 2:
        raise UsageError("--top must be at least 2")
    conn = archive.conn
    nodes = conn.execute(
        "SELECT e.rowid, e.name, e.label, e.kb_id, count(DISTINCT m.doc) AS n FROM entities e JOIN mentions m "
        "ON m.entity = e.rowid GROUP BY e.rowid ORDER BY n DESC, e.name LIMIT ?", (top,)).fetchall()
    keep = {int(r[0]) for r in nodes}
    return Graph(
        nodes=[{"entity": int(ent), "name": name, "kind": label, "kb_id": kb_id, "documents": int(n)}
               for ent, name, label, kb_id, n in nodes],
        edges=[{"source": a, "target": b, "weight": w} for a, b, w in co_mentions(conn) if a in keep and b in keep])


def timeline(archive: Archive, name: str, path: Path) -> None:
    """Mentions of one entity per month."""
    _check_output(path)
    prof = archive.entity(name)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    months, counts = timeline_data(prof)
    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(months)), 4))
    ax.bar(range(len(months)), counts, color="#3b6ea5")
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right")
    ax.set_ylabel("mentions")
    ax.set_title(f"{prof.name} ({prof.kind or 'entity'}): mentions per month")
    _save(fig, path)


def graph(archive: Archive, path: Path, top: int = 30) -> None:
    """The co-mention graph of the ``top`` most mentioned entities (circle layout; edge width = shared
    articles)."""
    _check_output(path)
    data = graph_data(archive, top)
    if not data.nodes:
        raise ArchiveError(f"{archive.path}: no entities stored yet, nothing to draw")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    nodes = [(n["entity"], n["name"], n["documents"]) for n in data.nodes]
    keep = {ent: i for i, (ent, _, _) in enumerate(nodes)}
    angle = [2 * math.pi * i / len(nodes) for i in range(len(nodes))]
    xy = [(math.cos(a), math.sin(a)) for a in angle]
    edges = [(e["source"], e["target"], e["weight"]) for e in data.edges]
    heaviest = max((w for _, _, w in edges), default=1)
    fig, ax = plt.subplots(figsize=(9, 9))
    for a, b, w in edges:
        (x1, y1), (x2, y2) = xy[keep[a]], xy[keep[b]]
        ax.plot([x1, x2], [y1, y2], color="#888888", alpha=0.6, linewidth=0.5 + 4 * w / heaviest, zorder=1)
    biggest = max(n for _, _, n in nodes)
    ax.scatter([x for x, _ in xy], [y for _, y in xy], s=[80 + 600 * n / biggest for _, _, n in nodes],
               color="#3b6ea5", zorder=2)
    for (x, y), (_, name, n) in zip(xy, nodes, strict=True):
        ax.annotate(f"{name} ({n})", (x * 1.08, y * 1.08), ha="left" if x >= 0 else "right", va="center",
                    fontsize=8)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    ax.set_title(f"co-mentions of the {len(nodes)} most mentioned entities (edge width = shared articles)")
    _save(fig, path)
