"""The interactive API documentation renders from our own files, within the CSP."""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_the_api_docs_render_with_no_outside_request_and_no_csp_violation(page, live_server):
    origin = urlparse(live_server.url).netloc
    requested, problems = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "EX Impact API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-tag", has_text="campaigns").count() == 1
    outside = [url for url in requested if urlparse(url).netloc not in (origin, "")]
    assert outside == [], outside
    assert not [text for text in problems if "Content Security Policy" in text], problems


def test_the_api_docs_work_at_390_pixels(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
