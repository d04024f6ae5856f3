"""Score habar against the annotated corpus (``corpus/``, docs/annotation.md), layer by layer.

Every gold span is a character span of the raw source text; habar's spans are mapped back to it through the
Document's offset map (``Document.raw_offset``), so the cleaning in between does not move anything.

- entities: a mention is right when its span and class are exactly the gold one's (CoNLL-style exact match);
  per class, and for the four name classes PERSON, ORGANISATION, GPE, LOCATION together;
- entity clusters: B-cubed precision and recall (Bagga and Baldwin 1998) over the mentions of name classes,
  each mention scored by how far its predicted entity and its gold entity hold the same (exact) mentions, a
  mention only one side has scoring 0; and, of the mentions both have, the share whose entity has the gold
  canonical name. A mention habar marks ``nested`` (a name inside a longer mention of another entity:
  ``Қазақстан`` in ``Қазақстан Президенті``) is left out: the corpus is flat (docs/annotation.md, Layer 1);
- entity clusters on gold mentions ("oracle mentions"): the gold mentions, with their classes, folded into
  entities by the entities stage's own folding (:func:`habar.stages.entities.entities_from_doc`) and scored
  the same way; this isolates folding from tagging;
- quotations: one-to-one, a prediction matches the gold quotation its content overlaps most, when the overlap is
  at least half of their union; the speaker is right when habar's speaker entity has a mention overlapping a
  mention of the gold speaker entity, or the same name (scored on quotations whose gold speaker is an entity);
  quotations by kind (``quotes_by_kind``: direct, indirect, mixed; matched when found with the gold kind) and
  wrong speakers by how they are wrong (``speakers["wrong"]``: none given, not linked, another entity);
- events: one-to-one, the same type and overlapping evidence; untyped detection (any type) beside it; the
  actors and counterparts of matched events scored as argument recall and precision over entity mentions, and
  by role (``event_arguments_by_role``: an actor right only as an actor, a counterpart only as a counterpart,
  the place as the gold place entity or a name inside its name); the CAMEO code of matched events where the
  gold gives one (``event_cameo``); events by type (``events_by_type``, each type's gold, found and right) and
  the events found at the right evidence with the wrong type (``events_mistyped``); the modality of matched events
  (``event_modality``: asserted, planned, negated, hypothetical) and planned events among them
  (``events_planned``: P/R/F1 of ``planned`` over the matched events);
- dates: spans overlapping one-to-one; the value is scored where the gold value is a calendar value (``X`` for
  what the text leaves out matches anything; relative ``REF`` values need a publication date the corpus lacks);
- site furniture: a gold block leaks when more than half of its characters survive in the cleaned text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from habar.document import Document
from habar.evaluate.articles import Counts
from habar.evaluate.corpus import CorpusDoc

NAME_CLASSES = ("PERSON", "ORGANISATION", "GPE", "LOCATION")
CLUSTER_CLASSES = frozenset({"PERSON", "ORGANISATION", "GPE", "LOCATION", "FACILITY", "NORP", "POSITION", "EVENT",
                             "PRODUCT", "PROJECT", "LAW", "ART", "LANGUAGE", "DISEASE", "MISCELLANEOUS"})
"""Classes whose entities are clusters of mentions (the others, dates and numbers, are one mention each)."""
ROLES = ("actor", "counterpart", "place")
"""The argument roles of an event, scored one by one (``event_arguments_by_role``)."""
SPEAKER_ERRORS = ("none", "not_linked", "another_entity")
"""How a found quotation's speaker is wrong (``speakers["wrong"]``): no speaker given; a name or description
that is not linked to an entity and is not the gold one's name; another entity."""


def _counts(c: Counts) -> dict[str, float]:
    return {"gold": c.gold, "predicted": c.predicted, "matched": c.matched,
            "precision": round(c.precision, 2), "recall": round(c.recall, 2), "f1": round(c.f1, 2)}


@dataclass
class LayerReport:
    documents: int = 0
    entities: Counts = field(default_factory=Counts)
    names: Counts = field(default_factory=Counts)
    by_class: dict[str, Counts] = field(default_factory=dict)
    b3_p_sum: float = 0.0
    b3_p_n: int = 0
    b3_r_sum: float = 0.0
    b3_r_n: int = 0
    b3_mentions: int = 0
    canonical_right: int = 0
    oracle_p_sum: float = 0.0
    oracle_r_sum: float = 0.0
    oracle_n: int = 0
    oracle_p_n: int = 0
    oracle_canonical_right: int = 0
    nested: int = 0
    quotes: Counts = field(default_factory=Counts)
    speakers_scored: int = 0
    speakers_right: int = 0
    speakers_wrong: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPEAKER_ERRORS, 0))
    quotes_by_kind: dict[str, Counts] = field(default_factory=dict)
    events: Counts = field(default_factory=Counts)
    events_untyped: Counts = field(default_factory=Counts)
    events_by_type: dict[str, Counts] = field(default_factory=dict)
    events_mistyped: int = 0
    arguments: Counts = field(default_factory=Counts)
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    cameo_scored: int = 0
    cameo_right: int = 0
    modality_scored: int = 0
    modality_right: int = 0
    planned: Counts = field(default_factory=Counts)
    dates: Counts = field(default_factory=Counts)
    date_values_scored: int = 0
    date_values_right: int = 0
    furniture: int = 0
    leaked: int = 0

    @property
    def b3_precision(self) -> float:
        return 100.0 * self.b3_p_sum / self.b3_p_n if self.b3_p_n else 0.0

    @property
    def b3_recall(self) -> float:
        return 100.0 * self.b3_r_sum / self.b3_r_n if self.b3_r_n else 0.0

    @property
    def cluster_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def oracle_f1(self) -> float:
        p = self.oracle_p_sum / self.oracle_p_n if self.oracle_p_n else 0.0
        r = self.oracle_r_sum / self.oracle_n if self.oracle_n else 0.0
        return 200.0 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        def pct(a: int, b: int) -> float:
            return round(100.0 * a / b, 2) if b else 0.0

        return {
            "documents": self.documents,
            "entities": _counts(self.entities), "names": _counts(self.names),
            "by_class": {k: _counts(v) for k, v in sorted(self.by_class.items())},
            "clusters": {"b3_precision": round(self.b3_precision, 2), "b3_recall": round(self.b3_recall, 2),
                         "f1": round(self.cluster_f1, 2), "mentions_both": self.b3_mentions,
                         "canonical_name_accuracy": pct(self.canonical_right, self.b3_mentions),
                         "nested_left_out": self.nested},
            "clusters_gold_mentions": {
                "b3_precision": pct(int(round(self.oracle_p_sum * 1000)), self.oracle_p_n * 1000),
                "b3_recall": pct(int(round(self.oracle_r_sum * 1000)), self.oracle_n * 1000),
                "f1": round(self.oracle_f1, 2), "mentions": self.oracle_n,
                "canonical_name_accuracy": pct(self.oracle_canonical_right, self.oracle_n)},
            "quotes": _counts(self.quotes),
            "speakers": {"scored": self.speakers_scored, "right": self.speakers_right,
                         "accuracy": pct(self.speakers_right, self.speakers_scored),
                         "wrong": dict(self.speakers_wrong)},
            "quotes_by_kind": {k: _counts(v) for k, v in sorted(self.quotes_by_kind.items())},
            "events": _counts(self.events), "events_untyped": _counts(self.events_untyped),
            "events_by_type": {k: _counts(v) for k, v in sorted(self.events_by_type.items())},
            "events_mistyped": self.events_mistyped,
            "event_arguments": _counts(self.arguments),
            "event_arguments_by_role": {r: _counts(c) for r, c in self.roles.items()},
            "event_cameo": {"scored": self.cameo_scored, "right": self.cameo_right,
                            "accuracy": pct(self.cameo_right, self.cameo_scored)},
            "event_modality": {"scored": self.modality_scored, "right": self.modality_right,
                               "accuracy": pct(self.modality_right, self.modality_scored)},
            "events_planned": _counts(self.planned),
            "dates": _counts(self.dates),
            "date_values": {"scored": self.date_values_scored, "right": self.date_values_right,
                            "accuracy": pct(self.date_values_right, self.date_values_scored)},
            "furniture": {"blocks": self.furniture, "leaked": self.leaked},
        }


Span = tuple[int, int]


def _raw(doc: Document, start: int, end: int) -> Span:
    return doc.raw_offset(start), doc.raw_offset(end - 1) + 1


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _count_by_class(into: dict[str, Counts], gold: list[str], predicted: list[str], matched: list[str]) -> None:
    """Add one document's gold, predicted and matched items, each named by its class, to ``into``."""
    for name, classes in (("gold", gold), ("predicted", predicted), ("matched", matched)):
        for kind in classes:
            counts = into.setdefault(kind, Counts())
            setattr(counts, name, getattr(counts, name) + 1)


def _one_to_one(gold: list[Any], pred: list[Any], score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by descending score (pairs scoring 0 never match)."""
    pairs = sorted(((score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in pairs:
        if s <= 0:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _value_matches(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False
    if len(gold) != len(pred):
        return False
    return all(g in ("X", p) for g, p in zip(gold, pred, strict=True))


_CALENDAR = re.compile(r"^[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?$")


def score_document(cd: CorpusDoc, doc: Document, report: LayerReport) -> None:
    ann = cd.ann
    report.documents += 1
    # ---- entities: exact span and class
    gold_m: dict[Span, tuple[str, str]] = {}  # span -> (label, entity id)
    gold_names: dict[str, str] = {}
    for e in ann["entities"]:
        gold_names[e["id"]] = e["name"]
        for m in e["mentions"]:
            gold_m[(m["start"], m["end"])] = (e["label"], e["id"])
    pred_m: dict[Span, tuple[str, str]] = {}
    pred_names: dict[str, str] = {}
    pred_spans_of: dict[str, list[Span]] = {}
    for pe in doc.entities:
        pred_names[pe.id] = pe.name
        for pm in pe.mentions:
            span = _raw(doc, pm.start, pm.end)
            pred_spans_of.setdefault(pe.id, []).append(span)
            if pm.nested:  # not a mention of the flat layer the corpus annotates
                report.nested += 1
                continue
            pred_m[span] = (pe.label, pe.id)
    labels = {lab for lab, _ in gold_m.values()} | {lab for lab, _ in pred_m.values()}
    for lab in labels:
        g = {s for s, (lb, _) in gold_m.items() if lb == lab}
        p = {s for s, (lb, _) in pred_m.items() if lb == lab}
        report.by_class.setdefault(lab, Counts()).add(Counts(len(g), len(p), len(g & p)))
        report.entities.add(Counts(len(g), len(p), len(g & p)))
        if lab in NAME_CLASSES:
            report.names.add(Counts(len(g), len(p), len(g & p)))
    # ---- clusters: B-cubed over all name mentions, a mention found by one side only scoring 0 (Cai and Strube
    # 2010's treatment of twinless mentions), so mention errors count against the clusters too
    g_name = {sp: eid for sp, (lab, eid) in gold_m.items() if lab in CLUSTER_CLASSES}
    p_name = {sp: eid for sp, (lab, eid) in pred_m.items() if lab in CLUSTER_CLASSES}
    report.b3_p_sum += _b3(p_name, g_name)
    report.b3_p_n += len(p_name)
    report.b3_r_sum += _b3(g_name, p_name)
    report.b3_r_n += len(g_name)
    for sp, eid in g_name.items():
        if sp in p_name:
            report.b3_mentions += 1
            if pred_names.get(p_name[sp], "").casefold() == gold_names[eid].casefold():
                report.canonical_right += 1
    _score_oracle(doc, gold_m, gold_names, report)
    gold_spans_of: dict[str, list[Span]] = {}
    for s, (_, eid) in gold_m.items():
        gold_spans_of.setdefault(eid, []).append(s)

    def same_entity(gold_id: str | None, pred_id: str | None, pred_name: str | None = None) -> bool:
        if not gold_id or not (pred_id or pred_name):
            return False
        gold_spans, pred_spans = gold_spans_of.get(gold_id, []), pred_spans_of.get(pred_id or "", [])
        if any(_overlap(a, b) for a in gold_spans for b in pred_spans):
            return True
        name = pred_names.get(pred_id or "", pred_name or "")
        return bool(name) and name.casefold() == gold_names.get(gold_id, "").casefold()

    def same_place(gold_id: str, pred: str) -> bool:
        """The predicted place (an entity id or a name) is the gold place entity: the same entity, or a name
        whose words are the gold name's or inside it (``Ақтөбе`` for ``Ақтөбе облысы``)."""
        if same_entity(gold_id, pred, pred):
            return True
        pw, gw = set(pred.casefold().split()), set(gold_names.get(gold_id, "").casefold().split())
        return bool(pw) and pw <= gw

    # ---- quotations
    gq = ann["quotes"]
    pq = [(q, _raw(doc, q.start, q.end)) for q in doc.quotes]

    def q_score(g: dict[str, Any], p: tuple[Any, Span]) -> float:
        a = (g["start"], g["end"])
        inter = _overlap(a, p[1])
        union = max(a[1], p[1][1]) - min(a[0], p[1][0])
        ratio = inter / union if union else 0.0
        return ratio if ratio >= 0.5 else 0.0

    matches = _one_to_one(gq, pq, q_score)
    report.quotes.add(Counts(len(gq), len(pq), len(matches)))
    _count_by_class(report.quotes_by_kind, [g["kind"] for g in gq], [q.kind for q, _ in pq],
                    [gq[i]["kind"] for i, j in matches if gq[i]["kind"] == pq[j][0].kind])  # found with its kind
    for i, j in matches:
        gold_speaker = gq[i]["speaker"]["entity"]
        if gold_speaker:
            report.speakers_scored += 1
            speaker = pq[j][0].speaker
            if speaker is not None and same_entity(gold_speaker, speaker.entity, speaker.name):
                report.speakers_right += 1
            elif speaker is None or not (speaker.entity or speaker.name):
                report.speakers_wrong["none"] += 1
            elif not speaker.entity:
                report.speakers_wrong["not_linked"] += 1
            else:
                report.speakers_wrong["another_entity"] += 1
    # ---- events
    ge = ann["events"]
    pe_ = [(ev, _raw(doc, ev.evidence.start, ev.evidence.end)) for ev in doc.events]

    def ev_score(typed: bool) -> Callable[[dict[str, Any], tuple[Any, Span]], float]:
        def f(g: dict[str, Any], p: tuple[Any, Span]) -> float:
            if typed and g["type"] != p[0].type:
                return 0.0
            return float(_overlap((g["evidence"]["start"], g["evidence"]["end"]), p[1]))
        return f

    typed = _one_to_one(ge, pe_, ev_score(True))
    report.events.add(Counts(len(ge), len(pe_), len(typed)))
    untyped = _one_to_one(ge, pe_, ev_score(False))
    report.events_untyped.add(Counts(len(ge), len(pe_), len(untyped)))
    report.events_mistyped += sum(1 for i, j in untyped if ge[i]["type"] != pe_[j][0].type)
    _count_by_class(report.events_by_type, [g["type"] for g in ge], [ev.type for ev, _ in pe_],
                    [ge[i]["type"] for i, _ in typed])
    for i, j in typed:
        g_args = [*ge[i]["actors"], *ge[i]["counterparts"]]
        p_args = [*pe_[j][0].actors, *pe_[j][0].counterparts]
        right = sum(1 for ga in g_args if any(same_entity(ga, pa) for pa in p_args))
        right_p = sum(1 for pa in p_args if any(same_entity(ga, pa) for ga in g_args))
        report.arguments.gold += len(g_args)
        report.arguments.predicted += len(p_args)
        report.arguments.matched += min(right, right_p)
        # by role: an actor is right only as an actor, a counterpart only as a counterpart
        pred_event = pe_[j][0]
        for role, g_role, p_role in (("actor", ge[i]["actors"], pred_event.actors),
                                     ("counterpart", ge[i]["counterparts"], pred_event.counterparts)):
            hit_g = sum(1 for ga in g_role if any(same_entity(ga, pa) for pa in p_role))
            hit_p = sum(1 for pa in p_role if any(same_entity(ga, pa) for ga in g_role))
            report.roles[role].add(Counts(len(g_role), len(p_role), min(hit_g, hit_p)))
        if ge[i].get("cameo"):
            report.cameo_scored += 1
            report.cameo_right += ge[i]["cameo"] == pred_event.cameo
        gold_modality, pred_modality = ge[i].get("modality") or "asserted", _modality(pred_event)
        report.modality_scored += 1
        report.modality_right += gold_modality == pred_modality
        report.planned.add(Counts(int(gold_modality == "planned"), int(pred_modality == "planned"),
                                  int(gold_modality == pred_modality == "planned")))
        g_place, p_place = ge[i].get("place"), pred_event.place
        report.roles["place"].add(Counts(int(bool(g_place)), int(bool(p_place)),
                                         int(bool(g_place and p_place and same_place(g_place, p_place)))))
    # ---- dates
    gd = ann["dates"]
    pd = [(d, _raw(doc, d.start, d.end)) for d in doc.dates]
    dm = _one_to_one(gd, pd, lambda g, p: float(_overlap((g["start"], g["end"]), p[1])))
    report.dates.add(Counts(len(gd), len(pd), len(dm)))
    for i, j in dm:
        value = gd[i]["value"]
        if value and _CALENDAR.match(value) and not set(value) <= set("X-"):
            report.date_values_scored += 1
            if _value_matches(value, pd[j][0].value):
                report.date_values_right += 1
    # ---- site furniture
    kept = _kept_raw(doc)
    for b in ann["boilerplate"]:
        report.furniture += 1
        n = b["end"] - b["start"]
        if n and sum(_overlap((b["start"], b["end"]), r) for r in kept) * 2 > n:
            report.leaked += 1


def _modality(ev: Any) -> str:
    """asserted, planned, negated or hypothetical: the event's own modality where it has one, else from
    ``planned``."""
    return getattr(ev, "modality", None) or ("planned" if ev.planned else "asserted")


def _b3(clusters_a: dict[Span, str], clusters_b: dict[Span, str]) -> float:
    """Sum over the mentions of ``clusters_a`` of the B-cubed share its cluster has in ``clusters_b``."""
    members_a: dict[str, set[Span]] = {}
    members_b: dict[str, set[Span]] = {}
    for sp, eid in clusters_a.items():
        members_a.setdefault(eid, set()).add(sp)
    for sp, eid in clusters_b.items():
        members_b.setdefault(eid, set()).add(sp)
    total = 0.0
    for sp, eid in clusters_a.items():
        cluster = members_a[eid]
        total += len(cluster & members_b[clusters_b[sp]]) / len(cluster) if sp in clusters_b else 0.0
    return total


def _cleaned_offset(doc: Document, raw: int) -> int | None:
    """The cleaned-text index of raw-text index ``raw`` (the inverse of ``Document.raw_offset``), or None when
    cleaning removed it."""
    if not doc.offset_map:
        return raw
    for t0, r0, length in doc.offset_map:
        if r0 <= raw < r0 + length:
            return t0 + raw - r0
    return None


def _score_oracle(doc: Document, gold_m: dict[Span, tuple[str, str]], gold_names: dict[str, str],
                  report: LayerReport) -> None:
    """The gold mentions of the name classes folded by the entities stage (:func:`oracle_entities`), B-cubed
    against the gold entities, and the share of mentions whose entity has the gold canonical name."""
    gold = {sp: (lab, eid) for sp, (lab, eid) in gold_m.items() if lab in CLUSTER_CLASSES}
    cleaned: dict[Span, tuple[int, int, str]] = {}
    for (s, e), (lab, _) in gold.items():
        cs, ce = _cleaned_offset(doc, s), _cleaned_offset(doc, e - 1)
        if cs is not None and ce is not None:
            cleaned[(s, e)] = (cs, ce + 1, lab)
    if not cleaned:
        return
    from habar.stages.entities import oracle_entities

    folded = oracle_entities(doc.text, [t.start for t in doc.tokens], [t.end for t in doc.tokens],
                             list(cleaned.values()))
    back = {(cs, ce): sp for sp, (cs, ce, _) in cleaned.items()}
    pred: dict[Span, str] = {}
    names: dict[str, str] = {}
    for ent in folded:
        names[ent["id"]] = ent["name"]
        for m in ent["mentions"]:
            sp = back.get((m["start"], m["end"]))
            if sp is not None:
                pred[sp] = ent["id"]
    g = {sp: eid for sp, (_, eid) in gold.items() if sp in cleaned}
    report.oracle_n += len(g)
    report.oracle_p_n += len(pred)
    report.oracle_p_sum += _b3(pred, g)
    report.oracle_r_sum += _b3(g, pred)
    report.oracle_canonical_right += sum(1 for sp, eid in g.items() if sp in pred
                                         and names[pred[sp]].casefold() == gold_names[eid].casefold())


def _kept_raw(doc: Document) -> list[Span]:
    """Raw-text ranges that survive cleaning (the offset map's runs)."""
    if not doc.offset_map:
        return [(0, len(doc.text))]
    return [(r0, r0 + length) for _t0, r0, length in doc.offset_map]


def score(docs: Iterable[tuple[CorpusDoc, Document]]) -> LayerReport:
    report = LayerReport()
    for cd, doc in docs:
        score_document(cd, doc, report)
    return report


def format_layers(report: LayerReport, title: str) -> str:
    d = report.as_dict()
    lines = [f"{title}: {report.documents} documents", f"{'layer':<34} {'P':>6} {'R':>6} {'F1':>6}  (gold/predicted)"]

    def row(name: str, c: Counts) -> None:
        lines.append(f"{name:<34} {c.precision:6.1f} {c.recall:6.1f} {c.f1:6.1f}  ({c.gold}/{c.predicted})")

    row("entities, exact span and class", report.entities)
    row("  PERSON/ORGANISATION/GPE/LOCATION", report.names)
    for lab, c in sorted(report.by_class.items(), key=lambda kv: -kv[1].gold):
        row(f"    {lab}", c)
    cl = d["clusters"]
    lines.append(f"{'entity clusters (B-cubed)':<34} {cl['b3_precision']:6.1f} {cl['b3_recall']:6.1f} {cl['f1']:6.1f}"
                 f"  (canonical name right on {cl['canonical_name_accuracy']:.1f} % of {cl['mentions_both']} found)")
    oc = d["clusters_gold_mentions"]
    lines.append(f"{'  folding gold mentions':<34} {oc['b3_precision']:6.1f} {oc['b3_recall']:6.1f} {oc['f1']:6.1f}"
                 f"  (canonical name right on {oc['canonical_name_accuracy']:.1f} % of {oc['mentions']})")
    row("quotations", report.quotes)
    for kind, c in report.quotes_by_kind.items():
        row(f"    {kind}", c)
    wrong = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.speakers_wrong.items())
    lines.append(f"{'  speakers right':<34} {d['speakers']['accuracy']:6.1f} %  "
                 f"({report.speakers_right}/{report.speakers_scored}; wrong: {wrong})")
    row("events (type and evidence)", report.events)
    row("  events, any type", report.events_untyped)
    lines.append(f"{'    of these, the wrong type':<34} {report.events_mistyped:6d}")
    for kind, c in sorted(report.events_by_type.items(), key=lambda kv: -kv[1].gold):
        row(f"    {kind}", c)
    row("  event arguments", report.arguments)
    for role, c in report.roles.items():
        row(f"    {role}", c)
    lines.append(f"{'  CAMEO code right':<34} {d['event_cameo']['accuracy']:6.1f} %  "
                 f"({report.cameo_right}/{report.cameo_scored})")
    row("  planned (of matched events)", report.planned)
    lines.append(f"{'  modality right':<34} {d['event_modality']['accuracy']:6.1f} %  "
                 f"({report.modality_right}/{report.modality_scored})")
    row("dates (span overlap)", report.dates)
    lines.append(f"{'  date values right':<34} {d['date_values']['accuracy']:6.1f} %  "
                 f"({report.date_values_right}/{report.date_values_scored})")
    lines.append(f"{'site furniture leaked':<34} {report.leaked} of {report.furniture} blocks")
    return "\n".join(lines)
