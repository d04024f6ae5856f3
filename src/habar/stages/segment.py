"""The segment stage: sentence boundaries for Kazakh news (a spaCy component, ``habar_sentences``).

Rules, in the order they are tried at each sentence-final mark (. ! ? … and their runs):
- a line break always ends a sentence (titles and headings carry no full stop);
- an abbreviation kept whole by the tokenizer (``ж.``, ``млн.``, ``т.ғ.к.``) or an initial (``М.``) does
  not end a sentence; ``т.б.``/``т.с.с.`` do when a capitalised word follows;
- closing quotation marks and brackets after the mark stay in the sentence;
- the sentence goes on when the next word starts with a small letter or, after a closing quotation mark,
  with a dash or a comma: ``«…келеді» деп мәлімдеді Қасым-Жомарт Тоқаев.`` and ``«…», – деді ол.``
  are one sentence each;
- after ? ! or … a dash followed by a small letter goes on: ``Қайда? – деді ол.`` is one sentence;
- an amount (``млрд.``) followed by an upper-case acronym does not end one: ``16,3 млрд. АҚШ доллары``;
- a dateline (``БАКУ.`` at the start of a paragraph) belongs to the sentence that follows it.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from habar.lang.tokenizer_exceptions import ABBREVIATIONS

_CLOSERS = {"»", "”", "’", ")", "]", "}", "›"}
_AMBIGUOUS_QUOTES = {'"', "'"}
_DASHES = {"-", "–", "—", "―"}
_FINAL_CHARS = set(".!?…")


def _is_terminator(tok: Token) -> bool:
    text = tok.text
    return bool(text) and all(ch in _FINAL_CHARS for ch in text)


def _has_newline(tok: Token) -> bool:
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


def _starts_lower(tok: Token) -> bool:
    ch = tok.text[:1]
    return ch.isalpha() and ch.islower()


def _next_word_lower(doc: Doc, k: int) -> bool:
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k < len(doc) and _starts_lower(doc[k])


def _is_initial(tok: Token) -> bool:
    text = tok.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _is_dateline(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end (inclusive, end is the full stop) are an upper-case place name on a new line."""
    words = [t for t in doc[start:end] if not t.is_space]
    if not words or len(words) > 3:
        return False
    if start > 0 and not _has_newline(doc[start - 1]):
        return False
    return all(t.text.replace("-", "").isalpha() and t.text.isupper() and len(t.text) >= 3 for t in words)


@Language.component(
    "habar_sentences",
    assigns=["token.is_sent_start"],
)
def habar_sentences(doc: Doc) -> Doc:
    """Set sentence starts with Kazakh news rules (see the module docstring)."""
    n = len(doc)
    if n == 0:
        return doc
    boundary_before = [False] * (n + 1)
    sent_first = 0
    i = 0
    while i < n:
        tok = doc[i]
        if _has_newline(tok):
            boundary_before[i + 1] = True
            sent_first = i + 1
            i += 1
            continue
        end: int | None = None
        if _is_terminator(tok):
            end = i
            # "?!", "!!!", "?.." may come as several tokens
            while end + 1 < n and not doc[end].whitespace_ and _is_terminator(doc[end + 1]):
                end += 1
        elif tok.text.endswith(".") and len(tok.text) > 1 and not _is_initial(tok):
            kind = ABBREVIATIONS.get(tok.text)
            if kind in ("final", "amount"):
                end = i
        if end is None:
            i += 1
            continue
        # a run of final marks split by the tokenizer ("?" "!", "?" "." ".") ends the sentence once
        while end + 1 < n and not doc[end].whitespace_ and _is_terminator(doc[end + 1]):
            end += 1
        # closing quotation marks and brackets stay with the sentence
        j = end + 1
        closed_quote = False
        while j < n and not doc[j - 1].whitespace_ and (
            doc[j].text in _CLOSERS or doc[j].text in _AMBIGUOUS_QUOTES
        ):
            closed_quote = closed_quote or doc[j].text not in {")", "]", "}"}
            j += 1
        last = j - 1
        if _has_newline(doc[last]):
            boundary_before[j] = True
            sent_first = j
            i = j
            continue
        k = j
        while k < n and doc[k].is_space and not _has_newline(doc[k]):
            k += 1
        if k >= n:
            break
        nxt = doc[k]
        if _starts_lower(nxt) or nxt.text[:1] in ",;:":
            i = k
            continue
        if closed_quote and nxt.text in _DASHES:
            i = k
            continue
        asks = doc[end].text[:1] in "?!…" or doc[end].text == "..."
        if nxt.text in _DASHES and asks and _next_word_lower(doc, k + 1):
            # "Қайда барасың? – деді ол." : the speaker's words go on after the dash
            i = k
            continue
        if ABBREVIATIONS.get(doc[end].text) == "amount" and nxt.text.isupper() and len(nxt.text) > 1:
            i = k
            continue
        if doc[end].text in ABBREVIATIONS and not nxt.text[:1].isupper():
            i = k
            continue
        if _is_dateline(doc, sent_first, end):
            i = k
            continue
        boundary_before[k] = True
        sent_first = k
        i = k
    # one array write: the ``token.is_sent_start`` setter scans the whole Doc (``has_annotation("DEP")``) on
    # every call, which made this stage quadratic in the article's length (1 MB took minutes)
    starts = numpy.full(n, -1, dtype="int64")
    starts[0] = 1
    for idx in range(1, n):
        if boundary_before[idx] and doc[idx].is_space and idx + 1 < n:
            # a space token after a boundary belongs to the sentence before; the next word starts one
            boundary_before[idx + 1] = True
        if boundary_before[idx] and not doc[idx].is_space:
            starts[idx] = 1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(n, 1))  # type: ignore[arg-type]  # -1 as uint64
    return doc
