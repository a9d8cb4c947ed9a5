"""Quotes and who said them.

A quote is the text between a pair of quotation marks, possibly over several sentences. Its
speaker is the subject of a speech verb outside the marks in a sentence the quote touches
(“…,” Merz said. / Merz said: “…”); a quote with no such verb that follows straight on from an
attributed one continues it (“…,” Witkoff told reporters. “…”).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicons
from .extensions import QuoteRef, register_extensions
from .reference import MentionResolver
from .tables import TableComponent

OPENING, CLOSING, STRAIGHT = "“«", "”»", '"'


class QuoteFinder(TableComponent):
    TABLES = ("grammar", "titles")

    def __init__(self, nlp: Language, name: str, *, max_quote_tokens: int):
        self.name = name
        self.max_quote_tokens = max_quote_tokens  # an unbalanced quote mark must not swallow a long text
        register_extensions()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, grammar: dict | None = None,
                   titles: dict | None = None) -> None:
        self._set_tables(grammar=grammar, titles=titles)

    def _shape(self) -> None:
        self.grammar = lexicons.grammar(self.tables["grammar"])
        self.title_heads = lexicons.title_heads(lexicons.titles(self.tables["titles"]))

    def __call__(self, doc: Doc) -> Doc:
        spans = self._find(doc)
        resolver = MentionResolver(doc, self.grammar, self.title_heads)
        quotes: list[QuoteRef] = []
        for start, end in spans:
            speaker = self._speaker(doc, start, end, resolver)
            if speaker is None and quotes and self._adjacent(doc, quotes[-1], start):
                speaker = quotes[-1].speaker
            quotes.append(QuoteRef(start, end, speaker))
        doc._.sg_quotes = quotes
        return doc

    def _find(self, doc: Doc) -> list[tuple[int, int]]:
        spans, open_at = [], None
        for tok in doc:
            text = tok.text
            is_open = text in OPENING or (text == STRAIGHT and open_at is None)
            is_close = text in CLOSING or (text == STRAIGHT and open_at is not None)
            if open_at is not None and (is_close or tok.i - open_at > self.max_quote_tokens):
                if is_close:
                    spans.append((open_at + 1, tok.i))
                open_at = None
            elif is_open:
                open_at = tok.i
        return spans

    def _speaker(self, doc: Doc, start: int, end: int, resolver: MentionResolver) -> int | None:
        first, last = doc[start].sent, doc[end - 1].sent
        for tok in doc[first.start:last.end]:
            if start - 1 <= tok.i <= end or tok.lemma_ not in self.grammar["speech_verbs"]:
                continue
            for child in tok.children:
                if child.dep_ == "nsubj" and not (start <= child.i < end):
                    found, _ = resolver.resolve(child)
                    if found is not None:
                        return found
        return None

    @staticmethod
    def _adjacent(doc: Doc, previous: QuoteRef, start: int) -> bool:
        """True when only the attribution sentence lies between the two quotes."""
        prev_sent_end = doc[previous.end].sent.end
        return start - 1 <= prev_sent_end + 1 and previous.speaker is not None
