"""A small learned ranker of what one outlet chose to include (issue 5), measured on BASIL; not shipped.

    .venv/bin/python training/facts_ranker.py          # leave-one-event-out CV on the tuning half
    .venv/bin/python training/facts_ranker.py --test   # then the chosen model, once, on the test half

The question: can a logistic regression over the candidates of `unique` findings, with features compare
already computes, choose them better than compare/facts.py's hand rules (distinctiveness ≥ 0.85 or
nothing close elsewhere, every outlet-only quotation)? It could not: out of fold it traces the rules'
own share-recall curve, and the point chosen on the tuning half met the lift target on the test half but
not the recall one (docs/benchmarks.md, issue 5). So nothing here is written into the package.

Data: BASIL (``../shared/data/basil``; research use only, so no weights trained on it are committed),
the tuning half (even event index, as in ``benchmarks/facts.py``). Each event's three articles are
compared as one story, as the benchmark does; the candidates are the claims that pass every test of a
`unique` claim but distinctiveness (``_claim_candidates(…, gated=False)`` in compare/facts.py: the rules'
claims and the near-misses), then the outlet-only quotations, with the FEATURES below. The label of a
candidate is the share of its characters inside the article's `bias: inf` spans; the logistic
regression fits it with each candidate weighted by its length in characters (a row per class, weights
``y`` and ``1 − y``), so its score estimates the density of annotated text, which is what lift measures.

Model choice: leave-one-event-out cross-validation over the tuning events. For every C in ``CS`` the
out-of-fold scores of all tuning candidates give, at each threshold, the benchmark's own figures over the
tuning half (marked text = kept candidates plus the passages about another event, which are not ranked):
share, recall (characters) and lift. The chosen point is the best out-of-fold lift among points whose
recall is at least TARGET_RECALL (issue 5's target); for the record, the best point at the hand rules'
own recall is printed too. ``--test`` fits that C on every tuning event and scores the test half with
that threshold, beside the hand rules on the same stories.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.annotate.quote_marks import quotation_spans
from parallax.compare.facts import (
    DISTINCT_ABOVE,
    UNMATCHED_BELOW,
    WORD,
    _claim_candidates,
    _content_lemmas,
    _heard,
    _in_other_event,
    _speaker_quote,
    _voiced_elsewhere,
    background_reason,
    distinctiveness,
    outlet_only_quotes,
    unheard_speech,
)
from parallax.model import Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


# What the ranker reads of each candidate; claims first, then quotations.
FEATURES = (
    "claim",  # a claim, not an outlet-only quotation
    "claim_voice",  # a claim holding reported speech of a voice no other outlet quotes or names
    "quote_unheard",  # a quotation of a voice no other outlet quotes or names
    "quote_part",  # words of a shared quotation that the other outlets quote without them
    "rule",  # the hand rule would mark it (distinctive or unmatched; every outlet-only quotation)
    "best_cosine",  # of the claim (or the claim holding the quotation) to any other outlet's claim
    "own_words",  # share of its content words that no other outlet's article uses
    "new_name",  # it names something (a name, a figure) whose words no other outlet's article has
    "position",  # where it starts in its article, 0 to 1
    "log_words",
    "background",  # it reads as background (past perfect, an earlier time, a background cue)
    "quoted_share",  # share of it inside quotation marks
)


def fact_candidates(facts: Any) -> tuple[list[Span], np.ndarray, np.ndarray]:
    """Every candidate of the learned ranker (claims past every test but distinctiveness, then the
    outlet-only quotations), its FEATURES row, and whether the hand rules keep it: what is ranked."""
    claims = facts.claims
    if not claims or len(set(facts.outlet_of.values())) < 2:
        return [], np.zeros((0, len(FEATURES))), np.zeros(0, bool)
    scores = distinctiveness(facts)
    best = facts.alignment.similarity.max(axis=1)
    own_quotes = [
        (span, part) for span, part in outlet_only_quotes(facts) if not _in_other_event(span, facts)
    ]
    candidates = _claim_candidates(facts, own_quotes, scores, best, gated=False)
    voices = {i: q.speaker_name or "" for q, held in unheard_speech(facts) for i in held}
    features = candidate_features(facts, candidates, own_quotes, scores, voices)
    spans = [Span(claims[i].article, claims[i].start, claims[i].end) for i in candidates]
    spans += [span for span, _ in own_quotes]
    rule = [bool(scores[i] >= DISTINCT_ABOVE or best[i] < UNMATCHED_BELOW) for i in candidates]
    return spans, features, np.array(rule + [True] * len(own_quotes), bool)


def candidate_features(
    facts: Any,
    chosen: Sequence[int],
    own_quotes: Sequence[tuple[Span, bool]],
    scores: np.ndarray,
    voices: dict[int, str],
) -> np.ndarray:
    """The FEATURES rows of these candidate claims, then of these outlet-only quotations."""
    claims = facts.claims
    best = facts.alignment.similarity.max(axis=1)
    lemmas = {a: _content_lemmas(doc) for a, doc in facts.docs.items()}
    used: dict[str, set[str]] = {}
    for article, found in lemmas.items():
        used.setdefault(facts.outlet_of[article], set()).update(found)
    elsewhere = {o: set().union(*(w for other, w in used.items() if other != o)) for o in used}
    heard = _heard(facts)
    written = {
        o: set().union(*(w for other, w in heard.words_of.items() if other != o)) for o in heard.words_of
    }
    regions = {a: [Span(a, s, e) for s, e in quotation_spans(body)] for a, body in facts.bodies.items()}

    def described(span: Span, holding: Sequence[int]) -> list[float]:
        words = facts.docs[span.article].char_span(span.start, span.end, "expand")
        outlet = facts.outlet_of[span.article]
        found = _content_lemmas(words)
        own = sum(w not in elsewhere[outlet] for w in found) / len(found) if found else 0.0
        new_name = words is not None and any(
            (t.ent_type_ or (t.like_num and any(ch.isdigit() for ch in t.text)))
            and t.text not in written[outlet]
            and not t.is_punct
            for t in words
        )
        cosine = max((float(best[i]) for i in holding), default=0.0)
        length = max(1, len(WORD.findall(facts.bodies[span.article][span.start : span.end])))
        quoted = sum(r.overlap(span) for r in regions[span.article]) / max(1, span.end - span.start)
        position = span.start / max(1, len(facts.bodies[span.article]))
        return [cosine, own, float(new_name), position, float(np.log(length)), min(1.0, quoted)]

    rows = []
    for i in chosen:
        claim = claims[i]
        span = Span(claim.article, claim.start, claim.end)
        rule = scores[i] >= DISTINCT_ABOVE or best[i] < UNMATCHED_BELOW
        cosine, own, new_name, position, length, quoted = described(span, [i])
        background = bool(background_reason(claim, facts))
        rows.append([1.0, float(i in voices), 0.0, 0.0, float(rule), cosine, own, new_name, position, length,
                     float(background), quoted])  # fmt: skip
    for quote, part in own_quotes:
        holding = [i for i, c in enumerate(claims) if c.article == quote.article and quote.overlap(c)]
        attributed = _speaker_quote(quote, facts.quotes)
        unheard = not part and attributed is not None and not _voiced_elsewhere(attributed, facts, heard)
        cosine, own, new_name, position, length, quoted = described(quote, holding)
        rows.append([0.0, 0.0, float(unheard), float(part), 1.0, cosine, own, new_name, position, length,
                     0.0, quoted])  # fmt: skip
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


TARGET_RECALL = 0.5
CS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(0.02 + 0.0025 * k, 4) for k in range(113))  # 0.02 … 0.30


@dataclass
class Story:
    """One event's candidates, what the benchmark needs to score a choice of them, and their labels."""

    event: Any  # benchmarks/facts.py Event
    ids: list[str]  # parallax article ids, in the order of event.articles
    spans: list[Any]  # candidate spans
    features: np.ndarray
    rule: np.ndarray  # the hand rules keep it
    fixed: dict[str, list[tuple[int, int]]]  # always marked: passages about another event
    label: np.ndarray  # share of the candidate's characters in `bias: inf` spans
    weight: np.ndarray  # its characters


def bench_module() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_facts", ROOT / "benchmarks" / "facts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def collect(bench: Any, events: Sequence[Any], cache: Path | None) -> list[Story]:
    from parallax.compare import story as story_module
    from parallax.embed import default_embedder

    embedder = default_embedder()
    captured: list[Any] = []
    original = story_module.fact_findings

    def capture(facts: Any) -> Any:
        captured.append(facts)
        return original(facts)

    story_module.fact_findings = capture  # type: ignore[assignment]
    stories = []
    try:
        for event in events:
            articles = bench.to_articles(event)
            prepared = bench.prepare(articles, embedder, cache)
            embedder._cache.clear()
            captured.clear()
            bench.compare_one_story(prepared, embedder)
            facts = captured[0]
            spans, features, rule = fact_candidates(facts)
            by_id = {a.id: basil for a, basil in zip(articles, event.articles, strict=True)}
            fixed: dict[str, list[tuple[int, int]]] = {}
            for passage in facts.other_events:
                fixed.setdefault(passage.article, []).append((passage.start, passage.end))
            labels, weights = [], []
            for span in spans:
                basil = by_id[span.article]
                inf = np.zeros(len(basil.body), bool)
                for start, end in basil.inf:
                    inf[start:end] = True
                inside = np.zeros(len(basil.body), bool)
                for start, end in basil.sentences:
                    inside[start:end] = True
                chars = inside[span.start : span.end]
                n = int(chars.sum())
                labels.append(float(inf[span.start : span.end][chars].sum()) / n if n else 0.0)
                weights.append(float(n))
            stories.append(
                Story(
                    event,
                    [a.id for a in articles],
                    spans,
                    features,
                    rule,
                    fixed,
                    np.array(labels),
                    np.array(weights),
                )
            )
            print(f"{event.index:3d} {len(spans)} candidates", file=sys.stderr)
    finally:
        story_module.fact_findings = original  # type: ignore[assignment]
    return stories


def figures(bench: Any, stories: Sequence[Story], keeps: Sequence[np.ndarray]) -> dict[str, Any]:
    """The benchmark's share / recall / lift over these stories, each keeping these candidates."""
    tally = bench.Tally()
    for story, keep in zip(stories, keeps, strict=True):
        marks: dict[str, list[tuple[int, int]]] = {a: list(s) for a, s in story.fixed.items()}
        for span, kept in zip(story.spans, keep, strict=True):
            if kept:
                marks.setdefault(span.article, []).append((span.start, span.end))
        for basil, article in zip(story.event.articles, story.ids, strict=True):
            tally.add(basil, marks.get(article, []))
    summary: dict[str, Any] = tally.summary()
    return summary


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    rows = np.vstack([z, z])
    target = np.r_[np.ones(len(z)), np.zeros(len(z))]
    weight = np.r_[w * y, w * (1 - y)]
    model = LogisticRegression(C=c, max_iter=2000).fit(rows, target, sample_weight=weight / weight.mean())
    return scaler, model


def predict(fitted: Any, x: np.ndarray) -> np.ndarray:
    scaler, model = fitted
    if not len(x):
        return np.zeros(0)
    return np.asarray(model.predict_proba(scaler.transform(x))[:, 1])


def out_of_fold(stories: Sequence[Story], c: float) -> list[np.ndarray]:
    """Each story's candidates scored by a model fitted on the other stories (leave one event out)."""
    scores = []
    for k, story in enumerate(stories):
        rest = [s for j, s in enumerate(stories) if j != k]
        fitted = fit(
            np.vstack([s.features for s in rest]),
            np.concatenate([s.label for s in rest]),
            np.concatenate([s.weight for s in rest]),
            c,
        )
        scores.append(predict(fitted, story.features))
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax-bench-facts"))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--test", action="store_true", help="then score the chosen model on the test half")
    args = parser.parse_args(argv)
    bench = bench_module()
    path = args.data / "basil" / "basil-2010-2014.jsonl"
    if not path.exists():
        print(f"BASIL not found under {args.data}; nothing measured", file=sys.stderr)
        return 1
    cache = None if args.no_cache else args.cache
    events = bench.load_events(path)
    stories = collect(bench, [e for e in events if e.half == "tune"], cache)
    rules = figures(bench, stories, [s.rule for s in stories])
    print(f"hand rules, tuning half: {_line(rules)}")
    every = figures(bench, stories, [np.ones_like(s.rule) for s in stories])
    print(f"every candidate, tuning half: {_line(every)}")
    chosen: tuple[float, float, dict[str, Any]] | None = None
    for c in CS:
        scores = out_of_fold(stories, c)
        best_here: tuple[float, float, dict[str, Any]] | None = None
        at_rules: tuple[float, dict[str, Any]] | None = None  # for the record: at the rules' recall
        for t in THRESHOLDS:
            found = figures(bench, stories, [s >= t for s in scores])
            if found["recall_chars"] >= TARGET_RECALL and (
                best_here is None or found["lift"] > best_here[2]["lift"]
            ):
                best_here = (c, t, found)
            if found["recall_chars"] >= rules["recall_chars"] and (
                at_rules is None or found["lift"] > at_rules[1]["lift"]
            ):
                at_rules = (t, found)
        print(f"C {c}:")
        if at_rules is not None:
            print(f"  best out-of-fold lift at recall ≥ the rules' {rules['recall_chars']:.3f}: "
                  f"t {at_rules[0]:.4f} {_line(at_rules[1])}")  # fmt: skip
        if best_here is not None:
            where = f"t {best_here[1]:.4f} {_line(best_here[2])}"
            print(f"  best out-of-fold lift at recall ≥ {TARGET_RECALL}: {where}")
            if chosen is None or best_here[2]["lift"] > chosen[2]["lift"]:
                chosen = best_here
    if chosen is None:
        print(f"no point reaches recall {TARGET_RECALL} out of fold")
        return 1
    c, t, found = chosen
    print(f"chosen: C {c}, threshold {t:.4f}; out of fold on the tuning half: {_line(found)}")
    fitted = fit(
        np.vstack([s.features for s in stories]),
        np.concatenate([s.label for s in stories]),
        np.concatenate([s.weight for s in stories]),
        c,
    )
    weights = zip(FEATURES, fitted[1].coef_[0], strict=True)
    print("weights (standardised features): " + ", ".join(f"{n} {w:+.2f}" for n, w in weights))
    if args.test:
        held = collect(bench, [e for e in events if e.half == "test"], cache)
        print(f"test half, hand rules: {_line(figures(bench, held, [s.rule for s in held]))}")
        kept = [predict(fitted, s.features) >= t for s in held]
        print(f"test half, the ranker: {_line(figures(bench, held, kept))}")
    return 0


def _line(found: dict[str, Any]) -> str:
    return f"share {found['share']:.3f} recall {found['recall_chars']:.3f} lift {found['lift']:.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
