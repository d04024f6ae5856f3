"""The exchange format: one JSON-serialisable ``Document`` per article.

Offsets are Python string indices into ``Document.text`` (the cleaned text), end exclusive. The names
and meanings here are the contract that evaluation scripts and users rely on (see ``docs/format.md``);
fields may be added, never renamed.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict, Field

# re-exported: they live in habar.fields, which the archive's reading commands import without pydantic
from habar.fields import EVENT_TYPES as EVENT_TYPES
from habar.fields import check_date as check_date


class Span(BaseModel):
    """A character span into ``Document.text``."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Sentence(Span):
    language: str = Field(description="ISO 639-1 code of the sentence's language, e.g. 'kk', 'ru', 'en'.")


class Token(Span):
    text: str
    lemma: str | None = Field(default=None, description="Dictionary form: 'Бакуге' -> 'Баку', 'шыққан' -> 'шық'.")
    pos: str | None = Field(default=None, description="Universal POS tag (UPOS), e.g. 'NOUN', 'PROPN', 'VERB'.")
    morph: str | None = Field(
        default=None, description="Universal Dependencies features, e.g. 'Case=Dat|Number=Sing'; '' when none."
    )


class Speaker(BaseModel):
    """Who a quotation is attributed to: an entity id when the entities stage linked one, and a name."""

    model_config = ConfigDict(extra="forbid")
    entity: str | None = Field(default=None, description="Id of the entity in ``Document.entities``, if linked.")
    name: str | None = Field(default=None, description="Canonical name, a description, or null if unresolved.")
    description: str | None = Field(default=None, description=(
        "The words that stand for the speaker when they describe it rather than name it ('хабарламада' for the "
        "body that issued the statement), when the speaker was resolved from them."))


class Quote(Span):
    """Direct or indirect speech: the quoted content is ``text`` (= ``Document.text[start:end]``)."""

    speaker: Speaker
    cue: str = Field(description="The reporting words as written ('деп мәлімдеді', 'Оның айтуынша'); may be ''.")
    kind: str = Field(description="'direct' (marked with quotation marks) or 'indirect'.")
    text: str
    cue_span: Span | None = None


class Event(BaseModel):
    """Something that happened or is planned, with its CAMEO-compatible code and evidence."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(description="visit, meeting, agreement, proposal, appeal, praise, criticism, appointment, "
                                  "award, legal, protest, violence, disaster, gathering, economic or other.")
    cameo: str | None = Field(default=None, description="CAMEO event code (two or three digits), when CAMEO has one.")
    actors: list[str] = Field(default_factory=list, description="Entity ids (or names when no entity was linked).")
    counterparts: list[str] = Field(default_factory=list)
    place: str | None = None
    date: str | None = Field(default=None, description="ISO 8601 value of the event's date expression, if any.")
    planned: bool = False
    date_source: str | None = Field(
        default=None, description="'text': a time expression in the evidence gives the date; 'published': the "
        "event is undated and past, and the article's publication date stands in for it.")
    trigger: str = Field(default="", description="The words that triggered the event, as written.")
    evidence: Span
    actor_names: list[str] = Field(default_factory=list, description="Names of ``actors``, same order.")
    counterpart_names: list[str] = Field(default_factory=list, description="Names of ``counterparts``.")


class DateMention(Span):
    """A time expression and its TIMEX3 / ISO 8601 value: a date, a month, a year, a decade, a century, a week, an
    interval, a season, a weekday, a duration or age (``P3Y``), a time of day (``T14:00``); ``X`` for a year
    nothing gives (``XXXX-08-24``)."""

    text: str
    value: str | None = Field(default=None, description=(
        "Null for vague expressions, and when relative and no publication date anchors it."))
    label: str = Field(default="DATE", description="DATE, or TIME for a time of day or a duration under a day.")


class Mention(Span):
    text: str
    nested: bool = Field(
        default=False,
        description="A name inside a longer mention of another entity (the country in 'Қазақстан Президенті'); "
        "the other mentions never overlap each other.")


class Entity(BaseModel):
    """One thing the article mentions, with every mention of it (DESIGN: ``entities``)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="'e1', 'e2', ... in order of first mention; other fields refer to these.")
    label: str = Field(description="One of the 25 KazNERD classes (PERSON, GPE, ORGANISATION, POSITION, ...).")
    name: str = Field(description="Canonical name in the nominative ('Бакуге' -> 'Баку').")
    kb_id: str | None = Field(
        default=None,
        description="habar knowledge-base id: ISO 3166 code for countries and Kazakh regions ('AZ', 'KZ-75'), "
        "'M49.142' for world regions, 'org.UN' / 'person.tokayev' style otherwise.",
    )
    wikidata: str | None = Field(default=None, description="Wikidata id where the knowledge base is certain of it.")
    mentions: list[Mention] = Field(default_factory=list)
    positions: list[str] = Field(
        default_factory=list, description="PERSON: ids of the POSITION entities this person is named with."
    )
    holders: list[str] = Field(
        default_factory=list, description="POSITION: ids of the PERSON entities named as holding it."
    )


class Removed(BaseModel):
    """A piece of the raw input that cleaning removed as site furniture, and the rule that removed it."""

    model_config = ConfigDict(extra="forbid")
    rule: str
    raw_start: int = Field(ge=0)
    raw_end: int = Field(ge=0)
    text: str


class Document(BaseModel):
    """One analysed article."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Content hash of the cleaned text (first 16 hex digits of SHA-256).")
    source: str | None = Field(default=None, description="Path, path:line, url, or '-' for stdin.")
    title: str | None = None
    title_span: Span | None = None
    dateline: str | None = Field(default=None, description="Place of the dateline ('БАКУ.' -> 'Баку').")
    dateline_span: Span | None = None
    agency: str | None = Field(default=None, description="News agency credited ('деп хабарлайды ҚазАқпарат').")
    agency_cites: str | None = Field(
        default=None, description="The source the agency cites ('Ақордаға сілтеме жасап' -> 'Ақорда')."
    )
    agency_span: Span | None = None
    published: str | None = Field(default=None, description="Publication date, ISO 8601 (YYYY-MM-DD).")
    url: str | None = None
    language: str = Field(description="Language of most of the text (ISO 639-1).")
    text: str = Field(description="The cleaned text; every span indexes into it.")
    sentences: list[Sentence] = Field(default_factory=list)
    tokens: list[Token] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list, description="Key lemmas and names, most important first.")
    summary: list[Span] = Field(default_factory=list, description="The 2-3 most central sentences, in text order.")
    warnings: list[str] = Field(default_factory=list)
    removed: list[Removed] = Field(
        default_factory=list, description="Site furniture removed from the raw input, with the rule."
    )
    offset_map: list[tuple[int, int, int]] = Field(
        default_factory=list,
        description=(
            "Runs [text_start, raw_start, length]: text[text_start + k] came from raw[raw_start + k] for "
            "0 <= k < length. The raw input is the decoded file, or the text an HTML extractor returned."
        ),
    )

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def raw_offset(self, offset: int) -> int:
        """Offset in the raw input of the character at ``offset`` in ``text``."""
        if not self.offset_map:
            return offset
        return map_offset(self.offset_map, offset)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def map_offset(offset_map: list[tuple[int, int, int]], offset: int) -> int:
    """Map an offset in the cleaned text to the raw input through ``offset_map`` runs."""
    if not offset_map:
        return offset
    i = max(0, bisect_right([run[0] for run in offset_map], offset) - 1)
    t0, r0, length = offset_map[i]
    return r0 + min(offset - t0, length)


def document_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Document`."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def write_conllu(doc: Document, out: TextIO) -> None:
    """CoNLL-U: one block per sentence; columns a stage has not filled are '_'."""
    out.write(f"# newdoc id = {doc.id}\n")
    if doc.source:
        out.write(f"# source = {doc.source}\n")
    tokens = doc.tokens
    ti = 0
    for si, sent in enumerate(doc.sentences, 1):
        while ti < len(tokens) and tokens[ti].end <= sent.start:
            ti += 1
        sent_tokens = []
        while ti < len(tokens) and tokens[ti].start < sent.end:
            sent_tokens.append(tokens[ti])
            ti += 1
        if not sent_tokens:
            continue
        text = " ".join(doc.text[sent.start : sent.end].split())
        out.write(f"# sent_id = {doc.id}-{si}\n# text = {text}\n")
        for k, tok in enumerate(sent_tokens, 1):
            nxt = sent_tokens[k] if k < len(sent_tokens) else None
            space_after = nxt is None or nxt.start > tok.end
            misc = "_" if space_after else "SpaceAfter=No"
            lemma = getattr(tok, "lemma", None) or "_"
            upos = getattr(tok, "pos", None) or "_"
            feats = getattr(tok, "morph", None) or "_"
            form = tok.text.replace(" ", "\u00a0")
            out.write(f"{k}\t{form}\t{lemma}\t{upos}\t_\t{feats}\t_\t_\t_\t{misc}\n")
        out.write("\n")

