"""Do a `shared` finding's claims say one fact? The edge rule against hand-labelled pairs of claims.

``benchmarks/data/shared_pairs.jsonl`` holds 250 pairs of claims of two outlets on one Giveme5W1H event
(each event compared as one story), drawn at random (seeded, at most five an event a band) from seven
bands of the candidate pairs: mutual best matches at cosine 0.62–0.68, 0.68–0.72, 0.72–0.75; other best
matches at 0.68–0.75; any best match at 0.75–0.80 and ≥ 0.80; and pairs that only share a group (joined
through a chain). Each was read and labelled S (both say one fact, what a reader would accept as "both
outlets report this", wording, detail and numbers aside) or D (they share the story, not the fact); see
``benchmarks/data/README.md``.

Each event's claims are rebuilt as the compare stage gets them (annotation and vectors cached under
``/tmp/parallax-bench-other-events``, as ``other_events.py`` caches them) and aligned twice: by the cosine
rule alone (no claim texts) and as the pipeline aligns them (with the texts, so the edge model of
``data/shared_edges.json`` decides best matches below SHARED_ANY). A pair is linked when it is an edge;
grouped when it ends in one shared group. Precision and recall are weighted by each band's count of
candidate pairs over the sampled events (``band_pairs``), so that they estimate the figures over all
candidate pairs; unweighted counts are given beside them.

    .venv/bin/python benchmarks/shared_pairs.py
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_common import machine, markdown_table, write_results  # noqa: E402
from other_events import DEFAULT_CACHE, DEFAULT_DATA, _code_digest, _documents, prepared  # noqa: E402

PAIRS = ROOT / "benchmarks" / "data" / "shared_pairs.jsonl"


@dataclass
class StoryClaims:
    """One event's claims as align gets them."""

    event: str
    claims: list[Any]
    vectors: Any
    outlet_of: dict[str, str]
    texts: list[str]

    def index(self, side: dict[str, Any]) -> int:
        key = (side["article"], side["start"], side["end"])
        for i, c in enumerate(self.claims):
            if (c.article, c.start, c.end) == key:
                return i
        raise KeyError(f"{self.event}: no claim {key} (annotation changed since the pairs were drawn?)")


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    drawn = Counter(p["band"] for p in pairs)
    for p in pairs:
        p["weight"] = p["band_pairs"] / drawn[p["band"]]
    return pairs


def story_claims(
    events: set[str], data: Path = DEFAULT_DATA, cache: Path = DEFAULT_CACHE
) -> dict[str, StoryClaims]:
    """The claims, vectors and outlets of each named Giveme5W1H event, compared as one story."""
    from parallax.embed import default_embedder
    from parallax.pipeline import clean_all, story_input

    embedder = default_embedder()
    code = _code_digest()
    out = {}
    for event, documents in _documents("giveme5w1h", data).items():
        if event not in events:
            continue
        articles, _, _ = clean_all(documents)
        annotated, vectors = prepared(articles, embedder, cache, code)
        story = story_input(f"giveme5w1h:{event}", articles, annotated, vectors)
        bodies = {a.id: a.body for a in story.articles}
        out[event] = StoryClaims(
            event, list(story.claims), story.claim_vectors, {a.id: a.label for a in story.articles},
            [bodies[c.article][c.start : c.end] for c in story.claims],
        )  # fmt: skip
    return out


def similarity(story: StoryClaims) -> tuple[Any, Any]:
    groups = np.array([story.outlet_of[c.article] for c in story.claims])
    sim = (story.vectors @ story.vectors.T).astype(np.float32)
    sim[groups[:, None] == groups[None, :]] = 0.0
    return sim, groups


def decisions(pairs: list[dict[str, Any]], stories: dict[str, StoryClaims]) -> dict[str, dict[str, bool]]:
    """For each pair id: linked (an edge) and grouped, by the cosine rule and as the pipeline aligns."""
    from parallax.compare.align import _shared_edges, _StoryWords, align

    out: dict[str, dict[str, bool]] = {}
    for event, story in stories.items():
        sim, groups = similarity(story)
        rule_edges = {frozenset(e) for e in _shared_edges(sim, groups)}
        model_edges = {frozenset(e) for e in _shared_edges(sim, groups, _StoryWords(story.texts))}
        rule_group = {
            i: g
            for g, part in enumerate(align(story.claims, story.vectors, story.outlet_of).shared)
            for i in part
        }
        model_group = {
            i: g
            for g, part in enumerate(align(story.claims, story.vectors, story.outlet_of, story.texts).shared)
            for i in part
        }
        for p in pairs:
            if p["event"] != event:
                continue
            i, j = story.index(p["a"]), story.index(p["b"])
            out[p["id"]] = {
                "rule_edge": frozenset((i, j)) in rule_edges,
                "model_edge": frozenset((i, j)) in model_edges,
                "rule_group": i in rule_group and rule_group.get(j) == rule_group[i],
                "model_group": i in model_group and model_group.get(j) == model_group[i],
            }
    return out


def scores(pairs: list[dict[str, Any]], linked: dict[str, bool]) -> dict[str, float]:
    """Weighted precision and recall of `linked` against the S labels, and the unweighted counts."""
    tp = sum(p["weight"] for p in pairs if linked[p["id"]] and p["label"] == "S")
    fp = sum(p["weight"] for p in pairs if linked[p["id"]] and p["label"] == "D")
    pos = sum(p["weight"] for p in pairs if p["label"] == "S")
    n_tp = sum(1 for p in pairs if linked[p["id"]] and p["label"] == "S")
    n_link = sum(1 for p in pairs if linked[p["id"]])
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "recall": round(tp / pos, 3),
        "linked": n_link,
        "linked_same": n_tp,
        "same": sum(1 for p in pairs if p["label"] == "S"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pairs = load_pairs()
    stories = story_claims({p["event"] for p in pairs}, args.data, args.cache)
    found = decisions(pairs, stories)
    results: dict[str, Any] = {}
    for key in ("rule_edge", "model_edge", "rule_group", "model_group"):
        results[key] = scores(pairs, {k: v[key] for k, v in found.items()})
    bands: dict[str, dict[str, Any]] = {}
    for band in sorted({p["band"] for p in pairs}):
        inside = [p for p in pairs if p["band"] == band]
        bands[band] = {"pairs": len(inside), "same": sum(p["label"] == "S" for p in inside),
                       "band_pairs": inside[0]["band_pairs"]}  # fmt: skip
        for key in ("rule_edge", "model_edge"):
            bands[band][key + "_same"] = sum(found[p["id"]][key] and p["label"] == "S" for p in inside)
            bands[band][key + "_different"] = sum(found[p["id"]][key] and p["label"] == "D" for p in inside)
    labels = Counter(p["label"] for p in pairs)
    payload = {"pairs": len(pairs), "labels": dict(labels), "events": len({p["event"] for p in pairs}),
               "results": results, "bands": bands, "seconds": round(time.perf_counter() - started, 1),
               "machine": machine()}  # fmt: skip
    rows = [
        [
            k.replace("_", " "),
            f"{v['precision']:.3f}",
            f"{v['recall']:.3f}",
            f"{v['linked_same']}/{v['linked']}",
        ]
        for k, v in results.items()
    ]
    band_rows = [
        [
            b,
            str(v["band_pairs"]),
            f"{v['same']}/{v['pairs']}",
            f"{v['rule_edge_same']} / {v['rule_edge_different']}",
            f"{v['model_edge_same']} / {v['model_edge_different']}",
        ]
        for b, v in bands.items()
    ]
    md = "\n".join(
        [
            "# Shared pairs: does a linked pair of claims say one fact?",
            "",
            f"{len(pairs)} hand-labelled pairs over {payload['events']} Giveme5W1H events: "
            f"{labels['S']} S (one fact), {labels['D']} D. Precision and recall weighted by band size.",
            "",
            *markdown_table(["decision", "precision", "recall", "S linked / linked"], rows),
            "",
            *markdown_table(
                ["band", "candidate pairs", "S / drawn", "rule links S / D", "model links S / D"], band_rows
            ),
            "",
        ]
    )
    print(md)
    if not args.no_write:
        write_results("shared_pairs", payload, md)


if __name__ == "__main__":
    main()
