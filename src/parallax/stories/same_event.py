"""Are two articles about the same real-world event? A learned pair model over event profiles.

Twenty-one features per pair: cosine of the idf-weighted terms of the whole text, of the titles and of
the names; cosine of the MiniLM lead vectors; overlap of the numbers in the texts (a magnitude, a
death toll, a price tell two earthquakes or two offers apart) and whether both have numbers; days
between publication and whether that is unknown. Then what the leads say, where a report names its
event: how much of each lead's rare names the other article names at all (the lesser and the greater
of the two shares: two similar events usually differ in who or where, so one lead's names are missing
from the other text), the overlap of the weekdays the leads name and whether both name one, the cosine
of the lead terms and of the lead names, the overlap of the lead numbers and whether both leads give
some. Last, what tells a look-alike event apart (ECB+'s hard cases: the same boxer stopping another
man, the same team placing another player on injured reserve, two Watergate figures dying): the lesser
share of either lead's names that the other lead names (not just mentions as background), the lesser
share of either title's names that the other article names at all and whether both titles name someone,
and the lesser share of either lead's numbers (an age at death, a toll, a price) the other text gives.
And what happened: the cosine of the leads' words outside their names ('fired' against 'hired', the
same coach). A logistic regression over them and their pairwise products is learned by
``training/train_same_event.py`` on labelled news sets and shipped as JSON (``data/same_event.json``)
with the sets and cross-fitted figures it came from.

Groups join on the mean log-odds of their cross pairs (``link_logits``), not the mean probability:
one confident "different event" pair then weighs as much as one confident "same event" pair.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]

from parallax.stories.profile import EventProfile

FEATURES = (
    "terms",
    "lead",
    "title",
    "names",
    "numbers",
    "both_numbers",
    "log_days",
    "no_dates",
    "lead_names_covered_min",
    "lead_names_covered_max",
    "weekdays",
    "both_weekdays",
    "lead_terms",
    "lead_names",
    "lead_numbers",
    "both_lead_numbers",
    "lead_names_in_lead",
    "title_names_covered",
    "both_title_names",
    "lead_numbers_covered",
    "lead_actions",
)
LOGIT_LIMIT = 9.0  # log-odds are clipped to ±9 (p within 1e-4 of 0 or 1): one pair cannot veto a group
Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class NameVeto:
    """When two groups of articles stay apart for their names (``batch.average_linkage``).

    A group's *core* names are those of (nearly) every member's title (``core`` "title": the lead names
    whose every word is in the title, or the first sentence when there is none; "lead": all the lead's
    rare names), a ``share`` of its members at least. Two groups stay apart when each has a core name
    that no title (or lead) of the other gives, and one of those is named in the whole texts of at most
    an ``absent`` share of the other group: Klitschko stopping Rahman, then Thompson. The later event's
    reports often name the earlier's people in passing (Williams "the second Charger arrested after
    Vincent Jackson"), so only one side's silence is asked of the whole text. Chosen by
    ``training/train_same_event.py`` with the cohesion margin."""

    share: float
    absent: float
    core: str = "title"

    def to_dict(self) -> dict[str, object]:
        return {"share": self.share, "absent": self.absent, "core": self.core}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NameVeto:
        return cls(float(data["share"]), float(data["absent"]), str(data.get("core", "title")))


@dataclass(frozen=True)
class ArticleNames:
    """What the name veto reads of one article: its core names (of the title or the lead, as
    ``NameVeto.core`` says), whether its text names a given name (``names``: a set, or the hashed
    keys of a compared member, ``ProfileKeys.article_names``) and how many names its text gives."""

    core: frozenset[str]
    names: Container[str]
    count: int

    @classmethod
    def of(cls, one: EventProfile, core: str = "title") -> ArticleNames:
        named = _named(one)
        chosen = _title_names(one) if core == "title" else one.lead_names
        return cls(frozenset(chosen), frozenset(named), len(named))


class _HashedNames:
    """The names a compared member's text gives, as its hashed ``named`` keys: ``name in names``."""

    def __init__(self, keys: frozenset[int]) -> None:
        self.keys = keys

    def __contains__(self, name: object) -> bool:
        return hash((_NAMED_PROBE, name)) in self.keys


@dataclass(frozen=True)
class SameEventModel:
    """Logistic regression over the features and their pairwise products, standardised.

    The products let the model weigh, say, shared names more when the texts are short (headlines) and
    a number overlap only when both articles give numbers. ``threshold`` is the average link
    probability at which two stories join, chosen on cross-fitted training data.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    cohesion_margin: float | None = None
    name_veto: NameVeto | None = None

    def probability(self, features: Matrix) -> Matrix:
        """P(same event) for features shaped (..., len(FEATURES))."""
        expanded = (expand(features) - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = expanded @ np.asarray(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0))), dtype=np.float64)

    def logits(self, features: Matrix) -> Matrix:
        """log(p / (1 - p)) of the same event, clipped to ±LOGIT_LIMIT, for features (..., len(FEATURES))."""
        expanded = (expand(features) - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = expanded @ np.asarray(self.weights) + self.bias
        return np.asarray(np.clip(logits, -LOGIT_LIMIT, LOGIT_LIMIT), dtype=np.float64)

    @property
    def threshold_logit(self) -> float:
        """The joining threshold as log-odds: groups join while their mean cross-pair logit reaches it."""
        return math.log(self.threshold / (1.0 - self.threshold))

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "expansion": "degree-2 products",
            "linkage": "average log-odds",
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "cohesion_margin": self.cohesion_margin,
            "name_veto": None if self.name_veto is None else self.name_veto.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SameEventModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the same-event model was trained on other features; retrain it")
        return cls(
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            None if data.get("cohesion_margin") is None else float(data["cohesion_margin"]),
            None if data.get("name_veto") is None else NameVeto.from_dict(data["name_veto"]),
        )


def expand(features: Matrix) -> Matrix:
    """Each feature and each product of two (squares included): 21 features become 252."""
    left, right = _pairs(features.shape[-1])
    return np.concatenate([features, features[..., left] * features[..., right]], axis=-1)


@lru_cache(maxsize=4)
def _pairs(k: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """``numpy.triu_indices(k)``, built once: a stream expands a few rows thousands of times a minute."""
    left, right = np.triu_indices(k)
    return left, right


@lru_cache(maxsize=1)
def default_model() -> SameEventModel:
    text = resources.files("parallax.data").joinpath("same_event.json").read_text(encoding="utf-8")
    return SameEventModel.from_dict(json.loads(text)["model"])


def pair_features(profiles: Sequence[EventProfile], leads: NDArray[np.float32]) -> Matrix:
    """All-pairs features, shaped (n, n, len(FEATURES)); the diagonal is meaningless."""
    space = PairSpace(profiles, leads)
    every = np.arange(len(profiles))
    return space.features(every, every)


def features_against(
    one: EventProfile, lead: NDArray[np.float32], others: Sequence[EventProfile], leads: NDArray[np.float32]
) -> Matrix:
    """Features of one article against each of ``others``, shaped (len(others), len(FEATURES)).

    The same values as ``pair_features`` (a test holds them equal), computed with dictionary look-ups:
    for one row against a few dozen, building sparse matrices costs more than the products.
    """
    out = np.zeros((len(others), len(FEATURES)), dtype=np.float64)
    out[:, 1] = np.clip(leads.astype(np.float64) @ lead.astype(np.float64), -1.0, 1.0)
    # The article's own sets, built once rather than once per other story member.
    title_names, named = _title_names(one), _named(one)
    lead_numbers = dict.fromkeys(one.lead_numbers, 1.0)
    for k, other in enumerate(others):
        out[k, 0] = _dot(one.terms, other.terms)
        out[k, 2] = _dot(one.title_terms, other.title_terms)
        out[k, 3] = _dot(one.names, other.names)
        out[k, 4], out[k, 5] = _jaccard(one.numbers, other.numbers)
        out[k, 6], out[k, 7] = _log_days(one, other)
        out[k, 8], out[k, 9] = sorted((_covered(one.lead_names, other), _covered(other.lead_names, one)))
        out[k, 10], out[k, 11] = _jaccard(one.weekdays, other.weekdays)
        out[k, 12] = _dot(one.lead_terms, other.lead_terms)
        out[k, 13] = _dot(one.lead_names, other.lead_names)
        out[k, 14], out[k, 15] = _jaccard(one.lead_numbers, other.lead_numbers)
        out[k, 16] = _covered_both(
            one.lead_names, one.lead_names.keys(), other.lead_names, other.lead_names.keys()
        )
        out[k, 17], out[k, 18] = _covered_flag(title_names, named, _title_names(other), _named(other))
        out[k, 19] = _covered_both(
            lead_numbers, one.numbers, dict.fromkeys(other.lead_numbers, 1.0), other.numbers
        )
        out[k, 20] = _dot(one.lead_actions, other.lead_actions)
    return out


# The vectorised path. Every pair feature is a sum over the keys (terms, names, numbers, weekdays) one
# family of a compared member shares with one family of the article: a dot product of weights, a
# share of the article's weight or of the member's, or a count. Each such pairing is a probe below:
# (member family, article family). A member's keys are hashed and tagged by probe into one array
# (``ProfileKeys``), the article's into one open-addressing hash table (``ProfileLookup``), so the
# features of the article against any number of members are a few vectorised table look-ups and
# ``bincount``s, not a Python loop per member. Keys are 64-bit string hashes: two different keys collide
# with probability ~2⁻⁶⁴.
_PROBES = (
    ("terms", "terms"),  # 0: terms dot
    ("title_terms", "title_terms"),  # 1: title dot
    ("names", "names"),  # 2: names dot
    ("numbers", "numbers"),  # 3: numbers Jaccard
    ("weekdays", "weekdays"),  # 4: weekdays Jaccard
    ("lead_terms", "lead_terms"),  # 5: lead terms dot
    ("lead_names", "lead_names"),  # 6: lead names dot; lead names in the other lead, both ways
    ("lead_numbers", "lead_numbers"),  # 7: lead numbers Jaccard
    ("named", "lead_names"),  # 8: the article's lead names the member names
    ("lead_names", "named"),  # 9: the member's lead names the article names
    ("named", "title_names"),  # 10: the article's title names the member names
    ("title_names", "named"),  # 11: the member's title names the article names
    ("numbers", "lead_numbers"),  # 12: the article's lead numbers the member's text gives
    ("lead_numbers", "numbers"),  # 13: the member's lead numbers the article's text gives
    ("lead_actions", "lead_actions"),  # 14: lead action words dot
)
_NAMED_PROBE = _PROBES.index(("named", "lead_names"))  # a member's ``named`` keys
_TITLE_PROBE = _PROBES.index(("title_names", "named"))  # a member's ``title_names`` keys
_SCALARS = ("lead_names", "title_names", "numbers", "weekdays", "lead_numbers")  # weight sums, then the day


def _families(one: EventProfile) -> dict[str, dict[str, float]]:
    """Each keyed family of a profile as weights (sets weigh 1 a key)."""
    return {
        "terms": one.terms,
        "title_terms": one.title_terms,
        "names": one.names,
        "numbers": dict.fromkeys(one.numbers, 1.0),
        "weekdays": dict.fromkeys(one.weekdays, 1.0),
        "lead_terms": one.lead_terms,
        "lead_names": one.lead_names,
        "lead_numbers": dict.fromkeys(one.lead_numbers, 1.0),
        "named": dict.fromkeys(_named(one), 1.0),
        "title_names": _title_names(one),
        "lead_actions": one.lead_actions,
    }


def _tagged(families: dict[str, dict[str, float]], side: int) -> tuple[list[int], list[float], list[int]]:
    keys: list[int] = []
    weights: list[float] = []
    probes: list[int] = []
    for p, pair in enumerate(_PROBES):
        family = families[pair[side]]
        keys.extend(hash((p, k)) for k in family)
        weights.extend(family.values())
        probes.extend([p] * len(family))
    return keys, weights, probes


def _scalars(one: EventProfile, families: dict[str, dict[str, float]]) -> NDArray[np.float64]:
    """The weight sums the shares divide by (summed as the scalar path sums them), the day and if known."""
    sums = [sum(families[f].values()) for f in _SCALARS]
    day = one.published.toordinal() if one.published else 0
    return np.array([*sums, day, one.published is not None], dtype=np.float64)


@dataclass(frozen=True)
class ProfileKeys:
    """A profile as a compared member: its keys tagged by probe, their weights, the sums and the day.

    A few kilobytes, against tens for the profile's dictionaries and strings; ``lead_names`` is kept as
    is (the names a dormant story is filed under) and ``lead`` is the member's lead vector."""

    article: str
    keys: NDArray[np.int64]
    weights: NDArray[np.float64]
    probes: NDArray[np.int8]  # fewer than 128 probes: a byte a key, not eight
    scalars: NDArray[np.float64]
    lead_names: dict[str, float]
    lead: NDArray[np.float32]

    @classmethod
    def of(cls, one: EventProfile, lead: NDArray[np.float32]) -> ProfileKeys:
        families = _families(one)
        keys, weights, probes = _tagged(families, 0)
        return cls(
            one.article,
            np.array(keys, dtype=np.int64),
            np.array(weights, dtype=np.float64),
            np.array(probes, dtype=np.int8),
            _scalars(one, families),
            one.lead_names,
            np.asarray(lead, dtype=np.float32),
        )

    def article_names(self, core: str = "title") -> ArticleNames:
        """``ArticleNames.of`` the member's profile, read from its keys (the same sets)."""
        named = frozenset(self.keys[self.probes == _NAMED_PROBE].tolist())
        if core == "title":
            titled = set(self.keys[self.probes == _TITLE_PROBE].tolist())
            chosen = frozenset(n for n in self.lead_names if hash((_TITLE_PROBE, n)) in titled)
        else:
            chosen = frozenset(self.lead_names)
        return ArticleNames(chosen, _HashedNames(named), len(named))


_EMPTY = -1  # Python never hashes anything to -1, so it marks an empty slot of a lookup table


@dataclass(frozen=True)
class ProfileLookup:
    """A profile as the article compared: its keys tagged by probe in an open-addressing hash table
    (linear probing, at most 1/8 full), so that looking up tens of thousands of member keys is a few
    vectorised gathers (``numpy.searchsorted`` over unsorted needles costs ten times more)."""

    table: NDArray[np.int64]
    weights: NDArray[np.float64]
    rounds: int  # the longest probe sequence of a key in the table
    scalars: NDArray[np.float64]

    @classmethod
    def of(cls, one: EventProfile) -> ProfileLookup:
        families = _families(one)
        keys, weights, _ = _tagged(families, 1)
        size = 64
        while size < 8 * len(keys):
            size *= 2
        placed: dict[int, int] = {}  # slot: index of the key there
        rounds = 1
        for index, key in enumerate(keys):
            slot, step = key & (size - 1), 0
            while slot in placed:
                slot, step = (slot + 1) & (size - 1), step + 1
            placed[slot], rounds = index, max(rounds, step + 1)
        table = np.full(size, _EMPTY, dtype=np.int64)
        values = np.zeros(size, dtype=np.float64)
        slots = np.fromiter(placed, dtype=np.int64, count=len(placed))
        order = np.fromiter(placed.values(), dtype=np.int64, count=len(placed))
        table[slots] = np.array(keys, dtype=np.int64)[order]
        values[slots] = np.array(weights, dtype=np.float64)[order]
        return cls(table, values, rounds, _scalars(one, families))

    def find(self, keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The positions in ``keys`` of those in the table, and their slots."""
        mask = len(self.table) - 1
        slots = keys & mask
        found = self.table[slots]
        hit = [np.flatnonzero(found == keys)]
        places = [slots[hit[0]]]
        # Only keys that met another key in their slot may sit further along.
        going = np.flatnonzero((found != keys) & (found != _EMPTY))
        for step in range(1, self.rounds):
            if not len(going):
                break
            slot = (slots[going] + step) & mask
            found = self.table[slot]
            now = found == keys[going]
            hit.append(going[now])
            places.append(slot[now])
            going = going[~now & (found != _EMPTY)]
        return np.concatenate(hit), np.concatenate(places)


def features_against_keys(
    one: ProfileLookup, lead: NDArray[np.float32], others: Sequence[ProfileKeys]
) -> Matrix:
    """``features_against`` over hashed keys, all members at once: the same values up to the order of
    floating-point sums (a test holds them equal to 1e-12 on real pairs)."""
    m = len(others)
    out = np.zeros((m, len(FEATURES)), dtype=np.float64)
    if not m:
        return out
    leads = np.stack([o.lead for o in others]).astype(np.float64)
    out[:, 1] = np.clip(leads @ lead.astype(np.float64), -1.0, 1.0)
    k, size = len(_PROBES), m * len(_PROBES)
    hit, at = one.find(np.concatenate([o.keys for o in others]))
    sizes = np.fromiter((len(o.keys) for o in others), dtype=np.int64, count=m)
    probes = np.concatenate([o.probes for o in others])[hit].astype(np.int64)
    slot = np.repeat(np.arange(m), sizes)[hit] * k + probes
    a = one.weights[at]
    b = np.concatenate([o.weights for o in others])[hit]

    def sums(weights: Matrix | None) -> Matrix:
        """Per member and probe, the sum of ``weights`` over the shared keys (their count if None)."""
        return np.asarray(np.bincount(slot, weights, minlength=size), dtype=np.float64).reshape(m, k)

    shared_ab, shared_a, shared_b, count = sums(a * b), sums(a), sums(b), sums(None)
    mine = one.scalars
    theirs = np.stack([o.scalars for o in others])
    lead_names, title_names, numbers, weekdays, lead_numbers = range(len(_SCALARS))
    day, known = len(_SCALARS), len(_SCALARS) + 1

    def jaccard(probe: int, column: int) -> tuple[Matrix, Matrix]:
        both = (mine[column] > 0) & (theirs[:, column] > 0)
        union = mine[column] + theirs[:, column] - count[:, probe]
        share = np.divide(count[:, probe], union, out=np.zeros(m), where=both)
        return share, both.astype(np.float64)

    def shares(there: Matrix, back: Matrix, column: int) -> tuple[Matrix, Matrix, Matrix]:
        """Each direction's share (0 where its side has no weight), and where both sides have weight."""
        mine_there, theirs_there = mine[column] != 0, theirs[:, column] != 0
        forth = np.divide(there, mine[column], out=np.zeros(m), where=mine_there)
        returned = np.divide(back, theirs[:, column], out=np.zeros(m), where=theirs_there)
        return forth, returned, mine_there & theirs_there

    out[:, 0], out[:, 2], out[:, 3] = shared_ab[:, 0], shared_ab[:, 1], shared_ab[:, 2]
    out[:, 4], out[:, 5] = jaccard(3, numbers)
    dated = (mine[known] > 0) & (theirs[:, known] > 0)
    out[:, 6] = np.where(dated, np.log1p(np.abs(mine[day] - theirs[:, day])), 0.0)
    out[:, 7] = (~dated).astype(np.float64)
    forth, back, _ = shares(shared_a[:, 8], shared_b[:, 9], lead_names)
    out[:, 8], out[:, 9] = np.minimum(forth, back), np.maximum(forth, back)
    out[:, 10], out[:, 11] = jaccard(4, weekdays)
    out[:, 12], out[:, 13] = shared_ab[:, 5], shared_ab[:, 6]
    out[:, 14], out[:, 15] = jaccard(7, lead_numbers)
    forth, back, both = shares(shared_a[:, 6], shared_b[:, 6], lead_names)
    out[:, 16] = np.where(both, np.minimum(forth, back), 0.0)
    forth, back, both = shares(shared_a[:, 10], shared_b[:, 11], title_names)
    out[:, 17], out[:, 18] = np.where(both, np.minimum(forth, back), 0.0), both.astype(np.float64)
    forth, back, both = shares(count[:, 12], count[:, 13], lead_numbers)
    out[:, 19] = np.where(both, np.minimum(forth, back), 0.0)
    out[:, 20] = shared_ab[:, 14]
    return out


def _dot(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(w * right[t] for t, w in left.items() if t in right)


def _jaccard(left: frozenset[str], right: frozenset[str]) -> tuple[float, float]:
    """Jaccard of two sets and 1, or 0 and 0 when either is empty (then the overlap says nothing)."""
    if not left or not right:
        return 0.0, 0.0
    return len(left & right) / len(left | right), 1.0


def _covered(lead_names: dict[str, float], other: EventProfile) -> float:
    """The share of a lead's name weight that the other article names (in its lead or its top names)."""
    total = sum(lead_names.values())
    if not total:
        return 0.0
    found = sum(w for name, w in lead_names.items() if name in other.names or name in other.lead_names)
    return found / total


def _covered_both(
    weights: dict[str, float],
    targets: Collection[str],
    other_weights: dict[str, float],
    other_targets: Collection[str],
) -> float:
    """The lesser of the two shares of weight the other side names; 0 if either has nothing to cover."""
    return _covered_flag(weights, targets, other_weights, other_targets)[0]


def _covered_flag(
    weights: dict[str, float],
    targets: Collection[str],
    other_weights: dict[str, float],
    other_targets: Collection[str],
) -> tuple[float, float]:
    """``_covered_both`` and 1, or 0 and 0 when either side has nothing to cover."""
    one, other = sum(weights.values()), sum(other_weights.values())
    if not one or not other:
        return 0.0, 0.0
    there = sum(w for k, w in weights.items() if k in other_targets) / one
    back = sum(w for k, w in other_weights.items() if k in targets) / other
    return min(there, back), 1.0


def _title_names(one: EventProfile) -> dict[str, float]:
    """The lead names whose every word is in the title (or first sentence): who or where the event is."""
    return {name: w for name, w in one.lead_names.items() if all(x in one.title_terms for x in name.split())}


def _named(one: EventProfile) -> set[str]:
    return {*one.names, *one.lead_names}


def _log_days(one: EventProfile, other: EventProfile) -> tuple[float, float]:
    if one.published is None or other.published is None:
        return 0.0, 1.0
    return math.log1p(abs((one.published - other.published).days)), 0.0


PAIRS_PER_BLOCK = 65_536  # pairs featurised at once: ~80 MB of expanded features, whatever n is


def link_probabilities(
    profiles: Sequence[EventProfile], leads: NDArray[np.float32], model: SameEventModel
) -> Matrix:
    """P(same event) for every pair."""
    logits = link_logits(profiles, leads, model)
    return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)


def link_logits(
    profiles: Sequence[EventProfile], leads: NDArray[np.float32], model: SameEventModel
) -> Matrix:
    """Same-event log-odds for every pair, in row blocks so memory stays O(n²) floats, not O(n²·252)."""
    space = PairSpace(profiles, leads)
    n = len(profiles)
    every = np.arange(n)
    out = np.empty((n, n), dtype=np.float64)
    block = max(1, PAIRS_PER_BLOCK // max(1, n))
    for start in range(0, n, block):
        rows = every[start : start + block]
        out[rows] = model.logits(space.features(rows, every))
    return out


class PairSpace:
    """The profiles as sparse matrices, so that features for any block of pairs are a few products."""

    def __init__(self, profiles: Sequence[EventProfile], leads: NDArray[np.float32]) -> None:
        self.terms = _sparse([p.terms for p in profiles])
        self.titles = _sparse([p.title_terms for p in profiles])
        self.names = _sparse([p.names for p in profiles])
        self.numbers = _SetOverlap([p.numbers for p in profiles])
        self.weekdays = _SetOverlap([p.weekdays for p in profiles])
        self.lead_numbers = _SetOverlap([p.lead_numbers for p in profiles])
        self.lead_terms = _sparse([p.lead_terms for p in profiles])
        self.lead_names = _sparse([p.lead_names for p in profiles])
        self.lead_actions = _sparse([p.lead_actions for p in profiles])
        shares, named, in_lead, title_shares, number_shares, numbers = _sparse_shared(
            [_shares(p.lead_names) for p in profiles],
            [dict.fromkeys(_named(p), 1.0) for p in profiles],
            [dict.fromkeys(p.lead_names, 1.0) for p in profiles],
            [_shares(_title_names(p)) for p in profiles],
            [_shares(dict.fromkeys(p.lead_numbers, 1.0)) for p in profiles],
            [dict.fromkeys(p.numbers, 1.0) for p in profiles],
        )
        self.name_shares, self.named, self.in_lead = shares, named, in_lead
        self.title_shares, self.number_shares, self.all_numbers = title_shares, number_shares, numbers
        self.leads = leads.astype(np.float64)
        self.known = np.array([p.published is not None for p in profiles])
        self.ordinals = np.array(
            [p.published.toordinal() if p.published else 0 for p in profiles], dtype=np.float64
        )

    def features(self, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> Matrix:
        """Features of each row article against each column article: (len(rows), len(cols), 21)."""
        lead = np.clip(self.leads[rows] @ self.leads[cols].T, -1.0, 1.0)
        numbers, both_numbers = self.numbers.jaccard(rows, cols)
        log_days, no_dates = self._days_apart(rows, cols)
        covered = np.asarray((self.name_shares[rows] @ self.named[cols].T).todense(), dtype=np.float64)
        covered_back = np.asarray((self.named[rows] @ self.name_shares[cols].T).todense(), dtype=np.float64)
        weekdays, both_weekdays = self.weekdays.jaccard(rows, cols)
        lead_numbers, both_lead_numbers = self.lead_numbers.jaccard(rows, cols)
        title_covered, both_titles = _covered_min(self.title_shares, self.named, rows, cols)
        return np.stack(
            [
                _products(self.terms, rows, cols),
                lead,
                _products(self.titles, rows, cols),
                _products(self.names, rows, cols),
                numbers,
                both_numbers,
                log_days,
                no_dates,
                np.minimum(covered, covered_back),
                np.maximum(covered, covered_back),
                weekdays,
                both_weekdays,
                _products(self.lead_terms, rows, cols),
                _products(self.lead_names, rows, cols),
                lead_numbers,
                both_lead_numbers,
                _covered_min(self.name_shares, self.in_lead, rows, cols)[0],
                title_covered,
                both_titles,
                _covered_min(self.number_shares, self.all_numbers, rows, cols)[0],
                _products(self.lead_actions, rows, cols),
            ],
            axis=-1,
        )

    def _days_apart(self, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> tuple[Matrix, Matrix]:
        """log(1 + days between publications); a pair with an unknown date gets 0 and a flag instead."""
        both = self.known[rows][:, None] & self.known[cols][None, :]
        days = np.abs(self.ordinals[rows][:, None] - self.ordinals[cols][None, :])
        return np.where(both, np.log1p(days), 0.0), (~both).astype(np.float64)


class _SetOverlap:
    """Jaccard of small sets (numbers, weekdays) for blocks of pairs, as a sparse product."""

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        self.matrix = _sparse([dict.fromkeys(s, 1.0) for s in sets])
        self.counts = np.array([len(s) for s in sets], dtype=np.float64)

    def jaccard(self, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> tuple[Matrix, Matrix]:
        """Jaccard of the sets, and 1 where both are non-empty (else the Jaccard says nothing)."""
        shared = _products(self.matrix, rows, cols)
        left, right = self.counts[rows][:, None], self.counts[cols][None, :]
        union = left + right - shared
        jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        return jaccard, ((left > 0) & (right > 0)).astype(np.float64)


def _covered_min(
    shares: Any, targets: Any, rows: NDArray[np.int64], cols: NDArray[np.int64]
) -> tuple[Matrix, Matrix]:
    """The lesser of the two directions' covered shares (``_covered_flag``), and 1 where both have weight."""
    there = np.asarray((shares[rows] @ targets[cols].T).todense(), dtype=np.float64)
    back = np.asarray((targets[rows] @ shares[cols].T).todense(), dtype=np.float64)
    weighted = np.asarray(shares.sum(axis=1)).ravel() > 0
    both = weighted[rows][:, None] & weighted[cols][None, :]
    return np.where(both, np.minimum(there, back), 0.0), both.astype(np.float64)


def _shares(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()} if total else {}


def _sparse(vectors: Sequence[dict[str, float]]) -> Any:
    return _sparse_shared(vectors)[0]


def _sparse_shared(*families: Sequence[dict[str, float]]) -> list[Any]:
    """Each family of vectors as a sparse matrix, all over one vocabulary (so they can be multiplied)."""
    vocabulary: dict[str, int] = {}
    built = []
    for vectors in families:
        rows, cols, values = [], [], []
        for row, vector in enumerate(vectors):
            for term, weight in vector.items():
                rows.append(row)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(weight)
        built.append((len(vectors), rows, cols, values))
    width = max(1, len(vocabulary))
    return [
        sparse.csr_matrix((values, (rows, cols)), shape=(n, width), dtype=np.float64)
        for n, rows, cols, values in built
    ]


def _products(matrix: Any, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> Matrix:
    return np.asarray((matrix[rows] @ matrix[cols].T).todense(), dtype=np.float64)
