"""The entity tagger's neural half: a small character-aware BiLSTM, run with numpy, combined with the CRF.

The network (trained from scratch on KazNERD train by :mod:`habar.train.ner_neural`; weights in
``resources/models/ner-accurate.nn.npz``) reads, for each word, a lower-case word embedding, a character CNN over the
cased word (max-pooled) and a bag of the CRF's own discrete word features (shape, case ending, UPOS,
clusters, gazetteer tags: :func:`habar.ner.tagger.word_features`), runs one bidirectional LSTM layer over the
sentence and gives each word a log-probability for every IOB2 label.

Combined tagging (:meth:`habar.ner.tagger.NerTagger.tag_many`): the CRF's emission scores (:class:`CrfEmissions`:
its state-feature weights summed over a word's attributes) plus ``lam`` times the network's log-probabilities,
decoded by :func:`viterbi` with the CRF's transition weights. Everything is vectorised over a batch of
sentences; what depends on a word alone (its CRF weight sums, its LSTM input projections) is computed once per
distinct word and cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

MAX_CHARS = 24
"""Characters of a word the character CNN reads (the rest are cut)."""

FEATURE_KEYS = ("sh=", "case=", "pos=", "c64=", "c256=", "gaz=", "title", "upper", "digit", "hasdigit", "hyphen",
                "len=", "s2=", "s3=")
"""The CRF word features (prefixes of :func:`habar.ner.tagger.word_features`) the network reads."""

NETWORK_CACHE_WORDS = 20_000
"""Distinct words whose LSTM input projections are kept (3.2 KB each: at most 64 MB); then all are forgotten."""

CRF_CACHE_WORDS = 50_000
"""Distinct words whose CRF weight sums (five offsets) are kept (1 KB each: at most 50 MB)."""


def network_features(feats: Sequence[str]) -> list[str]:
    """The CRF word features that the network reads."""
    return [f for f in feats if f.startswith(FEATURE_KEYS)]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


class _RowCache:
    """Key -> first of its ``per_key`` consecutive rows in a growing float32 matrix; block 0 stays all zeros
    (index 0 means "nothing")."""

    def __init__(self, width: int, limit: int, per_key: int = 1) -> None:
        self.index: dict[str, int] = {}
        self.limit = limit
        self.per_key = per_key
        self.used = per_key
        self.rows = np.zeros((1024 * per_key, width), np.float32)

    def make_room(self, count: int) -> bool:
        """Forget every key if ``count`` more would pass the limit (row numbers read before are then stale)."""
        if len(self.index) + count <= self.limit:
            return False
        self.index.clear()
        self.used = self.per_key
        return True

    def fill(self, sentences: Sequence[Sequence[str]], compute: Callable[[list[str]], np.ndarray],
             chunk: int = 4096) -> dict[str, int]:
        """The index, after adding the rows of the sentences' words not in it yet (``compute``: their rows, in
        order, for up to ``chunk`` distinct words at a time)."""
        new = list(dict.fromkeys(w for s in sentences for w in s if w not in self.index))
        if self.make_room(len(new)):
            new = list(dict.fromkeys(w for s in sentences for w in s))
        for k in range(0, len(new), chunk):
            self.add(new[k:k + chunk], compute(new[k:k + chunk]))
        return self.index

    def add(self, keys: Sequence[str], values: np.ndarray) -> None:
        """``values``: ``per_key`` rows for each key, in order."""
        need = self.used + len(values)
        if need > self.rows.shape[0]:
            size = max(need, min(2 * self.rows.shape[0], self.limit * self.per_key + self.per_key))
            grown = np.zeros((size, self.rows.shape[1]), np.float32)
            grown[:self.used] = self.rows[:self.used]
            self.rows = grown
        self.rows[self.used:need] = values
        for k, key in enumerate(keys):
            self.index[key] = self.used + k * self.per_key
        self.used = need


def encode(words: Sequence[str], word_index: dict[str, int], char_index: dict[str, int],
           feat_index: dict[str, int], word_features: Callable[[str], Sequence[str]],
           lemma_index: dict[str, int] | None = None, word_lemma: Callable[[str], str] | None = None
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The network's inputs for a list of words: word ids (n), character ids (n, MAX_CHARS), feature ids
    (n, most features), lemma ids (n; all 0 without ``lemma_index``); 0 pads, 1 is an unknown word, character
    or lemma."""
    n = len(words)
    word_ids = np.array([word_index.get(w.lower(), 1) for w in words], np.int64)
    lemma_ids = np.zeros(n, np.int64)
    if lemma_index is not None and word_lemma is not None:
        lemma_ids[:] = [lemma_index.get(word_lemma(w), 1) for w in words]
    chars = np.zeros((n, MAX_CHARS), np.int64)
    rows = [[feat_index[f] for f in network_features(word_features(w)) if f in feat_index] for w in words]
    feats = np.zeros((n, max([1, *map(len, rows)])), np.int64)
    for i, w in enumerate(words):
        ids = [char_index.get(c, 1) for c in w[:MAX_CHARS]]
        chars[i, :len(ids)] = ids
        feats[i, :len(rows[i])] = rows[i]
    return word_ids, chars, feats, lemma_ids


class Network:
    """The BiLSTM tagger's weights and vocabularies (``ner-accurate.nn.npz``), with a batched numpy forward pass.

    ``word_lemma`` gives a word's lemma for a network that reads a lemma embedding (``lemma_emb``); layers
    after the first (``lstm_wi_f_1``, ...) read the previous layer's outputs of both directions."""

    def __init__(self, path: Path, word_features: Callable[[str], Sequence[str]],
                 word_lemma: Callable[[str], str] | None = None) -> None:
        with np.load(path) as data:
            p = {k: data[k] for k in data.files}
        self.arrays = {k: v for k, v in p.items() if k.startswith("crf_")}
        p = {k: v for k, v in p.items() if not k.startswith("crf_")}
        self.labels = [str(x) for x in p["labels"]]
        self.words = {str(w): i + 2 for i, w in enumerate(p["vocab_words"])}
        self.chars = {str(c): i + 2 for i, c in enumerate(p["vocab_chars"])}
        self.feats = {str(f): i + 1 for i, f in enumerate(p["vocab_feats"])}
        self.lemmas = ({str(w): i + 2 for i, w in enumerate(p["vocab_lemmas"])} if "vocab_lemmas" in p
                       else None)
        if self.lemmas is not None and word_lemma is None:
            raise ValueError(f"{path}: the network reads lemmas, give word_lemma")
        self.lam = float(p["lam"]) if "lam" in p else 1.0
        self._word_features = word_features
        self._word_lemma = word_lemma
        f32 = {k: v.astype(np.float32) for k, v in p.items() if v.dtype.kind == "f"}
        self.word_emb, self.char_emb, self.feat_emb = f32["word_emb"], f32["char_emb"], f32["feat_emb"]
        self.lemma_emb = f32.get("lemma_emb")
        conv = f32["char_conv_w"]  # (filters, char_dim, width)
        self.width = conv.shape[2]
        self.conv_w = conv.transpose(2, 1, 0).reshape(-1, conv.shape[0])  # (width * char_dim, filters)
        self.conv_b = f32["char_conv_b"]
        self.hidden = f32["lstm_wh_f"].shape[1]
        # per layer: input projections of both directions in one matrix (x -> [forward gates | backward
        # gates]), their biases, and the two recurrent matrices
        self.layers: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        suffix = ""
        while f"lstm_wi_f{suffix}" in f32:
            self.layers.append((np.concatenate([f32[f"lstm_wi_f{suffix}"], f32[f"lstm_wi_b{suffix}"]]).T.copy(),
                                np.concatenate([f32[f"lstm_b_f{suffix}"], f32[f"lstm_b_b{suffix}"]]),
                                f32[f"lstm_wh_f{suffix}"].T.copy(), f32[f"lstm_wh_b{suffix}"].T.copy()))
            suffix = f"_{len(self.layers)}"
        self.out_w, self.out_b = f32["out_w"].T.copy(), f32["out_b"]
        self._inputs = _RowCache(8 * self.hidden, NETWORK_CACHE_WORDS)

    def _project(self, words: list[str]) -> np.ndarray:
        """Both directions' first-layer input projections of distinct words (what depends on the word alone)."""
        word_ids, chars, feats, lemma_ids = encode(words, self.words, self.chars, self.feats, self._word_features,
                                                   self.lemmas, self._word_lemma)
        pad = self.width // 2
        ce = np.pad(self.char_emb[chars], ((0, 0), (pad, pad), (0, 0)))
        windows = np.concatenate([ce[:, k:k + MAX_CHARS] for k in range(self.width)], axis=-1)
        conv = windows @ self.conv_w + self.conv_b  # (n, chars, filters)
        live = np.arange(MAX_CHARS)[None, :] < np.maximum((chars > 0).sum(1), 1)[:, None]
        pooled = np.where(live[..., None], conv, np.float32(-1e9)).max(axis=1)
        parts = [self.word_emb[word_ids], pooled, self.feat_emb[feats].sum(axis=1)]
        if self.lemma_emb is not None:
            parts.append(self.lemma_emb[lemma_ids])
        wi, bi, _, _ = self.layers[0]
        return np.concatenate(parts, axis=1) @ wi + bi

    def _bilstm(self, xi: np.ndarray, live: np.ndarray, wh_f: np.ndarray, wh_b: np.ndarray) -> np.ndarray:
        """One bidirectional layer over input projections ``xi`` (b, t, 8h): outputs (b, t, 2h)."""
        b, t, h = xi.shape[0], xi.shape[1], self.hidden
        out = np.zeros((b, t, 2 * h), np.float32)
        for direction, wh, steps in ((0, wh_f, range(t)), (1, wh_b, range(t - 1, -1, -1))):
            gates_in = xi[:, :, 4 * h * direction:4 * h * (direction + 1)]
            hs = np.zeros((b, h), np.float32)
            cs = np.zeros((b, h), np.float32)
            for j in steps:
                g = gates_in[:, j] + hs @ wh
                c_new = _sigmoid(g[:, h:2 * h]) * cs + _sigmoid(g[:, :h]) * np.tanh(g[:, 2 * h:3 * h])
                h_new = _sigmoid(g[:, 3 * h:]) * np.tanh(c_new)
                if direction == 1:  # the backward pass starts at each sentence's own last word
                    keep = live[:, j:j + 1]
                    c_new = np.where(keep, c_new, cs)
                    h_new = np.where(keep, h_new, hs)
                cs, hs = c_new, h_new
                out[:, j, h * direction:h * (direction + 1)] = hs
        return out

    def log_probs(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label log-probabilities, (sentences, longest, labels), for a batch of non-empty sentences."""
        index = self._inputs.fill(sentences, self._project)
        b, t = len(sentences), max(map(len, sentences))
        ids = np.zeros((b, t), np.int64)
        lengths = np.array([len(s) for s in sentences])
        for i, s in enumerate(sentences):
            ids[i, :len(s)] = [index[w] for w in s]
        live = np.arange(t)[None, :] < lengths[:, None]
        out = self._bilstm(self._inputs.rows[ids], live, *self.layers[0][2:])
        for wi, bi, wh_f, wh_b in self.layers[1:]:  # 2-d products: one BLAS call each, not one per sentence
            out = self._bilstm((out.reshape(b * t, -1) @ wi + bi).reshape(b, t, -1), live, wh_f, wh_b)
        logits = (out.reshape(b * t, -1) @ self.out_w + self.out_b).reshape(b, t, -1)
        logits -= logits.max(-1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(-1, keepdims=True))


def viterbi(scores: np.ndarray, lengths: np.ndarray, transitions: np.ndarray,
            start: np.ndarray | None = None) -> list[list[int]]:
    """Best label paths for a batch: ``scores`` (sentences, longest, labels), ``transitions[i, j]`` the score of
    label j after label i, ``start`` that of a first label. Padding after a sentence's end is carried through."""
    b, t, n = scores.shape
    best = scores[:, 0] + (start if start is not None else 0.0)
    back = np.zeros((b, t, n), np.int64)
    keep = np.arange(n)
    for j in range(1, t):
        cand = best[:, :, None] + transitions[None]
        arg = cand.argmax(1)
        new = np.take_along_axis(cand, arg[:, None, :], 1)[:, 0] + scores[:, j]
        live = (j < lengths)[:, None]
        best = np.where(live, new, best)
        back[:, j] = np.where(live, arg, keep)
    path = np.zeros((b, t), np.int64)
    path[:, -1] = best.argmax(1)
    rows = np.arange(b)
    for j in range(t - 1, 0, -1):
        path[:, j - 1] = back[rows, j, path[:, j]]
    # a padded step points to its own label, so path[:, :length] is each sentence's path
    return [path[i, :lengths[i]].tolist() for i in range(b)]


BATCH_TOKENS = 2048
"""At most this many (padded) tokens in one batch of :func:`decode`: the network's arrays grow with it
(6.4 kB per token for the first layer's inputs alone, as much again for the second's), the speed of its
products hardly does (whole pipeline, accurate: 4,096 tokens 5.7k words/s, 622 MB; 2,048 tokens 6.0k, 592 MB)."""


def decode(sentences: Sequence[Sequence[str]], scores: Callable[[list[Sequence[str]]], np.ndarray],
           transitions: np.ndarray, labels: Sequence[str], start: np.ndarray | None = None,
           batch_size: int = 256) -> list[list[str]]:
    """Labels of many sentences: ``scores`` of batches of similar length (sorted by length, so that little is
    padding; at most ``batch_size`` sentences and :data:`BATCH_TOKENS` tokens), then :func:`viterbi`. An empty
    sentence gets no labels."""
    out: list[list[str]] = [[] for _ in sentences]
    order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
    batches: list[list[int]] = []
    for i in order:
        if not batches or len(batches[-1]) >= batch_size or (len(batches[-1]) + 1) * len(sentences[i]) > BATCH_TOKENS:
            batches.append([])
        batches[-1].append(i)
    for idx in batches:
        batch = [sentences[i] for i in idx]
        paths = viterbi(scores(batch), np.array([len(s) for s in batch]), transitions, start)
        for i, path in zip(idx, paths, strict=True):
            out[i] = [labels[j] for j in path]
    return out


def crf_arrays(crf_path: Path, labels: list[str]) -> dict[str, np.ndarray]:
    """A CRFsuite model's weights as arrays, saved with the network so that tagging never needs CRFsuite's
    dump (a temporary file): attribute names, their weights per label, the transition weights, and the model
    file's SHA-256 (the tagger refuses a network saved beside another CRF)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    info = tagger.info()
    index = {lab: i for i, lab in enumerate(labels)}
    attributes = sorted({a for a, _ in info.state_features})
    row = {a: i for i, a in enumerate(attributes)}
    weights = np.zeros((len(attributes), len(labels)), np.float32)
    for (attr, label), w in info.state_features.items():
        weights[row[attr], index[label]] = w
    transitions = np.zeros((len(labels), len(labels)), np.float32)
    for (a, b), w in info.transitions.items():
        transitions[index[a], index[b]] = w
    return {"crf_attributes": np.array(attributes), "crf_weights": weights, "crf_transitions": transitions,
            "crf_sha256": np.array(file_digest(crf_path))}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CrfEmissions:
    """A CRF's weights (:func:`crf_arrays`) in numpy: per-word emission scores, cached per (word, offset), and
    transitions.

    ``word_attributes(word, offset)`` is the CRF tagger's feature extraction (:class:`habar.ner.tagger.Features`),
    whose attributes of a word seen from an offset depend on the word alone; the sentence-level ones (bias,
    BOS, EOS, bigrams) are added here."""

    def __init__(self, arrays: dict[str, np.ndarray], word_attributes: Callable[[str, int], Sequence[str]]) -> None:
        weights = arrays["crf_weights"].astype(np.float32)
        self.attributes = [str(a) for a in arrays["crf_attributes"]]
        self.weights: dict[str, np.ndarray] = dict(zip(self.attributes, weights, strict=True))
        self._row_of = {a: i for i, a in enumerate(self.attributes)}
        self._matrix = np.concatenate([weights, np.zeros((1, weights.shape[1]), np.float32)])  # last row: 0
        self.transitions = arrays["crf_transitions"].astype(np.float32)
        self._word_attributes = word_attributes
        self._vectors = _RowCache(weights.shape[1], CRF_CACHE_WORDS, per_key=5)

    def _sums(self, words: list[str]) -> np.ndarray:
        """Five rows per word: its weight sums seen from offsets -2..2."""
        zero = len(self.attributes)
        row_of = self._row_of.get
        flat: list[int] = []
        starts: list[int] = []
        for w in words:
            for offset in (-2, -1, 0, 1, 2):
                starts.append(len(flat))
                flat.append(zero)  # no group is empty
                flat.extend(r for a in self._word_attributes(w, offset) if (r := row_of(a)) is not None)
        return np.add.reduceat(self._matrix[flat], starts, axis=0)

    def scores(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Emission scores (sentences, longest, labels), zero after each sentence's end."""
        b, t = len(sentences), max(map(len, sentences))
        first = self._vectors.fill(sentences, self._sums)  # word -> the first of its five rows
        # word k seen from offset o scores word k - o: gather, for each word i, row (word i+o, offset o)
        blocks = np.zeros((b, t + 4), np.int64)  # 0: no word (rows 0-4 of the cache are zeros)
        for i, words in enumerate(sentences):
            blocks[i, 2:2 + len(words)] = [first[w] for w in words]
        rows = self._vectors.rows
        out = np.zeros((b, t, rows.shape[1]), np.float32)
        for k, offset in enumerate((-2, -1, 0, 1, 2)):
            ids = blocks[:, 2 + offset:2 + offset + t]
            out += rows[ids + k]
        get = self.weights.get
        bias, bos, eos = get("bias"), get("BOS"), get("EOS")
        for i, words in enumerate(sentences):
            n = len(words)
            if bias is not None:
                out[i, :n] += bias
            if bos is not None:
                out[i, 0] += bos
            if eos is not None:
                out[i, n - 1] += eos
            lows = [w.lower() for w in words]
            for j in range(1, n):
                bigram = f"{lows[j - 1]}|{lows[j]}"
                vec = get("bi-=" + bigram)
                if vec is not None:
                    out[i, j] += vec
                vec = get("bi+=" + bigram)
                if vec is not None:
                    out[i, j - 1] += vec
        return out
