"""Dates of articles: what counts as one (ISO 8601, the one form stored), the date a file's name
gives, and the date given for a whole run (`--date`).

Pure string work, no reading: the JSON records, HTML pages, sidecars and the CLI all parse dates
here, so they agree on what a date is.
"""

from __future__ import annotations

import datetime as dt
import re

# A file whose name starts with a timestamp (20220125T090000Z_GB_en_….txt) or an ISO date
# (2022-01-25-talks.md) was published then; see date_pattern() to name others.
DATE_PATTERN = r"^(?P<date>\d{8}T\d{6}Z?|\d{4}-\d\d-\d\d)(?!\d)"
DEFAULT_DATE_PATTERN = re.compile(DATE_PATTERN)


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
    normalized = iso_date(value)
    if normalized is None:
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return normalized


def iso_date(value: object) -> str | None:
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


def name_date(name: str, pattern: re.Pattern[str]) -> tuple[str | None, str | None]:
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
    return iso_date(matched), matched
