"""What one outlet adds and what it leaves out: `unique`, `context` and `omission` findings.

Three kinds of content are specific to one outlet.

*A quotation no other outlet carries*: text inside quotation marks (of at least MIN_WORDS words, and a
quote someone is said to say when it is SCARE_QUOTE_WORDS or shorter) that is not part of a cross-outlet
quote group, and in a quotation other outlets carry too, a run of EXTRA_RUN or
more words that the closest other outlet's quotation lacks. Neither counts when another outlet's text has
the words after all: a quotation (or a claim) two thirds of whose words stand in runs of VERBATIM_RUN
words that another outlet also has is carried there (a statement the quote grouping split differently,
one cut by its cue or an ellipsis, a quote run on past its paragraph), and only a run of words no other
outlet has is the part others leave out. A title in marks (“Meet the Press”) is not a quotation. These
were the commonest wrong `unique` findings in a hand-read sample of BASIL's tuning half (docs/benchmarks.md).
What a source said, and whom an outlet chose
to quote, is the outlet's choice even when the event it comments on is reported by all; so it is a
`unique` finding that cites the quoted words alone (not the whole sentence around them) and names the
speaker when one is known, whether or not the paraphrase around it is shared. When no other outlet
quotes that speaker or even names them, the reason says so ("a quotation of Global Times, whom no other
outlet quotes or names"): on BASIL's tuning half those quotations hold `inf` text at 2.6 × its average
density, against 2.0 × for the other outlet-only quotations (2.5 × and 1.7 × on the test half).

*Reported speech of a voice no other outlet has*: an indirect or partial quote with a verb ("Putin
himself denied that gifting Kim military drones was a violation …") whose named speaker no other outlet
quotes or names. When its claim is unique, the finding names that speaker. It is not marked unique on
that ground alone: on BASIL such reported words held `inf` text at 1.7 × its density on the tuning half
but 0.4 × on the test half (citing the whole claim: 1.7 / 1.4), so whom an outlet paraphrases is not,
measurably, what it chose to include.

*A claim* is specific to its outlet when the alignment put it in no shared group, it is not a quotation
that another outlet also carries (nor mostly words another outlet has), it is not mostly such an
outlet-only quotation (that has its own
finding), and either nothing in any other outlet's articles comes close in meaning (best cosine below
UNMATCHED_BELOW) or it is *distinctive*:

    distinctiveness = (1 − best cosine to any other outlet's claim)
                      + NOVEL_WEIGHT × share of its content words that no other outlet's article uses

The cosine alone says little on one story, where every claim is on topic (unrelated claims about one
event score ≈ 0.5); words no other outlet uses are what a detail an outlet chose to include looks like.
The weights and thresholds were set on the tuning half of BASIL (`benchmarks/facts.py`), where content an
outlet chose to include is annotated as informational bias; see `benchmarks/results/facts.md` for the
figures on both halves. There, text inside quotation marks is 27 % of the tuning text and holds 55 % of
the annotated characters, most of it in quotations only one outlet carries (20 % of the text, 43 %).

A distinctive claim is `context` when it is background rather than news of the event: it is in the past
perfect ("had been", but not inside reported speech, where "said an officer had been suspended" is the
tense moved back a step), names a time well before the story's date ("in 2009", "last year"), or uses a
background cue ("previously", "has long", "years ago", "the latest in a string of"). The rest are
`unique`: new facts about the event that only that outlet reports. A claim with no verb and at most two
content words (a dateline, "UPDATE") states no fact and is neither.

A passage about another event that closes an article ("Meanwhile, the CEO of Compass Group … died when
the seaplane … crashed into Sydney river", in a story of a crash in Costa Rica; compare/other_event.py)
is one `context` finding citing the whole passage; none of its claims or quotations is `unique`.

An `omission` is a shared claim that most of the other outlets report and an outlet leaves out (nothing
in its articles comes close). It needs three or more independent outlets: with two, what one leaves out
is exactly the other's `unique` claims, so nothing more would be said.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from parallax.annotate.dates import calendar_day, parse_published, season_last_day
from parallax.annotate.entities import mid_sentence
from parallax.annotate.nlp import clause_verb
from parallax.annotate.quote_marks import quotation_spans
from parallax.annotate.quotes import CUE_LEMMAS, SCARE_QUOTE_WORDS
from parallax.compare.align import UNIQUE_BELOW, Alignment
from parallax.compare.other_event import Passage
from parallax.compare.quotes import MIN_WORDS, name_only, words
from parallax.model import Claim, Finding, Quote, Span, TimeExpr

NOVEL_WEIGHT = 0.5
DISTINCT_ABOVE = 0.85  # set on BASIL's tuning half (benchmarks/facts.py)
UNMATCHED_BELOW = 0.47  # nothing elsewhere this close: on one story, unrelated claims score ≈ 0.5
EXTRA_RUN = 8  # words of a shared quotation the others lack: about a clause, not a light edit or a cut phrase
VERBATIM_RUN = 4  # words in a row that another outlet's text also has: its wording, not a chance phrase
CARRIED_SHARE = 2 / 3  # of a quotation's or claim's words in such runs: another outlet carries it too
QUOTE_WORD = re.compile(r"[\w’']+")
WORD = re.compile(r"\w+")
CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*\w")
TITLE_WORDS = frozenset({"The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Jr", "Sr"})
ATTRIBUTION_ONLY_WORDS = 4  # "the company's statement said": a cue and its source, nothing stated
ATTRIBUTION_WORDS = 15  # what a sentence says besides its quotation, when that is only who said it and when
# "Florida club: 49 killed", not a clock time ("At 10:13 p.m., the manhunt begins to focus.")
LIST_HEADING = re.compile(r"^[^:\n]{1,59}[^:\n\d]:\s+[^\n:]{1,40}$")
LISTED_EVENT = "in a list of earlier events"
BACKGROUND_DAYS = 30  # a time this long before the story's date is an earlier event
BACKGROUND_CUES = re.compile(
    r"\b(?:previously|formerly|originally|in the past|years? ago|months ago|decades? ago"
    r"|(?:has|have|had) long|for (?:years|decades|months)|last (?:year|month|decade)"
    r"|earlier (?:this|that|in the) (?:year|month|decade)|the latest in|history of|since (?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FactInput:
    """What the fact findings need about one story."""

    claims: Sequence[Claim]
    alignment: Alignment
    bodies: dict[str, str]
    docs: dict[str, Any]
    outlet_of: dict[str, str]  # article id → outlet group, as alignment used it
    source_of: dict[str, str]  # article id → independent source (a copy counts as its original's)
    dates: dict[str, list[TimeExpr]]
    story_date: dt.date | None
    shared_quotes: Sequence[Span] = ()  # renderings of statements that two or more outlets quote
    quotes: Sequence[Quote] = ()  # the story's quotes, for the speaker of an outlet-only quotation
    other_events: Sequence[Passage] = ()  # passages about another event (compare/other_event.py)
    translated: Sequence[Span] = ()  # quotes joined to a statement by an aligned fact alone (compare/quotes)


def distinctiveness(facts: FactInput) -> np.ndarray:
    """The score above, per claim (0 for a story with one outlet, where nothing is distinctive)."""
    claims = facts.claims
    if not claims or len(set(facts.outlet_of.values())) < 2:
        return np.zeros(len(claims))
    best = facts.alignment.similarity.max(axis=1)
    words = {a: _content_lemmas(doc) for a, doc in facts.docs.items()}
    by_outlet: dict[str, set[str]] = {}
    for article, lemmas in words.items():
        by_outlet.setdefault(facts.outlet_of[article], set()).update(lemmas)
    elsewhere = {o: set().union(*(w for other, w in by_outlet.items() if other != o)) for o in by_outlet}
    scores = np.zeros(len(claims))
    for i, claim in enumerate(claims):
        lemmas = _content_lemmas(facts.docs[claim.article].char_span(claim.start, claim.end, "expand"))
        others = elsewhere[facts.outlet_of[claim.article]]
        novel = sum(w not in others for w in lemmas) / len(lemmas) if lemmas else 0.0
        scores[i] = 1.0 - float(best[i]) + NOVEL_WEIGHT * novel
    return scores


def _content_lemmas(tokens: Any) -> list[str]:
    if tokens is None:
        return []
    return [t.lemma_.casefold() for t in tokens if t.is_alpha and not t.is_stop]


def background_reason(claim: Claim, facts: FactInput, main_verb_only: bool = False) -> str:
    """Why a claim is background to the event, or "" when it reads as news of the event itself. With
    ``main_verb_only`` an earlier time counts only where it dates the claim's own verb: "Twenty-one
    schoolgirls captured by Boko Haram more than two years ago have been freed" is news of the release."""
    body = facts.bodies[claim.article]
    text = body[claim.start : claim.end]
    span = facts.docs[claim.article].char_span(claim.start, claim.end, alignment_mode="expand")
    for expr in facts.dates.get(claim.article, []):
        dated = claim.start <= expr.start < claim.end and before_story(expr.value, facts.story_date)
        if dated and (not main_verb_only or _on_main_verb(span, expr.start, expr.end)):
            return f"an earlier time: {expr.text.strip()}"
    if span is not None:
        for token in span:
            if (
                token.lower_ == "had"
                and token.dep_ == "aux"
                and token.head.tag_ == "VBN"
                and not _reported(token.head)
                and (not main_verb_only or token.head == span.root)
            ):
                return f"past perfect: {token.text} {token.head.text}"
    cue = BACKGROUND_CUES.search(text)
    at = (claim.start + cue.start(), claim.start + cue.end()) if cue else (0, 0)
    if cue and (not main_verb_only or _on_main_verb(span, *at)):
        return f"background: {cue.group()}"
    return ""


def shared_background(group: Sequence[int], facts: FactInput) -> str:
    """Why a fact several outlets report is background to the event (Cologne's assaults two years before
    Berlin's safety zone; the 2004 tax holiday beside Goldman's charge), or "": the first reason found,
    when at least half of the outlets' renderings read as background."""
    reasons_by_outlet: dict[str, list[str]] = {}
    for i in group:
        claim = facts.claims[i]
        reason = background_reason(claim, facts, main_verb_only=True)
        reasons_by_outlet.setdefault(facts.outlet_of[claim.article], []).append(reason)
    reasons = [next((r for r in found if r), "") for found in reasons_by_outlet.values()]
    given = [r.removeprefix("background: ") for r in reasons if r]
    return given[0] if given and 2 * len(given) >= len(reasons) else ""


def _on_main_verb(claim: Any, start: int, end: int) -> bool:
    """Whether the words at start–end hang on the claim's own verb, not on a clause or phrase inside it."""
    if claim is None:
        return False
    words = claim.doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return False
    return bool(clause_verb(words.root) == claim.root)


def _reported(verb: Any) -> bool:
    """The verb is in what someone is said to have said ("police said an officer had been suspended", "he
    said he was not certain whether he had seen"): a past perfect there is the tense of reported speech
    moved back a step, not an earlier event."""
    for token in (verb, *verb.ancestors):
        if token.dep_ == "ccomp" and token.head.lemma_.casefold() in CUE_LEMMAS:
            return True
    return False


def before_story(value: str | None, story_date: dt.date | None) -> bool:
    """True when the time expression's value ends well before the story's date, or is a month before the
    story's month ("an intercontinental ballistic missile launched in July", in CNN's story of a launch
    on 29 August: July ends 29 days before it, yet is no time of this event)."""
    if not value or story_date is None:
        return False
    end = value.split("/")[-1]
    latest = _latest_day(end)
    if latest is None:
        return False
    a_month = len(end) == 7 and end[4] == "-"
    return latest < story_date - dt.timedelta(days=BACKGROUND_DAYS) or (
        a_month and latest < story_date.replace(day=1)
    )


def _latest_day(value: str) -> dt.date | None:
    """The last day an ISO date, month, season, year or decade ("196X") value can mean; None for weeks,
    partial or odd values."""
    parts = value.split("-")
    if len(parts) == 1 and len(value) == 4 and value[:3].isdigit() and value[3] == "X":
        return dt.date(int(value[:3]) * 10 + 9, 12, 31)
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    if len(parts) == 2 and not parts[1].isdigit():
        return season_last_day(int(parts[0]), parts[1])
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31)
        if not parts[1].isdigit():
            return None
        month = int(parts[1])
        if len(parts) == 2:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(year, month, int(parts[2])) if parts[2].isdigit() else None
    except ValueError:
        return None


def fact_findings(facts: FactInput) -> tuple[list[Finding], list[Finding]]:
    """The story's `unique` and `context` findings, in the order of the text (article by article)."""
    listed = listed_earlier_events(facts)
    claims = facts.claims
    if not claims or len(set(facts.outlet_of.values())) < 2:
        return [], []
    scores = distinctiveness(facts)
    best = facts.alignment.similarity.max(axis=1)
    own_quotes = [
        (span, part) for span, part in outlet_only_quotes(facts) if not _in_other_event(span, facts)
    ]  # cited by themselves, not as part of the claim that holds them
    chosen = _claim_candidates(facts, own_quotes, scores, best)
    speech = unheard_speech(facts)
    voices = {i: quote.speaker_name or "" for quote, held in speech for i in held}
    unique: list[tuple[tuple[int, int], Finding]] = []
    order = {a: k for k, a in enumerate(dict.fromkeys(c.article for c in claims))}
    context = [
        ((order[p.article], p.start), other_event_finding(p, facts, scores)) for p in facts.other_events
    ]
    for i in chosen:
        claim = claims[i]
        text = facts.bodies[claim.article][claim.start : claim.end]
        span = (Span(claim.article, claim.start, claim.end),)
        score = round(float(scores[i]), 3)
        reason = background_reason(claim, facts) or (LISTED_EVENT if i in listed else "")
        if reason:
            finding = Finding("context", text, span, outlets=1, confidence=score, reason=reason)
            context.append(((order[claim.article], claim.start), finding))
        else:
            # Reported speech of a speaker no other outlet quotes or names: the finding says whose words.
            finding = Finding("unique", text, span, speaker=voices.get(i), outlets=1, confidence=score)
            unique.append(((order[claim.article], claim.start), finding))
    heard = _heard(facts)
    for quote, part in own_quotes:
        # Its distinctiveness is the claim's that holds it: how far the sentence around it is from the rest.
        holding = [i for i, c in enumerate(claims) if c.article == quote.article and quote.overlap(c)]
        score = round(float(max((scores[i] for i in holding), default=0.0)), 3)
        text = facts.bodies[quote.article][quote.start : quote.end]
        attributed = _speaker_quote(quote, facts.quotes)
        speaker = attributed.speaker_name if attributed else None
        of_whom = f" of {mid_sentence(speaker)}" if speaker else ""
        if part:
            reason = f"words of a quotation{of_whom} that the other outlets quote without them"
        elif attributed is not None and not _voiced_elsewhere(attributed, facts, heard):
            reason = f"a quotation{of_whom}, whom no other outlet quotes or names"  # whom, not only what
        else:
            reason = f"a quotation{of_whom} no other outlet carries"
        finding = Finding(
            "unique", text, (quote,), speaker=speaker, outlets=1, confidence=score, reason=reason
        )
        unique.append(((order.get(quote.article, len(order)), quote.start), finding))
    return _once_per_outlet(_in_text_order(unique), facts), _in_text_order(context)


def _claim_candidates(
    facts: FactInput,
    own_quotes: Sequence[tuple[Span, bool]],
    scores: np.ndarray,
    best: np.ndarray,
    gated: bool = True,
) -> list[int]:
    """The claims that may be `unique` or `context`; with ``gated``, only the distinctive or unmatched
    (without, every claim past the other tests: what training/facts_ranker.py ranks)."""
    claims = facts.claims
    in_shared = {i for group in facts.alignment.shared for i in group}
    # A passage about another event is one `context` finding of its own: none of it is news of this story.
    aside = {i for passage in facts.other_events for i in passage.claims}
    verbatim = verbatim_runs(facts)
    quoted = [span for span, _ in own_quotes]
    return [
        i
        for i in range(len(claims))
        if i not in in_shared
        and i not in aside
        and not _quoted_elsewhere(claims[i], facts.shared_quotes)
        and not _mostly_inside(claims[i], quoted)
        and not _only_attribution(claims[i], quoted, facts)
        and (not gated or scores[i] >= DISTINCT_ABOVE or best[i] < UNMATCHED_BELOW)
        and _states_something(claims[i], facts)
        and not _carried_elsewhere(claims[i], facts, verbatim)
    ]


SAME_WORDING = 0.8  # word-set Jaccard at which two articles of one outlet say one thing again


def _once_per_outlet(found: list[Finding], facts: FactInput) -> list[Finding]:
    """What one outlet's articles each say (the Mail's two reports of the Hebei well rescue: "The dry well
    measured (just) 30 centimetres wide (11.8 inches)."): one finding citing every article, not one per
    article."""
    if len(set(facts.outlet_of.values())) == len(facts.outlet_of):
        return found  # an article an outlet: nothing to say twice
    kept: list[tuple[Finding, frozenset[str]]] = []
    for finding in found:
        words = frozenset(w.casefold() for w in WORD.findall(finding.text))
        article = finding.citations[0].article
        same = next(
            (
                k
                for k, (earlier, seen) in enumerate(kept)
                if earlier.reason == finding.reason
                and facts.outlet_of[earlier.citations[0].article] == facts.outlet_of[article]
                and all(c.article != article for c in earlier.citations)
                and words
                and len(words & seen) >= SAME_WORDING * len(words | seen)
            ),
            None,
        )
        if same is None:
            kept.append((finding, words))
        else:
            earlier, seen = kept[same]
            kept[same] = (replace(earlier, citations=(*earlier.citations, *finding.citations)), seen)
    return [finding for finding, _ in kept]


def _in_text_order(found: list[tuple[tuple[int, int], Finding]]) -> list[Finding]:
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


def other_event_finding(passage: Passage, facts: FactInput, scores: np.ndarray) -> Finding:
    """A passage about another event as one `context` finding: its first sentence says what the event
    is, and the citation covers the whole passage, so that a reader sees it set apart from the story."""
    first = facts.claims[passage.claims[0]].sentence
    opening = [facts.claims[i] for i in passage.claims if facts.claims[i].sentence == first]
    text = facts.bodies[passage.article][opening[0].start : max(c.end for c in opening)]
    score = round(float(max(scores[i] for i in passage.claims)), 3) if len(scores) else 0.0
    span = (Span(passage.article, passage.start, passage.end),)
    return Finding("context", text, span, outlets=1, confidence=score, reason=passage.why)


def _in_other_event(span: Span, facts: FactInput) -> bool:
    return any(p.article == span.article and p.start <= span.start < p.end for p in facts.other_events)


def listed_earlier_events(facts: FactInput) -> set[int]:
    """Claims (indices) in a list of earlier events: a heading that counts ("Virginia Tech: 32 killed", in
    China Daily's list of the deadliest US shootings after the Las Vegas story) and what follows it up to
    the next heading. A line dated in the story's own days ends the list."""
    found: set[int] = set()
    order = sorted(range(len(facts.claims)), key=lambda i: (facts.claims[i].article, facts.claims[i].start))
    in_list, article = False, None
    for i in order:
        claim = facts.claims[i]
        if claim.article != article:
            in_list, article = False, claim.article
        text = facts.bodies[claim.article][claim.start : claim.end]
        if LIST_HEADING.match(text):
            in_list = any(ch.isdigit() for ch in text)  # a heading with no count opens another section
        elif in_list and any(
            claim.start <= d.start < claim.end and _in_story_days(d.value, facts.story_date)
            for d in facts.dates.get(claim.article, [])
        ):
            in_list = False
        if in_list:
            found.add(i)
    return found


def _in_story_days(value: str | None, story_date: dt.date | None) -> bool:
    """The time falls in the story's own days: neither an earlier event nor one well after. A list of
    earlier events told in the historical present ("A 23-year-old student goes on a rampage at Virginia
    Tech … in April") has its bare months read ahead, months after the story: they do not end the list."""
    if not value or before_story(value, story_date):
        return False
    first = _first_day(value.split("/")[0])
    return first is None or story_date is None or first <= story_date + dt.timedelta(days=BACKGROUND_DAYS)


def _first_day(value: str) -> dt.date | None:
    """The first day an ISO date or month value can mean; None for other values."""
    return calendar_day(value + "-01" if len(value) == 7 else value)


def outlet_only_quotes(facts: FactInput) -> list[tuple[Span, bool]]:
    """What only one outlet quotes: quotations of MIN_WORDS or more words that no other outlet carries,
    and, in a quotation other outlets carry too, each run of EXTRA_RUN or more words that the closest
    other outlet's quotation lacks (the part of the statement only this outlet reports), flagged True."""
    regions = {a: quotation_spans(body) for a, body in facts.bodies.items()}
    tokens = {
        a: [list(QUOTE_WORD.finditer(facts.bodies[a], s, e)) for s, e in spans]
        for a, spans in regions.items()
    }
    quoted = [q.content for q in facts.quotes]
    verbatim = verbatim_runs(facts)
    wording = _wording_by_outlet(facts)
    found = []
    for article, body in facts.bodies.items():
        outlet = facts.outlet_of[article]
        others = [
            [_word(m) for m in found_words]
            for other, lists in tokens.items()
            if facts.outlet_of[other] != outlet
            for found_words in lists
        ]
        for (start, end), matches in zip(regions[article], tokens[article], strict=True):
            span = Span(article, start, end)
            quoted_words = [_word(m) for m in matches]
            carried = _carried(quoted_words, verbatim, outlet)
            if len(matches) < VERBATIM_RUN and _written_elsewhere(quoted_words, wording, outlet):
                carried = [True] * len(matches)  # a “repatriation tax” beside another's plain one
            if not _mostly_inside(span, facts.shared_quotes):
                if (
                    len(words(body[start:end])) >= MIN_WORDS
                    and not _writers_own(span, body, quoted)
                    and not name_only(body[start:end])
                    and not _mostly(carried)
                ):
                    found.append((span, False))
                continue
            if any(start <= t.start < end for t in facts.translated if t.article == article):
                # a translation worded anew (the example's Park Jin: "I don't think China is in a position
                # to like …" / "The growing closeness between these two countries …"), joined to its
                # statement by the aligned fact: the words the others lack are wording, not content
                continue
            for first, last in _unmatched_runs(quoted_words, others):
                # Words the closest rendering lacks may stand in another (a quotation split by its
                # cue, "“I’m not ashamed …,” Mr. Perry says, “but …”"): only words no other outlet has.
                for a, b in _runs_without(carried, first, last):
                    found.append((Span(article, matches[a].start(), matches[b].end()), True))
    return found


def _word(match: re.Match[str]) -> str:
    """A word as outlets' styles differ in it: case and curly or straight apostrophes aside."""
    return match.group().casefold().replace("’", "'")


def _writers_own(region: Span, body: str, quoted: Sequence[Span]) -> bool:
    """A short phrase in marks that no quote reports is the writer's (a title, a scare quote: the
    “Washington Declaration”), not a quotation; framing reports it."""
    short = len(body[region.start : region.end].split()) <= SCARE_QUOTE_WORDS
    return short and not any(region.overlap(q) for q in quoted)


def verbatim_runs(facts: FactInput) -> dict[tuple[str, ...], set[str]]:
    """Every run of VERBATIM_RUN words in the story's articles, with the outlets whose text has it."""
    runs: dict[tuple[str, ...], set[str]] = {}
    for article, body in facts.bodies.items():
        found = [_word(m) for m in QUOTE_WORD.finditer(body)]
        for k in range(len(found) - VERBATIM_RUN + 1):
            runs.setdefault(tuple(found[k : k + VERBATIM_RUN]), set()).add(facts.outlet_of[article])
    return runs


def _wording_by_outlet(facts: FactInput) -> dict[str, str]:
    """Each outlet's words, joined by single spaces and padded, to look up a short phrase in."""
    joined: dict[str, list[str]] = {}
    for article, body in facts.bodies.items():
        joined.setdefault(facts.outlet_of[article], []).extend(_word(m) for m in QUOTE_WORD.finditer(body))
    return {outlet: f" {' '.join(found)} " for outlet, found in joined.items()}


def _written_elsewhere(found: Sequence[str], wording: dict[str, str], outlet: str) -> bool:
    """Whether another outlet's text has these words in this order: a phrase shorter than a verbatim run
    that another outlet writes, quoted or not, is no wording only this outlet reports."""
    phrase = f" {' '.join(found)} "
    return bool(found) and any(phrase in text for other, text in wording.items() if other != outlet)


def _carried(found: Sequence[str], runs: dict[tuple[str, ...], set[str]], outlet: str) -> list[bool]:
    """Per word, whether it lies in a run of VERBATIM_RUN words that another outlet's text also has."""
    carried = [False] * len(found)
    for k in range(len(found) - VERBATIM_RUN + 1):
        if runs.get(tuple(found[k : k + VERBATIM_RUN]), set()) - {outlet}:
            carried[k : k + VERBATIM_RUN] = [True] * VERBATIM_RUN
    return carried


def _mostly(carried: Sequence[bool]) -> bool:
    return bool(carried) and sum(carried) >= CARRIED_SHARE * len(carried)


def _runs_without(carried: Sequence[bool], first: int, last: int) -> list[tuple[int, int]]:
    """Runs (first, last) of EXTRA_RUN or more words between first and last that no other outlet has."""
    runs = []
    k = first
    while k <= last:
        if carried[k]:
            k += 1
            continue
        j = k
        while j <= last and not carried[j]:
            j += 1
        if j - k >= EXTRA_RUN:
            runs.append((k, j - 1))
        k = j
    return runs


def _unmatched_runs(quoted: list[str], others: list[list[str]]) -> list[tuple[int, int]]:
    """Runs (first, last word index) of EXTRA_RUN or more words the closest of `others` does not have.

    Where the closest rendering has other words in the same place, the run is a rewording unless it is
    EXTRA_RUN words longer than them: "Today, Minister Park and I spoke about further actions that our
    countries can" (13 words) stands where a translation has "We discussed additional steps we could"
    (6) in the example's Blinken quotation, one statement worded twice, not words only one outlet quotes.
    """
    if not quoted or not others:
        return []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quoted)  # the quotation is the cached side; each rendering elsewhere is compared to it
    best, closest = -1.0, others[0]
    for other in others:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            ratio = matcher.ratio()
            if ratio > best:
                best, closest = ratio, other
    matcher.set_seq1(closest)
    covered = [True] * len(quoted)
    for tag, other_start, other_end, start, end in matcher.get_opcodes():
        if tag == "insert" or (tag == "replace" and (end - start) - (other_end - other_start) >= EXTRA_RUN):
            covered[start:end] = [False] * (end - start)
    runs = []
    k = 0
    while k < len(quoted):
        if covered[k]:
            k += 1
            continue
        j = k
        while j < len(quoted) and not covered[j]:
            j += 1
        if j - k >= EXTRA_RUN:
            runs.append((k, j - 1))
        k = j
    return runs


def _speaker_quote(quotation: Span, quotes: Sequence[Quote]) -> Quote | None:
    """The attributed quote with a named speaker whose content overlaps the quotation most, if any."""
    named = [(quotation.overlap(q.content), k) for k, q in enumerate(quotes) if q.speaker_name]
    best = max((pair for pair in named if pair[0] > 0), default=None)
    return quotes[best[1]] if best else None


def _voice_word(name: str) -> str | None:
    """The word by which other articles would name a speaker: the last capitalised word of the name
    ("Sen. John McCain" → "McCain", "the Congressional Research Service" → "Service")."""
    found = [w for w in CAPITALISED.findall(name) if w.rstrip(".") not in TITLE_WORDS]
    return found[-1] if found else None


@dataclass(frozen=True)
class _Heard:
    """Who each outlet lets speak and whom it names, to tell a voice only one outlet has."""

    quoted_by: dict[str, set[str]]  # speaker id → the outlets that quote that speaker
    words_of: dict[str, set[str]]  # outlet → the words of its articles, as written (case kept)


def _heard(facts: FactInput) -> _Heard:
    quoted_by: dict[str, set[str]] = {}
    for quote in facts.quotes:
        if quote.speaker is not None:
            quoted_by.setdefault(quote.speaker, set()).add(facts.outlet_of[quote.article])
    words_of: dict[str, set[str]] = {}
    for article, body in facts.bodies.items():
        words_of.setdefault(facts.outlet_of[article], set()).update(WORD.findall(body))
    return _Heard(quoted_by, words_of)


def _voiced_elsewhere(quote: Quote, facts: FactInput, heard: _Heard) -> bool:
    """Another outlet quotes this quote's speaker or names them at all (True when that cannot be told)."""
    outlet = facts.outlet_of[quote.article]
    if quote.speaker is None or not quote.speaker_name:
        return True  # a role or a group ("a spokesman", "critics"): no name to look for elsewhere
    if heard.quoted_by.get(quote.speaker, set()) - {outlet}:
        return True
    word = _voice_word(quote.speaker_name)
    if word is None:
        return True
    parts = WORD.findall(word)  # "McCain" is named in "McCain's"
    return any(all(p in words for p in parts) for o, words in heard.words_of.items() if o != outlet)


def unheard_speech(facts: FactInput) -> list[tuple[Quote, list[int]]]:
    """Reported speech (an indirect or partial quote) of a voice that no other outlet quotes or even
    names, with the claims that hold its words or its speaker; none of those claims may be in a shared
    group or be mostly a quotation other outlets carry. Whom an outlet lets speak is its choice as much
    as what it quotes."""
    in_shared = {i for group in facts.alignment.shared for i in group}
    heard = _heard(facts)
    by_article: dict[str, list[int]] = {}
    for i, claim in enumerate(facts.claims):
        by_article.setdefault(claim.article, []).append(i)
    found = []
    for quote in facts.quotes:
        if quote.kind == "direct" or _voiced_elsewhere(quote, facts, heard):
            continue
        reach = [quote.content] + ([quote.source] if quote.source is not None else [])
        held = [
            i
            for i in by_article.get(quote.article, [])
            if any(span.overlap(facts.claims[i]) for span in reach)
        ]
        if (
            held
            and not any(
                i in in_shared or _quoted_elsewhere(facts.claims[i], facts.shared_quotes) for i in held
            )
            and _a_statement(quote.content, facts)
        ):
            found.append((quote, held))
    return found


def _a_statement(span: Span, facts: FactInput) -> bool:
    """Reported words with a verb: what someone said ("Steele must apologize"), not only what they spoke
    about or opposed ("opposes the mosque project", "described Mr. Blumenthal as …")."""
    words = facts.docs[span.article].char_span(span.start, span.end, "expand")
    return words is not None and any(t.pos_ in ("VERB", "AUX") for t in words)


def unheard_voices(facts: FactInput) -> dict[int, str]:
    """The claims that hold such reported speech: claim index → the speaker's name."""
    voices: dict[int, str] = {}
    for quote, held in unheard_speech(facts):
        for i in held:
            voices.setdefault(i, quote.speaker_name or "")
    return voices


def _states_something(claim: Claim, facts: FactInput) -> bool:
    """A claim with a verb or more than two content words: not a dateline ("WASHINGTON"), a label
    ("UPDATE", "Site Mobile Navigation"), a stray quotation mark, or a cue cut off its quotation."""
    span = facts.docs[claim.article].char_span(claim.start, claim.end, "expand")
    if span is None:
        return True
    words = [t for t in span if not t.is_punct and not t.is_space]
    if len(words) <= ATTRIBUTION_ONLY_WORDS and all(
        t.lemma_.casefold() in CUE_LEMMAS for t in words if t.pos_ == "VERB"
    ):
        return False  # "the statement said.", cut off its quotation: who said it, not what
    return any(t.pos_ in ("VERB", "AUX") for t in span) or len(_content_lemmas(span)) > 2


def _mostly_inside(span: Claim | Span, regions: Sequence[Span]) -> bool:
    """At least half of the span lies in these regions (of its article)."""
    return sum(r.overlap(span) for r in regions) * 2 >= span.end - span.start


def _only_attribution(claim: Claim, own_quotes: Sequence[Span], facts: FactInput) -> bool:
    """The claim holds a quotation cited on its own and, besides it, only who said it and when
    ("“They were very, very giving,” Pam Kravitz, a friend of the family, told the Tampa Bay Times."):
    the quotation's finding already names the speaker, so the claim would say it twice."""
    inside = [q for q in own_quotes if q.article == claim.article and q.overlap(claim)]
    if not inside:
        return False
    # A partial quote's sentence says more in the outlet's words ("said that William had"): only direct.
    cued = any(
        q.kind == "direct"
        and q.cue is not None
        and claim.start <= q.cue.start < claim.end
        and any(q.content.overlap(s) for s in inside)
        for q in facts.quotes
        if q.article == claim.article
    )
    if not cued:
        return False
    rest = facts.bodies[claim.article][claim.start : claim.end]
    for s in sorted(inside, key=lambda s: -s.start):
        rest = rest[: max(0, s.start - claim.start)] + " " + rest[max(0, s.end - claim.start) :]
    return len(WORD.findall(rest)) <= ATTRIBUTION_WORDS


def _carried_elsewhere(claim: Claim, facts: FactInput, runs: dict[tuple[str, ...], set[str]]) -> bool:
    """Most of the claim's words stand, in runs of VERBATIM_RUN or more, in another outlet's text: a
    quotation carried on past its paragraph ("they’re certainly entitled to make their case." after a
    closing mark-less paragraph), which the alignment's cosine to a much longer sentence misses."""
    text = facts.bodies[claim.article][claim.start : claim.end]
    found = [_word(m) for m in QUOTE_WORD.finditer(text)]
    return _mostly(_carried(found, runs, facts.outlet_of[claim.article]))


def _quoted_elsewhere(claim: Claim, shared_quotes: Sequence[Span]) -> bool:
    """At least half of the claim lies in a quotation that other outlets also carry."""
    return _mostly_inside(claim, shared_quotes)


def omissions(facts: FactInput, shared: Sequence[tuple[Sequence[int], Finding]]) -> list[Finding]:
    """Shared claims that most other outlets report and some outlet leaves out (3+ outlets only).

    ``shared`` pairs each shared group of claim indices with its `shared` finding, whose text and
    citations the omission repeats.
    """
    sources = sorted(set(facts.source_of.values()))
    if len(sources) < 3:
        return []
    articles_of: dict[str, list[str]] = {}
    for article, source in facts.source_of.items():
        articles_of.setdefault(source, []).append(article)
    sim = facts.alignment.similarity
    found: list[Finding] = []
    for group, finding in shared:
        members = [facts.claims[i] for i in group]
        reporting = {facts.source_of[c.article] for c in members}
        missing: list[str] = []
        for source in sources:
            if source in reporting or len(reporting) * 2 <= len(sources) - 1:
                continue  # not "most of the others": fewer than half of the other outlets report it
            own = [k for k, c in enumerate(facts.claims) if facts.source_of[c.article] == source]
            if own and float(sim[np.ix_(list(group), own)].max()) >= UNIQUE_BELOW:
                continue  # it says something close: related, not left out
            missing.extend(articles_of[source])
        if missing:
            found.append(
                Finding(
                    "omission",
                    finding.text,
                    finding.citations,
                    outlets=len(reporting),
                    omitted_by=tuple(sorted(missing)),
                )
            )
    return found


def story_date(published: Sequence[str | None], dates: Sequence[TimeExpr] = ()) -> dt.date | None:
    """The story's date for background tests: its earliest known publication date, leaving out a date
    that comes over BACKGROUND_DAYS before the middle one (Giveme5W1H dates CNN's piece on the Harambe
    shooting of 28 May 2016 to 18 March: taken as the story's date, it made "In March, two polar bears …"
    news of the event).

    With no publication date, the first day of the latest year its articles name stands in, so that
    "in 1953" is still background while a date of the story's own year is not taken for one.
    """
    known = sorted(d for d in map(parse_published, published) if d is not None)
    if known:
        middle = known[(len(known) - 1) // 2]
        return min(d for d in known if d >= middle - dt.timedelta(days=BACKGROUND_DAYS))
    years = [  # a decade ("the 2030s") says too little of when the story is
        day.year
        for d in dates
        if d.value and d.value[:4].isdigit() and (day := _latest_day(d.value.split("/")[-1]))
    ]
    return dt.date(max(years), 1, 1) if years else None
