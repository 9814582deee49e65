"""The conflicts benchmark's scoring helpers and its labelled set's shape (no models)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load_benchmark

bc = load_benchmark("conflicts")


def outcome(gold: bool, types: tuple[str, ...], kind: str = "number", synthetic: bool = False) -> object:
    return bc.Outcome("x", gold, kind if gold else "none", synthetic, bool(types), types, 1, 0.1)


def test_prf_counts_and_undefined_cases() -> None:
    assert bc.prf(8, 2, 2) == {"tp": 8, "fp": 2, "fn": 2, "precision": 0.8, "recall": 0.8, "f1": 0.8}
    assert bc.prf(0, 0, 3)["precision"] == 0.0
    assert bc.prf(0, 0, 0)["f1"] == 0.0


def test_score_is_pair_level_and_checks_the_type() -> None:
    outcomes = [
        outcome(True, ("number",)),  # TP, right type
        outcome(True, ("negation",)),  # TP, wrong type
        outcome(True, ()),  # FN
        outcome(False, ("date", "date")),  # FP, counted once
        outcome(False, ()),  # TN
    ]
    s = bc.score(outcomes)
    assert (s["tp"], s["fp"], s["fn"], s["tn"], s["pairs"]) == (2, 1, 1, 1, 5)
    assert s["tp_type_correct"] == 1
    assert s["precision"] == pytest.approx(0.667, abs=1e-3)
    assert s["recall"] == pytest.approx(0.667, abs=1e-3)
    assert s["met"] is False


def test_by_gold_type_and_by_predicted_type() -> None:
    outcomes = [
        outcome(True, ("number",)),
        outcome(True, (), kind="date"),
        outcome(False, ("number",)),
        outcome(False, ()),
    ]
    gold = bc.by_gold_type(outcomes)
    assert gold["number"] == {"pairs": 1, "flagged": 1, "type_correct": 1, "rate": 1.0, "measure": "recall"}
    assert gold["date"]["rate"] == 0.0
    assert gold["none"]["measure"] == "false-alarm rate" and gold["none"]["rate"] == 0.5
    predicted = bc.by_predicted_type(outcomes)
    assert predicted["number"] == {"pairs": 2, "on_conflicts": 1, "same_gold_type": 1, "precision": 0.5}


def test_as_one_story_swaps_in_the_diagnostic_prediction() -> None:
    o = bc.Outcome("x", True, "date", True, False, (), 2, 0.1, (), ("date",), 0.7)
    (forced,) = bc.as_one_story([o])
    assert forced.predicted and forced.predicted_types == ("date",)


def test_the_labelled_set_is_well_formed(tmp_path: Path) -> None:
    pairs = bc.load_pairs(bc.DEFAULT_SET)
    assert 80 <= len(pairs) <= 160
    assert len({p.id for p in pairs}) == len(pairs)
    added = [p for p in pairs if p.batch == 2]
    assert {p.batch for p in pairs} == {1, 2} and len(added) >= 25
    assert not any(p.synthetic for p in added)  # the added pairs are real excerpts only
    assert {p.conflict for p in added} == {True, False}
    for p in pairs:
        assert p.type in (*bc.TYPES, "none")
        assert p.conflict == (p.type != "none"), p.id
        assert p.a_outlet != p.b_outlet, p.id  # the same outlet is never compared with itself
        assert p.source.split(":")[0] in {"ecbplus", "giveme5w1h"}
    path = tmp_path / "one.jsonl"
    row: dict[str, object] = {"id": "i", "source": "ecbplus:1_1ecb", "a": {"outlet": "A", "text": "x"}}
    row |= {"b": {"outlet": "B", "text": "y", "published": "2020-01-01"}, "conflict": False}
    path.write_text(json.dumps(row | {"type": "none", "synthetic": True, "note": ""}) + "\n")
    (loaded,) = bc.load_pairs(path)
    assert loaded.a_published is None and loaded.b_published == "2020-01-01" and loaded.synthetic
    assert loaded.batch == 1  # a record without "batch" belongs to the first set


def test_whole_story_flags_are_looked_up_by_event_type_and_sides_in_any_order() -> None:
    labels = {
        bc._flag_key(3, "name", [["x_2", 5, 9], ["x_1", 0, 4]]): {"conflict": True},
        bc._flag_key(4, "date", [["y_1", 0, 4], ["y_2", 1, 3]]): {"conflict": False},
    }
    flags = [
        {"event": 3, "type": "name", "sides": [["x_1", 0, 4], ["x_2", 5, 9]]},
        {"event": 4, "type": "date", "sides": [["y_2", 1, 3], ["y_1", 0, 4]]},
        {"event": 4, "type": "negation", "sides": [["y_2", 1, 3], ["y_1", 0, 4]]},
    ]
    scored = bc.score_flags(flags, labels)
    assert scored["all"] == {"flagged": 3, "true": 1, "false": 1, "unchecked": 1, "precision": 0.5}
    assert scored["by_type"]["negation"]["precision"] is None
    labelled = bc.load_labels(bc.BASIL_LABELS)
    assert labelled and all(isinstance(row["conflict"], bool) and row["reason"] for row in labelled.values())
