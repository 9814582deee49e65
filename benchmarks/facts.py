"""Facts one outlet chose to include: parallax's `unique` and `context` findings on BASIL, beside MiniLM.

BASIL (Fan et al., EMNLP 2019) tells each of 50 events (2010–2014 here) through three outlets (NYT, Fox
News, HuffPost) and marks, inside sentences, spans of *informational bias* (`bias: inf`): content an
outlet chose to include, tangential or background facts and quotes that support a side. Those spans are
what a reader comparing outlets wants flagged, so they are the recall target for what parallax marks as
specific to one outlet (`unique` or `context` findings).

For every event the three articles are compared as one story (the BASIL grouping is the gold one; the
story clustering has its own benchmark), exactly as ``parallax.pipeline.compare_articles`` does after
annotation: ``annotate``, ``_embed_claims``, the story's dates, ``compare_story``.

Scores per system, over a half of the events:

- **share**: characters marked (inside a `unique` or `context` citation of that article) / all
  characters of the articles' sentences. A system that marks everything has share 1.
- **recall (chars)**: characters of `bias: inf` spans that lie inside the same article's marked text /
  all `bias: inf` characters.
- **recall (spans)**: `bias: inf` spans at least half of whose characters are marked / all spans.
- **lift**: recall (chars) / share; marking at random gives 1. The target is lift ≥ 1.5 with recall ≥ 0.5.

Baseline, in the same run: MiniLM (``parallax.embed.default_embedder()``) over BASIL's own sentences; a
sentence is unique when its best cosine to the other two articles' sentences is below a threshold t,
reported at several t as (share, recall) points.

The events are split, in file order of their first article, into a tuning half (even index) and a test
half (odd index); thresholds and rules were set on the tuning half only. Speed: the seconds of a story's
compare after annotation (dates, ``compare_story``) for every BASIL story (3 articles), and for the
largest Giveme5W1H event cut to 10 articles when that set is present, each run with an embedding cache
holding only the claims (as the pipeline leaves it after annotation).

Parsed articles and claim vectors are cached under ``/tmp/parallax-bench-facts`` (``--cache``,
``--no-cache``), so a rerun takes seconds. Results: ``benchmarks/results/facts.{json,md}``.

    .venv/bin/python benchmarks/facts.py
    .venv/bin/python benchmarks/facts.py --thresholds 0.4,0.5,0.6 --limit 10
    .venv/bin/python benchmarks/facts.py --half tune --skip-ten   # while tuning: no test figures shown
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import dataclasses
import functools
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import annotated_cached, machine, markdown_table, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_CACHE = Path("/tmp/parallax-bench-facts")
BASELINE_THRESHOLDS = (0.45, 0.55, 0.65)
SWEEP = (0.75, 0.85, 0.95, 1.05)
TARGET_LIFT = 1.5
TARGET_RECALL = 0.5
TARGET_SECONDS_10 = 5.0
MARKING_KINDS = ("unique", "context")
OUTLETS = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}
MAIN = "parallax (unique + context)"
VOICES = "parallax + every claim reporting a voice only one outlet has (not shipped)"
OWN_WORDS = 0.6  # the split of plain `unique` claims below: share of their words no other outlet uses
NAMED = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
OTHER_CLAIM = "unique: other claim"


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class BasilArticle:
    """One BASIL article as a body, with where each of its sentences and `inf` spans lies in that body."""

    id: str
    outlet: str
    title: str
    published: str | None
    body: str
    sentences: tuple[tuple[int, int], ...]  # body offsets of BASIL's sentences, in order
    inf: tuple[tuple[int, int], ...]  # body offsets of the `bias: inf` spans


@dataclass(frozen=True)
class Event:
    id: str
    index: int  # order of first appearance in the file
    articles: tuple[BasilArticle, ...]

    @property
    def half(self) -> str:
        return "tune" if self.index % 2 == 0 else "test"


def basil_article(row: dict[str, Any]) -> BasilArticle:
    """Paragraphs joined by a blank line, sentences by a space; annotation ``pN`` is flat sentence N."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for p, paragraph in enumerate(row["paragraphs"]):
        if p:
            parts.append("\n\n")
            position += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                position += 1
            parts.append(sentence)
            offsets.append((position, position + len(sentence)))
            position += len(sentence)
    body = "".join(parts)
    inf = []
    for span in row["annotations"]["phrase-level-annotations"]:
        if span.get("bias") != "inf" or not str(span["id"]).startswith("p"):
            continue  # "t…" spans are in the title, which is not part of the body
        start, end = offsets[int(span["id"][1:])]
        lo, hi = start + span["start"], start + span["end"]
        if body[lo:hi] != span["txt"] or hi > end:
            raise ValueError(f"{row['id']}: span {span['id']} does not match its sentence")
        inf.append((lo, hi))
    outlet = str(row["outlet"]).lower()
    return BasilArticle(
        row["id"], outlet, row.get("title") or "", row.get("published"), body, tuple(offsets), tuple(inf)
    )


def load_events(path: Path) -> list[Event]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    order: dict[str, list[BasilArticle]] = {}
    for row in rows:
        order.setdefault(row["event"], []).append(basil_article(row))
    return [Event(event, i, tuple(articles)) for i, (event, articles) in enumerate(order.items())]


def to_articles(event: Event) -> list[Any]:
    from parallax.model import Article, content_id

    return [
        Article(
            content_id(a.body),
            a.id,
            a.body,
            outlet=OUTLETS.get(a.outlet, a.outlet),
            title=a.title or None,
            published=a.published,
            language="en",
        )
        for a in event.articles
    ]


# ---------------------------------------------------------------- annotation, cached


@dataclass
class Prepared:
    """An event after annotation: what ``compare_articles`` holds before it compares a story."""

    articles: list[Any]
    annotated: Any
    vectors: dict[str, Any]
    annotate_seconds: float
    extra: dict[str, Any] = field(default_factory=dict)


@functools.cache
def _code_digest() -> bytes:
    """The annotation code itself: a cached parse from other code (claims cut otherwise, other quotes)
    must not be read back as this code's. The compare stages after the claims are cut (every module of
    ``compare/`` but ``claims.py``) read the cache and make none of it, so a change there keeps it."""
    digest = hashlib.sha256()
    package = ROOT / "src" / "parallax"
    for path in sorted(package.rglob("*.py")):
        if path.parent != package / "compare" or path.name == "claims.py":
            digest.update(path.read_bytes())
    return digest.digest()


def _cache_key(articles: Sequence[Any]) -> str:
    digest = hashlib.sha256(_code_digest())
    for article in articles:
        digest.update(article.id.encode())
        digest.update(article.body.encode())
    return digest.hexdigest()[:20]


def prepare(articles: list[Any], embedder: Any, cache: Path | None) -> Prepared:
    """``annotate`` and ``_embed_claims`` over the articles, from the cache when it holds them."""
    path = cache / f"{_cache_key(articles)}.pkl" if cache else None
    annotated, vectors, seconds = annotated_cached(articles, embedder, path)
    return Prepared(articles, annotated, vectors, seconds)


def compare_one_story(prepared: Prepared, embedder: Any) -> tuple[Any, float]:
    """The articles as one story, compared as the pipeline does after annotation; and its seconds."""
    from parallax.compare.story import compare_story
    from parallax.pipeline import story_input

    started = time.perf_counter()
    one = story_input("s-bench", prepared.articles, prepared.annotated, prepared.vectors)
    story, _ = compare_story(one, embedder)
    return story, time.perf_counter() - started


# ---------------------------------------------------------------- scoring


def marked_by_finding(story: Any, kinds: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Per article id, the citations of the story's findings of these kinds."""
    wanted = set(kinds)
    marked: dict[str, list[tuple[int, int]]] = {}
    for finding in story.findings:
        if finding.kind in wanted:
            for citation in finding.citations:
                marked.setdefault(citation.article, []).append((citation.start, citation.end))
    return marked


def sort_of(finding: Any) -> str:
    """Which of facts.py's sorts a `unique` finding is, for the breakdown rows."""
    if finding.reason.startswith("words of"):
        return "unique: words of a shared quotation only it quotes"
    if finding.reason.startswith("reported speech"):
        return "unique: reported speech of a voice no other outlet quotes or names"
    if "whom no other outlet quotes" in finding.reason:
        return "unique: quotation of a voice no other outlet quotes or names"
    if finding.reason:
        return "unique: other outlet-only quotation"
    if finding.speaker:
        return "unique: claim reporting such a voice"
    return "unique: other claim"


def marks_by_sort(story: Any) -> dict[str, dict[str, list[tuple[int, int]]]]:
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for finding in story.findings:
        if finding.kind == "unique":  # context has its own row
            marks = out.setdefault(sort_of(finding), {})
            for citation in finding.citations:
                marks.setdefault(citation.article, []).append((citation.start, citation.end))
    return out


def _row_order(name: str) -> tuple[int, str]:
    """Shipped rows first, each sort of finding under them, then the alternatives and the baseline."""
    if name.startswith("  of which"):
        return (1, name)
    if name.startswith("parallax") and name not in (VOICES,) and "≥" not in name:
        return (0, {MAIN: "0", "parallax unique": "1"}.get(name, name))
    return (2 if name.startswith("parallax") else 3, name)


def _voice_claims(facts: Any) -> dict[str, list[tuple[int, int]]]:
    """Per article, the claims that report what a voice no other outlet quotes or names said."""
    from parallax.compare.facts import unheard_voices

    marks: dict[str, list[tuple[int, int]]] = {}
    for i in unheard_voices(facts):
        claim = facts.claims[i]
        marks.setdefault(claim.article, []).append((claim.start, claim.end))
    return marks


def own_wording(facts: Any) -> np.ndarray:
    """Per claim, the share of its content words and figures that no other outlet's article uses, a name
    of several words ("the Security Council") counting once and as used when another outlet uses any of
    its words; 0 for a claim with none. What splits plain `unique` claims in the breakdown rows."""
    used: dict[str, set[str]] = {}
    for article, doc in facts.docs.items():
        used.setdefault(facts.outlet_of[article], set()).update(_units(doc))
    elsewhere = {o: set().union(*(w for other, w in used.items() if other != o)) for o in used}
    shares = np.zeros(len(facts.claims))
    for i, claim in enumerate(facts.claims):
        span = facts.docs[claim.article].char_span(claim.start, claim.end, "expand")
        if span is None:
            continue
        others = elsewhere[facts.outlet_of[claim.article]]
        names = [e for e in span.ents if e.label_ in NAMED and _units(e)]
        in_names = {t.i for e in names for t in e}
        seen = [w in others for w in _units(t for t in span if t.i not in in_names)]
        seen += [any(w in others for w in _units(e)) for e in names]
        shares[i] = seen.count(False) / len(seen) if seen else 0.0
    return shares


def _units(tokens: Any) -> list[str]:
    """Content lemmas and figures ("2024", "363,053"), in order."""
    return [
        t.lemma_.casefold() if t.is_alpha else t.text
        for t in tokens
        if (t.is_alpha and not t.is_stop) or (t.like_num and any(ch.isdigit() for ch in t.text))
    ]


def other_claims_by_wording(story: Any, facts: Any) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """The plain `unique` claims (no quotation, no unheard voice) split by how much of what they say is in
    words no other outlet uses: issue 5 asked whether claims in the story's shared vocabulary are the
    noise of that row (on the tuning half they are: lift 0.2–0.4 below OWN_WORDS, 1.2–2.5 above)."""
    own = own_wording(facts)
    index = {(c.article, c.start, c.end): i for i, c in enumerate(facts.claims)}
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for finding in story.findings:
        if finding.kind != "unique" or sort_of(finding) != OTHER_CLAIM:
            continue
        for citation in finding.citations:
            i = index.get((citation.article, citation.start, citation.end))
            mostly = i is not None and own[i] >= OWN_WORDS
            name = f"{OTHER_CLAIM}, {'mostly words' if mostly else 'mostly not words'} no other outlet uses"
            out.setdefault(name, {}).setdefault(citation.article, []).append((citation.start, citation.end))
    return out


def _merge(
    first: dict[str, list[tuple[int, int]]], second: dict[str, list[tuple[int, int]]]
) -> dict[str, list[tuple[int, int]]]:
    out = {a: list(spans) for a, spans in first.items()}
    for article, spans in second.items():
        out.setdefault(article, []).extend(spans)
    return out


@dataclass
class Tally:
    """Character and span counts, summed over articles."""

    chars: int = 0
    marked: int = 0
    inf_chars: int = 0
    inf_marked: int = 0
    spans: int = 0
    spans_hit: int = 0

    def add(self, article: BasilArticle, marked: Sequence[tuple[int, int]]) -> None:
        inside = np.zeros(len(article.body), bool)
        for start, end in article.sentences:
            inside[start:end] = True
        mask = np.zeros(len(article.body), bool)
        for start, end in marked:
            mask[start:end] = True
        mask &= inside
        self.chars += int(inside.sum())
        self.marked += int(mask.sum())
        for start, end in article.inf:
            hit = int(mask[start:end].sum())
            self.inf_chars += end - start
            self.inf_marked += hit
            self.spans += 1
            self.spans_hit += hit * 2 >= end - start

    def summary(self) -> dict[str, Any]:
        share = self.marked / self.chars if self.chars else 0.0
        recall = self.inf_marked / self.inf_chars if self.inf_chars else 0.0
        return {
            "share": round(share, 4),
            "recall_chars": round(recall, 4),
            "recall_spans": round(self.spans_hit / self.spans, 4) if self.spans else 0.0,
            "precision_chars": round(self.inf_marked / self.marked, 4) if self.marked else 0.0,
            "lift": round(recall / share, 3) if share else 0.0,
            "met": bool(share and recall / share >= TARGET_LIFT and recall >= TARGET_RECALL),
            "counts": dataclasses.asdict(self),
        }


def baseline_marks(
    event: Event, ids: Sequence[str], embedder: Any, thresholds: Sequence[float]
) -> dict[float, dict[str, list[tuple[int, int]]]]:
    """The issue's baseline: a BASIL sentence is unique when its best cosine elsewhere is below t.

    ``ids`` are the parallax article ids of the event's articles, in order; the marks are keyed by them.
    """
    texts = [a.body[s:e] for a in event.articles for s, e in a.sentences]
    owner = [k for k, a in enumerate(event.articles) for _ in a.sentences]
    spans = [span for a in event.articles for span in a.sentences]
    vectors = embedder.embed(texts)
    sim = vectors @ vectors.T
    owners = np.array(owner)
    sim[owners[:, None] == owners[None, :]] = -1.0
    best = sim.max(axis=1) if len(texts) else np.zeros(0)
    out: dict[float, dict[str, list[tuple[int, int]]]] = {}
    for t in thresholds:
        marks: dict[str, list[tuple[int, int]]] = {}
        for i, score in enumerate(best):
            if score < t:
                marks.setdefault(ids[owner[i]], []).append(spans[i])
        out[t] = marks
    return out


# ---------------------------------------------------------------- the 10-article story


def giveme_story(data: Path, size: int = 10) -> list[Any] | None:
    """The largest Giveme5W1H event, its first `size` articles cleaned, or None when the set is absent."""
    path = data / "giveme5w1h" / "news_cluster.jsonl"
    if not path.exists():
        return None
    from parallax.model import Document
    from parallax.pipeline import clean_all

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_event.setdefault(str(row["event_id"]), []).append(row)
    largest = max(by_event.values(), key=len)
    documents = [
        Document(
            f"giveme5w1h#{row['id']}",
            row["text"],
            title=row.get("title"),
            outlet=row.get("outlet") or f"outlet-{i}",
            url=row.get("url"),
            published=row.get("published"),
        )
        for i, row in enumerate(largest[:size])
    ]
    articles, _, _ = clean_all(documents)
    return articles


# ---------------------------------------------------------------- the run


def run(args: argparse.Namespace) -> dict[str, Any]:
    from parallax.compare import facts as facts_module
    from parallax.compare import story as story_module
    from parallax.embed import default_embedder

    path = args.data / "basil" / "basil-2010-2014.jsonl"
    events = load_events(path)
    if args.limit:
        events = [e for e in events if e.index < args.limit]
    if args.half != "all":
        events = [e for e in events if e.half == args.half]
    embedder = default_embedder()
    embedder.embed(["warm-up"])
    cache = None if args.no_cache else args.cache
    tallies: dict[str, dict[str, Tally]] = {}
    seconds: list[float] = []
    per_event: list[dict[str, Any]] = []
    captured: list[Any] = []
    original = story_module.fact_findings

    def capture(facts: Any) -> Any:
        captured.append(facts)
        return original(facts)

    story_module.fact_findings = capture  # type: ignore[assignment]  # the compare itself is unchanged
    shipped = facts_module.DISTINCT_ABOVE
    for event in events:
        articles = to_articles(event)
        prepared = prepare(articles, embedder, cache)
        embedder._cache.clear()
        captured.clear()
        story, took = compare_one_story(prepared, embedder)
        seconds.append(took)
        systems: dict[str, dict[str, list[tuple[int, int]]]] = {
            MAIN: marked_by_finding(story, MARKING_KINDS),
            "parallax unique": marked_by_finding(story, ("unique",)),
            "parallax context": marked_by_finding(story, ("context",)),
        }
        for sort, marks in marks_by_sort(story).items():
            systems[f"  of which {sort}"] = marks
        for split, marks in other_claims_by_wording(story, captured[0]).items():
            systems[f"  of which {split}"] = marks
        # Issue 5's idea: every claim reporting what a voice no other outlet quotes or names said is unique,
        # however undistinctive; measured here beside what compare ships, which does not include it.
        systems[VOICES] = _merge(systems[MAIN], _voice_claims(captured[0]))
        for t in args.sweep:  # the same story's claims, other distinctiveness thresholds
            facts_module.DISTINCT_ABOVE = t
            try:
                unique, context = original(captured[0])
            finally:
                facts_module.DISTINCT_ABOVE = shipped
            swept = type(story)(story.id, story.articles, (*unique, *context))
            systems[f"parallax, distinctiveness ≥ {t:.2f}"] = marked_by_finding(swept, MARKING_KINDS)
        for t, marks in baseline_marks(event, [a.id for a in articles], embedder, args.thresholds).items():
            systems[f"MiniLM sentence < {t:.2f}"] = marks
        row: dict[str, Any] = {"event": event.id, "half": event.half, "compare_s": round(took, 3)}
        for name, marks in systems.items():
            one = Tally()
            for basil, article in zip(event.articles, articles, strict=True):
                marked = marks.get(article.id, [])
                one.add(basil, marked)
                for half in (event.half, "all"):
                    tallies.setdefault(name, {}).setdefault(half, Tally()).add(basil, marked)
            row[name] = one.summary()
        per_event.append(row)
        summary = row[MAIN]
        print(f"{event.index:3d} {event.half} {took:5.2f}s share {summary['share']:.3f} recall "
              f"{summary['recall_chars']:.3f}")  # fmt: skip
    story_module.fact_findings = original  # type: ignore[assignment]
    results = {
        name: {half: t.summary() for half, t in halves.items()}
        for name, halves in sorted(tallies.items(), key=lambda pair: _row_order(pair[0]))
    }
    speed: dict[str, Any] = {
        "basil_3_articles_median_s": round(statistics.median(seconds), 3) if seconds else None,
        "basil_3_articles_max_s": round(max(seconds), 3) if seconds else None,
    }
    ten = giveme_story(args.data) if not args.skip_ten else None
    if ten:
        from parallax.pipeline import _embed_claims

        prepared = prepare(ten, embedder, cache)
        runs = []
        for _ in range(3):
            # Quotes and anything else compare embeds are embedded afresh; the claims stay cached, as
            # they are in the pipeline, which embeds them before it compares (``_embed_claims``).
            embedder._cache.clear()
            _embed_claims(prepared.articles, prepared.annotated, embedder)
            runs.append(compare_one_story(prepared, embedder)[1])
        speed.update(
            {
                "ten_articles": len(ten),
                "ten_articles_median_s": round(statistics.median(runs), 3),
                "ten_articles_runs_s": [round(r, 3) for r in runs],
                "ten_annotate_s": round(prepared.annotate_seconds, 2),
                "ten_met": statistics.median(runs) <= TARGET_SECONDS_10,
            }
        )
    return {"results": results, "speed": speed, "events": per_event, "n_events": len(events)}


def render_markdown(payload: dict[str, Any]) -> str:
    results, speed = payload["results"], payload["speed"]
    info = payload["machine"]
    lines = [
        "# Facts one outlet chose to include: BASIL `bias: inf` spans",
        "",
        f"Run {info['date']} on {info['cpu_count']} CPUs ({info['platform']}); {payload['n_events']} events,",
        "tuning half = even event index, test half = odd. Share = characters marked / all characters;",
        "recall = `bias: inf` characters (or spans with ≥ 50 % marked) inside the same article's marks;",
        f"lift = recall / share. Target: lift ≥ {TARGET_LIFT} and recall ≥ {TARGET_RECALL}.",
        "",
    ]
    header = ["system", "half", "share", "recall (chars)", "recall (spans)", "precision", "lift", "target"]
    rows = []
    for name, halves in results.items():
        for half in ("tune", "test", "all"):
            if half not in halves:
                continue
            s = halves[half]
            rows.append(
                [
                    name,
                    half,
                    f"{s['share']:.3f}",
                    f"{s['recall_chars']:.3f}",
                    f"{s['recall_spans']:.3f}",
                    f"{s['precision_chars']:.3f}",
                    f"{s['lift']:.2f}",
                    "" if name.startswith("  of which") else "met" if s["met"] else "missed",
                ]
            )
    lines += markdown_table(header, rows)
    lines += ["", "## Speed (compare after annotation)", ""]
    speed_rows = [
        ["BASIL story, 3 articles (median / max)", f"{speed['basil_3_articles_median_s']} / "
         f"{speed['basil_3_articles_max_s']} s"],
    ]  # fmt: skip
    if "ten_articles_median_s" in speed:
        speed_rows.append(
            [
                f"Giveme5W1H story, {speed['ten_articles']} articles (median of 3)",
                f"{speed['ten_articles_median_s']} s (target ≤ {TARGET_SECONDS_10} s: "
                f"{'met' if speed['ten_met'] else 'missed'}; annotation took {speed['ten_annotate_s']} s)",
            ]
        )
    lines += markdown_table(["story", "seconds"], speed_rows)
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument(
        "--thresholds",
        type=lambda s: tuple(float(x) for x in s.split(",")),
        default=BASELINE_THRESHOLDS,
        help="baseline cosine thresholds, comma-separated",
    )
    parser.add_argument(
        "--sweep",
        type=lambda s: tuple(float(x) for x in s.split(",")),
        default=SWEEP,
        help="distinctiveness thresholds to report beside the shipped one, comma-separated",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N events (a smoke run)")
    parser.add_argument(
        "--half", choices=("tune", "test", "all"), default="all", help="only this half (writes nothing)"
    )
    parser.add_argument("--skip-ten", action="store_true", help="skip the 10-article speed story")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write results")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.data / "basil" / "basil-2010-2014.jsonl").exists():
        print(f"BASIL not found under {args.data}; nothing measured", file=sys.stderr)
        return 0
    payload = run(args)
    payload["machine"] = machine()
    payload["thresholds"] = list(args.thresholds)
    payload["sweep"] = list(args.sweep)
    markdown = render_markdown(payload)
    print(markdown)
    if not args.no_write and not args.limit and args.half == "all":
        write_results("facts", payload, markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
