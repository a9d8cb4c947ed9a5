"""Turn processed Docs into Extraction records (pure), and run the pipeline over articles: in this
process, in worker processes of this machine, or on a cluster's workers (ingest/cluster.py)."""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .components.positions import position_id
from .records import Actor, Article, Attribution, Extraction, Position, Role, Stance
from .sources import InputError

log = logging.getLogger(__name__)

# Longer texts are cut (at the last line or sentence break before the limit) and reported: a 1 MB
# single-line input must finish in bounded time and memory.
MAX_CHARS = 100_000
CHUNK = 32  # articles a worker extracts at a time (one nlp.pipe batch)


def _evidence(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """Read our components' annotations off a processed Doc."""
    refs = doc._.sg_actors or []
    order = sorted(range(len(refs)), key=lambda i: min((s for s, _ in refs[i].mentions), default=0))
    ids = {i: f"a{n}" for n, i in enumerate(order, 1)}
    actors = [Actor(id=ids[i], name=refs[i].name, kind=refs[i].kind, aliases=list(refs[i].aliases),
                    key=refs[i].key, iso3=refs[i].iso3, mentions=len(refs[i].mentions)) for i in order]
    roles = []
    for r in doc._.sg_roles or []:
        text, start, end = _evidence(doc, *r.sent)
        roles.append(Role(person=ids[r.person], title=r.title, of=ids.get(r.of), evidence=text, start=start, end=end))
    stances, seen = [], set()
    for s in doc._.sg_stances or []:
        signature = (s.actor, s.kind, s.polarity, s.key, tuple(s.sent))
        if signature in seen:
            continue
        seen.add(signature)
        text, start, end = _evidence(doc, *s.sent)
        stances.append(Stance(actor=ids[s.actor], kind=s.kind, polarity=s.polarity,
                              position=Position(id=position_id(s.key), label=s.label, key=s.key),
                              evidence=text, start=start, end=end, confidence=s.confidence, modality=s.modality,
                              target=ids.get(s.target), on_behalf_of=ids.get(s.on_behalf_of),
                              plover=s.plover, cameo=s.cameo,
                              attribution=f"q{s.attribution + 1}" if s.attribution is not None else None))
    return Extraction(article=article, actors=actors, roles=roles, stances=stances,
                      attributions=_attributions(doc, ids))


def _char_span(doc: Doc, span) -> list[int] | None:
    if span is None:
        return None
    start, end = span
    return [doc[start].idx, doc[end - 1].idx + len(doc[end - 1])] if start < end else None


def _attributions(doc: Doc, ids: dict[int, str]) -> list[Attribution]:
    """doc._.sg_attributions as records with character offsets (ids q1, q2, … in text order)."""
    out = []
    for n, a in enumerate(doc._.sg_attributions or [], 1):
        out.append(Attribution(id=f"q{n}", source=ids.get(a.speaker) if a.speaker is not None else None,
                               source_span=_char_span(doc, a.source), cue_span=_char_span(doc, a.cue),
                               content_spans=[c for c in (_char_span(doc, s) for s in a.contents) if c],
                               type=a.kind))
    return out


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = max(text.rfind("\n", 0, limit), text.rfind(". ", 0, limit) + 1)
    return text[:cut] if cut > limit // 2 else text[:limit]


def extract_articles(nlp: Language, articles: Iterable[Article], batch_size: int = CHUNK,
                     max_chars: int = MAX_CHARS) -> Iterator[Extraction]:
    """Process articles in batches; offsets in the records index into each `article.text`."""
    pairs = ((_cut(a.text, max_chars), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        if len(doc.text) < len(article.text):
            log.warning("%s: only the first %d of %d characters were read", article.source,
                        len(doc.text), len(article.text))
        yield extract_doc(doc, article)


def extract_chunk(nlp: Language, articles: list[Article]) -> list[Extraction | InputError]:
    """The extraction of each article of a chunk, in order. When the chunk raises, each article is
    extracted alone, and one that still raises is reported instead of sinking the others."""
    try:
        return list(extract_articles(nlp, articles, batch_size=max(1, len(articles))))
    except Exception as exc:  # noqa: BLE001 -- whatever a component raises on one text, the rest goes on
        if len(articles) == 1:
            return [InputError(articles[0].source, None, f"not extracted: {type(exc).__name__}: {exc}", "failed")]
        return [result for article in articles for result in extract_chunk(nlp, [article])]


def chunk_records(nlp: Language, articles: list[Article]) -> list[dict | InputError]:
    """`extract_chunk` as what a worker process sends back: plain records (`Extraction.to_json`,
    without the text, which the sender has) rather than Docs."""
    return [r if isinstance(r, InputError) else r.to_json() for r in extract_chunk(nlp, articles)]


def in_order(submit: Callable[[list[Article]], Future], articles: Iterable[Article],
             window: int) -> Iterator[Extraction | InputError]:
    """Extractions of `articles`, in input order, from workers reached through `submit` (a chunk →
    a future of its `chunk_records`). At most `window` chunks are out at once, so reading (and
    claiming) stays just ahead of extraction."""
    pending: deque[tuple[list[Article], Future]] = deque()

    def done() -> Iterator[Extraction | InputError]:
        chunk, future = pending.popleft()
        for article, record in zip(chunk, future.result(), strict=True):
            yield record if isinstance(record, InputError) else Extraction.from_json(record, article)

    it = iter(articles)
    while chunk := list(islice(it, CHUNK)):
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield from done()
    while pending:
        yield from done()


def _worker_records(model: str, articles: list[Article]) -> list[dict | InputError]:
    from .nlp import load_pipeline  # cached per process; a forked worker has it already

    return chunk_records(load_pipeline(model), articles)


def extract_in_processes(model: str, articles: Iterable[Article], n_process: int) -> Iterator[Extraction | InputError]:
    """`extract_chunk` over `n_process` worker processes of this machine, in input order. Forked
    where the platform can, so that the workers start with the pipeline the caller loaded."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(n_process, mp_context=context)
    try:
        yield from in_order(lambda chunk: pool.submit(_worker_records, model, chunk), articles, 2 * n_process)
    finally:
        pool.shutdown(cancel_futures=True)
