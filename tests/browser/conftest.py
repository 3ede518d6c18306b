"""Browser tests: headless Debian Chromium, driven by Playwright, against
pytest-django's ``live_server``.

Playwright's own browser download does not work offline, so the tests launch
the Chromium given by ``CHROMIUM_PATH`` (default ``/usr/bin/chromium``). When
it is missing the tests fail with a message saying so: they are never skipped
(CI requires that no test is skipped). ``make chromium`` installs it.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; without this,
# Django refuses ORM calls made from the test (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = BROWSER_DIR.parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Short waits: everything happens on localhost.
expect.set_options(timeout=5_000)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {executable!r}: the browser tests need it. "
            "Install it with `make chromium` (apt-get install chromium) "
            "or point CHROMIUM_PATH at a Chromium binary.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            pytest.fail(f"Chromium at {executable!r} did not start: {error}", pytrace=False)
        yield browser
        browser.close()


def new_page(browser, viewport=DESKTOP, **options):
    """A page in a fresh context (no cookies, cache or storage shared with
    other tests), Vietnamese locale."""
    context = browser.new_context(viewport=viewport, locale="vi-VN", **options)
    context.set_default_timeout(5_000)
    return context.new_page()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page)`` saves a full-page screenshot as
    ``test-artifacts/screenshots/<test-name>.png``; ``screenshot(page, "print")``
    as ``<test-name>-print.png`` (for a test that visits several pages)."""

    def take(page, label=""):
        return save_screenshot(page, request.node.name + (f"-{label}" if label else ""))

    return take


def save_screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
