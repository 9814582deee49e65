"""HTML inputs: kept raw; the clean stage extracts body and metadata with trafilatura."""

from __future__ import annotations

import re

from parallax.model import Document

HTML_EXTENSIONS = (".html", ".htm")

_HTML_START = re.compile(r"\s*<(?:!doctype|html|head|body|!--|\?xml|[a-z])", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Sniff markup for unnamed input (stdin): it starts with a tag after whitespace."""
    return _HTML_START.match(text[:1024]) is not None


def html_document(source: str, text: str) -> Document:
    return Document(source=source, text=text, is_html=True)
