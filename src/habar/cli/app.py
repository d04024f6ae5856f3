"""The ``habar`` command. Thin: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 all inputs succeeded, 1 some input failed (each failure is one line on stderr naming the
file and the problem), 2 usage error. No Python traceback reaches the user.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from habar import __version__
from habar.cli.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE  # noqa: F401  (the exit codes, for callers)
from habar.cli.errors import fail as _fail
from habar.cli.errors import reported as _reported
from habar.cli.errors import say as _say
from habar.cli.errors import usage as _usage
from habar.cli.help import HelpTyper
from habar.errors import HabarError, UsageError

app = HelpTyper(
    name="habar",
    help="Read Kazakh-language news and turn each article into structured, checkable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@contextmanager
def _output(path: Path | None):  # type: ignore[no-untyped-def]
    """stdout, or a file written next to its final place and moved there when complete."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = path.resolve()
    if target.is_dir():
        raise UsageError(f"-o {path}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise UsageError(f"-o {path}: folder {target.parent} does not exist")
    from habar.files import atomic_text

    with atomic_text(target) as fh:
        yield fh


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not fail again on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's captured stdout)
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"habar {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """habar: Kazakh news -> structured, checkable facts."""


# options that analyze and ingest share
PUBLISHED_OPTION = typer.Option("--published", help="Publication date YYYY-MM-DD for inputs that carry none.")
MAX_SIZE_OPTION = typer.Option("--max-size", help="Largest article to read, in MB (JSONL: largest line).")
QUIET_OPTION = typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
ALL_LANGUAGES_OPTION = typer.Option(
    "--all-languages", help="Run the Kazakh stages on sentences in every language (by default a sentence in "
                            "another language gets no entities, quotations, events or dates).")
NER_OPTION = typer.Option(
    "--ner", help="Entity tagger: fast (the CRF alone) or accurate (CRF + neural tagger: +3.2 entity F1 on news, "
                  "+1.7 on KazNERD, about a third of the tagging speed). Default: $HABAR_NER, else fast.")


def _ner_mode(mode: str | None) -> str:
    """The entity tagger the command asked for (``--ner``, else ``$HABAR_NER``, else fast), checked: a setting
    passed to the pipeline, not written anywhere."""
    from habar.ner.tagger import MODES, check_mode

    chosen = mode if mode is not None else os.environ.get("HABAR_NER", "") or "fast"
    try:
        return check_mode(chosen)
    except UsageError:
        raise _usage(f"--ner must be {' or '.join(MODES)}, not {chosen!r}") from None


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt .html .warc .warc.gz .jsonl), folders (read recursively, sorted), "
                            "or - for stdin.", show_default=False),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: json, jsonl, text or conllu.")
    ] = "json",
    published: Annotated[str | None, PUBLISHED_OPTION] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    max_size: Annotated[float, MAX_SIZE_OPTION] = 10.0,
    quiet: Annotated[bool, QUIET_OPTION] = False,
    ner: Annotated[str | None, NER_OPTION] = None,
    all_languages: Annotated[bool, ALL_LANGUAGES_OPTION] = False,
) -> None:
    """Analyse articles and print one Document per article.

    --format json prints one JSON object for one article and a JSON array for several; jsonl prints one
    Document per line; text prints a readable summary; conllu prints tokens and sentences as CoNLL-U.
    """
    from habar.cli.render import FORMATS
    from habar.fields import check_date

    if fmt not in FORMATS:
        raise _usage(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    mode = _ner_mode(ner)
    if max_size <= 0:
        raise _usage("--max-size must be a positive number of MB")
    try:
        published = check_date(published, "--published")
    except UsageError as exc:
        raise _usage(str(exc)) from None
    try:
        with _output(output) as out:
            counts = _run_analyze(paths, fmt, published, out, int(max_size * 1_000_000), quiet, mode,
                                  all_languages)
    except UsageError as exc:
        raise _usage(str(exc)) from None
    except BrokenPipeError:
        # the reader went away (``| head``): a quiet, normal end, as coreutils have it
        _silence_stdout()
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        _say(f"error: cannot write output ({exc.strerror or exc})")
        raise typer.Exit(EXIT_FAILED) from None
    if counts["failed"]:
        raise typer.Exit(EXIT_FAILED)


def _count_inputs(paths: list[str]) -> tuple[bool, int | None]:
    """Whether there are several inputs (for the progress bar), and how many articles when that is known
    without reading them: files and folders of single-article files (not JSON Lines or web archives)."""
    from habar.read.dispatch import JSONL_SUFFIXES, KNOWN_SUFFIXES, WARC_SUFFIXES, suffix_of

    several = len(paths) > 1 or any(Path(p).is_dir() or p.lower().endswith((".jsonl", ".ndjson", ".warc",
                                                                            ".warc.gz")) for p in paths if p != "-")
    total = 0
    for p in paths:
        path = Path(p)
        files = [path] if p == "-" or not path.is_dir() else \
            [f for f in path.rglob("*") if f.is_file() and not any(part.startswith(".") for part in
                                                                   f.relative_to(path).parts)]
        for f in files:
            suffix = suffix_of(f)
            if suffix in JSONL_SUFFIXES or suffix in WARC_SUFFIXES:
                return several, None
            if f is path or suffix in KNOWN_SUFFIXES:
                total += 1
    return several, total


PROGRESS_EVERY = 50
"""Off a terminal, the progress is one line per this many documents."""


class _Progress:
    """A progress bar on a terminal; elsewhere (a file, a pipe) one plain line per :data:`PROGRESS_EVERY`
    documents with the count, the total when known, and the rate since the line before."""

    def __init__(self, desc: str, total: int | None, disable: bool) -> None:
        import time

        self.desc, self.total, self.disable = desc, total, disable
        self.count = 0
        self.tty = sys.stderr.isatty()
        self.bar = None
        self._clock = time.monotonic
        self._last = (0, self._clock())
        if not disable and self.tty:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, desc=desc, leave=False)

    def update(self, n: int = 1) -> None:
        self.count += n
        if self.disable:
            return
        if self.bar is not None:
            self.bar.update(n)
            return
        if self.count - self._last[0] >= PROGRESS_EVERY:
            now = self._clock()
            rate = (self.count - self._last[0]) / max(now - self._last[1], 1e-6)
            of = f" of {self.total}" if self.total else ""
            print(f"{self.desc}: {self.count}{of} documents, {rate:.1f} doc/s", file=sys.stderr, flush=True)
            self._last = (self.count, now)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run_analyze(paths: list[str], fmt: str, published: str | None, out: TextIO, max_bytes: int,
                 quiet: bool, ner: str = "fast", all_languages: bool = False) -> dict[str, int]:
    from habar.archive.core import language_counts
    from habar.cli.render import STREAM_WRITERS
    from habar.fields import NOT_KAZAKH
    from habar.pipeline import Rejected, analyze_stream, not_kazakh
    from habar.read import read_inputs

    several, total = _count_inputs(paths)
    counts = {"analysed": 0, "skipped": 0, "failed": 0}
    languages: dict[str, int] = {}  # documents not in Kazakh, per language
    collected: list[dict[str, object]] = []
    bar = _Progress("habar analyze", total, disable=quiet or not several)
    writer = STREAM_WRITERS.get(fmt)
    try:
        for doc in analyze_stream(read_inputs(paths, max_bytes=max_bytes), published, ner=ner,
                                  all_languages=all_languages):
            if isinstance(doc, Rejected):
                if doc.skipped:
                    counts["skipped"] += 1
                    continue
                counts["failed"] += 1
                _say(str(doc))
                bar.update(1)
                continue
            for note in doc.warnings:
                if note.startswith(("decoded as", NOT_KAZAKH)):
                    _say(f"{doc.source}: {note}")
            counts["analysed"] += 1
            language = not_kazakh(doc)
            if language is not None:
                languages[language] = languages.get(language, 0) + 1
            if writer is not None:
                writer(doc, out)
            else:
                collected.append(doc.model_dump(mode="json"))
            bar.update(1)
    finally:
        bar.close()
    if writer is None and (collected or several):
        payload = collected[0] if len(collected) == 1 and not several else collected
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    if not quiet and (several or counts["failed"] or counts["skipped"]):
        _say(f"{counts['analysed']} analysed{language_counts(languages)}, {counts['skipped']} skipped, "
             f"{counts['failed']} failed")
    return counts


DB_OPTION = typer.Option("--db", help="The archive file (SQLite; created on first ingest).")


def _archive(db: Path, *, readonly: bool):  # type: ignore[no-untyped-def]
    from habar.archive import Archive

    return Archive(db, readonly=readonly)


DASK_OPTION = typer.Option(
    "--dask", help="Run the analysis on a Dask cluster: local (one worker per core), local:N (N worker processes) or "
                   "a scheduler address such as tcp://scheduler:8786.")
PARQUET_ONLY_OPTION = typer.Option(
    "--parquet-only", help="Write partitioned Parquet tables to this folder instead of storing in the archive.")
PARTITION_SIZE_OPTION = typer.Option(
    "--partition-size", help="Articles per partition for --dask / --parquet-only.")


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt .html .warc .warc.gz .jsonl), folders (read recursively, sorted), "
                            "or - for stdin.", show_default=False),
    ],
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
    published: Annotated[str | None, PUBLISHED_OPTION] = None,
    max_size: Annotated[float, MAX_SIZE_OPTION] = 10.0,
    quiet: Annotated[bool, QUIET_OPTION] = False,
    ner: Annotated[str | None, NER_OPTION] = None,
    dask: Annotated[str | None, DASK_OPTION] = None,
    parquet_only: Annotated[Path | None, PARQUET_ONLY_OPTION] = None,
    partition_size: Annotated[int, PARTITION_SIZE_OPTION] = 256,
    all_languages: Annotated[bool, ALL_LANGUAGES_OPTION] = False,
    update: Annotated[bool, typer.Option(
        "--update", help="Analyse again and replace a stored article when this input gives it another date "
                         "(--published, or its own) or url.")] = False,
) -> None:
    """Analyse articles and store them in the archive (again on the same inputs stores nothing new)."""
    from habar.fields import check_date

    if max_size <= 0:
        raise _usage("--max-size must be a positive number of MB")
    if partition_size < 1:
        raise _usage("--partition-size must be a positive number of articles")
    if update and (dask is not None or parquet_only is not None):
        raise _usage("--update replaces documents in an archive one process writes: not with --dask or "
                     "--parquet-only")
    if all_languages and (dask is not None or parquet_only is not None):
        raise _usage("--all-languages is not passed to partitioned ingests yet: not with --dask or --parquet-only")
    mode = _ner_mode(ner)
    try:
        published = check_date(published, "--published")
        if dask is not None:
            from habar.distributed import parse_cluster

            parse_cluster(dask)
    except HabarError as exc:
        raise _fail(exc) from None
    max_bytes = int(max_size * 1_000_000)
    if dask is not None or parquet_only is not None:
        _ingest_partitioned(paths, db, parquet_only, dask, published=published, max_bytes=max_bytes,
                            partition_size=partition_size, quiet=quiet, ner=mode)
        return
    from habar.ingest import ingest as run_ingest

    try:
        archive = _archive(db, readonly=False)
    except HabarError as exc:
        raise _fail(exc) from None
    bar = _Progress("habar ingest", _count_inputs(paths)[1], disable=quiet)
    summary = None
    try:
        summary = run_ingest(archive, paths, published=published, max_bytes=max_bytes,
                             progress=lambda outcome: bar.update(1), report=_say, ner=mode, update=update,
                             all_languages=all_languages)
    except HabarError as exc:
        bar.close()
        raise _fail(exc) from None
    finally:
        bar.close()
        archive.close()
    if not quiet:
        _say(summary.line())
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def _ingest_partitioned(paths: list[str], db: Path, parquet_only: Path | None, dask: str | None, *,
                        published: str | None, max_bytes: int, partition_size: int, quiet: bool,
                        ner: str = "fast") -> None:
    """``habar ingest`` with --dask and/or --parquet-only: partitions, on a cluster or in this process."""
    from contextlib import AbstractContextManager, nullcontext
    from typing import Any

    from habar.ingest import ingest_partitioned, ingest_parts

    bar = _Progress("habar ingest", None, disable=quiet)
    archive = None
    try:
        cluster: AbstractContextManager[Any]
        if dask is not None:
            from habar.distributed import connect, runner

            cluster = connect(dask, ner=ner)
        else:
            cluster = nullcontext(None)
        with cluster as client:
            run = runner(client) if client is not None else None
            options = dict(published=published, max_bytes=max_bytes, partition_size=partition_size, run=run,
                           on_part=lambda counts: bar.update(counts.inputs), ner=ner)
            if parquet_only is not None:
                parts = ingest_parts(paths, parquet_only, **options)  # type: ignore[arg-type]
            else:
                archive = _archive(db, readonly=False)
                summary = ingest_partitioned(archive, paths, report=_say, **options)  # type: ignore[arg-type]
    except HabarError as exc:
        bar.close()
        raise _fail(exc) from None
    finally:
        bar.close()
        if archive is not None:
            archive.close()
    if parquet_only is not None:
        for counts in parts:
            for line in counts.failures:
                _say(line)
        failed = sum(c.failed for c in parts)
        if not quiet:
            reused = sum(c.reused for c in parts)
            _say(f"{sum(c.documents for c in parts)} documents, {sum(c.skipped for c in parts)} skipped, {failed} "
                 f"failed, in {len(parts)} partitions ({reused} already written) under {parquet_only}")
    else:
        failed = summary.failed
        if not quiet:
            _say(summary.line())
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for (any form: Әзербайжан finds Әзербайжанға).")],
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
    entity: Annotated[str | None, typer.Option("--entity", help="Only articles that mention this entity.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Only articles with an event of this type (visit, meeting, ...).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many results.")] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
) -> None:
    """Search the archive: ranked (bm25), Kazakh endings understood, with highlighted snippets."""
    if fmt not in ("text", "json"):
        raise _usage(f"--format must be one of text, json, not {fmt!r}")
    try:
        with _archive(db, readonly=True) as archive:
            hits = archive.search(query, entity=entity, type=event_type, since=since, until=until, limit=limit)
    except HabarError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        _say("no results")
        return
    from habar.cli.render import highlight

    color = sys.stdout.isatty()
    for i, hit in enumerate(hits, 1):
        typer.echo(f"{i:>3}. {hit.title or '(no title)'}  [{hit.published or 'undated'}]")
        typer.echo(f"     {hit.url or hit.source or hit.id}")
        typer.echo(f"     {highlight(hit.snippet, hit.highlights, color)}")


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity name, a name variant, or a knowledge-base id.")],
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
    top: Annotated[int, typer.Option("--top", help="How many co-mentioned entities, quotes and events.")] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
) -> None:
    """One entity's profile: kind, knowledge-base id, name variants, mentions per month, co-mentioned
    entities, quotations and events."""
    if fmt not in ("text", "json"):
        raise _usage(f"--format must be one of text, json, not {fmt!r}")
    try:
        with _archive(db, readonly=True) as archive:
            prof = archive.entity(name, top=top)
    except HabarError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        typer.echo(json.dumps(prof.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{prof.name}  ({prof.kind or 'entity'}{', ' + prof.kb_id if prof.kb_id else ''})")
    typer.echo(f"  {prof.mentions} mentions in {prof.documents} articles")
    typer.echo("  names seen: " + ", ".join(f"{t} ({n})" for t, n in prof.variants))
    typer.echo("  mentions per month: " + ", ".join(f"{m}: {n}" for m, n in prof.per_month))
    if prof.co_mentioned:
        typer.echo("  most co-mentioned: " + ", ".join(f"{n} ({c})" for n, _, c in prof.co_mentioned))
    for q in prof.quotes:
        typer.echo(f"  quote [{q['published'] or 'undated'}] {_cut(q['text'] or '')}")
    for e in prof.events:
        typer.echo(f"  event [{e['date'] or e['published'] or 'undated'}] {e['type']} ({e['role']}): "
                   f"{e['evidence'] or ''}")
    if prof.others:
        typer.echo("  the name also matches: " + ", ".join(prof.others))


QUOTE_WIDTH = 200
"""Characters of a quotation the text view of ``habar entity`` shows; a longer one is cut, its length said."""


def _cut(text: str, width: int = QUOTE_WIDTH) -> str:
    """``text`` on one line; when longer than ``width``, its first words and ``… (N characters)``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    head = flat[:width].rsplit(" ", 1)[0] if " " in flat[:width] else flat[:width]
    return f"{head} … ({len(flat):,} characters)"


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet (a folder, one file per "
                                     "table), graphml (the co-mention graph) or conllu.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder (tables) or file (graphml, conllu).")],
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
) -> None:
    """Export documents, entities, mentions, quotations and events as tables, or the co-mention graph."""
    try:
        with _archive(db, readonly=True) as archive:
            files = archive.export(fmt, output)
    except HabarError as exc:
        raise _fail(exc) from None
    for f in files:
        typer.echo(str(f))


plot_app = HelpTyper(help="Draw plots from the archive (PNG or SVG by the file's extension).",
                       no_args_is_help=True)
app.add_typer(plot_app, name="plot")


@plot_app.command("timeline")
def plot_timeline(
    name: Annotated[str, typer.Argument(help="Entity name, name variant, or knowledge-base id.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="timeline.png or .svg")],
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
) -> None:
    """Mentions of one entity per month."""
    from habar.archive.plot import timeline

    try:
        with _archive(db, readonly=True) as archive:
            timeline(archive, name, output)
    except HabarError as exc:
        raise _fail(exc) from None


@plot_app.command("graph")
def plot_graph(
    output: Annotated[Path, typer.Option("--output", "-o", help="graph.png or .svg")],
    top: Annotated[int, typer.Option("--top", help="How many of the most mentioned entities.")] = 30,
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
) -> None:
    """The co-mention graph of the most mentioned entities."""
    from habar.archive.plot import graph

    try:
        with _archive(db, readonly=True) as archive:
            graph(archive, output, top=top)
    except HabarError as exc:
        raise _fail(exc) from None


@app.command()
def serve(
    db: Annotated[Path, DB_OPTION] = Path("habar.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Enable POST /ingest (needs --token); otherwise read-only.")
    ] = False,
    token: Annotated[
        str | None, typer.Option("--token", envvar="HABAR_TOKEN", show_envvar=True,
                                 help="The token POST /ingest requires (Authorization: Bearer TOKEN).")
    ] = None,
    max_body: Annotated[float, typer.Option("--max-body", help="Largest request body, in MB.")] = 5.0,
) -> None:
    """Serve the archive on the web: the JSON API (/docs describes it) and the search, article, entity and
    analyse-text pages. Read-only unless --allow-ingest is given with a token."""
    try:
        import uvicorn

        from habar.server import ServerConfig, create_app
    except ImportError as exc:
        raise _usage(f"habar serve needs the server extra ({exc.name} is missing): "
                     "pip install 'habar[server]'") from None
    if not 1 <= port <= 65535:
        raise _usage(f"--port must be between 1 and 65535, not {port}")
    if max_body <= 0:
        raise _usage("--max-body must be a positive number of MB")
    try:
        server_app = create_app(ServerConfig(db=db, allow_ingest=allow_ingest, token=token or None,
                                             max_body=int(max_body * 1_000_000)))
    except HabarError as exc:
        raise _fail(exc) from None
    shown = f"[{host}]" if ":" in host else host
    mode = "ingest enabled (token required)" if allow_ingest else "read-only"
    _say(f"serving {db} at http://{shown}:{port}/ ({mode}; API described at http://{shown}:{port}/docs)")
    uvicorn.run(server_app, host=host, port=port, log_level="warning")


def _shared(sub: str) -> Path | None:
    """``../shared/data/SUB`` beside the current folder, where a source checkout keeps the shared data."""
    from habar.evaluate.corpus import default_data

    data = default_data()
    return data / sub if data is not None and (data / sub).exists() else None

evaluate_app = HelpTyper(help="Measure habar against annotated data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("ud")
def evaluate_ud(
    path: Annotated[Path, typer.Argument(help="A CoNLL-U file with # text lines (e.g. UD Kazakh-KTB).",
                                         show_default=False)],
    write_predictions: Annotated[
        Path | None, typer.Option("--write-predictions", help="Also write habar's analysis as CoNLL-U here.")
    ] = None,
) -> None:
    """Run habar on the raw # text lines and print the CoNLL 2018 shared task measures.

    Tokens, Sentences, Words, UPOS, UFeats and Lemmas: precision, recall and F1, words aligned by
    character offsets as the official evaluation script does.
    """
    from habar.evaluate.ud import evaluate, format_table
    from habar.evaluate.ud import write_predictions as write_conllu

    if not path.is_file():
        raise _usage(f"{path}: no such file")
    with _reported("predictions"):
        result = evaluate(path)
        typer.echo(format_table(result.scores))
        if write_predictions is not None:
            with _output(write_predictions) as out:
                write_conllu(result.documents, out)


@evaluate_app.command("articles")
def evaluate_articles(
    folder: Annotated[Path | None, typer.Argument(
        help="The corpus (a folder with splits.toml; default ./corpus), or a folder of NAME.txt articles with "
             "annotations/NAME.json gold facts.", show_default=False)] = None,
    split: Annotated[str, typer.Option("--split", help="Corpus split to score: test, train or all.")] = "test",
    data: Annotated[Path | None, typer.Option(
        "--data", help="The shared data folder the corpus points into (default: ../shared/data).")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD to anchor relative dates.")
    ] = None,
    details: Annotated[bool, typer.Option("--details", help="List every missed and extra quotation and event "
                                                            "(articles folder only).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    ner: Annotated[str | None, NER_OPTION] = None,
) -> None:
    """Score habar on annotated news: on the corpus, every layer (entities exact and as clusters, quotations,
    speakers, events with their arguments, dates, site furniture) of one split; on an articles folder,
    quotation P/R/F1, speaker accuracy, event P/R/F1 and boilerplate leaked."""
    from habar.evaluate.corpus import default_corpus, default_data, evaluate_split
    from habar.fields import check_date

    folder = folder or default_corpus()
    if folder is None:
        raise _usage("no folder given and no ./corpus here")
    if (folder / "splits.toml").is_file():
        if split not in ("test", "train", "all"):
            raise _usage(f"--split must be one of test, train, all, not {split!r}")
        from habar.evaluate.layers import format_layers

        data = data or default_data()
        if data is None:
            raise _usage("no --data folder given and no ../shared/data here")
        try:
            layers = evaluate_split(folder, data, None if split == "all" else split, _ner_mode(ner))
        except HabarError as exc:
            raise _fail(exc) from None
        typer.echo(json.dumps(layers.as_dict(), indent=2) if as_json else format_layers(layers, f"{split} split"))
        return
    from habar.evaluate.articles import evaluate_articles as run_eval
    from habar.evaluate.articles import format_report

    try:
        published = check_date(published, "--published")
        report = run_eval(folder, published=published, ner=_ner_mode(ner))
    except UsageError as exc:
        raise _usage(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(format_report(report, details=details))


@evaluate_app.command("search")
def evaluate_search(
    data: Annotated[
        Path | None, typer.Option("--data", help="Folder with articles.jsonl and queries.jsonl (pg_kazsearch "
                                  "format); default: ../shared/data/search-eval when it exists.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
) -> None:
    """Recall@10 and MRR@10 of habar's search next to a plain FTS5 index (no stemming), in the same run."""
    from tqdm import tqdm

    from habar.evaluate.search import evaluate_search as run

    if fmt not in ("text", "json"):
        raise _usage(f"--format must be one of text, json, not {fmt!r}")
    data = data or _shared("search-eval")
    if data is None:
        raise _usage("no --data folder given and no ../shared/data/search-eval here")
    bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, desc="ingesting", leave=False)
    try:
        scores = run(data, progress=lambda outcome: bar.update(1))
    except HabarError as exc:
        raise _fail(exc) from None
    finally:
        bar.close()
    if fmt == "json":
        typer.echo(json.dumps([s.__dict__ for s in scores], indent=2))
        return
    typer.echo(f"{'search':<28} {'recall@10':>9} {'MRR@10':>7} {'ms/query':>9}  ({scores[0].queries} queries)")
    for s in scores:
        typer.echo(f"{s.name:<28} {s.recall:>9.3f} {s.mrr:>7.3f} {s.ms_per_query:>9.2f}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of Document (the exchange format)."""
    from habar.document import document_schema

    typer.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))


train_app = HelpTyper(help="Train habar's models.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@evaluate_app.command("ner")
def evaluate_ner(
    iob: Annotated[Path, typer.Argument(help="IOB2 file: 'token label' per line, blank line between sentences.")],
    model: Annotated[
        Path | None, typer.Option("--model", help="A model from `habar train ner` (default: the shipped one).")
    ] = None,
    write_predictions: Annotated[
        Path | None,
        typer.Option("--write-predictions", help="Write 'token predicted-label' lines, same layout as the input."),
    ] = None,
    ner: Annotated[str | None, NER_OPTION] = None,
) -> None:
    """Score the entity tagger on an IOB2 file: micro and per-class precision, recall, exact-match F1."""
    from habar.evaluate.ner import evaluate
    from habar.ner.tagger import MODES, NerTagger, shipped_tagger

    mode = _ner_mode(ner)
    with _reported("predictions"):
        tagger = NerTagger(model, neural=MODES[mode]) if model is not None else shipped_tagger(mode)
        result = evaluate(tagger, iob, write_predictions)
    typer.echo(result.score.table())
    typer.echo(f"{result.tokens} tokens tagged at {result.tokens_per_second:,.0f} tokens/s")


@train_app.command("ner")
def train_ner(
    train: Annotated[Path, typer.Option("--train", help="IOB2 training file (KazNERD layout).")],
    dev: Annotated[
        Path | None, typer.Option("--dev", help="IOB2 file scored after training (and picks the network's epoch).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the model.")] = Path("ner.crfsuite"),
    crf_only: Annotated[
        bool, typer.Option("--crf-only", help="Train the CRF alone, without the neural half (no PyTorch needed).")
    ] = False,
    add: Annotated[
        list[Path] | None,
        typer.Option("--add", help="More IOB2 training sentences after --train, e.g. the corpus train split from "
                     "`habar corpus iob --split train -o FILE` (repeatable)."),
    ] = None,
    add_repeat: Annotated[
        int | None, typer.Option("--add-repeat", help="How many times the --add sentences are repeated (their "
                                 "weight; default: habar.train.ner.ADD_REPEAT, chosen by cross-validation).")
    ] = None,
    network: Annotated[
        Path | None,
        typer.Option("--network", help="Pair the new CRF with this trained neural half (a .nn.npz) instead of "
                     "training one (no PyTorch needed)."),
    ] = None,
    silver: Annotated[
        list[Path] | None,
        typer.Option("--silver", help="Machine-labelled IOB2 sentences, each added once (self-training: "
                     "`python tools/silver_leads.py FILE` labels the unlabelled search-eval leads; repeatable)."),
    ] = None,
) -> None:
    """Train the entity tagger (deterministic: the same data gives the same model)."""
    from habar.evaluate.ner import evaluate
    from habar.ner.tagger import NerTagger, neural_path
    from habar.train.ner import ADD_REPEAT, train_sentences, training_sentences

    with _reported("the model"):
        if not crf_only and network is None:  # what the run needs, checked before the CRF's minutes of training
            from habar.train.ner_neural import require_torch

            require_torch()
        given_files = [("--train", train), ("--dev", dev), ("--network", network), *(("--add", a) for a in add or []),
                       *(("--silver", a) for a in silver or [])]
        for what, given in given_files:
            if given is not None and not given.is_file():
                raise UsageError(f"{what} {given}: no such file")
        sentences = training_sentences(train, add or [], ADD_REPEAT if add_repeat is None else add_repeat,
                                       silver or [])
        path = train_sentences(sentences, output)
        typer.echo(f"CRF written to {path} ({path.stat().st_size / 1e6:.1f} MB)")
        # a network left beside the file from an earlier training would be combined with this CRF
        kept = network.read_bytes() if network is not None and not crf_only else None
        neural_path(path).unlink(missing_ok=True)
        if kept is not None:
            import tempfile

            from habar.train.ner_neural import pair_network

            with tempfile.TemporaryDirectory() as tmp:
                (Path(tmp) / "network.nn.npz").write_bytes(kept)
                nn_path = pair_network(Path(tmp) / "network.nn.npz", neural_path(path), path)
            typer.echo(f"neural tagger {network} paired with the CRF in {nn_path}")
        elif not crf_only:
            from habar.train.ner_neural import train_neural

            nn_path = train_neural(train, neural_path(path), dev, crf_path=path, say=typer.echo, sentences=sentences)
            typer.echo(f"neural tagger written to {nn_path} ({nn_path.stat().st_size / 1e6:.1f} MB)")
        if dev is not None:
            result = evaluate(NerTagger(path, neural=not crf_only), dev)
            typer.echo(result.score.table())


def main() -> None:
    """Entry point of the ``habar`` command."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(130)
    except HabarError as exc:
        sys.exit(_fail(exc).exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
