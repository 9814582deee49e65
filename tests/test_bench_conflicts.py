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


# ---------------------------------------------------------------- the pairs inside their whole articles

ARTICLE = (
    "Boat hits bridge\nA tourist boat struck a bridge on the Rhine on Tuesday. "
    "Police said 25 people were injured. “We were lucky,” a passenger said.\n"
    "The captain was questioned. Divers searched the river."
)


def test_a_passage_is_placed_verbatim_normalised_by_sentence_or_closest() -> None:
    exact = bc.place("Police said 25 people were injured.", ARTICLE)
    assert exact is not None and exact.how == "exact"
    ((start, end),) = exact.spans
    assert ARTICLE[start:end] == "Police said 25 people were injured."
    quoted = bc.place('"We were lucky,"  a passenger said.', ARTICLE)
    assert quoted is not None and quoted.how == "normalised"
    assert ARTICLE[quoted.spans[0][0] : quoted.spans[0][1]] == "“We were lucky,” a passenger said."
    apart = bc.place(
        "A tourist boat struck a bridge on the Rhine on Tuesday. The captain was questioned.", ARTICLE
    )
    assert apart is not None and apart.how == "by sentence" and len(apart.spans) == 2
    close = bc.place("Police said 27 people were injured.", ARTICLE)
    assert close is not None and close.how == "fuzzy" and close.ratio >= bc.FUZZY_MIN
    assert ARTICLE[close.spans[0][0] : close.spans[0][1]] == "Police said 25 people were injured."
    assert bc.place("An earthquake shook the island of Qeshm overnight.", ARTICLE) is None


def test_an_edit_replaces_the_sentence_it_was_edited_from() -> None:
    edited, ratio = bc.edit_in("Police said 27 people were injured.", ARTICLE)
    assert ratio >= bc.FUZZY_MIN
    assert "Police said 27 people were injured." in edited and "25 people" not in edited
    assert edited.count("\n") == ARTICLE.count("\n")  # the rest of the article is untouched
    unchanged, low = bc.edit_in("An earthquake shook the island of Qeshm overnight.", ARTICLE)
    assert unchanged == ARTICLE and low < bc.FUZZY_MIN


def _pair(source: str, b_outlet: str = "B") -> object:
    return bc.Pair("p", source, "A", "x", None, b_outlet, "y", None, True, "number", False, "")


def test_source_articles_by_id_or_prefix_and_the_pairs_cut_from_one_article() -> None:
    sets = {
        "ecbplus": {i: bc.Source(i, i, None) for i in ("8_1ecb", "8_1ecbplus", "8_2ecb")},
        "giveme5w1h": {
            "a02120ff": bc.Source("a02120ff", "t", "2017-12-27"),
            "d65eae00": bc.Source("d65eae00", "u", None),
        },
    }
    found, why = bc.source_articles(_pair("ecbplus:8_1ecb,8_2ecb"), sets)  # "8_1ecb" is whole, not a prefix
    assert why == "" and [s.id for s in found] == ["8_1ecb", "8_2ecb"]
    found, why = bc.source_articles(_pair("giveme5w1h:d65eae,a02120"), sets)
    assert why == "" and [s.id for s in found] == ["d65eae00", "a02120ff"]  # A's article first
    assert bc.source_articles(_pair("giveme5w1h:d65eae"), sets) == ([], "one source article")
    assert bc.source_articles(_pair("ecbplus:9_1ecb,8_2ecb"), sets)[1].startswith("ecbplus id '9_1ecb'")
    assert bc.source_articles(_pair("giveme5w1h:a,b"), {})[1] == "giveme5w1h data absent"


def test_the_pair_is_found_when_one_finding_cites_both_passages() -> None:
    from parallax.model import Annotations, Article, Finding, Report, Side, Span, Story

    a, b = Article("ida", "a", "x" * 100, outlet="A"), Article("idb", "b", "y" * 100, outlet="B")
    on_both = Finding(
        "conflict",
        "A gives 25, B gives 27.",
        (),
        sides=(Side("ida", "", (Span("ida", 10, 20),)), Side("idb", "", (Span("idb", 50, 60),))),
        conflict_type="number",
    )
    beside = Finding(
        "conflict",
        "A spells it X, B Y.",
        (),
        sides=(Side("ida", "", (Span("ida", 80, 90),)), Side("idb", "", (Span("idb", 45, 48),))),
        conflict_type="name",
    )
    shared = Finding("shared", "same", (Span("ida", 10, 20), Span("idb", 50, 60)))
    where = [bc.Placement(((15, 30),), "exact"), bc.Placement(((0, 5), (40, 52)), "by sentence")]
    one = Report((a, b), Annotations(), (Story("s1", ("ida", "idb"), (on_both, beside, shared)),))
    found = bc.judge_report(one, ["ida", "idb"], where)
    assert found["predicted"] and found["predicted_types"] == ("number",) and not found["split"]
    assert [(o["type"], o["touches_passage"]) for o in found["others"]] == [("name", True)]
    split = Report((a, b), Annotations(), (Story("s1", ("ida",)), Story("s2", ("idb",))))
    found = bc.judge_report(split, ["ida", "idb"], where)
    assert not found["predicted"] and found["split"] and found["stories"] == 2


def test_whole_article_scores_count_the_skipped_and_each_other_flag_once() -> None:
    flag = {"type": "name", "text": "A spells it X, B Y.", "sides": [], "touches_passage": False}
    outcomes = [
        bc.WholeOutcome(
            "t1",
            True,
            "number",
            False,
            2,
            "compared",
            placed=("exact", "fuzzy"),
            predicted=True,
            predicted_types=("number",),
            others=(flag,),
            articles=("x", "y"),
        ),
        bc.WholeOutcome(
            "t2",
            False,
            "none",
            False,
            2,
            "compared",
            placed=("exact", "exact"),
            others=(flag,),
            articles=("x", "y"),
            split=True,
        ),
        bc.WholeOutcome("t3", True, "date", True, 1, "one article", reason="one source article"),
        bc.WholeOutcome("t4", True, "attribution", True, 1, "not placed", reason="edited B: …"),
    ]
    result = bc.score_whole(outcomes)
    assert (
        result["compared"] == 2
        and result["one_article"] == ["t3"]
        and result["not_placed"] == {"t4": "edited B: …"}
    )
    assert result["scores"]["overall"]["tp"] == 1 and result["scores"]["overall"]["tn"] == 1
    assert result["scores"]["synthetic"]["pairs"] == 0  # skipped pairs are not scored
    assert result["placed"] == {"exact": 3, "normalised": 0, "by sentence": 0, "fuzzy": 1}
    assert result["split"] == ["t2"] and [f["pairs"] for f in result["other_flags"]] == [["t1", "t2"]]
    assert result["wrong"] == []
