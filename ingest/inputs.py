"""What every reader of `ingest/sources.py` shares about one input: where it came from
(`Origin`), how a problem with it is reported (`InputError`, or `Refused` raised inside a reader),
and the id an article takes from its text (`text_id`).

A module of its own because every reader (decoding, JSON records, HTML pages, sidecars) needs
these, and `sources.py`, which dispatches to the readers, cannot be imported by them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Literal

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
class Origin:
    """Where an input comes from: `name` as the user gave it, in messages; `source`, what its
    articles are identified by (a file's resolved path)."""

    name: str
    source: str

    @classmethod
    def of_file(cls, path: str) -> Origin:
        return cls(path, os.path.realpath(path))


class Refused(Exception):
    """An input that cannot become an article; carries the InputError kind and message."""

    def __init__(self, kind: ErrorKind, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def text_id(text: str) -> str:
    # surrogatepass: JSON text may hold lone surrogates ("\\ud800"), which UTF-8 refuses.
    return "sha1:" + hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]
