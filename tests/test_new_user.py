"""What a new user hits first (issue 18): hostile files, lost work, slow starts, a resumed ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from habar.cli import app
from habar.read import Article, Failure, read_inputs

from .conftest import EXAMPLE

KK = "Біз бүгін кең ауқымды мәселелер жөнінде жемісті келіссөз жүргіздік. Қазақстан мен Әзербайжан дос."
PAGE = (f"<html><head><title>Сапар</title></head><body><article><p>{KK} {KK}</p><p>{KK}</p></article>"
        "</body></html>")
runner = CliRunner()


def _warc(path: Path, pages: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for i in range(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://kaz.example.kz/{i}", "response",
                                                          payload=BytesIO(PAGE.encode()), http_headers=headers))
    return path.read_bytes()


def _items(path: Path) -> list[object]:
    return list(read_inputs([str(path)], max_bytes=10_000_000))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_truncated_warc_keeps_what_came_before_and_says_so(tmp_path: Path, name: str) -> None:
    data = _warc(tmp_path / name, 5)
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(data[:-200])
    items = _items(cut)  # before: AttributeError from warcio, or the cut record taken as whole
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == 4
    assert failures and failures[-1].source == str(cut)
    assert "damaged WARC file" in failures[-1].problem and "the 4 articles read before the damage were kept" in \
        failures[-1].problem


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_cut_to_300_bytes_is_reported(tmp_path: Path, name: str) -> None:
    data = _warc(tmp_path / name, 5)
    cut = tmp_path / f"short-{name}"
    cut.write_bytes(data[:300])
    items = _items(cut)  # before: nothing at all, rc 0
    assert not [i for i in items if isinstance(i, Article)]
    assert [i for i in items if isinstance(i, Failure) and "damaged WARC file" in i.problem]


def test_damaged_warc_does_not_sink_the_batch(tmp_path: Path) -> None:
    data = _warc(tmp_path / "crawl.warc.gz", 3)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.warc.gz").write_bytes(data[:-200])
    (tmp_path / "in" / "b.txt").write_text("Тақырып\n" + KK, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["analyze", str(tmp_path / "in"), "-f", "jsonl", "-o", str(out)])
    assert r.exit_code == 1
    assert out.exists()
    sources = [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sources[-1].endswith("b.txt") and len(sources) == 3  # two pages from before the damage, then b.txt
    assert "Traceback" not in r.output and "kept" in r.stderr


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_html_is_read(tmp_path: Path, depth: int) -> None:
    page = PAGE.replace("<article>", "<div>" * depth + "<article>").replace("</article>", "</article>" + "</div>" *
                                                                                depth)
    f = tmp_path / "deep.html"
    f.write_text(page, encoding="utf-8")
    (item,) = _items(f)  # before: "no article text found"
    assert isinstance(item, Article) and KK in item.text and item.title == "Сапар"


def test_html_deeper_than_lxml_reads_says_so(tmp_path: Path) -> None:
    f = tmp_path / "deeper.html"
    f.write_text(PAGE.replace("<article>", "<div>" * 3000 + "<article>"), encoding="utf-8")
    (item,) = _items(f)
    assert isinstance(item, Failure) and "nested more than 2048 levels deep" in item.problem


def test_a_few_nul_bytes_are_removed_and_said(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    data = ("Тақырып\n" + KK * 3).encode()
    f.write_bytes(data[:40] + b"\x00" + data[40:80] + b"\x00\x00" + data[80:])
    (item,) = _items(f)  # before: "binary file, not text"
    assert isinstance(item, Article) and "\x00" not in item.text
    assert item.warnings == ["3 NUL bytes removed"]


def test_many_nul_bytes_are_still_binary(tmp_path: Path) -> None:
    f = tmp_path / "bin.txt"
    f.write_bytes(bytes(range(256)) * 40)
    (item,) = _items(f)
    assert isinstance(item, Failure) and item.problem == "binary file, not text"


def test_partial_file_of_a_killed_run_is_removed_and_output_follows_umask(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    stale = tmp_path / ".out.jsonl.999999999.habar-partial"  # no process has this id
    stale.write_text("half of an earlier run killed with kill -9")
    old = os.umask(0o022)
    try:
        r = runner.invoke(app, ["analyze", str(EXAMPLE), "-f", "jsonl", "-o", str(out)])
        assert r.exit_code == 0, r.output
        tables = tmp_path / "tables"
        db = str(tmp_path / "a.db")
        assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db, "-q"]).exit_code == 0
        assert runner.invoke(app, ["export", "-f", "csv", "-o", str(tables), "--db", db]).exit_code == 0
        assert runner.invoke(app, ["export", "-f", "graphml", "-o", str(tmp_path / "g.graphml"), "--db", db]) \
            .exit_code == 0
    finally:
        os.umask(old)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    for f in [out, tmp_path / "g.graphml", *tables.iterdir()]:
        assert f.stat().st_mode & 0o777 == 0o644, f  # before: 0600 (mkstemp)


def test_closed_pipe_is_a_quiet_normal_end(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):  # more than a pipe holds
        (folder / f"a{i}.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    habar = Path(sys.executable).parent / "habar"
    r = subprocess.run(["bash", "-c", f"'{habar}' analyze '{folder}' -f jsonl -q | head -c 10 >/dev/null; "
                                      "echo rc=${PIPESTATUS[0]}"], capture_output=True, text=True, timeout=300)
    assert r.stdout.strip() == "rc=0" and r.stderr == ""  # before: "cannot write output (Broken pipe)", rc 1


def test_progress_off_a_terminal_is_lines_with_total_and_rate(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cli = sys.modules["habar.cli.app"]  # (habar.cli.app is also the name of the Typer app)
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 1)
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Тақырып {i}\n" + KK, encoding="utf-8")
    r = runner.invoke(app, ["analyze", str(tmp_path), "-f", "jsonl"])
    assert r.exit_code == 0
    assert "\r" not in r.stderr  # before: tqdm's frames
    lines = [line for line in r.stderr.splitlines() if line.startswith("habar analyze:")]
    assert [line.split(" documents")[0] for line in lines] == [f"habar analyze: {k} of 3" for k in (1, 2, 3)]
    assert all(line.endswith("doc/s") for line in lines)


def test_resumed_ingest_does_not_analyse_what_is_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import habar.pipeline

    db = str(tmp_path / "a.db")
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db, "-q"]).exit_code == 0

    def no_analysis(*args: object, **kwargs: object) -> None:
        raise AssertionError("analysed again")

    monkeypatch.setattr(habar.pipeline, "to_document", no_analysis)
    monkeypatch.setattr(habar.pipeline, "analyze_article", no_analysis)
    again = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db])
    assert again.exit_code == 0, again.output
    assert "0 stored, 1 duplicate" in again.output


def test_train_ner_without_pytorch_fails_before_training(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    import habar.train.ner

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else
                        real_find_spec(name, *a))
    monkeypatch.setattr(habar.train.ner, "train", lambda *a, **k: pytest.fail("the CRF trained first"))
    iob = tmp_path / "t.iob"
    iob.write_text("Тоқаев B-PERSON\nкелді O\n", encoding="utf-8")
    r = runner.invoke(app, ["train", "ner", "--train", str(iob), "-o", str(tmp_path / "m.crfsuite")])
    assert r.exit_code == 2 and "needs PyTorch" in r.output and "--crf-only" in r.output


def test_quick_commands_load_no_models(tmp_path: Path) -> None:
    """--version, schema, search, entity and export import none of the heavy libraries (start-up times are
    measured by bench/startup.py)."""
    from habar.archive import Archive

    db = tmp_path / "a.db"
    with Archive(db) as archive:
        archive.add([{"id": "d1", "text": "Қазақстан мен Әзербайжан дос.", "title": "Сапар",
                      "entities": [{"id": "e1", "label": "GPE", "name": "Қазақстан",
                                    "mentions": [{"start": 0, "end": 9, "text": "Қазақстан"}]}]}])
    heavy = ("spacy", "datasketch", "scipy", "trafilatura", "lingua", "matplotlib", "pyarrow", "torch")
    for args in (["--version"], ["schema"], ["search", "Қазақстан", "--db", str(db)],
                 ["entity", "Қазақстан", "--db", str(db)],
                 ["export", "-f", "csv", "-o", str(tmp_path / "t"), "--db", str(db)]):
        code = (f"import sys\nfrom habar.cli.app import app\ntry:\n    app({args!r}, standalone_mode=False)\n"
                f"except SystemExit:\n    pass\nprint('LOADED', sorted(m for m in {heavy!r} if m in sys.modules))")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert r.stdout.strip().splitlines()[-1] == "LOADED []", (args, r.stdout, r.stderr)


def test_search_and_entity_build_neither_the_lexicon_nor_the_document_models(tmp_path: Path) -> None:
    """search and entity need the verb stems of the search stemmer, not the analyser's whole lexicon (a 1 MB
    TSV parsed into a dict: 0.1 s), and the event types and date check, not the pydantic models (65 ms)."""
    from habar.archive import Archive

    db = tmp_path / "a.db"
    with Archive(db) as archive:
        archive.add([{"id": "d1", "text": "Қазақстан мен Әзербайжанның өкілдері келіссөздер жүргізді.",
                      "title": "Сапар", "published": "2022-08-24",
                      "entities": [{"id": "e1", "label": "GPE", "name": "Қазақстан",
                                    "mentions": [{"start": 0, "end": 9, "text": "Қазақстан"}]}]}])
    for args in (["search", "Әзербайжанның келіссөздері", "--db", str(db), "--since", "2022-01-01",
                  "--type", "visit"], ["entity", "Қазақстанның", "--db", str(db)]):
        code = (f"import sys\nfrom habar.cli.app import app\ntry:\n    app({args!r}, standalone_mode=False)\n"
                "except SystemExit:\n    pass\nfrom habar.morph import analyser, stems\n"
                "print('STEMS', stems.word_stems.cache_info().currsize > 0, 'LEXICON',"
                " analyser.lexicon.cache_info().currsize, 'DOCUMENT', 'habar.document' in sys.modules)")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert r.stdout.strip().splitlines()[-1] == "STEMS True LEXICON 0 DOCUMENT False", (args, r.stdout, r.stderr)


def _entity(eid: str, label: str, name: str, spans: list[tuple[int, int]], text: str) -> dict[str, object]:
    return {"id": eid, "label": label, "name": name,
            "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]}


def test_entity_found_by_surname_and_inflected_form_most_mentioned_first(tmp_path: Path) -> None:
    from habar.archive import Archive

    text = "Қасым-Жомарт Тоқаев. Тоқаевтың. Дональд Трамп. Трамп. Трамп. Трамп келді."
    ents = [_entity("e1", "PERSON", "Қасым-Жомарт Тоқаев", [(0, 19), (21, 30)], text),
            _entity("e2", "PERSON", "Дональд Трамп", [(32, 45), (47, 52), (54, 59)], text),
            _entity("e3", "GPE", "Трамп", [(61, 66)], text)]
    with Archive(tmp_path / "a.db") as archive:
        archive.add([{"id": "d1", "text": text, "title": "Сапар", "entities": ents}])
        assert archive.entity("Тоқаев").name == "Қасым-Жомарт Тоқаев"  # before: "no entity called 'Тоқаев'"
        assert archive.entity("Тоқаевтың").name == "Қасым-Жомарт Тоқаев"
        trump = archive.entity("Трамп")  # before: the mis-tagged GPE with one mention
        assert (trump.name, trump.kind, trump.others) == ("Дональд Трамп", "PERSON", ["Трамп"])


def _command_paths() -> list[list[str]]:
    import click
    import typer.main

    out: list[list[str]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        out.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return out


def test_help_shows_words_not_python_types() -> None:
    """--help printed <bool>, <list[str]>, <path> after options and {paths} in the usage line."""
    import re

    paths = _command_paths()
    assert len(paths) > 15
    for path in paths:
        r = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
        assert r.exit_code == 0, (path, r.output)
        assert not re.search(r"<[a-z][\w\[\], |]*>", r.output), (path, r.output)
        usage = next(line for line in r.output.splitlines() if "Usage:" in line)
        assert "{" not in usage and "}" not in usage, (path, usage)
    for command in ("analyze", "ingest"):
        out = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
        assert all(kind in out for kind in (".txt", ".html", ".warc", ".jsonl")), out
        assert f"habar {command} [OPTIONS] PATH..." in out and re.search(r"--published +YYYY-MM-DD", out), out


RU = ("Токаев провел переговоры с Алиевым в Баку\n\nБАКУ. Президент Казахстана Касым-Жомарт Токаев провел переговоры "
      "с президентом Азербайджана Ильхамом Алиевым. «Мы обсудили широкий круг вопросов и подписали декларацию», — "
      "заявил Токаев журналистам. Стороны подписали соглашение о сотрудничестве. Визит продлится два дня.")
EN = ("Tokayev holds talks with Aliyev in Baku\n\nBAKU. Kazakh President Kassym-Jomart Tokayev held talks with "
      "Azerbaijani President Ilham Aliyev on Wednesday. \"We discussed a wide range of issues and signed a "
      "declaration,\" Tokayev told reporters. The sides signed an agreement on transport cooperation.")
LATIN = ("Bakuge sapar – nätijelı sapar boldy\n\nBAKU. Qazaqstan Prezidentı Qasym-Jomart Toqaev pen Äzırbaijan "
         "prezidentı İlham Äliev kelıssözder qorytyndysy boiynşa BAQ ökılderı üşın mälımdeme jasady. «Bız bügın keñ "
         "auqymdy mäseleler jönınde jemıstı kelıssöz jürgızdık», – dep mälımdedı Memleket basşysy. Ekı el "
         "arasyndağy yntymaqtastyq turaly deklarasiiağa qol qoiyldy.")


@pytest.mark.parametrize(("text", "language"), [(RU, "ru"), (EN, "en")])
def test_an_article_in_another_language_gets_no_kazakh_facts(text: str, language: str) -> None:
    """Before: a Russian article got 'entities' such as POSITION 'Токаев провел переговоры с Алиевым в Баку'."""
    import habar

    doc = habar.analyze(text, published="2022-08-24")
    assert doc.language == language and {s.language for s in doc.sentences} == {language}
    assert (doc.entities, doc.quotes, doc.events, doc.dates, doc.keywords) == ([], [], [], [], [])
    assert {t.pos for t in doc.tokens} == {"X"} and all(t.lemma == t.text for t in doc.tokens)
    assert any(w.startswith(f"not Kazakh ({language})") for w in doc.warnings)
    forced = habar.analyze(text, published="2022-08-24", all_languages=True)  # the option still forces them
    assert forced.entities and not any(w.startswith("not Kazakh") for w in forced.warnings)


def test_kazakh_stages_read_only_the_kazakh_sentences() -> None:
    import habar

    kk = "Қасым-Жомарт Тоқаев бүгін Бакуге ресми сапармен барды. Ол Ильхам Әлиевпен келіссөз жүргізді."
    ru = "Президент Казахстана Касым-Жомарт Токаев провел переговоры с президентом Азербайджана Ильхамом Алиевым."
    doc = habar.analyze(f"Сапар\n\n{kk} {ru}", published="2022-08-24")
    ru_start = doc.text.index(ru[:20])
    assert [s.language for s in doc.sentences][-1] == "ru"
    assert doc.entities and all(m.end <= ru_start for e in doc.entities for m in e.mentions)
    assert doc.events and all(ev.evidence.start < ru_start for ev in doc.events)
    assert {t.pos for t in doc.tokens if t.start >= ru_start} == {"X"}
    assert not any(w.startswith("not Kazakh") for w in doc.warnings)


def test_latin_script_kazakh_is_read_into_cyrillic_with_its_offsets() -> None:
    import habar

    doc = habar.analyze(LATIN, published="2022-08-24")
    assert doc.language == "kk" and doc.text.startswith("Бакуге сапар – нәтижелі сапар болды\n\nБАКУ. Қазақстан")
    assert "Latin-script Kazakh (the 2021 alphabet) read into Cyrillic" in doc.warnings[0]
    names = {e.name for e in doc.entities if e.label == "PERSON"}
    assert "Қасым-Жомарт Тоқаев" in names
    assert [(q.speaker.name, q.cue) for q in doc.quotes] == [("Қасым-Жомарт Тоқаев", "деп мәлімдеді")]
    for word, latin in (("Тоқаев", "Toqaev"), ("қойылды", "qoiyldy"), ("декларасияға", "deklarasiiağa")):
        start = doc.text.index(word)
        raw = doc.raw_offset(start)
        assert LATIN[raw:raw + len(latin)] == latin, (word, LATIN[raw:raw + 20])
    assert habar.analyze(EN).text.startswith("Tokayev holds")  # English is not Latin Kazakh
    turkish = "Cumhurbaşkanı Tokayev bugün Bakü'ye gitti. Görüşmede işbirliği konuşuldu. Taraflar anlaşma imzaladı."
    assert habar.analyze(turkish).text == turkish


def test_emoji_and_bidi_controls_stay_out_of_names_and_the_text_view(tmp_path: Path) -> None:
    import habar

    raw = ("Сапар\n\nҚасым-Жомарт Тоқаев🇰🇿 бүгін Бакуге барды 😀. Ильхам Әлиев\u202eқарсы алды. Президент "
           "Қасым-Жомарт\u202e Тоқаев 🎉 Әзербайжан президенті Ильхам Әлиевпен келіссөз жүргізді.")
    doc = habar.analyze(raw)
    mentions = [m.text for e in doc.entities for m in e.mentions]
    assert "Ильхам Әлиев" in mentions and "\u202e" not in doc.text  # before: 'Ильхам Әлиев\u202eқарсы'
    assert not any(ch in m for m in mentions for ch in "\u202e🇰🇿😀🎉")
    assert "2 bidirectional control characters removed" in doc.warnings
    path = tmp_path / "e.txt"
    path.write_text(raw, encoding="utf-8")
    r = runner.invoke(app, ["analyze", str(path), "--format", "text"])
    assert r.exit_code == 0 and "<U+1F600>" in r.output
    assert not any(ch in r.output for ch in "\u202e😀🎉\U0001f1f0")


def test_batch_summary_counts_articles_not_in_kazakh(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ru.txt").write_text(RU, encoding="utf-8")
    (inputs / "en.txt").write_text(EN, encoding="utf-8")
    (inputs / "kk.txt").write_text(KK, encoding="utf-8")
    r = runner.invoke(app, ["analyze", str(inputs), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 0
    assert "3 analysed (2 not Kazakh: en 1, ru 1; --all-languages analyses them), 0 skipped, 0 failed" in r.output
    r = runner.invoke(app, ["ingest", str(inputs), "--db", str(tmp_path / "a.db")])
    assert "3 stored (2 not Kazakh: en 1, ru 1; --all-languages analyses them)" in r.output, r.output


def _reader_archive(path: Path, published: str | None) -> Path:
    from habar.archive import Archive

    text = ("ҚазАқпарат хабарлайды. Мемлекет басшысы Қасым-Жомарт Тоқаев бүгін Бакуге барды. Ол 30 жыл бұрын "
            "Ильхам Әлиевпен танысқан.")
    quote = "Біз бүгін кең ауқымды мәселелер жөнінде жемісті келіссөз жүргіздік. " * 20

    def ent(eid: str, label: str, name: str, start: int, end: int, **extra: object) -> dict[str, object]:
        return {"id": eid, "label": label, "name": name, "mentions": [{"start": start, "end": end,
                                                                        "text": text[start:end]}], **extra}

    def find(word: str) -> tuple[int, int]:
        return text.index(word), text.index(word) + len(word)

    ents = [ent("e1", "ORGANISATION", "ҚазАқпарат", *find("ҚазАқпарат")),
            ent("e2", "POSITION", "Мемлекет басшысы", *find("Мемлекет басшысы")),
            ent("e3", "PERSON", "Қасым-Жомарт Тоқаев", *find("Қасым-Жомарт Тоқаев"), positions=["e2"]),
            ent("e4", "DATE", "бүгін", *find("бүгін")), ent("e5", "GPE", "Баку", *find("Бакуге")),
            ent("e6", "DATE", "30 жыл", *find("30 жыл")), ent("e7", "PERSON", "Ильхам Әлиев", *find("Ильхам Әлиевпен"))]
    docs = [{"id": f"d{k}", "text": text + f" {k}", "title": "Сапар", "published": published, "entities": ents,
             "quotes": [{"speaker": {"entity": "e3", "name": "Қасым-Жомарт Тоқаев"}, "cue": "деді", "kind": "direct",
                         "start": 0, "end": 10, "text": quote}]} for k in range(2)]
    db = path / "a.db"
    with Archive(db) as archive:
        archive.add(docs)
    return db


def test_graph_leaves_out_numbers_dates_and_the_agency(tmp_path: Path) -> None:
    from habar.archive import Archive
    from habar.archive.plot import graph, graph_data

    db = _reader_archive(tmp_path, "2022-08-24")
    with Archive(db) as archive:
        names = {n["name"] for n in graph_data(archive).nodes}
        assert names == {"Мемлекет басшысы", "Қасым-Жомарт Тоқаев", "Баку", "Ильхам Әлиев"}  # before: 7, dates too
        graph(archive, tmp_path / "g.svg")
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "PERSON" in svg and "GPE" in svg and "kind" in svg  # the legend of kinds


def test_timeline_of_an_archive_without_dates_says_so(tmp_path: Path) -> None:
    r = runner.invoke(app, ["plot", "timeline", "Тоқаев", "--db", str(_reader_archive(tmp_path, None)),
                            "-o", str(tmp_path / "t.png")])
    assert r.exit_code == 1 and "has a publication date, so there is no timeline to draw" in r.output, r.output
    assert not (tmp_path / "t.png").exists()  # before: a plot of one "undated" bar


def test_profile_leaves_out_own_positions_and_cuts_long_quotations(tmp_path: Path) -> None:
    from habar.archive import Archive

    db = _reader_archive(tmp_path, "2022-08-24")
    with Archive(db) as archive:
        co = [name for name, _, _ in archive.entity("Тоқаев").co_mentioned]
        assert "Мемлекет басшысы" not in co and "Ильхам Әлиев" in co  # before: his own position listed
        assert "Қасым-Жомарт Тоқаев" not in [n for n, _, _ in archive.entity("Мемлекет басшысы").co_mentioned]
    r = runner.invoke(app, ["entity", "Тоқаев", "--db", str(db)])
    quote_lines = [line for line in r.output.splitlines() if line.startswith("  quote")]
    assert quote_lines and all(len(line) < 260 and line.endswith("… (1,359 characters)") for line in quote_lines)
