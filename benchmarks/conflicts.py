"""Conflicts between outlets: parallax's `conflict` findings on a small hand-checked set of passage pairs.

`benchmarks/data/conflicts.jsonl` holds pairs of short passages (1-3 sentences) from real ECB+ and
Giveme5W1H articles about one event: real disagreements between outlets, minimally edited copies of a
real sentence that create a conflict of a known type (`synthetic: true`), and non-conflicts (real
paraphrases by two outlets, and edits that keep the meaning). See `benchmarks/data/README.md`.

For every pair, two Documents (outlet names, the source's publication date when it has one) go through
``parallax.pipeline.compare_documents``; the pair is predicted a conflict when the report holds any finding
of kind `conflict` (its `conflict_type` is recorded too). Scores: precision, recall and F1 overall, recall
per gold type and false alarms among non-conflicts, precision per predicted `conflict_type`, and the same
split by real vs synthetic pairs. Results: ``benchmarks/results/conflicts.{json,md}``.

Whole stories: the pairs are short passages, chosen for a conflict or a close paraphrase. A reader
compares whole articles, where every claim meets every other outlet's claims, so the benchmark also
compares each of BASIL's 50 events (three outlets, one story each, from ``../shared/data/basil``; parses
cached with ``benchmarks/facts.py``'s cache) and counts the conflicts flagged, by type. BASIL marks no
conflicts; each flag was judged by hand (is it a disagreement between the outlets?) and the verdicts are
kept in ``benchmarks/data/basil_conflict_labels.jsonl`` as event index, type, cited spans (BASIL article
id and offsets) and a one-line reason, never BASIL's text (research-only). A flag with no verdict is
counted as unchecked, so a rule change that flags something new shows up.

Whole articles: the default measurement compares two one-sentence passages, which story grouping often
splits; a reader compares whole articles. So each pair is also compared inside its two source articles
(full text from ``../shared/data/giveme5w1h/news_cluster.jsonl`` and
``../shared/data/ecbplus/ecbplus-topics-1-35.jsonl``, read at run time and never copied here; skipped with
a reason when absent) through the default ``compare_documents``, story grouping on. Each passage is
placed in its clean article: verbatim, else with quotes and spacing normalised, else sentence by sentence
(a passage may join two sentences the article has apart), else as the closest run of sentences (difflib
ratio ≥ 0.6); an "(edited)" passage is written over the article sentence closest to it first. A pair whose
two passages come from one article (one id in ``source``) cannot be two whole articles: it is counted as
skipped. The pair is predicted a conflict when a ``conflict`` finding cites a claim overlapping passage A
in article A and one overlapping passage B in article B. Reported: P/R/F1 per set, the pairs not placed
and why, the pairs whose articles fell into two stories, and every other conflict flagged on those article
pairs, listed for a reader to judge. An article pair met by several labelled pairs is compared once.
``--no-articles`` skips it (about 1.5-3 more minutes on 2 shared cores).

    .venv/bin/python benchmarks/conflicts.py
    .venv/bin/python benchmarks/conflicts.py --limit 5 --no-write --no-stories   # smoke run
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import difflib
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "benchmarks" / "data" / "conflicts.jsonl"
TARGET_PRECISION = 0.8
TARGET_RECALL = 0.8
TYPES = ("number", "date", "negation", "attribution", "name")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Pair:
    id: str
    source: str
    a_outlet: str
    a_text: str
    a_published: str | None
    b_outlet: str
    b_text: str
    b_published: str | None
    conflict: bool
    type: str
    synthetic: bool
    note: str
    batch: int = 1  # 1: the first set; 2: real pairs added later to test the rules on unseen text


def load_pairs(path: Path) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        a, b = row["a"], row["b"]
        pairs.append(
            Pair(
                row["id"],
                row["source"],
                a["outlet"],
                a["text"],
                a.get("published"),
                b["outlet"],
                b["text"],
                b.get("published"),
                bool(row["conflict"]),
                row["type"],
                bool(row["synthetic"]),
                row.get("note", ""),
                int(row.get("batch", 1)),
            )
        )
    return pairs


# ---------------------------------------------------------------- prediction


@dataclass(frozen=True)
class Outcome:
    """One pair: gold label and what parallax found."""

    id: str
    gold: bool
    type: str
    synthetic: bool
    predicted: bool
    predicted_types: tuple[str, ...]
    stories: int
    seconds: float
    summaries: tuple[str, ...] = ()
    one_story_types: tuple[str, ...] = ()  # what `compare --one-story` finds
    best_cosine: float = 0.0  # diagnostic: best cosine between a claim of A and a claim of B
    batch: int = 1


def documents_of(pair: Pair) -> list[Any]:
    from parallax.model import Document

    return [
        Document(
            f"{pair.id}#a", pair.a_text, outlet=pair.a_outlet, published=pair.a_published, language="en"
        ),
        Document(
            f"{pair.id}#b", pair.b_text, outlet=pair.b_outlet, published=pair.b_published, language="en"
        ),
    ]


def one_story(pair: Pair, embedder: Any) -> tuple[tuple[str, ...], float]:
    """The pair as ``parallax compare --one-story`` sees it: the two passages are one event.

    Returns the conflict types found and the best cosine between a claim of A and a claim of B (the
    number and date rules only look at claims aligned as the same fact, cosine ≥ ``SHARED_MUTUAL``).
    """
    import numpy as np
    from facts import prepare

    from parallax.pipeline import clean_all, compare_documents

    report = compare_documents(documents_of(pair), embedder, one_story=True)
    types = tuple(str(f.conflict_type) for s in report.stories for f in s.findings if f.kind == "conflict")
    articles, _, _ = clean_all(documents_of(pair))
    if len(articles) < 2:
        return types, 0.0
    prepared = prepare(list(articles), embedder, None)
    first, second = (prepared.vectors[a.id][: len(prepared.annotated.claims[a.id])] for a in articles[:2])
    best = float(np.max(first @ second.T)) if len(first) and len(second) else 0.0
    return types, round(best, 3)


def predict(pair: Pair, embedder: Any, diagnose: bool = True) -> Outcome:
    from parallax.pipeline import compare_documents

    started = time.perf_counter()
    report = compare_documents(documents_of(pair), embedder)
    seconds = time.perf_counter() - started
    conflicts = [f for story in report.stories for f in story.findings if f.kind == "conflict"]
    forced, best = one_story(pair, embedder) if diagnose else ((), 0.0)
    return Outcome(
        pair.id,
        pair.conflict,
        pair.type,
        pair.synthetic,
        bool(conflicts),
        tuple(str(f.conflict_type) for f in conflicts),
        len(report.stories),
        round(seconds, 3),
        tuple(f.text for f in conflicts),
        forced,
        best,
        pair.batch,
    )


# ---------------------------------------------------------------- scoring (unit-tested, no model)


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1; 0.0 where undefined."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def score(outcomes: Iterable[Outcome]) -> dict[str, Any]:
    """Pair-level P/R/F1 (a pair is positive when it holds any conflict finding), plus counts."""
    items = list(outcomes)
    tp = sum(o.gold and o.predicted for o in items)
    fp = sum(o.predicted and not o.gold for o in items)
    fn = sum(o.gold and not o.predicted for o in items)
    tn = sum(not o.gold and not o.predicted for o in items)
    typed = sum(o.gold and o.predicted and o.type in o.predicted_types for o in items)
    out = prf(tp, fp, fn)
    out.update({"tn": tn, "pairs": len(items), "tp_type_correct": typed})
    out["met"] = bool(out["precision"] >= TARGET_PRECISION and out["recall"] >= TARGET_RECALL)
    return out


def by_gold_type(outcomes: Iterable[Outcome]) -> dict[str, dict[str, Any]]:
    """Per gold type: pairs, detected (any conflict), detected with that type; for `none`, false alarms."""
    table: dict[str, dict[str, Any]] = {}
    for o in outcomes:
        row = table.setdefault(o.type, {"pairs": 0, "flagged": 0, "type_correct": 0})
        row["pairs"] += 1
        row["flagged"] += o.predicted
        row["type_correct"] += o.gold and o.type in o.predicted_types
    for kind, row in table.items():
        row["rate"] = round(row["flagged"] / row["pairs"], 3) if row["pairs"] else 0.0
        row["measure"] = "false-alarm rate" if kind == "none" else "recall"
    return table


def by_predicted_type(outcomes: Iterable[Outcome]) -> dict[str, dict[str, Any]]:
    """Per predicted `conflict_type`: pairs where it fires, of which gold conflicts, and precision."""
    table: dict[str, dict[str, Any]] = {}
    for o in outcomes:
        for kind in sorted(set(o.predicted_types)):
            row = table.setdefault(kind, {"pairs": 0, "on_conflicts": 0, "same_gold_type": 0})
            row["pairs"] += 1
            row["on_conflicts"] += o.gold
            row["same_gold_type"] += o.type == kind
    for row in table.values():
        row["precision"] = round(row["on_conflicts"] / row["pairs"], 3) if row["pairs"] else 0.0
    return table


def as_one_story(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The outcomes as the diagnostic saw them: pairs forced into one story."""
    return [
        replace(o, predicted=bool(o.one_story_types), predicted_types=o.one_story_types) for o in outcomes
    ]


def _fmt(x: float) -> str:
    return f"{x:.2f}"


# ---------------------------------------------------------------- the run


def run(pairs: Sequence[Pair]) -> list[Outcome]:
    from parallax.embed import default_embedder

    embedder = default_embedder()
    embedder.embed(["warm-up"])
    outcomes = []
    for k, pair in enumerate(pairs, 1):
        outcome = predict(pair, embedder)
        mark = "ok " if outcome.predicted == outcome.gold else "ERR"
        print(f"[{k}/{len(pairs)}] {mark} {pair.id}: gold={pair.conflict} pred={outcome.predicted_types}")
        outcomes.append(outcome)
    return outcomes


def markdown(pairs: Sequence[Pair], outcomes: Sequence[Outcome], payload: dict[str, Any]) -> str:
    by_id = {p.id: p for p in pairs}
    overall, real, synth = payload["overall"], payload["real"], payload["synthetic"]
    first, added = payload["real_first"], payload["real_added"]
    m = payload["machine"]
    lines = [
        "# Conflicts on a hand-checked set of passage pairs",
        "",
        f"`benchmarks/conflicts.py` on `benchmarks/data/conflicts.jsonl`: {len(pairs)} pairs of short "
        "passages from real ECB+ and Giveme5W1H articles about one event (see `benchmarks/data/README.md`). "
        "Each pair is two Documents through `parallax.pipeline.compare_documents`; a pair is predicted a "
        "conflict when the report holds any `conflict` finding. Targets: precision ≥ 0.8 and recall ≥ 0.8.",
        "",
        f"Machine: {m['cpu_count']} CPUs, {m['platform']}, Python {m['python']}, {m['date']}; 1-minute "
        f"load average {m.get('load_end', '?')} at the end (the machine may be shared: seconds are a guide).",
        "",
        "## Scores",
        "",
    ]
    rows = []
    splits = (
        ("all", overall),
        ("real pairs", real),
        ("– real, first set", first),
        ("– real, added (batch 2)", added),
        ("synthetic pairs", synth),
    )
    for name, s in splits:
        rows.append(
            [
                name,
                str(s["pairs"]),
                str(s["tp"] + s["fn"]),
                str(s["tp"]),
                str(s["fp"]),
                str(s["fn"]),
                _fmt(s["precision"]),
                _fmt(s["recall"]),
                _fmt(s["f1"]),
                str(s["tp_type_correct"]),
                "met" if s["met"] else "missed",
            ]
        )
    header = ["set", "pairs", "conflicts", "TP", "FP", "FN", "precision", "recall", "F1", "TP right type"]
    lines += markdown_table([*header, "target"], rows)
    lines += ["", "## By gold type", ""]
    rows = []
    for kind in (*TYPES, "none"):
        for split in ("real_first", "real_added", "synthetic"):
            row = payload["by_gold_type"][split].get(kind)
            if not row:
                continue
            rows.append(
                [
                    kind,
                    split.replace("_", ", "),
                    str(row["pairs"]),
                    str(row["flagged"]),
                    str(row["type_correct"]) if kind != "none" else "–",
                    f"{row['measure']} {_fmt(row['rate'])}",
                ]
            )
    lines += markdown_table(
        ["gold type", "split", "pairs", "flagged", "flagged with this type", "rate"], rows
    )
    lines += [
        "",
        "Parallax's conflict types are negation, number, date, attribution and name; a `name` conflict is "
        "one person whose family name two outlets spell apart, or two names given for one place in the "
        "story (see `src/parallax/compare/conflicts.py`).",
        "",
        "## By predicted `conflict_type`",
        "",
    ]
    rows = [
        [kind, str(r["pairs"]), str(r["on_conflicts"]), str(r["same_gold_type"]), _fmt(r["precision"])]
        for kind, r in sorted(payload["by_predicted_type"].items())
    ]
    lines += markdown_table(
        ["predicted type", "pairs", "on gold conflicts", "same gold type", "precision"], rows
    )
    diag = payload["one_story_diagnostic"]
    lines += [
        "",
        "## `parallax compare --one-story`: each pair compared as the one event it reports",
        "",
        "Every pair is, by construction, two reports of one event. Above, `compare` first groups the two "
        "passages into stories and seeks conflicts only inside a story, and one-sentence passages are "
        "often split (story grouping is measured on whole articles by `clustering.py`). Here each pair "
        "goes through `compare_documents(..., one_story=True)`, what `parallax compare --one-story` "
        "runs for a reader who knows the articles report one event: the conflict rules alone.",
        "",
    ]
    rows = [
        [
            name,
            _fmt(d["precision"]),
            _fmt(d["recall"]),
            _fmt(d["f1"]),
            str(d["tp"]),
            str(d["fp"]),
            str(d["fn"]),
        ]
        for name, d in (
            ("all", diag["overall"]),
            ("real", diag["real"]),
            ("real, first set", diag["real_first"]),
            ("real, added", diag["real_added"]),
            ("synthetic", diag["synthetic"]),
        )
    ]
    lines += markdown_table(["set", "precision", "recall", "F1", "TP", "FP", "FN"], rows)
    secs = sorted(o.seconds for o in outcomes)
    lines += [
        "",
        f"Seconds per pair (compare_documents, models loaded once): median {secs[len(secs) // 2]:.2f}, "
        f"max {secs[-1]:.2f}. Pairs split into two stories by the clustering: "
        f"{sum(o.stories > 1 for o in outcomes)}.",
        "",
    ]
    if "whole_articles" in payload:
        lines += whole_markdown(payload["whole_articles"])
    if "whole_stories" in payload:
        lines += story_markdown(payload["whole_stories"])
    for title, wanted in (("Misses (conflicts not found)", True), ("False alarms", False)):
        wrong = [o for o in outcomes if o.gold == wanted and o.predicted != o.gold]
        lines += [f"## {title}: {len(wrong)}", ""]
        for o in wrong:
            p = by_id[o.id]
            origin = "synthetic" if p.synthetic else ("real, added" if p.batch > 1 else "real")
            found = "; ".join(o.summaries) if o.summaries else ""
            lines += [
                f"- **{o.id}** ({p.type}, {origin}; {o.stories} stor{'y' if o.stories == 1 else 'ies'}"
                + (f"; found: {', '.join(o.predicted_types)}" if o.predicted_types else "")
                + ")",
                f"  - A ({p.a_outlet}): {p.a_text}",
                f"  - B ({p.b_outlet}): {p.b_text}",
                f"  - note: {p.note}" + (f" — parallax: {found}" if found else ""),
                f"  - best claim cosine A–B {o.best_cosine:.2f} (value rules need ≥ 0.68); as one story: "
                + (", ".join(o.one_story_types) or "no conflict"),
            ]
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- whole articles

SHARED = ROOT.parent / "shared" / "data"
SOURCES = {
    "giveme5w1h": SHARED / "giveme5w1h" / "news_cluster.jsonl",
    "ecbplus": SHARED / "ecbplus" / "ecbplus-topics-1-35.jsonl",
}
EDITED = " (edited)"
PLACED = ("exact", "normalised", "by sentence", "fuzzy")
FUZZY_MIN = 0.6  # a passage placed by its closest sentences must match them this well (difflib ratio)
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‘": "'", "’": "'", "‚": "'"})
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


@dataclass(frozen=True)
class Source:
    """One upstream article: its id, full text and publication date."""

    id: str
    text: str
    published: str | None


def load_sources(paths: dict[str, Path]) -> dict[str, dict[str, Source]]:
    """Per set, its articles by id; a set whose file is absent is left out."""
    sets: dict[str, dict[str, Source]] = {}
    for name, path in paths.items():
        if path.exists():
            rows = [
                json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
            sets[name] = {r["id"]: Source(r["id"], full_text(r), r.get("published")) for r in rows}
    return sets


def full_text(row: dict[str, Any]) -> str:
    """Title and text joined as ``clustering.py`` joins them (ECB+'s title is the first sentence)."""
    title, text = (row.get("title") or "").strip(), row.get("text") or ""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n{text}"


def source_articles(pair: Pair, sets: dict[str, dict[str, Source]]) -> tuple[list[Source], str]:
    """The pair's two source articles, A's then B's (``source`` lists them in that order), or why not."""
    name, _, ids = pair.source.partition(":")
    keys = [k for k in ids.split(",") if k]
    if len(set(keys)) < 2:
        return [], "one source article"
    if name not in sets:
        return [], f"{name} data absent"
    found = []
    for key in keys[:2]:
        exact = sets[name].get(key)  # ECB+ ids are whole ("8_1ecb" also begins "8_1ecbplus")
        matches = [exact] if exact else [s for i, s in sets[name].items() if i.startswith(key)]
        if len(matches) != 1:
            return [], f"{name} id {key!r} matches {len(matches)} articles"
        found.append(matches[0])
    return found, ""


@dataclass(frozen=True)
class Placement:
    """Where a passage lies in a clean article body (one span per piece found), and how it was found."""

    spans: tuple[tuple[int, int], ...]
    how: str  # exact | normalised (quotes, spacing) | by sentence (cut from apart) | fuzzy (closest)
    ratio: float = 1.0


def _normalised(text: str) -> tuple[str, list[int]]:
    """Straight quotes and single spaces; and, per character kept, its offset in the text."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text.translate(QUOTES)):
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(i)
    return "".join(chars), offsets


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences by a regex split: enough to line a passage up with its article."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def closest_run(passage: str, text: str) -> tuple[int, int, float]:
    """The run of consecutive sentences most like the passage (its sentence count, give or take one)."""
    spans = sentence_spans(text)
    size = len(sentence_spans(passage))
    wanted = _normalised(passage)[0]
    best = (0, 0, 0.0)
    for length in sorted({max(1, size - 1), size, size + 1}):
        for k in range(len(spans) - length + 1):
            start, end = spans[k][0], spans[k + length - 1][1]
            ratio = difflib.SequenceMatcher(None, wanted, _normalised(text[start:end])[0], False).ratio()
            if ratio > best[2]:
                best = (start, end, ratio)
    return best


def _find(passage: str, body: str) -> tuple[tuple[int, int], str] | None:
    """The passage verbatim in the body, else with quotes and spacing normalised."""
    at = body.find(passage)
    if at >= 0:
        return (at, at + len(passage)), "exact"
    norm_body, offsets = _normalised(body)
    norm_passage = _normalised(passage)[0]
    at = norm_body.find(norm_passage) if norm_passage else -1
    if at < 0:
        return None
    return (offsets[at], offsets[at + len(norm_passage) - 1] + 1), "normalised"


def place(passage: str, body: str) -> Placement | None:
    """The passage in the body: whole (verbatim or normalised), else sentence by sentence (a passage may
    join two sentences the article has apart), else the closest run of sentences."""
    wanted = passage.strip()
    whole = _find(wanted, body)
    if whole:
        return Placement((whole[0],), whole[1])
    pieces = [_find(wanted[a:b].strip(), body) for a, b in sentence_spans(wanted)]
    if len(pieces) > 1 and all(pieces):
        return Placement(tuple(p[0] for p in pieces if p), "by sentence")
    start, end, ratio = closest_run(wanted, body)
    return Placement(((start, end),), "fuzzy", round(ratio, 3)) if ratio >= FUZZY_MIN else None


def edit_in(passage: str, text: str) -> tuple[str, float]:
    """The article with an edited passage in place of the sentences it was edited from (and how alike)."""
    start, end, ratio = closest_run(passage, text)
    if ratio < FUZZY_MIN:
        return text, ratio
    return text[:start] + passage.strip() + text[end:], ratio


def whole_documents(pair: Pair, sources: Sequence[Source]) -> tuple[list[Any], str]:
    """The pair's two whole articles as Documents (an edit written in), or none and why not."""
    from parallax.model import Document

    documents = []
    sides = (
        ("A", pair.a_outlet, pair.a_text, pair.a_published),
        ("B", pair.b_outlet, pair.b_text, pair.b_published),
    )
    for source, (tag, outlet, passage, published) in zip(sources, sides, strict=True):
        text = source.text
        if outlet.endswith(EDITED):
            text, ratio = edit_in(passage, text)
            if ratio < FUZZY_MIN:
                return [], f"edited {tag}: no sentence of its article is close to it (best ratio {ratio:.2f})"
        name = outlet.removesuffix(EDITED)
        documents.append(Document(f"{pair.id}#{tag}", text, outlet=name, published=published, language="en"))
    return documents, ""


@dataclass(frozen=True)
class WholeOutcome:
    """One pair compared inside its two whole articles (``status``: compared, one article, not placed)."""

    id: str
    gold: bool
    type: str
    synthetic: bool
    batch: int
    status: str
    reason: str = ""
    placed: tuple[str, ...] = ()  # how A and B were found in their articles
    predicted: bool = False
    predicted_types: tuple[str, ...] = ()
    summaries: tuple[str, ...] = ()
    split: bool = False  # the two articles fell into two stories
    stories: int = 0
    seconds: float = 0.0
    others: tuple[dict[str, Any], ...] = ()  # every other conflict flagged on the two articles
    articles: tuple[str, ...] = ()  # the two compared bodies' content ids (the same pair of articles)


def _cites(finding: Any, article: str, where: Placement) -> bool:
    """Whether a side of the finding cites a stretch of the article overlapping the passage."""
    return any(
        c.article == article and min(c.end, end) > max(c.start, start)
        for side in finding.sides
        for c in side.citations
        for start, end in where.spans
    )


def _other_flag(finding: Any, label_of: dict[str, str], touches: bool) -> dict[str, Any]:
    sides = [{"outlet": label_of.get(s.article, s.article), "text": s.text} for s in finding.sides]
    return {"type": finding.conflict_type, "text": finding.text, "sides": sides, "touches_passage": touches}


def judge_report(report: Any, ids: Sequence[str], where: Sequence[Placement]) -> dict[str, Any]:
    """The pair's prediction from a report on its two articles, and every other conflict found there."""
    story_of = {a: s.id for s in report.stories for a in s.articles}
    label_of = {a.id: a.label for a in report.articles}
    hits, others = [], []
    for finding in (f for s in report.stories for f in s.findings if f.kind == "conflict"):
        on_a, on_b = _cites(finding, ids[0], where[0]), _cites(finding, ids[1], where[1])
        if on_a and on_b:
            hits.append(finding)
        else:
            others.append(_other_flag(finding, label_of, on_a or on_b))
    return {
        "predicted": bool(hits),
        "predicted_types": tuple(str(f.conflict_type) for f in hits),
        "summaries": tuple(f.text for f in hits),
        "split": story_of.get(ids[0]) != story_of.get(ids[1]),
        "stories": len(report.stories),
        "others": tuple(others),
    }


def predict_whole(
    pair: Pair, sets: dict[str, dict[str, Source]], embedder: Any, reports: dict[tuple[str, ...], Any]
) -> WholeOutcome:
    """The pair as a reader meets it: its two whole articles through the default pipeline."""
    from parallax.pipeline import clean_all, compare_articles

    base = WholeOutcome(pair.id, pair.conflict, pair.type, pair.synthetic, pair.batch, "not placed")
    sources, why = source_articles(pair, sets)
    if why:
        return replace(
            base, status="one article" if why == "one source article" else "not placed", reason=why
        )
    documents, why = whole_documents(pair, sources)
    if why:
        return replace(base, reason=why)
    articles, errors, notes = clean_all(documents)
    if len(articles) < 2:
        return replace(
            base, reason="cleaning left fewer than two articles: " + "; ".join(e.reason for e in errors)
        )
    where = [place(text, a.body) for text, a in zip((pair.a_text, pair.b_text), articles, strict=True)]
    if where[0] is None or where[1] is None:
        lost = "A" if where[0] is None else "B"
        return replace(base, reason=f"passage {lost} not found in its clean article")
    key = tuple(a.body for a in articles) + tuple(str(a.published) for a in articles)
    started = time.perf_counter()
    if key not in reports:  # an article pair met again (another labelled pair) is compared once
        reports[key] = compare_articles(articles, embedder, errors, notes)
    seconds = time.perf_counter() - started
    found = judge_report(reports[key], [a.id for a in articles], [where[0], where[1]])
    placed = tuple(w.how for w in (where[0], where[1]))
    ids = tuple(a.id for a in articles)
    return replace(base, status="compared", placed=placed, seconds=round(seconds, 3), articles=ids, **found)


def run_whole(pairs: Sequence[Pair], sets: dict[str, dict[str, Source]]) -> list[WholeOutcome]:
    from parallax.embed import default_embedder

    embedder = default_embedder()
    reports: dict[tuple[str, ...], Any] = {}
    outcomes = []
    for k, pair in enumerate(pairs, 1):
        o = predict_whole(pair, sets, embedder, reports)
        mark = o.status if o.status != "compared" else ("ok " if o.predicted == o.gold else "ERR")
        print(
            f"[whole {k}/{len(pairs)}] {mark} {pair.id}: gold={pair.conflict} pred={o.predicted_types}"
            f" split={o.split} others={len(o.others)} {o.reason}"
        )
        outcomes.append(o)
    return outcomes


def as_outcomes(outcomes: Iterable[WholeOutcome]) -> list[Outcome]:
    """The compared pairs in the form ``score`` reads."""
    return [
        Outcome(
            o.id,
            o.gold,
            o.type,
            o.synthetic,
            o.predicted,
            o.predicted_types,
            o.stories,
            o.seconds,
            o.summaries,
            batch=o.batch,
        )
        for o in outcomes
        if o.status == "compared"
    ]


def score_whole(outcomes: Sequence[WholeOutcome]) -> dict[str, Any]:
    """P/R/F1 per set over the compared pairs; what was skipped and why; splits; the other flags."""
    compared = as_outcomes(outcomes)
    real = [o for o in compared if not o.synthetic]
    splits = {
        "overall": compared,
        "real": real,
        "real_first": [o for o in real if o.batch == 1],
        "real_added": [o for o in real if o.batch > 1],
        "synthetic": [o for o in compared if o.synthetic],
    }
    done = [o for o in outcomes if o.status == "compared"]
    return {
        "scores": {name: score(items) for name, items in splits.items()},
        "pairs": len(outcomes),
        "compared": len(done),
        "one_article": [o.id for o in outcomes if o.status == "one article"],
        "not_placed": {o.id: o.reason for o in outcomes if o.status == "not placed"},
        "placed": {how: sum(h == how for o in done for h in o.placed) for how in PLACED},
        "split": [o.id for o in done if o.split],
        "other_flags": distinct_others(done),
        "seconds": round(sum(o.seconds for o in done), 1),
        "wrong": [
            {"id": o.id, "gold": o.gold, "split": o.split, "found": list(o.summaries)}
            for o in done
            if o.predicted != o.gold
        ],
        "outcomes": [asdict(o) for o in outcomes],
    }


def distinct_others(outcomes: Iterable[WholeOutcome]) -> list[dict[str, Any]]:
    """Each other flag once per article pair (two labelled pairs may cut passages from one pair)."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for o in outcomes:
        for flag in o.others:
            key = (o.articles, flag["type"], flag["text"])
            seen.setdefault(key, {**flag, "pairs": []})["pairs"].append(o.id)
    return list(seen.values())


def whole_markdown(result: dict[str, Any]) -> list[str]:
    """The section on the pairs inside their whole articles, with every other flag listed to judge."""
    names = {
        "overall": "all",
        "real": "real",
        "real_first": "real, first set",
        "real_added": "real, added",
        "synthetic": "synthetic",
    }
    lines = [
        "## The pairs inside their whole articles, through the default `compare`",
        "",
        "What a reader gets: each pair's two source articles, whole (full text from `../shared/data`, "
        "read at run time; an edited passage written over the sentence it was edited from), through "
        "`compare_documents` with story grouping on. A pair is predicted a conflict when a `conflict` "
        "finding cites a claim overlapping passage A in article A and one overlapping passage B in "
        "article B. "
        f"{result['compared']} of {result['pairs']} pairs compared; {len(result['one_article'])} skipped "
        "because both passages come from one article (one id in `source`: two whole articles cannot be "
        f"made of it); {len(result['not_placed'])} not placed. Passages placed: "
        + ", ".join(f"{n} {how}" for how, n in result["placed"].items())
        + ".",
        "",
    ]
    rows = [
        [
            names[k],
            str(d["pairs"]),
            str(d["tp"] + d["fn"]),
            _fmt(d["precision"]),
            _fmt(d["recall"]),
            _fmt(d["f1"]),
            str(d["tp"]),
            str(d["fp"]),
            str(d["fn"]),
        ]
        for k, d in result["scores"].items()
    ]
    lines += markdown_table(
        ["set", "pairs", "conflicts", "precision", "recall", "F1", "TP", "FP", "FN"], rows
    )
    lines += ["", f"Misses and false alarms: {len(result['wrong'])} (the passages are listed below)", ""]
    for o in result["wrong"]:
        kind = "miss" if o["gold"] else "false alarm"
        where = ", articles in two stories" if o["split"] else ""
        found = f": {'; '.join(o['found'])}" if o["found"] else ""
        lines.append(f"- {o['id']} ({kind}{where}){found}")
    lines += ["", f"Not placed: {len(result['not_placed'])}", ""]
    lines += [f"- {pid}: {why}" for pid, why in result["not_placed"].items()]
    lines += [
        "",
        f"Pairs whose two articles were grouped into two stories: {len(result['split'])} "
        f"({', '.join(result['split']) or 'none'}). Compare time {result['seconds']:.0f} s for the "
        f"compared pairs (an article pair met again is compared once), {result['seconds_total']:.0f} s "
        "in all.",
        "",
        f"### Every other conflict flagged on these article pairs: {len(result['other_flags'])}",
        "",
        "Flags that do not cite both labelled passages, each once per article pair (an edited article is "
        'another pair), for a reader to judge; "touches" marks a flag citing one of the passages.',
        "",
    ]
    for flag in result["other_flags"]:
        touches = ", touches a passage" if flag["touches_passage"] else ""
        lines.append(f"- **{flag['type']}** ({', '.join(flag['pairs'])}{touches}): {flag['text']}")
        lines += [f"  - {side['outlet']}: {side['text']}" for side in flag["sides"]]
    lines.append("")
    return lines


# ---------------------------------------------------------------- whole stories (BASIL)

DEFAULT_BASIL = ROOT.parent / "shared" / "data" / "basil" / "basil-2010-2014.jsonl"
BASIL_LABELS = ROOT / "benchmarks" / "data" / "basil_conflict_labels.jsonl"
FACTS_CACHE = Path("/tmp/parallax-bench-facts")


def _flag_key(event: int, kind: str, sides: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    return (event, kind, tuple(sorted(tuple(side) for side in sides)))


def story_flags(path: Path, cache: Path | None) -> list[dict[str, Any]]:
    """Every conflict parallax flags when each BASIL event is compared as one story."""
    import facts as basil  # benchmarks/facts.py: BASIL loading and the cached annotation

    from parallax.embed import default_embedder

    embedder = default_embedder()
    flags: list[dict[str, Any]] = []
    for event in basil.load_events(path):
        articles = basil.to_articles(event)
        source_of = {a.id: a.source for a in articles}
        story, _ = basil.compare_one_story(basil.prepare(articles, embedder, cache), embedder)
        for finding in story.findings:
            if finding.kind != "conflict":
                continue
            sides = [
                [source_of[c.article], c.start, c.end] for side in finding.sides for c in side.citations[:1]
            ]
            flags.append({"event": event.index, "type": finding.conflict_type, "sides": sides})
        print(f"[story {event.index + 1}/50] {sum(f['event'] == event.index for f in flags)} conflicts")
    return flags


Labels = dict[tuple[Any, ...], dict[str, Any]]


def load_labels(path: Path) -> Labels:
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {_flag_key(r["event"], r["type"], r["sides"]): r for r in rows}


def score_flags(
    flags: Sequence[dict[str, Any]], labels: dict[tuple[Any, ...], dict[str, Any]]
) -> dict[str, Any]:
    """Per conflict type: flagged, judged a disagreement, judged not one, unchecked; precision (checked)."""
    rows: dict[str, dict[str, Any]] = {}
    for flag in flags:
        row = rows.setdefault(flag["type"], {"flagged": 0, "true": 0, "false": 0, "unchecked": 0})
        row["flagged"] += 1
        label = labels.get(_flag_key(flag["event"], flag["type"], flag["sides"]))
        row["unchecked" if label is None else ("true" if label["conflict"] else "false")] += 1
    total = {k: sum(r[k] for r in rows.values()) for k in ("flagged", "true", "false", "unchecked")}
    for row in [*rows.values(), total]:
        checked = row["true"] + row["false"]
        row["precision"] = round(row["true"] / checked, 3) if checked else None
    return {"by_type": dict(sorted(rows.items())), "all": total, "stories": 50}


def story_markdown(result: dict[str, Any]) -> list[str]:
    lines = [
        "## Whole stories: BASIL's 50 events, each compared as one story",
        "",
        "Three outlets (NYT, Fox News, HuffPost) on one event, every claim against every other outlet's "
        "(see the script's docstring). BASIL marks no conflicts: each flag below was judged by hand "
        "(`benchmarks/data/basil_conflict_labels.jsonl`); precision is over the judged flags.",
        "",
        "| type | flagged | a disagreement | not one | unchecked | precision |",
        "|---|---|---|---|---|---|",
    ]
    for kind, row in [*result["by_type"].items(), ("all", result["all"])]:
        precision = "–" if row["precision"] is None else f"{row['precision']:.2f}"
        counts = " | ".join(str(row[k]) for k in ("flagged", "true", "false", "unchecked"))
        lines.append(f"| {kind} | {counts} | {precision} |")
    per_story = result["all"]["flagged"] / result["stories"]
    lines += ["", f"{per_story:.2f} conflicts flagged per story.", ""]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled pairs (JSONL)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.add_argument("--no-write", action="store_true", help="print the scores, write nothing")
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL, help="BASIL JSONL (whole stories)")
    parser.add_argument("--no-stories", action="store_true", help="skip the whole-story (BASIL) section")
    parser.add_argument("--flags", type=Path, help="write every whole-story flag here (JSONL), to judge")
    parser.add_argument("--no-articles", action="store_true", help="skip the pairs in their whole articles")
    args = parser.parse_args(argv)
    pairs = load_pairs(args.set)
    if args.limit:
        pairs = pairs[: args.limit]
    started = time.perf_counter()
    outcomes = run(pairs)
    real = [o for o in outcomes if not o.synthetic]
    synth = [o for o in outcomes if o.synthetic]
    first = [o for o in real if o.batch == 1]
    added = [o for o in real if o.batch > 1]
    payload: dict[str, Any] = {
        "machine": {**machine(), "load_end": round(os.getloadavg()[0], 2)},
        "shared_machine": True,
        "set": str(args.set.relative_to(ROOT)) if args.set.is_relative_to(ROOT) else str(args.set),
        "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
        "overall": score(outcomes),
        "real": score(real),
        "real_first": score(first),
        "real_added": score(added),
        "synthetic": score(synth),
        "by_gold_type": {
            "all": by_gold_type(outcomes),
            "real": by_gold_type(real),
            "real_first": by_gold_type(first),
            "real_added": by_gold_type(added),
            "synthetic": by_gold_type(synth),
        },
        "by_predicted_type": by_predicted_type(outcomes),
        "one_story_diagnostic": {
            "overall": score(as_one_story(outcomes)),
            "real": score(as_one_story(real)),
            "real_first": score(as_one_story(first)),
            "real_added": score(as_one_story(added)),
            "synthetic": score(as_one_story(synth)),
            "by_gold_type": by_gold_type(as_one_story(outcomes)),
        },
        "seconds_total": round(time.perf_counter() - started, 1),
        "pairs": [asdict(o) for o in outcomes],
    }
    if not args.no_articles:
        sets = load_sources(SOURCES)
        if sets:
            started = time.perf_counter()
            payload["whole_articles"] = score_whole(run_whole(pairs, sets))
            payload["whole_articles"]["seconds_total"] = round(time.perf_counter() - started, 1)
            print(json.dumps(payload["whole_articles"]["scores"], indent=1))
            if args.no_write:  # the section as the results would hold it: its flags are for reading
                print("\n".join(whole_markdown(payload["whole_articles"])))
        else:
            print(
                f"whole articles skipped: neither {SOURCES['giveme5w1h']} nor {SOURCES['ecbplus']} is there"
            )
    if not args.no_stories and args.basil.exists():
        flags = story_flags(args.basil, FACTS_CACHE)
        payload["whole_stories"] = score_flags(flags, load_labels(BASIL_LABELS))
        if args.flags:
            args.flags.write_text("".join(json.dumps(f) + "\n" for f in flags), encoding="utf-8")
        print(json.dumps(payload["whole_stories"]["all"]))
    elif not args.no_stories:
        print(f"whole stories skipped: {args.basil} is absent")
    print(json.dumps({k: payload[k] for k in ("overall", "real_first", "real_added", "synthetic")}, indent=1))
    print("one story:", json.dumps(payload["one_story_diagnostic"]["overall"]))
    if not args.no_write:
        write_results("conflicts", payload, markdown(pairs, outcomes, payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
