"""Tests for time expressions, on sentences from the Seoul 2023-11-09 example pair."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.annotate.dates import (
    dates_with_year,
    find_time_expressions,
    last_day_of,
    resolve,
    resolve_article_dates,
    story_anchor,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "seoul-2023-11-09"
ANCHOR = dt.date(2023, 11, 10)


def _body(name: str) -> str:
    """The article text without its front matter."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return text.split("---\n", 2)[2]


DONGA = _body("newsrebeat-donga.txt")
US = _body("us-outlet.txt")


def _sentence(body: str, phrase: str) -> str:
    """The line of ``body`` that holds ``phrase``, so tests run on real text."""
    return next(line for line in body.splitlines() if phrase in line)


def _values(body: str, published: str | None = "2023-11-10") -> dict[str, str | None]:
    return {t.text: t.value for t in resolve_article_dates("a", body, published)}


@pytest.mark.parametrize(
    ("body", "phrase", "text", "value"),
    [
        (DONGA, "said on the 9th", "on the 9th", "2023-11-09"),
        (US, "visit to South Korea on Thursday", "on Thursday", "2023-11-09"),
        (US, "his visit this week", "this week", "2023-W45"),
        (DONGA, "against North Korea in September", "in September", "2023-09"),
        (DONGA, "from the 11th to the 17th", "from the 11th to the 17th", "2023-11-11/2023-11-17"),
        (US, "Shoigu in July", "in July", "2023-07"),
        (US, "the October 7 mass murder", "October 7", "2023-10-07"),
        (US, "Security Council in 2024", "in 2024", "2024"),
        (US, "The war began in 1950", "in 1950", "1950"),
        (US, "Russia this year", "this year", "2023"),
        (US, "“Today, Minister Park", "Today", "2023-11-10"),
    ],
)
def test_resolves_with_anchor(body: str, phrase: str, text: str, value: str) -> None:
    assert _values(_sentence(body, phrase))[text] == value


def test_resolve_single_expressions() -> None:
    assert resolve("the 9th", ANCHOR) == "2023-11-09"
    assert resolve("Thursday", ANCHOR) == "2023-11-09"
    assert resolve("1950", ANCHOR) == "1950"
    assert resolve("next Monday", ANCHOR) == "2023-11-13"
    assert resolve("last Tuesday", ANCHOR) == "2023-11-07"
    assert resolve("Oct. 7, 2023", None) == "2023-10-07"
    assert resolve("2023-11-09", None) == "2023-11-09"
    assert resolve("in mid-October", ANCHOR) == "2023-10"
    assert resolve("in December", ANCHOR) == "2022-12"  # the most recent December
    assert resolve("the 28th", dt.date(2023, 11, 2)) == "2023-10-28"  # nearer than Nov 28


def test_partial_values_without_anchor() -> None:
    assert resolve("the 9th", None) == "XXXX-XX-09"
    assert resolve("Thursday", None) == "XXXX-WXX-4"
    assert resolve("in September", None) == "XXXX-09"
    assert resolve("October 7", None) == "XXXX-10-07"
    assert resolve("in 2024", None) == "2024"
    assert resolve("this week", None) is None


def test_event_day_carries_in_article() -> None:
    values = [(t.text, t.value) for t in resolve_article_dates("d", DONGA, "2023-11-10")]
    expected = [("on the 9th", "2023-11-09"), ("On this day", "2023-11-09"), ("that day", "2023-11-09")]
    assert values[:3] == expected
    # Without an anchor, "that day" still copies what is known of the 9th.
    undated = {t.text: t.value for t in resolve_article_dates("d", DONGA, None)}
    assert undated["that day"] == "XXXX-XX-09"


def test_day_before_follows_last_day() -> None:
    text = _sentence(US, "the day before Blinken")
    assert _values(text)["the day before"] == "2023-11-08"  # Thursday the 9th, minus one


def test_no_false_positive_for_modal_may() -> None:
    text = _sentence(DONGA, "Russia may have begun providing")
    assert all("may" not in t for _, _, t in find_time_expressions(text))
    assert find_time_expressions("Russia may have begun providing military technology") == []
    assert find_time_expressions("the 9th Division moved") == []


def test_fallback_anchor_is_inferred() -> None:
    records = resolve_article_dates("u", US, None, fallback_anchor=ANCHOR)
    assert records and all(r.inferred and r.anchor == "2023-11-10" for r in records)
    own = resolve_article_dates("u", US, "2023-11-10T08:00:00Z", fallback_anchor=dt.date(2000, 1, 1))
    assert all(not r.inferred and r.anchor == "2023-11-10" for r in own)
    assert all(r.anchor is None for r in resolve_article_dates("u", US, "not a date"))


def test_extra_spans_fill_gaps_only() -> None:
    body = "On Thursday the talks ended; decades of tension remain."
    start = body.index("decades")
    spans = find_time_expressions(body, extra_spans=[(0, 5), (start, start + 7), (-1, 3)])
    assert [t for _, _, t in spans] == ["On Thursday", "decades"]


def test_story_anchor_is_median() -> None:
    assert story_anchor(["2023-11-09", None, "2023-11-10", "2023-12-30"]) == dt.date(2023, 11, 10)
    assert story_anchor([None, "junk"]) is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200) | st.sampled_from([DONGA[:400], US[:400]]))
def test_never_raises_and_spans_are_sound(body: str) -> None:
    spans = find_time_expressions(body)
    previous_end = 0
    for start, end, text in spans:
        assert previous_end <= start < end <= len(body)
        assert text == body[start:end]
        previous_end = end
    for record in resolve_article_dates("h", body, None, fallback_anchor=ANCHOR):
        assert record.text == body[record.start : record.end]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["on the 31st,", "Thursday", "the day before", "in May", "February 29", "that day", " x ", "9999"]
        ),
        max_size=8,
    ),
    st.dates(min_value=dt.date(1, 2, 1), max_value=dt.date(9999, 11, 30)),
)
def test_resolution_never_raises(parts: list[str], anchor: dt.date) -> None:
    body = " ".join(parts)
    for record in resolve_article_dates("h", body, anchor.isoformat()):
        assert record.text == body[record.start : record.end]


def test_a_month_ahead_in_a_future_clause_is_the_next_one() -> None:
    """A July article: "won't be released until … its meeting in October" is this October, not last."""
    body = (
        "The final wording won't be released until the board approves it during its meeting in October. "
        "The first draft was written in March. Officials said in October that talks will resume."
    )
    found = [(t.text, t.value) for t in resolve_article_dates("a", body, "2010-07-14")]
    assert found == [("in October", "2010-10"), ("in March", "2010-03"), ("in October", "2009-10")]
    abbreviated = resolve_article_dates("a", "Talks resume in Oct. and end soon.", None)
    assert [t.text for t in abbreviated] == ["in Oct."]


def test_a_weekday_after_the_publication_day_is_read_forward_when_it_can_be() -> None:
    """North Korea's missiles over Hokkaido (Giveme5W1H): CNN, 22:20 UTC on Thursday 14 September 2017,
    "fired a ballistic missile … Friday" (Friday morning in Pyongyang), and Reuters in the Huffington
    Post, 21:31 UTC on Monday 28 August, "early on Tuesday", were read as the week before. A story set
    where it is still the publication day, or nowhere known, keeps the past reading."""

    def values(body: str, published: str) -> list[str | None]:
        return [t.value for t in resolve_article_dates("a", body, published)]

    friday = "North Korea fired a missile over Hokkaido Friday."
    assert values(friday, "2017-09-14T22:20:37") == ["2017-09-15"]
    tuesday = "TOKYO/SEOUL (Reuters) - North Korea fired a missile early on Tuesday."
    assert values(tuesday, "2017-08-28T21:31:21") == ["2017-08-29"]
    assert values(tuesday, "2017-08-28T21:31:21-05:00") == ["2017-08-29"]
    assert values(tuesday, "2017-08-28T09:31:21") == ["2017-08-22"], "still Monday in Seoul"
    assert values(tuesday, "2017-08-28") == ["2017-08-22"], "a date alone: past"
    assert values("The council met on Tuesday.", "2017-08-28T21:31:21") == ["2017-08-22"], "set nowhere"
    ohio = "The council in Columbus, United States, met on Tuesday."
    assert values(ohio, "2017-08-28T21:31:21") == ["2017-08-22"], "still Monday in the United States"
    assert values("The Security Council will meet Friday.", "2017-11-26") == ["2017-12-01"]
    said = "North Korea said it will respond after the missile was fired Friday."
    assert values(said, "2017-11-26") == ["2017-11-24"]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("two years ago", dt.date(2017, 12, 31), "2015"),
        ("about 25 years ago", dt.date(2017, 12, 31), "1992"),
        ("six months ago", dt.date(2017, 12, 31), "2017-06"),
        ("three decades ago", dt.date(2017, 12, 31), "198X"),
        ("the 1960s", None, "196X"),
        ("in the late 1990s", None, "199X"),
        ("spring 2013", None, "2013-SP"),
        ("this summer", dt.date(2017, 12, 31), "2017-SU"),
        ("last summer", dt.date(2018, 1, 15), "2017-SU"),
        ("next spring", dt.date(2018, 1, 15), "2018-SP"),
        ("this winter", dt.date(2018, 1, 15), "2017-WI"),  # the winter of December 2017
        ("this weekend", dt.date(2017, 12, 28), "2017-W52-WE"),
        ("on Christmas Day", dt.date(2017, 12, 31), "2017-12-25"),
        ("around Thanksgiving", dt.date(2017, 12, 31), "2017-11-23"),
        ("next Christmas", dt.date(2017, 12, 31), "2018-12-25"),
        ("New Year's Eve", dt.date(2017, 12, 29), "2017-12-31"),
        # Deutsche Welle on Berlin's safe zone, two years after Cologne: the year given is the year meant
        ("New Year's Eve 2015", dt.date(2017, 12, 30), "2015-12-31"),
        ("on Christmas Day, 2016", dt.date(2018, 1, 3), "2016-12-25"),
        ("Bastille Day", dt.date(2016, 7, 15), "2016-07-14"),
    ],
)
def test_ago_decades_seasons_and_named_days(text: str, anchor: dt.date | None, value: str) -> None:
    """Forms read from Giveme5W1H's stories, where each was left unresolved."""
    assert resolve(text, anchor) == value


def test_christmas_alone_is_a_date_only_after_a_word_of_time() -> None:
    found = [
        t for _, _, t in find_time_expressions("She bought a Christmas tree and flew home for Christmas.")
    ]
    assert found == ["for Christmas"]
    assert [t for _, _, t in find_time_expressions("They met on Christmas.")] == ["on Christmas"]


def test_ages_and_durations_the_tagger_calls_dates_are_left_out() -> None:
    """The Costa Rica crash story's Dates table listed "58", "four months" and "19-year-old" as unresolved."""
    body = "Richard Cousins, 58, had led the firm for four months. A 19-year-old died on Sunday."
    spans = [(body.index(t), body.index(t) + len(t)) for t in ("58", "four months", "19-year-old")]
    records = resolve_article_dates("a", body, "2017-12-31", extra_spans=spans)
    assert [(r.text, r.value) for r in records] == [("on Sunday", "2017-12-31")]


def test_a_bare_month_in_a_clause_about_the_present_or_future_is_read_ahead() -> None:
    """Giveme5W1H and BASIL sentences: with the parse, a month before the publication month is next
    year's when its clause is present or future, and stays this year's when the clause is past."""
    from parallax.annotate.nlp import parse

    cases = [
        ("The bank reports earnings in mid-January.", "2017-12-29", "2018-01"),
        ("Two opted for a trial, which is currently set to begin in March.", "2017-12-25", "2018-03"),
        ("Grimm is up for re-election in November and faces a challenger.", "2014-04-25", "2014-11"),
        ("The council imposed sanctions over two missile launches in July.", "2017-08-28", "2017-07"),
        ("A judge dismissed the claims in December.", "2017-11-14", "2016-12"),
        ("Prices have risen since January.", "2017-12-29", "2017-01"),
        ("Missiles that overflew the country in August were not shot down.", "2017-11-06", "2017-08"),
    ]
    docs = parse([body for body, _, _ in cases])
    for (body, published, expected), doc in zip(cases, docs, strict=True):
        month = next(t for t in resolve_article_dates("a", body, published, doc=doc) if t.value)
        assert month.value == expected, body
    unparsed = resolve_article_dates("a", cases[0][0], cases[0][1])
    assert [t.value for t in unparsed] == ["2017-01"], "without a parse, news reports the past"


def test_a_month_with_a_relative_year_is_that_year_s() -> None:
    """ "Sometime in late March of next year, a Chinese space station … is going to fall" (Giveme5W1H)."""
    assert _values("Sometime in late March of next year, it will fall.", "2017-12-31") == {
        "in late March of next year": "2018-03"
    }
    assert _values("In January last year, it rose.", "2017-12-31") == {"In January last year": "2016-01"}


def test_a_day_with_a_relative_year_is_that_year_s() -> None:
    """China Daily's list after the Las Vegas shooting: "… opens fire inside a nightclub in the city of
    Orlando on June 12 last year" was read as 12 June of the story's own year."""
    assert _values("He opened fire in Orlando on June 12 last year.", "2017-10-03") == {
        "on June 12 last year": "2016-06-12"
    }
    assert _values("It opens on 3 March next year.", "2017-10-03") == {"on 3 March next year": "2018-03-03"}


def test_the_dates_a_text_gives_with_their_year_are_read_without_its_publication_date() -> None:
    """What RT's crawl-dated report of the Cincinnati Zoo's gorilla says of when things were: only
    expressions that state their year, whatever date the article carries."""
    body = (
        "The incident took place at the zoo on Saturday, the zoo said. Details on sad incident today "
        "— Cincinnati Zoo (@CincinnatiZoo) May 28, 2016\nHarambe came to Cincinnati in 2014. The files "
        "run from the 1970s to spring 2016; Sept. 11 and last week are no help, nor are $2016 or 2,016."
    )
    assert dates_with_year(body) == ["2016-05-28", "2014", "2016-SP"]
    assert dates_with_year(body, since=2015) == ["2016-05-28", "2016-SP"]
    assert dates_with_year("Nothing here names a year.") == []


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-05-28", dt.date(2016, 5, 28)),
        ("2016-02", dt.date(2016, 2, 29)),
        ("2014", dt.date(2014, 12, 31)),
        ("2016-SP", dt.date(2016, 5, 31)),
        ("2017-WI", dt.date(2018, 2, 28)),
        ("2016-W14", dt.date(2016, 4, 10)),
        ("2002/2012", dt.date(2012, 12, 31)),
        ("XXXX-05-28", None),
        ("197X", None),
    ],
)
def test_the_last_day_a_value_covers(value: str, day: dt.date | None) -> None:
    assert last_day_of(value) == day


def test_a_month_in_a_clause_with_no_verb_is_read_and_the_reading_ends() -> None:
    """A headline-like line parses with a noun as its root: the climb to the clause's verb must stop at
    the root (spaCy makes a new Token on each access, so `head is token` is never true)."""
    from parallax.annotate.nlp import parse

    (doc,) = parse(["Snowfall record in January."])
    (month,) = resolve_article_dates("a", doc.text, "2017-12-29", doc=doc)
    assert month.value == "2017-01"


def test_the_clause_verb_of_a_word_is_its_nearest_verb_head() -> None:
    """One climb serves dates (is a month's clause past?) and facts (does a time hang on the claim's own
    verb?): from a word up to its clause's verb, by index (spaCy's tokens are new objects on each access,
    so a climb comparing them by identity never stops on a noun root)."""
    from parallax.annotate.nlp import clause_verb, parse

    doc = parse(["He said the launch will happen in July."])[0]
    july = next(t for t in doc if t.text == "July")
    assert clause_verb(july).text == "happen"
    headline = parse(["Missile tests in July"])[0]  # no verb: the root, and the climb ends
    assert clause_verb(headline[3]).i == headline[:].root.i
