"""Where the graph lives: the Neo4j settings, read from the environment (and a `.env` file).

Every variable is `STANCEGRAPH_<FIELD>`, except the standard `NEO4J_URI`, `NEO4J_USER` and
`NEO4J_PASSWORD`, which point stancegraph at a Neo4j it does not manage. The front ends' own
settings (`app/settings.py`) extend these.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Neo4jSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STANCEGRAPH_", env_file=".env", extra="ignore")

    # An external Neo4j (docker-compose, Aura, a cluster). When set, nothing is started locally.
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "STANCEGRAPH_NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "STANCEGRAPH_NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("STANCEGRAPH_NEO4J_PASSWORD", "NEO4J_PASSWORD")
    )
    neo4j_database: str = "neo4j"
    # Articles per write transaction: bigger batches mean fewer commits (each one a consensus round
    # on a cluster's leader) but more work redone when one is refused and retried article by article.
    write_batch: int = Field(default=64, ge=1, le=1000)

    # The local server stancegraph manages.
    neo4j_home: Path = Path(".neo4j")  # conf, data, logs, pid and password live here
    neo4j_lib: Path | None = None  # the assembled jars; default <neo4j_home>/lib
    bolt_port: int = 7687
    http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_start_timeout: float = 120.0

    # The REST API, which serves the managed server's Browser its guide and style.
    api_host: str = "127.0.0.1"
    api_port: int = 8000

    @property
    def lib_dir(self) -> Path:
        return self.neo4j_lib or self.neo4j_home / "lib"

    @property
    def manages_neo4j(self) -> bool:
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"
