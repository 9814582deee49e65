"""The brief's neutralisation: loaded labels out, first-person voice named, quotations untouched."""

from __future__ import annotations

from parallax.brief import count_loaded, neutralise
from parallax.model import Article


def _article(country: str | None = "South Korea") -> Article:
    return Article("x", "x.txt", "body", outlet="Example", country=country)


def test_loaded_labels_dropped_or_replaced_outside_quotes() -> None:
    text = "North Korea’s communist dictator Kim Jong-un held talks with strongman Vladimir Putin."
    assert neutralise(text, _article()) == "North Korea’s leader Kim Jong-un held talks with Vladimir Putin."
    quoted = "He called it “a communist regime”, the Putin regime said."
    out = neutralise(quoted, _article())
    assert "“a communist regime”" in out and "the Putin government said" in out


def test_names_that_contain_a_label_are_kept() -> None:
    text = "It was raised with the Chinese Communist Party."
    assert neutralise(text, _article()) == text
    assert count_loaded(text) == 0


def test_first_person_voice_is_named() -> None:
    text = "our government initiated independent sanctions in September"
    assert (
        neutralise(text, _article())
        == "The government of South Korea initiated independent sanctions in September."
    )
    unknown = neutralise(text, _article(country=None))
    assert unknown.startswith("The government of Example's country")
