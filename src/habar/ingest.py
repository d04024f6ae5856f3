"""Read, analyse and store: the one path from inputs to the archive (``habar ingest``, ``habar.ingest``).

It sits above both the pipeline and the archive: :mod:`habar.archive` stores and queries Documents and knows
nothing of how they were made.

The same three steps run in one process (:func:`ingest`) or partition by partition (:func:`ingest_parts`):
the inputs are cut into partitions (:mod:`habar.read.parts`), each partition is read and analysed with the
same readers and :func:`habar.pipeline.analyze_stream`, and stored as Parquet files of its own
(:mod:`habar.archive.parquet`); :func:`merge_parts` then stores those Documents in an archive in the input's
order, through the same :meth:`habar.archive.Archive.add`, so the archive is the one :func:`ingest` makes.
Who runs the partitions is a parameter (``run``): this process, one after the other, by default;
:mod:`habar.distributed` runs them on a Dask cluster.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from habar.archive import Archive, IngestSummary
from habar.archive.parquet import DONE, PLAN, SCHEMAS, PartCounts, PartWriter, read_documents, read_failures, written
from habar.document import Document
from habar.errors import ClusterError, PartitionsLost, UsageError
from habar.pipeline import Rejected, Result, analyze_stream
from habar.read import Item, read_inputs
from habar.read.parts import Part, plan_key, plan_parts, read_part

PARTITION_SIZE = 256
"""Articles per partition by default: small enough that a lost worker costs little work, large enough that
the entity tagger's batches stay full and a 10-million-article corpus makes about 40,000 files per table."""

Task = Callable[[Part], PartCounts]
Runner = Callable[[list[Part], Task], Iterable[PartCounts]]
"""Runs ``task`` on every partition (in any order, anywhere) and gives each partition's counts as it is done;
after giving what was done, raises :class:`habar.errors.PartitionsLost` naming the partitions it lost."""


def ingest(archive: Archive, paths: Iterable[str], *, published: str | None = None,
           max_bytes: int = 10_000_000, progress: Callable[[str], None] | None = None,
           report: Callable[[str], None] | None = None, ner: str = "fast", update: bool = False,
           all_languages: bool = False) -> IngestSummary:
    """Analyse and store the articles under ``paths`` (the same inputs as ``habar analyze``).

    ``progress`` is called with 'stored', 'updated', 'duplicate', 'near-duplicate', 'skipped' or 'failed' after
    each input; ``report`` with a one-line message for each failed input; ``ner``: the entity tagger
    (:func:`habar.pipeline.load`). ``update``: an article already stored (the same content hash) whose input
    gives it another publication date or url is analysed again and replaces the stored document (its dates
    and events are anchored to the new date); without it such an article is a duplicate, counted as ``stale``.
    An article with no sentence in Kazakh is stored with its language and words only (counted, when stored, in
    ``not_kazakh``), unless ``all_languages`` (:mod:`habar.stages.kazakh`).
    """
    return ingest_items(archive, read_inputs(paths, max_bytes=max_bytes), published=published, progress=progress,
                        report=report, ner=ner, update=update, all_languages=all_languages)


def ingest_items(archive: Archive, items: Iterable[Item], *, published: str | None = None,
                 progress: Callable[[str], None] | None = None,
                 report: Callable[[str], None] | None = None, ner: str = "fast",
                 update: bool = False, all_languages: bool = False) -> IngestSummary:
    """Analyse and store articles already read (:class:`habar.read.Article` items, or the failures and skips
    of a reader, which are counted): what :func:`ingest` does after reading, and ``POST /ingest`` after
    parsing its request."""
    summary = IngestSummary()

    def known(doc_id: str, date: str | None, url: str | None) -> bool:
        # an article whose content hash is stored already is not analysed again (a resumed ingest), unless
        # its input gives it another date or url and ``update`` asks for the stored one to be replaced
        stored = archive.stored_metadata(doc_id)
        if stored is None:
            return False
        if (date is None or date == stored[0]) and (url is None or url == stored[1]):
            return True  # nothing new (an input without a date or url does not take the stored one away)
        if update:
            return False
        summary.stale += 1
        return True

    results = analyze_stream(items, published, known=known, ner=ner, all_languages=all_languages)
    return store(archive, results, summary=summary,
                 progress=progress, report=report, replace=update)


def store(archive: Archive, results: Iterable[Result | dict[str, object]], *,
          summary: IngestSummary | None = None, progress: Callable[[str], None] | None = None,
          report: Callable[[str], None] | None = None, replace: bool = False) -> IngestSummary:
    """The store step: Documents (or their dicts) into the archive, each rejected input counted (and each
    failed one reported); ``replace``: as :meth:`habar.archive.Archive.add`."""
    summary = summary or IngestSummary()

    def documents() -> Iterator[Document | dict[str, object]]:
        for result in results:
            if isinstance(result, Rejected) and result.stored_as is not None:
                summary.duplicate += 1
                if progress:
                    progress("duplicate")
                continue
            if isinstance(result, Rejected):
                _count_rejected(summary, str(result), skipped=result.skipped, progress=progress, report=report)
                continue
            summary.documents.append(result.id if isinstance(result, Document) else str(result["id"]))
            yield result

    archive.add(documents(), summary=summary, progress=progress, replace=replace)
    return summary


def _count_rejected(summary: IngestSummary, line: str, *, skipped: bool, progress: Callable[[str], None] | None,
                    report: Callable[[str], None] | None) -> None:
    if skipped:
        summary.skipped += 1
        if progress:
            progress("skipped")
        return
    summary.failed += 1
    summary.failures.append(line)
    if report:
        report(line)
    if progress:
        progress("failed")


# ---------------------------------------------------------------- partition by partition


def ingest_part(part: Part, folder: Path, *, published: str | None = None, max_bytes: int = 10_000_000,
                ner: str = "fast") -> PartCounts:
    """Read, analyse and store one partition as Parquet files in ``folder``; a partition already written
    there is left as it is. An input that fails is a row of the failures table, never a failed partition."""
    done = written(folder, part.number)
    if done is not None:
        return done
    started = time.perf_counter()
    writer = PartWriter(folder, part.number)
    for result in analyze_stream(read_part(part, max_bytes), published, ner=ner):
        if isinstance(result, Rejected):
            writer.failure(result.source, result.reason, skipped=result.skipped)
            continue
        try:
            writer.document(result.model_dump(mode="json"))
        except Exception as exc:  # one Document that cannot be tabled must not lose its partition
            writer.failure(result.source or result.id, f"internal error while storing ({type(exc).__name__}: "
                                                       f"{exc})", skipped=False)
    writer.counts.seconds = time.perf_counter() - started
    return writer.commit()


def in_process(parts: list[Part], task: Task) -> Iterator[PartCounts]:
    """The default runner: every partition in this process, one after the other."""
    for part in parts:
        yield task(part)


def _claim(folder: Path, key: str, parts: list[Part], paths: list[str], *, replace: bool) -> None:
    """Make ``folder`` this ingest's: new, or already holding this very plan (a rerun). A folder holding
    another ingest's output is emptied when ``replace``, otherwise refused."""
    plan = folder / PLAN
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is a file; the Parquet output is a folder")
    if plan.is_file():
        try:
            found = json.loads(plan.read_text(encoding="utf-8")).get("key")
        except (OSError, ValueError):
            found = None
        if found == key:
            return
        if not replace:
            raise UsageError(f"{folder}: holds the Parquet output of another ingest (other inputs, or inputs "
                             "changed since, or other options); give a new folder or remove this one")
        for name in [*SCHEMAS, DONE]:
            shutil.rmtree(folder / name, ignore_errors=True)
    elif folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder}: not empty and not a habar Parquet output; give a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = plan.with_name(f".{PLAN}.tmp")
    tmp.write_text(json.dumps({"key": key, "inputs": paths, "parts": len(parts),
                               "articles": sum(p.articles for p in parts)}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    tmp.replace(plan)


def ingest_parts(paths: Iterable[str], folder: str | Path, *, published: str | None = None,
                 max_bytes: int = 10_000_000, partition_size: int = PARTITION_SIZE, run: Runner | None = None,
                 on_part: Callable[[PartCounts], None] | None = None, replace: bool = False,
                 ner: str = "fast") -> list[PartCounts]:
    """Read, analyse and store the inputs under ``paths`` as partitioned Parquet in ``folder``
    (:mod:`habar.archive.parquet`); returns every partition's counts, in order.

    Run again on the same inputs and folder, it writes only the partitions that are not there yet (a run
    that was interrupted, or lost a worker, is completed). ``run`` runs the partitions (default: this
    process); ``on_part`` is called as each partition is found written or gets written; ``ner``: the entity
    tagger (:func:`habar.pipeline.load`)."""
    from habar import __version__
    from habar.ner.tagger import check_mode

    paths = list(paths)
    folder = Path(folder).resolve()
    parts = plan_parts(paths, partition_size)
    ner = check_mode(ner)
    key = plan_key(parts, published=published, max_bytes=max_bytes, ner=ner, habar=__version__)
    _claim(folder, key, parts, paths, replace=replace)
    counts: dict[int, PartCounts] = {}
    pending = []
    for part in parts:
        done = written(folder, part.number)
        if done is None:
            pending.append(part)
            continue
        counts[part.number] = done
        if on_part:
            on_part(done)
    task = partial(ingest_part, folder=folder, published=published, max_bytes=max_bytes, ner=ner)
    if pending:
        try:
            for done in (run or in_process)(pending, task):
                counts[done.number] = done
                if on_part:
                    on_part(done)
        except PartitionsLost as exc:
            # a worker can die after writing a partition and before saying so: what is written is done
            for number in exc.numbers:
                found = written(folder, number)
                if found is not None:
                    counts[number] = found
                    if on_part:
                        on_part(found)
            missing = [n for n in exc.numbers if n not in counts]
            if missing:
                raise ClusterError(
                    f"{len(missing)} of {len(parts)} partitions were not written (partition {missing[0]}: "
                    f"{exc.reason}); the {len(parts) - len(missing)} others are kept in {folder}: run the same "
                    "command again to complete them") from None
    return [counts[part.number] for part in parts]


def merge_parts(archive: Archive, folder: str | Path, *, progress: Callable[[str], None] | None = None,
                report: Callable[[str], None] | None = None) -> IngestSummary:
    """Store the Documents of a Parquet output (:func:`ingest_parts`) in ``archive``, in the input's order,
    and count (and report) its failed and skipped inputs: the archive and the summary are those of
    :func:`ingest` on the same inputs."""
    folder = Path(folder)
    try:
        parts = int(json.loads((folder / PLAN).read_text(encoding="utf-8"))["parts"])
    except (OSError, ValueError, KeyError) as exc:
        raise UsageError(f"{folder}: not a habar Parquet output (no readable {PLAN}: {exc})") from None
    missing = [n for n in range(parts) if written(folder, n) is None]
    if missing:
        raise UsageError(f"{folder}: {len(missing)} of {parts} partitions are not written yet (the first: "
                         f"{missing[0]}); run the same ingest again to complete them")
    summary = IngestSummary()
    for row in read_failures(folder, parts):
        _count_rejected(summary, f"{row['source']}: {row['reason']}", skipped=bool(row["skipped"]),
                        progress=progress, report=report)
    return store(archive, read_documents(folder, parts), summary=summary, progress=progress, report=report)


def staging_folder(archive: Archive) -> Path:
    """Where a partitioned ingest into ``archive`` keeps its Parquet partitions until they are merged."""
    return archive.path.with_name(f"{archive.path.name}.parts")


def ingest_partitioned(archive: Archive, paths: Iterable[str], *, published: str | None = None,
                       max_bytes: int = 10_000_000, partition_size: int = PARTITION_SIZE, run: Runner | None = None,
                       on_part: Callable[[PartCounts], None] | None = None,
                       progress: Callable[[str], None] | None = None,
                       report: Callable[[str], None] | None = None, ner: str = "fast") -> IngestSummary:
    """:func:`ingest_parts` into a folder beside the archive (:func:`staging_folder`), then
    :func:`merge_parts`; the folder is removed once merged. Interrupted (or with a partition lost), the same
    call again computes only the partitions not written yet."""
    folder = staging_folder(archive)
    ingest_parts(paths, folder, published=published, max_bytes=max_bytes, partition_size=partition_size,
                 run=run, on_part=on_part, replace=True, ner=ner)
    summary = merge_parts(archive, folder, progress=progress, report=report)
    shutil.rmtree(folder, ignore_errors=True)
    return summary
