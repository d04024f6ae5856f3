"""Word clusters from unlabelled Kazakh text, a tagger feature (``resources/ner/clusters.tsv``).

Each word seen at least ``MIN_COUNT`` times is described by the words on its left and right (the 2,000 most
frequent words), log-scaled, reduced to 64 dimensions (truncated SVD) and grouped by k-means at two
granularities (64 and 256 clusters). Text: the 1,668 article excerpts of
``../shared/data/search-eval/articles.jsonl`` and the words (not the labels) of ``kaznerd/train.iob``.
Deterministic (fixed seeds). Needs scikit-learn (the ``test`` extra):

    nice .venv/bin/python -m habar.train.clusters ../shared/data/search-eval/articles.jsonl \
        ../shared/data/kaznerd/train.iob src/habar/resources/ner/clusters.tsv
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from habar.ner.iob import read_iob

MIN_COUNT = 3
CONTEXT_WORDS = 2000
SIZES = (64, 256)
SEED = 0
_WORD = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]", re.UNICODE)


def article_texts(articles: Path) -> list[list[str]]:
    """The words of each title and excerpt of a search-eval ``articles.jsonl`` (one list per field)."""
    out = []
    for line in articles.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            for field in ("title", "excerpt"):
                out.append(_WORD.findall(record.get(field) or ""))
    return out


def corpus(articles: Path, iob: Path) -> list[list[str]]:
    sentences = article_texts(articles)
    sentences.extend([w for w, _ in s] for s in read_iob(iob))
    return [[w.lower() for w in s] for s in sentences]


def build(sentences: list[list[str]]) -> dict[str, tuple[int, ...]]:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    counts = Counter(w for s in sentences for w in s)
    vocab = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
    index = {w: i for i, w in enumerate(vocab)}
    context = {w: i for i, (w, _) in enumerate(sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:CONTEXT_WORDS])}
    cells: Counter[tuple[int, int]] = Counter()
    for s in sentences:
        padded = ["<s>", *s, "</s>"]
        for k in range(1, len(padded) - 1):
            row = index.get(padded[k])
            if row is None:
                continue
            for side, neighbour in ((0, padded[k - 1]), (1, padded[k + 1])):
                col = context.get(neighbour)
                if col is not None:
                    cells[(row, side * CONTEXT_WORDS + col)] += 1
    rows, cols = zip(*cells, strict=True)
    matrix = csr_matrix((np.log1p(np.fromiter(cells.values(), dtype=float)), (rows, cols)),
                        shape=(len(vocab), 2 * CONTEXT_WORDS))
    dense = normalize(TruncatedSVD(n_components=64, random_state=SEED).fit_transform(normalize(matrix)))
    labels = [KMeans(n_clusters=k, random_state=SEED, n_init=3).fit_predict(dense) for k in SIZES]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def main(argv: list[str]) -> None:
    articles, iob, out = (Path(a) for a in argv)
    clusters = build(corpus(articles, iob))
    lines = ["# Word clusters (habar.train.clusters): lower-case word, cluster among 64, cluster among 256",
             f"# from {articles.name} (pg_kazsearch eval, LGPL-3.0) and the words of {iob.name} (KazNERD, CC BY 4.0)",
             "word\tc64\tc256"]
    lines += [f"{w}\t{a}\t{b}" for w, (a, b) in sorted(clusters.items())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(clusters)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
