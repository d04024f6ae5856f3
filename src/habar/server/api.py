"""The JSON API. Each handler parses its request and calls the library; errors go to the one handler."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from habar.archive.profile import EntityProfile
from habar.archive.search import SearchHit
from habar.document import EVENT_TYPES, Document
from habar.read import Article
from habar.server.app import Habar

router = APIRouter()

TYPES = ", ".join(EVENT_TYPES)


def state(request: Request) -> Habar:
    habar: Habar = request.app.state.habar
    return habar


class ErrorOut(BaseModel):
    """The one error shape."""

    ok: Literal[False] = False
    status: int
    title: str
    error: str = Field(description="One plain line saying what was wrong.")
    details: list[dict[str, str]] = Field(default_factory=list,
                                          description="For a request that did not validate: each field's problem.")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (404, 413, 422)}


class ArticleIn(BaseModel):
    """One article to analyse: plain text (the first line is the title when it looks like one) or a web page."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="The article: plain text, or HTML when format is 'html'.")
    format: Literal["text", "html"] = Field(default="text", description="'html': main text and metadata are "
                                            "extracted from the page (trafilatura).")
    title: str | None = Field(default=None, description="The title, when it is not the text's first line.")
    published: dt.date | None = Field(default=None, description="Publication date: anchors relative dates.")
    url: str | None = None

    def article(self, source: str) -> Article:
        """The library's reader result for this request (HTML through the HTML reader)."""
        from habar.read.html import read_html

        if self.format == "html":
            article = read_html(self.text.encode("utf-8"), self.url or source)
            article.url = article.url or self.url
            article.title = self.title or article.title
            article.published = (self.published.isoformat() if self.published else None) or article.published
            return article
        return Article(text=self.text, source=self.url or source, title=self.title, url=self.url,
                       published=self.published.isoformat() if self.published else None)


def analyse(habar: Habar, article: Article) -> Document:
    from habar.pipeline import analyze_article

    with habar.analyse_lock:
        return analyze_article(article)


@router.post("/analyze", response_model=Document, responses=ERRORS, tags=["analyse"],
             summary="Analyse one article (nothing is stored)")
def analyze(body: ArticleIn, request: Request) -> Document:
    habar = state(request)
    return analyse(habar, body.article("POST /analyze"))


class SearchOut(BaseModel):
    query: str
    results: list[SearchHit] = Field(description="The archive's search hits (habar.archive.search.SearchHit): "
                                                "highlights are (start, end) of each matched word in the snippet.")


@router.get("/search", response_model=SearchOut, responses=ERRORS, tags=["archive"],
            summary="Ranked full-text search that understands Kazakh endings")
def search(
    request: Request,
    q: Annotated[str, Query(description="Words to look for (any form: Әзербайжан finds Әзербайжанға); may be "
                                        "empty when a filter is given.", max_length=1000)] = "",
    entity: Annotated[str | None, Query(description="Only articles that mention this entity (name, name variant "
                                                    "or knowledge-base id).", max_length=500)] = None,
    type: Annotated[str | None, Query(description=f"Only articles with an event of this type: {TYPES}.")] = None,
    since: Annotated[dt.date | None, Query(description="Published on or after.")] = None,
    until: Annotated[dt.date | None, Query(description="Published on or before.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    hits = state(request).archive().search(q, entity=entity, type=type, since=_iso(since), until=_iso(until),
                                           limit=limit)
    return {"query": q, "results": [hit.to_dict() for hit in hits]}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/documents/{id}", responses={200: {"model": Document}, **ERRORS}, tags=["archive"],
            summary="One stored Document")
def document(request: Request, id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    return state(request).archive().document(id)


class EntityItem(BaseModel):
    entity: int = Field(description="The entity's number: /entities/{entity}.")
    name: str
    label: str | None
    kb_id: str | None
    mentions: int
    documents: int


@router.get("/entities", response_model=list[EntityItem], responses=ERRORS, tags=["archive"],
            summary="Entities whose name or a name variant contains the query, most mentioned first")
def entities(request: Request, query: Annotated[str, Query(max_length=500)] = "",
             limit: Annotated[int, Query(ge=1, le=500)] = 20) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = state(request).archive().entities(query, limit=limit)
    return result


@router.get("/entities/{id}", response_model=EntityProfile, responses=ERRORS, tags=["archive"],
            summary="One entity's profile (as `habar entity`)")
def entity(request: Request, id: Annotated[int, Path(ge=1, le=2**62, description="The entity's number.")],
           top: Annotated[int, Query(ge=1, le=500)] = 10) -> dict[str, Any]:
    result: dict[str, Any] = state(request).archive().entity(id, top=top).to_dict()
    return result


class Participant(BaseModel):
    entity: int
    name: str


class EventOut(BaseModel):
    event: int
    document: str
    title: str | None
    published: str | None
    type: str | None
    cameo: str | None
    date: str | None
    evidence: dict[str, Any]
    actors: list[Participant]
    counterparts: list[Participant]
    places: list[Participant]


@router.get("/events", response_model=list[EventOut], responses=ERRORS, tags=["archive"],
            summary="Stored events, latest first")
def events(
    request: Request,
    type: Annotated[str | None, Query(description=f"One of {TYPES}.")] = None,
    since: Annotated[dt.date | None, Query(description="The event's date (else the article's) on or after.")] = None,
    until: Annotated[dt.date | None, Query(description="... on or before.")] = None,
    entity: Annotated[int | None, Query(ge=1, le=2**62, description="Only events this entity took part in.")]
    = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = state(request).archive().events(type=type, since=_iso(since),
                                                                   until=_iso(until), entity=entity, limit=limit)
    return result


class GraphOut(BaseModel):
    nodes: list[dict[str, Any]] = Field(description="entity (number), name, kind, kb_id, documents.")
    edges: list[dict[str, int]] = Field(description="source, target (entity numbers), weight (shared articles).")


@router.get("/graph", response_model=GraphOut, responses=ERRORS, tags=["archive"],
            summary="The co-mention graph of the most mentioned entities (the numbers of `habar plot graph`)")
def graph(request: Request, top: Annotated[int, Query(ge=2, le=500)] = 30) -> dict[str, Any]:
    from habar.archive.plot import graph_data

    return graph_data(state(request).archive(), top).to_dict()


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


class IngestOut(BaseModel):
    stored: int
    duplicate: int
    near_duplicate: int
    failed: int
    failures: list[str]
    documents: list[str] = Field(description="Ids of the analysed documents, in request order (failed ones "
                                             "left out).")


bearer = HTTPBearer(auto_error=False, description="The token given to `habar serve --token` (or HABAR_TOKEN).")


@router.post("/ingest", response_model=IngestOut, tags=["archive"],
             responses={code: {"model": ErrorOut} for code in (401, 403, 413, 422)},
             summary="Analyse and store articles (only on a server started with --allow-ingest and a token)")
def ingest(body: IngestIn, request: Request,
           credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> dict[str, Any]:
    from habar.errors import InputError
    from habar.ingest import ingest_items
    from habar.read import Failure, Item

    habar = state(request)
    habar.check_token(credentials.credentials if credentials else None)
    items: list[Item] = []
    for i, article in enumerate(body.articles):
        source = f"POST /ingest article {i}"
        try:
            items.append(article.article(source))
        except InputError as exc:
            items.append(Failure(exc.source, exc.problem))
    with habar.analyse_lock, habar.writer() as archive:
        summary = ingest_items(archive, items)
    return {"stored": summary.stored, "duplicate": summary.duplicate, "near_duplicate": summary.near_duplicate,
            "failed": summary.failed, "failures": summary.failures, "documents": summary.documents}
