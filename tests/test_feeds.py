"""Feeds: RSS and Atom entries read from a local server, bad feeds reported, new entries fetched once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_fetch import FakeClock, LocalServer, local

from parallax.errors import InputProblem
from parallax.ingest.feed import FeedEntry, read_feed, watch_feeds
from parallax.model import Document, InputError

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


@pytest.fixture
def site() -> Iterator[LocalServer]:
    """A news site: an RSS and an Atom feed whose entries link to three article pages."""
    server = LocalServer()
    for name, media_type in (("rss.xml", "application/rss+xml"), ("atom.xml", "application/atom+xml")):
        body = (FEEDS / name).read_text(encoding="utf-8").replace("__BASE__", server.base)
        server.routes[f"/{name}"] = (200, {"Content-Type": media_type}, body.encode("utf-8"))
    server.page("/news/port-inspections.html", "news-article.html")
    server.page("/news/rail-strike.html", "wire-story.html")
    server.page("/news/library.html", "blog-post.html")
    yield server
    server.close()


def test_rss_entries(site: LocalServer) -> None:
    feed = read_feed(site.url("/rss.xml"), options=local())
    assert feed.title == "Harbour Gazette: World" and not feed.not_modified
    assert feed.entries[0] == FeedEntry(
        link=site.url("/news/port-inspections.html"),
        title="Ministers agree new port inspections",
        published="2024-03-05T08:30:00+00:00",
        summary="Five coastal states will inspect every cargo ship once a year.",
    )
    assert [e.published for e in feed.entries[1:]] == [
        "2024-03-06T22:10:00+00:00",
        "2024-06-12T09:00:00+00:00",
    ]
    assert feed.entries[1].summary == "<p>Unions and operators reached a deal.</p>"
    assert feed.entries[2].summary is None


def test_atom_entries_with_a_relative_link(site: LocalServer) -> None:
    feed = read_feed(site.url("/atom.xml"), options=local())
    assert feed.title == "The Valley Courier"
    assert [(e.link, e.published) for e in feed.entries] == [
        (site.url("/news/library.html"), "2024-06-12T09:00:00+00:00"),
        (site.url("/news/rail-strike.html"), "2024-03-06T22:10:00+00:00"),  # no <published>: <updated>
    ]


@pytest.mark.parametrize(
    "body",
    [
        b"just some words, not markup",
        b"<html><body><p>A web page.</p></body></html>",
        b"<rss><channel><item>",
    ],
)
def test_not_a_feed(site: LocalServer, body: bytes) -> None:
    site.routes["/bad.xml"] = (200, {"Content-Type": "application/xml"}, body)
    with pytest.raises(InputProblem) as problem:
        read_feed(site.url("/bad.xml"), options=local())
    assert problem.value.source == site.url("/bad.xml")
    assert problem.value.reason.startswith("not an RSS or Atom feed")


def test_feed_body_naming_a_local_file_is_not_opened(site: LocalServer, tmp_path: Path) -> None:
    local_feed = tmp_path / "feed.xml"
    local_feed.write_bytes((FEEDS / "rss.xml").read_bytes())
    site.routes["/trick.xml"] = (200, {"Content-Type": "application/xml"}, str(local_feed).encode())
    with pytest.raises(InputProblem, match="not an RSS or Atom feed"):
        read_feed(site.url("/trick.xml"), options=local())


def test_watch_once_fetches_new_entries_only(site: LocalServer) -> None:
    batches: list[list[Document]] = []
    seen = {site.url("/news/library.html")}  # already handled in an earlier run
    options = local()
    feeds = [site.url("/rss.xml"), site.url("/atom.xml")]
    watch_feeds(feeds, options=options, seen=seen, once=True, on_documents=batches.append)
    (documents,) = batches
    assert [d.source for d in documents] == [
        site.url("/news/port-inspections.html"),
        site.url("/news/rail-strike.html"),  # in both feeds, fetched once
    ]
    rail = documents[1]
    assert rail.title == "Rail strike called off after late-night talks" and rail.outlet == "127.0.0.1"
    assert rail.published == "2024-03-06T22:10:00+00:00"  # the page has no date: the feed's
    assert len(seen) == 3

    pages_before = [p for p in site.paths() if p.startswith("/news/")]
    watch_feeds(feeds, options=options, seen=seen, once=True, on_documents=batches.append)
    assert len(batches) == 1  # nothing new
    assert [p for p in site.paths() if p.startswith("/news/")] == pages_before


def test_watch_reports_errors_and_accepts_a_predicate(site: LocalServer) -> None:
    site.routes["/bad.xml"] = (200, {"Content-Type": "text/plain"}, b"not a feed")
    site.routes["/news/library.html"] = (404, {}, b"")
    errors: list[InputError] = []
    documents: list[Document] = []
    watch_feeds(
        [site.url("/bad.xml"), site.url("/atom.xml")],
        options=local(),
        seen=lambda link: link.endswith("rail-strike.html"),
        once=True,
        on_documents=documents.extend,
        on_errors=errors.extend,
    )
    assert documents == []
    assert [(e.source, e.reason.split(" (")[0]) for e in errors] == [
        (site.url("/bad.xml"), "not an RSS or Atom feed"),
        (site.url("/news/library.html"), "HTTP 404 Not Found"),
    ]


def test_watch_polls_until_interrupted(site: LocalServer) -> None:
    clock = FakeClock()
    polls: list[int] = []

    def sleep(seconds: float) -> None:
        clock.sleeps.append(seconds)
        if len(clock.sleeps) > 1:
            raise KeyboardInterrupt

    clock.sleep = sleep  # type: ignore[method-assign]
    watch_feeds(
        [site.url("/rss.xml")],
        options=local(clock=clock),
        interval=300,
        on_documents=lambda docs: polls.append(len(docs)),
    )
    assert polls == [3] and clock.sleeps == [300, 300]
    assert site.paths().count("/rss.xml") == 2


def test_watch_command_adds_the_feeds_articles_to_a_store(site: LocalServer, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from parallax.cli import main
    from parallax.store import open_store

    db = tmp_path / "desk.db"
    args = ["watch", site.url("/rss.xml"), "--db", str(db), "--once", "--allow-private"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "3 new articles (0 already stored)" in result.stdout
    with open_store(db) as store:
        assert store.count_articles() == 3 and store.count_stories() >= 2  # port, rail and library differ
