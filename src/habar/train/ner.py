"""Train and evaluate the entity tagger on KazNERD-style IOB2 files.

``train()`` is deterministic: CRFsuite's L-BFGS has no random state, the feature set and the options below
are fixed, so the same training sentences give the same model file (``habar train ner`` reproduces the shipped
one). The training sentences are ``train.iob`` followed by each ``--add`` file (the corpus train split written
by ``habar corpus iob --split train``) repeated :data:`ADD_REPEAT` times: written news is a few thousand
sentences beside KazNERD's eleven thousand, and repeating it is how it is weighted (CRFsuite has no instance
weights).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from habar.errors import UsageError
from habar.ner.iob import Sentence, read_iob
from habar.ner.tagger import sentence_features

OPTIONS: dict[str, object] = {
    "c1": 0.02,  # L1: drops useless features, keeps the model small
    "c2": 0.02,  # L2; 0.005 gave 87.67 on dev.iob at the same commit, 0.02 88.04 (0.05: 87.58)
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
"""CRFsuite L-BFGS options of the shipped model (chosen on dev.iob, see docs/notes/ner.md)."""

ADD_REPEAT = 3
"""How many times each ``--add`` file's sentences are repeated in training (chosen by five-fold
cross-validation over the corpus train documents, docs/notes/ner.md)."""


def training_sentences(train_path: Path, add: Sequence[Path] = (), repeat: int = ADD_REPEAT,
                       silver: Sequence[Path] = ()) -> list[Sentence]:
    """``train_path``'s sentences, then those of each ``silver`` file once (machine-labelled sentences:
    ``tools/silver_leads.py``), then those of each ``add`` file ``repeat`` times, in a fixed order."""
    if repeat < 1:
        raise UsageError(f"--add-repeat must be 1 or more, not {repeat}")
    sentences = read_iob(train_path)
    for path in silver:
        sentences += read_iob(path)
    for path in add:
        sentences += read_iob(path) * repeat
    return sentences


def train_sentences(sentences: Sequence[Sentence], model_path: Path, options: dict[str, object] | None = None,
                    verbose: bool = False) -> Path:
    """Train a tagger on ``sentences`` and write it to ``model_path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=verbose)
    for sentence in sentences:
        words = [w for w, _ in sentence]
        trainer.append(sentence_features(words), [label for _, label in sentence])
    trainer.set_params({**OPTIONS, **(options or {})})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path


def train(train_path: Path, model_path: Path, options: dict[str, object] | None = None,
          verbose: bool = False, add: Sequence[Path] = (), repeat: int = ADD_REPEAT) -> Path:
    """Train a tagger on ``train_path`` (and the ``add`` files, ``repeat`` times) and write it to ``model_path``."""
    return train_sentences(training_sentences(train_path, add, repeat), model_path, options, verbose)
