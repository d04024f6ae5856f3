"""The archive on the web: a JSON API (``/analyze``, ``/search``, ``/documents``, ``/entities``, ``/events``,
``/graph``, ``/ingest``) and server-rendered pages, for ``habar serve``.

Thin, as the CLI is: handlers parse the request and call the library (:mod:`habar.archive`,
:mod:`habar.pipeline`, :mod:`habar.ingest`); every error leaves through one handler in one JSON shape
(:mod:`habar.server.errors`). Read-only unless started with ingest allowed and a token.
"""

from __future__ import annotations

from habar.server.app import DEFAULT_MAX_BODY, ServerConfig, create_app

__all__ = ["DEFAULT_MAX_BODY", "ServerConfig", "create_app"]
