"""Evaluate quotations, events and cleaning on real annotated articles (``habar evaluate articles DIR``).

The folder holds ``NAME.txt`` articles and their gold facts in ``annotations/NAME.json`` (or, for the
sample, ``NAME.gold.json`` next to the article); the format and matching rules are in
``../shared/data/articles/README.md``:

- a predicted quotation matches a gold one when its text contains the gold ``begins`` and ``ends``; its
  speaker is right when the names agree (the same words, or one name's words inside the other's; a speaker
  linked to an entity agrees through any of that entity's surface forms in the article, and words agree up to
  a case or possessive ending of at most four letters), or when the gold names the speaker by a description
  (``хабарламада``) that is the predicted speaker's ``description`` (the words habar resolved to that body);
- a predicted event matches a gold one when the type is the same, its evidence overlaps the gold evidence,
  and one of its actors or counterparts matches a gold actor or counterpart (waived when the gold event names
  neither: the rule cannot apply to it);
- a boilerplate block leaks when it survives cleaning in ``text``.

Matching is one-to-one: each gold item is matched to at most one prediction and vice versa.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from habar.document import Document
from habar.errors import UsageError


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return 100.0 * self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched


@dataclass
class ArticleResult:
    name: str
    quotes: Counts = field(default_factory=Counts)
    speakers_right: int = 0
    events: Counts = field(default_factory=Counts)
    boilerplate: int = 0
    leaked: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class Report:
    articles: list[ArticleResult]
    quotes: Counts = field(default_factory=Counts)
    speakers_right: int = 0
    events: Counts = field(default_factory=Counts)
    boilerplate: int = 0
    leaked: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return 100.0 * self.speakers_right / self.quotes.matched if self.quotes.matched else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "quote_precision": self.quotes.precision, "quote_recall": self.quotes.recall, "quote_f1": self.quotes.f1,
            "speaker_accuracy": self.speaker_accuracy, "event_precision": self.events.precision,
            "event_recall": self.events.recall, "event_f1": self.events.f1,
            "boilerplate_leaked": float(self.leaked),
        }


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w.-]+", name)}


def _entity_forms(doc: Document, ref: str | None) -> list[str]:
    """An entity's canonical name and every surface form it has in the article (its mentions)."""
    for ent in doc.entities:
        if ent.id == ref:
            return [ent.name, *(m.text for m in ent.mentions)]
    return []


def refers_to(doc: Document, name: str | None, ref: str | None, gold: str) -> bool:
    """A predicted name (and, when it is linked to an entity, that entity's names as the article writes them)
    agrees with a gold name. The gold names an entity by one of its surface forms; a linked entity is right
    when any of its forms agrees."""
    return names_agree(name, gold) or any(names_agree(form, gold) for form in _entity_forms(doc, ref))


def _word_agrees(a: str, b: str) -> bool:
    """Two words are the same word: equal, equal lemmas, or one is the other plus an ending of at most four
    letters (a surface form in the article against a nominative gold name: агенттігіне / агенттігі)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 4:
        return True
    from habar import lemmatize

    return lemmatize(a) == lemmatize(b)


def _inside(small: set[str], big: set[str]) -> bool:
    return all(any(_word_agrees(w, v) for v in big) for w in small)


def names_agree(a: str | None, b: str | None) -> bool:
    """The same words, or one name's words inside the other's (a surname alone matches the full name)."""
    if not a or not b:
        return False
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (_inside(wa, wb) or _inside(wb, wa))


def _find(text: str, piece: str) -> tuple[int, int] | None:
    i = text.find(piece)
    if i >= 0:
        return i, i + len(piece)
    pattern = r"\s+".join(re.escape(w) for w in piece.split())
    m = re.search(pattern, text) if pattern else None
    return m.span() if m else None


def _contains(quote_text: str, piece: str) -> bool:
    return _norm(piece) in _norm(quote_text)


def score_document(doc: Document, gold: dict[str, Any], name: str) -> ArticleResult:
    """Score one analysed article against its gold annotations."""
    res = ArticleResult(name)
    # quotations
    res.quotes.gold = len(gold.get("quotes", []))
    res.quotes.predicted = len(doc.quotes)
    used: set[int] = set()
    for g in gold.get("quotes", []):
        hit = next((i for i, q in enumerate(doc.quotes) if i not in used and _contains(q.text, g["begins"])
                    and _contains(q.text, g["ends"])), None)
        if hit is None:
            res.misses.append(f"quote missed: {g['speaker']} | {g['cue']} | {g['begins'][:50]}")
            continue
        used.add(hit)
        res.quotes.matched += 1
        speaker = doc.quotes[hit].speaker
        # the gold may name the speaker by the description the text gives ("хабарламада"), where habar resolves
        # it to the body that issued the statement and keeps those words as its description
        if refers_to(doc, speaker.name, speaker.entity, g["speaker"]) or names_agree(speaker.description, g["speaker"]):
            res.speakers_right += 1
        else:
            res.misses.append(f"speaker wrong: {doc.quotes[hit].speaker.name!r} for {g['speaker']!r}")
    for i, q in enumerate(doc.quotes):
        if i not in used:
            res.misses.append(f"quote extra: {q.speaker.name} | {q.cue} | {q.text[:60]}")
    # events
    res.events.gold = len(gold.get("events", []))
    res.events.predicted = len(doc.events)
    used = set()
    for g in gold.get("events", []):
        span = _find(doc.text, g["evidence"])
        gold_names = [*g.get("actors", []), *g.get("counterparts", [])]
        hit = None
        for i, ev in enumerate(doc.events):
            if i in used or ev.type != g["type"] or span is None:
                continue
            if not (ev.evidence.start < span[1] and span[0] < ev.evidence.end):
                continue
            refs = list(zip([*ev.actors, *ev.counterparts], [*ev.actor_names, *ev.counterpart_names], strict=False))
            if gold_names and not any(refers_to(doc, n, r, b) for r, n in refs for b in gold_names):
                continue
            hit = i
            break
        if hit is None:
            res.misses.append(f"event missed: {g['type']} {gold_names} | {g['evidence'][:60]}")
            continue
        used.add(hit)
        res.events.matched += 1
    for i, ev in enumerate(doc.events):
        if i not in used:
            res.misses.append(f"event extra: {ev.type} ({ev.trigger}) {ev.actor_names} {ev.counterpart_names} | "
                              f"{doc.text[ev.evidence.start : ev.evidence.end][:60]}")
    # boilerplate
    blocks = gold.get("boilerplate", [])
    res.boilerplate = len(blocks)
    res.leaked = sum(1 for b in blocks if _norm(b) and _norm(b) in _norm(doc.text))
    return res


def gold_for(article: Path) -> Path | None:
    """The gold annotations of an article: ``annotations/NAME.json`` or ``NAME.gold.json``."""
    for candidate in (article.parent / "annotations" / f"{article.stem}.json",
                      article.parent / f"{article.stem}.gold.json"):
        if candidate.is_file():
            return candidate
    return None


def evaluate_articles(folder: Path, published: str | None = None, ner: str = "fast") -> Report:
    """Analyse every annotated article in ``folder`` (the entity tagger in mode ``ner``) and score it against
    its gold facts."""
    from habar.pipeline import analyze

    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of articles (NAME.txt with annotations/NAME.json)")
    pairs = [(p, gold_for(p)) for p in sorted(folder.glob("*.txt"))]
    found = [(p, g) for p, g in pairs if g is not None]
    if not found:
        raise UsageError(f"{folder}: no annotated articles (NAME.txt with annotations/NAME.json or NAME.gold.json)")
    report = Report(articles=[])
    for article, gold_path in found:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = analyze(article.read_text(encoding="utf-8"), published=published, source=str(article), ner=ner)
        res = score_document(doc, gold, article.name)
        report.articles.append(res)
        report.quotes.add(res.quotes)
        report.events.add(res.events)
        report.speakers_right += res.speakers_right
        report.boilerplate += res.boilerplate
        report.leaked += res.leaked
    return report


def format_report(report: Report, details: bool = False) -> str:
    """A plain-text table: one row per article (matched/gold/predicted) and the totals."""
    head = f"{'article':<22} {'quotes m/g/p':>13} {'spk':>4} {'events m/g/p':>13} {'leak':>5}"
    lines = [head, "-" * len(head)]
    for a in report.articles:
        lines.append(f"{a.name:<22} {a.quotes.matched:>3}/{a.quotes.gold:>3}/{a.quotes.predicted:>3}   "
                     f"{a.speakers_right:>4} {a.events.matched:>3}/{a.events.gold:>3}/{a.events.predicted:>3}   "
                     f"{a.leaked:>2}/{a.boilerplate}")
        if details:
            lines.extend(f"    {m}" for m in a.misses)
    q, e = report.quotes, report.events
    lines += [
        "-" * len(head),
        f"quotations   P {q.precision:5.1f}  R {q.recall:5.1f}  F1 {q.f1:5.1f}   ({q.matched} of {q.gold} gold, "
        f"{q.predicted} predicted)",
        f"speakers     accuracy {report.speaker_accuracy:5.1f} % on {q.matched} matched quotations",
        f"events       P {e.precision:5.1f}  R {e.recall:5.1f}  F1 {e.f1:5.1f}   ({e.matched} of {e.gold} gold, "
        f"{e.predicted} predicted)",
        f"boilerplate  {report.leaked} of {report.boilerplate} blocks leaked into text",
    ]
    return "\n".join(lines)
