"""The API over a real socket (uvicorn): what a test client cannot show."""

from __future__ import annotations

import http.client

import pytest

from app.api.main import create_app
from tests.app.conftest import LiveServer


@pytest.fixture(scope="module")
def live(live_settings):
    app = create_app(live_settings)

    @app.get("/test-only/boom", include_in_schema=False)
    def boom():
        raise RuntimeError("an error no handler knows")

    server = LiveServer(app).start()
    yield server
    server.stop()


def test_an_unexpected_error_is_500_json_and_keeps_the_connection(live):
    connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=30)
    try:
        for _ in range(2):  # the second request goes over the same connection
            connection.request("GET", "/test-only/boom")
            response = connection.getresponse()
            body = response.read()
            assert response.status == 500 and body == b'{"error":"internal error (RuntimeError)"}'
            assert response.getheader("connection") != "close"
            assert response.getheader("x-content-type-options") == "nosniff"
        connection.request("GET", "/health")
        response = connection.getresponse()
        assert response.status == 200 and b'"ok"' in response.read()
    finally:
        connection.close()
