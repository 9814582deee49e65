"""Loaded-language scoring with the shipped weights (parallax.framing) and the `framing` command."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from parallax.cli import main
from parallax.framing import (
    LEXICONS,
    MAX_CHARS,
    MODEL_FILE,
    STATIC_FILE,
    FramingScore,
    LexiconIndex,
    ModelMissing,
    clip,
    framing_model,
    lexicon_features,
    lexicon_hits,
    score_sentences,
    static_embedder,
    tokens,
)

MODEL = Path(__file__).resolve().parents[1] / "src" / "parallax" / "data" / MODEL_FILE
STATIC = MODEL.with_name(STATIC_FILE)
needs_model = pytest.mark.skipif(
    not (MODEL.is_file() and STATIC.is_file()),
    reason="framing model not built here: `make framing-model` needs ../shared/data/babe",
)

LOADED = [
    "The radical left's insane, job-killing agenda is a disgrace that will destroy this great country.",
    "Trump's racist, unhinged rant was yet another shameful attack by a corrupt and incompetent bully.",
    "Greedy corporations and their cowardly puppets in Congress are ruthlessly exploiting families.",
]
NEUTRAL = [
    "The committee will meet on Tuesday to discuss the budget for the next fiscal year.",
    "The company reported revenue of 4.2 billion dollars in the third quarter.",
    "The bill was passed by the Senate with 52 votes in favour and 48 against.",
]


@needs_model
def test_built_model_loads() -> None:
    model = framing_model()
    assert len(model.terms) > 1000
    assert model.coef_embedding.shape == (384,)
    assert model.coef_lexicon.shape == (3 * len(LEXICONS) + 1,)
    assert all(model.lexicons), "every lexicon ships with words"
    assert 0.0 < model.threshold < 1.0
    assert MODEL.stat().st_size < 2e6
    fast = framing_model(fast=True)
    assert fast.coef_embedding.size == 0 and not fast.needs_embeddings
    assert model.needs_embeddings and 0.0 < fast.threshold < 1.0


class NoEmbedder:
    """An embedder the fast path must never call."""

    dimension = 384

    def embed(self, texts: object) -> object:
        raise AssertionError("the fast model must not embed with MiniLM")


@needs_model
def test_fast_model_separates_loaded_from_neutral_without_minilm() -> None:
    loaded = score_sentences(LOADED, NoEmbedder(), fast=True)  # type: ignore[arg-type]
    neutral = score_sentences(NEUTRAL, NoEmbedder(), fast=True)  # type: ignore[arg-type]
    assert min(s.score for s in loaded) > max(s.score for s in neutral)
    assert all(s.biased for s in loaded) and not any(s.biased for s in neutral)
    for sentence, score in zip(LOADED, loaded, strict=True):
        assert score.words and all(set(w.split()) <= set(tokens(sentence)) for w in score.words)


@needs_model
def test_accurate_model_needs_the_minilm_embeddings() -> None:
    with pytest.raises(ValueError, match="MiniLM"):
        framing_model().score(["A sentence."], None)


@needs_model
@pytest.mark.parametrize("fast", [False, True])
def test_odd_lines_get_an_answer_from_either_model(fast: bool) -> None:
    long_line = ("The senator's reckless, outrageous plan " * 600)[:20_000]
    odd = ["", "   ", long_line, "정부는 화요일 새로운 연금 개혁안을 발표했다.", "\n", NEUTRAL[0]]
    result = score_sentences(odd, fast=fast)
    assert len(result) == len(odd)
    assert result[0] == result[1] == result[4] == FramingScore(False, 0.0, ())
    assert all(isinstance(r.score, float) and 0.0 <= r.score <= 1.0 for r in result)
    assert result[2] == score_sentences([clip(long_line)], fast=fast)[0]
    assert all(set(w.split()) <= set(tokens(long_line)) for w in result[2].words)
    assert result[5] == score_sentences([NEUTRAL[0]], fast=fast)[0], "a batch does not change a verdict"


@needs_model
def test_static_embedding_rows_are_unit_or_zero() -> None:
    vectors = static_embedder().embed(["", "The vote was delayed.", "정부는 발표했다.", "x" * 20_000])
    norms = np.linalg.norm(vectors, axis=1)
    assert vectors.shape == (4, static_embedder().dimension)
    assert norms[0] == 0.0 and np.allclose(norms[1:], 1.0, atol=1e-5)
    assert static_embedder().embed([]).shape == (0, static_embedder().dimension)


@needs_model
def test_loaded_sentences_score_above_neutral_ones() -> None:
    loaded, neutral = score_sentences(LOADED), score_sentences(NEUTRAL)
    assert min(s.score for s in loaded) > max(s.score for s in neutral)
    assert all(s.biased for s in loaded)
    assert not any(s.biased for s in neutral)
    assert all(0.0 <= s.score <= 1.0 for s in loaded + neutral)


@needs_model
def test_words_are_the_loaded_ones_and_in_the_sentence() -> None:
    result = score_sentences(LOADED)
    for sentence, score in zip(LOADED, result, strict=True):
        assert score.words, sentence
        present = set(tokens(sentence))
        assert all(set(w.split()) <= present for w in score.words)
    assert {"insane", "disgrace", "racist", "unhinged", "shameful", "corrupt", "greedy"} & {
        w for s in result for w in s.words
    }


@needs_model
def test_every_line_gets_an_answer() -> None:
    odd = [
        "",
        "   \t ",
        "word " * 5000,
        "Le gouvernement a annoncé mardi une nouvelle réforme des retraites.",
        "政府は火曜日に新しい年金改革を発表した。",
        "!!! ??? ...",
        "\x00\ufeff",
    ]
    result = score_sentences(odd)
    assert len(result) == len(odd)
    assert result[0] == FramingScore(False, 0.0, ()) == result[1]
    assert all(isinstance(r.score, float) and 0.0 <= r.score <= 1.0 for r in result)
    assert score_sentences([]) == []


@needs_model
def test_long_lines_are_cut_at_the_documented_limit() -> None:
    text = "a loaded " * 1000
    assert len(clip(text)) <= MAX_CHARS
    assert clip("  two   words ") == "two words"
    assert score_sentences([text])[0] == score_sentences([clip(text)])[0]


@needs_model
def test_cli_prints_one_json_object_per_line(tmp_path: Path) -> None:
    path = tmp_path / "sentences.txt"
    path.write_text("\n".join([LOADED[0], "", NEUTRAL[0], "Das ist ein Satz."]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["framing", "--sentences", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3, 4]
    assert records[0]["biased"] is True and records[0]["words"]
    assert records[1] == {"line": 2, "biased": False, "score": 0.0, "words": []}
    assert records[2]["biased"] is False
    assert set(records[3]) == {"line", "biased", "score", "words"}


@needs_model
def test_cli_reads_stdin_in_batches() -> None:
    lines = [*LOADED, *NEUTRAL]
    result = CliRunner().invoke(main, ["framing", "--sentences", "-", "--batch", "2"], input="\n".join(lines))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(lines) + 1))
    assert [r["biased"] for r in records] == [True] * 3 + [False] * 3


@needs_model
def test_cli_fast_flag_uses_the_fast_model() -> None:
    lines = [*LOADED, "", *NEUTRAL]
    result = CliRunner().invoke(main, ["framing", "--sentences", "-", "--fast"], input="\n".join(lines))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["biased"] for r in records] == [True] * 3 + [False] * 4
    assert [r["score"] for r in records] == [s.score for s in score_sentences(lines, fast=True)]


def test_lexicon_index_gives_the_same_features_as_the_plain_function() -> None:
    lexicons = [frozenset({"allege", "slam", "radical"}), frozenset({"according to", "said"}), frozenset()]
    index = LexiconIndex(lexicons)
    for text in ["He alleged, according to aides, that radicals slammed it.", "", "said said according to"]:
        assert index.features(tokens(text)) == lexicon_features(tokens(text), lexicons)
        for k, lexicon in enumerate(lexicons):
            assert index.hits(tokens(text), k) == lexicon_hits(tokens(text), lexicon)
    assert index.matrix(["a", "b c"]).shape == (2, 3 * len(lexicons) + 1)


def test_cli_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["framing", "--sentences", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2
    assert "absent.txt" in result.output


@pytest.mark.parametrize("text", ["", "x" * (MAX_CHARS * 3)])
def test_clip_never_grows(text: str) -> None:
    assert len(clip(text)) <= max(len(text), MAX_CHARS)


def test_without_a_built_model_the_command_says_how_to_build_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(fast: bool = False) -> None:
        raise ModelMissing("the framing model is not built: run `make framing-model`")

    monkeypatch.setattr("parallax.framing.framing_model", missing)
    result = CliRunner().invoke(main, ["framing", "--sentences", "-"], input="A sentence.\n")
    assert result.exit_code == 1 and "make framing-model" in result.output
