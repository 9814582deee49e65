"""Fit the source extent chooser (``parallax.annotate.source_chooser``) on PolNeAR's train split.

For each quote the extractor finds with a cue subject, the candidates are the extents of that subject's
phrase (``_source_candidates``). The quote's gold attribution is the train attribution whose content
shares the most letters with the quote's; a quote whose gold source equals one candidate (after trimming
what is not a letter or digit, as the benchmark's exact match does) is a training group, that candidate
its answer. The model is a conditional logit (softmax over each group's candidates, L2-penalised),
fitted with L-BFGS; its weights go to ``src/parallax/data/source_chooser.tsv``.

Every fifth article (``i % 5 == 0``) is held out to choose the L2 strength (group accuracy) and to score
the extractor end to end against the rules' own extent; the shipped model is then refitted on all of
train. Only the train split is read.

    .venv/bin/python training/train_source_chooser.py [--data ../shared/data/polnear]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from quotes import (  # noqa: E402
    DEFAULT_CACHE,
    DEFAULT_DATA,
    Attribution,
    Extent,
    Sample,
    Scorer,
    TextIndex,
    entity_stage,
    exact_key,
    parallax_attributions,
    parsed,
    read_split,
    shared,
)

from parallax.annotate.source_chooser import NO_SOURCE_HEAD  # noqa: E402

OUTPUT = ROOT / "src" / "parallax" / "data" / "source_chooser.tsv"
HOLD_OUT = 5
PRUNE = 0.01  # smaller weights only bloat the file
MIN_COUNT = 2  # features seen in fewer training groups are dropped: they cannot generalise

# Weights under which the chooser picks what the rules alone did: the rules' subject, its rules' extent,
# no source when the rules found no subject. The baseline the learned weights are measured against.
RULES = {"h=rule": 2.0, "rule": 1.0, "h=none|s=False": 2.5}

Group = tuple[list[tuple[str, ...]], int]  # candidates' features, index of the right one


def gold_of(index: TextIndex, sample: Sample, start: int, end: int, cue: Any) -> Attribution | None:
    """The gold attribution a quote stands for: of those whose content overlaps the quote's, one whose cue
    overlaps its cue first (an outer "Devine said …" holds the inner "Sanders wants …"), then the one
    sharing the most letters."""
    content, cue_extent = Extent.of([(start, end)]), Extent.of([(cue.start, cue.end)])
    scored = []
    for g in sample.gold:
        overlap = shared(index, g.content, content)
        if overlap:
            same_cue = g.cue is not None and shared(index, g.cue, cue_extent) > 0
            scored.append(((same_cue, overlap), g))
    return max(scored, key=lambda x: x[0])[1] if scored else None


def groups_of(sample: Sample, doc: Any) -> tuple[list[Group], int]:
    """The training groups of one article, and how many quotes had a gold source no candidate matched."""
    from parallax.annotate import quotes as q

    mentions, names = entity_stage(sample.name, doc)
    ctx = q._make_ctx(doc, sample.name, mentions, names)
    index = TextIndex(sample.text)
    found, missed = [], 0
    for d in q._drafts(ctx):
        if d.cue is None or d.label is not None:
            continue
        best = gold_of(index, sample, d.start, d.end, q._cue_span(ctx, d.cue))
        if best is None:
            continue  # a quote PolNeAR does not have: nothing to say about its source
        cands = q._source_candidates(ctx, d)
        keys: list[tuple[int, int] | None] = []
        for c in cands:
            if c.head == NO_SOURCE_HEAD:
                keys.append(None)
                continue
            span = q._extent_span(ctx, c.first, c.last)
            keys.append(exact_key(sample.text, Extent.of([(span.start, span.end)])))
        gold = exact_key(sample.text, best.source) if best.source is not None else None
        right = [i for i, k in enumerate(keys) if k == gold]
        if not right:
            missed += 1
            continue
        if len(cands) > 1:
            found.append(([c.features for c in cands], right[0]))
    return found, missed


def design(groups: list[Group], vocab: dict[str, int]) -> tuple[Any, np.ndarray, np.ndarray]:
    """The sparse candidate-by-feature matrix, each group's first row and its answer's row."""
    from scipy.sparse import csr_matrix

    rows, cols, starts, answers = [], [], [], []
    n = 0
    for features, right in groups:
        starts.append(n)
        answers.append(n + right)
        for f in features:
            for name in f:
                if name in vocab:
                    rows.append(n)
                    cols.append(vocab[name])
            n += 1
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    x.sum_duplicates()
    return x, np.array(starts), np.array(answers)


def fit(groups: list[Group], vocab: dict[str, int], l2: float) -> np.ndarray:
    """Conditional logit weights: minimise each group's negative log-softmax of its answer + l2·|w|²."""
    from scipy.optimize import minimize

    x, starts, answers = design(groups, vocab)
    xt = x.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        sizes = np.diff(np.append(starts, len(s)))
        e = np.exp(s - np.repeat(top, sizes))
        z = np.add.reduceat(e, starts)
        p = e / np.repeat(z, sizes)
        value = float(-(s[answers] - top - np.log(z)).sum() + l2 * w @ w)
        residual = p.copy()
        residual[answers] -= 1.0
        return value, xt @ residual + 2 * l2 * w

    result = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return np.asarray(result.x)


def accuracy(groups: list[Group], weights: dict[str, float]) -> float:
    hits = 0
    for features, right in groups:
        scores = [sum(weights.get(f, 0.0) for f in fs) for fs in features]
        hits += int(np.argmax(scores)) == right
    return hits / max(1, len(groups))


def vocabulary(groups: list[Group]) -> dict[str, int]:
    from collections import Counter

    seen: Counter[str] = Counter()
    for features, _ in groups:
        seen.update({f for fs in features for f in fs})
    return {f: i for i, f in enumerate(sorted(k for k, n in seen.items() if n >= MIN_COUNT))}


def end_to_end(samples: list[Sample], docs: list[Any], weights: dict[str, float]) -> dict[str, float]:
    """Source, cue and attribution F1 of the extractor with these weights, on these articles."""
    from parallax.annotate import quotes as q
    from parallax.annotate.source_chooser import SourceChooser

    chooser = SourceChooser(weights)
    saved = q.source_chooser
    q.source_chooser = lambda: chooser  # type: ignore[assignment]
    try:
        scorer = Scorer()
        for sample, doc in zip(samples, docs, strict=True):
            mentions, names = entity_stage(sample.name, doc)
            pred = parallax_attributions(q.extract_quotes(doc, sample.name, mentions, names))
            scorer.add(TextIndex(sample.text), sample.gold, pred)
    finally:
        q.source_chooser = saved  # type: ignore[assignment]
    metrics = scorer.summary()["metrics"]
    return {
        m: float(metrics[m]["all"]["f1"]) for m in ("source/exact", "source/overlap", "attribution/overlap")
    }


def write(path: Path, weights: dict[str, float], l2: float, n_groups: int) -> None:
    kept = sorted(
        ((k, w) for k, w in weights.items() if abs(w) >= PRUNE), key=lambda kw: (-abs(kw[1]), kw[0])
    )
    lines = [
        "# Source extent chooser: conditional logit weights, learned by training/train_source_chooser.py "
        f"on PolNeAR train ({n_groups} quotes, l2={l2}, {len(kept)} of {len(weights)} weights, "
        f"|w| >= {PRUNE})",
    ]
    lines += [f"{k}\t{w:.4f}" for k, w in kept]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} weights to {path}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="the benchmark's parse cache")
    parser.add_argument("--l2", type=float, nargs="+", default=[0.3, 1.0, 3.0], help="L2 strengths to try")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--no-end-to-end", action="store_true", help="skip the held-out extractor scores")
    args = parser.parse_args()
    if not (args.data / "train").is_dir():
        print(f"PolNeAR train split not found under {args.data}; nothing learned")
        return 1
    samples = read_split(args.data, "train", None)
    docs, _, _ = parsed([s.text for s in samples], args.cache)
    per_article = []
    missed = 0
    for sample, doc in zip(samples, docs, strict=True):
        found, lost = groups_of(sample, doc)
        per_article.append(found)
        missed += lost
    held = [i for i in range(len(samples)) if i % HOLD_OUT == 0]
    fit_on = [i for i in range(len(samples)) if i % HOLD_OUT != 0]
    train_groups = [g for i in fit_on for g in per_article[i]]
    held_groups = [g for i in held for g in per_article[i]]
    print(
        f"{len(train_groups)} + {len(held_groups)} held-out groups; {missed} quotes with no candidate right"
    )

    vocab = vocabulary(train_groups)
    names = sorted(vocab, key=vocab.__getitem__)
    rule_only = RULES
    print(f"rules' extent: held-out group accuracy {accuracy(held_groups, rule_only):.3f}")
    best: tuple[float, float] | None = None
    chosen: dict[str, float] = {}
    for l2 in args.l2:
        w = fit(train_groups, vocab, l2)
        weights = {n: float(v) for n, v in zip(names, w, strict=True)}
        acc = accuracy(held_groups, weights)
        print(f"l2={l2}: held-out group accuracy {acc:.3f}", flush=True)
        if best is None or acc > best[1]:
            best, chosen = (l2, acc), weights
    assert best is not None
    if not args.no_end_to_end:
        held_samples, held_docs = [samples[i] for i in held], [docs[i] for i in held]
        for label, weights in (("rules", rule_only), (f"chooser l2={best[0]}", chosen)):
            scores = end_to_end(held_samples, held_docs, weights)
            print(f"held-out extractor, {label}: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()))

    all_groups = train_groups + held_groups
    vocab = vocabulary(all_groups)
    names = sorted(vocab, key=vocab.__getitem__)
    w = fit(all_groups, vocab, best[0])
    write(args.output, {n: float(v) for n, v in zip(names, w, strict=True)}, best[0], len(all_groups))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
