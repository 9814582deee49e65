"""Batch story grouping: every pair's same-event log-odds, then average-linkage agglomeration.

Two groups join while the mean log-odds over their cross pairs stays above the model's threshold, so
one strong look-alike cannot chain two events together (single linkage would), and a few confident
"different event" pairs count against a join as much as confident "same event" pairs count for it
(a mean of probabilities would let many middling pairs outvote them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.stories.profile import EventProfile
from parallax.stories.same_event import LOGIT_LIMIT, SameEventModel, link_logits

BATCH_LIMIT = 4000
"""Above this many articles the full pair matrix (n² floats and an O(n² log n) agglomeration) costs
more than the incremental assigner, which the CLI uses instead, in publication order."""


def group_by_logits(logits: NDArray[np.float64], threshold_logit: float) -> list[list[int]]:
    """Indices grouped by average linkage on the pairs' log-odds, in order of first appearance."""
    n = len(logits)
    if n <= 1:
        return [list(range(n))] if n else []
    from sklearn.cluster import AgglomerativeClustering

    # a distance must be non-negative: LOGIT_LIMIT - logit is, for logits clipped to ±LOGIT_LIMIT
    distances = LOGIT_LIMIT - np.clip((logits + logits.T) / 2.0, -LOGIT_LIMIT, LOGIT_LIMIT)
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=LOGIT_LIMIT - threshold_logit,
    )
    labels = model.fit_predict(distances)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def group_by_probability(probabilities: NDArray[np.float64], threshold: float) -> list[list[int]]:
    """``group_by_logits`` for probabilities (the training script's cross-fitted ones)."""
    p = np.clip(probabilities, 1e-12, 1.0 - 1e-12)
    return group_by_logits(np.log(p / (1.0 - p)), float(np.log(threshold / (1.0 - threshold))))


def group_profiles(
    profiles: Sequence[EventProfile], leads: NDArray[np.float32], model: SameEventModel
) -> list[list[int]]:
    if len(profiles) <= 1:
        return [list(range(len(profiles)))] if profiles else []
    return group_by_logits(link_logits(profiles, leads, model), model.threshold_logit)
