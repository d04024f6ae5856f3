"""``habar corpus show|iob`` and ``habar evaluate agreement``: the annotated corpus (``corpus/``, read from
``../shared``). Thin, like the rest of the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from habar.cli.app import _fail, _output, _reported, _usage, app, evaluate_app
from habar.cli.help import HelpTyper
from habar.errors import HabarError

corpus_app = HelpTyper(help="The annotated corpus of real Kazakh news (docs/annotation.md).", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

CORPUS_OPTION = typer.Option("--corpus", help="The corpus folder (default: ./corpus when it exists).")
DATA_OPTION = typer.Option("--data", help="The shared data folder the corpus points into (default: ../shared/data).")


def _folders(corpus: Path | None, data: Path | None) -> tuple[Path, Path]:
    from habar.evaluate.corpus import default_corpus, default_data

    corpus = corpus or default_corpus()
    data = data or default_data()
    if corpus is None or not (corpus / "splits.toml").is_file():
        raise _usage("no corpus: give --corpus DIR (a folder with splits.toml)")
    if data is None or not data.is_dir():
        raise _usage("no shared data: give --data DIR (the folder the corpus's sources are in)")
    return corpus, data


@corpus_app.command("show")
def corpus_show(
    name: Annotated[str, typer.Argument(help="A document of the corpus, e.g. tengri_m001 or lead_0123.",
                                        show_default=False)],
    corpus: Annotated[Path | None, CORPUS_OPTION] = None,
    data: Annotated[Path | None, DATA_OPTION] = None,
    read_test: Annotated[bool, typer.Option(
        "--read-test", help="Show a document of the test split too (it is scored, never read while writing rules).")
    ] = False,
) -> None:
    """Print a document's text with its annotations, read from the shared data (the corpus holds offsets only).
    A test-split document is refused unless --read-test says so: its errors are looked at only as counts."""
    from habar.cli.render import write_corpus_document
    from habar.evaluate.corpus import load, splits

    corpus, data = _folders(corpus, data)
    where = splits(corpus)
    if name not in where:
        raise _usage(f"{name}: not a document of {corpus / 'splits.toml'}")
    if where[name] == "test" and not read_test:
        raise _usage(f"{name} is in the test split: it is scored, never read while writing rules "
                     "(--read-test shows it anyway)")
    try:
        doc = next(d for d in load(corpus, data) if d.name == name)
    except StopIteration:
        raise _usage(f"{name}: listed in splits.toml but {corpus / 'docs' / (name + '.json')} is missing") from None
    except HabarError as exc:
        raise _fail(exc) from None
    with _reported("output"), _output(None) as out:
        write_corpus_document(doc, out)


@corpus_app.command("iob")
def corpus_iob(
    split: Annotated[str, typer.Option("--split", help="train or test.")] = "train",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    corpus: Annotated[Path | None, CORPUS_OPTION] = None,
    data: Annotated[Path | None, DATA_OPTION] = None,
) -> None:
    """The entity layer as IOB2 (token label per line) with habar's tokenisation, for `habar train ner`."""
    from habar.evaluate.corpus import to_iob

    if split not in ("train", "test"):
        raise _usage(f"--split must be train or test, not {split!r}")
    corpus, data = _folders(corpus, data)
    with _reported("output"), _output(output) as out:
        for sentence in to_iob(corpus, data, split):
            out.write("".join(f"{w} {lab}\n" for w, lab in sentence) + "\n")


@evaluate_app.command("agreement")
def evaluate_agreement(
    corpus: Annotated[Path | None, CORPUS_OPTION] = None,
    data: Annotated[Path | None, DATA_OPTION] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
) -> None:
    """Inter-annotator agreement per layer: the second annotation of each doubly annotated document against
    the first, with the measures of `habar evaluate articles`."""
    from habar.evaluate.corpus import agreement
    from habar.evaluate.layers import format_layers

    corpus, data = _folders(corpus, data)
    try:
        report = agreement(corpus, data)
    except HabarError as exc:
        raise _fail(exc) from None
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_layers(report, "agreement"))
