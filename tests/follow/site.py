"""A news site for the tests, served on 127.0.0.1 only: fixture feeds, sitemaps and pages written for
these tests, with answers the tests set per path (status, headers, delay, ETag, failures first)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.distributed.fakes import article_text

HTML = "text/html; charset=utf-8"
FRENCH = (
    "Le ministre des affaires étrangères a rencontré lundi son homologue dans la capitale pour parler "
    "du commerce et de la sécurité. Les deux gouvernements ont annoncé que les discussions reprendraient "
    "le mois prochain, et qu'une nouvelle série de réunions était prévue pour l'automne."
)


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    fail_first: int = 0  # answer 503 this many times first
    chunked: bool = False  # no Content-Length: the body is sent without announcing its size


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """Routes (path → Answer, query ignored) and every request received."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits_of(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def set(self, path: str, body: str | bytes = b"", **kw: object) -> Answer:
        data = body.encode("utf-8") if isinstance(body, str) else body
        answer = Answer(data, **kw)  # type: ignore[arg-type]
        self.routes[path] = answer
        return answer

    def article(self, path: str, i: int, *, text: str | None = None, **kw: object) -> Answer:
        return self.set(path, article_html(f"Report number {i}", text or article_text(i)), **kw)

    def feed(self, path: str, links: list[str], **kw: object) -> Answer:
        return self.set(path, rss(self.base, links), content_type="application/rss+xml", **kw)


def article_html(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}.</p>" for p in text.rstrip(".").split(". "))
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>"
        '<meta property="article:published_time" content="2024-05-06T10:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright the test site</footer></body></html>"
    )


def rss(base: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}{link}</link></item>" for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test news</title>'
        f"<link>{base}/</link><description>fixture feed</description>{items}</channel></rss>"
    )


def atom(base: str, links: list[str]) -> str:
    entries = "".join(
        f'<entry><title>E{n}</title><link href="{base}{link}"/></entry>' for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Test</title>'
        f'<link rel="self" href="{base}/atom.xml"/>{entries}</feed>'
    )


def news_sitemap(base: str, links: list[str]) -> str:
    urls = "".join(
        f"<url><loc>{base}{link}</loc><news:news><news:publication><news:name>Test</news:name>"
        "<news:language>en</news:language></news:publication>"
        f"<news:title>Story {n}</news:title></news:news></url>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


def sitemap_index(base: str, sitemaps: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{base}{s}</loc></sitemap>" for s in sitemaps)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    )


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            with site.lock:
                site.hits.append(Hit(path, dict(self.headers.items()), time.monotonic()))
                site.in_flight += 1
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
                answer = site.routes.get(path)
                failing = answer is not None and answer.fail_first > 0
                if failing:
                    answer.fail_first -= 1  # type: ignore[union-attr]
            try:
                self._answer(answer, failing)
            finally:
                with site.lock:
                    site.in_flight -= 1

        def _answer(self, answer: Answer | None, failing: bool) -> None:
            if answer is None:
                return self._send(404, b"not here", "text/plain", {})
            if answer.delay:
                time.sleep(answer.delay)
            if failing:
                return self._send(503, b"busy", "text/plain", {})
            headers = dict(answer.headers)
            if answer.etag:
                headers["ETag"] = answer.etag
                headers["Last-Modified"] = formatdate(usegmt=True)
                if self.headers.get("If-None-Match") == answer.etag:
                    return self._send(304, b"", None, headers)
            return self._send(answer.status, answer.body, answer.content_type, headers, answer.chunked)

        def _send(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str],
                  chunked: bool = False) -> None:  # fmt: skip
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for key, value in headers.items():
                self.send_header(key, value)
            if chunked:
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return  # a client that hung up on purpose (size cap, timeout) is not a test failure


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
