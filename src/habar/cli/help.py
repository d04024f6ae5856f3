"""What ``--help`` prints for a parameter: a word a user recognises, not the Python type.

Typer shows a parameter's annotation (``<bool>``, ``<list[str]>``, ``<path>``) after each option and wraps a
required argument in braces in the usage line (``habar analyze [OPTIONS] {paths}...``). Commands made with
:class:`HelpTyper` show instead what the value looks like (``--published YYYY-MM-DD``, ``--max-size MB``,
``--db FILE``), nothing after a flag, and arguments as ``PATH...`` / ``QUERY``, as in docs/cli.md.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

VALUE_OF: dict[str, str] = {
    "--published": "YYYY-MM-DD", "--since": "YYYY-MM-DD", "--until": "YYYY-MM-DD",
    "--max-size": "MB", "--max-body": "MB", "--db": "FILE", "--format": "FORMAT", "--ner": "MODE",
    "--top": "N", "--limit": "N", "--port": "N", "--host": "ADDRESS", "--token": "TOKEN", "--entity": "NAME",
    "--type": "TYPE", "--split": "SPLIT", "--model": "FILE", "--train": "FILE", "--dev": "FILE",
    "--corpus": "FOLDER", "--data": "FOLDER", "--write-predictions": "FILE", "--dask": "CLUSTER",
    "--parquet-only": "FOLDER", "--partition-size": "N",
}
"""The value word of an option, by its long name; other options get one from their type."""

ARGUMENT_OF: dict[str, str] = {"paths": "PATH", "path": "FILE", "folder": "FOLDER"}
"""The usage word of an argument, by its parameter name; other arguments are their name in capitals."""

_BY_TYPE = {"int": "N", "float": "NUMBER", "path": "PATH", "file": "FILE", "directory": "FOLDER"}


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        long = next((o for o in self.opts if o.startswith("--")), "")
        if long in VALUE_OF:
            return VALUE_OF[long]
        label = self.display_type(ctx).strip("<>")
        return label if "|" in label else _BY_TYPE.get(label, "TEXT")  # a choice shows its values


class _Argument(TyperArgument):
    @property
    def display_name_raw(self) -> str:
        if self.metavar is not None:
            return self.metavar
        return ARGUMENT_OF.get(self.name or "", (self.name or "").upper())

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = _Option  # same state, another way of showing it
        elif type(param) is TyperArgument:
            param.__class__ = _Argument
    return params


class HelpCommand(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class HelpGroup(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class HelpTyper(typer.Typer):
    """A :class:`typer.Typer` whose groups and commands print their parameters as :mod:`habar.cli.help` says."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", HelpGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", HelpCommand)
        return super().command(*args, **kwargs)
