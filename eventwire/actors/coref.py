"""A simple antecedent rule for pronouns and definite descriptions ("he", "its", "the group").

The rule: look back from the mention, nearest first, through the current and the previous sentence
(three sentences for definite descriptions), and take the first earlier mention that agrees:

* he/him/his/she/her → a person (a named person, or a title such as "the foreign minister");
* it/its → a singular non-person that has a country and is a noun phrase (not a bare adjective such
  as "Iranian" in "Iranian entrenchment");
* they/them/their → a plural or group non-person (or a plural people mention such as "the Russians");
* an object pronoun looks in its own sentence only and never means its clause's subject ("Hungary
  will not accept it"); a dummy "it" ("it is likely that", "it was reported") is no mention at all;
* "the <title>" ("the Israeli leader", "the prime minister") → a person with the same country (when the
  description states one) and the same sector, whose title in the text (if it gave one) is the same word
  unless the description is generic ("leader", "official");
* "the <group noun>" ("the group", "the militant group") → an organisation with the same country;
* "the country" → a country.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
PERSON_HEADS = frozenset(
    [
        "leader",
        "president",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "prince",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "counterpart",
        "ambassador",
        "envoy",
        "diplomat",
        "official",
        "commander",
        "general",
        "secretary",
        "governor",
        "mayor",
        "head",
        "lawmaker",
        "senator",
        "monarch",
        "ayatollah",
        "cleric",
    ]
)
# Descriptions that fit any person of the right country and sector; other heads must match the title.
GENERIC_HEADS = frozenset({"leader", "official", "head", "chief", "spokesman", "spokeswoman", "counterpart"})
GROUP_HEADS = frozenset(
    ["group", "organization", "organisation", "movement", "militia", "faction", "alliance", "outfit"]
)
PLACE_HEADS = frozenset({"country", "nation"})
# Every head a definite description can have, and how many sentences back its antecedent may be.
DESCRIPTION_HEADS = PERSON_HEADS | GROUP_HEADS | PLACE_HEADS
DESCRIPTION_WINDOW = 3


@dataclass(slots=True)
class Prior:
    """What the rule needs to know about an earlier resolved mention."""

    index: int  # position in the resolver's mention list
    sent: int
    person: bool
    plural: bool
    adjective: bool
    group: bool
    country_kind: bool
    country: str | None
    sector: str | None
    title: str = ""  # the title word the text gave a person ("minister" in "Foreign Minister Yair Lapid")


def antecedent_for_pronoun(
    pronoun: str, sent: int, prior: list[Prior], exclude: frozenset[int] = frozenset(), window: int = 1
) -> Prior | None:
    """The antecedent of a personal or possessive pronoun, or None, looking ``window`` sentences back.
    ``exclude`` lists mentions that cannot be meant: an object pronoun never means its own clause's
    subject ("Hungary will not accept it")."""
    word = pronoun.lower()
    for m in reversed(prior):
        if sent - m.sent > window:
            break
        if m.adjective or (m.country is None and m.sector is None) or m.index in exclude:
            continue
        if word in PERSON_PRONOUNS:
            if m.person:
                return m
        elif m.person:
            continue
        elif word in THING_PRONOUNS:
            if not m.plural:
                return m
        elif word in PLURAL_PRONOUNS and (m.plural or m.group):
            return m
    return None


def antecedent_for_description(
    head: str, country: str | None, sector: str | None, sent: int, prior: list[Prior]
) -> Prior | None:
    """The antecedent of "the <head>" (with the country and sector the description states), or None."""
    head = head.lower()
    for m in reversed(prior):
        if sent - m.sent > DESCRIPTION_WINDOW:
            break
        if m.adjective:
            continue
        if country is not None and m.country != country:
            continue
        if head in PERSON_HEADS:
            if m.title and head not in GENERIC_HEADS and m.title != head:
                continue
            if m.person and (sector is None or m.sector == sector):
                return m
        elif head in GROUP_HEADS:
            if m.group and not m.person:
                return m
        elif head in PLACE_HEADS and m.country_kind:
            return m
    return None
