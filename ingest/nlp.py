"""Build the stancegraph spaCy pipeline: a pretrained English model plus our components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from . import DEFAULT_MODEL
from .components import factories  # noqa: F401  (registers the stancegraph_* factories)
from .components.extensions import register_extensions
from .components.lexicons import gazetteer

# Scraped text loses paragraph breaks: 'at the moment.”Johnson would not …'. Split the closing
# quote off the next sentence's first word, so the name is a token and a sentence can start there.
GLUED_CLOSING_QUOTE = r'(?<=[.!?])[”"](?=[A-Z])'


@Language.component("stancegraph_line_breaks")
def line_breaks(doc):
    """A token after a line break starts a sentence: a headline, teaser or link line is never glued
    to the paragraph after it ('… the level of tension\n\nJoe Biden announced …')."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=None)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` (any spaCy English pipeline with a parser and NER: sm, md, lg, trf) once per
    process and add our components: an entity ruler for the institutions and groups the model
    misses (before its NER, which then keeps those spans), then actors, roles, quotes, stances."""
    register_extensions()
    nlp = spacy.load(model)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_CLOSING_QUOTE]).finditer
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("stancegraph_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="stancegraph_entity_ruler",
                         before="ner" if "ner" in nlp.pipe_names else None)
    ruler.add_patterns(gazetteer().ruler_patterns)
    for name in factories.PIPELINE:
        nlp.add_pipe(name)
    return nlp
