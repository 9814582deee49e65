"""JSON Lines inputs: one article per line, each an object with ``text`` or ``html`` plus metadata."""

from __future__ import annotations

import json
from typing import Any

from parallax.ingest.text import metadata
from parallax.model import Document, InputError


def jsonl_documents(path: str, text: str) -> tuple[list[Document], list[InputError]]:
    """Read every line on its own so one bad line costs that line only. Sources are ``path#N``."""
    documents: list[Document] = []
    errors: list[InputError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{path}#{number}"
        try:
            documents.append(_line_document(source, line))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError too
            errors.append(InputError(source, str(exc)))
    return documents, errors


def _line_document(source: str, line: str) -> Document:
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    meta = metadata(obj, "JSON line")
    body, is_html = _body(obj)
    return Document(source=source, text=body, is_html=is_html, **meta)


# Plain text first (already extracted), under the names common dumps use (news-please: ``maintext``).
BODY_KEYS = (("text", False), ("maintext", False), ("body", False), ("content", False), ("html", True))


def _body(obj: dict[str, Any]) -> tuple[str, bool]:
    """The first non-empty string of BODY_KEYS; a present key of another type is an error."""
    for key, is_html in BODY_KEYS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string, not {type(value).__name__}")
        if "\x00" in value:
            raise ValueError(f"{key!r} holds binary data")
        if value.strip():
            return value, is_html
    raise ValueError('needs a non-empty "text" or "html" string (or "maintext", "body", "content")')
