from eventwire.coding.modes import refine_mode
from eventwire.coding.trace import Rule


def test_aircraft_make_an_assault_aerial():
    mode, step = refine_mode("ASSAULT", "heavy-weapons", {"missiles", "aircraft"})
    assert mode == "aerial" and step is not None and step.rule is Rule.MODE_CUE
    assert refine_mode("ASSAULT", None, {"drone"})[0] == "drone"


def test_visits_and_calls():
    assert refine_mode("CONSULT", None, {"trip"})[0] == "visit"
    assert refine_mode("CONSULT", "visit", {"phone", "visit"}) == ("visit", None)


def test_strikes_are_a_protest_mode():
    assert refine_mode("PROTEST", "boycott", {"general", "strike"})[0] == "strike"
    assert refine_mode("PROTEST", None, {"hunger", "strike"})[0] == "hunger"


def test_no_cue_keeps_the_codes_mode():
    assert refine_mode("ASSAULT", "firearms", {"village"}) == ("firearms", None)
    assert refine_mode("AID", None, {"aircraft"}) == (None, None)
