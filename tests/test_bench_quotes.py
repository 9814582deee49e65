"""The PolNeAR quote benchmark's reader and scorer on small hand-made spans (no data, spaCy or textacy)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

bq = load_benchmark("quotes")
# The module is loaded from a path, so its classes are Any to the type checker.
Extent: Any = bq.Extent
Attribution: Any = bq.Attribution

TEXT = (
    "“We will win,” Smith said on Monday.\n"
    "The senator stated that taxes would rise, calling it “a shame.”\n"
    "Jones added, “No.”"
)


def at(text: str, piece: str, nth: int = 0) -> Any:
    """The extent of the nth occurrence of piece in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Extent.of([(start, start + len(piece))])


def attribution(content: str, cue: str | None = None, source: str | None = None, label: str = "") -> Any:
    return Attribution(
        at(TEXT, content),
        at(TEXT, cue) if cue else None,
        at(TEXT, source) if source else None,
        label,
    )


# ---------------------------------------------------------------- spans and the text rule


def test_extent_sorts_and_merges_fragments() -> None:
    extent = Extent.of([(30, 40), (0, 10), (8, 12), (12, 15)])
    assert extent.fragments == ((0, 15), (30, 40))
    assert (extent.start, extent.end) == (0, 40)


def test_quoted_regions_pairs_curly_straight_and_doubled_apostrophes() -> None:
    text = "a “b” c \"d\" e ''f'' g ” h"
    assert [text[s:e] for s, e in bq.quoted_regions(text)] == ["“b”", '"d"', "''f''"]


def test_unclosed_quote_runs_to_its_paragraph_end_only() -> None:
    text = "He said: “First part\n“Second part.”"
    assert [text[s:e] for s, e in bq.quoted_regions(text)] == ["“First part", "“Second part.”"]


def test_text_class_by_share_of_quoted_letters() -> None:
    index = bq.TextIndex(TEXT)
    assert bq.text_class(index, at(TEXT, "We will win")) == "direct"  # marks outside the span still count
    assert bq.text_class(index, at(TEXT, "“No.”")) == "direct"
    assert bq.text_class(index, at(TEXT, "taxes would rise")) == "indirect"
    # 6 of 23 letters quoted: a paraphrase with a partial quote stays indirect
    assert bq.text_class(index, at(TEXT, "taxes would rise, calling it “a shame.”")) == "indirect"


def test_exact_key_trims_punctuation_quote_marks_and_spaces() -> None:
    gold, pred = at(TEXT, "“We will win,”"), at(TEXT, "We will win")
    assert bq.exact_key(TEXT, gold) == bq.exact_key(TEXT, pred)
    assert bq.exact_key(TEXT, at(TEXT, "that taxes would rise")) != bq.exact_key(
        TEXT, at(TEXT, "taxes would rise")
    )


def test_shared_counts_letters_in_the_overlap_of_fragments() -> None:
    index = bq.TextIndex("ab cd, ef")
    split = Extent.of([(0, 2), (7, 9)])  # "ab" and "ef"
    assert bq.shared(index, split, Extent.of([(0, 9)])) == 4
    assert bq.shared(index, split, Extent.of([(2, 6)])) == 0  # " cd," lies between the fragments
    assert bq.shared(index, Extent.of([(5, 7)]), Extent.of([(4, 8)])) == 0  # ", " has no letter


# ---------------------------------------------------------------- matching


def test_match_is_one_to_one() -> None:
    # one prediction overlapping two golds counts for one of them only: the one it overlaps more
    scores = {(0, 0): 3, (1, 0): 5}
    assert bq.match(2, 1, lambda g, p: scores.get((g, p), 0)) == {1: 0}


def test_match_is_maximum_not_greedy() -> None:
    # gold 0 prefers pred 0, but only pred 0 fits gold 1: the augmenting path gives both a match
    scores = {(0, 0): 9, (0, 1): 1, (1, 0): 2}
    assert bq.match(2, 2, lambda g, p: scores.get((g, p), 0)) == {0: 1, 1: 0}


def test_prf_counts_and_empty_cases() -> None:
    assert bq.prf(0, 0, 0, 0)["f1"] == 0.0
    figures = bq.prf(3, 4, 3, 6)
    assert figures["p"] == pytest.approx(0.75)
    assert figures["r"] == pytest.approx(0.5)
    assert figures["f1"] == pytest.approx(0.6)


# ---------------------------------------------------------------- scoring an article


GOLD = [
    attribution("“We will win,”", "said", "Smith"),
    attribution("that taxes would rise, calling it “a shame.”", "stated", "The senator"),
    attribution("“No.”", "added", "Jones"),
]


def score(
    pred: list[Attribution], gold: list[Attribution] | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    scorer = bq.Scorer()
    scorer.add(bq.TextIndex(TEXT), gold if gold is not None else GOLD, pred)
    metrics: dict[str, dict[str, dict[str, float]]] = scorer.summary()["metrics"]
    return metrics


def test_perfect_prediction_scores_one_everywhere() -> None:
    metrics = score(list(GOLD))
    for name, figures in metrics.items():
        assert figures["all"]["f1"] == pytest.approx(1.0), name


def test_exact_versus_overlap_and_classes() -> None:
    pred = [
        attribution("We will win", "said", "Smith"),  # exact after trimming
        attribution("taxes would rise", "stated", "senator"),  # overlaps only
    ]
    metrics = score(pred)
    content_exact, content_overlap = metrics["content/exact"], metrics["content/overlap"]
    assert content_exact["all"]["pred_hit"] == 1
    assert content_overlap["all"]["pred_hit"] == 2
    assert content_overlap["all"]["p"] == pytest.approx(1.0)
    assert content_overlap["all"]["r"] == pytest.approx(2 / 3)
    # recall by gold class: 1 of 2 direct golds, 1 of 1 indirect gold
    assert content_overlap["direct"]["r"] == pytest.approx(0.5)
    assert content_overlap["indirect"]["r"] == pytest.approx(1.0)
    # the senator's source overlaps ("senator" inside "The senator") but is not exact
    assert metrics["source/exact"]["all"]["pred_hit"] == 1
    assert metrics["source/overlap"]["all"]["pred_hit"] == 2
    assert metrics["cue/exact"]["all"]["pred_hit"] == 2
    assert metrics["attribution/overlap"]["all"]["pred_hit"] == 2


def test_same_role_span_counts_once() -> None:
    pred = [
        attribution("We will win", "said", "Smith"),
        Attribution(at(TEXT, "on Monday"), at(TEXT, "said"), at(TEXT, "Smith")),
    ]
    metrics = score(pred)
    assert metrics["source/exact"]["all"]["pred"] == 1
    assert metrics["content/exact"]["all"]["pred"] == 2


def test_matchings_are_attribution_indices() -> None:
    # the second prediction's source duplicates the first's: one source item, owned by attribution 0
    pred = [
        Attribution(at(TEXT, "on Monday"), None, at(TEXT, "Smith")),
        attribution("We will win", "said", "Smith"),
    ]
    scored = bq.Scorer().add(bq.TextIndex(TEXT), GOLD, pred)
    assert scored["pairs"]["source/exact"] == {0: 0}
    assert scored["pairs"]["content/exact"] == {0: 1}
    assert scored["pairs"]["attribution/overlap"] == {0: 1}


def test_attribution_needs_content_and_source() -> None:
    wrong_source = [attribution("We will win", "said", "Jones")]
    no_source = [attribution("We will win", "said")]
    assert score(wrong_source)["attribution/overlap"]["all"]["pred_hit"] == 0
    assert score(no_source)["attribution/overlap"]["all"]["pred_hit"] == 0
    assert score(wrong_source)["content/overlap"]["all"]["pred_hit"] == 1


def test_gold_without_source_needs_a_prediction_without_source() -> None:
    gold = [attribution("taxes would rise", "stated")]
    assert score([attribution("taxes would rise")], gold)["attribution/overlap"]["all"]["f1"] == 1.0
    named = [attribution("taxes would rise", "stated", "The senator")]
    assert score(named, gold)["attribution/overlap"]["all"]["f1"] == 0.0


def test_one_prediction_cannot_match_two_golds() -> None:
    whole = Attribution(Extent.of([(0, len(TEXT))]))
    metrics = score([whole], [attribution("“We will win,”"), attribution("“No.”")])
    assert metrics["content/overlap"]["all"]["gold_hit"] == 1
    assert metrics["content/overlap"]["all"]["r"] == pytest.approx(0.5)


def test_precision_by_own_kind() -> None:
    scorer = bq.Scorer()
    pred = [attribution("We will win", "said", "Smith", "direct"), attribution("on Monday", label="partial")]
    scorer.add(bq.TextIndex(TEXT), GOLD, pred)
    kinds = scorer.summary()["by_own_kind"]
    assert kinds["direct"]["content/overlap_precision"] == 1.0
    assert kinds["partial"]["content/overlap_precision"] == 0.0


def test_group_by_cue_merges_a_quote_split_around_its_cue() -> None:
    text = "“We will,” he said, “win.” Later, “no.”"
    said, he = at(text, "said"), at(text, "he")
    items = [
        (at(text, "We will"), said, he, "direct"),
        (at(text, "win."), said, None, "direct"),
        (at(text, "no."), None, None, "partial"),
    ]
    merged = bq.group_by_cue(items)
    assert len(merged) == 2
    assert [text[s:e] for s, e in merged[0].content.fragments] == ["We will", "win."]
    assert merged[0].source == he
    assert merged[1].label == "partial"


# ---------------------------------------------------------------- PolNeAR files


ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tsome text more\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 40 50\ttext over\n"
    "two lines\n"
    "T6\tCue 35 39\tsays\n"
    "T7\tAttribution-no-source 35 39\tsays\n"
    "T8\tContent 60 70\tsecond bit\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6 Content2:T8\n"
    "T9\tDiscard 80 90\tboilerplate\n"
    "E3\tAttribution-no-source:T10 \n"
)


def test_parse_ann_reads_discontinuous_spans_and_extra_contents() -> None:
    first, second = bq.parse_ann(ANN)
    assert first.content.fragments == ((11, 20), (25, 30))
    assert first.cue == Extent.of([(6, 10)])
    assert first.source == Extent.of([(0, 5)])
    assert second.source is None
    assert second.content.fragments == ((40, 50), (60, 70))


def test_parse_ann_orders_fragments_given_out_of_order() -> None:
    (only,) = bq.parse_ann(
        "T1\tContent 209 236;91 186\tx\nT2\tCue 1 2\tx\nE1\tAttribution:T3 Content:T1 Cue:T2\n"
    )
    assert (only.content.start, only.content.end) == (91, 236)


def test_read_split_keeps_offsets_and_picks_the_first_annotator(tmp_path: Path) -> None:
    for folder in ("text", "attributions"):
        (tmp_path / "dev" / folder).mkdir(parents=True)
    # \r\n must stay two characters: brat offsets count the file's characters as they are
    (tmp_path / "dev" / "text" / "a.txt").write_bytes(b"Hi.\r\nSmith said so.")
    ann = "T1\tSource 5 10\tSmith\nT2\tCue 11 15\tsaid\nT3\tContent 16 18\tso\n"
    ann += "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    (tmp_path / "dev" / "attributions" / "a_00aa.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_ffff.ann").write_text("", encoding="utf-8")
    (sample,) = bq.read_split(tmp_path, "dev", None)
    assert (sample.annotator, sample.annotators) == ("00aa", 2)
    (gold,) = sample.gold
    assert gold.source is not None
    assert sample.text[gold.source.start : gold.source.end] == "Smith"
    assert sample.text[gold.content.start : gold.content.end] == "so"


def test_main_without_data_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bq.main(["--data", str(tmp_path / "missing")]) == 0
    assert "data not found" in capsys.readouterr().out


def test_the_parse_cache_is_keyed_by_the_texts() -> None:
    assert bq.cache_key(["a", "b"]) == bq.cache_key(["a", "b"])
    assert bq.cache_key(["a", "b"]) != bq.cache_key(["ab"])
    assert bq.cache_key(["a"]) != bq.cache_key(["b"])
