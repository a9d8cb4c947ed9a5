"""The vocabularies of discourse networks, and the Enums the CLI and the API offer for them.

Kept apart from the rest of the package so that `stancegraph --help` need not import networkx."""

from __future__ import annotations

from enum import Enum

KINDS = ("actor-position", "congruence", "conflict", "subtract", "position-cosupport")
NORMALIZATIONS = ("none", "jaccard", "cosine")
WINDOWS = ("week", "month", "quarter", "year")
EXPORT_FORMATS = ("json", "graphml", "gexf")  # what the API answers with; files also take .csv


def _choices(name: str, values: tuple[str, ...]) -> type[Enum]:
    return Enum(name, [(v.replace("-", "_"), v) for v in values], type=str)


NetworkKind = _choices("NetworkKind", KINDS)
Normalize = _choices("Normalize", NORMALIZATIONS)
Window = _choices("Window", WINDOWS)
ExportFormat = _choices("ExportFormat", EXPORT_FORMATS)
