"""``eventwire code``: article files and sentence files, every output format."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.coding.output import CSV_COLUMNS

runner = CliRunner()


def write_sentences(path):
    lines = [
        {"id": "s1", "text": "Russia attacked Ukraine on Monday.", "date": "2022-03-02"},
        {"id": "s2", "text": "The weather was fine.", "date": "2022-03-02"},
        "not json",
        {"id": "s3", "text": "Japan will provide humanitarian aid to Ukraine."},
    ]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")


def test_sentences_jsonl_echo_ids_and_skip_bad_lines(tmp_path):
    sentences = tmp_path / "s.jsonl"
    write_sentences(sentences)
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["code", "--sentences", str(sentences), "--errors", str(errors)])
    assert result.exit_code == 1  # one bad line was skipped
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    by_id = {r["sentence_id"]: r for r in records}
    assert by_id["s1"]["plover"]["type"] == "ASSAULT"
    assert by_id["s1"]["date"]["value"] == "2022-02-28"
    assert by_id["s3"]["plover"]["type"] == "AGREE"
    assert "s2" not in by_id
    assert "s.jsonl:3" in result.stderr and "3 sentences coded, 1 skipped" in result.stderr
    assert json.loads(errors.read_text())["line"] == 3


def test_sentences_csv(tmp_path):
    sentences = tmp_path / "s.jsonl"
    sentences.write_text(json.dumps({"id": "x", "text": "Turkey accused Greece of provocations."}) + "\n")
    result = runner.invoke(app, ["code", "--sentences", str(sentences), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == CSV_COLUMNS
    row = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert (row["sentence_id"], row["plover_type"], row["actor_countries"]) == ("x", "ACCUSE", "TUR")


def test_article_files_as_table(seed_000):
    result = runner.invoke(app, ["code", str(seed_000), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "CONSULT (visit)" in result.stdout and "ASSAULT (aerial)" in result.stdout
    assert "2021-09-08" in result.stdout and "1 inputs coded, 0 skipped" in result.stderr


def test_needs_input():
    result = runner.invoke(app, ["code"])
    assert result.exit_code != 0


def test_an_implausible_date_option_is_a_usage_error(seed_000):
    result = runner.invoke(app, ["code", str(seed_000), "--date", "9999-12-31"])
    assert result.exit_code == 2
    assert "--date 9999-12-31 is implausible" in result.output


def test_a_cues_file_changes_what_is_coded_and_a_bad_one_is_one_error(tmp_path):
    sentences = tmp_path / "s.jsonl"
    text = "Peru stressed that Chile would attack Bolivia."
    sentences.write_text(json.dumps({"id": "s1", "text": text, "date": "2022-03-02"}) + "\n")
    narrower = tmp_path / "cues.yaml"
    narrower.write_text("reporting_verbs:\n  stress: [saying]\n")
    plain = runner.invoke(app, ["code", "--sentences", str(sentences)])
    narrowed = runner.invoke(app, ["code", "--sentences", str(sentences), "--cues", str(narrower)])
    first = next(json.loads(line) for line in plain.stdout.splitlines() if line.startswith("{"))
    second = next(json.loads(line) for line in narrowed.stdout.splitlines() if line.startswith("{"))
    assert first["modality"]["attributed_to"] == "Peru" and second["modality"]["attributed_to"] is None
    bad = tmp_path / "bad.yaml"
    bad.write_text("words:\n  no_such_list: x\n")
    result = runner.invoke(app, ["code", "--sentences", str(sentences), "--cues", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}: unknown words list 'no_such_list'" in result.stderr


def test_code_reads_ambiguous_dates_only_with_a_date_order(tmp_path):
    corpus = tmp_path / "c.jsonl"
    record = {"id": "a1", "text": "Russian forces shelled the city of Kharkiv on Monday, officials said.",
              "published": "5/9/22"}  # fmt: skip
    corpus.write_text(json.dumps(record) + "\n")
    refused = runner.invoke(app, ["code", str(corpus), "--format", "jsonl"])
    assert refused.exit_code == 1 and "ambiguous date '5/9/22'" in refused.output
    read = runner.invoke(app, ["code", str(corpus), "--format", "jsonl", "--date-order", "DMY"])
    assert read.exit_code == 0, read.output
    events = [json.loads(line) for line in read.stdout.splitlines() if line.startswith("{")]
    assert events and all(e["date"] is None or e["date"]["value"].startswith("2022-09") for e in events)
