"""Pattern classes that a shape says more about than a statistical tagger learns from a few examples: CONTACT
(phone numbers, e-mail and web addresses), after the tagger has labelled a sentence.

Written from the two guidelines (KazNERD's, and docs/annotation.md, Layer 1: "CONTACT: phone numbers, e-mail,
web addresses: ``+7 777 123 45 67``, ``102``, ``info@gov.kz``, ``egov.kz``"), not from any test document. KazNERD's
television transcripts have a dozen of them and written news many (help lines, press offices, sites), so the
tagger left alone reads ``+7 777 …`` as an EVENT or a run of CARDINALs.

A tagger entity with markup in it (a word with ``<`` or ``>``) is dropped. A match replaces whatever the
tagger had on those words, and any entity of the tagger that overlaps it is removed whole (a span that ran
through an address is not half kept). What a match is:
- an e-mail address (``info@gov.kz``) or a web address with a scheme or ``www.`` (``https://…``, ``www.gov.kz``);
- a lower-case domain (``egov.kz``, ``mellstroy.game``) the tagger left outside an entity (a capitalised one,
  ``Tengrinews.kz``, is the outlet's name, an ORGANISATION, and is the tagger's to read);
- a phone number: ``+`` and a country code, or ``8`` before ``(``, ``-`` or a three-digit group, then groups of
  digits with ``(``, ``)``, ``-`` between, 10 to 12 digits in all (``+7 777 123 45 67``, ``8 (7172) 74-03-08``,
  ``8-800-080-7777``), or in one piece (``+77011234567``, ``87011234567``: a Kazakh tagger read that as an EVENT);
- a short service number (two to four digits) right before a form of ``нөмір`` (``102 нөміріне``) or right after
  ``телефоны``/``нөмірі`` and a colon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
DOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/\S*)?$")
_DIGITS = re.compile(r"^\d+$")
_CODE = re.compile(r"^\+\d{1,3}$")
_NUMBER_WORDS = ("нөмір",)
_BEFORE_NUMBER = ("телефон", "нөмір")


def pattern_kind(word: str) -> str:
    """``email``, ``url``, ``domain`` or ``phone`` (a ``+7``-like country code) for a word of that shape, else
    ``""`` (also a tagger feature)."""
    if "@" in word and EMAIL.match(word):
        return "email"
    if "." in word:
        if URL.match(word):
            return "url"
        if DOMAIN.match(word) and not word.replace(".", "").isdigit():
            return "domain"
    elif word[:1] == "+" and _CODE.match(word):
        return "phone"
    return ""


_WHOLE_PHONE = re.compile(r"^(?:\+\d{10,12}|87\d{9})$")
"""A phone number written without spaces: ``+77011234567`` (a country code and 10 digits), ``87011234567`` (a
Kazakh number in the national format, 8 and ten digits from 7)."""


def _phone_end(words: Sequence[str], i: int) -> int:
    """End (exclusive) of a phone number starting at ``words[i]``, or ``i`` when none starts there."""
    first = words[i]
    if _WHOLE_PHONE.match(first):
        return i + 1
    if _CODE.match(first):
        digits = len(first) - 1
    elif first == "8" and i + 1 < len(words) and (words[i + 1] in ("(", "-") or re.match(r"^\d{3,4}$", words[i + 1])):
        digits = 1
    else:
        return i
    j, last_digits = i + 1, i + 1
    while j < len(words) and (_DIGITS.match(words[j]) or words[j] in ("(", ")", "-")):
        if _DIGITS.match(words[j]):
            digits += len(words[j])
            last_digits = j + 1
            if digits >= 12:
                break
        j += 1
    return last_digits if 10 <= digits <= 12 else i


def contact_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """Word spans ``(start, end)`` that are CONTACT by their shape alone (all but lower-case domains)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        kind = pattern_kind(word)
        if kind in ("email", "url"):
            out.append((i, i + 1))
            i += 1
            continue
        end = _phone_end(words, i)
        if end > i:
            out.append((i, end))
            i = end
            continue
        if 2 <= len(word) <= 4 and _DIGITS.match(word):
            after = words[i + 1].lower() if i + 1 < n else ""
            before = " ".join(w.lower() for w in words[max(0, i - 2) : i])
            if after.startswith(_NUMBER_WORDS) or (before.endswith(":") and before.startswith(_BEFORE_NUMBER)):
                out.append((i, i + 1))
        i += 1
    return out


def _without_markup(words: Sequence[str], labels: list[str]) -> list[str]:
    """``labels`` without the tagger's entities that contain a word with ``<`` or ``>``: markup left in a text
    (``<script>…</script>``) names nothing, and no class of either guideline has angle brackets in it."""
    marked = [i for i, w in enumerate(words) if ("<" in w or ">" in w) and labels[i] != "O"]
    if not marked:
        return labels
    out = list(labels)
    for i in marked:
        s = i
        while s > 0 and out[s].startswith("I-"):
            s -= 1
        e = i + 1
        while e < len(out) and out[e].startswith("I-"):
            e += 1
        for k in range(s, e):
            out[k] = "O"
    return out


def apply_patterns(words: Sequence[str], labels: list[str]) -> list[str]:
    """``labels`` (IOB2, the tagger's) with the CONTACT spans of :func:`contact_spans` written in, and lower-case
    domains the tagger left outside an entity; a tagger entity that overlaps a span is removed whole, and so is
    one that holds markup (:func:`_without_markup`)."""
    labels = _without_markup(words, labels)
    spans = contact_spans(words)
    spans += [(i, i + 1) for i, w in enumerate(words) if labels[i] == "O" and pattern_kind(w) == "domain"]
    if not spans:
        return labels
    out = list(labels)
    for start, end in spans:
        # widen to the tagger's entities that overlap the span, and clear them
        s = start
        while s > 0 and out[s].startswith("I-"):
            s -= 1
        e = end
        while e < len(out) and out[e].startswith("I-"):
            e += 1
        for k in range(s, e):
            out[k] = "O"
        out[start] = "B-CONTACT"
        for k in range(start + 1, end):
            out[k] = "I-CONTACT"
    return out
