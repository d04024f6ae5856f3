"""The partitioned ingest, in this process and on a local Dask cluster of two worker processes: the same
archive as the single-process ingest, failures as rows of the failures table, one pipeline load per worker,
and a worker killed mid-partition losing nothing already written."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from habar.archive import Archive
from habar.archive.export import TABLES
from habar.errors import ClusterError, UsageError
from habar.ingest import ingest, ingest_partitioned, ingest_parts, merge_parts, staging_folder
from habar.read import read_inputs
from habar.read.parts import plan_parts, read_part

from .conftest import EXAMPLE, ROOT

dask_distributed = pytest.importorskip("distributed")


def _sentences() -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"(?<=[.!?»])\s+", text) if len(s.strip()) > 20]


def _warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small mixed corpus: the sample article, JSON Lines (one bad line, one duplicate), a gzipped WARC
    (an image record among the pages), a file of a kind habar does not read."""
    root = tmp_path_factory.mktemp("corpus")
    sents = _sentences()
    rng = random.Random(20)
    (root / "a-baku.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    lines = []
    for i in range(9):
        lines.append(json.dumps({"title": f"Жаңалық {i}", "text": " ".join(rng.sample(sents, 3)),
                                 "published": f"2022-08-{10 + i}", "url": f"https://kaz.example.kz/n{i}"},
                                ensure_ascii=False))
    lines.insert(4, "{not json")
    lines.append(lines[2])  # the same article again: a duplicate
    (root / "b-news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = []
    for i in range(4):
        body = " ".join(f"<p>{s}</p>" for s in rng.sample(sents, 3))
        pages.append((f"https://kaz.example.kz/w{i}",
                      f"<html><head><title>Сапар {i}</title></head><body><article>{body}</article></body></html>"
                      .encode(), "text/html; charset=utf-8"))
    pages.insert(2, ("https://kaz.example.kz/logo.png", b"\x89PNG", "image/png"))
    _warc(root / "c-crawl.warc.gz", pages)
    (root / "d-logo.png").write_bytes(b"\x89PNG")
    return root


def _dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every exported table of an archive (ingestion times left out), and the search index's term counts."""
    conn = sqlite3.connect(db)
    out = {}
    for name, query in TABLES.items():
        cur = conn.execute(query)
        columns = [c[0] for c in cur.description]
        out[name] = [tuple(v for c, v in zip(columns, row, strict=True) if c != "ingested_at") for row in cur]
    out["term_df"] = conn.execute("SELECT term, df FROM term_df ORDER BY term").fetchall()
    out["documents_json"] = conn.execute("SELECT id, document FROM documents ORDER BY rowid").fetchall()
    conn.close()
    return out


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    db = tmp_path_factory.mktemp("single") / "single.db"
    with Archive(db) as archive:
        summary = ingest(archive, [str(corpus)], published="2022-08-24")
    return _dump(db), summary.line()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two worker processes; a task whose worker dies is not retried (so that the test of
    a lost worker sees the partition lost, as a cluster that gave up on it would)."""
    import dask

    from habar.distributed import connect

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), connect("local:2") as c:
        yield c


def _items(items: Any) -> list[tuple[Any, ...]]:
    return [(type(i).__name__, i.source, getattr(i, "text", None), getattr(i, "problem", None),
             getattr(i, "reason", None)) for i in items]


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_partitions_read_what_read_inputs_reads(corpus: Path, size: int) -> None:
    whole = _items(read_inputs([str(corpus)], max_bytes=10_000_000))
    parts = plan_parts([str(corpus)], size)
    assert _items(i for part in parts for i in read_part(part, 10_000_000)) == whole
    assert all(part.articles <= size for part in parts)
    kinds = {p.kind for part in parts for p in part.pieces if hasattr(p, "kind")}
    if size < 9:  # the JSON Lines file and the WARC file are cut: by line and by record
        assert {"lines", "records"} <= kinds and len(parts) > 2


def test_stdin_cannot_be_partitioned() -> None:
    with pytest.raises(UsageError, match="stdin"):
        plan_parts(["-"], 10)


def test_in_process_partitions_make_the_single_process_archive(corpus: Path, tmp_path: Path,
                                                                single: tuple[dict[str, Any], str]) -> None:
    with Archive(tmp_path / "p.db") as archive:
        summary = ingest_partitioned(archive, [str(corpus)], published="2022-08-24", partition_size=2)
        assert not staging_folder(archive).exists()  # removed once merged
    assert summary.line() == single[1]
    assert _dump(tmp_path / "p.db") == single[0]


def test_dask_ingest_equals_single_process(corpus: Path, tmp_path: Path, client: Any,
                                           single: tuple[dict[str, Any], str]) -> None:
    from habar.distributed import runner
    from habar.pipeline import _load

    expected, line = single
    assert "1 duplicate" in line and "1 failed" in line and "2 skipped" in line
    with Archive(tmp_path / "d.db") as archive:
        summary = ingest_partitioned(archive, [str(corpus)], published="2022-08-24", partition_size=2,
                                     run=runner(client))
    assert summary.line() == line
    assert _dump(tmp_path / "d.db") == expected
    # each worker loaded the pipeline once (as it joined), not once per partition
    assert set(client.run(lambda: _load.cache_info().misses).values()) == {1}


def test_failures_table_and_parquet_tables(corpus: Path, tmp_path: Path, client: Any) -> None:
    import duckdb

    from habar.distributed import runner

    out = tmp_path / "out"
    parts = ingest_parts([str(corpus)], out, published="2022-08-24", partition_size=3, run=runner(client))
    assert [p.number for p in parts] == list(range(len(parts)))
    failures = pq.read_table(out / "failures").to_pylist()
    by_source = {Path(r["source"]).name: r for r in failures}
    assert by_source["b-news.jsonl:5"]["skipped"] is False
    assert by_source["b-news.jsonl:5"]["reason"].startswith("not valid JSON")
    assert by_source["c-crawl.warc.gz#3"]["skipped"] and "image/png" in by_source["c-crawl.warc.gz#3"]["reason"]
    assert by_source["d-logo.png"]["skipped"]
    # the bad line's partition still wrote its other documents
    bad_part = by_source["b-news.jsonl:5"]["part"]
    docs = pq.read_table(out / "documents", columns=["part", "source"]).to_pylist()
    assert any(d["part"] == bad_part for d in docs)
    assert len(docs) == sum(p.documents for p in parts) == 15  # 1 + 10 (one duplicate among them) + 4
    # the tables answer questions through DuckDB: the span of every mention rebuilds its text ...
    con = duckdb.connect()
    n_mentions, ok = con.execute(
        f"SELECT count(*), bool_and(substr(d.text, m.start + 1, m.\"end\" - m.start) = m.text) "
        f"FROM read_parquet('{out}/mentions/*.parquet') m JOIN read_parquet('{out}/documents/*.parquet') d "
        "ON d.id = m.document").fetchone()
    assert n_mentions > 20 and ok
    # ... and the queries docs/scale.md shows run and find what they say
    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    sql = doc.split("```sql\n", 1)[1].split("```", 1)[0].replace("/shared/tables", str(out))
    answers = [con.execute(q).fetchall() for q in sql.split(";") if q.strip()]
    people, contexts, visits, failed = answers
    assert any(name == "Қасым-Жомарт Тоқаев" and docs >= 1 and mentions >= docs for name, docs, mentions in people)
    assert contexts and all("Тоқаев" in c for _, _, c in contexts)
    assert visits and all(len(month) == 7 and n >= 1 and who for month, n, who in visits)
    assert [r[1] for r in failed] == [1] and failed[0][0].startswith("not valid JSON")
    # a Parquet output merges into an archive (what --parquet-only leaves can be stored later)
    with Archive(tmp_path / "m.db") as archive:
        merged = merge_parts(archive, out)
    assert merged.stored + merged.duplicate + merged.near_duplicate == 15 and merged.failed == 1


def _break_analysis(source_suffix: str) -> None:
    """(On a worker) make the analysis of one input raise, as a bug in one article would."""
    import habar.pipeline

    original = habar.pipeline.to_document

    def to_document(doc: Any, **kw: Any) -> Any:
        if str(kw.get("source", "")).endswith(source_suffix):
            raise RuntimeError("a bug in one article")
        return original(doc, **kw)

    to_document.original = original  # type: ignore[attr-defined]
    habar.pipeline.to_document = to_document  # type: ignore[assignment]


def _mend_analysis() -> None:
    import habar.pipeline

    habar.pipeline.to_document = getattr(habar.pipeline.to_document, "original", habar.pipeline.to_document)


def test_a_failing_document_does_not_fail_its_partition(corpus: Path, tmp_path: Path, client: Any) -> None:
    import cloudpickle

    from habar.distributed import runner

    cloudpickle.register_pickle_by_value(__import__(__name__, fromlist=["_"]))
    client.run(_break_analysis, "b-news.jsonl:2")
    try:
        out = tmp_path / "out"
        parts = ingest_parts([str(corpus)], out, published="2022-08-24", partition_size=4, run=runner(client))
    finally:
        client.run(_mend_analysis)
    failures = [r for r in pq.read_table(out / "failures").to_pylist() if not r["skipped"]]
    assert [(Path(r["source"]).name, r["reason"]) for r in failures][0] == (
        "b-news.jsonl:2", "internal error while analysing (RuntimeError: a bug in one article)")
    docs = pq.read_table(out / "documents", columns=["part", "source"]).to_pylist()
    part_of_failure = failures[0]["part"]
    neighbours = [d["source"] for d in docs if d["part"] == part_of_failure]
    assert any(s.endswith("b-news.jsonl:1") for s in neighbours) and any(s.endswith("b-news.jsonl:3")
                                                                        for s in neighbours)
    assert sum(p.documents for p in parts) == 14 and sum(p.failed for p in parts) == 2


def _die_at(source_suffix: str, flag: str) -> None:
    """(On a worker) kill this worker process while it stores the given input, once (``flag`` is a file that
    the first worker to get there removes)."""
    import habar.archive.parquet as parquet

    original = parquet.PartWriter.document

    def document(self: Any, doc: dict[str, Any]) -> None:
        if str(doc.get("source", "")).endswith(source_suffix):
            try:
                os.remove(flag)
            except FileNotFoundError:
                pass
            else:
                os.kill(os.getpid(), signal.SIGKILL)
        original(self, doc)

    document.original = original  # type: ignore[attr-defined]
    parquet.PartWriter.document = document  # type: ignore[method-assign]


def _mend_writer() -> None:
    import habar.archive.parquet as parquet

    parquet.PartWriter.document = getattr(parquet.PartWriter.document, "original", parquet.PartWriter.document)


def test_a_dead_worker_loses_nothing_written_and_the_rerun_completes(
        corpus: Path, tmp_path: Path, client: Any, single: tuple[dict[str, Any], str]) -> None:
    import cloudpickle

    from habar.distributed import runner

    cloudpickle.register_pickle_by_value(__import__(__name__, fromlist=["_"]))
    flag = tmp_path / "kill-once"
    flag.write_text("")
    client.run(_die_at, "b-news.jsonl:7", str(flag))
    db = tmp_path / "k.db"
    try:
        with Archive(db) as archive, pytest.raises(ClusterError, match="1 of .* partitions were not written") as lost:
            ingest_partitioned(archive, [str(corpus)], published="2022-08-24", partition_size=2,
                               run=runner(client))
    finally:
        client.run(_mend_writer)
    assert not flag.exists() and "KilledWorker" in str(lost.value)  # a worker did die
    staging = tmp_path / "k.db.parts"
    done = {p.name: p.stat().st_mtime_ns for p in (staging / "_done").glob("*.json")}
    plan = json.loads((staging / "plan.json").read_text())
    # the partition the dead worker was in the middle of is lost (one it had finished but not yet reported
    # is found written); every other partition is written
    n_lost = int(str(lost.value).split(" of ")[0])
    assert n_lost == 1 and len(done) == plan["parts"] - 1
    killed = next(p for p in plan_parts([str(corpus)], 2)
                  if any(getattr(x, "path", "").endswith("b-news.jsonl") and x.first <= 7 < x.first + x.count
                         for x in p.pieces))
    assert f"part-{killed.number:05d}.json" not in done
    assert not list((staging / "documents").glob(f"part-{killed.number:05d}*"))  # nothing half-written
    with Archive(db) as archive:
        assert archive.count() == 0  # nothing merged from an incomplete run
        seen = []
        summary = ingest_partitioned(archive, [str(corpus)], published="2022-08-24", partition_size=2,
                                     run=runner(client), on_part=seen.append)
    assert sum(not c.reused for c in seen) == n_lost  # the rerun computed only the lost partitions
    assert summary.line() == single[1]
    assert _dump(db) == single[0]


def test_cli_dask_on_an_existing_scheduler_and_parquet_only(corpus: Path, tmp_path: Path, client: Any) -> None:
    from habar.cli import app

    runner = CliRunner()
    out = tmp_path / "tables"
    address = client.scheduler.address
    result = runner.invoke(app, ["ingest", str(corpus), "--dask", address, "--parquet-only", str(out),
                                 "--partition-size", "3", "--published", "2022-08-24"])
    assert result.exit_code == 1, result.output  # one input failed
    assert "b-news.jsonl:5: not valid JSON" in result.output
    assert "15 documents, 2 skipped, 1 failed, in " in result.output
    again = runner.invoke(app, ["ingest", str(corpus), "--parquet-only", str(out), "--partition-size", "3",
                                "--published", "2022-08-24", "-q"])
    assert again.exit_code == 1 and "not valid JSON" in again.output
    other = runner.invoke(app, ["ingest", str(EXAMPLE), "--parquet-only", str(out)])
    assert other.exit_code == 2 and "holds the Parquet output of another ingest" in other.output
    bad = runner.invoke(app, ["ingest", str(EXAMPLE), "--dask", "local:0"])
    assert bad.exit_code == 2 and "at least one worker" in bad.output
    bad = runner.invoke(app, ["ingest", str(EXAMPLE), "--dask", "somewhere"])
    assert bad.exit_code == 2 and "tcp://scheduler:8786" in bad.output
