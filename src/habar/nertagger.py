"""The entity tagger: a linear-chain CRF (CRFsuite) over rich, Kazakh-aware word features.

Features of a word: its lower-case form, shape, prefixes and suffixes, the stem and case ending that the
suffix table (``resources/ner/case_endings.tsv``) finds, whether the stem names a place, organisation or
person in the knowledge base, month names, word clusters from unlabelled text (``resources/ner/clusters.tsv``),
its lemma and UPOS from the morphology (:func:`habar.stages.morph.analyse_word`; the lemma also looks up
clusters and the gazetteer when the word itself is not there); the same, fewer, for two words on each side,
and word bigrams. A word's features are computed once per distinct word and cached, and a tagger passes
CRFsuite only the attributes its model has weights for (:class:`Features`), which keeps tagging fast.

When a neural tagger was trained beside the CRF (``ner.nn.npz`` next to ``ner.crfsuite``), :class:`NerTagger`
combines the two (:mod:`habar.nernet`): the CRF's emission scores plus the network's weighted log-probabilities,
decoded with the CRF's transitions, in numpy, on batches of sentences (:meth:`NerTagger.tag_many`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from habar import resources
from habar.errors import UsageError
from habar.names import strip_ending
from habar.nernet import CrfEmissions, Network, file_digest, viterbi
from habar.stages.morph import analyse_word

MODEL_FILE = "models/ner.crfsuite"
"""The shipped model, relative to ``habar/resources``."""

NEURAL_SUFFIX = ".nn.npz"
"""A CRF model ``X.crfsuite`` is combined with the neural tagger ``X.nn.npz`` beside it when there is one
(:mod:`habar.nernet`)."""


def neural_path(model_path: Path) -> Path:
    """Where the neural half of the tagger whose CRF is ``model_path`` lives."""
    return model_path.with_suffix(NEURAL_SUFFIX)


@cache
def _gazetteer() -> dict[str, tuple[str, ...]]:
    """Lower-case word (and stem) -> gazetteer tags ('kb:GPE', 'kb:ORGANISATION:first', 'month', ...)."""
    from habar.kb import knowledge_base

    tags: dict[str, set[str]] = {}
    for entry in knowledge_base().entries:
        for alias in entry.aliases:
            words = alias.lower().split()
            for i, word in enumerate(words):
                where = "one" if len(words) == 1 else ("last" if i == len(words) - 1 else "in")
                tags.setdefault(word, set()).add(f"kb:{entry.label}:{where}")
    for name in resources.month_names():
        tags.setdefault(name, set()).add("month")
    for word in resources.word_list("ner/position_words.txt"):
        tags.setdefault(word.lower(), set()).add("position")
    return {word: tuple(sorted(found)) for word, found in tags.items()}


@cache
def _clusters() -> dict[str, tuple[str, str]]:
    """Lower-case word -> its clusters among 64 and 256 (``resources/ner/clusters.tsv``, habar.train.clusters)."""
    return {row["word"]: (row["c64"], row["c256"]) for row in resources.tsv_rows("ner/clusters.tsv")}


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    """Features of one word, without context."""
    low = word.lower()
    stem, case = strip_ending(word)
    stem_low = stem.lower()
    reading = analyse_word(low)
    lemma = reading.lemma
    feats = [f"w={low}", f"sh={_shape(word)}", f"stem={stem_low}", f"case={case}", f"lem={lemma}",
             f"pos={reading.pos}"]
    feats += [f"p{k}={low[:k]}" for k in range(1, 5) if len(low) >= k]
    feats += [f"s{k}={low[-k:]}" for k in range(1, 6) if len(low) > k]
    if word[:1].isupper():
        feats.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if word.isdigit():
        feats.append("digit")
    elif any(ch.isdigit() for ch in word):
        feats.append("hasdigit")
    if "-" in word:
        feats.append("hyphen")
    feats.append(f"len={min(len(word), 8)}")
    cluster = _clusters().get(low) or _clusters().get(stem_low) or _clusters().get(lemma)
    if cluster is not None:
        feats += [f"c64={cluster[0]}", f"c256={cluster[1]}"]
    gaz = _gazetteer()
    for tag in gaz.get(low, ()) or gaz.get(stem_low, ()) or gaz.get(lemma, ()):
        feats.append(f"gaz={tag}")
    return tuple(feats)


_NEAR = ("w=", "sh=", "stem=", "case=", "s3=", "title", "upper", "digit", "gaz=", "c64=", "c256=", "lem=", "pos=")
_FAR = ("w=", "sh=", "stem=", "title", "c64=")


@lru_cache(maxsize=400_000)
def _context_features(word: str, offset: int) -> tuple[str, ...]:
    keep = _NEAR if abs(offset) == 1 else _FAR
    return tuple(f"{offset}:{f}" for f in word_features(word) if f.startswith(keep))


class Features:
    """Feature extraction for one model: with ``known`` (the attributes the model has weights for), the rest
    are left out. CRFsuite ignores an attribute it has no weight for, so the labels are the same; what is
    saved is building and passing them (an L1-trained model keeps about a quarter of what training saw)."""

    def __init__(self, known: frozenset[str] | None = None) -> None:
        self.known = known
        self._cache: dict[tuple[str, int], tuple[str, ...]] = {}

    def word(self, word: str, offset: int) -> tuple[str, ...]:
        """Features of ``word`` seen from ``offset`` words away (0: the word itself)."""
        key = (word, offset)
        found = self._cache.get(key)
        if found is None:
            found = word_features(word) if offset == 0 else _context_features(word, offset)
            if self.known is not None:
                found = tuple(f for f in found if f in self.known)
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """CRFsuite attribute lists for each word of a sentence."""
        n = len(words)
        lows = [w.lower() for w in words]
        known = self.known
        out = []
        for i in range(n):
            feats = ["bias", *self.word(words[i], 0)]
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            for offset in (-2, -1, 1, 2):
                j = i + offset
                if 0 <= j < n:
                    feats.extend(self.word(words[j], offset))
            if i > 0:
                bigram = f"bi-={lows[i - 1]}|{lows[i]}"
                if known is None or bigram in known:
                    feats.append(bigram)
            if i + 1 < n:
                bigram = f"bi+={lows[i]}|{lows[i + 1]}"
                if known is None or bigram in known:
                    feats.append(bigram)
            out.append(feats)
        return out


_ALL = Features()


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """CRFsuite attribute lists for each word of a sentence (all of them: what training sees)."""
    return _ALL.sentence(words)


class NerTagger:
    """A trained CRF that labels words with the 25 KazNERD classes in IOB2, combined with the neural tagger
    saved beside it (``X.nn.npz`` next to ``X.crfsuite``, :mod:`habar.nernet`) when there is one."""

    def __init__(self, model_path: Path, neural: bool = True) -> None:
        import pycrfsuite

        if not model_path.is_file():
            raise UsageError(f"NER model {model_path} does not exist; train one with `habar train ner`")
        self.path = model_path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._features: Features | None = None
        nn_path = neural_path(model_path)
        self.neural_path = nn_path if neural and nn_path.is_file() else None
        self._combined: tuple[CrfEmissions, Network] | None = None

    def features(self, words: Sequence[str]) -> list[list[str]]:
        """The attributes of ``words`` that this model has weights for."""
        if self._features is None:
            try:
                # CRFsuite lists a model's attributes by dumping it to a temporary file
                known: frozenset[str] | None = frozenset(self._tagger.info().attributes)
            except (OSError, RuntimeError):
                known = None  # no temporary file (a full disk, a file size limit): every feature, same labels
            self._features = Features(known)
        return self._features.sentence(words)

    def _combination(self) -> tuple[CrfEmissions, Network]:
        if self._combined is None:
            assert self.neural_path is not None
            network = Network(self.neural_path, word_features)
            if str(network.arrays.get("crf_sha256")) != file_digest(self.path):
                raise UsageError(f"{self.neural_path} was not trained beside {self.path}: train both again with "
                                 "`habar train ner`")
            # the CRF's weights come with the network: no CRFsuite dump (a temporary file) is needed
            features = Features(frozenset(str(a) for a in network.arrays["crf_attributes"]))
            self._combined = (CrfEmissions(network.arrays, features.word), network)
        return self._combined

    def tag(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        if self.neural_path is not None:
            return self.tag_many([words])[0]
        return list(self._tagger.tag(self.features(words)))

    def tag_many(self, sentences: Sequence[Sequence[str]], batch_size: int = 256) -> list[list[str]]:
        """Labels for many sentences at once (the neural half runs on batches of similar length)."""
        if self.neural_path is None:
            return [self.tag(words) for words in sentences]
        crf, network = self._combination()
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            batch = [sentences[i] for i in idx]
            scores = crf.scores(batch) + network.lam * network.log_probs(batch)
            lengths = np.array([len(s) for s in batch])
            for i, path in zip(idx, viterbi(scores, lengths, crf.transitions), strict=True):
                out[i] = [network.labels[j] for j in path]
        return out


@cache
def shipped_tagger() -> NerTagger:
    """The model that ships in ``habar/resources/models``."""
    return NerTagger(resources.path(MODEL_FILE))
