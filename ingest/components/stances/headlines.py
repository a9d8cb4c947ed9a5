"""Headlines, teasers and link lines: lines that state no stance of their own."""

from __future__ import annotations

from spacy.tokens import Doc


def headline_lines(doc: Doc, grammar: dict) -> bytearray:
    """1 for the tokens of a line that ends without sentence-final punctuation, in a text of
    several lines."""
    marked = bytearray(len(doc))
    if "\n" not in doc.text.strip():
        return marked
    final = set(grammar.get("sentence_final", ()))
    start = 0
    for tok in list(doc) + [None]:
        if tok is not None and not (tok.is_space and "\n" in tok.text):
            continue
        end = len(doc) if tok is None else tok.i
        words = [t for t in doc[start:end] if not t.is_space]
        if words and words[-1].text[-1:] not in final and \
                sum(t.is_alpha for t in words) <= grammar.get("headline_max_words", 25):
            marked[start:end] = b"\x01" * (end - start)
        start = end + 1
    return marked
