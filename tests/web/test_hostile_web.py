"""The web app under hostile requests (issue 17): no 500 for any value of any declared parameter,
dates checked as the command line checks them, capped coding, headers on every refusal."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXTREMES: tuple[str, ...] = (  # empty, out of range, calendar ends, relative, NUL, injection, over-long
    "",
    "-1",
    "99999999999999999999999",
    "NaN",
    "9999-12-31",
    "0001-01-01",
    "9999-W52",
    "0001-W01",
    "yesterday",
    "\x00",
    "'; DROP TABLE events; --",
    "é" * 5000,
)
LOW_COST = {
    "text": "Israel's foreign minister met Russia's foreign minister in Moscow.",
    "date": "2021-09-05",
}


@pytest.fixture
def hostile_client(store, pipeline):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    quick = QuickPipeline(pipeline)
    with TestClient(create_app(store, token=TOKEN, pipeline=quick), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        yield c


class QuickPipeline:
    """The real actor resolver with the fake coder of tests/distributed: hundreds of coding requests
    cost milliseconds each, and actor lookups still go through the knowledge base."""

    def __init__(self, real: Any) -> None:
        from tests.distributed.fakes import FakePipeline

        self.resolver = real.resolver
        self._coder = FakePipeline()

    def code_article(self, article: Any) -> Any:
        return self._coder.code_article(article)


def _fill(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda _: quote(value, safe="") or "x", path)


def _schema_targets(client: Any) -> list[tuple[str, str, list[str], dict[str, Any] | None]]:
    """(method, path, query parameter names, JSON body properties) of every operation in /openapi.json,
    plus the dashboard pages (left out of the schema) from the app's own routes."""
    schema = client.get("/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            query = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            props = None
            if body is not None:
                ref = body["$ref"].rsplit("/", 1)[1]
                props = schema["components"]["schemas"][ref]["properties"]
            found.append((method.upper(), path, query, props))
    from eventwire.web import pages

    for route in pages.router.routes:  # the pages router is left out of the schema
        if isinstance(route, APIRoute):
            query = sorted(_query_params(route.dependant))
            for method in route.methods:
                found.append((method, route.path, query, None))
    return found


def _query_params(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_params(sub)
    return names


def test_no_value_of_any_declared_parameter_gives_a_500(hostile_client):
    """Walks the OpenAPI schema (and the pages): each parameter alone gets each extreme value."""
    targets = _schema_targets(hostile_client)
    assert any(path == "/api/digest" for _, path, _, _ in targets) and any(
        p == "/timeline" for _, p, _, _ in targets
    )
    base = {"watch": "isr", "week": "2021-W36"}
    failures = []
    sent = 0
    for method, path, query, props in targets:
        for value in EXTREMES:
            url = _fill(path, value)
            for name in query or [None]:
                params = {k: v for k, v in base.items() if k in query}
                if name is not None:
                    params[name] = value
                if method == "GET":
                    r = hostile_client.get(url, params=params, headers=AUTH)
                    sent += 1
                    if r.status_code >= 500:
                        failures.append((method, url, name, value, r.status_code))
            for prop in props or {}:
                body = dict(LOW_COST, name="w") if "text" in props else {"name": "w"}
                body[prop] = value[:2000]
                r = hostile_client.request(method, url, json=body, headers=AUTH)
                sent += 1
                if r.status_code >= 500:
                    failures.append((method, url, prop, value, r.status_code))
    assert sent > 250
    assert not failures, failures[:10]


def test_implausible_relative_and_ambiguous_dates_are_refused_by_the_api(hostile_client):
    """POST /api/articles checks dates as the command line does, and /timeline by week keeps working."""
    for bad, why in (("9999-12-31", "implausible"), ("0001-01-01", "implausible"), ("yesterday", "relative"),
                     ("3 days ago", "relative"), ("5/9/21", "ambiguous")):  # fmt: skip
        r = hostile_client.post("/api/articles", json=dict(LOW_COST, date=bad), headers=AUTH)
        assert r.status_code == 422 and why in r.json()["detail"], (bad, r.text)
    assert hostile_client.post("/api/articles", json=LOW_COST, headers=AUTH).status_code == 201
    assert (
        hostile_client.get("/timeline", params={"source": "ISR", "target": "RUS", "by": "week"}).status_code
        == 200
    )


@pytest.mark.parametrize("path", ["/api/digest", "/digest"])
@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "2021-W99"])
def test_weeks_off_the_calendar_are_400(hostile_client, path, week):
    r = hostile_client.get(path, params={"watch": "isr", "week": week})
    assert r.status_code == 400, r.text
    assert "week" in r.text


def test_digest_links_ignore_the_host_header(hostile_client):
    r = hostile_client.get("/api/digest", params={"watch": "isr", "week": "2021-W36", "format": "md"},
                           headers={"Host": "evil.example"})  # fmt: skip
    assert r.status_code == 200 and "](</articles/" in r.text
    assert "evil.example" not in r.text


def test_code_is_capped_by_length_and_by_concurrency(hostile_client):
    from eventwire.web.state import CODE_MAX_TEXT, CODING_SLOTS

    r = hostile_client.post("/api/code", json={"text": "Israel met Russia. " * (CODE_MAX_TEXT // 10)})
    assert r.status_code == 413 and "limit of /api/code" in r.json()["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"
    slots = hostile_client.app.state.eventwire.coding_slots
    for _ in range(CODING_SLOTS):  # every slot busy, as with that many requests being coded
        assert slots.acquire(blocking=False)
    try:
        r = hostile_client.post("/api/code", json=LOW_COST)
        assert r.status_code == 429 and "too many coding requests" in r.json()["detail"]
        assert r.headers["retry-after"] == "5"
    finally:
        for _ in range(CODING_SLOTS):
            slots.release()
    assert hostile_client.post("/api/code", json=LOW_COST).status_code == 200


def test_the_body_limit_answer_carries_the_security_headers(store):
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(store, token=TOKEN, max_body=2000)) as c:
        r = c.post("/api/code", content=b"x" * 5000, headers={"Content-Type": "application/json"})
        assert r.status_code == 413
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_cli_digest_of_a_week_off_the_calendar_is_one_line(store, tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    if store.dialect != "duckdb":
        pytest.skip("the CLI digest reads a DuckDB file here")
    db = store.conn.name
    store.close()
    result = CliRunner().invoke(app, ["digest", "--db", db, "--watch", "isr", "--week", "9999-W52"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "week" in result.stderr and "Traceback" not in result.output


def test_a_stored_date_at_the_end_of_the_calendar_does_not_break_the_timeline(store, hostile_client):
    """A placeholder date stored before dates were checked (9999-12-31): the timeline answers 200 or a
    400 saying why, for every period, never a 500."""
    from tests.store.conftest import article, event

    far = article("Israel's envoy met Russia's envoy.", published="2021-09-05")
    store.add_batch([(far, [event(far, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="9999-12-31")])])
    for by in ("week", "month", "year"):
        r = hostile_client.get("/timeline", params={"source": "ISR", "target": "RUS", "by": by})
        assert r.status_code in (200, 400), (by, r.status_code)
        if r.status_code == 400:
            assert "narrow since/until" in r.text
    ok = hostile_client.get("/timeline", params={"source": "ISR", "target": "RUS", "by": "week",
                                                 "until": "2022-12-31"})  # fmt: skip
    assert ok.status_code == 200
