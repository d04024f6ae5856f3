"""Language knowledge kept as data (DESIGN convention 2). Files here ship in the package."""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

_PKG = "habar.resources"


def path(name: str) -> Path:
    """Filesystem path of a resource file shipped with habar."""
    return Path(str(resources.files(_PKG).joinpath(name)))


def read_text(name: str) -> str:
    return resources.files(_PKG).joinpath(name).read_text(encoding="utf-8")


def word_list(name: str) -> list[str]:
    """Lines of a list file, without blank lines and ``#`` comments."""
    out = []
    for line in read_text(name).splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def toml(name: str) -> dict[str, Any]:
    return tomllib.loads(read_text(name))


def tsv(name: str) -> list[dict[str, str]]:
    rows = read_text(name).splitlines()
    return list(csv.DictReader(rows, delimiter="\t"))


@cache
def month_names() -> dict[str, int]:
    """Kazakh month name (lower case, nominative) -> month number, from the CLDR table."""
    out: dict[str, int] = {}
    for row in tsv("months_weekdays_kk.cldr.tsv"):
        if row["kind"] == "month":
            out[row["wide_format"].lower()] = int(row["index"])
    return out


@cache
def tsv_rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file whose header follows ``#`` comment lines."""
    rows = [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))
