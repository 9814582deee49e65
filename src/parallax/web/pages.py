"""The web UI: server-rendered pages that work without JavaScript (``static/desk.js`` only adds to them).

Reading pages are plain ``def`` handlers (run in the thread pool). A story whose report is not cached
yet sends the reader to a job page that refreshes itself until the report is ready.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from parallax.errors import InputProblem
from parallax.ingest import MAX_INPUT_BYTES
from parallax.model import Document, InputError
from parallax.render.html import safe_url
from parallax.web import desk, views
from parallax.web.deps import StoreDep, jobs_of, submit_add, submit_report
from parallax.web.security import COOKIE, session_value

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
MAX_BATCH = 20


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("title", "Parallax desk")
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return response


@router.get("/")
def story_list(request: Request, store: StoreDep, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    total, stories = desk.story_page(store, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request, "stories.html", stories=stories, total=total, page=page, pages=pages, title="Stories"
    )


@router.get("/stories/{story_id}", response_model=None)
def story(request: Request, story_id: str, store: StoreDep) -> Response:
    record = desk.get_story(store, story_id)
    report = desk.cached_report(store, record)
    if report is None:
        job = submit_report(request, story_id)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)
    view = views.story_view(report, desk.story_sentences(store, record))
    summary = desk.summarise(store, record)
    return render(
        request, "story.html", story=record, summary=summary, view=view, title=record.label or record.id
    )


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    data = desk.article_dict(store, desk.get_article(store, article_id))
    view = views.article_view(data, str(data.get("outlet") or data.get("source")))
    return render(
        request, "article.html", article=view, body=data["body"], story=data["story"], title=view.title
    )


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    data = desk.entity(store, entity_id)
    bodies, outlets, anchors = {}, {}, {}
    for sid in data["stories"]:
        record = desk.get_story(store, sid)
        for a in desk.story_articles(store, record):
            bodies[a.id], outlets[a.id] = (a.label, a.body), a.label
        spans = desk.story_sentences(store, record)
        anchors[sid] = views.Anchors(spans)
    return render(
        request,
        "entity.html",
        entity=data,
        variants=views.variants_by_outlet(data["mentions"], outlets),
        mentions=views.mention_views(data["mentions"], bodies, anchors),
        title=data["name"],
    )


@router.get("/search")
def search(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    hits = desk.search(store, q, 50) if q.strip() else []
    return render(request, "search.html", q=q, hits=hits, title=f"Search: {q}" if q else "Search")


@router.get("/add")
def add_form(request: Request) -> HTMLResponse:
    return render(request, "add.html", form={}, error=None, limit=MAX_INPUT_BYTES, title="Add articles")


@router.post("/add", response_model=None)
async def add(request: Request) -> Response:
    form = await request.form(max_files=MAX_BATCH, max_fields=50, max_part_size=MAX_INPUT_BYTES + 4096)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        documents, errors = await _form_documents(form, fields)
        urls = _urls(fields.get("urls", ""))
    except (ValueError, InputProblem) as error:
        status = 413 if isinstance(error, desk.TooLarge) else 400
        return render(request, "add.html", status, form=fields, error=str(error), limit=MAX_INPUT_BYTES)
    if not documents and not urls:
        reason = (
            "; ".join(f"{e.source}: {e.reason}" for e in errors) or "Paste a text, choose files or give URLs."
        )
        return render(request, "add.html", 400, form=fields, error=reason, limit=MAX_INPUT_BYTES)
    title = f"{len(documents)} text(s), {len(urls)} URL(s)"
    job = submit_add(request, documents, urls, title, errors)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


async def _form_documents(form: FormData, fields: dict[str, str]) -> tuple[list[Document], list[InputError]]:
    documents: list[Document] = []
    errors: list[InputError] = []
    if fields.get("text", "").strip():
        get = fields.get
        documents.append(
            desk.paste_document(
                fields["text"],
                title=get("title"),
                outlet=get("outlet"),
                published=get("published"),
                url=get("url"),
            )
        )
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(MAX_INPUT_BYTES + 1)
            docs, errs = await run_in_threadpool(desk.upload_documents, upload.filename, data)
            documents += docs
            errors += errs
    return documents, errors


def _urls(text: str) -> list[str]:
    urls = [line.strip() for line in text.splitlines() if line.strip()]
    bad = [u for u in urls if safe_url(u) is None]
    if bad:
        raise ValueError(f"not an http(s) URL: {bad[0][:200]}")
    if len(urls) > MAX_BATCH:
        raise ValueError(f"at most {MAX_BATCH} URLs at a time")
    return urls


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: str) -> HTMLResponse:
    found = jobs_of(request).get(job_id)
    if found is None:
        raise desk.NotFound("job", job_id)
    stories = found.result.get("stories", [])
    after = (
        f"/stories/{stories[0]}" if found.kind == "report" and found.status == "done" and stories else None
    )
    return render(request, "job.html", job=found, after=after, title="Processing…" if found.active else "Job")


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_local(next), error=None, title="Sign in")


@router.post("/login", response_model=None)
def login(request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/") -> Response:
    expected = request.app.state.token
    if not expected or not secrets.compare_digest(token.encode(), expected.encode()):
        return render(request, "login.html", 401, next=_local(next), error="Wrong token.", title="Sign in")
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, session_value(expected), httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _local(target: str) -> str:
    """Only a path on this site: ``next`` must not send a signed-in reader elsewhere."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"
