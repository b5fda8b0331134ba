"""PLOVER modes from the words around a trigger (aircraft → aerial, phone → phone, ...).

The CAMEO code gives a default mode; these rules refine it from the trigger's
phrase, its object and its agent, since PLOVER modes say *how* an act was done
and CAMEO often does not. The cue words are data: ``data/mode_cues.tsv`` (first matching row wins).
"""

from __future__ import annotations

from eventwire.coding.cues import active as cues
from eventwire.coding.trace import Rule, Step


def refine_mode(
    plover_type: str, mode: str | None, words: frozenset[str] | set[str]
) -> tuple[str | None, Step | None]:
    """The mode to use and the step that chose it (None when the code's own mode stands)."""
    lexicon = cues()
    for rule in lexicon.mode_cues:
        rule_type, rule_mode = rule.plover_type, rule.mode
        if rule_type == plover_type and not rule.words.isdisjoint(words):
            if rule_mode == mode:
                return mode, None
            if mode in (None, "", "heavy-weapons") or rule_mode in lexicon.mode_overriding:
                hit = sorted(rule.words & set(words))[0]
                return rule_mode, Step(Rule.MODE_CUE, f"mode {rule_mode} from '{hit}'")
            return mode, None
    return mode, None
