"""Rewrites and copies (``parallax.duplicates``) on seeded synthetic copies of real articles, beside
exact-hash dedup (``content_id`` equality: what the pipeline does today).

No labelled near-duplicate set exists, so one is built from real articles (``--seed``, default 0):

- ``giveme5w1h/news_cluster.jsonl`` (tuning set) and ``ecbplus/ecbplus-topics-1-35.jsonl`` (check set: no
  tuning there; ECB+ has no outlets or dates, so each article gets a pseudo-outlet and a seeded date).
- Copies of a seeded sample of originals (``--per-kind`` each): ``syndicated`` (same body, new headline,
  a boilerplate line at the start or end, 1-3 words replaced), ``rewrite`` (the first 40-80 % of the
  paragraphs, a fifth of the sentences dropped, two swapped, a "Source: <outlet>" credit), ``excerpt`` (the
  first 30-50 % of the text; gold kind ``rewrite``), ``republication`` (a simulated machine translation:
  half the lower-case words replaced by random words, names and numbers kept, a "Source: <outlet>"
  credit), ``chain`` (a rewrite of a syndicated copy; gold original: the root). Copies are dated 0-2 days
  after their original, or undated (a quarter of them).
- Negatives: every real article pair (same event: the hard negatives; other events; in ECB+ a topic's
  two similar events) and ``absent`` republications, translated copies of ECB+ articles credited to an
  outlet of the set that never ran them (the example's "Source: Donga" case).

Real articles already reuse each other's text (the same AP story in NYT, Washington Post and ABC), so
real pairs are split by the containment of their 5-word shingles: below ``CLEAR_NEGATIVE`` (0.2) they
are independent reports and any link is a false positive; above it they are reported, not scored.

Every article goes through ``parallax.clean.clean`` first (so credits become ``via``). Scores: per gold
variant the share of copies flagged, with the gold kind, and linked to the gold original; per kind
precision, recall and F1 (a prediction is right when its copy is a gold copy, its original is the gold
original or another member of its gold family, and the kind matches); false positives among real pairs
and absent-original copies. Throughput is ``find_duplicates`` alone (articles cleaned beforehand) at
n = 400 and on a recombined set of ``--large`` (10,000) articles made of shuffled real paragraphs with
a word changed in each plus 10 % copies; median of ``--repeats`` (3) runs.

    .venv/bin/python benchmarks/duplicates.py                 # both sets, sweep, throughput (~1 min)
    .venv/bin/python benchmarks/duplicates.py --large 2000 --repeats 1
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import machine, markdown_table, write_results

from parallax.clean import clean
from parallax.duplicates import THRESHOLDS, find_duplicates, overlap, shingle_hashes
from parallax.duplicates import tokens as word_tokens
from parallax.errors import InputProblem
from parallax.model import Article, Document, Duplicate

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CLEAR_NEGATIVE = 0.2
REAL_FAMILY = 0.5
VARIANTS = ("syndicated", "rewrite", "excerpt", "republication", "chain")
GOLD_KIND = {"syndicated": "syndicated", "rewrite": "rewrite", "excerpt": "rewrite", "chain": "rewrite"}
GOLD_KIND["republication"] = "republication"
KINDS = ("syndicated", "rewrite", "republication")
BOILERPLATE = (
    "Copyright 2018 The Associated Press. All rights reserved.",
    "Read more: https://example.com/world",
    "This story was automatically published from a wire feed and has not been edited.",
    "Follow us on Twitter for the latest news.",
)
AGGREGATORS = ("Daily Brief Online", "Newsflash Hub", "World Wire Digest", "Trending Now Network")
SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
WORD = re.compile(r"\b[a-z][a-z'-]*\b")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Source:
    """One real article: its text, metadata and gold event."""

    id: str
    text: str
    title: str
    outlet: str
    url: str | None
    published: str | None
    event: str
    topic: str = ""


@dataclass(frozen=True)
class Copy:
    """A synthetic copy: its document, its gold original (``None`` when absent) and variant."""

    document: Document
    original: str | None
    variant: str


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_giveme5w1h(path: Path) -> list[Source]:
    rows = read_jsonl(path)
    return [
        Source(
            r["id"],
            r["text"],
            r.get("title") or "",
            r["outlet"],
            r.get("url"),
            r.get("published"),
            str(r["event_id"]),
        )
        for r in rows
    ]


def load_ecbplus(path: Path, seed: int) -> list[Source]:
    rng = random.Random(seed)
    start = dt.date(2010, 1, 1)
    sources = []
    for r in read_jsonl(path):
        date = start + dt.timedelta(days=rng.randrange(2000))
        text = f"{r.get('title') or ''}\n{r['text']}".strip()
        sources.append(
            Source(
                r["id"],
                text,
                "",
                _pseudo_outlet(r["id"]),
                None,
                date.isoformat(),
                r["event"],
                str(r["topic"]),
            )
        )
    return sources


def _pseudo_outlet(article_id: str) -> str:
    """A made-up outlet name per ECB+ article, unlike every other one (so credits can name it)."""
    return "Outlet " + hashlib.blake2b(article_id.encode(), digest_size=5).hexdigest()


# ---------------------------------------------------------------- copies


def replace_words(text: str, count: int, vocabulary: Sequence[str], rng: random.Random) -> str:
    """``count`` random lower-case words replaced by random words of the vocabulary."""
    spans = [m.span() for m in WORD.finditer(text)]
    for start, end in sorted(rng.sample(spans, min(count, len(spans))), reverse=True):
        text = text[:start] + rng.choice(vocabulary) + text[end:]
    return text


def translate(text: str, vocabulary: Sequence[str], rng: random.Random) -> str:
    """A stand-in for machine translation: half the lower-case words change, names and numbers stay."""
    return WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < 0.5 else m.group(0), text)


def credit_name(source: Source, rng: random.Random) -> str:
    """How a copy credits an outlet: its host (``dailymail.co.uk``) or its core (``Dailymail``)."""
    host = source.outlet.removeprefix("www.")
    if " " in host:
        return host  # a name, not a host
    core = max(host.split(".")[:-1] or [host], key=len)  # "edition.cnn.com" -> "cnn" would be shorter
    core = next((p for p in host.split(".") if p not in {"edition", "usa", "europe", "africa", "news"}), core)
    return host if rng.random() < 0.5 else core.capitalize()


def copy_date(source: Source, rng: random.Random) -> str | None:
    if not source.published or rng.random() < 0.25:
        return None
    day = dt.date.fromisoformat(source.published[:10]) + dt.timedelta(days=rng.choice((0, 1, 1, 2)))
    return day.isoformat()


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def syndicated_text(source: Source, vocabulary: Sequence[str], rng: random.Random) -> tuple[str, str]:
    body = replace_words(source.text, rng.randint(1, 3), vocabulary, rng)
    title = " ".join(reversed(source.title.split())) or "Wire report"
    line = rng.choice(BOILERPLATE)
    return title, (f"{line}\n{body}" if rng.random() < 0.5 else f"{body}\n{line}")


def rewrite_text(source: Source, rng: random.Random) -> str:
    units = paragraphs(source.text)
    if len(units) < 4:  # ECB+ texts are one paragraph: take the first sentences instead
        units = [s for p in units for s in SENTENCE.split(p) if s.strip()]
    kept = units[: max(1, round(len(units) * rng.uniform(0.4, 0.8)))]
    sentences = [s for p in kept for s in SENTENCE.split(p) if s.strip()]
    sentences = [s for s in sentences if rng.random() >= 0.2] or sentences[:2]
    if len(sentences) > 2:
        i = rng.randrange(len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return " ".join(sentences) + f"\nSource: {credit_name(source, rng)}"


def excerpt_text(source: Source, rng: random.Random) -> str:
    cut = int(len(source.text) * rng.uniform(0.3, 0.5))
    return source.text[: source.text.rfind(" ", 0, cut) if " " in source.text[:cut] else cut]


def make_copy(variant: str, source: Source, vocabulary: Sequence[str], rng: random.Random, n: int) -> Copy:
    outlet = AGGREGATORS[n % len(AGGREGATORS)]
    title = f"{source.title} ({outlet})" if source.title else None
    if variant == "syndicated":
        title, text = syndicated_text(source, vocabulary, rng)
    elif variant == "rewrite":
        text = rewrite_text(source, rng)
    elif variant == "excerpt":
        text = excerpt_text(source, rng)
    else:
        text = translate(source.text, vocabulary, rng) + f"\nSource: {credit_name(source, rng)}"
    document = Document(
        f"copy-{variant}-{n}", text, title=title, outlet=outlet, published=copy_date(source, rng)
    )
    return Copy(document, source.id, variant)


def make_copies(
    sources: Sequence[Sequence[Source]], per_kind: int, rng: random.Random
) -> tuple[list[Copy], list[Copy]]:
    """Copies of the first sources, and credited translations of the second ones (originals absent)."""
    present, absent = sources
    vocabulary = sorted({w for s in present for w in WORD.findall(s.text)})
    picked = rng.sample(list(present), min(len(present), per_kind * len(VARIANTS)))
    copies = []
    for n, source in enumerate(picked):
        variant = VARIANTS[n % len(VARIANTS)]
        if variant == "chain":
            middle = make_copy("syndicated", source, vocabulary, rng, n)
            copies.append(dataclasses.replace(middle, variant="syndicated"))
            step = Source(
                middle.document.source,
                middle.document.text,
                source.title,
                source.outlet,
                None,
                middle.document.published,
                source.event,
            )
            copies.append(
                dataclasses.replace(
                    make_copy("rewrite", step, vocabulary, rng, n), original=source.id, variant="chain"
                )
            )
        else:
            copies.append(make_copy(variant, source, vocabulary, rng, n))
    outlets = sorted({s.outlet for s in present})
    negatives = []
    for n, source in enumerate(rng.sample(list(absent), min(len(absent), per_kind))):
        text = (
            translate(source.text, vocabulary, rng) + f"\nSource: {rng.choice(outlets).removeprefix('www.')}"
        )
        negatives.append(Copy(Document(f"absent-{n}", text, outlet="Republisher"), None, "absent"))
    return copies, negatives


# ---------------------------------------------------------------- the labelled set


@dataclass
class Labelled:
    """A labelled set: cleaned articles by source, and what is known of each."""

    name: str
    articles: list[Article]
    real: dict[str, Source]  # article id -> real source
    copies: dict[str, Copy]  # article id -> synthetic copy
    family: dict[str, str]  # article id -> root source id, for real articles and copies
    refused: int = 0


def build(name: str, real: Sequence[Source], absent: Sequence[Source], per_kind: int, seed: int) -> Labelled:
    rng = random.Random(seed)
    copies, negatives = make_copies((real, absent), per_kind, rng)
    documents = [
        (
            Document(s.id, s.text, title=s.title or None, outlet=s.outlet, url=s.url, published=s.published),
            s,
            None,
        )
        for s in real
    ]
    documents += [(c.document, None, c) for c in [*copies, *negatives]]
    labelled = Labelled(name, [], {}, {}, {})
    source_to_id: dict[str, str] = {}
    for document, source, copy in documents:
        if copy is not None and copy.original is not None and copy.original not in source_to_id:
            labelled.refused += 1  # its original is no article (cleaning refused it): nothing to link to
            continue
        try:
            article = clean(document)
        except InputProblem:
            labelled.refused += 1
            continue
        if article.id in labelled.real or article.id in labelled.copies:
            labelled.refused += 1  # an identical body: exact-hash dedup's case, not ours
            continue
        labelled.articles.append(article)
        source_to_id[document.source] = article.id
        if source is not None:
            labelled.real[article.id] = source
            labelled.family[article.id] = source.id
        elif copy is not None:
            labelled.copies[article.id] = copy
            if copy.original is not None:
                labelled.family[article.id] = copy.original
    rng.shuffle(labelled.articles)  # input order must not matter
    return labelled


# ---------------------------------------------------------------- scoring


def real_containment(labelled: Labelled) -> dict[frozenset[str], float]:
    """Containment of every real pair that shares a shingle (the rest are 0)."""
    hashes = {
        i: np.unique(shingle_hashes(word_tokens(a.body)))
        for i, a in ((a.id, a) for a in labelled.articles if a.id in labelled.real)
    }
    by_hash: dict[int, list[str]] = defaultdict(list)
    for i, values in hashes.items():
        for h in values.tolist():
            by_hash[h].append(i)
    pairs = {
        frozenset(p) for ids in by_hash.values() if len(ids) < 50 for p in itertools.combinations(ids, 2)
    }
    return {p: overlap(*(hashes[i] for i in sorted(p)))[1] for p in pairs}


def score(
    labelled: Labelled, found: Sequence[Duplicate], containment: dict[frozenset[str], float]
) -> dict[str, Any]:
    predicted = {d.article: d for d in found}
    variants = _variant_scores(labelled, predicted)
    kinds, real = _kind_scores(labelled, found, containment)
    absent = [i for i, c in labelled.copies.items() if c.variant == "absent"]
    flagged = sum(1 for d in found if d.article in labelled.copies or d.article in labelled.real)
    return {
        "variants": variants,
        "kinds": kinds,
        "real_pairs": real,
        "absent_flagged": sum(1 for i in absent if i in predicted),
        "absent": len(absent),
        "originals_correct": sum(v["original"] for v in variants.values()),
        "copies": sum(v["n"] for v in variants.values()),
        "flagged": flagged,
    }


def _variant_scores(labelled: Labelled, predicted: dict[str, Duplicate]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {v: Counter() for v in ("syndicated", *VARIANTS[1:])}  # type: ignore[misc]
    for i, copy in labelled.copies.items():
        if copy.original is None:
            continue
        row, guess = out[copy.variant], predicted.get(i)
        row["n"] += 1
        row["flagged"] += guess is not None and labelled.family.get(guess.original) == labelled.family[i]
        row["kind"] += guess is not None and guess.kind == GOLD_KIND[copy.variant]
        row["original"] += guess is not None and guess.original == _gold_root(labelled, copy.original)
    return {k: dict(v) for k, v in out.items()}


def _gold_root(labelled: Labelled, source_id: str) -> str | None:
    return next((i for i, s in labelled.real.items() if s.id == source_id), None)


def _kind_scores(
    labelled: Labelled, found: Sequence[Duplicate], containment: dict[frozenset[str], float]
) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    real: Counter[str] = Counter()
    for d in found:
        if d.article in labelled.real and d.original in labelled.real:
            band = _real_band(labelled, d, containment)
            real[band] += 1
            if band.startswith("independent"):
                fp[d.kind] += 1
            continue
        gold = labelled.copies.get(d.article)
        right_family = (
            gold is not None
            and gold.original is not None
            and (labelled.family.get(d.original) == labelled.family.get(d.article))
        )
        if right_family and gold is not None and GOLD_KIND[gold.variant] == d.kind:
            tp[d.kind] += 1
        else:
            fp[d.kind] += 1
    gold_n = Counter(GOLD_KIND[c.variant] for c in labelled.copies.values() if c.original is not None)
    kinds = {k: _prf(tp[k], fp[k], gold_n[k]) for k in KINDS}
    kinds["overall"] = _prf(sum(tp.values()), sum(fp.values()), sum(gold_n.values()))
    pairs = _real_pair_counts(labelled, containment)
    return kinds, {**pairs, **{f"flagged {k}": v for k, v in real.items()}}


def _real_band(labelled: Labelled, d: Duplicate, containment: dict[frozenset[str], float]) -> str:
    same = labelled.real[d.article].event == labelled.real[d.original].event
    reused = containment.get(frozenset((d.article, d.original)), 0.0) >= CLEAR_NEGATIVE
    return f"{'reusing' if reused else 'independent'}, {'same' if same else 'other'} event"


def _real_pair_counts(labelled: Labelled, containment: dict[frozenset[str], float]) -> dict[str, int]:
    by_event = Counter(s.event for s in labelled.real.values())
    same = sum(n * (n - 1) // 2 for n in by_event.values())
    reused_same = sum(1 for p, c in containment.items() if c >= CLEAR_NEGATIVE and _same_event(labelled, p))
    return {"same-event pairs": same, "same-event pairs reusing text": reused_same}


def _same_event(labelled: Labelled, pair: frozenset[str]) -> bool:
    a, b = sorted(pair)
    return labelled.real[a].event == labelled.real[b].event


def _prf(tp: int, fp: int, gold: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "gold": gold, "precision": precision, "recall": recall, "f1": f1}


def exact_hash(articles: Sequence[Article]) -> list[Duplicate]:
    """The baseline: only identical normalised bodies (one ``content_id``) are copies."""
    seen: set[str] = set()
    found = []
    for article in articles:
        if article.id in seen:  # the pipeline counts the second input once, as "same text as"
            found.append(Duplicate(article.id, article.id, "syndicated", 1.0, "same content_id"))
        seen.add(article.id)
    return found


# ---------------------------------------------------------------- throughput


def recombined(sources: Sequence[Source], n: int, seed: int) -> list[Article]:
    """``n`` articles of 3-8 random real paragraphs, one word changed in each; a tenth are copies."""
    rng = random.Random(seed)
    pool = [p for s in sources for p in paragraphs(s.text) if len(p.split()) >= 15]
    vocabulary = sorted({w for p in pool for w in WORD.findall(p)})
    articles: list[Article] = []
    while len(articles) < n:
        if articles and rng.random() < 0.1:
            base = rng.choice(articles)
            body = (
                replace_words(base.body, 2, vocabulary, rng)
                if rng.random() < 0.5
                else base.body[: len(base.body) // 2]
            )
        else:
            body = "\n".join(
                replace_words(p, 1, vocabulary, rng) for p in rng.sample(pool, rng.randint(3, 8))
            )
        articles.append(
            Article(
                id=f"r{len(articles)}", source=f"r{len(articles)}", body=body, outlet=rng.choice(AGGREGATORS)
            )
        )
    return articles


def timed(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def throughput(sets: dict[str, list[Article]], repeats: int) -> list[dict[str, Any]]:
    rows = []
    for name, articles in sets.items():
        for system, function in (("parallax", find_duplicates), ("exact hash", exact_hash)):
            seconds, found = timed(lambda f=function, a=articles: f(a), repeats)  # type: ignore[misc]
            rows.append(
                {
                    "set": name,
                    "system": system,
                    "n": len(articles),
                    "seconds": seconds,
                    "articles_per_s": len(articles) / seconds,
                    "flagged": len(found),
                }
            )
    return rows


# ---------------------------------------------------------------- sweep


SWEEP = {
    "syndicated_jaccard": (0.4, 0.5, 0.6, 0.7, 0.8),
    "rewrite_containment": (0.4, 0.5, 0.6, 0.7, 0.8),
    "anchor_containment": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8),
}


def sweep(labelled: Labelled, containment: dict[frozenset[str], float]) -> list[dict[str, Any]]:
    """Overall P/R/F1 as each threshold moves alone from the defaults (the tuning evidence)."""
    rows = []
    for field, values in SWEEP.items():
        for value in values:
            limits = dataclasses.replace(THRESHOLDS, **{field: value})
            result = score(labelled, find_duplicates(labelled.articles, limits), containment)
            rows.append(
                {
                    "threshold": field,
                    "value": value,
                    **result["kinds"]["overall"],
                    "independent_real_fp": _independent_fp(result),
                    "absent_flagged": result["absent_flagged"],
                }
            )
    return rows


def _independent_fp(result: dict[str, Any]) -> int:
    return sum(v for k, v in result["real_pairs"].items() if k.startswith("flagged independent"))


# ---------------------------------------------------------------- report


def join_real_families(labelled: Labelled, containment: dict[frozenset[str], float]) -> None:
    """Real articles sharing ≥ ``REAL_FAMILY`` of their shingles are one family (the same wire story):
    a copy linked to any of them is linked to the right story."""
    family = dict(labelled.family)

    def find(x: str) -> str:
        while family[x] != x:
            x = family[x]
        return x

    source_of = {s.id: i for i, s in labelled.real.items()}
    family = {i: i for i in labelled.real}
    for pair, value in sorted(containment.items(), key=lambda pc: sorted(pc[0])):
        if value >= REAL_FAMILY:
            a, b = sorted(find(i) for i in pair)
            family[b] = a
    for i in labelled.real:
        labelled.family[i] = labelled.real[find(i)].id
    for i, copy in labelled.copies.items():
        if copy.original is not None:
            labelled.family[i] = labelled.real[find(source_of[copy.original])].id


def evaluate(labelled: Labelled) -> dict[str, Any]:
    containment = real_containment(labelled)
    join_real_families(labelled, containment)
    results = {}
    for system, function in (("parallax", find_duplicates), ("exact hash", exact_hash)):
        results[system] = score(labelled, function(labelled.articles), containment)
    return {
        "set": labelled.name,
        "articles": len(labelled.articles),
        "refused": labelled.refused,
        "results": results,
        "containment": containment,
    }


VARIANT_HEADER = ("set", "system", "variant", "n", "flagged", "kind right", "original right")
KIND_HEADER = ("set", "system", "kind", "gold", "TP", "FP", "P", "R", "F1")


def variant_rows(evaluations: Sequence[dict[str, Any]]) -> list[tuple[str, ...]]:
    rows = []
    for e in evaluations:
        for system, r in e["results"].items():
            for variant, v in r["variants"].items():
                n = v.get("n", 0)
                rows.append(
                    (
                        e["set"],
                        system,
                        variant,
                        str(n),
                        _share(v.get("flagged", 0), n),
                        _share(v.get("kind", 0), n),
                        _share(v.get("original", 0), n),
                    )
                )
    return rows


def kind_rows(evaluations: Sequence[dict[str, Any]]) -> list[tuple[str, ...]]:
    rows = []
    for e in evaluations:
        for system, r in e["results"].items():
            for kind, k in r["kinds"].items():
                rows.append(
                    (
                        e["set"],
                        system,
                        kind,
                        str(k["gold"]),
                        str(k["tp"]),
                        str(k["fp"]),
                        f"{k['precision']:.3f}",
                        f"{k['recall']:.3f}",
                        f"{k['f1']:.3f}",
                    )
                )
    return rows


def negative_rows(evaluations: Sequence[dict[str, Any]]) -> list[tuple[str, ...]]:
    rows = []
    for e in evaluations:
        r = e["results"]["parallax"]
        pairs = r["real_pairs"]
        flagged = "; ".join(
            f"{k.removeprefix('flagged ')}: {v}" for k, v in sorted(pairs.items()) if k.startswith("flagged")
        )
        rows.append(
            (
                e["set"],
                str(pairs["same-event pairs"]),
                str(pairs["same-event pairs reusing text"]),
                flagged or "none",
                f"{r['absent_flagged']} / {r['absent']}",
            )
        )
    return rows


NEGATIVE_HEADER = (
    "set",
    "same-event pairs",
    "of them reusing text (c ≥ 0.2)",
    "real pairs linked",
    "absent flagged",
)
SPEED_HEADER = ("set", "system", "n", "median s", "articles/s", "flagged")
SWEEP_HEADER = ("threshold", "value", "P", "R", "F1", "independent real FP", "absent flagged")


def _share(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.0%})" if n else "–"


def render_markdown(payload: dict[str, Any], tables: dict[str, list[tuple[str, ...]]]) -> str:
    info, limits = payload["machine"], payload["thresholds"]
    lines = [
        "# Rewrites and copies: parallax.duplicates beside exact-hash dedup",
        "",
        f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}; {info['date']}.",
        f"Seed {payload['seed']}; {payload['per_kind']} copies per variant; thresholds: "
        + ", ".join(f"{k} {v}" for k, v in limits.items())
        + ". giveme5w1h is the tuning set, ECB+ the check set; the script's docstring says how the set is "
        "built.",
        "",
        "## Copies found, by variant",
        "",
        *markdown_table(VARIANT_HEADER, tables["variants"]),
        "",
        "## Precision, recall, F1 by kind",
        "",
        "A prediction is right when its copy is a gold copy, its original is in the copy's gold family, and "
        "the kind matches; links between real articles count as false positives only when the pair shares "
        "under "
        f"{CLEAR_NEGATIVE:.0%} of its shingles (independent reports).",
        "",
        *markdown_table(KIND_HEADER, tables["kinds"]),
        "",
        "## Negatives: real pairs and credited copies of absent originals",
        "",
        *markdown_table(NEGATIVE_HEADER, tables["negatives"]),
        "",
        "## Threshold sweep (giveme5w1h; one threshold moved at a time)",
        "",
        *markdown_table(SWEEP_HEADER, tables["sweep"]),
        "",
        f"## Throughput (median of {payload['repeats']} runs; articles cleaned beforehand)",
        "",
        *markdown_table(SPEED_HEADER, tables["speed"]),
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-kind", type=int, default=30, help="copies per variant")
    parser.add_argument("--large", type=int, default=10_000, help="articles of the recombined throughput set")
    parser.add_argument("--repeats", type=int, default=3)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    g_path = args.data / "giveme5w1h" / "news_cluster.jsonl"
    e_path = args.data / "ecbplus" / "ecbplus-topics-1-35.jsonl"
    if not g_path.is_file() or not e_path.is_file():
        print(f"data not found under {args.data} (pass --data PATH); nothing measured, no results written")
        return 0
    giveme, ecb = load_giveme5w1h(g_path), load_ecbplus(e_path, args.seed)
    ecb_rng = random.Random(args.seed)
    ecb_absent = ecb_rng.sample(ecb, len(ecb) // 4)
    ecb_present = [s for s in ecb if s not in ecb_absent]
    sets = [
        build("giveme5w1h", giveme, ecb, args.per_kind, args.seed),
        build("ecbplus", ecb_present, ecb_absent, args.per_kind, args.seed),
    ]
    evaluations = [evaluate(s) for s in sets]
    sweep_rows = sweep(sets[0], evaluations[0]["containment"])
    speed = throughput(
        {
            "giveme5w1h, n = 400": sets[0].articles[:400],
            f"recombined, n = {args.large}": recombined([*giveme, *ecb], args.large, args.seed),
        },
        args.repeats,
    )
    tables = {
        "variants": variant_rows(evaluations),
        "kinds": kind_rows(evaluations),
        "negatives": negative_rows(evaluations),
        "sweep": [
            (
                r["threshold"],
                str(r["value"]),
                f"{r['precision']:.3f}",
                f"{r['recall']:.3f}",
                f"{r['f1']:.3f}",
                str(r["independent_real_fp"]),
                str(r["absent_flagged"]),
            )
            for r in sweep_rows
        ],
        "speed": [
            (
                r["set"],
                r["system"],
                str(r["n"]),
                f"{r['seconds']:.3f}",
                f"{r['articles_per_s']:.0f}",
                str(r["flagged"]),
            )
            for r in speed
        ],
    }
    payload = {
        "machine": machine(),
        "data": str(args.data),
        "seed": args.seed,
        "per_kind": args.per_kind,
        "repeats": args.repeats,
        "thresholds": dataclasses.asdict(THRESHOLDS),
        "evaluations": [{k: v for k, v in e.items() if k != "containment"} for e in evaluations],
        "sweep": sweep_rows,
        "throughput": speed,
    }
    for title, header in (
        ("variants", VARIANT_HEADER),
        ("kinds", KIND_HEADER),
        ("negatives", NEGATIVE_HEADER),
        ("sweep", SWEEP_HEADER),
        ("speed", SPEED_HEADER),
    ):
        print(f"\n{title}")
        for row in (header, *tables[title]):
            print("  ".join(row))
    write_results("duplicates", payload, render_markdown(payload, tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
