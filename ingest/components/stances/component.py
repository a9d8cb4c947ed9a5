"""The stance finder as a spaCy component: each word is read as a frame or as a clause cue."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import StanceRef, register_extensions
from ..tables import TableComponent
from .attributed import AttributedResolver, settle
from .clause_stance import read_clause
from .frame_stance import read_frame
from .frames import frame_of, frames_below
from .headlines import headline_lines
from .tables import StanceTables


class StanceFinder(TableComponent):
    TABLES = ("stance_frames", "kinds", "grammar", "countries", "actors", "titles", "clause_cues", "anaphora")

    def __init__(self, nlp: Language, name: str):
        self.name = name
        register_extensions()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, stance_frames: list[dict] | None = None,
                   kinds: dict | None = None, grammar: dict | None = None, countries: dict | None = None,
                   actors: list[dict] | None = None, titles: dict | None = None, clause_cues: dict | None = None,
                   anaphora: dict | None = None) -> None:
        """`countries` and `actors` make the gazetteer that normalizes position keys; `titles`
        tells role descriptions ('the president') for pronoun and speaker resolution."""
        self._set_tables(stance_frames=stance_frames, kinds=kinds, grammar=grammar, countries=countries,
                         actors=actors, titles=titles, clause_cues=clause_cues, anaphora=anaphora)

    def _shape(self) -> None:
        self.shaped = StanceTables.shape(self.tables)

    def __call__(self, doc: Doc) -> Doc:
        t = self.shaped
        resolver = AttributedResolver(doc, t.grammar, t.title_heads)
        sentence = [0] * len(doc)  # token -> (start, end) of its sentence, computed once
        bounds = []
        for n, sent in enumerate(doc.sents):
            bounds.append((sent.start, sent.end))
            sentence[sent.start:sent.end] = [n] * len(sent)
        stances: list[StanceRef] = []
        framed_content: dict[int, list[StanceRef]] = {}  # content root -> stances of the frame over it
        read_clauses: set[int] = set()
        embedded: set[int] = set()  # frame words read as part of the frame over them
        headline = headline_lines(doc, t.grammar)
        for tok in doc:
            if doc._.sg_skipped[tok.i] or headline[tok.i]:
                continue
            frame = frame_of(tok, t.frames)
            if frame is not None:
                root, found = read_frame(doc, tok, frame, resolver, bounds[sentence[tok.i]], stances, embedded, t)
                found = settle(doc, tok, found, resolver, bounds[sentence[tok.i]], t)
                stances.extend(found)
                if root is not None:
                    framed_content.setdefault(root.i, []).extend(found)
            cue = t.cues.read(tok) if frame is None and not frames_below(tok, t.frames) else None
            if cue is not None:
                found = read_clause(doc, tok, cue, resolver, bounds[sentence[tok.i]], t)
                stances.extend(found)
                if found:
                    read_clauses.add(tok.i)
        # "Johnson warned the UK is unlikely to supply jets": the clause's own reading (REJECT
        # supplying jets) is more specific than the frame's ("warn: the UK is unlikely …").
        superseded = {id(s) for i in read_clauses for s in framed_content.get(i, ())}
        doc._.sg_stances = [s for s in stances if id(s) not in superseded and s.frame_token not in embedded]
        for s in doc._.sg_stances:
            s.attribution = resolver.stating(doc[s.frame_token])
        return doc
