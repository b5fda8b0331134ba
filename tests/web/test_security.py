"""Write tokens, body limits, security headers, CORS, and untrusted article text in every output."""

from __future__ import annotations

import pytest

from eventwire.models import Modality
from eventwire.web.security import check_write
from tests.web.conftest import TOKEN
from tests.web.factories import make_article, make_event, mention

PAYLOAD = "<script>alert('xss')</script>"
IMG = '<img src=x onerror="alert(1)">'


@pytest.fixture
def hostile(store):  # type: ignore[no-untyped-def]
    """An article whose title, text, publisher and url are script-injection attempts; its id."""
    sentence = f"Israel accused Russia of lying {IMG} {PAYLOAD} yesterday."
    art = make_article(sentence, title=f"Breaking {PAYLOAD}", url="javascript:alert(1)",
                       publisher=f'Evil "Times" {IMG}', published="2021-09-08")  # fmt: skip
    ev = make_event(art, 0, sentence, "accused", "ACCUSE", [mention("Israel", art, "ISR")],
                    [mention("Russia", art, "RUS")], when="2021-09-08",
                    place=(f"Gaza {PAYLOAD}", "PSE", 31.5, 34.47),
                    modality=Modality(attributed_to=PAYLOAD))  # fmt: skip
    store.add_batch([(art, [ev])])
    return art.id


def test_check_write_needs_configured_and_matching_token() -> None:
    check_write("abc", "abc")
    cases = [(None, "abc", 403), ("abc", None, 401), ("abc", "abd", 401), ("abc", "", 401)]
    for expected, given, status in cases:
        with pytest.raises(Exception) as info:
            check_write(expected, given)
        assert info.value.status == status  # type: ignore[attr-defined]


def test_writes_need_the_token(client, readonly_client) -> None:
    body = {"name": "w", "actor": "ISR"}
    assert client.post("/api/watches", json=body).status_code == 401
    wrong = {"Authorization": "Bearer wrong"}
    assert client.post("/api/watches", json=body, headers=wrong).status_code == 401
    assert client.post("/api/articles", json={"text": "Israel met Russia."}).status_code == 401
    assert client.post("/articles", json={"text": "Israel met Russia."}).status_code == 401
    assert client.post("/api/watches", json=body, headers={"X-Eventwire-Token": TOKEN}).status_code == 201
    denied = readonly_client.post("/api/watches", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert denied.status_code == 403
    assert "EVENTWIRE_TOKEN" in denied.json()["detail"]
    assert readonly_client.post("/api/articles", json={"text": "x"}).status_code == 403


def test_request_bodies_over_the_limit_are_refused(store) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(store, token=TOKEN, max_body=2000)) as c:
        big = {"text": "Israel met Russia. " * 500}
        r = c.post("/api/code", json=big)
        assert r.status_code == 413
        streamed = c.post("/api/code", content=(b"x" * 1000 for _ in range(5)),
                          headers={"Content-Type": "application/json"})  # fmt: skip
        assert streamed.status_code == 413
        assert c.post("/api/code", json={"text": ""}).status_code == 422  # small bodies still get through


def test_security_headers_and_no_cors(client) -> None:
    for path in ["/", "/api/events", "/static/app.css", "/articles/nope"]:
        r = client.get(path, headers={"Origin": "https://evil.example"})
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in r.headers
    preflight = client.options("/api/articles", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})  # fmt: skip
    assert "access-control-allow-origin" not in preflight.headers


def test_pages_escape_untrusted_article_text(client, hostile: str) -> None:
    pages = ["/", f"/articles/{hostile}", "/map", "/network", "/digest?watch=isr&week=2021-W36", "/timeline"]
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    reader = client.get(f"/articles/{hostile}").text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in reader
    assert "Breaking &lt;script&gt;" in reader


def test_api_and_digests_carry_untrusted_text_inert(client, hostile: str) -> None:
    body = client.get(f"/api/articles/{hostile}").json()
    assert PAYLOAD in body["article"]["title"]  # JSON carries the data as is, for clients to escape
    assert client.get(f"/api/articles/{hostile}").headers["content-type"] == "application/json"
    md = client.get("/api/digest?watch=isr&week=2021-W36&format=md").text
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
    assert "(<javascript:" not in md
    html = client.get("/api/digest?watch=isr&week=2021-W36&format=html").text
    assert "<script>alert" not in html and 'href="javascript:' not in html


def test_network_data_block_cannot_close_its_script_tag(client, store) -> None:
    sentence = "Israel threatened Russia."
    art = make_article(sentence, title="t", published="2021-09-08")
    m = mention("Israel", art, "ISRREB")
    m.name = "</script><script>alert(1)</script>"
    ev = make_event(art, 0, sentence, "threatened", "ACCUSE", [m], [mention("Russia", art, "RUS")])
    store.add_batch([(art, [ev])])
    html = client.get("/network?level=code").text
    assert "alert(1)" in html  # the label is there, escaped for a JSON block
    assert "</script><script>alert" not in html


def test_error_pages_escape_the_values_they_echo(client) -> None:
    r = client.get("/", params={"actor": "<b>x</b>"})
    assert r.status_code == 400
    assert "<b>x</b>" not in r.text and "&lt;b&gt;x&lt;/b&gt;" in r.text
    missing = client.get("/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert missing.status_code == 404 and "<script>alert(1)" not in missing.text
