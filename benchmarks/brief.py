"""The neutral brief, sentence by sentence: a hand-labelled audit of Giveme5W1H briefs, rescored.

Issue 5 asks for "a neutral brief in which every sentence cites its sources". Every Giveme5W1H event with
at least three articles goes through ``parallax.pipeline.compare_documents(..., one_story=True)`` (the
event's articles are one story, as ``parallax compare --one-story`` reads them). ``--draw`` drew ~150
brief sentences at random from those briefs (fixed seed, at most 4 per event, stratified over the three
kinds: shared facts, conflicts, "Only X reports/quotes" lines) into ``benchmarks/data/brief_audit.jsonl``,
each labelled by hand ``ok`` or one error class (see ``benchmarks/data/README.md``).

Scoring recomputes the briefs of the audited events with the current code. An audited sentence the brief
still states keeps its label; one it no longer states counts as ``fixed`` (a bad one) or ``lost`` (an ok
one). Sentences the current brief states that the audit never saw are listed (count and a sample), so a
fix that swaps one bad sentence for another shows up. Results: ``benchmarks/results/brief.{json,md}``.

    .venv/bin/python benchmarks/brief.py                    # full pipeline over the audited events
    .venv/bin/python benchmarks/brief.py --cached           # findings cached by an earlier run: only
                                                            # ``write_brief`` is rerun (brief.py edits)
    .venv/bin/python benchmarks/brief.py --all --dump F     # every event's brief to F (a before/after)
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import difflib
import hashlib
import json
import pickle
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench_common import machine, markdown_table, write_results

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "benchmarks" / "data" / "brief_audit.jsonl"
# every sentence of the briefs the audit was drawn from (text only): what "new" is measured against
DRAWN_FROM = ROOT / "benchmarks" / "data" / "brief_audit_briefs.json"
# per cited span of the later draws' shared lines, whether it says the line (read blind)
CITATION_LABELS = ROOT / "benchmarks" / "data" / "brief_citations.jsonl"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "giveme5w1h" / "news_cluster.jsonl"
DEFAULT_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "parallax" / "brief_inputs.pkl"
)
MIN_ARTICLES = 3
KINDS = ("shared", "conflict", "only")
CLASSES = (
    "fragment",
    "leans-on-context",
    "not-supported",
    "caption-or-junk",
    "opinion-as-fact",
    "bad-speaker-label",
    "other",
)
SEED = 5
DRAW = 150
PER_EVENT = 4
EXCERPT_CHARS = 300
KEEP = ("id", "outlet", "title", "published", "url", "text")


def kind_of(text: str) -> str:
    """shared, conflict or only (an "Only X reports: …" / "Only X quotes Y: …" line)."""
    if text.startswith("Accounts differ."):
        return "conflict"
    if text.startswith("Only ") and (" reports: " in text or " quotes " in text):
        return "only"
    return "shared"


# "Only <reporter> reports: …" / "Only <reporter> quotes <speaker>: …": who is credited is worded apart
REPORTER = re.compile(r"^Only .+? (?=(?:reports: |quotes ))")


def statement(text: str) -> str:
    """A brief sentence less the wording of whom a one-source line credits ("Only News Rebeat reports: X"
    and "Only Donga, in the story News Rebeat ran, reports: X" state the same X), so an audited sentence
    whose credit was reworded still counts as stated; ``score`` counts such sentences apart. A quotation's
    last mark is read as a full stop: the brief now ends a quotation it took with its trailing comma
    ("…, to test it out ahead of launch,”) on one."""
    return _ended(REPORTER.sub("Only … ", text, count=1))


def _ended(text: str) -> str:
    from parallax.brief import RAN_ON  # the brief's own rule: a quotation's last comma is a full stop

    return RAN_ON.sub(".", text)


HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof."})


def renamed(audited: str, current: str) -> bool:
    """The current sentence is the audited one with its speaker named in full, as the brief now names a
    speaker it knows ("wrote Mr. Shacham" → "wrote Ofer Shacham", "Arians said" → "Bruce Arians said"):
    every change inserts capitalised words, or puts them in place of an honorific or of a surname they
    keep."""
    old, new = audited.split(), current.split()
    changes = [
        op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    if not changes or old == new:
        return False
    for tag, i1, i2, j1, j2 in changes:
        if tag not in ("insert", "replace") or not all(w[:1].isupper() for w in new[j1:j2]):
            return False
        replaced = old[i1:i2]
        if any(w.casefold() not in HONORIFICS and w not in new[j1:j2] for w in replaced):
            return False
    return True


def sentence_id(event: str, text: str) -> str:
    return hashlib.sha1(f"{event}\n{text}".encode()).hexdigest()[:12]


# ---------------------------------------------------------------- the pipeline (models)


def load_events(path: Path, min_articles: int = MIN_ARTICLES) -> dict[str, list[dict[str, Any]]]:
    """Giveme5W1H's articles by event, events with at least ``min_articles`` only."""
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                events[row["event"]].append({k: row.get(k) for k in KEEP})
    return {e: rows for e, rows in sorted(events.items()) if len(rows) >= min_articles}


def brief_inputs(rows: Sequence[dict[str, Any]], embedder: Any) -> list[tuple[Any, ...]]:
    """What ``write_brief`` received for each story of the event: (findings, articles, outlets, the copies'
    originals, the people named by surname alone, the articles' resolved times, the sentences leaning on
    the one before)."""
    import parallax.compare.story as story_module
    from parallax.model import Document
    from parallax.pipeline import compare_documents

    captured: list[tuple[Any, ...]] = []
    original = story_module.write_brief

    def capture(
        findings: Any,
        articles: Any,
        n_outlets: int,
        original_of: Any = None,
        surnamed: Any = None,
        dates: Any = None,
        leaning: Any = None,
        optional: Any = None,
        verbs: Any = None,
    ) -> Any:
        inputs = (tuple(findings), dict(articles), n_outlets, original_of, surnamed, dates, leaning, optional)
        captured.append((*inputs, verbs))
        return original(findings, articles, n_outlets, original_of, surnamed, dates, leaning, optional, verbs)

    documents = [
        Document(
            source=str(r["id"]),
            text=str(r["text"]),
            title=r.get("title"),
            outlet=r.get("outlet"),
            url=r.get("url"),
            published=r.get("published"),
            language="en",
        )
        for r in rows
    ]
    story_module.write_brief = capture  # type: ignore[assignment]
    try:
        compare_documents(documents, embedder, one_story=True)
    finally:
        story_module.write_brief = original
    return captured


def compute_inputs(
    events: dict[str, list[dict[str, Any]]], names: Iterable[str]
) -> dict[str, list[tuple[Any, ...]]]:
    from parallax.embed import default_embedder

    embedder = default_embedder()
    out = {}
    for i, event in enumerate(names, 1):
        started = time.perf_counter()
        out[event] = brief_inputs(events[event], embedder)
        print(f"  [{i}] {event}: {time.perf_counter() - started:.1f}s", flush=True)
    return out


def briefs_of(inputs: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[dict[str, Any]]]:
    """Each event's brief sentences with the current ``write_brief``: text, kind, cited excerpts."""
    from parallax.brief import write_brief

    out: dict[str, list[dict[str, Any]]] = {}
    for event, stories in inputs.items():
        sentences = []
        # a cache of older runs lacks the copies' originals, the people named by surname or the times
        for findings, articles, n_outlets, *rest in stories:
            for s in write_brief(findings, articles, n_outlets, *rest):
                cited = [
                    {
                        "article": articles[c.article].source,
                        "outlet": articles[c.article].label,
                        "text": articles[c.article].body[c.start : c.end][:EXCERPT_CHARS],
                    }
                    for c in s.citations
                ]
                sentences.append({"text": s.text, "kind": kind_of(s.text), "citations": cited})
        out[event] = sentences
    return out


# ---------------------------------------------------------------- the draw


def draw(
    briefs: dict[str, list[dict[str, Any]]], n: int = DRAW, per_event: int = PER_EVENT, seed: int = SEED
) -> list[dict[str, Any]]:
    """``n`` sentences at random, about a third of each kind (a kind short of its third gives its share to
    the others), never more than ``per_event`` from one event."""
    rng = random.Random(seed)
    pools: dict[str, list[tuple[str, dict[str, Any]]]] = {k: [] for k in KINDS}
    for event in sorted(briefs):
        seen = set()
        for s in briefs[event]:
            if s["text"] not in seen:
                seen.add(s["text"])
                pools[s["kind"]].append((event, s))
    for pool in pools.values():
        rng.shuffle(pool)
    per: Counter[str] = Counter()
    chosen: list[dict[str, Any]] = []

    def take(kind: str, limit: int) -> None:
        taken = 0
        while pools[kind] and taken < limit:
            event, s = pools[kind].pop(0)
            if per[event] >= per_event:
                continue
            per[event] += 1
            taken += 1
            chosen.append(
                {
                    "id": sentence_id(event, s["text"]),
                    "event": event,
                    "kind": kind,
                    "sentence": s["text"],
                    "citations": s["citations"],
                    "label": "",
                    "note": "",
                }
            )

    # the rarest kind first, so that the per-event cap does not starve it
    for kind in sorted(KINDS, key=lambda k: len(pools[k])):
        take(kind, n // len(KINDS))
    rest = sorted((k for k in KINDS if pools[k]), key=lambda k: len(pools[k]))
    for i, kind in enumerate(rest):  # a kind short of its third: the others share its place
        take(kind, -(-(n - len(chosen)) // (len(rest) - i)))
    return chosen


# ---------------------------------------------------------------- scoring (no model)


def drawn_from_path(audit: Path) -> Path:
    """Where the briefs an audit set was drawn from are kept: ``brief_audit_briefs.json`` for the first
    set, ``<stem>_briefs.json`` beside any later one (a second draw must not overwrite the first's)."""
    return (
        DRAWN_FROM
        if audit.resolve() == DEFAULT_SET.resolve()
        else audit.with_name(f"{audit.stem}_briefs.json")
    )


def new_labels_path(audit: Path) -> Path:
    """Labels for sentences a later code writes in the audited events (``brief_audit4_new.jsonl``)."""
    return audit.with_name(audit.stem + "_new.jsonl")


def results_name(audit: Path) -> str:
    """``brief`` for the first audit set's results, ``brief_audit2`` for ``brief_audit2.jsonl``'s."""
    return (
        "brief" if audit.resolve() == DEFAULT_SET.resolve() else f"brief_{audit.stem.removeprefix('brief_')}"
    )


def load_set(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(
    items: Sequence[dict[str, Any]],
    briefs: dict[str, list[dict[str, Any]]],
    drawn_from: dict[str, list[str]] | None = None,
    new_labels: Sequence[dict[str, Any]] = (),
    citation_labels: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Before (the labels) and after (the current briefs of the audited events), by class and by kind.

    After: an audited sentence still stated keeps its label; a bad one no longer stated is ``fixed``; an ok
    one no longer stated is ``lost``. Sentences the audit never saw are counted apart (``new``), with the
    label ``new_labels`` gives them where it does. An audited sentence still stated that now cites other
    outlets is listed (``recited``): its label was given for the spans it cited then; one labelled
    not-supported whose every citation left is read as saying it (``citation_labels``, per cited span) is
    ok now (``mended_by_citations``)."""
    produced = {event: {statement(s["text"]) for s in sentences} for event, sentences in briefs.items()}
    outlets_cited = {
        (event, statement(s["text"])): {c["outlet"] for c in s.get("citations", ())}
        for event, sentences in briefs.items()
        for s in sentences
    }
    recited = [
        {"id": i["id"], "label": i["label"], "sentence": i["sentence"], "dropped": sorted(dropped)}
        for i in items
        if (now := outlets_cited.get((i["event"], statement(i["sentence"])))) is not None
        and (dropped := {c["outlet"] for c in i.get("citations", ())} - now)
    ]
    labelled_new = {(i["event"], statement(i["sentence"])): i["label"] for i in new_labels if i.get("label")}
    says: dict[tuple[str, str], dict[str, bool]] = {}
    for line in citation_labels:
        outlets = says.setdefault((line["event"], statement(line["sentence"])), {})
        for c in line["citations"]:
            outlets[c["outlet"]] = outlets.get(c["outlet"], True) and c["says"] == "yes"
    mended: list[dict[str, Any]] = []
    verbatim = {event: {_ended(s["text"]) for s in sentences} for event, sentences in briefs.items()}
    recredited: list[dict[str, Any]] = []
    named_in_full: list[dict[str, Any]] = []
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    fixed, lost, still_bad = [], [], []
    for item in items:
        label = item["label"]
        before[label] += 1
        stated = statement(item["sentence"]) in produced.get(item["event"], set())
        if stated and _ended(item["sentence"]) not in verbatim.get(item["event"], set()):
            recredited.append({"id": item["id"], "label": label, "sentence": item["sentence"]})
        if not stated and any(
            renamed(statement(item["sentence"]), t) and (item["event"], t) not in labelled_new
            for t in produced.get(item["event"], set())
        ):  # labelled in its new wording ("Bell finished …" → "Le’Veon Bell finished …"), it is a new line
            stated = True
            named_in_full.append({"id": item["id"], "label": label, "sentence": item["sentence"]})
        key = (item["event"], statement(item["sentence"]))
        if stated and label == "not-supported" and key in says and key in outlets_cited:
            read = says[key]
            if outlets_cited[key] and all(read.get(o, False) for o in outlets_cited[key]):
                label = "ok"  # the citations that did not say it are no longer given
                mended.append({"id": item["id"], "sentence": item["sentence"]})
        if stated:
            after[label] += 1
            if label != "ok":
                still_bad.append(item)
        elif label == "ok":
            after["lost"] += 1
            lost.append(item)
        else:
            after["fixed"] += 1
            fixed.append(item)
        by_kind[item["kind"]][f"before:{label}"] += 1
        by_kind[item["kind"]][f"after:{label if stated else ('lost' if label == 'ok' else 'fixed')}"] += 1
    audited = {(i["event"], statement(i["sentence"])) for i in items}
    if drawn_from is not None:
        audited |= {(event, statement(text)) for event, texts in drawn_from.items() for text in texts}
    events = {i["event"] for i in items}
    new = [
        {"event": event, "sentence": s["text"], "kind": s["kind"]}
        for event in sorted(events)
        for s in briefs.get(event, [])
        if (event, statement(s["text"])) not in audited
    ]
    for sentence in new:
        sentence["label"] = labelled_new.get((sentence["event"], statement(sentence["sentence"])), "")
    new_counts = Counter(s["label"] or "unlabelled" for s in new)
    # the whole error rate: the audited sentences still stated and the labelled new ones
    new_bad = sum(n for label, n in new_counts.items() if label not in ("ok", "unlabelled"))
    new_labelled = sum(n for label, n in new_counts.items() if label != "unlabelled")
    total = len(items)
    bad_before = total - before["ok"]
    bad_after = sum(after[c] for c in CLASSES)
    stated_after = total - after["fixed"] - after["lost"]
    return {
        "n": total,
        "before": {c: before[c] for c in ("ok", *CLASSES)},
        "after": {c: after[c] for c in ("ok", *CLASSES, "fixed", "lost")},
        "error_rate_before": round(bad_before / total, 3) if total else 0.0,
        # of the audited sentences the brief still states, the share labelled bad
        "error_rate_after": round(bad_after / stated_after, 3) if stated_after else 0.0,
        "stated_after": stated_after,
        "by_kind": {k: dict(sorted(v.items())) for k, v in by_kind.items()},
        "fixed": [{"id": i["id"], "label": i["label"], "sentence": i["sentence"]} for i in fixed],
        "lost": [{"id": i["id"], "sentence": i["sentence"]} for i in lost],
        "still_bad": [{"id": i["id"], "label": i["label"], "sentence": i["sentence"]} for i in still_bad],
        # stated with its one source credited in other words (a copy's wire or credited source named)
        "recredited": recredited,
        # stated with its speaker named in full where the audited text gave a surname or honorific
        "named_in_full": named_in_full,
        "new": {
            "count": len(new),
            "by_kind": dict(Counter(s["kind"] for s in new)),
            "labels": dict(sorted(new_counts.items())),
            "all": new,
        },
        "recited": recited,
        "mended_by_citations": mended,
        "whole": {
            "bad": bad_after + new_bad,
            "of": stated_after + new_labelled,
            "error_rate": round((bad_after + new_bad) / (stated_after + new_labelled), 3)
            if stated_after + new_labelled
            else 0.0,
        },
    }


def markdown(result: dict[str, Any], meta: dict[str, Any]) -> str:
    n = result["n"]

    def pct(k: int, d: int) -> str:
        return f"{k} ({100 * k / d:.0f} %)" if d else str(k)

    rows = [
        [c, pct(result["before"].get(c, 0), n), pct(result["after"].get(c, 0), n)] for c in ("ok", *CLASSES)
    ]
    rows.append(["fixed (bad, no longer stated)", "", str(result["after"]["fixed"])])
    rows.append(["lost (ok, no longer stated)", "", str(result["after"]["lost"])])
    lines = [
        "# Neutral brief: hand-labelled audit (Giveme5W1H)",
        "",
        f"{n} brief sentences drawn at random from the briefs of Giveme5W1H events with ≥ {MIN_ARTICLES} "
        f"articles (`{meta['set']}`), each labelled by one reader. *Before*: the labels "
        "(the brief as drawn); *after*: the briefs recomputed with the current code "
        f"({meta['mode']}). An audited sentence still stated keeps its label.",
        "",
        f"Error rate before: **{100 * result['error_rate_before']:.1f} %** ({n - result['before']['ok']} of "
        f"{n}). After: **{100 * result['error_rate_after']:.1f} %** of the {result['stated_after']} audited "
        f"sentences still stated ({sum(result['after'][c] for c in CLASSES)} bad); "
        f"{result['after']['fixed']} bad sentences no longer stated, {result['after']['lost']} ok ones lost. "
        f"{len(result['recredited'])} of those still stated credit their one source in other words (a copy's "
        'wire or credited source named: "Only AP, in the story … ran, reports:"), '
        f"{len(result.get('named_in_full', []))} name their speaker in full where the audited text gave a "
        "surname; both listed below.",
        "",
        *markdown_table(["label", "before", "after"], rows),
        "",
        "## By kind",
        "",
    ]
    kind_rows = []
    for label in ("ok", *CLASSES, "fixed", "lost"):
        cells = [
            f"{c.get(f'before:{label}', 0)} → {c.get(f'after:{label}', 0)}"
            for c in result["by_kind"].values()
        ]
        if any(cell != "0 → 0" for cell in cells):
            kind_rows.append([label, *cells])
    lines += markdown_table(["label (before → after)", *result["by_kind"]], kind_rows)
    new = result["new"]
    lines += [
        "",
        f"## Sentences new since the audit ({new['count']}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(new["by_kind"].items()))
        + ")",
        "",
        "The current briefs of the audited events state these; the briefs the audit was drawn from did not "
        "(a sample of 20, seeded). A sentence whose wording changed shows up here and as fixed or lost.",
        "",
    ]
    labelled = {k: v for k, v in new.get("labels", {}).items() if k != "unlabelled"}
    if labelled:
        bad = sum(v for k, v in labelled.items() if k != "ok")
        whole = result["whole"]
        lines += [
            f"{sum(labelled.values())} of them are labelled (`{meta.get('new_labels', '')}`, the same rules, "
            f"read blind): {bad} bad ("
            + ", ".join(f"{k} {v}" for k, v in sorted(labelled.items()))
            + f"). Over the audited sentences still stated and the labelled new ones: "
            f"**{100 * whole['bad'] / whole['of']:.1f} %** bad ({whole['bad']} of {whole['of']}). "
            "All of them:",
            "",
        ]
        sample = new["all"]
    else:
        sample = random.Random(SEED).sample(new["all"], min(20, len(new["all"])))
    lines += [
        f"- `{s['event']}` ({s['kind']}{', ' + s['label'] if s.get('label') else ''}): {s['sentence'][:220]}"
        for s in sample
    ]
    if result.get("recited"):
        lines += ["", "## Still stated, citing fewer outlets than when labelled", ""]
        lines += [
            f"- {s['label']}: {s['sentence'][:200]} (no longer cites {', '.join(s['dropped'])})"
            for s in result["recited"]
        ]
    if result.get("mended_by_citations"):
        lines += ["", "## Labelled not-supported, every citation left read as saying it (now ok)", ""]
        lines += [f"- {s['sentence'][:220]}" for s in result["mended_by_citations"]]
    if result["recredited"]:
        lines += ["", "## Still stated, their one source credited in other words", ""]
        lines += [f"- {s['label']}: {s['sentence'][:220]}" for s in result["recredited"]]
    if result.get("named_in_full"):
        lines += ["", "## Still stated, their speaker named in full", ""]
        lines += [f"- {s['label']}: {s['sentence'][:220]}" for s in result["named_in_full"]]
    if result["still_bad"]:
        lines += ["", "## Labelled bad and still stated", ""]
        lines += [f"- {s['label']}: {s['sentence'][:220]}" for s in result["still_bad"]]
    lines += ["", f"Machine: {meta['machine']['platform']}, {meta['machine']['cpu_count']} CPUs.", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def cached_inputs(
    cache: Path, events: dict[str, list[dict[str, Any]]], names: Sequence[str], refresh: bool
) -> dict[str, list[tuple[Any, ...]]]:
    stored: dict[str, list[tuple[Any, ...]]] = {}
    if cache.is_file():
        with cache.open("rb") as f:
            stored = pickle.load(f)
    missing = [e for e in names if refresh or e not in stored]
    for start in range(0, len(missing), 5):  # stored as it goes: a long run that stops keeps its work
        stored.update(compute_inputs(events, missing[start : start + 5]))
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as f:
            pickle.dump(stored, f)
    return {e: stored[e] for e in names}


ARGUMENTS = 9  # what ``write_brief`` takes, up to the verbs its renderings state
READ_FROM_PARSE = 3  # the last three: leaning sentences, optional phrases, stated verbs


def with_fresh_parse_reads(
    inputs: dict[str, list[tuple[Any, ...]]], parses: Path
) -> dict[str, list[tuple[Any, ...]]]:
    """The cached inputs with what ``write_brief`` reads from the parse read again by the current code
    (brief edits often change it): the sentences leaning on the one before (``compare.standalone``), the
    phrases a sentence can do without and the verb each shared rendering states (``compare.optional``),
    from the articles' parses (cached beside the findings, as spaCy ``DocBin`` bytes by body hash: the
    pipeline parses bodies alone, so the parse is the one it gives)."""
    from parallax.compare.optional import optional_phrases, stated_verbs
    from parallax.compare.standalone import leaning_sentences

    bodies = {a.body for stories in inputs.values() for story in stories for a in story[1].values()}
    docs = _parsed(sorted(bodies), parses)
    out = {}
    for event, stories in inputs.items():
        out[event] = []
        for story in stories:
            kept = ARGUMENTS - READ_FROM_PARSE
            padded = (*story[:kept], *(None,) * (kept - len(story[:kept])))
            parsed = {a.id: docs[a.body] for a in story[1].values()}
            titles = [a.title for a in story[1].values() if a.title]
            shared = [c for f in story[0] if f.kind == "shared" for c in f.citations]
            read = (leaning_sentences(parsed, titles), optional_phrases(parsed), stated_verbs(shared, parsed))
            out[event].append((*padded, *read))
    return out


def _parsed(bodies: Sequence[str], path: Path) -> dict[str, Any]:
    from spacy.tokens import DocBin

    from parallax.annotate.nlp import load_nlp, parse

    nlp = load_nlp()
    stored: dict[str, bytes] = {}
    if path.is_file():
        with path.open("rb") as f:
            stored = pickle.load(f)
    key = {b: hashlib.sha1(b.encode("utf-8")).hexdigest() for b in bodies}
    missing = [b for b in bodies if key[b] not in stored]
    if missing:
        for body, doc in zip(missing, parse(missing), strict=True):
            stored[key[body]] = DocBin(docs=[doc]).to_bytes()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump(stored, f)
    return {b: next(iter(DocBin().from_bytes(stored[key[b]]).get_docs(nlp.vocab))) for b in bodies}


def print_changes(old: dict[str, list[dict[str, Any]]], new: dict[str, list[dict[str, Any]]]) -> None:
    """Per event, the sentences an earlier dump's briefs stated and these do not (-), and the reverse (+)."""
    gone = added = 0
    for event in sorted(set(old) & set(new)):
        before = [s["text"] for s in old[event]]
        after = [s["text"] for s in new[event]]
        minus = [t for t in before if t not in after]
        plus = [t for t in after if t not in before]
        if minus or plus:
            print(f"== {event}")
            print("\n".join([*(f"  - {t}" for t in minus), *(f"  + {t}" for t in plus)]))
        gone, added = gone + len(minus), added + len(plus)
    print(f"{gone} sentences no longer stated, {added} new")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--cached", action="store_true", help="reuse cached findings; rerun write_brief only")
    parser.add_argument("--all", action="store_true", help="every event, not only the audited ones")
    parser.add_argument("--dump", type=Path, help="write every brief (event → sentences) to this JSON file")
    parser.add_argument("--against", type=Path, help="an earlier --dump: what briefs lost, gained")
    parser.add_argument("--draw", action="store_true", help="draw a new audit set (labels left empty)")
    parser.add_argument("--force", action="store_true", help="with --draw: overwrite a labelled set")
    parser.add_argument("--seed", type=int, default=SEED, help="with --draw: the draw's random seed")
    parser.add_argument("--n", type=int, default=DRAW, help="with --draw: how many sentences to draw")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    if (
        args.draw
        and args.set.is_file()
        and any(i.get("label") for i in load_set(args.set))
        and not args.force
    ):
        parser.error(f"{args.set} holds labels: pass --force to draw over it, or --set another path")
    events = load_events(args.data)
    items = [] if args.draw or not args.set.is_file() else load_set(args.set)
    names = sorted(events) if args.all or args.draw else sorted({i["event"] for i in items})
    started = time.perf_counter()
    inputs = cached_inputs(args.cache, events, names, refresh=not args.cached)
    if args.cached:
        inputs = with_fresh_parse_reads(inputs, args.cache.with_name("brief_parses.pkl"))
    briefs = briefs_of(inputs)
    seconds = time.perf_counter() - started
    if args.dump:
        args.dump.write_text(json.dumps(briefs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.dump}: {sum(len(b) for b in briefs.values())} sentences, {len(briefs)} events")
    if args.against:
        print_changes(json.loads(args.against.read_text(encoding="utf-8")), briefs)
    if args.draw:
        chosen = draw(briefs, n=args.n, seed=args.seed)
        with args.set.open("w", encoding="utf-8") as f:
            for item in chosen:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        drawn = {event: [s["text"] for s in sentences] for event, sentences in briefs.items()}
        drawn_from_path(args.set).write_text(
            json.dumps(drawn, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"drew {len(chosen)} sentences into {args.set}: {Counter(i['kind'] for i in chosen)}")
        return
    if not items:
        return
    drawn_path = drawn_from_path(args.set)
    drawn_from = json.loads(drawn_path.read_text(encoding="utf-8")) if drawn_path.is_file() else None
    new_path = new_labels_path(args.set)
    cited = CITATION_LABELS if CITATION_LABELS.is_file() else None
    result = score(
        items,
        briefs,
        drawn_from,
        load_set(new_path) if new_path.is_file() else (),
        load_set(cited) if cited else (),
    )
    meta = {
        "new_labels": new_path.name if new_path.is_file() else "",
        "set": str(args.set.resolve().relative_to(ROOT))
        if args.set.resolve().is_relative_to(ROOT)
        else str(args.set),
        "mode": "cached findings, write_brief rerun" if args.cached else "full pipeline",
        "seconds": round(seconds, 1),
        "machine": machine(),
    }
    text = markdown(result, meta)
    print(text)
    if not args.no_write:
        write_results(results_name(args.set), {**meta, **result}, text)


if __name__ == "__main__":
    main()
