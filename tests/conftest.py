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
