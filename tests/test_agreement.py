"""The inter-annotator agreement script: the second reader's files and the kappa function (no model)."""

from __future__ import annotations

import json
import math

import pytest
from conftest import load_benchmark

ag = load_benchmark("agreement")
bb = load_benchmark("brief")


@pytest.mark.parametrize("name", ["brief_audit", "shared_pairs"])
def test_the_second_reader_labels_every_item_of_the_first_set_once(name: str) -> None:
    spec = ag.SETS[name]
    first = [r["id"] for r in ag.read_jsonl(spec["first"])]
    second = ag.read_jsonl(spec["second"])
    ids = [r["id"] for r in second]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(first)
    for r in second:
        assert set(r) == {"id", "label", "note"}, r["id"]
        assert r["label"] in spec["labels"], r["id"]
        if name == "brief_audit":
            assert r["label"] == "ok" or r["note"], r["id"]  # every bad label says what is wrong


def test_the_brief_classes_are_the_benchmarks() -> None:
    assert set(ag.BRIEF_CLASSES) == {"ok", *bb.CLASSES}


def test_the_review_covers_exactly_the_disagreements() -> None:
    review = json.loads(ag.REVIEW.read_text(encoding="utf-8"))
    for name, spec in ag.SETS.items():
        first = {r["id"]: r["label"] for r in ag.read_jsonl(spec["first"])}
        second = {r["id"]: r["label"] for r in ag.read_jsonl(spec["second"])}
        disagree = {i for i in first if first[i] != second[i]}
        assert set(review[name]) == disagree, name
        assert {v["verdict"] for v in review[name].values()} <= set(ag.REVIEW_VERDICTS)


def test_kappa_is_one_for_perfect_agreement() -> None:
    assert ag.cohen_kappa(list("aabbc"), list("aabbc")) == 1.0
    assert ag.cohen_kappa(["S"] * 4, ["S"] * 4) == 1.0  # one label throughout: chance agreement is 1


def test_kappa_of_a_textbook_two_by_two_table() -> None:
    # 50 items: both yes 20, first yes / second no 5, first no / second yes 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
    first = ["y"] * 25 + ["n"] * 25
    second = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert math.isclose(ag.cohen_kappa(first, second), 0.4)


def test_kappa_is_zero_at_chance_and_minus_one_for_balanced_opposites() -> None:
    assert math.isclose(ag.cohen_kappa(list("aabb"), list("abab")), 0.0)
    assert math.isclose(ag.cohen_kappa(list("abab"), list("baba")), -1.0)


def test_kappa_matches_scikit_learn_on_a_three_class_example() -> None:
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    first = list("aaabbbcccaabbc")
    second = list("aabbbcccaabbca")
    assert math.isclose(ag.cohen_kappa(first, second), sklearn_metrics.cohen_kappa_score(first, second))


def test_kappa_rejects_lists_of_different_length() -> None:
    with pytest.raises(ValueError):
        ag.cohen_kappa(["a"], ["a", "b"])
