"""What the routers share: the store, the job table and the pipeline, all held on ``app.state``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, cast

from fastapi import Depends, Request

from parallax.model import Document, InputError
from parallax.store import StoryRepository
from parallax.stories.incremental import StoryIndex
from parallax.web import desk
from parallax.web.jobs import Job, Jobs

Fetch = Callable[[Sequence[str]], tuple[list[Document], list[InputError], list[str]]]


def store_of(request: Request) -> StoryRepository:
    return cast(StoryRepository, request.app.state.store)


StoreDep = Annotated[StoryRepository, Depends(store_of)]


def jobs_of(request: Request) -> Jobs:
    return cast(Jobs, request.app.state.jobs)


def compare_of(request: Request) -> desk.Compare:
    return cast(desk.Compare, request.app.state.compare)


def _fetch_of(request: Request) -> Fetch:
    return cast(Fetch, request.app.state.fetch)


def submit_add(
    request: Request,
    documents: list[Document],
    urls: list[str],
    title: str,
    errors: Sequence[InputError] = (),
) -> Job:
    """Queue a job that fetches ``urls``, then stores, groups and compares everything.

    ``errors``: inputs that already failed (unreadable uploads), reported with the job's own."""
    store, compare, fetch = store_of(request), compare_of(request), _fetch_of(request)

    def work(progress: Callable[[str], None]) -> dict[str, Any]:
        found, failed, notes = list(documents), list(errors), list[str]()
        if urls:
            progress(f"fetching {len(urls)} page(s)")
            fetched, fetch_errors, notes = fetch(urls)
            found, failed = found + fetched, failed + fetch_errors
        progress(f"reading and comparing {len(found)} article(s)")
        added = desk.add_documents(store, found, compare, index_of(request))
        return {
            "articles": added.articles,
            "new": added.new,
            "stories": added.stories,
            "errors": [{"source": e.source, "reason": e.reason} for e in [*failed, *added.errors]],
            "notes": [*notes, *added.notes],
        }

    return jobs_of(request).submit("add", title, work)


def index_of(request: Request) -> StoryIndex:
    """The desk's one ``StoryIndex``, built on first use (it reads every story centroid)."""
    state = request.app.state
    with state.index_lock:
        if state.index is None:
            state.index = StoryIndex(state.store)
        return cast(StoryIndex, state.index)


def submit_report(request: Request, story_id: str) -> Job:
    """Queue the computation of a story's report; a second request joins the job already queued."""
    store, compare = store_of(request), compare_of(request)

    def work(progress: Callable[[str], None]) -> dict[str, Any]:
        progress("comparing the story's articles")
        desk.story_report(store, story_id, compare)
        return {"stories": [story_id]}

    return jobs_of(request).submit("report", f"report of story {story_id}", work, key=f"report-{story_id}")
