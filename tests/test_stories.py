"""Stories: event profiles, the learned same-event model, batch and incremental grouping, the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, SHARED_DATA, example_documents, load_benchmark

from parallax.cli import main
from parallax.model import Article, content_id
from parallax.pipeline import clean_all
from parallax.store import SqliteStore, StoryHead, StoryRecord, Vector, open_store
from parallax.stories import cluster, key_entities, story_label
from parallax.stories.batch import (
    MIN_NAMES_SILENT,
    average_linkage,
    days_between,
    group_by_logits,
    names_apart,
    years_apart,
)
from parallax.stories.incremental import StoryIndex
from parallax.stories.profile import EventProfile, action_words, names_in, profile
from parallax.stories.same_event import (
    FEATURES,
    ArticleNames,
    NameVeto,
    ProfileKeys,
    ProfileLookup,
    SameEventModel,
    default_model,
    features_against,
    features_against_keys,
    pair_features,
)

QUAKE = (
    "A magnitude 6.1 earthquake struck the Indonesian island of Sumatra on Tuesday, killing at least 12 "
    "people and damaging hundreds of homes in Padang, officials said. The quake's epicentre was 40 km "
    "off the coast, the Indonesian Meteorology Agency said. Rescue teams searched collapsed buildings."
)
TRADE = (
    "The New York Yankees offered free agent first baseman Mark Teixeira an eight-year contract worth "
    "$180 million on Monday, his agent Scott Boras confirmed. The Boston Red Sox and the Angels also "
    "made offers. Teixeira hit .308 with 33 home runs last season for Atlanta and the Angels."
)

FIRED = (
    "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday after a dismal start to the season, "
    "the team said. Cheeks was dismissed with the club on a slide. Assistant Tony DiLeo takes over."
)


def _article(body: str, title: str, published: str | None = None) -> Article:
    return Article(content_id(body), title, body, title=title, published=published)


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    articles, errors, _ = clean_all(example_documents())
    assert not errors
    return articles


def test_profile_reads_names_numbers_and_drops_possessives() -> None:
    found = profile(_article(QUAKE, "Quake hits Sumatra", "2009-09-30"))
    assert "sumatra" in found.names and "padang" in found.names
    assert {"6.1", "12", "40"} <= found.numbers
    assert "quake" in found.terms and "the" not in found.terms
    assert abs(sum(w * w for w in found.terms.values()) - 1.0) < 1e-9
    assert "korea" in names_in("North Korea’s leader") and "north korea" in names_in("North Korea’s leader")


def test_profile_reads_the_lead_names_weekdays_and_numbers() -> None:
    found = profile(_article(QUAKE, "Quake hits Sumatra", "2009-09-30"))
    assert {"sumatra", "padang"} <= set(found.lead_names)
    assert "tuesday" not in found.lead_names and found.weekdays == {"tuesday"}
    assert {"6.1", "12"} <= found.lead_numbers and "quake" in found.lead_terms


def test_a_similar_event_elsewhere_leaves_the_lead_names_uncovered() -> None:
    """Two quakes share words but not places or days: the lead-name and weekday features say so."""
    other = QUAKE.replace("Sumatra", "Mindanao").replace("Padang", "Davao").replace("Tuesday", "Friday")
    profiles = [profile(_article(t, t[:20], "2009-09-30")) for t in (QUAKE, QUAKE, other)]
    features = pair_features(profiles, np.eye(3, 384, dtype=np.float32))
    covered, weekdays = FEATURES.index("lead_names_covered_max"), FEATURES.index("weekdays")
    assert features[0, 1, covered] == pytest.approx(1.0) and features[0, 1, weekdays] == 1.0
    assert features[0, 2, covered] < 0.7 and features[0, 2, weekdays] == 0.0


def test_a_look_alike_about_someone_else_leaves_the_title_names_and_lead_numbers_uncovered() -> None:
    """Two eight-year offers to two players: the title's who and the lead's sums are not in the other."""
    other = (
        TRADE.replace("Mark Teixeira", "CC Sabathia").replace("Teixeira", "Sabathia").replace("180", "161")
    )
    titles = ("Yankees offer Mark Teixeira eight-year deal", "Yankees offer CC Sabathia eight-year deal")
    profiles = [
        profile(_article(t, title))
        for t, title in ((TRADE, titles[0]), (TRADE, titles[0]), (other, titles[1]))
    ]
    features = pair_features(profiles, np.eye(3, 384, dtype=np.float32))
    title, both = FEATURES.index("title_names_covered"), FEATURES.index("both_title_names")
    numbers, in_lead = FEATURES.index("lead_numbers_covered"), FEATURES.index("lead_names_in_lead")
    assert features[0, 1, both] == features[0, 2, both] == 1.0
    assert features[0, 1, title] == pytest.approx(1.0) and features[0, 2, title] < 0.7
    assert features[0, 1, numbers] == pytest.approx(1.0) and features[0, 2, numbers] < 1.0
    assert features[0, 1, in_lead] == pytest.approx(1.0) and features[0, 2, in_lead] < 0.8


def test_the_lead_actions_are_its_words_outside_names() -> None:
    words = action_words("The Philadelphia 76ers fired coach Maurice Cheeks on Saturday.")
    assert words == ["76ers", "fired", "coach", "on"]  # "The" opens the capitalised run
    lead = profile(_article(FIRED, "76ers fire coach Maurice Cheeks")).lead_actions
    assert {"fired", "coach"} <= set(lead) and not {"cheeks", "maurice", "philadelphia"} & set(lead)


def test_a_look_alike_with_the_same_names_and_another_action_shares_fewer_lead_actions() -> None:
    """The same coach fired one year and hired another: the names agree, the lead's actions do not."""
    hired = FIRED.replace("fired", "hired").replace("dismal", "promising").replace("slide", "rebuild")
    fire, hire = "76ers fire coach Maurice Cheeks", "76ers hire Maurice Cheeks"
    titles = (fire, fire, hire)
    profiles = [profile(_article(t, title)) for t, title in zip((FIRED, FIRED, hired), titles, strict=True)]
    features = pair_features(profiles, np.eye(3, 384, dtype=np.float32))
    actions, names = FEATURES.index("lead_actions"), FEATURES.index("lead_names")
    assert features[0, 2, names] == pytest.approx(features[0, 1, names], abs=0.05)
    assert features[0, 1, actions] == pytest.approx(1.0) and features[0, 2, actions] < 0.8


def test_profile_round_trips_through_its_dict() -> None:
    found = profile(_article(QUAKE, "Quake hits Sumatra", "2009-09-30"))
    assert EventProfile.from_dict(found.article, json.loads(json.dumps(found.to_dict()))) == found


def test_features_are_symmetric_and_bounded() -> None:
    profiles = [profile(_article(t, t[:20], "2009-09-30")) for t in (QUAKE, TRADE)]
    leads = np.eye(2, 384, dtype=np.float32)
    features = pair_features(profiles, leads)
    assert features.shape == (2, 2, len(FEATURES))
    assert np.allclose(features[0, 1], features[1, 0])
    assert 0.0 <= features[0, 1, 0] < 0.2  # little shared vocabulary between a quake and a contract


def test_one_against_many_features_equal_the_all_pairs_ones(example_articles: list[Article]) -> None:
    """The stream's dictionary path and the batch's sparse-matrix path must agree exactly."""
    texts = [QUAKE, TRADE]
    articles = [*example_articles, *(_article(t, t[:20], "2009-09-30") for t in texts)]
    profiles = [profile(a) for a in articles]
    leads = np.random.default_rng(0).normal(size=(len(profiles), 384)).astype(np.float32)
    leads /= np.linalg.norm(leads, axis=1)[:, None]
    every = pair_features(profiles, leads)
    one = features_against(profiles[0], leads[0], profiles[1:], leads[1:])
    assert np.allclose(every[0, 1:], one)


def test_model_prefers_shared_names_and_text() -> None:
    model = default_model()
    close = np.r_[
        [0.5, 0.8, 0.4, 0.6, 0.3, 1.0, 0.0, 0.0, 0.8, 0.9, 1.0, 1.0, 0.5, 0.6, 0.3, 1.0, 0.7, 0.9, 1.0],
        0.5,
        0.4,
    ]
    far = np.r_[
        [0.02, 0.1, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0],
        0.0,
        0.0,
    ]
    assert model.probability(close) > model.threshold > model.probability(far)
    assert model.logits(close) > model.threshold_logit > model.logits(far)


def test_two_tight_look_alike_events_stay_apart_on_the_cohesion_margin() -> None:
    """ECB+'s look-alikes (one boxer stopping two challengers): each event's reports link at +8, the two
    events at +1, above the threshold, so average linkage alone makes one story of them. A margin keeps
    two groups apart that each hang together far better than they link; one event's looser reports,
    linking within about as well as across, still join, and a lone article is never held out by it."""
    two = np.full((6, 6), 1.0)
    two[:3, :3] = two[3:, 3:] = 8.0
    threshold = math.log(0.3 / 0.7)
    assert group_by_logits(two, threshold) == [list(range(6))]
    assert group_by_logits(two, threshold, 5.0) == [[0, 1, 2], [3, 4, 5]]
    assert average_linkage(two, threshold, 8.0) == [list(range(6))]
    loose = np.full((6, 6), 1.0)
    loose[:3, :3] = loose[3:, 3:] = 3.0
    assert group_by_logits(loose, threshold, 5.0) == [list(range(6))]
    lone = np.full((4, 4), 8.0)
    lone[3, :3] = lone[:3, 3] = 1.0
    assert group_by_logits(lone, threshold, 5.0) == [list(range(4))]
    assert group_by_logits(two, 2.0, 5.0) == [[0, 1, 2], [3, 4, 5]]  # the threshold still applies


def test_scipy_and_scikit_learn_average_linkage_agree_without_a_margin() -> None:
    rng = np.random.default_rng(3)
    for n in (2, 5, 17, 40):
        logits = rng.normal(0.0, 4.0, (n, n))
        assert average_linkage(logits, -0.85) == group_by_logits(logits, -0.85)


def test_the_shipped_model_carries_its_cohesion_margin_and_name_veto() -> None:
    model = default_model()
    assert SameEventModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    old = {k: v for k, v in model.to_dict().items() if k not in ("cohesion_margin", "name_veto")}
    assert SameEventModel.from_dict(old).cohesion_margin is None
    assert SameEventModel.from_dict(old).name_veto is None
    veto = NameVeto(0.8, 0.25, "lead")
    assert NameVeto.from_dict(json.loads(json.dumps(veto.to_dict()))) == veto


BACKGROUND = [f"name{k}" for k in range(MIN_NAMES_SILENT)]  # a full article's other names


def _names(
    core: set[str], also: frozenset[str] = frozenset(), background: Sequence[str] = BACKGROUND
) -> ArticleNames:
    named = frozenset({*core, *also, *background})
    return ArticleNames(frozenset(core), named, len(named))


def _klitschko(
    rahman: int = 3, thompson: int = 3, background: Sequence[str] = BACKGROUND
) -> list[ArticleNames]:
    """ECB+'s topic 7: Klitschko stops Rahman (2008), then Thompson (2012); every Thompson report's
    title names Thompson, none of them Rahman; a Rahman report mentions Thompson in passing."""
    return [
        *(
            _names({"klitschko", "rahman"}, frozenset({"thompson"} if k == 0 else ()), background)
            for k in range(rahman)
        ),
        *(_names({"klitschko", "thompson"}, background=background) for _ in range(thompson)),
    ]


def test_two_events_whose_titles_each_name_someone_the_other_does_not_stay_apart() -> None:
    """Two look-alike events linking above the threshold and hanging together too loosely for the
    cohesion margin: each group's titles name someone the other's titles never do, and the other
    group's texts never name one of them, so they stay apart."""
    logits = np.full((6, 6), 1.0)
    logits[:3, :3] = logits[3:, 3:] = 5.0
    threshold = math.log(0.3 / 0.7)
    veto = NameVeto(1.0, 0.0)
    names = _klitschko()
    assert group_by_logits(logits, threshold, 6.0) == [list(range(6))]
    assert group_by_logits(logits, threshold, 6.0, names, veto) == [[0, 1, 2], [3, 4, 5]]
    assert group_by_logits(logits, threshold, None, names, veto) == [[0, 1, 2], [3, 4, 5]]
    assert names_apart([0, 1, 2], [3, 4, 5], names, veto)
    # a lone article is never held out by it
    assert not names_apart([0], [3, 4, 5], names, veto)
    # the later event's reports name the earlier's people in passing: one side's silence is enough,
    # but not none
    both = [_names({"klitschko", "rahman"}, frozenset({"thompson"})) for _ in range(3)]
    both += [_names({"klitschko", "thompson"}, frozenset({"rahman"})) for _ in range(3)]
    assert not names_apart([0, 1, 2], [3, 4, 5], both, veto)
    # one event's reports: one side's titles give a name the other's never do, the other side has none
    # of its own (its names are in the first side's titles too)
    same = [
        _names({"klitschko", "rahman"}),
        _names({"klitschko", "rahman"}),
        _names({"klitschko"}),
        _names({"klitschko"}),
    ]
    assert not names_apart([0, 1], [2, 3], same, veto)


def test_a_headline_too_short_to_name_much_does_not_count_as_silent() -> None:
    """UCI's headlines give a few names each: that a headline does not name someone says little."""
    veto = NameVeto(1.0, 0.0)
    assert names_apart([0, 1, 2], [3, 4, 5], _klitschko(), veto)
    assert not names_apart([0, 1, 2], [3, 4, 5], _klitschko(background=()), veto)


def test_a_share_of_the_group_makes_a_core_name_and_a_share_of_the_other_may_mention_it() -> None:
    names = _klitschko(rahman=4, thompson=4)
    names[1] = _names({"klitschko", "hasim"})  # one Rahman report's title gives only his first name
    names[4] = _names(
        {"klitschko", "thompson"}, frozenset({"rahman"})
    )  # and one Thompson report names Rahman
    one, other = [0, 1, 2, 3], [4, 5, 6, 7]
    assert names_apart(one, other, names, NameVeto(0.75, 0.25))
    assert not names_apart(one, other, names, NameVeto(1.0, 0.25))
    assert not names_apart(one, other, names, NameVeto(0.75, 0.0))


def test_a_group_the_tree_joined_to_a_refused_side_finds_its_own_event_again() -> None:
    """SciPy's tree joins the closest first, so two reports of one event may first meet the other
    event (refused); the tree joins nothing above a refused join, so their own event's other reports
    stayed apart from them. The groups it leaves are joined again, the refused pair skipped."""
    logits = np.full((6, 6), 0.5)
    logits[:2, :2] = logits[2:4, 2:4] = logits[4:, 4:] = 8.0
    logits[:2, 4:] = logits[4:, :2] = 5.0  # Rahman's first two reports look most like Thompson's
    logits[:2, 2:4] = logits[2:4, :2] = 3.0  # and link to Rahman's other two
    names = _klitschko(rahman=4, thompson=2)
    threshold = math.log(0.3 / 0.7)
    assert group_by_logits(logits, threshold, 6.0, names, NameVeto(1.0, 0.0)) == [[0, 1, 2, 3], [4, 5]]
    assert group_by_logits(logits, threshold, 6.0) == [list(range(6))]


def test_a_members_keys_give_the_names_its_profile_gives(example_articles: list[Article]) -> None:
    """The stream regroups a story from its members' cached keys: the name veto reads the same names."""
    for article in example_articles:
        one = profile(article)
        keys = ProfileKeys.of(one, np.zeros(4, dtype=np.float32))
        for core in ("title", "lead"):
            plain, keyed = ArticleNames.of(one, core), keys.article_names(core)
            assert keyed.core == plain.core and keyed.count == plain.count
            assert plain.core and all(name in keyed.names for name in plain.names)  # type: ignore[attr-defined]
            assert "no such name at all" not in keyed.names


def test_example_pair_is_one_story_with_a_label(example_articles: list[Article]) -> None:
    result = cluster(example_articles)
    assert len(result.stories) == 1
    story = result.stories[0]
    assert set(story.articles) == {a.id for a in example_articles}
    assert story.label and "Blinken" in " ".join(story.key_entities)
    assert result.duplicates == ()  # the Donga republication's original is not in the pair


def test_two_reports_years_apart_are_two_stories(example_articles: list[Article]) -> None:
    """Giveme5W1H's satellite event: South Korea's launch of 2013 and North Korea's of 2016 were one story
    in batch (the learned model weighs days lightly); a year is the most one event's coverage spans."""
    first, second = example_articles
    dated = [
        dataclasses.replace(first, published="2023-11-09"),
        dataclasses.replace(second, published="2023-11-10"),
    ]
    assert len(cluster(dated).stories) == 1
    later = dataclasses.replace(second, published="2026-11-10")
    assert len(cluster([dated[0], later]).stories) == 2
    undated = dataclasses.replace(second, published=None)
    assert len(cluster([dated[0], undated]).stories) == 1, "an unknown date weighs nothing"
    days = days_between([profile(a) for a in (dated[0], later, undated)])
    assert days[0, 1] == (dt.date(2026, 11, 10) - dt.date(2023, 11, 9)).days and days[0, 2] == 0.0
    assert years_apart(np.array([300.0, 365.0]))[1] == 0.0 and years_apart(np.array([800.0]))[0] > 9.0


def test_a_date_its_own_text_contradicts_does_not_split_a_story(example_articles: list[Article]) -> None:
    """Giveme5W1H's RT articles carry the day they were crawled: its report of the Cincinnati Zoo's gorilla
    (shot on 28 May 2016) is dated 30 November 2017 and fell out of its story. A text that dates nothing
    within the year before its stated date, but names days with their year, may be from any of them."""
    first, second = example_articles
    dated = dataclasses.replace(first, published="2023-11-09")
    body = second.body + "\n\nThe two ministers met in Seoul on November 9, 2023, after talks in 2022."
    crawled = dataclasses.replace(second, body=body, published="2026-06-01")
    assert profile(crawled).text_days == frozenset({dt.date(2023, 11, 9)})
    assert days_between([profile(dated), profile(crawled)])[0, 1] == 0.0
    (story,) = cluster([dated, crawled]).stories
    assert (story.first_published, story.last_published) == ("2023-11-09", "2023-11-09")
    assert story.doubted_dates == (crawled.id,)
    # A text that names a date of the year before its own keeps its date: a follow-up, two stories.
    current = dataclasses.replace(crawled, body=body + " A review is due in March 2026.")
    assert profile(current).text_days == frozenset()
    assert len(cluster([dated, current]).stories) == 2
    assert profile(dataclasses.replace(crawled, published=None)).text_days == frozenset()


def test_an_embedded_post_cleaning_set_aside_still_dates_the_story(example_articles: list[Article]) -> None:
    """The CLI clusters cleaned articles: RT's gorilla report names its day only in the zoo's tweet, which
    cleaning sets aside as an embedded post ("— Cincinnati Zoo (@CincinnatiZoo) May 28, 2016"); the
    benchmark, on raw text, saw it. An aside of another kind (a promo's year) is no evidence."""
    from parallax.model import Removed

    _, second = example_articles
    tweet = Removed("Talks went well. — Ministry (@mofa) November 9, 2023", "embedded post")
    crawled = dataclasses.replace(second, published="2026-06-01", removed=(tweet,))
    assert profile(crawled).text_days == frozenset({dt.date(2023, 11, 9)})
    promo = dataclasses.replace(
        crawled, removed=(Removed("Read more: the summit of November 9, 2023", "promo"),)
    )
    assert profile(promo).text_days == frozenset()


def test_copies_join_their_originals_story(example_articles: list[Article]) -> None:
    original = dataclasses.replace(example_articles[0], published="2023-11-09")
    body = original.body + "\n\nCopyright 2023 The Associated Press. All rights reserved."
    copy = dataclasses.replace(
        original, id=content_id(body), body=body, source="copy", outlet="Aggregator", published="2023-11-10"
    )
    result = cluster([original, example_articles[1], copy])
    assert len(result.stories) == 1
    assert [(d.article, d.original) for d in result.duplicates] == [(copy.id, original.id)]


def test_label_and_entities_skip_calendar_words() -> None:
    articles = [_article(QUAKE, "Quake hits Sumatra on Tuesday")]
    assert story_label(articles) == "Quake hits Sumatra on Tuesday"
    assert "Tuesday" not in key_entities(articles)


def test_incremental_assignment_is_idempotent_and_separates_events(example_articles: list[Article]) -> None:
    store = open_store(":memory:")
    index = StoryIndex(store)
    first = index.add(example_articles)
    assert [a.founded for a in first] == [True, False]
    assert store.count_stories() == 1 and index.add(example_articles) == []
    other = index.add([_article(QUAKE, "Quake hits Sumatra", "2009-09-30")])
    assert other[0].founded and store.count_stories() == 2
    reopened = StoryIndex(store)  # a new process finds the stories again through the store
    assert len(reopened.index) == 2
    follow_up = _article(QUAKE.replace("12 people", "15 people"), "Sumatra quake toll rises", "2009-10-01")
    joined = reopened.add([follow_up])[0]
    assert joined.story == other[0].story and not joined.founded
    assert store.members(joined.story)[-1] == follow_up.id
    copy = store.duplicates()[0]
    assert (copy.article, copy.original) == (follow_up.id, other[0].article)  # a near-copy, linked
    assert copy.evidence  # and the store keeps why, as the in-memory report does


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_cluster_command_json(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = _cli("cluster", str(EXAMPLE), str(bad), "--format", "json")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert len(data["stories"]) == 1 and len(data["articles"]) == 2
    assert {a["story"] for a in data["articles"]} == {data["stories"][0]["id"]}
    assert data["errors"] and data["errors"][0]["source"].endswith("empty.txt")


def test_cluster_command_with_nothing_readable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = _cli("cluster", str(tmp_path / "empty.txt"), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["notes"] == ["no article to cluster"]


def test_ingest_command_is_idempotent_and_refuses_private_urls(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    first = _cli("ingest", str(EXAMPLE), "--db", str(db))
    assert first.exit_code == 0 and "2 new articles" in first.stdout
    again = _cli("ingest", str(EXAMPLE), "--db", str(db))
    assert "0 new articles (2 already stored)" in again.stdout
    refused = _cli("ingest", "http://127.0.0.1:9/article", "--db", str(db))
    assert refused.exit_code == 1 and "loopback" in refused.stderr


@pytest.mark.shared_data
def test_basil_events_are_recovered_in_batch() -> None:
    """BASIL is never trained on: its 50 events of three outlets each are a held-out check."""
    path = SHARED_DATA / "basil" / "basil-2010-2014.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found (shared data absent)")
    bench = load_benchmark("clustering")
    items = bench.load_basil(path).items[:45]
    articles = [_article(bench.full_text(i), i.title, i.published) for i in items]
    result = cluster(articles)
    label = {a: s.id for s in result.stories for a in s.articles}
    _, _, f1 = bench.bcubed([i.gold for i in items], [label[a.id] for a in articles])
    assert f1 >= 0.9


def test_a_story_that_mixes_two_events_is_split_when_regrouped() -> None:
    store = open_store(":memory:")
    index = StoryIndex(store)
    quakes = [
        _article(QUAKE.replace("12", str(n)), f"Sumatra quake, toll {n}", "2009-09-30") for n in (12, 13)
    ]
    trades = [
        _article(TRADE.replace("$180", f"${n}"), f"Teixeira offer {n}", "2009-09-28") for n in (180, 181)
    ]  # days apart, so that both stories are active (within the time horizon) when merged
    quake_story = index.add(quakes)[0].story
    trade_story = index.add(trades)[0].story
    assert quake_story != trade_story
    index._merge(quake_story, [trade_story])  # a wrong merge, as a bridging article could cause
    assert len(store.members(quake_story)) == 4
    split_off = index._maybe_split(quake_story)
    assert len(split_off) == 1
    assert set(store.members(quake_story)) == {a.id for a in quakes}
    assert set(store.members(split_off[0])) == {a.id for a in trades}
    assert len(index.index) == store.count_stories() == 2


def test_a_story_is_regrouped_while_small() -> None:
    """An article of another event that joined a story early is split off when the story reaches 4
    members, not left until 8: batch average linkage would have kept it apart."""
    store = open_store(":memory:")
    index = StoryIndex(store)
    quake_story = index.add(_quakes(range(12, 14)))[0].story
    trade = _article(TRADE, "Teixeira offer", "2009-09-28")
    trade_story = index.add([trade])[0].story
    index._merge(quake_story, [trade_story])  # as an early, weak join would leave it: 3 members
    (later,) = index.add(_quakes(range(14, 15)))
    assert later.story == quake_story
    assert set(store.members(quake_story)) == {a.id for a in _quakes(range(12, 15))}
    assert store.story_of(trade.id) not in (None, quake_story)


def test_a_small_story_is_regrouped_on_the_logits_batch_gives(example_articles: list[Article]) -> None:
    """A story within its recent members is regrouped from their cached keys: the same pair log-odds as
    batch's ``link_logits`` on real articles."""
    from parallax.stories.same_event import link_logits

    store = open_store(":memory:")
    index = StoryIndex(store)
    articles = [*example_articles, *_quakes(range(12, 14)), _article(TRADE, "Teixeira offer", "2009-09-28")]
    index.add(articles)
    ids = [a.id for a in articles]
    expected = link_logits([profile(a) for a in articles], store.get_vectors(ids), index.model)
    got = index._recent_logits(ids)
    upper = np.triu_indices(len(ids), 1)
    assert np.allclose(got[upper], ((expected + expected.T) / 2)[upper], atol=1e-9)
    assert np.allclose(got, got.T)


def test_an_article_joins_the_story_it_scores_best_not_the_largest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Of two stories it clears the threshold against, unlinked to each other, an article joins the one
    with the higher mean log-odds, as batch average linkage joins the closest group first; the larger
    one only keeps its id when the two are linked and merged."""
    store = open_store(":memory:")
    index = StoryIndex(store)
    quake_story = index.add(_quakes(range(12, 15)))[0].story
    trade_story = index.add([_article(TRADE, "Teixeira offer", "2009-09-28")])[0].story
    threshold = index.model.threshold_logit
    scores = [(trade_story, threshold + 3.0), (quake_story, threshold + 0.5)]
    monkeypatch.setattr(index, "_story_scores", lambda *_: (scores, []))
    monkeypatch.setattr(index, "_linked", lambda *_: False)
    bridge = _article(TRADE.replace("$180", "$170"), "Teixeira offer 170", "2009-09-29")
    (joined,) = index.add([bridge])
    assert joined.story == trade_story and not joined.merged

    monkeypatch.setattr(index, "_linked", lambda *_: True)
    (merged,) = index.add([_article(TRADE.replace("$180", "$175"), "Teixeira offer 175", "2009-09-29")])
    assert merged.story == quake_story and merged.merged == (trade_story,)


def test_basil_events_are_recovered_incrementally_as_in_batch() -> None:
    """Four BASIL events (never trained on) streamed one article at a time in publication order, as batch
    groups them: the old rule put an article in the largest story it cleared the threshold against, and
    let a second event's three articles join a three-article story one by one (B-cubed F1 0.73)."""
    path = SHARED_DATA / "basil" / "basil-2010-2014.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found (shared data absent)")
    bench = load_benchmark("clustering")
    events = ("2b95d2cf", "74708dbf", "ee05c9b3", "c99adbdd")
    items = [i for i in bench.load_basil(path).items if i.gold.split("-")[0] in events]
    articles = [_article(bench.full_text(i), i.title, i.published) for i in items]
    store = open_store(":memory:")
    StoryIndex(store).add(articles)
    _, _, f1 = bench.bcubed([i.gold for i in items], [store.story_of(a.id) for a in articles])
    assert len(items) == 12 and f1 == 1.0


def test_cluster_with_db_keeps_the_articles(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    result = _cli("cluster", str(EXAMPLE), "--format", "json", "--db", str(db))
    assert result.exit_code == 0 and "2 new articles" in result.stderr
    with open_store(db) as store:
        assert store.count_articles() == 2 and store.count_stories() == 1


def test_vectorised_features_equal_the_scalar_ones_on_real_pairs(example_articles: list[Article]) -> None:
    """The stream's hashed-key path gives the dictionary path's values (up to the order of float sums),
    each article in turn against all the others: dated, undated, shared names, numbers and weekdays."""
    extra = [
        _article(QUAKE, "Sumatra quake kills 12", "2009-09-30"),
        _article(FOLLOW_UP, "Padang quake survivors still in tents", "2010-01-30"),
        _article(QUAKE.replace("12", "14"), "Sumatra quake toll rises to 14"),  # undated
        _article(TRADE, "Yankees offer Teixeira $180 million", "2008-12-01"),
    ]
    profiles = [profile(a) for a in [*example_articles, *extra]]
    leads = np.random.default_rng(0).normal(size=(len(profiles), 384)).astype(np.float32)
    leads /= np.linalg.norm(leads, axis=1)[:, None]
    keys = [ProfileKeys.of(p, v) for p, v in zip(profiles, leads, strict=True)]
    for i, one in enumerate(profiles):
        scalar = features_against(one, leads[i], profiles, leads)
        vectorised = features_against_keys(ProfileLookup.of(one), leads[i], keys)
        assert np.allclose(scalar, vectorised, rtol=0.0, atol=1e-12)
    assert np.count_nonzero(scalar, axis=0).min() > 0  # every feature is exercised by some pair
    assert features_against_keys(ProfileLookup.of(profiles[0]), leads[0], []).shape == (0, len(FEATURES))


def _distinct_events(count: int) -> list[Article]:
    """Two reports a day of ``count`` unrelated events (made-up names), 40 days apart: past the horizon."""
    rng = random.Random(0)
    syllables = ("ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "ba", "zu", "po")
    articles = []
    for n in range(count):
        person, town, firm = ("".join(rng.choices(syllables, k=4)).capitalize() for _ in range(3))
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=40 * n)).isoformat()
        for k in range(2):
            body = (
                f"{person}, the mayor of {town}, opened a bridge built by {firm} on Tuesday, "
                f"officials in {town} said. The bridge cost {10 + n} million. Report {k}."
            )
            articles.append(_article(body, f"{person} opens {town} bridge", day))
    return articles


def test_the_member_cache_is_swept_to_the_active_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    """Members no active story compares with leave the cache, so it is bounded by the active set (which
    the horizon bounds), not by the articles seen; and sweeping changes no assignment."""
    import parallax.stories.incremental as incremental

    articles = _distinct_events(20)
    monkeypatch.setattr(incremental, "CACHE_MIN", 10**6)  # never swept
    unswept = StoryIndex(open_store(":memory:"))
    expected = [a.story for a in unswept.add(articles)]
    assert len(unswept.compared) == len(articles) and len(set(expected)) == 20

    monkeypatch.setattr(incremental, "CACHE_MIN", 4)
    index, peak, stories = StoryIndex(open_store(":memory:")), 0, []
    for article in articles:
        stories += [a.story for a in index.add([article])]
        peak = max(peak, sum(len(s.recent) for s in index.states.values()))
        assert len(index.compared) <= max(4, incremental.CACHE_SLACK * peak)
    assert stories == expected and peak <= 4


def test_profiles_stored_by_an_older_version_are_profiled_again() -> None:
    """A store filled before the lead features were added still assigns: stale profiles are rebuilt."""
    import parallax.stories.incremental as incremental

    store = open_store(":memory:")
    first = _article(QUAKE, "Sumatra quake kills 12", "2009-09-30")
    StoryIndex(store).add([first])
    old = {k: v for k, v in profile(first).to_dict().items() if not k.startswith(("lead_", "weekdays"))}
    store.put_features(incremental.FEATURES_VERSION - 1, {first.id: old})
    later = _article(QUAKE.replace("12", "14"), "Sumatra quake toll rises to 14", "2009-09-30")
    fresh = StoryIndex(store)  # a new process: nothing cached
    (assignment,) = fresh.add([later])
    assert assignment.story == store.story_of(first.id)
    assert store.get_features([first.id], incremental.FEATURES_VERSION)


class _CountingStore(SqliteStore):
    """Counts the rows a caller reads back that grow with a story: member ids, vectors, profiles, bodies."""

    rows = 0

    def members(self, story_id: str) -> list[str]:
        found = super().members(story_id)
        self.rows += len(found)
        return found

    def stories(self, limit: int = 50, offset: int = 0) -> list[StoryRecord]:
        found = super().stories(limit, offset)
        self.rows += sum(s.size for s in found)
        return found

    def story_heads(
        self, recent: int, after: str | None = None, limit: int = 1000, *, active_since: str | None = None
    ) -> list[StoryHead]:
        found = super().story_heads(recent, after, limit, active_since=active_since)
        self.rows += sum(len(h.recent) for h in found)
        return found

    def heads_of(self, story_ids: Sequence[str], recent: int) -> list[StoryHead]:
        found = super().heads_of(story_ids, recent)
        self.rows += sum(len(h.recent) for h in found)
        return found

    def get_vectors(self, ids: Sequence[str], model: str | None = None) -> Vector:
        self.rows += len(ids)
        return super().get_vectors(ids, model)

    def get_features(self, ids: Sequence[str], version: int | None = None) -> dict[str, dict[str, Any]]:
        found = super().get_features(ids, version)
        self.rows += len(found)
        return found

    def get_article(self, article_id: str) -> Article | None:
        found = super().get_article(article_id)
        self.rows += found is not None
        return found


class _OneVector:
    """Every lead gets the same vector: the tests below are about reads, not about the embedding."""

    dimension = 384

    def embed(self, texts: Sequence[str]) -> Vector:
        return np.tile(np.full(384, 384**-0.5, dtype=np.float32), (len(texts), 1))


def _stored_story(store: SqliteStore, variants: Sequence[Article]) -> str:
    """A story written straight into the store (members, vectors, profiles), as a long stream leaves it."""
    import parallax.stories.incremental as incremental

    ids = [a.id for a in variants]
    vectors = _OneVector().embed(ids)
    store.add_articles(variants)
    store.put_vectors(incremental.VECTOR_MODEL, ids, vectors)
    store.put_features(incremental.FEATURES_VERSION, {a.id: profile(a).to_dict() for a in variants})
    story = f"s-{ids[0][:12]}"
    store.save_story(StoryRecord(story, variants[0].title, tuple(ids), centroid=vectors.sum(axis=0)))
    return story


def _quakes(numbers: range) -> list[Article]:
    return [_article(QUAKE.replace("12", str(n)), f"Sumatra quake, toll {n}", "2009-09-30") for n in numbers]


def test_opening_and_streaming_read_rows_per_story_not_per_member() -> None:
    """A stream's stories grow without bound: starting an index, and adding an article to a story, read
    the same rows for a story of 21 members as for one of 101 (sizes at which no regrouping runs)."""

    def rows_read(size: int) -> tuple[int, int]:
        store = _CountingStore(":memory:")
        story = _stored_story(store, _quakes(range(100, 100 + size)))
        store.rows = 0
        index = StoryIndex(store, _OneVector())
        opened, store.rows = store.rows, 0
        (added,) = index.add(_quakes(range(99, 100)))
        assert added.story == story and not added.founded
        return opened, store.rows

    small, large = rows_read(21), rows_read(101)
    assert small == large
    assert small[0] <= 12  # the last members of the story, nothing more


def test_a_merge_reads_the_stories_folded_in_not_the_one_they_join() -> None:
    store = _CountingStore(":memory:")
    big = _stored_story(store, _quakes(range(100, 201)))
    trades = [_article(TRADE.replace("$180", f"${n}"), f"Offer {n}", "2008-12-10") for n in (1, 2, 3)]
    small = _stored_story(store, trades)
    index = StoryIndex(store, _OneVector())
    store.rows = 0
    index._merge(big, [small])
    assert store.rows == len(trades)
    record = store.get_story(big)
    assert record is not None and record.size == 104 and record.articles[-3:] == tuple(a.id for a in trades)
    assert store.get_story(small) is None and len(index.index) == 1


FOLLOW_UP = (
    "Four months after the magnitude 6.1 earthquake that struck Sumatra and killed at least 12 people, "
    "families in Padang still live in tents, officials said. The Indonesian Meteorology Agency said "
    "the quake's epicentre was 40 km off the coast. Rescue teams had searched collapsed buildings."
)


def _stream_with_a_quiet_quake(store: SqliteStore) -> tuple[StoryIndex, str]:
    """A Sumatra quake story in September, then other news into January: the quake story goes quiet."""
    index = StoryIndex(store)
    quake = index.add(_quakes(range(12, 14)))[0].story
    later = [
        _article(TRADE.replace("$180", f"${n}"), f"Offer {n}", f"2010-01-{n - 170:02d}") for n in (180, 181)
    ]
    index.add(later)
    return index, quake


def test_a_quiet_story_leaves_the_active_index_but_stays_in_the_store() -> None:
    store = open_store(":memory:")
    index, quake = _stream_with_a_quiet_quake(store)
    assert index.decay.horizon < 100  # September to January is past the horizon
    assert quake not in index.states and len(index.index) == len(index.states) == 1
    record = store.get_story(quake)
    assert record is not None and record.size == 2
    assert store.stories_named(["sumatra"], 5) == [quake]  # filed under its lead's rare names
    assert len(StoryIndex(store).states) == 1  # a new process loads the active stories only


def test_a_follow_up_months_later_finds_its_dormant_story_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report on the same quake four months on joins its story through the name look-up, not the ANN;
    without the look-up it starts a new story."""
    import parallax.stories.incremental as incremental

    follow_up = _article(FOLLOW_UP, "Padang quake survivors still in tents", "2010-01-30")
    store = open_store(":memory:")
    index, quake = _stream_with_a_quiet_quake(store)
    (joined,) = index.add([follow_up])
    assert joined.story == quake and not joined.founded and quake in index.states  # active again

    monkeypatch.setattr(incremental, "DORMANT", 0)
    store = open_store(":memory:")
    index, quake = _stream_with_a_quiet_quake(store)
    (alone,) = index.add([follow_up])
    assert alone.founded and alone.story != quake


def test_undated_stories_never_age_and_undated_articles_are_not_decayed() -> None:
    store = open_store(":memory:")
    index = StoryIndex(store)
    undated = index.add([_article(QUAKE, "Sumatra quake kills 12")])[0].story
    index.add(
        [_article(TRADE, "Teixeira offer", "2010-01-10"), _article(TRADE, "Teixeira offer", "2012-01-10")]
    )
    assert undated in index.states
    (later,) = index.add([_article(QUAKE.replace("12", "13"), "Sumatra quake kills 13")])
    assert later.story == undated


def test_time_decay_ranks_the_recent_of_two_look_alike_stories_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for one candidate, an article is judged against the story of its own week, not one three
    weeks older (within the horizon) whose centroid is closer: the decay, not the cosine, decides."""
    import parallax.stories.incremental as incremental

    monkeypatch.setattr(incremental, "CANDIDATES", 1)
    monkeypatch.setattr(incremental, "DORMANT", 0)
    store = open_store(":memory:")
    vector = _OneVector().embed(["x"])[0]
    tilted = vector.copy()
    tilted[:20] *= -1.0  # cosine 0.9 with the articles' vector
    stories = []
    for day, centroid, numbers in (
        ("2009-09-01", vector, range(12, 14)),
        ("2009-09-22", tilted, range(14, 16)),
    ):
        quakes = [dataclasses.replace(a, published=day) for a in _quakes(numbers)]
        story = _stored_story(store, quakes)
        record = store.get_story(story)
        assert record is not None
        store.save_story(
            dataclasses.replace(record, first_published=day, last_published=day, centroid=centroid)
        )
        stories.append(story)
    index = StoryIndex(store, _OneVector())
    assert len(index.states) == 2
    (later,) = index.add([dataclasses.replace(_quakes(range(16, 17))[0], published="2009-09-23")])
    assert later.story == stories[1]
