"""The shared-pairs benchmark's own helpers (benchmarks/shared_pairs.py): the figures the low bands were
drawn by, the ROC AUC it reports, and the labelled low-band set it reads."""

from __future__ import annotations

import json

from conftest import load_benchmark

sp = load_benchmark("shared_pairs")


def test_figures_are_amounts_and_counts_not_years_times_or_names() -> None:
    assert sp.figures("Goldman will take a $5 billion hit") == sp.figures("knock $5bn off its profit")
    assert sp.figures("at least 84 people, including 10 children") == {"84", "10"}
    assert sp.figures("rose 12.8 percent") == {"%12.8"}
    assert sp.figures("the Pixel 2 update, Flight 175 and the Falcon 9") == frozenset()
    assert sp.figures("in 2016 at 11:36am, three times") == frozenset()


def test_auc_counts_ties_half_and_needs_both_classes() -> None:
    assert sp.auc([0.9, 0.8, 0.1], [True, True, False]) == 1.0
    assert sp.auc([0.5, 0.5], [True, False]) == 0.5
    assert sp.auc([0.2, 0.9], [True, False]) == 0.0
    assert sp.auc([0.3], [True]) is None


def test_the_low_band_set_is_labelled_and_in_its_two_bands() -> None:
    rows = [json.loads(line) for line in sp.LOW_PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 120 and len({r["id"] for r in rows}) == 120
    assert {r["label"] for r in rows} == {"S", "D"}
    assert {r["band"] for r in rows} == {"low-figure", "low-words"}
    figure = [r for r in rows if r["band"] == "low-figure"]
    assert all(sp.figures(r["a"]["text"]) & sp.figures(r["b"]["text"]) for r in figure)
