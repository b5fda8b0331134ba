"""``eventwire eval places``: the tune/check split, the outcome of each sentence, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.eval.places import EMPTY, PLACED, RIGHT, WRONG, Tally, outcome
from eventwire.eval.places_data import CHECK, TUNE, LocRecord, read_records, split_of
from eventwire.models import Location

SHARED_FILE = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "eventloc" / "event_location_train.jsonl"
)


def _record(text: str, verb: str, places: list[str]) -> dict:
    spans = [{"label": "VERB", "start": text.index(verb), "end": text.index(verb) + len(verb), "text": verb}]
    spans += [
        {"label": "LOCATION", "start": text.index(p), "end": text.index(p) + len(p), "text": p}
        for p in places
    ]
    return {"text": text, "verb": None, "answer": "accept", "spans": spans}


def test_split_is_stable_and_about_a_fifth():
    texts = [f"Sentence number {n} about a clash somewhere." for n in range(2000)]
    parts = [split_of(t) for t in texts]
    assert parts == [split_of(t) for t in texts]
    assert set(parts) == {TUNE, CHECK}
    assert 0.15 < parts.count(CHECK) / len(parts) < 0.25


def test_outcomes():
    named = LocRecord(1, "Troops shelled Kharkiv on Monday.", (7, 14), ((15, 22),))
    unnamed = LocRecord(2, "Troops shelled the town on Monday.", (7, 14), ())
    assert outcome(Location("Kharkiv", start=15, end=22), named) == RIGHT
    assert outcome(Location("Monday", start=26, end=32), named) == WRONG
    assert outcome(Location("Kharkiv"), named) == WRONG  # no span: cannot be checked against the marks
    assert outcome(None, named) == EMPTY
    assert outcome(None, unnamed) == EMPTY
    assert outcome(Location("Kharkiv", start=15, end=22), unnamed) == PLACED


def test_tally_figures():
    tally = Tally()
    named = LocRecord(1, "Troops shelled Kharkiv on Monday.", (7, 14), ((15, 22),))
    unnamed = LocRecord(2, "Troops shelled the town on Monday.", (7, 14), ())
    tally.add(named, Location("Kharkiv", start=15, end=22))
    tally.add(named, None)
    tally.add(unnamed, None)
    tally.add(unnamed, Location("Kharkiv", start=15, end=22))
    figures = tally.figures()
    assert figures["right"] == 0.5 and figures["missed"] == 0.5 and figures["wrong"] == 0.0
    assert figures["empty"] == 0.5 and len(tally.misses) == 2


def test_malformed_line_is_named(tmp_path):
    path = tmp_path / "loc.jsonl"
    path.write_text(json.dumps(_record("Rebels attacked Homs.", "attacked", ["Homs"])) + "\n{oops\n")
    with pytest.raises(InputError, match=r"loc.jsonl:2"):
        list(read_records(path))


def test_eval_places_command(tmp_path):
    rows = [
        _record("Rebels attacked a checkpoint in Homs on Sunday.", "attacked", ["Homs"]),
        _record("Police arrested two men suspected of theft.", "arrested", []),
        _record("Protesters marched through Nairobi on Friday.", "marched", ["Nairobi"]),
        _record("The army shelled villages near Kharkiv overnight.", "shelled", ["Kharkiv"]),
    ]
    path = tmp_path / "loc.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    parts = {split_of(r["text"]) for r in rows}
    out = tmp_path / "places.json"
    args = ["eval", "places", str(path), "--no-coder", "--json", str(out)]
    for part in sorted(parts):
        args += ["--part", part]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.stderr
    result = json.loads(out.read_text())
    total = sum(result["parts"][p]["sentences"] for p in parts)
    assert total == 4
    right = sum(
        result["parts"][p]["on_marked_verb"]["right"] * result["parts"][p]["on_marked_verb"]["named"]
        for p in parts
    )
    assert round(right) >= 2  # sentences written to be plain: most places attach


def test_eval_places_rejects_a_bad_part(tmp_path):
    path = tmp_path / "loc.jsonl"
    path.write_text(json.dumps(_record("Rebels attacked Homs.", "attacked", ["Homs"])) + "\n")
    res = CliRunner().invoke(app, ["eval", "places", str(path), "--part", "dev", "--no-coder"])
    assert res.exit_code == 2 and "dev" in res.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(app, ["eval", "places", str(tmp_path / "none.jsonl"), "--no-coder"])
    assert res.exit_code == 2 and "none.jsonl" in res.stderr


@pytest.mark.skipif(not SHARED_FILE.is_file(), reason="needs ../shared/data/eventloc")
def test_shared_file_splits_into_both_parts():
    records = list(read_records(SHARED_FILE))
    check = sum(split_of(r.text) == CHECK for r in records)
    assert len(records) > 9000 and 0.15 < check / len(records) < 0.25
