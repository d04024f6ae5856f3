"""One JSON shape for every error the server answers, and the one handler that renders it.

``{"ok": false, "status": 404, "title": "Not Found", "error": "no document with id 'x' in the archive",
"details": []}``: ``error`` is one plain line, ``details`` lists what was wrong with each field of a request
that did not validate (``{"field": "query.limit", "problem": "..."}``), empty otherwise. The same shape for
habar's own errors, FastAPI's validation errors, unknown routes and methods, a body over the limit, a refused
ingest and an internal error (the datasette pattern: ``handle_exception`` and ``tests/test_error_shape.py``).
Pages (``/``, ``/article/…``, ``/entity/…``, ``/paste``) show the same fields as an HTML page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from habar.errors import ArchiveError, HabarError, InputError, NotFoundError, UsageError

log = logging.getLogger("habar.server")

PAGE_PREFIXES = ("/article/", "/entity/", "/paste")
"""Paths of the web pages (and ``/``): their errors are shown as a page."""


class ServerError(HabarError):
    """An error with its HTTP status (a refused ingest, a body over the limit) raised by the server itself."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def status_of(exc: HabarError) -> int:
    """The HTTP status of one of habar's errors: the caller's mistake 422, nothing there 404, the archive
    failing 503."""
    if isinstance(exc, ServerError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, UsageError | InputError):
        return 422
    if isinstance(exc, ArchiveError):
        return 503
    return 500


def error_body(status: int, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The one error shape."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {"ok": False, "status": status, "title": title, "error": message, "details": details or []}


def _field_problems(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for problem in exc.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()))
        out.append({"field": where, "problem": str(problem.get("msg", "invalid"))})
    return out


def describe(exc: Exception) -> tuple[int, str, list[dict[str, str]], dict[str, str]]:
    """(status, message, details, headers) for any exception."""
    if isinstance(exc, HabarError):
        headers = exc.headers if isinstance(exc, ServerError) else {}
        return status_of(exc), str(exc), [], headers
    if isinstance(exc, RequestValidationError):
        details = _field_problems(exc)
        message = "; ".join(f"{d['field']}: {d['problem']}" for d in details[:3]) or "invalid request"
        return 422, message, details, {}
    if isinstance(exc, StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such page or endpoint (the API is described at /docs and /openapi.json)"
        return exc.status_code, detail, [], dict(exc.headers or {})
    log.exception("internal error", exc_info=exc)
    return 500, f"internal error ({type(exc).__name__}); this is a bug in habar, please report it", [], {}


def wants_page(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith(PAGE_PREFIXES)


def install(app: FastAPI, render_page: Callable[[Request, int, str], Response]) -> None:
    """Register the one handler for every kind of error; pages are answered by ``render_page``."""

    async def handle(request: Request, exc: Exception) -> Response:
        status, message, details, headers = describe(exc)
        if wants_page(request) and status != 405:
            response = render_page(request, status, message)
            response.headers.update(headers)
            return response
        return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)

    for kind in (HabarError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle)


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` is answered 413 in the one error shape, whether the
    client announced its length (refused before reading) or streams it in chunks (refused once the limit is
    passed; the handler never sees the body)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return f"request body larger than the server's limit of {self.max_bytes:,} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0 or declared > self.max_bytes:
                status = 413 if declared > self.max_bytes else 400
                message = self._message() if status == 413 else "Content-Length is not a number"
                response = JSONResponse(error_body(status, message), status_code=status,
                                        headers={"Connection": "close"})
                await response(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # an HTTPException passes through FastAPI's body parsing (anything else becomes a 400)
                    raise StarletteHTTPException(413, self._message())
            return message

        await self.app(scope, limited, send)
