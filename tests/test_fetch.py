"""Fetching pages: documents from a local server, every failure one error, and every safety rule enforced.

All traffic goes to servers these tests start on 127.0.0.1; refused addresses are refused before any
connection is made, and host names that need DNS are answered by a patched ``socket.getaddrinfo``.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from parallax.ingest.fetch import Fetcher, FetchError, FetchOptions, FetchRefused, is_url
from parallax.ingest.url import fetch_documents

HTML = Path(__file__).parent / "fixtures" / "html"
HTML_TYPE = {"Content-Type": "text/html; charset=utf-8"}

Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]


class LocalServer:
    """An HTTP server on 127.0.0.1 with canned routes; it records each request's path and headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, Message]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append((self.path, self.headers))
                route = owner.routes.get(self.path, (404, {}, b"not found"))
                if callable(route):
                    route(self)
                else:
                    respond(self, *route)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, fixture: str) -> str:
        self.routes[path] = (200, HTML_TYPE, (HTML / fixture).read_bytes())
        return self.url(path)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def respond(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.close()


def local(**changes: Any) -> FetchOptions:
    """Options for the loopback test server: private addresses allowed, no politeness delay."""
    settings: dict[str, Any] = {
        "allow_private": True,
        "min_interval": 0.0,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
    }
    return FetchOptions(**{**settings, **changes})


def reasons(errors: list[Any]) -> dict[str, str]:
    return {e.source: e.reason for e in errors}


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


# --- pages --------------------------------------------------------------------------------------


def test_article_page_becomes_document(server: LocalServer) -> None:
    url = server.page("/news/port-inspections", "news-article.html")
    documents, errors, notes = fetch_documents([url], options=local())
    assert (errors, notes) == ([], [])
    (doc,) = documents
    assert doc.source == doc.url == url
    assert doc.is_html and "Transport ministers from five coastal states" in doc.text
    assert doc.title == "Ministers agree new port inspections"
    assert (doc.outlet, doc.published, doc.author) == ("Harbour Gazette", "2024-03-05", "Lena Ortiz")
    headers = server.requests[-1][1]
    assert headers["User-Agent"].startswith("Parallax/")


def test_outlet_is_the_host_when_the_page_names_no_site(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.page("/story", "wire-story.html")
    resolve_to_loopback(monkeypatch, "www.wire.test")
    url = f"http://www.wire.test:{server.port}/story"
    (doc,), errors, _ = fetch_documents([url], options=local())
    assert not errors
    assert doc.outlet == "wire.test"
    # The connection went to the checked address, yet the request still names the host.
    assert server.requests[-1][1]["Host"] == f"www.wire.test:{server.port}"


def test_bad_pages_are_errors_and_the_batch_goes_on(server: LocalServer) -> None:
    good = server.page("/a", "news-article.html")
    other = server.page("/b", "blog-post.html")
    server.routes["/broken"] = (500, {}, b"oops")
    server.routes["/logo.png"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n")
    menu = server.page("/menu", "no-article.html")
    urls = [good, server.url("/missing"), server.url("/broken"), server.url("/logo.png"), menu, other]
    documents, errors, _ = fetch_documents(urls, options=local())
    assert [d.source for d in documents] == [good, other]
    assert reasons(errors) == {
        server.url("/missing"): "HTTP 404 Not Found",
        server.url("/broken"): "HTTP 500 Internal Server Error",
        server.url("/logo.png"): "not an HTML or text page (image/png)",
        menu: "no article text found in the HTML",
    }


def test_plain_text_page(server: LocalServer) -> None:
    text = b"The minister said on Tuesday that talks would continue next week.\n"
    server.routes["/note.txt"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, text)
    (doc,), errors, _ = fetch_documents([server.url("/note.txt")], options=local())
    assert not errors and not doc.is_html and doc.text.startswith("The minister")


def test_connection_refused() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has nobody listening now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    _, errors, _ = fetch_documents([url], options=local())
    assert reasons(errors)[url].startswith("connection failed")


def test_read_timeout(server: LocalServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        with contextlib.suppress(OSError):  # the client has given up and gone
            respond(handler, 200, HTML_TYPE, b"<p>late</p>")

    server.routes["/slow"] = slow
    started = time.monotonic()
    _, errors, _ = fetch_documents([server.url("/slow")], options=local(read_timeout=0.2))
    assert reasons(errors) == {server.url("/slow"): "timed out waiting for the server"}
    assert time.monotonic() - started < 1.2


def test_body_over_the_limit_is_cut_off(server: LocalServer) -> None:
    written: list[int] = []
    done = threading.Event()

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)  # no Content-Length: the size is only known by reading
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(1000):  # 64 MB if the client read it all
                handler.wfile.write(b"<p>" + b"x" * 65530 + b"</p>")
                written.append(65537)
        except OSError:
            pass
        finally:
            done.set()

    server.routes["/huge"] = endless
    server.routes["/declared"] = (200, HTML_TYPE, b"<p>" + b"y" * 5000 + b"</p>")
    urls = [server.url("/huge"), server.url("/declared")]
    _, errors, _ = fetch_documents(urls, options=local(max_bytes=4000))
    assert reasons(errors) == {
        urls[0]: "too large: over 4000 bytes, download stopped",
        urls[1]: "too large: 5007 bytes (limit 4000)",
    }
    assert done.wait(10)
    assert sum(written) < 64_000_000  # the server was cut off, not drained


# --- redirects ----------------------------------------------------------------------------------


def redirect(server: LocalServer, path: str, location: str, status: int = 302) -> str:
    server.routes[path] = (status, {"Location": location}, b"")
    return server.url(path)


def test_redirects_are_followed(server: LocalServer) -> None:
    final = server.page("/final", "news-article.html")
    redirect(server, "/two", "/final", 301)
    start = redirect(server, "/one", server.url("/two"), 307)
    (doc,), errors, _ = fetch_documents([start], options=local())
    assert not errors
    assert (doc.source, doc.url) == (start, final)


def test_redirects_are_bounded(server: LocalServer) -> None:
    loop = redirect(server, "/loop", "/loop")
    server.page("/final", "news-article.html")
    redirect(server, "/r3", "/final")
    redirect(server, "/r2", "/r3")
    chain = redirect(server, "/r1", "/r2")
    _, errors, _ = fetch_documents([loop, chain], options=local(max_redirects=2))
    assert reasons(errors) == {
        loop: "too many redirects (more than 2)",
        chain: "too many redirects (more than 2)",
    }
    assert server.paths().count("/loop") == 3  # the first request and two redirects, then it stops


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data", "refused: 169.254.169.254 is a link-local address"),
        ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("file:///etc/passwd", "file: URLs are refused: only http and https are fetched"),
    ],
)
def test_redirect_targets_are_checked_again(server: LocalServer, target: str, reason: str) -> None:
    start = redirect(server, "/go", target)
    # Only the test server's own address is allowed: everything private beyond it stays refused.
    options = local(allow_private=False, allow_networks=("127.0.0.1/32",))
    _, errors, _ = fetch_documents([start], options=options)
    reported = reasons(errors)[start]
    assert reported.startswith("redirect to ") and reason in reported


def test_https_connects_to_the_checked_address_but_verifies_the_host_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subject = ["-subj", "/CN=pinned.test", "-addext", "subjectAltName=DNS:pinned.test"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", *subject, *files],
        check=True,
        capture_output=True,
    )
    server = LocalServer()
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    server.routes["/"] = (200, {"Content-Type": "text/plain"}, b"secure")
    monkeypatch.setattr(httpx, "create_ssl_context", lambda **_: ssl.create_default_context(cafile=cert))
    resolve_to_loopback(monkeypatch, "pinned.test")
    try:
        with Fetcher(local(respect_robots=False)) as fetcher:
            assert fetcher.fetch(f"https://pinned.test:{server.port}/").body == b"secure"
            with pytest.raises(FetchError, match="certificate verify failed"):
                fetcher.fetch(f"https://127.0.0.1:{server.port}/")  # the right socket, the wrong name
    finally:
        server.close()
    assert names[0] == "pinned.test"  # SNI carries the host name, not the address
    assert server.requests[0][1]["Host"] == f"pinned.test:{server.port}"


# --- refused URLs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost/", "refused: localhost resolves to 127.0.0.1, a loopback address"),
        ("http://[::1]:8080/", "refused: ::1 is a loopback address"),
        ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
        ("https://192.168.1.1/admin", "refused: 192.168.1.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data", "refused: 169.254.169.254 is a link-local address"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://224.0.0.1/", "refused: 224.0.0.1 is a multicast address"),
        ("http://240.0.0.1/", "refused: 240.0.0.1 is a reserved address"),
        ("http://[::ffff:127.0.0.1]/", "refused: ::ffff:127.0.0.1 is a loopback address"),
        ("file:///etc/passwd", "file: URLs are refused: only http and https are fetched"),
        ("ftp://example.com/a.txt", "ftp: URLs are refused: only http and https are fetched"),
        ("javascript:alert(1)", "javascript: URLs are refused: only http and https are fetched"),
        ("example.com/news", "URLs without a scheme are refused"),
        ("http://user:secret@example.com/", "URLs with credentials (user:password@) are refused"),
    ],
)
def test_unsafe_urls_are_refused(url: str, reason: str) -> None:
    _, errors, _ = fetch_documents([url], options=FetchOptions(min_interval=0))
    assert reasons(errors)[url].startswith(reason)


def test_loopback_refused_by_default_before_any_request(server: LocalServer) -> None:
    server.page("/a", "news-article.html")
    with Fetcher(FetchOptions(min_interval=0)) as fetcher, pytest.raises(FetchRefused) as refused:
        fetcher.fetch(server.url("/a"))
    assert refused.value.reason == "refused: 127.0.0.1 is a loopback address (allow_private is off)"
    assert server.requests == []


def resolve_to_loopback(monkeypatch: pytest.MonkeyPatch, host: str, *extra: str) -> None:
    """Answer DNS for ``host`` with 127.0.0.1 (then ``extra`` addresses); other names resolve as usual."""
    real = socket.getaddrinfo

    def fake(name: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if name != host:
            return real(name, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ("127.0.0.1", *extra)]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_a_name_that_resolves_to_loopback_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    resolve_to_loopback(monkeypatch, "rebind.test")
    _, errors, _ = fetch_documents(["http://rebind.test/"], options=FetchOptions(min_interval=0))
    assert reasons(errors) == {
        "http://rebind.test/": "refused: rebind.test resolves to 127.0.0.1, a loopback address "
        "(allow_private is off)"
    }


def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    resolve_to_loopback(monkeypatch, "mixed.test", "93.184.216.34")
    _, errors, _ = fetch_documents(["http://mixed.test/"], options=FetchOptions(min_interval=0))
    assert "resolves to 127.0.0.1, a loopback address" in reasons(errors)["http://mixed.test/"]


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with Fetcher(FetchOptions(min_interval=0)) as fetcher, pytest.raises(FetchError) as failed:
        fetcher.fetch("http://nowhere.invalid/")
    assert failed.value.reason == "cannot resolve host nowhere.invalid"
    assert not isinstance(failed.value, FetchRefused)


# --- robots.txt, rate, conditional GET ----------------------------------------------------------


def test_robots_txt_is_obeyed(server: LocalServer) -> None:
    rules = b"User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n"
    server.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, rules)
    allowed = server.page("/public", "news-article.html")
    denied = server.page("/private/a", "news-article.html")
    documents, errors, _ = fetch_documents([allowed, denied, allowed], options=local())
    assert [d.source for d in documents] == [allowed, allowed]
    assert reasons(errors) == {denied: f"disallowed by {server.url('/robots.txt')}"}
    assert server.paths() == ["/robots.txt", "/public", "/public"]  # read once per host, never /private/


def test_robots_txt_server_error_disallows_everything(server: LocalServer) -> None:
    server.routes["/robots.txt"] = (503, {}, b"")
    url = server.page("/public", "news-article.html")
    _, errors, _ = fetch_documents([url], options=local())
    assert reasons(errors)[url].endswith(
        "could not be read (HTTP 503 Service Unavailable), which disallows everything"
    )
    _, errors, _ = fetch_documents([url], options=local(respect_robots=False))
    assert not errors


def test_requests_to_one_host_are_spaced(server: LocalServer) -> None:
    urls = [server.page(f"/{n}", "news-article.html") for n in range(3)]
    clock = FakeClock()
    documents, errors, _ = fetch_documents(urls, options=local(min_interval=1.5, clock=clock))
    assert len(documents) == 3 and not errors
    assert clock.sleeps == [1.5, 1.5, 1.5]  # robots.txt, then each page after the one before


def test_conditional_get(server: LocalServer) -> None:
    page = (HTML / "news-article.html").read_bytes()

    def tagged(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
        else:
            lm = "Tue, 05 Mar 2024 08:30:00 GMT"
            respond(handler, 200, {**HTML_TYPE, "ETag": '"v1"', "Last-Modified": lm}, page)

    server.routes["/tagged"] = tagged
    url = server.url("/tagged")
    options = local()
    first, _, _ = fetch_documents([url], options=options)
    documents, errors, notes = fetch_documents([url], options=options)
    assert len(first) == 1 and (documents, errors) == ([], [])
    assert notes == [f"{url}: not modified since the last fetch"]
    sent = server.requests[-1][1]
    assert (sent["If-None-Match"], sent["If-Modified-Since"]) == ('"v1"', "Tue, 05 Mar 2024 08:30:00 GMT")


def test_is_url() -> None:
    assert is_url("https://example.com/a?b=c") and is_url("  http://x.test ") and is_url("ftp://x/y")
    assert not is_url("article.html") and not is_url("C:\\news\\a.txt") and not is_url("-")
    assert not is_url("javascript:alert(1)") and not is_url("http://")
