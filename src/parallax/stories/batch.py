"""Batch story grouping: every pair's same-event probability, then average-linkage agglomeration.

Two groups join while the mean probability over their cross pairs stays above the model's threshold,
so one strong look-alike cannot chain two events together (single linkage would).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.stories.profile import EventProfile
from parallax.stories.same_event import SameEventModel, link_probabilities

BATCH_LIMIT = 4000
"""Above this many articles the full pair matrix (n² floats and an O(n² log n) agglomeration) costs
more than the incremental assigner, which the CLI uses instead, in publication order."""


def group_by_probability(probabilities: NDArray[np.float64], threshold: float) -> list[list[int]]:
    """Indices grouped by average linkage on 1 - p, in order of first appearance."""
    n = len(probabilities)
    if n <= 1:
        return [list(range(n))] if n else []
    from sklearn.cluster import AgglomerativeClustering

    distances = 1.0 - (probabilities + probabilities.T) / 2.0
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    labels = model.fit_predict(np.clip(distances, 0.0, 1.0))
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def group_profiles(
    profiles: Sequence[EventProfile], leads: NDArray[np.float32], model: SameEventModel
) -> list[list[int]]:
    if len(profiles) <= 1:
        return [list(range(len(profiles)))] if profiles else []
    return group_by_probability(link_probabilities(profiles, leads, model), model.threshold)
