"""HTML pages → articles: the visible text of the article (`<article>`, else `<main>`, else the
body; page chrome left out), its headline, canonical URL and publication date (from `<meta>`,
JSON-LD or `<time>`).

The standard library's tolerant `HTMLParser` reads the page in one pass (`_PageParser`); the
text is rebuilt one paragraph per block element, so offsets index the text extracted, not the
markup.
"""

from __future__ import annotations

import collections
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from ingest.article_dates import iso_date
from ingest.decoding import decoded_text
from ingest.inputs import InputError, Origin, text_id
from ingest.records import Article

# Elements whose content is never the article: page chrome, code and forms.
_SKIPPED_ELEMENTS = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "template", "svg", "iframe", "title",
}
# Elements that end a line of text when they open or close.
_BLOCK_ELEMENTS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
}
_CONTENT_ELEMENTS = ("article", "main")  # preferred, in this order, over the whole body
_TRACKED_ELEMENTS = _SKIPPED_ELEMENTS | set(_CONTENT_ELEMENTS) | {"h1"}
# <meta> names (in property=, name= or itemprop=, any case) that give the publication date, best
# first: Open Graph's article namespace, schema.org microdata, then older conventions.
_DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "dcterms.issued", "dc.date.issued", "pubdate", "publishdate", "dc.date", "date",
)
_WHITESPACE = re.compile(r"\s+")


class _PageParser(HTMLParser):
    """Collect a page's visible text (whole body and inside article/main), title and dates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"body": [], "article": [], "main": []}
        self.page_title: list[str] = []
        self.headings: list[tuple[str, bool]] = []  # (h1 text, inside article/main)
        self.meta_dates: dict[str, str] = {}  # the first content of each _DATE_META name
        self.linked_data_dates: list[str] = []  # JSON-LD datePublished values, in page order
        # (<time datetime>, rank): 0 marked as the publication time, 1 in article/main, 2 elsewhere
        self.times: list[tuple[str, int]] = []
        self.canonical_url: str | None = None
        self._open: dict[str, int] = dict.fromkeys(_TRACKED_ELEMENTS, 0)
        self._heading: list[str] | None = None
        self._linked_data: list[str] | None = None  # the text of an open JSON-LD <script>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("content"):
            for key in ("property", "name", "itemprop"):
                name = (attributes.get(key) or "").lower()
                if name in _DATE_META:
                    self.meta_dates.setdefault(name, attributes["content"])
        elif tag == "time" and attributes.get("datetime"):
            marked = attributes.get("itemprop") == "datePublished" or "pubdate" in attributes
            in_content = any(self._open[name] for name in _CONTENT_ELEMENTS)
            self.times.append((attributes["datetime"], 0 if marked else 1 if in_content else 2))
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical_url = self.canonical_url or attributes.get("href")
        elif tag == "script" and (attributes.get("type") or "").lower() == "application/ld+json":
            self._linked_data = []
        if tag == "h1":
            self._heading = []
        if tag in self._open:
            self._open[tag] += 1
        self._break_line(tag)

    def handle_endtag(self, tag: str) -> None:
        self._break_line(tag)
        if tag in self._open and self._open[tag]:
            self._open[tag] -= 1
        if tag == "h1" and self._heading is not None:
            in_content = any(self._open[name] for name in _CONTENT_ELEMENTS)
            self.headings.append((_collapse("".join(self._heading)), in_content))
            self._heading = None
        if tag == "script" and self._linked_data is not None:
            self.linked_data_dates += _linked_data_dates("".join(self._linked_data))
            self._linked_data = None

    def handle_data(self, data: str) -> None:
        if self._linked_data is not None:
            self._linked_data.append(data)
        if self._open["title"] and not self._open["svg"]:  # an <svg> has <title>s of its own
            self.page_title.append(data)
        if self._heading is not None:  # kept even inside a skipped <header>: it is the headline
            self._heading.append(data)
        if any(self._open[name] for name in _SKIPPED_ELEMENTS):
            return
        # Source newlines render as spaces: only block elements break lines.
        data = _WHITESPACE.sub(" ", data)
        for region in self._regions():
            self.parts[region].append(data)

    def _break_line(self, tag: str) -> None:
        if tag in _BLOCK_ELEMENTS:
            for region in self._regions():
                self.parts[region].append("\n")

    def _regions(self) -> list[str]:
        return ["body"] + [name for name in _CONTENT_ELEMENTS if self._open[name]]

    def article_text(self) -> str:
        """The text of <article>, else <main>, else the body: one paragraph per block."""
        for region in (*_CONTENT_ELEMENTS, "body"):
            text = _paragraphs("".join(self.parts[region]))
            if text:
                return text
        return ""

    def dates(self) -> list[str]:
        """The page's publication date candidates, best first: <meta>, JSON-LD, then <time>
        elements (marked as the publication time, in the article, anywhere)."""
        meta = [self.meta_dates[name] for name in _DATE_META if name in self.meta_dates]
        times = [value for value, _ in sorted(self.times, key=lambda time: time[1])]
        return meta + self.linked_data_dates + times

    def title(self) -> str | None:
        """The headline in article/main, else the page <title>, else any first <h1>."""
        candidates = [text for text, in_content in self.headings if in_content and text]
        candidates.append(_collapse("".join(self.page_title)))
        candidates += [text for text, _ in self.headings]
        return next((text for text in candidates if text), None)


def _linked_data_dates(text: str) -> list[str]:
    """The `datePublished` strings of a JSON-LD block, outermost first; none if it is not JSON."""
    try:
        pending = collections.deque([json.loads(text)])
    except (json.JSONDecodeError, RecursionError):
        return []
    dates = []
    while pending:  # breadth first: the page's own object before the ones it nests
        node = pending.popleft()
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                dates.append(node["datePublished"])
            pending += node.values()
        elif isinstance(node, list):
            pending += node
    return dates


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> str:
    lines = (_collapse(line) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def read_html(data: bytes, origin: Origin, max_chars: int) -> Iterator[Article | InputError]:
    page = yield from decoded_text(data, origin, max_chars)
    if page is None:
        return
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    text = parser.article_text()
    if not text:
        yield InputError(origin.name, None, "no article text found in the page", "skipped")
        return
    candidates = parser.dates()
    published_at = next(filter(None, map(iso_date, candidates)), None)
    if candidates and published_at is None:
        message = f"publication date {candidates[0]!r} is not an ISO 8601 date; dropped"
        yield InputError(origin.name, None, message, "warning")
    yield Article(
        id=text_id(text),
        text=text,
        source=origin.source,
        title=parser.title(),
        published_at=published_at,
        url=parser.canonical_url,
    )
