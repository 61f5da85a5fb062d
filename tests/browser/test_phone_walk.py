"""Every page of the navigation, for every demo role, on a 390 × 844 phone screen.

The walk signs in as each documented demo person, follows every link of the main
navigation (and the user menu), then one click deeper into the main detail pages it finds
there (a campaign, an initiative, a nomination, a piece of praise, a person). Each page
must not scroll sideways and must pass axe-core's WCAG 2.1 A/AA rules. axe-core is
injected from tests/browser/vendor/axe.min.js, never from a CDN.
"""

import re
from pathlib import Path

import pytest

from eximpact import create_app
from eximpact.demo import DEMO_PASSWORD, DEMO_SIGN_INS, load_demo
from eximpact.extensions import db
from tests.conftest import config_for, reset_database, separate_database

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Detail pages one click deep: the first link in a page's content matching each pattern.
DETAIL_PAGES = [
    re.compile(r"/campaigns/\d+$"),
    re.compile(r"/campaigns/initiatives/\d+$"),
    re.compile(r"/recognition/nominations/\d+$"),
    re.compile(r"/praise/\d+$"),
    re.compile(r"/people/\d+$"),
]

OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1) {
      // Inside a container that scrolls sideways on its own, overflowing is the design.
      let clipped = false;
      // An absolutely positioned box escapes every scroller below its containing block.
      const absolute = getComputedStyle(el).position === 'absolute';
      const start = absolute ? el.offsetParent : el.parentElement;
      for (let p = start; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)
            && p.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
      }
      if (!clipped) {
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (el.className && typeof el.className === 'string'
             ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        wide.push(name + ' ends at ' + Math.round(box.right) + 'px');
      }
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""

AXE_JS = """async ({context, tags}) => {
  const result = await axe.run(context || document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => v.id + ': ' + v.help + ' — '
    + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' (' + (n.failureSummary || '')
      .replace(/\\s+/g, ' ').slice(0, 160) + ')').join('; '));
}"""


@pytest.fixture(scope="session")
def demo_server(database_url, tmp_path_factory):
    """A live server of its own, on a database holding the full demo organisation."""
    import threading

    from werkzeug.serving import make_server

    with separate_database(database_url, "demo", tmp_path_factory.mktemp("demo")) as url:
        app = create_app(config_for(url, WTF_CSRF_ENABLED=True))
        reset_database(app)
        with app.app_context():
            load_demo()
            db.session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            thread.join()
            server.server_close()
            with app.app_context():
                db.engine.dispose()


def problems_on(page) -> list[str]:
    found = []
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow["scrollWidth"] > overflow["width"] or overflow["wide"]:
        found.append(
            f"scrolls sideways: {overflow['scrollWidth']}px wide in a {overflow['width']}px "
            f"screen; beyond the edge: {', '.join(overflow['wide']) or 'nothing listed'}"
        )
    found += [f"axe {v}" for v in page.evaluate(AXE_JS, {"context": None, "tags": WCAG_TAGS})]
    return found


def menu_problems(page) -> list[str]:
    """The opened phone menu, each dropdown in turn, checked by axe."""
    found = []
    page.get_by_role("button", name="Toggle navigation").click()
    page.locator("#main-nav.show").wait_for()
    toggles = page.locator("nav[aria-label=Main] .dropdown-toggle")
    for index in range(toggles.count()):
        toggles.nth(index).click()
        page.locator("nav[aria-label=Main] .dropdown-menu.show").first.wait_for()
        violations = page.evaluate(AXE_JS, {"context": "nav", "tags": WCAG_TAGS})
        found += [f"menu axe {v}" for v in violations]
    return sorted(set(found))


def menu_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "nav[aria-label=Main] a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys(h for h in hrefs if h.startswith("/")))


def detail_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h.split("?")[0] for h in hrefs if h.startswith("/")]


@pytest.mark.parametrize("email", [email for email, _ in DEMO_SIGN_INS])
def test_every_page_of_the_menu_fits_a_phone_and_passes_axe(browser, demo_server, email):
    """No page in this role's menu, nor the detail pages one click deep, scrolls sideways
    at 390 px or has an axe-core WCAG 2.1 A/AA violation."""
    context = browser.new_context(base_url=demo_server, viewport=PHONE)
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        page.goto("/sign-in")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/$"))
        report = {"menu": menu_problems(page)}
        to_visit = menu_links(page)
        assert len(to_visit) >= 5, to_visit
        details: dict[re.Pattern, str] = {}
        for url in to_visit:
            response = page.goto(url)
            assert response.ok, f"{url} answered {response.status}"
            report[url] = problems_on(page)
            for link in detail_links(page):
                for pattern in DETAIL_PAGES:
                    if pattern not in details and pattern.search(link):
                        details[pattern] = link
        for url in details.values():
            response = page.goto(url)
            assert response.ok, f"{url} answered {response.status}"
            report[url] = problems_on(page)
    finally:
        context.close()
    failing = {url: found for url, found in report.items() if found}
    assert not failing, "\n".join(
        f"{url}:\n  " + "\n  ".join(found) for url, found in failing.items()
    )
