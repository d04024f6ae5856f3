"""Shared fixtures. Tests that need ../shared (real articles, KazNERD, UD) skip with a visible reason when
it is absent; CI has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests run on shared, sometimes loaded CI machines: generating examples slowly there is no failure
# of habar. (One test failed once in a fresh-clone run and passed on five reruns; no failing example was
# saved, which fits a too_slow health check, but the failing test was not identified.)
settings.register_profile("habar", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("habar")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "baku-visit.txt"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (absent here; CI has it)")
    return path


@pytest.fixture(scope="session")
def sample_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(sample_text: str):  # type: ignore[no-untyped-def]
    import habar

    return habar.analyze(sample_text, published="2022-08-24", source=str(EXAMPLE))


XSS_TEXT = ('Алматыдағы жиын\n\nАЛМАТЫ. Бүгін Алматыда <script>window.__xss = 1</script> жиын өтті. '
            'Қасым-Жомарт Тоқаев " onmouseover="window.__xss = 2" x=" сөз сөйледі. '
            '<img src=x onerror="window.__xss = 3"> Жиынға мыңдаған адам қатысты.')
"""An article whose text is markup: pages must show it as text (tests/test_server.py, tests/test_browser.py)."""

TINY_TEXT = "Ауа райы\n\nБүгін Астанада ауа райы жылы болады. Синоптиктер жаңбыр жаумайды деп мәлімдеді."


@pytest.fixture(scope="session")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small archive for the server's tests, built once: the bundled sample, the markup article and a tiny
    one (analysing takes a second or two each). Tests must not write to it: copy it first."""
    import habar
    from habar.ingest import ingest, ingest_items
    from habar.read import Article

    db = tmp_path_factory.mktemp("server") / "habar.db"
    with habar.Archive(db) as archive:
        ingest(archive, [str(EXAMPLE)], published="2022-08-24")
        ingest_items(archive, [Article(text=XSS_TEXT, source="xss.txt", published="2022-09-01"),
                               Article(text=TINY_TEXT, source="weather.txt", published="2022-10-05",
                                       url="https://example.kz/weather")])
        assert archive.count() == 3
    return db
