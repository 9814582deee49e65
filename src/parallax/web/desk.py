"""The desk's service layer: what the API and the pages do with the store, free of HTTP.

Everything here takes a ``StoryRepository`` and returns plain data (report-contract dicts), so the routers
stay thin and the functions can be tested without a server. Story reports are computed by the pipeline
once per membership and cached in the store's ``stage_outputs``.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from parallax import __version__
from parallax.ingest import MAX_INPUT_BYTES, read_inputs
from parallax.ingest.text import normalise_published, text_document
from parallax.model import REPORT_VERSION, Annotations, Article, Document, InputError, Report
from parallax.pipeline import clean_all, compare_articles
from parallax.render.json import JSONDict, report_to_dict
from parallax.store import StoryRecord, StoryRepository, member_digest
from parallax.stories.incremental import StoryIndex

COMPARE_STAGE = "compare"
SENTENCES_STAGE = "sentences"
# Part of every cache version: a new release, report format or embedding model invalidates old reports.
# "stored-story": a stored story is compared as one story, not grouped again (reports before were).
PIPELINE_VERSION = f"parallax-{__version__}/report-{REPORT_VERSION}/all-MiniLM-L6-v2/stored-story"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

Compare = Callable[[Sequence[Article]], Report]


def compare_stored_story(articles: Sequence[Article]) -> Report:
    """A stored story's articles compared as the one story the store made of them (not grouped again)."""
    return compare_articles(articles, one_story=True)


# compare_articles is not known to be thread-safe (spaCy, the embedder's cache): one computation at a time.
_compute_lock = threading.Lock()


class NotFound(LookupError):
    """An id that names nothing in the store; the routers turn it into a 404."""

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"no {kind} with id {ident!r}")
        self.kind, self.ident = kind, ident


class TooLarge(ValueError):
    """One article over ``MAX_INPUT_BYTES``; the routers turn it into a 413."""


# --- stories ---------------------------------------------------------------------------------------


def assign_stories(
    store: StoryRepository, articles: Sequence[Article], index: StoryIndex | None = None
) -> list[str]:
    """Put the batch's articles that are in no story yet into stories; the ids of the stories touched.

    Pass the desk's ``index`` (kept on the app's state) to reuse it: building one reads every story
    centroid of the store.
    """
    index = index if index is not None and index.store is store else StoryIndex(store)
    return list(dict.fromkeys(a.story for a in index.add(articles)))


def get_story(store: StoryRepository, story_id: str) -> StoryRecord:
    story = store.get_story(story_id)
    if story is None:
        raise NotFound("story", story_id)
    return story


def get_article(store: StoryRepository, article_id: str) -> Article:
    article = store.get_article(article_id)
    if article is None:
        raise NotFound("article", article_id)
    return article


def story_articles(store: StoryRepository, story: StoryRecord) -> list[Article]:
    return [a for a in (store.get_article(i) for i in story.articles) if a is not None]


def cache_version(article_ids: Sequence[str]) -> str:
    return f"{member_digest(article_ids)}/{PIPELINE_VERSION}"


def cached_report(store: StoryRepository, story: StoryRecord) -> JSONDict | None:
    """The story's report if it was computed for its present members, else None (nothing is computed)."""
    return store.get_output(story.id, COMPARE_STAGE, cache_version(story.articles))


def story_report(store: StoryRepository, story_id: str, compare: Compare = compare_stored_story) -> JSONDict:
    """``report_to_dict(compare(articles))`` for the story (its articles as one story), cached."""
    story = get_story(store, story_id)
    hit = cached_report(store, story)
    if hit is not None:
        return hit
    with _compute_lock:
        hit = cached_report(store, story)  # another thread may have computed it while this one waited
        if hit is not None:
            return hit
        report = compare(story_articles(store, story))
        return cache_report(store, story, report)


def cache_report(store: StoryRepository, story: StoryRecord, report: Report) -> JSONDict:
    """Store a computed report (and its sentence spans, which the report dict leaves out) for ``story``."""
    data = report_to_dict(report)
    version = cache_version(story.articles)
    sentences: dict[str, list[list[int]]] = {}
    for s in report.annotations.sentences:
        sentences.setdefault(s.article, []).append([s.start, s.end])
    with store.transaction():
        store.put_output(story.id, SENTENCES_STAGE, version, {"articles": sentences})
        store.put_output(story.id, COMPARE_STAGE, version, data)
        store.index_story_entities(story.id, [e["id"] for e in data.get("entities", []) if e.get("id")])
    return data


def story_sentences(store: StoryRepository, story: StoryRecord) -> dict[str, list[tuple[int, int]]]:
    """Sentence spans per article id, as the pipeline cut them; empty when the report is not cached."""
    payload = store.get_output(story.id, SENTENCES_STAGE, cache_version(story.articles)) or {}
    return {aid: [(int(s), int(e)) for s, e in spans] for aid, spans in payload.get("articles", {}).items()}


def findings(report: JSONDict) -> list[JSONDict]:
    """Every finding of the report, over all the pipeline's stories (a desk story may split in several)."""
    return [f for s in report.get("stories", []) for f in s.get("findings", [])]


@dataclass(frozen=True)
class StorySummary:
    """A story as the list shows it: coverage per outlet and over time."""

    story: StoryRecord
    outlets: list[tuple[str, int]]
    dates: list[tuple[str, str]]  # (published, outlet) per dated article, oldest first
    cached: bool

    def to_dict(self) -> JSONDict:
        s = self.story
        return {
            "id": s.id,
            "label": s.label,
            "articles": list(s.articles),
            "size": s.size,
            "first_published": s.first_published,
            "last_published": s.last_published,
            "key_entities": list(s.key_entities),
            "outlets": [{"outlet": o, "articles": n} for o, n in self.outlets],
            "report_cached": self.cached,
        }


def summarise(store: StoryRepository, story: StoryRecord) -> StorySummary:
    articles = story_articles(store, story)
    outlets = Counter(a.label for a in articles)
    dates = sorted((a.published, a.label) for a in articles if a.published)
    compared = store.has_output(story.id, COMPARE_STAGE, cache_version(story.articles))
    return StorySummary(story, outlets.most_common(), dates, compared)


def story_page(store: StoryRepository, limit: int, offset: int) -> tuple[int, list[StorySummary]]:
    return store.count_stories(), [summarise(store, s) for s in store.stories(limit=limit, offset=offset)]


def iter_stories(store: StoryRepository, batch: int = 200) -> Iterator[StoryRecord]:
    offset = 0
    while page := store.stories(limit=batch, offset=offset):
        yield from page
        offset += len(page)


# --- articles, entities, quotes, search -----------------------------------------------------------


def article_dict(store: StoryRepository, article: Article) -> JSONDict:
    """The article exactly as the report contract shapes it, plus the id of its story."""
    data = report_to_dict(Report((article,), Annotations(), ()))["articles"][0]
    return {**data, "story": store.story_of(article.id)}


def entity(store: StoryRepository, entity_id: str) -> JSONDict:
    """One entity over the stories whose cached report names it: all its mentions, each with its story."""
    found: JSONDict | None = None
    mentions: list[JSONDict] = []
    for story in filter(None, map(store.get_story, store.stories_with_entity(entity_id))):
        report = cached_report(store, story)  # None when the story changed since: its index entry is stale
        for e in (report or {}).get("entities", []):
            if e.get("id") == entity_id:
                found = found or {k: e.get(k) for k in ("id", "name", "type")}
                mentions += [{**m, "story": story.id} for m in e.get("mentions", [])]
    if found is None:
        raise NotFound("entity", entity_id)
    return {**found, "mentions": mentions, "stories": list(dict.fromkeys(m["story"] for m in mentions))}


def quotes(report: JSONDict) -> JSONDict:
    """The report's quotes per article and the statements that several outlets quote (quote findings)."""
    return {
        "quotes": report.get("quotes", []),
        "groups": [f for f in findings(report) if f["kind"] == "quote"],
    }


# Private-use characters never occur in news text, so they can mark matches without being confused
# with the article's own brackets; the page splits on them and escapes every piece.
MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"


def search(store: StoryRepository, query: str, limit: int = 20) -> list[JSONDict]:
    hits = []
    # ``marks`` is SqliteStore's, not yet in the StoryRepository protocol.
    for hit in store.search(query, limit=limit, marks=(MATCH_OPEN, MATCH_CLOSE)):  # type: ignore[call-arg]
        article = store.get_article(hit.article_id)
        if article is None:
            continue
        hits.append(
            {
                "article": article.id,
                "title": article.title,
                "outlet": article.label,
                "published": article.published,
                "story": store.story_of(article.id),
                "snippet": hit.snippet.replace(MATCH_OPEN, "[").replace(MATCH_CLOSE, "]"),
                "parts": snippet_parts(hit.snippet),
                "rank": hit.rank,
            }
        )
    return hits


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as (text, is_match) runs."""
    parts = []
    for n, piece in enumerate(re.split(f"[{MATCH_OPEN}{MATCH_CLOSE}]", snippet)):
        if piece:
            parts.append((piece, n % 2 == 1))
    return parts


# --- adding articles -------------------------------------------------------------------------------


@dataclass
class Added:
    """What one batch did: the articles stored (new or already there), their stories, what failed."""

    articles: list[str] = field(default_factory=list)
    new: int = 0
    stories: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def paste_document(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    source: str = "pasted text",
) -> Document:
    """A pasted article (front matter allowed); fields given explicitly win. ValueError: a bad date."""
    check_size(source, text.encode("utf-8", "surrogatepass"))
    document = text_document(source, text)
    date = _given(published)
    return dataclasses.replace(
        document,
        title=_given(title) or document.title,
        outlet=_given(outlet) or document.outlet,
        url=_given(url) or document.url,
        published=normalise_published(date) if date else document.published,
    )


def _given(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def check_size(source: str, data: bytes) -> None:
    if len(data) > MAX_INPUT_BYTES:
        raise TooLarge(f"{source}: {len(data)} bytes, over the limit of {MAX_INPUT_BYTES} per article")


def upload_documents(name: str, data: bytes) -> tuple[list[Document], list[InputError]]:
    """An uploaded file read by ``parallax.ingest`` exactly as a file on disk (extension decides)."""
    safe = _UNSAFE_NAME.sub("_", Path(name).name).lstrip(".") or "upload.txt"
    check_size(safe, data)
    with tempfile.TemporaryDirectory(prefix="parallax-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        documents, errors = read_inputs([str(path)])
    source = f"upload:{safe}"
    renamed = [dataclasses.replace(d, source=d.source.replace(str(path), source)) for d in documents]
    return renamed, [InputError(e.source.replace(str(path), source), e.reason) for e in errors]


def add_documents(
    store: StoryRepository,
    documents: Sequence[Document],
    compare: Compare = compare_stored_story,
    index: StoryIndex | None = None,
) -> Added:
    """Clean, store, group into stories and compute the stories' reports (so they open at once)."""
    articles, errors, notes = clean_all(documents)
    added = Added(errors=list(errors), notes=list(notes))
    added.new = sum(store.add_articles(articles))
    added.articles = [a.id for a in articles]
    touched = assign_stories(store, articles, index)
    existing = [store.story_of(a.id) for a in articles]
    added.stories = list(dict.fromkeys([*touched, *(s for s in existing if s)]))
    for sid in touched:
        story_report(store, sid, compare)
    return added
