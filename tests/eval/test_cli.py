import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.eval import runner
from eventwire.eval.coders import from_callable
from tests.eval.factories import keyword_coder

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fake_coder(monkeypatch):
    """Replace the model-backed coder with the keyword coder; records the dictionaries asked for."""
    calls = []

    def load(actors=(), agents=(), verbs=()):
        calls.append((list(actors), list(agents), list(verbs)))
        return from_callable(keyword_coder)

    monkeypatch.setattr(runner, "load_coder", load)
    return calls


def invoke(*args):
    return CliRunner().invoke(app, ["eval", *map(str, args)])


def test_plover_prints_tables_and_writes_json(fake_coder, tmp_path):
    out = tmp_path / "plover.json"
    result = invoke("plover", FIXTURES / "plover_gold.json", "--json", out)
    assert result.exit_code == 0, result.output
    assert "type_accuracy_any" in result.output
    summary = json.loads(out.read_text())["result"]["summary"]
    # AGREE and FIGHT→ASSAULT are coded fully; DEMAND→REQUEST is coded as CONSULT
    assert summary["sentences"] == 3
    assert summary["type_accuracy_any"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["full_match"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["source_f1"] == 1.0
    misses = json.loads(out.read_text())["result"]["misses"]
    assert [m["id"] for m in misses] == ["EW-DEMAND-0001"]
    assert misses[0]["produced"][0]["type"] == "CONSULT"


def test_malformed_gold_gives_one_line_error_naming_the_record(fake_coder):
    result = invoke("plover", FIXTURES / "bad_plover.json")
    assert result.exit_code == 2
    assert "record 1 (EW-BAD-0002): unknown event type 'CELEBRATE'" in result.output
    assert fake_coder == []  # the model is not loaded for a bad file


def test_missing_file_is_a_clear_error(fake_coder, tmp_path):
    result = invoke("quad", tmp_path / "nope.tsv")
    assert result.exit_code == 2
    assert "nope.tsv: gold file not found" in result.output


def test_quad(fake_coder, tmp_path):
    out = tmp_path / "quad.json"
    result = invoke("quad", FIXTURES / "quad.tsv", "--json", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())["result"]
    assert data["summary"]["accuracy"] == 0.75  # the verbal-conflict sentence is coded as an attack
    assert data["misses"][0]["line"] == 4


def test_petrarch_passes_dictionaries_to_the_coder(fake_coder, tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("")
    result = invoke("petrarch", FIXTURES / "validation.xml", "--verbs", verbs, "--json", tmp_path / "p.json")
    assert result.exit_code == 0, result.output
    assert fake_coder == [([], [], [verbs])]
    assert "NOEVENT" in result.output and "pass rate" in result.output
    data = json.loads((tmp_path / "p.json").read_text())["result"]
    assert data["categories"]["NOEVENT"] == {"passed": 2, "total": 2, "pass_rate": 1.0}


def test_petrarch_missing_dictionary_is_named(fake_coder, tmp_path):
    result = invoke("petrarch", FIXTURES / "validation.xml", "--actors", tmp_path / "none.txt")
    assert result.exit_code == 2
    assert "none.txt: dictionary not found" in result.output


def test_extraction_wires_the_scorer(tmp_path):
    html = tmp_path / "html"
    html.mkdir()
    body = "The council approved the new budget after a long debate on Tuesday evening in the capital."
    page = f"<html><body><nav>Home News</nav><article><p>{body}</p></article></body></html>"
    with gzip.open(html / "p1.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(page)
    truth = tmp_path / "ground-truth.json"
    truth.write_text(json.dumps({"p1": {"articleBody": body, "url": "https://example.org/p1"}}))
    result = invoke("extraction", truth, html, "--flatten", "--json", tmp_path / "x.json")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "x.json").read_text())
    assert data["name"] == "extraction-flattened"
    assert 0.0 <= data["result"]["f1"] <= 1.0
    assert "Article extraction (flattened text)" in result.output


def test_all_writes_the_report(fake_coder, tmp_path):
    shared = tmp_path / "shared"
    (shared / "data/plover").mkdir(parents=True)
    (shared / "data/quadclass").mkdir(parents=True)
    shutil.copy(FIXTURES / "plover_gold.json", shared / "data/plover/PLOVER_GSR_dev.json")
    shutil.copy(FIXTURES / "quad.tsv", shared / "data/quadclass/small.tsv")
    report = tmp_path / "reports" / "accuracy.md"
    result = invoke("all", "--shared", shared, "--report", report, "--json", tmp_path / "all.json")
    assert result.exit_code == 0, result.output
    text = report.read_text()
    assert f"command: `eventwire eval all --shared {shared} --report {report}`" in text
    assert "- commit: " in text and "- date: 20" in text
    assert "| plover-check |" in text and "| plover-tune |" in text
    assert "| quad-check |" in text and "| quad-tune |" in text
    assert "DEMAND→REQUEST" in text
    assert len(fake_coder) == 1  # one coder for every set
    sections = json.loads((tmp_path / "all.json").read_text())
    assert [s["name"] for s in sections] == ["plover-check", "plover-tune", "quad-check", "quad-tune"]
    # every gold sentence is scored in exactly one part
    plover_items = len(json.loads((FIXTURES / "plover_gold.json").read_text()))
    quad_items = len([line for line in (FIXTURES / "quad.tsv").read_text().splitlines() if line.strip()])
    by_name = {s["name"]: s["items"] for s in sections}
    assert by_name["plover-check"] + by_name["plover-tune"] <= plover_items
    assert by_name["quad-check"] + by_name["quad-tune"] == quad_items


def test_all_without_dev_sets_loads_no_model(fake_coder, tmp_path):
    result = invoke("all", "--shared", tmp_path, "--report", tmp_path / "r.md")
    assert result.exit_code == 0, result.output
    assert fake_coder == []
    assert "(no dev sets found)" in (tmp_path / "r.md").read_text()
