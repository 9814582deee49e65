"""What an article says about its event, in a form cheap to compare: an event profile.

A profile holds weighted term sets (the whole text, the title, the lead), the names and numbers the
article mentions (in the whole text and in the lead apart: the lead says which event, the rest adds
background), the weekdays its lead names, its publication date and the lead passage that is embedded.
Term weights are inverse word frequencies from `wordfreq` (general English usage), not from the batch
at hand, so a pair of articles scores the same alone, in a batch of thousands or in a growing store:
batch and incremental clustering see one scale.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parallax.annotate.dates import dates_with_year, last_day_of, parse_published, years_written
from parallax.model import Article
from parallax.stories.decay import NEWS_YEAR_DAYS

LEAD_SENTENCES = 3
LEAD_CHARS = 1200  # MiniLM reads 256 word pieces; more text is truncated anyway
MAX_PROFILE_CHARS = 20_000  # the first pages of a very long text say what its event is
RARE_ZIPF = 8.0  # idf = RARE_ZIPF - zipf: 'the' (7.7) weighs ~0, a name unknown to wordfreq weighs 8
MIN_TERM_WEIGHT = 2.5  # zipf above 5.5 ('said', 'year', 'people') says nothing about which event
TERMS_KEPT = 100  # the heaviest terms; the tail of a long text adds cost (a stream compares profiles
NAMES_KEPT = 40  # thousands of times a minute) and memory, and little evidence about the event

WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")
NAME = re.compile(r"\b(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}[a-z]?s?)(?:[ \t]+(?:[A-Z][\w'’-]*|of|de|al))*")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
CALENDAR_WORDS = frozenset([*WEEKDAYS, *MONTHS, "today", "yesterday"])
LEAD_NAME_ZIPF = 3.0  # a lead name counts when every word is this rare (idf); 'new', 'said' are not names
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class EventProfile:
    """One article's event features. Term and name weights are L2-normalised; numbers and days are sets.

    ``lead_names`` are the rare names of the lead (who and where the event is about), ``weekdays`` the
    days of the week the lead names (two similar events a week apart happen on different days),
    ``lead_actions`` the lead's weighted terms outside its capitalised names: what happened ('fired',
    'hire', 'overturns'), apart from who it happened to. ``text_days`` are the days the text names with
    their year when they contradict its publication date (``doubted_date_days``)."""

    article: str
    terms: dict[str, float]
    title_terms: dict[str, float]
    names: dict[str, float]
    numbers: frozenset[str]
    published: dt.date | None
    lead: str
    lead_terms: dict[str, float]
    lead_names: dict[str, float]
    lead_numbers: frozenset[str]
    weekdays: frozenset[str]
    lead_actions: dict[str, float]
    text_days: frozenset[dt.date] = frozenset()

    def to_dict(self) -> dict[str, object]:
        return {
            "terms": self.terms,
            "title_terms": self.title_terms,
            "names": self.names,
            "numbers": sorted(self.numbers),
            "published": self.published.isoformat() if self.published else None,
            "lead": self.lead,
            "lead_terms": self.lead_terms,
            "lead_names": self.lead_names,
            "lead_numbers": sorted(self.lead_numbers),
            "weekdays": sorted(self.weekdays),
            "lead_actions": self.lead_actions,
            "text_days": sorted(d.isoformat() for d in self.text_days),
        }

    @classmethod
    def from_dict(cls, article: str, data: dict[str, Any]) -> EventProfile:
        published = data.get("published")
        return cls(
            article,
            dict(data["terms"]),
            dict(data["title_terms"]),
            dict(data["names"]),
            frozenset(data["numbers"]),
            dt.date.fromisoformat(published) if isinstance(published, str) else None,
            str(data["lead"]),
            dict(data["lead_terms"]),
            dict(data["lead_names"]),
            frozenset(data["lead_numbers"]),
            frozenset(data["weekdays"]),
            dict(data["lead_actions"]),
            frozenset(dt.date.fromisoformat(d) for d in data.get("text_days", ())),
        )


def profile(article: Article) -> EventProfile:
    body = article.body[:MAX_PROFILE_CHARS]
    title = article.title or ""
    lead = lead_text(title, body)
    published = parse_published(article.published)
    return EventProfile(
        article=article.id,
        terms=weighted_terms(_words(f"{title}\n{body}"), keep=TERMS_KEPT),
        title_terms=weighted_terms(_words(title or first_sentence(body))),
        names=weighted_terms(names_in(f"{title}\n{body}"), minimum=0.0, keep=NAMES_KEPT),
        numbers=frozenset(numbers_in(f"{title}\n{body}")),
        published=published,
        lead=lead,
        lead_terms=weighted_terms(_words(lead)),
        lead_names=weighted_terms(lead_names_in(lead), minimum=0.0),
        lead_numbers=frozenset(numbers_in(lead)),
        weekdays=frozenset(d.casefold() for d in WEEKDAY.findall(lead)),
        lead_actions=weighted_terms(action_words(lead)),
        text_days=doubted_date_days(published, "\n".join([title, body, *_dated_asides(article)])),
    )


# Lines cleaning set aside that still date the story: an embedded post's own date ("— Cincinnati Zoo
# (@CincinnatiZoo) May 28, 2016" under RT's report stamped a year and a half later) or a caption's.
DATED_ASIDES = frozenset({"embedded post", "caption", "photo caption"})


def _dated_asides(article: Article) -> list[str]:
    return [r.text for r in article.removed if r.reason in DATED_ASIDES]


def doubted_date_days(published: dt.date | None, text: str) -> frozenset[dt.date]:
    """The days a text names with their year, when its publication date lies over a year after every
    date the text names with its year; else none.

    Such a date may not be when the article was written: a crawl or archive date (Giveme5W1H's RT
    articles carry the day they were crawled, a year and a half after the Cincinnati Zoo's gorilla was
    shot on "May 28, 2016"); or it is, and the text gives a year only to the past it recalls (a follow-up
    says "on Saturday" of its own days). Batch grouping then reads the article as possibly written near
    any of these days (``batch.days_between``); a text that names any date of the year before its
    publication, or no day with its year, keeps its date alone."""
    if published is None:
        return frozenset()
    year_before = published - dt.timedelta(days=NEWS_YEAR_DAYS)
    years = years_written(text)  # a cheap first look: most texts write a year later than a year before
    if not years or max(years) > year_before.year:
        return frozenset()
    if any(end >= year_before for end in _last_days(dates_with_year(text, since=year_before.year))):
        return frozenset()
    values = dates_with_year(text)
    ends = _last_days(values)  # a winter of the year before runs into the next ("2015-WI": February 2016)
    if not ends or max(ends) >= year_before:
        return frozenset()
    return frozenset(day for v in values if len(v) == 10 and (day := last_day_of(v)) is not None)


def _last_days(values: Iterable[str]) -> list[dt.date]:
    return [end for end in map(last_day_of, values) if end is not None]


def lead_text(title: str, body: str) -> str:
    """The title and the first sentences: where a news article says what happened, where and when."""
    sentences = SENTENCE_END.split(body.strip(), maxsplit=LEAD_SENTENCES)[:LEAD_SENTENCES]
    lead = " ".join(s.strip() for s in sentences)
    text = f"{title.strip()}. {lead}" if title.strip() else lead
    return text[:LEAD_CHARS]


def first_sentence(body: str) -> str:
    return SENTENCE_END.split(body.strip(), maxsplit=1)[0][:300]


def _words(text: str) -> list[str]:
    return [_plain(w) for w in WORD.findall(text) if not w.isdigit()]


@lru_cache(maxsize=100_000)  # a stream repeats its vocabulary: a million words, a few thousand distinct
def _plain(word: str) -> str:
    """Casefolded, one apostrophe, no possessive: "Korea’s" and "korea" are one term."""
    word = word.casefold().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def names_in(text: str) -> list[str]:
    """Capitalised words and runs of them, sentence-initial ones included only if seen mid-sentence too.

    A cheap stand-in for named entities that is fast enough for thousands of articles a minute; each
    run counts as a whole ('north korea') and word by word ('korea'), so 'Kim' meets 'Kim Jong Un'.
    """
    found: list[str] = []
    for match in NAME.finditer(text):
        parts = [_plain(p) for p in match.group(0).split() if p not in {"of", "de", "al"}]
        found.extend(parts)
        if len(parts) > 1:
            found.append(" ".join(parts))
    return found


def action_words(text: str) -> list[str]:
    """The words outside capitalised runs (``NAME``): the verbs and nouns of what happened, not who.

    Two look-alike events often share their names (the same boxer, the same team) and differ in the
    action ('fired' against 'hired'), or share the action and differ in who; the name families carry
    the second, these words the first.
    """
    spans = [m.span() for m in NAME.finditer(text)]
    words, at = [], 0
    for match in WORD.finditer(text):
        start = match.start()
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        inside = at < len(spans) and spans[at][0] <= start
        if not inside and not match.group(0).isdigit():
            words.append(_plain(match.group(0)))
    return words


def lead_names_in(lead: str) -> list[str]:
    """The lead's names whose every word is rare, calendar words left out: the event's who and where."""
    return [
        name
        for name in names_in(lead)
        if not any(w in CALENDAR_WORDS for w in name.split())
        and all(inverse_frequency(w) >= LEAD_NAME_ZIPF for w in name.split())
    ]


def numbers_in(text: str) -> list[str]:
    return [n.replace(",", "") for n in NUMBER.findall(text)]


def weighted_terms(
    tokens: Iterable[str], minimum: float = MIN_TERM_WEIGHT, keep: int | None = None
) -> dict[str, float]:
    """Sublinear tf × inverse word frequency, the ``keep`` heaviest, L2-normalised; common words dropped."""
    weights = {}
    for token, count in Counter(tokens).items():
        idf = inverse_frequency(token)
        if idf >= minimum:
            weights[token] = (1.0 + math.log(count)) * idf
    if keep is not None and len(weights) > keep:
        weights = dict(sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[:keep])
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


@lru_cache(maxsize=200_000)
def inverse_frequency(token: str) -> float:
    from wordfreq import zipf_frequency

    return max(0.0, RARE_ZIPF - zipf_frequency(token, "en"))
