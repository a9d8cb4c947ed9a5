"""What our components share: behaviour that is data, set in `initialize` and saved with the pipeline.

A component names the tables it reads (`TABLES`, stems of ingest/patterns/ files, see lexicons.py).
`initialize` takes each table as a keyword argument, by default the file in ingest/patterns/, keeps
the raw tables in `self.tables` and lets the component shape them (`_shape`). `to_disk` writes one
msgpack file per table and `from_disk` reads them back, so `nlp.to_disk` then `spacy.load` gives the same
component; `exclude` names tables to leave as they are.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy import util

from .lexicons import read_patterns


class TableComponent:
    TABLES: tuple[str, ...] = ()

    def _set_tables(self, **given: dict | list | None) -> None:
        """Keep the given tables, reading the ones not given from ingest/patterns/, and shape them."""
        missing = [name for name in self.TABLES if given.get(name) is None]
        self.tables = {**{name: given[name] for name in self.TABLES if name not in missing}, **read_patterns(missing)}
        self._shape()

    def _shape(self) -> None:
        raise NotImplementedError

    # Saved as msgpack, as spaCy's attribute_ruler saves its patterns: srsly's JSON reader rounds
    # floats ("confidence": 0.6 comes back 0.6000000000000001), and a saved pipeline must read as it wrote.
    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = util.ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in self.TABLES:
            if name not in exclude:
                srsly.write_msgpack(path / f"{name}.msgpack", self.tables[name])

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> TableComponent:
        path = util.ensure_path(path)
        saved = {name: srsly.read_msgpack(path / f"{name}.msgpack") for name in self.TABLES if name not in exclude}
        # An excluded table stays as initialized; in a component never initialized, ingest/patterns/ gives it.
        self._set_tables(**{**getattr(self, "tables", {}), **saved})
        return self
