"""Batch story grouping: every pair's same-event log-odds, then average-linkage agglomeration.

Two groups join while the mean log-odds over their cross pairs stays above the model's threshold, so
one strong look-alike cannot chain two events together (single linkage would), and a few confident
"different event" pairs count against a join as much as confident "same event" pairs count for it
(a mean of probabilities would let many middling pairs outvote them). Two groups of two or more that
each hang together far better than they link (by the model's learned cohesion margin) stay apart too:
two look-alike events whose link clears the threshold only through what they share (``average_linkage``);
so do two whose titles each name someone the other's never do (``names_apart``, the model's name veto).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.stories.decay import NEWS_YEAR_DAYS, Decay, default_decay
from parallax.stories.profile import EventProfile
from parallax.stories.same_event import LOGIT_LIMIT, ArticleNames, NameVeto, SameEventModel, link_logits

BATCH_LIMIT = 4000
"""Above this many articles the full pair matrix (n² floats and an O(n² log n) agglomeration) costs
more than the incremental assigner, which the CLI uses instead, in publication order."""


def group_by_logits(
    logits: NDArray[np.float64],
    threshold_logit: float,
    cohesion_margin: float | None = None,
    names: Sequence[ArticleNames] | None = None,
    name_veto: NameVeto | None = None,
) -> list[list[int]]:
    """Indices grouped by average linkage on the pairs' log-odds, in order of first appearance.

    With a ``cohesion_margin``, two groups of two or more articles each also stay apart when the mean
    log-odds inside the looser of them exceeds their mean cross log-odds by more than the margin; with
    ``names`` and a ``name_veto``, when each has a core name the other does not give
    (``average_linkage``)."""
    n = len(logits)
    if n <= 1:
        return [list(range(n))] if n else []
    if cohesion_margin is not None or (names is not None and name_veto is not None):
        return average_linkage(logits, threshold_logit, cohesion_margin, names, name_veto)
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


MIN_NAMES_SILENT = 20
"""A text that gives fewer names than this (a headline, a brief) is too short for a name it does not
give to count against a group it might join (``names_apart``)."""


def names_apart(
    one: Sequence[int], other: Sequence[int], names: Sequence[ArticleNames], veto: NameVeto
) -> bool:
    """Whether two groups of two or more articles each stay apart for their names (``NameVeto``): each
    has a core name (in a ``veto.share`` of its members' titles or leads at least) that none of the
    other's titles or leads gives, and one of those is named in the texts of at most a ``veto.absent``
    share of the other group (of its members that give ``MIN_NAMES_SILENT`` names or more, two at
    least). One event's reports may name its people differently in the background, but they do not
    each put a name in their titles that the other reports never give."""
    if len(one) < 2 or len(other) < 2:
        return False
    cores = _core_names(one, names, veto.share), _core_names(other, names, veto.share)
    untitled = [
        [n for n in core if not any(n in names[j].core for j in group)]
        for core, group in ((cores[0], other), (cores[1], one))
    ]
    if not untitled[0] or not untitled[1]:
        return False
    for own, group in ((untitled[0], other), (untitled[1], one)):
        texts = [j for j in group if names[j].count >= MIN_NAMES_SILENT]
        if len(texts) >= 2 and any(
            sum(n in names[j].names for j in texts) <= veto.absent * len(texts) for n in own
        ):
            return True
    return False


def _core_names(group: Sequence[int], names: Sequence[ArticleNames], share: float) -> list[str]:
    counts: dict[str, int] = {}
    for i in group:
        for name in names[i].core:
            counts[name] = counts.get(name, 0) + 1
    need = share * len(group) - 1e-9
    return sorted(name for name, count in counts.items() if count >= need)


def average_linkage(
    logits: NDArray[np.float64],
    threshold_logit: float,
    cohesion_margin: float | None = None,
    names: Sequence[ArticleNames] | None = None,
    name_veto: NameVeto | None = None,
) -> list[list[int]]:
    """Average linkage on the pairs' log-odds with SciPy's tree: groups join while their mean cross
    log-odds is above the threshold (the threshold itself not joined, as in scikit-learn).

    Two vetoes keep two groups of two or more articles each apart. With a ``cohesion_margin``, the join
    is refused when the looser of them holds together (its mean inner log-odds) by more than the margin
    better than the two link to each other: two look-alike events (two quakes on one island, one boxer
    stopping two challengers) each hang together tightly and link to each other only through what they
    share, just above the threshold; one event's reports, however varied, link across about as well as
    they link within. With ``names`` (one per article) and a ``name_veto``, it is refused when each
    group has a core name the other does not give (``names_apart``: Rahman against Thompson).

    The tree is followed bottom-up with no join above a refused one; then the groups it leaves are
    joined again by average linkage over their mean cross log-odds, closest first, a refused pair
    skipped rather than ending the joins above it (``_relink``): a group the tree joined first to the
    wrong side of a refused join still finds its own event."""
    from scipy.cluster.hierarchy import linkage  # type: ignore[import-untyped]
    from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

    n = len(logits)
    if n <= 1:
        return [list(range(n))] if n else []
    veto = name_veto if names is not None else None
    symmetric = np.clip((logits + logits.T) / 2.0, -LOGIT_LIMIT, LOGIT_LIMIT)
    distances = LOGIT_LIMIT - symmetric
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    limit = LOGIT_LIMIT - threshold_logit
    size = [1] * n + [0] * (n - 1)
    inner = [0.0] * (2 * n - 1)  # the sum of each node's inner pair log-odds
    joined = [True] * (2 * n - 1)
    members: list[list[int]] = [[i] for i in range(n)] + [[] for _ in range(n - 1)]
    children: list[tuple[int, int]] = []
    vetoed = False
    for k, (a, b, height, _) in enumerate(tree.tolist()):
        left, right, node = int(a), int(b), n + k
        children.append((left, right))
        cross = LOGIT_LIMIT - height
        size[node] = size[left] + size[right]
        inner[node] = inner[left] + inner[right] + cross * size[left] * size[right]
        ok = joined[left] and joined[right] and height < limit
        if ok and size[left] > 1 and size[right] > 1:
            ok = _may_join(members[left], members[right], inner[left], inner[right], cross, cohesion_margin)
            if ok and veto is not None:
                assert names is not None
                ok = not names_apart(members[left], members[right], names, veto)
            vetoed = vetoed or not ok
        joined[node] = ok
        if ok:
            members[node], members[left], members[right] = members[left] + members[right], [], []
    groups, stack = [], [2 * n - 2]
    while stack:
        node = stack.pop()
        if not joined[node]:
            stack.extend(children[node - n])
            continue
        groups.append(sorted(members[node]))
    if vetoed:
        groups = _relink(symmetric, threshold_logit, groups, cohesion_margin, names, veto)
    return sorted(groups, key=lambda g: g[0])


def _may_join(
    left: Sequence[int],
    right: Sequence[int],
    inner_left: float,
    inner_right: float,
    cross: float,
    margin: float | None,
) -> bool:
    """The cohesion margin's test, from the two groups' sums of inner log-odds and their mean cross."""
    if margin is None:
        return True
    looser = min(
        inner_left / (len(left) * (len(left) - 1) / 2), inner_right / (len(right) * (len(right) - 1) / 2)
    )
    return looser - cross <= margin


def _relink(
    symmetric: NDArray[np.float64],
    threshold_logit: float,
    groups: list[list[int]],
    cohesion_margin: float | None,
    names: Sequence[ArticleNames] | None,
    veto: NameVeto | None,
) -> list[list[int]]:
    """Average linkage over groups: the closest two (mean cross log-odds) join while above the
    threshold, unless a veto refuses them; a refused pair is skipped and asked again once either side
    has grown. Without a refusal this is what the tree gave, so it only continues after one."""
    k = len(groups)
    onehot = np.zeros((k, len(symmetric)))
    for g, group in enumerate(groups):
        onehot[g, group] = 1.0
    sums = onehot @ symmetric @ onehot.T  # each pair of groups' summed cross log-odds
    inner = (np.diag(sums) - np.array([symmetric[g, g].sum() for g in groups])) / 2.0
    sizes = np.array([len(g) for g in groups], dtype=np.float64)
    means = sums / np.outer(sizes, sizes)
    np.fill_diagonal(means, -np.inf)
    refused: set[tuple[int, int]] = set()
    while True:
        flat = int(np.argmax(means))
        a, b = divmod(flat, k)
        cross = float(means[a, b])
        if not cross > threshold_logit:
            break
        ok = (
            sizes[a] == 1
            or sizes[b] == 1
            or (
                _may_join(groups[a], groups[b], inner[a], inner[b], cross, cohesion_margin)
                and (veto is None or names is None or not names_apart(groups[a], groups[b], names, veto))
            )
        )
        if not ok:
            refused.add((min(a, b), max(a, b)))
            means[a, b] = means[b, a] = -np.inf
            continue
        inner[a] += inner[b] + sums[a, b]
        groups[a], groups[b] = groups[a] + groups[b], []
        sums[a] += sums[b]
        sums[:, a] += sums[:, b]
        sizes[a] += sizes[b]
        sizes[b] = 0.0
        means[a] = sums[a] / (sizes[a] * np.maximum(sizes, 1.0))
        means[:, a] = means[a]
        means[b] = means[:, b] = -np.inf
        means[a, a] = -np.inf
        for x, y in [pair for pair in refused if a in pair]:
            refused.discard((x, y))  # a has grown: ask again
        for x, y in refused:
            means[x, y] = means[y, x] = -np.inf
        means[sizes == 0.0] = -np.inf
        means[:, sizes == 0.0] = -np.inf
    return [sorted(g) for g in groups if g]


def group_profiles(
    profiles: Sequence[EventProfile], leads: NDArray[np.float32], model: SameEventModel
) -> list[list[int]]:
    if len(profiles) <= 1:
        return [list(range(len(profiles)))] if profiles else []
    logits = link_logits(profiles, leads, model) - years_apart(days_between(profiles))
    veto = model.name_veto
    names = [ArticleNames.of(p, veto.core) for p in profiles] if veto is not None else None
    return group_by_logits(logits, model.threshold_logit, model.cohesion_margin, names, veto)


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
