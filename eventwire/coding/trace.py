"""The typed rule trace: which rules found an event's roles and context, by id, rendered as text at the end.

Every rule that can shape an event has one id in ``Rule`` (the registry) and one text template. The coder
records ``Step(rule, detail)`` values as it goes (``Roles.trace``, ``Draft.trace``); ``records`` renders them
into ``Event.explanation`` and keeps the ids in ``Event.rules``. Code branches on rule ids, never on the
rendered text; tests and ``eventwire eval … --rules`` count ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    """Rule ids, grouped by step: ``role.*`` (roles), ``dyad.*`` (dyads), ``context.*``, ``recode.*``."""

    # roles.py: who is actor and recipient in the parse of the trigger's own phrase
    SUBJECT = "role.subject"
    INHERITED_SUBJECT = "role.inherited_subject"
    PASSIVE = "role.passive"
    STATIVE_PASSIVE = "role.stative_passive"
    DISCUSSION = "role.discussion"
    COMPANION = "role.companion"
    OBJECT = "role.object"
    POSSESSIVE = "role.possessive"
    BY_AGENT = "role.by_agent"
    ATTRIBUTED = "role.attributed"
    BETWEEN = "role.between"
    LIGHT_VERB_SUBJECT = "role.light_verb_subject"
    NOUN_MODIFIERS = "role.noun_modifiers"
    COMPLEMENT_OBJECT = "role.complement_object"  # combine.py: "threatened to break relations with X"
    # dyads.py: actors and recipients beyond the trigger's phrase
    RIVAL_SUBJECT = "dyad.rival_subject"
    SPEAKER_FOR_PRONOUN = "dyad.speaker_for_pronoun"
    IN_PLACE = "dyad.in_place"
    PLACE_PHRASE = "dyad.place_phrase"
    OBJECT_MENTION = "dyad.object_mention"
    GOVERNOR_SUBJECT = "dyad.governor_subject"
    INSIDE_OBJECT = "dyad.inside_object"
    PROTEST_PURPOSE = "dyad.protest_purpose"
    AROUND_GOVERNOR = "dyad.around_governor"
    OBLIGATION_DEMAND = "dyad.obligation_demand"
    # records.py: context, recodes and mode
    DATE_DROPPED = "context.date_dropped"
    PLACE_TARGET = "context.place_target"
    NEGATED_COOPERATION = "recode.negated_cooperation"
    PROMISED_COOPERATION = "recode.promised_cooperation"
    ANNOUNCED_HOSTILITY = "recode.announced_hostility"
    MODE_CUE = "mode.cue"
    # coder.py: generic actors' country (generic.py) and the learned event model (learned/revise.py)
    GENERIC_PLACE = "context.generic_place"
    GENERIC_STORY = "context.generic_story"
    MODEL_KEPT = "model.kept"
    MODEL_RETYPED = "model.retyped"
    MODEL_PROPOSED = "model.proposed"


# How each rule reads in an explanation; ``{detail}`` is the step's detail.
TEMPLATES: dict[Rule, str] = {
    Rule.SUBJECT: "subject → actor",
    Rule.INHERITED_SUBJECT: "inherited subject → actor",
    Rule.PASSIVE: "passive: agent 'by' → actor, subject → recipient",
    Rule.STATIVE_PASSIVE: "stative passive: subject → actor",
    Rule.DISCUSSION: "discussion: its 'with' partner, or that of the act it is the purpose of → recipient",
    Rule.COMPANION: "accompanied → co-actor; destination → recipient",
    Rule.OBJECT: "object/prepositional phrase → recipient",
    Rule.POSSESSIVE: "possessive → actor",
    Rule.BY_AGENT: "'by' → actor",
    Rule.ATTRIBUTED: "'{detail} to' → actor (alleged)",
    Rule.BETWEEN: "'between' → actor and recipient",
    Rule.LIGHT_VERB_SUBJECT: "subject of '{detail}' → actor",
    Rule.NOUN_MODIFIERS: "noun modifiers",
    Rule.COMPLEMENT_OBJECT: "complement's object → recipient",
    Rule.RIVAL_SUBJECT: "participle clause may describe '{detail}' as well: actor left open",
    Rule.SPEAKER_FOR_PRONOUN: "pronoun subject of reported speech → speaker",
    Rule.IN_PLACE: "'in' place → recipient",
    Rule.PLACE_PHRASE: "'{detail}' place → recipient",
    Rule.OBJECT_MENTION: "mention inside the object → recipient",
    Rule.GOVERNOR_SUBJECT: "subject of '{detail}' → recipient",
    Rule.INSIDE_OBJECT: "first other actor inside the object → recipient",
    Rule.PROTEST_PURPOSE: "actor named in the protest's object or purpose → recipient",
    Rule.AROUND_GOVERNOR: "first other actor around '{detail}' → recipient",
    Rule.OBLIGATION_DEMAND: "speaker says the actor must {detail}",
    Rule.DATE_DROPPED: "{detail}",
    Rule.PLACE_TARGET: "place '{detail}' → recipient",
    Rule.NEGATED_COOPERATION: "negated cooperation → REJECT {detail}",
    Rule.PROMISED_COOPERATION: "promised cooperation → AGREE {detail}",
    Rule.ANNOUNCED_HOSTILITY: "announced hostile act → THREATEN {detail}",
    Rule.MODE_CUE: "{detail}",
    Rule.GENERIC_PLACE: "generic actor: country of the event's place ({detail})",
    Rule.GENERIC_STORY: "generic actor: country the story is about ({detail})",
    Rule.MODEL_KEPT: "event model: kept ({detail})",
    Rule.MODEL_RETYPED: "event model: {detail}",
    Rule.MODEL_PROPOSED: "event model: no rule fired; coded from the parse ({detail})",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One rule applied, with what it applied to (a word, a code change); rendered only at the end."""

    rule: Rule
    detail: str = ""

    def render(self) -> str:
        return TEMPLATES[self.rule].format(detail=self.detail)


def render(steps: Iterable[Step]) -> str:
    """The steps as the "; "-joined text of an explanation."""
    return "; ".join(step.render() for step in steps)


def rule_ids(steps: Iterable[Step]) -> list[str]:
    return [step.rule.value for step in steps]
