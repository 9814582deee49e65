"""Throughput of `compare_documents` beside its model-bound floor (spaCy parse + MiniLM embeddings).

For each size n (articles from ``news_cluster.jsonl``) a fresh worker subprocess loads the models, warms
up, then times the full pipeline and the bare model passes over the same cleaned bodies, R times each,
and reports its own peak RSS. The parent prints a table and writes ``benchmarks/results/throughput.*``.

    .venv/bin/python benchmarks/throughput.py                 # sizes 2,10,100, 3 repeats
    .venv/bin/python benchmarks/throughput.py --quick         # sizes 2,10, 1 repeat (smoke run)
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

TARGET = 1.5
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "giveme5w1h" / "news_cluster.jsonl"
STAGES = ("clean_all", "annotate", "parse", "_embed_claims", "_story_inputs", "compare_story")


# ---------------------------------------------------------------- data


def load_rows(path: Path) -> list[dict[str, Any]]:
    """Every record of the JSONL file, with its 1-based line number under ``_line``."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                rows.append({**json.loads(line), "_line": number})
    return rows


def pick(rows: list[dict[str, Any]], n: int) -> list[int]:
    """Indices of n rows: one event (the largest that has n articles) for small n, else the first n."""
    if n > 10:
        return list(range(min(n, len(rows))))
    for event, count in Counter(r.get("event_id") for r in rows).most_common():
        if count >= n:
            return [i for i, r in enumerate(rows) if r.get("event_id") == event][:n]
    return list(range(min(n, len(rows))))


def to_document(row: dict[str, Any]) -> Any:
    from parallax.model import Document

    return Document(
        source=f"news_cluster.jsonl#{row['_line']}",
        text=row["text"],
        title=row.get("title"),
        outlet=row.get("outlet") or row.get("source_domain"),
        url=row.get("url"),
        published=row.get("published") or row.get("date_publish"),
    )


# ---------------------------------------------------------------- worker (runs in a fresh process)


def timed(name: str, fn: Callable[..., Any], totals: dict[str, float]) -> Callable[..., Any]:
    """Wrap fn so that its wall time accumulates in totals[name]."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start

    return wrapper


def instrument(embedder: Any) -> dict[str, float]:
    """Monkeypatch the pipeline's stage functions and the embedder with timers; return the totals."""
    import parallax.pipeline as pipeline

    totals: dict[str, float] = defaultdict(float)
    for name in STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name), totals))
    embedder.embed = timed("embed (all calls)", embedder.embed, totals)
    return totals


def rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_pipeline(documents: Sequence[Any], embedder: Any, repeats: int) -> dict[str, Any]:
    """Run compare_documents `repeats` times with an empty embedding cache; wall times and stage times."""
    from parallax.pipeline import compare_documents

    totals = instrument(embedder)
    walls, stages, stories = [], [], 0
    for _ in range(repeats):
        embedder._cache.clear()
        totals.clear()
        start = time.perf_counter()
        report = compare_documents(documents, embedder=embedder)
        walls.append(time.perf_counter() - start)
        stages.append(dict(totals))
        stories = len(report.stories)
    return {"wall_s": walls, "stages_s": stages, "stories": stories, "articles": len(report.articles)}


def time_floor(bodies: list[str], embedder: Any, repeats: int) -> dict[str, Any]:
    """Bare model passes: spaCy over the bodies, then MiniLM over their sentences (empty cache)."""
    from parallax.annotate.nlp import parse

    spacy_s, embed_s, sentences = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        docs = parse(bodies)
        spacy_s.append(time.perf_counter() - start)
        sentences = [s.text for doc in docs for s in doc.sents]
        embedder._cache.clear()
        start = time.perf_counter()
        embedder.embed(sentences)
        embed_s.append(time.perf_counter() - start)
    return {"spacy_s": spacy_s, "embed_s": embed_s, "sentences": len(sentences)}


def warm_up(documents: Sequence[Any]) -> Any:
    """Load spaCy and MiniLM and run the pipeline once, untimed; return the embedder to measure with."""
    from parallax.annotate.nlp import load_nlp
    from parallax.embed import MiniLMEmbedder
    from parallax.pipeline import compare_documents

    load_nlp()
    embedder = MiniLMEmbedder()
    compare_documents(documents[:2], embedder=embedder)
    embedder._cache.clear()
    return embedder


def worker(data: Path, indices: list[int], repeats: int) -> dict[str, Any]:
    """Measure one size in this (fresh) process: floor first, then the instrumented pipeline."""
    from parallax.pipeline import clean_all

    rows = load_rows(data)
    documents = [to_document(rows[i]) for i in indices]
    embedder = warm_up(documents)
    rss_warm = rss_mb()
    bodies = [a.body for a in clean_all(documents)[0]]
    floor = time_floor(bodies, embedder, repeats)
    result = time_pipeline(documents, embedder, repeats)
    chars = sum(len(b) for b in bodies)
    return {**result, **floor, "chars": chars, "rss_after_warmup_mb": rss_warm, "peak_rss_mb": rss_mb()}


# ---------------------------------------------------------------- parent


def run_worker(data: Path, indices: list[int], repeats: int) -> dict[str, Any]:
    """Run this script with --worker in a fresh interpreter; its last stdout line is the JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--data", str(data)]
    command += ["--repeats", str(repeats), "--indices", ",".join(map(str, indices))]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"worker for {len(indices)} articles failed (exit {done.returncode})")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def summarise(n: int, raw: dict[str, Any]) -> dict[str, Any]:
    """The table row of one size: medians, throughput, floor and overhead ratio."""
    pipeline = statistics.median(raw["wall_s"])
    spacy_s, embed_s = statistics.median(raw["spacy_s"]), statistics.median(raw["embed_s"])
    floor = spacy_s + embed_s
    stage_names = sorted({k for run in raw["stages_s"] for k in run})
    stages = {k: statistics.median(run.get(k, 0.0) for run in raw["stages_s"]) for k in stage_names}
    return {
        "n": n,
        "pipeline_s": pipeline,
        "articles_per_s": n / pipeline,
        "spacy_s": spacy_s,
        "embed_s": embed_s,
        "floor_s": floor,
        "ratio": pipeline / floor,
        "within_target": pipeline / floor <= TARGET,
        "peak_rss_mb": raw["peak_rss_mb"],
        "stages_median_s": stages,
    }


HEADER = ("n", "pipeline s", "articles/s", "spaCy s", "embed s", "floor s", "ratio", "peak RSS MB", "≤1.5×")


def table_rows(rows: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    return [
        (
            str(r["n"]),
            f"{r['pipeline_s']:.2f}",
            f"{r['articles_per_s']:.2f}",
            f"{r['spacy_s']:.2f}",
            f"{r['embed_s']:.2f}",
            f"{r['floor_s']:.2f}",
            f"{r['ratio']:.2f}",
            f"{r['peak_rss_mb']:.0f}",
            "yes" if r["within_target"] else "NO",
        )
        for r in rows
    ]


def stage_table(rows: list[dict[str, Any]]) -> list[str]:
    """Median seconds per pipeline stage (timers overlap: parse is inside annotate, embeds inside others)."""
    names = sorted({k for r in rows for k in r["stages_median_s"]})
    body = [
        (str(r["n"]), *(f"{r['stages_median_s'].get(k, 0.0):.2f}" for k in names), f"{r['pipeline_s']:.2f}")
        for r in rows
    ]
    return markdown_table(("n", *names, "total"), body)


def render_markdown(info: dict[str, Any], rows: list[dict[str, Any]], repeats: int, data: Path) -> str:
    lines = [
        "# Throughput of `compare_documents`",
        "",
        f"Data: `{data.name}`; median of {repeats} run(s) per size; each size in a fresh process.",
        f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}; {info['date']}.",
        "Floor = spaCy `parse` over the cleaned bodies + MiniLM over their sentences (empty cache).",
        f"Target: pipeline / floor ≤ {TARGET}×.",
        "",
        *markdown_table(HEADER, table_rows(rows)),
        "",
        "## Stage breakdown (median s; `parse` is inside `annotate`, embedding calls inside the others)",
        "",
        *stage_table(rows),
        "",
    ]
    return "\n".join(lines)


def print_table(rows: list[dict[str, Any]]) -> None:
    widths = [max(len(h), 8) for h in HEADER]
    print("  ".join(h.rjust(w) for h, w in zip(HEADER, widths, strict=True)))
    for row in table_rows(rows):
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def measure(data: Path, sizes: list[int], repeats: int) -> tuple[list[dict[str, Any]], dict[int, Any]]:
    rows = load_rows(data)
    summaries, raws = [], {}
    for n in sizes:
        indices = pick(rows, n)
        print(f"measuring n={len(indices)} ({repeats} repeat(s)) ...", flush=True)
        raws[n] = {"indices": indices, **run_worker(data, indices, repeats)}
        summaries.append(summarise(len(indices), raws[n]))
    return summaries, raws


Summary = list[dict[str, Any]]


def save_results(info: dict[str, Any], summaries: Summary, raws: dict[int, Any], args: Any) -> None:
    payload = {"machine": info, "repeats": args.repeats, "target_ratio": TARGET, "data": str(args.data)}
    payload |= {"summary": summaries, "raw": {str(n): raw for n, raw in raws.items()}}
    write_results("throughput", payload, render_markdown(info, summaries, args.repeats, args.data))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="news_cluster.jsonl to read")
    parser.add_argument("--sizes", default="2,10,100", help="comma-separated article counts")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per size (median is reported)")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 2,10 and 1 repeat")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--indices", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeats = "2,10", 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        indices = [int(i) for i in args.indices.split(",")]
        print(json.dumps(worker(args.data, indices, args.repeats)))
        return 0
    if not args.data.is_file():
        print(f"data not found: {args.data} (pass --data PATH); nothing measured, no results written")
        return 0
    summaries, raws = measure(args.data, [int(s) for s in args.sizes.split(",")], args.repeats)
    info = machine()
    print(f"\n{info['cpu_count']} CPUs, {info['platform']}, {info['date']}")
    print_table(summaries)
    save_results(info, summaries, raws, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
