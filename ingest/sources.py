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

This module finds the inputs (walking, stdin), reads each within its bound and hands it to the
reader of its format; plain text and Markdown, which need no parsing, are read here. The rest
is one module a step, each importable alone: `inputs.py` (what readers share: `InputError`,
`text_id`), `bounded_read.py`, `decoding.py` (bytes → text), `json_records.py`, `html_page.py`,
`file_metadata.py` (sidecars, dates in file names), `article_dates.py` (what a date is).
Callers import the reading API from here alone (`__all__`), wherever its parts are defined.
"""

from __future__ import annotations

import codecs
import io
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ingest.article_dates import (
    DATE_PATTERN,
    DEFAULT_DATE_PATTERN,
    date_pattern,
    run_date,
)
from ingest.bounded_read import bounded_lines, read_bounded, too_large_message
from ingest.decoding import decoded_text
from ingest.file_metadata import SIDECAR_SUFFIX, add_file_metadata
from ingest.html_page import read_html
from ingest.inputs import InputError, Origin, Refused, text_id
from ingest.json_records import read_json, read_jsonl
from ingest.records import Article

__all__ = ["DATE_PATTERN", "InputError", "date_pattern", "read_inputs", "run_date", "text_id"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"

TEXT_EXTENSIONS = {".txt", ".md"}
HTML_EXTENSIONS = {".html", ".htm"}
JSON_EXTENSIONS = {".jsonl", ".json"}
READABLE_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSON_EXTENSIONS

_STDIN_ORIGIN = Origin(STDIN_SOURCE, STDIN_SOURCE)


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


# --- files and directories ---------------------------------------------------------------


def _read_directory(
    root: str, max_chars: int, date_pattern: re.Pattern[str] | None
) -> Iterator[Article | InputError]:
    unreadable: list[OSError] = []
    files = list(walk_files(root, unreadable.append))
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


def walk_files(root: str, on_error: Callable[[OSError], None]) -> Iterator[str]:
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
    origin = Origin.of_file(path)
    try:
        with open(path, "rb") as stream:
            if extension == ".jsonl":
                # Streamed line by line: a JSON Lines corpus may be far larger than one article.
                yield from read_jsonl(bounded_lines(stream, max_chars), origin, max_chars)
                return
            data = read_bounded(stream, max_chars)
    except Refused as refused:
        yield InputError(path, None, refused.message, refused.kind)
        return
    except OSError as error:
        yield InputError(path, None, f"cannot read: {error.strerror or error}", "failed")
        return
    if extension == ".json":
        yield from read_json(data, origin, max_chars)
        return
    if extension in HTML_EXTENSIONS:
        items = read_html(data, origin, max_chars)
    else:
        # Anything named explicitly with another extension is tried as text: the binary
        # check refuses what is not.
        items = _read_text(data, origin, max_chars, markdown=extension == ".md")
    for item in items:
        if isinstance(item, Article):
            yield from add_file_metadata(item, origin, date_pattern)
        yield item


# --- stdin -------------------------------------------------------------------------------


def _read_stdin(max_chars: int) -> Iterator[Article | InputError]:
    """Read stdin as JSON Lines if its first line opens a JSON object, else as one article."""
    stream = _stdin_bytes()
    lines = bounded_lines(stream, max_chars)
    first = next(lines, b"")
    if first is not None and first.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        yield from read_jsonl(itertools.chain([first], lines), _STDIN_ORIGIN, max_chars)
        return
    try:
        if first is None:  # a first line past the byte bound: the whole input is too
            raise Refused("failed", too_large_message(max_chars))
        data = read_bounded(stream, max_chars, head=first)
    except Refused as refused:
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
    data: bytes, origin: Origin, max_chars: int, *, markdown: bool
) -> Iterator[Article | InputError]:
    text = yield from decoded_text(data, origin, max_chars)
    if text is None:
        return
    title = _markdown_title(text) if markdown else None
    yield Article(id=text_id(text), text=text, source=origin.source, title=title)


def _markdown_title(text: str) -> str | None:
    """The heading on the first non-blank line of a Markdown text, if it opens with one."""
    match = re.match(r"\s*#{1,6}[ \t]+(.+?)[ \t#]*(\n|$)", text)
    return match.group(1) if match else None
