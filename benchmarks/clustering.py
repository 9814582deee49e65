"""Story clustering: the learned same-event model, batch and incremental, beside a TF-IDF baseline.

Each system has one configuration for every set (nothing is tuned per set):

- ``tfidf``: the baseline. TF-IDF of title + full text (sklearn ``TfidfVectorizer``, English stop words,
  sublinear tf), average-linkage agglomerative clustering at cosine distance 0.8.
- ``parallax``: ``parallax.stories.cluster``: event profiles (idf-weighted terms, names, numbers,
  dates) and MiniLM lead vectors, the shipped same-event model (``src/parallax/data/same_event.json``,
  trained by ``training/train_same_event.py`` on ECB+, Giveme5W1H and UCI; never on BASIL), average
  linkage at the model's threshold, copies joined to their originals.
- ``parallax-incremental``: ``parallax.stories.incremental.StoryIndex`` over an in-memory store, the
  articles added one by one in publication order; its agreement with the batch grouping (ARI) is
  reported on its row.

Because the model was trained on ECB+, Giveme5W1H and UCI, the ``parallax`` rows for those sets are
in-sample; the honest figures for them are the cross-fitted ones (each pair scored by a model that
never saw its fold), written beside the weights by the training script and repeated in the results,
batch and incremental (each fold's articles streamed by the other fold's model, the two folds apart).
BASIL is out of sample for every system.

- ``bertopic``: the issue's second baseline, BERTopic 0.17 (the ``bench`` extra) over the same MiniLM
  lead vectors, UMAP seeded, HDBSCAN with clusters of 2 or more, outliers as singletons.

Sets, from ``../shared/data`` (``--data`` for another place); a missing set is skipped with a message:

- ``ecbplus/ecbplus-topics-1-35.jsonl``: gold ``event``; each ``topic`` holds two similar events, and the
  share of topics whose two events share a predicted story is reported (same vs similar event).
- ``giveme5w1h/news_cluster.jsonl``: gold ``event_id``.
- ``basil/basil-2010-2014.jsonl``: gold ``event``; the text is the paragraphs' sentences joined.
- ``uci-news-aggregator-sample/uci-news-aggregator.csv``: headlines only, gold ``STORY``. Whole stories
  are drawn in a seeded random order until about ``--uci-limit`` (2000) headlines, so every gold story
  in the sample is complete.

Metrics: B-cubed precision, recall and F1 (per item, averaged over items; F1 is the harmonic mean of the
two averages), adjusted Rand index, predicted and gold cluster counts, and seconds (models loaded
beforehand). The script prints a table and writes ``benchmarks/results/clustering.{json,md}``.

    .venv/bin/python benchmarks/clustering.py                       # all sets and systems (~8 min)
    .venv/bin/python benchmarks/clustering.py --systems tfidf,parallax --sets basil
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import machine, markdown_table, write_results
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_CACHE = Path("/tmp/parallax-bench-clustering")

TFIDF_THRESHOLD = 0.8  # cosine distance for the baseline
LEAD_SENTENCES = 10  # sentences of the text after the title in the cheap MiniLM variant
TARGETS = {"giveme5w1h": 0.95, "basil": 0.97, "ecbplus": 0.93}  # B-cubed F1, from the clustering issue
SYSTEMS = ("tfidf", "bertopic", "parallax", "parallax-incremental")
SETS = ("ecbplus", "giveme5w1h", "basil", "uci")

Matrix = NDArray[np.float32]


# ---------------------------------------------------------------- metrics


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold labels.

    For each item, precision is the share of its predicted cluster that is in its gold cluster, recall
    the share of its gold cluster that is in its predicted cluster; both are averaged over items (the
    item itself counts). F1 is the harmonic mean of the two averages.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predicted")
    if not gold:
        return 1.0, 1.0, 1.0
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    both = Counter(zip(gold, predicted, strict=True))
    n = len(gold)
    precision = sum(both[(g, p)] / pred_size[p] for g, p in zip(gold, predicted, strict=True)) / n
    recall = sum(both[(g, p)] / gold_size[g] for g, p in zip(gold, predicted, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def similar_event_merges(
    topics: Sequence[Hashable], gold: Sequence[Hashable], predicted: Sequence[Hashable]
) -> dict[str, Any]:
    """Of the topics holding several gold events, how many have two of them in one predicted cluster.

    Also the share of cross-event article pairs inside a topic that are put in the same cluster.
    """
    by_topic: dict[Hashable, list[int]] = defaultdict(list)
    for index, topic in enumerate(topics):
        by_topic[topic].append(index)
    merged = considered = pairs = joined = 0
    for members in by_topic.values():
        if len({gold[i] for i in members}) < 2:
            continue
        considered += 1
        events_in: dict[Hashable, set[Hashable]] = defaultdict(set)
        for i in members:
            events_in[predicted[i]].add(gold[i])
        merged += any(len(events) > 1 for events in events_in.values())
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if gold[i] != gold[j]:
                    pairs += 1
                    joined += predicted[i] == predicted[j]
    return {
        "topics": considered,
        "topics_merged": merged,
        "share_topics_merged": merged / considered if considered else 0.0,
        "cross_event_pairs": pairs,
        "share_cross_event_pairs_joined": joined / pairs if pairs else 0.0,
    }


def labels_of(groups: Sequence[Sequence[int]], n: int) -> list[int]:
    """Cluster label per item from lists of member indices; items in no group become singletons."""
    labels = [-1] * n
    for label, members in enumerate(groups):
        for i in members:
            labels[i] = label
    next_label = len(groups)
    for i in range(n):
        if labels[i] < 0:
            labels[i], next_label = next_label, next_label + 1
    return labels


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    text: str
    gold: str
    topic: str = ""
    published: str | None = None


@dataclass(frozen=True)
class Dataset:
    name: str
    path: Path
    items: list[Item]
    note: str = ""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_ecbplus(path: Path) -> Dataset:
    rows = read_jsonl(path)
    items = [Item(r["id"], r.get("title") or "", r["text"], r["event"], str(r["topic"])) for r in rows]
    return Dataset("ecbplus", path, items)


def load_giveme5w1h(path: Path) -> Dataset:
    rows = read_jsonl(path)
    items = [
        Item(r["id"], r.get("title") or "", r["text"], r["event_id"], published=r.get("published"))
        for r in rows
    ]
    return Dataset("giveme5w1h", path, items)


def load_basil(path: Path) -> Dataset:
    items = []
    for r in read_jsonl(path):
        paragraphs = r["paragraphs"]
        text = "\n\n".join(" ".join(sentences) for sentences in paragraphs)
        items.append(Item(r["id"], r.get("title") or "", text, r["event"], published=r.get("published")))
    return Dataset("basil", path, items)


def load_uci(path: Path, limit: int, seed: int) -> Dataset:
    stories: dict[str, list[Item]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("TITLE") and row.get("STORY"):
                when = _from_epoch_ms(row.get("TIMESTAMP"))
                stories[row["STORY"]].append(Item(row["ID"], row["TITLE"], "", row["STORY"], published=when))
    total = sum(len(v) for v in stories.values())
    order = sorted(stories)
    random.Random(seed).shuffle(order)
    items: list[Item] = []
    for story in order:
        if len(items) + len(stories[story]) > limit:
            continue
        items.extend(stories[story])
    note = (
        f"headlines only; {len(items)} of {total} headlines ({len({i.gold for i in items})} of "
        f"{len(stories)} stories), whole stories drawn in a seeded ({seed}) random order up to {limit}"
        if len(items) < total
        else f"headlines only; all {total} headlines"
    )
    return Dataset("uci", path, items, note)


def _from_epoch_ms(value: str | None) -> str | None:
    if not value or not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value) / 1000, tz=dt.UTC).date().isoformat()


def load_sets(data: Path, names: Sequence[str], uci_limit: int, seed: int) -> tuple[list[Dataset], list[str]]:
    loaders: dict[str, tuple[Path, Callable[[Path], Dataset]]] = {
        "ecbplus": (data / "ecbplus" / "ecbplus-topics-1-35.jsonl", load_ecbplus),
        "giveme5w1h": (data / "giveme5w1h" / "news_cluster.jsonl", load_giveme5w1h),
        "basil": (data / "basil" / "basil-2010-2014.jsonl", load_basil),
        "uci": (
            data / "uci-news-aggregator-sample" / "uci-news-aggregator.csv",
            lambda p: load_uci(p, uci_limit, seed),
        ),
    }
    found, skipped = [], []
    for name in names:
        path, loader = loaders[name]
        if not path.is_file():
            message = f"{name}: {path} not found; set skipped"
            print(message)
            skipped.append(message)
            continue
        found.append(loader(path))
    return found, skipped


# ---------------------------------------------------------------- systems


@dataclass
class Outcome:
    labels: list[int]
    seconds: float
    cached: bool = False
    note: str = ""


def agglomerative_precomputed(distances: NDArray[np.float64], threshold: float) -> list[int]:
    n = len(distances)
    if n <= 1:
        return list(range(n))
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return [int(x) for x in model.fit_predict(distances)]


def run_tfidf(items: Sequence[Item]) -> Outcome:
    """TF-IDF baseline. Distances are precomputed so that an all-stop-word text (a zero row) is at 1."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    start = time.perf_counter()
    texts = [full_text(item) for item in items]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    distances = np.clip(cosine_distances(matrix), 0.0, None)
    labels = agglomerative_precomputed(distances, TFIDF_THRESHOLD)
    return Outcome(labels, time.perf_counter() - start)


def full_text(item: Item) -> str:
    if not item.text:
        return item.title
    if not item.title or item.text.lstrip().startswith(item.title.strip()):
        return item.text
    return f"{item.title}\n{item.text}"


SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def lead_text(item: Item, sentences: int = LEAD_SENTENCES) -> str:
    """The title and the first sentences of the text (a regex split, good enough for a model input)."""
    text = full_text(item)
    pieces = [p.strip() for p in SENTENCE_END.split(text) if p and p.strip()]
    return " ".join(pieces[: sentences + 1])  # the title is usually the first piece


class VectorCache:
    """Article vectors on disk, keyed by set, system and a digest of the inputs."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def path(self, dataset: str, system: str, texts: Sequence[str]) -> Path | None:
        if self.root is None:
            return None
        digest = hashlib.blake2b("\x1e".join(texts).encode("utf-8"), digest_size=12).hexdigest()
        return self.root / f"{dataset}-{system}-{digest}.npz"

    def load(self, path: Path | None) -> tuple[Matrix, float, dict[str, Any]] | None:
        if path is None or not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            return stored["vectors"].astype(np.float32), float(meta["seconds"]), meta

    def save(self, path: Path | None, vectors: Matrix, seconds: float, **meta: Any) -> None:
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, vectors=vectors, meta=np.array(json.dumps({"seconds": seconds, **meta})))


def articles_of(items: Sequence[Item]) -> list[Any]:
    """Items as cleaned articles would be (the sets are clean text already); id = content hash."""
    from parallax.model import Article, content_id

    out = []
    for item in items:
        body = full_text(item)
        out.append(
            Article(content_id(body), item.id, body, title=item.title or None, published=item.published)
        )
    return out


def run_bertopic(items: Sequence[Item]) -> Outcome:
    """BERTopic over the same MiniLM lead vectors parallax uses: UMAP (seeded) then HDBSCAN.

    News stories are small, so HDBSCAN's smallest cluster is 2 (the default 10 would make every
    story of fewer than ten articles an outlier); outliers (topic -1) are singleton stories.
    """
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    from parallax.stories import lead_vectors
    from parallax.stories.profile import profile

    articles = articles_of(items)
    leads = lead_vectors([profile(a) for a in articles])
    start = time.perf_counter()
    model = BERTopic(
        umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=0),
        hdbscan_model=HDBSCAN(min_cluster_size=2, metric="euclidean", prediction_data=True),
        calculate_probabilities=False,
    )
    topics, _ = model.fit_transform([a.body[:2000] for a in articles], embeddings=leads)
    seconds = time.perf_counter() - start
    labels = [t if t >= 0 else -1 - i for i, t in enumerate(topics)]
    outliers = sum(t < 0 for t in topics)
    return Outcome(labels, seconds, note=f"{outliers} outliers kept as singletons; embedding not timed")


def run_parallax(items: Sequence[Item]) -> Outcome:
    """``parallax.stories.cluster``: learned same-event probabilities, average linkage, copies joined."""
    from parallax.embed import default_embedder
    from parallax.stories import cluster

    articles = articles_of(items)
    embedder = default_embedder()
    embedder.embed(["warm-up"])
    start = time.perf_counter()
    result = cluster(articles, embedder)
    seconds = time.perf_counter() - start
    story_of = {a: s.id for s in result.stories for a in s.articles}
    note = f"{len(result.duplicates)} copies linked to an original"
    return Outcome([hash(story_of[a.id]) for a in articles], seconds, note=note)


def run_incremental(items: Sequence[Item]) -> Outcome:
    """``StoryIndex`` over an in-memory store, articles added one by one in publication order."""
    from parallax.embed import default_embedder
    from parallax.store import open_store
    from parallax.stories.incremental import StoryIndex

    articles = articles_of(items)
    store = open_store(":memory:")
    index = StoryIndex(store, default_embedder())
    start = time.perf_counter()
    assignments = index.add(articles)
    seconds = time.perf_counter() - start
    merges = sum(len(a.merged) for a in assignments)
    labels = [hash(store.story_of(a.id)) for a in articles]
    return Outcome(labels, seconds, note=f"{merges} story merges while streaming")


# ---------------------------------------------------------------- evaluation


def score(dataset: Dataset, system: str, outcome: Outcome) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score

    gold = [item.gold for item in dataset.items]
    precision, recall, f1 = bcubed(gold, outcome.labels)
    target = TARGETS.get(dataset.name)
    row: dict[str, Any] = {
        "set": dataset.name,
        "system": system,
        "articles": len(gold),
        "gold_clusters": len(set(gold)),
        "predicted_clusters": len(set(outcome.labels)),
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "ari": float(adjusted_rand_score(gold, outcome.labels)),
        "seconds": outcome.seconds,
        "seconds_from_cache": outcome.cached,
        "target_f1": target,
        "target_met": None if target is None else f1 >= target,
        "note": outcome.note,
    }
    if dataset.name == "ecbplus":
        row["similar_event"] = similar_event_merges([i.topic for i in dataset.items], gold, outcome.labels)
    return row


def evaluate(datasets: Sequence[Dataset], systems: Sequence[str]) -> tuple[list[dict[str, Any]], list[str]]:
    from sklearn.metrics import adjusted_rand_score

    runners: dict[str, Callable[[Sequence[Item]], Outcome]] = {
        "tfidf": run_tfidf,
        "bertopic": run_bertopic,
        "parallax": run_parallax,
        "parallax-incremental": run_incremental,
    }
    rows = []
    for dataset in datasets:
        outcomes = {}
        for system in systems:
            print(f"{dataset.name} ({len(dataset.items)} articles) / {system} ...", flush=True)
            outcomes[system] = runners[system](dataset.items)
            rows.append(score(dataset, system, outcomes[system]))
        if "parallax" in outcomes and "parallax-incremental" in outcomes:
            agreement = adjusted_rand_score(
                outcomes["parallax"].labels, outcomes["parallax-incremental"].labels
            )
            rows[-1]["agreement_with_batch_ari"] = float(agreement)
    return rows, []


# ---------------------------------------------------------------- report


HEADER = ("set", "system", "n", "gold", "pred", "B³ P", "B³ R", "B³ F1", "ARI", "s", "agree", "target")


def target_cell(row: dict[str, Any], trained_on: Sequence[str] = ()) -> str:
    """Met or missed; a learned system's row on a set it was trained on says so instead of claiming it."""
    if row["target_f1"] is None:
        return "–"
    if row["system"].startswith("parallax") and row["set"] in trained_on:
        return f"≥{row['target_f1']:.2f} in-sample"
    return f"≥{row['target_f1']:.2f} {'met' if row['target_met'] else 'missed'}"


def table_rows(rows: Sequence[dict[str, Any]], trained_on: Sequence[str] = ()) -> list[tuple[str, ...]]:
    return [
        (
            r["set"],
            r["system"],
            str(r["articles"]),
            str(r["gold_clusters"]),
            str(r["predicted_clusters"]),
            f"{r['bcubed_precision']:.3f}",
            f"{r['bcubed_recall']:.3f}",
            f"{r['bcubed_f1']:.3f}",
            f"{r['ari']:.3f}",
            f"{r['seconds']:.1f}" + ("*" if r["seconds_from_cache"] else ""),
            f"{r['agreement_with_batch_ari']:.3f}" if "agreement_with_batch_ari" in r else "–",
            target_cell(r, trained_on),
        )
        for r in rows
    ]


def similar_rows(rows: Sequence[dict[str, Any]]) -> list[tuple[str, ...]]:
    return [
        (
            r["system"],
            f"{r['similar_event']['topics_merged']} / {r['similar_event']['topics']}",
            f"{r['similar_event']['share_topics_merged']:.2f}",
            f"{r['similar_event']['share_cross_event_pairs_joined']:.3f}",
        )
        for r in rows
        if "similar_event" in r
    ]


SIMILAR_HEADER = ("system", "topics merged", "share", "cross-event pairs joined")


def render_markdown(payload: dict[str, Any]) -> str:
    info = payload["machine"]
    sets = [
        f"`{s['name']}` {s['articles']} articles, {s['gold_clusters']} gold clusters" for s in payload["sets"]
    ]
    notes = [f"- `{s['name']}`: {s['note']}" for s in payload["sets"] if s["note"]]
    notes += [f"- `{r['set']}` / `{r['system']}`: {r['note']}" for r in payload["rows"] if r["note"]]
    lines = [
        "# Story clustering: the learned same-event model, batch and incremental, beside a TF-IDF baseline",
        "",
        f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}; {info['date']}.",
        "Data: " + "; ".join(sets) + ".",
        "",
        f"- `tfidf`: TF-IDF (English stop words, sublinear tf) of title + text, average linkage, cosine "
        f"distance {TFIDF_THRESHOLD}.",
        "- `bertopic`: BERTopic over the same MiniLM lead vectors (UMAP seeded, HDBSCAN min cluster 2, "
        "outliers as singletons).",
        "- `parallax`: the learned same-event model, average linkage (`parallax.stories.cluster`)"
        + (
            f", two groups of two or more kept apart when the looser holds together by over "
            f"{margin:g} log-odds better than they link (the cohesion margin)"
            if (margin := payload["same_event_model"].get("cohesion_margin")) is not None
            else ""
        )
        + name_veto_note(payload["same_event_model"].get("name_veto"))
        + ".",
        "- `parallax-incremental`: `StoryIndex`, one article at a time in publication order; `agree` is "
        "its ARI against the batch grouping.",
        "",
        f"The model was trained on {', '.join(payload['same_event_model']['trained_on'])}: their "
        "`parallax` rows are in-sample. Cross-fitted B-cubed F1 there (each pair scored by a model that "
        "never saw its fold): "
        + ", ".join(f"{k} {v:.3f}" for k, v in payload["same_event_model"]["crossfit_bcubed_f1"].items())
        + "."
        + "".join(
            f" Cross-fitted, {m['topics_merged']} of {m['topics']} {name} topics put their two events in "
            "one story."
            for name, m in payload["same_event_model"].get("crossfit_similar_event", {}).items()
        )
        + crossfit_stream_note(payload["same_event_model"].get("crossfit_incremental", {}))
        + " BASIL is out of sample for every system.",
        "",
        "B³ = B-cubed (per article, averaged). s = seconds to cluster, models loaded beforehand; the MiniLM "
        "lead vectors are embedded by the first system that needs them (`bertopic`, not timed) and reused "
        "from the embedder's cache by the next ones. Targets are the clustering issue's B-cubed F1 goals; "
        "`in-sample` marks a learned system on a set it was trained on.",
        "",
        *markdown_table(HEADER, table_rows(payload["rows"], list(payload["same_event_model"]["trained_on"]))),
        "",
    ]
    similar = similar_rows(payload["rows"])
    if similar:
        lines += [
            "## ECB+: same event vs a similar event",
            "",
            "Each ECB+ topic holds two different events of the same kind. A topic counts as merged when some "
            "predicted story holds articles of both; the pair share is over article pairs of one topic and "
            "different events.",
            "",
            *markdown_table(SIMILAR_HEADER, similar),
            "",
        ]
    if notes or payload["skipped"]:
        lines += ["## Notes and skips", "", *notes, *(f"- {s}" for s in payload["skipped"]), ""]
    return "\n".join(lines)


def same_event_training() -> dict[str, Any]:
    """What the shipped model was trained on, and its cross-fitted scores there (from its JSON)."""
    from importlib import resources

    text = resources.files("parallax.data").joinpath("same_event.json").read_text(encoding="utf-8")
    data = json.loads(text)
    chosen = data["threshold_chosen"]
    return {
        "trained_on": data["trained_on"],
        "threshold": chosen,
        "cohesion_margin": data.get("cohesion_margin_chosen"),
        "name_veto": data.get("name_veto_chosen"),
        "crossfit_bcubed_f1": data["crossfit_bcubed_f1"][str(chosen)],
        "crossfit_similar_event": data.get("crossfit_similar_event", {}),
        "crossfit_incremental": data.get("crossfit_incremental", {}),
    }


def name_veto_note(veto: dict[str, Any] | None) -> str:
    """The shipped name veto (``parallax.stories.batch.names_apart``), as a clause (empty if none)."""
    if not veto:
        return ""
    where = "titles" if veto["core"] == "title" else "leads"
    return (
        f", and when each has a name in {veto['share']:.0%} of its {where} at least that no {where[:-1]} "
        f"of the other gives, one of them named in at most {veto['absent']:.0%} of the other's texts "
        "(the name veto)"
    )


def crossfit_stream_note(stream: dict[str, dict[str, float]]) -> str:
    """The training script's cross-fitted stream figures, as a sentence (empty if it wrote none)."""
    if not stream:
        return ""
    figures = ", ".join(f"{name} {m['f1']:.3f}" for name, m in stream.items())
    return (
        " Cross-fitted incremental B-cubed F1 (each fold's articles streamed by the other fold's model, "
        f"the two folds apart): {figures}."
    )


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument(
        "--systems", default=",".join(SYSTEMS), help=f"comma-separated, of {', '.join(SYSTEMS)}"
    )
    parser.add_argument("--uci-limit", type=int, default=2000, help="about this many UCI headlines")
    parser.add_argument("--seed", type=int, default=0, help="seed of the UCI story sample")
    args = parser.parse_args(argv)
    for value, allowed, what in ((args.sets, SETS, "set"), (args.systems, SYSTEMS, "system")):
        unknown = set(value.split(",")) - set(allowed)
        if unknown:
            parser.error(f"unknown {what}(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_dir():
        print(f"data not found: {args.data} (pass --data PATH); nothing measured, no results written")
        return 0
    datasets, skipped = load_sets(args.data, args.sets.split(","), args.uci_limit, args.seed)
    if not datasets:
        print("no data set found; nothing measured, no results written")
        return 0
    rows, skipped_runs = evaluate(datasets, args.systems.split(","))
    payload = {
        "machine": machine(),
        "data": str(args.data),
        "same_event_model": same_event_training(),
        "tfidf_threshold": TFIDF_THRESHOLD,
        "targets_bcubed_f1": TARGETS,
        "sets": [
            {
                "name": d.name,
                "path": str(d.path),
                "articles": len(d.items),
                "gold_clusters": len({i.gold for i in d.items}),
                "note": d.note,
            }
            for d in datasets
        ],
        "rows": rows,
        "skipped": skipped + skipped_runs,
    }
    print()
    print_table(HEADER, table_rows(rows))
    similar = similar_rows(rows)
    if similar:
        print("\nECB+ same vs similar event:")
        print_table(SIMILAR_HEADER, similar)
    write_results("clustering", payload, render_markdown(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
