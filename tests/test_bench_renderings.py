"""The renderings benchmark (benchmarks/renderings.py): how it draws pairs, weights them back to their
class's share, and the labelled set it reads."""

from __future__ import annotations

import json
from typing import Any

from conftest import load_benchmark

rb = load_benchmark("renderings")


def _item(event: str, drawn: str, label: str, a: str, b: str, population: int = 10) -> dict[str, Any]:
    return {
        "id": rb.pair_id(event, a, b),
        "event": event,
        "half": "tune",
        "a": {"text": a},
        "b": {"text": b},
        "drawn_class": drawn,
        "population": population,
        "label": label,
    }


def test_the_paragraph_around_a_rendering_is_its_own_cut_to_the_limit() -> None:
    body = "First paragraph.\nHe said “we will go” and left.\nLast one."
    start = body.index("we will go")
    assert rb.paragraph_around(body, start, start + 10) == "He said “we will go” and left."
    long_body = "x" * 500 + " the quote " + "y" * 500
    start = long_body.index("the quote")
    cut = rb.paragraph_around(long_body, start, start + 9, limit=100)
    assert "the quote" in cut and len(cut) <= 100


def test_the_draw_keeps_quotas_and_the_per_event_cap() -> None:
    pairs = [
        {"id": f"{e}-{k}", "event": f"e{e}", "drawn_class": cls}
        for e in range(30)
        for k, cls in enumerate(("verbatim", "partial", "verbatim", "minor edit"))
    ]
    chosen = rb.draw(pairs, seed=1)
    by_class: dict[str, int] = {}
    by_event: dict[str, int] = {}
    for item in chosen:
        by_class[item["drawn_class"]] = by_class.get(item["drawn_class"], 0) + 1
        by_event[item["event"]] = by_event.get(item["event"], 0) + 1
    assert by_class == {"verbatim": rb.QUOTAS["verbatim"], "partial": 30, "minor edit": 30}
    assert max(by_event.values()) <= rb.PER_EVENT
    assert {i["population"] for i in chosen if i["drawn_class"] == "verbatim"} == {60}
    assert all(i["label"] == "" for i in chosen)


def test_scores_weight_each_pair_by_its_class_share_and_leave_wrong_groups_out_of_accuracy() -> None:
    items = [
        _item("e1", "verbatim", "verbatim", "we will go", "we will go", population=90),
        _item("e1", "partial", "partial", "we will", "we will go now", population=10),
        _item("e2", "partial", "altered meaning", "we shall leave", "we will go now", population=10),
        _item("e2", "verbatim", "different statements", "it rained", "it rained", population=90),
    ]
    result = rb._scores(items)
    assert result["one_statement"] == 3 and result["right"] == 2
    assert result["accuracy"] == round(2 / 3, 3)
    # each verbatim pair stands for 45 renderings, each partial pair for 5: (45 + 5) / (45 + 5 + 5)
    assert result["accuracy_weighted"] == round(50 / 55, 3)
    assert result["grouping_precision"] == 0.75
    assert result["grouping_precision_weighted"] == round(1 - 45 / 100, 3)
    assert result["per_class"]["partial"] == {"gold": 1, "predicted": 1, "precision": 1.0, "recall": 1.0}


def test_the_labelled_set_has_one_reader_label_per_pair() -> None:
    rows = [json.loads(line) for line in rb.DEFAULT_SET.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len({r["id"] for r in rows}) >= 150
    assert all(r["label"] in rb.LABELS for r in rows)
    assert {r["half"] for r in rows} == {"tune", "test"}
    assert all(r["a"]["text"] and r["b"]["text"] and r["population"] >= 1 for r in rows)


def test_regrouping_counts_wrong_pairs_split_and_right_pairs_lost() -> None:
    from types import SimpleNamespace as NS

    same = NS(kind="quote", renderings=(NS(text="safety area"), NS(text="safety area")))
    other = NS(kind="quote", renderings=(NS(text="we will go"), NS(text="we shall go")))
    together = rb.grouped_now({"e1": [((same, other),)]})
    assert ("e1", "safety area", "safety area") in together and (
        "e1",
        "we will go",
        "we shall go",
    ) in together
    items = [
        _item("e1", "verbatim", "verbatim", "safety area", "safety area"),
        _item(
            "e1", "paraphrase or translation", "different statements", "rocket looks good", "rocket's great"
        ),
        _item("e1", "partial", "partial", "we will", "we will go now"),
    ]
    result = rb.regrouped(items, together)["all"]
    assert result == {"kept": 1, "precision": 1.0, "wrong_split": 1, "right_lost": 1}


def test_pairs_left_apart_are_counted_joined_by_article_and_text() -> None:
    from types import SimpleNamespace as NS

    finding = NS(
        kind="quote", renderings=(NS(article="x", text="we will go"), NS(article="y", text="we will"))
    )
    together = rb.joined_now({"e1": [((finding,),)]})
    assert together == {frozenset((("x", "we will go"), ("y", "we will")))}

    def pair(label: str, a: tuple[str, str], b: tuple[str, str], band: str) -> dict[str, Any]:
        return {"label": label, "band": band, "half": "tune", "band_pairs": 9,
                "a": {"article": a[0], "text": a[1]}, "b": {"article": b[0], "text": b[1]}}  # fmt: skip

    items = [
        pair("S", ("y", "we will"), ("x", "we will go"), "high"),
        pair("S", ("z", "we will"), ("x", "we will go"), "high"),  # the same words, another article
        pair("D", ("x", "we will go"), ("y", "it rained"), "mid"),
    ]
    result = rb.apart_now(items, together)
    assert result["all"] == {
        "pairs": 3, "one_statement": 2, "joined_one_statement": 1, "joined_two": 0, "band_pairs": None
    }  # fmt: skip
    assert result["high"]["band_pairs"] == 9 and result["mid"]["joined_two"] == 0
