"""A passage about another event: paragraphs that close an article and report something else entirely.

Some outlets run a second, unrelated story on after the first. China Daily's report of a plane crash in
Costa Rica (Giveme5W1H) goes on, after nine paragraphs, with "Meanwhile, the CEO of Compass Group … died
when the seaplane they were traveling in crashed into Sydney river on New Year's Eve." and nine more
paragraphs on that crash. Read as the story's, each of those sentences would be a fact only China Daily
reports about Costa Rica. Such a passage is a run of paragraphs that

- ends the article (a credit line holding no claim aside), after at least MIN_BEFORE paragraphs (or
  sentences, in a text with no paragraph breaks);
- opens on a switch of subject: "Meanwhile,", "In other news", "Separately,", "Elsewhere,", "In an
  unrelated …", "In a separate …";
- names nothing the story names elsewhere: no person, organisation, place, nationality or named event
  that the article names before it, that another article of the story names, or that a title holds (a
  holiday, "New Year's Eve", is a time, not a name: both crashes fell on it);
- names a person or a place of its own: another event befalls someone, somewhere. A passage naming only
  other products or firms extends the story's own subject ("Meanwhile, the remaining top 10 currencies
  by market cap are down at least 20 percent each. NEO has depreciated …", CoinDesk on a bitcoin slump);
- and reports nothing another outlet also reports (no claim in a shared group of the alignment).

"Meanwhile," is as often a turn within the story ("Meanwhile, he noted that the new missile launch …"):
the name and claim tests are what keep a paragraph on reactions, on the victims' background or on a
related earlier event with the story. A closing run with no switch marker is not taken, however little
it shares: a draft that took three or more such paragraphs naming people or organisations of their own in
two of them, and nothing of the story, took four runs on Giveme5W1H: three were still the story's (its
background, "It may seem outrageous, but it is surprisingly common for planes to return …", a rapper's
earlier hit, a table of the coins' prices) and one a page's list of other stories
(`benchmarks/other_events.py` lists what the rule takes and what it passes over).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from parallax.model import Claim, Mention, TimeExpr

# A paragraph that turns to another subject: the wire's words for it, at the paragraph's start.
SWITCH = re.compile(
    r"(?:Meanwhile|In other news|Separately|Elsewhere|In (?:an )?unrelated|In (?:a )?separate"
    r"|On a separate note|In other developments)\b"
)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
WHO_OR_WHERE = frozenset({"PERSON", "GPE", "LOC", "FAC"})  # whom another event befalls, and where
MIN_BEFORE = 2  # paragraphs before the passage: the article tells its own story first
PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class PassageInput:
    """What the test needs about one story: its claims, texts, names, times and shared claims."""

    claims: Sequence[Claim]
    bodies: Mapping[str, str]
    titles: Mapping[str, str]
    mentions: Mapping[str, Sequence[Mention]]
    dates: Mapping[str, Sequence[TimeExpr]]
    shared: Sequence[Sequence[int]]  # claim indices of the alignment's shared groups


@dataclass(frozen=True)
class Passage:
    """A run of paragraphs that ends an article, with what ties it to the story."""

    article: str
    start: int
    end: int
    claims: tuple[int, ...]  # the story's claim indices inside it
    paragraphs: int
    marker: str  # the switch of subject it opens on, or ""
    own: tuple[str, ...]  # the names it uses that the story uses nowhere else
    own_who_or_where: tuple[str, ...]  # those of them that name a person or a place
    common: tuple[str, ...]  # the names it shares with the story
    shared_claims: int  # how many of its claims another outlet also reports

    @property
    def another_event(self) -> bool:
        return bool(self.marker and self.own_who_or_where) and not self.common and not self.shared_claims

    @property
    def why(self) -> str:
        """How the passage reads as another event, for its finding's reason."""
        return (
            f"another event, not this story: after “{self.marker}” it names no person, organisation or "
            "place the story names, and no other outlet reports it"
        )


def other_events(given: PassageInput) -> list[Passage]:
    """Per article, the longest run of closing paragraphs that reads as another event, if any."""
    found = []
    for article in given.bodies:
        passage = next((p for p in trailing_runs(given, article, marked=True) if p.another_event), None)
        if passage is not None:
            found.append(passage)
    return found


def trailing_runs(given: PassageInput, article: str, marked: bool = False) -> Iterator[Passage]:
    """Every run of paragraphs (those holding claims) that ends the article, longest first; with
    ``marked``, only those opening on a switch of subject (the names are not looked up for the rest)."""
    body = given.bodies[article]
    in_shared = {i for group in given.shared for i in group}
    held = _paragraphs_with_claims(given, article)
    for k in range(MIN_BEFORE, len(held)):
        start, end = held[k][0], held[-1][1]
        marker = SWITCH.match(body, start)
        if marked and not marker:
            continue
        members = tuple(i for _, _, claims in held[k:] for i in claims)
        own, who_or_where, common = _names(given, article, start, end)
        yield Passage(
            article, start, end, members, len(held) - k, marker.group() if marker else "",
            tuple(sorted(own)), tuple(sorted(who_or_where)), tuple(sorted(common)),
            sum(i in in_shared for i in members),
        )  # fmt: skip


def _paragraphs_with_claims(given: PassageInput, article: str) -> list[tuple[int, int, list[int]]]:
    """The article's paragraphs that hold a claim, with the claims' indices. A credit line ("Reuters -
    Ap - Afp") or a caption may hold none: it neither ends a passage nor counts as the story's. A text
    with no paragraph breaks (ECB+ joins each article into one line) is taken sentence by sentence."""
    paragraphs: list[tuple[int, int, list[int]]] = [
        (m.start(), m.end(), []) for m in PARAGRAPH.finditer(given.bodies[article])
    ]
    own = [i for i, claim in enumerate(given.claims) if claim.article == article]
    if len(paragraphs) == 1:
        return _sentences(given.claims, own)
    for i in own:
        next(p for p in paragraphs if given.claims[i].start < p[1])[2].append(i)
    return [p for p in paragraphs if p[2]]


def _sentences(claims: Sequence[Claim], own: Sequence[int]) -> list[tuple[int, int, list[int]]]:
    """The stretches of the article's sentences that its claims cover, with the claims' indices."""
    by_sentence: dict[int, list[int]] = {}
    for i in own:
        by_sentence.setdefault(claims[i].sentence, []).append(i)
    return [
        (min(claims[i].start for i in held), max(claims[i].end for i in held), held)
        for _, held in sorted(by_sentence.items())
    ]


def _names(given: PassageInput, article: str, start: int, end: int) -> tuple[set[str], set[str], set[str]]:
    """The names a stretch of the article uses: those the story uses nowhere else, the people and places
    among them, and those the story uses too."""
    inside = [
        m
        for m in given.mentions[article]
        if start <= m.start < end and m.label in NAME_LABELS and not _a_time(m, given.dates[article])
    ]
    elsewhere = {
        m.entity
        for a, mentions in given.mentions.items()
        for m in mentions
        if m.entity and (a != article or not start <= m.start < end)
    }
    # A name as written counts too: the entity merging may have kept one outlet's "UK" apart.
    text = "\n".join([*given.titles.values(), given.bodies[article][:start], given.bodies[article][end:]])
    text += "\n" + "\n".join(body for a, body in given.bodies.items() if a != article)
    own: dict[str, str] = {}
    common: set[str] = set()
    for mention in inside:
        name = _text(mention)
        if mention.entity in elsewhere or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            common.add(name)
        else:
            own[name] = mention.label
    who_or_where = {name for name, label in own.items() if label in WHO_OR_WHERE}
    return set(own) - common, who_or_where - common, common


def _a_time(mention: Mention, dates: Sequence[TimeExpr]) -> bool:
    """A name that says when ("New Year's Eve", "Christmas"): the story may fall on the same day."""
    return any(d.start < mention.end and mention.start < d.end for d in dates)


def _text(mention: Mention) -> str:
    """A name as written, without an article before it ("the Australian Transport Safety Bureau")."""
    return re.sub(r"^(?:the|The)\s+", "", mention.text).strip()
