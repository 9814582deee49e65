"""The repository interface that every store backend implements (SQLite now, PostgreSQL later).

Callers that only need storage should type against ``StoryRepository``, not a backend class.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

import numpy.typing as npt

from parallax.model import Article
from parallax.store.records import Duplicate, SearchHit, StoryRecord, Vector


@runtime_checkable
class StoryRepository(Protocol):
    """Articles, their vectors and features, stories, duplicates and a cache of stage outputs.

    Every public write is one transaction; ``transaction()`` groups several writes into one.
    """

    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...

    # articles
    def add_articles(self, articles: Sequence[Article]) -> list[bool]: ...

    def has_article(self, article_id: str) -> bool: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def article_ids(self) -> list[str]: ...

    def count_articles(self) -> int: ...

    def iter_articles(self, batch: int = 256) -> Iterator[Article]: ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    # vectors and features
    def put_vectors(self, model: str, ids: Sequence[str], matrix: npt.ArrayLike) -> None: ...

    def get_vectors(self, ids: Sequence[str], model: str | None = None) -> Vector: ...

    def put_features(self, version: int, features: Mapping[str, Mapping[str, Any]]) -> None: ...

    def get_features(self, ids: Sequence[str], version: int | None = None) -> dict[str, dict[str, Any]]: ...

    # stories
    def save_story(self, story: StoryRecord) -> None: ...

    def append_to_story(
        self,
        story_id: str,
        added: Sequence[str],
        *,
        first_published: str | None,
        last_published: str | None,
        centroid: npt.ArrayLike | None,
    ) -> None: ...

    def delete_story(self, story_id: str) -> bool: ...

    def get_story(self, story_id: str) -> StoryRecord | None: ...

    def stories(self, limit: int = 50, offset: int = 0) -> list[StoryRecord]: ...

    def story_of(self, article_id: str) -> str | None: ...

    def members(self, story_id: str) -> list[str]: ...

    def count_stories(self) -> int: ...

    # duplicates and the stage cache
    def put_duplicates(self, duplicates: Sequence[Duplicate | tuple[str, str, str, float]]) -> None: ...

    def duplicates(self) -> list[Duplicate]: ...

    def get_output(self, subject: str, stage: str, version: str) -> dict[str, Any] | None: ...

    def has_output(self, subject: str, stage: str, version: str) -> bool: ...

    def put_output(self, subject: str, stage: str, version: str, payload: Mapping[str, Any]) -> None: ...
