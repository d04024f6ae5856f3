"""Read, analyse and store: the one path from inputs to the archive (``habar ingest``, ``habar.ingest``).

It sits above both the pipeline and the archive: :mod:`habar.archive` stores and queries Documents and knows
nothing of how they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from habar.archive import Archive, IngestSummary
from habar.document import Document
from habar.pipeline import Rejected, analyze_stream
from habar.read import read_inputs


def ingest(archive: Archive, paths: Iterable[str], *, published: str | None = None,
           max_bytes: int = 10_000_000, progress: Callable[[str], None] | None = None,
           report: Callable[[str], None] | None = None) -> IngestSummary:
    """Analyse and store the articles under ``paths`` (the same inputs as ``habar analyze``).

    ``progress`` is called with 'stored', 'duplicate', 'near-duplicate', 'skipped' or 'failed' after each
    input; ``report`` with a one-line message for each failed input.
    """
    summary = IngestSummary()

    def documents() -> Iterator[Document]:
        # an article whose content hash is stored already is not analysed again (a resumed ingest)
        for result in analyze_stream(read_inputs(paths, max_bytes=max_bytes), published, known=archive.has):
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
            yield result

    archive.add(documents(), summary=summary, progress=progress)
    return summary
