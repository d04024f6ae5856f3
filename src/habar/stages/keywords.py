"""Keywords and a short summary (spaCy component ``habar_keywords``).

Keywords score each lemma in the spirit of YAKE (Campos et al. 2020, "YAKE! Keyword extraction from single
documents using multiple local features", Information Sciences 509): frequent, early, spread over many
sentences, and in the title, with Kazakh stop words (``resources/stopwords_kk.txt``) left out; names of
people and organisations found in the article compete with the lemmas. The summary is the 2-3 sentences
whose words carry the most keyword weight, with a bonus for the lead, returned in text order.

Lemmas are the morphology stage's (``token.lemma_``, which the component requires): :func:`lemma_of` counts
``тергеу`` and ``тергеуді`` as one word, ``тергеу``.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from habar import resources
from habar.stages.kazakh import has_kazakh
from habar.stages.names import full_name, link_entity, names_in
from habar.stages.tokens import token_rows

if not Doc.has_extension("habar_keywords"):
    Doc.set_extension("habar_keywords", default=None)


@dataclass
class KeywordResult:
    keywords: list[str]
    summary: list[tuple[int, int]]


@cache
def _stopwords() -> frozenset[str]:
    words = resources.word_list("stopwords_kk.txt") + resources.word_list("keywords_stop_kk.txt")
    roles = resources.toml("names.toml")["roles"]  # "президенті", "министрі": a post, not a topic
    return frozenset(w.lower() for w in [*words, *roles])


def lemma_of(token: Token) -> str:
    """The key a word is counted under: its lemma (the morph stage's), lower-cased."""
    return (token.lemma_ or token.text).lower()


_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "X", ""}
"""Parts of speech a keyword can be (when the morphology stage tagged the word): not verbs ("өт"), adverbs,
pronouns or numerals."""


def _content(token: Token) -> bool:
    text = token.text
    return (text.isalpha() and len(text) >= 3 and text.lower() not in _stopwords()
            and token.pos_ in _CONTENT_POS)


def _tokens_before(doc: Doc, offset: int) -> int:
    """How many tokens start before character ``offset``."""
    return bisect.bisect_left(token_rows(doc), offset, key=lambda r: r.start)


def extract(doc: Doc, n_keywords: int = 10, n_summary: int = 3) -> KeywordResult:
    """Keywords (most important first) and summary sentence spans (in text order) of ``doc``."""
    clean = doc._.habar_clean if doc.has_extension("habar_clean") else None
    title_end = clean.title_span[1] if clean is not None and clean.title_span else 0
    sentences = [s for s in doc.sents if s.start_char >= title_end and any(not t.is_space for t in s)]
    if not sentences:
        return KeywordResult([], [])
    tf: Counter[str] = Counter()
    first: dict[str, int] = {}
    spread: defaultdict[str, set[int]] = defaultdict(set)
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    title_keys = {lemma_of(t) for t in doc[: _tokens_before(doc, title_end)] if _content(t)}
    for i, sent in enumerate(sentences):
        for t in sent:
            if not _content(t):
                continue
            key = lemma_of(t)
            tf[key] += 1
            first.setdefault(key, i)
            spread[key].add(i)
            forms[key][t.lemma_ if t.lemma_ and t.lemma_ != t.text else t.text] += 1
    n = len(sentences)
    weight: dict[str, float] = {}
    for key, count in tf.items():
        position = 1.0 / math.log2(2 + first[key])
        dispersion = len(spread[key]) / n
        weight[key] = count * position * (1 + dispersion) * (2.0 if key in title_keys else 1.0)
    ranked: list[tuple[float, str]] = [(w, forms[k].most_common(1)[0][0]) for k, w in weight.items() if tf[k] > 1
                                       or k in title_keys]
    agencies = {a.split()[0] for a in resources.word_list("agencies.txt")}
    names = [nm for nm in names_in(doc) if nm.label in {"PERSON", "ORGANISATION", "GPE"} and nm.start >= title_end
             and nm.name not in agencies]
    name_count = Counter(full_name(nm.name, names) for nm in names)
    for name, count in name_count.items():
        ranked.append((count * 2.0, name))
    ranked.sort(key=lambda x: -x[0])
    in_names = {w.lower() for name, count in name_count.items() if count >= 2 and " " in name for w in name.split()}
    keywords: list[str] = []
    for _, word in ranked:
        if " " not in word and word.lower() in in_names:
            continue  # "Ұлттық", "банк": the name "Ұлттық банк" stands for them
        low = set(word.lower().split())
        if any(low & set(k.lower().split()) for k in keywords):
            continue
        keywords.append(word)
        if len(keywords) == n_keywords:
            break
    # summary: keyword weight per sentence, normalised by length, with a bonus for the lead
    scored = []
    for i, sent in enumerate(sentences):
        keys = [lemma_of(t) for t in sent if _content(t)]
        if len(keys) < 4:
            continue
        score = sum(weight.get(k, 0.0) for k in set(keys)) / math.sqrt(len(keys))
        if i < 2:
            score *= 1.5
        ws = [t for t in sent if not t.is_space]
        scored.append((score, ws[0].idx, ws[-1].idx + len(ws[-1].text)))
    k = n_summary if n >= 6 else 2
    chosen = sorted(sorted(scored, key=lambda x: -x[0])[:k], key=lambda x: x[1])
    return KeywordResult(keywords, [(s, e) for _, s, e in chosen])


@Language.component("habar_keywords", assigns=["doc._.habar_keywords"],
                    requires=["token.is_sent_start", "token.lemma", "token.pos", "doc._.habar_entities"])
def habar_keywords(doc: Doc) -> Doc:
    """Keywords and summary; a name is given as its entity's canonical name (``Ақордаға`` -> ``Ақорда``)."""
    result = extract(doc) if has_kazakh(doc) else KeywordResult([], [])  # Kazakh only
    keywords: list[str] = []
    for word in result.keywords:
        _, canonical = link_entity(-1, -1, doc, word) if word[:1].isupper() else (None, None)
        name = canonical or word
        if name not in keywords:
            keywords.append(name)
    doc._.habar_keywords = KeywordResult(keywords, result.summary)
    return doc


def keywords_to_fields(doc: Doc, fields: dict[str, Any]) -> None:
    """Converter: ``Document.keywords`` and ``Document.summary``, as the component chose them."""
    result: KeywordResult | None = doc._.habar_keywords
    if result is None:
        return
    fields["keywords"] = result.keywords
    fields["summary"] = [{"start": s, "end": e} for s, e in result.summary]
