"""Sentence starts at line breaks, set before the parser."""

from __future__ import annotations

from spacy.tokens import Doc


def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence: a headline, teaser or link line is never glued
    to the paragraph after it ('… the level of tension\\n\\nJoe Biden announced …')."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc
