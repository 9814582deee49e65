"""Word choice and labelling: how well parallax groups NewsWCL50's mentions into their concepts.

NewsWCL50 (Hamborg, Zhukova and Gipp, JCDL 2019; CC BY-SA 4.0) codes, in 50 articles (10 events × 5
outlets), every mention of an event's concepts, names and descriptions alike: "Kim Jong Un", "the North
Korean dictator", "Pyongyang", "the regime". The text comes from the CoNLL release in
``Diverse_CDCR_datasets/NewsWCL50-prep/output_data/NewsWCL50.conll`` (tokens with coreference chains; the
chain name is the event's concept, its suffix the code type). Each article's text is rebuilt from its
tokens (spaces by punctuation rules, ``\\n`` tokens as paragraph breaks) and every gold mention gets the
character span of its tokens.

Included: the entity-like code types ACTOR, ACTOR-I (actor-individual), COUNTRY and GROUP; actions,
events, objects, properties and misc concepts are not entities parallax names, so they are left out.

Each event's five articles run through ``parallax.pipeline.annotate`` together, as one story (the articles
are built as ``Article`` records straight from the rebuilt text, skipping ``clean``, so offsets hold).
Every gold mention is then assigned to a parallax entity — the named ``Mention`` or ``Label`` overlapping
it best (character Jaccard, a named mention first on a tie) — or left a singleton when none overlaps.
Scores, over the gold mentions of each event: B-cubed precision, recall and F1 of that grouping against
the gold concepts, micro (pooled over all mentions) and macro (mean over events). Coverage: the share of
gold mentions assigned to some entity. Systems, measured in one run:

- **exact string**: mentions with the same lower-cased text are one group;
- **parallax names**: named ``Mention``s only (the entity merging of ``annotate``);
- **parallax names + labels**: also ``parallax.compare.labels.entity_labels`` (naming phrases, and
  descriptions such as "the North Korean leader" linked when the article's evidence allows).

Speed: the median over articles of ``entity_labels``'s seconds, and of ``annotate``'s per event.

    .venv/bin/python benchmarks/wordchoice.py
    .venv/bin/python benchmarks/wordchoice.py --data PATH/newswcl50 --events 0,1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "newswcl50"
CONLL = Path("Diverse_CDCR_datasets/NewsWCL50-prep/output_data/NewsWCL50.conll")
INCLUDED_TYPES = ("ACTOR", "ACTOR-I", "COUNTRY", "GROUP")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'re", "'ve", "'ll"}
NO_SPACE_BEFORE |= {"'m", "'d", "’", "”", "-", "/"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘", "-", "/"}
OUTLETS = {"LL": "far left", "L": "left", "M": "middle", "R": "right", "RR": "far right"}
SYSTEMS = ("exact string", "parallax names", "parallax names + labels")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    concept: str
    type: str


@dataclass(frozen=True)
class WclArticle:
    key: str  # "0/-/0_L"
    event: str
    outlet: str
    body: str
    mentions: tuple[GoldMention, ...]


def read_conll(path: Path) -> list[WclArticle]:
    """The articles of the CoNLL file, their text rebuilt and their mentions as character spans."""
    tokens: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 5:
            continue
        tokens[fields[0]].append((fields[3], fields[4]))
    return [_article(key, rows) for key, rows in tokens.items()]


def _article(key: str, rows: list[tuple[str, str]]) -> WclArticle:
    body, spans = _detokenize([token for token, _ in rows])
    mentions = []
    for concept, first, last in _chains([ref for _, ref in rows]):
        ctype = concept.rsplit("_", 1)[-1]
        start, end = spans[first][0], spans[last][1]
        mentions.append(GoldMention(start, end, body[start:end], concept, ctype))
    event, outlet = key.rsplit("/", 1)[-1].split("_", 1)
    return WclArticle(key, event, outlet, body, tuple(sorted(mentions, key=lambda m: (m.start, m.end))))


def _detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with spaces except around punctuation; ``\\n`` tokens end a paragraph."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset, quotes, glue = 0, 0, True
    for token in tokens:
        if token == "\\n":
            parts.append("\n")
            offset += 1
            spans.append((offset, offset))
            glue = True
            continue
        closing = token == '"' and quotes % 2 == 1
        if not glue and token not in NO_SPACE_BEFORE and not closing:
            parts.append(" ")
            offset += 1
        spans.append((offset, offset + len(token)))
        parts.append(token)
        offset += len(token)
        quotes += token == '"'
        glue = token in NO_SPACE_AFTER or (token == '"' and not closing)
    return "".join(parts), spans


def _chains(refs: Sequence[str]) -> list[tuple[str, int, int]]:
    """(concept, first token, last token) of every bracketed mention: "(A", "A)", "(A)", joined by "|"."""
    open_at: dict[str, list[int]] = defaultdict(list)
    found = []
    for i, ref in enumerate(refs):
        for part in (p.strip() for p in ref.split("|")):
            if part in {"", "-"}:
                continue
            name = part.strip("()")
            if part.startswith("("):
                open_at[name].append(i)
            if part.endswith(")") and open_at[name]:
                found.append((name, open_at[name].pop(), i))
    return found


# ---------------------------------------------------------------- systems


@dataclass(frozen=True)
class Event:
    id: str
    articles: tuple[WclArticle, ...]
    # per system, the predicted group of each included gold mention (a per-event list, mention order)
    predicted: dict[str, list[str]]
    gold: list[str]
    types: list[str]
    annotate_seconds: float
    label_seconds: tuple[float, ...]


def run_event(event_id: str, articles: Sequence[WclArticle]) -> Event:
    from parallax.compare.labels import entity_labels
    from parallax.model import Article, content_id
    from parallax.pipeline import annotate

    records = [
        Article(content_id(a.body), a.key, a.body, outlet=OUTLETS.get(a.outlet, a.outlet)) for a in articles
    ]
    started = time.perf_counter()
    annotated = annotate(records)
    annotate_seconds = time.perf_counter() - started
    spans: dict[str, list[tuple[int, int, str, bool]]] = {}
    label_seconds = []
    for record in records:
        mentions = annotated.mentions[record.id]
        started = time.perf_counter()
        labels = entity_labels(record.id, annotated.docs[record.id], mentions, annotated.entities)
        label_seconds.append(time.perf_counter() - started)
        named = [(m.start, m.end, m.entity, True) for m in mentions]
        spans[record.id] = named + [(lb.start, lb.end, lb.entity, False) for lb in labels]
    gold_items = [(r.id, g) for r, a in zip(records, articles, strict=True) for g in a.mentions]
    gold_items = [(rid, g) for rid, g in gold_items if g.type in INCLUDED_TYPES]
    predicted = {
        "exact string": [" ".join(g.text.lower().split()) for _, g in gold_items],
        "parallax names": _assign(gold_items, spans, named_only=True),
        "parallax names + labels": _assign(gold_items, spans, named_only=False),
    }
    gold = [g.concept for _, g in gold_items]
    types = [g.type for _, g in gold_items]
    return Event(event_id, tuple(articles), predicted, gold, types, annotate_seconds, tuple(label_seconds))


def _assign(
    gold_items: Sequence[tuple[str, GoldMention]],
    spans: dict[str, list[tuple[int, int, str, bool]]],
    named_only: bool,
) -> list[str]:
    """Each gold mention's best-overlapping parallax span's entity, else a singleton of its own."""
    found = []
    for n, (article, g) in enumerate(gold_items):
        best: tuple[float, bool, str] | None = None
        for start, end, entity, named in spans[article]:
            if named_only and not named:
                continue
            overlap = min(end, g.end) - max(start, g.start)
            if overlap <= 0:
                continue
            score = (overlap / (max(end, g.end) - min(start, g.start)), named, entity)
            if best is None or score[:2] > best[:2]:
                best = score
        found.append(best[2] if best else f"singleton-{n}")
    return found


# ---------------------------------------------------------------- scores


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping (per-item averages) against gold groups."""
    if not gold:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_size, pred_size = Counter(gold), Counter(predicted)
    precision = sum(pairs[(g, p)] / pred_size[p] for g, p in zip(gold, predicted, strict=True)) / len(gold)
    recall = sum(pairs[(g, p)] / gold_size[g] for g, p in zip(gold, predicted, strict=True)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _item_scores(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[float, float]]:
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_size, pred_size = Counter(gold), Counter(predicted)
    return [
        (pairs[(g, p)] / pred_size[p], pairs[(g, p)] / gold_size[g])
        for g, p in zip(gold, predicted, strict=True)
    ]


def micro(
    events: Sequence[Event], system: str, keep: Callable[[str], bool] = lambda t: True
) -> dict[str, float]:
    """B-cubed pooled over the mentions of all events (each event's grouping scored within the event)."""
    items = []
    for e in events:
        scores = _item_scores(e.gold, e.predicted[system])
        items += [s for s, t in zip(scores, e.types, strict=True) if keep(t)]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "mentions": 0}
    p = sum(s[0] for s in items) / len(items)
    r = sum(s[1] for s in items) / len(items)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "mentions": len(items)}


def coverage(events: Sequence[Event], system: str, keep: Callable[[str], bool] = lambda t: True) -> float:
    linked = [
        not p.startswith("singleton-")
        for e in events
        for p, t in zip(e.predicted[system], e.types, strict=True)
        if keep(t)
    ]
    return sum(linked) / len(linked) if linked else 0.0


def summarise(events: Sequence[Event]) -> dict[str, Any]:
    systems = {}
    for system in SYSTEMS:
        per_event = {e.id: bcubed(e.gold, e.predicted[system]) for e in events}
        macro = [statistics.mean(s[k] for s in per_event.values()) for k in range(3)]
        by_type = {
            t: {
                **micro(events, system, lambda x, t=t: x == t),
                "coverage": coverage(events, system, lambda x, t=t: x == t),
            }
            for t in INCLUDED_TYPES
        }
        systems[system] = {
            "micro": micro(events, system),
            "macro": dict(zip(("precision", "recall", "f1"), macro, strict=True)),
            "coverage": coverage(events, system) if system != "exact string" else None,
            "per_event": {
                k: dict(zip(("precision", "recall", "f1"), v, strict=True)) for k, v in per_event.items()
            },
            "by_type": by_type,
        }
    return systems


# ---------------------------------------------------------------- report


def render_markdown(payload: dict[str, Any]) -> str:
    m = payload["machine"]
    lines = [
        "# Word choice and labelling: NewsWCL50 concept grouping",
        "",
        f"Run {m['date']} on {m['cpu_count']} CPUs ({m['platform']}); {payload['events']} events, "
        f"{payload['articles']} articles, {payload['gold_mentions']} gold mentions of "
        f"{', '.join(INCLUDED_TYPES)} in {payload['gold_concepts']} concepts. B-cubed over each event's gold "
        "mentions; micro = pooled over mentions, macro = mean over events; coverage = gold mentions "
        "linked to some parallax entity.",
        "",
    ]
    rows = []
    for system, s in payload["systems"].items():
        mi, ma = s["micro"], s["macro"]
        cov = "—" if s["coverage"] is None else f"{s['coverage']:.3f}"
        rows.append(
            [
                system,
                *(f"{mi[k]:.3f}" for k in ("precision", "recall", "f1")),
                *(f"{ma[k]:.3f}" for k in ("precision", "recall", "f1")),
                cov,
            ]
        )
    header = ["system", "micro P", "micro R", "micro F1", "macro P", "macro R", "macro F1", "coverage"]
    lines += markdown_table(header, rows)
    lines += ["", "By code type (micro B-cubed F1 / coverage):", ""]
    type_rows = []
    for system, s in payload["systems"].items():
        cells = []
        for t in INCLUDED_TYPES:
            bt = s["by_type"][t]
            cov = "" if system == "exact string" else f" / {bt['coverage']:.3f}"
            cells.append(f"{bt['f1']:.3f}{cov}")
        type_rows.append([system, *cells])
    counts = payload["mentions_by_type"]
    lines += markdown_table(["system", *(f"{t} ({counts[t]})" for t in INCLUDED_TYPES)], type_rows)
    lines += ["", "Per event (B-cubed F1 over the event's mentions):", ""]
    event_rows = [
        [e, *(f"{payload['systems'][s]['per_event'][e]['f1']:.3f}" for s in SYSTEMS)]
        for e in payload["systems"][SYSTEMS[0]]["per_event"]
    ]
    lines += markdown_table(["event", *SYSTEMS], event_rows)
    sp = payload["speed"]
    lines += [
        "",
        f"Speed: `entity_labels` median {sp['labels_median_ms']:.1f} ms per article "
        f"(max {sp['labels_max_ms']:.1f}); `annotate` median {sp['annotate_median_s']:.2f} s "
        "per event of 5 articles.",
        "",
        "NewsWCL50's concepts are coarser than entities: it codes officials under their country (James Comey "
        'as USA), party figures under their party, and unnamed groups ("the caravan", "the migrants") '
        "that no named entity covers, so a grouping by entity cannot reach F1 1. Its own method's published "
        "figures are not quoted here: the data's README gives none.",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the newswcl50 folder")
    parser.add_argument("--events", default="", help="comma-separated event ids (default: all)")
    parser.add_argument("--no-write", action="store_true", help="print only; write no results")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    path = args.data / CONLL
    if not path.is_file():
        print(f"data not found: {path} (pass --data PATH); nothing measured, no results written")
        return 0
    by_event: dict[str, list[WclArticle]] = defaultdict(list)
    for article in read_conll(path):
        by_event[article.event].append(article)
    wanted = [e for e in args.events.split(",") if e] or sorted(by_event, key=int)
    events = []
    for event_id in wanted:
        event = run_event(event_id, by_event[event_id])
        print(
            f"event {event_id}: {len(event.gold)} mentions, annotate {event.annotate_seconds:.1f}s",
            flush=True,
        )
        events.append(event)
    counts = Counter(t for e in events for t in e.types)
    label_times = [s for e in events for s in e.label_seconds]
    payload = {
        "machine": machine(),
        "data": str(path),
        "included_types": list(INCLUDED_TYPES),
        "events": len(events),
        "articles": sum(len(e.articles) for e in events),
        "gold_mentions": sum(len(e.gold) for e in events),
        "gold_concepts": sum(len(set(e.gold)) for e in events),
        "mentions_by_type": {t: counts[t] for t in INCLUDED_TYPES},
        "systems": summarise(events),
        "speed": {
            "labels_median_ms": statistics.median(label_times) * 1000,
            "labels_max_ms": max(label_times) * 1000,
            "annotate_median_s": statistics.median(e.annotate_seconds for e in events),
        },
    }
    markdown = render_markdown(payload)
    print(markdown)
    if not args.no_write:
        write_results("wordchoice", payload, markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
