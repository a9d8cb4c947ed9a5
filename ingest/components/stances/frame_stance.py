"""The stances one frame word makes: its holders, each with the frame's content, kind and
polarity, modality, target, and the speaker who reports it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..extensions import StanceRef
from ..lexicons import Frame
from ..reference import MentionResolver
from .content import content_of
from .holders import holders_of
from .nesting import nested
from .polarity import modality_of, polarity_of
from .proposition import proposition
from .speaker import represents, speaker_of
from .tables import StanceTables


def read_frame(doc: Doc, tok: Token, frame: Frame, resolver: MentionResolver, sent: tuple[int, int],
               previous: list[StanceRef], embedded: set[int],
               tables: StanceTables) -> tuple[Token | None, list[StanceRef]]:
    """(content root, stances) of the frame word `tok`. Frames it governs ('agreed to support …')
    are read into its own stance and their words added to `embedded`."""
    mention = resolver.mention
    clause_head = tok.head if frame.pos in ("ADJ", "ADP") else tok  # "Germany is ready to …": 'is'
    holder_toks = holders_of(clause_head, frame, mention, tables)
    root, target_tok, exclude = content_of(tok, frame, mention, tables)
    if not holder_toks or root is None:
        return root, []
    kind, polarity, modality = polarity_of(tok, clause_head, root, frame, tables)
    root, frame_tok, kind, polarity, target_tok, exclude = nested(root, tok, kind, polarity, target_tok,
                                                                  exclude, mention, embedded, tables)
    avoid = {t.i for t in holder_toks} | ({target_tok.i} if target_tok is not None else set())
    found = proposition(root, {tok, frame_tok}, exclude | {tok.i, frame_tok.i}, previous, avoid, tables)
    if found is None:
        return root, []  # "do this", "the demand" with nothing to point at: no proposition
    label, key, vagueness = found
    confidence = frame.confidence - vagueness
    if kind == "UNDECIDED" and frame.kind != "UNDECIDED" and modality == "asserted":
        return root, []  # "did not demand …" says nothing about where the actor stands
    if modality == "asserted":
        modality = modality_of(tok, clause_head, root, tables.grammar)
    speaker = speaker_of(clause_head, resolver, tables.grammar)
    target = resolver.resolve(target_tok)[0] if target_tok is not None else None
    out, seen = [], set()
    for actor, how in (ref for holder_tok in holder_toks for ref in resolver.resolve_all(holder_tok)):
        if actor in seen:
            continue
        seen.add(actor)
        conf, mod, behalf = confidence - (0.1 if how not in ("name", "proxy") else 0.0), modality, None
        if speaker is not None and speaker != actor:
            behalf = represents(doc, speaker, actor)
            if behalf is not None:  # "Merz signaled that Germany is ready …": credit Merz
                actor = speaker
            elif mod == "asserted":
                mod = "reported"
        behalf = behalf if behalf is not None else represents(doc, actor, None)
        cameo = frame.cameo if kind == frame.kind else tables.kinds[kind]["cameo"]
        out.append(StanceRef(actor=actor, kind=kind, polarity=polarity, label=label, key=key, sent=sent,
                             confidence=round(max(0.1, min(conf, 1.0)), 2), modality=mod,
                             target=target if target != actor else None, on_behalf_of=behalf,
                             cameo=cameo, plover=tables.kinds[kind]["plover"], frame_token=tok.i))
    return root, out
