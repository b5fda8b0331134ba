"""The golden regression set: today's coder codes the saved parses exactly as accepted.

On a failure the message is the diff `make regress` prints; after an intended change run
`make regress-accept` and commit the rewritten tests/regress/expected.jsonl with the diff in the message.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from eventwire.coding import regress


def test_saved_parses_code_as_expected() -> None:
    out = io.StringIO()
    differing = regress.run(regress.REGRESS_DIR, out=out)
    assert differing == 0, "\n" + out.getvalue()


def test_every_case_has_a_parse_with_its_text() -> None:
    cases, docs = regress.load_cases(), regress.load_docs()
    assert len(cases) == len(docs) > 200
    assert all(case.article.text == doc.text for case, doc in zip(cases, docs, strict=True))
    assert {case.origin for case in cases} >= {"samples", "voa"}


def _event(**changes: object) -> dict:
    base = {
        "sentence_index": 0,
        "trigger": {"text": "attacked", "start": 7, "end": 15},
        "plover": {"type": "ASSAULT", "mode": None, "context": []},
        "cameo": {"code": "190", "root": "19"},
        "actor": [{"text": "Russia", "country": "RUS", "code": "RUS"}],
        "recipient": [{"text": "Ukraine", "country": "UKR", "code": "UKR"}],
        "modality": {"negated": False, "future": False},
    }
    base.update(changes)
    return base


def test_compare_names_each_changed_field_and_each_new_or_lost_event() -> None:
    before = {"a": [_event()], "b": [_event()]}
    after = {"a": [_event(modality={"negated": True, "future": False})], "c": [_event()]}
    diffs = {d.case: [line for _, line in d.lines] for d in regress.compare(before, after)}
    assert set(diffs) == {"a", "b", "c"}
    assert any("modality.negated: False -> True" in line for line in diffs["a"])
    assert diffs["b"][0].startswith("  - vanished 0:7:attacked")
    assert diffs["c"][0].startswith("  + appeared 0:7:attacked")
    assert regress.compare(before, before) == []


def test_accept_rewrites_the_expectations(tmp_path: Path) -> None:
    for name in (regress.CASES, regress.PARSES):
        (tmp_path / name).write_bytes((regress.REGRESS_DIR / name).read_bytes())
    (tmp_path / regress.EXPECTED).write_text("", encoding="utf-8")  # as if every event were new
    assert regress.run(tmp_path, out=io.StringIO()) > 0
    assert regress.run(tmp_path, accept=True, out=io.StringIO()) == 0
    assert regress.run(tmp_path, out=io.StringIO()) == 0
    accepted = [json.loads(line) for line in (tmp_path / regress.EXPECTED).read_text().splitlines()]
    assert len(accepted) > 500 and all("case" in e for e in accepted)
