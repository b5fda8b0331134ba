"""eventwire clean: output formats, stdin, --date, --show-dropped, --errors and the exit code."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def test_clean_prints_title_metadata_and_text(seed_000):
    result = runner.invoke(app, ["clean", str(seed_000)])
    assert result.exit_code == 0, result.output
    assert "=== FM Lapid to make first visit to Moscow" in result.stdout
    assert "published: 2021-09-05 (metadata)" in result.stdout
    assert "Foreign Minister Yair Lapid said" in result.stdout
    assert "Cookie policy" not in result.stdout
    assert "1 articles, 0 skipped" in result.stderr


def test_show_dropped_lists_each_block_with_its_reason(seed_003):
    result = runner.invoke(app, ["clean", str(seed_003), "--show-dropped"])
    assert result.exit_code == 0
    assert "[furniture-vocabulary] About the writer" in result.stdout
    assert "[repeated-on-page] Newsweek is committed" in result.stdout


def test_json_lines_with_user_date(samples_dir):
    result = runner.invoke(app, ["clean", str(samples_dir), "--format", "json", "--date", "2020-01-02"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert {r["published"] for r in records} == {"2020-01-02T00:00:00"}
    assert {r["date_source"] for r in records} == {"user"}
    assert all("dropped" not in r and r["paragraphs"] for r in records)


def test_stdin_text_and_html(seed_000, fixtures):
    result = runner.invoke(app, ["clean", "-"], input=seed_000.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert "source: <stdin>" in result.stdout and "Foreign Minister Yair Lapid said" in result.stdout
    result = runner.invoke(
        app, ["clean", "-", "--format", "json"], input=(fixtures / "article.html").read_text(encoding="utf-8")
    )
    assert json.loads(result.stdout)["title"] == "Parliament passes budget after all-night session"


def test_failures_give_a_non_zero_exit_a_count_and_an_errors_log(tmp_path, seed_000):
    log = tmp_path / "errors.jsonl"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["clean", str(seed_000), str(tmp_path / "missing.txt"), str(empty), "--errors", str(log)]
    )
    assert result.exit_code == 1
    assert "1 articles, 2 skipped" in result.stderr
    assert "missing.txt: no such file or directory" in result.stderr
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [e["reason"] for e in entries] == ["no such file or directory", "empty input"]


def test_bad_date_option_is_a_usage_error(seed_000):
    result = runner.invoke(app, ["clean", str(seed_000), "--date", "05/09/2021"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
