"""The REST API under ``/api``: JSON shaped like the report contract (docs/report-format.md).

Handlers are plain ``def``: FastAPI runs them in its thread pool, so a store read or a report computed
on a cache miss never blocks the event loop. Adding articles queues a job and answers 202 at once.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from parallax.ingest import MAX_INPUT_BYTES
from parallax.web import desk
from parallax.web.deps import StoreDep, compare_of, jobs_of, submit_add
from parallax.web.jobs import Job

router = APIRouter(prefix="/api", tags=["api"])
MAX_BATCH = 20
JSON = dict[str, Any]


class ArticleIn(BaseModel):
    """One article to add: its text (plain, front matter allowed) and what is known about it."""

    text: str = Field(min_length=1, description=f"article text, at most {MAX_INPUT_BYTES} bytes (else 413)")
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40, description="ISO 8601 date or datetime")
    url: str | None = Field(default=None, max_length=2000)


class JobOut(BaseModel):
    id: str
    kind: str
    title: str
    status: str
    message: str
    created: float
    finished: float | None
    result: JSON


def _job(job: Job) -> JobOut:
    return JobOut(**job.to_dict())


@router.get("/stories", summary="A page of stories, newest first, with coverage per outlet")
def list_stories(
    store: StoreDep, limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[int, Query(ge=0)] = 0
) -> JSON:
    total, page = desk.story_page(store, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "stories": [s.to_dict() for s in page]}


@router.get("/stories/{story_id}", summary="A story record and its report (computed on first request)")
def get_story(story_id: str, store: StoreDep, request: Request) -> JSON:
    story = desk.get_story(store, story_id)
    report = desk.story_report(store, story_id, compare_of(request))
    return {"story": desk.summarise(store, story).to_dict(), "report": report}


@router.get("/stories/{story_id}/findings", summary="The story's findings: shared, unique, quote, conflict")
def get_findings(
    story_id: str, store: StoreDep, request: Request, kind: Annotated[str | None, Query()] = None
) -> JSON:
    report = desk.story_report(store, story_id, compare_of(request))
    found = [f for f in desk.findings(report) if kind is None or f["kind"] == kind]
    return {"story": story_id, "findings": found, "brief": report.get("brief", [])}


@router.get("/articles/{article_id}", summary="One article as the report contract shapes it")
def get_article(article_id: str, store: StoreDep) -> JSON:
    return desk.article_dict(store, desk.get_article(store, article_id))


@router.get("/entities/{entity_id}", summary="An entity's mentions and name variants over computed reports")
def get_entity(entity_id: str, store: StoreDep) -> JSON:
    return desk.entity(store, entity_id)


@router.get("/quotes", summary="A story's quotes and the statements several outlets quote")
def get_quotes(story: str, store: StoreDep, request: Request) -> JSON:
    return {"story": story, **desk.quotes(desk.story_report(store, story, compare_of(request)))}


@router.get("/search", summary="Full-text search over article titles and bodies (terms ANDed)")
def search(
    q: Annotated[str, Query(max_length=500)], store: StoreDep, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> JSON:
    hits = [{k: v for k, v in hit.items() if k != "parts"} for hit in desk.search(store, q, limit)]
    return {"query": q, "hits": hits}


@router.post("/articles", status_code=202, summary="Add articles; answers with a job to poll")
def add_articles(
    articles: Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_BATCH)], request: Request
) -> JSONResponse:
    documents = [
        desk.paste_document(
            a.text, title=a.title, outlet=a.outlet, published=a.published, url=a.url, source=f"api#{n}"
        )
        for n, a in enumerate(articles, 1)
    ]
    job = submit_add(request, documents, [], f"{len(documents)} article(s) from the API")
    return JSONResponse(_job(job).model_dump(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", summary="A job's status and, once done, the stories it touched")
def get_job(job_id: str, request: Request) -> JobOut:
    job = jobs_of(request).get(job_id)
    if job is None:
        raise desk.NotFound("job", job_id)
    return _job(job)
