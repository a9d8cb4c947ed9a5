"""Bytes → text: `decoded_text()` for a text file or a page, `decode()` alone for a JSON file (whose
parser judges its content).

Decoded by BOM, else as UTF-8 (a few damaged bytes replaced and warned about), else in the
legacy encoding chardet detects; `decoded_text()` also refuses (`Refused`) binary content and empty
or over-long text. Offsets downstream index the text, so it is kept as decoded: only NUL bytes
are dropped and newlines normalized to "\\n". Apart from the formats because every file format
but JSON Lines (UTF-8 by definition, decoded line by line) starts here.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator

import chardet

from ingest.inputs import InputError, Origin, Refused

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


def decoded_text(data: bytes, origin: Origin, max_chars: int) -> Generator[InputError, None, str | None]:
    """The decoded, checked and normalized text of a text input, or None if it is refused; yields
    an InputError saying why it was refused, or a warning if bytes were replaced in decoding."""
    try:
        text, replaced = _to_text(data, max_chars)
    except Refused as refused:
        yield InputError(origin.name, None, refused.message, refused.kind)
        return None
    if replaced:
        yield InputError(origin.name, None, replaced, "warning")
    return text


def _to_text(data: bytes, max_chars: int) -> tuple[str, str | None]:
    """The decoded, checked and normalized text of a text input and, if bytes were replaced in
    decoding, a warning saying so; or raise Refused."""
    if not data:
        raise Refused("skipped", "empty (0 bytes)")
    text, replaced = decode(data)
    if _looks_binary(text):
        raise Refused("failed", "not a text file (binary content)")
    if not text.strip():
        raise Refused("skipped", "no text: only whitespace")
    if len(text) > max_chars:
        raise Refused(
            "failed", f"too large: {len(text):,} characters (limit {max_chars:,})"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), replaced


def decode(data: bytes) -> tuple[str, str | None]:
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
