"""The store: articles, vectors, features, stories, duplicates and cached stage outputs.

``open_store(path)`` gives a ``SqliteStore``, ``open_store("postgresql://…")`` a ``PostgresStore`` (the
``postgres`` extra); code that only needs storage should depend on the ``StoryRepository`` protocol so
that either backend can stand in. See docs/store.md.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.store import sqlite
from parallax.store.base import StoryRepository
from parallax.store.migrations import MigrationError
from parallax.store.records import Duplicate, SearchHit, StoryHead, StoryRecord, Vector, member_digest
from parallax.store.sqlite import SqliteStore, fts_query

if TYPE_CHECKING:
    from parallax.store.postgres import PostgresStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")

__all__ = [
    "Duplicate",
    "MigrationError",
    "SearchHit",
    "SqliteStore",
    "StoryHead",
    "StoryRecord",
    "StoryRepository",
    "Vector",
    "fts_query",
    "member_digest",
    "open_store",
]


def open_store(
    path_or_url: str | Path,
    *,
    migrations_dir: Traversable | Path | None = None,
    busy_timeout_ms: int = sqlite.DEFAULT_BUSY_TIMEOUT_MS,
) -> SqliteStore | PostgresStore:
    """The store at ``path_or_url``, migrated to the newest schema: a ``postgresql://`` URL opens a
    ``PostgresStore`` (psycopg is imported only then; ``busy_timeout_ms`` becomes its lock timeout), any
    other path a ``SqliteStore`` (``":memory:"``: a private in-memory one)."""
    if isinstance(path_or_url, str) and path_or_url.startswith(POSTGRES_SCHEMES):
        from parallax.store.postgres import PostgresStore

        return PostgresStore(path_or_url, migrations_dir=migrations_dir, lock_timeout_ms=busy_timeout_ms)
    return sqlite.open_store(path_or_url, migrations_dir=migrations_dir, busy_timeout_ms=busy_timeout_ms)
