"""The `stancegraph_attributions` spaCy component: who said, thought or wants what.

Runs after actors and roles, over the parse the model already made (one pass, no re-parsing):
finds attributions by shape (`find`), merges them, resolves each source to an article actor
(`speakers`), and leaves `doc._.sg_attributions` (list of `AttributionRef`, token spans).

Tables (cue lexicon, given-name genders) are data: loaded in `initialize()` from
ingest/patterns/attribution_cues.json and given_names.tsv unless given, saved by `to_disk` and
read back by `from_disk`, like spaCy's span_ruler.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from . import find
from .speakers import resolve_speakers

PATTERNS = Path(__file__).resolve().parents[2] / "patterns"
CUES_FILE = PATTERNS / "attribution_cues.json"
NAMES_FILE = PATTERNS / "given_names.tsv"
CLASS_ORDER = ("reporting", "stance", "thought", "evidence")  # a lemma in several lists takes the first


def load_cues(path: Path = CUES_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_given_names(path: Path = NAMES_FILE) -> dict[str, str]:
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, sex = line.partition("\t")
            out[name] = sex
    return out


def compile_cues(raw: dict) -> dict:
    """The raw lexicon as the finder functions use it (sets, lemma -> class)."""
    lemma_class = {}
    for cls in CLASS_ORDER:
        for lemma in raw.get(cls, []):
            lemma_class.setdefault(lemma, cls)
    return {
        "lemma_class": lemma_class,
        "addressee_verbs": set(raw.get("addressee_verbs", [])),
        "particles": {k: set(v) for k, v in raw.get("particle_cues", {}).items()},
        "content_preps": set(raw.get("content_preps", [])),
        "clausal_deps": set(raw.get("clausal_deps", [])),
        "nominal_deps": set(raw.get("nominal_deps", [])),
        "time_words": set(raw.get("time_words", [])),
        "according": [list(seq) for seq in raw.get("according", [])],
        "not_sources": set(raw.get("not_sources", [])),
        "need_clause": set(raw.get("thought_need_clause", [])),
        "document_nouns": set(raw.get("document_nouns", [])),
        "document_preps": set(raw.get("document_preps", [])),
        "colon_not_sources": set(raw.get("colon_not_sources", [])),
        "form_lemmas": dict(raw.get("form_lemmas", {})),
        "light_verbs": {k: set(v) for k, v in raw.get("light_verbs", {}).items()},
        "sourceless": {k: set(v) for k, v in raw.get("sourceless", {}).items()},
        "passive_sourceless": set(raw.get("passive_sourceless", [])),
        "nominal_cues": set(raw.get("nominal_cues", [])),
        "nominal_preps": set(raw.get("nominal_preps", [])),
        "quantifier_sources": set(raw.get("quantifier_sources", [])),
        "no_xcomp": set(raw.get("no_xcomp", [])),
        "question_participles": set(raw.get("question_participles", [])),
        "own_side": set(raw.get("own_side_nouns", [])),
    }


class AttributionFinder:
    def __init__(self, nlp: Language, name: str = "stancegraph_attributions", *, title_heads: set[str] | None = None,
                 cues: dict | None = None, given_names: dict[str, str] | None = None):
        self.name = name
        self.title_heads = set(title_heads or ())
        self.raw_cues: dict = {}
        self.cues: dict = {}
        self.given_names: dict[str, str] = {}
        if cues is not None or given_names is not None:
            self.initialize(cues=cues, given_names=given_names)

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   cues: dict | None = None, given_names: dict[str, str] | None = None) -> None:
        """Load the tables: the given ones, else the data files."""
        self.raw_cues = cues if cues is not None else load_cues()
        self.cues = compile_cues(self.raw_cues)
        self.given_names = given_names if given_names is not None else load_given_names()

    def __call__(self, doc: Doc) -> Doc:
        if not self.cues:
            self.initialize()
        doc._.sg_attributions = find_attributions(doc, self.cues, self.given_names, self.title_heads)
        return doc

    # -- serialization, as spaCy's span_ruler --------------------------------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"cues": self.raw_cues, "given_names": self.given_names,
                                    "title_heads": sorted(self.title_heads)})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "AttributionFinder":
        cfg = srsly.msgpack_loads(data)
        self.title_heads = set(cfg["title_heads"])
        self.initialize(cues=cfg["cues"], given_names=cfg["given_names"])
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cues.json", self.raw_cues)
        srsly.write_json(path / "given_names.json", self.given_names)
        srsly.write_json(path / "cfg.json", {"title_heads": sorted(self.title_heads)})

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "AttributionFinder":
        path = ensure_path(path)
        self.title_heads = set(srsly.read_json(path / "cfg.json")["title_heads"])
        self.initialize(cues=srsly.read_json(path / "cues.json"), given_names=srsly.read_json(path / "given_names.json"))
        return self


def find_attributions(doc: Doc, cues: dict, given_names: dict[str, str], title_heads: set[str]) -> list[find.AttributionRef]:
    """Every attribution of `doc` (pure: reads the parse and the actors/roles annotations)."""
    quotes = find.quote_spans(doc)
    qat = find.quote_index(doc, quotes)
    toks = list(doc)  # one Token object per word, shared by every shape
    found = find.verb_attributions(doc, cues, quotes, qat, toks)
    found += find.according_attributions(doc, cues, quotes, qat, toks)
    found += find.colon_attributions(doc, cues, quotes, qat, doc._.sg_mention or {})
    found += find.document_attributions(doc, cues, quotes, qat, toks)
    found += find.sourceless_attributions(doc, cues, quotes, qat, toks)
    found += find.nominal_attributions(doc, cues, quotes, qat, toks)
    found = find.merge(found)
    find.continue_quotes(doc, quotes, qat, found)
    resolve_speakers(doc, found, qat, given_names, title_heads, cues["own_side"])
    return found


def attribution_covering(doc: Doc, token_i: int) -> int | None:
    """Index into doc._.sg_attributions of the attribution whose content holds token `token_i`
    (for stances: the holder of a stance is the source of the attribution stating it)."""
    for n, a in enumerate(doc._.sg_attributions or []):
        if any(s <= token_i < e for s, e in a.contents):
            return n
    return None
