"""What one outlet adds and what it leaves out: `unique`, `context` and `omission` findings.

A claim is specific to its outlet when the alignment put it in no shared group, it is not a quotation that
another outlet also carries (a cross-outlet quote group), and either nothing in any other outlet's articles
comes close in meaning (best cosine below UNMATCHED_BELOW) or it is *distinctive*:

    distinctiveness = (1 − best cosine to any other outlet's claim)
                      + NOVEL_WEIGHT × share of its content words that no other outlet's article uses
                      + QUOTED_WEIGHT × share of its characters inside quotation marks

The cosine alone says little on one story, where every claim is on topic (unrelated claims about one
event score ≈ 0.5); words no other outlet uses, and a quotation no other outlet carries (the outlet's
choice of voice), are what content an outlet chose to include looks like. The weights and threshold
were set on the tuning half of BASIL (`benchmarks/facts.py`), where content an outlet chose to include is
annotated as informational bias; see `benchmarks/results/facts.md` for the figures on both halves.

A distinctive claim is `context` when it is background rather than news of the event: it is in the past
perfect ("had been"), names a time well before the story's date ("in 2009", "last year"), or uses a
background cue ("previously", "has long", "years ago", "the latest in a string of"). The rest are
`unique`: new facts about the event that only that outlet reports.

An `omission` is a shared claim that most of the other outlets report and an outlet leaves out (nothing
in its articles comes close). It needs three or more independent outlets: with two, what one leaves out
is exactly the other's `unique` claims, so nothing more would be said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.annotate.dates import parse_published
from parallax.compare.align import UNIQUE_BELOW, Alignment
from parallax.compare.claims import quoted_regions
from parallax.model import Claim, Finding, Span, TimeExpr

NOVEL_WEIGHT = 0.5
QUOTED_WEIGHT = 1.0
DISTINCT_ABOVE = 0.85  # set on BASIL's tuning half (benchmarks/facts.py): about a third of the text marked
UNMATCHED_BELOW = 0.47  # nothing elsewhere this close: on one story, unrelated claims score ≈ 0.5
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
    quoted = {a: quoted_regions(body) for a, body in facts.bodies.items()}
    elsewhere = {o: set().union(*(w for other, w in by_outlet.items() if other != o)) for o in by_outlet}
    scores = np.zeros(len(claims))
    for i, claim in enumerate(claims):
        lemmas = _content_lemmas(facts.docs[claim.article].char_span(claim.start, claim.end, "expand"))
        others = elsewhere[facts.outlet_of[claim.article]]
        novel = sum(w not in others for w in lemmas) / len(lemmas) if lemmas else 0.0
        inside = sum(max(0, min(e, claim.end) - max(s, claim.start)) for s, e in quoted[claim.article])
        share = inside / max(1, claim.end - claim.start)
        scores[i] = 1.0 - float(best[i]) + NOVEL_WEIGHT * novel + QUOTED_WEIGHT * share
    return scores


def _content_lemmas(tokens: Any) -> list[str]:
    if tokens is None:
        return []
    return [t.lemma_.casefold() for t in tokens if t.is_alpha and not t.is_stop]


def background_reason(claim: Claim, facts: FactInput) -> str:
    """Why a claim is background to the event, or "" when it reads as news of the event itself."""
    body = facts.bodies[claim.article]
    text = body[claim.start : claim.end]
    for expr in facts.dates.get(claim.article, []):
        if claim.start <= expr.start < claim.end and _before(expr.value, facts.story_date):
            return f"an earlier time: {expr.text.strip()}"
    span = facts.docs[claim.article].char_span(claim.start, claim.end, alignment_mode="expand")
    if span is not None:
        for token in span:
            if token.lower_ == "had" and token.dep_ == "aux" and token.head.tag_ == "VBN":
                return f"past perfect: {token.text} {token.head.text}"
    cue = BACKGROUND_CUES.search(text)
    if cue:
        return f"background: {cue.group()}"
    return ""


def _before(value: str | None, story_date: dt.date | None) -> bool:
    """True when the time expression's value ends well before the story's date."""
    if not value or story_date is None:
        return False
    end = value.split("/")[-1]
    latest = _latest_day(end)
    return latest is not None and latest < story_date - dt.timedelta(days=BACKGROUND_DAYS)


def _latest_day(value: str) -> dt.date | None:
    """The last day an ISO date, month or year value can mean; None for weeks, partial or odd values."""
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
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
    """The story's `unique` and `context` findings, in the order of the claims (article by article)."""
    claims = facts.claims
    if not claims or len(set(facts.outlet_of.values())) < 2:
        return [], []
    in_shared = {i for group in facts.alignment.shared for i in group}
    scores = distinctiveness(facts)
    best = facts.alignment.similarity.max(axis=1)
    chosen = [
        i
        for i in range(len(claims))
        if i not in in_shared
        and not _quoted_elsewhere(claims[i], facts.shared_quotes)
        and (scores[i] >= DISTINCT_ABOVE or best[i] < UNMATCHED_BELOW)
    ]
    unique: list[Finding] = []
    context: list[Finding] = []
    for i in chosen:
        claim = claims[i]
        text = facts.bodies[claim.article][claim.start : claim.end]
        span = (Span(claim.article, claim.start, claim.end),)
        score = round(float(scores[i]), 3)
        reason = background_reason(claim, facts)
        if reason:
            context.append(Finding("context", text, span, outlets=1, confidence=score, reason=reason))
        else:
            unique.append(Finding("unique", text, span, outlets=1, confidence=score))
    return unique, context


def _quoted_elsewhere(claim: Claim, shared_quotes: Sequence[Span]) -> bool:
    """At least half of the claim lies in a quotation that other outlets also carry."""
    inside = sum(
        max(0, min(q.end, claim.end) - max(q.start, claim.start))
        for q in shared_quotes
        if q.article == claim.article
    )
    return inside * 2 >= claim.end - claim.start


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
    """The story's date for background tests: its earliest known publication date.

    With no publication date, the first day of the latest year its articles name stands in, so that
    "in 1953" is still background while a date of the story's own year is not taken for one.
    """
    known = [d for d in map(parse_published, published) if d is not None]
    if known:
        return min(known)
    years = [day.year for d in dates if d.value and (day := _latest_day(d.value.split("/")[-1]))]
    return dt.date(max(years), 1, 1) if years else None
