"""habar: reads Kazakh-language news and turns each article into structured, checkable facts.

The public face: :func:`analyze`, :func:`load`, :class:`Document`, :class:`Archive` and :func:`lemmatize`.
They are imported on first use, so that ``import habar`` (and ``habar --version``) does not load the models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from habar.errors import HabarError, InputError, UsageError

if TYPE_CHECKING:
    from habar.archive import Archive
    from habar.document import Document
    from habar.morph.analyser import lemmatize
    from habar.pipeline import analyze, load

__version__ = "0.1.0"
__all__ = ["Archive", "Document", "HabarError", "InputError", "UsageError", "analyze", "lemmatize", "load",
           "__version__"]

_LAZY = {"Archive": "habar.archive", "Document": "habar.document", "lemmatize": "habar.morph.analyser",
         "analyze": "habar.pipeline", "load": "habar.pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'habar' has no attribute {name!r}")
