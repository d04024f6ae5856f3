"""schemathesis against the server's own OpenAPI spec (/openapi.json): generated requests, valid and not, to
every endpoint; none may get a 500, and every error must come in the one error shape. Bounded: at most
MAX_EXAMPLES requests per endpoint and mode (the suite's time), on the small session archive.

(schemathesis' pytest plugin, ``from_fixture``, fails on pytest 9: its operations are driven here with
hypothesis directly, from each operation's own strategy.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from habar.server import ServerConfig, create_app

MAX_EXAMPLES = 30
ERROR_KEYS = {"ok", "status", "title", "error", "details"}


@pytest.fixture(scope="module")
def api_schema(server_db: Path) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(ServerConfig(db=server_db)))


def _check(case: Any) -> None:
    response = case.call()
    where = f"{case.method} {case.formatted_path} {case.query or ''} -> {response.status_code}: {response.text[:300]}"
    assert response.status_code < 500, where
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == ERROR_KEYS and body["status"] == response.status_code, where


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_request_gets_a_500_and_errors_have_one_shape(api_schema: Any, mode: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "POST /analyze", "GET /search", "GET /documents/{id}", "GET /entities", "GET /entities/{id}",
        "GET /events", "GET /graph", "POST /ingest"}
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            _check(case)

        run()
