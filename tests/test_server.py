"""The HTTP server: the API's answers against the library's, the one error shape, the body limit, read-only
unless ingest is enabled with a token, the pages (Kazakh and English, highlights from the Document's spans,
article text escaped), and `habar serve` itself."""

from __future__ import annotations

import hashlib
import html.parser
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import habar
from habar.archive.plot import graph_data, timeline_data
from habar.server import ServerConfig, create_app
from habar.server.views import pieces

from .conftest import EXAMPLE, XSS_TEXT

ERROR_KEYS = {"ok", "status", "title", "error", "details"}


@pytest.fixture(scope="module")
def client(server_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerConfig(db=server_db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def writable_db(server_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(server_db, copy)
    return copy


def _baku_id(client: TestClient) -> str:
    hits = client.get("/search", params={"q": "Әзербайжан"}).json()["results"]
    return str(hits[0]["id"])


# ------------------------------------------------------------------ the API answers what the library answers

def test_search_finds_inflected_forms_and_filters(client: TestClient, server_db: Path) -> None:
    body = client.get("/search", params={"q": "Әзербайжанға"}).json()
    with habar.Archive(server_db, readonly=True) as archive:
        expected = [h.to_dict() for h in archive.search("Әзербайжанға")]
    assert body["results"] == expected and len(expected) == 1
    hit = body["results"][0]
    assert hit["source"] == str(EXAMPLE)
    marked = [hit["snippet"][s:e] for s, e in hit["highlights"]]
    assert marked and all(w.startswith("Әзербайжан") for w in marked)
    # filters: the sample is from August 2022; the weather article has no visit
    assert client.get("/search", params={"q": "Әзербайжан", "since": "2022-09-01"}).json()["results"] == []
    weather = client.get("/search", params={"q": "ауа райы", "type": "visit"}).json()["results"]
    assert all(h["id"] != "weather" for h in weather) and not any(h["url"] for h in weather)
    by_entity = client.get("/search", params={"entity": "Ильхам Әлиев"}).json()["results"]
    assert [h["source"] for h in by_entity] == [str(EXAMPLE)]


def test_document_is_the_stored_document(client: TestClient, server_db: Path) -> None:
    doc_id = _baku_id(client)
    with habar.Archive(server_db, readonly=True) as archive:
        assert client.get(f"/documents/{doc_id}").json() == archive.document(doc_id)


def test_entities_profile_events_and_graph_come_from_the_library(client: TestClient, server_db: Path) -> None:
    found = client.get("/entities", params={"query": "әлиев"}).json()
    assert found and found[0]["name"] == "Ильхам Әлиев" and found[0]["label"] == "PERSON"
    number = found[0]["entity"]
    profile = client.get(f"/entities/{number}").json()
    with habar.Archive(server_db, readonly=True) as archive:
        library = archive.entity("Ильхам Әлиев")
        assert profile["number"] == library.number == number
        assert [tuple(p) for p in profile["per_month"]] == library.per_month
        assert {tuple(v)[0] for v in profile["variants"]} >= {"Ильхам Әлиев", "Ильхам Гейдарұлы Әлиевке"}
        graph = graph_data(archive, 30).to_dict()
        events = archive.events(type="visit")
    assert client.get("/graph").json() == graph
    edges = {(e["source"], e["target"]): e["weight"] for e in graph["edges"]}
    tokayev = client.get("/entities", params={"query": "Тоқаев"}).json()[0]
    assert tokayev["documents"] == 2  # the sample and the markup article
    assert client.get("/events", params={"type": "visit"}).json() == events
    assert events and all(e["type"] == "visit" for e in events)
    assert all(e["evidence"]["text"] for e in events)
    assert client.get("/events", params={"type": "visit", "since": "2023-01-01"}).json() == []
    assert edges, "the sample's entities are co-mentioned"


def test_analyze_gives_the_document_of_the_library_and_stores_nothing(client: TestClient, server_db: Path) -> None:
    text = "Тоқаев Бакуге барды. Қасым-Жомарт Тоқаев Ильхам Әлиевпен кездесті."
    before = hashlib.sha256(server_db.read_bytes()).hexdigest()
    got = client.post("/analyze", json={"text": text, "published": "2022-08-24"})
    assert got.status_code == 200
    expected = habar.analyze(text, published="2022-08-24", source="POST /analyze").model_dump(mode="json")
    assert got.json() == expected
    assert {e["name"] for e in got.json()["entities"]} >= {"Ильхам Әлиев"}
    page = "<html><head><title>Бакудегі кездесу</title></head><body><article><h1>Бакудегі кездесу</h1>" \
           "<p>Қасым-Жомарт Тоқаев бүгін Бакуде Ильхам Әлиевпен кездесті. Екі ел басшылары ынтымақтастықты " \
           "талқылады.</p></article></body></html>"
    from_html = client.post("/analyze", json={"text": page, "format": "html"}).json()
    assert from_html["title"] == "Бакудегі кездесу" and "<p>" not in from_html["text"]
    assert hashlib.sha256(server_db.read_bytes()).hexdigest() == before
    with habar.Archive(server_db, readonly=True) as archive:
        assert archive.count() == 3


# ------------------------------------------------------------------ one error shape

def _chunks(n: int) -> Iterator[bytes]:
    for _ in range(n):
        yield b"x" * 1000


ERROR_CASES: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", "/documents/0000000000000000", {}, 404),
    ("GET", "/entities/999999", {}, 404),
    ("GET", "/no/such/endpoint", {}, 404),
    ("DELETE", "/search", {}, 405),
    ("GET", "/search?limit=0", {}, 422),
    ("GET", "/search?q=x&since=2022-13-01", {}, 422),
    ("GET", "/search?q=x&type=party", {}, 422),
    ("GET", "/search?q=%20%20", {}, 422),
    ("GET", "/entities/abc", {}, 422),
    ("GET", "/events?type=party", {}, 422),
    ("GET", "/graph?top=1", {}, 422),
    ("POST", "/analyze", {"json": {"text": ""}}, 422),
    ("POST", "/analyze", {"json": {"text": "Сәлем", "colour": "red"}}, 422),
    ("POST", "/analyze", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ("POST", "/analyze", {"json": {"text": "<html></html>", "format": "html"}}, 422),
    ("POST", "/analyze", {"content": b"x" * 2000, "headers": {"content-type": "application/json"}}, 413),
    ("POST", "/analyze", {"content": _chunks, "headers": {"content-type": "application/json"}}, 413),
    ("POST", "/ingest", {"json": {"articles": [{"text": "Сәлем"}]}}, 403),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), ERROR_CASES,
                         ids=[f"{m} {p} {s}" for m, p, _, s in ERROR_CASES])
def test_every_error_has_one_shape(server_db: Path, method: str, path: str, kwargs: dict[str, Any],
                                   status: int) -> None:
    kwargs = dict(kwargs)
    if callable(kwargs.get("content")):
        kwargs["content"] = kwargs["content"](5)  # 5,000 bytes in chunks, no Content-Length
    with TestClient(create_app(ServerConfig(db=server_db, max_body=1000)), raise_server_exceptions=False) as c:
        got = c.request(method, path, **kwargs)
    assert got.status_code == status, got.text
    body = got.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status and body["title"]
    assert isinstance(body["error"], str) and body["error"] and "Traceback" not in body["error"]
    assert isinstance(body["details"], list)


def test_validation_errors_name_the_field(client: TestClient) -> None:
    body = client.get("/search", params={"q": "x", "limit": "many"}).json()
    assert body["details"][0]["field"] == "query.limit" and "limit" in body["error"]
    assert "visit" in client.get("/search", params={"q": "x", "type": "party"}).json()["error"]  # names choices


def test_an_internal_error_is_a_500_in_the_same_shape(server_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(habar.Archive, "search", broken)
    with TestClient(create_app(ServerConfig(db=server_db)), raise_server_exceptions=False) as c:
        got = c.get("/search", params={"q": "x"})
    assert got.status_code == 500 and set(got.json()) == ERROR_KEYS
    assert "RuntimeError" in got.json()["error"] and "boom" not in got.json()["error"]


def test_body_within_the_limit_is_accepted(server_db: Path) -> None:
    with TestClient(create_app(ServerConfig(db=server_db, max_body=1000))) as c:
        assert c.post("/analyze", json={"text": "Сәлем, Астана!"}).status_code == 200
    assert ServerConfig(db=server_db).max_body == 5_000_000


# ------------------------------------------------------------------ read-only unless ingest is enabled

def test_the_server_never_writes_without_ingest(writable_db: Path) -> None:
    before = hashlib.sha256(writable_db.read_bytes()).hexdigest()
    with TestClient(create_app(ServerConfig(db=writable_db))) as c:
        for path in ("/search?q=Баку", "/entities", "/events", "/graph", "/", "/paste", "/?q=Астана"):
            assert c.get(path).status_code == 200
        c.post("/analyze", json={"text": "Тоқаев Бакуге барды."})
        c.post("/paste", data={"text": "Тоқаев Бакуге барды."})
        refused = c.post("/ingest", json={"articles": [{"text": "Тоқаев Бакуге барды."}]},
                         headers={"Authorization": "Bearer anything"})
        assert refused.status_code == 403
    assert hashlib.sha256(writable_db.read_bytes()).hexdigest() == before
    with habar.Archive(writable_db, readonly=True) as archive:
        assert archive.count() == 3


def test_ingest_needs_the_token_and_then_stores(writable_db: Path) -> None:
    article = {"text": "Жаңа көпір\n\nПавлодарда Ертіс өзені арқылы жаңа көпір ашылды.", "published": "2022-11-02",
               "url": "https://example.kz/bridge"}
    with TestClient(create_app(ServerConfig(db=writable_db, allow_ingest=True, token="s3cret"))) as c:
        missing = c.post("/ingest", json={"articles": [article]})
        wrong = c.post("/ingest", json={"articles": [article]}, headers={"Authorization": "Bearer nope"})
        assert missing.status_code == wrong.status_code == 401
        assert wrong.headers["www-authenticate"] == "Bearer" and set(wrong.json()) == ERROR_KEYS
        assert c.get("/search", params={"q": "көпір"}).json()["results"] == []
        ok = c.post("/ingest", json={"articles": [article, {"text": "<p></p>", "format": "html"}]},
                    headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200, ok.text
        body = ok.json()
        assert (body["stored"], body["failed"], len(body["documents"])) == (1, 1, 1)
        assert "no article text" in body["failures"][0]
        hits = c.get("/search", params={"q": "көпірлер"}).json()["results"]
        assert [h["url"] for h in hits] == ["https://example.kz/bridge"]
        assert c.get(f"/documents/{body['documents'][0]}").json()["published"] == "2022-11-02"
        again = c.post("/ingest", json={"articles": [article]}, headers={"Authorization": "Bearer s3cret"}).json()
        assert (again["stored"], again["duplicate"]) == (0, 1)


def test_ingest_without_a_token_is_refused_at_start(server_db: Path) -> None:
    with pytest.raises(habar.UsageError, match="token"):
        create_app(ServerConfig(db=server_db, allow_ingest=True))


# ------------------------------------------------------------------ pages

class _Text(html.parser.HTMLParser):
    """The text inside <div id="text">, and the elements seen there."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.spans: list[dict[str, str | None]] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "span":
                self.spans.append(a)
            elif tag == "a" and a.get("id"):
                self.anchors.append(str(a["id"]))
            else:
                raise AssertionError(f"unexpected <{tag}> inside the article text")
        elif tag == "div" and a.get("id") == "text":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def _article_text(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


def test_article_page_shows_the_text_with_every_span_as_evidence(client: TestClient, server_db: Path) -> None:
    doc_id = _baku_id(client)
    page = client.get(f"/article/{doc_id}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    with habar.Archive(server_db, readonly=True) as archive:
        doc = archive.document(doc_id)
    parsed = _article_text(page.text)
    assert "".join(parsed.text) == doc["text"]  # the text, whole and unchanged
    expected = {f"{e['id']}-{i}" for e in doc["entities"] for i, _ in enumerate(e["mentions"])}
    expected |= {f"q{i}" for i, _ in enumerate(doc["quotes"])} | {f"ev{i}" for i, _ in enumerate(doc["events"])}
    assert expected <= set(parsed.anchors) and doc["quotes"] and doc["events"]
    # each side-panel entry jumps to an anchor in the text
    for target in re.findall(r'class="fact" href="#([^"]+)"', page.text):
        assert target in parsed.anchors
    aliyev = next(e for e in doc["entities"] if e["name"] == "Ильхам Әлиев")
    refs = [s for s in parsed.spans if aliyev["id"] in str(s.get("data-refs", "")).split()]
    assert len(refs) >= len(aliyev["mentions"]) and all("ent-PERSON" in str(s["class"]) for s in refs)
    assert re.search(r'href="/entity/\d+">', page.text)


def test_pages_speak_kazakh_and_english(client: TestClient) -> None:
    kk = client.get("/", params={"q": "Әзербайжан"}).text
    en = client.get("/", params={"q": "Әзербайжан", "lang": "en"}).text
    assert '<html lang="kk">' in kk and "Нәтижелер" in kk and "Results" not in kk
    assert '<html lang="en">' in en and "Results" in en and "Нәтижелер" not in en
    assert re.search(r'href="/article/\w+\?lang=en"', en), "links keep the language"
    assert "<mark>Әзербайжан" in kk
    assert "Ештеңе табылмады" in client.get("/", params={"q": "мүлдемжоқсөз"}).text
    bad = client.get("/", params={"q": "x", "since": "2022-13-01"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text and "<html" in bad.text
    missing = client.get("/article/0000000000000000", params={"lang": "en"})
    assert missing.status_code == 404 and "Error 404" in missing.text


def test_entity_page_has_the_timeline_of_habar_plot(client: TestClient, server_db: Path) -> None:
    number = client.get("/entities", params={"query": "Тоқаев"}).json()[0]["entity"]
    page = client.get(f"/entity/{number}").text
    with habar.Archive(server_db, readonly=True) as archive:
        months, counts = timeline_data(archive.entity(number))
    bars = re.findall(r'data-month="([^"]+)" data-count="(\d+)"', page)
    assert bars == [(m, str(c)) for m, c in zip(months, counts, strict=True)] and len(bars) == 2
    assert "Бірге аталатындар" in page and re.search(r'href="/entity/\d+"', page)


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "жиын"}).json()["results"]
    doc_id = next(h["id"] for h in hits if h["source"] == "xss.txt")
    pages = [client.get(f"/article/{doc_id}").text, client.get("/", params={"q": "жиын"}).text,
             client.post("/paste", data={"text": XSS_TEXT}).text]
    for page in pages:
        assert "<script>window" not in page and "<img src=x" not in page
        assert not re.search(r"<[^>]*\sonmouseover=", page) and not re.search(r"<[^>]*\sonerror=", page)
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in pages[0]
    assert "".join(_article_text(pages[0]).text).count("<script>") == 1  # shown as text


def test_paste_analyses_without_storing(client: TestClient) -> None:
    page = client.post("/paste", data={"text": "Тоқаев Бакуге барды. Ильхам Әлиев оны қарсы алды.",
                                       "published": "2022-08-24"})
    assert page.status_code == 200 and "сақталмаған" in page.text
    assert "Ильхам Әлиев" in "".join(_article_text(page.text).text)
    assert 'class="fact"' in page.text
    empty = client.post("/paste", data={"text": "   "})
    assert empty.status_code == 422 and "<textarea" in empty.text
    bad_date = client.post("/paste", data={"text": "Сәлем", "published": "24.08.2022"})
    assert bad_date.status_code == 422 and "24.08.2022" in bad_date.text


def test_pieces_cut_at_every_boundary_and_rebuild_the_text() -> None:
    text = "Қасым-Жомарт Тоқаев Бакуге барды."
    spans = [(0, 19, "ent", "e1", "e1-0"), (0, 33, "event", "ev0", "ev0"), (20, 26, "ent", "e2", "e2-0")]
    out = pieces(text, spans)
    assert "".join(p.text for p in out) == text
    assert out[0].refs == ["e1", "ev0"] and out[0].anchors == ["e1-0", "ev0"]
    assert [p.text for p in out if "e2" in p.refs] == ["Бакуге"]


# ------------------------------------------------------------------ habar serve

def test_serve_options_are_checked(tmp_path: Path, server_db: Path) -> None:
    from habar.cli import app

    runner = CliRunner()
    no_token = runner.invoke(app, ["serve", "--db", str(server_db), "--allow-ingest"], env={"HABAR_TOKEN": ""})
    assert no_token.exit_code == 2 and "token" in no_token.output
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no archive here" in missing.output
    assert runner.invoke(app, ["serve", "--db", str(server_db), "--port", "70000"]).exit_code == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_habar_serve_prints_its_url_and_serves(writable_db: Path) -> None:
    port = _free_port()
    env = {**os.environ, "HABAR_TOKEN": "from-the-environment"}
    cmd = [sys.executable, "-c", "from habar.cli import main; main()", "serve", "--db", str(writable_db),
           "--port", str(port), "--allow-ingest"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in line and "ingest enabled" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                got = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "Баку"}, timeout=5)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and proc.poll() is None, "the server did not start"
                time.sleep(0.2)
        assert got.status_code == 200 and got.json()["results"]
        refused = httpx.post(f"http://127.0.0.1:{port}/ingest", json={"articles": [{"text": "Сәлем"}]},
                             headers={"Authorization": "Bearer wrong"}, timeout=5)
        assert refused.status_code == 401  # the token came from HABAR_TOKEN
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# ------------------------------------------------------------------ shape

def test_every_endpoint_is_documented(server_db: Path) -> None:
    from .conftest import ROOT

    doc = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    app = create_app(ServerConfig(db=server_db))
    spec = app.openapi()
    missing = [f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops
               if f"`{method.upper()} {path}`" not in doc]
    assert not missing, f"not in docs/server.md: {missing}"
    assert len(spec["paths"]) >= 8


def test_the_server_only_calls_the_library() -> None:
    server = Path(habar.__file__).parent / "server"
    for path in server.glob("*.py"):
        assert "habar.cli" not in path.read_text(encoding="utf-8"), path
    probe = "import sys, habar.server.app, habar.server.api, habar.server.pages; print('habar.cli' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
