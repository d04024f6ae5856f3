"""Web pages: main text and metadata (title, date, url) through trafilatura."""

from __future__ import annotations

import logging
import re
from typing import Any

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
    info = _as_dict(result)
    if not (info.get("text") or "").strip():
        # lxml stops building the tree at 256 levels of nesting unless told otherwise (huge_tree): a page
        # nested deeper loses everything below that level, the article too; parse it again without the limit
        try:
            deep = _deep_tree(data)
        except TooDeep:
            raise InputError(source, "HTML nested more than 2048 levels deep, deeper than habar "
                                     "can read, and no article text above that depth") from None
        if deep is not None:
            try:
                info = _as_dict(trafilatura.bare_extraction(
                    deep, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True))
            except Exception as exc:
                raise InputError(source, f"HTML nested too deeply to be parsed ({type(exc).__name__})") from None
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


def _as_dict(result: Any) -> dict[str, Any]:
    if result is None:
        return {}
    info: dict[str, Any] = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return info


def _deep_tree(data: bytes) -> object | None:
    """The page parsed without lxml's depth limit, when it is deeper than the limit; otherwise None."""
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import decode_file

    limited = HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
    huge = HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True,
                      huge_tree=True)
    text = decode_file(data)
    try:
        fromstring(text, parser=limited)
        if not any("depth" in str(e.message).lower() for e in limited.error_log):
            return None
        tree = fromstring(text, parser=huge)
    except Exception:
        return None
    if any("depth" in str(e.message).lower() for e in huge.error_log):
        raise TooDeep
    return tree


class TooDeep(Exception):
    """Nested deeper than lxml reads even without its usual limit (libxml2's 2048 levels)."""
