"""The FastAPI application: ``create_app(ServerConfig(db=...))``.

The archive is opened read-only, once per worker thread (SQLite connections are not shared between threads
at once). Only ``POST /ingest`` writes, through its own connection, and only when the server was started with
ingest allowed and a token. Analyses run one at a time (the spaCy pipeline is not meant for concurrent use).
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from habar import __version__
from habar.archive import Archive
from habar.errors import UsageError
from habar.server.errors import BodyLimit, ServerError, install

DEFAULT_MAX_BODY = 5_000_000
"""Largest request body accepted (bytes): 5 MB."""

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ServerConfig:
    """What ``habar serve`` was started with."""

    db: Path
    allow_ingest: bool = False
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY

    def check(self) -> None:
        if self.allow_ingest and not self.token:
            raise UsageError("--allow-ingest needs a token: give --token TOKEN or set HABAR_TOKEN")
        if self.max_body < 1:
            raise UsageError("the request body limit must be a positive number of bytes")


class Habar:
    """What the handlers reach through ``request.app.state.habar``: the archive and the locks."""

    def __init__(self, config: ServerConfig) -> None:
        config.check()
        self.config = config
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self.analyse_lock = threading.Lock()
        if config.allow_ingest:
            Archive(config.db).close()  # create it (or migrate it) now: readers need it to exist
        Archive(config.db, readonly=True).close()  # a missing or foreign file fails at start, not per request

    def archive(self) -> Archive:
        """This thread's read-only connection to the archive."""
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is None:
            archive = self._local.archive = Archive(self.config.db, readonly=True)
        return archive

    def check_token(self, given: str | None) -> None:
        """Refuse an ingest: 403 when ingest is off, 401 without the right token."""
        if not self.config.allow_ingest or not self.config.token:
            raise ServerError(403, "ingest is disabled on this server (start it with --allow-ingest and a token)")
        if not given or not hmac.compare_digest(given.encode("utf-8"), self.config.token.encode("utf-8")):
            raise ServerError(401, "ingest needs the server's token: send 'Authorization: Bearer TOKEN'",
                              {"WWW-Authenticate": "Bearer"})

    @contextmanager
    def writer(self) -> Iterator[Archive]:
        """A writable connection, one ingest at a time."""
        with self._write_lock, Archive(self.config.db) as archive:
            yield archive


def create_app(config: ServerConfig) -> FastAPI:
    """The whole server: API routes, pages, static files, the one error handler and the body limit."""
    from habar.server import api, pages

    app = FastAPI(
        title="habar",
        version=__version__,
        description="Kazakh news turned into structured, checkable facts: analyse a text, search the archive, "
                    "read documents, entities, events and the co-mention graph. Errors always have the shape "
                    '`{"ok": false, "status": N, "title": "...", "error": "...", "details": [...]}`.',
    )
    app.state.habar = Habar(config)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install(app, pages.error_page)
    app.add_middleware(BodyLimit, max_bytes=config.max_body)
    return app
