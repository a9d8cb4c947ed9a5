"""Read news articles from files, directories and stdin into `Article` records.

`read_inputs(paths)` is the one entry point. It accepts plain text and Markdown, HTML pages,
JSON Lines (one record per line) and JSON files holding a list of records, and `-` for stdin.
A directory is walked recursively in sorted order, reading only the extensions above.
A file is identified by its resolved path (`Article.source`), so `corpus/a.txt`, `./corpus/a.txt`
and `/abs/corpus/a.txt` (or a symlink to it) are one file, and an edit replaces its article;
messages name inputs as they were given.

Every problem becomes an `InputError` yielded in the stream, in place of the article it
concerns, so one bad input never stops the others:
- "skipped": nothing to read (an empty file, a record whose text is blank);
- "failed": the input could not be used (not text, not JSON, too large, unreadable);
- "warning": the article was read, but something in it was dropped (an unparseable date).

Offsets downstream index `Article.text`, so text is kept as decoded: files only lose NUL
bytes and have their newlines normalized to "\\n"; JSON records keep their `text` exactly.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Literal

import chardet

from ingest.records import Article

STDIN = "-"
STDIN_SOURCE = "<stdin>"

TEXT_EXTENSIONS = {".txt", ".md"}
HTML_EXTENSIONS = {".html", ".htm"}
JSON_EXTENSIONS = {".jsonl", ".json"}
READABLE_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSON_EXTENSIONS

# No encoding spends more than 4 bytes on a character (UTF-32), so an input longer than
# 4 × max_chars bytes is over the limit whatever its encoding: it is refused unread.
MAX_BYTES_PER_CHAR = 4

# Share of control characters (besides tab, newlines, form feed) and undecodable bytes above
# which a file is binary rather than text; real text has next to none, random bytes ~11%.
BINARY_THRESHOLD = 0.02
_NOT_TEXT_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")

# Checked in this order: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

ErrorKind = Literal["skipped", "failed", "warning"]


@dataclass
class InputError:
    """A problem with one input (or one line of it), reported instead of stopping the run."""

    source: str  # the path as the user gave it (not resolved), or "<stdin>"
    line: int | None  # 1-based line of a JSON Lines input, else None
    message: str
    kind: ErrorKind

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class _Origin:
    """Where an input comes from: `name` as the user gave it, in messages; `source`, what its
    articles are identified by (a file's resolved path)."""

    name: str
    source: str

    @classmethod
    def of_file(cls, path: str) -> _Origin:
        return cls(path, os.path.realpath(path))


_STDIN_ORIGIN = _Origin(STDIN_SOURCE, STDIN_SOURCE)


class _Refused(Exception):
    """An input that cannot become an article; carries the InputError kind and message."""

    def __init__(self, kind: ErrorKind, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def read_inputs(
    paths: Iterable[str], *, max_chars: int = 2_000_000
) -> Iterator[Article | InputError]:
    """Yield an Article for each article found in `paths`, and an InputError for each problem.

    `paths` are files, directories (walked recursively, sorted) or "-" for stdin. A file or
    record longer than `max_chars` characters is refused.
    """
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(max_chars)
        elif os.path.isdir(path):
            yield from _read_directory(path, max_chars)
        else:
            yield from _read_file(path, max_chars)


# --- files and directories ---------------------------------------------------------------


def _read_directory(root: str, max_chars: int) -> Iterator[Article | InputError]:
    unreadable: list[OSError] = []
    files = list(_walk(root, unreadable.append))
    # Sorted by path components, so a folder's files stay together ("a/b.txt" before "a.txt"),
    # and an unreadable folder is reported where its files would have been.
    found = [(Path(path).parts, path) for path in files]
    found += [(Path(error.filename).parts, error) for error in unreadable]
    if not found:
        extensions = ", ".join(sorted(READABLE_EXTENSIONS))
        yield InputError(root, None, f"directory holds no readable files ({extensions})", "skipped")
    for _, item in sorted(found, key=lambda pair: pair[0]):
        if isinstance(item, OSError):
            message = f"cannot read directory: {item.strerror or item}; its files are not read"
            yield InputError(item.filename, None, message, "failed")
        else:
            yield from _read_file(item, max_chars)


def _walk(root: str, on_error: Callable[[OSError], None]) -> Iterator[str]:
    """Paths of the readable, non-hidden files under `root`, prefixed by `root` as given; each
    directory that cannot be listed goes to `on_error` (os.walk would skip it silently)."""
    for directory, subdirectories, names in os.walk(root, onerror=on_error):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and _extension(name) in READABLE_EXTENSIONS:
                yield os.path.join(directory, name)


def _extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _read_file(path: str, max_chars: int) -> Iterator[Article | InputError]:
    extension = _extension(path)
    origin = _Origin.of_file(path)
    try:
        with open(path, "rb") as stream:
            if extension == ".jsonl":
                # Streamed line by line: a JSON Lines corpus may be far larger than one article.
                yield from _read_jsonl(_bounded_lines(stream, max_chars), origin, max_chars)
                return
            data = _read_bounded(stream, max_chars)
    except _Refused as refused:
        yield InputError(path, None, refused.message, refused.kind)
        return
    except OSError as error:
        yield InputError(path, None, f"cannot read: {error.strerror or error}", "failed")
        return
    if extension == ".json":
        yield from _read_json(data, origin, max_chars)
    elif extension in HTML_EXTENSIONS:
        yield from _read_html(data, origin, max_chars)
    else:
        # Anything named explicitly with another extension is tried as text: the binary
        # check refuses what is not.
        yield from _read_text(data, origin, max_chars, markdown=extension == ".md")


def _read_bounded(stream: BinaryIO, max_chars: int, head: bytes = b"") -> bytes:
    """`head` and the rest of `stream`, or _Refused once past the byte bound, reading no further."""
    limit = MAX_BYTES_PER_CHAR * max_chars
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        raise _Refused("failed", _too_large_message(max_chars))
    return data


def _too_large_message(max_chars: int) -> str:
    limit = MAX_BYTES_PER_CHAR * max_chars
    return f"too large: more than {limit:,} bytes (limit {max_chars:,} characters)"


# --- stdin -------------------------------------------------------------------------------


def _read_stdin(max_chars: int) -> Iterator[Article | InputError]:
    """Read stdin as JSON Lines if its first line opens a JSON object, else as one article."""
    stream = _stdin_bytes()
    lines = _bounded_lines(stream, max_chars)
    first = next(lines, b"")
    if first is not None and first.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        yield from _read_jsonl(itertools.chain([first], lines), _STDIN_ORIGIN, max_chars)
        return
    try:
        if first is None:  # a first line past the byte bound: the whole input is too
            raise _Refused("failed", _too_large_message(max_chars))
        data = _read_bounded(stream, max_chars, head=first)
    except _Refused as refused:
        yield InputError(STDIN_SOURCE, None, refused.message, refused.kind)
        return
    yield from _read_text(data, _STDIN_ORIGIN, max_chars, markdown=False)


def _stdin_bytes() -> BinaryIO:
    # Bytes let us detect the encoding ourselves. A text stream without a binary buffer
    # (io.StringIO) is already in memory, so re-encoding it costs nothing.
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))


# --- plain text and Markdown ---------------------------------------------------------------


def _read_text(
    data: bytes, origin: _Origin, max_chars: int, *, markdown: bool
) -> Iterator[Article | InputError]:
    try:
        text, replaced = _to_text(data, max_chars)
    except _Refused as refused:
        yield InputError(origin.name, None, refused.message, refused.kind)
        return
    if replaced:
        yield InputError(origin.name, None, replaced, "warning")
    title = _markdown_title(text) if markdown else None
    yield Article(id=text_id(text), text=text, source=origin.source, title=title)


def _to_text(data: bytes, max_chars: int) -> tuple[str, str | None]:
    """The decoded, checked and normalized text of a text input and, if bytes were replaced in
    decoding, a warning saying so; or raise _Refused."""
    if not data:
        raise _Refused("skipped", "empty (0 bytes)")
    text, replaced = _decode(data)
    if _looks_binary(text):
        raise _Refused("failed", "not a text file (binary content)")
    if not text.strip():
        raise _Refused("skipped", "no text: only whitespace")
    if len(text) > max_chars:
        raise _Refused(
            "failed", f"too large: {len(text):,} characters (limit {max_chars:,})"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), replaced


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode by BOM, else as UTF-8, else by detection, else as cp1252; drop NUL bytes. Returns
    the text and, when a mostly UTF-8 text had bytes replaced, a warning saying where."""
    replaced = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            text = _mostly_utf8(data)
            if text is not None:
                bad = text.count("\ufffd") - data.count("\ufffd".encode())
                line = data.count(b"\n", 0, error.start) + 1
                replaced = f"{bad:,} bytes that are not UTF-8 (the first on line {line}) were replaced by U+FFFD"
            else:
                text = _legacy_decode(data)
    return text.replace("\x00", ""), replaced


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> str | None:
    """`data` as UTF-8 with each invalid byte replaced, if most of its non-ASCII content is valid
    UTF-8 (a UTF-8 file with a few damaged bytes); else None (a file in another encoding, where
    next to no high byte forms a valid UTF-8 sequence)."""
    text = data.decode("utf-8", errors="surrogateescape")  # one lone surrogate per invalid byte
    invalid = len(_ESCAPED_BYTE.findall(text))
    valid = sum(1 for char in text if char > "\x7f") - invalid
    return _ESCAPED_BYTE.sub("\ufffd", text) if valid >= invalid else None


def _legacy_decode(data: bytes) -> str:
    """Text in a legacy encoding, by detection (chardet tells cp1252 and latin-1 from the
    Central European and Cyrillic code pages, even on short texts), else cp1252: what most
    mis-encoded English news text turns out to be."""
    encoding = chardet.detect(data)["encoding"]
    try:
        return data.decode(encoding or "cp1252", errors="replace")
    except LookupError:  # a name Python has no codec for
        return data.decode("cp1252", errors="replace")


def _looks_binary(text: str) -> bool:
    return len(_NOT_TEXT_CHARS.findall(text)) > BINARY_THRESHOLD * len(text)


def _markdown_title(text: str) -> str | None:
    """The heading on the first non-blank line of a Markdown text, if it opens with one."""
    match = re.match(r"\s*#{1,6}[ \t]+(.+?)[ \t#]*(\n|$)", text)
    return match.group(1) if match else None


def text_id(text: str) -> str:
    # surrogatepass: JSON text may hold lone surrogates ("\\ud800"), which UTF-8 refuses.
    return "sha1:" + hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


# --- JSON Lines and JSON -----------------------------------------------------------------


def _bounded_lines(stream: BinaryIO, max_chars: int) -> Iterator[bytes | None]:
    """The lines of `stream`, or None for a line past the byte bound (skipped, never held whole)."""
    limit = MAX_BYTES_PER_CHAR * max_chars
    while line := stream.readline(limit):
        if len(line) == limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _read_jsonl(
    lines: Iterable[bytes | None], origin: _Origin, max_chars: int
) -> Iterator[Article | InputError]:
    for number, line in enumerate(lines, start=1):
        if line is None:
            limit = MAX_BYTES_PER_CHAR * max_chars
            yield InputError(origin.name, number, f"line longer than {limit:,} bytes", "failed")
            continue
        if number == 1:
            if line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                message = "JSON Lines must be UTF-8; this file is UTF-16 (re-save it as UTF-8)"
                yield InputError(origin.name, None, message, "failed")
                return
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
            message = "bytes that are not UTF-8 were replaced by U+FFFD"
            yield InputError(origin.name, number, message, "warning")
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            message = _invalid_json(error, f"column {error.colno}")
            yield InputError(origin.name, number, message, "failed")
            continue
        except RecursionError:
            yield InputError(origin.name, number, _TOO_DEEP, "failed")
            continue
        yield from _record_to_article(record, origin, number, None, max_chars)


def _read_json(data: bytes, origin: _Origin, max_chars: int) -> Iterator[Article | InputError]:
    """A .json file holds one record or a list of records."""
    text, replaced = _decode(data)
    if replaced:
        yield InputError(origin.name, None, replaced, "warning")
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        yield InputError(origin.name, None, _invalid_json(error, where), "failed")
        return
    except RecursionError:
        yield InputError(origin.name, None, _TOO_DEEP, "failed")
        return
    if isinstance(content, dict):
        yield from _record_to_article(content, origin, None, None, max_chars)
    elif isinstance(content, list):
        for index, record in enumerate(content, start=1):
            yield from _record_to_article(record, origin, None, index, max_chars)
    else:
        message = "expected a JSON object or a list of objects"
        yield InputError(origin.name, None, message, "failed")


# Python's JSON parser recurses once per nesting level; past the interpreter's recursion limit
# (about a thousand levels) it raises RecursionError, which would otherwise end the whole run.
_TOO_DEEP = "not valid JSON for an article: nested too deeply"


def _invalid_json(error: json.JSONDecodeError, where: str) -> str:
    # json words some messages "… at", expecting a position to follow.
    return f"not valid JSON: {error.msg.removesuffix(' at')} ({where})"


def _record_to_article(
    record: object, origin: _Origin, line: int | None, index: int | None, max_chars: int
) -> Iterator[Article | InputError]:
    """One JSON record as an Article, preceded by warnings; or an InputError.

    `index` is the record's place in a .json list, which has no line numbers to report.
    """
    given_id = _given_id(record)
    # Name the record in messages so a person can find it: by place in a list, and by id.
    label = " ".join(
        ([f"record {index}"] if index is not None else [])
        + ([f"id {given_id!r}"] if given_id is not None else [])
    )

    def problem(message: str, kind: ErrorKind = "failed") -> InputError:
        return InputError(origin.name, line, f"{label}: {message}" if label else message, kind)

    if not isinstance(record, dict):
        yield problem(f"not a JSON object (got {_json_type(record)})")
        return
    text = record.get("text")
    if text is None:
        yield problem("no text field")
        return
    if not isinstance(text, str):
        yield problem(f"text is not a string (got {_json_type(text)})")
        return
    if not text.strip():
        yield problem("text is empty", "skipped")
        return
    if len(text) > max_chars:
        yield problem(f"text too large: {len(text):,} characters (limit {max_chars:,})")
        return

    if _SURROGATE.search(text):
        # Valid JSON ("\ud800") but not encodable text: spaCy and Neo4j would both fail on it.
        # Replacing keeps the length, so offsets stay true to the record.
        text = _SURROGATE.sub("\ufffd", text)
        yield problem("lone UTF-16 surrogates in text replaced by U+FFFD", "warning")
    article_id = given_id if given_id is not None else text_id(text)
    fields = {}
    for key in ("title", "url", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            yield problem(f"{key} is not a string (got {_json_type(value)}); dropped", "warning")
            value = None
        fields[key] = _SURROGATE.sub("\ufffd", value) if value else value
    published_at = record.get("published_at")
    normalized = _iso_date(published_at)
    if published_at is not None and normalized is None:
        message = f"published_at {published_at!r} is not an ISO 8601 date; dropped"
        yield problem(message, "warning")
    yield Article(
        id=article_id,
        text=text,
        source=f"{origin.source}#{article_id}",
        title=fields["title"],
        published_at=normalized,
        url=fields["url"],
        outlet=fields["source"],
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _given_id(record: object) -> str | None:
    """A record's own id (a non-empty string or an integer), as a string."""
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        return None
    return str(value)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _iso_date(value: object) -> str | None:
    """`value` as an ISO 8601 date or datetime string, or None when it is not one."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return None


# --- HTML --------------------------------------------------------------------------------

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
_WHITESPACE = re.compile(r"\s+")


class _PageParser(HTMLParser):
    """Collect a page's visible text (whole body and inside article/main), title and dates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"body": [], "article": [], "main": []}
        self.page_title: list[str] = []
        self.headings: list[tuple[str, bool]] = []  # (h1 text, inside article/main)
        self.published_meta: str | None = None
        self.published_time: str | None = None
        self.canonical_url: str | None = None
        self._open: dict[str, int] = dict.fromkeys(_TRACKED_ELEMENTS, 0)
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and "article:published_time" in (
            attributes.get("property"), attributes.get("name")
        ):
            self.published_meta = self.published_meta or attributes.get("content")
        elif tag == "time" and attributes.get("datetime"):
            self.published_time = self.published_time or attributes["datetime"]
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical_url = self.canonical_url or attributes.get("href")
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

    def handle_data(self, data: str) -> None:
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

    def title(self) -> str | None:
        """The headline in article/main, else the page <title>, else any first <h1>."""
        candidates = [text for text, in_content in self.headings if in_content and text]
        candidates.append(_collapse("".join(self.page_title)))
        candidates += [text for text, _ in self.headings]
        return next((text for text in candidates if text), None)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> str:
    lines = (_collapse(line) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _read_html(data: bytes, origin: _Origin, max_chars: int) -> Iterator[Article | InputError]:
    try:
        page, replaced = _to_text(data, max_chars)
    except _Refused as refused:
        yield InputError(origin.name, None, refused.message, refused.kind)
        return
    if replaced:
        yield InputError(origin.name, None, replaced, "warning")
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    text = parser.article_text()
    if not text:
        yield InputError(origin.name, None, "no article text found in the page", "skipped")
        return
    raw_date = parser.published_meta or parser.published_time
    published_at = _iso_date(raw_date)
    if raw_date is not None and published_at is None:
        message = f"publication date {raw_date!r} is not an ISO 8601 date; dropped"
        yield InputError(origin.name, None, message, "warning")
    yield Article(
        id=text_id(text),
        text=text,
        source=origin.source,
        title=parser.title(),
        published_at=published_at,
        url=parser.canonical_url,
    )
