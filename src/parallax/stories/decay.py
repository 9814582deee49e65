"""How news ages: the time scale of one event's coverage, fitted to the silences of gold events.

``tau`` and ``horizon`` come from ``data/story_decay.json`` (``training/fit_story_decay.py``): the
stream ranks candidate stories by cosine × exp(-days / tau) and lets a story go dormant past ``horizon``
days; batch grouping counts a pair over a year apart against one story (``stories.batch.years_apart``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

NEWS_YEAR_DAYS = 365.0


@dataclass(frozen=True)
class Decay:
    """How retrieval ages a story: cosine × exp(-days / tau); dormant past ``horizon`` days."""

    tau: float
    horizon: float

    def weight(self, days: int | None) -> float:
        return 1.0 if days is None else math.exp(-days / self.tau)


@lru_cache(maxsize=1)
def default_decay() -> Decay:
    text = resources.files("parallax.data").joinpath("story_decay.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Decay(float(data["tau_days"]), float(data["horizon_days"]))
