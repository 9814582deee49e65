"""MiniLM encoding speed by batch size, to choose ``MiniLMEmbedder``'s default.

Two inputs from ``../shared/data/giveme5w1h/news_cluster.jsonl``: sentences (what claims, quotes and tone
embed) and article leads cut to 200 words (what stories embed). Each batch size runs on the same texts
with an empty cache, sizes interleaved so that a change in machine load touches them alike; medians of
``--repeats`` runs, and each size's speed as a ratio to batch 64 (the default before it was measured).

    .venv/bin/python benchmarks/embedding.py [--data ../shared/data] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

BATCH_SIZES = (8, 16, 32, 64)
BASELINE = 64
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def texts(data: Path) -> dict[str, list[str]]:
    path = data / "giveme5w1h" / "news_cluster.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    bodies = [str(r.get("text") or "") for r in rows]
    sentences = [s for body in bodies[:40] for s in SENTENCE_END.split(body) if s.strip()][:400]
    leads = [" ".join(body.split()[:200]) for body in bodies[:120] if body.strip()]
    return {"sentences": sentences, "leads": leads}


def measure(inputs: dict[str, list[str]], repeats: int) -> dict[str, dict[int, list[float]]]:
    from parallax.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    embedder.embed(["warm up"])
    seconds: dict[str, dict[int, list[float]]] = {name: {b: [] for b in BATCH_SIZES} for name in inputs}
    for _ in range(repeats):
        for name, items in inputs.items():
            for batch in BATCH_SIZES:
                embedder._batch_size = batch
                embedder._cache.clear()
                started = time.perf_counter()
                embedder.embed(items)
                seconds[name][batch].append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not (args.data / "giveme5w1h" / "news_cluster.jsonl").exists():
        print(f"no giveme5w1h/news_cluster.jsonl under {args.data}", file=sys.stderr)
        return 2
    inputs = texts(args.data)
    load_before = os.getloadavg()[0]
    seconds = measure(inputs, args.repeats)
    rows, results = [], []
    for name, items in inputs.items():
        words = sum(len(t.split()) for t in items)
        base = statistics.median(seconds[name][BASELINE])
        for batch in BATCH_SIZES:
            median = statistics.median(seconds[name][batch])
            result: dict[str, Any] = {
                "input": name,
                "texts": len(items),
                "words": words,
                "batch_size": batch,
                "seconds": [round(s, 3) for s in seconds[name][batch]],
                "median_s": round(median, 3),
                "words_per_s": round(words / median),
                "speedup_vs_64": round(base / median, 2),
            }
            results.append(result)
            speed = f"{base / median:.2f}×"
            words_per_s = str(result["words_per_s"])
            rows.append([name, str(len(items)), str(batch), f"{median:.2f}", words_per_s, speed])
    info = machine()
    load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    info["load_average_before_after"] = load
    lines = [
        "# MiniLM encoding speed by batch size",
        "",
        f"{info['date']}, {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}; "
        f"1-minute load {load[0]} before, {load[1]} after. "
        f"Median of {args.repeats} runs per size, sizes interleaved; empty cache each run.",
        "",
        *markdown_table(["input", "texts", "batch", "median s", "words/s", "speed vs 64"], rows),
        "",
    ]
    markdown = "\n".join(lines)
    print(markdown)
    write_results("embedding", {"machine": info, "results": results}, markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
