"""Records that the store returns besides ``parallax.model.Article``: stories, search hits, duplicates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class StoryRecord:
    """A story as stored: its member article ids in order, its time span and a centroid for clustering.

    ``centroid`` is left out of equality and hashing: numpy arrays compare element-wise.
    """

    id: str
    label: str | None
    articles: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    key_entities: tuple[str, ...] = ()
    centroid: Vector | None = field(default=None, compare=False)

    @property
    def size(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class StoryHead:
    """A story without its whole membership: its size, time span, centroid and last few members.

    What a stream's assigner needs of every story when it starts; reading only the tail keeps that
    cost per story, not per article, however large stories grow."""

    id: str
    size: int
    recent: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    centroid: Vector | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SearchHit:
    """One full-text match. ``rank`` is SQLite's bm25 score: lower (more negative) is a better match.

    ``snippet`` marks matched terms with the markers passed to ``search`` (``[`` and ``]`` by default);
    it is plain text from the article, so HTML renderers must escape it.
    """

    article_id: str
    snippet: str
    rank: float


class Duplicate(NamedTuple):
    """``article`` repeats ``original``; ``kind`` says how (e.g. "exact", "near"), ``score`` in [0, 1].

    ``evidence`` is the reason in words (a source credit, containment, the earlier date); empty for rows
    written before the store kept it.
    """

    article: str
    original: str
    kind: str
    score: float
    evidence: str = ""


# What ``put_duplicates`` accepts: a record, or its fields as a tuple with or without ``evidence``.
DuplicateRow = Duplicate | tuple[str, str, str, float] | tuple[str, str, str, float, str]


def member_digest(article_ids: Iterable[str]) -> str:
    """A short hash of a set of article ids, for ``stage_outputs`` versions that change with membership."""
    joined = "\n".join(sorted(set(article_ids)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
