"""Stories: articles grouped by the real-world event they report, with copies recognised.

``cluster`` is the batch entry point: event profiles (``profile``) and MiniLM lead vectors, a learned
same-event probability for every pair (``same_event``), average-linkage grouping (``batch``), then
near-duplicates (``parallax.duplicates``) pulled into their original's story: a copy reports the event
its original reports, whatever its wording. ``incremental`` assigns articles one by one to the stories
of a store.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from parallax.duplicates import find_duplicates
from parallax.embed import Embedder, default_embedder
from parallax.model import Article, Duplicate
from parallax.stories.batch import group_profiles
from parallax.stories.profile import CALENDAR_WORDS, NAME, EventProfile, inverse_frequency, profile
from parallax.stories.same_event import SameEventModel, default_model

KEY_ENTITIES = 5
LABEL_CHARS = 90


@dataclass(frozen=True)
class StoryGroup:
    """One event's articles, with what a reader needs to recognise it. ``doubted_dates`` names the
    articles whose publication date their own text contradicts (``EventProfile.text_days``: a crawl or
    archive date); the story's span of dates leaves those dates out when it has others."""

    id: str
    label: str
    articles: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    key_entities: tuple[str, ...]
    doubted_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clustering:
    stories: tuple[StoryGroup, ...]
    duplicates: tuple[Duplicate, ...]


def story_id(article_ids: Sequence[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()
    return f"s-{digest[:12]}"


def lead_vectors(profiles: Sequence[EventProfile], embedder: Embedder | None = None) -> NDArray[np.float32]:
    if not profiles:
        return np.zeros((0, 384), np.float32)
    return (embedder or default_embedder()).embed([p.lead for p in profiles])


def cluster(
    articles: Sequence[Article], embedder: Embedder | None = None, model: SameEventModel | None = None
) -> Clustering:
    """Group cleaned articles into stories; stories come in order of their first article."""
    profiles = [profile(a) for a in articles]
    groups = group_profiles(profiles, lead_vectors(profiles, embedder), model or default_model())
    duplicates = find_duplicates(articles)
    groups = _with_copies_beside_originals(groups, [a.id for a in articles], duplicates)
    doubted = {p.article for p in profiles if p.text_days}
    return Clustering(tuple(describe([articles[i] for i in g], doubted) for g in groups), tuple(duplicates))


def _with_copies_beside_originals(
    groups: list[list[int]], ids: Sequence[str], duplicates: Sequence[Duplicate]
) -> list[list[int]]:
    index = {article: i for i, article in enumerate(ids)}
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    for duplicate in duplicates:
        group_of[index[duplicate.article]] = group_of[index[duplicate.original]]
    regrouped: dict[int, list[int]] = {}
    for i in range(len(ids)):
        regrouped.setdefault(group_of[i], []).append(i)
    return sorted(regrouped.values(), key=lambda g: g[0])


def describe(members: Sequence[Article], doubted: Collection[str] = ()) -> StoryGroup:
    """A story record: id from its members, a label from a title, the span of dates, key names.

    The span leaves out the ``doubted`` articles' dates (their text contradicts them) unless no other
    member is dated: RT's report of a gorilla shot in May 2016, stamped November 2017, does not stretch
    its story over a year and a half."""
    doubts = tuple(a.id for a in members if a.id in doubted and a.published)
    trusted = [a.published for a in members if a.id not in doubted and a.published]
    first, last = date_span(trusted or [a.published for a in members])
    return StoryGroup(
        story_id([a.id for a in members]),
        story_label(members),
        tuple(a.id for a in members),
        first,
        last,
        key_entities(members),
        doubts,
    )


def date_span(dates: Iterable[str | None]) -> tuple[str | None, str | None]:
    """The first and last day among ISO dates or timestamps; unknown ones are skipped."""
    days = [d[:10] for d in dates if d]
    return min(days, default=None), max(days, default=None)


def story_label(members: Sequence[Article]) -> str:
    """The earliest article's title (else its first sentence), cut at a word near LABEL_CHARS."""
    ordered = sorted(members, key=lambda a: (a.published is None, a.published or ""))
    for article in ordered:
        text = (article.title or "").strip()
        if text:
            return _shorten(text)
    first = re.split(r"(?<=[.!?])\s", ordered[0].body.strip(), maxsplit=1)[0] if ordered else ""
    return _shorten(first)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LABEL_CHARS:
        return text
    return text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def key_entities(members: Sequence[Article]) -> tuple[str, ...]:
    """The names most of the story's articles use in their title or lead, rare words first among ties."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for article in members:
        lead = f"{article.title or ''}\n{article.body[:1500]}"
        seen = set()
        for match in NAME.finditer(lead):
            name = re.sub(r"['’]s$", "", match.group(0).strip())
            key = name.casefold()
            words = key.split()
            if key in seen or any(w in CALENDAR_WORDS for w in words):
                continue
            if all(inverse_frequency(w) >= 3.0 for w in words):
                seen.add(key)
                counts[key] += 1
                spelling.setdefault(key, name)
    ranked = sorted(counts, key=lambda k: (-counts[k], -len(k.split()), k))
    return tuple(spelling[k] for k in ranked[:KEY_ENTITIES])
