"""A passage about another event inside an article (compare/other_event.py): one `context` finding, not
facts only its outlet reports about the story.

The excerpts are from Giveme5W1H's news_cluster (Apache-2.0; the texts are their publishers'): China
Daily's and CNN's reports of the Costa Rica plane crash of 31 December 2017, cut to a few paragraphs.
"""

from __future__ import annotations

import dataclasses

import pytest

from parallax.annotate.dates import resolve_article_dates
from parallax.compare.other_event import WHO_OR_WHERE, PassageInput, other_events, trailing_runs
from parallax.model import Document, Report, Span
from parallax.pipeline import annotate, clean_all, compare_documents

CHINA_DAILY = (
    "SAN JOSE, Costa Rica - Investigators are looking into what caused a charter aircraft to crash in "
    "woods in the country's northwest soon after takeoff, killing the 10 US citizens and two local crew "
    "members on board.\n"
    "Officials said on Sunday evening that they were still seeking to establish the names of the US "
    "citizens who died when the plane went down at midday in Guanacaste. They said Nature Air had "
    "provided a passenger list, but the names on it had not been confirmed.\n"
    "At a news conference, Enio Cubillo, director of Costa Rica Civil Aviation, said the Nature Air "
    "charter flight crashed shortly after taking off just after noon on Sunday from Punta Islita on a "
    "planned flight to the capital San Jose. He said investigators were looking into possible causes.\n"
    "The same plane had arrived in Punta Islita on Sunday morning from San Jose and was delayed in "
    "landing by strong winds, Cubillo said.\n"
    "Meanwhile, the CEO of Compass Group, the world's biggest catering firm, and four of his close "
    "family members were among the six people who died when the seaplane they were traveling in crashed "
    "into Sydney river on New Year's Eve.\n"
    "Richard Cousins, 58, chief of the British-based catering and food services giant, died alongside "
    "Emma Bowden, 48. Heather Bowden, 11, Edward Cousins, 23, and William Cousins, 25, according to "
    "Detective Superintendent Mark Hutchings from the New South Wales Police.\n"
    "The pilot, Gareth Morgan, 44, also died in the crash.\n"
    'Compass Chairman Paul Walsh said in a statement: "The thoughts of everyone at Compass are with '
    "Richard's family and friends, and we extend our deepest sympathies to them.\"\n"
    "Police are working with the Australian Transport Safety Bureau to recover the wreckage of the "
    "plane, which is submerged in 13 meters of water near Cowan, north of Sydney.\n"
    "Reuters - Ap - Afp"
)
CNN = (
    "(CNN) A small plane crash Sunday in northwest Costa Rica killed 12 people, including 10 US citizens, "
    "officials said.\n"
    "The single-engine turboprop's two Costa Rican pilots also died in the crash, President Luis "
    "Guillermo Solis Rivera said in a statement posted on social media. There were no survivors.\n"
    "Costa Rica's Ministry of Public Security posted several images of the wreckage on its official "
    "Facebook page, showing the plane engulfed in flames in a wooded area, with smoke billowing from "
    "charred rubble.\n"
    'A spokesperson for the US State Department confirmed the deaths of "multiple US citizens" in the '
    "crash."
)
DOCUMENTS = [
    Document("chinadaily.txt", CHINA_DAILY, title="Costa Rica investigates after 10 US citizens die in plane "
             "disaster", outlet="China Daily", published="2018-01-01"),
    Document("cnn.txt", CNN, title="10 Americans among 12 dead in Costa Rica plane crash", outlet="CNN",
             published="2017-12-31"),
]  # fmt: skip


@pytest.fixture(scope="module")
def report() -> Report:
    return compare_documents(DOCUMENTS, one_story=True)


@pytest.fixture(scope="module")
def given() -> PassageInput:
    """The story's claims and names as the compare stage gets them (no claim shared: no alignment)."""
    articles, _, _ = clean_all(DOCUMENTS)
    annotated = annotate(articles)
    claims = [c for a in articles for c in annotated.claims[a.id]]
    bodies = {a.id: a.body for a in articles}
    titles = {a.id: a.title or "" for a in articles}
    dates = {a.id: resolve_article_dates(a.id, a.body, a.published) for a in articles}
    return PassageInput(claims, bodies, titles, annotated.mentions, dates, [])


def _china_daily(bodies: dict[str, str]) -> tuple[str, int]:
    """China Daily's article and where its "Meanwhile," paragraph starts."""
    article = next(a for a, body in bodies.items() if "Compass" in body)
    return article, bodies[article].index("Meanwhile,")


def _in_passage(span: Span, article: str, switch: int) -> bool:
    return span.article == article and span.start >= switch


def test_a_passage_about_another_event_is_one_context_finding(report: Report) -> None:
    """China Daily's Sydney seaplane paragraphs, after "Meanwhile,", are another event: one `context`
    finding that names it and cites the whole passage, not facts only China Daily gives about Costa Rica."""
    article, switch = _china_daily({a.id: a.body for a in report.articles})
    (story,) = report.stories
    (other,) = [f for f in story.findings if f.reason.startswith("another event")]
    assert other.kind == "context" and "after “Meanwhile”" in other.reason
    assert other.text.startswith("Meanwhile, the CEO of Compass Group")
    (cited,) = other.citations
    body = next(a.body for a in report.articles if a.id == article)
    assert cited.start == switch and body[: cited.end].endswith("north of Sydney.")
    # Nothing in it is a fact or a quotation only China Daily gives, and the brief states none of it.
    unique = [f for f in story.findings if f.kind == "unique"]
    assert not [f for f in unique if _in_passage(f.citations[0], article, switch)]
    assert not [s for s in story.brief if any(_in_passage(c, article, switch) for c in s.citations)]
    # What China Daily adds about Costa Rica before it is still its own.
    assert [f for f in unique if f.citations[0].article == article]


def test_a_switch_of_subject_needs_a_passage_sharing_none_of_the_story(given: PassageInput) -> None:
    """A switch of subject ("Meanwhile,") alone makes no other event: the passage must name nothing the
    story names and report nothing another outlet reports."""
    article, switch = _china_daily(given.bodies)
    assert [p.start for p in other_events(given)] == [switch]
    # The marker on the story's own paragraph (it names Cubillo and Punta Islita) opens no passage there.
    body = given.bodies[article]
    moved = body.replace("The same p", "Meanwhile,")  # of the same length: every offset holds
    runs = list(trailing_runs(dataclasses.replace(given, bodies={**given.bodies, article: moved}), article))
    assert [r.another_event for r in runs if r.marker] == [False, True]
    # A claim another outlet reports too ties the passage to the story.
    inside = [i for i, c in enumerate(given.claims) if c.article == article and c.start >= switch]
    outside = next(i for i, c in enumerate(given.claims) if c.article != article)
    assert other_events(dataclasses.replace(given, shared=[[inside[1], outside]])) == []
    # So does a name the story uses elsewhere: a title naming Sydney.
    titles = {**given.titles, article: "Plane crashes in Costa Rica and Sydney"}
    assert other_events(dataclasses.replace(given, titles=titles)) == []


def test_no_passage_without_a_switch_of_subject(given: PassageInput) -> None:
    """A closing run that names nothing of the story is taken only after a switch marker: on
    Giveme5W1H most such runs were the story's background ("it is surprisingly common for planes to
    return …"), which a reader wants kept with the story."""
    article, switch = _china_daily(given.bodies)
    unmarked = given.bodies[article].replace("Meanwhile", "Therefore")  # of the same length: offsets hold
    plain = dataclasses.replace(given, bodies={**given.bodies, article: unmarked})
    assert other_events(plain) == []
    (run,) = [r for r in trailing_runs(plain, article) if r.start == switch]
    assert run.own and not run.common and not run.shared_claims and not run.marker
    # A holiday is a time, not a name: "New Year's Eve" in CNN's text would not tie Sydney to Costa Rica.
    cnn = next(a for a in given.bodies if a != article)
    assert "New Year's Eve" in given.bodies[article][switch:]
    dated = {**given.bodies, cnn: given.bodies[cnn] + "\nThe plane crashed on New Year's Eve."}
    assert [p.start for p in other_events(dataclasses.replace(given, bodies=dated))] == [switch]


def test_another_event_befalls_someone_somewhere(given: PassageInput) -> None:
    """A passage naming only firms or products of its own extends the story's subject (CoinDesk on a
    bitcoin slump: "Meanwhile, the remaining top 10 currencies by market cap are down at least 20 percent
    each. NEO has depreciated …"); the Sydney passage names people and places of its own."""
    article, switch = _china_daily(given.bodies)
    (passage,) = other_events(given)
    assert {"Cowan", "Richard Cousins"} <= set(passage.own_who_or_where)
    firms_only = {
        a: [m for m in ms if a != article or m.start < switch or m.label not in WHO_OR_WHERE]
        for a, ms in given.mentions.items()
    }
    assert other_events(dataclasses.replace(given, mentions=firms_only)) == []


def test_a_text_with_no_paragraph_breaks_is_read_sentence_by_sentence() -> None:
    """ECB+ gives each article as one line: there the closing run is of sentences, not paragraphs."""
    one_line = [dataclasses.replace(d, text=d.text.replace("\n", " ")) for d in DOCUMENTS]
    articles, _, _ = clean_all(one_line)
    annotated = annotate(articles)
    given = PassageInput(
        [c for a in articles for c in annotated.claims[a.id]],
        {a.id: a.body for a in articles},
        {a.id: a.title or "" for a in articles},
        annotated.mentions,
        {a.id: resolve_article_dates(a.id, a.body, a.published) for a in articles},
        [],
    )
    article, switch = _china_daily(given.bodies)
    assert "\n" not in given.bodies[article]
    (passage,) = other_events(given)
    assert passage.start == switch and passage.paragraphs > 1
