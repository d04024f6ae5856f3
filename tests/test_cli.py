"""The habar command: every option of `analyze`, `schema`, and every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import conllu
import pytest
from typer.testing import CliRunner

from habar.cli import app

from .conftest import EXAMPLE, ROOT

KK = "Біз бүгін кең ауқымды мәселелер жөнінде жемісті келіссөз жүргіздік. Қазақстан мен Әзербайжан дос."


@pytest.fixture()
def run():  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def _err_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith("habar: ")]


def test_json_one_document(run) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(EXAMPLE))
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["title"] == "Бакуге сапар – нәтижелі сапар болды"
    assert doc["dateline"] == "Баку" and doc["agency"] == "ҚазАқпарат" and doc["language"] == "kk"
    assert doc["published"] is None
    assert r.stderr == ""  # one input: no progress bar, no summary


def test_published_option(run) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(EXAMPLE), "--published", "2022-08-24")
    assert json.loads(r.stdout)["published"] == "2022-08-24"


def test_jsonl_several_inputs_progress_and_summary(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Бірінші\n" + KK, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Екінші\n" + KK, encoding="utf-8")
    r = run("analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "jsonl")
    assert r.exit_code == 0
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["title"] for d in docs] == ["Бірінші", "Екінші"]
    assert "\r" not in r.stderr  # off a terminal, no frames of a progress bar (lines per 50 documents)
    assert _err_lines(r)[-1] == "habar: 2 analysed, 0 skipped, 0 failed"


def test_json_array_for_several(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("А\n" + KK, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Б\n" + KK, encoding="utf-8")
    r = run("analyze", str(tmp_path), "-f", "json", "--quiet")
    assert r.exit_code == 0 and r.stderr == ""
    assert [d["title"] for d in json.loads(r.stdout)] == ["А", "Б"]


def test_text_format(run) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(EXAMPLE), "--format", "text")
    assert r.exit_code == 0
    assert "Бакуге сапар – нәтижелі сапар болды" in r.stdout
    assert "dateline  Баку" in r.stdout and "agency  ҚазАқпарат (citing Ақорда)" in r.stdout
    assert "[kk]" in r.stdout
    entities = r.stdout.split("\nentities\n", 1)[1].split("\n\n", 1)[0]
    aliyev = next(line for line in entities.splitlines() if "Ильхам Әлиев" in line)
    assert aliyev.split()[0] == "PERSON" and "Ильхам Гейдарұлы Әлиевке" in aliyev and "Ильхам Гейдароғлу" in aliyev


def test_conllu_format_parses(run) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(EXAMPLE), "--format", "conllu")
    assert r.exit_code == 0
    sentences = conllu.parse(r.stdout)
    assert len(sentences) == 30
    assert sentences[0].metadata["text"] == "Бакуге сапар – нәтижелі сапар болды"
    assert [t["form"] for t in sentences[0]] == ["Бакуге", "сапар", "–", "нәтижелі", "сапар", "болды"]
    last = sentences[-1]
    assert last[-1]["form"] == "." and last[-2]["misc"] == {"SpaceAfter": "No"}


def test_output_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.json"
    r = run("analyze", str(EXAMPLE), "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["dateline"] == "Баку"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_output_to_missing_folder_is_usage_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(EXAMPLE), "-o", str(tmp_path / "no" / "out.json"))
    assert r.exit_code == 2 and "does not exist" in r.stderr


def test_stdin(run) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", "-", input=("Тақырып\n\n" + KK).encode())
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["source"] == "-" and doc["title"] == "Тақырып"


def test_max_size_option(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text("Т\n" + KK * 30, encoding="utf-8")  # about 5 KB
    r = run("analyze", str(f), "--max-size", "0.001")
    assert r.exit_code == 1
    assert _err_lines(r) == [f"habar: {f}: 5.4 kB is larger than the 1 kB limit for one article "
                             "(raise it with --max-size, or split it into JSON Lines)",
                             "habar: 0 analysed, 0 skipped, 1 failed"]
    assert run("analyze", str(f), "--max-size", "0.01").exit_code == 0


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30, "binary file, not text"),
        ("latin1.txt", "Le président a déclaré à Genève qu'il était très content.".encode("latin-1"),
         "not text in any encoding habar reads (tried UTF-8, UTF-16, cp1251 and KZ-1048)"),
        ("nothing.html", b"<html><head><title>t</title></head><body></body></html>",
         "no article text found in the HTML (broken or empty page)"),
    ],
)
def test_bad_input_one_line_and_others_go_on(run, tmp_path: Path, name: str, content: bytes,  # type: ignore[no-untyped-def]
                                             problem: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Жақсы\n" + KK, encoding="utf-8")
    r = run("analyze", str(bad), str(good), "-f", "jsonl")
    assert r.exit_code == 1
    assert [json.loads(line)["title"] for line in r.stdout.splitlines()] == ["Жақсы"]
    assert _err_lines(r) == [f"habar: {bad}: {problem}", "habar: 1 analysed, 0 skipped, 1 failed"]
    assert "Traceback" not in r.stderr


def test_broken_html_is_analysed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "broken.html"
    f.write_text(f"<html><body><div><p>{KK} {KK}<p>{KK}<div><b>соңы", encoding="utf-8")
    r = run("analyze", str(f))
    assert r.exit_code == 0 and "жемісті келіссөз" in json.loads(r.stdout)["text"]


def test_cp1251_and_utf16_are_said(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ru = tmp_path / "ru.txt"
    ru.write_bytes("Встреча\nПрезидент провел встречу с журналистами в столице.".encode("cp1251"))
    kk = tmp_path / "kk.txt"
    kk.write_bytes(("Кездесу\n" + KK).encode("utf-16"))
    r = run("analyze", str(ru), str(kk), "-f", "jsonl")
    assert r.exit_code == 0
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert docs[0]["warnings"] == ["decoded as cp1251 (not UTF-8)", "not Kazakh (ru): the Kazakh stages did not "
                                   "read it (--all-languages makes them)"] and docs[0]["language"] == "ru"
    assert docs[1]["warnings"] == ["decoded as UTF-16 (byte-order mark)"] and docs[1]["title"] == "Кездесу"
    assert f"habar: {ru}: decoded as cp1251 (not UTF-8)" in _err_lines(r)


def test_jsonl_input_bad_lines(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "in.jsonl"
    f.write_text('{"text": "' + KK + '", "title": "Бір"}\n{oops\n{"title": "мәтінсіз"}\n', encoding="utf-8")
    r = run("analyze", str(f), "-f", "jsonl")
    assert r.exit_code == 1
    assert [json.loads(x)["title"] for x in r.stdout.splitlines()] == ["Бір"]
    assert _err_lines(r) == [
        f"habar: {f}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"habar: {f}:3: no 'text' field (each line needs a non-empty string 'text')",
        "habar: 1 analysed, 0 skipped, 2 failed",
    ]


def test_folder_with_symlink_loop(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("А\n" + KK, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    r = run("analyze", str(tmp_path), "-f", "jsonl")
    assert r.exit_code == 1
    assert len(r.stdout.splitlines()) == 1
    assert _err_lines(r) == [
        f"habar: {tmp_path / 'loop'}: symbolic link loop (points back to a folder above it); not followed",
        "habar: 1 analysed, 1 skipped, 1 failed",
    ]


def test_missing_path(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(tmp_path / "nope.txt"), str(EXAMPLE), "-f", "jsonl")
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 1
    assert _err_lines(r)[0] == f"habar: {tmp_path / 'nope.txt'}: no such file or folder"


def test_all_failed_exit_1(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze", str(tmp_path / "nope.txt"))
    assert r.exit_code == 1 and r.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "x.txt", "--format", "xml"], "--format must be one of json, jsonl, text, conllu, not 'xml'"),
        (["analyze", "x.txt", "--published", "24.08.2022"],
         "--published must be a date in the form YYYY-MM-DD, got '24.08.2022'"),
        (["analyze", "x.txt", "--max-size", "0"], "--max-size must be a positive number of MB"),
    ],
)
def test_usage_errors_exit_2(run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    r = run(*args)
    assert r.exit_code == 2
    assert _err_lines(r) == [f"habar: error: {message}"]


def test_no_paths_is_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    r = run("analyze")
    assert r.exit_code == 2 and "Missing argument" in r.stderr


def test_schema(run) -> None:  # type: ignore[no-untyped-def]
    r = run("schema")
    schema = json.loads(r.stdout)
    assert schema["title"] == "Document"
    assert {"id", "text", "sentences", "tokens", "title", "dateline", "language"} <= set(schema["properties"])


def test_version(run) -> None:  # type: ignore[no-untyped-def]
    import habar

    assert run("--version").stdout.strip() == f"habar {habar.__version__}"


def test_installed_command_no_traceback(tmp_path: Path) -> None:
    """The real entry point: a bad input and a good one, a one-line error, exit 1, no traceback."""
    habar_bin = Path(sys.executable).parent / "habar"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    proc = subprocess.run([str(habar_bin), "analyze", str(bad), str(EXAMPLE), "-f", "jsonl", "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"habar: {bad}: binary file, not text"
    assert json.loads(proc.stdout)["dateline"] == "Баку"


def test_hundred_megabyte_file_is_refused_quickly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(("Т\n" + KK).encode())
        fh.truncate(100 * 1_000_000)  # sparse: the size check happens before any read
    r = run("analyze", str(big), str(EXAMPLE), "-f", "jsonl")
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 1
    assert _err_lines(r)[0] == (f"habar: {big}: 100 MB is larger than the 10 MB limit for one article "
                                "(raise it with --max-size, or split it into JSON Lines)")
