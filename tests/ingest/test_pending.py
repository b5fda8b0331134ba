"""read_pending / Pending.resolve: reading does not clean, items pickle, bad items skip in one line."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from eventwire.errors import SkipLog
from eventwire.ingest import Pending, read_articles, read_pending
from tests.ingest.helpers import write_warc

BODY = (
    "The finance ministry said on Monday that exports rose by six percent in the first quarter, "
    "driven by strong demand for machinery and chemicals from neighbouring countries."
)
FRENCH = (
    "Le gouvernement a annoncé lundi une hausse des exportations de six pour cent au premier trimestre, "
    "portée par une forte demande de machines et de produits chimiques des pays voisins."
)


def _corpus(tmp_path: Path, article_html: str, seed_000: Path) -> list[str]:
    """One input of every kind: text with a sidecar, HTML, JSONL (text and html records), CSV, WARC."""
    text = tmp_path / "story.txt"
    shutil.copy(seed_000, text)
    shutil.copy(seed_000.with_name(seed_000.stem + ".meta.json"), tmp_path / "story.meta.json")
    page = tmp_path / "page.html"
    page.write_text(article_html, encoding="utf-8")
    jsonl = tmp_path / "corpus.jsonl"
    records = [{"id": "t", "title": "Exports rise", "text": BODY, "published": "2022-04-04"},
               {"id": "h", "html": article_html}]  # fmt: skip
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    table = tmp_path / "corpus.csv"
    table.write_text(f'id,title,text\nc1,Exports rise,"{BODY} Again."\n', encoding="utf-8")
    warc = write_warc(
        tmp_path / "news.warc.gz", [("https://example.org/b", "text/html", article_html.encode(), None)]
    )
    return [str(p) for p in (text, page, jsonl, table, warc)]


def test_pending_items_pickle_and_resolve_to_what_read_articles_gives(tmp_path, article_html, seed_000):
    inputs = _corpus(tmp_path, article_html, seed_000)
    direct = list(read_articles(inputs, skips=SkipLog(stream=None)))
    skips = SkipLog(stream=None)
    pending = list(read_pending(inputs, skips=skips))
    assert len(pending) == 6 and not skips.skipped
    travelled = [pickle.loads(pickle.dumps(item)) for item in pending]
    resolved = [item.resolve(None, skips) for item in travelled]
    assert [a.to_dict() for a in resolved] == [a.to_dict() for a in direct]
    assert len(resolved) == 6 and not skips.skipped


def test_reading_does_not_clean_resolving_does(tmp_path, article_html, seed_000, monkeypatch):
    import trafilatura

    from eventwire.ingest import flattened

    calls: list[str] = []
    real_clean, real_extract = flattened.clean_lines, trafilatura.bare_extraction
    monkeypatch.setattr(
        flattened, "clean_lines", lambda *a, **k: calls.append("cleaner") or real_clean(*a, **k)
    )
    monkeypatch.setattr(
        trafilatura, "bare_extraction", lambda *a, **k: calls.append("trafilatura") or real_extract(*a, **k)
    )
    pending = list(read_pending(_corpus(tmp_path, article_html, seed_000), skips=SkipLog(stream=None)))
    assert calls == []
    for item in pending:
        item.resolve(None, SkipLog(stream=None))
    assert sorted(calls) == ["cleaner"] * 3 + ["trafilatura"] * 3


def test_the_user_date_is_applied_when_resolving(tmp_path):
    from datetime import date, datetime

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"title": "Exports rise", "text": BODY}) + "\n", encoding="utf-8")
    (item,) = read_pending([str(path)], skips=SkipLog(stream=None))
    article = item.resolve(date(2020, 5, 6), SkipLog(stream=None))
    assert article is not None and article.published == datetime(2020, 5, 6) and article.date_source == "user"


def test_an_implausible_user_date_skips_naming_the_input_and_line(tmp_path):
    from datetime import date

    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": BODY + f" Item {i}."}) for i in "ab") + "\n")
    skips = SkipLog(stream=None)
    pending = list(read_pending([str(path)], skips=skips))
    assert [p.resolve(date(1200, 1, 1), skips) for p in pending] == [None, None]
    assert [(s.input, s.line) for s in skips.skipped] == [(str(path), 1), (str(path), 2)]
    assert all(s.reason.startswith("--date 1200-01-01 is implausible") for s in skips.skipped)


def _one_line_skips(skips: SkipLog) -> list[tuple[str, int | None, str]]:
    assert all("\n" not in s.reason for s in skips.skipped)
    return [(Path(s.input).name, s.line, s.reason) for s in skips.skipped]


def test_bad_jsonl_records_skip_in_one_line_at_reading_or_resolving(tmp_path, fixtures):
    no_article = (fixtures / "no_article.html").read_text(encoding="utf-8")
    lines = [json.dumps({"id": "ok", "text": BODY}), "{broken", json.dumps({"id": "none"}),
             json.dumps({"id": "nav", "html": no_article}), json.dumps({"id": "fr", "text": FRENCH}),
             json.dumps({"id": "ok2", "text": BODY + " Again."})]  # fmt: skip
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    skips = SkipLog(stream=None)
    pending = list(read_pending([str(path)], skips=skips))
    assert [p.line for p in pending] == [1, 4, 5, 6]  # unreadable records are reported while reading
    assert [(line, reason.split(":")[0]) for _, line, reason in _one_line_skips(skips)] == [
        (2, "malformed JSON line"),
        (3, "record has neither 'text' nor 'html'"),
    ]
    articles = [p.resolve(None, skips) for p in pending]
    assert [a is not None for a in articles] == [True, False, True, True]
    assert articles[2].language == "fr"  # kept, uncoded: not a skip
    late = _one_line_skips(skips)[2:]
    assert len(late) == 1 and late[0][:2] == ("c.jsonl", 4)
    assert "field 'html': no article text found" in late[0][2]
    assert {s.input for s in skips.skipped} == {str(path)}  # read or resolved, the input has one name


def test_bad_csv_rows_skip_in_one_line(tmp_path):
    path = tmp_path / "c.csv"
    furniture = "Home\nNews\nSport\nSubscribe to our newsletter\nCookie policy"
    rows = f'id,title,text\nr1,Exports rise,"{BODY}"\nr2,too,many,fields\nr3,,"{furniture}"\n'
    path.write_text(rows, encoding="utf-8")
    skips = SkipLog(stream=None)
    pending = list(read_pending([str(path)], skips=skips))
    assert [p.line for p in pending] == [2, 8]
    assert [p.resolve(None, skips) is not None for p in pending] == [True, False]
    got = _one_line_skips(skips)
    assert got[0] == ("c.csv", 3, "malformed CSV row: 4 fields, the header has 3")
    assert got[1] == ("c.csv", 8, "no article text left after removing boilerplate")
    assert {s.input for s in skips.skipped} == {str(path)}


def test_bad_warc_records_skip_in_one_line(tmp_path, article_html, fixtures):
    no_article = (fixtures / "no_article.html").read_bytes()
    path = write_warc(
        tmp_path / "n.warc.gz",
        [("https://example.org/ok", "text/html", article_html.encode(), None),
         ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n", None),
         ("https://example.org/nav", "text/html", no_article, None)],
    )  # fmt: skip
    skips = SkipLog(stream=None)
    pending = list(read_pending([str(path)], skips=skips))
    assert len(pending) == 2 and "not HTML (image/png)" in _one_line_skips(skips)[0][2]
    assert [p.resolve(None, skips) is not None for p in pending] == [True, False]
    name, line, reason = _one_line_skips(skips)[1]
    assert (
        name == "n.warc.gz" and line == pending[1].line and "(https://example.org/nav): no article" in reason
    )


def test_an_unexpected_cleaner_failure_costs_only_its_record(tmp_path, monkeypatch):
    from eventwire.ingest import flattened

    real = flattened.clean_lines

    def brittle(raw: str, **kwargs: object):
        if "explode" in raw:
            raise RuntimeError("cleaner exploded")
        return real(raw, **kwargs)

    monkeypatch.setattr(flattened, "clean_lines", brittle)
    path = tmp_path / "c.jsonl"
    records = [{"text": BODY}, {"text": BODY + " It will explode."}, {"text": BODY + " Fine."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles, skips = list(read_articles([str(path)], skips=(log := SkipLog(stream=None)))), log
    assert len(articles) == 2
    assert _one_line_skips(skips) == [("c.jsonl", 2, "unexpected error: RuntimeError: cleaner exploded")]


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_pending_item_is_small(tmp_path, article_html, kind):
    """What crosses to a worker is the raw text or HTML and the metadata, not a parsed page."""
    path = tmp_path / ("page.html" if kind == "html" else "page.txt")
    raw = article_html if kind == "html" else "Exports rise\n\n" + BODY + "\n"
    path.write_text(raw, encoding="utf-8")
    (item,) = read_pending([str(path)], skips=SkipLog(stream=None))
    assert isinstance(item, Pending) and item.source == str(path)
    assert len(pickle.dumps(item)) < len(raw.encode()) + 1000
