"""The pages in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium, installed by `make test`
when missing; never a browser download) against `habar serve`'s app on 127.0.0.1.

Search, open an article, click an entity, see its page; paste a text and see its analysis; an article made of
markup shows as text and runs nothing. Each page's screenshot goes to $HABAR_SCREENSHOTS (`make screenshots`
writes docs/screenshots/), else to a temporary folder.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import XSS_TEXT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("the browser tests need Debian's chromium: `make test` installs it (apt-get install)")
    pytest.skip("needs Debian's chromium at /usr/bin/chromium (make test installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(server_db: Path) -> Iterator[str]:
    import uvicorn

    from habar.server import ServerConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ServerConfig(db=server_db)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="kk-KZ")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not errors, f"the page ran into: {errors}"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("HABAR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shot(page: Any, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, "a blank page"


def test_search_open_an_article_click_an_entity_see_its_page(page: Any, base_url: str, shots: Path) -> None:
    page.goto(f"{base_url}/")
    assert page.locator("html").get_attribute("lang") == "kk"
    page.fill("input[name=q]", "Әзербайжанның")
    page.select_option("select[name=type]", "visit")
    page.click("form.search button[type=submit]")
    page.wait_for_selector("ol.hits li")
    titles = page.locator("a.hit-title").all_inner_texts()
    assert titles == ["Бакуге сапар – нәтижелі сапар болды"]
    marks = page.locator(".snippet mark").all_inner_texts()
    assert marks and all(m.startswith("Әзербайжан") for m in marks)
    _shot(page, shots, "search")

    page.click("a.hit-title")
    page.wait_for_selector("#text")
    assert page.locator("article h1").inner_text() == "Бакуге сапар – нәтижелі сапар болды"
    fact = page.locator("ul.entities a.fact", has_text="Ильхам Әлиев").first
    ref = fact.get_attribute("data-ref")
    fact.click()
    page.wait_for_selector("#text .focus")
    marked = page.locator("#text .focus").all_inner_texts()
    assert any("Әлиев" in m for m in marked) and all(ref in (page.locator("#text .focus").nth(i)
                                                            .get_attribute("data-refs") or "").split()
                                                     for i in range(len(marked)))
    assert page.evaluate("location.hash") == f"#{ref}-0"
    event = page.locator("ul.events a.fact").first
    event.click()
    assert page.locator("#text .focus").count() >= 1
    fact.click()
    _shot(page, shots, "article")

    page.locator("ul.entities li", has_text="Ильхам Әлиев").locator("a.entity-link").click()
    page.wait_for_selector("h1.entity-name")
    assert page.locator("h1.entity-name").inner_text() == "Ильхам Әлиев"
    assert page.locator("svg.timeline rect").count() >= 1
    assert "Ильхам Гейдарұлы Әлиевке" in page.locator("ul.variants").inner_text()
    _shot(page, shots, "entity")

    page.click("header a.lang")
    page.wait_for_selector("h1.entity-name")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Mentions per month" in page.content()


def test_paste_an_article_and_see_it_analysed(page: Any, base_url: str, shots: Path) -> None:
    page.goto(f"{base_url}/paste?lang=en")
    text = ("Тоқаев Түркияға барды\n\nАНКАРА. Қасым-Жомарт Тоқаев Анкарада Түркия Президенті Режеп Тайып Ердоғанмен "
            "кездесті. Екі ел басшылары сауда-экономикалық ынтымақтастықты талқылады. «Түркия – біздің бауырлас "
            "еліміз», – деді Тоқаев.")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=published]", "2022-05-10")
    _shot(page, shots, "paste")
    page.click("form.paste button[type=submit]")
    page.wait_for_selector("#text")
    assert "not stored" in page.locator("p.notice").inner_text()
    assert page.locator("#text").inner_text().startswith("Тоқаев Түркияға барды")
    names = page.locator("ul.entities a.fact").all_inner_texts()
    assert "Қасым-Жомарт Тоқаев" in names
    assert page.locator("ul.quotes a.fact").count() >= 1 and page.locator("ul.events a.fact").count() >= 1
    page.locator("ul.quotes a.fact").first.click()
    page.wait_for_selector("#text .focus")
    assert "бауырлас" in " ".join(page.locator("#text .focus").all_inner_texts())
    _shot(page, shots, "paste-result")


def test_an_article_made_of_markup_shows_as_text_and_runs_nothing(page: Any, base_url: str, shots: Path) -> None:
    page.goto(f"{base_url}/?q=жиын")
    page.locator("a.hit-title", has_text="Алматыдағы жиын").click()
    page.wait_for_selector("#text")
    shown = page.locator("#text").inner_text()
    assert "<script>window.__xss = 1</script>" in shown and '" onmouseover="window.__xss = 2"' in shown
    assert '<img src=x onerror="window.__xss = 3">' in shown
    page.hover("#text")
    page.locator("#text").hover(position={"x": 200, "y": 40})
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#text script, #text img, [onmouseover], [onerror]").count() == 0
    _shot(page, shots, "xss")

    page.goto(f"{base_url}/paste")
    page.fill("textarea[name=text]", XSS_TEXT)
    page.click("form.paste button[type=submit]")
    page.wait_for_selector("#text")
    assert "<script>window.__xss = 1</script>" in page.locator("#text").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#text script, #text img").count() == 0
