"""Unit tests of the coder's rule modules: recoding, confidence and main-event choice."""

from __future__ import annotations

import pytest

from eventwire.coding.ontology import Ontology
from eventwire.coding.ordering import main_event
from eventwire.coding.recode import announced, demand_code, shift_for_modality
from eventwire.coding.records import confidence
from eventwire.coding.roles import participle_rivals
from eventwire.coding.trace import Rule
from eventwire.models import Modality
from tests.coding.helpers import countries, find


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def _token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


def test_demanding_verbs_turn_appeals_into_demands():
    assert demand_code("demand", "020") == "100"
    assert demand_code("urge", "020") == "020"  # an appeal stays an appeal
    assert demand_code("demand", "040") == "040"  # only appeal codes shift


def test_announced_acts(nlp):
    assert announced(_token(nlp, "Iran will attack Israel.", "attack"))
    assert announced(_token(nlp, "Iran is ready to attack Israel.", "attack"))
    assert not announced(_token(nlp, "Iran attacked Israel.", "attacked"))


def test_announced_hostile_act_becomes_threaten(nlp, ontology):
    tok = _token(nlp, "Iran will attack Israel.", "attack")
    shifted = shift_for_modality(ontology.get("190"), Modality(future=True), ontology, tok)
    assert shifted is not None
    info, why = shifted
    assert (info.code, info.plover_type) == ("138", "THREATEN")
    assert why.rule is Rule.ANNOUNCED_HOSTILITY and "190 → 138" in why.detail
    # A past act or a historical one does not shift.
    attack = ontology.get("190")
    assert shift_for_modality(attack, Modality(), ontology, tok) is None
    assert shift_for_modality(attack, Modality(future=True, historical=True), ontology, tok) is None


def test_promise_becomes_agree_and_refusal_reject(nlp, ontology):
    promise = _token(nlp, "Israel will sign the agreement.", "sign")
    shifted = shift_for_modality(ontology.get("057"), Modality(future=True), ontology, promise)
    assert shifted is not None and shifted[0].plover_type == "AGREE"
    refusal = _token(nlp, "Israel will not meet Iran.", "meet")
    shifted = shift_for_modality(ontology.get("040"), Modality(negated=True, future=True), ontology, refusal)
    assert shifted is not None and (shifted[0].code, shifted[0].plover_type) == ("125", "REJECT")


def test_confidence_is_bounded_and_rewards_complete_dyads():
    assert confidence(3, True, True, False, False) == 0.95
    assert confidence(0, False, False, True, True) == 0.25
    assert confidence(9, True, True, False, False) == 0.95
    assert confidence(1, True, True, False, False) > confidence(1, True, False, False, False)


def test_main_event_is_the_first_of_the_first_sentence(code):
    events = code("Israel attacked Gaza. Egypt condemned the attack.")
    assert main_event(events) is events[0] and events[0].sentence_index == 0
    later = [e for e in events if e.sentence_index == 1]
    assert later and main_event(later) is later[0]
    assert main_event([]) is None


def _event(events, trigger: str):
    found = [e for e in events if e.trigger.text == trigger]
    assert found, f"no event on {trigger!r} in {[(e.plover.type, e.trigger.text) for e in events]}"
    return found[0]


def test_participle_rivals_are_the_subjects_of_intervening_clauses(nlp):
    doc = nlp(
        "Japan will discuss reports of naval drills near Taiwan, which Beijing insists are routine, "
        "having denied reports of new bases."
    )
    denied = next(t for t in doc if t.text == "denied")
    assert [t.text for t in participle_rivals(denied)] == ["Beijing"]
    doc = nlp("Iran condemned the strike, having earlier accused Israel of sabotage.")
    assert participle_rivals(next(t for t in doc if t.text == "accused")) == ()


def test_trailing_participle_after_another_actors_clause_gets_no_actor(code):
    # "having accused" may describe Egypt (the nearer clause) as well as Turkey: no actor is guessed
    events = code(
        "Turkey will host talks on the war in Libya, which Egypt says is a threat to its security, "
        "having repeatedly accused Ankara of meddling."
    )
    accusation = _event(events, "accused")
    assert accusation.actor == []
    assert "actor left open" in accusation.explanation


def test_trailing_participle_keeps_its_subject_when_no_other_actor_competes(code):
    accusation = _event(
        code("Iran condemned the strike, having earlier accused Israel of sabotage."), "accused"
    )
    assert (countries(accusation.actor), countries(accusation.recipient)) == ({"IRN"}, {"ISR"})
    # the clause in between names no actor: nothing competes with the jets
    events = code("Israeli jets struck targets in Syria, which the army said were depots, killing five.")
    assert countries(find(events, "ASSAULT").actor) == {"ISR"}


def test_verb_bringing_an_event_about_gives_way_to_it(code):
    events = code("The dispute led to clashes between Sudanese and Egyptian troops.")
    assert [e.trigger.text for e in events] == ["clashes"]
    assert find(events, "ASSAULT").modality.negated is False
    events = code("The border dispute did not lead to clashes between Sudanese and Egyptian troops.")
    assert [(e.trigger.text, e.modality.negated) for e in events] == [("clashes", True)]


def test_stated_goal_takes_its_holder_as_actor(code):
    event = _event(
        code("Part of the goal behind the Turkish minister's trip is to discuss trade with Iraq."), "discuss"
    )
    assert (countries(event.actor), countries(event.recipient)) == ({"TUR"}, {"IRQ"})
    assert event.modality.hypothetical


def test_what_is_discussed_is_no_recipient(code):
    event = _event(code("Putin discussed the war in Syria with Turkish President Erdogan."), "discussed")
    assert (countries(event.actor), countries(event.recipient)) == ({"RUS"}, {"TUR"})
    event = _event(code("The Iranian foreign minister discussed the Saudi role in Yemen."), "discussed")
    assert countries(event.actor) == {"IRN"} and event.recipient == []


def test_discussion_as_purpose_of_a_meeting_is_with_the_one_met(code):
    events = code(
        "The Japanese minister will meet the Indian president to discuss China's presence in Nepal."
    )
    consults = [e for e in events if e.plover.type == "CONSULT"]
    assert consults and all(countries(e.recipient) == {"IND"} for e in consults)


def test_the_one_accompanied_is_a_co_actor_and_the_destination_the_recipient(code):
    text = "The Japanese defence minister will accompany Prime Minister Kishida to Washington."
    event = find(code(text, published="2022-05-01"), "CONSULT")
    assert event.trigger.text == "accompany" and event.plover.mode == "visit" and event.modality.future
    assert any("Kishida" in m.text for m in event.actor) and len(event.actor) == 2
    assert countries(event.actor) == {"JPN"} and countries(event.recipient) == {"USA"}
    passive = find(
        code("Chancellor Merkel was accompanied to Washington by German army generals."), "CONSULT"
    )
    assert {m.code for m in passive.actor} == {"DEUMIL", "DEUGOV"} and countries(passive.recipient) == {"USA"}


def test_accompanying_without_a_destination_is_no_visit(code):
    assert code("The Japanese defence minister accompanied Prime Minister Kishida.") == []


def test_the_one_accompanied_counts_when_named_again_later(code):
    # the second "Merkel" is a coreference of the first: still a co-actor, not a pronoun pointing back
    text = (
        "Chancellor Angela Merkel met French President Francois Hollande in Berlin on Monday. "
        "German army generals will accompany Merkel to Moscow next week."
    )
    event = _event(code(text, published="2015-09-05"), "accompany")
    assert {m.code for m in event.actor} == {"DEUMIL", "DEUGOV"} and countries(event.recipient) == {"RUS"}
