"""Speakers: whom each quote is attributed to, on a small hand-checked set of Giveme5W1H quotes.

The PolNeAR benchmark (``quotes.py``) scores the source *span* ("he"), never whom "he" resolves to; a
reader sees the resolved speaker (``Quote.speaker_name``). ``benchmarks/data/speakers.jsonl`` holds quotes
drawn at random from Giveme5W1H articles, each with the speaker a reader of the text would name (see
``benchmarks/data/README.md``): a person or organisation, ``role: …`` where the text names only a role,
or ``unknown``.

Every event that holds a labelled article is annotated whole with ``parallax.pipeline.annotate`` (entity
names are canonicalised across an event's articles, as ``compare`` does), each article cleaned as
``compare_documents`` cleans it. Each labelled quote is matched to the predicted quote of its article whose
content overlaps it most; the speaker is right when:

- gold is a name: the predicted ``speaker_name`` is that name or a part of it, or holds it ("Trump" for
  "Donald Trump", "Patrick Paddock II" for "Patrick Paddock"; honorifics aside), or is one of the item's
  ``accept`` names (an acronym, another name the article gives);
- gold is ``role: …``: no entity is named and the predicted name is the role's words (or an ``accept`` name);
- gold is ``unknown``: no speaker is given.

Accuracy is reported overall and per class (``pronoun``: he/she said; ``role``: "the mayor said";
``carried``: a quote with no cue of its own, carried on from the one before; ``named``: the cue's subject
names the speaker). Results: ``benchmarks/results/speakers.{json,md}``.

    .venv/bin/python benchmarks/speakers.py
    .venv/bin/python benchmarks/speakers.py --limit 5 --no-write    # smoke run
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "benchmarks" / "data" / "speakers.jsonl"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "giveme5w1h" / "news_cluster.jsonl"
CLASSES = ("pronoun", "role", "carried", "named")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "president", "sen", "gov", "rep"})


@dataclass(frozen=True)
class Item:
    """One labelled quote: where its content lies in the clean article body, and who says it."""

    id: str
    article: str  # Giveme5W1H article id
    event: str
    start: int
    end: int
    quote: str
    context: str
    speaker: str  # a name, "role: …" or "unknown"
    accept: tuple[str, ...]
    cls: str
    note: str = ""


def load_set(path: Path) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        items.append(
            Item(
                r["id"],
                r["article"],
                str(r["event"]),
                int(r["start"]),
                int(r["end"]),
                r["quote"],
                r.get("context", ""),
                r["speaker"],
                tuple(r.get("accept", ())),
                r["class"],
                r.get("note", ""),
            )
        )
    return items


def read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def full_text(row: dict[str, Any]) -> str:
    """Title and text joined as ``clustering.py`` joins them."""
    title, text = (row.get("title") or "").strip(), row.get("text") or ""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n{text}"


def annotate_events(
    rows: Sequence[dict[str, Any]], events: Iterable[str]
) -> dict[str, tuple[Any, list[Any]]]:
    """Per Giveme5W1H article id of the given events: its clean Article and the quotes parallax finds."""
    from parallax.model import Document
    from parallax.pipeline import annotate, clean_all

    out: dict[str, tuple[Any, list[Any]]] = {}
    for event in sorted(set(events)):
        docs = [
            Document(
                r["id"], full_text(r), outlet=r.get("outlet"), published=r.get("published"), language="en"
            )
            for r in rows
            if str(r["event"]) == event
        ]
        articles, _, _ = clean_all(docs)
        annotated = annotate(articles)
        for a in articles:
            out[a.source] = (a, annotated.quotes[a.id])
    return out


def _norm(name: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", name.casefold().replace("’", "'"))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return [w for w in words if w not in HONORIFICS and w not in ("the", "a", "an")]


def same_name(predicted: str, gold: str) -> bool:
    """The same name, or a part of it ("Trump" / "Donald Trump", "Ren" / "Ren Guoqiang")."""
    p, g = _norm(predicted), _norm(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    shorter, longer = (p, g) if len(p) < len(g) else (g, p)
    return set(shorter) <= set(longer)


def correct(item: Item, speaker: str | None, name: str | None) -> bool:
    if item.speaker == "unknown":
        return not name
    if not name:
        return False
    if any(same_name(name, a) for a in item.accept):
        return True
    if item.speaker.startswith("role:"):
        role = _norm(item.speaker.removeprefix("role:"))
        return speaker is None and bool(role) and role[-1] in _norm(name)
    return same_name(name, item.speaker)


@dataclass(frozen=True)
class Outcome:
    id: str
    cls: str
    gold: str
    found: bool  # a predicted quote overlaps the labelled content
    speaker: str | None
    name: str | None
    correct: bool


def judge(item: Item, article: Any, quotes: Sequence[Any]) -> Outcome:
    best, overlap = None, 0
    for q in quotes:
        o = min(item.end, q.content.end) - max(item.start, q.content.start)
        if o > overlap:
            best, overlap = q, o
    if article.body[item.start : item.end] != item.quote:
        raise ValueError(f"{item.id}: the clean body no longer holds the labelled quote at its offsets")
    if best is None:
        return Outcome(item.id, item.cls, item.speaker, False, None, None, item.speaker == "unknown")
    ok = correct(item, best.speaker, best.speaker_name)
    return Outcome(item.id, item.cls, item.speaker, True, best.speaker, best.speaker_name, ok)


def run(items: Sequence[Item], rows: Sequence[dict[str, Any]]) -> list[Outcome]:
    found = annotate_events(rows, {i.event for i in items})
    return [judge(i, *found[i.article]) for i in items]


def accuracy(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    right = sum(o.correct for o in outcomes)
    return {
        "n": len(outcomes),
        "correct": right,
        "accuracy": round(right / len(outcomes), 3) if outcomes else None,
    }


def score(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    by_cls: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_cls[o.cls].append(o)
    return {
        "overall": accuracy(outcomes),
        "by_class": {c: accuracy(by_cls[c]) for c in CLASSES if by_cls[c]},
        "not_found": sum(not o.found for o in outcomes),
    }


def markdown(payload: dict[str, Any]) -> str:
    s = payload["scores"]
    lines = [
        "# Speakers: whom quotes are attributed to",
        "",
        f"Set: `{payload['set']}`, {s['overall']['n']} hand-labelled quotes from Giveme5W1H articles "
        f"({payload['articles']} articles, {payload['events']} events). "
        f"Machine: {payload['machine']['cpu_count']} CPUs, {payload['machine']['platform']}, "
        f"{payload['machine']['date']}; {payload['seconds']:.0f} s.",
        "",
    ]
    rows = [["all", str(s["overall"]["n"]), str(s["overall"]["correct"]), f"{s['overall']['accuracy']:.3f}"]]
    rows += [[c, str(v["n"]), str(v["correct"]), f"{v['accuracy']:.3f}"] for c, v in s["by_class"].items()]
    lines += markdown_table(["class", "quotes", "right", "accuracy"], rows)
    lines += [
        "",
        f"Labelled quotes no predicted quote overlaps: {s['not_found']}.",
        "",
        "## Wrong speakers",
        "",
    ]
    wrong = [o for o in payload["outcomes"] if not o["correct"]]
    lines += markdown_table(
        ["id", "class", "gold", "predicted"],
        [
            [o["id"], o["cls"], o["gold"], str(o["name"]) if o["found"] else "(quote not found)"]
            for o in wrong
        ],
    )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled quotes (JSONL)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Giveme5W1H's news_cluster.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N labelled quotes")
    parser.add_argument("--no-write", action="store_true", help="print the scores, write no results")
    parser.add_argument("--wrong", action="store_true", help="print every wrong speaker")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}: skipped")
        return 0
    items = load_set(args.set)[: args.limit]
    rows = read_rows(args.data)
    started = time.perf_counter()
    outcomes = run(items, rows)
    seconds = time.perf_counter() - started
    scores = score(outcomes)
    overall = scores["overall"]
    print(f"speaker accuracy: {overall['correct']}/{overall['n']} = {overall['accuracy']}")
    for c, v in scores["by_class"].items():
        print(f"  {c:8} {v['correct']:3}/{v['n']:3} = {v['accuracy']}")
    print(f"  not found: {scores['not_found']}")
    if args.wrong:
        for o in outcomes:
            if not o.correct:
                print(f"  WRONG {o.id} [{o.cls}] gold={o.gold!r} predicted={o.name!r}")
    if not args.no_write:
        payload = {
            "set": str(args.set.relative_to(ROOT)) if args.set.is_relative_to(ROOT) else str(args.set),
            "articles": len({i.article for i in items}),
            "events": len({i.event for i in items}),
            "machine": machine(),
            "seconds": round(seconds, 1),
            "scores": scores,
            "outcomes": [o.__dict__ for o in outcomes],
        }
        write_results("speakers", payload, markdown(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
