"""Are two articles about the same real-world event? A learned pair model over event profiles.

Eight features per pair: cosine of the idf-weighted terms of the whole text, of the titles and of
the names; cosine of the MiniLM lead vectors; overlap of the numbers in the leads (a magnitude, a
death toll, a price tell two earthquakes or two offers apart) and whether both leads have numbers;
days between publication and whether that is unknown. A logistic regression over them and their pairwise
products is learned by ``training/train_same_event.py`` on labelled news sets and shipped as JSON
(``data/same_event.json``) with the sets and cross-fitted figures it came from.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
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
)
Matrix = NDArray[np.float64]


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

    def probability(self, features: Matrix) -> Matrix:
        """P(same event) for features shaped (..., len(FEATURES))."""
        expanded = (expand(features) - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = expanded @ np.asarray(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0))), dtype=np.float64)

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "expansion": "degree-2 products",
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
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
        )


def expand(features: Matrix) -> Matrix:
    """Each feature and each product of two (squares included): 8 features become 44."""
    k = features.shape[-1]
    left, right = np.triu_indices(k)
    return np.concatenate([features, features[..., left] * features[..., right]], axis=-1)


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
    for k, other in enumerate(others):
        out[k, 0] = _dot(one.terms, other.terms)
        out[k, 2] = _dot(one.title_terms, other.title_terms)
        out[k, 3] = _dot(one.names, other.names)
        out[k, 4], out[k, 5] = _number_jaccard(one.numbers, other.numbers)
        out[k, 6], out[k, 7] = _log_days(one, other)
    return out


def _dot(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(w * right[t] for t, w in left.items() if t in right)


def _number_jaccard(left: frozenset[str], right: frozenset[str]) -> tuple[float, float]:
    if not left or not right:
        return 0.0, 0.0
    return len(left & right) / len(left | right), 1.0


def _log_days(one: EventProfile, other: EventProfile) -> tuple[float, float]:
    if one.published is None or other.published is None:
        return 0.0, 1.0
    return math.log1p(abs((one.published - other.published).days)), 0.0


def link_probabilities(
    profiles: Sequence[EventProfile],
    leads: NDArray[np.float32],
    model: SameEventModel,
    block: int = 128,
) -> Matrix:
    """P(same event) for every pair, computed in row blocks so memory stays O(n²) floats, not O(n²·44)."""
    space = PairSpace(profiles, leads)
    n = len(profiles)
    every = np.arange(n)
    out = np.empty((n, n), dtype=np.float64)
    for start in range(0, n, block):
        rows = every[start : start + block]
        out[rows] = model.probability(space.features(rows, every))
    return out


class PairSpace:
    """The profiles as sparse matrices, so that features for any block of pairs are a few products."""

    def __init__(self, profiles: Sequence[EventProfile], leads: NDArray[np.float32]) -> None:
        self.terms = _sparse([p.terms for p in profiles])
        self.titles = _sparse([p.title_terms for p in profiles])
        self.names = _sparse([p.names for p in profiles])
        self.numbers = _sparse([dict.fromkeys(p.numbers, 1.0) for p in profiles])
        self.number_counts = np.array([len(p.numbers) for p in profiles], dtype=np.float64)
        self.leads = leads.astype(np.float64)
        self.known = np.array([p.published is not None for p in profiles])
        self.ordinals = np.array(
            [p.published.toordinal() if p.published else 0 for p in profiles], dtype=np.float64
        )

    def features(self, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> Matrix:
        """Features of each row article against each column article: (len(rows), len(cols), 8)."""
        lead = np.clip(self.leads[rows] @ self.leads[cols].T, -1.0, 1.0)
        numbers, both_numbers = self._number_overlap(rows, cols)
        log_days, no_dates = self._days_apart(rows, cols)
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
            ],
            axis=-1,
        )

    def _number_overlap(self, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> tuple[Matrix, Matrix]:
        """Jaccard of the numbers, and 1 where both texts give some (else the Jaccard says nothing)."""
        shared = _products(self.numbers, rows, cols)
        left, right = self.number_counts[rows][:, None], self.number_counts[cols][None, :]
        union = left + right - shared
        jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        return jaccard, ((left > 0) & (right > 0)).astype(np.float64)

    def _days_apart(self, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> tuple[Matrix, Matrix]:
        """log(1 + days between publications); a pair with an unknown date gets 0 and a flag instead."""
        both = self.known[rows][:, None] & self.known[cols][None, :]
        days = np.abs(self.ordinals[rows][:, None] - self.ordinals[cols][None, :])
        return np.where(both, np.log1p(days), 0.0), (~both).astype(np.float64)


def _sparse(vectors: Sequence[dict[str, float]]) -> Any:
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight)
    shape = (len(vectors), max(1, len(vocabulary)))
    return sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)


def _products(matrix: Any, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> Matrix:
    return np.asarray((matrix[rows] @ matrix[cols].T).todense(), dtype=np.float64)
