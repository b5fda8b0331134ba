"""read_articles: every input kind, and every kind of bad input reported while the batch goes on."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from eventwire.errors import SkipLog
from eventwire.ingest import read_articles
from tests.ingest.helpers import write_warc

BODY = (
    "The finance ministry said on Monday that exports rose by six percent in the first quarter, "
    "driven by strong demand for machinery and chemicals from neighbouring countries."
)


def read(inputs: list[str], **kwargs):
    skips = SkipLog(stream=None)
    articles = list(read_articles(inputs, skips=skips, **kwargs))
    return articles, skips


def reasons(skips: SkipLog) -> list[str]:
    return [f"{s.input}:{s.line}: {s.reason}" for s in skips.skipped]


# --- input kinds -----------------------------------------------------------------------------------


def test_flattened_text_with_sidecar_metadata(samples_dir, seed_003):
    articles, skips = read([str(seed_003)])
    assert not skips.skipped
    (article,) = articles
    assert article.published == datetime(2015, 9, 20)
    assert article.date_source == "metadata"
    assert article.publisher == "Newsweek"
    assert article.language == "en"
    assert article.source == str(seed_003)


def test_user_date_overrides_metadata(seed_000):
    (article,), _ = read([str(seed_000)], date=date(2021, 9, 6))
    assert article.published == datetime(2021, 9, 6)
    assert article.date_source == "user"


def test_text_without_metadata_has_no_date(tmp_path, fixtures):
    path = tmp_path / "story.txt"
    shutil.copy(fixtures / "wire_story.txt", path)
    (article,), skips = read([str(path)])
    assert article.published is None and article.date_source is None
    assert not skips.skipped


def test_html_page_uses_trafilatura_and_htmldate(fixtures):
    (article,), _ = read([str(fixtures / "article.html")])
    assert article.title == "Parliament passes budget after all-night session"
    assert article.publisher == "Example News"
    assert article.published.date() == date(2023, 4, 12)
    assert article.date_source == "html"
    assert article.text.startswith("Lawmakers approved the national budget")
    assert "Privacy policy" not in article.text and "Home" not in article.text
    dropped = {block.text: block.reason for block in article.dropped}
    assert dropped["Privacy policy"] == "not main content (trafilatura)"
    assert "Parliament passes budget after all-night session" not in dropped  # it is the title


def test_jsonl_corpus_with_text_and_html_records(tmp_path, article_html):
    path = tmp_path / "corpus.jsonl"
    records = [
        {
            "id": "a1",
            "url": "https://example.org/a1",
            "title": "Exports rise",
            "text": BODY,
            "published": "2022-04-04",
            "publisher": "Example Wire",
        },
        {"id": "a2", "html": article_html, "published": "2023-04-13T09:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (first, second), skips = read([str(path)])
    assert not skips.skipped
    assert first.title == "Exports rise" and first.text == BODY and first.url == "https://example.org/a1"
    assert first.published == datetime(2022, 4, 4) and first.date_source == "metadata"
    assert first.publisher == "Example Wire" and first.source == f"{path}:1 id=a1"
    assert second.title == "Parliament passes budget after all-night session"
    assert second.published == datetime(2023, 4, 13, 9) and second.date_source == "metadata"


def test_json_array_corpus(tmp_path):
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps([{"title": "Exports rise", "text": BODY}]), encoding="utf-8")
    (article,), _ = read([str(path)])
    assert article.text == BODY
    path.write_text(json.dumps({"title": "Exports rise", "text": BODY}, indent=2), encoding="utf-8")
    (article,), _ = read([str(path)])
    assert article.title == "Exports rise"


def test_csv_corpus(tmp_path):
    path = tmp_path / "corpus.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "url", "title", "text", "published", "publisher"])
        writer.writerow(["c1", "https://example.org/c1", "Exports rise", BODY, "April 4, 2022", "Wire"])
    (article,), skips = read([str(path)])
    assert not skips.skipped
    assert article.published == datetime(2022, 4, 4) and article.publisher == "Wire"


def test_directory_recursive_and_glob(tmp_path, samples_dir):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    for path in samples_dir.iterdir():  # the texts and their sidecars
        shutil.copy(path, nested / path.name)
    articles, skips = read([str(tmp_path)])
    assert len(articles) == 2 and not skips.skipped  # sidecars are metadata, not inputs
    articles, skips = read([str(tmp_path / "**" / "*.txt")])
    assert len(articles) == 2 and not skips.skipped
    assert {a.published.year for a in articles} == {2015, 2021}


def test_gzipped_text_keeps_its_sidecar(tmp_path, seed_000):
    path = tmp_path / seed_000.with_suffix(".txt.gz").name
    path.write_bytes(gzip.compress(seed_000.read_bytes()))
    shutil.copy(seed_000.with_name(seed_000.stem + ".meta.json"), tmp_path)
    (article,), _ = read([str(path)])
    assert article.text.startswith("Foreign Minister Yair Lapid said")
    assert article.published == datetime(2021, 9, 5)


def test_warc_response_records(tmp_path, article_html):
    undated = article_html.replace(
        '<meta property="article:published_time" content="2023-04-12T08:30:00+00:00">', ""
    )
    path = write_warc(
        tmp_path / "news.warc.gz",
        [
            ("https://example.org/budget", "text/html; charset=utf-8", article_html.encode(), "2024-01-01"),
            ("https://example.org/undated", "text/html", undated.encode(), "2023-05-01T10:00:00Z"),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n", "2023-05-01T10:00:00Z"),
        ],
    )
    articles, skips = read([str(path)])
    assert [a.url for a in articles] == ["https://example.org/budget", "https://example.org/undated"]
    assert articles[0].published.date() == date(2023, 4, 12) and articles[0].date_source == "html"
    assert articles[1].published == datetime(2023, 5, 1, 10) and articles[1].date_source == "crawl"
    assert len(skips.skipped) == 1 and "not HTML (image/png)" in skips.skipped[0].reason


def test_plain_warc(tmp_path, article_html):
    records = [("https://example.org/b", "text/html", article_html.encode(), None)]
    path = write_warc(tmp_path / "news.warc", records, gzip=False)
    (article,), _ = read([str(path)])
    assert article.url == "https://example.org/b"


# --- bad input -------------------------------------------------------------------------------------


def test_bad_inputs_are_each_reported_and_the_batch_goes_on(tmp_path, seed_000, fixtures, article_html):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Headline\n\nThe caf\u00e9 reopened.\n".encode("latin-1"))
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(gzip.compress(seed_000.read_bytes())[:300])
    bad_gzip = tmp_path / "not.txt.gz"
    bad_gzip.write_bytes(b"plain text pretending to be gzip")
    inputs = [
        str(p)
        for p in (
            tmp_path / "missing.txt",
            empty,
            binary,
            latin,
            truncated,
            bad_gzip,
            fixtures / "no_article.html",
            fixtures / "french.txt",
            seed_000,
        )
    ]
    inputs.append(str(tmp_path / "nothing-*.txt"))
    articles, skips = read(inputs)
    assert [a.source for a in articles] == [str(fixtures / "french.txt"), str(seed_000)]
    assert articles[0].language == "fr"  # cleaned and kept (uncoded), not skipped
    got = reasons(skips)
    assert len(got) == 8
    expected = [
        "missing.txt:None: no such file or directory",
        "empty.txt:None: empty input",
        "image.txt:None: binary content",
        "latin1.txt:3: not valid UTF-8 (byte 0xe9",
        "cut.txt.gz:None: truncated gzip",
        "not.txt.gz:None: named .gz but is not gzip data",
        "no_article.html:None: no article text found in the HTML",
        "nothing-*.txt:None: no files match this pattern",
    ]
    for fragment in expected:
        assert any(fragment in line for line in got), (fragment, got)


def test_a_file_over_the_size_limit_is_skipped_without_reading_it(tmp_path, seed_000):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB, sparse where the file system allows
        fh.seek(50_000_000 - 1)
        fh.write(b"\n")
    articles, skips = read([str(big), str(seed_000)])
    assert len(articles) == 1
    assert "big.txt:None: file is 50.0 MB, over the 20.0 MB limit" in reasons(skips)[0]


def test_gzip_that_inflates_over_the_limit(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 2_000_000))
    _, skips = read([str(bomb)], max_bytes=1_000_000)
    assert "decompresses to over the 1.0 MB limit" in reasons(skips)[0]


def test_malformed_jsonl_lines_and_records_name_their_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": BODY}),
        '{"id": "broken", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "empty"}),
        json.dumps({"id": "baddate", "text": BODY, "published": "sometime soon"}),
        json.dumps({"id": "future", "text": BODY, "published": "2999-01-01"}),
        json.dumps({"id": "type", "text": 42}),
        json.dumps({"id": "ok2", "text": BODY + " Again."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, skips = read([str(path)])
    assert [a.source.split(" ")[-1] for a in articles] == ["id=ok", "id=ok2"]
    got = reasons(skips)
    assert [s.line for s in skips.skipped] == [2, 3, 4, 5, 6, 7]
    assert "malformed JSON line" in got[0]
    assert "not a JSON object" in got[1]
    assert "neither 'text' nor 'html'" in got[2]
    assert "unparseable date 'sometime soon'" in got[3]
    assert "in the future" in got[4]
    assert "must be a string" in got[5]


def test_malformed_csv_rows_name_their_line(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        f'id,title,text\nr1,Exports rise,"{BODY}"\nr2,too,many,fields,here\nr3\nr4,Fine,"{BODY} Still."\n',
        encoding="utf-8",
    )
    articles, skips = read([str(path)])
    assert len(articles) == 2
    got = reasons(skips)
    assert got[0].endswith(":3: malformed CSV row: 5 fields, the header has 3")
    assert got[1].endswith(":4: malformed CSV row: 1 fields, the header has 3")


def test_csv_without_a_text_column(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    _, skips = read([str(path)])
    assert "neither a 'text' nor an 'html' column" in reasons(skips)[0]


def test_a_bad_sidecar_is_reported(tmp_path, seed_000):
    path = tmp_path / "story.txt"
    shutil.copy(seed_000, path)
    (tmp_path / "story.meta.json").write_text('{"published": "not a date"}', encoding="utf-8")
    articles, skips = read([str(path)])
    assert not articles
    assert "sidecar story.meta.json: unparseable date" in reasons(skips)[0]


def test_truncated_warc_reports_and_keeps_complete_records(tmp_path, article_html):
    path = write_warc(
        tmp_path / "news.warc.gz", [("https://example.org/1", "text/html", article_html.encode(), None)] * 2
    )
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])
    articles, skips = read([str(cut)])
    assert len(articles) == 1
    assert any("truncated" in line and "cut.warc.gz" in line for line in reasons(skips))


@pytest.mark.parametrize("name", ["x.meta.json"])
def test_a_sidecar_named_on_its_own_is_not_an_article(tmp_path, name):
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    _, skips = read([str(path)])
    assert "metadata sidecar" in reasons(skips)[0]


def test_unknown_file_types_in_a_directory_are_reported(tmp_path, seed_000):
    shutil.copy(seed_000, tmp_path / "a.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    articles, skips = read([str(tmp_path)])
    assert len(articles) == 1
    assert "unsupported file type '.docx'" in reasons(skips)[0]


def test_skip_log_writes_jsonl(tmp_path):
    log = tmp_path / "errors.jsonl"
    skips = SkipLog(path=log, stream=None)
    list(read_articles([str(tmp_path / "gone.txt")], skips=skips))
    (entry,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert entry["input"].endswith("gone.txt") and entry["reason"] == "no such file or directory"


def test_paths_can_be_pathlike_strings(seed_000: Path):
    articles, _ = read([seed_000.as_posix()])
    assert articles[0].text.startswith("Foreign Minister Yair Lapid said")


def test_an_unexpected_parser_failure_is_reported_and_the_batch_goes_on(monkeypatch, fixtures, seed_000):
    def broken(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("eventwire.ingest.reader.article_from_html", broken)
    articles, skips = read([str(fixtures / "article.html"), str(seed_000)])
    assert len(articles) == 1
    assert "unexpected error: RuntimeError: parser exploded" in reasons(skips)[0]


def test_a_page_of_only_furniture_is_skipped_and_a_one_line_article_is_kept(tmp_path):
    furniture = tmp_path / "furniture.txt"
    furniture.write_text("Home\nNews\nSport\nSubscribe to our newsletter\nCookie policy\n", encoding="utf-8")
    one_line = tmp_path / "one.txt"
    sentence = "Officials from both countries met on Monday to discuss the border dispute."
    one_line.write_text(sentence + "\n", encoding="utf-8")
    articles, skips = read([str(furniture), str(one_line)])
    assert [a.text for a in articles] == [sentence]
    assert "no article text left after removing boilerplate" in reasons(skips)[0]


def test_an_article_without_a_date_is_kept_with_a_notice(tmp_path):
    page = tmp_path / "undated.txt"
    page.write_text("Exports rise\n\n" + BODY + "\n", encoding="utf-8")
    stream = io.StringIO()
    articles = list(read_articles([str(page)], skips=SkipLog(stream=stream)))
    assert len(articles) == 1 and articles[0].published is None
    assert f"note {page}: no publication date" in stream.getvalue()

    stream = io.StringIO()
    dated = list(read_articles([str(page)], date=date(2021, 9, 5), skips=SkipLog(stream=stream)))
    assert dated[0].published_date == date(2021, 9, 5) and stream.getvalue() == ""
