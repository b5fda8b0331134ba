"""The typed rule trace: events name the rules that shaped them by id; the text is rendered from them."""

from __future__ import annotations

import ast
from pathlib import Path

from eventwire.coding.trace import TEMPLATES, Rule, Step, render
from eventwire.models import MentionReason

from .helpers import find

CODING = Path(__file__).resolve().parents[2] / "eventwire" / "coding"


def test_every_rule_has_one_template_and_renders_its_detail() -> None:
    assert set(TEMPLATES) == set(Rule)
    assert len({r.value for r in Rule}) == len(Rule)
    steps = [Step(Rule.SUBJECT), Step(Rule.LIGHT_VERB_SUBJECT, "held")]
    assert render(steps) == "subject → actor; subject of 'held' → actor"


def test_events_carry_the_ids_of_their_rules(coder, parse) -> None:
    events = coder.code(*parse("Canadian pilots were attacked by Peruvian militants on Tuesday."))
    attack = find(events, "ASSAULT")
    assert Rule.PASSIVE in attack.rules and Rule.SUBJECT not in attack.rules
    assert all(rule in {r.value for r in Rule} for rule in attack.rules)
    assert "passive" in attack.explanation  # rendered from the same steps


def test_a_light_verb_subject_keeps_a_summit_s_parties_together(coder, parse) -> None:
    # "had a meeting": the pair is the light verb's subject (role.light_verb_subject), so both stay
    # actors; named in the noun itself ("the Chile-Peru talks") the first is actor, the second recipient.
    meeting = find(coder.code(*parse("Chile and Peru had a meeting in Lima.")), "CONSULT")
    assert Rule.LIGHT_VERB_SUBJECT in meeting.rules
    assert [m.country for m in meeting.actor] == ["CHL", "PER"] and meeting.recipient == []
    talks = find(coder.code(*parse("The Chile-Peru talks began on Monday.")), "CONSULT")
    assert Rule.LIGHT_VERB_SUBJECT not in talks.rules
    assert ([m.country for m in talks.actor], [m.country for m in talks.recipient]) == (["CHL"], ["PER"])


def test_an_announced_attack_is_a_threat_by_rule(coder, parse) -> None:
    events = coder.code(*parse("Bolivia will attack Paraguay next week."))
    threat = find(events, "THREATEN")
    assert Rule.ANNOUNCED_HOSTILITY in threat.rules


def test_mention_reasons_are_an_enum_and_round_trip() -> None:
    from eventwire.models import Mention

    mention = Mention("he", 0, 2, reason="coreference")
    assert mention.reason is MentionReason.COREFERENCE
    assert Mention.from_dict(mention.to_dict()) == mention
    assert mention.to_dict()["reason"] == "coreference"
    try:
        Mention("x", 0, 1, reason="guess")
    except ValueError as exc:
        assert "unknown reason 'guess'" in str(exc)
    else:
        raise AssertionError("an unknown reason was accepted")


def test_no_coding_module_branches_on_explanation_text() -> None:
    """No comparison or membership test in eventwire/coding reads a rendered trace or a mention's reason
    as text: ``"…" in how``, ``.startswith`` on a reason or explanation."""
    offenders = []
    for path in sorted(CODING.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                names = {getattr(n, "attr", "") or getattr(n, "id", "") for n in ast.walk(node)}
                if names & {"how", "explanation", "label"} and any(
                    isinstance(n, ast.Constant) and isinstance(n.value, str) for n in ast.walk(node)
                ):
                    offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func.value
                if node.func.attr in ("startswith", "endswith") and getattr(target, "attr", "") in (
                    "reason",
                    "explanation",
                    "how",
                ):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
