"""Fit the attribution cue scorer (``parallax.annotate.cue_scorer``) on PolNeAR's train split.

Candidates are the ones ``training/learn_cues.py`` counts: every verb, noun or adjective outside quote
marks and outside a speech verb's reported clause, with each complement it governs (see
``complement_relations``). A candidate is positive when an annotated cue holds the word and that
attribution's content holds the complement's head. Features are ``cue_features`` plus the cue lexicon's
precision of the (lemma, relation) pair; so that the model learns how far to trust that precision on
pairs it has not been counted on, each article's precision comes from a lexicon counted on the other
folds (at run time the lexicon is counted on all of train). The L2 strength is chosen by article-grouped
cross-validation on train (log loss); the extraction threshold is passed in (``--threshold``), chosen on
train end to end with the fold models (``--folds-out``). Only the train split is read.

    .venv/bin/python training/train_cue_scorer.py [--data ../shared/data/polnear] [--threshold 0.25]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

from learn_cues import SHRINK, _candidates, count  # noqa: E402
from quotes import DEFAULT_CACHE, DEFAULT_DATA, Attribution, parsed, read_split  # noqa: E402

OUTPUT = ROOT / "src" / "parallax" / "data" / "cue_scorer.tsv"
FOLDS = 5
MIN_SEEN = 4  # as learn_cues.py: rarer pairs are left out of the lexicon
PRUNE = 0.1  # smaller weights bloat the file: pruning them moved train F1 by < 0.001 (fold models)


def lexicon_of(docs: list[Any], golds: list[list[Attribution]]) -> dict[tuple[str, str], float]:
    """The cue lexicon as ``learn_cues.py`` writes it, counted on these articles only."""
    seen, hits = count(docs, golds)
    return {key: hits[key] / (n + SHRINK) for key, n in seen.items() if n >= MIN_SEEN and hits[key]}


def candidates(doc: Any, gold: list[Attribution]) -> list[tuple[Any, str, Any, str, bool, int]]:
    """(token, relation, complement, lemma, listed, label) for each candidate of one article."""
    from parallax.annotate.quotes import _is_cue, complement_relations, cue_lemma

    positive: set[tuple[int, int]] = set()  # (cue token, content token)
    for attribution in gold:
        if attribution.cue is None:
            continue
        cue = [t.i for t in doc if any(s <= t.idx < e for s, e in attribution.cue.fragments)]
        content = [t.i for t in doc if any(s <= t.idx < e for s, e in attribution.content.fragments)]
        positive |= {(c, i) for c in cue for i in content}
    rows = []
    for tok in _candidates(doc):
        relations = complement_relations(tok)
        if not relations:
            continue
        lemma, listed = cue_lemma(tok), _is_cue(tok, weak_ok=False)
        for relation, child in relations:
            rows.append((tok, relation, child, lemma, listed, int((tok.i, child.i) in positive)))
    return rows


def featurize(
    rows: list[tuple[Any, str, Any, str, bool, int]], lexicon: dict[tuple[str, str], float]
) -> list[dict[str, float]]:
    from parallax.annotate.cue_scorer import cue_features

    out = []
    for tok, relation, child, lemma, listed, _ in rows:
        features: dict[str, float] = dict.fromkeys(cue_features(tok, relation, child, lemma, listed), 1.0)
        share = lexicon.get((lemma, relation))
        if share is None:
            features["unseen"] = 1.0
        else:
            features["precision"] = share
        out.append(features)
    return out


def fit(features: list[dict[str, float]], labels: list[int], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear takes 32-bit only
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}, float(model.intercept_[0])


def probabilities(features: list[dict[str, float]], weights: dict[str, float], bias: float) -> list[float]:
    import math

    out = []
    for f in features:
        z = bias + sum(weights.get(k, 0.0) * v for k, v in f.items())
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="the benchmark's parse cache")
    parser.add_argument("--c", type=float, nargs="+", default=[0.03, 0.1, 0.3, 1.0], help="L2: C to try")
    parser.add_argument("--threshold", type=float, default=0.25, help="probability at which a cue reports")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--features", type=Path, help="a pickle of the featurized split: read if present")
    parser.add_argument("--folds-out", type=Path, help="pickle the fold models (for threshold tuning)")
    args = parser.parse_args()
    if not (args.data / "train").is_dir():
        print(f"PolNeAR train split not found under {args.data}; nothing learned")
        return 1
    import math

    from parallax.annotate.cue_scorer import CueScorer

    samples = read_split(args.data, "train", None)
    fold_of = [i % FOLDS for i in range(len(samples))]
    if args.features is not None and args.features.exists():
        feats, labels, lexicons = pickle.loads(args.features.read_bytes())
    else:
        docs, _, _ = parsed([s.text for s in samples], args.cache)
        golds = [list(s.gold) for s in samples]
        rows = [candidates(doc, gold) for doc, gold in zip(docs, golds, strict=True)]
        labels = [[r[-1] for r in rs] for rs in rows]
        # Out-of-fold lexicons: each article's precision feature comes from the other folds' counts.
        lexicons = []
        for k in range(FOLDS):
            keep = [i for i in range(len(samples)) if fold_of[i] != k]
            lexicons.append(lexicon_of([docs[i] for i in keep], [golds[i] for i in keep]))
        feats = [featurize(r, lexicons[fold_of[i]]) for i, r in enumerate(rows)]
        if args.features is not None:
            args.features.write_bytes(pickle.dumps((feats, labels, lexicons)))
    print(f"{sum(map(len, labels))} candidates, {sum(map(sum, labels))} positive", flush=True)

    best: tuple[float, float] | None = None
    fold_models: dict[float, list[tuple[dict[str, float], float]]] = {}
    for c in args.c:
        loss, n, tally = 0.0, 0, Counter[str]()
        fold_models[c] = []
        for k in range(FOLDS):
            train = [i for i in range(len(samples)) if fold_of[i] != k]
            x = [f for i in train for f in feats[i]]
            y = [y_ for i in train for y_ in labels[i]]
            weights, bias = fit(x, y, c)
            fold_models[c].append((weights, bias))
            held = [i for i in range(len(samples)) if fold_of[i] == k]
            ps = probabilities([f for i in held for f in feats[i]], weights, bias)
            ys = [y_ for i in held for y_ in labels[i]]
            for p, y_ in zip(ps, ys, strict=True):
                loss -= math.log(max(1e-9, p if y_ else 1 - p))
                n += 1
                hit = p >= args.threshold
                tally["tp"] += hit and y_ == 1
                tally["fp"] += hit and y_ == 0
                tally["fn"] += (not hit) and y_ == 1
        f1 = 2 * tally["tp"] / (2 * tally["tp"] + tally["fp"] + tally["fn"])
        print(f"C={c}: cross-validated log loss {loss / n:.4f}, candidate F1 at {args.threshold}: {f1:.3f}")
        if best is None or loss / n < best[1]:
            best = (c, loss / n)
    assert best is not None
    c = best[0]
    print(f"chosen C={c}")
    if args.folds_out is not None:
        scorers = [CueScorer(w, b, args.threshold, lexicons[k]) for k, (w, b) in enumerate(fold_models[c])]
        args.folds_out.write_bytes(pickle.dumps({"fold_of": fold_of, "scorers": scorers}))

    weights, bias = fit([f for fs in feats for f in fs], [y_ for ys in labels for y_ in ys], c)
    kept = sorted(((k, w) for k, w in weights.items() if abs(w) >= PRUNE), key=lambda kw: -abs(kw[1]))
    lines = [
        "# Attribution cue scorer: logistic regression weights, learned by training/train_cue_scorer.py "
        f"on PolNeAR train (C={c}, {len(kept)} of {len(weights)} weights kept, |w| >= {PRUNE})",
        f"#\tbias\t{bias:.4f}",
        f"#\tthreshold\t{args.threshold}",
    ]
    lines += [f"{k}\t{w:.4f}" for k, w in kept]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} weights to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
