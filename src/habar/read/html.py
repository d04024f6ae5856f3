"""Web pages: main text and metadata (title, date, url) through trafilatura."""

from __future__ import annotations

import logging
import re

from habar.errors import InputError
from habar.read import Article

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article|title)[\s>]", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_HINT.search(data[:4096]))


def read_html(data: bytes, source: str) -> Article:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    if not data.strip():
        raise InputError(source, "empty file")
    try:
        result = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from None
    if result is None:
        raise InputError(source, "no article text found in the HTML (broken or empty page)")
    info = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (info.get("text") or "").strip()
    if not text:
        raise InputError(source, "no article text found in the HTML (broken or empty page)")
    title = (info.get("title") or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:
        # the page's heading repeats its title: keep it once, as the title line
        text = text.split("\n", 1)[1].strip() if "\n" in text else ""
        if not text:
            raise InputError(source, "no article text found in the HTML (only a title)")
    date = info.get("date")
    return Article(
        text=text,
        source=source,
        title=title,
        published=date[:10] if isinstance(date, str) and re.match(r"\d{4}-\d\d-\d\d", date) else None,
        url=info.get("url") or None,
    )
