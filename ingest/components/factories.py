"""Every stancegraph spaCy factory, registered in one place so config names are traced here.

The data tables come from `lexicons`, read once per process and shared by all pipelines.
"""

from __future__ import annotations

from spacy.language import Language

from . import lexicons
from .actors import ActorResolver
from .attributions import AttributionFinder
from .quotes import QuoteFinder
from .roles import RoleFinder
from .stances import StanceFinder

# Our components, in pipeline order (after the model's own NER).
# Attributions run before stances, which will take their holder from the attribution stating them.
PIPELINE = ["stancegraph_actors", "stancegraph_roles", "stancegraph_quotes", "stancegraph_attributions",
            "stancegraph_stances"]


def _title_words() -> set[str]:
    """Every word of a title, and honorifics: stripped from PERSON entities ('President Trump',
    'Mr Trump' -> 'Trump')."""
    titles = lexicons.titles()
    return {w for seq in titles["sequences"] for w in seq} | titles["modifiers"] | titles["honorifics"]


def _title_heads() -> set[str]:
    """Last words of titles: 'the Ukrainian president' is a role description."""
    return {seq[-1] for seq, represents in lexicons.titles()["sequences"].items() if represents}


@Language.factory("stancegraph_actors", assigns=["doc._.sg_actors", "doc._.sg_mention", "doc._.sg_skipped"])
def make_actors(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(nlp, name, gazetteer=lexicons.gazetteer(), boilerplate=lexicons.boilerplate(),
                         grammar=lexicons.grammar(), title_words=_title_words(), title_heads=_title_heads(),
                         not_actors=lexicons.not_actors(),
                         stance_verbs={lemma for lemma, pos in lexicons.frames() if pos == "VERB"})


@Language.factory("stancegraph_roles", assigns=["doc._.sg_roles"])
def make_roles(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder(nlp, name, titles=lexicons.titles(), speech_verbs=lexicons.grammar()["speech_verbs"])


@Language.factory("stancegraph_quotes", assigns=["doc._.sg_quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name, grammar=lexicons.grammar(), title_heads=_title_heads())


@Language.factory("stancegraph_stances", assigns=["doc._.sg_stances"])
def make_stances(nlp: Language, name: str) -> StanceFinder:
    return StanceFinder(nlp, name, frames=lexicons.frames(), kinds=lexicons.stance_kinds(),
                        grammar=lexicons.grammar(), gazetteer=lexicons.gazetteer(), title_heads=_title_heads(),
                        clause_cues=lexicons.clause_cues(), anaphora=lexicons.anaphora())


@Language.factory("stancegraph_attributions", default_config={}, assigns=["doc._.sg_attributions"],
                  requires=["doc._.sg_actors", "doc._.sg_mention", "doc._.sg_roles"])
def make_attributions(nlp: Language, name: str) -> AttributionFinder:
    """Tables (cue lexicon, given-name genders) load in initialize(), from ingest/patterns/."""
    finder = AttributionFinder(nlp, name, title_heads=_title_heads())
    finder.initialize(nlp=nlp)
    return finder
