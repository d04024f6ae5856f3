"""Time expressions against KazNERD's DATE and TIME spans (``python -m habar.evaluate.time [IOB]``).

KazNERD (Yeshpanov et al. 2022) marks DATE in the OntoNotes sense, durations and ages included ("30 жыл"), as
the time stage does since the corpus guideline's revision 5; it does not mark some expressions the guideline
counts ("қазіргі таңда", "бұған дейін", "жылына"), which the stage therefore leaves out. Precision counts a
found expression as right when it overlaps a gold DATE or TIME span.
"""

from __future__ import annotations

import sys
from pathlib import Path

from habar.stages.time import find_times


def read_iob(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """Sentences as (text, DATE/TIME character spans)."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    words: list[tuple[str, str]] = []

    def flush() -> None:
        text, spans, pos, open_span = "", [], 0, None
        for word, tag in words:
            start = pos
            text += word + " "
            pos = len(text)
            if tag.endswith(("DATE", "TIME")) and (tag.startswith("I-") and open_span is not None):
                open_span = (open_span[0], start + len(word))
            else:
                if open_span is not None:
                    spans.append(open_span)
                open_span = (start, start + len(word)) if tag.endswith(("DATE", "TIME")) else None
        if open_span is not None:
            spans.append(open_span)
        out.append((text.rstrip(), spans))
        words.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if words:
                flush()
            continue
        words.append((parts[0], parts[-1]))
    if words:
        flush()
    return out


def evaluate(path: Path) -> dict[str, float]:
    found = right = gold = recalled = 0
    for text, spans in read_iob(path):
        mentions = [(t.start, t.end) for t in find_times(text)]
        found += len(mentions)
        right += sum(1 for s, e in mentions if any(s < ge and gs < e for gs, ge in spans))
        gold += len(spans)
        recalled += sum(1 for gs, ge in spans if any(s < ge and gs < e for s, e in mentions))
    return {"precision": 100.0 * right / found if found else 0.0, "recall": 100.0 * recalled / gold if gold else 0.0,
            "found": float(found), "gold": float(gold)}


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/kaznerd/dev.iob")
    print(evaluate(target))
