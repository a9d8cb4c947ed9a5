"""Headless Chromium with no route out, driven by selenium, for the tests that look at pages.

Chromium and its driver are Debian's (`apt-get install chromium chromium-driver`, in .ci/run);
without them the tests skip, saying so. Every host name fails to resolve and every request that is
not for loopback goes to a closed proxy port, so a page that needs the internet shows it; the
requests a page made are read back from Chromium's performance log.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")


def chromium():
    """A headless Chromium without network (skips the test when Chromium or selenium is absent)."""
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                     "--proxy-server=http://127.0.0.1:9", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def requested_urls(browser) -> list[str]:
    """The URLs the page requested since the last call."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def wait_for(browser, condition, timeout: float = 60.0, what: str = "the page"):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(browser, timeout, poll_frequency=0.25).until(lambda b: condition(b))
    except TimeoutException:
        shot = SCREENSHOTS / "failed-screenshot.png"
        browser.save_screenshot(str(shot))
        raise AssertionError(f"{what} did not appear within {timeout:g} s (screenshot: {shot})") from None


def screenshot(browser, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    browser.save_screenshot(str(path))
    return path
