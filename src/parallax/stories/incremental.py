"""Incremental story assignment over a store: each new article joins, founds or merges stories.

Per article: its profile and lead vector; the nearest story centroids from an approximate-nearest-
neighbour index (usearch HNSW, O(log n) a query); the same-event probability against up to
``MEMBERS`` recent members of each candidate story (the batch model, so both modes judge a pair
alike); the article joins the story with the highest mean probability if it clears the model's
threshold (average linkage, as in batch), and any other candidate that clears it too is merged in:
the new article is the evidence that they report one event. Otherwise it founds a story.

Memory per article is one index slot per story and nothing per article: profiles, vectors and
membership live in the store; a bounded cache keeps the profiles of recently touched stories.
Story ids are fixed at founding (``s-`` + the first article's id), so links to a story stay valid as
it grows; a merge keeps the larger story's id.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from parallax.duplicates import find_duplicates
from parallax.embed import Embedder, default_embedder
from parallax.model import Article
from parallax.store import StoryRecord, StoryRepository
from parallax.stories import key_entities, story_label
from parallax.stories.profile import EventProfile, profile
from parallax.stories.same_event import PairSpace, SameEventModel, default_model

CANDIDATES = 8  # nearest story centroids examined
MEMBERS = 6  # most recent members of a candidate story compared with the article
FEATURES_VERSION = 1
PROFILE_CACHE = 20_000
VECTOR_MODEL = "all-MiniLM-L6-v2/lead"


@dataclass(frozen=True)
class Assignment:
    article: str
    story: str
    founded: bool
    merged: tuple[str, ...] = ()
    probability: float = 0.0


class StoryIndex:
    """The stories of one store, kept in an ANN index of their centroids."""

    def __init__(
        self, store: StoryRepository, embedder: Embedder | None = None, model: SameEventModel | None = None
    ) -> None:
        from usearch.index import Index

        self.store = store
        self.embedder = embedder
        self.model = model or default_model()
        self.index = Index(ndim=384, metric="cos", dtype="f32")
        self.keys: dict[str, int] = {}
        self.ids: dict[int, str] = {}
        self.centroids: dict[str, NDArray[np.float32]] = {}
        self.profiles: OrderedDict[str, EventProfile] = OrderedDict()
        self._load()

    def _load(self) -> None:
        offset = 0
        while page := self.store.stories(limit=1000, offset=offset):
            for story in page:
                if story.centroid is not None:
                    self._index(story.id, story.centroid)
            offset += len(page)

    def _index(self, story: str, centroid: NDArray[np.float32]) -> None:
        key = self.keys.get(story)
        if key is None:
            key = len(self.keys) + 1
            self.keys[story], self.ids[key] = key, story
        elif key in self.index:
            self.index.remove(key)
        self.index.add(key, np.asarray(centroid, dtype=np.float32))
        self.centroids[story] = np.asarray(centroid, dtype=np.float32)

    def add(self, articles: Sequence[Article]) -> list[Assignment]:
        """Store the articles and assign each that has no story yet; stored, assigned ones are skipped."""
        unique = {a.id: a for a in articles}  # the same text twice in one batch is one article
        fresh = [a for a in unique.values() if self.store.story_of(a.id) is None]
        fresh.sort(key=lambda a: (a.published is None, a.published or ""))
        profiles = [profile(a) for a in fresh]
        if not fresh:
            return []
        leads = (self.embedder or default_embedder()).embed([p.lead for p in profiles])
        assignments = []
        for i, article in enumerate(fresh):
            with self.store.transaction():
                self.store.add_articles([article])
                self.store.put_vectors(VECTOR_MODEL, [article.id], leads[i : i + 1])
                self.store.put_features(FEATURES_VERSION, {article.id: profiles[i].to_dict()})
                assignment = self._assign(article, profiles[i], leads[i])
                self._record_copies(article, assignment.story)
                assignments.append(assignment)
        return assignments

    def _record_copies(self, article: Article, story: str) -> None:
        """Copies among the article and its story's recent members, each linked to its original."""
        recent = [m for m in self.store.members(story)[-MEMBERS - 1 :] if m != article.id]
        others = [a for a in (self.store.get_article(m) for m in recent) if a is not None]
        found = [d for d in find_duplicates([*others, article]) if article.id in (d.article, d.original)]
        if found:
            self.store.put_duplicates([(d.article, d.original, d.kind, d.score) for d in found])

    def _assign(self, article: Article, prof: EventProfile, lead: NDArray[np.float32]) -> Assignment:
        self._remember(prof)
        scores = self._story_scores(prof, lead)
        joined = [s for s, p in scores if p >= self.model.threshold]
        if not joined:
            story = f"s-{article.id[:12]}"
            self._save(story, [article.id], [article], lead[None, :])
            return Assignment(article.id, story, founded=True)
        best, others = self._largest_first(joined)
        members = [m for s in [best, *others] for m in self.store.members(s)]
        for other in others:
            self.store.delete_story(other)
        self._save(best, [*members, article.id], [article], lead[None, :], merged=others)
        return Assignment(article.id, best, False, tuple(others), max(p for _, p in scores))

    def _largest_first(self, stories: list[str]) -> tuple[str, list[str]]:
        ranked = sorted(stories, key=lambda s: -len(self.store.members(s)))
        return ranked[0], ranked[1:]

    def _story_scores(self, prof: EventProfile, lead: NDArray[np.float32]) -> list[tuple[str, float]]:
        """Mean same-event probability against each nearby story's recent members, best first."""
        if len(self.index) == 0:
            return []
        matches = self.index.search(lead, min(CANDIDATES, len(self.index)))
        stories = list(dict.fromkeys(self.ids[int(k)] for k in matches.keys))
        members = {s: self.store.members(s)[-MEMBERS:] for s in stories}
        flat = [m for s in stories for m in members[s]]
        others = self._profiles(flat)
        space = PairSpace([prof, *others], np.concatenate([lead[None, :], self.store.get_vectors(flat)]))
        row = self.model.probability(space.features(np.array([0]), np.arange(1, len(flat) + 1)))[0]
        scores, offset = [], 0
        for story in stories:
            n = len(members[story])
            scores.append((story, float(row[offset : offset + n].mean())))
            offset += n
        return sorted(scores, key=lambda sp: -sp[1])

    def _profiles(self, ids: Sequence[str]) -> list[EventProfile]:
        missing = [i for i in ids if i not in self.profiles]
        if missing:
            for article, data in self.store.get_features(missing, FEATURES_VERSION).items():
                self._remember(EventProfile.from_dict(article, data))
        return [self.profiles[i] for i in ids]

    def _remember(self, prof: EventProfile) -> None:
        self.profiles[prof.article] = prof
        self.profiles.move_to_end(prof.article)
        while len(self.profiles) > PROFILE_CACHE:
            self.profiles.popitem(last=False)

    def _save(
        self,
        story: str,
        members: list[str],
        new: list[Article],
        new_leads: NDArray[np.float32],
        merged: Sequence[str] = (),
    ) -> None:
        """Write the story with its new members; its centroid is the sum of member lead vectors."""
        old = self.store.get_story(story)
        centroid = new_leads.sum(axis=0)
        for source in [story, *merged]:
            if source in self.centroids:
                centroid = centroid + self.centroids.pop(source)
            if source != story and source in self.keys:
                self.index.remove(self.keys[source])
        known = [old.first_published, old.last_published] if old else []
        dates = [d for d in known if d] + [a.published[:10] for a in new if a.published]
        label = old.label if old and old.label else story_label(new)
        names = old.key_entities if old and old.key_entities else key_entities(new)
        record = StoryRecord(
            story, label, tuple(members), min(dates, default=None), max(dates, default=None), names, centroid
        )
        self.store.save_story(record)
        self._index(story, centroid)
