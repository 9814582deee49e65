"""Train the shared-edge model (``src/parallax/data/shared_edges.json``) from hand-labelled pairs of claims.

On one story MiniLM's cosine does not tell one fact from two facts about the same people between about
0.62 and 0.75 (``benchmarks/shared_pairs.py``). The labelled set, ``benchmarks/data/shared_pairs.jsonl``
(Giveme5W1H, Apache-2.0; 250 pairs read by hand), gives each pair's band of candidate pairs and the
band's size, so every pair is weighted to stand for its band. The pairs that align could link (best
matches: mutual at 0.62 or more, any at 0.68 or more; not the pairs that only share a group) are rebuilt
as align sees them (``benchmarks/shared_pairs.py`` caches annotation and vectors) and described by
``parallax.compare.align.edge_features``: cosine, mutual best match, margin over the next best claim,
and the rarity-weighted overlap of the two claims' word stems. Pairs at SHARED_ANY or above stay linked
(≈ 90% one fact); the logistic model is fitted on the pairs below it, and its threshold is the one that
links as many true pairs (weighted recall) as the cosine rule does, so the two compare at equal recall.

Cross-validation is by event (five folds; no event in both): each fold's threshold is chosen on its
training folds, the held-out fold scored; the pooled out-of-fold precision and recall, beside the rule's
on the same pairs, and a bootstrap over events of the precision gain are written with the weights.

    .venv/bin/python training/train_shared_edges.py
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from shared_pairs import DEFAULT_CACHE, DEFAULT_DATA, load_pairs, similarity, story_claims  # noqa: E402

from parallax.compare.align import SHARED_ANY, SHARED_MUTUAL, _StoryWords, edge_features  # noqa: E402

FEATURES = ("cos", "mutual", "margin", "wmin", "wjacc")
MUTUAL_FLOOR = 0.62
ANY_FLOOR = 0.68
OUT = ROOT / "src" / "parallax" / "data" / "shared_edges.json"


def pair_rows(pairs: list[dict[str, Any]], data: Path, cache: Path) -> list[dict[str, Any]]:
    """Each candidate pair with its features, label, weight, event and the cosine rule's decision."""
    stories = story_claims({p["event"] for p in pairs}, data, cache)
    rows = []
    for event, story in stories.items():
        sim, groups = similarity(story)
        words = _StoryWords(story.texts)
        for p in pairs:
            if p["event"] != event or p["band"] == "group-nonedge":
                continue
            try:
                i, j = story.index(p["a"]), story.index(p["b"])
            except KeyError:
                continue  # the annotation now cuts one of its claims otherwise
            rows_i = np.flatnonzero(groups == groups[i])
            cols_j = np.flatnonzero(groups == groups[j])
            block = sim[np.ix_(rows_i, cols_j)]
            r, c = int(np.flatnonzero(rows_i == i)[0]), int(np.flatnonzero(cols_j == j)[0])
            mutual = int(block[r].argmax()) == c and int(block[:, c].argmax()) == r
            f = edge_features(block, r, c, mutual, words, i, j)
            rule = f["cos"] >= SHARED_ANY or (mutual and f["cos"] >= SHARED_MUTUAL)
            rows.append({"id": p["id"], "event": event, "x": [f[n] for n in FEATURES], "y": p["label"] == "S",
                         "w": p["weight"], "rule": rule})  # fmt: skip
    return rows


def fit(x: NDArray[np.float64], y: NDArray[np.int_], w: NDArray[np.float64]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / scale, y, sample_weight=w)
    return {
        "features": list(FEATURES),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "coef": model.coef_[0].round(6).tolist(),
        "intercept": round(float(model.intercept_[0]), 6),
    }


def probability(model: dict[str, Any], x: NDArray[np.float64]) -> NDArray[np.float64]:
    z = model["intercept"] + ((x - np.array(model["mean"])) / np.array(model["scale"])) @ np.array(
        model["coef"]
    )
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def decide(model: dict[str, Any], x: NDArray[np.float64], threshold: float) -> NDArray[np.bool_]:
    cos, mutual = x[:, 0], x[:, 1] > 0
    candidate = (cos >= ANY_FLOOR) | (mutual & (cos >= MUTUAL_FLOOR))
    return np.asarray((cos >= SHARED_ANY) | (candidate & (probability(model, x) >= threshold)))


def threshold_at_recall(model: dict[str, Any], x: NDArray[np.float64], y: NDArray[np.bool_],
                        w: NDArray[np.float64], recall: float) -> float:  # fmt: skip
    """The highest threshold whose weighted recall reaches `recall`."""
    for t in np.round(np.arange(0.95, 0.04, -0.005), 3):
        linked = decide(model, x, float(t))
        if (w * (linked & y)).sum() / (w * y).sum() >= recall - 1e-9:
            return float(t)
    return 0.05


def pr(linked: NDArray[np.bool_], y: NDArray[np.bool_], w: NDArray[np.float64]) -> tuple[float, float]:
    tp = (w * (linked & y)).sum()
    return float(tp / max((w * linked).sum(), 1e-9)), float(tp / (w * y).sum())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from sklearn.model_selection import GroupKFold

    rows = pair_rows(load_pairs(), args.data, args.cache)
    x = np.array([r["x"] for r in rows], dtype=np.float64)
    y = np.array([r["y"] for r in rows])
    w = np.array([r["w"] for r in rows])
    rule = np.array([r["rule"] for r in rows])
    events = np.array([r["event"] for r in rows])
    below = x[:, 0] < SHARED_ANY
    linked = np.zeros(len(rows), bool)
    for train, test in GroupKFold(n_splits=5).split(x, y, events):
        fit_on = train[below[train]]
        model = fit(x[fit_on], y[fit_on].astype(int), w[fit_on])
        t = threshold_at_recall(model, x[train], y[train], w[train], pr(rule[train], y[train], w[train])[1])
        linked[test] = decide(model, x[test], t)
    rule_p, rule_r = pr(rule, y, w)
    model_p, model_r = pr(linked, y, w)
    rng = np.random.default_rng(14)
    names = np.array(sorted(set(events)))
    gains = []
    for _ in range(2000):
        idx = np.concatenate([np.flatnonzero(events == e) for e in rng.choice(names, len(names))])
        gains.append(pr(linked[idx], y[idx], w[idx])[0] - pr(rule[idx], y[idx], w[idx])[0])
    model = fit(x[below], y[below].astype(int), w[below])
    threshold = threshold_at_recall(model, x, y, w, rule_r)
    cv = {"pairs": len(rows), "same": int(y.sum()), "events": len(names),
          "rule": {"precision": round(rule_p, 3), "recall": round(rule_r, 3),
                   "linked_same": int((rule & y).sum()), "linked": int(rule.sum())},
          "model": {"precision": round(model_p, 3), "recall": round(model_r, 3),
                    "linked_same": int((linked & y).sum()), "linked": int(linked.sum())},
          "precision_gain_95": [round(float(np.percentile(gains, q)), 3) for q in (2.5, 97.5)]}  # fmt: skip
    payload = {
        "model": {**model, "threshold": threshold, "mutual_floor": MUTUAL_FLOOR, "any_floor": ANY_FLOOR},
        "cross_validated": cv,
        "trained": dt.date.today().isoformat(),
        "data": "benchmarks/data/shared_pairs.jsonl",
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(payload, indent=1))


if __name__ == "__main__":
    main()
