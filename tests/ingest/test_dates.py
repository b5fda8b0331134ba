"""Publication dates: implausible ones (9999-12-31, 0201-05-04) never reach coding or the store."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from eventwire.errors import SkipLog
from eventwire.ingest import read_articles
from eventwire.ingest.dates import implausible_reason, parse_date, read_sidecar, user_datetime

USER_DATE_REASON = "--date 9999-12-31 is implausible: more than 2 days in the future"
BODY = (
    "The finance ministry said on Monday that exports rose by six percent in the first quarter, "
    "driven by strong demand for machinery and chemicals from neighbouring countries."
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("9999-12-31", "more than 2 days in the future"),
        ("9999-12-31T23:59:59+14:00", "more than 2 days in the future"),
        ("0001-01-01", "before 1900"),
        ("1899-12-31", "before 1900"),
    ],
)
def test_implausible_dates_raise_one_line(value, reason):
    with pytest.raises(ValueError) as err:
        parse_date(value)
    assert str(err.value) == f"implausible date {value!r}: {reason}"


def test_bounds():
    assert parse_date("1900-01-01") == datetime(1900, 1, 1)
    ahead = _now() + timedelta(days=1)  # a publisher's local time runs ahead of UTC
    assert parse_date(ahead) == ahead
    assert implausible_reason(_now() + timedelta(days=3)) == "more than 2 days in the future"
    assert implausible_reason(date(2021, 9, 5)) is None


def test_user_date_is_checked():
    assert user_datetime(date(2021, 9, 5)) == datetime(2021, 9, 5)
    with pytest.raises(ValueError) as err:
        user_datetime(date(9999, 12, 31))
    assert str(err.value) == USER_DATE_REASON


def _page(tmp_path: Path, name: str, published: str | None = None) -> Path:
    page = tmp_path / f"{name}.txt"
    page.write_text(f"Exports rise ({name})\n\n{BODY}\n", encoding="utf-8")
    if published is not None:
        (tmp_path / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return page


def test_sidecar_with_an_implausible_date_names_the_sidecar(tmp_path):
    page = _page(tmp_path, "story", "9999-12-31")
    with pytest.raises(ValueError, match=r"^sidecar story\.meta\.json: implausible date '9999-12-31'"):
        read_sidecar(page)


def test_bad_dates_skip_their_input_and_the_batch_carries_on(tmp_path):
    good = _page(tmp_path, "good", "2021-09-05")
    bad = _page(tmp_path, "bad", "9999-12-31")
    corpus = tmp_path / "corpus.jsonl"
    records = [{"id": "a", "text": BODY, "published": "9999-12-31"}, {"id": "b", "text": BODY + " Again."}]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    skips = SkipLog(stream=None)
    articles = list(read_articles([str(good), str(bad), str(corpus)], skips=skips))
    assert sorted(str(a.published_date) for a in articles) == ["2021-09-05", "None"]
    assert [(s.input, s.line) for s in skips.skipped] == [(str(bad), None), (str(corpus), 1)]
    assert all("implausible date '9999-12-31'" in s.reason for s in skips.skipped)


def test_implausible_user_date_skips_each_article_without_ending_the_batch(tmp_path):
    pages = [_page(tmp_path, "one"), _page(tmp_path, "two", "2021-09-05")]
    skips = SkipLog(stream=None)
    assert list(read_articles([str(p) for p in pages], date=date(9999, 12, 31), skips=skips)) == []
    assert [s.reason for s in skips.skipped] == [USER_DATE_REASON] * 2


def test_implausible_page_date_is_dropped_with_a_note(tmp_path, monkeypatch, article_html):
    # htmldate bounds its dates itself; any other path that leaves one unchecked ends here too
    monkeypatch.setattr("eventwire.ingest.html.find_published", lambda html, url=None: datetime(9999, 12, 31))
    page = tmp_path / "page.html"
    page.write_text(article_html, encoding="utf-8")
    stream = io.StringIO()
    skips = SkipLog(stream=stream)
    articles = list(read_articles([str(page)], skips=skips))
    assert len(articles) == 1 and articles[0].published is None and articles[0].date_source is None
    assert len(skips) == 0
    assert stream.getvalue().splitlines() == [
        f"note {page}: publication date 9999-12-31T00:00:00 (html) dropped as implausible "
        "(more than 2 days in the future); no publication date (give --date or a NAME.meta.json): "
        "actors are resolved as of today and relative event dates are left unresolved"
    ]
