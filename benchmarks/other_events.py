"""Passages about another event inside an article: every passage the rule flags on three labelled sets.

Some articles run on, after their story, into a second and unrelated one (China Daily's report of a plane
crash in Costa Rica continues "Meanwhile, the CEO of Compass Group … died when the seaplane they were
traveling in crashed into Sydney river …"). ``parallax.compare.other_event`` finds such passages; this
script runs it over every article of Giveme5W1H (stories: its gold events), BASIL (its events, three
outlets each) and ECB+ (its events, each topic's two events apart) and prints each flagged passage, and
the near misses (a switch marker that opens a run sharing names or claims with the story; an unmarked
run that shares no name), so that a person reads them all. There is no gold label for this: the reading
is the measure.

Annotation (the spaCy parse, claims, mentions) and claim vectors are cached under
``/tmp/parallax-bench-other-events`` by article text and the annotation code, so a rerun after a change to
the rule takes seconds.

    .venv/bin/python benchmarks/other_events.py                 # all three sets
    .venv/bin/python benchmarks/other_events.py --sets giveme5w1h --near
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_common import annotated_cached

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_CACHE = Path("/tmp/parallax-bench-other-events")
SETS = ("giveme5w1h", "basil", "ecbplus")
# What annotation depends on: a change elsewhere (compare, brief) keeps the cache.
ANNOTATION_CODE = ("annotate", "compare/claims.py", "clean.py", "embed.py", "pipeline.py")


def _documents(name: str, data: Path) -> dict[str, list[Any]]:
    """The set's documents, by gold event."""
    from parallax.model import Document

    events: dict[str, list[Any]] = {}
    if name == "basil":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from facts import load_events  # BASIL's paragraphs joined as the facts benchmark joins them

        for event in load_events(data / "basil" / "basil-2010-2014.jsonl"):
            events[event.id] = [
                Document(a.id, a.body, title=a.title or None, outlet=a.outlet, published=a.published)
                for a in event.articles
            ]
        return events
    path = data / (
        "giveme5w1h/news_cluster.jsonl" if name == "giveme5w1h" else "ecbplus/ecbplus-topics-1-35.jsonl"
    )
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        outlet = row.get("outlet") or row["id"]  # ECB+ names no outlet: each article is its own
        document = Document(row["id"], row["text"], title=row.get("title"), outlet=outlet,
                            published=row.get("published"))  # fmt: skip
        events.setdefault(str(row["event"]), []).append(document)
    return events


def _code_digest() -> bytes:
    digest = hashlib.sha256()
    for part in ANNOTATION_CODE:
        path = ROOT / "src" / "parallax" / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.digest()


def prepared(articles: list[Any], embedder: Any, cache: Path, code: bytes) -> tuple[Any, Any]:
    """``annotate`` and ``_embed_claims`` over one event's articles, from the cache when it holds them."""
    digest = hashlib.sha256(code)
    for article in articles:
        digest.update(article.body.encode())
    annotated, vectors, _ = annotated_cached(articles, embedder, cache / f"{digest.hexdigest()[:20]}.pkl")
    return annotated, vectors


def story_inputs(name: str, data: Path, cache: Path) -> list[Any]:
    """Each gold event of the set as the compare stage receives a story."""
    from parallax.embed import default_embedder
    from parallax.pipeline import clean_all, story_input

    embedder = default_embedder()
    code = _code_digest()
    stories = []
    for event, documents in _documents(name, data).items():
        articles, _, _ = clean_all(documents)
        if not articles:
            continue
        annotated, vectors = prepared(articles, embedder, cache, code)
        stories.append(story_input(f"{name}:{event}", articles, annotated, vectors))
    return stories


def _first_words(text: str, n: int = 14) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _stats(passage: Any) -> str:
    return (
        f"{passage.paragraphs} par, marker {passage.marker!r}, own {list(passage.own)[:8]}, "
        f"who/where {list(passage.own_who_or_where)[:4]}, common {list(passage.common)[:6]}, "
        f"shared claims {passage.shared_claims}"
    )


def near_misses(given: Any) -> list[Any]:
    """Per article, runs the rule passes over but a reader should see: a run opening on a switch marker
    that shares a name or a claim with the story, and the longest unmarked run of two or more paragraphs
    that shares no name and no claim with it (what a rule without the marker would take)."""
    from parallax.compare.other_event import trailing_runs

    found = []
    for article in given.bodies:
        runs = list(trailing_runs(given, article))
        if any(run.another_event for run in runs):
            continue
        found.extend(run for run in runs if run.marker)
        close = [r for r in runs if r.paragraphs >= 2 and r.own and not r.common and not r.shared_claims]
        found.extend(r for r in close[:1] if not r.marker)
    return found


def scan(name: str, data: Path, cache: Path, near: bool) -> dict[str, Any]:
    from parallax.compare.align import align
    from parallax.compare.other_event import PassageInput, other_events

    flagged, missed, articles = [], [], 0
    for story in story_inputs(name, data, cache):
        articles += len(story.articles)
        outlet_of = {a.id: a.label for a in story.articles}
        alignment = align(story.claims, story.claim_vectors, outlet_of)
        bodies = {a.id: a.body for a in story.articles}
        titles = {a.id: a.title or "" for a in story.articles}
        given = PassageInput(story.claims, bodies, titles, story.mentions, story.dates, alignment.shared)
        source = {a.id: a.source for a in story.articles}
        for passage in other_events(given):
            text = given.bodies[passage.article][passage.start : passage.end]
            flagged.append((story.story_id, source[passage.article], _stats(passage), _first_words(text)))
        if near:
            for passage in near_misses(given):
                text = given.bodies[passage.article][passage.start : passage.end]
                missed.append((story.story_id, source[passage.article], _stats(passage), _first_words(text)))
    print(f"\n## {name}: {articles} articles, {len(flagged)} flagged")
    for story_id, article, why, words in flagged:
        print(f"- {story_id} {article} [{why}]: {words}")
    if near:
        marked = sum("marker ''" not in why for _, _, why, _ in missed)
        print(f"\n### {name}: {len(missed)} near misses, {marked} of them opening on a switch marker")
        for story_id, article, why, words in missed:
            print(f"- {story_id} {article} [{why}]: {words}")
    return {"set": name, "articles": articles, "flagged": flagged, "near_misses": missed}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--near", action="store_true", help="also print the near misses")
    args = parser.parse_args(argv)
    for name in args.sets.split(","):
        scan(name, args.data, args.cache, args.near)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
