"""Evaluate habar against a Universal Dependencies treebank with the CoNLL 2018 shared task measures.

habar reads only the raw ``# text`` lines: the sentences of one source document (the part of ``sent_id``
before the first ``:``, or a ``# newdoc`` block) are joined with single spaces into one text, analysed, and
its tokens, sentences, lemmas, UPOS and features are scored against the gold tree bank.

The measures follow the official evaluation script of the CoNLL 2018 shared task (``conll18_ud_eval.py``,
Zeman et al. 2018, universaldependencies.org/conll18/evaluation.html), reimplemented here: tokens and
sentences match when their character spans (counted without whitespace) are equal; words are aligned by
span, and inside multi-word tokens by the longest common subsequence of their lower-cased forms; UPOS, UFeats
(universal features only) and Lemmas count aligned words whose column equals gold (a gold lemma ``_``
matches anything). Precision divides by the system's count, recall by gold's, F1 is their harmonic mean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from habar.document import Document
from habar.errors import InputError

UNIVERSAL_FEATURES = frozenset({
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number", "Case",
    "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person",
    "Polite",
})
"""Feature names the CoNLL 2018 UFeats measure keeps (layered ones such as Person[psor] are dropped)."""

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas")


@dataclass
class Word:
    """A syntactic word with its character span (non-whitespace characters before it, end exclusive)."""

    form: str
    lemma: str
    upos: str
    feats: str
    start: int = 0
    end: int = 0
    multiword: bool = False


@dataclass
class GoldSentence:
    sent_id: str
    text: str
    tokens: list[tuple[str, list[Word]]] = field(default_factory=list)
    """(surface form, its words): one word unless the token is a multi-word token."""


@dataclass
class Score:
    gold: int
    system: int
    correct: int
    aligned: int | None = None

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.gold + self.system
        return 2 * self.correct / total if total else 0.0

    @property
    def aligned_accuracy(self) -> float | None:
        if self.aligned is None:
            return None
        return self.correct / self.aligned if self.aligned else 0.0


def filter_feats(feats: str) -> str:
    """The features the UFeats measure compares: universal ones only, sorted."""
    if not feats or feats == "_":
        return "_"
    kept = sorted(f for f in feats.split("|") if f.split("=", 1)[0] in UNIVERSAL_FEATURES)
    return "|".join(kept) if kept else "_"


def read_conllu(path: Path) -> list[GoldSentence]:
    """Sentences of a CoNLL-U file with their ``# text``; raises InputError on a malformed file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    sentences: list[GoldSentence] = []
    current: GoldSentence | None = None
    mwt_end = 0
    mwt: list[Word] | None = None
    newdoc = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            if current is not None and current.tokens:
                sentences.append(current)
            current, mwt, mwt_end = None, None, 0
            continue
        if current is None:
            current = GoldSentence(sent_id=f"doc{newdoc}:{len(sentences)}", text="")
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            key = key.strip()
            if key == "newdoc":
                newdoc += 1
                current.sent_id = f"doc{newdoc}:{len(sentences)}"
            elif key == "sent_id":
                current.sent_id = value.strip() if newdoc == 0 else f"doc{newdoc}:{value.strip()}"
            elif key == "text":
                current.text = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise InputError(f"{path}:{n}", f"expected 10 tab-separated columns, found {len(cols)}")
        ident = cols[0]
        if "." in ident:
            continue  # empty node
        if "-" in ident:
            first, _, last = ident.partition("-")
            mwt_end = int(last)
            mwt = []
            current.tokens.append((cols[1], mwt))
            continue
        word = Word(form=cols[1], lemma=cols[2], upos=cols[3], feats=cols[5])
        if mwt is not None and int(ident) <= mwt_end:
            word.multiword = True
            mwt.append(word)
            if int(ident) == mwt_end:
                mwt = None
            continue
        current.tokens.append((cols[1], [word]))
    if current is not None and current.tokens:
        sentences.append(current)
    for sent in sentences:
        if not sent.text:
            sent.text = " ".join(form for form, _ in sent.tokens)
    if not sentences:
        raise InputError(str(path), "no sentences found (is it a CoNLL-U file?)")
    return sentences


def group_documents(sentences: list[GoldSentence]) -> list[list[GoldSentence]]:
    """Consecutive sentences whose ``sent_id`` share the part before the first ``:`` form one document."""
    docs: list[list[GoldSentence]] = []
    last_key: str | None = None
    for sent in sentences:
        key = sent.sent_id.split(":", 1)[0]
        if key != last_key or not docs:
            docs.append([])
            last_key = key
        docs[-1].append(sent)
    return docs


class _NonSpaceIndex:
    """Offset in a text -> number of non-whitespace characters before it."""

    def __init__(self, text: str) -> None:
        self.before = [0] * (len(text) + 1)
        count = 0
        for i, ch in enumerate(text):
            self.before[i] = count
            if not ch.isspace():
                count += 1
        self.before[len(text)] = count

    def __call__(self, offset: int) -> int:
        return self.before[offset]


@dataclass
class DocumentResult:
    gold_tokens: list[tuple[int, int]]
    system_tokens: list[tuple[int, int]]
    gold_sentences: list[tuple[int, int]]
    system_sentences: list[tuple[int, int]]
    gold_words: list[Word]
    system_words: list[Word]


def _gold_spans(text: str, sentences: list[GoldSentence], index: _NonSpaceIndex) -> DocumentResult:
    tokens: list[tuple[int, int]] = []
    sents: list[tuple[int, int]] = []
    words: list[Word] = []
    pos = 0
    for sent in sentences:
        first: int | None = None
        for form, token_words in sent.tokens:
            compact = "".join(form.split())
            # find the form in the raw text, skipping whitespace (forms may hold a no-break space)
            while pos < len(text) and text[pos].isspace():
                pos += 1
            start = pos
            k = 0
            while pos < len(text) and k < len(compact):
                if text[pos].isspace():
                    pos += 1
                    continue
                if text[pos] != compact[k]:
                    raise InputError(sent.sent_id, f"token {form!r} does not match its # text line")
                pos += 1
                k += 1
            span = (index(start), index(pos))
            tokens.append(span)
            first = span[0] if first is None else first
            for w in token_words:
                w.start, w.end = span
                words.append(w)
        if first is not None:
            sents.append((first, tokens[-1][1]))
    return DocumentResult(tokens, [], sents, [], words, [])


def _system_spans(doc: Document, index: _NonSpaceIndex, result: DocumentResult) -> None:
    def raw_span(start: int, end: int) -> tuple[int, int]:
        return index(doc.raw_offset(start)), index(doc.raw_offset(end - 1) + 1)

    for tok in doc.tokens:
        span = raw_span(tok.start, tok.end)
        if span[0] == span[1]:
            continue
        result.system_tokens.append(span)
        result.system_words.append(Word(form=tok.text, lemma=tok.lemma or "_", upos=tok.pos or "_",
                                        feats=tok.morph or "_", start=span[0], end=span[1]))
    for sent in doc.sentences:
        span = raw_span(sent.start, sent.end)
        if span[0] < span[1]:
            result.system_sentences.append(span)


def spans_score(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> Score:
    correct = 0
    gi = si = 0
    while gi < len(gold) and si < len(system):
        if system[si][0] < gold[gi][0]:
            si += 1
        elif gold[gi][0] < system[si][0]:
            gi += 1
        else:
            correct += gold[gi][1] == system[si][1]
            gi += 1
            si += 1
    return Score(len(gold), len(system), correct)


def _beyond_end(words: list[Word], i: int, end: int) -> bool:
    if i >= len(words):
        return True
    if words[i].multiword:
        return words[i].start >= end
    return words[i].end > end


def _extend_end(word: Word, end: int) -> int:
    return word.end if word.multiword and word.end > end else end


def align_words(gold: list[Word], system: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of aligned (gold, system) words, as ``align_words`` of the CoNLL 2018 script."""
    aligned: list[tuple[Word, Word]] = []
    gi = si = 0
    while gi < len(gold) and si < len(system):
        if gold[gi].multiword or system[si].multiword:
            if gold[gi].multiword:
                end = gold[gi].end
                if not system[si].multiword and system[si].start < gold[gi].start:
                    si += 1
            else:
                end = system[si].end
                if not gold[gi].multiword and gold[gi].start < system[si].start:
                    gi += 1
            gs, ss = gi, si
            while not _beyond_end(gold, gi, end) or not _beyond_end(system, si, end):
                if gi < len(gold) and (si >= len(system) or gold[gi].start <= system[si].start):
                    end = _extend_end(gold[gi], end)
                    gi += 1
                else:
                    end = _extend_end(system[si], end)
                    si += 1
            aligned.extend(_lcs_align(gold[gs:gi], system[ss:si]))
        elif (gold[gi].start, gold[gi].end) == (system[si].start, system[si].end):
            aligned.append((gold[gi], system[si]))
            gi += 1
            si += 1
        elif gold[gi].start <= system[si].start:
            gi += 1
        else:
            si += 1
    return aligned


def _lcs_align(gold: list[Word], system: list[Word]) -> list[tuple[Word, Word]]:
    ng, ns = len(gold), len(system)
    if not ng or not ns:
        return []
    lcs = [[0] * (ns + 1) for _ in range(ng + 1)]
    for g in reversed(range(ng)):
        for s in reversed(range(ns)):
            same = gold[g].form.lower() == system[s].form.lower()
            lcs[g][s] = max(lcs[g + 1][s + 1] + 1 if same else 0, lcs[g + 1][s], lcs[g][s + 1])
    out: list[tuple[Word, Word]] = []
    g = s = 0
    while g < ng and s < ns:
        if gold[g].form.lower() == system[s].form.lower():
            out.append((gold[g], system[s]))
            g += 1
            s += 1
        elif lcs[g][s] == lcs[g + 1][s]:
            g += 1
        else:
            s += 1
    return out


def _aligned_score(gold: int, system: int, pairs: list[tuple[Word, Word]],
                   key: Callable[[Word, Word], tuple[str, str]]) -> Score:
    correct = 0
    for g, s in pairs:
        a, b = key(g, s)
        correct += a == b
    return Score(gold, system, correct, aligned=len(pairs))


def _lemma_key(g: Word, s: Word) -> tuple[str, str]:
    return ("_", "_") if g.lemma == "_" else (g.lemma, s.lemma)


def score(results: Iterable[DocumentResult]) -> dict[str, Score]:
    """The CoNLL 2018 measures over several documents (each scored on its own, counts summed)."""
    totals: dict[str, Score] = {m: Score(0, 0, 0, aligned=0 if m in METRICS[3:] else None) for m in METRICS}

    def add(name: str, part: Score) -> None:
        t = totals[name]
        t.gold += part.gold
        t.system += part.system
        t.correct += part.correct
        if part.aligned is not None:
            t.aligned = (t.aligned or 0) + part.aligned

    for r in results:
        add("Tokens", spans_score(r.gold_tokens, r.system_tokens))
        add("Sentences", spans_score(r.gold_sentences, r.system_sentences))
        pairs = align_words(r.gold_words, r.system_words)
        ng, ns = len(r.gold_words), len(r.system_words)
        add("Words", Score(ng, ns, len(pairs)))
        add("UPOS", _aligned_score(ng, ns, pairs, lambda g, s: (g.upos, s.upos)))
        add("UFeats", _aligned_score(ng, ns, pairs, lambda g, s: (filter_feats(g.feats), filter_feats(s.feats))))
        add("Lemmas", _aligned_score(ng, ns, pairs, _lemma_key))
    return totals


@dataclass
class Evaluation:
    scores: dict[str, Score]
    documents: list[Document]
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(form, gold lemma, habar's lemma, gold UPOS) of aligned words whose lemma is wrong."""


def evaluate(path: Path, analyze: Callable[[str], Document] | None = None) -> Evaluation:
    """Run habar on the raw ``# text`` of a CoNLL-U file and score it against the gold annotation."""
    if analyze is None:
        from habar.pipeline import analyze as habar_analyze

        def analyze(text: str) -> Document:
            return habar_analyze(text)

    results: list[DocumentResult] = []
    documents: list[Document] = []
    errors: list[tuple[str, str, str, str]] = []
    for sentences in group_documents(read_conllu(path)):
        text = " ".join(s.text for s in sentences)
        index = _NonSpaceIndex(text)
        result = _gold_spans(text, sentences, index)
        doc = analyze(text)
        _system_spans(doc, index, result)
        results.append(result)
        documents.append(doc)
        for g, s in align_words(result.gold_words, result.system_words):
            if g.lemma != "_" and g.lemma != s.lemma:
                errors.append((g.form, g.lemma, s.lemma, g.upos))
    return Evaluation(score(results), documents, errors)


def format_table(scores: dict[str, Score]) -> str:
    """The table the official script prints with ``--verbose``."""
    lines = ["Metric     | Precision |    Recall |  F1 Score | AligndAcc",
             "-----------+-----------+-----------+-----------+-----------"]
    for name in METRICS:
        s = scores[name]
        acc = s.aligned_accuracy
        acc_text = f"{100 * acc:10.2f}" if acc is not None else " " * 10
        lines.append(f"{name:<11}|{100 * s.precision:10.2f} |{100 * s.recall:10.2f} |{100 * s.f1:10.2f} |{acc_text}")
    return "\n".join(lines)


def write_predictions(documents: Iterable[Document], out: TextIO) -> None:
    from habar.document import write_conllu

    for doc in documents:
        write_conllu(doc, out)
