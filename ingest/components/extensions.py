"""What our components leave on a Doc, and the `Doc._.sg_*` extensions that hold it.

Everything refers to tokens by index, so the records stay valid for the Doc's lifetime and
`ingest.extract` can turn them into the plain records of `ingest.records` without re-parsing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import srsly
from spacy.tokens import Doc


@dataclass
class ActorRef:
    key: str  # cross-article identity, "state:UKR", "person:volodymyr zelenskiy"
    name: str
    kind: str  # person | state | organization | group
    iso3: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans [start, end)

    def add_alias(self, text: str) -> None:
        if text and text != self.name and text not in self.aliases:
            self.aliases.append(text)


@dataclass
class RoleRef:
    person: int  # index into doc._.sg_actors
    title: str
    of: int | None
    represents: bool  # the holder speaks for `of` (a minister, not a son-in-law)
    sent: tuple[int, int]  # token span of the evidence sentence


@dataclass
class QuoteRef:
    start: int  # token span of the quoted text, quote marks excluded
    end: int
    speaker: int | None  # actor index


@dataclass
class StanceRef:
    actor: int
    kind: str
    polarity: int
    label: str
    key: str
    sent: tuple[int, int]
    confidence: float
    modality: str = "asserted"
    target: int | None = None
    on_behalf_of: int | None = None
    cameo: str | None = None
    plover: str | None = None  # the kind's PLOVER code (kinds.json)
    frame_token: int = -1  # the word that carries the frame; lets anaphora find the latest stance
    attribution: int | None = None  # index into doc._.sg_attributions of the one stating it


@dataclass
class AttributionRef:
    cue: tuple[int, int]  # token span [start, end)
    contents: list[tuple[int, int]]  # token spans, text order
    source: tuple[int, int] | None  # token span of the source mention
    kind: str  # direct | indirect | mixed
    shape: str  # verb | according | colon | nominal | sourceless
    cue_class: str = ""  # reporting | stance | thought | evidence | according | colon | nominal
    speaker: int | None = None  # actor index, filled by speakers.resolve_speakers
    how: str = ""  # how the speaker was found: name | pronoun | title | relative | signatory | own side
    head: int = -1  # the cue's head token (the verb)

    def tokens(self) -> set[int]:
        return {i for s, e in self.contents for i in range(s, e)}


EXTENSIONS = {
    "sg_skipped": None,  # bytearray, 1 for tokens in boilerplate sentences (bylines, "Sign up ...")
    "sg_actors": None,  # list[ActorRef]
    "sg_mention": None,  # dict token index -> actor index
    "sg_roles": None,  # list[RoleRef]
    "sg_quotes": None,  # list[QuoteRef]
    "sg_stances": None,  # list[StanceRef]
    "sg_attributions": None,  # list[AttributionRef]
}


REFS = {cls.__name__: cls for cls in (ActorRef, RoleRef, QuoteRef, StanceRef, AttributionRef)}


def _encode(obj, chain=None):
    if type(obj).__name__ in REFS and isinstance(obj, tuple(REFS.values())):
        return {"__sg__": type(obj).__name__, **asdict(obj)}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    if isinstance(obj, dict) and "__sg__" in obj:
        fields = {k: v for k, v in obj.items() if k != "__sg__"}
        return REFS[obj["__sg__"]](**fields)
    return obj if chain is None else chain(obj)


def register_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    # nlp.pipe(n_process>1) ships Docs between processes as msgpack: teach it our records.
    srsly.msgpack_encoders.register("stancegraph_refs", func=_encode)
    srsly.msgpack_decoders.register("stancegraph_refs", func=_decode)
