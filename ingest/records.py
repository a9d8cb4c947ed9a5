"""Plain records that flow from reading, through extraction, to the graph writer and the CLI.

The extraction functions return these; `Extraction.to_json()` is the record that
`stancegraph extract --format jsonl` prints (see ../shared/eval/FORMAT.md), with extra keys
the graph writer uses (actor `key`/`iso3`, position `key`, stance `modality`, `plover`, …).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ACTOR_KINDS = ("person", "state", "organization", "group")  # the graph labels are these, capitalized


@dataclass
class Article:
    id: str
    text: str
    source: str
    title: str | None = None
    published_at: str | None = None  # ISO 8601 date or datetime, or None when unknown
    url: str | None = None
    outlet: str | None = None  # the publisher ("source" key of a JSON Lines record)


@dataclass
class Actor:
    id: str  # article-local id: "a1", "a2", …
    name: str  # canonical name
    kind: str  # one of ACTOR_KINDS
    aliases: list[str] = field(default_factory=list)
    key: str = ""  # cross-article identity, e.g. "state:UKR", "person:volodymyr zelenskiy"
    iso3: str | None = None
    mentions: int = 0


@dataclass
class Role:
    person: str  # actor id
    title: str
    of: str | None  # actor id or None
    evidence: str
    start: int
    end: int


@dataclass
class Position:
    id: str  # stable across articles: derived from `key`
    label: str  # at most 12 words
    key: str  # normalized proposition key; equal keys = same proposition


@dataclass
class Stance:
    actor: str  # actor id
    kind: str  # SUPPORT, OPPOSE, REJECT, DEMAND, … (graph_schema/README.md)
    polarity: int  # 1, -1 or 0
    position: Position
    evidence: str
    start: int
    end: int
    confidence: float
    modality: str = "asserted"  # asserted | conditional | hypothetical | reported
    target: str | None = None  # actor id
    on_behalf_of: str | None = None  # actor id of the state/organization the speaker represents
    plover: str | None = None
    cameo: str | None = None
    attribution: str | None = None  # id of the attribution whose content states it; None: the journalist's voice


@dataclass
class Attribution:
    id: str  # article-local: "q1", "q2", …
    source: str | None  # actor id, or None for an unnamed source ("a campaign aide") or none
    source_span: list[int] | None  # [start, end] character offsets of the source mention
    cue_span: list[int]
    content_spans: list[list[int]]
    type: str  # direct | indirect | mixed


@dataclass
class Extraction:
    article: Article
    actors: list[Actor] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)

    def to_json(self) -> dict:
        art = self.article
        return {
            "article": {
                "id": art.id,
                "source": art.source,
                "title": art.title,
                "published_at": art.published_at,
                "url": art.url,
                "outlet": art.outlet,
            },
            "actors": [asdict(a) for a in self.actors],
            "roles": [asdict(r) for r in self.roles],
            "stances": [asdict(s) for s in self.stances],
            "attributions": [asdict(a) for a in self.attributions],
        }

    @classmethod
    def from_json(cls, record: dict, article: Article) -> Extraction:
        """The extraction `to_json` made `record` of, for `article` (which the record names but does
        not carry the text of)."""
        return cls(article=article,
                   actors=[Actor(**a) for a in record["actors"]],
                   roles=[Role(**r) for r in record["roles"]],
                   stances=[Stance(**{**s, "position": Position(**s["position"])}) for s in record["stances"]],
                   attributions=[Attribution(**a) for a in record["attributions"]])
