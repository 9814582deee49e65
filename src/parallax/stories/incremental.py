"""Incremental story assignment over a store: each new article joins, founds or merges stories.

Per article: its profile and lead vector; the nearest story centroids from an approximate-nearest-
neighbour index (usearch HNSW, O(log n) a query); the same-event log-odds against up to
``MEMBERS`` recent members of each candidate story (the batch model, so both modes judge a pair
alike); the article joins the story with the highest mean log-odds if it clears the model's
threshold (average linkage, as in batch, which joins the closest group first), and any other candidate
that clears it too and links with that story on average is merged in: the new article is the evidence
that they report one event (the larger story keeps its id). Otherwise it founds a story.

Time decay: a story's cosine is ranked by ``exp(-days / tau)``, the days between the article and the
story's span (no decay when either is undated), among the nearest ``WIDER * CANDIDATES`` centroids,
and a story whose newest article falls more than ``horizon`` days behind the newest article seen
leaves the in-memory index (``tau`` and ``horizon`` are fitted to the silences of gold events, each
story's gap before it continues, by ``training/fit_story_decay.py``: 10 and 30 days). Such a dormant
story stays in the store, filed under the rare names of its leads (``story_names``): an article whose
lead names one of them (a follow-up months on, a late article) brings back the few dormant stories
filed under those names, at most ``DORMANT``, and judges them as it judges the others. So the active
set holds the stories of the last ``horizon`` days, not of all time, and a new process loads only
those. Undated stories never age and stay active.

Memory is per active story (an index slot, a centroid, the ids of its last few members), not per article:
profiles, vectors and membership live in the store. What an article is scored against, the last
``MEMBERS`` of each active story, is cached as hashed keys and lead vectors (``ProfileKeys``, a few KB a
member), and the cache is swept back to those live members (``_sweep``), so it follows the active set,
which the horizon bounds, and a member is not read and decoded from the store again while its story is
active. Scoring is vectorised over all the members compared (``features_against_keys``). The store
rows an article costs do not grow with its story: it is appended in constant time,
a merge moves only the members of the stories folded in, and opening an index reads each story's last
members, not its membership (``tests/test_stories.py`` counts the rows). Regrouping a story
(``_maybe_split``), at 3, 4, 6, 8, 12, … members (``_regroup_due``), covers the whole story up to
``WINDOW`` members and then its last ``WINDOW`` members every ``WINDOW // 2`` articles, a bounded cost
per article however large the story grows.
Story ids are fixed at founding (``s-`` + the first article's id), so links to a story stay valid as
it grows; a merge keeps the larger story's id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from parallax.duplicates import find_duplicates
from parallax.embed import Embedder, default_embedder
from parallax.model import Article
from parallax.store import StoryHead, StoryRecord, StoryRepository
from parallax.stories import date_span, key_entities, story_label
from parallax.stories.batch import average_linkage
from parallax.stories.decay import Decay, default_decay
from parallax.stories.profile import EventProfile, profile
from parallax.stories.same_event import (
    ArticleNames,
    ProfileKeys,
    ProfileLookup,
    SameEventModel,
    default_model,
    features_against_keys,
    link_logits,
)

CANDIDATES = 8  # nearest story centroids examined
WIDER = 4  # ``WIDER * CANDIDATES`` nearest by cosine are ranked again with the time decay
SPLIT_CHECK_FROM = 3  # story sizes 3, 4, 6, 8, 12, … WINDOW at which the whole story is regrouped
WINDOW = 64  # then its last WINDOW members, every WINDOW // 2 articles: ≤ 2 × WINDOW pairs per article
DORMANT = 2  # dormant stories (past the horizon) brought back by name and examined, at most
LOOKUP_NAMES = 3  # the article's rarest lead names looked up among dormant stories
PER_NAME = 4  # dormant stories read per name (those with the newest articles)
STORY_NAMES = 5  # names a dormant story is filed under
MEMBERS = 12  # most recent members of a candidate story compared with the article
COPY_TERMS = 0.5  # a copy shares most of its weighted terms with its original; below, no copy check
FEATURES_VERSION = 4  # 3: lead terms, names, numbers and weekdays in the profile; 4: lead action words
CACHE_SLACK = 2  # the member cache may grow to this many times the live members before it is swept
CACHE_MIN = 1_000  # members cached at least, so that a small store never sweeps
LOOKUPS = 64  # members' lookup tables kept: the last members of the stories a merge check compares
VECTOR_MODEL = "all-MiniLM-L6-v2/lead"


@dataclass(frozen=True)
class Assignment:
    article: str
    story: str
    founded: bool
    merged: tuple[str, ...] = ()
    probability: float = 0.0


@dataclass
class _StoryState:
    """What assignment needs of a story, kept in memory: a few hundred bytes a story, none an article."""

    recent: list[str]
    size: int
    first: str | None
    last: str | None
    centroid: NDArray[np.float32]
    filed: bool = False  # its names in the store are current (a dormant story brought back, unchanged)
    queued: int | None = None  # the day of ``last`` queued for retirement


def _day(value: str | None) -> int | None:
    """The proleptic ordinal of an ISO date or timestamp's day; None when unknown or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _days_apart(day: int | None, state: _StoryState) -> int | None:
    """Days from a day to a story's span (0 inside it); None when either is undated."""
    first, last = _day(state.first), _day(state.last)
    if day is None or first is None or last is None:
        return None
    return max(0, first - day, day - last)


def _regroup_due(size: int) -> bool:
    """3, 4, 6, 8, 12, 16, … WINDOW (powers of two and three times them: each time the story has grown
    by a third or a half), then every WINDOW // 2 members.

    A story's first members decide what it is: an article of another event that joined it early (above
    the threshold against one or two members, before its own event's articles came) is what batch
    average linkage would have kept apart, so small stories are regrouped often; the cost stays
    bounded, a geometric series of whole-story regroupings up to ``WINDOW``."""
    if size <= WINDOW:
        odd = size // 3 if size % 3 == 0 else size
        return size >= SPLIT_CHECK_FROM and odd & (odd - 1) == 0
    return size % (WINDOW // 2) == 0


def _average_linkage(
    logits: NDArray[np.float64], model: SameEventModel, names: Sequence[ArticleNames] | None = None
) -> list[list[int]]:
    """``batch.group_by_logits`` for the few dozen members of a regrouping, with SciPy's linkage
    (``batch.average_linkage``): the same groups without scikit-learn's fixed cost of ~40 ms a call.
    ``names`` are the members' (``ArticleNames``), read by the model's name veto if it has one."""
    return average_linkage(logits, model.threshold_logit, model.cohesion_margin, names, model.name_veto)


def _probability(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-logit))


class StoryIndex:
    """The stories of one store, kept in an ANN index of their centroids."""

    def __init__(
        self,
        store: StoryRepository,
        embedder: Embedder | None = None,
        model: SameEventModel | None = None,
        decay: Decay | None = None,
    ) -> None:
        from usearch.index import Index

        self.store = store
        self.embedder = embedder
        self.model = model or default_model()
        self.decay = decay or default_decay()
        self.index = Index(ndim=384, metric="cos", dtype="f32")
        self.keys: dict[str, int] = {}
        self.ids: dict[int, str] = {}
        self._next_key = 1
        self.states: dict[str, _StoryState] = {}
        self.compared: dict[str, ProfileKeys] = {}  # members' keys and lead vectors: see ``_sweep``
        self._cache_limit = CACHE_MIN
        self.lookups: OrderedDict[str, ProfileLookup] = OrderedDict()  # the most recently used
        self.clock = _day(store.latest_published())  # the newest day seen: the stream's present
        self.expiry: list[tuple[int, str]] = []  # (day of a story's newest article, story), a min-heap
        self._load()

    @property
    def horizon_days(self) -> int:
        return math.ceil(self.decay.horizon)

    def _load(self) -> None:
        """Each active story's state, read from its size, centroid and last members (not its membership:
        a new process costs the number of stories of the last ``horizon`` days, not of articles)."""
        since = None if self.clock is None else dt.date.fromordinal(self.clock - self.horizon_days)
        after = None
        while heads := self.store.story_heads(
            MEMBERS, after=after, active_since=since.isoformat() if since else None
        ):
            for head in heads:
                self._load_head(head)
            after = heads[-1].id

    def _load_head(self, head: StoryHead) -> None:
        if head.centroid is not None:
            centroid = np.asarray(head.centroid, dtype=np.float32)
            state = _StoryState(
                list(head.recent), head.size, head.first_published, head.last_published, centroid
            )
            self._index(head.id, state)

    def _index(self, story: str, state: _StoryState) -> None:
        key = self.keys.get(story)
        if key is None:
            key, self._next_key = self._next_key, self._next_key + 1
            self.keys[story], self.ids[key] = key, story
        elif key in self.index:
            self.index.remove(key)
        self.index.add(key, state.centroid)
        self.states[story] = state
        last = _day(state.last)
        if last is not None and last != state.queued:  # undated stories never age
            heapq.heappush(self.expiry, (last, story))
            state.queued = last

    def _forget(self, story: str) -> None:
        self.states.pop(story, None)
        key = self.keys.pop(story, None)
        if key is not None:
            del self.ids[key]
            if key in self.index:
                self.index.remove(key)

    def _advance(self, day: int | None) -> None:
        """Move the clock to a newer article's day."""
        if day is not None and (self.clock is None or day > self.clock):
            self.clock = day

    def _retire(self) -> None:
        """Stories whose newest article is more than the horizon behind the clock go dormant: filed
        under their names in the store (unless filed and unchanged) and out of memory."""
        if self.clock is None:
            return
        cutoff = self.clock - self.horizon_days
        while self.expiry and self.expiry[0][0] < cutoff:
            last, story = heapq.heappop(self.expiry)
            state = self.states.get(story)
            if state is None or state.queued != last:  # merged away, or it has newer articles since
                continue
            if not state.filed:
                self.store.put_story_names(story, self._names_of(state), state.last)
            self._forget(story)

    def _names_of(self, state: _StoryState) -> list[str]:
        """The rare lead names with the most weight over the story's recent members."""
        weights: dict[str, float] = {}
        for prof in self._compared(state.recent, keep=False):
            for name, weight in prof.lead_names.items():
                weights[name] = weights.get(name, 0.0) + weight
        return sorted(weights, key=lambda n: (-weights[n], n))[:STORY_NAMES]

    def _bring_back(self, prof: EventProfile, lead: NDArray[np.float32]) -> list[str]:
        """Dormant stories filed under the article's rarest lead names, the ``DORMANT`` nearest by
        centroid cosine, back in memory (they retire again after this article unless it renews them)."""
        names = sorted(prof.lead_names, key=lambda n: (-prof.lead_names[n], n))[:LOOKUP_NAMES]
        if not names:
            return []
        found = [s for s in self.store.stories_named(names, PER_NAME) if s not in self.states]
        heads = [h for h in self.store.heads_of(found, MEMBERS) if h.centroid is not None]
        if not heads:
            return []
        centroids = np.stack([np.asarray(h.centroid, dtype=np.float32) for h in heads])
        norms = np.maximum(np.linalg.norm(centroids, axis=1), 1e-12)
        order = np.argsort(-(centroids @ lead) / norms)[:DORMANT]
        back = []
        for i in order.tolist():
            self._load_head(heads[i])
            self.states[heads[i].id].filed = True
            back.append(heads[i].id)
        return back

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
                assignments.append(self._assign(article, profiles[i], leads[i]))
        return assignments

    def _assign(self, article: Article, prof: EventProfile, lead: NDArray[np.float32]) -> Assignment:
        self._advance(_day(article.published))
        self._retire()
        try:
            return self._assign_now(article, prof, lead)
        finally:
            self._retire()  # dormant stories brought back for this article and not renewed by it
            self._sweep()

    def _assign_now(self, article: Article, prof: EventProfile, lead: NDArray[np.float32]) -> Assignment:
        lookup = self._keep_lookup(article.id, ProfileLookup.of(prof))
        scores, look_alikes = self._story_scores(prof, lookup, lead)
        self.compared[article.id] = ProfileKeys.of(prof, np.asarray(lead, dtype=np.float32))
        joined = [s for s, logit in scores if logit >= self.model.threshold_logit]
        if not joined:
            story = f"s-{article.id[:12]}"
            self._found(story, article, lead)
            return Assignment(article.id, story, founded=True)
        best, *rest = joined  # the best mean log-odds, as batch joins the closest group first
        linked = [best, *(o for o in rest if self._linked(best, o))]
        best, *others = sorted(linked, key=lambda s: -self.states[s].size)  # the largest keeps its id
        if others:
            self._merge(best, others)
        self._append(best, article, lead)
        self._record_copies(article, [m for m in look_alikes if self.store.story_of(m) == best])
        return Assignment(article.id, best, False, tuple(others), _probability(max(x for _, x in scores)))

    def _story_scores(
        self, prof: EventProfile, lookup: ProfileLookup, lead: NDArray[np.float32]
    ) -> tuple[list[tuple[str, float]], list[str]]:
        """Mean same-event log-odds against each candidate story's recent members, best first; and the
        members whose wording is close enough to be checked as copies.

        Candidates: the ``CANDIDATES`` active stories with the best decayed cosine (within the horizon
        of the article's day), and dormant stories brought back by the article's names."""
        day = prof.published.toordinal() if prof.published else None
        ranked: list[tuple[float, str]] = []
        if len(self.index):
            matches = self.index.search(lead, min(WIDER * CANDIDATES, len(self.index)))
            for key, distance in zip(matches.keys.tolist(), matches.distances.tolist(), strict=True):
                story = self.ids[int(key)]
                days = _days_apart(day, self.states[story])
                if days is None or days <= self.decay.horizon:
                    ranked.append(((1.0 - distance) * self.decay.weight(days), story))
        ranked.sort(key=lambda ks: -ks[0])
        stories = list(dict.fromkeys([s for _, s in ranked[:CANDIDATES]] + self._bring_back(prof, lead)))
        if not stories:
            return [], []
        flat = [m for s in stories for m in self.states[s].recent]
        features = features_against_keys(lookup, lead, self._compared(flat))
        row = self.model.logits(features)
        scores, offset = [], 0
        for story in stories:
            n = len(self.states[story].recent)
            scores.append((story, float(row[offset : offset + n].mean())))
            offset += n
        look_alikes = [m for m, terms in zip(flat, features[:, 0], strict=True) if terms >= COPY_TERMS]
        return sorted(scores, key=lambda sp: -sp[1]), look_alikes

    def _linked(self, story: str, other: str) -> bool:
        """Do two stories' recent members link on average (as batch average linkage would demand)?

        An article close to both is not enough: it may bridge two events (a roundup, a follow-up)."""
        left, right = self.states[story].recent, self.states[other].recent
        others = self._compared(right)
        features = [
            features_against_keys(lookup, keys.lead, others)
            for lookup, keys in zip(self._lookups_of(left), self._compared(left), strict=True)
        ]
        mean = float(self.model.logits(np.concatenate(features)).mean())
        return mean >= self.model.threshold_logit

    def _lookups_of(self, members: Sequence[str]) -> list[ProfileLookup]:
        """Members' lookup tables, from the kept ones or built from their stored profiles."""
        for member in members:  # first, so that keeping the missing ones cannot push these out
            if member in self.lookups:
                self.lookups.move_to_end(member)
        missing = [m for m in members if m not in self.lookups]
        for prof in self._stored_profiles(missing) if missing else []:
            self._keep_lookup(prof.article, ProfileLookup.of(prof))
        return [self.lookups[m] for m in members]

    def _recent_logits(self, members: Sequence[str]) -> NDArray[np.float64]:
        """Pair log-odds among a story's recent members from their cached keys, as an article is scored
        (the same values as ``link_logits``): a small story is regrouped often, and the batch path's
        fixed cost of building its sparse families (~20 ms a call) would dominate the few pairs."""
        keys = self._compared(members)
        logits = np.zeros((len(members), len(members)), dtype=np.float64)
        for i, lookup in enumerate(self._lookups_of(members)[:-1]):
            row = self.model.logits(features_against_keys(lookup, keys[i].lead, keys[i + 1 :]))
            logits[i, i + 1 :] = logits[i + 1 :, i] = row
        return logits

    def _keep_lookup(self, article: str, lookup: ProfileLookup) -> ProfileLookup:
        """Lookup tables are tens of kilobytes, so only the last ``LOOKUPS`` used are kept: the largest
        story of a long event meets the same rivals article after article (checked, not merged)."""
        self.lookups[article] = lookup
        self.lookups.move_to_end(article)
        while len(self.lookups) > LOOKUPS:
            self.lookups.popitem(last=False)
        return lookup

    def _compared(self, ids: Sequence[str], keep: bool = True) -> list[ProfileKeys]:
        """Members' keys and lead vectors (what scoring an article against them needs) from the cache,
        or built from the store and cached (unless ``keep`` is False: a dormant story's last members)."""
        found = {i: self.compared[i] for i in ids if i in self.compared}
        missing = list(dict.fromkeys(i for i in ids if i not in found))
        if missing:
            vectors = self.store.get_vectors(missing)
            for prof, vector in zip(self._stored_profiles(missing), vectors, strict=True):
                found[prof.article] = ProfileKeys.of(prof, vector)
                if keep:
                    self.compared[prof.article] = found[prof.article]
        return [found[i] for i in ids]

    def _stored_profiles(self, ids: Sequence[str]) -> list[EventProfile]:
        """Profiles from the store; those stored by an older version are profiled again and stored."""
        found = {
            article: EventProfile.from_dict(article, data)
            for article, data in self.store.get_features(ids, FEATURES_VERSION).items()
        }
        stale = [i for i in dict.fromkeys(ids) if i not in found]
        for stored in (self.store.get_article(i) for i in stale):
            if stored is not None:
                found[stored.id] = profile(stored)
                self.store.put_features(FEATURES_VERSION, {stored.id: found[stored.id].to_dict()})
        return [found[i] for i in ids]

    def _sweep(self) -> None:
        """Keep the member cache to the live members (the last ``MEMBERS`` of each active story, those an
        article is compared with): once it holds ``CACHE_SLACK`` times what the last sweep kept, members
        no active story compares with any more (pushed out of its last few, or of a dormant story) go.
        The active set is bounded by the horizon, so the cache is too; a sweep costs O(cache) every
        O(cache) articles."""
        if len(self.compared) <= self._cache_limit:
            return
        live = {m for state in self.states.values() for m in state.recent}
        self.compared = {a: keys for a, keys in self.compared.items() if a in live}
        self._cache_limit = max(CACHE_MIN, CACHE_SLACK * len(self.compared))

    def _found(self, story: str, article: Article, lead: NDArray[np.float32]) -> None:
        first, last = date_span([article.published])
        record = StoryRecord(
            story, story_label([article]), (article.id,), first, last, key_entities([article]), lead
        )
        self.store.save_story(record)
        self._index(story, _StoryState([article.id], 1, first, last, lead.astype(np.float32)))

    def _append(self, story: str, article: Article, lead: NDArray[np.float32]) -> None:
        """One membership row and the story's dates and centroid (the sum of member lead vectors)."""
        state = self.states[story]
        state.first, state.last = date_span([state.first, state.last, article.published])
        state.centroid = state.centroid + lead
        state.recent = [*state.recent, article.id][-MEMBERS:]
        state.size += 1
        state.filed = False
        self.store.append_to_story(
            story,
            [article.id],
            first_published=state.first,
            last_published=state.last,
            centroid=state.centroid,
        )
        self._index(story, state)
        if _regroup_due(state.size):
            self._maybe_split(story)

    def _maybe_split(self, story: str) -> list[str]:
        """Regroup a story's members as batch grouping would; split off what no longer belongs.

        The whole story when it reaches 3, 4, 6, 8, 12, … 64 (``WINDOW``) members; then its last
        ``WINDOW`` members each time ``WINDOW // 2`` more have come (``_regroup_due``), so that what a
        late bridge article merged in, or a story drifting to a new event, is still split off, at a cost
        of at most ``WINDOW² / (WINDOW // 2)`` = 128 pair scores per article whatever the story's size
        (the whole story, regrouped each time it grows by a third or a half, would cost about its size a
        article). Reading and rewriting the whole membership happens only when something is split off.
        The largest group keeps the story's id; the stories split off are returned."""
        state = self.states[story]
        whole = state.size <= WINDOW
        if len(state.recent) == state.size:  # the whole story is its recent members, cached
            members = list(state.recent)
            compared = self._compared(members)
            veto = self.model.name_veto
            names = [keys.article_names(veto.core) for keys in compared] if veto is not None else None
            groups = _average_linkage(self._recent_logits(members), self.model, names)
            if len(groups) == 1:
                return []
            vectors = np.stack([keys.lead for keys in compared])
        else:
            members = (
                self.store.members(story) if whole else list(self.store.heads_of([story], WINDOW)[0].recent)
            )
            vectors = self.store.get_vectors(members)
            stored = self._stored_profiles(members)
            veto = self.model.name_veto
            names = [ArticleNames.of(p, veto.core) for p in stored] if veto is not None else None
            groups = _average_linkage(link_logits(stored, vectors, self.model), self.model, names)
            if len(groups) == 1:
                return []
        groups.sort(key=len, reverse=True)
        keep = [members[i] for i in groups[0]]
        split = {members[i] for g in groups[1:] for i in g}
        if not whole:  # the window's largest group stays with everything before the window
            everyone = self.store.members(story)
            keep = [m for m in everyone if m not in split]
            state.centroid = state.centroid - vectors[[i for g in groups[1:] for i in g]].sum(axis=0)
        else:
            state.centroid = vectors[groups[0]].sum(axis=0)
        state.recent, state.size, state.filed = keep[-MEMBERS:], len(keep), False
        record = self.store.get_story(story)
        assert record is not None  # it is in self.states, so it is stored
        self.store.save_story(dataclasses.replace(record, articles=tuple(keep), centroid=state.centroid))
        self._index(story, state)
        return [self._split_off([members[i] for i in g], vectors[g].sum(axis=0)) for g in groups[1:]]

    def _split_off(self, ids: list[str], centroid: NDArray[np.float32]) -> str:
        articles = [a for a in (self.store.get_article(i) for i in ids) if a is not None]
        first, last = date_span(a.published for a in articles)
        story = f"s-{ids[0][:12]}"
        while story in self.states or self.store.get_story(story) is not None:
            story += "x"  # the id its first article founded may be taken by a story it left
        record = StoryRecord(
            story, story_label(articles), tuple(ids), first, last, key_entities(articles), centroid
        )
        self.store.save_story(record)
        self._index(story, _StoryState(ids[-MEMBERS:], len(ids), first, last, centroid))
        return story

    def _merge(self, into: str, others: Sequence[str]) -> None:
        """Fold other stories into one: their members move to its end (rows read and written in
        proportion to the stories folded in, not to the one they join)."""
        state = self.states[into]
        for other in others:
            moved = self.store.members(other)
            folded = self.states[other]
            state.centroid = state.centroid + folded.centroid
            state.size += folded.size
            state.first, state.last = date_span([state.first, state.last, folded.first, folded.last])
            self.store.delete_story(other)  # frees its members for the append
            self.store.append_to_story(
                into,
                moved,
                first_published=state.first,
                last_published=state.last,
                centroid=state.centroid,
            )
            self._forget(other)
        state.filed = False
        self._index(into, state)

    def _record_copies(self, article: Article, look_alikes: Sequence[str]) -> None:
        """Copies among the article and its story's close look-alikes, each linked to its original."""
        if not look_alikes:
            return
        others = [a for a in (self.store.get_article(m) for m in look_alikes) if a is not None]
        found = [d for d in find_duplicates([*others, article]) if article.id in (d.article, d.original)]
        if found:
            self.store.put_duplicates([(d.article, d.original, d.kind, d.score, d.evidence) for d in found])
