"""``eventwire actors lookup`` and ``eventwire actors --top``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app


@pytest.fixture()
def run(kb_cache, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(kb_cache))
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["actors", *args])


def test_lookup_text_explains_the_choice(run):
    result = run("lookup", "Lapid", "--date", "2021-09-05")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "'Lapid' as of 2021-09-05 → Yair Lapid: ISR GOV"
    assert "surname only: the one person in office on 2021-09-05" in lines[1]
    first = next(line for line in lines if line.lstrip().startswith("1.*"))
    assert "Yair Lapid" in first and "ISR GOV" in first and "2021-06-13" in first
    assert "Tommy Lapid" in result.output  # the competitor is listed too


def test_lookup_says_when_a_surname_stays_ambiguous(run, tmp_path):
    mine = tmp_path / "namesakes.yaml"
    mine.write_text(
        "- {name: Arno Quillfeather, roles: [{code: NORGOV, start: 2020-01-01}]}\n"
        "- {name: Berit Quillfeather, roles: [{code: DNKGOV, start: 2021-01-01}]}\n",
        encoding="utf-8",
    )
    result = run("lookup", "Quillfeather", "--date", "2023-01-01", "--user", str(mine))
    assert result.exit_code == 0, result.output
    assert "not resolved" in result.output.splitlines()[0]
    assert "ambiguous: 2 people in office on 2023-01-01" in result.output
    assert "*" not in result.output
    result = run("lookup", "Quillfeather", "--date", "2020-06-01", "--user", str(mine))
    assert result.output.splitlines()[0].endswith("→ Arno Quillfeather: NOR GOV")


def test_lookup_json_lists_candidates_best_first(run):
    result = run("lookup", "Netanyahu", "--date", "2015-09-20", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found[0]["name"] == "Benjamin Netanyahu"
    assert {"name", "country", "sector", "code", "start", "end", "reason"} <= set(found[0])
    assert (found[0]["country"], found[0]["sector"], found[0]["reason"]) == ("ISR", "GOV", "dictionary")


def test_lookup_bad_input(run, tmp_path):
    assert run("lookup", "Lapid", "--date", "05/09/2021").exit_code != 0
    assert run("lookup", "Qxzzyq Unknownname").exit_code == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: X\n    sector: BOSS\n", encoding="utf-8")
    result = run("lookup", "X", "--user", str(bad))
    assert result.exit_code == 2 and "bad.yaml:2" in result.output


def test_actors_without_options_shows_help(run):
    result = run()
    assert result.exit_code == 0 and "lookup" in result.output


def test_top_reads_the_store(run, monkeypatch):
    import eventwire.store as store

    class FakeStore:
        def top_actors(self, n):
            return [{"code": "ISRGOV", "country": "ISR", "sector": "GOV", "events": 7}][:n]

    monkeypatch.setattr(store, "open_store", lambda db, **kw: FakeStore())
    result = run("--top", "5", "--db", "x.duckdb")
    assert result.exit_code == 0, result.output
    assert "ISRGOV" in result.output and "7" in result.output
