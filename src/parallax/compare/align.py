"""Align claims across the articles of a story: which are shared, which only one outlet reports.

Claims are compared by cosine similarity of their MiniLM vectors. On one story every claim is on topic,
so topical similarity is high everywhere (≈0.5–0.6 between unrelated claims about the same event);
paraphrases of one fact score ≈0.7 and above. A pair is the same fact when it is the best match in
both directions above SHARED_MUTUAL, or above SHARED_ANY regardless; a claim is unique when nothing in
any other article reaches UNIQUE_BELOW. Claims in between are related but not the same and are
reported as neither, so that "unique" stays a strong statement. The `unique` and `context` findings
themselves are decided in compare/facts.py, which adds what a claim carries that the others lack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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
    shared = components(len(claims), edges)
    in_shared = {i for g in shared for i in g}
    best = sim.max(axis=1) if len(claims) else np.zeros(0)
    unique = [i for i in range(len(claims)) if i not in in_shared and best[i] < UNIQUE_BELOW]
    return Alignment(sim, shared, unique)


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
