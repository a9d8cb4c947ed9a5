"""Every stancegraph spaCy factory, registered in one place so config names are traced here.

A factory only builds the component from its config; the data tables are read in the component's
`initialize` (by default from ingest/patterns/) and saved with the pipeline (tables.py).
"""

from __future__ import annotations

from spacy.language import Language

from .actors import ActorFinder
from .attributions import AttributionFinder
from .line_breaks import line_breaks
from .quotes import QuoteFinder
from .roles import RoleFinder
from .stances import StanceFinder

# Our components, in pipeline order (after the model's own NER).
# Attributions run before stances, which will take their holder from the attribution stating them.
PIPELINE = ["stancegraph_actors", "stancegraph_roles", "stancegraph_quotes", "stancegraph_attributions",
            "stancegraph_stances"]

Language.component("stancegraph_line_breaks", assigns=["token.is_sent_start"], func=line_breaks)


@Language.factory("stancegraph_actors", assigns=["doc._.sg_actors", "doc._.sg_mention", "doc._.sg_skipped"],
                  default_config={"max_boilerplate_tokens": 40, "max_boilerplate_chars": 200})
def make_actors(nlp: Language, name: str, max_boilerplate_tokens: int, max_boilerplate_chars: int) -> ActorFinder:
    return ActorFinder(nlp, name, max_boilerplate_tokens=max_boilerplate_tokens,
                       max_boilerplate_chars=max_boilerplate_chars)


@Language.factory("stancegraph_roles", assigns=["doc._.sg_roles"], default_config={"max_phrase": 10})
def make_roles(nlp: Language, name: str, max_phrase: int) -> RoleFinder:
    return RoleFinder(nlp, name, max_phrase=max_phrase)


@Language.factory("stancegraph_quotes", assigns=["doc._.sg_quotes"], default_config={"max_quote_tokens": 400})
def make_quotes(nlp: Language, name: str, max_quote_tokens: int) -> QuoteFinder:
    return QuoteFinder(nlp, name, max_quote_tokens=max_quote_tokens)


@Language.factory("stancegraph_attributions", assigns=["doc._.sg_attributions"], default_config={},
                  requires=["doc._.sg_actors", "doc._.sg_mention", "doc._.sg_roles"])
def make_attributions(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp, name)


@Language.factory("stancegraph_stances", assigns=["doc._.sg_stances"], default_config={})
def make_stances(nlp: Language, name: str) -> StanceFinder:
    return StanceFinder(nlp, name)
