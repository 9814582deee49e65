"""The clustering benchmark's B-cubed scorer and helpers on small hand-made labelings (no data or models)."""

from __future__ import annotations

import pytest
from conftest import load_benchmark

bc = load_benchmark("clustering")

GOLD = ["a", "a", "b", "b", "b"]


def test_perfect_clustering_scores_one_whatever_the_label_names() -> None:
    assert bc.bcubed(GOLD, [7, 7, 3, 3, 3]) == pytest.approx((1.0, 1.0, 1.0))


def test_all_in_one_cluster_has_full_recall() -> None:
    # precision per item: 2/5 for the two a's, 3/5 for the three b's -> (4/5 + 9/5) / 5 = 13/25
    precision, recall, f1 = bc.bcubed(GOLD, [0] * 5)
    assert precision == pytest.approx(13 / 25)
    assert recall == pytest.approx(1.0)
    assert f1 == pytest.approx(2 * (13 / 25) / (13 / 25 + 1))  # 13/19


def test_all_singletons_have_full_precision() -> None:
    # recall per item: 1/2 for the a's, 1/3 for the b's -> (2 * 1/2 + 3 * 1/3) / 5 = 2/5
    precision, recall, f1 = bc.bcubed(GOLD, [0, 1, 2, 3, 4])
    assert precision == pytest.approx(1.0)
    assert recall == pytest.approx(2 / 5)
    assert f1 == pytest.approx(4 / 7)


def test_mixed_case_computed_by_hand() -> None:
    # gold a a a | b b; predicted 1 1 | 2 2 2 (the third a lands with the b's)
    # precision: 1, 1, 1/3, 2/3, 2/3 -> 11/15;  recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    precision, recall, f1 = bc.bcubed(["a", "a", "a", "b", "b"], [1, 1, 2, 2, 2])
    assert (precision, recall, f1) == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_asymmetric_mixed_case_computed_by_hand() -> None:
    # gold a a | b b b | c; predicted x x x | y y | y (one b joins the a's, c joins two b's)
    # precision: 2/3, 2/3, 1/3, 2/3, 2/3, 1/3 -> 10/3 / 6 = 5/9
    # recall:    1, 1, 1/3, 2/3, 2/3, 1     -> 14/3 / 6 = 7/9
    precision, recall, f1 = bc.bcubed(["a", "a", "b", "b", "b", "c"], ["x", "x", "x", "y", "y", "y"])
    assert precision == pytest.approx(5 / 9)
    assert recall == pytest.approx(7 / 9)
    assert f1 == pytest.approx(2 * (5 / 9) * (7 / 9) / (5 / 9 + 7 / 9))  # 35/54


def test_bcubed_edge_cases() -> None:
    assert bc.bcubed([], []) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError):
        bc.bcubed(["a"], [1, 2])


def test_labels_of_makes_leftover_items_singletons() -> None:
    assert bc.labels_of([[0, 2], [1]], 5) == [0, 1, 0, 2, 3]


def test_similar_event_merges_counts_topics_with_two_events_in_one_cluster() -> None:
    topics = ["t1", "t1", "t1", "t2", "t2", "t3"]
    gold = ["e1", "e1", "e2", "e3", "e4", "e5"]
    predicted = [0, 0, 0, 1, 2, 3]  # t1's two events merged, t2's kept apart, t3 has one event
    found = bc.similar_event_merges(topics, gold, predicted)
    assert found["topics"] == 2
    assert found["topics_merged"] == 1
    assert found["share_topics_merged"] == pytest.approx(0.5)
    assert found["cross_event_pairs"] == 3  # (0,2), (1,2) in t1 and (3,4) in t2
    assert found["share_cross_event_pairs_joined"] == pytest.approx(2 / 3)


def test_lead_text_keeps_title_and_first_sentences() -> None:
    item = bc.Item("1", "Big news", "Big news\nOne. Two! Three? Four.", "e")
    assert bc.lead_text(item, sentences=2) == "Big news One. Two!"


def test_the_cross_fitted_stream_is_reported_when_the_model_file_has_it() -> None:
    assert bc.crossfit_stream_note({}) == ""
    note = bc.crossfit_stream_note({"ecbplus": {"f1": 0.8861, "precision": 0.85}, "uci": {"f1": 0.947}})
    assert "incremental" in note and "ecbplus 0.886, uci 0.947" in note
