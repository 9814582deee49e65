"""The app factory: the store, the job table, the routers and the guards put together.

``create_app(store)`` serves an open store (or opens the SQLite file named), with an optional token.
Errors under ``/api`` are JSON (``{"error", "status"}``); on pages they are a small error page.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from parallax import __version__
from parallax.errors import InputProblem
from parallax.ingest import MAX_INPUT_BYTES
from parallax.ingest.url import fetch_documents
from parallax.store import StoryRepository, open_store
from parallax.web import desk, views
from parallax.web.api import router as api_router
from parallax.web.deps import Fetch
from parallax.web.jobs import Jobs
from parallax.web.pages import render
from parallax.web.pages import router as pages_router
from parallax.web.security import BodyLimit, SameOrigin, SecurityHeaders, TokenGate

HERE = Path(__file__).parent
MAX_BODY_BYTES = 4 * MAX_INPUT_BYTES
"""The largest request read: a few articles' worth (each one is also held to MAX_INPUT_BYTES)."""


def templates() -> Jinja2Templates:
    # Autoescape everything, whatever the file name: article text reaches every page.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.filters["path"] = lambda value: quote(str(value), safe="")  # one URL path segment, "/" included
    env.globals["view_diff"] = views.diff_view
    return Jinja2Templates(env=env)


def create_app(
    store: StoryRepository | str | Path,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY_BYTES,
    compare: desk.Compare = desk.compare_stored_story,
    fetch: Fetch = fetch_documents,
) -> FastAPI:
    """The desk over ``store``; ``compare`` (the pipeline) and ``fetch`` (the URL reader) are for tests."""
    owned = not isinstance(store, StoryRepository)
    opened: StoryRepository = open_store(store) if not isinstance(store, StoryRepository) else store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.jobs.shutdown()
        if owned:
            opened.close()

    app = FastAPI(
        title="Parallax desk",
        version=__version__,
        description="Stories, findings, entities, quotes and search over a Parallax store.",
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store, app.state.jobs, app.state.token = opened, Jobs(), token
    app.state.compare, app.state.fetch, app.state.templates = compare, fetch, templates()
    app.state.index, app.state.index_lock = None, threading.Lock()  # the StoryIndex, built on first add
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _handlers(app)
    # Outermost last: headers on every answer, then the token, then the body limit, then origin.
    app.add_middleware(SameOrigin)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(TokenGate, token=token)
    app.add_middleware(SecurityHeaders)
    return app


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html", status, code=status, message=message, title="Error")


def _validation_message(errors: Sequence[Any]) -> str:
    parts = []
    for e in errors[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return "; ".join(parts) or "invalid request"


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(desk.NotFound)
    async def not_found(request: Request, error: desk.NotFound) -> Response:
        return _error(request, 404, str(error))

    @app.exception_handler(desk.TooLarge)
    async def too_large(request: Request, error: desk.TooLarge) -> Response:
        return _error(request, 413, str(error))

    @app.exception_handler(ValueError)  # a bad date typed by the user, say
    async def bad_value(request: Request, error: ValueError) -> Response:
        return _error(request, 400, str(error))

    @app.exception_handler(InputProblem)  # a text with nothing in it
    async def bad_input(request: Request, error: InputProblem) -> Response:
        return _error(request, 400, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(error.errors()))
