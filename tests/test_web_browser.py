"""The desk as a person uses it: Playwright drives Debian's chromium against a live uvicorn server.

Skipped, with the reason, when playwright or chromium is missing (CI installs chromium with apt-get when
it may). ``PARALLAX_SCREENSHOTS=DIR`` also saves the main pages as PNGs (docs/screenshots/take.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
uvicorn = pytest.importorskip("uvicorn")

from test_web_api import seed_example  # noqa: E402

from parallax.model import Report  # noqa: E402
from parallax.web.app import create_app  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 900}
TITLE = "Discussing additional measures to put pressure on Russia"  # the first example article's
PASTED = (
    "The harbour authority in Busan said on Wednesday that the container terminal would reopen after the "
    "typhoon, and that ships waiting offshore would be allowed in by the end of the week."
)
OTHER_EVENT = (
    "Lisbon's city council approved a new tram line on Thursday linking the airport to the riverside "
    "districts, with construction to begin next spring at a cost of 210 million euros, the mayor said."
)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"chromium not found at {CHROMIUM} (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, example_report: Report) -> Iterator[str]:
    """A live server on a free loopback port over a store holding the example story."""
    path = tmp_path_factory.mktemp("browser") / "desk.db"
    seed_example(path, example_report)
    server = uvicorn.Server(uvicorn.Config(create_app(path), log_level="warning"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
        except sync_api.Error as error:  # a broken browser install is the machine's problem, not the desk's
            pytest.skip(f"chromium at {CHROMIUM} does not start: {error}")
        yield launched
        launched.close()


def _page(browser: Any, base_url: str, javascript: bool) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    context.close()
    assert not problems, problems  # a CSP violation (an inline script or style) shows up here


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    yield from _page(browser, base_url, javascript=True)


@pytest.fixture
def page_nojs(browser: Any, base_url: str) -> Iterator[Any]:
    yield from _page(browser, base_url, javascript=False)


def open_story(page: Any) -> None:
    page.goto("/")
    row = page.locator("table.stories tbody tr", has_text=TITLE)
    sync_api.expect(row).to_contain_text("News Rebeat")
    sync_api.expect(row).to_contain_text("US outlet (unnamed)")
    row.get_by_role("link", name=TITLE).click()
    sync_api.expect(page.locator("h1")).to_have_text(TITLE)


def test_story_list_and_story_page(page: Any) -> None:
    open_story(page)
    sync_api.expect(page.locator("article.col")).to_have_count(2)
    for kind in ("shared", "unique", "conflict", "quote"):
        assert page.locator(f".body .seg.{kind}").count() > 0, kind
    sync_api.expect(page.locator(".quote-item").first).to_contain_text("Antony Blinken")
    sync_api.expect(page.locator(".conflict-item").first).to_contain_text("constructive")


def _follow_citation(page: Any, link: Any) -> None:
    href = link.get_attribute("href")
    link.click()
    target = page.locator(":target")
    sync_api.expect(target).to_have_count(1)
    assert "#" + target.get_attribute("id") == href[href.index("#") :]
    assert target.get_attribute("class") == "sent"
    sync_api.expect(target).to_be_in_viewport()
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # the :target highlight


def test_citation_link_goes_to_the_cited_sentence(page: Any, example_report: Report) -> None:
    open_story(page)
    citation = example_report.stories[0].brief[0].citations[0]
    body = next(a.body for a in example_report.articles if a.id == citation.article)
    _follow_citation(page, page.locator(".brief .cites a").first)
    cited = body[citation.start : citation.end]
    assert cited in page.locator(":target").inner_text()  # the sentence holds the cited claim


def test_entity_page_lists_variants_and_mentions(page: Any) -> None:
    open_story(page)
    page.locator("table.entities").get_by_role("link", name="Antony Blinken", exact=True).click()
    sync_api.expect(page.locator("h1")).to_contain_text("Antony Blinken")
    variants = page.locator("table.variants")
    sync_api.expect(variants).to_contain_text("News Rebeat")
    sync_api.expect(variants).to_contain_text("US outlet (unnamed)")
    mention = page.locator(".mentions a").first
    said = mention.locator("mark").inner_text()
    _follow_citation(page, mention)
    assert said in page.locator(":target").inner_text()


def test_search_finds_both_outlets(page: Any) -> None:
    page.goto("/")
    page.get_by_label("Search articles").fill("constructive role")
    page.get_by_label("Search articles").press("Enter")
    hits = page.locator("ol.hits > li")
    sync_api.expect(hits).to_have_count(2)
    marked = {m.lower() for m in hits.first.locator("mark").all_inner_texts()}
    assert marked and marked <= {"constructive", "role"}
    hits.first.locator("a.hit-title").click()
    sync_api.expect(page.locator("article.col")).to_have_count(2)


def _add_pasted(page: Any, text: str, title: str) -> None:
    page.goto("/add")
    page.get_by_label("Text").fill(text)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Outlet").fill("Harbour Times")
    page.get_by_label("Published").fill("2024-08-21")
    page.get_by_role("button", name="Add").click()
    sync_api.expect(page.locator("h1")).to_have_text("Done", timeout=60_000)
    page.locator(".job-stories a").first.click()
    sync_api.expect(page.locator("h1")).to_have_text(title)
    sync_api.expect(page.locator("article.col")).to_contain_text("Harbour Times")
    page.goto("/")
    sync_api.expect(page.locator("table.stories")).to_contain_text(title)


def test_add_an_article_without_javascript(page_nojs: Any) -> None:
    """The job page reloads itself (meta refresh) until the article is stored and compared."""
    _add_pasted(page_nojs, PASTED, "Busan terminal to reopen")


def test_add_an_article_with_javascript(page: Any) -> None:
    """With JavaScript, the job page polls the API instead; another event founds its own story."""
    _add_pasted(page, OTHER_EVENT, "Lisbon approves airport tram line")


def test_screenshots(page: Any) -> None:
    folder = os.environ.get("PARALLAX_SCREENSHOTS")
    if not folder:
        pytest.skip("set PARALLAX_SCREENSHOTS=DIR to save screenshots of the main pages")
    Path(folder).mkdir(parents=True, exist_ok=True)
    open_story(page)
    page.goto("/")
    page.screenshot(path=f"{folder}/stories.png")
    open_story(page)
    page.screenshot(path=f"{folder}/story.png")
    page.locator("table.entities").get_by_role("link", name="Antony Blinken", exact=True).click()
    page.screenshot(path=f"{folder}/entity.png")
    page.goto("/search?q=constructive+role")
    page.screenshot(path=f"{folder}/search.png")
