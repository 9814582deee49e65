"""Article text from HTML: ``parallax.clean`` beside trafilatura on its own, on Zyte's article extraction
benchmark (``../shared/data/article-extraction-benchmark``: 181 pages with their hand-made article body).

Systems, each over the same pages in the same run:

- ``trafilatura``: ``trafilatura.extract`` with its defaults, the baseline a reader would reach for.
- ``trafilatura (parallax settings)``: the extraction step of ``parallax.clean`` alone (precision mode, no
  comments or tables, plain mode when precision mode finds nothing).
- ``parallax``: ``parallax.clean`` whole: that extraction, then the line rules (headline, bylines, bios,
  promos, captions, credits) that cut lines which are not the story.

The score is the benchmark's own (its ``evaluate.py``): per page, the multisets of 4-token shingles of the
predicted and true bodies give TP, FP and FN, normalised to sum to 1 so that long pages do not weigh more;
precision and recall are their means over pages, F1 is computed from those means. A page a system fails on
(an ``InputProblem``) counts as an empty prediction. The bootstrap interval is 1.96 standard deviations of
F1 over 1,000 resamples of the pages (seed 0).

    .venv/bin/python benchmarks/extraction.py              # about a minute
    .venv/bin/python benchmarks/extraction.py --no-write   # print only
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import trafilatura
from bench_common import machine, markdown_table, write_results

from parallax.clean import _extract_html, clean
from parallax.errors import InputProblem
from parallax.model import Document

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
TOKEN = re.compile(r"\w+")
SHINGLE = 4
Counts = tuple[float, float, float]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens)


def page_counts(true: str, pred: str) -> Counts:
    """TP, FP and FN over 4-token shingles, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp, fn = sum((p - t).values()), sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def scores(counts: Sequence[Counts]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def f1_interval(counts: Sequence[Counts], rounds: int = 1000) -> float:
    rng = random.Random(0)
    values = [scores([counts[rng.randrange(len(counts))] for _ in counts])["f1"] for _ in range(rounds)]
    return 1.96 * statistics.stdev(values)


def load_pages(data: Path) -> list[tuple[str, str, str, str | None]]:
    """(key, html, true body, url) for every page whose HTML is in the snapshot."""
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = data / "html" / f"{key}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append((key, html, item.get("articleBody", ""), item.get("url")))
    return pages


def _document(key: str, html: str, url: str | None) -> Document:
    return Document(key, html, is_html=True, url=url)


def trafilatura_default(key: str, html: str, url: str | None) -> str:
    return trafilatura.extract(html, url=url) or ""


def parallax_extraction(key: str, html: str, url: str | None) -> str:
    return _extract_html(_document(key, html, url))[0]


def parallax_clean(key: str, html: str, url: str | None) -> str:
    return clean(_document(key, html, url)).body


SYSTEMS: dict[str, Callable[[str, str, str | None], str]] = {
    "trafilatura": trafilatura_default,
    "trafilatura (parallax settings)": parallax_extraction,
    "parallax": parallax_clean,
}


def run_system(name: str, pages: Sequence[tuple[str, str, str, str | None]]) -> dict[str, Any]:
    counts: list[Counts] = []
    failed = 0
    started = time.perf_counter()
    for key, html, true, url in pages:
        try:
            pred = SYSTEMS[name](key, html, url)
        except InputProblem:
            pred, failed = "", failed + 1
        counts.append(page_counts(true, pred))
    seconds = time.perf_counter() - started
    return {
        "system": name,
        **scores(counts),
        "f1_ci": f1_interval(counts),
        "failed": failed,
        "pages_per_s": len(pages) / seconds,
        "counts": counts,
    }


def render(payload: dict[str, Any]) -> str:
    m = payload["machine"]
    rows = [
        (
            r["system"],
            f"{r['f1']:.3f} ± {r['f1_ci']:.3f}",
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            str(r["failed"]),
            f"{r['pages_per_s']:.1f}",
        )
        for r in payload["results"]
    ]
    lines = [
        "# Article text from HTML: parallax.clean beside trafilatura",
        "",
        f"Machine: {m['cpu_count']} CPUs, {m['platform']}, Python {m['python']}; {m['date']}; 1-minute load "
        f"average {payload['load']:.1f} at the end (pages/s are a guide when the machine is shared).",
        f"Data: Zyte's article extraction benchmark, {payload['pages']} pages with a hand-made article body. "
        "Score: the benchmark's own (4-token shingles, per-page TP/FP/FN normalised, precision and recall "
        "averaged over pages); ± is 1.96 bootstrap standard deviations of F1.",
        "",
        *markdown_table(("system", "F1", "precision", "recall", "failed pages", "pages/s"), rows),
        "",
        "`trafilatura` is `trafilatura.extract` with its defaults; `trafilatura (parallax settings)` is the "
        "extraction step of `parallax.clean` alone; `parallax` adds the line rules. A failed page (an "
        "`InputProblem`: no article text found) scores as an empty prediction.",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-write", action="store_true", help="print the table, write no results")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no data at {args.data}: skipped")
        return 0
    pages = load_pages(args.data)
    results = [run_system(name, pages) for name in SYSTEMS]
    payload = {"machine": machine(), "pages": len(pages), "results": results, "load": os.getloadavg()[0]}
    markdown = render(payload)
    print(markdown)
    if not args.no_write:
        for r in results:
            r.pop("counts")
        write_results("extraction", payload, markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
