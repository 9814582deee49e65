"""Tone toward a mention with the shipped weights (parallax.tone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.tone import (
    MAX_CHARS,
    MODEL_FILE,
    NEUTRAL,
    Tone,
    normalise,
    side_words,
    tone_model,
    tone_toward,
    window,
)

MODEL = Path(__file__).resolve().parents[1] / "src" / "parallax" / "data" / MODEL_FILE
needs_model = pytest.mark.skipif(
    not MODEL.is_file(), reason="tone model missing: `.venv/bin/python training/train_tone.py` writes it"
)


def item(sentence: str, mention: str) -> tuple[str, int, int]:
    start = sentence.index(mention)
    return sentence, start, start + len(mention)


def check(tone: Tone) -> None:
    assert tone.polarity in ("negative", "neutral", "positive")
    assert -1.0 <= tone.score <= 1.0
    assert sum(tone.probabilities) == pytest.approx(1.0, abs=1e-3)


def test_offsets_are_clamped_and_long_sentences_cut_around_the_mention() -> None:
    assert normalise("", 0, 0) is None
    assert normalise("   ", 0, 2) is None
    assert normalise("Smith said.", 5, 5) is None
    assert normalise("Smith said.", 5, -3) == ("Smith said.", 0, 5)
    assert normalise("Smith said.", -10, 99) == ("Smith said.", 0, 11)
    long = "word " * 4000 + "Smith " + "word " * 4000
    sentence, start, end = normalise(long, 20000, 20005) or ("", 0, 0)
    assert len(sentence) == MAX_CHARS
    assert sentence[start:end] == "Smith"


def test_views_keep_the_words_next_to_the_mention_with_their_side() -> None:
    sentence, start, end = item(
        "Yesterday in Rome critics sharply attacked Smith over the failed budget plan.", "Smith"
    )
    assert window(sentence, start, end, 2) == "sharply attacked Smith over the"
    assert side_words(sentence, start, end, 1) == ["L_attacked", "R_over", "attacked", "over"]


@needs_model
def test_model_file_is_small_and_loads() -> None:
    model = tone_model()
    assert MODEL.stat().st_size < 2e6
    assert model.coef_sentence.shape == model.coef_window.shape == (384, 3)
    assert model.coef_tfidf.shape == (len(model.vocabulary), 3)


@needs_model
def test_clear_sentences_get_the_expected_tone() -> None:
    tones = tone_toward(
        [
            item(
                "Critics slammed Smith as a corrupt liar whose disgraceful conduct betrayed voters.", "Smith"
            ),
            item(
                "Smith, a corrupt and incompetent official, was condemned for lying to investigators.",
                "Smith",
            ),
            item("Smith will speak at the conference in Berlin on Tuesday.", "Smith"),
            item(
                "Smith was widely praised for her courageous leadership and tireless work for families.",
                "Smith",
            ),
        ]
    )
    assert [t.polarity for t in tones] == ["negative", "negative", "neutral", "positive"]
    for tone in tones:
        check(tone)


@needs_model
def test_two_people_in_one_sentence_get_their_own_tone() -> None:
    sentence = "Jones praised Smith's brilliant work, while critics called Brown a liar and a fraud."
    smith, brown = tone_toward([item(sentence, "Smith"), item(sentence, "Brown")])
    assert brown.polarity == "negative"
    assert smith.score > brown.score


@needs_model
def test_odd_input_gets_an_answer_for_every_item() -> None:
    items = [
        ("", 0, 0),
        ("Smith said.", 7, 2),
        ("Smith said.", -5, 500),
        ("Smith said.", 3, 3),
        ("word " * 4000, 19990, 20010),
        ("윤석열 대통령은 서울에서 기자회견을 열었다.", 0, 3),
    ]
    tones = tone_toward(items)
    assert len(tones) == len(items)
    assert tones[0] == NEUTRAL and tones[3] == NEUTRAL
    for tone in tones:
        check(tone)
    assert tone_toward([]) == []
