"""The web pages: search (``/``), an article (``/article/{id}``), an entity (``/entity/{number}``), and
analyse-a-pasted-text (``/paste``). Server-rendered with Jinja2 (autoescape on: article text is always
escaped); Kazakh interface text, English with ``?lang=en``."""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from habar.archive.plot import timeline_data
from habar.errors import HabarError
from habar.fields import EVENT_TYPES
from habar.server.api import ArticleIn, analyse, state
from habar.server.errors import status_of
from habar.server.views import article_view, snippet_pieces, timeline_bars

HERE = Path(__file__).resolve().parent
LANGUAGES = ("kk", "en")

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.autoescape = True


@cache
def messages() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = tomllib.loads((HERE / "messages.toml").read_text(encoding="utf-8"))
    return data


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "kk")
    return lang if lang in LANGUAGES else "kk"


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = _lang(request)
    t = messages()[lang]

    def link(path: str, **params: Any) -> str:
        """A link that keeps the interface language."""
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if lang != "kk":
            query["lang"] = lang
        return path + ("?" + urlencode(query) if query else "")

    other = "en" if lang == "kk" else "kk"
    switch = {k: v for k, v in request.query_params.items() if k != "lang"}
    if other != "kk":
        switch["lang"] = other
    switch_url = request.url.path + ("?" + urlencode(switch) if switch else "")
    return templates.TemplateResponse(request, template, {"t": t, "lang": lang, "link": link,
                                                          "switch_url": switch_url, **context},
                                      status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", entity: str = "", type: str = "", since: str = "",
                until: str = "") -> HTMLResponse:
    hits, problem, status = [], None, 200
    searched = any((q.strip(), entity.strip(), type, since, until))
    if searched:
        try:
            found = state(request).archive().search(q, entity=entity.strip() or None, type=type or None,
                                                    since=since or None, until=until or None, limit=20)
            hits = [(hit, snippet_pieces(hit.snippet, hit.highlights)) for hit in found]
        except HabarError as exc:
            problem, status = str(exc), status_of(exc)
    return render(request, "search.html", status=status, q=q, entity=entity, type=type, since=since, until=until,
                  types=EVENT_TYPES, hits=hits, searched=searched, problem=problem)


@router.get("/article/{doc_id}", response_class=HTMLResponse)
def article_page(request: Request, doc_id: str) -> HTMLResponse:
    archive = state(request).archive()
    doc = archive.document(doc_id)
    return render(request, "article.html", view=article_view(doc, archive.entity_numbers(doc)), stored=True)


@router.get("/entity/{number}", response_class=HTMLResponse)
def entity_page(request: Request, number: int, top: Annotated[int, Query(ge=1, le=200)] = 20) -> HTMLResponse:
    prof = state(request).archive().entity(number, top=top)
    months, counts = timeline_data(prof)
    return render(request, "entity.html", prof=prof, bars=timeline_bars(months, counts),
                  co=list(zip(prof.co_mentioned, prof.co_mentioned_numbers, strict=True)))


@router.get("/paste", response_class=HTMLResponse)
def paste_form(request: Request) -> HTMLResponse:
    return render(request, "paste.html", text="", format="text", title="", published="", problem=None)


@router.post("/paste", response_class=HTMLResponse)
def paste_analyse(request: Request, text: Annotated[str, Form()] = "", format: Annotated[str, Form()] = "text",
                  title: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "") -> HTMLResponse:
    habar = state(request)
    try:
        day = dt.date.fromisoformat(published) if published.strip() else None
    except ValueError:
        return render(request, "paste.html", status=422, text=text, format=format, title=title,
                      published=published, problem=f"published must be a date YYYY-MM-DD, got {published!r}")
    if not text.strip():
        return render(request, "paste.html", status=422, text=text, format=format, title=title,
                      published=published, problem="paste an article's text first")
    body = ArticleIn(text=text, format="html" if format == "html" else "text", title=title.strip() or None,
                     published=day)
    try:
        doc = analyse(habar, body.article("POST /paste"))
    except HabarError as exc:
        return render(request, "paste.html", status=status_of(exc), text=text, format=format, title=title,
                      published=published, problem=str(exc))
    dumped = doc.model_dump(mode="json")
    return render(request, "article.html", view=article_view(dumped, habar.archive().entity_numbers(dumped)),
                  stored=False)
