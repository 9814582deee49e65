"""Safe HTTP fetching for online sources: one Fetcher per session, every request held to the same rules.

The rules (docs/online-sources.md): only http and https; no credentials in URLs; every address a host
resolves to must be public, and the TCP connection goes to an address that was checked; redirects are
followed by hand, bounded, and each hop is checked again; robots.txt is obeyed; one request per host per
``min_interval``; bodies are streamed and cut at ``max_bytes``; connect, read and total timeouts.
Any port is allowed: the address check, not the port, is what keeps internal services out of reach.

Why the connection is pinned (DNS rebinding): checking a name and then letting the HTTP library resolve
it again leaves a window in which the name can start pointing at 127.0.0.1. Here the check happens in
the network backend of httpcore, at the moment of connecting: the host is resolved once, every address is
checked, and the socket is opened to one of those very addresses. The URL, the Host header and, for
https, the TLS server name (SNI) and certificate check all keep the original host name, because httpcore
takes them from the request's origin, not from the socket. So pinning works the same for http and https.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import urllib.robotparser
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol

import httpcore
import httpx

from parallax import ingest
from parallax.errors import InputProblem

__all__ = [
    "USER_AGENT",
    "Clock",
    "FetchError",
    "FetchOptions",
    "FetchRefused",
    "Fetched",
    "Fetcher",
    "MemoryCache",
    "SystemClock",
    "ValidatorCache",
    "Validators",
    "is_url",
]

USER_AGENT = "Parallax/0.1 (+https://github.com/parallax)"
ACCEPT_ANY = "*/*"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65536
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


class FetchError(InputProblem):
    """A URL could not be fetched: network failure, timeout, HTTP error status, body too large."""

    def __init__(self, source: str, reason: str, status: int | None = None) -> None:
        super().__init__(source, reason)
        self.status = status


class FetchRefused(FetchError):
    """A URL was not fetched on purpose: scheme, credentials, a non-public address or robots.txt."""


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version it sent, for a conditional GET next time."""

    etag: str | None = None
    last_modified: str | None = None


class ValidatorCache(Protocol):
    """Where validators live between runs; the default keeps them in memory for one process."""

    def get(self, url: str) -> Validators | None: ...

    def put(self, url: str, validators: Validators) -> None: ...


class MemoryCache:
    def __init__(self) -> None:
        self._entries: dict[str, Validators] = {}

    def get(self, url: str) -> Validators | None:
        return self._entries.get(url)

    def put(self, url: str, validators: Validators) -> None:
        self._entries[url] = validators


class Clock(Protocol):
    """Time as the rate limiter and the feed watcher see it; tests inject one that records sleeps."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _default_max_bytes() -> int:
    return ingest.MAX_INPUT_BYTES  # read at use, so the ingest limit stays the one place to change it


@dataclass(frozen=True)
class FetchOptions:
    """How a Fetcher behaves. ``cache`` and ``clock`` are shared objects: reuse the options to reuse them."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # the longest wait for any one read
    total_timeout: float = 60.0  # the longest time spent reading one body (a slow drip is cut off)
    max_bytes: int = field(default_factory=_default_max_bytes)
    max_redirects: int = 5
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()  # networks allowed even when private ones are not ("10.1.0.0/16")
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    min_interval: float = 1.0  # seconds between two requests to one host
    cache: ValidatorCache = field(default_factory=MemoryCache)
    clock: Clock = field(default_factory=SystemClock)


@dataclass(frozen=True)
class Fetched:
    """A response that ended a fetch: 200-range with its body, or 304 (not modified) with none."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, no parameters; "" when the server sent none
    charset: str | None
    body: bytes
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    """Whether an input names a URL (``scheme://…``) rather than a path.

    Any scheme counts, so ``ftp://`` or ``file://`` inputs reach the fetcher and are refused with a reason
    instead of being looked up as file names.
    """
    return _URL_LIKE.fullmatch(text.strip()) is not None


# --- addresses ------------------------------------------------------------------------------------

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_KINDS = (  # checked in this order, so 169.254.169.254 is named link-local rather than private
    ("is_unspecified", "an unspecified"),
    ("is_loopback", "a loopback"),
    ("is_link_local", "a link-local"),
    ("is_multicast", "a multicast"),  # is_global is true for most multicast ranges
    ("is_reserved", "a reserved"),
    ("is_private", "a private"),
)


@dataclass(frozen=True)
class _AddressPolicy:
    allow_private: bool
    networks: tuple[_Network, ...]

    def refusal(self, address: str) -> str | None:
        """What makes ``address`` refused ("a loopback address"), or None when it is allowed."""
        if self.allow_private:
            return None
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
        if any(ip in network for network in self.networks):
            return None
        for attribute, kind in _KINDS:
            if getattr(ip, attribute):
                return f"{kind} address"
        return None if ip.is_global else "not a public address"


def _policy(options: FetchOptions) -> _AddressPolicy:
    networks = tuple(ipaddress.ip_network(text, strict=False) for text in options.allow_networks)
    return _AddressPolicy(options.allow_private, networks)


def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without duplicates."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(host, f"cannot resolve host {host}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, but it resolves, checks and then connects to a checked address."""

    def __init__(self, policy: _AddressPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port)
        for address in addresses:  # any bad address refuses the host: the resolver may pick it next time
            reason = self._policy.refusal(address)
            if reason is not None:
                shown = (
                    f"{host} is {reason}" if address == host else f"{host} resolves to {address}, {reason}"
                )
                raise FetchRefused(host, f"refused: {shown} (allow_private is off)")
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise FetchRefused(path, "unix sockets are never used")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects only through _PinnedBackend."""

    def __init__(self, policy: _AddressPolicy) -> None:
        super().__init__(trust_env=False)
        # HTTPTransport takes no network backend, so its pool is replaced by one that uses ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_PinnedBackend(policy),
        )


# --- the fetcher -----------------------------------------------------------------------------------

_Origin = tuple[str, str, int | None]
_Robots = tuple[urllib.robotparser.RobotFileParser, str]  # the parsed file, and why it is what it is


class Fetcher:
    """Fetches URLs under FetchOptions, keeping per-host state (robots.txt, last request) between calls.

    Use as a context manager, or call ``close``. Not thread-safe: one fetch at a time.
    """

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._robots: dict[_Origin, _Robots] = {}
        self._last_request: dict[str, float] = {}
        timeout = httpx.Timeout(
            self.options.read_timeout, connect=self.options.connect_timeout, pool=self.options.connect_timeout
        )
        # trust_env=False: an HTTP(S)_PROXY from the environment would route around the pinned transport.
        self._client = httpx.Client(
            transport=_PinnedTransport(_policy(self.options)),
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, accept: str = ACCEPT_ANY, conditional: bool = True) -> Fetched:
        """GET ``url`` following redirects; FetchRefused or FetchError (source ``url``) when it fails.

        With ``conditional``, validators cached for a hop's URL are sent, and a 304 is returned as is.
        """
        return self._fetch(url, accept, conditional, robots=self.options.respect_robots)

    def remember(self, fetched: Fetched) -> None:
        """Cache the validators of a response that was used, for a conditional GET next time."""
        if fetched.validators != Validators():
            self.options.cache.put(fetched.final_url, fetched.validators)

    def _fetch(self, url: str, accept: str, conditional: bool, *, robots: bool) -> Fetched:
        current = url
        for _ in range(self.options.max_redirects + 1):
            response = self._open(url, current, accept, conditional, robots)
            location = response.headers.get("location") if response.status_code in _REDIRECTS else None
            if location is None:
                return self._finish(url, current, response)
            response.close()
            current = _redirect_target(url, current, location)
        raise FetchError(url, f"too many redirects (more than {self.options.max_redirects})")

    def _open(self, url: str, current: str, accept: str, conditional: bool, robots: bool) -> httpx.Response:
        target = _checked_url(url, current)
        if robots:
            with _errors(url, current):
                self._check_robots(target)
        self._wait_turn(target.host)
        headers = {"Accept": accept}
        validators = self.options.cache.get(current) if conditional else None
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        request = self._client.build_request("GET", target, headers=headers)
        with _errors(url, current):
            return self._client.send(request, stream=True)

    def _finish(self, url: str, final: str, response: httpx.Response) -> Fetched:
        try:
            status = response.status_code
            if status != 304 and not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status} {response.reason_phrase}".strip(), status)
            body = b"" if status == 304 else self._read_body(url, response)
        finally:
            response.close()
        validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        return Fetched(url, final, status, media_type, response.charset_encoding, body, validators)

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {declared} bytes (limit {limit})")
        deadline = time.monotonic() + self.options.total_timeout
        chunks: list[bytes] = []
        size = 0
        with _errors(url, url):
            for chunk in response.iter_bytes(_CHUNK):  # decoded bytes: the limit holds after gzip too
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"too large: over {limit} bytes, download stopped")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"too slow: body not read within {self.options.total_timeout:g} s")
                chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``min_interval`` has passed since the last request to ``host``."""
        clock = self.options.clock
        last = self._last_request.get(host)
        if last is not None:
            wait = self.options.min_interval - (clock.monotonic() - last)
            if wait > 0:
                clock.sleep(wait)
        self._last_request[host] = clock.monotonic()

    # --- robots.txt (RFC 9309) ---------------------------------------------------------------------

    def _check_robots(self, target: httpx.URL) -> None:
        origin = (target.scheme, target.host, target.port)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(target)
        parser, why = self._robots[origin]
        if not parser.can_fetch(self.options.user_agent, str(target)):
            raise FetchRefused(str(target), f"disallowed by {why}")

    def _load_robots(self, target: httpx.URL) -> _Robots:
        """The rules for ``target``'s origin; a refused or unreachable robots.txt raises (not cached)."""
        robots_url = str(target.join("/robots.txt"))
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            fetched = self._fetch(robots_url, "text/plain", False, robots=False)
        except FetchError as exc:
            if isinstance(exc, FetchRefused) or exc.status is None:
                raise  # the page would fail the same way: report the cause, not robots.txt
            # RFC 9309 §2.3.1: a 4xx means there are no rules; a server error means the site is in
            # trouble, and a crawler then assumes everything is disallowed.
            if 400 <= exc.status < 500:
                parser.parse([])
                return parser, robots_url
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser, f"{robots_url}: it could not be read ({exc.reason}), which disallows everything"
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return parser, robots_url


def _checked_url(url: str, current: str) -> httpx.URL:
    """``current`` as an httpx URL, or FetchRefused when its scheme, host or credentials are not allowed."""
    where = "" if current == url else f"redirect to {current}: "
    try:
        target = httpx.URL(current)
    except httpx.InvalidURL as exc:
        raise FetchRefused(url, f"{where}not a valid URL ({exc})") from None
    if target.scheme not in ("http", "https"):
        scheme = f"{target.scheme}: URLs" if target.scheme else "URLs without a scheme"
        raise FetchRefused(url, f"{where}{scheme} are refused: only http and https are fetched")
    if target.userinfo:
        raise FetchRefused(url, f"{where}URLs with credentials (user:password@) are refused")
    if not target.host:
        raise FetchRefused(url, f"{where}URL has no host")
    return target


def _redirect_target(url: str, current: str, location: str) -> str:
    try:
        return str(httpx.URL(current).join(location))
    except httpx.InvalidURL:
        raise FetchError(url, f"redirect from {current} to an invalid URL: {location[:200]!r}") from None


@contextmanager
def _errors(url: str, current: str) -> Iterator[None]:
    """Turn what httpx and the pinned backend raise into FetchError/FetchRefused for ``url``."""
    where = "" if current == url else f"redirect to {current}: "
    try:
        yield
    except FetchRefused as exc:
        raise FetchRefused(url, where + exc.reason) from None
    except FetchError as exc:
        raise FetchError(url, where + exc.reason, exc.status) from None
    except httpx.ConnectTimeout:
        raise FetchError(url, f"{where}connection timed out") from None
    except httpx.TimeoutException:
        raise FetchError(url, f"{where}timed out waiting for the server") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{where}connection failed: {exc or type(exc).__name__}") from None
