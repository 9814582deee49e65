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

A second set, ``benchmarks/data/shared_pairs_low.jsonl`` (120 pairs), is drawn below the floors where the
edge model decides (best matches at cosine 0.50 up to 0.62 mutual, 0.68 otherwise, in no shared group,
over all 59 events of two or more articles), from two bands of pairs a reader might expect to be one
fact: those giving one figure (``shared_figure``: an amount, a count of ten or more, a percentage; not a
year, a clock time or a number in a name such as "Falcon 9") and those sharing rare words (the edge
model's ``wmin`` ≥ 0.45). The aligner links none of them, by construction; the section says how many
are one fact all the same (the recall the aligner leaves there) and how well the edge model's features,
its probability included, would sort them if the floors were lowered (ROC AUC within the bands).

    .venv/bin/python benchmarks/shared_pairs.py
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import json
import re
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
LOW_PAIRS = ROOT / "benchmarks" / "data" / "shared_pairs_low.jsonl"
# A figure as the low bands were drawn: digits with an optional currency, scale word or percent sign
FIGURE = re.compile(
    r"(?<![\w.,-])(\$|£|€)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(million|billion|trillion|thousand|bn|m)\b)?(\s*(?:%|percent|per cent))?"
)
NAME_BEFORE = re.compile(r"(?:[A-Z][\w-]*|No\.|number|#)[ -]$")  # "Pixel 2", "Flight 175", "No. 3"
SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


@dataclass
class StoryClaims:
    """One event's claims as align gets them."""

    event: str
    claims: list[Any]
    vectors: Any
    outlet_of: dict[str, str]
    texts: list[str]

    def find(self, side: dict[str, Any]) -> int | None:
        """The claim of this outlet with this text (the low-band pairs were drawn from another run's ids)."""
        return next(
            (i for i, t in enumerate(self.texts)
             if t == side["text"] and self.outlet_of[self.claims[i].article] == side["outlet"]),
            None,
        )  # fmt: skip

    def index(self, side: dict[str, Any]) -> int:
        """The claim at the pair's offsets, else the outlet's claim with its text (a change in cleaning
        moves offsets); KeyError when the annotation now cuts the claim otherwise."""
        key = (side["article"], side["start"], side["end"])
        for i, c in enumerate(self.claims):
            if (c.article, c.start, c.end) == key:
                return i
        found = self.find(side)
        if found is None:
            raise KeyError(f"{self.event}: no claim {key} (annotation changed since the pairs were drawn?)")
        return found


def figures(text: str) -> frozenset[str]:
    """The figures a claim gives, one spelling each ("$5 billion" and "$5bn" alike): amounts with a
    currency, scale or percent, and bare counts of ten or more that are no year, clock time or name."""
    out = set()
    for m in FIGURE.finditer(text):
        currency, number, scale, percent = m.groups()
        if NAME_BEFORE.search(text[max(0, m.start() - 25) : m.start()]) and not currency:
            continue
        value = float(number.replace(",", ""))
        if not (currency or scale or percent):
            plain_year = 1900 <= value <= 2100 and not {".", ","} & set(number)
            clock = re.match(r"\s*(?:am|pm|a\.m|p\.m|:)", text[m.end() : m.end() + 5])
            if value < 10 or plain_year or clock:
                continue
        value *= SCALE.get((scale or "").lower(), 1.0)
        out.add(("%" if percent else "") + ("$" if currency else "") + f"{value:g}")
    return frozenset(out)


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
            try:
                i, j = story.index(p["a"]), story.index(p["b"])
            except KeyError:
                continue  # the claims are cut otherwise now: the pair is left out and counted
            out[p["id"]] = {
                "rule_edge": frozenset((i, j)) in rule_edges,
                "model_edge": frozenset((i, j)) in model_edges,
                "rule_group": i in rule_group and rule_group.get(j) == rule_group[i],
                "model_group": i in model_group and model_group.get(j) == model_group[i],
            }
    return out


def low_band_rows(pairs: list[dict[str, Any]], stories: dict[str, StoryClaims]) -> list[dict[str, Any]]:
    """Each labelled low-band pair as the shipped aligner sees it: its edge features, the edge model's
    probability were the floors lowered, whether it links or groups the pair, and a figure both give."""
    from parallax.compare.align import _StoryWords, align, edge_features, edge_model

    model = edge_model()
    rows = []
    for event, story in stories.items():
        inside = [p for p in pairs if p["event"] == event]
        if not inside:
            continue
        sim, groups = similarity(story)
        words = _StoryWords(story.texts)
        group_of = {
            i: g
            for g, part in enumerate(align(story.claims, story.vectors, story.outlet_of, story.texts).shared)
            for i in part
        }
        for p in inside:
            i, j = story.find(p["a"]), story.find(p["b"])
            if i is None or j is None:
                continue  # the annotation cut this claim otherwise since the draw
            rows_i, cols_j = np.flatnonzero(groups == groups[i]), np.flatnonzero(groups == groups[j])
            block = sim[np.ix_(rows_i, cols_j)]
            r, c = int(np.flatnonzero(rows_i == i)[0]), int(np.flatnonzero(cols_j == j)[0])
            mutual = int(block[r].argmax()) == c and int(block[:, c].argmax()) == r
            features = edge_features(block, r, c, mutual, words, i, j)
            rows.append({
                "id": p["id"], "band": p["band"], "band_pairs": p["band_pairs"], "same": p["label"] == "S",
                "grouped": i in group_of and group_of.get(j) == group_of[i],
                "probability": model.probability(features), "mutual": mutual, "cos": features["cos"],
                "shared_figure": bool(figures(p["a"]["text"]) & figures(p["b"]["text"])),
            })  # fmt: skip
    return rows


def auc(scores: list[float], positive: list[bool]) -> float | None:
    """ROC AUC of the scores for the positive items (ties count half); None with one class only."""
    pos = [s for s, y in zip(scores, positive, strict=True) if y]
    neg = [s for s, y in zip(scores, positive, strict=True) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 3)


def low_band_summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for band in sorted({r["band"] for r in rows}):
        inside = [r for r in rows if r["band"] == band]
        same = [r["same"] for r in inside]
        mutual = [r for r in inside if r["mutual"]]
        out[band] = {
            "band_pairs": inside[0]["band_pairs"], "pairs": len(inside), "same": sum(same),
            "grouped": sum(r["grouped"] for r in inside),
            "same_estimated": round(inside[0]["band_pairs"] * sum(same) / len(inside)),
            "auc_probability": auc([r["probability"] for r in inside], same),
            "auc_cosine": auc([r["cos"] for r in inside], same),
            "mutual": len(mutual), "mutual_same": sum(r["same"] for r in mutual),
            "with_figure": sum(r["shared_figure"] for r in inside),
            "with_figure_same": sum(r["same"] for r in inside if r["shared_figure"]),
        }  # fmt: skip
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
    low = load_pairs(LOW_PAIRS) if LOW_PAIRS.exists() else []
    stories = story_claims({p["event"] for p in pairs + low}, args.data, args.cache)
    found = decisions(pairs, stories)
    drawn_pairs = len(pairs)
    pairs = [p for p in pairs if p["id"] in found]  # a pair whose claims are cut otherwise now is left out
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
    low_rows = low_band_rows(low, stories)
    low_bands = low_band_summary(low_rows)
    payload = {"pairs": len(pairs), "pairs_drawn": drawn_pairs, "labels": dict(labels),
               "events": len({p["event"] for p in pairs}),
               "results": results, "bands": bands, "low_bands": low_bands, "low_pairs_found": len(low_rows),
               "seconds": round(time.perf_counter() - started, 1), "machine": machine()}  # fmt: skip
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
            f"{labels['S']} S (one fact), {labels['D']} D. Precision and recall weighted by band size."
            + (
                f" {drawn_pairs - len(pairs)} of the {drawn_pairs} pairs are left out: the annotation now "
                "cuts one of their claims otherwise."
                if drawn_pairs > len(pairs)
                else ""
            ),
            "",
            *markdown_table(["decision", "precision", "recall", "S linked / linked"], rows),
            "",
            *markdown_table(
                ["band", "candidate pairs", "S / drawn", "rule links S / D", "model links S / D"], band_rows
            ),
            "",
            *low_band_markdown(low_bands, len(low), len(low_rows)),
        ]
    )
    print(md)
    if not args.no_write:
        write_results("shared_pairs", payload, md)


def low_band_markdown(bands: dict[str, dict[str, Any]], drawn: int, found: int) -> list[str]:
    if not bands:
        return []
    rows = [
        [
            b,
            str(v["band_pairs"]),
            f"{v['same']}/{v['pairs']}",
            str(v["same_estimated"]),
            str(v["grouped"]),
            f"{v['mutual_same']}/{v['mutual']}",
            f"{v['with_figure_same']}/{v['with_figure']}",
            str(v["auc_probability"]),
            str(v["auc_cosine"]),
        ]
        for b, v in bands.items()
    ]
    return [
        "## Below the floors: pairs the aligner never links",
        "",
        f"`shared_pairs_low.jsonl`: {drawn} labelled pairs, {found} found in this run's claims. S / drawn "
        "is the share a reader judged one fact; the estimate scales it to the band's candidate pairs; AUC "
        "is how well the edge model's probability (or the cosine) would sort S above D within the band.",
        "",
        *markdown_table(
            [
                "band",
                "candidate pairs",
                "S / drawn",
                "S pairs (est.)",
                "grouped now",
                "mutual S / n",
                "shared figure S / n",
                "AUC model p",
                "AUC cosine",
            ],
            rows,
        ),
        "",
    ]


if __name__ == "__main__":
    main()
