"""Tone toward a person: is a sentence negative, neutral or positive about one mention in it.

Target-dependent sentiment in the sense of NewsMTSC (Hamborg & Donnay, EACL 2021): the label is the
stance the sentence takes toward the mention, not the overall mood of the sentence, so two people named
in one sentence can get different tones. One multinomial logistic regression, trained on NewsMTSC's
``train.jsonl`` by ``training/train_tone.py``, over three feature blocks:

- the MiniLM embedding (``parallax.embed``) of the sentence itself: in the pipeline that vector is
  almost always cached already (a sentence that is one clause is embedded as a claim), so tone costs one
  short embedding per mention rather than two. A placeholder for the mention ("X") scored 0.002 higher on
  the held-out part, within noise, for a second sentence-length embedding per mention;
- the MiniLM embedding of a window of ``WINDOW`` whitespace tokens either side of the mention, mention
  included: what is said right next to the person, which is what tells two targets in one sentence apart;
- TF-IDF over the lower-cased words within ``side_words`` words of the mention, each word counted once as
  itself and once tagged with its side (``L_blamed``, ``R_blamed``: "X blamed Y" is not "Y blamed X").

The weights and vocabulary live in ``parallax/data/tone_model.npz`` (NewsMTSC is MIT, so the file ships),
loaded lazily once. Measured figures are in ``docs/tone.md`` and ``benchmarks/results/tone.md``.

Input of any kind gets an answer: offsets are clamped into the sentence; an empty or blank sentence, or a
mention that is empty after clamping, is neutral with score 0; a sentence longer than ``MAX_CHARS``
characters is cut to that many characters around the mention before it is scored; text in another
language is scored like any other (the model knows English news only, so such a tone means little).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from parallax.embed import Embedder

MODEL_FILE = "tone_model.npz"
MAX_CHARS = 1000  # MiniLM reads ~256 word pieces; longer sentences are cut around the mention
WINDOW = 4  # whitespace tokens either side of the mention in the window view
LABELS: tuple[Literal["negative", "neutral", "positive"], ...] = ("negative", "neutral", "positive")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
TOKEN = re.compile(r"\S+")

Polarity = Literal["negative", "neutral", "positive"]


@dataclass(frozen=True)
class Tone:
    """The tone toward one mention; ``score`` is P(positive) - P(negative), in [-1, 1]."""

    polarity: Polarity
    score: float
    probabilities: tuple[float, float, float]  # negative, neutral, positive


NEUTRAL = Tone("neutral", 0.0, (0.0, 1.0, 0.0))


def normalise(sentence: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The sentence and mention as scored (clamped, cut to MAX_CHARS), or None when nothing is left."""
    start, end = sorted((min(max(int(start), 0), len(sentence)), min(max(int(end), 0), len(sentence))))
    if len(sentence) > MAX_CHARS:
        # Keep the mention and as much context on both sides as fits.
        lo = max(0, min(start - (MAX_CHARS - min(end - start, MAX_CHARS)) // 2, len(sentence) - MAX_CHARS))
        sentence, start, end = sentence[lo : lo + MAX_CHARS], start - lo, min(end - lo, MAX_CHARS)
    if not sentence[start:end].strip() or not sentence.strip():
        return None
    return sentence, start, end


def window(sentence: str, start: int, end: int, size: int = WINDOW) -> str:
    """The mention with ``size`` whitespace tokens either side of it."""
    spans = [m.span() for m in TOKEN.finditer(sentence)]
    left = [s for s in spans if s[1] <= start]
    right = [s for s in spans if s[0] >= end]
    lo = left[-size][0] if len(left) >= size else 0
    hi = right[size - 1][1] if len(right) >= size else len(sentence)
    return sentence[lo:hi]


def side_words(sentence: str, start: int, end: int, size: int) -> list[str]:
    """The TF-IDF terms: words within ``size`` words of the mention, plain and tagged with their side."""
    left = WORD.findall(sentence[:start].lower())[-size:] if size else []
    right = WORD.findall(sentence[end:].lower())[:size] if size else []
    words = [w.replace("’", "'") for w in left], [w.replace("’", "'") for w in right]
    return [*(f"L_{w}" for w in words[0]), *(f"R_{w}" for w in words[1]), *words[0], *words[1]]


def views(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The two texts embedded for one mention: the sentence, and the window around the mention."""
    return sentence, window(sentence, start, end)


class ToneModel:
    """The shipped weights, and scoring with them."""

    def __init__(self, arrays: dict[str, NDArray[np.generic]]) -> None:
        self.vocabulary = {str(t): i for i, t in enumerate(arrays["vocabulary"])}
        self.idf = np.asarray(arrays["idf"], dtype=np.float64)
        self.coef_tfidf = np.asarray(arrays["coef_tfidf"], dtype=np.float64)  # (terms, 3)
        self.coef_sentence = np.asarray(arrays["coef_sentence"], dtype=np.float64)  # (384, 3)
        self.coef_window = np.asarray(arrays["coef_window"], dtype=np.float64)  # (384, 3)
        self.intercept = np.asarray(arrays["intercept"], dtype=np.float64)  # (3,)
        self.side_words = int(np.asarray(arrays["side_words"]).reshape(-1)[0])

    @classmethod
    def load(cls) -> ToneModel:
        path = resources.files("parallax.data").joinpath(MODEL_FILE)
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            return cls({name: data[name] for name in data.files})

    def tfidf_logits(self, terms: Sequence[str]) -> NDArray[np.float64]:
        """TF-IDF (sublinear tf, IDF, L2 norm: sklearn's TfidfVectorizer) times its weights."""
        counts = Counter(t for t in terms if t in self.vocabulary)
        values = {
            self.vocabulary[t]: (1.0 + math.log(c)) * self.idf[self.vocabulary[t]] for t, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        logits = np.zeros(3)
        for i, v in values.items():
            logits += (v / norm) * self.coef_tfidf[i]
        return logits

    def probabilities(
        self,
        items: Sequence[tuple[str, int, int]],
        sentence_vectors: NDArray[np.float32],
        window_vectors: NDArray[np.float32],
    ) -> NDArray[np.float64]:
        """Class probabilities (negative, neutral, positive), one row per normalised item."""
        logits = (
            sentence_vectors.astype(np.float64) @ self.coef_sentence
            + window_vectors.astype(np.float64) @ self.coef_window
            + self.intercept
        )
        for row, (sentence, start, end) in enumerate(items):
            logits[row] += self.tfidf_logits(side_words(sentence, start, end, self.side_words))
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)


@lru_cache(maxsize=1)
def tone_model() -> ToneModel:
    return ToneModel.load()


def to_tone(probabilities: Sequence[float]) -> Tone:
    negative, neutral, positive = (round(float(p), 4) for p in probabilities)
    best = max(range(3), key=lambda i: probabilities[i])
    return Tone(LABELS[best], round(positive - negative, 4), (negative, neutral, positive))


def tone_toward(items: Sequence[tuple[str, int, int]], embedder: Embedder | None = None) -> list[Tone]:
    """The tone toward each (sentence, mention start, mention end) item, in order.

    Offsets are character offsets into the sentence, end exclusive; see the module docstring for odd input.
    """
    kept = [(i, n) for i, item in enumerate(items) if (n := normalise(*item)) is not None]
    results = [NEUTRAL] * len(items)
    if not kept:
        return results
    if embedder is None:
        from parallax.embed import default_embedder

        embedder = default_embedder()
    normalised = [n for _, n in kept]
    texts = [text for n in normalised for text in views(*n)]
    vectors = embedder.embed(texts)  # one batched call: rows alternate sentence, window
    probabilities = tone_model().probabilities(normalised, vectors[0::2], vectors[1::2])
    for (i, _), row in zip(kept, probabilities, strict=True):
        results[i] = to_tone(row)
    return results
