"""Loaded language on BABE: the Parallax framing model beside a lexicon baseline and LR over MiniLM.

The held-out split is the one ``training/train_framing.py`` drew (``src/parallax/data/framing_split.json``,
a stratified 20 % of BABE SG2); the baselines are fitted on the rest, the same sentences the shipped
model was trained on. Systems, all scored on the held-out sentences in one run:

- ``lexicon (any BABE word)``: biased when the sentence holds a word of BABE's ``bias_word_lexicon.csv``;
- ``lexicon (LR)``: logistic regression over the lexicon features of ``parallax.framing`` (counts and
  shares of nine bias-related lexicons), fitted on the training part;
- ``MiniLM + LR``: logistic regression over the MiniLM sentence embedding, C chosen by 5-fold CV on the
  training part;
- ``parallax``: ``parallax.framing.score_sentences`` with the shipped weights.

Speed: sentences per second over the held-out sentences, embedding included (a fresh embedder cache),
for ``parallax`` and for ``MiniLM + LR``; the median of ``--repeats`` runs. Words: for the held-out
biased sentences, precision and recall of the words ``parallax`` returns against the words BABE's
annotators marked. Results go to ``benchmarks/results/framing.{json,md}``.

    .venv/bin/python benchmarks/framing.py
    .venv/bin/python benchmarks/framing.py --repeats 3 --data PATH/shared/data
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import machine, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
TARGET_F1 = 0.80
TARGET_RATE = 500.0  # sentences/s, embedding included

sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))
import train_framing as tf  # noqa: E402

from parallax.framing import lexicon_hits, tokens  # noqa: E402


def scores(y: Sequence[int], predicted: Sequence[int]) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    p, r, f, n = precision_recall_fscore_support(y, predicted, labels=[1, 0], zero_division=0)
    return {
        "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
        "biased": {
            "precision": round(float(p[0]), 4),
            "recall": round(float(r[0]), 4),
            "f1": round(float(f[0]), 4),
        },
        "neutral": {
            "precision": round(float(p[1]), 4),
            "recall": round(float(r[1]), 4),
            "f1": round(float(f[1]), 4),
        },
        "support": {"biased": int(n[0]), "neutral": int(n[1])},
    }


def timed(run: Callable[[], Any], repeats: int, n: int) -> dict[str, Any]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {"seconds": [round(t, 3) for t in times], "sentences_per_s": round(n / median, 1)}


def word_scores(examples: Sequence[tf.Example], predicted: Sequence[tuple[str, ...]]) -> dict[str, Any]:
    """Token-level precision/recall of returned words against annotated biased words (biased sentences)."""
    tp = fp = fn = 0
    for example, words in zip(examples, predicted, strict=True):
        if not example.biased:
            continue
        gold = {w for phrase in example.biased_words for w in tokens(phrase)}
        got = {w for phrase in words for w in tokens(phrase)}
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4)}


def evaluate(data: Path, repeats: int) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from parallax.embed import MiniLMEmbedder
    from parallax.framing import score_sentences

    examples = tf.read_babe(data)
    train, test = tf.split(examples)
    y_train = np.array([int(e.biased) for e in train])
    y_test = [int(e.biased) for e in test]
    texts = [e.text for e in test]
    lexicons = tf.read_lexicons(data)
    systems: dict[str, dict[str, Any]] = {}

    babe = lexicons["babe"]
    systems["lexicon (any BABE word)"] = scores(
        y_test, [int(bool(lexicon_hits(tokens(t), babe))) for t in texts]
    )

    lexicon_model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    lexicon_model.fit(tf.lexicon_matrix([e.text for e in train], lexicons), y_train)
    systems["lexicon (LR)"] = scores(y_test, list(lexicon_model.predict(tf.lexicon_matrix(texts, lexicons))))

    folds = StratifiedKFold(5, shuffle=True, random_state=tf.SEED)
    search = GridSearchCV(
        LogisticRegression(max_iter=5000), {"C": [0.3, 1.0, 3.0]}, scoring="f1_macro", cv=folds
    )
    search.fit(tf.embed([e.text for e in train]), y_train)
    baseline = search.best_estimator_

    embedder = MiniLMEmbedder()
    embedder.embed(["warm-up sentence."])
    results: list[Any] = []

    def run_baseline() -> None:
        embedder._cache.clear()
        results[:] = list(baseline.predict(embedder.embed(texts)))

    speed_baseline = timed(run_baseline, repeats, len(texts))
    systems["MiniLM + LR"] = {**scores(y_test, results), "C": search.best_params_["C"], **speed_baseline}

    def run_parallax() -> None:
        embedder._cache.clear()
        results[:] = score_sentences(texts, embedder)

    speed = timed(run_parallax, repeats, len(texts))
    systems["parallax"] = {
        **scores(y_test, [int(r.biased) for r in results]),
        **speed,
        "words": word_scores(test, [r.words for r in results]),
    }
    return {
        "machine": machine(),
        "data": "BABE final_labels_SG2.csv, held-out split src/parallax/data/framing_split.json",
        "n_train": len(train),
        "n_test": len(test),
        "targets": {"macro_f1": TARGET_F1, "sentences_per_s": TARGET_RATE},
        "repeats": repeats,
        "systems": systems,
    }


def render_markdown(payload: dict[str, Any]) -> str:
    info = payload["machine"]
    lines = [
        "# Framing: loaded language on BABE",
        "",
        f"{info['date'][:10]}, {info['cpu_count']} CPUs, {info['platform']}, "
        f"Python {info['python']}. "
        f"Held out: {payload['n_test']} sentences of BABE SG2 (trained on {payload['n_train']}). "
        f"Targets: macro-F1 ≥ {payload['targets']['macro_f1']}, "
        f"≥ {payload['targets']['sentences_per_s']:.0f} sentences/s embedding included.",
        "",
        "| system | macro-F1 | accuracy | biased P / R | neutral P / R | sentences/s |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in payload["systems"].items():
        rate = f"{r['sentences_per_s']:.0f}" if "sentences_per_s" in r else "–"
        lines.append(
            f"| {name} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | {r['biased']['precision']:.3f} / "
            f"{r['biased']['recall']:.3f} | {r['neutral']['precision']:.3f} / "
            f"{r['neutral']['recall']:.3f} | {rate} |"
        )
    words = payload["systems"]["parallax"]["words"]
    lines += [
        "",
        f"Words returned by parallax on held-out biased sentences, against the annotators' biased words "
        f"(token level): precision {words['precision']:.3f}, recall {words['recall']:.3f}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--repeats", type=int, default=1, help="timed runs of each system (median)")
    args = parser.parse_args(argv)
    if not (args.data / "babe" / "final_labels_SG2.csv").exists():
        print(
            f"data not found: {args.data / 'babe'} (pass --data PATH); nothing measured, no results written"
        )
        return 0
    if not tf.SPLIT_PATH.exists():
        print(f"no held-out split at {tf.SPLIT_PATH}: run training/train_framing.py first")
        return 0
    from parallax.framing import ModelMissing, framing_model

    try:
        framing_model()
    except ModelMissing as exc:
        print(exc)
        return 1
    payload = evaluate(args.data, args.repeats)
    text = render_markdown(payload)
    print(text)
    write_results("framing", payload, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
