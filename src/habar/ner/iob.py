"""CoNLL-2002 style IOB2 files (``token label`` per line, blank line between sentences) and strict scoring.

The score is seqeval's strict IOB2 exact match: an entity counts only when its type and both boundaries
agree, and an ``I-`` tag that does not continue a ``B-``/``I-`` of the same type starts no entity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from habar.errors import InputError

Sentence = list[tuple[str, str]]


def read_iob(path: Path) -> list[Sentence]:
    """Sentences of ``(token, label)``; a line with one field has label ``O`` (unlabelled input)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "is not UTF-8 text") from None
    sentences: list[Sentence] = []
    current: Sentence = []
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        if len(parts) > 2:
            raise InputError(f"{path}:{number}", f"expected 'token label', got {len(parts)} fields")
        label = parts[1] if len(parts) == 2 else "O"
        if label != "O" and not (label[:2] in ("B-", "I-") and len(label) > 2):
            raise InputError(f"{path}:{number}", f"label {label!r} is not O, B-TYPE or I-TYPE")
        current.append((parts[0], label))
    if current:
        sentences.append(current)
    if not sentences:
        raise InputError(str(path), "holds no sentences")
    return sentences


def write_iob(path: Path, sentences: Iterable[Sequence[tuple[str, str]]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for sentence in sentences:
            for token, label in sentence:
                fh.write(f"{token} {label}\n")
            fh.write("\n")


def spans(labels: Sequence[str]) -> set[tuple[str, int, int]]:
    """Entities ``(type, start, end)`` of one sentence under strict IOB2 (end exclusive)."""
    out = set()
    start: int | None = None
    kind = ""
    for i, label in enumerate([*labels, "O"]):
        tag, _, typ = label.partition("-")
        continues = tag == "I" and start is not None and typ == kind
        if start is not None and not continues:
            out.add((kind, start, i))
            start = None
        if tag == "B":
            start, kind = i, typ
    return out


@dataclass
class Score:
    """Exact-match precision, recall and F1, micro-averaged and per class."""

    true_positives: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        g, p = spans(gold), spans(predicted)
        for kind, _s, _e in g:
            self.gold[kind] += 1
        for kind, _s, _e in p:
            self.predicted[kind] += 1
        for kind, _s, _e in g & p:
            self.true_positives[kind] += 1

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def micro(self) -> tuple[float, float, float]:
        return self._prf(sum(self.true_positives.values()), sum(self.predicted.values()), sum(self.gold.values()))

    def per_class(self) -> dict[str, tuple[float, float, float, int]]:
        kinds = sorted(set(self.gold) | set(self.predicted))
        return {k: (*self._prf(self.true_positives[k], self.predicted[k], self.gold[k]), self.gold[k]) for k in kinds}

    def table(self) -> str:
        lines = [f"{'class':<15} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}"]
        for kind, (p, r, f, n) in self.per_class().items():
            lines.append(f"{kind:<15} {p * 100:9.2f} {r * 100:7.2f} {f * 100:7.2f} {n:8d}")
        p, r, f = self.micro()
        lines.append(f"{'micro':<15} {p * 100:9.2f} {r * 100:7.2f} {f * 100:7.2f} {sum(self.gold.values()):8d}")
        return "\n".join(lines)


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Score:
    result = Score()
    for g, p in zip(gold, predicted, strict=True):
        result.add(g, p)
    return result
