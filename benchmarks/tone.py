"""Tone toward a person on NewsMTSC devtest_mt: the Parallax tone model beside two baselines.

Test set: NewsMTSC's ``devtest_mt.jsonl`` (sentences with at least two target mentions), which
``training/train_tone.py`` never reads. Systems, all scored in one run:

- ``majority class``: every target gets the most frequent polarity of ``train.jsonl``;
- ``MiniLM + LR (target ignored)``: logistic regression (balanced class weights) over the plain MiniLM
  sentence embedding, fitted on ``train.jsonl``, C chosen by 5-fold CV grouped by sentence; every target
  of a sentence gets the same answer;
- ``parallax``: ``parallax.tone.tone_toward`` with the shipped weights.

The metric is NewsMTSC's F1m (macro-F1 over negative, neutral, positive); the paper's best model
(RoBERTa, fine-tuned) reaches 83.1 on devtest_mt. Speed: targets per second for ``parallax``, embedding
included (a fresh embedder cache), the median of ``--repeats`` runs. Results go to
``benchmarks/results/tone.{json,md}``.

    .venv/bin/python benchmarks/tone.py
    .venv/bin/python benchmarks/tone.py --repeats 3 --data PATH/shared/data
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
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench_common import machine, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
PAPER_F1M = 0.831  # NewsMTSC paper, RoBERTa on devtest_mt

sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))
import train_tone as tt  # noqa: E402

from parallax.tone import LABELS  # noqa: E402


def scores(y: Sequence[int], predicted: Sequence[int]) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    p, r, f, n = precision_recall_fscore_support(y, predicted, labels=[0, 1, 2], zero_division=0)
    per_class = {
        label: {
            "precision": round(float(p[i]), 4),
            "recall": round(float(r[i]), 4),
            "f1": round(float(f[i]), 4),
            "support": int(n[i]),
        }
        for i, label in enumerate(LABELS)
    }
    return {
        "macro_f1": round(float(f1_score(y, predicted, labels=[0, 1, 2], average="macro")), 4),
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
        **per_class,
    }


def timed(run: Callable[[], Any], repeats: int, n: int) -> dict[str, Any]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return {"seconds": [round(t, 3) for t in times], "targets_per_s": round(n / statistics.median(times), 1)}


def sentence_baseline(train: Sequence[tt.Example], test: Sequence[tt.Example]) -> tuple[list[int], float]:
    """LR over the plain sentence embedding (the target ignored): predictions and the chosen C."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, GroupKFold

    search = GridSearchCV(
        LogisticRegression(max_iter=3000, class_weight="balanced"),
        {"C": [0.3, 1.0, 3.0]},
        scoring="f1_macro",
        cv=GroupKFold(5),
    )
    search.fit(
        tt.embed([e.sentence for e in train]), [e.label for e in train], groups=[e.sentence for e in train]
    )
    predicted = search.best_estimator_.predict(tt.embed([e.sentence for e in test]))
    return [int(p) for p in predicted], float(search.best_params_["C"])


def evaluate(data: Path, repeats: int) -> dict[str, Any]:
    from parallax.embed import MiniLMEmbedder
    from parallax.tone import tone_toward

    train = tt.read_newsmtsc(data / "newsmtsc" / "train.jsonl")
    test = tt.read_newsmtsc(data / "newsmtsc" / "devtest_mt.jsonl")
    y = [e.label for e in test]
    systems: dict[str, dict[str, Any]] = {}

    majority = Counter(e.label for e in train).most_common(1)[0][0]
    systems["majority class"] = {**scores(y, [majority] * len(y)), "class": LABELS[majority]}

    predicted, c = sentence_baseline(train, test)
    systems["MiniLM + LR (target ignored)"] = {**scores(y, predicted), "C": c}

    embedder = MiniLMEmbedder()
    embedder.embed(["warm-up sentence."])
    items = [(e.sentence, e.start, e.end) for e in test]
    results: list[Any] = []

    def run_parallax() -> None:
        embedder._cache.clear()
        results[:] = tone_toward(items, embedder)

    speed = timed(run_parallax, repeats, len(items))
    systems["parallax"] = {**scores(y, [LABELS.index(t.polarity) for t in results]), **speed}
    return {
        "machine": machine(),
        "data": "NewsMTSC devtest_mt.jsonl (test), train.jsonl (fitting the baselines)",
        "n_train": len(train),
        "n_test": len(test),
        "n_test_sentences": len(
            (data / "newsmtsc" / "devtest_mt.jsonl").read_text(encoding="utf-8").splitlines()
        ),
        "paper_f1m_roberta": PAPER_F1M,
        "repeats": repeats,
        "systems": systems,
    }


def render_markdown(payload: dict[str, Any]) -> str:
    info = payload["machine"]
    lines = [
        "# Tone toward a person: NewsMTSC devtest_mt",
        "",
        f"{info['date'][:10]}, {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}. "
        f"Test: {payload['n_test']} targets in {payload['n_test_sentences']} sentences of devtest_mt "
        f"(trained on {payload['n_train']} targets of train.jsonl). F1m is macro-F1 over the three classes; "
        f"the NewsMTSC paper's fine-tuned RoBERTa reaches {payload['paper_f1m_roberta']:.3f}.",
        "",
        "| system | F1m | accuracy | negative P / R | neutral P / R | positive P / R | targets/s |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in payload["systems"].items():
        rate = f"{r['targets_per_s']:.0f}" if "targets_per_s" in r else "–"
        cells = [f"{r[c]['precision']:.3f} / {r[c]['recall']:.3f}" for c in LABELS]
        lines.append(f"| {name} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | {' | '.join(cells)} | {rate} |")
    lines += [
        "",
        "targets/s: `tone_toward` over all test targets, MiniLM embedding included (two texts per target), "
        f"median of {payload['repeats']} run(s).",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--repeats", type=int, default=1, help="timed runs of parallax (median)")
    args = parser.parse_args(argv)
    if not (args.data / "newsmtsc" / "devtest_mt.jsonl").exists():
        print(
            f"data not found: {args.data / 'newsmtsc'} (pass --data PATH); "
            "nothing measured, no results written"
        )
        return 0
    payload = evaluate(args.data, args.repeats)
    text = render_markdown(payload)
    print(text)
    write_results("tone", payload, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
