"""Loaded language at sentence level: is a sentence biased, how strongly, and which words carry it.

One logistic model over three feature blocks, trained on BABE (SG2) by ``training/train_framing.py``:

- the MiniLM sentence embedding (``parallax.embed``),
- TF-IDF over lower-cased word unigrams and bigrams (sublinear tf, L2-normalised),
- lexicon features: for each bias-related lexicon (BABE's biased-word lexicon, the bias lexicon of
  Recasens et al. 2013, strong and weak subjectivity clues, hedges, factives, assertives, implicatives,
  report verbs) the count of words from it in the sentence, their share of the sentence's words and
  whether there is any; plus the log of the sentence's length in words.

The weights, vocabulary, IDF and lexicon word lists live in ``parallax/data/framing_model.npz``, loaded
lazily on first use. The file is built, not committed: ``make framing-model`` trains it from
``../shared/data/babe`` (BABE is AGPL-3.0 and some lexicons GPL; their n-grams and word lists cannot go
into this MIT repository). ``words`` are the words and bigrams that push the sentence towards "biased":
BABE-lexicon hits and the n-grams present whose contribution to the score is largest.

Input of any kind gets an answer: an empty or blank line scores 0 and is not biased; a line longer than
``MAX_CHARS`` characters is cut there (at a word boundary when there is one) before it is scored; a line
in another language or script is scored like any other (the model knows English only, so such a score
means little, but it is an answer).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from parallax.errors import ParallaxError

if TYPE_CHECKING:
    from parallax.embed import Embedder

MODEL_FILE = "framing_model.npz"
MAX_CHARS = 1000  # longer lines are cut here before scoring (MiniLM reads ~256 word pieces anyway)
MAX_WORDS = 8  # at most this many carrier words per sentence
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
# Function words never count as carriers on their own, nor inside a carrier bigram.
STOPWORDS = frozenset(
    """a about after against all also am an and any are as at be been before being but by can could did
    do does for from had has have he her hers him his how i if in into is it its itself me more most my
    no nor not of off on once only or other our ours out over own same she should so some such than
    that the their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours s t don't it's that's""".split()  # noqa: SIM905
)
LEXICONS = (
    "babe",
    "recasens_bias",
    "strong_subjective",
    "weak_subjective",
    "hedges",
    "factives",
    "assertives",
    "implicatives",
    "report_verbs",
)


class ModelMissing(ParallaxError):
    """The framing model has not been built on this machine."""


@dataclass(frozen=True)
class FramingScore:
    """One sentence's verdict: ``score`` is the model's probability of "biased", in [0, 1]."""

    biased: bool
    score: float
    words: tuple[str, ...]


def tokens(text: str) -> list[str]:
    """Lower-cased words (letters, inner apostrophes) and numbers."""
    return [t.replace("’", "'") for t in WORD.findall(text.lower())]


def ngrams(words: Sequence[str]) -> list[str]:
    """Unigrams and bigrams: the TF-IDF analyzer of the model."""
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]


def _forms(word: str) -> tuple[str, ...]:
    """The word and crude lemmas of it, enough to match lexicons of lemmas ("alleged" → "allege")."""
    forms = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + repl)
    return tuple(forms)


def lexicon_hits(words: Sequence[str], lexicon: frozenset[str]) -> list[int]:
    """Indices of the words (or two-word phrases, marked on their first word) found in ``lexicon``."""
    hits = []
    for i, word in enumerate(words):
        if any(f in lexicon for f in _forms(word)) or (
            i + 1 < len(words) and f"{word} {words[i + 1]}" in lexicon
        ):
            hits.append(i)
    return hits


def lexicon_features(words: Sequence[str], lexicons: Sequence[frozenset[str]]) -> list[float]:
    """Count, share and presence of each lexicon's words, then log(1 + number of words)."""
    n = max(len(words), 1)
    features: list[float] = []
    for lexicon in lexicons:
        count = len(lexicon_hits(words, lexicon))
        features += [float(count), count / n, float(count > 0)]
    features.append(math.log1p(len(words)))
    return features


def clip(text: str) -> str:
    """The line as scored: whitespace collapsed, at most MAX_CHARS characters (cut at a word boundary)."""
    text = " ".join(text.split())
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_CHARS // 2 else cut


class FramingModel:
    """The shipped weights, and scoring with them."""

    def __init__(self, arrays: dict[str, NDArray[np.generic]]) -> None:
        self.terms = [str(t) for t in arrays["vocabulary"]]
        self.vocabulary = {t: i for i, t in enumerate(self.terms)}
        self.idf = np.asarray(arrays["idf"], dtype=np.float64)
        self.coef_tfidf = np.asarray(arrays["coef_tfidf"], dtype=np.float64)
        self.coef_embedding = np.asarray(arrays["coef_embedding"], dtype=np.float64)
        self.coef_lexicon = np.asarray(arrays["coef_lexicon"], dtype=np.float64)
        self.lexicon_mean = np.asarray(arrays["lexicon_mean"], dtype=np.float64)
        self.lexicon_scale = np.asarray(arrays["lexicon_scale"], dtype=np.float64)
        self.intercept = float(np.asarray(arrays["intercept"]).reshape(-1)[0])
        self.threshold = float(np.asarray(arrays["threshold"]).reshape(-1)[0])
        self.word_min_weight = float(np.asarray(arrays["word_min_weight"]).reshape(-1)[0])
        self.lexicons = tuple(frozenset(str(w) for w in arrays[f"lexicon_{name}"]) for name in LEXICONS)

    @classmethod
    def load(cls) -> FramingModel:
        path = resources.files("parallax.data").joinpath(MODEL_FILE)
        if not path.is_file():
            raise ModelMissing(
                f"the framing model is not built: run `make framing-model` (it trains on BABE from "
                f"../shared/data/babe in about two minutes and writes src/parallax/data/{MODEL_FILE})"
            )
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            return cls({name: data[name] for name in data.files})

    def lexicon_matrix(self, texts: Sequence[str]) -> NDArray[np.float64]:
        rows = [lexicon_features(tokens(t), self.lexicons) for t in texts]
        return np.asarray(rows, dtype=np.float64).reshape(len(texts), -1)

    def _tfidf(self, words: Sequence[str]) -> dict[int, float]:
        """Sparse TF-IDF of one sentence: sublinear tf, IDF, L2 norm (sklearn's TfidfVectorizer)."""
        counts = Counter(g for g in ngrams(words) if g in self.vocabulary)
        values = {
            self.vocabulary[g]: (1.0 + math.log(c)) * self.idf[self.vocabulary[g]] for g, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {i: v / norm for i, v in values.items()}

    def score(self, texts: Sequence[str], embeddings: NDArray[np.float32]) -> list[FramingScore]:
        """Scores for non-empty, clipped texts and their MiniLM embeddings (one row each)."""
        lexical = (self.lexicon_matrix(texts) - self.lexicon_mean) / self.lexicon_scale
        base = (
            embeddings.astype(np.float64) @ self.coef_embedding + lexical @ self.coef_lexicon + self.intercept
        )
        scores = []
        for text, logit in zip(texts, base, strict=True):
            words = tokens(text)
            tfidf = self._tfidf(words)
            logit += sum(v * self.coef_tfidf[i] for i, v in tfidf.items())
            probability = 1.0 / (1.0 + math.exp(-max(min(logit, 50.0), -50.0)))
            biased = probability >= self.threshold
            scores.append(FramingScore(biased, round(probability, 4), self._carriers(words, tfidf)))
        return scores

    def _carriers(self, words: Sequence[str], tfidf: dict[int, float]) -> tuple[str, ...]:
        """BABE-lexicon words, then the n-grams whose TF-IDF contribution is largest, in text order."""
        babe = self.lexicons[0]
        picked = {words[i] for i in lexicon_hits(words, babe) if words[i] not in STOPWORDS}
        contributions = sorted(
            ((v * self.coef_tfidf[i], self.terms[i]) for i, v in tfidf.items()), reverse=True
        )
        for weight, gram in contributions:
            if weight < self.word_min_weight or len(picked) >= MAX_WORDS:
                break
            parts = gram.split()
            if not any(p in STOPWORDS or p in picked for p in parts):
                picked.add(gram)
        ordered = sorted(picked, key=lambda g: _position(words, g))
        return tuple(ordered[:MAX_WORDS])


def _position(words: Sequence[str], gram: str) -> int:
    first = gram.split()[0]
    return words.index(first) if first in words else len(words)


@lru_cache(maxsize=1)
def framing_model() -> FramingModel:
    return FramingModel.load()


def score_sentences(sentences: Sequence[str], embedder: Embedder | None = None) -> list[FramingScore]:
    """One FramingScore per sentence, in order; see the module docstring for odd input."""
    texts = [clip(s) for s in sentences]
    present = [i for i, t in enumerate(texts) if tokens(t)]
    results = [FramingScore(False, 0.0, ()) for _ in texts]
    if not present:
        return results
    if embedder is None:
        from parallax.embed import default_embedder

        embedder = default_embedder()
    model = framing_model()
    kept = [texts[i] for i in present]
    for i, result in zip(present, model.score(kept, embedder.embed(kept)), strict=True):
        results[i] = result
    return results
