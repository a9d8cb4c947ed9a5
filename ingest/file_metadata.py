"""A file's own metadata: its sidecar (`a.txt.meta.json` or `a.meta.json`), whose `published_at`,
`title`, `url` and `source` replace the file's own, and failing any date, the date in its name.

Only for a file that is one article (text, Markdown, HTML); JSON records carry their own. Both
are looked up by the resolved path, so every spelling of a file gives the same article. A broken
sidecar is warned about and loses only its metadata.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

from ingest.article_dates import name_date
from ingest.inputs import ErrorKind, InputError, Origin
from ingest.json_records import TOO_DEEP, invalid_json, json_type, record_metadata
from ingest.records import Article

# Metadata of a file beside it: `a.txt.meta.json`, else `a.meta.json`.
SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1_000_000


def add_file_metadata(
    article: Article, origin: Origin, date_pattern: re.Pattern[str] | None
) -> Iterator[InputError]:
    """Complete an article that is a file of its own, yielding warnings: the fields of its
    sidecar replace those the file gave; failing any date, the one in the file's name is taken.
    Both are looked up by the resolved path, so every spelling of a file gives the same article."""
    fields, problems = _sidecar(origin)
    yield from problems
    for key, value in fields.items():
        setattr(article, key, value)
    if article.published_at is None and date_pattern is not None:
        article.published_at, matched = name_date(os.path.basename(origin.source), date_pattern)
        if article.published_at is None and matched is not None:
            message = f"{matched!r} in the file name is not a date; no date taken from the name"
            yield InputError(origin.name, None, message, "warning")


def _sidecar(origin: Origin) -> tuple[dict[str, str], list[InputError]]:
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
        return {}, [problem(f"{invalid_json(error, where)}; ignored")]
    except RecursionError:
        return {}, [problem(f"{TOO_DEEP}; ignored")]
    if not isinstance(record, dict):
        return {}, [problem(f"not a JSON object (got {json_type(record)}); ignored")]
    return record_metadata(record, problem)
