"""Machine-labelled training sentences for the entity tagger's CRF (self-training, issue 17; written for habar).

The search-eval leads (``../shared/data/search-eval/articles.jsonl``: 1,668 kaz.tengrinews.kz titles and excerpts,
unlabelled) are analysed by the accurate tagger (the CRF with the network: the teacher, 3.2 F1 better than the CRF
alone on news) and its flat entity layer written as IOB2; every second sentence is kept, the share of
machine-labelled text at which KazNERD dev.iob holds its floor (all of them: 87.83; half: 88.04; docs/notes/ner.md).
Every lead whose title or excerpt occurs in a corpus document (train or test) is left out: no test text is trained
on, and no train document is counted twice. Deterministic: the same models and leads give the same file.

    python tools/silver_leads.py OUT.iob               # what `habar train ner --silver OUT.iob` takes
    python tools/silver_leads.py OUT.iob --every 1     # every sentence the teacher labelled
    python tools/silver_leads.py OUT.iob --agreement   # only sentences the fast tagger labels alike (measured worse)

Each token's label is that of the flat (non-nested) mention covering it, B- on its first token, in habar's own
tokens and sentences: the layout of ``habar corpus iob``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from habar.evaluate.corpus import load  # noqa: E402
from habar.pipeline import analyze  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
Sentence = list[tuple[str, str]]


def unseen_leads(data: Path = DATA, corpus: Path = ROOT / "corpus") -> list[dict[str, str]]:
    """The leads no corpus document holds (its title or the first 200 characters of its excerpt)."""
    blob = "\n".join(d.text for d in load(corpus, data, None))
    with (data / "search-eval" / "articles.jsonl").open(encoding="utf-8") as fh:
        leads = [json.loads(line) for line in fh]
    return [a for a in leads if a["excerpt"][:200] not in blob and a["title"] not in blob]


def labelled(text: str, mode: str) -> list[Sentence]:
    """``text``'s sentences as (token, IOB2 label) pairs from the ``mode`` tagger's flat entity layer."""
    doc = analyze(text, ner=mode)
    spans = sorted((m.start, m.end, e.label) for e in doc.entities for m in e.mentions if not m.nested)
    out: list[Sentence] = []
    tokens = doc.tokens
    k = 0
    for sent in doc.sentences:
        rows: Sentence = []
        while k < len(tokens) and tokens[k].start < sent.end:
            tok = tokens[k]
            k += 1
            if tok.start < sent.start:
                continue
            label = "O"
            for s, e, lab in spans:
                if s <= tok.start and tok.end <= e:
                    label = ("B-" if tok.start == s or not rows or rows[-1][1] == "O" else "I-") + lab
                    break
            rows.append((tok.text, label))
        if rows:
            out.append(rows)
    return out


def silver(leads: list[dict[str, str]], agreement: bool = False, every: int = 2) -> list[Sentence]:
    """The teacher's sentences of ``leads`` (only those the fast tagger labels alike, with ``agreement``), then
    every ``every``-th of them (the share of machine-labelled text the KazNERD dev floor allowed)."""
    out: list[Sentence] = []
    for a in leads:
        text = f"{a['title']}\n\n{a['excerpt']}"
        taught = labelled(text, "accurate")
        if not agreement:
            out += taught
            continue
        own = labelled(text, "fast")
        if len(own) == len(taught):
            out += [s for s, t in zip(taught, own, strict=True) if s == t]
    return out[::every]


def main(argv: list[str]) -> None:
    dest, agreement = Path(argv[0]), "--agreement" in argv[1:]
    every = int(argv[argv.index("--every") + 1]) if "--every" in argv else 2
    leads = unseen_leads()
    sentences = silver(leads, agreement, every)
    with dest.open("w", encoding="utf-8") as fh:
        for s in sentences:
            fh.write("\n".join(f"{w} {lab}" for w, lab in s) + "\n\n")
    print(f"{dest}: {len(sentences)} sentences from {len(leads)} leads", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
