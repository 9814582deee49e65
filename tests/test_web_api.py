"""The desk's REST API, pages and guards through FastAPI's TestClient (no browser, no network).

The example story's report is the session's ``example_report`` (computed once, shared with other test
files); the pipeline that adding articles would run is swapped for a stub so that these tests stay fast.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from click.testing import CliRunner
from conftest import example_documents
from fastapi.testclient import TestClient
from markupsafe import escape

from parallax.ingest import MAX_INPUT_BYTES
from parallax.model import (
    Annotations,
    Article,
    BriefSentence,
    Entity,
    Finding,
    Mention,
    Quote,
    Rendering,
    Report,
    Sentence,
    Side,
    Span,
    Story,
    content_id,
)
from parallax.pipeline import clean_all
from parallax.store import open_store
from parallax.web import desk
from parallax.web.app import create_app
from parallax.web.cli import is_loopback, serve


def stub_compare(articles: Sequence[Article]) -> Report:
    """A report with the articles and nothing found: what adding needs, without the models."""
    return Report(tuple(articles), Annotations(), (Story("s-stub", tuple(a.id for a in articles)),))


def seed_example(path: Path, report: Report) -> str:
    """A store at ``path`` holding the example story with its report cached; the story id."""
    articles, errors, _ = clean_all(example_documents())
    assert not errors
    with open_store(path) as store:
        store.add_articles(articles)
        [story_id] = desk.assign_stories(store, articles)
        record = store.get_story(story_id)
        assert record is not None
        desk.cache_report(store, record, report)
    return story_id


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, example_report: Report) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("desk") / "seed.db"
    return path, seed_example(path, example_report)


@pytest.fixture
def app_db(seeded_db: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    """A private copy of the seeded store: tests that add articles do not disturb the others."""
    path = tmp_path / "desk.db"
    shutil.copy(seeded_db[0], path)
    return path, seeded_db[1]


@pytest.fixture
def client(app_db: tuple[Path, str]) -> Iterator[TestClient]:
    with TestClient(create_app(app_db[0], compare=stub_compare)) as test_client:
        yield test_client


@pytest.fixture
def story_id(app_db: tuple[Path, str]) -> str:
    return app_db[1]


def wait_job(client: TestClient, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still running after {timeout} s")


# --- the REST API ------------------------------------------------------------------------------------


def test_stories_are_paged_with_coverage_per_outlet(client: TestClient, story_id: str) -> None:
    data = client.get("/api/stories", params={"limit": 1}).json()
    assert data["total"] == 1 and data["limit"] == 1
    [story] = data["stories"]
    assert story["id"] == story_id and story["size"] == 2 and story["report_cached"]
    assert {o["outlet"] for o in story["outlets"]} == {"News Rebeat", "US outlet (unnamed)"}
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_story_has_record_and_report_contract(client: TestClient, story_id: str) -> None:
    data = client.get(f"/api/stories/{story_id}").json()
    assert data["story"]["id"] == story_id
    report = data["report"]
    assert report["version"] == "1.1" and len(report["articles"]) == 2
    kinds = {f["kind"] for f in desk.findings(report)}
    assert {"shared", "unique", "quote", "conflict"} <= kinds
    shared = client.get(f"/api/stories/{story_id}/findings", params={"kind": "shared"}).json()
    assert shared["findings"] and all(f["kind"] == "shared" for f in shared["findings"])
    assert shared["brief"] == report["brief"]
    page = client.get(f"/stories/{story_id}").text
    context = next(f for f in desk.findings(report) if f["kind"] == "context")
    assert "Background only one outlet gives" in page and str(escape(context["text"])) in page
    assert {"framing"} <= kinds
    assert '<table class="coverage">' in page and "Naming, side by side" in page
    assert 'class="framing' in page  # loaded words highlighted in the article text


def test_article_entity_quotes_and_search(client: TestClient, story_id: str) -> None:
    report = client.get(f"/api/stories/{story_id}").json()["report"]
    article = client.get(f"/api/articles/{report['articles'][0]['id']}").json()
    assert article["body"] == report["articles"][0]["body"] and article["story"] == story_id
    blinken = next(e for e in report["entities"] if e["name"] == "Antony Blinken")
    entity = client.get(f"/api/entities/{blinken['id']}").json()
    assert entity["stories"] == [story_id] and len(entity["mentions"]) == len(blinken["mentions"])
    assert {m["text"] for m in entity["mentions"]} >= {"Blinken", "Antony Blinken"}
    quotes = client.get("/api/quotes", params={"story": story_id}).json()
    assert quotes["quotes"] == report["quotes"] and all(g["kind"] == "quote" for g in quotes["groups"])
    hits = client.get("/api/search", params={"q": "constructive role"}).json()["hits"]
    assert len(hits) == 2 and all(h["story"] == story_id for h in hits)
    assert all("[constructive]" in h["snippet"] for h in hits)


def test_unknown_ids_are_json_404s(client: TestClient) -> None:
    for path in ("/api/stories/s-nope", "/api/articles/nope", "/api/entities/person:nobody", "/api/jobs/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404 and response.json()["error"].startswith("no ")
    assert client.get("/api/quotes").status_code == 422
    assert client.get("/stories/s-nope").status_code == 404


def test_openapi_describes_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/findings",
                 "/api/articles/{article_id}", "/api/entities/{entity_id}", "/api/quotes", "/api/search",
                 "/api/articles", "/api/jobs/{job_id}"):  # fmt: skip
        assert path in spec["paths"], path
        assert all(op.get("summary") for op in spec["paths"][path].values())
    assert not any(p.startswith("/stories") for p in spec["paths"])  # pages are not API


def test_adding_articles_through_the_api_makes_a_story(client: TestClient) -> None:
    text = "The city council voted on Monday to build a new bridge over the river, the mayor said."
    body = [{"text": text, "title": "Bridge vote", "outlet": "Local Post", "published": "2024-05-06"}]
    response = client.post("/api/articles", json=body)
    assert (
        response.status_code == 202 and response.headers["location"] == f"/api/jobs/{response.json()['id']}"
    )
    job = wait_job(client, response.json()["id"])
    assert job["status"] == "done", job
    assert job["result"]["new"] == 1 and len(job["result"]["stories"]) == 1
    story = client.get(f"/api/stories/{job['result']['stories'][0]}").json()["story"]
    assert story["label"] == "Bridge vote" and story["first_published"] == "2024-05-06"
    assert client.get("/api/stories").json()["total"] == 2
    index = client.app.state.index  # type: ignore[attr-defined]
    assert index is not None  # built on the first add, kept on the app, reused by the next
    again = client.post("/api/articles", json=[{"text": text.replace("Monday", "Tuesday")}])
    assert wait_job(client, again.json()["id"])["status"] == "done"
    assert client.app.state.index is index  # type: ignore[attr-defined]
    assert client.post("/api/articles", json=[]).status_code == 422
    assert client.post("/api/articles", json=[{"text": text}] * 21).status_code == 422
    bad = client.post("/api/articles", json=[{"text": text, "published": "last Monday"}])
    assert bad.status_code == 400 and "ISO" in bad.json()["error"]


def test_cache_hit_does_not_recompute(app_db: tuple[Path, str], example_report: Report) -> None:
    def boom(articles: Sequence[Article]) -> Report:
        raise AssertionError("recomputed a cached report")

    with open_store(app_db[0]) as store:
        assert desk.story_report(store, app_db[1], boom)["version"] == "1.1"


def test_cache_miss_computes_once_per_membership(example_report: Report) -> None:
    calls: list[int] = []

    def counting(articles: Sequence[Article]) -> Report:
        calls.append(len(articles))
        return example_report

    with open_store(":memory:") as store:
        articles = list(example_report.articles)
        store.add_articles(articles)
        [story_id] = desk.assign_stories(store, articles)
        first = desk.story_report(store, story_id, counting)
        assert desk.story_report(store, story_id, counting) == first and calls == [2]
        assert desk.story_sentences(store, desk.get_story(store, story_id))  # cached beside the report


def test_story_without_report_is_computed_in_a_job(tmp_path: Path, example_report: Report) -> None:
    with open_store(tmp_path / "cold.db") as store:
        store.add_articles(example_report.articles)
        [story_id] = desk.assign_stories(store, example_report.articles)
    with TestClient(create_app(tmp_path / "cold.db", compare=lambda articles: example_report)) as client:
        response = client.get(f"/stories/{story_id}", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"/jobs/report-{story_id}"
        assert wait_job(client, f"report-{story_id}")["status"] == "done"
        done = client.get(f"/jobs/report-{story_id}").text
        assert f'<meta http-equiv="refresh" content="0; url=/stories/{story_id}">' in done
        assert client.get(f"/stories/{story_id}").status_code == 200


# --- adding from the browser's forms -------------------------------------------------------------


def test_upload_and_urls_through_the_form(app_db: tuple[Path, str]) -> None:
    page = "---\ntitle: Harbour reopens\noutlet: Coast Daily\n---\nThe harbour opened on Tuesday, they said."
    upload = page.replace("Coast Daily", "Bay News").replace("Tuesday", "Wednesday")

    def fake_fetch(urls: Sequence[str]) -> tuple[list[Any], list[Any], list[str]]:
        from parallax.ingest.text import text_document
        from parallax.model import InputError

        return [text_document(urls[0], page)], [InputError(urls[1], "HTTP 404")], []

    app = create_app(app_db[0], compare=stub_compare, fetch=fake_fetch)
    with TestClient(app) as client:
        files = [("files", ("harbour.txt", upload.encode(), "text/plain"))]
        data = {"urls": "https://example.com/a\nhttps://example.com/missing"}
        response = client.post("/add", data=data, files=files, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")
        job = wait_job(client, response.headers["location"].rsplit("/", 1)[1])
        assert job["result"]["new"] == 2 and job["result"]["errors"] == [
            {"source": "https://example.com/missing", "reason": "HTTP 404"}
        ]
        done = client.get(response.headers["location"]).text
        assert "Bay News" not in done and "HTTP 404" in done and "/stories/" in done
        refused = client.post("/add", data={"urls": "javascript:alert(1)"})
        assert refused.status_code == 400 and "not an http(s) URL" in refused.text
        assert client.post("/add", data={"text": " "}).status_code == 400


def test_job_page_refreshes_without_javascript(client: TestClient) -> None:
    def slow(progress: Any) -> dict[str, Any]:
        time.sleep(0.5)
        return {}

    job = client.app.state.jobs.submit("add", "slow work", slow)  # type: ignore[attr-defined]
    html = client.get(f"/jobs/{job.id}").text
    assert '<meta http-equiv="refresh" content="2">' in html and "Processing…" in html
    assert wait_job(client, job.id)["status"] == "done"
    assert "refresh" not in client.get(f"/jobs/{job.id}").text


# --- guards -------------------------------------------------------------------------------------------


def test_security_headers_on_every_answer(client: TestClient, story_id: str) -> None:
    for path in ("/", f"/stories/{story_id}", "/api/stories", "/static/style.css", "/api/articles/x"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_body_limit_refuses_before_reading(app_db: tuple[Path, str]) -> None:
    with TestClient(create_app(app_db[0], compare=stub_compare, max_body=1000)) as client:
        big = [{"text": "word " * 400}]
        assert client.post("/api/articles", json=big).status_code == 413
        chunks = iter([b'[{"text": "', b"x" * 800, b"x" * 800, b'"}]'])  # no Content-Length: chunked
        response = client.post("/api/articles", content=chunks, headers={"content-type": "application/json"})
        assert response.status_code == 413 and "limit" in response.json()["error"]


def test_article_over_the_ingest_limit_is_413(client: TestClient) -> None:
    text = "a" * (MAX_INPUT_BYTES + 1)
    response = client.post("/add", data={"text": text})
    assert response.status_code == 413 and "over the limit" in response.text
    assert client.post("/api/articles", json=[{"text": text}]).status_code == 413


def test_token_guards_api_and_pages(app_db: tuple[Path, str]) -> None:
    with TestClient(create_app(app_db[0], token="s3cret-token", compare=stub_compare)) as client:
        assert client.get("/api/stories").status_code == 401
        assert client.get("/api/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/stories", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        assert client.get("/openapi.json").status_code == 401
        redirect = client.get("/search?q=x", follow_redirects=False)
        assert redirect.status_code == 303 and redirect.headers["location"].startswith("/login?next=")
        assert client.post("/login", data={"token": "nope", "next": "/"}).status_code == 401
        login = client.post(
            "/login", data={"token": "s3cret-token", "next": "//evil.example"}, follow_redirects=False
        )
        assert login.status_code == 303 and login.headers["location"] == "/"
        assert "s3cret-token" not in login.headers["set-cookie"] and "HttpOnly" in login.headers["set-cookie"]
        assert client.get("/").status_code == 200 and client.get("/api/stories").status_code == 200
        cross = client.post("/api/articles", json=[{"text": "x"}], headers={"origin": "https://evil.example"})
        assert cross.status_code == 403


def test_serve_refuses_a_public_bind_without_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARALLAX_TOKEN", raising=False)
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0"])
    assert result.exit_code == 2 and "PARALLAX_TOKEN" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.com") and not is_loopback("10.0.0.1")


# --- hostile article text ----------------------------------------------------------------------------

BODY = (
    'Officials said <script>alert("body")</script> the talks ended on Monday. '
    "“<img src=x onerror=alert(1)> we agree,” said <b onmouseover=alert(2)>Kim</b> in Seoul. "
    "Visit javascript:alert(3) for more."
)
HOSTILE = {
    "title": "<script>alert('title')</script>",
    "outlet": '"><img src=x onerror=alert("outlet")>',
    "url": "javascript:alert('url')",
    "author": "<svg onload=alert('author')>",
    "via": "<iframe src=javascript:alert(5)>",
}


def hostile_report() -> Report:
    aid = content_id(BODY)
    article = Article(aid, "<script>src</script>", BODY, published="2024-01-02", **HOSTILE)
    other_body = BODY.replace("Monday", "Tuesday")
    other = Article(
        content_id(other_body), "b.txt", other_body, outlet="Safe Wire", url="https://example.com/ok"
    )

    def span(text: str, a: Article = article) -> Span:
        return Span(a.id, a.body.index(text), a.body.index(text) + len(text))

    quote_span = span("<img src=x onerror=alert(1)> we agree")
    findings = (
        Finding("shared", '<script>alert("shared")</script>', (span("the talks ended"),), outlets=2),
        Finding(
            "unique", "<img src=x onerror=alert('unique')>", (span("Visit javascript:alert(3)"),), outlets=1
        ),
        Finding(
            "quote",
            "<img src=x onerror=alert(1)> we agree",
            (quote_span,),
            speaker="<b onclick=alert(6)>Kim</b>",
            renderings=(
                Rendering(
                    aid,
                    quote_span.start,
                    quote_span.end,
                    BODY[quote_span.start : quote_span.end],
                    "verbatim",
                    "[-<i onclick=x>-] {+<u onclick=y>+}",
                    True,
                    "<script>why</script>",
                ),
            ),
        ),
        Finding(
            "conflict",
            "<script>conflict</script>",
            (span("Monday"), span("Tuesday", other)),
            sides=(Side(aid, "<script>side</script>", (span("Monday"),)),),
            conflict_type="<i>date</i>",
        ),
    )
    mention = span("<b onmouseover=alert(2)>Kim</b>")
    kim = Mention(aid, mention.start, mention.end, BODY[mention.start : mention.end], "PERSON")
    entity = Entity("person:<kim>", "<svg onload=alert('entity')>", "PERSON", (kim,))
    quote = Quote(aid, "direct", quote_span, speaker="person:<kim>", speaker_name="<script>speaker</script>")
    sentences = (Sentence(aid, 0, BODY.index("“") - 1), Sentence(aid, BODY.index("“"), len(BODY)))
    brief = (BriefSentence("<script>alert('brief')</script>", (span("the talks ended"),)),)
    story = Story("s-hostile", (aid, other.id), findings, brief)
    return Report(
        (article, other),
        Annotations(sentences, (entity,), (), (quote,)),
        (story,),
        notes=("<script>n</script>",),
    )


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No markup from the article survives: only the page's own tags, no handlers, no script URLs."""
    parser = TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"img", "svg", "iframe", "b", "i", "u"}, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs == {"src": "/static/desk.js", "defer": None}
        if (tag, attrs) == ("link", {"rel": "icon", "href": "data:,"}):
            continue  # the page's own empty icon, so browsers do not ask for /favicon.ico
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (tag, attrs)
    assert "<script>alert" not in html and "&lt;" in html  # the payloads are there, as text


def test_hostile_text_is_escaped_on_every_page(tmp_path: Path) -> None:
    report = hostile_report()
    with open_store(tmp_path / "hostile.db") as store:
        store.add_articles(report.articles)
        [story_id] = desk.assign_stories(store, report.articles)
        desk.cache_report(store, desk.get_story(store, story_id), report)
    with TestClient(create_app(tmp_path / "hostile.db", compare=stub_compare)) as client:
        aid = report.articles[0].id
        paths = ["/", f"/stories/{story_id}", "/entities/person:%3Ckim%3E", "/search?q=script+alert",
                 f"/articles/{aid}", "/search?q=<script>alert(1)</script>", "/stories/<script>"]  # fmt: skip
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 404), path
            assert_inert(response.text)
        story = client.get(f"/stories/{story_id}").text
        assert 'href="https://example.com/ok"' in story  # an http(s) URL is a link; javascript: is not
        hits = client.get("/search?q=script").text
        assert "<mark>script</mark>" in hits
