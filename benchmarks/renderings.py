"""How each outlet renders one statement: the rendering classes beside a blind reader's, on Giveme5W1H.

``compare`` groups the quotations of one statement across outlets and classes each rendering against the
reference it is shown beside (``parallax.compare.quotes.classify``): verbatim, minor edit, partial,
paraphrase or translation, altered meaning. This script scores those classes against a hand-labelled set,
``benchmarks/data/renderings.jsonl``: pairs (rendering A, the reference B it is classed against) drawn from
every quote finding of the Giveme5W1H events with three or more articles, each labelled by a reader who saw
the two renderings and their paragraphs, never the class Parallax gave (see ``benchmarks/data/README.md``).

The classes are recomputed from the stored texts with the current code, so a change to ``classify`` is
measured without rerunning the pipeline; whether the two renderings are one statement at all (the
grouping) is scored as drawn. The draw is stratified by the class given at draw time, so besides the
figures over the drawn pairs it gives accuracy weighted back to every rendering's share of its class.
Events are split into halves by their sorted order (even: tune, odd: test) for rules written from the set.

    .venv/bin/python benchmarks/renderings.py                       # score the labelled set
    .venv/bin/python benchmarks/renderings.py --draw --seed 41      # draw a new set (needs brief.py's cache)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_common import machine, markdown_table, write_results  # noqa: E402

DEFAULT_SET = ROOT / "benchmarks" / "data" / "renderings.jsonl"
APART_SET = ROOT / "benchmarks" / "data" / "quote_pairs_apart.jsonl"  # quotations the grouping left apart
CLASSES = ("verbatim", "minor edit", "partial", "paraphrase or translation", "altered meaning")
# What a reader may answer besides a class: A gives all of B's words and more; not one statement at all.
READER_ONLY = ("longer", "different statements")
LABELS = (*CLASSES, *READER_ONLY)
QUOTAS = {
    "verbatim": 40,
    "partial": 50,
    "minor edit": 35,
    "paraphrase or translation": 35,
    "altered meaning": 10,
}
PER_EVENT = 8
CONTEXT_CHARS = 700


def pair_id(event: str, a: str, b: str) -> str:
    return hashlib.sha256(f"{event}\n{a}\n{b}".encode()).hexdigest()[:12]


def half_of(event: str, events: Sequence[str]) -> str:
    return "tune" if sorted(events).index(event) % 2 == 0 else "test"


def paragraph_around(body: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The paragraph holding a rendering, cut to about ``limit`` characters around it."""
    lo = body.rfind("\n", 0, start) + 1
    hi = body.find("\n", end)
    hi = len(body) if hi < 0 else hi
    if hi - lo > limit:
        spare = max(0, limit - (end - start)) // 2
        lo, hi = max(lo, start - spare), min(hi, end + spare)
    return body[lo:hi].strip()


def candidate_pairs(inputs: dict[str, list[tuple[Any, ...]]]) -> list[dict[str, Any]]:
    """Every (rendering, reference) pair of every quote finding: the reference is the rendering the finding
    states (its text), against which ``compare`` classes the others."""
    events = sorted(inputs)
    pairs = []
    for event in events:
        seen: set[str] = set()
        for story in inputs[event]:
            findings, articles = story[0], story[1]
            for finding in findings:
                if finding.kind != "quote":
                    continue
                reference = next((r for r in finding.renderings if r.text == finding.text), None)
                if reference is None:
                    continue
                for rendering in finding.renderings:
                    if rendering is reference:
                        continue
                    key = pair_id(event, rendering.text, reference.text)
                    if key in seen:
                        continue
                    seen.add(key)
                    pairs.append(
                        {
                            "id": key,
                            "event": event,
                            "half": half_of(event, events),
                            "speaker": finding.speaker or "",
                            "a": _side(rendering, articles),
                            "b": _side(reference, articles),
                            "drawn_class": rendering.cls,
                        }
                    )
    return pairs


def _side(rendering: Any, articles: dict[str, Any]) -> dict[str, Any]:
    article = articles[rendering.article]
    return {
        "outlet": article.outlet or article.source,
        "article": rendering.article,
        "text": rendering.text,
        "context": paragraph_around(article.body, rendering.start, rendering.end),
    }


def draw(pairs: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Up to each class's quota at random, never more than ``PER_EVENT`` pairs from one event; each item
    records its class's population so the scores can be weighted back."""
    rng = random.Random(seed)
    by_class: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pair in pairs:
        by_class[pair["drawn_class"]].append(pair)
    per_event: Counter[str] = Counter()
    chosen = []
    for cls in sorted(by_class, key=lambda c: len(by_class[c])):  # the rarest class first
        pool = by_class[cls][:]
        rng.shuffle(pool)
        taken = 0
        for pair in pool:
            if taken >= QUOTAS.get(cls, 0):
                break
            if per_event[pair["event"]] >= PER_EVENT:
                continue
            per_event[pair["event"]] += 1
            taken += 1
            chosen.append({**pair, "population": len(by_class[cls]), "label": "", "note": ""})
    rng.shuffle(chosen)
    return chosen


# ---------------------------------------------------------------- scoring (no model)


def grouped_now(inputs: dict[str, list[tuple[Any, ...]]]) -> set[tuple[str, str, str]]:
    """(event, text, text) for every two renderings one quote finding of the current findings holds."""
    together = set()
    for event, stories in inputs.items():
        for story in stories:
            for finding in story[0]:
                if finding.kind == "quote":
                    count = Counter(r.text for r in finding.renderings)
                    together |= {(event, x, y) for x in count for y in count if x != y or count[x] > 1}
    return together


def joined_now(inputs: dict[str, list[tuple[Any, ...]]]) -> set[frozenset[tuple[str, str]]]:
    """Every two renderings (article, text) one quote finding of the current findings holds."""
    together = set()
    for stories in inputs.values():
        for story in stories:
            for finding in story[0]:
                if finding.kind == "quote":
                    held = [(r.article, r.text) for r in finding.renderings]
                    together |= {frozenset((x, y)) for x in held for y in held if x != y}
    return together


def apart_now(items: Sequence[dict[str, Any]], together: set[frozenset[tuple[str, str]]]) -> dict[str, Any]:
    """Of the pairs the grouping left apart when drawn, how many one statement (S) and two (D) it joins now,
    by band and half."""
    out: dict[str, Any] = {}
    for key in ("high", "mid", "tune", "test", "all"):
        part = [i for i in items if key in ("all", i["band"], i["half"])]
        joined = [
            i
            for i in part
            if frozenset(((i["a"]["article"], i["a"]["text"]), (i["b"]["article"], i["b"]["text"])))
            in together
        ]
        out[key] = {
            "pairs": len(part),
            "one_statement": sum(i["label"] == "S" for i in part),
            "joined_one_statement": sum(i["label"] == "S" for i in joined),
            "joined_two": sum(i["label"] == "D" for i in joined),
            "band_pairs": part[0]["band_pairs"] if key in ("high", "mid") and part else None,
        }
    return out


def regrouped(items: Sequence[dict[str, Any]], together: set[tuple[str, str, str]]) -> dict[str, Any]:
    """The drawn pairs the current grouping still joins: wrong ones split, right ones lost, by half."""
    out = {}
    for half in ("tune", "test", "all"):
        part = [i for i in items if half == "all" or i["half"] == half]
        kept = [i for i in part if (i["event"], i["a"]["text"], i["b"]["text"]) in together]
        wrong = sum(i["label"] == "different statements" for i in kept)
        out[half] = {
            "kept": len(kept),
            "precision": round(1 - wrong / len(kept), 3) if kept else None,
            "wrong_split": sum(i["label"] == "different statements" for i in part) - wrong,
            "right_lost": sum(i["label"] != "different statements" for i in part) - (len(kept) - wrong),
        }
    return out


def predicted(item: dict[str, Any]) -> str:
    from parallax.compare.quotes import classify

    return classify(item["a"]["text"], item["b"]["text"])


def score(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy over the pairs the reader calls one statement, a confusion table, per-class precision and
    recall, and the grouping's precision; each also by half."""
    labelled = [i for i in items if i.get("label") in LABELS]
    out: dict[str, Any] = {"pairs": len(items), "labelled": len(labelled)}
    for half in ("tune", "test", "all"):
        part = [i for i in labelled if half == "all" or i["half"] == half]
        out[half] = _scores(part)
        out[f"{half}_as_drawn"] = _scores(part, as_drawn=True)
    return out


def _scores(items: Sequence[dict[str, Any]], as_drawn: bool = False) -> dict[str, Any]:
    """``as_drawn``: score the class the report gave when the set was drawn, not the current code's."""
    same = [i for i in items if i["label"] != "different statements"]
    rows = [
        (i["label"], i["drawn_class"] if as_drawn else predicted(i), i["drawn_class"], i["population"])
        for i in same
    ]
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, guess, _, _ in rows:
        confusion[gold][guess] += 1
    right = sum(g == p for g, p, _, _ in rows)
    # Weighted back to the population: each drawn pair stands for population / drawn pairs of its stratum.
    drawn = Counter(i["drawn_class"] for i in items)
    weight = {c: next(i["population"] for i in items if i["drawn_class"] == c) / n for c, n in drawn.items()}
    w_all = sum(weight[d] for _, _, d, _ in rows)
    w_right = sum(weight[d] for g, p, d, _ in rows if g == p)
    per_class = {}
    for cls in (*CLASSES, "longer"):
        tp = sum(g == cls and p == cls for g, p, _, _ in rows)
        n_pred = sum(p == cls for _, p, _, _ in rows)
        n_gold = sum(g == cls for g, _, _, _ in rows)
        per_class[cls] = {
            "gold": n_gold,
            "predicted": n_pred,
            "precision": round(tp / n_pred, 3) if n_pred else None,
            "recall": round(tp / n_gold, 3) if n_gold else None,
        }
    w_items = sum(weight[i["drawn_class"]] for i in items)
    w_wrong = sum(weight[i["drawn_class"]] for i in items if i["label"] == "different statements")
    return {
        "pairs": len(items),
        "one_statement": len(same),
        "accuracy": round(right / len(rows), 3) if rows else None,
        "accuracy_weighted": round(w_right / w_all, 3) if w_all else None,
        "right": right,
        "grouping_precision": round(len(same) / len(items), 3) if items else None,
        "grouping_precision_weighted": round(1 - w_wrong / w_items, 3) if w_items else None,
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "per_class": per_class,
    }


def markdown(result: dict[str, Any], meta: dict[str, Any]) -> str:
    lines = [
        "# Quote renderings: Parallax's class beside a blind reader's",
        "",
        f"`benchmarks/renderings.py` on `{meta['set']}`: {result['labelled']} labelled pairs "
        "(rendering A, the reference B `compare` classes it against) drawn from the quote findings of "
        "the Giveme5W1H events with three or more articles, stratified by the class given at draw time. "
        "Classes recomputed from the stored texts with the current `classify`; the grouping (one "
        "statement or not) is as drawn. Weighted figures count each pair for its class's share of all "
        "renderings. *As drawn*: the class the report gave when the set was drawn (code b8530ea), the "
        "baseline; for a rendering from the reference's own outlet that was its best match elsewhere.",
        "",
        f"Machine: {meta['machine']['cpu_count']} CPUs, {meta['machine']['platform']}, "
        f"Python {meta['machine']['python']}, {meta['machine']['date']}.",
        "",
        "## Scores",
        "",
    ]
    header = ["half", "pairs", "one statement", "grouping precision (weighted)", "class accuracy",
              "weighted accuracy"]  # fmt: skip
    rows = []
    for half in ("tune", "test", "all", "tune_as_drawn", "test_as_drawn", "all_as_drawn"):
        s = result[half]
        rows.append(
            [half.replace("_as_drawn", ", as drawn"), str(s["pairs"]), str(s["one_statement"]),
             f"{_f(s['grouping_precision'])} ({_f(s['grouping_precision_weighted'])})",
             f"{_f(s['accuracy'])} ({s['right']} of {s['one_statement']})", _f(s["accuracy_weighted"])]
        )  # fmt: skip
    lines += markdown_table(header, rows)
    if "regrouped" in result:
        lines += [
            "",
            "## The grouping now (`--regroup`: the current code's findings, from brief.py's cache)",
            "",
        ]
        rows = [
            [half, str(r["kept"]), _f(r["precision"]), str(r["wrong_split"]), str(r["right_lost"])]
            for half, r in result["regrouped"].items()
        ]
        lines += markdown_table(
            ["half", "pairs still joined", "precision", "wrong ones split", "right ones lost"], rows
        )
    if "apart" in result:
        lines += [
            "",
            "## Quotations the grouping left apart (`quote_pairs_apart.jsonl`, `--regroup`)",
            "",
            "Pairs of two outlets' quotations in no one group when drawn (at cb8b49b), in two bands: "
            "*high*, MiniLM cosine or in-order containment 0.6 or more; *mid*, cosine 0.45, containment "
            "0.4 or three shared content stems; labelled blind S (one statement) or D. Joined now: in one "
            "quote finding of the current findings.",
            "",
        ]
        rows = [
            [key, str(r["band_pairs"] or "–"), str(r["pairs"]), str(r["one_statement"]),
             str(r["joined_one_statement"]), str(r["joined_two"])]
            for key, r in result["apart"].items()
        ]  # fmt: skip
        header = ["band / half", "unjoined pairs in band", "drawn", "one statement (S)", "S joined now",
                  "D joined now"]  # fmt: skip
        lines += markdown_table(header, rows)
    lines += ["", "## Per class (all pairs read as one statement)", ""]
    rows = [
        [cls, str(v["gold"]), str(v["predicted"]), _f(v["precision"]), _f(v["recall"])]
        for cls, v in result["all"]["per_class"].items()
    ]
    lines += markdown_table(["class", "reader", "parallax", "precision", "recall"], rows)
    lines += ["", "## Confusion (rows: reader; columns: Parallax)", ""]
    columns = list(CLASSES)
    rows = [
        [gold, *(str(result["all"]["confusion"].get(gold, {}).get(c, 0)) for c in columns)]
        for gold in (*CLASSES, "longer")
    ]
    lines += markdown_table(["reader \\ parallax", *columns], rows)
    return "\n".join(lines) + "\n"


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def load_set(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--draw", action="store_true", help="draw a new set from brief.py's cached findings")
    parser.add_argument("--seed", type=int, default=41)
    parser.add_argument("--force", action="store_true", help="with --draw: overwrite a labelled set")
    parser.add_argument(
        "--regroup", action="store_true", help="also score the grouping of brief.py's cached findings"
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if args.draw:
        if args.set.is_file() and any(i.get("label") for i in load_set(args.set)) and not args.force:
            parser.error(f"{args.set} holds labels: pass --force to draw over it")
        import brief

        events = brief.load_events(brief.DEFAULT_DATA)
        inputs = brief.cached_inputs(brief.DEFAULT_CACHE, events, sorted(events), refresh=False)
        pairs = candidate_pairs(inputs)
        chosen = draw(pairs, args.seed)
        with args.set.open("w", encoding="utf-8") as f:
            for item in chosen:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(pairs)} pairs; drew {len(chosen)}: {Counter(i['drawn_class'] for i in chosen)}")
        return
    if not args.set.is_file():
        print(f"no set at {args.set}: nothing to score")
        return
    items = load_set(args.set)
    result = score(items)
    if args.regroup:  # brief.py's cache must hold the current code's findings: `brief.py --all` refreshes it
        import brief

        events = brief.load_events(brief.DEFAULT_DATA)
        inputs = brief.cached_inputs(brief.DEFAULT_CACHE, events, sorted(events), refresh=False)
        result["regrouped"] = regrouped(items, grouped_now(inputs))
        if APART_SET.is_file():
            result["apart"] = apart_now(load_set(APART_SET), joined_now(inputs))
    meta = {"set": str(args.set.resolve().relative_to(ROOT)) if args.set.resolve().is_relative_to(ROOT)
            else str(args.set), "machine": machine()}  # fmt: skip
    text = markdown(result, meta)
    print(text)
    if not args.no_write:
        write_results("renderings", {"meta": meta, **result}, text)


if __name__ == "__main__":
    main()
