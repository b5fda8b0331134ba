"""Polite, robust HTTP fetching (httpx): robots.txt, a per-host rate limit and concurrency cap,
conditional GET, retries with backoff, capped redirects and body size, HTML-only pages.

Every refusal is a ``FetchError`` with a one-line reason; ``transient`` says whether trying again
later may help (timeouts, 429 and 5xx after the retries), or not (404, robots.txt, oversize, not HTML).
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from eventwire import __version__
from eventwire.follow.urls import host_of

DEFAULT_USER_AGENT = (
    f"eventwire/{__version__} (news event coder; +https://github.com/eventwire/eventwire; follows robots.txt)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_TTL = 3600.0  # seconds a robots.txt is trusted
ROBOTS_FAILED_TTL = 300.0  # an unreachable robots.txt is tried again after this


@dataclass(frozen=True, slots=True)
class Politeness:
    """How to behave towards the sites followed (all settable from the command line)."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0  # seconds between two requests to the same host (robots.txt Crawl-delay if longer)
    per_host: int = 2  # requests in flight to the same host at once
    timeout: float = 20.0
    retries: int = 3  # further attempts after a timeout, a 429 or a 5xx
    backoff: float = 2.0  # first wait before a retry, doubled each time (Retry-After if given, capped)
    max_backoff: float = 60.0
    max_redirects: int = 5
    max_bytes: int = 5_000_000


class FetchError(Exception):
    """A URL that could not be fetched (or may not be): ``reason`` is one line."""

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        self.url = url
        self.reason = reason
        self.transient = transient
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        if "charset=" not in self.content_type:
            return None
        return self.content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None


def is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


@dataclass
class _Gate:
    """One host's turn-taking: at most ``per_host`` requests at once, starts ``delay`` seconds apart."""

    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0
    delay: float = 0.0

    def wait_turn(self, stop: threading.Event) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            stop.wait(start - now)


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    expires: float
    unreadable: str | None = None  # why robots.txt could not be read (then nothing is fetched for now)


class Fetcher:
    """Fetches URLs politely; safe to use from several threads. ``stop`` cuts waits short."""

    def __init__(self, politeness: Politeness | None = None, *, stop: threading.Event | None = None) -> None:
        import httpx

        self.politeness = politeness or Politeness()
        self.stop = stop or threading.Event()
        self.client = httpx.Client(
            headers={"User-Agent": self.politeness.user_agent},
            timeout=self.politeness.timeout,
            follow_redirects=True,
            max_redirects=self.politeness.max_redirects,
        )
        self._gates: dict[str, _Gate] = {}
        self._robots: dict[str, _Robots] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- robots.txt -------------------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host lets our User-Agent fetch it."""
        return self._robots_for(url).can_fetch(self.politeness.user_agent, url)

    def sitemaps(self, url: str) -> list[str]:
        """The sitemaps the robots.txt of the URL's host lists (``Sitemap:`` lines)."""
        return list(self._robots_for(url).site_maps() or [])

    def check_allowed(self, url: str) -> None:
        if self.allowed(url):
            return
        unreadable = self._robots[host_of(url)].unreadable
        if unreadable:
            raise FetchError(
                url, f"robots.txt could not be read ({unreadable}); not fetched for now", transient=True
            )
        raise FetchError(url, "disallowed by robots.txt")

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        from urllib.parse import urlsplit

        host = host_of(url)
        with self._lock:
            cached = self._robots.get(host)
        if cached is not None and cached.expires > time.monotonic():
            return cached.parser
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        ttl, unreadable = ROBOTS_TTL, None
        try:
            response = self._request(robots_url, {}, retries=0)
        except FetchError as exc:
            if exc.transient:  # unreachable: assume nothing may be fetched, for now (RFC 9309)
                parser.disallow_all, ttl, unreadable = True, ROBOTS_FAILED_TTL, exc.reason
            elif "HTTP 401" in exc.reason or "HTTP 403" in exc.reason:
                parser.disallow_all = True
            else:  # 404 and the like: no rules
                parser.allow_all = True
        else:
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(self.politeness.user_agent)
        with self._lock:
            self._robots[host] = _Robots(parser, time.monotonic() + ttl, unreadable)
            if delay:
                self._gate(host).delay = max(self.politeness.delay, float(delay))
        return parser

    # ---- requests ---------------------------------------------------------------------------------------

    def _gate(self, host: str) -> _Gate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _Gate(threading.Semaphore(self.politeness.per_host),
                                             delay=self.politeness.delay)  # fmt: skip
        return gate

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            html_only: bool = False) -> Response:  # fmt: skip
        """The response for ``url`` (robots.txt checked first); 304 when the validators still hold.

        ``html_only``: a body that is not HTML is refused before it is read.
        """
        self.check_allowed(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._request(url, headers, html_only=html_only)
        if response.final_url != url and not self.allowed(response.final_url):
            raise FetchError(url, f"redirected to {response.final_url}, disallowed by robots.txt")
        return response

    def _request(self, url: str, headers: dict[str, str], *, retries: int | None = None,
                 html_only: bool = False) -> Response:  # fmt: skip
        polite = self.politeness
        attempts = 1 + (polite.retries if retries is None else retries)
        wait = polite.backoff
        last = "no attempt"
        for attempt in range(attempts):
            if self.stop.is_set():
                raise FetchError(url, "stopped before fetching", transient=True)
            try:
                return self._once(url, headers, html_only)
            except _Retry as exc:
                last, pause = exc.reason, exc.retry_after
            if attempt + 1 < attempts:
                self.stop.wait(min(polite.max_backoff, pause if pause is not None else wait))
                wait *= 2
        tries = f"{attempts} attempts" if attempts > 1 else "1 attempt"
        raise FetchError(url, f"{last} ({tries})", transient=True)

    def _once(self, url: str, headers: dict[str, str], html_only: bool) -> Response:
        import httpx

        polite = self.politeness
        with self._lock:
            gate = self._gate(host_of(url))
        with gate.slots:
            gate.wait_turn(self.stop)
            try:
                with self.client.stream("GET", url, headers=headers) as reply:
                    status = reply.status_code
                    if status in RETRY_STATUSES:
                        raise _Retry(f"HTTP {status}", _retry_after(reply.headers.get("Retry-After")))
                    if status == 304:
                        return Response(url, str(reply.url), 304, "", b"", dict(reply.headers))
                    if status >= 400:
                        raise FetchError(url, f"HTTP {status}")
                    if status >= 300:
                        raise FetchError(url, f"HTTP {status} redirect without a usable Location")
                    content_type = reply.headers.get("Content-Type", "")
                    if html_only and not is_html(content_type):
                        raise FetchError(url, f"not HTML ({content_type or 'no content type'})")
                    declared = reply.headers.get("Content-Length", "")
                    if declared.isdigit() and int(declared) > polite.max_bytes:
                        raise FetchError(url, f"over the size cap ({declared} bytes > {polite.max_bytes})")
                    body = bytearray()
                    for chunk in reply.iter_bytes():
                        body += chunk
                        if len(body) > polite.max_bytes:
                            raise FetchError(url, f"over the size cap (more than {polite.max_bytes} bytes)")
                    return Response(
                        url, str(reply.url), status, content_type, bytes(body), dict(reply.headers)
                    )
            except httpx.TooManyRedirects as exc:
                raise FetchError(url, f"more than {polite.max_redirects} redirects") from exc
            except httpx.TimeoutException as exc:
                raise _Retry(f"timed out after {polite.timeout:g} s ({type(exc).__name__})") from exc
            except httpx.TransportError as exc:
                raise _Retry(f"connection failed ({type(exc).__name__}: {exc})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc


class _Retry(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def response_headers(response: Response) -> list[tuple[str, str]]:
    """Headers to archive with a decoded body: transfer and content encodings no longer apply."""
    drop = {"content-encoding", "transfer-encoding", "content-length"}
    kept: list[tuple[str, str]] = [(k, v) for k, v in response.headers.items() if k.lower() not in drop]
    return [*kept, ("Content-Length", str(len(response.body)))]
