"""The entity tagger: a linear-chain CRF (CRFsuite) over rich, Kazakh-aware word features.

Features of a word: its lower-case form, shape, prefixes and suffixes, the stem and case ending that the
suffix table (``resources/ner/case_endings.tsv``) finds, whether the stem names a place, organisation or
person in the knowledge base, month names, word clusters from unlabelled text (``resources/ner/clusters.tsv``),
its lemma and UPOS from the morphology (:func:`habar.morph.analyser.analyse_word`; the lemma also looks up
clusters and the gazetteer when the word itself is not there); the same, fewer, for two words on each side,
and word bigrams. A word's features are computed once per distinct word and cached, and a tagger passes
CRFsuite only the attributes its model has weights for (:class:`Features`), as their ids to CRFsuite's C tagger
(:mod:`habar.ner.crfsuite`; by name through pycrfsuite where that is not available), which keeps tagging fast.

In the ``accurate`` mode (``habar.load(ner="accurate")``; the default ``fast`` mode is the CRF alone), when a neural
tagger was trained beside the CRF (``X.nn.npz`` next to ``X.crfsuite``; shipped: ``ner-accurate.*``, while the
fast mode's CRF is ``ner.crfsuite``, :data:`MODEL_FILES`), :class:`NerTagger` combines the two
(:mod:`habar.ner.network`): the CRF's emission scores plus the network's weighted log-probabilities,
decoded with the CRF's transitions, in numpy, on batches of sentences (:meth:`NerTagger.tag_many`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from habar import resources
from habar.errors import UsageError
from habar.morph.analyser import analyse_word
from habar.morph.names import strip_ending
from habar.ner.crfsuite import CrfsuiteC, open_tagger
from habar.ner.network import CrfEmissions, Network, decode, file_digest
from habar.ner.patterns import apply_patterns, pattern_kind

MODEL_FILE = "models/ner.crfsuite"
"""The shipped CRF of the ``fast`` mode, relative to ``habar/resources``."""
MODEL_FILES = {"fast": MODEL_FILE, "accurate": "models/ner-accurate.crfsuite"}
"""The shipped model of each mode: the fast CRF was also trained on machine-labelled leads (self-training,
``tools/silver_leads.py``), which the network's combination did not gain from (KazNERD dev 89.57 against 89.78),
so the accurate mode keeps the CRF it was paired with (``ner-accurate.nn.npz`` beside it; the model card)."""

MODES = {"fast": False, "accurate": True}
"""Tagger mode -> whether the neural half is used: ``fast`` (the CRF alone, the default) or ``accurate`` (the
CRF combined with the neural tagger beside it: dev F1 89.8 instead of 87.9, at about a third of the tagging
speed and ~160 MB more memory). A pipeline setting: ``habar.load(ner=MODE)``, the entities component's
``mode`` config, ``habar analyze|ingest|evaluate ner --ner MODE``."""


def check_mode(mode: str) -> str:
    """A tagger mode, checked: ``fast`` (the CRF alone, the default) or ``accurate`` (with its neural half)."""
    value = mode.strip().lower()
    if value not in MODES:
        raise UsageError(f"ner={mode!r}: the entity tagger is 'fast' (the CRF alone, the default) "
                         "or 'accurate' (the CRF with its neural half)")
    return value


NEURAL_SUFFIX = ".nn.npz"
"""A CRF model ``X.crfsuite`` is combined with the neural tagger ``X.nn.npz`` beside it when there is one
(:mod:`habar.ner.network`)."""


def neural_path(model_path: Path) -> Path:
    """Where the neural half of the tagger whose CRF is ``model_path`` lives."""
    return model_path.with_suffix(NEURAL_SUFFIX)


@cache
def _gazetteer() -> dict[str, tuple[str, ...]]:
    """Lower-case word (and stem) -> gazetteer tags ('kb:GPE', 'kb:ORGANISATION:first', 'month', ...)."""
    from habar.ner.kb import knowledge_base

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
    for row in resources.tsv_rows("ner/units.tsv"):
        tags.setdefault(row["word"].lower(), set()).add(f"unit:{row['class']}")
    return {word: tuple(sorted(found)) for word, found in tags.items()}


@cache
def _clusters() -> dict[str, tuple[str, str]]:
    """Lower-case word -> its clusters among 64 and 256 (``resources/ner/clusters.tsv``, habar.train.clusters)."""
    return {row["word"]: (row["c64"], row["c256"]) for row in resources.tsv_rows("ner/clusters.tsv")}


def _shape(word: str) -> str:
    if word.isalpha():  # most words: one run of letters, or a capital and then small ones
        if word.islower():
            return "x"
        if word.isupper():
            return "X"
        if word[0].isupper() and word[1:].islower():
            return "Xx"
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@cache
def _gazetteer_features() -> dict[str, tuple[str, ...]]:
    """:func:`_gazetteer` with each tag written as the feature it gives (``gaz=kb:GPE:one``)."""
    return {word: tuple(f"gaz={tag}" for tag in tags) for word, tags in _gazetteer().items()}


_NUMBER = re.compile(r"^[+\-−–]?\d+(?:[.,]\d+)*%?$")

_LENGTHS = tuple(f"len={k}" for k in range(9))


@lru_cache(maxsize=200_000)
def word_parts(word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Features of one word, without context, and the two subsets its neighbours see: at +-1 (near) and at
    +-2 (far). Each subset keeps the order of the whole."""
    low = word.lower()
    stem, case = strip_ending(word)
    stem_low = stem.lower()
    reading = analyse_word(low)
    lemma = reading.lemma
    size = len(low)
    w, sh, st = "w=" + low, "sh=" + _shape(word), "stem=" + stem_low
    head = [w, sh, st, "case=" + case, "lem=" + lemma, "pos=" + reading.pos]
    feats = head.copy()
    if size >= 6:  # most words: every prefix and suffix (strings joined here, not formatted: faster)
        s3 = "s3=" + low[-3:]
        feats += ("p1=" + low[:1], "p2=" + low[:2], "p3=" + low[:3], "p4=" + low[:4],
                  "s1=" + low[-1:], "s2=" + low[-2:], s3, "s4=" + low[-4:], "s5=" + low[-5:])
        near = head + [s3]
    else:
        feats += [f"p{k}={low[:k]}" for k in range(1, 5) if size >= k]
        feats += [f"s{k}={low[-k:]}" for k in range(1, 6) if size > k]
        near = head + (["s3=" + low[-3:]] if size > 3 else [])
    far = [w, sh, st]
    if word[:1].isupper():
        feats.append("title")
        near.append("title")
        far.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
        near.append("upper")
    if word.isdigit():
        feats.append("digit")
        near.append("digit")
    elif not word.isalpha() and any(ch.isdigit() for ch in word):
        feats.append("hasdigit")
        if _NUMBER.match(word):  # 15,8 / 1.5 / +15 / 18%: a number as written news writes it
            feats.append("num")
            near.append("num")
    kind = pattern_kind(word)
    if kind:
        feats.append("pat=" + kind)
        near.append("pat=" + kind)
    if "-" in word:
        feats.append("hyphen")
    feats.append(_LENGTHS[min(len(word), 8)])
    clusters = _clusters()
    cluster = clusters.get(low) or clusters.get(stem_low) or clusters.get(lemma)
    if cluster is not None:
        c64, c256 = "c64=" + cluster[0], "c256=" + cluster[1]
        feats += (c64, c256)
        near += (c64, c256)
        far.append(c64)
    gaz = _gazetteer_features()
    tags = gaz.get(low) or gaz.get(stem_low) or gaz.get(lemma)
    if tags:
        feats += tags
        near += tags
    return tuple(feats), tuple(near), tuple(far)


def word_features(word: str) -> tuple[str, ...]:
    """Features of one word, without context."""
    return word_parts(word)[0]


def word_lemma(word: str) -> str:
    """The lower-case lemma of a word out of context (what the network's lemma embedding reads)."""
    return analyse_word(word.lower()).lemma.lower()


_Attr = TypeVar("_Attr", str, bytes)


class Features(Generic[_Attr]):
    """Feature extraction for one model: with ``known`` (the attributes the model has weights for), the rest
    are left out. CRFsuite ignores an attribute it has no weight for, so the labels are the same; what is
    saved is building and passing them (an L1-trained model keeps about a quarter of what training saw).

    Each distinct word gets one record: its own features and what its neighbours see of it at -2, -1, +1
    and +2 (``offset:feature``). With ``known``, a context feature is checked before its prefixed string is
    built, which is most of the saving on words seen for the first time.

    ``encode``: how an attribute is stored: ``str`` for training and reading, ``str.encode`` for tagging by
    name (CRFsuite takes UTF-8 bytes; encoding each attribute once per word, not once per token, saves ~4 %),
    or its C record (:meth:`habar.ner.crfsuite.CrfsuiteC.attribute`). ``join``: with ``known``, each part of a
    word's record (its attributes at one offset) is joined into one element (``b"".join`` for C records,
    which a token then concatenates), in the same order."""

    def __init__(self, encode: Callable[[str], _Attr], known: frozenset[str] | None = None,
                 join: Callable[[list[_Attr]], _Attr] | None = None) -> None:
        self.known = known
        self.encode: Callable[[str], _Attr] = encode
        self._join: Callable[[list[_Attr]], _Attr] | None = join
        self._constants: tuple[_Attr, _Attr, _Attr] = (encode("bias"), encode("BOS"), encode("EOS"))
        self._records: dict[str, tuple[tuple[_Attr, ...], ...]] = {}
        # with ``known``: a word feature -> its encoded attributes at offsets -2..2 (index 0..4; None where the
        # model has no weight for it), and a word pair -> its encoded bigram attributes (bi-, bi+)
        self._table: dict[str, tuple[_Attr | None, ...]] = {}
        self._pairs: dict[str, tuple[_Attr | None, _Attr | None]] = {}
        if known is not None:
            table: dict[str, list[_Attr | None]] = {}
            pairs: dict[str, list[_Attr | None]] = {}
            for attribute in known:
                head, sep, rest = attribute.partition(":")
                if sep and head in ("-2", "-1", "1", "2"):
                    table.setdefault(rest, [None] * 5)[int(head) + 2] = encode(attribute)
                elif attribute.startswith(("bi-=", "bi+=")):
                    pairs.setdefault(attribute[4:], [None, None])[attribute[2] == "+"] = encode(attribute)
                else:
                    table.setdefault(attribute, [None] * 5)[2] = encode(attribute)
            self._table = {feature: tuple(at) for feature, at in table.items()}
            self._pairs = {pair: (minus, plus) for pair, (minus, plus) in pairs.items()}

    def record(self, word: str) -> tuple[tuple[_Attr, ...], ...]:
        """What the word contributes at offsets -2, -1, 0, +1, +2 (index 0..4)."""
        found = self._records.get(word)
        if found is None:
            own, near, far = word_parts(word)
            if self._table:
                # one look-up per feature of the word; the model knows a feature at -1/+1 only if it is one
                # that neighbours see (``near``), at -2/+2 only if it is in ``far``: the order within each
                # offset is that of ``near`` and ``far``, which keep the order of ``own``
                get = self._table.get
                at = [a for f in own if (a := get(f)) is not None]
                parts = ([x for a in at if (x := a[0]) is not None], [x for a in at if (x := a[1]) is not None],
                         [x for a in at if (x := a[2]) is not None], [x for a in at if (x := a[3]) is not None],
                         [x for a in at if (x := a[4]) is not None])
                join = self._join
                if join is None:
                    found = tuple(tuple(part) for part in parts)
                else:  # each part as one attribute string (C records joined): fewer to add per token
                    found = tuple((join(part),) if part else () for part in parts)
            else:
                encode = self.encode
                found = (tuple([encode(f"-2:{f}") for f in far]), tuple([encode(f"-1:{f}") for f in near]),
                         tuple([encode(f) for f in own]), tuple([encode(f"1:{f}") for f in near]),
                         tuple([encode(f"2:{f}") for f in far]))
            if len(self._records) > 200_000:
                self._records.clear()
            self._records[word] = found
        return found

    def word(self, word: str, offset: int) -> tuple[_Attr, ...]:
        """Features of ``word`` seen from ``offset`` words away (0: the word itself)."""
        return self.record(word)[offset + 2]

    def sentence(self, words: Sequence[str]) -> list[tuple[_Attr, ...]]:
        """CRFsuite attribute lists for each word of a sentence: its own attributes, then those its neighbours
        at -2, -1, +1 and +2 give it, then the word pairs (BOS and EOS after the first and last word's own)."""
        n = len(words)
        if not n:
            return []
        none: tuple[tuple[_Attr, ...], ...] = ((),) * 5  # beyond the sentence's ends
        get, record = self._records.get, self.record
        records = [none, none]
        records += [get(w) or record(w) for w in words]
        records += [none, none]
        bias, bos, eos = self._constants
        first = (bias,)
        # tuples added together: about twice as fast as lists built from unpacked tuples
        out = [first + own[2] + m2[0] + m1[1] + p1[3] + p2[4] for m2, m1, own, p1, p2 in
               zip(records, records[1:], records[2:], records[3:], records[4:], strict=False)]
        for i in {0, n - 1}:
            ends = ((bos,) if i == 0 else ()) + ((eos,) if i == n - 1 else ())
            out[i] = (first + records[i + 2][2] + ends + records[i][0] + records[i + 1][1] + records[i + 3][3]
                      + records[i + 4][4])
        # word pairs: the one ending at a word (bi-) before the one starting at it (bi+)
        lows = [w.lower() for w in words]
        if self.known is None:
            encode = self.encode
            for k in range(n - 1):
                pair = f"{lows[k]}|{lows[k + 1]}"
                out[k] += (encode("bi+=" + pair),)
                out[k + 1] += (encode("bi-=" + pair),)
        else:
            pairs = self._pairs
            for k in range(n - 1):
                found = pairs.get(f"{lows[k]}|{lows[k + 1]}")
                if found is not None:
                    minus, plus = found
                    if plus is not None:
                        out[k] += (plus,)
                    if minus is not None:
                        out[k + 1] += (minus,)
        return out


_ALL = Features(str)


def sentence_features(words: Sequence[str]) -> list[tuple[str, ...]]:
    """CRFsuite attribute lists for each word of a sentence (all of them: what training sees)."""
    return _ALL.sentence(words)


class NerTagger:
    """A trained CRF that labels words with the 25 KazNERD classes in IOB2, combined with the neural tagger
    saved beside it (``X.nn.npz`` next to ``X.crfsuite``, :mod:`habar.ner.network`) when there is one."""

    def __init__(self, model_path: Path, neural: bool = False) -> None:
        """``neural``: combine with the network beside the model when there is one (the ``accurate`` mode)."""
        import pycrfsuite

        if not model_path.is_file():
            raise UsageError(f"NER model {model_path} does not exist; train one with `habar train ner`")
        self.path = model_path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._features: Features[bytes] | None = None
        self._c_tagger: tuple[CrfsuiteC, Features[bytes]] | None = None
        self._known: frozenset[str] | None = None  # the model's attributes, once listed
        self._opened = False
        nn_path = neural_path(model_path)
        self.neural_path = nn_path if neural and nn_path.is_file() else None
        self._combined: tuple[CrfEmissions, Network] | None = None

    def _open(self) -> None:
        """Lists the model's attributes (CRFsuite dumps the model to a temporary file for that) and opens
        CRFsuite's C tagger (:mod:`habar.ner.crfsuite`) when the extension module exports it."""
        self._opened = True
        try:
            info = self._tagger.info()
        except (OSError, RuntimeError):
            return  # no temporary file (a full disk, a file size limit): every feature, by name; same labels
        self._known = frozenset(info.attributes)
        c_tagger = open_tagger(self.path, {a: int(i) for a, i in info.attributes.items()},
                               {label: int(i) for label, i in info.labels.items()})
        if c_tagger is not None:
            records = Features(c_tagger.attribute, self._known, join=b"".join)
            # a check that the C structures are laid out as this module expects: the same labels as pycrfsuite
            # given every feature by name (words of the precomputed analyses: the analyser's lexicon is not
            # loaded for this)
            probe = ["Қазақстан", "Президенті", "Тоқаев", "Астана", "қаласында", "АҚ", "темір", "жолы", "құрылды"]
            if c_tagger.tag([b"".join(t) for t in records.sentence(probe)]) == self._tagger.tag(
                    Features(str.encode).sentence(probe)):
                self._c_tagger = (c_tagger, records)

    def _encoded(self, words: Sequence[str]) -> list[tuple[bytes, ...]]:
        """The attributes of ``words`` by name, as pycrfsuite takes them."""
        if not self._opened:
            self._open()
        if self._features is None:
            self._features = Features(str.encode, self._known)
        return self._features.sentence(words)

    def features(self, words: Sequence[str]) -> list[list[str]]:
        """The attributes of ``words`` that this model has weights for."""
        return [[attribute.decode() for attribute in word] for word in self._encoded(words)]

    def _combination(self) -> tuple[CrfEmissions, Network]:
        if self._combined is None:
            assert self.neural_path is not None
            network = Network(self.neural_path, word_features, word_lemma)
            if str(network.arrays.get("crf_sha256")) != file_digest(self.path):
                raise UsageError(f"{self.neural_path} was not trained beside {self.path}: train both again with "
                                 "`habar train ner`")
            # the CRF's weights come with the network: no CRFsuite dump (a temporary file) is needed
            self._combined = (crf_emissions(network.arrays), network)
        return self._combined

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 labels of one sentence's words (the pattern classes of :mod:`habar.ner.patterns` written in)."""
        if not words:
            return []
        if self.neural_path is not None:
            return self.tag_many([words])[0]
        return apply_patterns(words, self._tag_crf(words))

    def _tag_crf(self, words: Sequence[str]) -> list[str]:
        if not self._opened:
            self._open()
        if self._c_tagger is not None:
            c_tagger, records = self._c_tagger
            return c_tagger.tag([b"".join(token) for token in records.sentence(words)])
        return list(self._tagger.tag(self._encoded(words)))

    def tag_many(self, sentences: Sequence[Sequence[str]], batch_size: int = 256) -> list[list[str]]:
        """Labels for many sentences at once (the neural half runs on batches of similar length)."""
        if self.neural_path is None:
            return [self.tag(words) for words in sentences]
        crf, network = self._combination()
        # the network's matrix products are small: BLAS threads only contend (6.8 s instead of 1.0 s for dev
        # with the other core busy); one thread while tagging, the caller's setting restored after
        with _blas_controller(len(sys.modules)).limit(limits=1, user_api="blas"):
            labels = tag_combined(crf, network, sentences, batch_size)
        return [apply_patterns(words, found) for words, found in zip(sentences, labels, strict=True)]


def crf_emissions(arrays: dict[str, Any]) -> CrfEmissions:
    """The CRF whose weights (:func:`habar.ner.network.crf_arrays`) are in ``arrays``, with this module's features."""
    features = Features(str, frozenset(str(a) for a in arrays["crf_attributes"]))
    return CrfEmissions(arrays, features.word)


def tag_combined(crf: CrfEmissions, network: Network, sentences: Sequence[Sequence[str]],
                 batch_size: int = 256) -> list[list[str]]:
    """Labels from the CRF's emission scores plus ``network.lam`` times the network's log-probabilities,
    Viterbi with the CRF's transitions."""
    return decode(sentences, lambda batch: crf.scores(batch) + network.lam * network.log_probs(batch),
                  crf.transitions, network.labels, batch_size=batch_size)


@lru_cache(maxsize=1)
def _blas_controller(modules: int) -> Any:
    """threadpoolctl's view of the BLAS libraries loaded, made again when ``modules`` (how many Python modules
    are imported) changes: a library loaded after the first view (scipy's OpenBLAS, through scikit-learn) would
    otherwise keep its own threads while tagging."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def shipped_tagger(mode: str = "fast") -> NerTagger:
    """The model that ships in ``habar/resources/models``, in ``mode`` (:func:`check_mode`), loaded once."""
    return _shipped(check_mode(mode))


@cache
def _shipped(mode: str) -> NerTagger:
    return NerTagger(resources.path(MODEL_FILES[mode]), neural=MODES[mode])
