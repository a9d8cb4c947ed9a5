"""What a stance is about, as a label and a position key (positions.py), anaphora resolved."""

from __future__ import annotations

from spacy.tokens import Token

from ..extensions import StanceRef
from ..positions import label_and_key
from .anaphora import PRONOUN_NUMBER, antecedent, is_anaphor, pronoun_antecedent
from .content import gerund
from .tables import StanceTables


def proposition(root: Token, frame_toks: set[Token], exclude: set[int], previous: list[StanceRef],
                avoid: set[int], tables: StanceTables) -> tuple[str, str, float] | None:
    """(label, key, confidence penalty) of the content under `root` of the frame words
    `frame_toks`, anaphora resolved: 'the demand' is the latest earlier demand, 'ratify them'
    ratifies what 'them' stands for. None when the content names nothing."""
    if is_anaphor(root, tables) and root.pos_ != "PRON":
        found = antecedent(root, previous, tables)
        return None if found is None else (found.label, found.key, 0.15)
    pronoun = root if root.pos_ == "PRON" else \
        next((c for c in root.children if c.dep_ == "dobj" and c.pos_ == "PRON"), None)
    if pronoun is not None and pronoun.lower_ not in PRONOUN_NUMBER:
        if pronoun == root:
            return None  # "welcomed what he said"
        pronoun = None  # "help us": a person, part of the label
    if pronoun is not None:
        noun = pronoun_antecedent(pronoun, avoid, tables)
        referred = None if noun is None else proposition(noun, set(), set(), previous, avoid, tables)
        if referred is None:
            return None  # "ratify them" with nothing 'them' can be
        if pronoun == root:
            return referred[0], referred[1], referred[2] + 0.1
        exclude = exclude | {t.i for t in pronoun.subtree}
    # The gerund may hang on any frame word of a nested reading ("agreed to support X joining …").
    gerunds = [g for frame_tok in sorted(frame_toks, key=lambda t: t.i) for g in gerund(frame_tok, root)]
    label, key = label_and_key([root, *gerunds], tables.gazetteer, tables.grammar, exclude)
    if pronoun is not None:
        label, key = f"{label} {referred[0]}".strip(), " ".join(sorted(set(key.split()) | set(referred[1].split())))
        return label, key, referred[2] + 0.1
    return (label, key, 0.0) if key else None
