"""Ingest: turn paths (files, directories, ``-`` for stdin) into Documents, reporting bad inputs.

Bad input never stops a batch: each unreadable file (missing, empty, binary, not UTF-8, larger than
MAX_INPUT_BYTES, invalid front matter) and each bad JSON line becomes one InputError and the rest
proceed.
"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import BinaryIO, TextIO

from parallax.errors import InputProblem
from parallax.ingest.html import HTML_EXTENSIONS, html_document, looks_like_html
from parallax.ingest.jsonl import jsonl_documents
from parallax.ingest.text import check_text, decode_bytes, normalise_published, text_document
from parallax.model import Document, InputError

__all__ = ["DIRECTORY_EXTENSIONS", "MAX_INPUT_BYTES", "STDIN_SOURCE", "read_inputs"]

MAX_INPUT_BYTES = 5_000_000
"""Largest input file (or stdin) read, in bytes: 5 MB is far above any news article, HTML included,
and keeps one stray dump from swamping memory and the later stages. Checked before reading."""

DIRECTORY_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl")
"""The files a directory contributes; anything else in it (images, notes) is ignored silently."""

STDIN_SOURCE = "<stdin>"

Read = tuple[list[Document], list[InputError]]
_Reader = Callable[[], Read]


def read_inputs(
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> tuple[list[Document], list[InputError]]:
    """Read every input; ``outlet``/``published`` override metadata but only for a single document.

    Raises ValueError (a usage error, not an input problem) when ``outlet`` or ``published`` is given
    and several documents result, or when ``published`` is not an ISO date.
    """
    published = normalise_published(published) if published is not None else None
    documents: list[Document] = []
    errors: list[InputError] = []
    for path in paths:
        docs, errs = _read_path(path, stdin)
        documents.extend(docs)
        errors.extend(errs)
    return _apply_overrides(documents, outlet, published), errors


def _apply_overrides(documents: list[Document], outlet: str | None, published: str | None) -> list[Document]:
    if outlet is None and published is None:
        return documents
    if len(documents) > 1:
        raise ValueError("--outlet/--published apply to a single input")
    # Explicit flags win over front matter: the user typed them for this very run.
    return [
        dataclasses.replace(doc, outlet=outlet or doc.outlet, published=published or doc.published)
        for doc in documents
    ]


def _read_path(path: str, stdin: TextIO | BinaryIO | None) -> Read:
    if path == "-":
        return _guard(STDIN_SOURCE, partial(_read_stdin, stdin))
    if os.path.isdir(path):
        files = list(_walk(path))
        if not files:
            reason = "no " + " ".join(DIRECTORY_EXTENSIONS) + " files in directory"
            return [], [InputError(path, reason)]
        documents: list[Document] = []
        errors: list[InputError] = []
        for file in files:
            docs, errs = _guard(file, partial(_read_file, file))
            documents.extend(docs)
            errors.extend(errs)
        return documents, errors
    return _guard(path, partial(_read_file, path))


def _guard(source: str, read: _Reader) -> Read:
    """Run one reader, turning its InputProblem into an InputError for that source."""
    try:
        return read()
    except InputProblem as exc:
        return [], [InputError(exc.source, exc.reason)]
    except OSError as exc:
        return [], [InputError(source, exc.strerror or str(exc))]


def _walk(root: str) -> Iterator[str]:
    """Files under ``root`` with a known extension, sorted, skipping hidden entries and READMEs."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # prune hidden dirs (.git)
        for name in filenames:
            if _wanted(name):
                found.append(os.path.join(dirpath, name))
    yield from sorted(found)


def _wanted(name: str) -> bool:
    lower = name.lower()
    return not name.startswith(".") and lower != "readme.md" and lower.endswith(DIRECTORY_EXTENSIONS)


def _read_file(path: str) -> Read:
    if not os.path.exists(path):
        raise InputProblem(path, "no such file or directory")
    size = os.path.getsize(path)
    if size > MAX_INPUT_BYTES:
        raise InputProblem(path, f"too large: {size} bytes (limit {MAX_INPUT_BYTES})")
    with open(path, "rb") as fh:
        text = decode_bytes(path, fh.read(MAX_INPUT_BYTES + 1))
    return _parse(path, text, path.lower())


def _parse(source: str, text: str, name: str) -> Read:
    """Dispatch on the name's extension; anything not HTML or JSON Lines is plain text."""
    if name.endswith(".jsonl"):
        return jsonl_documents(source, text)
    if name.endswith(HTML_EXTENSIONS):
        return [html_document(source, text)], []
    return [text_document(source, text)], []


def _read_stdin(stdin: TextIO | BinaryIO | None) -> Read:
    stream = stdin if stdin is not None else sys.stdin
    if isinstance(stream, io.TextIOWrapper):
        stream = stream.buffer  # read bytes, so binary and non-UTF-8 input get the same checks as files
    data = stream.read(MAX_INPUT_BYTES + 1)  # one byte over the limit is enough to know
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_INPUT_BYTES:
        raise InputProblem(STDIN_SOURCE, f"too large: over {MAX_INPUT_BYTES} bytes")
    # Bytes get the full check (binary, UTF-8); a text stream has been decoded already.
    text = decode_bytes(STDIN_SOURCE, raw) if isinstance(data, bytes) else check_text(STDIN_SOURCE, data)
    if looks_like_html(text):
        return [html_document(STDIN_SOURCE, text)], []
    return [text_document(STDIN_SOURCE, text)], []
