"""The archive: a persistent, searchable store of analysed articles (SQLite with FTS5)."""

from __future__ import annotations

from habar.archive.core import Archive, IngestSummary

__all__ = ["Archive", "IngestSummary"]
