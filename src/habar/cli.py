"""The ``habar`` command. Thin: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 all inputs succeeded, 1 some input failed (each failure is one line on stderr naming the
file and the problem), 2 usage error. No Python traceback reaches the user.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from habar import __version__
from habar.errors import HabarError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="habar",
    help="Read Kazakh-language news and turn each article into structured, checkable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _say(message: str) -> None:
    """One line on stderr, above any progress bar."""
    from tqdm import tqdm

    tqdm.write(f"habar: {message}", file=sys.stderr)


def _usage(message: str) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(EXIT_USAGE)


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
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt .html .jsonl), folders (read recursively, sorted), or - for stdin.",
                       show_default=False),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: json, jsonl, text or conllu.")
    ] = "json",
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD for inputs that carry none."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    max_size: Annotated[
        float, typer.Option("--max-size", help="Largest article to read, in MB (JSONL: largest line).")
    ] = 10.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
) -> None:
    """Analyse articles and print one Document per article.

    --format json prints one JSON object for one article and a JSON array for several; jsonl prints one
    Document per line; text prints a readable summary; conllu prints tokens and sentences as CoNLL-U.
    """
    from habar.output import FORMATS
    from habar.pipeline import check_date

    if fmt not in FORMATS:
        raise _usage(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if max_size <= 0:
        raise _usage("--max-size must be a positive number of MB")
    try:
        published = check_date(published, "--published")
    except UsageError as exc:
        raise _usage(str(exc)) from None
    try:
        with _output(output) as out:
            counts = _run_analyze(paths, fmt, published, out, int(max_size * 1_000_000), quiet)
    except UsageError as exc:
        raise _usage(str(exc)) from None
    except OSError as exc:
        _say(f"error: cannot write output ({exc.strerror or exc})")
        raise typer.Exit(EXIT_FAILED) from None
    if counts["failed"]:
        raise typer.Exit(EXIT_FAILED)


def _count_inputs(paths: list[str]) -> tuple[bool, int | None]:
    """Whether there are several inputs (for the progress bar), and how many files when that is cheap."""
    several = len(paths) > 1 or any(Path(p).is_dir() or p.lower().endswith((".jsonl", ".ndjson")) for p in paths
                                    if p != "-")
    return several, None


def _run_analyze(paths: list[str], fmt: str, published: str | None, out: TextIO, max_bytes: int,
                 quiet: bool) -> dict[str, int]:
    from tqdm import tqdm

    from habar.output import STREAM_WRITERS
    from habar.pipeline import analyze_article
    from habar.read import Article, Failure, Skip, read_inputs

    several, total = _count_inputs(paths)
    counts = {"analysed": 0, "skipped": 0, "failed": 0}
    collected: list[dict[str, object]] = []
    bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=quiet or not several, dynamic_ncols=True,
               desc="habar analyze", leave=False)
    writer = STREAM_WRITERS.get(fmt)
    try:
        for item in read_inputs(paths, max_bytes=max_bytes):
            if isinstance(item, Skip):
                counts["skipped"] += 1
                continue
            if isinstance(item, Failure):
                counts["failed"] += 1
                _say(str(item))
                bar.update(1)
                continue
            assert isinstance(item, Article)
            try:
                doc = analyze_article(item, default_published=published)
            except HabarError as exc:
                counts["failed"] += 1
                _say(f"{item.source}: {exc}")
                bar.update(1)
                continue
            except Exception as exc:  # a bug must not stop the batch or print a traceback
                counts["failed"] += 1
                _say(f"{item.source}: internal error while analysing ({type(exc).__name__}: {exc})")
                bar.update(1)
                continue
            for note in doc.warnings:
                if note.startswith("decoded as"):
                    _say(f"{item.source}: {note}")
            counts["analysed"] += 1
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
        _say(f"{counts['analysed']} analysed, {counts['skipped']} skipped, {counts['failed']} failed")
    return counts


evaluate_app = typer.Typer(help="Measure habar against annotated data.", no_args_is_help=True)
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
    from habar.train.ud_eval import evaluate, format_table
    from habar.train.ud_eval import write_predictions as write_conllu

    if not path.is_file():
        raise _usage(f"{path}: no such file")
    try:
        result = evaluate(path)
        typer.echo(format_table(result.scores))
        if write_predictions is not None:
            with _output(write_predictions) as out:
                write_conllu(result.documents, out)
    except UsageError as exc:
        raise _usage(str(exc)) from None
    except HabarError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(EXIT_FAILED) from None
    except OSError as exc:
        _say(f"error: cannot write predictions ({exc.strerror or exc})")
        raise typer.Exit(EXIT_FAILED) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of Document (the exchange format)."""
    from habar.document import document_schema

    typer.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point of the ``habar`` command."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(130)
    except HabarError as exc:
        _say(f"error: {exc}")
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":  # pragma: no cover
    main()
