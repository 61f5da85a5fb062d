"""A live server on 127.0.0.1 with its own database, driven by Debian's Chromium via Playwright.

The live server commits for real (it runs in another thread), so it gets a database
of its own instead of the rolled-back one; each test makes its own uniquely named rows.
"""

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from eximpact import create_app
from eximpact.extensions import db
from tests.conftest import config_for, require_or_skip, reset_database, separate_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def live_database_url(database_url, tmp_path_factory):
    with separate_database(database_url, "live", tmp_path_factory.mktemp("live")) as url:
        yield url


class LiveServer:
    def __init__(self, app, url):
        self.app = app
        self.url = url

    def create(self, factory, **kwargs):
        """Make a row with a factory and commit it, so the server thread sees it."""
        with self.app.app_context():
            row = factory(**kwargs)
            db.session.commit()
            db.session.refresh(row)
            db.session.expunge(row)
            return row

    def run(self, function, *args, **kwargs):
        """Call `function` inside the live app's context and commit."""
        with self.app.app_context():
            result = function(*args, **kwargs)
            db.session.commit()
            return result


@pytest.fixture(scope="session")
def live_server(live_database_url):
    app = create_app(config_for(live_database_url, WTF_CSRF_ENABLED=True))
    reset_database(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join()
    server.server_close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    require_or_skip(Path(CHROMIUM).exists(), "Chromium (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - installed with the test extras
        require_or_skip(False, "Playwright")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
