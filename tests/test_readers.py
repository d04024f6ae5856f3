"""Readers: encodings, HTML, JSON Lines, folders, and the problems each reports."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from habar.errors import InputError
from habar.read import Article, Failure, Skip, read_inputs
from habar.read.encoding import decode

KK = "Біз бүгін кең ауқымды мәселелер жөнінде жемісті келіссөз жүргіздік. Қазақстан мен Әзербайжан."
RU = "Президент провел встречу с журналистами. Они обсудили экономику и торговлю."
MB = 1_000_000


def _items(paths: list[str], max_bytes: int = 10 * MB, stdin: bytes | None = None) -> list:  # type: ignore[type-arg]
    return list(read_inputs(paths, max_bytes=max_bytes, stdin=io.BytesIO(stdin) if stdin is not None else None))


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (KK.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + KK.encode("utf-8"), None),
        (KK.encode("utf-16"), "decoded as UTF-16 (byte-order mark)"),
        (KK.encode("utf-16-le"), "decoded as UTF-16-LE (no byte-order mark)"),
        (KK.encode("utf-16-be"), "decoded as UTF-16-BE (no byte-order mark)"),
        (KK.encode("kz1048"), "decoded as KZ-1048 (not UTF-8)"),
        (RU.encode("cp1251"), "decoded as cp1251 (not UTF-8)"),
    ],
)
def test_encodings_recognised(data: bytes, note: str | None) -> None:
    text, said = decode(data, "f.txt")
    assert text in (KK, RU)
    assert said == note


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary file, not text"),
        ("Le président a déclaré que l'économie était très forte à Genève.".encode("latin-1"),
         "not text in any encoding habar reads"),
        (bytes(range(128, 256)) * 10, "not text in any encoding habar reads"),
    ],
)
def test_not_text_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    assert str(err.value).startswith(f"bad.txt: {problem}")


def test_text_file_with_title_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Тақырып\n" + KK, encoding="utf-8")
    (item,) = _items([str(f)])
    assert isinstance(item, Article) and item.text.startswith("Тақырып\n") and item.source == str(f)


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    items = _items([str(tmp_path / "empty.txt"), str(tmp_path / "blank.txt")])
    assert [(type(i), i.problem) for i in items] == [(Failure, "empty file"), (Failure, "empty file")]


def test_missing_path() -> None:
    (item,) = _items(["/no/such/file.txt"])
    assert isinstance(item, Failure) and item.problem == "no such file or folder"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 100 MB, sparse: nothing is read
        fh.truncate(100 * MB)
    (item,) = _items([str(big)])
    assert isinstance(item, Failure)
    assert "100 MB is larger than the 10 MB limit" in item.problem and "--max-size" in item.problem


def test_stdin_size_limit() -> None:
    (item,) = _items(["-"], max_bytes=100, stdin=("Т\n\n" + KK * 3).encode())
    assert isinstance(item, Failure) and item.source == "-" and "limit" in item.problem
    (item,) = _items(["-"], stdin=("Т\n\n" + KK).encode())
    assert isinstance(item, Article) and item.source == "-"


def test_html_through_trafilatura(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Бакуге сапар</title><meta name='date' content='2022-08-24'></head><body>"
        "<nav>Басты бет | Жаңалықтар</nav><article><h1>Бакуге сапар</h1>"
        f"<p>{KK} {KK}</p><p>{KK}</p></article><footer>© 2022 Сайт</footer></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    (item,) = _items([str(f)])
    assert isinstance(item, Article)
    assert item.title == "Бакуге сапар"
    assert item.published == "2022-08-24"
    assert item.text.startswith("Біз бүгін") and "Басты бет" not in item.text and "©" not in item.text


def test_html_without_text(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (item,) = _items([str(f)])
    assert isinstance(item, Failure) and "no article text found in the HTML" in item.problem


def test_broken_html_still_read(tmp_path: Path) -> None:
    f = tmp_path / "broken.html"
    f.write_text(f"<html><body><div><p>{KK} {KK}<p>{KK}<div><b>соңы", encoding="utf-8")
    (item,) = _items([str(f)])
    assert isinstance(item, Article) and "жемісті келіссөз" in item.text


def test_jsonl_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(
        '{"text": "Бірінші мақала.", "title": "Бір", "published": "2024-05-01", "url": "https://x.kz/1"}\n'
        "\n"
        "not json\n"
        '{"title": "no text"}\n'
        "[1, 2]\n"
        '{"text": "Екінші.", "published": "01.05.2024"}\n'
        '{"text": "Үшінші мақала."}\n',
        encoding="utf-8",
    )
    items = _items([str(f)])
    summary = [(type(i).__name__, i.source, getattr(i, "problem", "")) for i in items]
    assert summary == [
        ("Article", f"{f}:1", ""),
        ("Failure", f"{f}:3", "not valid JSON (Expecting value at column 1)"),
        ("Failure", f"{f}:4", "no 'text' field (each line needs a non-empty string 'text')"),
        ("Failure", f"{f}:5", "not a JSON object (got list)"),
        ("Failure", f"{f}:6", "'published' must be a date YYYY-MM-DD, got '01.05.2024'"),
        ("Article", f"{f}:7", ""),
    ]
    first = items[0]
    assert (first.title, first.published, first.url) == ("Бір", "2024-05-01", "https://x.kz/1")


def test_jsonl_long_line_is_bounded(tmp_path: Path) -> None:
    f = tmp_path / "long.jsonl"
    f.write_text('{"text": "' + "а" * 5000 + '"}\n{"text": "Қысқа."}\n', encoding="utf-8")
    items = _items([str(f)], max_bytes=1000)
    assert isinstance(items[0], Failure) and items[0].source == f"{f}:1" and "longer than" in items[0].problem
    assert isinstance(items[1], Article) and items[1].text == "Қысқа."


def test_folder_sorted_recursive_with_skips(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(KK, encoding="utf-8")
    (tmp_path / "a.txt").write_text(KK, encoding="utf-8")
    (tmp_path / "c.html").write_text(f"<html><body><p>{KK} {KK}</p></body></html>", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text(KK, encoding="utf-8")
    items = _items([str(tmp_path)])
    kinds = [(type(i).__name__, Path(i.source).name) for i in items]
    assert kinds == [("Article", "a.txt"), ("Article", "2.txt"), ("Article", "c.html"), ("Skip", "image.png")]
    assert isinstance(items[3], Skip)


def test_symlink_loop_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text(KK, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "d" / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "d" / "dangling.txt")
    items = _items([str(tmp_path)])
    failures = [i for i in items if isinstance(i, Failure)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [Path(a.source).name for a in articles] == ["x.txt"]
    problems = sorted(f.problem for f in failures)
    assert problems == ["broken symbolic link", "symbolic link loop (points back to a folder above it); not followed"]


def _warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_pages_are_articles(tmp_path: Path, name: str) -> None:
    page = f"<html><head><title>Сапар</title></head><body><article><p>{KK} {KK}</p><p>{KK}</p></article></body></html>"
    f = tmp_path / name
    _warc(f, [("https://kaz.example.kz/1", page.encode(), "text/html; charset=utf-8"),
              ("https://kaz.example.kz/logo.png", b"\x89PNG", "image/png"),
              ("https://kaz.example.kz/2", b"<html><body></body></html>", "text/html")])
    items = _items([str(f)])
    assert isinstance(items[0], Article)
    assert items[0].url == "https://kaz.example.kz/1" and items[0].title == "Сапар"
    assert items[0].source == f"{f}#1"
    # records that are not HTML pages are skipped and counted, not dropped silently
    assert isinstance(items[1], Skip) and items[1].source == f"{f}#2" and "image/png" in items[1].reason
    assert isinstance(items[2], Failure) and items[2].source == f"{f}#3"
    assert items[2].problem.startswith("https://kaz.example.kz/2: no article text found")
    assert len(items) == 3


def test_not_a_warc(tmp_path: Path) -> None:
    f = tmp_path / "bad.warc"
    f.write_bytes(b"this is not a web archive at all\n" * 10)
    (item,) = _items([str(f)])
    assert isinstance(item, Failure) and item.problem.startswith("not a WARC file")


def test_text_with_a_lone_surrogate_is_refused_in_one_line() -> None:
    """A str decoded with errors="surrogateescape" (or cut inside a character) is no Unicode text: analyze says
    so with the source's name instead of failing inside the tokenizer."""
    import habar

    with pytest.raises(InputError) as err:
        habar.analyze("Тақырып\n\nҚазақстан \udcd0 мен Әзербайжан.", source="cut.txt")
    assert str(err.value).startswith("cut.txt: not valid Unicode text") and "\n" not in str(err.value)
