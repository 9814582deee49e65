"""An optional learned ranker for what one outlet chose to include (issue 5).

``make facts-model`` fits a logistic regression on BASIL's tuning half (``training/train_facts_ranker.py``)
over the story's candidate `unique` claims and outlet-only quotations, with the features that
``parallax.compare.facts.candidate_features`` computes; the weights go to
``parallax/data/facts_model.npz``. BASIL's licence is for research use, so the weights are never committed:
each machine builds them, and without them (or with ``PARALLAX_FACTS_MODEL=off``) the fact findings are
the hand rules of ``compare/facts.py``.
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources

import numpy as np
from numpy.typing import NDArray

MODEL_FILE = "facts_model.npz"
MODEL_SETTING = "PARALLAX_FACTS_MODEL"  # "off": the hand rules, even when the model is built


class FactsModel:
    """Standardised features → logistic score; a candidate is kept when its score reaches the threshold."""

    def __init__(
        self,
        names: tuple[str, ...],
        mean: NDArray[np.float64],
        scale: NDArray[np.float64],
        coef: NDArray[np.float64],
        intercept: float,
        threshold: float,
        settings: dict[str, object] | None = None,
    ) -> None:
        self.names = names
        self.mean = mean
        self.scale = scale
        self.coef = coef
        self.intercept = intercept
        self.threshold = threshold
        self.settings = settings or {}

    def score(self, features: NDArray[np.float64]) -> NDArray[np.float64]:
        """The predicted share of a candidate's text that an annotator would mark, per row."""
        if not len(features):
            return np.zeros(0)
        z = (features - self.mean) / self.scale @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def keep(self, features: NDArray[np.float64]) -> NDArray[np.bool_]:
        return np.asarray(self.score(features) >= self.threshold, dtype=np.bool_)

    def save(self, path: str | os.PathLike[str]) -> None:
        np.savez(
            path,
            names=np.array(self.names),
            mean=self.mean,
            scale=self.scale,
            coef=self.coef,
            intercept=np.array([self.intercept]),
            threshold=np.array([self.threshold]),
            settings=np.array([json.dumps(self.settings, sort_keys=True)]),
        )


def read_model(path: str | os.PathLike[str]) -> FactsModel:
    with np.load(path, allow_pickle=False) as data:
        return FactsModel(
            tuple(str(n) for n in data["names"]),
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["coef"], dtype=np.float64),
            float(data["intercept"].reshape(-1)[0]),
            float(data["threshold"].reshape(-1)[0]),
            json.loads(str(data["settings"].reshape(-1)[0])),
        )


@functools.cache
def _built() -> FactsModel | None:
    path = resources.files("parallax.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with resources.as_file(path) as local:
        return read_model(local)


def facts_model(names: tuple[str, ...]) -> FactsModel | None:
    """The built model when there is one, it is not switched off and it reads these features; else None."""
    if os.environ.get(MODEL_SETTING, "").casefold() == "off":
        return None
    model = _built()
    return model if model is not None and model.names == names else None
