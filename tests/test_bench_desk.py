"""The desk benchmark's helpers on a tiny store: recombined articles, bulk stories, borrowed reports, and
the request helpers against the app in process (a stub pipeline; nothing is timed, no data or models)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from conftest import load_benchmark

from parallax.model import Annotations, Article, Report, Story, content_id
from parallax.store import open_store
from parallax.web import desk

bd = load_benchmark("desk")

SOURCES = [
    bd.Source(
        f"src-{n}",
        f"Storm Number {n} hits the Coast",
        ". ".join(f"Sentence {k} of article {n}" for k in range(8)) + ".",
        f"Outlet {n % 3}",
        f"2017-09-{10 + n:02d}",
        event=f"e{n // 3}",
    )
    for n in range(9)
]


def stub_compare(articles: Sequence[Article]) -> Report:
    return Report(tuple(articles), Annotations(), (Story("s-stub", tuple(a.id for a in articles)),))


def test_recombined_articles_are_new_hashes_with_the_base_lead_and_valid_dates() -> None:
    articles = list(bd.synthetic_articles(SOURCES, 50, seed=1))
    assert len({a.id for a in articles}) == 50
    for a in articles:
        assert a.id == content_id(a.body)
        assert a.body.startswith("Sentence 0 of article ") and a.title and a.outlet
        assert a.published is not None
        dt.date.fromisoformat(a.published)
    assert [a.published for a in articles] == sorted(a.published or "" for a in articles)
    assert all(dt.date.fromisoformat(bd.published_on(i, 1000)).year == 2024 for i in range(1000))


def test_bulk_fill_stores_every_article_and_covers_them_with_stories() -> None:
    with open_store(":memory:") as store:
        done = bd.bulk_fill(store, bd.synthetic_articles(SOURCES, 60), batch=25, group=(5, 20))
        assert done["articles"] == store.count_articles() == 60
        assert done["stories"] == store.count_stories() and done["articles_per_s"] > 0
        stories = store.stories(limit=100)
        assert sum(s.size for s in stories) == 60
        assert all(s.size <= 20 for s in stories) and all(s.size >= 5 for s in stories[:-1])
        for s in stories:
            assert s.label and s.first_published and s.last_published
            assert s.first_published <= s.last_published


def test_real_stories_group_two_or_three_articles_of_one_event() -> None:
    groups = bd.real_stories(SOURCES, 3)
    assert [len(g) for g in groups] == [2, 3, 2]
    assert all(len({s.event for s in g}) == 1 for g in groups)


def test_percentiles() -> None:
    stats = bd.percentiles([float(x) for x in range(1, 101)])
    assert stats["n"] == 100 and stats["p50_ms"] == pytest.approx(50.5)
    assert stats["p95_ms"] == pytest.approx(95.05) and stats["max_ms"] == 100.0
    assert bd.percentiles([]) == {"n": 0}


def test_request_helpers_against_the_app() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from parallax.web.app import create_app

    store = open_store(":memory:")
    bd.bulk_fill(store, bd.synthetic_articles(SOURCES, 40), batch=40)
    members = [bd.real_article(s) for s in bd.real_stories(SOURCES, 1)[0]]
    store.add_articles(members)
    real = bd.story_record("s-real-0", members)
    store.save_story(real)
    app = create_app(store, compare=stub_compare)
    with TestClient(app, follow_redirects=False) as client:
        hit = bd.first_hit(client, real.id)
        assert hit["story"] == real.id and hit["to_page_ms"] >= hit["redirect_ms"]
        bulk = store.stories(limit=3)
        for story in bulk:
            bd.borrow_report(store, real, story)
            assert desk.cached_report(store, story) == desk.cached_report(store, real)
        paths = bd.load_paths([real.id, *(s.id for s in bulk)], ["Storm", "article+3"])
        for name, group in paths.items():
            result = bd.time_requests(client, group, 4, warmup=1)
            assert result["errors"] == 0 and result["n"] == 4, name
    store.close()


def test_borrowing_needs_a_computed_report() -> None:
    with open_store(":memory:") as store:
        articles = list(bd.synthetic_articles(SOURCES, 4, seed=3))
        store.add_articles(articles)
        donor, story = bd.story_record("a", articles[:2]), bd.story_record("b", articles[2:])
        store.save_story(donor)
        store.save_story(story)
        with pytest.raises(LookupError):
            bd.borrow_report(store, donor, story)
