"""Group articles into stories: one real-world event each.

Each article is represented by the mean of its claim vectors; articles are joined by average-linkage
agglomerative clustering under a cosine distance threshold. Articles about one event score ≈0.85–0.95
on this measure, articles on different topics far lower. This is the batch baseline; incremental
assignment and event-versus-similar-event decisions are the clustering stage's own issue.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from parallax.embed import Vectors

MAX_STORY_DISTANCE = 0.35


def story_id(article_ids: Sequence[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()
    return f"s-{digest[:12]}"


def article_vectors(claim_vectors: Sequence[Vectors]) -> Vectors:
    """One unit vector per article: the normalised mean of its claim vectors."""
    rows = []
    for vectors in claim_vectors:
        mean = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1], np.float32)
        norm = float(np.linalg.norm(mean))
        rows.append(mean / norm if norm else mean)
    return np.stack(rows).astype(np.float32)


def cluster_articles(vectors: Vectors) -> list[list[int]]:
    """Indices of articles grouped into stories, in order of first appearance."""
    n = len(vectors)
    if n <= 1:
        return [list(range(n))] if n else []
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=MAX_STORY_DISTANCE
    )
    labels = model.fit_predict(vectors)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])
