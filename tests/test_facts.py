"""What one outlet adds and leaves out: `unique`, `context` and `omission` findings (compare/facts.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pytest
from conftest import SHARED_DATA, by_outlet, load_benchmark

from parallax.annotate.dates import resolve_article_dates
from parallax.compare.align import Alignment
from parallax.compare.claims import claims, sentences
from parallax.compare.facts import (
    FactInput,
    _claim_candidates,
    _unmatched_runs,
    background_reason,
    before_story,
    distinctiveness,
    fact_findings,
    listed_earlier_events,
    omissions,
    outlet_only_quotes,
    shared_background,
    story_date,
    unheard_voices,
)
from parallax.model import Claim, Document, Finding, Quote, Span, TimeExpr
from parallax.pipeline import compare_documents


def _findings(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for s in report["stories"] for f in s["findings"] if f["kind"] == kind]


def test_background_is_context_with_a_reason(example_json: dict[str, Any]) -> None:
    us = by_outlet(example_json, "US outlet")["id"]
    context = _findings(example_json, "context")
    war = [f for f in context if "The war began in 1950" in f["text"]]
    assert war, "the US outlet's Korean War background is context"
    assert all(c["article"] == us for f in war for c in f["citations"])
    assert all(f["reason"] for f in context)
    armistice = next(f for f in context if "armistice" in f["text"])
    assert "1953" in armistice["reason"]  # an earlier year, read without any publication date


def test_unique_findings_are_not_quotes_other_outlets_carry(example_json: dict[str, Any]) -> None:
    quoted = [c for f in _findings(example_json, "quote") for c in f["citations"]]
    bodies = {a["id"]: a["body"] for a in example_json["articles"]}
    for finding in _findings(example_json, "unique") + _findings(example_json, "context"):
        (cite,) = finding["citations"]
        inside = sum(
            max(0, min(q["end"], cite["end"]) - max(q["start"], cite["start"]))
            for q in quoted
            if q["article"] == cite["article"]
        )
        if finding.get("reason", "").startswith("words of"):
            # Inside a quotation others carry too: only words that the other outlet's article lacks.
            others = " ".join(b for a, b in bodies.items() if a != cite["article"]).casefold()
            assert inside == cite["end"] - cite["start"]
            assert finding["text"].casefold() not in others, finding["text"]
        else:
            assert inside * 2 < cite["end"] - cite["start"], finding["text"]
        assert finding["outlets"] == 1
        assert finding["distinctiveness"] > 0


def test_a_quotation_only_one_outlet_carries_is_cited_alone(example_json: dict[str, Any]) -> None:
    us = by_outlet(example_json, "US outlet")["id"]
    body = by_outlet(example_json, "US outlet")["body"]
    quotations = [f for f in _findings(example_json, "unique") if f.get("reason")]
    park = next(f for f in quotations if f["text"].startswith("“Due to the war in Ukraine"))
    (cite,) = park["citations"]
    assert cite["article"] == us
    assert body[cite["start"] : cite["end"]] == park["text"] and park["text"].endswith("”")
    assert park["speaker"] == "Park Jin" and "no other outlet" in park["reason"]
    # The claim around an outlet-only quotation is not repeated as a second unique finding.
    spans = [(c["start"], c["end"]) for f in _findings(example_json, "unique") for c in f["citations"]]
    assert sum(s < cite["end"] and cite["start"] < e for s, e in spans) == 1


def _quotes_story(first: str, second: str) -> FactInput:
    """Two outlets, one sentence each, their claims unlike each other (cosine 0.3)."""
    import spacy

    nlp = spacy.blank("en")
    bodies = {"a": first, "b": second}
    claims = [Claim("a", 0, len(first), 0), Claim("b", 0, len(second), 0)]
    alignment = Alignment(np.array([[0, 0.3], [0.3, 0]], np.float32), [], [0, 1])
    outlets = {"a": "A", "b": "B"}
    docs = {k: nlp(v) for k, v in bodies.items()}
    return FactInput(claims, alignment, bodies, docs, outlets, outlets, {}, None)


def test_outlet_only_quotations_and_the_words_others_leave_out() -> None:
    first = (
        "The mayor said “the bridge is no longer safe for any car, bus or truck to cross today” on Monday."
    )
    second = "The mayor warned: “the bridge is no longer safe.” He called it “a disgrace.”"
    facts = _quotes_story(first, second)
    shared = [
        Span("a", first.index("“"), first.index("”") + 1),
        Span("b", second.index("“"), second.index("”") + 1),
    ]
    start = second.index("a disgrace")
    called = Quote("b", "partial", Span("b", start, start + len("a disgrace.")), cue=Span("b", 53, 59))
    facts = dataclasses.replace(facts, shared_quotes=shared, quotes=[called])
    found = {(facts.bodies[s.article][s.start : s.end], part) for s, part in outlet_only_quotes(facts)}
    assert found == {("for any car, bus or truck to cross today", True), ("“a disgrace.”", False)}
    # Two words in marks that no quote reports are the writer's (a title, a scare quote), not a quotation.
    unreported = dataclasses.replace(facts, quotes=[])
    assert {part for _, part in outlet_only_quotes(unreported)} == {True}
    # Without the shared quotation, the first outlet's whole quotation is its own, and the claim holding
    # it (mostly quoted) is left to it.
    alone = _quotes_story(first, "The council met on Monday.")
    unique, context = fact_findings(alone)
    assert context == []
    assert [f.text for f in unique if f.reason] == [first[first.index("“") : first.index("”") + 1]]
    assert all(not f.reason for f in unique if f.citations[0].article == "b")


def test_a_quotation_says_whom_only_this_outlet_quotes(example_json: dict[str, Any]) -> None:
    found = [f for f in _findings(example_json, "unique") if f.get("reason")]
    quotations = [f for f in found if f["reason"].startswith("a quotation")]
    # The US outlet alone quotes (or names) the Global Times; both outlets quote Blinken and Park.
    only_here = {f["speaker"] for f in quotations if "whom no other outlet quotes" in f["reason"]}
    assert only_here == {"Global Times"}
    elsewhere = {f["speaker"] for f in quotations if f["reason"].endswith("no other outlet carries")}
    assert {"Antony Blinken", "Park Jin"} <= elsewhere
    # What Putin said, reported (not quoted) by the US outlet alone, is not unique on that ground alone:
    # on BASIL's test half such reported words were no more often chosen content than any text.
    assert not [f for f in found if f["reason"].startswith("reported speech")]


@pytest.fixture(scope="module")
def nlp() -> Any:
    from parallax.annotate.nlp import load_nlp

    return load_nlp()


def _parsed_story(nlp: Any, first: str, second: str, quotes: list[Quote]) -> FactInput:
    facts = _quotes_story(first, second)
    return dataclasses.replace(facts, docs={"a": nlp(first), "b": nlp(second)}, quotes=quotes)


def _said(body: str, content: str, source: str, speaker: str | None, name: str) -> Quote:
    start, at = body.index(content), body.index(source)
    return Quote(
        "a", "indirect", Span("a", start, start + len(content)), source=Span("a", at, at + len(source)),
        speaker=speaker, speaker_name=name,
    )  # fmt: skip


def test_a_shared_fact_most_outlets_give_as_background_says_so(nlp: Any) -> None:
    """Giveme5W1H's Berlin safety zone: NPR and the Mail both recall Cologne "two years ago"; the fact is
    shared, and a reader should see it is background, not news of the event."""
    first = "Two years ago, hundreds of women in Cologne reported being attacked on New Year's Eve."
    second = "In 2015, hundreds of women were attacked in Cologne during the New Year's celebrations."
    facts = _parsed_story(nlp, first, second, [])
    facts = dataclasses.replace(facts, story_date=dt.date(2017, 12, 30))
    facts = dataclasses.replace(
        facts, dates={k: resolve_article_dates(k, facts.bodies[k], "2017-12-30") for k in "ab"}
    )
    assert shared_background([0, 1], facts) == "an earlier time: Two years ago"
    news = _parsed_story(nlp, "Police set up a safety zone for women in Berlin.", second, [])
    news = dataclasses.replace(news, story_date=dt.date(2017, 12, 30))
    news = dataclasses.replace(
        news, dates={k: resolve_article_dates(k, news.bodies[k], "2017-12-30") for k in "ab"}
    )
    assert shared_background([0, 1], news) == "an earlier time: In 2015", "one of two outlets is half"
    news = dataclasses.replace(news, dates={"a": [], "b": []})
    assert shared_background([0, 1], news) == ""
    # An earlier time inside the claim dates something else than its news (Giveme5W1H's Chibok girls).
    freed = "Twenty-one schoolgirls captured by Boko Haram more than two years ago have been freed."
    lead = _parsed_story(nlp, freed, freed.replace("Twenty-one", "21"), [])
    lead = dataclasses.replace(lead, story_date=dt.date(2016, 10, 13))
    lead = dataclasses.replace(
        lead, dates={k: resolve_article_dates(k, lead.bodies[k], "2016-10-13") for k in "ab"}
    )
    assert background_reason(lead.claims[0], lead) == "an earlier time: two years ago"
    assert shared_background([0, 1], lead) == ""
    # A claim with no verb (a headline-like line) ends the climb at its root.
    line = _parsed_story(nlp, "Record snowfall in 2015 for the city.", "Record snowfall in 2015.", [])
    line = dataclasses.replace(line, story_date=dt.date(2017, 12, 30))
    line = dataclasses.replace(
        line, dates={k: resolve_article_dates(k, line.bodies[k], "2017-12-30") for k in "ab"}
    )
    assert shared_background([0, 1], line) == "an earlier time: in 2015"


def test_reported_speech_of_a_voice_no_other_outlet_has(nlp: Any) -> None:
    first = "Senator Jane Holt of Ohio said the bridge had been unsafe for a decade."
    holt = _said(first, "the bridge had been unsafe for a decade", "Senator Jane Holt of Ohio",
                 "person:jane-holt", "Jane Holt")  # fmt: skip
    facts = _parsed_story(nlp, first, "The council closed the old bridge on Monday.", [holt])
    assert unheard_voices(facts) == {0: "Jane Holt"}
    (finding,) = [f for f in fact_findings(facts)[0] if f.citations[0].article == "a"]
    assert finding.speaker == "Jane Holt" and not finding.reason  # a unique claim, with whose words it holds
    # A claim close to what another outlet says is not unique, and what she said is not either on that
    # ground alone (on BASIL's test half it was not chosen content more often than any text)
    close = Alignment(np.array([[0, 0.8], [0.8, 0]], np.float32), [], [0, 1])
    assert fact_findings(dataclasses.replace(facts, alignment=close))[0] == []
    # Not when the claim is shared, nor when the words name no statement ("opposed the bridge").
    shared = Alignment(np.array([[0, 0.8], [0.8, 0]], np.float32), [[0, 1]], [])
    assert unheard_voices(dataclasses.replace(facts, alignment=shared)) == {}
    topic = dataclasses.replace(holt, content=Span("a", first.index("the bridge"), first.index(" had")))
    assert unheard_voices(dataclasses.replace(facts, quotes=[topic])) == {}
    # Another outlet that names her, or quotes her, has heard her; so has one of a role with no name.
    named = _parsed_story(nlp, first, "Holt was not at the council meeting on Monday.", [holt])
    assert unheard_voices(named) == {}
    quoted = dataclasses.replace(facts, quotes=[holt, dataclasses.replace(holt, article="b")])
    assert unheard_voices(quoted) == {}
    role = dataclasses.replace(
        facts, quotes=[dataclasses.replace(holt, speaker=None, speaker_name="A senator")]
    )
    assert unheard_voices(role) == {}
    # Reported speech is no background: "had been" inside what she said is the tense moving back a step.
    assert background_reason(facts.claims[0], facts) == ""
    before = _parsed_story(nlp, "The bridge had been closed twice before the council met.", "x", [])
    assert background_reason(before.claims[0], before) == "past perfect: had closed"


def test_a_dateline_states_nothing(nlp: Any) -> None:
    facts = _parsed_story(nlp, "WASHINGTON", "The council closed the old bridge on Monday.", [])
    assert [f.citations[0].article for f in fact_findings(facts)[0]] == ["b"]
    # A cue cut off its quotation (a Costa Rica crash story, Giveme5W1H) says who, not what.
    facts = _parsed_story(nlp, "the statement said.", "The council closed the old bridge on Monday.", [])
    assert [f.citations[0].article for f in fact_findings(facts)[0]] == ["b"]
    told = _parsed_story(nlp, "He said the bridge fell.", "The council closed the old bridge on Monday.", [])
    assert "a" in [f.citations[0].article for f in fact_findings(told)[0]]


def test_a_one_word_quotation_is_no_statement() -> None:
    facts = _quotes_story("Critics called it “reckless” on Monday.", "The council met on Monday.")
    assert outlet_only_quotes(facts) == []


def test_two_outlets_have_no_omissions(example_json: dict[str, Any]) -> None:
    # With two outlets, what one leaves out is the other's unique claims: nothing more to say.
    assert _findings(example_json, "omission") == []


def _three_outlets(close: float) -> tuple[FactInput, list[tuple[list[int], Finding]]]:
    """Outlets A and B share claim 0/1; C's only claim (2) is `close` to them."""
    claims = [Claim("a", 0, 10, 0), Claim("b", 0, 10, 0), Claim("c", 0, 10, 0)]
    sim = np.array([[0, 0.9, close], [0.9, 0, close], [close, close, 0]], np.float32)
    alignment = Alignment(sim, [[0, 1]], [])
    outlets = {"a": "A", "b": "B", "c": "C"}
    facts = FactInput(claims, alignment, {k: "x" * 10 for k in outlets}, {}, outlets, outlets, {}, None)
    shared = Finding("shared", "x" * 10, (Span("a", 0, 10), Span("b", 0, 10)), outlets=2)
    return facts, [([0, 1], shared)]


def test_omission_when_most_others_report_what_one_leaves_out() -> None:
    facts, shared = _three_outlets(close=0.3)
    (found,) = omissions(facts, shared)
    assert found.kind == "omission"
    assert found.omitted_by == ("c",)
    assert found.outlets == 2
    assert {c.article for c in found.citations} == {"a", "b"}


def test_no_omission_when_the_outlet_says_something_close() -> None:
    facts, shared = _three_outlets(close=0.65)
    assert omissions(facts, shared) == []


def test_earlier_times_and_the_story_date() -> None:
    day = dt.date(2023, 11, 9)
    assert before_story("2009", day)
    assert before_story("2023-09", day)
    assert not before_story("2023-11", day)  # the story's own month
    assert before_story("2017-07", dt.date(2017, 8, 29))  # the month before, ending 29 days before
    assert not before_story("2017-08-01", dt.date(2017, 8, 29))  # a day four weeks before: still news
    assert not before_story("2023-W45", day)
    assert not before_story("XXXX-XX-09", day)
    assert not before_story("2009", None)
    assert story_date(["2023-11-10", "2023-11-09T08:00:00"]) == day
    # one article misdated weeks before the rest does not move the story back (Harambe, 2016)
    harambe = [
        "2017-11-30T14:57:00",
        "2016-05-29T01:05:16",
        "2016-05-29",
        "2016-03-18T14:58:57",
        "2016-06-01",
    ]
    assert story_date([*harambe, "2016-05-29", "2016-05-30"]) == dt.date(2016, 5, 29)
    undated = [TimeExpr("a", 0, 4, "1953", "1953"), TimeExpr("a", 9, 16, "in 2024", "2024")]
    assert story_date([None], undated) == dt.date(2024, 1, 1)
    assert story_date([None]) is None


def test_one_article_and_bad_inputs_give_notes_not_crashes() -> None:
    text = (
        "The council voted on Tuesday to close the old bridge. The bridge had been built in 1931. "
        "“It is no longer safe,” the mayor said."
    )
    report = compare_documents(
        [
            Document("one.txt", text, published="2024-03-05"),
            Document("de.txt", "Der Rat hat am Dienstag beschlossen, die alte Brücke zu schließen. " * 3),
            Document("empty.txt", " \n "),
        ]
    )
    assert {e.source for e in report.errors} == {"de.txt", "empty.txt"}
    assert any("one article" in note for note in report.notes)
    (story,) = report.stories
    assert not [f for f in story.findings if f.kind in ("unique", "context", "omission")]


@pytest.mark.shared_data
def test_basil_events_give_unique_context_and_omissions() -> None:
    if not (SHARED_DATA / "basil" / "basil-2010-2014.jsonl").exists():
        pytest.skip("needs ../shared/data/basil")
    from parallax.embed import default_embedder

    bench = load_benchmark("facts")
    events = bench.load_events(SHARED_DATA / "basil" / "basil-2010-2014.jsonl")[:3]
    embedder = default_embedder()
    kinds: set[str] = set()
    tally = bench.Tally()
    for event in events:
        articles = bench.to_articles(event)
        ids = {a.id for a in articles}
        story, _ = bench.compare_one_story(bench.prepare(articles, embedder, None), embedder)
        for finding in story.findings:
            kinds.add(finding.kind)
            assert {c.article for c in finding.citations} <= ids
            assert set(finding.omitted_by) <= ids
            if finding.kind == "omission":
                assert finding.outlets == 2 and len(finding.omitted_by) == 1
        marks = bench.marked_by_finding(story, bench.MARKING_KINDS)
        for basil, article in zip(event.articles, articles, strict=True):
            tally.add(basil, marks.get(article.id, []))
    assert {"shared", "unique", "context", "omission"} <= kinds
    summary = tally.summary()
    assert 0.1 < summary["share"] < 0.6
    assert summary["recall_chars"] > summary["share"]  # better than marking at random


def test_a_claim_that_adds_only_who_said_its_quotation_is_not_cited_twice(nlp: Any) -> None:
    """A 12-article Costa Rica crash story (Giveme5W1H) listed both the quotation, with its speaker, and
    the sentence holding it ("“They were very, very giving,” Pam Kravitz, …, told the Tampa Bay Times.")."""
    first = (
        "“They were very, very giving and kind to all,” Pam Kravitz, a friend of the family, told the Times."
    )
    content = Span("a", 1, first.index(",”"))
    cue_at = first.index("told")
    said = Quote("a", "direct", content, cue=Span("a", cue_at, cue_at + 4), speaker_name="Pam Kravitz")
    facts = _parsed_story(nlp, first, "The council closed the old bridge on Monday.", [said])
    texts = [f.text for f in fact_findings(facts)[0] if f.citations[0].article == "a"]
    assert texts == [first[: first.index("”") + 1]]
    # A partial quotation's sentence says more in the outlet's own words: both are kept.
    partial = dataclasses.replace(said, kind="partial")
    kept = [
        f
        for f in fact_findings(dataclasses.replace(facts, quotes=[partial]))[0]
        if f.citations[0].article == "a"
    ]
    assert len(kept) == 2


def _quoted(body: str, content: str, article: str = "a") -> Quote:
    start = body.index(content)
    return Quote(article, "partial", Span(article, start, start + len(content)), speaker_name="Newt Gingrich")


def test_words_another_outlet_quotes_elsewhere_are_not_left_out() -> None:
    # BASIL (Perry's ad, tuning half): Fox quotes the statement whole, the Times splits it at its cue; the
    # Times' closest rendering lacks its first half, which stands in the other rendering, apostrophes aside.
    fox = (
        "\"I'm not ashamed to admit that I'm a Christian, but you don't need to be in the pew every Sunday"
        " to know there's something wrong in this country,\" Perry says."
    )
    nyt = (
        "“I’m not ashamed to admit that I’m a Christian,” Mr. Perry says in the ad, “but you don’t need to"
        " be in the pew every Sunday to know there’s something wrong in this country.”"
    )
    second = nyt.index("“but")
    shared = [Span("a", 0, fox.index(',"') + 2), Span("b", second, len(nyt))]
    facts = dataclasses.replace(_quotes_story(fox, nyt), shared_quotes=shared)
    assert [s for s, _ in outlet_only_quotes(facts) if s.article == "a"] == []


def test_a_quotation_another_outlet_carries_word_for_word_is_not_its_own() -> None:
    # BASIL (Steele on Afghanistan): Fox's rendering holds the Times' quotation after an ellipsis, so the
    # two were not grouped as one quotation; the Times' words are all in Fox's text.
    nyt = (
        "“For the sake of the security of the free world, our country must give our troops the support"
        " necessary to win this war,” Mr. Steele said."
    )
    fox = (
        'Steele issued a statement saying: "There is no question that America must win the war on terror.'
        " ... And, for the sake of the security of the free world, our country must give our troops the"
        ' support necessary to win this war."'
    )
    found = {s.article for s, _ in outlet_only_quotes(_quotes_story(nyt, fox))}
    assert "a" not in found and "b" in found  # Fox's quotation says more than the Times quotes


def test_a_short_quotation_another_outlet_writes_unquoted_is_not_its_own() -> None:
    # Giveme5W1H (Goldman's tax charge): CNN Money quotes a “repatriation tax,” which Bloomberg writes
    # without marks; the two-word quotation was a `unique` finding "no other outlet carries".
    cnn = "Goldman said the majority of the hit will come from a “repatriation tax,” a one-time levy."
    bloomberg = "About two-thirds of the hit comes from the Repatriation Tax, the bank said on Friday."
    said = Quote("a", "partial", Span("a", cnn.index("“"), cnn.index("”") + 1), cue=Span("a", 8, 12))
    facts = dataclasses.replace(_quotes_story(cnn, bloomberg), quotes=[said])
    assert outlet_only_quotes(facts) == []
    other = "About two-thirds of the hit comes from a new tax, the bank said on Friday."
    facts = dataclasses.replace(_quotes_story(cnn, other), quotes=[said])
    assert [s.article for s, _ in outlet_only_quotes(facts)] == ["a"]


def test_a_claim_another_outlet_has_word_for_word_is_not_unique(nlp: Any) -> None:
    # BASIL (Kristol's letter): HuffPost runs the quotation on past its paragraph with no opening mark, so
    # its last sentence is a plain claim; the Times quotes it, and the cosine to that long sentence is low.
    hpo = "And they’re certainly entitled to make their case."
    nyt = (
        "He added, “There are, of course, those who think we should pull out of Afghanistan, and they’re"
        " certainly entitled to make their case.”"
    )
    unique, _ = fact_findings(_parsed_story(nlp, hpo, nyt, []))
    assert [f.citations[0].article for f in unique] == ["b"]
    # A claim that shares a phrase, not most of its words, stays unique.
    own = "Kristol said they are entitled to make their case in the primaries next spring."
    assert "a" in [f.citations[0].article for f in fact_findings(_parsed_story(nlp, own, nyt, []))[0]]


def test_a_title_in_marks_is_not_a_quotation() -> None:
    # BASIL (Ground Zero mosque): the quote reader gives the programme's name the speaker of the sentence.
    body = "“Nazis don’t have the right,” Mr. Gingrich said on the Fox News program “Fox and Friends.”"
    show = _quoted(body, "“Fox and Friends.”")
    facts = dataclasses.replace(_quotes_story(body, "The council met on Monday."), quotes=[show])
    assert [body[s.start : s.end] for s, _ in outlet_only_quotes(facts)] == ["“Nazis don’t have the right,”"]
    speech = "Mr. Paul said after the “State of the Union.”"
    facts = dataclasses.replace(
        _quotes_story(speech, "The council met on Monday."), quotes=[_quoted(speech, "“State of the Union.”")]
    )
    assert outlet_only_quotes(facts) == []
    # A short phrase someone is quoted saying is still theirs (“a disgrace” above).
    called = "Mr. Gingrich called it “Wildly inaccurate and reckless.”"
    facts = dataclasses.replace(
        _quotes_story(called, "The council met on Monday."), quotes=[_quoted(called, "“Wildly inaccurate")]
    )
    assert len(outlet_only_quotes(facts)) == 1


def test_a_list_of_earlier_events_is_background(nlp: Any) -> None:
    """China Daily ended its Las Vegas report with the deadliest earlier US shootings; each heading and the
    lines under it were facts only it reported, as was the NYT's "At 10:13 p.m., …" read as a heading."""
    body = (
        "Paddock fired from the 32nd floor of the Mandalay Bay hotel on Sunday night.\n"
        "At 10:13 p.m., the manhunt begins to focus on the upper floors of the hotel.\n"
        "Virginia Tech: 32 killed\n"
        "A 23-year-old student goes on a rampage at Virginia Tech University in April 2007.\n"
        "He kills 27 students and five teachers before committing suicide.\n"
        "Las Vegas: police give an update\n"
        "Police said on Monday that the gunman had 23 guns in his room."
    )
    doc = nlp(body)
    found = claims("a", doc, sentences("a", doc))
    dates = {"a": resolve_article_dates("a", body, "2017-10-02")}
    facts = FactInput(found, Alignment(np.zeros((0, 0)), [], []), {"a": body}, {"a": doc}, {"a": "A"},
                      {"a": "A"}, dates, dt.date(2017, 10, 2))  # fmt: skip
    listed = [body[found[i].start : found[i].end] for i in sorted(listed_earlier_events(facts))]
    assert listed == body.split("\n")[2:5]
    # China Daily's own line has no year: its present tense reads the bare month ahead, to April 2018,
    # months after the story; that does not end the list as a line of the story's days would.
    body = body.replace("in April 2007", "in April")
    doc = nlp(body)
    found = claims("a", doc, sentences("a", doc))
    dates = {"a": resolve_article_dates("a", body, "2017-10-02", doc=doc)}
    assert [d.value for d in dates["a"] if d.text == "in April"] == ["2018-04"]
    facts = dataclasses.replace(facts, claims=found, bodies={"a": body}, docs={"a": doc}, dates=dates)
    listed = [body[found[i].start : found[i].end] for i in sorted(listed_earlier_events(facts))]
    assert listed == body.split("\n")[2:5]


def test_a_rendering_translated_anew_adds_no_words_of_its_own() -> None:
    """The example's Park Jin, "I don't think China is in a position to like North Korea-Russia growing
    closer" (News Rebeat) and "The growing closeness between these two countries is not something that
    China would like to see" (the US outlet): joined to one statement by their aligned fact alone, each
    is a translation worded anew, so neither adds "words the other outlets quote without them"."""
    korean = "Park said: “I don't think China is in a position to like North Korea-Russia growing closer.”"
    us = "“The growing closeness between these two countries is not something China would like,” he said."
    facts = _quotes_story(korean, us)
    shared = [
        Span("a", korean.index("“"), korean.index("”") + 1),
        Span("b", us.index("“"), us.index("”") + 1),
    ]
    facts = dataclasses.replace(facts, shared_quotes=shared)
    assert {part for _, part in outlet_only_quotes(facts)} == {True}, "word runs each other rendering lacks"
    translated = [Span("a", shared[0].start + 1, shared[0].end - 1), Span("b", 1, shared[1].end - 1)]
    assert outlet_only_quotes(dataclasses.replace(facts, translated=translated)) == []


def test_the_benchmark_splits_plain_unique_claims_by_their_own_words(nlp: Any) -> None:
    """benchmarks/facts.py's breakdown of plain `unique` claims (issue 5): a name of several words counts
    once, a figure counts, and a claim in the other outlets' words lands in the other row."""
    bench = load_benchmark("facts")
    seat = "South Korea will receive a temporary seat at the Security Council in 2024."
    facts = _parsed_story(nlp, seat, "South Korea's envoy spoke at the Security Council in 2023.", [])
    assert bench.own_wording(facts)[0] == pytest.approx(4 / 6)  # receive, temporary, seat, 2024
    assert bench.own_wording(facts)[1] == pytest.approx(3 / 5)  # envoy, speak, 2023; not the names
    other = "On Monday the council voted to close the old bridge after police found cracks."
    facts = _parsed_story(nlp, "The council closed the bridge on Monday.", other, [])
    unique, context = fact_findings(facts)
    story = type("S", (), {"findings": (*unique, *context)})()
    # Vote, old, police, find and crack are 5 of the second claim's 9: not most of what it says.
    assert bench.other_claims_by_wording(story, facts) == {
        f"{bench.OTHER_CLAIM}, mostly not words no other outlet uses": {"a": [(0, 40)], "b": [(0, 78)]}
    }
    facts = _parsed_story(nlp, "Engineers saw rust in the steel girders last spring.", other, [])
    unique, context = fact_findings(facts)
    story = type("S", (), {"findings": (*unique, *context)})()
    assert bench.other_claims_by_wording(story, facts)[
        f"{bench.OTHER_CLAIM}, mostly words no other outlet uses"
    ] == {"a": [(0, 52)], "b": [(0, 78)]}


def test_what_two_articles_of_one_outlet_each_say_is_one_finding() -> None:
    """The Mail's two reports of the Hebei well rescue (Giveme5W1H) each listed "The dry well measured
    (just) 30 centimetres wide (11.8 inches)." as a fact only it reports: one finding, both articles cited;
    another outlet's like sentence, or a different one of the same outlet, stays apart."""
    from parallax.compare.facts import _once_per_outlet

    first = "The dry well measured just 30 centimetres wide (11.8 inches)."
    again = "The dry well measured 30 centimetres wide (11.8 inches)."
    other = "Rescuers dug a crater around the well."
    facts = dataclasses.replace(_quotes_story(first, again), outlet_of={"a": "Mail", "b": "Mail", "c": "BBC"})
    found = [
        Finding("unique", first, (Span("a", 0, len(first)),), outlets=1),
        Finding("unique", again, (Span("b", 0, len(again)),), outlets=1),
        Finding("unique", again, (Span("c", 0, len(again)),), outlets=1),
        Finding("unique", other, (Span("b", 0, len(other)),), outlets=1),
    ]
    merged = _once_per_outlet(found, facts)
    assert [len(f.citations) for f in merged] == [2, 1, 1]
    assert [c.article for c in merged[0].citations] == ["a", "b"]


def test_the_claim_candidates_without_the_distinctiveness_gate_hold_the_near_misses(nlp: Any) -> None:
    """What training/facts_ranker.py ranks (issue 5): every claim that passes all tests of a `unique`
    claim but distinctiveness; with the gate, the claims the rules keep."""
    first = "Senator Jane Holt of Ohio said the bridge had been unsafe for a decade."
    facts = _parsed_story(nlp, first, "The council closed the old bridge on Monday.", [])
    close = Alignment(np.array([[0, 0.8], [0.8, 0]], np.float32), [], [0, 1])
    for alignment, kept in ((facts.alignment, [0, 1]), (close, [])):
        story = dataclasses.replace(facts, alignment=alignment)
        scores, best = distinctiveness(story), alignment.similarity.max(axis=1)
        assert _claim_candidates(story, [], scores, best) == kept
        assert _claim_candidates(story, [], scores, best, gated=False) == [0, 1]
    shared = dataclasses.replace(facts, alignment=Alignment(close.similarity, [[0, 1]], []))
    assert _claim_candidates(shared, [], np.zeros(2), np.full(2, 0.8), gated=False) == []


def _tokens(text: str) -> list[str]:
    return text.split()


def test_words_only_one_rendering_quotes_are_extra_words_not_a_rewording() -> None:
    """The example's Blinken quotation: the US outlet's "Today, Minister Park and I spoke about further
    actions that our countries can take …" stands where Donga's translation has "We discussed additional
    steps we could take …": one statement worded twice, not 13 words only the US outlet quotes. A clause
    the other rendering lacks outright is the outlet's own."""
    us = _tokens(
        "Today Minister Park and I spoke about further actions that our countries can take with partners"
        " to intensify pressure on Moscow not to transfer military technology"
    )
    translated = _tokens(
        "We discussed additional steps we could take to put pressure on Russia to ensure that it does not"
        " transfer military technology"
    )
    assert _unmatched_runs(us, [translated]) == []
    longer = _tokens(
        "China has a unique relationship with North Korea and it has real influence so we look to China"
    )
    assert _unmatched_runs(longer, [_tokens("we look to China")]) == [(0, len(longer) - 5)]
    # a rendering much longer than what stands in its place still has words of its own
    padded = _tokens("Today we spoke at length about the many further actions our two countries can")
    assert _unmatched_runs([*padded, *translated[4:]], [translated]) == [(0, len(padded) - 1)]
