"""The embedded store: articles, vectors, features, stories, duplicates and cached stage outputs.

``open_store(path)`` gives a ``SqliteStore``; code that only needs storage should depend on the
``StoryRepository`` protocol so that another backend (PostgreSQL) can stand in. See docs/store.md.
"""

from parallax.store.base import StoryRepository
from parallax.store.migrations import MigrationError
from parallax.store.records import Duplicate, SearchHit, StoryRecord, Vector, member_digest
from parallax.store.sqlite import SqliteStore, fts_query, open_store

__all__ = [
    "Duplicate",
    "MigrationError",
    "SearchHit",
    "SqliteStore",
    "StoryRecord",
    "StoryRepository",
    "Vector",
    "fts_query",
    "member_digest",
    "open_store",
]
