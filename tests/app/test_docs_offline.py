"""/docs (Swagger UI) and /redoc load with no network: every operation is rendered, and the page
asked for nothing beyond the API itself. The screenshots go to docs/."""

from __future__ import annotations

import pytest

from app.api.main import create_app
from tests.app.browser import chromium, requested_urls, screenshot, wait_for
from tests.app.conftest import LiveServer

By = pytest.importorskip("selenium.webdriver.common.by", reason="selenium is not installed").By
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture(scope="module")
def live(live_settings):
    app = create_app(live_settings)
    server = LiveServer(app).start()
    operations = sum(len(methods) for methods in app.openapi()["paths"].values())
    yield server, operations
    server.stop()


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def test_swagger_ui_renders_every_operation_offline(live, browser):
    server, operations = live
    browser.get(f"{server.url}/docs")
    shown = wait_for(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, ".opblock")) >= operations and
                     b.find_elements(By.CSS_SELECTOR, ".opblock"), what="Swagger UI's operations")
    assert len(shown) == operations
    paths = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert "/actors/{actor_id}/positions" in {p.replace("\u200b", "") for p in paths}
    outside = [u for u in requested_urls(browser) if not u.startswith(server.url)]
    assert not outside, f"the page asked for {outside}"
    screenshot(browser, "api-docs-offline.png")


def test_redoc_renders_every_operation_offline(live, browser):
    server, operations = live
    browser.get(f"{server.url}/redoc")
    wait_for(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "[data-section-id^='operation/']")) >= operations,
             what="ReDoc's operations")
    assert "Who stands where in the news" in browser.page_source
    outside = [u for u in requested_urls(browser) if not u.startswith((server.url, "data:", "blob:"))]
    # ReDoc's "API docs by Redocly" logo: an <img> that hides itself when it cannot load.
    assert set(outside) <= {REDOCLY_LOGO}, f"the page asked for {outside}"
    screenshot(browser, "api-redoc-offline.png")
