"""Train the loaded-language model of ``parallax.framing`` on BABE and write its weights into the package.

    .venv/bin/python training/train_framing.py            # train, write src/parallax/data/framing_model.npz
    .venv/bin/python training/train_framing.py --explore  # also print the cross-validated grid

Data: ``../shared/data/babe/final_labels_SG2.csv`` (expert labels; SG1 is a subset of SG2's sentences
and MBIC the same sentences with crowd labels, so neither adds sentences), deduplicated by whitespace-
normalised text, "No agreement" dropped. A fixed, seeded, stratified 20 % of it is held out for
``benchmarks/framing.py``: its text hashes are written once to ``src/parallax/data/framing_split.json``
and reused on every run (``--resplit`` draws it again). Nothing here looks at the held-out sentences:
every choice (C of each block, the stacking weights, the decision threshold) comes from 5-fold
cross-validation on the training part.

Lexicons: BABE's ``bias_word_lexicon.csv`` and the lexicons NeuS ships (``neus/lexicons``: the bias
lexicon of Recasens et al. 2013, subjectivity clues of Wilson et al. 2005, hedges, factives, assertives,
implicatives, report verbs).

Model: two logistic regressions, one over TF-IDF word 1-2-grams and one over the MiniLM embedding,
stacked by a third logistic regression over their out-of-fold logits and the standardised lexicon
features. Every step is linear, so the stack folds into one set of weights per block, which is what
ships.
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
from collections.abc import Sequence
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
CACHE = Path(os.environ.get("PARALLAX_EMBED_CACHE", "/tmp/parallax_framing_embeddings.npz"))
SEED = 20240531
TEST_SHARE = 0.2
FOLDS = 5

sys.path.insert(0, str(ROOT / "src"))
from parallax.framing import LEXICONS, lexicon_features, ngrams, tokens  # noqa: E402


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
    """MiniLM embeddings, cached on disk by text hash (the cache is only a speed-up)."""
    cached: dict[str, NDArray[np.float32]] = {}
    if CACHE.exists():
        with np.load(CACHE, allow_pickle=False) as data:
            cached = dict(zip((str(k) for k in data["keys"]), data["vectors"], strict=True))
    keys = [text_hash(t) for t in texts]
    missing = [(k, t) for k, t in dict(zip(keys, texts, strict=True)).items() if k not in cached]
    if missing:
        from parallax.embed import default_embedder

        vectors = default_embedder().embed([t for _, t in missing])
        cached.update(zip((k for k, _ in missing), vectors, strict=True))
        np.savez(CACHE, keys=np.array(list(cached)), vectors=np.stack(list(cached.values())))
    return np.stack([cached[k] for k in keys]).astype(np.float32)


def tfidf_vectorizer(min_df: int = 2) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=lambda text: ngrams(tokens(text)), min_df=min_df, sublinear_tf=True)


@dataclass
class Blocks:
    """The three feature blocks for one list of sentences."""

    tfidf: Any
    embedding: NDArray[np.float32]
    lexicon: NDArray[np.float64]


def lexicon_matrix(texts: Sequence[str], lexicons: dict[str, frozenset[str]]) -> NDArray[np.float64]:
    lists = list(lexicons.values())
    return np.asarray([lexicon_features(tokens(t), lists) for t in texts], dtype=np.float64)


def _lr(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, solver="liblinear")


def stack_fit(
    train: Blocks, y: NDArray[np.int_], c_tfidf: float, c_emb: float, c_meta: float, use_lexicon: bool = True
) -> dict[str, Any]:
    """Fit the two base models and the stacker (on out-of-fold logits); return the folded weights."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.preprocessing import StandardScaler

    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    base_tfidf, base_emb = _lr(c_tfidf), _lr(c_emb)
    oof_t = cross_val_predict(base_tfidf, train.tfidf, y, cv=folds, method="decision_function")
    oof_e = cross_val_predict(base_emb, train.embedding, y, cv=folds, method="decision_function")
    base_tfidf.fit(train.tfidf, y)
    base_emb.fit(train.embedding, y)
    scaler = StandardScaler().fit(train.lexicon)
    lexical = scaler.transform(train.lexicon) if use_lexicon else np.zeros((len(y), 0))
    meta = _lr(c_meta).fit(np.column_stack([oof_t, oof_e, lexical]), y)
    w = meta.coef_[0]
    n_lex = train.lexicon.shape[1]
    return {
        "coef_tfidf": w[0] * base_tfidf.coef_[0],
        "coef_embedding": w[1] * base_emb.coef_[0],
        "coef_lexicon": w[2:] if use_lexicon else np.zeros(n_lex),
        "intercept": float(
            meta.intercept_[0] + w[0] * base_tfidf.intercept_[0] + w[1] * base_emb.intercept_[0]
        ),
        "lexicon_mean": scaler.mean_,
        "lexicon_scale": np.where(scaler.scale_ > 0, scaler.scale_, 1.0),
    }


def decision(weights: dict[str, Any], blocks: Blocks) -> NDArray[np.float64]:
    lexical = (blocks.lexicon - weights["lexicon_mean"]) / weights["lexicon_scale"]
    return np.asarray(
        blocks.tfidf @ weights["coef_tfidf"]
        + blocks.embedding.astype(np.float64) @ weights["coef_embedding"]
        + lexical @ weights["coef_lexicon"]
        + weights["intercept"],
        dtype=np.float64,
    )


def macro_f1(y: NDArray[np.int_], predicted: NDArray[np.int_]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, predicted, average="macro"))


def cross_validate(
    texts: list[str],
    y: NDArray[np.int_],
    embeddings: NDArray[np.float32],
    lexicon: NDArray[np.float64],
    grid: Sequence[tuple[float, float, float, bool]],
    verbose: bool,
) -> tuple[tuple[float, float, float, bool], float, float]:
    """The grid point with the best mean out-of-fold macro-F1, and a threshold chosen on its OOF scores."""
    from sklearn.model_selection import StratifiedKFold

    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + 1).split(texts, y))
    prepared = []
    for train_idx, test_idx in folds:
        vectorizer = tfidf_vectorizer()
        train_t = vectorizer.fit_transform([texts[i] for i in train_idx])
        test_t = vectorizer.transform([texts[i] for i in test_idx])
        prepared.append(
            (
                Blocks(train_t, embeddings[train_idx], lexicon[train_idx]),
                Blocks(test_t, embeddings[test_idx], lexicon[test_idx]),
                train_idx,
                test_idx,
            )
        )
    best: tuple[float, tuple[float, float, float, bool], NDArray[np.float64]] | None = None
    for point in grid:
        scores = np.zeros(len(y))
        for train_b, test_b, train_idx, test_idx in prepared:
            weights = stack_fit(train_b, y[train_idx], *point)
            scores[test_idx] = decision(weights, test_b)
        f1 = macro_f1(y, (scores >= 0).astype(int))
        if verbose:
            print(
                f"  C_tfidf={point[0]:<6} C_emb={point[1]:<6} C_meta={point[2]:<6} lexicon={point[3]!s:<5} "
                f"CV macro-F1 {f1:.4f}"
            )
        if best is None or f1 > best[0]:
            best = (f1, point, scores)
    assert best is not None
    f1, point, scores = best
    probabilities = 1 / (1 + np.exp(-scores))
    candidates = np.round(np.arange(0.35, 0.651, 0.01), 2)
    by_threshold = [(macro_f1(y, (probabilities >= t).astype(int)), -abs(t - 0.5), t) for t in candidates]
    best_f1, _, threshold = max(by_threshold)
    # Keep 0.5 unless another threshold is clearly better out of fold.
    if best_f1 - macro_f1(y, (probabilities >= 0.5).astype(int)) < 0.005:
        threshold = 0.5
    return point, f1, float(threshold)


def train(data: Path, explore: bool, resplit: bool) -> dict[str, Any]:
    examples = read_babe(data)
    training, test = split(examples, resplit)
    print(f"BABE SG2: {len(examples)} sentences; train {len(training)}, held out {len(test)} (not read here)")
    texts = [e.text for e in training]
    y = np.array([int(e.biased) for e in training])
    lexicons = read_lexicons(data)
    lexicon = lexicon_matrix(texts, lexicons)
    embeddings = embed(texts)
    if explore:
        grid = [
            (ct, ce, cm, lex)
            for ct in (1.0, 3.0)
            for ce in (0.3, 1.0)
            for cm in (1.0,)
            for lex in (True, False)
        ]
    else:
        grid = [(3.0, 1.0, 1.0, False)]  # the best point of --explore (CV macro-F1 0.7655)
    point, cv_f1, threshold = cross_validate(texts, y, embeddings, lexicon, grid, verbose=True)
    print(f"chosen {point}, CV macro-F1 {cv_f1:.4f}, threshold {threshold}")
    vectorizer = tfidf_vectorizer()
    weights = stack_fit(Blocks(vectorizer.fit_transform(texts), embeddings, lexicon), y, *point)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    coef_tfidf = np.asarray(weights["coef_tfidf"])
    keep = np.flatnonzero(np.abs(coef_tfidf) > 1e-4)  # liblinear's L2 leaves almost none at 0; still cheap
    positive = np.sort(coef_tfidf[coef_tfidf > 0])
    word_min_weight = float(positive[int(0.9 * len(positive))]) if len(positive) else 1.0
    arrays: dict[str, Any] = {
        "vocabulary": np.array([vocabulary[i] for i in keep]),
        "idf": vectorizer.idf_[keep].astype(np.float32),
        "coef_tfidf": coef_tfidf[keep].astype(np.float32),
        "coef_embedding": np.asarray(weights["coef_embedding"], dtype=np.float32),
        "coef_lexicon": np.asarray(weights["coef_lexicon"], dtype=np.float32),
        "lexicon_mean": np.asarray(weights["lexicon_mean"], dtype=np.float32),
        "lexicon_scale": np.asarray(weights["lexicon_scale"], dtype=np.float32),
        "intercept": np.array([weights["intercept"]]),
        "threshold": np.array([threshold]),
        # A word carries bias when its TF-IDF contribution (weight x tf-idf value) reaches this: a tenth
        # of the largest positive term weights, scaled by a typical tf-idf value of 0.3.
        "word_min_weight": np.array([0.3 * word_min_weight]),
        "settings": np.array(
            [json.dumps({"C": point[:3], "lexicon": point[3], "cv_macro_f1": cv_f1, "seed": SEED})]
        ),
    }
    for name, words in lexicons.items():
        arrays[f"lexicon_{name}"] = np.array(sorted(words))
    np.savez_compressed(MODEL_PATH, **arrays)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB, {len(keep)} n-grams)")
    return arrays


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--explore", action="store_true", help="cross-validate a grid of C values")
    parser.add_argument("--resplit", action="store_true", help="draw the held-out split again")
    args = parser.parse_args(argv)
    if not (args.data / "babe" / "final_labels_SG2.csv").exists():
        print(f"BABE not found under {args.data} (pass --data PATH); nothing trained")
        return 0
    train(args.data, args.explore, args.resplit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
