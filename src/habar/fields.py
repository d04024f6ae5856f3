"""Values of the exchange format's fields that need no model: the event types and the date form.

Kept apart from :mod:`habar.document` (the pydantic models) so that the archive's reading commands
(``habar search``, ``habar entity``) check a ``--type`` or a ``--since`` without building the models: importing
``habar.document`` costs about 65 ms of start-up. :mod:`habar.document` re-exports both names.
"""

from __future__ import annotations

import datetime as dt

from habar.errors import UsageError

EVENT_TYPES = ("visit", "meeting", "agreement", "proposal", "appeal", "praise", "criticism", "appointment",
               "award", "legal", "protest", "violence", "disaster", "gathering", "economic", "other")
"""Every ``Event.type``, in the order of docs/format.md."""

NOT_KAZAKH = "not Kazakh"
"""How ``Document.warnings`` says that a document has no sentence in Kazakh, so the Kazakh stages did not read
it: ``not Kazakh (ru): ...`` (:mod:`habar.stages.kazakh`)."""


def not_kazakh(language: str | None, warnings: list[str]) -> str | None:
    """The language of a document whose warnings say it is not Kazakh, else None."""
    return (language or "und") if any(w.startswith(NOT_KAZAKH) for w in warnings) else None


def check_date(value: str | None, what: str = "published") -> str | None:
    """Validate a YYYY-MM-DD date; raise UsageError naming the expected form."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{what} must be a date in the form YYYY-MM-DD, got {value!r}") from None
