"""Speakers: whom each quote is attributed to, on small hand-checked sets of Giveme5W1H and ECB+ quotes.

The PolNeAR benchmark (``quotes.py``) scores the source *span* ("he"), never whom "he" resolves to; a
reader sees the resolved speaker (``Quote.speaker_name``). ``benchmarks/data/speakers.jsonl`` holds quotes
drawn at random from Giveme5W1H articles, each with the speaker a reader of the text would name (see
``benchmarks/data/README.md``): a person or organisation, ``role: …`` where the text names only a role,
or ``unknown``. The speaker rules were written while reading that set, so its figure is optimistic;
``benchmarks/data/speakers_ecbplus.jsonl`` (``--corpus ecbplus``) is a second set of the same shape drawn
from ECB+ articles no rule was written from. Its results are also given per half, by ECB+ topic: even
topics are the ``dev`` half (errors read, rules fixed), odd topics the ``test`` half (never read).

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
import dataclasses
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
ECBPLUS_SET = ROOT / "benchmarks" / "data" / "speakers_ecbplus.jsonl"
ECBPLUS_DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-topics-1-35.jsonl"


@dataclass(frozen=True)
class Corpus:
    """Where a labelled set's articles come from, and where its results go."""

    name: str  # as printed: "Giveme5W1H", "ECB+"
    set: Path
    data: Path
    results: str  # benchmarks/results/<results>.{json,md}


CORPORA = {
    "giveme5w1h": Corpus("Giveme5W1H", DEFAULT_SET, DEFAULT_DATA, "speakers"),
    "ecbplus": Corpus("ECB+", ECBPLUS_SET, ECBPLUS_DATA, "speakers_ecbplus"),
}
CLASSES = ("pronoun", "role", "carried", "named")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "president", "sen", "gov", "rep"})


@dataclass(frozen=True)
class Item:
    """One labelled quote: where its content lies in the clean article body, and who says it."""

    id: str
    article: str  # Giveme5W1H or ECB+ article id
    event: str
    start: int
    end: int
    quote: str
    context: str
    speaker: str  # a name, "role: …" or "unknown"
    accept: tuple[str, ...]
    cls: str
    note: str = ""


CONTEXT_MARK = "⟦…⟧"  # where the quote stands in an item's context
CONTEXT_LEAD = 40  # characters of that context before the quote that place it in the body


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
    """Per article id of the given events: its clean Article and the quotes parallax finds."""
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
    if best is None:
        return Outcome(item.id, item.cls, item.speaker, False, None, None, item.speaker == "unknown")
    ok = correct(item, best.speaker, best.speaker_name)
    return Outcome(item.id, item.cls, item.speaker, True, best.speaker, best.speaker_name, ok)


def run(items: Sequence[Item], rows: Sequence[dict[str, Any]]) -> tuple[list[Outcome], list[str]]:
    """Each labelled quote judged, and the ids of those the clean body no longer holds at all."""
    found = annotate_events(rows, {i.event for i in items})
    outcomes, removed = [], []
    for item in items:
        anchored = anchor(item, found[item.article][0].body)
        if anchored is None:
            removed.append(item.id)
        else:
            outcomes.append(judge(anchored, *found[item.article]))
    return outcomes, removed


def anchor(item: Item, body: str) -> Item | None:
    """The item at its offsets in today's clean body: moved where cleaning shifted the text (a line
    before it now removed), None where cleaning removed the quote itself (a promo row it stood in)."""
    if body[item.start : item.end] == item.quote:
        return item
    starts = [m.start() for m in re.finditer(re.escape(item.quote), body)]
    if len(starts) > 1:  # the quote said twice: the one its labelled context leads into
        lead = item.context.split(CONTEXT_MARK)[0][-CONTEXT_LEAD:]
        starts = [s for s in starts if body[max(0, s - len(lead)) : s] == lead]
    if len(starts) != 1:
        return None
    return dataclasses.replace(item, start=starts[0], end=starts[0] + len(item.quote))


def accuracy(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    right = sum(o.correct for o in outcomes)
    return {
        "n": len(outcomes),
        "correct": right,
        "accuracy": round(right / len(outcomes), 3) if outcomes else None,
    }


def ecbplus_half(article: str) -> str:
    """``dev`` for an ECB+ article of an even topic ("12_16ecb"), ``test`` for an odd one."""
    return "dev" if int(article.split("_", 1)[0]) % 2 == 0 else "test"


def score(outcomes: Sequence[Outcome], halves: dict[str, str] | None = None) -> dict[str, Any]:
    """Accuracy overall and per class; per half too where ``halves`` maps each outcome id to one."""
    by_cls: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_cls[o.cls].append(o)
    scores = {
        "overall": accuracy(outcomes),
        "by_class": {c: accuracy(by_cls[c]) for c in CLASSES if by_cls[c]},
        "not_found": sum(not o.found for o in outcomes),
    }
    if halves:
        by_half: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            by_half[halves[o.id]].append(o)
        scores["by_half"] = {h: score(by_half[h]) for h in sorted(by_half)}
    return scores


def markdown(payload: dict[str, Any]) -> str:
    s = payload["scores"]
    lines = [
        "# Speakers: whom quotes are attributed to",
        "",
        f"Set: `{payload['set']}`, {s['overall']['n']} hand-labelled quotes "
        f"from {payload['corpus']} articles "
        f"({payload['articles']} articles, {payload['events']} events). "
        f"Machine: {payload['machine']['cpu_count']} CPUs, {payload['machine']['platform']}, "
        f"{payload['machine']['date']}; {payload['seconds']:.0f} s.",
        "",
    ]
    rows = [["all", str(s["overall"]["n"]), str(s["overall"]["correct"]), f"{s['overall']['accuracy']:.3f}"]]
    rows += [[c, str(v["n"]), str(v["correct"]), f"{v['accuracy']:.3f}"] for c, v in s["by_class"].items()]
    lines += markdown_table(["class", "quotes", "right", "accuracy"], rows)
    if "by_half" in s:
        lines += ["", "Per half (by ECB+ topic; errors were read on `dev` only):", ""]
        half_rows = []
        for h, v in s["by_half"].items():
            o = v["overall"]
            per_class = ", ".join(f"{c} {w['correct']}/{w['n']}" for c, w in v["by_class"].items())
            half_rows.append([h, str(o["n"]), str(o["correct"]), f"{o['accuracy']:.3f}", per_class])
        lines += markdown_table(["half", "quotes", "right", "accuracy", "per class"], half_rows)
    lines += [
        "",
        f"Labelled quotes no predicted quote overlaps: {s['not_found']}.",
        "",
        *(
            [
                f"Not scored, cleaned away since labelled (promo text): {', '.join(s['cleaned_away'])}.",
                "",
            ]
            if s.get("cleaned_away")
            else []
        ),
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
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="giveme5w1h", help="whose articles")
    parser.add_argument("--set", type=Path, default=None, help="the labelled quotes (JSONL)")
    parser.add_argument("--data", type=Path, default=None, help="the corpus's articles (JSONL)")
    parser.add_argument("--half", choices=("dev", "test"), default=None, help="ECB+: score one half only")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N labelled quotes")
    parser.add_argument("--no-write", action="store_true", help="print the scores, write no results")
    parser.add_argument("--wrong", action="store_true", help="print every wrong speaker")
    args = parser.parse_args(argv)
    corpus = CORPORA[args.corpus]
    set_path, data = args.set or corpus.set, args.data or corpus.data
    if not data.exists():
        print(f"no data at {data}: skipped")
        return 0
    items = load_set(set_path)
    halves = {i.id: ecbplus_half(i.article) for i in items} if args.corpus == "ecbplus" else None
    if args.half:
        if halves is None:
            parser.error("--half is for --corpus ecbplus")
        items = [i for i in items if halves[i.id] == args.half]
    items = items[: args.limit]
    rows = read_rows(data)
    started = time.perf_counter()
    outcomes, removed = run(items, rows)
    seconds = time.perf_counter() - started
    scores = score(outcomes, halves)
    scores["cleaned_away"] = removed
    overall = scores["overall"]
    print(f"speaker accuracy: {overall['correct']}/{overall['n']} = {overall['accuracy']}")
    for c, v in scores["by_class"].items():
        print(f"  {c:8} {v['correct']:3}/{v['n']:3} = {v['accuracy']}")
    print(f"  not found: {scores['not_found']}")
    if removed:
        print(f"  not scored, the clean body no longer holds them (cleaned away): {', '.join(removed)}")
    for h, v in scores.get("by_half", {}).items():
        o = v["overall"]
        per_class = ", ".join(f"{c} {w['correct']}/{w['n']}" for c, w in v["by_class"].items())
        print(f"  half {h}: {o['correct']}/{o['n']} = {o['accuracy']} ({per_class})")
    if args.wrong:
        for o in outcomes:
            if not o.correct:
                print(f"  WRONG {o.id} [{o.cls}] gold={o.gold!r} predicted={o.name!r}")
    if not args.no_write:
        payload = {
            "corpus": corpus.name,
            "set": str(set_path.relative_to(ROOT)) if set_path.is_relative_to(ROOT) else str(set_path),
            "articles": len({i.article for i in items}),
            "events": len({i.event for i in items}),
            "machine": machine(),
            "seconds": round(seconds, 1),
            "scores": scores,
            "outcomes": [o.__dict__ for o in outcomes],
        }
        write_results(corpus.results, payload, markdown(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
