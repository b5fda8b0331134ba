"""``eventwire follow`` and ``eventwire sources`` as a user runs them, against the loopback site."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store

QUICK = ["--delay", "0", "--timeout", "1", "--backoff", "0.01", "--retries", "1", "--no-progress"]
FAKE = ["--pipeline", "tests.distributed.fakes:make"]


def _follow(site, db, *extra):
    return CliRunner().invoke(
        app, ["follow", site.url("/feed.xml"), "--db", str(db), "--once", *QUICK, *extra]
    )


def _count(db):
    with open_store(str(db)) as store:
        return store.count_articles(all_versions=True)


def test_follow_once_stores_each_article_once_and_a_second_run_adds_nothing(site, tmp_path):
    for n in range(3):
        site.article(f"/news/{n}.html", n)
    site.feed("/feed.xml", [f"/news/{n}.html" for n in range(3)] + ["/missing.html"], etag='"1"')
    db, errors = tmp_path / "x.duckdb", tmp_path / "errors.jsonl"
    first = _follow(site, db, *FAKE, "--errors", str(errors))
    assert first.exit_code == 0, first.output
    assert "3 stored" in first.stderr and "last poll stored 3 new articles" in first.stderr
    assert _count(db) == 3
    assert [json.loads(line)["reason"] for line in errors.read_text().splitlines()] == ["HTTP 404"]
    second = _follow(site, db, *FAKE)
    assert second.exit_code == 0 and "last poll stored 0 new articles" in second.stderr
    assert _count(db) == 3
    listed = CliRunner().invoke(app, ["sources", "--db", str(db)])
    assert listed.exit_code == 0 and site.url("/feed.xml") in listed.output
    assert "feed" in listed.output and " 3 " in listed.output  # 3 new articles in total


def test_an_unreadable_source_exits_1_and_a_bad_url_is_refused(site, tmp_path):
    result = CliRunner().invoke(app, ["follow", site.url("/nothing.xml"), "--db", str(tmp_path / "x.duckdb"),
                                      "--once", *QUICK, *FAKE])  # fmt: skip
    assert result.exit_code == 1 and "listing: HTTP 404" in result.stderr
    bad = CliRunner().invoke(app, ["follow", "ftp://example.org/feed", "--db", str(tmp_path / "y.duckdb")])
    assert bad.exit_code == 2 and "not an http(s) URL" in bad.output


def test_sources_on_an_empty_store_says_so(tmp_path):
    db = tmp_path / "empty.duckdb"
    open_store(str(db)).close()
    result = CliRunner().invoke(app, ["sources", "--db", str(db)])
    assert result.exit_code == 0 and "no sources followed yet" in result.output


@pytest.mark.slow
def test_follow_with_the_real_pipeline_codes_events_and_keeps_french_uncoded(site, tmp_path):
    from tests.follow.site import FRENCH, article_html

    site.set("/news/talks.html", article_html("Talks in Oslo", (
        "The foreign minister of Norway met the ambassador of Chile in Oslo on Monday. "
        "Officials said the talks about trade would continue next month")))  # fmt: skip
    site.set("/fr/talks.html", article_html("Discussions", FRENCH))
    site.feed("/feed.xml", ["/news/talks.html", "/fr/talks.html"])
    db = tmp_path / "real.duckdb"
    result = _follow(site, db)
    assert result.exit_code == 0, result.stderr
    with open_store(str(db)) as store:
        rows = store.conn.query(
            "SELECT a.language, COUNT(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.language ORDER BY a.language"
        )
    assert dict(rows)["fr"] == 0 and dict(rows)["en"] >= 1
    assert "language fr: text and metadata kept, no events coded" in result.stderr
