"""Read news articles from files, directories and stdin into `Article` records.

`read_inputs(paths)` is the one entry point. It accepts plain text and Markdown, HTML pages,
JSON Lines (one record per line) and JSON files holding a list of records, and `-` for stdin.
A directory is walked recursively in sorted order, reading only the extensions above.
A file is identified by its resolved path (`Article.source`), so `corpus/a.txt`, `./corpus/a.txt`
and `/abs/corpus/a.txt` (or a symlink to it) are one file, and an edit replaces its article;
messages name inputs as they were given.

A file that is one article (text, Markdown, HTML) may have a sidecar beside it
(`a.txt.meta.json` or `a.meta.json`) whose `published_at`, `title`, `url` and `source` replace
the file's own. An article's date is then its own or its sidecar's, else the one its file's
name gives (`date_pattern()`), else the date given for the run.

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
import collections
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

# A file whose name starts with a timestamp (20220125T090000Z_GB_en_….txt) or an ISO date
# (2022-01-25-talks.md) was published then; see date_pattern() to name others.
DATE_PATTERN = r"^(?P<date>\d{8}T\d{6}Z?|\d{4}-\d\d-\d\d)(?!\d)"
DEFAULT_DATE_PATTERN = re.compile(DATE_PATTERN)

# Metadata of a file beside it: `a.txt.meta.json`, else `a.meta.json`.
SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1_000_000

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
    paths: Iterable[str],
    *,
    max_chars: int = 2_000_000,
    date: str | None = None,
    date_pattern: re.Pattern[str] | None = DEFAULT_DATE_PATTERN,
) -> Iterator[Article | InputError]:
    """Yield an Article for each article found in `paths`, and an InputError for each problem.

    `paths` are files, directories (walked recursively, sorted) or "-" for stdin. A file or
    record longer than `max_chars` characters is refused. An article's date is its own (a
    record's `published_at`, a page's metadata, a sidecar's), else the one `date_pattern` finds
    in its file's name (see `date_pattern()`; None: names are not read), else `date`.
    """
    for path in paths:
        if path == STDIN:
            items = _read_stdin(max_chars)
        elif os.path.isdir(path):
            items = _read_directory(path, max_chars, date_pattern)
        else:
            items = _read_file(path, max_chars, date_pattern)
        for item in items:
            if date is not None and isinstance(item, Article) and item.published_at is None:
                item.published_at = date
            yield item


def date_pattern(regex: str) -> re.Pattern[str] | None:
    """`regex` compiled for finding dates in file names, or None for "" (names are not read).

    The date is the group named `date` (ISO 8601, basic `20220125T0900Z` or extended
    `2022-01-25`), else the groups `year`, `month` and `day`, else the first group, else the
    whole match. ValueError says what is wrong with `regex`.
    """
    if not regex:
        return None
    try:
        pattern = re.compile(regex)
    except re.error as error:
        raise ValueError(f"not a regular expression: {error}") from None
    parts = {"year", "month", "day"}
    if parts & set(pattern.groupindex) and not parts <= set(pattern.groupindex):
        raise ValueError("name all three of the groups year, month and day (or one group date)")
    return pattern


def run_date(value: str) -> str:
    """`value`, the date given for a whole run, as an ISO 8601 string; ValueError if it is not one."""
    normalized = _iso_date(value)
    if normalized is None:
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return normalized


# --- files and directories ---------------------------------------------------------------


def _read_directory(
    root: str, max_chars: int, date_pattern: re.Pattern[str] | None
) -> Iterator[Article | InputError]:
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
            yield from _read_file(item, max_chars, date_pattern)


def _walk(root: str, on_error: Callable[[OSError], None]) -> Iterator[str]:
    """Paths of the readable, non-hidden files under `root` (sidecars excepted), prefixed by
    `root` as given; each directory that cannot be listed goes to `on_error` (os.walk would
    skip it silently)."""
    for directory, subdirectories, names in os.walk(root, onerror=on_error):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        for name in names:
            if (not name.startswith(".") and _extension(name) in READABLE_EXTENSIONS
                    and not name.endswith(SIDECAR_SUFFIX)):
                yield os.path.join(directory, name)


def _extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _read_file(
    path: str, max_chars: int, date_pattern: re.Pattern[str] | None
) -> Iterator[Article | InputError]:
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
        return
    if extension in HTML_EXTENSIONS:
        items = _read_html(data, origin, max_chars)
    else:
        # Anything named explicitly with another extension is tried as text: the binary
        # check refuses what is not.
        items = _read_text(data, origin, max_chars, markdown=extension == ".md")
    for item in items:
        if isinstance(item, Article):
            yield from _add_file_metadata(item, origin, date_pattern)
        yield item


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
    fields, problems = _metadata(record, problem)
    yield from problems
    yield Article(id=article_id, text=text, source=f"{origin.source}#{article_id}", **fields)


# Metadata keys of a record or sidecar and the Article fields they fill.
_METADATA_FIELDS = {"title": "title", "url": "url", "source": "outlet"}


def _metadata(
    record: dict, problem: Callable[[str, ErrorKind], InputError]
) -> tuple[dict[str, str], list[InputError]]:
    """The metadata of a record or sidecar that can be used, as Article fields by name, and a
    warning (made by `problem`) for each value dropped."""
    fields, problems = {}, []
    for key, field_name in _METADATA_FIELDS.items():
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(problem(f"{key} is not a string (got {_json_type(value)}); dropped", "warning"))
        elif value:
            fields[field_name] = _SURROGATE.sub("\ufffd", value)
    published_at = record.get("published_at")
    normalized = _iso_date(published_at)
    if normalized is not None:
        fields["published_at"] = normalized
    elif published_at is not None:
        problems.append(problem(f"published_at {published_at!r} is not an ISO 8601 date; dropped", "warning"))
    return fields, problems


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
    candidates = parser.dates()
    published_at = next(filter(None, map(_iso_date, candidates)), None)
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


# --- a file's own metadata: its sidecar, the date in its name -------------------------


def _add_file_metadata(
    article: Article, origin: _Origin, date_pattern: re.Pattern[str] | None
) -> Iterator[InputError]:
    """Complete an article that is a file of its own, yielding warnings: the fields of its
    sidecar replace those the file gave; failing any date, the one in the file's name is taken.
    Both are looked up by the resolved path, so every spelling of a file gives the same article."""
    fields, problems = _sidecar(origin)
    yield from problems
    for key, value in fields.items():
        setattr(article, key, value)
    if article.published_at is None and date_pattern is not None:
        article.published_at, matched = _name_date(os.path.basename(origin.source), date_pattern)
        if article.published_at is None and matched is not None:
            message = f"{matched!r} in the file name is not a date; no date taken from the name"
            yield InputError(origin.name, None, message, "warning")


def _name_date(name: str, pattern: re.Pattern[str]) -> tuple[str | None, str | None]:
    """The date `pattern` finds in a file name, as ISO 8601, and the text it matched (see
    date_pattern()); (None, None) when the name does not match."""
    match = pattern.search(name)
    if match is None:
        return None, None
    groups = match.groupdict()
    if groups.get("date") is not None:
        matched = groups["date"]
    elif all(groups.get(part) for part in ("year", "month", "day")):
        matched = "-".join(groups[part].zfill(2) for part in ("year", "month", "day"))
    else:
        matched = match.group(1) if pattern.groups else match.group(0)
    return _iso_date(matched), matched


def _sidecar(origin: _Origin) -> tuple[dict[str, str], list[InputError]]:
    """The metadata in a file's sidecar (`a.txt.meta.json`, else `a.meta.json`): Article fields
    by name, and warnings about what was dropped. A broken sidecar only loses its metadata."""
    stem = os.path.splitext(origin.source)[0]
    candidates = (origin.source + SIDECAR_SUFFIX, stem + SIDECAR_SUFFIX)
    path = next((path for path in candidates if os.path.lexists(path)), None)
    if path is None:
        return {}, []

    def problem(message: str, kind: ErrorKind = "warning") -> InputError:
        return InputError(origin.name, None, f"sidecar {os.path.basename(path)}: {message}", kind)

    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_SIDECAR_BYTES + 1)
    except OSError as error:
        return {}, [problem(f"cannot read: {error.strerror or error}; ignored")]
    if len(data) > MAX_SIDECAR_BYTES:
        return {}, [problem(f"larger than {MAX_SIDECAR_BYTES:,} bytes; ignored")]
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return {}, [problem("not UTF-8; ignored")]
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return {}, [problem(f"{_invalid_json(error, where)}; ignored")]
    except RecursionError:
        return {}, [problem(f"{_TOO_DEEP}; ignored")]
    if not isinstance(record, dict):
        return {}, [problem(f"not a JSON object (got {_json_type(record)}); ignored")]
    return _metadata(record, problem)
