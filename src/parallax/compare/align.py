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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from parallax.embed import Vectors
from parallax.linked import components
from parallax.model import Claim

SHARED_MUTUAL = 0.68
SHARED_ANY = 0.75
UNIQUE_BELOW = 0.60


@dataclass(frozen=True)
class Alignment:
    """The result of aligning the claims of one story."""

    similarity: Vectors  # claims × claims cosine, zero within one article
    shared: list[list[int]]  # groups of claim indices, each spanning at least two articles
    unique: list[int]  # claim indices reported by one article only


def align(claims: Sequence[Claim], vectors: Vectors, article_group: dict[str, str]) -> Alignment:
    """Align claims; `article_group` maps an article id to its outlet group (copies share one)."""
    groups = np.array([article_group[c.article] for c in claims])
    sim = (vectors @ vectors.T).astype(np.float32) if len(claims) else np.zeros((0, 0), np.float32)
    same = groups[:, None] == groups[None, :] if len(claims) else np.zeros((0, 0), bool)
    sim[same] = 0.0
    edges = _shared_edges(sim, groups)
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


def _shared_edges(sim: Vectors, groups: np.ndarray) -> list[tuple[int, int]]:
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
                if score >= SHARED_ANY or (mutual and score >= SHARED_MUTUAL):
                    edges.append((int(i), j))
    return edges
