"""habar: reads Kazakh-language news and turns each article into structured, checkable facts.

The public face: :func:`analyze`, :func:`load`, :class:`Document`, :class:`Archive` and :func:`lemmatize`.
"""

from __future__ import annotations

from habar.archive import Archive
from habar.document import Document
from habar.errors import HabarError, InputError, UsageError
from habar.pipeline import analyze, load
from habar.stages.morph import lemmatize

__version__ = "0.1.0"
__all__ = ["Archive", "Document", "HabarError", "InputError", "UsageError", "analyze", "lemmatize", "load",
           "__version__"]
