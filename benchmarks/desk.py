"""The desk under load: ingest throughput, page latency with 100k articles stored, a bounded load test.

Articles are recombined from real texts (Giveme5W1H and ECB+ from ``../shared/data``): each synthetic
article keeps a real article's title, outlet and first two sentences, shuffles the rest, ends with its
number (so its content hash is new) and gets a publication date spread over 2024. Everything runs on
a temporary SQLite file (WAL, as ``parallax serve`` opens it).

1. **Ingest** (articles/s, each run into a fresh store; medians of ``--repeats`` (3) runs of
   ``add_articles`` and of ``--index-repeats`` (1) of ``StoryIndex.add``):

   - ``SqliteStore.add_articles`` in batches of ``--batch`` (one transaction a batch, FTS5 triggers
     included) and one article a call (one transaction, one fsync each, as ``StoryIndex.add`` writes);
   - the full incremental path ``StoryIndex.add`` on ``--ingest-articles`` (500) articles in one call:
     event profile, MiniLM lead embedding (its in-process cache emptied first; model loading not
     timed), ANN assignment, copy detection and the writes. The embedding's share is timed apart;
   - the bulk load of the ``--articles`` (100k) store below, in batches of 5000.

2. **Latency** with ``--articles`` stored: stories of 5-20 consecutive recombined articles are made with
   ``save_story`` (label, dates, a few title words as key entities; no model). ``--real-stories`` (4)
   stories of 2-3 real articles of one Giveme5W1H event are added beside them. The desk is served by
   ``parallax serve`` (uvicorn, access log on) in a subprocess on a free port of 127.0.0.1, and read
   with httpx from this process:

   - *first uncached hit*: each real story is opened once with no report cached: ``/stories/{id}``
     answers 303 to a job page, the job runs the pipeline (``compare_articles``), the report is cached
     in ``stage_outputs`` as the app always does; timed from the first GET to the rendered page. The
     first one includes loading spaCy and MiniLM in the server;
   - *cached*: the report (and sentence spans) of real story ``i % K`` is copied under the id and
     membership digest of each story on the story list's first page, so the list and those story pages
     find a cached report, as in a desk where every story was compared when its articles arrived. Such
     a page renders the real 2-3-article report with the bulk story's own record and members;
   - ``--requests`` (200) sequential requests per endpoint after 5 untimed warm-up ones, round-robin
     over 20 stories (the K real ones and the first of the list's page) or 10 queries:
     ``/stories/{id}``, ``/``, ``/api/stories/{id}``, ``/search?q=``, and ``--entity-requests`` (20)
     of ``/entities/{id}`` (which reads every story's cached report); p50/p95/p99 of the wall time of
     each request (connection kept alive).

3. **Load**: ``--concurrency`` (16) asyncio clients with one ``httpx.AsyncClient`` for ``--duration``
   (20 s), each sending its next request as soon as the last one is answered: 40 % story pages, 20 %
   the story list, 20 % the API story, 20 % search. Requests/s, p50/p95/p99, errors (exceptions and
   any status other than 200: a 303 would mean a story lost its cached report).

4. **Where the time goes**: the steps behind the story list and one story page, timed in process on
   the same store once the server has stopped (no HTTP, no template), and findings worded from the
   run's numbers.

The client shares the machine with the server: on 2 cores the figures are a floor on what the server
does alone. Targets (from the issue): story page p95 ≤ 200 ms with 100k articles, no error under load.

    .venv/bin/python benchmarks/desk.py         # 100k articles (5-7 minutes on 2 shared cores)
    .venv/bin/python benchmarks/desk.py --articles 20000 --duration 10 --repeats 1
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import asyncio
import dataclasses
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import machine, markdown_table, write_results

from parallax.model import Article, content_id
from parallax.store import StoryRecord, StoryRepository, open_store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
STORY_PAGE_P95_TARGET_MS = 200.0
SEARCHES = (
    "missile",
    "North Korea",
    "earthquake",
    "police said",
    "Trump",
    "election results",
    "Hokkaido",
    "stock market",
    "hurricane",
    "Federal Reserve",
)
LOAD_MIX = (("story page", 0.4), ("story list", 0.2), ("api story", 0.2), ("search", 0.2))
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")


# ---------------------------------------------------------------- articles and stories


@dataclass(frozen=True)
class Source:
    """One real article the synthetic ones are recombined from."""

    id: str
    title: str
    text: str
    outlet: str
    published: str | None = None
    event: str = ""


def load_sources(data: Path) -> list[Source]:
    """Giveme5W1H (with outlets, dates and events) and ECB+ (outlets borrowed from Giveme5W1H)."""
    sources: list[Source] = []
    giveme = data / "giveme5w1h" / "news_cluster.jsonl"
    for row in _jsonl(giveme):
        sources.append(
            Source(
                row["id"],
                row.get("title") or "",
                row["text"],
                row.get("outlet") or "unknown",
                (row.get("published") or "")[:10] or None,
                str(row.get("event_id") or ""),
            )
        )
    outlets = sorted({s.outlet for s in sources}) or ["unknown"]
    ecb = data / "ecbplus" / "ecbplus-topics-1-35.jsonl"
    if ecb.is_file():
        for n, row in enumerate(_jsonl(ecb)):
            sources.append(Source(row["id"], row.get("title") or "", row["text"], outlets[n % len(outlets)]))
    return [s for s in sources if s.text.strip()]


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        yield from (json.loads(line) for line in handle if line.strip())


def published_on(i: int, n: int) -> str:
    """Day ``i * 365 // n`` of 2024 (28-day months: the date only has to be valid and ordered)."""
    day = i * 336 // max(n, 1)
    return f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}"


def recombine(i: int, base: Source, rng: random.Random, n: int) -> Article:
    """Synthetic article ``i`` of ``n``: the base's first two sentences, the rest shuffled, numbered."""
    sentences = base.text.split(". ")
    head, rest = sentences[:2], sentences[2:]
    rng.shuffle(rest)
    body = ". ".join(head + rest) + f"\n\n(Item {i}.)"
    return Article(
        content_id(body),
        f"bench-{i}",
        body,
        outlet=base.outlet,
        title=base.title or None,
        published=published_on(i, n),
    )


def synthetic_articles(sources: Sequence[Source], n: int, seed: int = 0, start: int = 0) -> Iterator[Article]:
    rng = random.Random(seed)
    for i in range(start, start + n):
        yield recombine(i, sources[rng.randrange(len(sources))], rng, start + n)


def real_article(source: Source) -> Article:
    return Article(
        content_id(source.text),
        source.id,
        source.text,
        outlet=source.outlet,
        title=source.title or None,
        published=source.published,
    )


def story_record(story_id: str, members: Sequence[Article]) -> StoryRecord:
    dates = sorted(a.published for a in members if a.published)
    title = next((a.title for a in members if a.title), None)
    entities = tuple(dict.fromkeys(_TITLE_WORD.findall(title or "")))[:3]
    return StoryRecord(
        story_id,
        (title or "")[:120] or None,
        tuple(a.id for a in members),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        key_entities=entities,
    )


def bulk_fill(
    store: StoryRepository,
    articles: Iterator[Article],
    batch: int,
    group: tuple[int, int] = (5, 20),
    seed: int = 0,
) -> dict[str, Any]:
    """Add the articles ``batch`` at a time, then group consecutive ones into stories of ``group`` sizes.

    Returns the articles/s of the writes alone (making the articles is not timed) and the story count."""
    rng = random.Random(seed)
    write_seconds, count, chunks = 0.0, 0, []
    pending: list[Article] = []
    ids: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) == batch:
            seconds = _timed_add(store, pending)
            write_seconds += seconds
            count += len(pending)
            chunks.append(len(pending) / seconds)
            ids += [dataclasses.replace(a, body="") for a in pending]  # ids, titles, dates only
            pending = []
    if pending:
        seconds = _timed_add(store, pending)
        write_seconds += seconds
        count += len(pending)
        chunks.append(len(pending) / seconds)
        ids += [dataclasses.replace(a, body="") for a in pending]
    start = time.perf_counter()
    stories = 0
    with store.transaction():
        at = 0
        while at < len(ids):
            size = rng.randint(*group)
            store.save_story(story_record(f"s-bench-{stories:06d}", ids[at : at + size]))
            at += size
            stories += 1
    return {
        "articles": count,
        "seconds": write_seconds,
        "articles_per_s": count / write_seconds if write_seconds else 0.0,
        "first_batch_per_s": chunks[0] if chunks else None,
        "last_batch_per_s": chunks[-1] if chunks else None,
        "stories": stories,
        "story_seconds": time.perf_counter() - start,
    }


def _timed_add(store: StoryRepository, articles: Sequence[Article]) -> float:
    start = time.perf_counter()
    store.add_articles(articles)
    return time.perf_counter() - start


def real_stories(sources: Sequence[Source], k: int) -> list[list[Source]]:
    """``k`` groups of 2 or 3 real Giveme5W1H articles, each group from one event (file order)."""
    events: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        if s.event:
            events[s.event].append(s)
    groups = [members for members in events.values() if len(members) >= 3]
    return [members[: 2 + n % 2] for n, members in enumerate(groups[:k])]


def borrow_report(store: StoryRepository, donor: StoryRecord, story: StoryRecord) -> None:
    """Cache ``donor``'s report and sentence spans under ``story``'s id and membership digest."""
    from parallax.web import desk

    with store.transaction():
        for stage in (desk.COMPARE_STAGE, desk.SENTENCES_STAGE):
            payload = store.get_output(donor.id, stage, desk.cache_version(donor.articles))
            if payload is None:
                raise LookupError(f"story {donor.id} has no cached {stage} output")
            store.put_output(story.id, stage, desk.cache_version(story.articles), payload)


# ---------------------------------------------------------------- timing helpers


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    if not samples_ms:
        return {"n": 0}
    values = np.asarray(samples_ms, dtype=np.float64)
    return {
        "n": len(values),
        "p50_ms": float(np.percentile(values, 50)),
        "p95_ms": float(np.percentile(values, 95)),
        "p99_ms": float(np.percentile(values, 99)),
        "mean_ms": float(values.mean()),
        "max_ms": float(values.max()),
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(db: Path, log: Path, ready_timeout: float = 120.0) -> Iterator[str]:
    """``parallax serve --db DB`` on a free loopback port in a subprocess; yields its base URL."""
    import httpx

    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("PARALLAX_TOKEN", None)
    command = [sys.executable, "-c", "import sys; from parallax.cli import main; sys.exit(main())"]
    command += ["serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited ({process.returncode}):\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready after {ready_timeout} s:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---------------------------------------------------------------- 1. ingest


def ingest_raw(sources: Sequence[Source], n: int, batch: int, repeats: int, folder: Path) -> dict[str, Any]:
    """``add_articles`` of ``n`` articles ``batch`` at a time into a fresh store; median of the repeats."""
    rates = []
    for r in range(repeats):
        articles = list(synthetic_articles(sources, n, seed=100 + r))
        path = folder / f"raw-{batch}-{r}.db"
        with open_store(path) as store:
            start = time.perf_counter()
            for at in range(0, n, batch):
                store.add_articles(articles[at : at + batch])
            rates.append(n / (time.perf_counter() - start))
        for extra in ("", "-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    return {"articles": n, "batch": batch, "rates": rates, "articles_per_s": statistics.median(rates)}


class TimedEmbedder:
    """Wraps an embedder and adds up the seconds spent in ``embed``."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.seconds = inner, 0.0

    def embed(self, texts: Sequence[str]) -> Any:
        start = time.perf_counter()
        try:
            return self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - start


def ingest_stories(sources: Sequence[Source], n: int, repeats: int, folder: Path) -> dict[str, Any]:
    """``StoryIndex.add`` of ``n`` articles in one call into a fresh store; MiniLM loaded beforehand."""
    from parallax.embed import default_embedder
    from parallax.stories.incremental import StoryIndex

    inner = default_embedder()
    inner.embed(["warm-up"])
    runs = []
    for r in range(repeats):
        articles = list(synthetic_articles(sources, n, seed=200 + r))
        inner._cache.clear()  # every lead embedded, none served from an earlier run
        embedder = TimedEmbedder(inner)
        with open_store(folder / f"stories-{r}.db") as store:
            index = StoryIndex(store, embedder)  # type: ignore[arg-type]
            start = time.perf_counter()
            assignments = index.add(articles)
            seconds = time.perf_counter() - start
            runs.append(
                {
                    "seconds": seconds,
                    "embed_seconds": embedder.seconds,
                    "articles_per_s": n / seconds,
                    "articles_per_s_beyond_embedding": n / max(seconds - embedder.seconds, 1e-9),
                    "stories": store.count_stories(),
                    "assigned": len(assignments),
                }
            )
        print(f"  StoryIndex.add run {r + 1}: {runs[-1]}", flush=True)
    middle = sorted(runs, key=lambda x: x["seconds"])[len(runs) // 2]
    return {"articles": n, "runs": runs, **{k: middle[k] for k in runs[0]}}


# ---------------------------------------------------------------- 2. latency


def first_hit(client: Any, story_id: str, timeout: float = 300.0) -> dict[str, Any]:
    """Open a story with no cached report: the 303 to its job, the job's run, then the page."""
    start = time.perf_counter()
    response = client.get(f"/stories/{story_id}")
    redirect_ms = (time.perf_counter() - start) * 1000
    if response.status_code != 303:
        raise RuntimeError(f"story {story_id}: expected 303 to a job, got {response.status_code}")
    job = response.headers["location"].rsplit("/", 1)[-1]
    while True:
        status = client.get(f"/api/jobs/{job}").json()
        if status["status"] not in ("queued", "running"):
            break
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"job {job} still {status['status']} after {timeout} s")
        time.sleep(0.1)
    if status["status"] != "done":
        raise RuntimeError(f"job {job}: {status['message']}")
    page = client.get(f"/stories/{story_id}")
    if page.status_code != 200:
        raise RuntimeError(f"story {story_id}: {page.status_code} after its job")
    return {"story": story_id, "redirect_ms": redirect_ms, "to_page_ms": (time.perf_counter() - start) * 1000}


def time_requests(client: Any, paths: Sequence[str], n: int, warmup: int = 5) -> dict[str, Any]:
    """``n`` sequential GETs round-robin over ``paths`` after ``warmup`` untimed ones."""
    for i in range(warmup):
        client.get(paths[i % len(paths)])
    samples, errors, size = [], 0, 0
    for i in range(n):
        start = time.perf_counter()
        response = client.get(paths[i % len(paths)])
        samples.append((time.perf_counter() - start) * 1000)
        size += len(response.content)
        errors += response.status_code != 200
    return {**percentiles(samples), "errors": errors, "mean_bytes": size / max(n, 1), "paths": len(paths)}


# ---------------------------------------------------------------- 3. load


def load_paths(story_ids: Sequence[str], queries: Sequence[str]) -> dict[str, list[str]]:
    return {
        "story page": [f"/stories/{s}" for s in story_ids],
        "story list": ["/"],
        "api story": [f"/api/stories/{s}" for s in story_ids],
        "search": [f"/search?q={q}" for q in queries],
    }


async def _load(url: str, paths: dict[str, list[str]], concurrency: int, duration: float) -> dict[str, Any]:
    import httpx

    kinds = [k for k, _ in LOAD_MIX]
    weights = [w for _, w in LOAD_MIX]
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        deadline = time.perf_counter() + duration

        async def worker(n: int) -> None:
            rng = random.Random(n)
            while time.perf_counter() < deadline:
                kind = rng.choices(kinds, weights)[0]
                path = rng.choice(paths[kind])
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    if response.status_code != 200:
                        errors[f"HTTP {response.status_code}"] += 1
                except httpx.HTTPError as error:
                    errors[type(error).__name__] += 1
                samples[kind].append((time.perf_counter() - start) * 1000)

        began = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(concurrency)))
        elapsed = time.perf_counter() - began
    total = sum(len(v) for v in samples.values())
    every = [x for v in samples.values() for x in v]
    return {
        "concurrency": concurrency,
        "duration_s": elapsed,
        "requests": total,
        "requests_per_s": total / elapsed,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "all": percentiles(every),
        "by_kind": {k: percentiles(v) for k, v in samples.items()},
    }


def load_test(url: str, paths: dict[str, list[str]], concurrency: int, duration: float) -> dict[str, Any]:
    return asyncio.run(_load(url, paths, concurrency, duration))


# ---------------------------------------------------------------- the run


def run(args: argparse.Namespace, sources: list[Source]) -> dict[str, Any]:
    import httpx

    result: dict[str, Any] = {"ingest": {}}
    with tempfile.TemporaryDirectory(prefix="parallax-bench-desk-") as tmp:
        folder = Path(tmp)
        print(f"1. ingest: add_articles ({args.raw_articles} articles, batch {args.batch})", flush=True)
        ingest = result["ingest"]
        ingest["raw_batched"] = ingest_raw(sources, args.raw_articles, args.batch, args.repeats, folder)
        ingest["raw_single"] = ingest_raw(sources, args.single_articles, 1, args.repeats, folder)
        print(f"   StoryIndex.add ({args.ingest_articles} articles)", flush=True)
        ingest["story_index"] = ingest_stories(sources, args.ingest_articles, args.index_repeats, folder)

        print(f"2. building a store of {args.articles} articles", flush=True)
        db = folder / "desk.db"
        with open_store(db) as store:
            ingest["bulk"] = bulk_fill(store, synthetic_articles(sources, args.articles), 5000)
            print(f"   {ingest['bulk']}", flush=True)
            real: list[StoryRecord] = []
            for k, group in enumerate(real_stories(sources, args.real_stories)):
                members = [real_article(s) for s in group]
                store.add_articles(members)
                record = story_record(f"s-real-{k}", members)
                store.save_story(record)
                real.append(record)
            first_page = store.stories(limit=25)
            counts = {"articles": store.count_articles(), "stories": store.count_stories()}
        result["store"] = {**counts, "mb": sum(p.stat().st_size for p in folder.glob("desk.db*")) / 2**20}

        with serve(db, folder / "server.log") as url, httpx.Client(base_url=url, timeout=300) as client:
            print("   first uncached hits (the pipeline runs in the server)", flush=True)
            hits = [first_hit(client, r.id) for r in real]
            result["first_hits"] = hits
            print(f"   {hits}", flush=True)
            with open_store(db) as store:
                for n, story in enumerate(first_page):
                    borrow_report(store, real[n % len(real)], story)
                report = store.get_output(real[0].id, "compare", _version(real[0]))
            entity_ids = [e["id"] for e in (report or {}).get("entities", [])[:5]] or ["none"]
            timed = [r.id for r in real] + [s.id for s in first_page[: max(0, 20 - len(real))]]
            queries = [q.replace(" ", "+") for q in SEARCHES]
            endpoints = {**load_paths(timed, queries), "entity page": [f"/entities/{e}" for e in entity_ids]}
            latency: dict[str, Any] = {}
            for name, paths in endpoints.items():
                n = args.entity_requests if name == "entity page" else args.requests
                latency[name] = time_requests(client, paths, n)
                print(f"   {name}: {latency[name]}", flush=True)
            result["latency"] = latency
            result["timed_stories"] = {
                "real": len(real),
                "borrowed_report": len(timed) - len(real),
                "cached": len(real) + len(first_page),
            }

            print(f"3. load: {args.concurrency} clients for {args.duration} s", flush=True)
            result["load"] = load_test(url, load_paths(timed, queries), args.concurrency, args.duration)
            print(f"   {result['load']}", flush=True)
        result["breakdown"] = breakdown(db)
        result["report_kb"] = len(json.dumps(report or {})) / 1024
        print(f"   breakdown: {result['breakdown']}", flush=True)
    return result


def breakdown(db: Path, repeats: int = 10) -> dict[str, float]:
    """In-process milliseconds (median of ``repeats``) of the steps behind the story list and a story
    page, on the store as served: no HTTP, no template."""
    from parallax.web import desk, views
    from parallax.web.pages import PAGE_SIZE

    with open_store(db) as store:
        page = store.stories(limit=PAGE_SIZE)
        story = page[0]
        report = desk.cached_report(store, story) or {}
        sentences = desk.story_sentences(store, story)
        steps: dict[str, Callable[[], object]] = {
            "list: `store.stories`": lambda: store.stories(limit=PAGE_SIZE),
            f"list: `story_articles` × {len(page)}": lambda: [desk.story_articles(store, s) for s in page],
            f"list: `cached_report` × {len(page)}": lambda: [desk.cached_report(store, s) for s in page],
            "list: `desk.story_page` (count, page, `summarise` × 25)": lambda: desk.story_page(
                store, PAGE_SIZE, 0
            ),
            "page: `get_story`": lambda: desk.get_story(store, story.id),
            "page: `cached_report`": lambda: desk.cached_report(store, story),
            "page: `story_sentences`": lambda: desk.story_sentences(store, story),
            "page: `views.story_view`": lambda: views.story_view(report, sentences),
            "page: `summarise`": lambda: desk.summarise(store, story),
        }
        return {name: _median_ms(step, repeats) for name, step in steps.items()}


def _median_ms(step: Callable[[], object], repeats: int) -> float:
    step()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _version(story: StoryRecord) -> str:
    from parallax.web import desk

    return desk.cache_version(story.articles)


# ---------------------------------------------------------------- report


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def render_markdown(payload: dict[str, Any]) -> str:
    info, args, r = payload["machine"], payload["args"], payload["result"]
    ingest, latency, load = r["ingest"], r["latency"], r["load"]
    story_p95 = latency["story page"]["p95_ms"]
    story_met = story_p95 <= STORY_PAGE_P95_TARGET_MS
    load_met = load["errors"] == 0
    raw, single, index, bulk = (
        ingest["raw_batched"],
        ingest["raw_single"],
        ingest["story_index"],
        ingest["bulk"],
    )
    ingest_rows = [
        (
            f"`add_articles`, batches of {raw['batch']}",
            str(raw["articles"]),
            f"{raw['articles_per_s']:.0f}",
            f"median of {len(raw['rates'])}",
        ),
        (
            "`add_articles`, one article a transaction",
            str(single["articles"]),
            f"{single['articles_per_s']:.0f}",
            f"median of {len(single['rates'])}",
        ),
        (
            "`add_articles`, batches of 5000, the latency store",
            str(bulk["articles"]),
            f"{bulk['articles_per_s']:.0f}",
            f"first batch {bulk['first_batch_per_s']:.0f}/s, last {bulk['last_batch_per_s']:.0f}/s",
        ),
        (
            "`StoryIndex.add` (profile, MiniLM, ANN, writes)",
            str(index["articles"]),
            f"{index['articles_per_s']:.1f}",
            f"{index['articles_per_s_beyond_embedding']:.1f}/s beyond embedding "
            f"({index['embed_seconds']:.1f} of {index['seconds']:.1f} s embedding); "
            f"median of {len(index['runs'])}",
        ),
    ]
    latency_rows = [
        (
            name,
            str(v["n"]),
            _ms(v["p50_ms"]),
            _ms(v["p95_ms"]),
            _ms(v["p99_ms"]),
            _ms(v["max_ms"]),
            f"{v['mean_bytes'] / 1024:.0f}",
            str(v["errors"]),
        )
        for name, v in latency.items()
    ]
    hit_rows = [(h["story"], _ms(h["redirect_ms"]), f"{h['to_page_ms'] / 1000:.1f}") for h in r["first_hits"]]
    load_rows = [
        (kind, str(v["n"]), _ms(v["p50_ms"]), _ms(v["p95_ms"]), _ms(v["p99_ms"]))
        for kind, v in [("all", load["all"]), *sorted(load["by_kind"].items())]
    ]
    store = r["store"]
    lines = [
        "# The desk: ingest, page latency and load",
        "",
        f"Machine: {info['cpu_count']} CPUs, {info['platform']}; {info['date']}. The machine was shared "
        "with other jobs while this ran, and the HTTP client ran on the same cores as the server, so the "
        "figures are a floor on what the server does alone.",
        "",
        f"Store for latency and load: {store['articles']} articles ({store['stories']} stories of 5-20 "
        f"articles recombined from Giveme5W1H and ECB+, plus {r['timed_stories']['real']} real stories), "
        f"{store['mb']:.0f} MB of SQLite. Server: `parallax serve` (uvicorn, one process) on 127.0.0.1.",
        "",
        "## Targets",
        "",
        *markdown_table(
            ("target", "measured", "met"),
            [
                (
                    f"story page p95 ≤ {STORY_PAGE_P95_TARGET_MS:.0f} ms with {store['articles']} articles",
                    f"{story_p95:.0f} ms",
                    "yes" if story_met else "no",
                ),
                (
                    f"no errors under load ({load['concurrency']} clients, {load['duration_s']:.0f} s)",
                    f"{load['errors']} errors in {load['requests']} requests",
                    "yes" if load_met else "no",
                ),
            ],
        ),
        "",
        "## Ingest (articles/s)",
        "",
        *markdown_table(("path", "articles", "articles/s", "notes"), ingest_rows),
        "",
        "## Latency, sequential requests (ms)",
        "",
        f"{args['requests']} requests per endpoint ({args['entity_requests']} for the entity page) after "
        "5 warm-up ones; the story pages and API stories go round-robin over "
        f"{r['timed_stories']['real']} real stories and {r['timed_stories']['borrowed_report']} stories "
        "of the list's first page whose cached report is a real story's (see below), search over "
        f"{len(SEARCHES)} queries.",
        "",
        *markdown_table(("endpoint", "n", "p50", "p95", "p99", "max", "KB", "errors"), latency_rows),
        "",
        "## First uncached hit of a story page",
        "",
        "GET `/stories/{id}` with no cached report answers 303 to a job page; the job runs the pipeline "
        "and caches the report; then the page renders. The first row includes loading spaCy and MiniLM "
        "in the server.",
        "",
        *markdown_table(("story", "303 ms", "to the rendered page, s"), hit_rows),
        "",
        f"## Load: {load['concurrency']} concurrent clients, {load['duration_s']:.0f} s",
        "",
        f"{load['requests']} requests, {load['requests_per_s']:.1f} requests/s, {load['errors']} errors"
        + (f" ({load['error_kinds']})" if load["errors"] else "")
        + ". Mix: "
        + ", ".join(f"{k} {w:.0%}" for k, w in LOAD_MIX)
        + ".",
        "",
        *markdown_table(("requests", "n", "p50 ms", "p95 ms", "p99 ms"), load_rows),
        "",
        "## Where the time goes (in process, ms)",
        "",
        "Medians of 10 calls of the steps behind the story list and one story page, on the same store "
        "with the server stopped (no HTTP, no template).",
        "",
        *markdown_table(("step", "ms"), [(k, _ms(v)) for k, v in r["breakdown"].items()]),
        "",
        "## Findings",
        "",
        *[f"- {f}" for f in findings(r)],
        "",
        "## What is cached",
        "",
        "Every timed story page finds its report in `stage_outputs`, as in a desk where each story was "
        "compared when its articles arrived (`desk.add_documents`). Only the real stories' reports were "
        "computed for them (through the server, timed above); each story of the list's first page has a "
        "real story's report copied under its own id and membership digest, so its page renders a "
        "2-3-article report beside its own record and members. A larger story's real report renders "
        "more text: page time grows with the report. Other stories have no cached report, so "
        "`stage_outputs` is far smaller than in a desk where every story was compared.",
        "",
    ]
    return "\n".join(lines)


def findings(r: dict[str, Any]) -> list[str]:
    """What the figures say about where the time goes, worded from this run's numbers."""
    steps, latency, load, store = r["breakdown"], r["latency"], r["load"], r["store"]
    parse = next((v for k, v in steps.items() if k.startswith("list: `cached_report`")), 0.0)
    whole = next((v for k, v in steps.items() if k.startswith("list: `desk.story_page`")), 0.0)
    entity = latency["entity page"]
    queue_ms = load["concurrency"] / load["requests_per_s"] * 1000
    raw, single = r["ingest"]["raw_batched"], r["ingest"]["raw_single"]
    bulk, index = r["ingest"]["bulk"], r["ingest"]["story_index"]
    cached = r["timed_stories"]["cached"]
    work = {kind: weight * latency[kind]["mean_ms"] for kind, weight in LOAD_MIX}
    list_share = work["story list"] / sum(work.values())
    mix_ms = sum(work.values())
    return [
        f"The story list spends {parse:.0f} of its {whole:.0f} ms (in process) in `cached_report` for its "
        "25 stories: `desk.summarise` loads and parses each story's whole cached report "
        f"({r['report_kb']:.0f} KB of JSON here) only to know whether there is one. An existence check "
        "(`SELECT 1 FROM stage_outputs WHERE subject = ? AND stage = ? AND version = ?`, the primary "
        "key) would leave the rest. Not changed: the targets are met, and it needs a method in the "
        "`StoryRepository` protocol.",
        f"Under load the one server process is CPU-bound: the mix's mean sequential time is "
        f"{mix_ms:.0f} ms (client included), about {1000 / mix_ms:.0f} requests/s one at a time; with "
        f"{load['concurrency']} clients it served {load['requests_per_s']:.0f} (client and server overlap "
        f"on the cores). With {load['concurrency']} clients waiting the latency is mostly "
        f"queueing ({load['concurrency']} / {load['requests_per_s']:.0f} requests/s ≈ {queue_ms:.0f} ms "
        f"a request on average). Weighted by the mix, the story list is {list_share:.0%} of the work for "
        f"{dict(LOAD_MIX)['story list']:.0%} of the requests.",
        f"The entity page (p50 {entity['p50_ms']:.0f} ms) reads all {store['stories']} stories, 200 a "
        f"page, and looks up each one's cached report; here only {cached} stories have one. In a desk "
        "where every story was compared it would parse every report on each request: it needs an index "
        "from entities to stories, written when a report is cached.",
        f"One article a transaction (a commit each, as `StoryIndex.add` writes) is "
        f"{raw['articles_per_s'] / single['articles_per_s']:.1f}× slower than batches of {raw['batch']}; "
        f"the bulk load's first and last batches of 5000 ran at {bulk['first_batch_per_s']:.0f} and "
        f"{bulk['last_batch_per_s']:.0f} articles/s (on a shared machine such gaps are mostly its load). "
        "`StoryIndex.add` spends "
        f"{index['embed_seconds'] / index['seconds']:.0%} of its time in the MiniLM lead embedding.",
    ]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="articles stored for latency and load")
    parser.add_argument("--raw-articles", type=int, default=10_000, help="articles per add_articles run")
    parser.add_argument("--single-articles", type=int, default=500, help="articles per one-a-call run")
    parser.add_argument("--batch", type=int, default=1000, help="add_articles batch size")
    parser.add_argument("--ingest-articles", type=int, default=500, help="articles per StoryIndex.add run")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each add_articles measurement")
    parser.add_argument("--index-repeats", type=int, default=1, help="runs of StoryIndex.add (slow)")
    parser.add_argument("--real-stories", type=int, default=4, help="stories whose report is computed")
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per endpoint")
    parser.add_argument("--entity-requests", type=int, default=20, help="sequential entity-page requests")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of the load test")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-write", action="store_true", help="print only; leave results/ alone")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.data / "giveme5w1h" / "news_cluster.jsonl").is_file():
        print(f"data not found under {args.data}; nothing measured")
        return 0
    sources = load_sources(args.data)
    started = time.perf_counter()
    result = run(args, sources)
    payload = {
        "machine": machine(),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "sources": len(sources),
        "seconds": time.perf_counter() - started,
        "result": result,
    }
    text = render_markdown(payload)
    print(text)
    if not args.no_write:
        write_results("desk", payload, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
