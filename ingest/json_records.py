"""JSON Lines and JSON files → articles: one record (an object with `text`, and optionally `id`,
`title`, `url`, `source`, `published_at`) per article.

A record's `text` is kept exactly, so offsets index it as given. A bad record becomes an
`InputError` naming its line (JSON Lines) or place and id (a JSON list), and the records after it
are still read. `record_metadata()` also reads sidecars (`file_metadata.py`), which are records
without text.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator

from ingest.article_dates import iso_date
from ingest.bounded_read import MAX_BYTES_PER_CHAR
from ingest.decoding import decode
from ingest.inputs import ErrorKind, InputError, Origin, text_id
from ingest.records import Article


def read_jsonl(
    lines: Iterable[bytes | None], origin: Origin, max_chars: int
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
            message = invalid_json(error, f"column {error.colno}")
            yield InputError(origin.name, number, message, "failed")
            continue
        except RecursionError:
            yield InputError(origin.name, number, TOO_DEEP, "failed")
            continue
        yield from _record_to_article(record, origin, number, None, max_chars)


def read_json(data: bytes, origin: Origin, max_chars: int) -> Iterator[Article | InputError]:
    """A .json file holds one record or a list of records."""
    text, replaced = decode(data)
    if replaced:
        yield InputError(origin.name, None, replaced, "warning")
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        yield InputError(origin.name, None, invalid_json(error, where), "failed")
        return
    except RecursionError:
        yield InputError(origin.name, None, TOO_DEEP, "failed")
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
TOO_DEEP = "not valid JSON for an article: nested too deeply"


def invalid_json(error: json.JSONDecodeError, where: str) -> str:
    # json words some messages "… at", expecting a position to follow.
    return f"not valid JSON: {error.msg.removesuffix(' at')} ({where})"


def _record_to_article(
    record: object, origin: Origin, line: int | None, index: int | None, max_chars: int
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
        yield problem(f"not a JSON object (got {json_type(record)})")
        return
    text = record.get("text")
    if text is None:
        yield problem("no text field")
        return
    if not isinstance(text, str):
        yield problem(f"text is not a string (got {json_type(text)})")
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
    fields, problems = record_metadata(record, problem)
    yield from problems
    yield Article(id=article_id, text=text, source=f"{origin.source}#{article_id}", **fields)


# Metadata keys of a record or sidecar and the Article fields they fill.
_METADATA_FIELDS = {"title": "title", "url": "url", "source": "outlet"}


def record_metadata(
    record: dict, problem: Callable[[str, ErrorKind], InputError]
) -> tuple[dict[str, str], list[InputError]]:
    """The metadata of a record or sidecar that can be used, as Article fields by name, and a
    warning (made by `problem`) for each value dropped."""
    fields, problems = {}, []
    for key, field_name in _METADATA_FIELDS.items():
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(problem(f"{key} is not a string (got {json_type(value)}); dropped", "warning"))
        elif value:
            fields[field_name] = _SURROGATE.sub("\ufffd", value)
    published_at = record.get("published_at")
    normalized = iso_date(published_at)
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


def json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
