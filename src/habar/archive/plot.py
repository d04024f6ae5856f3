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


LEFT_OUT_KINDS = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENTAGE", "QUANTITY", "DATE", "TIME", "ADAGE"})
"""Entity kinds the co-mention graph leaves out: number words, amounts, dates and times (every article has
some; they relate nothing) and sayings."""

KIND_COLOURS: dict[str, str] = {
    "PERSON": "#d1495b", "POSITION": "#edae49", "ORGANISATION": "#00798c", "GPE": "#30638e",
    "LOCATION": "#66a182", "NORP": "#8d6a9f", "FACILITY": "#6c757d", "EVENT": "#f4a259",
}
"""Node colour of each kind in ``habar plot graph`` (other kinds: grey), shown in its legend."""
OTHER_COLOUR = "#a0a0a0"


def _agencies() -> set[str]:
    """Names of the agencies articles credit (``resources/agencies.txt``), case-folded: the agency that
    published an article is co-mentioned with everything in it."""
    from habar import resources

    return {" ".join(a.casefold().split()) for a in resources.word_list("agencies.txt")}


@dataclass
class Graph:
    """The co-mention graph of the most mentioned entities: ``nodes`` (entity number, name, kind, kb_id,
    documents) most mentioned first, ``edges`` (a, b, shared articles) between them."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, int]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def graph_data(archive: Archive, top: int = 30) -> Graph:
    """The ``top`` most mentioned entities (by articles) and the co-mentions between them: not number words,
    amounts and dates (:data:`LEFT_OUT_KINDS`), nor the agencies that publish the articles."""
    if top < 2:
        raise UsageError("--top must be at least 2")
    conn = archive.conn
    left_out = sorted(LEFT_OUT_KINDS)
    agencies = _agencies()
    nodes = [row for row in conn.execute(
        "SELECT e.rowid, e.name, e.label, e.kb_id, count(DISTINCT m.doc) AS n, e.name_fold FROM entities e "
        "JOIN mentions m ON m.entity = e.rowid WHERE coalesce(e.label, '') NOT IN "
        f"({', '.join('?' * len(left_out))}) GROUP BY e.rowid ORDER BY n DESC, e.name", left_out)
        if row[5] not in agencies][:top]
    keep = {int(r[0]) for r in nodes}
    return Graph(
        nodes=[{"entity": int(ent), "name": name, "kind": label, "kb_id": kb_id, "documents": int(n)}
               for ent, name, label, kb_id, n, _ in nodes],
        edges=[{"source": a, "target": b, "weight": w} for a, b, w in co_mentions(conn) if a in keep and b in keep])


def timeline(archive: Archive, name: str, path: Path) -> None:
    """Mentions of one entity per month; the articles without a date are counted in the title, and an entity
    none of whose articles has a date is an error that says so (there is no time to draw)."""
    _check_output(path)
    prof = archive.entity(name)
    months, counts = timeline_data(prof)
    undated = sum(n for m, n in zip(months, counts, strict=True) if m == "undated")
    dated = [(m, n) for m, n in zip(months, counts, strict=True) if m != "undated"]
    if not dated:
        raise ArchiveError(f"{archive.path}: none of the {prof.documents} articles that mention {prof.name} has a "
                           "publication date, so there is no timeline to draw (give dates with habar ingest "
                           "--published YYYY-MM-DD --update)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(dated)), 4))
    ax.bar(range(len(dated)), [n for _, n in dated], color="#3b6ea5")
    ax.set_xticks(range(len(dated)), [m for m, _ in dated], rotation=45, ha="right")
    ax.set_ylabel("mentions")
    note = f"; {undated} more in undated articles" if undated else ""
    ax.set_title(f"{prof.name} ({prof.kind or 'entity'}): mentions per month{note}")
    _save(fig, path)


def graph(archive: Archive, path: Path, top: int = 30) -> None:
    """The co-mention graph of the ``top`` most mentioned entities (:func:`graph_data`): a circle, nodes
    coloured by kind with a legend and sized by articles, edges as wide and as dark as the articles the two
    share, each label written outward along its node's radius so that labels do not overlap."""
    _check_output(path)
    data = graph_data(archive, top)
    if not data.nodes:
        raise ArchiveError(f"{archive.path}: no entities stored yet, nothing to draw")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    nodes = [(n["entity"], n["name"], n["documents"], n["kind"]) for n in data.nodes]
    keep = {ent: i for i, (ent, _, _, _) in enumerate(nodes)}
    angle = [2 * math.pi * i / len(nodes) for i in range(len(nodes))]
    xy = [(math.cos(a), math.sin(a)) for a in angle]
    edges = sorted(((e["source"], e["target"], e["weight"]) for e in data.edges), key=lambda e: e[2])
    heaviest = max((w for _, _, w in edges), default=1)
    fig, ax = plt.subplots(figsize=(11, 11))
    for a, b, w in edges:  # lightest first, so the heaviest are drawn on top
        (x1, y1), (x2, y2) = xy[keep[a]], xy[keep[b]]
        share = w / heaviest
        ax.plot([x1, x2], [y1, y2], color="#555555", alpha=0.15 + 0.65 * share, linewidth=0.3 + 5.7 * share,
                zorder=1)
    biggest = max(n for _, _, n, _ in nodes)
    colours = [KIND_COLOURS.get(kind or "", OTHER_COLOUR) for *_, kind in nodes]
    ax.scatter([x for x, _ in xy], [y for _, y in xy], s=[60 + 600 * n / biggest for _, _, n, _ in nodes],
               c=colours, edgecolors="white", linewidths=0.8, zorder=2)
    for (x, y), theta, (_, name, count, _) in zip(xy, angle, nodes, strict=True):
        degrees = math.degrees(theta)
        left = 90 < degrees < 270
        ax.text(x * 1.1, y * 1.1, f"{name} ({count})", rotation=degrees - 180 if left else degrees,
                rotation_mode="anchor", ha="right" if left else "left", va="center", fontsize=8)
    shown = list(dict.fromkeys(kind or "" for *_, kind in nodes))
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=8,
                          color=KIND_COLOURS.get(kind, OTHER_COLOUR), label=kind or "other") for kind in shown]
    ax.legend(handles=handles, title="kind", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_xlim(-2.0, 2.0)
    ax.set_ylim(-2.0, 2.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"co-mentions of the {len(nodes)} most mentioned entities (edge width and shade = shared "
                 "articles; numbers, dates and the publishing agencies left out)")
    _save(fig, path)
