"""Align claims across the articles of a story: which are shared, which only one outlet reports.

Claims are compared by cosine similarity of their MiniLM vectors. On one story every claim is on topic,
so topical similarity is high everywhere (≈0.5–0.6 between unrelated claims about the same event);
paraphrases of one fact score ≈0.7 and above. A pair is the same fact when it is the best match in
both directions above SHARED_MUTUAL, or above SHARED_ANY regardless; a claim is unique when nothing in
any other article reaches UNIQUE_BELOW. Linked pairs form groups; a group holding more claims than
outlets (a chain of best matches) is re-cut by average linkage, so one shared fact is one fact. Claims
in between are related but not the same and are reported as neither, so that "unique" stays a strong
statement. The `unique` and `context` findings
themselves are decided in compare/facts.py, which adds what a claim carries that the others lack.

Between SHARED_ANY and the floors below it, MiniLM's cosine alone is a coin toss on one story (about 60%
of mutual best matches at 0.68–0.75 say one fact, the rest share the story's names but not the fact), so
given the claims' texts a small logistic model decides those pairs (``data/shared_edges.json``, trained
by ``training/train_shared_edges.py`` on the hand-labelled pairs of ``benchmarks/data/shared_pairs.jsonl``):
cosine, mutual best match, the margin over the next best claim, and the overlap of the two claims' word
stems weighted by how rare each is in the story.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from parallax.annotate.dates import calendar_day
from parallax.embed import Vectors
from parallax.linked import components
from parallax.model import Claim

SHARED_MUTUAL = 0.68
SHARED_ANY = 0.75
UNIQUE_BELOW = 0.60
# Two claims that name days over two weeks apart tell two occurrences, however alike their words: North
# Korea "fired a ballistic missile over Hokkaido" on Tuesday 29 August and on Friday 15 September;
# Equifax "said on Thursday" (143 million affected) and "said on Monday", weeks later (2.5 million more).
# A day misread by a day or a week (a weekday counted from a late publication date) stays within it.
SAME_FACT_DAYS = 14


@dataclass(frozen=True)
class Alignment:
    """The result of aligning the claims of one story."""

    similarity: Vectors  # claims × claims cosine, zero within one article
    shared: list[list[int]]  # groups of claim indices, each spanning at least two articles
    unique: list[int]  # claim indices reported by one article only


def align(
    claims: Sequence[Claim],
    vectors: Vectors,
    article_group: dict[str, str],
    texts: Sequence[str] | None = None,
    days: Sequence[frozenset[dt.date]] | None = None,
) -> Alignment:
    """Align claims; `article_group` maps an article id to its outlet group (copies share one).

    With the claims' `texts`, a best match below SHARED_ANY is linked by the edge model; without them, by
    the cosine rule alone (a mutual best match at SHARED_MUTUAL). With the calendar `days` each claim
    names, two claims whose days lie over SAME_FACT_DAYS apart are never linked."""
    groups = np.array([article_group[c.article] for c in claims])
    sim = (vectors @ vectors.T).astype(np.float32) if len(claims) else np.zeros((0, 0), np.float32)
    same = groups[:, None] == groups[None, :] if len(claims) else np.zeros((0, 0), bool)
    sim[same] = 0.0
    edges = _shared_edges(sim, groups, _StoryWords(texts) if texts is not None else None)
    if days is not None:
        edges = [(i, j) for i, j in edges if not days_apart(days[i], days[j])]
    shared = [part for group in components(len(claims), edges) for part in _unchained(group, sim, groups)]
    in_shared = {i for g in shared for i in g}
    best = sim.max(axis=1) if len(claims) else np.zeros(0)
    unique = [i for i in range(len(claims)) if i not in in_shared and best[i] < UNIQUE_BELOW]
    return Alignment(sim, shared, unique)


def _unchained(group: list[int], sim: Vectors, groups: np.ndarray) -> list[list[int]]:
    """A group of linked claims split into the facts it holds. Best matches link in chains (A's claim to
    B's, B's other claim to C's …): a story's component once held 84 claims of 10 outlets. A group with
    more claims than outlets is re-cut by average linkage at SHARED_MUTUAL, where every member must be
    like the rest on average (an outlet's two claims, at similarity 0 to each other, pull apart); parts
    spanning two outlets stay shared."""
    if len(group) <= len({groups[i] for i in group}):
        return [group]
    distance = 1.0 - sim[np.ix_(group, group)].astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - SHARED_MUTUAL
    ).fit_predict(distance)
    parts: dict[int, list[int]] = defaultdict(list)
    for member, label in zip(group, labels, strict=True):
        parts[int(label)].append(member)
    kept = [part for part in parts.values() if len({groups[i] for i in part}) > 1]
    return sorted(kept, key=lambda part: part[0])


@dataclass(frozen=True)
class EdgeModel:
    """Logistic model over standardised pair features: is a best match below SHARED_ANY one fact?"""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # link at or above this probability
    mutual_floor: float  # a mutual best match below this is never linked
    any_floor: float  # nor any other best match below this

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> EdgeModel:
        def floats(key: str) -> tuple[float, ...]:
            value = d[key]
            assert isinstance(value, list)
            return tuple(float(v) for v in value)

        names = d["features"]
        assert isinstance(names, list)
        return cls(
            tuple(str(n) for n in names), floats("mean"), floats("scale"), floats("coef"),
            float(str(d["intercept"])), float(str(d["threshold"])),
            float(str(d["mutual_floor"])), float(str(d["any_floor"])),
        )  # fmt: skip

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * (features[n] - m) / s
            for n, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))


@cache
def edge_model() -> EdgeModel:
    text = resources.files("parallax.data").joinpath("shared_edges.json").read_text(encoding="utf-8")
    return EdgeModel.from_dict(json.loads(text)["model"])


_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def word_stems(text: str) -> frozenset[str]:
    """A claim's content words, cut to five letters (a crude stem: "launched" and "launch" meet);
    numbers are kept whole."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in ENGLISH_STOP_WORDS or (len(word) < 3 and not word[0].isdigit()):
            continue
        out.add(word if word[0].isdigit() else word[:5])
    return frozenset(out)


class _StoryWords:
    """Word stems of a story's claims and their rarity in the story (in-story IDF)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.stems = [word_stems(t) for t in texts]
        df: dict[str, int] = defaultdict(int)
        for stems in self.stems:
            for stem in stems:
                df[stem] += 1
        n = len(self.stems)
        self.idf = {stem: math.log((n + 1) / (count + 0.5)) for stem, count in df.items()}

    def weight(self, stems: frozenset[str]) -> float:
        return sum(self.idf[s] for s in stems)

    def overlap(self, i: int, j: int) -> tuple[float, float]:
        """Rarity-weighted overlap of two claims' stems: over the smaller claim's, and over their union."""
        a, b = self.stems[i], self.stems[j]
        shared = self.weight(a & b)
        if not shared:
            return 0.0, 0.0
        return shared / max(min(self.weight(a), self.weight(b)), 1e-9), shared / max(self.weight(a | b), 1e-9)


def calendar_days(values: Iterable[str]) -> frozenset[dt.date]:
    """The values that are calendar days, as dates."""
    return frozenset(day for v in values if (day := calendar_day(v)) is not None)


def days_apart(a: frozenset[dt.date], b: frozenset[dt.date]) -> bool:
    """Both claims name days, and the nearest two are over SAME_FACT_DAYS apart."""
    return bool(a and b) and min(abs((x - y).days) for x in a for y in b) > SAME_FACT_DAYS


def edge_features(
    block: Vectors, r: int, c: int, mutual: bool, words: _StoryWords, i: int, j: int
) -> dict[str, float]:
    """Features of the pair (row r, column c) of one outlet pair's similarity block (claims i and j)."""
    score = float(block[r, c])
    row = np.delete(block[r], c)
    col = np.delete(block[:, c], r)
    margin = min(score - float(row.max(initial=0.0)), score - float(col.max(initial=0.0)))
    wmin, wjacc = words.overlap(i, j)
    return {"cos": score, "mutual": float(mutual), "margin": margin, "wmin": wmin, "wjacc": wjacc}


def _shared_edges(
    sim: Vectors, groups: np.ndarray, words: _StoryWords | None = None
) -> list[tuple[int, int]]:
    model = edge_model()
    edges = []
    for group in sorted(set(groups.tolist())):
        rows = np.flatnonzero(groups == group)
        for other in sorted(set(groups.tolist()) - {group}):
            cols = np.flatnonzero(groups == other)
            block = sim[np.ix_(rows, cols)]
            for r, i in enumerate(rows):
                c = int(block[r].argmax())
                j = int(cols[c])
                score = float(block[r, c])
                mutual = int(block[:, c].argmax()) == r
                if score >= SHARED_ANY:
                    edges.append((int(i), j))
                elif words is None:  # no texts: the cosine rule alone
                    if mutual and score >= SHARED_MUTUAL:
                        edges.append((int(i), j))
                elif score >= model.any_floor or (mutual and score >= model.mutual_floor):
                    features = edge_features(block, r, c, mutual, words, int(i), j)
                    if model.probability(features) >= model.threshold:
                        edges.append((int(i), j))
    return edges
