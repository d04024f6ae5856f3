"""Train and evaluate the entity tagger on KazNERD-style IOB2 files.

``train()`` is deterministic: CRFsuite's L-BFGS has no random state, the feature set and the options below
are fixed, so the same ``train.iob`` gives the same model file (``habar train ner`` reproduces the shipped one).
"""

from __future__ import annotations

from pathlib import Path

from habar.ner.iob import read_iob
from habar.ner.tagger import sentence_features

OPTIONS: dict[str, object] = {
    "c1": 0.02,  # L1: drops useless features, keeps the model small
    "c2": 0.02,  # L2; 0.005 gave 87.67 on dev.iob at the same commit, 0.02 88.04 (0.05: 87.58)
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
"""CRFsuite L-BFGS options of the shipped model (chosen on dev.iob, see docs/notes/ner.md)."""


def train(train_path: Path, model_path: Path, options: dict[str, object] | None = None,
          verbose: bool = False) -> Path:
    """Train a tagger on ``train_path`` and write it to ``model_path``."""
    import pycrfsuite

    sentences = read_iob(train_path)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=verbose)
    for sentence in sentences:
        words = [w for w, _ in sentence]
        trainer.append(sentence_features(words), [label for _, label in sentence])
    trainer.set_params({**OPTIONS, **(options or {})})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path
