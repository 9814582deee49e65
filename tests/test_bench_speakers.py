"""The speakers benchmark: its labelled set's shape, the name match, and a run on two items."""

from __future__ import annotations

import pytest
from conftest import load_benchmark

bs = load_benchmark("speakers")


def test_the_set_loads_with_known_classes_and_golds() -> None:
    items = bs.load_set(bs.DEFAULT_SET)
    assert len(items) == 150
    assert len({i.id for i in items}) == len(items)
    assert {i.cls for i in items} == set(bs.CLASSES)
    for i in items:
        assert 0 <= i.start < i.end and i.quote and i.speaker
        assert len(i.quote) == i.end - i.start


def test_a_name_matches_its_parts_and_roles_need_no_entity() -> None:
    assert bs.same_name("Trump", "Donald Trump") and bs.same_name("Mr. Musk", "Elon Musk")
    assert bs.same_name("Patrick Paddock II", "Patrick Paddock")
    assert not bs.same_name("Tony", "Dominique Molina")
    role = bs.Item("x", "a", "1", 0, 1, "q", "", "role: a police statement", ("Berlin police",), "role")
    assert bs.correct(role, None, "a police statement") and bs.correct(role, "e1", "police")
    assert not bs.correct(role, "e2", "Anja Marx")
    unknown = bs.Item("x", "a", "1", 0, 1, "q", "", "unknown", (), "role")
    assert bs.correct(unknown, None, None) and not bs.correct(unknown, None, "Times")


@pytest.mark.slow
@pytest.mark.shared_data
def test_the_benchmark_runs_on_two_items() -> None:
    if not bs.DEFAULT_DATA.exists():
        pytest.skip(f"no Giveme5W1H data at {bs.DEFAULT_DATA}")
    items = [i for i in bs.load_set(bs.DEFAULT_SET) if i.id in ("s099", "s053")]
    outcomes, removed = bs.run(items, bs.read_rows(bs.DEFAULT_DATA))
    assert [o.found for o in outcomes] == [True, True] and removed == []
    scores = bs.score(outcomes)
    assert scores["overall"]["n"] == 2 and set(scores["by_class"]) <= set(bs.CLASSES)


def test_the_ecbplus_set_loads_and_splits_by_topic() -> None:
    items = bs.load_set(bs.ECBPLUS_SET)
    assert len(items) == 150 and len({i.id for i in items}) == len(items)
    assert {i.cls for i in items} == set(bs.CLASSES)
    for i in items:
        assert 0 <= i.start < i.end and len(i.quote) == i.end - i.start and len(i.context) <= 200
        assert i.event.startswith(i.article.split("_", 1)[0])  # "12_16ecb" is of event "12ecb"
    halves = {bs.ecbplus_half(i.article) for i in items}
    assert halves == {"dev", "test"} and bs.ecbplus_half("12_16ecb") == "dev"
    assert bs.ecbplus_half("1_15ecb") == "test"


@pytest.mark.slow
@pytest.mark.shared_data
def test_the_benchmark_runs_on_ecbplus() -> None:
    corpus = bs.CORPORA["ecbplus"]
    if not corpus.data.exists():
        pytest.skip(f"no ECB+ data at {corpus.data} (../shared/data is absent)")
    items = [i for i in bs.load_set(corpus.set) if i.id in ("e001", "e018")]
    outcomes, removed = bs.run(items, bs.read_rows(corpus.data))
    assert [o.found for o in outcomes] == [True, True] and removed == []
    scores = bs.score(outcomes, {i.id: bs.ecbplus_half(i.article) for i in items})
    assert scores["overall"]["n"] == 2 and set(scores["by_half"]) == {"dev", "test"}


def test_a_labelled_quote_is_found_where_cleaning_moved_it_and_dropped_where_it_removed_it() -> None:
    item = bs.Item("s0", "a", "e", 4, 9, "hello", "", "Ann", (), "named")
    assert bs.anchor(item, "xx. hello there") == item
    assert bs.anchor(item, "hello there") == bs.Item("s0", "a", "e", 0, 5, "hello", "", "Ann", (), "named")
    assert bs.anchor(item, "nothing here") is None
