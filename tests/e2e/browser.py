"""How the browser tests start Chromium and open a context on the live server."""

import re
from pathlib import Path

from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The test machine has no network: without these, Chromium keeps trying
    # to reach Google's services and fills the logs with refused connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A step that takes longer than this has failed; waiting longer only slows the suite.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


def open_context(browser, live_server, *, locale: str, **options):
    """A browser context pointed at the live server, failing fast."""
    context = browser.new_context(base_url=live_server.url, locale=locale, **options)
    context.set_default_timeout(TIMEOUT_MS)
    # Browsers ask for /favicon.ico on their own; that request would race the
    # test's own database work over the shared in-memory SQLite connection.
    context.route(re.compile(r".*/favicon\.ico$"), lambda route: route.fulfill(status=404))
    return context
