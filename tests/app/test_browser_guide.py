"""Neo4j Browser on first login to the managed server, in headless Chromium with no route out:
connecting runs the conf's `browser.post_connect_cmd`, which applies stancegraph's style and plays
its guide (both from the API); a query from the guide then shows the graph in the style's colours.
The screenshots go to docs/."""

from __future__ import annotations

import pytest

from app.api.main import create_app
from tests.app.browser import chromium, screenshot, wait_for
from tests.app.conftest import LiveServer
from tests.app.test_api import hand_built
from tests.conftest import TEST_PASSWORD

By = pytest.importorskip("selenium.webdriver.common.by", reason="selenium is not installed").By

STYLE_COLOURS = {"#4C8EDA", "#ECB5C9", "#DA7194"}  # Person, Statement, Position in style.grass


@pytest.fixture
def api_for_the_browser(live_settings, store):
    """The hand-built graph, and the API where the server's conf sends its Browser."""
    store.write(*hand_built())
    server = LiveServer(create_app(live_settings), port=live_settings.api_port).start()
    yield server
    server.stop()


def test_first_login_plays_the_guide_and_styles_the_graph(api_for_the_browser, neo4j_settings):
    browser = chromium()
    try:
        browser.get(f"http://127.0.0.1:{neo4j_settings.http_port}/browser/")
        wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "[data-testid=password]"), what="the login form")
        browser.find_element(By.CSS_SELECTOR, "[data-testid=username]").send_keys("neo4j")
        browser.find_element(By.CSS_SELECTOR, "[data-testid=password]").send_keys(TEST_PASSWORD)
        screenshot(browser, "browser-1-login.png")
        browser.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()

        guide = wait_for(browser, lambda b: [f for f in b.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")
                                             if "Who stands where in the news" in f.text],
                         what="the stancegraph guide")[0]
        styled = [f for f in browser.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")
                  if f.text.startswith(":style http")]
        assert styled and "node.Statement" in styled[0].text, "the style was not applied on connecting"
        browser.execute_script("arguments[0].scrollIntoView()", guide)
        screenshot(browser, "browser-2-guide.png")

        for _ in range(3):  # to the slide "All positions of an actor"
            guide.find_element(By.CSS_SELECTOR, "[data-testid=nextSlide]").click()
        query = wait_for(browser, lambda b: [p for p in guide.find_elements(By.CSS_SELECTOR, "pre.runnable")
                                             if p.is_displayed() and "RETURN a, m, s, ab, p" in p.text],
                         what="the slide's graph query")[0]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", query)
        query.click()  # into the editor
        browser.find_element(By.CSS_SELECTOR, "[data-testid=editor-Run]").click()

        def drawn(b):
            frame = b.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")[0]
            fills = {c.get_attribute("fill") for c in frame.find_elements(By.CSS_SELECTOR, "g.node circle")}
            return (frame, fills) if STYLE_COLOURS <= fills else None

        frame, fills = wait_for(browser, drawn, what="the styled graph")
        captions = " ".join(t.text for t in frame.find_elements(By.CSS_SELECTOR, "g.node text"))
        assert "Zelenskiy" in captions and "REJE" in captions, captions  # Statements show their kind
        browser.execute_script("arguments[0].scrollIntoView()", frame)
        screenshot(browser, "browser-3-styled-graph.png")
    finally:
        browser.quit()
