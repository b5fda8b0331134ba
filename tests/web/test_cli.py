"""``eventwire watch`` and ``eventwire digest`` on a real store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store
from tests.web.factories import corpus

runner = CliRunner()


def test_watch_add_list_and_digest(db: str, tmp_path: Path) -> None:
    with open_store(db) as st:
        st.add_batch(corpus())
    args = ["watch", "add", "isr-rus", "--actor", "ISR", "--recipient", "RUS", "--db", db]
    added = runner.invoke(app, args)
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["watch", "list", "--db", db])
    assert "isr-rus\tactor=ISR, recipient=RUS" in listed.output
    md = runner.invoke(app, ["digest", "--watch", "isr-rus", "--week", "2021-W36", "--db", db])
    assert md.exit_code == 0, md.output
    assert "# Weekly digest: isr-rus, 2021-W36" in md.output
    assert "http://127.0.0.1:8000/articles/" in md.output and "CONSULT" in md.output and "AGREE" in md.output
    out = tmp_path / "digest.html"
    args = ["digest", "--watch", "isr-rus", "--week", "2021-W36", "--format", "html",
            "--output", str(out), "--db", db, "--base-url", "https://events.example"]  # fmt: skip
    html = runner.invoke(app, args)
    assert html.exit_code == 0, html.output
    assert 'href="https://events.example/articles/' in out.read_text()


def test_watch_and_digest_errors_are_one_line(db: str) -> None:
    bad_type = runner.invoke(app, ["watch", "add", "x", "--type", "FLY", "--db", db])
    assert bad_type.exit_code == 2 and "unknown PLOVER event type" in bad_type.output
    empty = runner.invoke(app, ["watch", "add", "x", "--db", db])
    assert empty.exit_code == 2 and "at least one filter" in empty.output
    runner.invoke(app, ["watch", "add", "x", "--actor", "ISR", "--db", db])
    missing = runner.invoke(app, ["digest", "--watch", "nope", "--week", "2021-W36", "--db", db])
    assert missing.exit_code == 2 and "no watch named 'nope'" in missing.output
    bad_week = runner.invoke(app, ["digest", "--watch", "x", "--week", "2021-W60", "--db", db])
    assert bad_week.exit_code == 2 and "no such week" in bad_week.output
    removed = runner.invoke(app, ["watch", "remove", "x", "--db", db])
    assert removed.exit_code == 0
    assert runner.invoke(app, ["watch", "remove", "x", "--db", db]).exit_code == 2
