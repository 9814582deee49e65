"""Batch story grouping: every pair's same-event log-odds, then average-linkage agglomeration.

Two groups join while the mean log-odds over their cross pairs stays above the model's threshold, so
one strong look-alike cannot chain two events together (single linkage would), and a few confident
"different event" pairs count against a join as much as confident "same event" pairs count for it
(a mean of probabilities would let many middling pairs outvote them). Two groups of two or more that
each hang together far better than they link (by the model's learned cohesion margin) stay apart too:
two look-alike events whose link clears the threshold only through what they share (``average_linkage``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.stories.decay import NEWS_YEAR_DAYS, Decay, default_decay
from parallax.stories.profile import EventProfile
from parallax.stories.same_event import LOGIT_LIMIT, SameEventModel, link_logits

BATCH_LIMIT = 4000
"""Above this many articles the full pair matrix (n² floats and an O(n² log n) agglomeration) costs
more than the incremental assigner, which the CLI uses instead, in publication order."""


def group_by_logits(
    logits: NDArray[np.float64], threshold_logit: float, cohesion_margin: float | None = None
) -> list[list[int]]:
    """Indices grouped by average linkage on the pairs' log-odds, in order of first appearance.

    With a ``cohesion_margin``, two groups of two or more articles each also stay apart when the mean
    log-odds inside the looser of them exceeds their mean cross log-odds by more than the margin
    (``average_linkage``)."""
    n = len(logits)
    if n <= 1:
        return [list(range(n))] if n else []
    if cohesion_margin is not None:
        return average_linkage(logits, threshold_logit, cohesion_margin)
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


def average_linkage(
    logits: NDArray[np.float64], threshold_logit: float, cohesion_margin: float | None = None
) -> list[list[int]]:
    """Average linkage on the pairs' log-odds with SciPy's tree: groups join while their mean cross
    log-odds is above the threshold (the threshold itself not joined, as in scikit-learn).

    With a ``cohesion_margin``, a join of two groups of two or more articles each is refused when the
    looser of them holds together (its mean inner log-odds) by more than the margin better than the two
    link to each other, and no join above a refused one is made. Two look-alike events (two quakes on
    one island, one boxer stopping two challengers) each hang together tightly and link to each other
    only through what they share, just above the threshold; one event's reports, however varied, link
    across about as well as they link within."""
    from scipy.cluster.hierarchy import linkage  # type: ignore[import-untyped]
    from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

    n = len(logits)
    if n <= 1:
        return [list(range(n))] if n else []
    distances = LOGIT_LIMIT - np.clip((logits + logits.T) / 2.0, -LOGIT_LIMIT, LOGIT_LIMIT)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    limit = LOGIT_LIMIT - threshold_logit
    size = [1] * n + [0] * (n - 1)
    inner = [0.0] * (2 * n - 1)  # the sum of each node's inner pair log-odds
    joined = [True] * (2 * n - 1)
    children: list[tuple[int, int]] = []
    for k, (a, b, height, _) in enumerate(tree.tolist()):
        left, right, node = int(a), int(b), n + k
        children.append((left, right))
        cross = LOGIT_LIMIT - height
        size[node] = size[left] + size[right]
        inner[node] = inner[left] + inner[right] + cross * size[left] * size[right]
        ok = joined[left] and joined[right] and height < limit
        if ok and cohesion_margin is not None and size[left] > 1 and size[right] > 1:
            looser = min(inner[c] / (size[c] * (size[c] - 1) / 2) for c in (left, right))
            ok = looser - cross <= cohesion_margin
        joined[node] = ok
    groups, stack = [], [2 * n - 2]
    while stack:
        node = stack.pop()
        if not joined[node]:
            stack.extend(children[node - n])
            continue
        members, below = [], [node]
        while below:
            x = below.pop()
            if x < n:
                members.append(x)
            else:
                below.extend(children[x - n])
        groups.append(sorted(members))
    return sorted(groups, key=lambda g: g[0])


def group_profiles(
    profiles: Sequence[EventProfile], leads: NDArray[np.float32], model: SameEventModel
) -> list[list[int]]:
    if len(profiles) <= 1:
        return [list(range(len(profiles)))] if profiles else []
    logits = link_logits(profiles, leads, model) - years_apart(days_between(profiles))
    return group_by_logits(logits, model.threshold_logit, model.cohesion_margin)


def days_between(profiles: Sequence[EventProfile]) -> NDArray[np.float64]:
    """Days between every two articles' dates; 0 where either date is unknown.

    An article whose publication date its own text contradicts (``EventProfile.text_days``) may have
    been written near any day its text names with its year, so a pair with it is as near as the nearest
    of those days and its stated date is to the other's date: RT's report of the Cincinnati Zoo's
    gorilla, stamped with the day it was crawled a year and a half later and naming "May 28, 2016", is a
    day from the zoo's other reports, not a year and a half."""
    ordinals = np.array([p.published.toordinal() if p.published else np.nan for p in profiles])
    days = np.nan_to_num(np.abs(ordinals[:, None] - ordinals[None, :]), nan=0.0)
    for i, one in enumerate(profiles):
        if one.text_days:
            text = np.array([d.toordinal() for d in one.text_days], dtype=np.float64)
            near = np.nan_to_num(np.min(np.abs(text[:, None] - ordinals[None, :]), axis=0), nan=0.0)
            days[i] = days[:, i] = np.minimum(days[i], near)
    return np.asarray(days, dtype=np.float64)


def years_apart(days: NDArray[np.float64], decay: Decay | None = None) -> NDArray[np.float64]:
    """The log-odds each pair loses for lying over a year apart: none within a year, then one for every
    ``tau`` days more. A report a year after another is a follow-up, an anniversary or a look-alike event.

    The learned model weighs publication days lightly (Giveme5W1H's gold joins some events years apart),
    so alone it put South Korea's satellite launch of 2013, North Korea's announcement of 2015 and launch
    of 2016 and Japan's spy satellite of 2017 in one story; the stream ages stories by the same ``tau``.
    """
    decay = decay or default_decay()
    return np.maximum(0.0, days - NEWS_YEAR_DAYS) / decay.tau
