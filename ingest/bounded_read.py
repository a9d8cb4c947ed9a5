"""Reading an input without holding more of it than the character limit allows.

An input may be any size (a disk image named `.txt`, an endless pipe), so nothing is read whole
before it is known to fit: a file or stdin is read up to a byte bound that follows from the
character limit, and JSON Lines line by line, a line past the bound skipped unheld. Its own
module because both the entry (`sources.py`: files, stdin) and the JSON Lines reader, which
reports an over-long line, need the same bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ingest.inputs import Refused

# No encoding spends more than 4 bytes on a character (UTF-32), so an input longer than
# 4 × max_chars bytes is over the limit whatever its encoding: it is refused unread.
MAX_BYTES_PER_CHAR = 4


def read_bounded(stream: BinaryIO, max_chars: int, head: bytes = b"") -> bytes:
    """`head` and the rest of `stream`, or Refused once past the byte bound, reading no further."""
    limit = MAX_BYTES_PER_CHAR * max_chars
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        raise Refused("failed", too_large_message(max_chars))
    return data


def too_large_message(max_chars: int) -> str:
    limit = MAX_BYTES_PER_CHAR * max_chars
    return f"too large: more than {limit:,} bytes (limit {max_chars:,} characters)"


def bounded_lines(stream: BinaryIO, max_chars: int) -> Iterator[bytes | None]:
    """The lines of `stream`, or None for a line past the byte bound (skipped, never held whole)."""
    limit = MAX_BYTES_PER_CHAR * max_chars
    while line := stream.readline(limit):
        if len(line) == limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line
