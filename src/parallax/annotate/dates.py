"""Find time expressions in English news text and resolve them to ISO 8601 values.

Detection is rule-based (compiled regexes) so it works without spaCy; spaCy DATE
entities may be passed in as extra candidate spans. Resolution uses the article's
publication date as anchor. General-purpose parsers (dateparser) read news forms
such as "on the 9th" wrongly (as 10 September), so every form is handled by the
rules here; without an anchor, unknown parts are kept as ``X`` (TIMEX3 style).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from parallax.annotate.entities import gazetteer, name_key
from parallax.annotate.nlp import clause_verb
from parallax.model import TimeExpr

# A handler gets the match, the anchor and the reference day (the last day-level
# value of the article, for "that day" / "the day before"), and returns a value.
_Handler = Callable[[re.Match[str], dt.date | None, str | None], str | None]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: _Handler


_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_WEEKDAYS = {name.lower(): i + 1 for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

# Month names only capitalised: lower-case "may" / "march" are verbs.
_MONTH_ALT = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_WEEKDAY_ALT = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


def _month(group: str = "mon") -> str:
    # An abbreviation takes its full stop ("Oct."); a full name ends before the sentence's ("in October.").
    return (
        rf"\b(?P<{group}>{_MONTH_ALT})\b(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
    )


def _day(group: str = "day", ordinal: bool = False) -> str:
    suffix = "(?:st|nd|rd|th)" if ordinal else "(?:st|nd|rd|th)?"
    return rf"(?<!\d)(?P<{group}>[12]\d|3[01]|0?[1-9]){suffix}(?![\d\w])"


def _year(group: str = "year") -> str:
    return rf"(?<![\d.,$])(?P<{group}>19\d\d|20\d\d|2100)(?![\d]|[.,]\d)"


_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY_ALT}),?\s+)?"
_ON = r"(?:(?i:on)\s+)?"
# An ordinal day must not be followed by a noun ("the 9th Division", "the 9th time"):
# only by the end, punctuation or a function word.
_ORDINAL_TAIL = (
    r"(?=\s*(?:$|[,.;:!?)\]\"”’'—–-]|(?:to|and|or|until|till|through|when|at|in|on|that|this|as"
    r"|after|before|of\s+(?:this|last|next|the)\s+month|local|with|for|while|during|by|he|she"
    r"|they|it|we|the|a|an|but|amid|following|ahead|was|is|will|said)\b))"
)
_MONTH_PREP = r"(?:in|since|by|until|till|of|from|before|after|during|between|through|throughout)"
_YEAR_PREP = r"(?:in|since|by|until|till|of|from|to|before|after|during|between|through|around)"
# Numbers after a preposition that are counts, not years ("a total of 2000 troops").
_NOT_COUNT = (
    r"(?!\s*(?:%|(?:percent|per\s+cent|people|men|women|children|troops|soldiers|km|kilometres"
    r"|kilometers|miles|metres|meters|dollars|won|yen|euros|units|tons|tonnes|times|cases"
    r"|deaths|votes|members|workers|residents|refugees|civilians)\b))"
)
_MOD = r"(?:(?P<mod>early|mid|late)[-\s]+)?"
_DIRECT_WORDS = "|".join(_NUMBERS)


# --- date arithmetic -------------------------------------------------------------------


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_num(text: str) -> int:
    return _MONTHS[text.rstrip(".").lower()]


def _partial_day(month: int | None, day: int) -> str | None:
    # Leap year 2000 so that "February 29" without a year stays possible.
    if month is not None and _valid(2000, month, day) is None:
        return None
    return f"XXXX-{month:02d}-{day:02d}" if month else f"XXXX-XX-{day:02d}"


def _nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The occurrence of month/day closest to the anchor, at most ~6 months ahead of it."""
    candidates = [_valid(anchor.year + k, month, day) for k in (-1, 0, 1)]
    usable = [c for c in candidates if c is not None and (c - anchor).days <= 183]
    return min(usable, key=lambda c: (abs((c - anchor).days), c > anchor), default=None)


def _day_of_month(day: int, anchor: dt.date) -> dt.date | None:
    """A bare day of month: in the anchor's month when within ~20 days, else the nearest month.

    News uses a bare "the 9th" for days of the current month (Korean style "9일"), past or
    near future, so the anchor's month wins when it is close; otherwise the adjacent month.
    """
    same = _valid(anchor.year, anchor.month, day)
    if same is not None and abs((same - anchor).days) <= 20:
        return same
    candidates = [same] + [_valid(*_add_months(anchor.year, anchor.month, k), day) for k in (-1, 1)]
    usable = [c for c in candidates if c is not None]
    return min(usable, key=lambda c: (abs((c - anchor).days), c > anchor), default=None)


def _full_or_partial(year: int | None, month: int, day: int, anchor: dt.date | None) -> str | None:
    if year is not None:
        found = _valid(year, month, day)
    elif anchor is not None:
        found = _nearest_year(month, day, anchor)
    else:
        return _partial_day(month, day)
    return found.isoformat() if found else None


def _range(start: str | None, end: str | None) -> str | None:
    return f"{start}/{end}" if start and end else None


def _shift(ref: str | None, days: int) -> str | None:
    """Shift a day-level value; a partial one can only be copied, not shifted."""
    if ref is None:
        return None
    try:
        return (dt.date.fromisoformat(ref) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return ref if days == 0 and _DAY_VALUE.match(ref) else None


_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-\d\d$")


def _opt_int(text: str | None) -> int | None:
    return int(text) if text else None


# --- handlers --------------------------------------------------------------------------


def _h_iso(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    found = _valid(int(m["year"]), int(m["mnum"]), int(m["day"]))
    return found.isoformat() if found else None


def _h_month_day(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    year = _opt_int(m["year"])
    rel = (m.groupdict().get("yrel") or "").lower()
    if rel and anchor is not None:  # "on June 12 last year" (China Daily on Orlando, a year before Las Vegas)
        year = anchor.year + YEAR_OFFSET[rel]
    return _full_or_partial(year, _month_num(m["mon"]), int(m["day"]), anchor)


def _h_month_day_range(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    month, year = _month_num(m["mon"]), _opt_int(m["year"])
    start = _full_or_partial(year, month, int(m["d1"]), anchor)
    if start and start[0] != "X":  # keep the end in the start's year
        year = int(start[:4])
    return _range(start, _full_or_partial(year, month, int(m["d2"]), anchor if year is None else None))


def _h_month_year(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    return f"{m['year']}-{_month_num(m['mon']):02d}"


def _h_month(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    month = _month_num(m["mon"])
    if anchor is None:
        return f"XXXX-{month:02d}"
    rel = (m.groupdict().get("rel") or "").lower()
    year_rel = (m.groupdict().get("yrel") or "").lower()
    if year_rel:
        year = anchor.year + YEAR_OFFSET[year_rel]
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "this":
        year = anchor.year
    else:  # news reports the past: the most recent such month
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year}-{month:02d}"


def _h_ordinal(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    day = int(m["day"])
    if anchor is None:
        return _partial_day(None, day)
    found = _day_of_month(day, anchor)
    return found.isoformat() if found else None


def _h_ordinal_range(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    d1, d2 = int(m["d1"]), int(m["d2"])
    if anchor is None:
        return _range(_partial_day(None, d1), _partial_day(None, d2))
    start = _day_of_month(d1, anchor)
    if start is None:
        return None
    # "from the 28th to the 3rd" runs into the next month.
    year, month = _add_months(start.year, start.month, 0 if d2 >= d1 else 1)
    end = _valid(year, month, d2)
    return _range(start.isoformat(), end.isoformat() if end else None)


def _h_weekday(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    target = _WEEKDAYS[m["wd"].lower()]
    if anchor is None:
        return f"XXXX-WXX-{target}"
    rel = (m["wrel"] or "").lower().split()[-1:] or [""]
    today = anchor.isoweekday()
    if rel[0] == "next":
        return (anchor + dt.timedelta(days=(target - today) % 7 or 7)).isoformat()
    if rel[0] == "this":
        return (anchor + dt.timedelta(days=target - today)).isoformat()
    back = (today - target) % 7
    if rel[0] == "last":
        back = back or 7
    # A bare weekday in news is past tense: the most recent one on or before the anchor.
    return (anchor - dt.timedelta(days=back)).isoformat()


_RELDAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def _h_relday(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    if anchor is None:
        return None
    offset = _RELDAY_OFFSETS[" ".join(m["rd"].lower().split())]
    return (anchor + dt.timedelta(days=offset)).isoformat()


def _h_relperiod(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    if anchor is None:
        return None
    offset = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    unit = m["unit"].lower()
    if unit in ("week", "weekend"):
        week = _iso_week(anchor + dt.timedelta(weeks=offset))
        return f"{week}-WE" if unit == "weekend" else week
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, offset)
        return f"{year}-{month:02d}"
    return str(anchor.year + offset)


def _h_year(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    return m["year"]


def _h_year_range(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    return f"{m['y1']}/{m['y2']}" if int(m["y1"]) <= int(m["y2"]) else None


def _h_event(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    words = m.group(0).lower()
    if any(w in words for w in ("following", "next", "after")):
        offset = 1
    elif any(w in words for w in ("before", "previous", "preceding", "earlier")):
        offset = -1
    else:
        offset = 0
    return _shift(ref, offset)


def _h_count(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "after") else -1
    # "ago" counts from the publication date; "later"/"earlier" from the last event day.
    base = anchor.isoformat() if direction == "ago" and anchor else None if direction == "ago" else ref
    days = n * (7 if m["unit"].lower().startswith("week") else 1) * sign
    shifted = _shift(base, days)
    if shifted and m["unit"].lower().startswith("week") and shifted[0] != "X":
        return _iso_week(dt.date.fromisoformat(shifted))
    return shifted


def _h_ago(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    """ "two years ago", "a month ago", "three decades ago": counted back from the publication date."""
    if anchor is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    unit = m["unit"].lower()
    if unit.startswith("month"):
        year, month = _add_months(anchor.year, anchor.month, -n)
        return f"{year}-{month:02d}"
    years = n * (10 if unit.startswith("decade") else 1)
    if anchor.year - years < 1:
        return None
    return f"{(anchor.year - years) // 10}X" if unit.startswith("decade") else str(anchor.year - years)


def _h_decade(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    return f"{m['dec'][:3]}X"  # "the 1960s": a year whose last digit is unknown (TIMEX3 style)


_SEASONS = {
    "spring": ("SP", 3),
    "summer": ("SU", 6),
    "fall": ("FA", 9),
    "autumn": ("FA", 9),
    "winter": ("WI", 12),
}
SEASON_MONTHS = 3
_SEASON_START = dict(_SEASONS.values())  # "SU" -> 6


def season_last_day(year: int, code: str) -> dt.date | None:
    """The last day of a season value's season ("2013-SP" ends 31 May; "2017-WI" runs into February 2018)."""
    start = _SEASON_START.get(code)
    if start is None:
        return None
    last_year, last_month = _add_months(year, start, SEASON_MONTHS - 1)
    return dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])


def _season_year(rel: str, start_month: int, anchor: dt.date) -> int:
    """The year of "this/last/next <season>" (a winter is the year of its December)."""
    # Months since the season of the anchor's own year began: 0-2 inside it, negative before it.
    into = anchor.month - start_month + (12 if start_month == 12 and anchor.month <= 2 else 0)
    year = anchor.year - (1 if start_month == 12 and anchor.month <= 2 else 0)
    if rel == "last":
        return year if into >= SEASON_MONTHS else year - 1
    if rel == "next":
        return year if into < 0 else year + 1
    return year


def _h_season(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    code, start_month = _SEASONS[(m["season"] or m["season2"]).lower()]
    if m["year"]:
        return f"{m['year']}-{code}"
    if anchor is None:
        return f"XXXX-{code}"
    return f"{_season_year(m['srel'].lower(), start_month, anchor)}-{code}"


# Named days, every year on one date, and the US Thanksgiving (the fourth Thursday of November).
_NAMED_DAYS = {
    "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
    "valentine's day": (2, 14), "bastille day": (7, 14), "thanksgiving": (11, 0), "thanksgiving day": (11, 0),
}  # fmt: skip


def _named_day(name: str, year: int) -> dt.date:
    month, day = _NAMED_DAYS[name]
    if day:
        return dt.date(year, month, day)
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _h_named_day(m: re.Match[str], anchor: dt.date | None, ref: str | None) -> str | None:
    name = " ".join(m["named"].lower().replace("’", "'").split())
    rel = (m["nrel"] or "").lower()
    if m.groupdict().get("year"):
        return _named_day(name, int(m["year"])).isoformat()
    if anchor is None:
        month, day = _NAMED_DAYS[name]
        return f"XXXX-{month:02d}-{day:02d}" if day else None
    options = [_named_day(name, anchor.year + k) for k in (-1, 0, 1)]
    if rel == "last":
        return max(d for d in options if d < anchor).isoformat()
    if rel == "next":
        return min(d for d in options if d > anchor).isoformat()
    near = [d for d in options if (d - anchor).days <= 183]  # as for a bare "October 7"
    return min(near, key=lambda d: (abs((d - anchor).days), d > anchor)).isoformat()


YEAR_OFFSET = {"last": -1, "this": 0, "next": 1}
# A day's year given relative to the article's: "June 12 last year", "12 June of next year".
_YEAR_REL = r"(?:,?\s+(?:(?i:of)\s+)?(?P<yrel>(?i:last|next|this))\s+(?i:year)\b)"


def _compile(name: str, pattern: str, handler: _Handler) -> _Rule:
    return _Rule(name, re.compile(pattern), handler)


_RULES: tuple[_Rule, ...] = (
    _compile("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)(?![\d-])", _h_iso),
    _compile(
        "month_day_range",
        rf"{_ON}{_month()}\s+{_day('d1')}\s*(?:-|–|to|through)\s*{_day('d2')}(?:,?\s+{_year()})?",
        _h_month_day_range,
    ),
    _compile(
        "day_month_range",
        rf"(?:(?i:from|between)\s+)?{_day('d1')}\s*(?:-|–|to|and)\s*{_day('d2')}\s+{_month()}"
        rf"(?:,?\s+{_year()})?",
        _h_month_day_range,
    ),
    _compile(
        "month_day",
        rf"{_ON}{_WEEKDAY_PREFIX}{_month()}\s+{_day()}(?:,?\s+{_year()}|{_YEAR_REL})?",
        _h_month_day,
    ),
    _compile(
        "day_month",
        rf"{_ON}{_WEEKDAY_PREFIX}(?:the\s+)?{_day()}\s+(?:of\s+)?{_month()}(?:,?\s+{_year()}|{_YEAR_REL})?",
        _h_month_day,
    ),
    _compile("month_year", rf"(?:(?i:{_MONTH_PREP})\s+)?{_MOD}{_month()},?\s+{_year()}", _h_month_year),
    _compile(
        "month",
        # Not before a day number: "the October 7 attack" is a day, read by month_day.
        rf"(?:(?:(?i:{_MONTH_PREP})\s+(?:(?:the\s+)?(?P<mod>early|mid|late)[-\s]+)?"
        rf"|(?P<rel>(?i:last|next|this))\s+)|(?P<mod2>(?i:early|mid|late))[-\s]+){_month()}(?!\.?\s*\d)"
        r"(?:,?\s+(?:(?i:of)\s+)?(?P<yrel>(?i:last|next|this))\s+(?i:year)\b)?",  # "late March of next year"
        _h_month,
    ),
    _compile(
        "ordinal_range",
        rf"(?:(?i:from|between)\s+)?(?:the\s+)?{_day('d1', True)}\s+(?:to|and|until|till|through|-|–)"
        rf"\s+(?:the\s+)?{_day('d2', True)}{_ORDINAL_TAIL}",
        _h_ordinal_range,
    ),
    _compile(
        "ordinal",
        rf"(?:(?i:on|since|until|till|by|from|before|after)\s+)?(?i:the)\s+{_day(ordinal=True)}"
        rf"{_ORDINAL_TAIL}",
        _h_ordinal,
    ),
    _compile(
        "weekday",
        rf"(?:(?P<wrel>(?i:on\s+last|on\s+next|on|last|next|this|early|late))\s+)?\b(?P<wd>{_WEEKDAY_ALT})\b"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
        _h_weekday,
    ),
    _compile(
        "relday",
        r"\b(?P<rd>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday"
        r"|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))\b",
        _h_relday,
    ),
    _compile(
        "relperiod",
        r"\b(?:(?i:earlier|later|early|late|mid)[-\s]+)?(?P<rel>(?i:this|last|next))\s+"
        r"(?P<unit>(?i:weekend|week|month|year))\b",
        _h_relperiod,
    ),
    _compile(
        "year_range",
        rf"(?:(?i:from|between)\s+)?{_year('y1')}\s*(?:-|–|to|and|until|through)\s*{_year('y2')}",
        _h_year_range,
    ),
    _compile(
        "year",
        rf"\b(?:(?i:{_YEAR_PREP})\s+(?:(?:early|mid|late)[-\s]+)?|(?i:the\s+year)\s+){_year()}{_NOT_COUNT}",
        _h_year,
    ),
    _compile(
        "event",
        # "to this day" means "until now", but "prior to this day" is the event day.
        r"\b(?:(?i:on|prior\s+to)\s+|(?<!(?<![Pp]rior )\b[Tt]o ))(?i:(?:that|this|the)\s+same\s+day"
        r"|(?:that|this)\s+day|the\s+(?:following|next|previous|preceding)\s+day"
        r"|the\s+day\s+(?:before|after|earlier|prior))\b",
        _h_event,
    ),
    _compile(
        "ago",
        rf"\b(?:(?i:about|nearly|almost|some|roughly|around)\s+)?(?P<n>\d{{1,3}}|(?i:{_DIRECT_WORDS}))\s+"
        r"(?P<unit>(?i:years?|months?|decades?))\s+(?i:ago)\b",
        _h_ago,
    ),
    _compile(
        "decade",
        r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?(?P<dec>1[5-9]\d0|20\d0)(?:s|['’]s)\b",
        _h_decade,
    ),
    _compile(
        "season",
        r"\b(?:(?P<srel>(?i:this|last|next))\s+(?P<season>(?i:spring|summer|autumn|fall|winter))\b(?!\s+(?:of\s+)?\d)"
        rf"|(?:(?i:early|mid|late)[-\s]+)?(?P<season2>(?i:spring|summer|autumn|fall|winter))\s+(?:(?i:of)\s+)?{_year()})",
        _h_season,
    ),
    _compile(
        "named_day",
        r"\b(?:(?P<nrel>(?i:last|next|this))\s+)?(?P<named>Christmas\s+(?:Day|Eve)|New\s+Year['’]s\s+(?:Day|Eve)"
        r"|Boxing\s+Day|Valentine['’]s\s+Day|Bastille\s+Day|Thanksgiving\s+Day|Halloween)\b"
        rf"(?:,?\s+(?:(?i:of)\s+)?{_year()})?",  # "On New Year's Eve 2015, about 1,200 women …"
        _h_named_day,
    ),
    _compile(
        "named_day_bare",  # "Christmas" alone is also a season or a tree: only after a word of time
        r"\b(?:(?P<nrel>(?i:last|next|this))|(?i:on|at|over|for|before|after|until|since|by|during|around))\s+"
        r"(?P<named>Christmas|Thanksgiving)\b(?!\s+(?:Day|Eve)\b)",
        _h_named_day,
    ),
    _compile(
        "count",
        rf"\b(?P<n>\d{{1,3}}|(?i:{_DIRECT_WORDS}))\s+(?P<unit>(?i:days?|weeks?))\s+"
        r"(?P<dir>(?i:ago|earlier|later|before|after))\b",
        _h_count,
    ),
)

# Used by resolve() only, for bare spans such as spaCy DATE entities "2024" or "September".
_BARE_RULES: tuple[_Rule, ...] = (
    _compile("bare_year", _year(), _h_year),
    _compile("bare_month", _month(), _h_month),
)
_LEADING_PREP = re.compile(rf"^(?i:{_YEAR_PREP}|on|at|as\s+of|prior\s+to)\s+")


# --- public API ------------------------------------------------------------------------


def find_time_expressions(
    body: str, extra_spans: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, str]]:
    """Time expressions in ``body`` as (start, end, text), sorted and non-overlapping.

    Rule matches are chosen longest first ("on Thursday 9 November 2023" beats "on
    Thursday"); ``extra_spans`` (e.g. spaCy DATE entities) fill gaps the rules left.
    """
    return [(s, e, text) for s, e, text, _ in _time_expressions(body, extra_spans)]


def _time_expressions(body: str, extra_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
    """As ``find_time_expressions``, each marked whether a rule found it (not only an extra span)."""
    candidates = [(m.start(), m.end()) for rule in _RULES for m in rule.pattern.finditer(body)]
    candidates.sort(key=lambda span: (span[0] - span[1], span[0]))
    extras = [(s, e) for s, e in extra_spans if 0 <= s < e <= len(body) and body[s:e].strip()]
    chosen: list[tuple[int, int, bool]] = []
    for index, (start, end) in enumerate([*candidates, *extras]):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, index < len(candidates)))
    return [(s, e, body[s:e], ruled) for s, e, ruled in sorted(chosen)]


def _classify(text: str) -> tuple[_Rule, re.Match[str]] | None:
    """The rule that reads the whole of ``text``, trying it without a leading preposition too."""
    stripped = " ".join(text.split())
    bare = _LEADING_PREP.sub("", stripped)
    for rules, candidate in ((_RULES, stripped), (_RULES, bare), (_BARE_RULES, bare)):
        for rule in rules:
            match = rule.pattern.fullmatch(candidate)
            if match:
                return rule, match
    return None


def _resolve(text: str, anchor: dt.date | None, ref: str | None) -> str | None:
    found = _classify(text)
    if found is None:
        return None
    rule, match = found
    try:
        return rule.handler(match, anchor, ref)
    except (ValueError, OverflowError, KeyError):  # out-of-range dates near year 1 or 9999
        return None


def resolve(text: str, anchor: dt.date | None) -> str | None:
    """Resolve one time expression to an ISO value (see ``TimeExpr``), or None when nothing is known.

    Event-relative forms ("that day", "the day before") are read against the anchor here;
    ``resolve_article_dates`` reads them against the article's last resolved day instead.
    """
    return _resolve(text, anchor, anchor.isoformat() if anchor else None)


def parse_published(published: str | None) -> dt.date | None:
    """The date part of an ISO date or datetime string; None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


_YEAR_TOKEN = re.compile(_year())
YEAR_WINDOW = 60  # characters either side of a year: the longest expression holding it fits


def years_written(text: str) -> list[int]:
    """Every number in the text that reads as a year (1900-2100; not "$2016" or "2,016"), in order."""
    return [int(m.group(0)) for m in _YEAR_TOKEN.finditer(text)]


def dates_with_year(body: str, since: int = 0) -> list[str]:
    """The values of the time expressions that state their own year ("May 28, 2016", "in 2014", "spring
    2016", "from 2002 to 2012"), read with no publication date: when the text itself says things were,
    whatever date the article carries. Only the passages around a year (``since`` or later) are read, so
    a long text costs little; relative and yearless expressions ("last week", "Sept. 11", "the 1970s")
    are left out."""
    windows: list[list[int]] = []
    for match in _YEAR_TOKEN.finditer(body):
        if int(match.group(0)) < since:
            continue
        start, end = max(0, match.start() - YEAR_WINDOW), match.end() + YEAR_WINDOW
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    values = []
    for start, end in windows:
        passage = body[start:end]
        years = [m.span() for m in _YEAR_TOKEN.finditer(passage) if int(m.group(0)) >= since]
        for s, e, text, _ in _time_expressions(passage, ()):
            if not any(s <= ys and ye <= e for ys, ye in years):
                continue
            value = _resolve(text, None, None)
            if value and "X" not in value and value[:4].isdigit():
                values.append(value)
    return values


_VALUE_END = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?|W(?P<week>\d\d)(?:-WE)?|(?P<season>SP|SU|FA|WI)))?$"
)


def last_day_of(value: str) -> dt.date | None:
    """The last calendar day a resolved value covers ("2014" → 31 December 2014, "2016-SP" → 31 May,
    "2002/2012" → 31 December 2012), or None for a value with unknown parts or of another form."""
    match = _VALUE_END.match(value.rsplit("/", 1)[-1])
    if match is None:
        return None
    year = int(match["year"])
    try:
        if match["day"]:
            return dt.date(year, int(match["month"]), int(match["day"]))
        if match["month"]:
            month = int(match["month"])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if match["week"]:
            return dt.date.fromisocalendar(year, int(match["week"]), 7)
        if match["season"]:
            return season_last_day(year, match["season"])
        return dt.date(year, 12, 31)
    except ValueError:
        return None


def resolve_article_dates(
    article_id: str,
    body: str,
    published: str | None,
    *,
    fallback_anchor: dt.date | None = None,
    extra_spans: Sequence[tuple[int, int]] = (),
    doc: Any = None,
) -> list[TimeExpr]:
    """All time expressions of one article, resolved against its publication date.

    Without a usable publication date, ``fallback_anchor`` (see ``story_anchor``) is used
    and the records are marked ``inferred``. An extra span no rule can read is left out: spaCy's DATE
    entities hold ages ("Richard Cousins, 58"), durations ("four months") and frequencies ("annual"),
    which date nothing. Expressions are read in order so that "that
    day" or "the day before" refer to the last day-level expression before them. With the article's
    spaCy ``doc``, a bare month in a clause about the present or the future is read ahead ("The bank
    reports earnings in mid-January", published in December).
    """
    anchor = parse_published(published)
    inferred = anchor is None and fallback_anchor is not None
    if anchor is None:
        anchor = fallback_anchor
    anchor_iso = anchor.isoformat() if anchor else None
    last_day: str | None = None
    records: list[TimeExpr] = []
    for start, end, text, ruled in _time_expressions(body, extra_spans):
        value = _resolve(text, anchor, last_day or anchor_iso)
        if value is None and not ruled:
            continue  # only the tagger calls it a date and no rule reads it: an age, a duration
        if (
            value
            and anchor
            and _past_month(value, anchor)
            and (_future_context(body, start) or (_bare_month(text) and _not_past(doc, start, end)))
        ):
            value = f"{int(value[:4]) + 1}{value[4:]}"  # "won't be released until its meeting in October"
        if value and anchor:
            value = _weekday_ahead(
                text, anchor, value, future=_future_near(body, start), late=_late(published, anchor, body)
            )
        if value and _DAY_VALUE.match(value):
            last_day = value
        records.append(TimeExpr(article_id, start, end, text, value, inferred, anchor_iso))
    return records


_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|until|upcoming|(?:is|are)\s+(?:expected|scheduled|set|due)\s+to|plans?\s+to)\b"
    r"|[’']ll\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\b(?:said|says|told|announced|added|reported)\b", re.IGNORECASE)


_BARE_WEEKDAY = re.compile(
    rf"(?:(?i:on)\s+)?(?P<wd>{_WEEKDAY_ALT})(?:\s+(?:morning|afternoon|evening|night))?"
)


def _weekday_ahead(text: str, anchor: dt.date, value: str, *, future: bool, late: bool) -> str:
    """A bare weekday read forward instead of as the most recent one: in a clause about what is to come
    ("will meet Friday"), or, when it names the day after the publication date and that day had already
    begun where the article is set (``late``), as that next day: a US outlet's Thursday-evening report
    that North Korea "fired a missile over Hokkaido Friday" is already Friday in Pyongyang and Tokyo."""
    match = _BARE_WEEKDAY.fullmatch(text.strip())
    if match is None:
        return value
    ahead = (_WEEKDAYS[match["wd"].lower()] - anchor.isoweekday()) % 7
    if future or (ahead == 1 and late):
        return (anchor + dt.timedelta(days=ahead)).isoformat()
    return value


_PAST_BETWEEN = re.compile(r"\b(?:was|were|had|did|said|says|told)\b", re.IGNORECASE)
FUTURE_REACH = 40  # characters: "will meet Friday", "is expected to be released on Friday"


def _future_near(body: str, start: int) -> bool:
    """A future marker shortly before the day in its clause ("will meet Friday"), with no past verb
    between them ("said it will respond after the missile was fired Friday")."""
    return _future_context(body, start, FUTURE_REACH, _PAST_BETWEEN)


def _late(published: str | None, anchor: dt.date, body: str) -> bool:
    """Whether, when the article went out, it was already the day after its date where it is set: in
    every time zone of the first country it names (its dateline's or its lead's). A bare date
    ("2017-09-15", or its midnight "T00:00:00") says nothing of the hour; a story set nowhere known, or
    in the outlet's own day, keeps the past reading."""
    moment = _publication_moment(published)
    zones = _country_zones().get(_first_country(body[:LEAD_CHARS]) or "", ())
    if moment is None or not zones:
        return False
    try:
        dates = {moment.astimezone(zoneinfo.ZoneInfo(zone)).date() for zone in zones}
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return dates == {anchor + dt.timedelta(days=1)}


LEAD_CHARS = 1500  # where a story says where it is set: its dateline and first paragraphs


def _publication_moment(published: str | None) -> dt.datetime | None:
    """The publication time in UTC (a time without an offset is taken as UTC), or None for a date alone."""
    if not published or len(published.strip()) <= 10:
        return None
    try:
        moment = dt.datetime.fromisoformat(published.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        if moment.time() == dt.time():
            return None  # "2017-09-15T00:00:00": a date written as a datetime
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _first_country(text: str) -> str | None:
    """The first country the text names, by any of the gazetteer's names or its capital ("SEOUL —")."""
    match = _country_pattern().search(text)
    return _written_names()[match.group(0)] if match else None


@lru_cache(maxsize=1)
def _written_names() -> dict[str, str]:
    """Each name as written and in a dateline's capitals ("SEOUL, South Korea —"), to its country."""
    written = gazetteer().written
    return {**{name.upper(): c for name, c in written.items() if len(name) > 3}, **written}


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    names = sorted(_written_names(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


@lru_cache(maxsize=1)
def _country_zones() -> dict[str, tuple[str, ...]]:
    """The gazetteer's countries and their IANA time zones, from the tz database's iso3166.tab and
    zone.tab (the tzdata package, else the system's); empty when neither is there."""
    tables = _tz_tables()
    if tables is None:
        return {}
    iso, zones = tables
    by_code: dict[str, list[str]] = {}
    for line in zones.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            by_code.setdefault(code, []).append(zone)
    known = gazetteer().names
    found: dict[str, tuple[str, ...]] = {}
    for line in iso.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            country = known.get(name_key(_iso_name(name)))
            if country and code in by_code:
                found[country] = tuple(by_code[code])
    return found


def _iso_name(name: str) -> str:
    """iso3166.tab's "Korea (North)", "Britain (UK)" as the names a reader writes."""
    named = re.match(r"^(?P<base>.+?) \((?P<part>North|South)\)$", name)
    if named:
        return f"{named['part']} {named['base']}"
    return re.sub(r"\s*\(.*\)$", "", name).replace("&", "and")


def _tz_tables() -> tuple[str, str] | None:
    try:
        folder = resources.files("tzdata").joinpath("zoneinfo")
        return folder.joinpath("iso3166.tab").read_text("utf-8"), folder.joinpath("zone.tab").read_text(
            "utf-8"
        )
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pass
    system = Path("/usr/share/zoneinfo")
    try:
        return (system / "iso3166.tab").read_text("utf-8"), (system / "zone.tab").read_text("utf-8")
    except OSError:
        return None


_RELATIVE_WORD = re.compile(r"(?i)\b(?:last|this|since|ago|earlier|previous|before)\b")


def _bare_month(text: str) -> bool:
    """A month with no year and no word that places it ("in January", "mid-January"; not "since
    January", "last January")."""
    return not _RELATIVE_WORD.search(text) and not re.search(r"\d", text)


def _not_past(doc: Any, start: int, end: int) -> bool:
    """Whether the clause the words at ``start``–``end`` belong to speaks of the present or the future:
    its verb is in the present tense or under "will" ("reports earnings in mid-January", "is set to
    begin in March", "will launch in May"), not in the past or the perfect ("said in January",
    "has risen since January"). False without a parse."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = clause_verb(span.root, skip_nominal=True)  # "missile launches in July" is a noun there
    while verb.tag_ in ("VB", "VBG") and verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i:
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"will", "shall", "'ll", "’ll"}:
            return True
        verb = verb.head  # "is set to begin in March": the tense is that of "is set"
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    forms = [verb, *helpers]
    if any(t.lower_ in ("will", "shall", "'ll", "’ll") for t in helpers):
        return True
    if any(t.tag_ in ("VBD", "MD") or (t.lemma_ == "have" and t is not verb) for t in forms):
        return False  # past, perfect, or a modal such as "would" or "could"
    if any(t.tag_ == "VBZ" for t in forms):
        return True
    # "that overflew the country in August": the tagger takes a past form it does not know for a plural
    # present (VBP); beside a past verb in the sentence the clause is not trusted to be present.
    return any(t.tag_ == "VBP" for t in forms) and not any(t.tag_ == "VBD" for t in verb.sent)


def _past_month(value: str, anchor: dt.date) -> bool:
    """A month-level value ("2009-10") that lies before the anchor's month."""
    return len(value) == 7 and value[:4].isdigit() and value < f"{anchor.year:04d}-{anchor.month:02d}"


def _future_context(body: str, start: int, reach: int = 160, past: re.Pattern[str] = _REPORTED) -> bool:
    """Whether the clause before a month name (within ``reach`` characters of its sentence) speaks of what
    is to come ("will", "won't", "until", "is scheduled to"), with no ``past`` word after the marker: a
    "said" after it means the month may date the saying, not the event."""
    sentence_start = max(body.rfind(mark, 0, start) for mark in (". ", "\n", "? ", "! ")) + 1
    before = body[max(sentence_start, start - reach) : start]
    markers = list(_FUTURE.finditer(before))
    return bool(markers) and not past.search(before, markers[-1].end())


def story_anchor(published_dates: Sequence[str | None]) -> dt.date | None:
    """The anchor lent to a story's undated articles: the median known publication date.

    The median rather than the earliest: coverage of one event clusters around it, and a
    single misdated or much later follow-up article cannot drag the median far. With an
    even count the lower middle is taken, so the anchor is a real publication date.
    """
    known = sorted(d for d in map(parse_published, published_dates) if d is not None)
    return known[(len(known) - 1) // 2] if known else None


def calendar_day(value: str) -> dt.date | None:
    """A time expression's value as a calendar day, if it is one (not a month, week, range or partial)."""
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 and "X" not in value else None
    except ValueError:
        return None
