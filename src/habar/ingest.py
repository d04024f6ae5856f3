"""Read, analyse and store: the one path from inputs to the archive (``habar ingest``, ``habar.ingest``).

It sits above both the pipeline and the archive: :mod:`habar.archive` stores and queries Documents and knows
nothing of how they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from habar.archive import Archive, IngestSummary
from habar.document import Document
from habar.pipeline import Rejected, analyze_stream
from habar.read import Item, read_inputs


def ingest(archive: Archive, paths: Iterable[str], *, published: str | None = None,
           max_bytes: int = 10_000_000, progress: Callable[[str], None] | None = None,
           report: Callable[[str], None] | None = None, ner: str = "fast") -> IngestSummary:
    """Analyse and store the articles under ``paths`` (the same inputs as ``habar analyze``).

    ``progress`` is called with 'stored', 'duplicate', 'near-duplicate', 'skipped' or 'failed' after each
    input; ``report`` with a one-line message for each failed input; ``ner``: the entity tagger
    (:func:`habar.pipeline.load`).
    """
    return ingest_items(archive, read_inputs(paths, max_bytes=max_bytes), published=published, progress=progress,
                        report=report, ner=ner)


def ingest_items(archive: Archive, items: Iterable[Item], *, published: str | None = None,
                 progress: Callable[[str], None] | None = None,
                 report: Callable[[str], None] | None = None, ner: str = "fast") -> IngestSummary:
    """Analyse and store articles already read (:class:`habar.read.Article` items, or the failures and skips
    of a reader, which are counted): what :func:`ingest` does after reading, and ``POST /ingest`` after
    parsing its request."""
    summary = IngestSummary()

    def documents() -> Iterator[Document]:
        # an article whose content hash is stored already is not analysed again (a resumed ingest)
        for result in analyze_stream(items, published, known=archive.has, ner=ner):
            if isinstance(result, Rejected) and result.stored_as is not None:
                summary.duplicate += 1
                if progress:
                    progress("duplicate")
                continue
            if isinstance(result, Rejected):
                if result.skipped:
                    summary.skipped += 1
                    if progress:
                        progress("skipped")
                    continue
                summary.failed += 1
                summary.failures.append(str(result))
                if report:
                    report(str(result))
                if progress:
                    progress("failed")
                continue
            summary.documents.append(result.id)
            yield result

    archive.add(documents(), summary=summary, progress=progress)
    return summary
