"""The front ends' configuration, read once from the environment (and a `.env` file if present):
the graph's settings (graph_schema/settings.py, where the API's host and port are too: the
managed Browser reads its guide from the API) plus the model and the API's own.

Every variable is `STANCEGRAPH_<FIELD>` (see README.md, "Configuration").
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import SecretStr

from graph_schema.settings import Neo4jSettings
from ingest import DEFAULT_MODEL


class Settings(Neo4jSettings):
    model: str = DEFAULT_MODEL  # any spaCy English pipeline: en_core_web_md/lg/trf
    api_key: SecretStr | None = None  # required by POST /articles
    # Where a file name gives its article's date (see ingest.sources.date_pattern); None: the
    # default there, "": no dates from names.
    date_pattern: str | None = None
    cypher_max_bytes: int = 16_000_000  # POST /cypher answers at most this much JSON


@lru_cache
def get_settings() -> Settings:
    return Settings()
