"""Train the entity tagger's neural half (:mod:`habar.ner.network`) with PyTorch; tagging needs only numpy.

A character-aware BiLSTM trained from scratch on ``train.iob`` (no pretrained weights): a lower-case word
embedding and a lemma embedding (words and lemmas seen twice or more; word dropout, applied to both, teaches
the unknown vectors), a character CNN over the cased word, a bag of the CRF's own discrete word features, two
BiLSTM layers, a softmax over the IOB2 labels,
token-level cross-entropy, Adam, the learning rate falling linearly over the last epochs, and a running
average of the weights kept beside them. With a dev file, each epoch scores both the weights and their average
on it, combined with the CRF as the tagger uses them (the network alone without a CRF), and the best is kept
(else the average after the last epoch). Deterministic: fixed seeds, one thread
(``torch.set_num_threads(1)``), so the same data gives the same weights. Needs torch (the ``train`` extra:
``pip install -e '.[train]'``).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import numpy as np

from habar.errors import UsageError
from habar.ner.iob import Sentence, read_iob, score
from habar.ner.network import MAX_CHARS, CrfEmissions, Network, crf_arrays, decode, encode, network_features

SEED = 1
EPOCHS = 40
DECAY_FROM = 21
"""From the first step of this epoch the learning rate falls linearly, to 1 % of its value at the last step."""
EMA = 0.9995
"""Decay of the running average of the weights kept beside them (one update per step); each epoch both are
scored and the better is kept."""
LAM = 0.75
"""Weight of the network's log-probabilities added to the CRF's emission scores, chosen on dev.iob: 1.0 for the
network trained on KazNERD alone (it beat 0.5, 0.75 and 1.5 in each of the last six epochs), 0.75 for the one
trained on KazNERD + the corpus train split (0.5 89.72, 0.6 89.79, 0.75 89.78, 1.0 89.67, 1.25 89.46, 1.5
89.41; docs/notes/ner.md)."""

SIZES = {"word_dim": 100, "lemma_dim": 50, "char_dim": 30, "char_filters": 50, "feat_dim": 50, "hidden": 200,
         "layers": 2}
"""Chosen on dev.iob (docs/notes/ner.md): the lemma embedding and the second, wider layer gave +0.5-0.8 F1 to
the combination over one layer of 100 without lemmas."""
OPTIONS = {"lr": 2e-3, "batch": 32, "word_dropout": 0.1, "dropout": 0.5, "min_count": 2, "clip": 5.0}


def _labels(sentences: list[Sentence]) -> list[str]:
    return sorted({lab for s in sentences for _, lab in s}, key=lambda x: (x != "O", x[2:], x))


def require_torch() -> None:
    """Fail at once, before any training, when PyTorch is missing (the CRF trains for minutes first)."""
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        raise UsageError("training the neural tagger needs PyTorch: pip install -e '.[train]' "
                         "(or train the CRF alone with --crf-only)")


def train_neural(train_path: Path, output: Path, dev_path: Path | None = None, crf_path: Path | None = None,
                 seed: int = SEED, epochs: int = EPOCHS, lam: float = LAM,
                 say: Callable[[str], None] = lambda _: None, sentences: list[Sentence] | None = None) -> Path:
    """Train the network on ``train_path`` (or on ``sentences``, where given:
    :func:`habar.train.ner.training_sentences`) and write its weights and vocabularies to ``output`` (.npz), with the
    weights of the CRF at ``crf_path`` it is combined with (:func:`habar.ner.network.crf_arrays`)."""
    require_torch()
    import torch
    from torch import nn

    from habar.ner.tagger import crf_emissions, word_features, word_lemma

    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if sentences is None:
        sentences = read_iob(train_path)
    word_counts = Counter(w.lower() for s in sentences for w, _ in s)
    lemma_counts = Counter(word_lemma(w) for s in sentences for w, _ in s)
    char_counts = Counter(c for s in sentences for w, _ in s for c in w)
    feat_counts: Counter[str] = Counter()
    for w, n in Counter(w for s in sentences for w, _ in s).items():
        for f in network_features(word_features(w)):
            feat_counts[f] += n
    min_count = int(OPTIONS["min_count"])
    vocab_words = sorted(w for w, n in word_counts.items() if n >= min_count)
    vocab_chars = sorted(c for c, n in char_counts.items() if n >= min_count)
    vocab_lemmas = sorted(w for w, n in lemma_counts.items() if n >= min_count)
    vocab_feats = sorted(f for f, n in feat_counts.items() if n >= min_count)
    labels = _labels(sentences)
    word_index = {w: i + 2 for i, w in enumerate(vocab_words)}
    char_index = {c: i + 2 for i, c in enumerate(vocab_chars)}
    lemma_index = {w: i + 2 for i, w in enumerate(vocab_lemmas)}
    feat_index = {f: i + 1 for i, f in enumerate(vocab_feats)}
    label_index = {lab: i for i, lab in enumerate(labels)}
    say(f"neural tagger: {len(vocab_words)} words, {len(vocab_lemmas)} lemmas, {len(vocab_chars)} characters, "
        f"{len(vocab_feats)} features, "
        f"{len(labels)} labels")

    distinct = list(dict.fromkeys(w for s in sentences for w, _ in s))
    type_of = {w: i for i, w in enumerate(distinct)}
    t_words, t_chars, t_feats, t_lemmas = (
        torch.from_numpy(a) for a in encode(distinct, word_index, char_index, feat_index, word_features,
                                            lemma_index, word_lemma))
    data = [([type_of[w] for w, _ in s], [label_index[lab] for _, lab in s]) for s in sentences]
    sizes = SIZES

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_emb = nn.Embedding(len(vocab_words) + 2, sizes["word_dim"], padding_idx=0)
            self.char_emb = nn.Embedding(len(vocab_chars) + 2, sizes["char_dim"], padding_idx=0)
            self.char_conv = nn.Conv1d(sizes["char_dim"], sizes["char_filters"], 3, padding=1)
            self.feat_emb = nn.Embedding(len(vocab_feats) + 1, sizes["feat_dim"], padding_idx=0)
            self.lemma_emb = nn.Embedding(len(vocab_lemmas) + 2, sizes["lemma_dim"], padding_idx=0)
            self.drop = nn.Dropout(float(OPTIONS["dropout"]))
            self.lstm = nn.LSTM(sizes["word_dim"] + sizes["char_filters"] + sizes["feat_dim"] + sizes["lemma_dim"],
                                sizes["hidden"], num_layers=sizes["layers"], batch_first=True, bidirectional=True,
                                dropout=float(OPTIONS["dropout"]) if sizes["layers"] > 1 else 0.0)
            self.out = nn.Linear(2 * sizes["hidden"], len(labels))

        def forward(self, words: torch.Tensor, lemmas: torch.Tensor, chars: torch.Tensor, feats: torch.Tensor,
                    lengths: torch.Tensor) -> torch.Tensor:
            b, t = words.shape
            ce = self.char_emb(chars.view(b * t, MAX_CHARS)).transpose(1, 2)
            conv = self.char_conv(ce)
            nchar = (chars.view(b * t, MAX_CHARS) > 0).sum(-1).clamp(min=1)
            live = torch.arange(MAX_CHARS)[None, :] < nchar[:, None]
            pooled = conv.masked_fill(~live[:, None, :], -1e9).max(-1).values.view(b, t, -1)
            x = self.drop(torch.cat([self.word_emb(words), pooled, self.feat_emb(feats).sum(2),
                                     self.lemma_emb(lemmas)], -1))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return torch.log_softmax(self.out(self.drop(h)), -1)

    net = Net()
    average = {k: v.detach().clone() for k, v in net.state_dict().items()}
    lr = float(OPTIONS["lr"])
    optimiser = torch.optim.Adam(net.parameters(), lr=lr)
    rng = random.Random(seed)

    def export(state: dict[str, torch.Tensor]) -> dict[str, np.ndarray]:
        sd = {k: v.detach().numpy().copy() for k, v in state.items()}
        weights = {"word_emb": sd["word_emb.weight"], "lemma_emb": sd["lemma_emb.weight"],
                   "char_emb": sd["char_emb.weight"],
                   "char_conv_w": sd["char_conv.weight"], "char_conv_b": sd["char_conv.bias"],
                   "feat_emb": sd["feat_emb.weight"], "out_w": sd["out.weight"], "out_b": sd["out.bias"]}
        for layer in range(sizes["layers"]):
            mine = f"_{layer}" if layer else ""  # habar.ner.network's names: layer 0 has no number
            for d, suffix in (("f", ""), ("b", "_reverse")):
                weights[f"lstm_wi_{d}{mine}"] = sd[f"lstm.weight_ih_l{layer}{suffix}"]
                weights[f"lstm_wh_{d}{mine}"] = sd[f"lstm.weight_hh_l{layer}{suffix}"]
                weights[f"lstm_b_{d}{mine}"] = (sd[f"lstm.bias_ih_l{layer}{suffix}"]
                                                + sd[f"lstm.bias_hh_l{layer}{suffix}"])
        return {**weights, "vocab_words": np.array(vocab_words), "vocab_lemmas": np.array(vocab_lemmas),
                "vocab_chars": np.array(vocab_chars),
                "vocab_feats": np.array(vocab_feats), "labels": np.array(labels), "lam": np.array(lam)}

    dev = read_iob(dev_path) if dev_path is not None else None
    crf = crf_arrays(crf_path, labels) if crf_path is not None else {}
    emissions = crf_emissions(crf) if crf else None  # the CRF's scores of dev words are computed once
    best: tuple[float, dict[str, np.ndarray]] | None = None
    output.parent.mkdir(parents=True, exist_ok=True)
    batch_size = int(OPTIONS["batch"])
    steps = (len(data) + batch_size - 1) // batch_size
    decay_start, last = (min(DECAY_FROM, epochs) - 1) * steps, epochs * steps
    step = 0
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        net.train()
        rng.shuffle(data)
        total = 0.0
        for k in range(0, len(data), batch_size):
            if step >= decay_start:
                for group in optimiser.param_groups:
                    group["lr"] = lr * max(0.01, 1 - (step - decay_start) / max(1, last - decay_start))
            chunk = data[k:k + batch_size]
            t = max(len(ids) for ids, _ in chunk)
            types = torch.zeros((len(chunk), t), dtype=torch.long)
            gold = torch.full((len(chunk), t), -100, dtype=torch.long)
            for i, (ids, labs) in enumerate(chunk):
                types[i, :len(ids)] = torch.tensor(ids)
                gold[i, :len(labs)] = torch.tensor(labs)
            pad = torch.arange(t)[None, :] >= torch.tensor([len(ids) for ids, _ in chunk])[:, None]
            words = t_words[types].masked_fill(pad, 0)
            dropped = torch.rand(words.shape) < float(OPTIONS["word_dropout"])
            words = words.masked_fill(dropped & (words > 0), 1)
            lemmas = t_lemmas[types].masked_fill(pad, 0)
            lemmas = lemmas.masked_fill(dropped & (lemmas > 0), 1)
            chars = t_chars[types].masked_fill(pad[..., None], 0)
            feats = t_feats[types].masked_fill(pad[..., None], 0)
            log_probs = net(words, lemmas, chars, feats, torch.tensor([len(ids) for ids, _ in chunk]))
            loss = nn.functional.nll_loss(log_probs.view(-1, len(labels)), gold.view(-1), ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), float(OPTIONS["clip"]))
            optimiser.step()
            step += 1
            with torch.no_grad():
                for name, value in net.state_dict().items():
                    average[name].mul_(EMA).add_(value, alpha=1 - EMA)
            total += float(loss.detach()) * len(chunk)
        net.eval()
        line = f"epoch {epoch}: loss {total / len(data):.4f}"
        if dev is not None:
            scored = []
            for kind, state in (("weights", net.state_dict()), ("averaged", average)):
                weights = {**export(state), **crf}
                np.savez(output, **cast(dict[str, Any], weights))
                f1 = dev_score(Network(output, word_features, word_lemma), dev, crf=emissions)
                scored.append(f"{kind} {100 * f1:.2f}")
                if best is None or f1 > best[0]:
                    best = (f1, weights)
            line += f", dev F1 ({'with the CRF' if crf else 'the network alone'}): {', '.join(scored)}"
        say(f"{line} ({time.perf_counter() - start:.0f} s)")
    kept = best[1] if best is not None else {**export(average), **crf}
    np.savez_compressed(output, **cast(dict[str, Any], kept))
    return output


def iob_transitions(labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Transition and start scores that allow only valid IOB2 (0 or -inf): no ``I-X`` after anything but
    ``B-X``/``I-X``, none first."""
    n = len(labels)
    trans = np.zeros((n, n), np.float32)
    start = np.zeros(n, np.float32)
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            start[j] = -np.inf
            for i, prev in enumerate(labels):
                if prev[2:] != lab[2:] or prev == "O":
                    trans[i, j] = -np.inf
    return trans, start


def dev_score(network: Network, sentences: list[Sentence], batch_size: int = 256,
              crf: CrfEmissions | None = None) -> float:
    """Micro F1 of the network combined with the CRF saved with it (or ``crf``, the same weights already
    loaded) as :class:`habar.ner.tagger.NerTagger` tags, or of the network alone (valid-IOB2 Viterbi over its
    log-probabilities) when no CRF is."""
    from habar.ner.tagger import crf_emissions, tag_combined

    words = [[w for w, _ in s] for s in sentences]
    if crf is not None or "crf_weights" in network.arrays:
        predicted = tag_combined(crf or crf_emissions(network.arrays), network, words, batch_size)
    else:
        trans, start = iob_transitions(network.labels)
        predicted = decode(words, network.log_probs, trans, network.labels, start, batch_size)
    return score(([lab for _, lab in s] for s in sentences), predicted).micro()[2]


def pair_network(network_path: Path, output: Path, crf_path: Path) -> Path:
    """Write to ``output`` the network of ``network_path`` (its weights and vocabularies unchanged) with the weights
    of the CRF at ``crf_path`` in place of the CRF it was saved with, so that the tagger combines the two. The
    network is trained alone (token cross-entropy, no CRF inside), so it can be combined with a CRF retrained on
    more data without training it again; numpy only (no PyTorch)."""
    with np.load(network_path) as data:
        arrays = {k: data[k] for k in data.files if not k.startswith("crf_")}
    labels = [str(x) for x in arrays["labels"]]
    crf = crf_arrays(crf_path, labels)
    output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(output, **cast(dict[str, Any], {**arrays, **crf}))
    return output
