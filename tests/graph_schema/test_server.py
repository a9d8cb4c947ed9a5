"""The managed Neo4j: start, auth, Browser, stop, and NEO4J_URI pointing elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
from pydantic import SecretStr

from app.settings import Settings
from graph_schema.connection import DatabaseUnavailable, connect
from graph_schema.server import LocalNeo4j, _port_in_use
from tests.conftest import TEST_BOLT_PORT, TEST_HTTP_PORT, TEST_PASSWORD, server_settings


def test_answers_cypher_over_bolt_with_auth(driver):
    records = driver.execute_query("RETURN 40 + 2 AS answer").records
    assert records[0]["answer"] == 42


def test_wrong_password_is_refused(neo4j_settings):
    with GraphDatabase.driver(neo4j_settings.bolt_uri, auth=("neo4j", "not-the-password")) as drv:
        with pytest.raises(AuthError):
            drv.verify_connectivity()


def test_no_password_is_refused(neo4j_settings):
    with GraphDatabase.driver(neo4j_settings.bolt_uri) as drv:
        with pytest.raises(Exception):
            drv.execute_query("RETURN 1")


def test_browser_is_served(neo4j_settings):
    url = f"http://127.0.0.1:{neo4j_settings.http_port}/browser/"
    with urllib.request.urlopen(url, timeout=10) as resp:
        body = resp.read().decode()
    assert resp.status == 200
    assert "<title>Neo4j Browser</title>" in body


def test_server_listens_on_loopback_only(neo4j_settings):
    conf = (neo4j_settings.neo4j_home / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "dbms.security.auth_enabled=true" in conf


def test_neo4j_uri_uses_that_server_and_starts_nothing(neo4j_settings, tmp_path):
    external = Settings(neo4j_uri=neo4j_settings.bolt_uri, neo4j_password=TEST_PASSWORD, neo4j_home=tmp_path / "unused")
    assert not external.manages_neo4j
    with connect(external) as drv:
        assert drv.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    assert not (tmp_path / "unused").exists(), "nothing may be provisioned when NEO4J_URI is set"


def test_neo4j_uri_with_wrong_password_is_a_clear_error(neo4j_settings):
    external = Settings(neo4j_uri=neo4j_settings.bolt_uri, neo4j_password="wrong")
    with pytest.raises(DatabaseUnavailable, match="refused the credentials"):
        connect(external)


def test_unreachable_server_is_a_clear_error():
    nowhere = Settings(neo4j_uri="bolt://127.0.0.1:1", neo4j_password="x")
    with pytest.raises(DatabaseUnavailable, match="cannot reach Neo4j at bolt://127.0.0.1:1"):
        connect(nowhere, retry_seconds=1)


def test_generated_password_is_private(tmp_path):
    settings = Settings(neo4j_uri=None, neo4j_home=tmp_path, neo4j_password=None)
    first = LocalNeo4j(settings).password()
    assert LocalNeo4j(settings).password() == first
    assert (tmp_path / "password").stat().st_mode & 0o777 == 0o600


def test_cli_start_status_stop_a_second_server(tmp_path):
    """The CLI manages a server of its own home: start, status, stop by pid file."""
    bolt, http = TEST_BOLT_PORT + 1, TEST_HTTP_PORT + 1  # beside the test run's own server
    settings = server_settings(tmp_path / "second", bolt, http)
    env = {**os.environ, "STANCEGRAPH_NEO4J_HOME": str(settings.neo4j_home),
           "STANCEGRAPH_NEO4J_LIB": str(settings.neo4j_lib), "STANCEGRAPH_BOLT_PORT": str(bolt),
           "STANCEGRAPH_HTTP_PORT": str(http), "STANCEGRAPH_NEO4J_HEAP": "512m",
           "STANCEGRAPH_NEO4J_PAGECACHE": "64m"}
    for variable in ("NEO4J_URI", "NEO4J_PASSWORD", "STANCEGRAPH_NEO4J_PASSWORD"):
        env.pop(variable, None)
    cli = [sys.executable, "-m", "app.cli"]

    def run(*args):
        # Run outside the checkout so that a developer's .env is not read.
        return subprocess.run(cli + list(args), env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)

    assert run("neo4j", "status").returncode == 3
    started = run("neo4j", "start")
    assert started.returncode == 0, started.stderr
    assert "running" in started.stdout
    assert run("neo4j", "status").returncode == 0
    password = (settings.neo4j_home / "password").read_text().strip()
    with GraphDatabase.driver(f"bolt://127.0.0.1:{bolt}", auth=("neo4j", password)) as drv:
        assert drv.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    assert run("neo4j", "stop").stdout.strip() == "stopped"
    assert run("neo4j", "status").returncode == 3
    assert not _port_in_use(bolt)


def test_home_is_private_to_its_owner(neo4j_settings):
    home = neo4j_settings.neo4j_home
    assert home.stat().st_mode & 0o077 == 0, oct(home.stat().st_mode)


def test_conf_opens_the_guide_and_style_from_the_api(neo4j_settings):
    conf = (neo4j_settings.neo4j_home / "conf" / "neo4j.conf").read_text()
    api = f"http://127.0.0.1:{neo4j_settings.api_port}"
    assert f"browser.post_connect_cmd=style {api}/browser/style.grass; play {api}/browser/guide.html" in conf
    assert "browser.remote_content_hostname_whitelist=127.0.0.1" in conf


def test_initial_password_is_never_on_a_command_line(tmp_path):
    """While a fresh server sets its password and starts, no process shows the password (`ps`
    reads /proc/<pid>/cmdline); the password, spaces, quotes and backslashes included, works."""
    password = 'pa ss"wo\\rd \'x'
    settings = server_settings(tmp_path / "fresh", TEST_BOLT_PORT + 1, TEST_HTTP_PORT + 1).model_copy(
        update={"neo4j_password": SecretStr(password), "neo4j_heap": "512m", "neo4j_pagecache": "64m"})
    seen: list[str] = []
    done = threading.Event()

    def watch() -> None:
        needle = password.encode()
        while not done.is_set():
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    if needle in cmdline.read_bytes():
                        seen.append(cmdline.parent.name)
                except OSError:
                    pass
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    server = LocalNeo4j(settings)
    try:
        server.start()
    finally:
        done.set()
        watcher.join()
    try:
        assert not seen, f"the password was on the command line of pids {sorted(set(seen))}"
        with GraphDatabase.driver(settings.bolt_uri, auth=("neo4j", password)) as drv:
            assert drv.execute_query("RETURN 1 AS one").records[0]["one"] == 1
        assert not list((settings.neo4j_home / "run").glob("*password*")), "the argument file is left behind"
        assert settings.neo4j_home.stat().st_mode & 0o777 == 0o700
    finally:
        server.stop()
