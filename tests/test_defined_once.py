"""Knowledge defined once: the modality flag names and the cue word lists each have one home."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from eventwire.models import MODALITY_FLAGS, Modality

PACKAGE = Path(__file__).resolve().parents[1] / "eventwire"


def test_the_modality_flags_are_the_boolean_fields_of_modality() -> None:
    assert MODALITY_FLAGS == ("negated", "future", "hypothetical", "alleged", "historical")
    assert Modality(future=True, alleged=True).flags() == ["future", "alleged"]


def test_no_other_file_spells_out_the_flag_list() -> None:
    """No source, template or script lists the flag names itself (the store's first migration aside:
    migrations are history, a new flag gets a new one)."""
    listing = re.compile(r"""["']negated["'],\s*["']future["'],\s*["']hypothetical["']""")
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*")
        if path.suffix in (".py", ".js", ".html") and listing.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_coding_module_keeps_a_word_list_of_the_cue_lexicon() -> None:
    """No module-level constant of eventwire/coding or actors/matcher.py holds a set of words equal to
    a list of data/cues.yaml (or a reporting-verb role)."""
    from eventwire.coding.cues import REPORTING_ROLES, bundled

    cues = bundled()
    lists = [set(words) for words in cues.words.values()] + [set(cues.role(r)) for r in REPORTING_ROLES]
    paths = [*(PACKAGE / "coding").glob("*.py"), PACKAGE / "actors" / "matcher.py"]
    duplicates = []
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign | ast.AnnAssign):
                continue
            texts = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
            words = {w for text in texts if isinstance(text, str) for w in text.split()}
            if len(words) >= 3 and any(words == known for known in lists):
                duplicates.append(f"{path.name}:{node.lineno}")
    assert duplicates == []
