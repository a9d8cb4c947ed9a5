"""The `stancegraph_attributions` spaCy component: who said, thought or wants what.

Runs after actors and roles, over the parse the model already made (one pass, no re-parsing):
finds attributions by shape (`find`), merges them, resolves each source to an article actor
(`speakers`), and leaves `doc._.sg_attributions` (list of `AttributionRef`, token spans).

Tables (cue lexicon, given-name genders, titles) are data: loaded in `initialize()` from
ingest/patterns/attribution_cues.json, given_names.tsv and titles.json unless given, saved by
`to_disk` and read back by `from_disk` (components/tables.py).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons
from ..extensions import register_extensions
from ..tables import TableComponent
from . import find
from .speakers import resolve_speakers

CLASS_ORDER = ("reporting", "stance", "thought", "evidence")  # a lemma in several lists takes the first


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


class AttributionFinder(TableComponent):
    TABLES = ("attribution_cues", "given_names", "titles")

    def __init__(self, nlp: Language, name: str = "stancegraph_attributions"):
        self.name = name
        register_extensions()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, attribution_cues: dict | None = None,
                   given_names: dict | None = None, titles: dict | None = None) -> None:
        self._set_tables(attribution_cues=attribution_cues, given_names=given_names, titles=titles)

    def _shape(self) -> None:
        self.cues = compile_cues(self.tables["attribution_cues"])
        self.given_names = self.tables["given_names"]
        self.title_heads = lexicons.title_heads(lexicons.titles(self.tables["titles"]))

    def __call__(self, doc: Doc) -> Doc:
        doc._.sg_attributions = find_attributions(doc, self.cues, self.given_names, self.title_heads)
        return doc


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
