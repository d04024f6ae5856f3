"""Score the entity tagger on a KazNERD-style IOB2 file: strict IOB2 exact-match F1 and tokens per second."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from habar.ner.iob import Score, Sentence, read_iob, score, write_iob
from habar.ner.tagger import NerTagger


@dataclass
class Evaluation:
    score: Score
    tokens: int
    seconds: float
    predictions: list[Sentence]

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def evaluate(tagger: NerTagger, iob_path: Path, predictions_path: Path | None = None) -> Evaluation:
    """Tag every sentence of ``iob_path`` and score it against the file's labels (strict IOB2)."""
    sentences = read_iob(iob_path)
    start = time.perf_counter()
    predicted = tagger.tag_many([[w for w, _ in s] for s in sentences])
    seconds = time.perf_counter() - start
    result = score(([label for _, label in s] for s in sentences), predicted)
    pairs = [[(w, p) for (w, _), p in zip(s, labels, strict=True)] for s, labels in zip(sentences, predicted,
                                                                                            strict=True)]
    if predictions_path is not None:
        write_iob(predictions_path, pairs)
    return Evaluation(result, sum(len(s) for s in sentences), seconds, pairs)
