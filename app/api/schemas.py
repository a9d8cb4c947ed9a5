"""Response and request models of the API, shared with the OpenAPI schema at /docs.

Dates are calendar days (ISO `YYYY-MM-DD`); Neo4j temporal values are converted before they
reach these models. Polarity is `1` (for), `-1` (against) or `0` (undecided).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from ingest.records import ACTOR_KINDS

ActorKind = Literal[ACTOR_KINDS]
Polarity = Literal[-1, 0, 1]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list: `items[offset : offset + limit]` out of `total`."""

    total: int = Field(description="Items matching the request, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(None, description="The URL of the next page; null on the last one.")
    items: list[T]


class ErrorResponse(BaseModel):
    error: str = Field(description="What went wrong, in one line.")
    detail: Any | None = None


# --- health ----------------------------------------------------------------------------------

class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    neo4j: str = Field(description="`reachable`, or why Neo4j is not.")
    database: str
    uri: str


# --- shared references -----------------------------------------------------------------------

class ActorRef(BaseModel):
    id: str = Field(examples=["person:volodymyr zelensky"])
    name: str
    kind: str


class PositionRef(BaseModel):
    id: str
    label: str


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = Field(None, description="The outlet.")
    date: dt.date | None = None


class Evidence(BaseModel):
    """One statement's sentence and where it was said."""

    statement: str = Field(description="Statement id.")
    kind: str
    polarity: int
    modality: str | None = None
    evidence: str
    date: dt.date | None = None
    article: ArticleRef


# --- actors ----------------------------------------------------------------------------------

class ActorCounts(BaseModel):
    statements: int = 0
    positions: int = 0
    articles: int = Field(0, description="Articles that mention the actor.")


class ActorSummary(ActorRef):
    aliases: list[str] = []
    iso3: str | None = None
    counts: ActorCounts
    score: float | None = Field(None, description="Full-text relevance when searching with `q`.")


class ActorList(Page[ActorSummary]):
    pass


class Role(BaseModel):
    title: str
    of: ActorRef
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    articles: int = Field(description="Articles that state the role.")
    evidence: str | None = Field(None, description="The sentence of the latest sighting.")


class RoleHolder(BaseModel):
    title: str
    person: ActorRef
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


class ActorDetail(ActorSummary):
    roles: list[Role] = Field(description="Roles this person holds (title, of whom, first/last seen).")
    role_holders: list[RoleHolder] = Field(description="People holding a role in this actor.")


class ActorPosition(BaseModel):
    """Where the actor stands on one position, from its statements in the requested period."""

    position: PositionRef
    polarity: int = Field(description="Polarity of the actor's latest statement on the position.")
    net_polarity: int = Field(description="Sign of the sum of the statements' polarities.")
    polarities: list[int] = Field(description="Distinct polarities expressed, in time order of first use.")
    kinds: list[str] = Field(description="Distinct statement kinds (SUPPORT, REJECT, DEMAND, ...).")
    statements: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    changed: bool = Field(description="True when the actor's polarity on the position changed over time.")
    latest: Evidence = Field(description="The latest statement: its evidence sentence and article.")


class ActorPositionList(Page[ActorPosition]):
    actor: ActorRef


class Statement(BaseModel):
    id: str
    actor: ActorRef
    kind: str
    polarity: int
    modality: str | None = None
    confidence: float | None = None
    plover: str | None = None
    cameo: str | None = None
    evidence: str
    start: int | None = None
    end: int | None = None
    date: dt.date | None = None
    position: PositionRef
    article: ArticleRef
    target: ActorRef | None = None
    on_behalf_of: ActorRef | None = None


class StatementList(Page[Statement]):
    pass


# --- positions -------------------------------------------------------------------------------

class PositionCounts(BaseModel):
    statements: int = 0
    supporters: int = 0
    opponents: int = 0
    undecided: int = 0


class PositionSummary(PositionRef):
    key: str | None = None
    counts: PositionCounts
    score: float | None = Field(None, description="Full-text relevance when searching with `q`.")


class PositionList(Page[PositionSummary]):
    pass


class PositionStance(BaseModel):
    """One actor's stance on the position; the actor is grouped by its latest polarity."""

    actor: ActorRef
    polarity: int = Field(description="Polarity of the actor's latest statement.")
    statements: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    changed: bool
    evidence: list[Evidence] = Field(description="The actor's latest statements on the position (at most 3).")


class PositionDetail(PositionSummary):
    supporters: list[PositionStance]
    opponents: list[PositionStance]
    undecided: list[PositionStance]


class TimelineEntry(Statement):
    moved: bool = Field(description="True when this statement's polarity differs from the actor's previous "
                                    "statement on the position.")


class Timeline(Page[TimelineEntry]):
    position: PositionRef


# --- alignment -------------------------------------------------------------------------------

class SharedPosition(BaseModel):
    position: PositionRef
    a_polarity: int = Field(description="Sign of the net polarity of a's statements on the position.")
    b_polarity: int
    a_statements: int
    b_statements: int
    relation: Literal["agreement", "conflict", "neutral"]
    a_evidence: list[Evidence] = Field(description="a's statements on the position, in time order (undated last).")
    b_evidence: list[Evidence] = Field(description="b's statements on the position, in time order.")


class Alignment(BaseModel):
    a: ActorRef
    b: ActorRef
    shared: int = Field(description="Positions both actors took a stance on.")
    agreements: int
    conflicts: int
    neutral: int = Field(description="Shared positions where either net polarity is 0.")
    score: float = Field(ge=-1, le=1, description="(agreements - conflicts) / shared; 0 when nothing is shared.")
    positions: list[SharedPosition]


# --- articles --------------------------------------------------------------------------------

class ArticleMention(ActorRef):
    count: int


class ArticleRole(BaseModel):
    person: ActorRef
    title: str
    of: ActorRef


class Highlight(BaseModel):
    """A stretch of the text that statements rest on: `text[start:end]` is their evidence."""

    start: int
    end: int
    statements: list[str] = Field(description="Ids of the statements whose evidence this is.")
    polarities: list[int] = Field(description="Their distinct polarities: a highlight can be coloured by them.")


class ArticleDetail(BaseModel):
    id: str
    title: str | None = None
    source: str | None = Field(None, description="The outlet.")
    path: str | None = Field(None, description="The input it was read from.")
    url: str | None = None
    published_at: str | None = None
    date: dt.date | None = None
    words: int | None = None
    ingested_at: dt.datetime | None = None
    text: str | None = Field(None, description="The text as read (null for articles written before texts were kept).")
    highlights: list[Highlight] = Field(description="The statements' evidence as offsets into `text`, in text order.")
    actors: list[ArticleMention]
    roles: list[ArticleRole]
    statements: list[Statement]
    attributions: list[Quote] = Field(description="Who said what in it, in text order.")


class ArticleIn(BaseModel):
    """One article to ingest. Without an `id`, the id is `sha1:` + 16 hex digits of the text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=1_000_000,
                      description="The text; extraction reads its first 100,000 characters (a longer text is "
                                  "cut at a line or sentence break, and the answer's `warnings` say so).")
    id: str | None = Field(None, min_length=1, max_length=200)
    title: str | None = Field(None, max_length=1_000)
    url: str | None = Field(None, max_length=2_000)
    source: str | None = Field(None, max_length=200, description="The outlet.")
    published_at: dt.date | dt.datetime | None = Field(None, description="ISO 8601 date or datetime.")

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value

    @field_validator("text", "id", "title", "url", "source")
    @classmethod
    def encodable(cls, value: str | None) -> str | None:
        # Valid JSON can carry lone UTF-16 surrogates ("\ud800") that no UTF-8 store accepts.
        if value is not None and any("\ud800" <= c <= "\udfff" for c in value):
            raise ValueError("holds a lone UTF-16 surrogate")
        return value


BATCH_MAX = 10


class ArticleBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=BATCH_MAX)

    @field_validator("articles", mode="before")
    @classmethod
    def at_most(cls, value: Any) -> Any:
        # Said before each article is validated, in words (pydantic would say "at most 10 items").
        if isinstance(value, list) and len(value) > BATCH_MAX:
            raise ValueError(f"a batch holds at most {BATCH_MAX} articles, not {len(value)}")
        return value


def _payload_kind(value: Any) -> str:
    return "batch" if isinstance(value, dict) and "articles" in value else "article"


# One article, or a batch: told apart by the `articles` key, so that an error is reported against
# what the caller sent (not "body.ArticleIn.text: Field required" for a batch).
IngestPayload = Annotated[Annotated[ArticleIn, Tag("article")] | Annotated[ArticleBatch, Tag("batch")],
                          Discriminator(_payload_kind)]


class IngestResult(BaseModel):
    id: str
    written: bool = Field(description="False when this exact text was already in the graph.")
    actors: int = 0
    positions: int = 0
    statements: int = 0
    roles: int = 0
    warnings: list[str] = Field([], description="What was not read as sent (a text cut at 100,000 characters).")


class IngestResponse(BaseModel):
    articles: list[IngestResult]


# --- graph -----------------------------------------------------------------------------------

class GraphNodeData(BaseModel):
    id: str
    label: str
    type: Literal["actor", "position"]
    kind: str | None = Field(None, description="Actor kind (person, state, ...); null for positions.")
    depth: int = Field(description="Hops from the requested node.")


class GraphNode(BaseModel):
    data: GraphNodeData


class GraphEdgeData(BaseModel):
    id: str
    source: str
    target: str
    type: str = Field(description="SUPPORTS, OPPOSES, UNDECIDED_ON or HOLDS_ROLE.")
    label: str
    statements: int | None = None
    title: str | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


class GraphEdge(BaseModel):
    data: GraphEdgeData


class Neighborhood(BaseModel):
    """Cytoscape.js elements (`cy.add(body)` as is); other libraries read `data` of each element."""

    center: str
    depth: int
    truncated: bool = Field(description="True when the node limit cut the neighborhood.")
    nodes: list[GraphNode]
    edges: list[GraphEdge]


# --- read-only Cypher ------------------------------------------------------------------------

class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, examples=["MATCH (a:Actor) RETURN a.name LIMIT 5"])
    parameters: dict[str, Any] = Field(default_factory=dict)
    limit: int = Field(1_000, ge=1, le=10_000, description="Rows returned at most.")


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when the query had more rows than `limit`.")
    elapsed_ms: float


# --- networks ---------------------------------------------------------------------------------

class Network(BaseModel):
    kind: str
    graph: dict[str, Any]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    counts: dict[str, int]
    milliseconds: dict[str, float]


class Coalitions(BaseModel):
    modularity: float
    coalitions: list[dict[str, Any]]
    unaffiliated: list[dict[str, Any]]
    bridges: list[dict[str, Any]]
    network: Network | None = None


class PolarizationWindow(BaseModel):
    window: str
    start: str
    end: str
    statements: int
    actors: int
    positions: int
    congruence: int
    conflict: int
    conflict_share: float | None


class Polarization(BaseModel):
    window: str
    span: int
    windows: list[PolarizationWindow]


class StanceStatement(BaseModel):
    polarity: int
    date: str | None
    article: str
    article_title: str | None = None
    statement: str | None = None
    evidence: str | None = None


class StanceChange(BaseModel):
    actor: str
    actor_name: str
    position: str
    position_label: str
    before: StanceStatement
    after: StanceStatement


class StanceChanges(Page[StanceChange]):
    pass


# --- quotes: who said what -----------------------------------------------------------------------

class QuoteStance(BaseModel):
    """A stance the attribution's words state."""

    id: str = Field(description="Statement id.")
    actor: ActorRef
    kind: str
    polarity: int
    modality: str | None = None
    position: PositionRef


class Quote(BaseModel):
    """One attribution: a direct quote, a paraphrase or a mix, of a statement, belief or intention."""

    id: str
    type: Literal["direct", "indirect", "mixed"]
    cue: str = Field(description="The words that attribute it: 'said', 'has repeatedly rejected', 'according to'.")
    content: str = Field(description="What is attributed; several spans (a quote split by 'he said') joined by ' … '.")
    source: ActorRef | None = Field(None, description="Who said it; null for an unnamed source ('a campaign aide').")
    source_text: str | None = Field(None, description="The words naming the source in the article ('he', "
                                    "'the Ukrainian president', 'a campaign aide'); null when none does.")
    start: int = Field(description="Offset of the first character of source, cue or content in the article text.")
    end: int
    cue_span: list[int] = Field(description="[start, end] character offsets of the cue.")
    content_spans: list[list[int]] = Field(description="[start, end] character offsets of each content span.")
    source_span: list[int] | None = None
    date: dt.date | None = None
    article: ArticleRef
    stances: list[QuoteStance] = Field(description="The stances its words state (often none).")
    score: float | None = Field(None, description="Full-text relevance when searching with `q`.")


class QuoteList(Page[Quote]):
    actor: ActorRef
