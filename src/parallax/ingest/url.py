"""Web pages as Documents: fetched through the safe Fetcher, kept as HTML, checked to hold an article.

Each bad URL (refused, unreachable, HTTP error, not HTML or text, no article text, too large) becomes one
InputError and the rest of the batch goes on; a page unchanged since the last fetch (HTTP 304) becomes a
note, not an error.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Sequence

import httpx

from parallax.clean import clean, host_outlet
from parallax.errors import InputProblem
from parallax.ingest.fetch import Fetched, Fetcher, FetchError, FetchOptions
from parallax.ingest.html import html_document, looks_like_html
from parallax.ingest.text import check_text, text_document
from parallax.model import Document, InputError

__all__ = ["PAGE_ACCEPT", "fetch_document", "fetch_documents", "page_document"]

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)


def fetch_documents(
    urls: Sequence[str], *, options: FetchOptions | None = None, fetcher: Fetcher | None = None
) -> tuple[list[Document], list[InputError], list[str]]:
    """(documents, errors, notes) for ``urls``; a ``fetcher`` passed in keeps its per-host state."""
    if fetcher is None:
        with Fetcher(options) as own:
            return fetch_documents(urls, fetcher=own)
    documents: list[Document] = []
    errors: list[InputError] = []
    notes: list[str] = []
    for url in urls:
        try:
            document = fetch_document(url, fetcher)
        except InputProblem as exc:
            errors.append(InputError(url, exc.reason))
            continue
        if document is None:
            notes.append(f"{url}: not modified since the last fetch")
        else:
            documents.append(document)
    return documents, errors, notes


def fetch_document(url: str, fetcher: Fetcher) -> Document | None:
    """The page at ``url`` as a Document, None when not modified; InputProblem when it is not usable."""
    fetched = fetcher.fetch(url, accept=PAGE_ACCEPT)
    if fetched.not_modified:
        return None
    document = page_document(url, fetched)
    fetcher.remember(fetched)  # only once the page proved usable, so a bad one is fetched in full again
    return document


def page_document(url: str, fetched: Fetched) -> Document:
    """A Document from a fetched page: source is the URL asked for, url the one the page came from."""
    document = _parse(url, fetched.content_type, decode_body(url, fetched))
    document = dataclasses.replace(document, url=fetched.final_url)
    # The clean stage decides what counts as article text; asking it now turns a page without one into
    # an error here, and gives the metadata (title, site name, date, author) trafilatura finds.
    article = clean(document)
    return dataclasses.replace(
        document,
        title=article.title,
        outlet=_outlet(article.outlet, fetched.final_url),
        published=article.published,
        author=article.author,
        language=article.language,
    )


def decode_body(url: str, fetched: Fetched) -> str:
    """The body as text: the charset the server names, else a ``<meta charset>``, else UTF-8."""
    body = fetched.body
    if b"\x00" in body[:65536]:
        raise InputProblem(url, "binary content, not text")
    return check_text(url, body.decode(_charset(fetched), "replace"))


def _charset(fetched: Fetched) -> str:
    match = _META_CHARSET.search(fetched.body[:4096])
    for name in (fetched.charset, match.group(1).decode("ascii") if match else None):
        if name and _known_codec(name):
            return name
    return "utf-8"


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _parse(url: str, content_type: str, text: str) -> Document:
    if content_type in _HTML_TYPES or (content_type in ("", "text/plain") and looks_like_html(text)):
        return html_document(url, text)
    if content_type in ("", "text/plain"):
        return text_document(url, text)
    raise FetchError(url, f"not an HTML or text page ({content_type})")


def _outlet(named: str | None, url: str) -> str | None:
    """The site name the page gives, else the host without ``www.``."""
    parsed = httpx.URL(url)
    host = host_outlet(url)
    # trafilatura names a site that names itself nowhere after its URL, port included; a port is no outlet.
    if named is None or named == f"{parsed.host.removeprefix('www.')}:{parsed.port}":
        return host
    return named
