"""Fit the time decay of incremental story retrieval (``src/parallax/data/story_decay.json``).

The quantity that matters is the silence a story has before it continues: for each gold event, its
articles in date order, and for each article after the first the days since the event's previous
article. Over the training sets that carry dates (Giveme5W1H, 2013-2018; the UCI sample, whose three
days bound its gaps; ECB+ has no dates and is skipped; BASIL is held out, as for the pair model), each
set weighing equally, those silences are modelled as exponential: its maximum-likelihood mean ``tau``
is the mean silence. ``StoryIndex`` ranks a story's centroid cosine by ``exp(-days / tau)`` and lets
the story leave its in-memory index past the horizon ``tau * ln(1 / EPSILON)``, the silence that only
``EPSILON`` of continuations outlast under the fit. The empirical shares within the horizon are
written beside it: real silences have a longer tail than the exponential (Giveme5W1H's follow-ups a
year on), which is why a dormant story stays reachable by its rare names (``StoryIndex``).

    .venv/bin/python training/fit_story_decay.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # the labelled sets are read as the benchmark reads them

from clustering import Dataset, load_sets  # noqa: E402

TRAIN_SETS = ("ecbplus", "giveme5w1h", "uci")  # the pair model's training sets; BASIL stays held out
EPSILON = 0.05
OUTPUT = ROOT / "src" / "parallax" / "data" / "story_decay.json"


def silences(dataset: Dataset) -> list[int]:
    """Days between each dated article and its event's previous dated article."""
    days: dict[str, list[dt.date]] = defaultdict(list)
    for item in dataset.items:
        if item.published:
            days[item.gold].append(dt.date.fromisoformat(item.published[:10]))
    gaps = []
    for dates in days.values():
        dates.sort()
        gaps.extend((b - a).days for a, b in itertools.pairwise(dates))
    return gaps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--uci-limit", type=int, default=10**9, help="UCI headlines read (all by default)")
    args = parser.parse_args()
    sets, skipped = load_sets(args.data, TRAIN_SETS, args.uci_limit, 0)
    per_set = {d.name: silences(d) for d in sets}
    per_set = {name: gaps for name, gaps in per_set.items() if gaps}  # sets without dates say nothing
    if not per_set:
        print("no dated training set found; nothing written")
        return 1
    tau = sum(sum(g) / len(g) for g in per_set.values()) / len(per_set)
    horizon = tau * math.log(1.0 / EPSILON)
    within = {name: sum(x <= horizon for x in g) / len(g) for name, g in per_set.items()}
    result = {
        "trained_on": sorted(per_set),
        "skipped": sorted(set(TRAIN_SETS) - set(per_set)) + skipped,
        "continuations": {name: len(g) for name, g in per_set.items()},
        "mean_silence_days": {name: sum(g) / len(g) for name, g in per_set.items()},
        "tau_days": round(tau, 3),
        "epsilon": EPSILON,
        "horizon_days": round(horizon, 3),
        "share_within_horizon": {name: round(s, 4) for name, s in within.items()},
    }
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
