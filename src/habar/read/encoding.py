"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), cp1251 and KZ-1048.

Kazakh text saved by old Windows programs is in KZ-1048 (cp1251 with the Kazakh letters in place of some
Serbian and Macedonian ones) or in cp1251 itself. Anything else is refused with a message that says what was
tried: habar does not guess at Latin-1 or at binary data.
"""

from __future__ import annotations

import codecs
import unicodedata

from habar.errors import InputError

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_TRIED = "tried UTF-8, UTF-16, cp1251 and KZ-1048"
MAX_STRAY_NULS = 16
"""NUL bytes a text may hold and still be read (they are removed and said), or one per 1000 bytes if more."""


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:200_000]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if control > max(2, len(sample) // 1000):
        return False
    letters = sum(1 for ch in sample if ch.isalnum())
    spaces = sum(1 for ch in sample if ch.isspace())
    if len(sample) >= 200 and (letters < 0.5 * len(sample) or spaces < 0.03 * len(sample)):
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the high bytes of the code units take very few values (0x00 for
    spaces, digits and Latin letters, 0x04 for Cyrillic), and some of them are NUL."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data[:8192]:
        return None
    for encoding, high in (("utf-16-le", data[1::2][:4096]), ("utf-16-be", data[0::2][:4096])):
        counts = sorted((high.count(bytes([b])) for b in set(high)), reverse=True)
        if sum(counts[:2]) >= 0.9 * len(high) and high.count(0) > 0:
            try:
                if _looks_like_text(data.decode(encoding)):
                    return encoding
            except UnicodeDecodeError:
                continue
    return None


def decode(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode ``data``; return (text, note) where note says which non-UTF-8 encoding was recognised."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8) :], "utf-8", source), None
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _checked(data, "utf-16", source), "decoded as UTF-16 (byte-order mark)"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16, source), f"decoded as {utf16.upper()} (no byte-order mark)"
    nuls = data.count(b"\x00")
    if nuls:
        # a few NUL bytes in a text (a crawler's or an editor's slip) are dropped and said; many mean binary
        if nuls > max(MAX_STRAY_NULS, len(data) // 1000):
            raise InputError(source, "binary file, not text")
        try:
            text, note = decode(data.replace(b"\x00", b""), source)
        except InputError:
            raise InputError(source, "binary file, not text") from None
        removed = f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed"
        return text, f"{note}; {removed}" if note else removed
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_like_text(text):
            raise InputError(source, "binary file, not text")
        return text, None
    cp1251 = data.decode("cp1251", errors="replace")
    kz1048 = data.decode("kz1048", errors="replace")
    kazakh_in_kz1048 = sum(1 for ch in kz1048 if ch in KAZAKH_LETTERS)
    kazakh_in_cp1251 = sum(1 for ch in cp1251 if ch in KAZAKH_LETTERS)
    if kazakh_in_kz1048 > kazakh_in_cp1251 and _looks_like_text(kz1048) and "\ufffd" not in kz1048:
        return kz1048, "decoded as KZ-1048 (not UTF-8)"
    if _looks_like_text(cp1251) and "\ufffd" not in cp1251 and _mostly_cyrillic(cp1251):
        return cp1251, "decoded as cp1251 (not UTF-8)"
    raise InputError(source, f"not text in any encoding habar reads ({_TRIED})")


def _mostly_cyrillic(text: str) -> bool:
    letters = [ch for ch in text[:200_000] if ch.isalpha()]
    if not letters:
        return False
    cyr = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    return cyr >= 0.5 * len(letters)


def _checked(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid {encoding.upper()} ({exc.reason} at byte {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _looks_like_text(text):
        raise InputError(source, "binary file, not text")
    return text
