"""Entities on the annotated real articles (../shared/data/articles): habar beside knowledge-base matching alone.

A gold entity counts as found when one predicted entity has its class and its canonical name (or the gold name
is a name of the knowledge-base entry it links to); its surface forms count when they are mentions of it.

    nice .venv/bin/python bench/entities_articles.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "articles"


def main() -> None:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan
    from spacy.util import filter_spans

    from habar.ner.kb import knowledge_base
    from habar.pipeline import load
    from habar.stages.entities import NESTED_KEY, _kb_matches, entities_from_doc

    kb = knowledge_base()
    nlp = load()

    def kb_only(doc: Doc) -> list[dict[str, Any]]:
        spans = [SpacySpan(doc, i, j, label=e.label) for s in doc.sents for i, j, e in _kb_matches(doc, s.start, s.end)]
        doc.ents = filter_spans(spans)
        doc.spans[NESTED_KEY] = []
        return entities_from_doc(doc)

    systems: dict[str, Callable[[Doc], list[dict[str, Any]]]] = {
        "habar (CRF + knowledge base)": entities_from_doc,
        "knowledge-base matching alone": kb_only,
    }
    results = {name: [0, 0, 0, 0] for name in systems}
    for ann in sorted((ARTICLES / "annotations").glob("*.json")):
        gold = json.loads(ann.read_text(encoding="utf-8"))
        text = (ARTICLES / gold["file"]).read_text(encoding="utf-8")
        for name, system in systems.items():
            predicted = system(nlp(text))
            for want in gold["entities"]:
                hits = [e for e in predicted if e["label"] == want["type"] and (
                    e["name"] == want["name"] or (e["kb_id"] and want["name"] in kb.by_id[e["kb_id"]].all_names))]
                surfaces = {m["text"] for e in hits for m in e["mentions"]}
                r = results[name]
                r[0] += bool(hits)
                r[1] += 1
                r[2] += sum(s in surfaces for s in want["surface"])
                r[3] += len(want["surface"])
    print(f"| {'system':<32} | {'entities found':>15} | {'surface forms found':>20} |")
    print(f"|{'-' * 34}|{'-' * 17}|{'-' * 22}|")
    for name, (found, total, sf, st) in results.items():
        print(f"| {name:<32} | {found:>4}/{total:<4} {found / total * 100:4.0f}% | "
              f"{sf:>5}/{st:<5} {sf / st * 100:6.0f}% |")


if __name__ == "__main__":
    main()
