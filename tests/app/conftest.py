"""The API served by a real uvicorn on a free loopback port, for what only a socket shows:
keep-alive connections, and pages loaded by a browser."""

from __future__ import annotations

import threading
import time

import pytest
import uvicorn
from pydantic import SecretStr

from tests.conftest import free_port


class LiveServer:
    """`app` served by uvicorn in a thread until `stop()`."""

    def __init__(self, app, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def live_settings(neo4j_settings):
    return neo4j_settings.model_copy(update={"api_key": SecretStr("test-api-key")})
