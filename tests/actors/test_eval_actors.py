"""``eventwire eval actors``: the look-up case suite and its threshold."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.eval.actors import DEFAULT_CASES, actor_tables, read_cases, run

HEADER = "query\tdate\tcountry\tsector\tkind\tregion\n"


def test_all_cases_meet_the_threshold(resolver):
    """Every case file under tests/actors/cases (mechanisms plus the curated regions' own) at >= 0.97."""
    result = run([DEFAULT_CASES], resolver)
    assert result.problems == []
    assert len(result.outcomes) >= 80
    misses = [
        f"{o.case.where}: {o.case.query} -> {o.country} {o.sector} ({o.why})"
        for o in result.outcomes
        if not o.ok
    ]
    assert result.rate >= 0.97, "\n".join(misses[:40])


def test_rows_are_checked_and_bad_ones_left_out(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(
        HEADER
        + "Joe Biden\t2022-01-01\tUSA\tGOV\thead_of_state\tamericas\n"
        + "Joe Biden\t01/01/2022\tUSA\tGOV\thead_of_state\tamericas\n"
        + "Joe Biden\t2022-01-01\tUSA\tGOV\tpresident\tamericas\n"
        + "Joe Biden\t2022-01-01\tUnited States\tGOV\thead_of_state\tamericas\n"
        + "Nobody Known\t2022-01-01\t-\tGOV\tother\tamericas\n"
        + "Joe Biden\t2022-01-01\tUSA\n"
        + "NATO\t2022-01-01\tIGO:NAT\tGOV\tother\tigo\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    cases = read_cases(path, problems)
    assert [c.query for c in cases] == ["Joe Biden", "NATO"]
    assert cases[1].country == "IGO" and cases[1].org == "NAT"
    assert len(problems) == 5
    assert problems[0].startswith(f"{path}:3: bad date")
    assert "unknown kind 'president'" in problems[1]
    assert (
        "bad country" in problems[2] and "goes in both" in problems[3] and "3 columns, want 6" in problems[4]
    )


def test_bad_header_is_an_input_error(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("name\tdate\n", encoding="utf-8")
    with pytest.raises(InputError, match="header must be"):
        read_cases(path, [])


def test_outcomes_check_country_sector_and_organisation(resolver, tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(
        HEADER
        + "Jens Stoltenberg\t2020-01-01\tIGO:NAT\tGOV\tigo_official\tigo\n"
        + "Jens Stoltenberg\t2020-01-01\tIGO:EUR\tGOV\tigo_official\tigo\n"
        + "Jens Stoltenberg\t2020-01-01\tNOR\tGOV\tigo_official\tigo\n"
        + "Qxzzyq Unknownname\t2020-01-01\t-\t-\tother\teurope\n"
        + "Joe Biden\t2022-01-01\t-\t-\tother\tamericas\n",
        encoding="utf-8",
    )
    result = run([path], resolver)
    assert [o.ok for o in result.outcomes] == [True, False, False, True, False]
    assert result.rates("region") == {"americas": (0, 1), "europe": (1, 1), "igo": (1, 3)}
    titles = [t.title for t in actor_tables(result)]
    assert titles[:3] == ["Actor look-up cases", "Pass rate per region", "Pass rate per kind"]
    assert titles[3].startswith("Misses")


def test_cli(tmp_path, kb_cache, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(kb_cache))
    path = tmp_path / "c.tsv"
    path.write_text(
        HEADER + "NATO\t2022-01-01\tIGO:NAT\tGOV\tother\tigo\nX\tbad\t-\t-\tother\tigo\n", encoding="utf-8"
    )
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["eval", "actors", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "pass rate" in result.output and "1.000" in result.output
    assert f"skipped: {path}:3: bad date" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["cases"], data["passed"], data["by_region"]["igo"]["total"]) == (1, 1, 1)
    missing = CliRunner().invoke(app, ["eval", "actors", str(tmp_path / "none.tsv")])
    assert missing.exit_code == 2 and "no such case file" in missing.output
