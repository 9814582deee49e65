"""Plain-text inputs: byte checks, decoding, YAML front matter and metadata normalisation."""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import Any

import yaml

from parallax.errors import InputProblem
from parallax.model import Document

METADATA_KEYS = ("title", "outlet", "url", "published", "author", "language", "country")
# What common news dumps call our keys (news-please, NewsAPI, feed exports, scrapers). Used only when the key
# itself is absent, and only when the value has a usable type: a dump's other fields must not fail its lines.
METADATA_ALIASES = {
    "outlet": ("source", "source_name", "publisher", "site_name", "sitename", "source_domain"),
    "published": ("date_publish", "published_at", "publishedAt", "datePublished", "pubDate", "date"),
    "url": ("link",),
    "author": ("byline",),
}

# Bytes that never appear in text: C0 controls other than tab, LF, FF, CR, plus DEL.
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}
# A few stray controls happen in scraped text; this many means the file is not text.
_MAX_CONTROL_RATIO = 0.05


def decode_bytes(source: str, data: bytes) -> str:
    """Turn raw input bytes into text, raising InputProblem for empty, binary or non-UTF-8 input."""
    if not data.strip():
        raise InputProblem(source, "empty input")
    if b"\x00" in data or _control_ratio(data) > _MAX_CONTROL_RATIO:
        raise InputProblem(source, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputProblem(source, f"not UTF-8 text (bad byte at offset {exc.start})") from None
    return check_text(source, text)


def check_text(source: str, text: str) -> str:
    """Reject text that is empty once whitespace is ignored, or looks binary (NUL in a text stream)."""
    if "\x00" in text:
        raise InputProblem(source, "binary file, not text")
    if not text.strip():
        raise InputProblem(source, "empty input")
    return text


def _control_ratio(data: bytes) -> float:
    sample = data[:65536]  # a sample is enough to tell binary from text, and stays cheap
    return sum(1 for b in sample if b in _CONTROL_BYTES) / len(sample)


def normalise_published(value: object) -> str:
    """An ISO 8601 string for a date, datetime or ISO string; ValueError for anything else."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date, not {type(value).__name__}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:  # feeds and mail-like dumps write RFC 2822: "Thu, 09 Nov 2023 10:00:00 +0900"
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"published must be an ISO date or datetime, not {text!r}") from None


def metadata(mapping: dict[str, Any], where: str) -> dict[str, str | None]:
    """The known metadata keys of a front matter or JSON object, type-checked; unknown keys are ignored.

    A key that is absent may be given under one of its METADATA_ALIASES (``source``, ``date_publish``…);
    an alias whose value does not fit is skipped rather than failing the article.
    ``where`` names the container in error messages ("front matter", "line 3").
    """
    out: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        value = mapping.get(key)
        if value is None:
            value = _alias_value(mapping, key)
        if value is None:
            continue
        if key == "published":
            out[key] = normalise_published(value)
        elif isinstance(value, str):
            out[key] = value.strip() or None
        elif isinstance(value, int | float) and not isinstance(value, bool):
            # YAML reads `title: 1984` as a number; the author meant the text.
            out[key] = str(value)
        else:
            raise ValueError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    return out


def _alias_value(mapping: dict[str, Any], key: str) -> str | None:
    for alias in METADATA_ALIASES.get(key, ()):
        value = mapping.get(alias)
        if isinstance(value, dict):  # NewsAPI: "source": {"id": "bbc-news", "name": "BBC News"}
            value = value.get("name")
        if key == "published" and value is not None:
            try:  # YAML reads `date: 2023-11-09` as a date; an epoch number or free text is skipped
                return normalise_published(value)
            except ValueError:
                continue
        if isinstance(value, str) and value.strip():
            return value
    return None


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter source or None, body). Front matter sits between two ``---`` lines at the very top."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :])
    return None, text  # an opening rule with no closing one is just text


def parse_front_matter(source: str, raw: str) -> dict[str, str | None]:
    """Parse YAML front matter into metadata; InputProblem when it is not a valid YAML mapping."""
    try:
        loaded = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise InputProblem(source, f"invalid YAML front matter: {_first_line(exc)}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputProblem(source, "front matter is not a YAML mapping of key: value")
    try:
        return metadata({str(k): v for k, v in loaded.items()}, "front matter")
    except ValueError as exc:
        raise InputProblem(source, str(exc)) from None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0]


def text_document(source: str, text: str) -> Document:
    """A Document from plain text with optional front matter; the body must not be empty."""
    raw, body = split_front_matter(text)
    meta = parse_front_matter(source, raw) if raw is not None else {}
    if not body.strip():
        raise InputProblem(source, "no text after the front matter")
    return Document(source=source, text=body, is_html=False, **meta)
