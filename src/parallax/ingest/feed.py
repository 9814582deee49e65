"""RSS and Atom feeds: their entries, and the articles they link to, fetched as Documents.

Feeds are fetched by the safe Fetcher and only the bytes are handed to feedparser, which never fetches
anything itself. ``watch_feeds`` polls feeds and fetches each entry page it has not seen before.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import feedparser

from parallax.errors import InputProblem
from parallax.ingest.fetch import Fetched, Fetcher, FetchOptions
from parallax.ingest.url import fetch_documents
from parallax.model import Document, InputError

__all__ = [
    "FEED_ACCEPT",
    "FeedEntry",
    "FeedResult",
    "Seen",
    "parse_feed",
    "poll_feeds",
    "read_feed",
    "watch_feeds",
]

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
DEFAULT_INTERVAL = 600.0
"""Seconds between two polls of the same feeds: news feeds change every few minutes at most."""

Seen = set[str] | Callable[[str], bool]
"""Entry links already handled: a set (updated as entries are fetched) or a predicate (the caller records)."""

Batch = tuple[list[Document], list[InputError], list[str]]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None  # ISO 8601, UTC
    summary: str | None = None  # as the feed gives it, HTML sanitised by feedparser


@dataclass(frozen=True)
class FeedResult:
    url: str
    title: str | None
    entries: tuple[FeedEntry, ...]
    not_modified: bool = False


def read_feed(url: str, *, options: FetchOptions | None = None, fetcher: Fetcher | None = None) -> FeedResult:
    """The feed at ``url``; InputProblem when it cannot be fetched or is not an RSS or Atom feed."""
    if fetcher is None:
        with Fetcher(options) as own:
            return read_feed(url, fetcher=own)
    fetched = fetcher.fetch(url, accept=FEED_ACCEPT)
    if fetched.not_modified:
        return FeedResult(url, None, (), not_modified=True)
    result = parse_feed(url, fetched)
    fetcher.remember(fetched)
    return result


def parse_feed(url: str, fetched: Fetched) -> FeedResult:
    headers = {"content-type": fetched.content_type, "content-location": fetched.final_url}
    if fetched.charset:
        headers["content-type"] += f"; charset={fetched.charset}"
    # A stream, never bytes or str: feedparser.parse fetches a str that looks like a URL and opens a
    # str or bytes that names an existing file.
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers=headers)
    entries = tuple(entry for entry in map(_entry, parsed.entries) if entry is not None)
    # A broken feed (bozo) still counts when entries could be recovered; a valid empty feed counts too.
    if not entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).strip()[:200]})" if problem else ""
        raise InputProblem(url, f"not an RSS or Atom feed{detail}")
    return FeedResult(url, _text(parsed.feed.get("title")), entries)


def _entry(raw: Any) -> FeedEntry | None:
    link = _text(raw.get("link"))
    if link is None:
        return None  # nothing to fetch
    published = _iso(raw.get("published_parsed") or raw.get("updated_parsed"))
    return FeedEntry(link, _text(raw.get("title")), published, _text(raw.get("summary")))


def _iso(when: Any) -> str | None:
    """A feedparser date (a UTC struct_time) in ISO 8601; None when absent or out of range."""
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(when), dt.UTC).isoformat() if when else None
    except (OverflowError, ValueError, OSError):
        return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# --- polling ---------------------------------------------------------------------------------------


def poll_feeds(feed_urls: Sequence[str], *, fetcher: Fetcher, seen: Seen) -> Batch:
    """One pass: (documents, errors, notes) for entries not seen before, which a ``seen`` set then holds.

    An entry counts as seen once its page was tried, whether it became a document or an error, so a
    broken page is reported once rather than on every pass.
    """
    documents: list[Document] = []
    errors: list[InputError] = []
    notes: list[str] = []
    for feed_url in feed_urls:
        try:
            feed = read_feed(feed_url, fetcher=fetcher)
        except InputProblem as exc:
            errors.append(InputError(feed_url, exc.reason))
            continue
        if feed.not_modified:
            notes.append(f"{feed_url}: feed not modified since the last poll")
            continue
        new = _new_entries(feed.entries, seen)
        docs, errs, nts = fetch_documents([entry.link for entry in new], fetcher=fetcher)
        if isinstance(seen, set):
            seen.update(entry.link for entry in new)
        by_link = {entry.link: entry for entry in new}
        documents.extend(_with_entry(doc, by_link[doc.source]) for doc in docs)
        errors.extend(errs)
        notes.extend(nts)
    return documents, errors, notes


def _new_entries(entries: Sequence[FeedEntry], seen: Seen) -> list[FeedEntry]:
    is_seen = seen if callable(seen) else seen.__contains__
    fresh: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry.link not in fresh and not is_seen(entry.link):
            fresh[entry.link] = entry  # a link listed twice is fetched once
    return list(fresh.values())


def _with_entry(document: Document, entry: FeedEntry) -> Document:
    """The page's own metadata wins; the feed fills what the page left out."""
    return dataclasses.replace(
        document, title=document.title or entry.title, published=document.published or entry.published
    )


def watch_feeds(
    feed_urls: Sequence[str],
    *,
    on_documents: Callable[[list[Document]], None],
    options: FetchOptions | None = None,
    seen: Seen | None = None,
    once: bool = False,
    interval: float = DEFAULT_INTERVAL,
    on_errors: Callable[[list[InputError]], None] | None = None,
    on_notes: Callable[[list[str]], None] | None = None,
) -> None:
    """Poll ``feed_urls`` every ``interval`` seconds (one pass with ``once``) and hand on new documents.

    Callbacks are called only with non-empty lists; errors not handled by ``on_errors`` are logged.
    Ctrl-C ends the watch cleanly, between two requests or during the wait.
    """
    if interval <= 0:
        raise ValueError("interval must be positive")
    handled = seen if seen is not None else set()
    with Fetcher(options) as fetcher:
        try:
            while True:
                documents, errors, notes = poll_feeds(feed_urls, fetcher=fetcher, seen=handled)
                _deliver(documents, errors, notes, on_documents, on_errors, on_notes)
                if once:
                    return
                fetcher.options.clock.sleep(interval)
        except KeyboardInterrupt:
            _log.info("feed watch interrupted")


def _deliver(
    documents: list[Document],
    errors: list[InputError],
    notes: list[str],
    on_documents: Callable[[list[Document]], None],
    on_errors: Callable[[list[InputError]], None] | None,
    on_notes: Callable[[list[str]], None] | None,
) -> None:
    if documents:
        on_documents(documents)
    if errors and on_errors is not None:
        on_errors(errors)
    for error in errors if on_errors is None else ():
        _log.warning("%s: %s", error.source, error.reason)
    if notes and on_notes is not None:
        on_notes(notes)
