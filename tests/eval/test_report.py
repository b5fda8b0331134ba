from datetime import UTC, datetime

from eventwire.eval.report import git_commit, headline, render_report, target_rows
from eventwire.eval.runner import Section, find_dev_sets
from eventwire.eval.tables import Table, to_markdown


def section(name, result, **kw):
    return Section(name, f"/data/{name}", 1.25, 10, result, **kw)


def test_headline_picks_the_key_figures():
    quad = section("quad", {"summary": {"sentences": 10, "accuracy": 0.5, "macro_f1": 0.25}})
    assert headline(quad) == "accuracy 0.500, macro_f1 0.250"
    extraction = section(
        "extraction-html", {"f1": 0.9, "items": 3, "baseline": {"name": "trafilatura", "f1": 0.8}}
    )
    assert headline(extraction) == "f1 0.900, baseline (trafilatura) f1 0.800"


def test_render_report_has_date_commit_command_and_tables():
    s = section(
        "quad",
        {"summary": {"accuracy": 0.5}},
        tables=[Table("T", ["a", "b"], [["x|y", "1"]])],
        notes=["a note"],
    )
    text = render_report([s], "eventwire eval all", "abc123", datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    assert "- date: 2026-01-02 03:04 UTC" in text
    assert "- commit: abc123" in text
    assert "- command: `eventwire eval all`" in text
    assert "| quad | `/data/quad` | 10 | 1.2 | accuracy 0.500 |" in text
    assert "- a note" in text and "| x\\|y | 1 |" in text


def test_markdown_table():
    assert (
        to_markdown(Table("Title", ["h1", "h2"], [["a", "b"]]))
        == "### Title\n\n| h1 | h2 |\n|---|---|\n| a | b |\n"
    )


def test_git_commit_outside_a_checkout(tmp_path):
    assert git_commit(tmp_path).startswith("unknown")


def test_find_dev_sets_in_an_empty_folder(tmp_path):
    assert find_dev_sets(tmp_path) == {
        "plover": [], "quad": [], "petrarch": [], "voa": [], "eventloc": [], "extraction": []
    }  # fmt: skip


def test_target_rows_compare_figures_with_the_targets():
    quad = section("quad-check", {"summary": {"accuracy": 0.9, "macro_f1": 0.7}})
    just_under = section("plover-check", {"summary": {"target_f1": 0.79996}})
    assert target_rows([just_under]) == [["plover-check", "target_f1", "0.7999", "≥ 0.80", "no"]]
    assert target_rows([section("plover-tune", {"summary": {"target_f1": 0.5}})]) == []  # tune: no targets
    alarms = section("voa-check", {"summary": {"type_f1": 0.8, "false_alarm_rate": 0.12}})
    assert target_rows([alarms]) == [
        ["voa-check", "type_f1", "0.8000", "≥ 0.75", "yes"],
        ["voa-check", "false_alarm_rate", "0.1200", "≤ 0.10", "no"],
    ]
    html = section("extraction-html", {"f1": 0.945, "baseline": {"f1": 0.95}})
    flat = section("extraction-flattened", {"f1": 0.94})
    assert target_rows([quad, html, flat]) == [
        ["quad-check", "macro_f1", "0.7000", "≥ 0.80", "no"],
        ["extraction-html", "f1", "0.9450", "≥ baseline − 0.01 = 0.9400", "yes"],
        ["extraction-flattened", "f1", "0.9400", "≥ 0.93", "yes"],
    ]
