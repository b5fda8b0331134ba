"""The curated-file validator: the bundled files pass it, and each rule catches what it is for."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors.validate import code_problem, main, offices, validate


def test_bundled_curated_files_pass():
    problems, count = validate()
    assert count > 300
    assert [str(p) for p in problems] == []


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("BFAGOV", True),
        ("IGOUNO", True),
        ("IGONATMIL", True),
        ("IGOICCJUD", True),
        ("IMGREB", True),
        ("GEOGOVPRE", True),
        ("UNOGOV", False),  # legacy: the organisation where a country belongs
        ("EURGOV", False),
        ("IGOGOV", False),  # IGO without an organisation
        ("IGOXYZ", False),
        ("QQQGOV", False),
        ("BFAXXX", False),
        ("BFAGO", False),
    ],
)
def test_codes(code, ok):
    assert (code_problem(code) is None) == ok


def test_offices_from_titles():
    assert offices("Foreign Minister, Prime Minister from 2014") == ["foreign minister"]
    assert offices("Foreign Minister and Alternate Prime Minister") == ["foreign minister"]
    assert offices("President of the European Commission") == ["president of the european commission"]
    assert offices("Defense Minister (acting)") == ["defence minister"]
    assert offices("army officer") == []
    assert offices(None) == []


def test_overlapping_terms_of_one_office_are_reported(tmp_path):
    path = _write(
        tmp_path,
        "x.yaml",
        """actors:
  - name: Anna Example
    roles: [{code: BFAGOV, start: 2020-01-01, end: 2022-01-01, title: "President"}]
    source: "ref a"
  - name: Boris Sample
    roles: [{code: BFAGOV, start: 2021-06-01, title: "President"}]
    source: "ref b"
  - name: Clara Handover
    roles: [{code: MLIGOV, start: 2020-01-01, end: 2021-01-01, title: "Foreign Minister"}]
    source: "ref c"
  - name: Dora Successor
    roles: [{code: MLIGOV, start: 2021-01-01, title: "Foreign Minister"}]
    source: "ref d"
  - name: Emil Colleague
    roles: [{code: MLIGOV, start: 2020-06-01, title: "minister (Health)"}]
    source: "ref e"
""",
    )
    problems, _ = validate([path])
    assert len(problems) == 1  # the handover day and the collegial title are fine
    assert "Boris Sample" in problems[0].message and "president (BFAGOV)" in problems[0].message
    assert problems[0].line == 6


def test_missing_source_undated_roles_and_bad_codes(tmp_path):
    path = _write(
        tmp_path,
        "y.yaml",
        """actors:
  - name: No Source
    roles: [{code: BFAGOV, start: 2020-01-01}]
  - name: Undated Person
    roles: [{code: BFAGOV, end: 2020-01-01}]
    source: "ref"
  - name: Legacy Official
    roles: [{code: UNOGOV, start: 2020-01-01}]
    source: "ref"
  - name: Org Without Code
    kind: org
    source: "ref"
""",
    )
    messages = [str(p) for p in validate([path])[0]]
    assert len(messages) == 4, messages
    assert any("no source" in m for m in messages)
    assert any("Undated Person" in m and "no start date" in m for m in messages)
    assert any("legacy code 'UNOGOV'" in m and "IGOUNO" in m for m in messages)
    assert any("neither a code nor roles" in m for m in messages)


def test_duplicates_across_files(tmp_path):
    one = _write(
        tmp_path,
        "a.yaml",
        """actors:
  - name: Same Person
    roles: [{code: KENGOV, start: 2020-01-01}]
    source: "ref"
  - name: Ali Hassan One
    aliases: [Ali Hassan]
    roles: [{code: SOMGOV, start: 2020-01-01}]
    source: "ref"
""",
    )
    _write(
        tmp_path,
        "b.yaml",
        """actors:
  - name: Same Person
    roles: [{code: KENGOV, start: 2020-01-01}]
    source: "ref"
  - name: Ali Hassan Two
    aliases: [Ali Hassan]
    roles: [{code: SDNGOV, start: 2021-01-01}]
    source: "ref"
""",
    )
    messages = [str(p) for p in validate([tmp_path])[0]]
    assert len(messages) == 2, messages
    assert any("Same Person: already an entry at" in m and str(one) in m for m in messages)
    assert any("'Ali Hassan' is also Ali Hassan One" in m for m in messages)


def test_main_exit_codes(tmp_path, capsys):
    good = _write(
        tmp_path,
        "g.yaml",
        'actors:\n  - {name: Good One, roles: [{code: KENGOV, start: 2020-01-01}], source: "ref"}\n',
    )
    assert main([str(good)]) == 0
    bad = _write(tmp_path, "bad.yaml", "actors: [\n")
    assert main([str(bad)]) == 1
    assert "invalid YAML" in capsys.readouterr().out
