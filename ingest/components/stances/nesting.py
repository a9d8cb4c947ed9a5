"""A frame under a frame: 'Turkey agreed to support X', 'refused to back X', 'urged Ankara to
ratify X' make one stance on X."""

from __future__ import annotations

from spacy.tokens import Token

from .content import content_of
from .frames import frame_of
from .tables import StanceTables


def nested(root: Token, tok: Token, kind: str, polarity: int, target_tok: Token | None, exclude: set[int],
           mention: dict[int, int], embedded: set[int], tables: StanceTables):
    """The inner frame's content is what the stance is about; the outer frame lends its polarity
    ('refuse' flips it) and the more specific of the two kinds names the stance. The inner frame's
    own reading is dropped (its word is added to `embedded`): its holder is the same actor, or one
    only asked to act. Returns (root, innermost frame token, kind, polarity, target token, exclude)."""
    frame_tok = tok
    while root.dep_ == "xcomp" and root.head == frame_tok:
        inner = frame_of(root, tables.frames)
        if inner is None or inner.pos != "VERB":
            break
        inner_root, inner_target, inner_exclude = content_of(root, inner, mention, tables)
        if inner_root is None:
            break
        embedded.add(root.i)
        kind, polarity = compose(kind, inner.kind, tables.kinds)
        frame_tok, root = root, inner_root
        target_tok = target_tok if target_tok is not None else inner_target
        exclude = exclude | inner_exclude
    return root, frame_tok, kind, polarity, target_tok, exclude


def compose(outer: str, inner: str, kinds: dict[str, dict]) -> tuple[str, int]:
    """The kind and polarity of an outer frame's kind over an inner frame's."""
    polarity = kinds[outer]["embeds"] * kinds[inner]["polarity"]
    if polarity == 0:
        return "UNDECIDED", 0
    ranked = sorted((outer, inner), key=lambda k: -kinds[k]["specific"])  # ties: the outer frame
    for kind in (*ranked, *(kinds[k]["negated"] for k in ranked)):
        if kinds[kind]["polarity"] == polarity:
            return kind, polarity
    return ("SUPPORT" if polarity > 0 else "OPPOSE"), polarity
