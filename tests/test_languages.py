"""Which language a speaker spoke and each outlet first reported in: the "speaker's language" evidence."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from parallax.compare.languages import country_language, language_name, origin_languages
from parallax.compare.quotes import Languages, group_quotes
from parallax.model import Article, Quote, Span


@pytest.mark.parametrize(
    ("country", "language"),
    [
        ("South Korea", "ko"),
        ("North Korea", "ko"),
        ("United States", "en"),
        ("Russia", "ru"),
        ("Czech Republic", "cs"),  # CLDR calls it Czechia: matched through the gazetteer's names
        ("Canada", None),  # English and French: which one a Canadian spoke is not known
        ("Switzerland", None),
        ("Atlantis", None),
    ],
)
def test_a_country_speaks_its_main_official_language_unless_two_are_widely_spoken(
    country: str, language: str | None
) -> None:
    assert country_language(country) == language


def test_language_names_read_in_english() -> None:
    assert (language_name("ko"), language_name("en")) == ("Korean", "English")


def test_a_credited_translation_was_first_reported_in_its_source_country_language() -> None:
    articles = [
        Article("rebeat", "r", "…", language="en", country="South Korea", via="Donga"),  # the example's
        Article("post", "p", "…", language="en", country="United States", via="AP"),  # a wire copy: English
        Article("times", "t", "…", language="en"),
        Article("seoul", "s", "…", language="en", country="South Korea"),  # written in English at first hand
        Article("blank", "b", "…"),
    ]
    assert origin_languages(articles) == {
        "rebeat": "ko",
        "post": "en",
        "times": "en",
        "seoul": "en",
        "blank": None,
    }


class _SameVector:
    def embed(self, texts: list[str]) -> Any:
        return np.ones((len(texts), 4), np.float32) / 2.0


def _two_renderings(origin: dict[str, str | None], spoken: dict[str, str]) -> Any:
    a, b = "we expect China to use its influence on Pyongyang", "China should use its sway over Pyongyang"
    bodies = {"a": f"“{a},” he said.", "b": f"“{b},” he said."}
    quotes = [
        Quote(k, "direct", Span(k, 1, 1 + len(t)), speaker="person:park-jin", speaker_name="Park Jin")
        for k, t in (("a", a), ("b", b))
    ]
    return group_quotes(
        quotes,
        bodies,
        _SameVector(),  # type: ignore[arg-type]
        {"a": "US outlet", "b": "News Rebeat"},
        via_of={"a": None, "b": "Donga"},
        languages=Languages(origin, spoken),
    ).findings[0]


def test_the_rendering_reported_in_the_speakers_language_is_likely_closest() -> None:
    """Park Jin spoke Korean: Donga's report (read in News Rebeat's translation) beats the US outlet's
    English, though the US outlet quotes at first hand and News Rebeat republishes."""
    finding = _two_renderings({"a": "en", "b": "ko"}, {"person:park-jin": "ko"})
    by_article = {r.article: r for r in finding.renderings}
    assert by_article["b"].closest and not by_article["a"].closest
    assert (
        by_article["b"].why_closest
        == "reported in the speaker's language (Korean); the others are translations"
    )
    assert finding.text.startswith("China should")  # the diffs are taken against it


def test_an_unknown_language_leaves_the_republication_evidence() -> None:
    for origin, spoken in (
        ({"a": "en", "b": "ko"}, {}),  # the speaker's language not known
        ({"a": None, "b": "ko"}, {"person:park-jin": "ko"}),  # one outlet's not known: it may be Korean too
        ({"a": "ko", "b": "ko"}, {"person:park-jin": "ko"}),  # both in the speaker's language
    ):
        finding = _two_renderings(origin, spoken)
        assert [r.article for r in finding.renderings if r.closest] == ["a"]
        assert "republished from Donga" in finding.renderings[0].why_closest


@pytest.mark.slow
def test_the_example_gives_each_speaker_the_rendering_in_their_language(example_json: dict[str, Any]) -> None:
    """Blinken spoke English (the US outlet's quotes), Park Jin Korean (Donga's, via News Rebeat)."""
    outlet = {a["id"]: a["outlet"] for a in example_json["articles"]}
    closest = {
        (f["speaker"], outlet[r["article"]], r["why_closest"])
        for s in example_json["stories"]
        for f in s["findings"]
        if f["kind"] == "quote"
        for r in f["renderings"]
        if r["closest"] and "language" in r["why_closest"]
    }
    assert closest == {
        (
            "Antony Blinken",
            "US outlet (unnamed)",
            "reported in the speaker's language (English); the others are translations",
        ),
        (
            "Park Jin",
            "News Rebeat",
            "reported in the speaker's language (Korean); the others are translations",
        ),
    }
