"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): the sample articles' events
load on every page, clicking an event highlights its sentence, the paste page codes and stores an article,
and no page logs a console error. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.store import EventFilter, open_store
from tests.web.conftest import TOKEN, sample_article

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium_path() -> str | None:
    found = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium: install Debian's chromium or set EVENTWIRE_CHROMIUM")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def live(  # type: ignore[no-untyped-def]
    browser, tmp_path_factory: pytest.TempPathFactory, pipeline, samples_dir: Path
) -> Iterator[dict[str, Any]]:
    """A uvicorn server on a free loopback port over a store holding the two sample articles' events.

    Asks for ``browser`` first so that a missing Chromium skips before the pipeline runs."""
    import uvicorn

    from eventwire.web import create_app

    articles = [sample_article(p) for p in sorted(samples_dir.glob("*.txt"))]
    coded = [(a, pipeline.code_article(a)) for a in articles]
    store = open_store(tmp_path_factory.mktemp("live") / "events.duckdb")
    store.add_batch(coded)
    store.save_watch("isr-rus", EventFilter(actor="ISR", recipient="RUS"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(store, token=TOKEN, pipeline=pipeline)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield {"url": f"http://127.0.0.1:{port}", "coded": coded}
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    store.close()


@pytest.fixture
def expected_errors() -> list[str]:
    """Substrings of console errors a test provokes on purpose (a refused request)."""
    return []


@pytest.fixture
def page(browser, expected_errors: list[str]) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A fresh page; the test fails if the page logs an unexpected console error or throws."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda dialog: errors.append(f"dialog opened: {dialog.message}"))
    yield pg
    context.close()
    assert [e for e in errors if not any(x in e for x in expected_errors)] == []


def test_pages_show_the_sample_events(live, page) -> None:  # type: ignore[no-untyped-def]
    base = live["url"]
    total = len({e.id for _, events in live["coded"] for e in events})  # the store keeps one per id
    page.goto(base + "/")
    assert page.locator("#event-total").inner_text() == str(total)
    assert page.locator("tr.event-row").count() == min(total, 50)
    page.screenshot(path=ARTIFACTS / "events.png")
    page.goto(base + "/timeline?source=ISR&target=RUS&both=true")
    assert page.locator("#timeline-chart rect.bar").count() >= 2
    page.screenshot(path=ARTIFACTS / "timeline.png")
    page.goto(base + "/network")
    page.wait_for_selector("#network .node")
    assert page.locator("#network .node").count() >= 3
    assert page.locator("#network path.edge.tone-conflict").count() >= 1
    page.screenshot(path=ARTIFACTS / "network.png")
    page.goto(base + "/map")
    assert page.locator("#map circle.point").count() >= 2
    page.locator("#map circle.point").first.click()
    assert page.locator("#locations tr.active").count() == 1
    page.screenshot(path=ARTIFACTS / "map.png")
    page.goto(base + "/digest?watch=isr-rus&week=2021-W36")
    assert page.locator(".digest-item").count() >= 1
    page.screenshot(path=ARTIFACTS / "digest.png", full_page=True)
    page.goto(base + "/api/digest?watch=isr-rus&week=2021-W36&format=html")  # inline CSS allowed by hash
    assert page.locator(".digest-item h2").first.evaluate("e => getComputedStyle(e).display") == "flex"
    for path in ["/watches", "/paste", "/actors"]:
        page.goto(base + path)
        assert page.locator("h1").count() == 1
    page.fill("#lookup-name", "Lapid")
    page.fill("#lookup-date", "2021-09-05")
    page.click("#lookup-form button")
    page.locator("#lookup-result .lookup-match", has_text="ISRGOV").first.wait_for()


def test_clicking_an_event_highlights_its_sentence(live, page) -> None:  # type: ignore[no-untyped-def]
    article, events = next((a, evs) for a, evs in live["coded"] if len(evs) >= 3)
    page.goto(f"{live['url']}/articles/{article.id}")
    cards = page.locator(".event-card")
    assert cards.count() == len({e.id for e in events})
    assert page.locator(".sent.hl").count() == 0
    for index in (2, 0):
        card = cards.nth(index)
        card.click()
        event = next(e for e in events if e.id == card.get_attribute("data-event"))
        highlighted = "".join(page.locator(".sent.hl").all_text_contents())
        assert highlighted == event.sentence.strip()
        assert "active" in (card.get_attribute("class") or "")
        assert page.locator(".event-card.active").count() == 1
    page.screenshot(path=ARTIFACTS / "reader.png")
    trigger = page.locator(".trigger[data-events]").first
    trigger.click()
    first_id = (trigger.get_attribute("data-events") or "").split()[0]
    assert page.locator(f"#ev-{first_id}").get_attribute("class").split().count("active") == 1
    page.goto(f"{live['url']}/articles/{article.id}#ev-{events[-1].id}")
    page.wait_for_selector(f"#ev-{events[-1].id}.active")


def test_paste_page_codes_and_stores_an_article(live, page, expected_errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign Minister Yair Lapid met Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday.\n\n"
        'Protesters <img src=x onerror="alert(1)"> gathered outside <script>alert(2)</script> the embassy.'
    )
    page.goto(live["url"] + "/paste")
    page.fill("input[name=title]", "Lapid <b>meets</b> Lavrov")
    page.fill("input[name=date]", "2021-09-08")
    page.fill("#paste-body", text)
    page.click("#code-button")
    page.wait_for_selector("#event-cards .event-card", timeout=60_000)
    assert "CONSULT" in page.locator("#event-cards").inner_text()
    assert page.locator("#result-title").inner_text() == "Lapid <b>meets</b> Lavrov"
    assert page.locator("#article-text img, #article-text script, #article-text b").count() == 0
    assert 'onerror="alert(1)"' in page.locator("#article-text").inner_text()
    page.locator("#event-cards .event-card").first.click()
    assert page.locator("#article-text .sent.hl").count() >= 1
    page.screenshot(path=ARTIFACTS / "paste.png")
    expected_errors.append("status of 401")  # the request with the wrong token
    page.fill("#store-token", "wrong")
    page.click("#store-button")
    page.locator("#store-status", has_text="HTTP 401").wait_for()
    page.fill("#store-token", TOKEN)
    page.click("#store-button")
    page.wait_for_selector("#stored-link")
    page.click("#stored-link")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-title").inner_text() == "Lapid <b>meets</b> Lavrov"
    assert page.locator(".event-card").count() >= 1
