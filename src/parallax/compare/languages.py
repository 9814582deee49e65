"""Which language a speaker spoke and which language each outlet first reported in.

The evidence behind "likely closest to the original: reported in the speaker's language". A speaker's
country is the one the story's own descriptions of them name ("U.S. Secretary of State Tony Blinken",
"South Korean Foreign Minister Park Jin"; ``compare.labels``), and its language the country's main
official language (Babel's CLDR territory data, which ships in the package). An article's first language
is the one it is written in, unless it credits another outlet's report (``via``, not a wire agency) and its
country speaks another language: then it is a translation of a report in that language (News Rebeat's
English text of Donga's Korean one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from parallax.annotate.entities import gazetteer, name_key
from parallax.clean import wire_agency
from parallax.compare.labels import countries_named, entity_labels
from parallax.model import Article, Entity, Mention

OFFICIAL = frozenset({"official", "de_facto_official"})
SECOND_LANGUAGE = 15.0  # % of the population: a second official language this widespread leaves it open


def origin_languages(articles: Iterable[Article]) -> dict[str, str | None]:
    """Per article id, the language its report was first written in (None when its language is unknown)."""
    out: dict[str, str | None] = {}
    for article in articles:
        written = _base(article.language) if article.language else None
        credited = article.via is not None and not wire_agency(article.via)
        spoken = country_language(article.country) if article.country else None
        out[article.id] = spoken if credited and spoken and written and spoken != written else written
    return out


def speaker_languages(
    speakers: Iterable[str],
    articles: Sequence[Article],
    docs: Mapping[str, Any],
    mentions: Mapping[str, Sequence[Mention]],
    entities: Sequence[Entity],
) -> dict[str, str]:
    """Per speaker entity id, the language of the one country the story's descriptions of them name most
    (a tie between two countries, or none, leaves the speaker out)."""
    wanted = set(speakers)
    if not wanted:
        return {}
    named: dict[str, Counter[str]] = {s: Counter() for s in wanted}
    for article in articles:
        if article.id not in docs:
            continue
        for label in entity_labels(article.id, docs[article.id], mentions.get(article.id, ()), entities):
            countries = countries_named(label.terms) if label.entity in wanted else set()
            if len(countries) == 1:  # "China's ambassador to the U.S." says of neither alone
                named[label.entity][countries.pop()] += 1
    out = {}
    for speaker, counts in named.items():
        ranked = counts.most_common(2)
        clear = bool(ranked) and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
        if clear and (language := country_language(ranked[0][0])):
            out[speaker] = language
    return out


@lru_cache(maxsize=512)
def country_language(country: str) -> str | None:
    """The main official language of a country named as the gazetteer names it ("South Korea" -> "ko"); None
    where a second official language is widely spoken too (Canada, Belgium, India) or the country unknown."""
    from babel.languages import get_territory_language_info

    code = _territory_codes().get(name_key(country))
    if code is None:
        return None
    info = get_territory_language_info(code)
    official = {lang: data for lang, data in info.items() if data.get("official_status") in OFFICIAL}
    shares = sorted(((_percent(d), lang) for lang, d in (official or info).items()), reverse=True)
    if not shares or (len(shares) > 1 and shares[1][0] >= SECOND_LANGUAGE):
        return None  # Switzerland, Belgium, India, Canada: which one a speaker spoke is not known
    return _base(shares[0][1])


def _percent(data: Mapping[str, object]) -> float:
    value = data.get("population_percent")
    return float(value) if isinstance(value, (int, float, str)) else 0.0


def language_name(code: str) -> str:
    """The language's English name ("ko" -> "Korean"), or the code when Babel does not know it."""
    from babel import Locale

    return str(Locale("en").languages.get(code, code))


def _base(code: str) -> str:
    """The language of a tag, without script or region: "zh_Hant" and "en-GB" -> "zh", "en"."""
    return code.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=1)
def _territory_codes() -> dict[str, str]:
    """Name keys of every country (Babel's English names, and the gazetteer's names and aliases) to their
    two-letter territory code."""
    from babel import Locale

    codes = {name_key(name): code for code, name in Locale("en").territories.items() if code.isalpha()}
    known: dict[str, list[str]] = {}  # canonical country -> the name keys the gazetteer gives it
    for key, country in gazetteer().names.items():
        known.setdefault(country, []).append(key)
    for country, keys in known.items():  # "Czech Republic" is CLDR's "Czechia": any alias may match
        code = next((codes[k] for k in [name_key(country), *keys] if k in codes), None)
        if code:
            for key in [name_key(country), *keys]:
                codes.setdefault(key, code)
    return codes
