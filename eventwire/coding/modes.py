"""PLOVER modes from the words around a trigger (aircraft → aerial, phone → phone, ...).

The CAMEO code gives a default mode; these rules refine it from the trigger's
phrase, its object and its agent, since PLOVER modes say *how* an act was done
and CAMEO often does not. Pure functions over word sets.
"""

from __future__ import annotations

# (PLOVER type, mode, cue words): first rule whose cue words meet the context wins.
MODE_RULES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("ASSAULT", "drone", frozenset({"drone", "drones", "uav", "uavs"})),
    (
        "ASSAULT",
        "aerial",
        frozenset(
            {
                "aircraft",
                "air",
                "aerial",
                "airstrike",
                "airstrikes",
                "warplane",
                "warplanes",
                "jet",
                "jets",
                "helicopter",
                "helicopters",
                "bomber",
                "bombers",
                "airforce",
                "air-strike",
                "air-strikes",
            }
        ),
    ),
    ("ASSAULT", "suicide-attack", frozenset({"suicide"})),
    (
        "ASSAULT",
        "explosives",
        frozenset({"bomb", "bombs", "explosive", "explosives", "ied", "ieds", "bombing"}),
    ),
    (
        "ASSAULT",
        "heavy-weapons",
        frozenset(
            {
                "artillery",
                "shell",
                "shells",
                "shelling",
                "mortar",
                "mortars",
                "tank",
                "tanks",
                "rocket",
                "rockets",
            }
        ),
    ),
    (
        "ASSAULT",
        "firearms",
        frozenset({"gun", "guns", "gunmen", "gunman", "gunfire", "rifle", "rifles", "sniper", "snipers"}),
    ),
    ("CONSULT", "phone", frozenset({"phone", "telephone", "call", "phoned", "telephoned"})),
    (
        "CONSULT",
        "visit",
        frozenset(
            {
                "visit",
                "visits",
                "trip",
                "travel",
                "travels",
                "traveled",
                "travelled",
                "tour",
                "arrive",
                "arrived",
                "arrives",
                "flew",
                "fly",
            }
        ),
    ),
    (
        "COERCE",
        "cyber",
        frozenset(
            {
                "hack",
                "hacked",
                "hacking",
                "hackers",
                "hacker",
                "defaced",
                "deface",
                "cyber",
                "cyberattack",
                "website",
                "websites",
                "sites",
            }
        ),
    ),
    ("PROTEST", "hunger", frozenset({"hunger"})),
    ("PROTEST", "strike", frozenset({"strike", "strikes", "walkout", "stoppage"})),
    ("MOBILIZE", "troops", frozenset({"troops", "soldiers", "forces", "army"})),
    ("MOBILIZE", "police", frozenset({"police", "policemen"})),
)


# Modes that say more than CAMEO's: "aerial" beats "heavy-weapons", "strike" beats "boycott" (CAMEO 143).
OVERRIDING = frozenset({"aerial", "drone", "strike", "hunger"})


def refine_mode(
    plover_type: str, mode: str | None, words: frozenset[str] | set[str]
) -> tuple[str | None, str]:
    """The mode to use and the rule that chose it ("" when the code's own mode stands)."""
    for rule_type, rule_mode, cues in MODE_RULES:
        if rule_type == plover_type and not cues.isdisjoint(words):
            if rule_mode == mode:
                return mode, ""
            if mode in (None, "", "heavy-weapons") or rule_mode in OVERRIDING:
                hit = sorted(cues & set(words))[0]
                return rule_mode, f"mode {rule_mode} from '{hit}'"
            return mode, ""
    return mode, ""
