"""Pattern families of the coder, over real parses and the real actor resolver."""

from __future__ import annotations

from datetime import datetime

from eventwire.coding import EventCoder
from eventwire.coding.trace import Rule
from eventwire.models import Article, Event
from tests.coding.helpers import countries, find


def test_subject_verb_object(code):
    event = find(code("Russia attacked Ukraine on Monday."), "ASSAULT")
    assert countries(event.actor) == {"RUS"} and countries(event.recipient) == {"UKR"}
    assert event.trigger.text == "attacked"
    assert event.cameo.root == "19" and event.cameo.quad_class == 4


def test_prepositional_recipient(code):
    event = find(code("Turkey accused Greece of violating its airspace."), "ACCUSE")
    assert countries(event.actor) == {"TUR"} and countries(event.recipient) == {"GRC"}


def test_passive_voice_agent_is_the_actor(code):
    events = code("Syria said the missiles were fired by Israeli aircraft at Damascus.")
    event = find(events, "ASSAULT")
    assert countries(event.actor) == {"ISR"}
    assert event.plover.mode == "aerial"
    assert "passive" in event.explanation


def test_nominal_event_between(code):
    event = find(code("The meeting between Bennett and Putin took place in Sochi."), "CONSULT")
    assert countries(event.actor) == {"ISR"} and countries(event.recipient) == {"RUS"}
    assert event.trigger.text == "meeting"


def test_nominal_event_attributed_to_is_alleged(code):
    text = "Syrian air defenses intercepted missiles in an attack attributed to Israel."
    event = find(code(text), "ASSAULT")
    assert countries(event.actor) == {"ISR"}
    assert event.modality.alleged


def test_compound_actors_are_kept_as_a_list(code):
    event = find(code("Egypt and Jordan signed a trade agreement on Sunday."), "AGREE")  # CAMEO 0311
    assert countries(event.actor) == {"EGY", "JOR"}


def test_infinitival_and_clausal_complements_inherit_the_subject(code):
    events = code("Foreign Minister Yair Lapid said he would travel to Moscow to meet Sergey Lavrov.")
    event = find(events, "CONSULT")
    assert countries(event.actor) == {"ISR"} and countries(event.recipient) == {"RUS"}
    assert event.plover.mode == "visit" and event.modality.future
    assert event.trigger.text == "travel"
    assert len([e for e in events if e.plover.type == "CONSULT"]) == 1  # travel-to-meet is one act


def test_helping_a_government_reclaim_control(code):
    event = find(code("Russia sent troops to Syria, helping the Syrian government reclaim control."), "AID")
    assert countries(event.actor) == {"RUS"} and countries(event.recipient) == {"SYR"}


def test_relative_clause_subject_is_the_head_noun(code):
    events = code("The Russian army, which provides aerial defense systems to Syria, reported new strikes.")
    event = find(events, "AID")
    assert countries(event.actor) == {"RUS"} and countries(event.recipient) == {"SYR"}
    assert event.cameo.code == "072"


def test_saying_is_not_doing(code):
    assert code("Sergey Lavrov said on Monday that the weather in Moscow was fine.") == []
    events = code("The Russian army reported that Israeli jets struck targets in Syria.")
    assert all(e.trigger.text != "reported" for e in events)
    event = find(events, "ASSAULT")
    assert countries(event.actor) == {"ISR"} and countries(event.recipient) == {"SYR"}
    assert event.modality.attributed_to == "The Russian army"


def test_statements_that_are_acts_are_coded(code):
    assert find(code("Iran threatened Israel with retaliation."), "THREATEN")
    assert find(code("China condemned the United States on Friday."), "ACCUSE")


def test_promises_and_refusals_shift_type(code):
    agree = find(code("Japan will provide humanitarian aid to Ukraine."), "AGREE")
    assert agree.cameo.code.startswith("033") and "promised cooperation" in agree.explanation
    assert countries(agree.recipient) == {"UKR"}
    assert find(code("Germany refused to send tanks to Ukraine."), "REJECT")


def test_events_need_a_resolved_actor_and_no_boilerplate(code):
    assert code("We use our own and third party cookies to understand how the site is used.") == []
    assert code("The storm destroyed several houses near the coast.") == []


def test_event_record_fields(code):
    text = "Russia attacked Ukraine on Monday."
    event = find(code(text, "2022-03-02"), "ASSAULT")
    assert text[event.trigger.start : event.trigger.end] == "attacked"
    assert event.id == Event.make_id("t", 0, event.trigger.start, "ASSAULT")
    assert event.sentence == text and event.sentence_index == 0
    assert event.cameo.goldstein is not None and 0 < event.confidence < 1
    assert "CAMEO" in event.explanation and "PLOVER ASSAULT" in event.explanation
    assert event.date is not None and event.date.value == "2022-02-28"


def test_main_event_comes_first(code):
    events = code("Israel said it struck Hezbollah positions after the group fired rockets at Israel.")
    main = EventCoder.main_event(events)
    assert main is events[0]
    assert EventCoder.main_event([]) is None


def test_user_verb_dictionary(tmp_path, nlp, resolver):
    text = "President Macron hugged Chancellor Scholz in Paris."
    article = Article(id="u", text=text, published=datetime(2023, 5, 1))
    assert EventCoder(resolver).code(nlp(text), article) == []
    verbs = tmp_path / "hugs.txt"
    verbs.write_text("---  EMBRACE  [051]  ---\nHUG {HUGS HUGGED HUGGING}\n- * (WARMLY) [051] # hug warmly\n")
    (event,) = EventCoder(resolver, verb_files=[verbs]).code(nlp(text), article)
    assert event.plover.type == "SUPPORT" and countries(event.actor) == {"FRA"}
    assert countries(event.recipient) == {"DEU"} and "hugs.txt" in event.explanation


def test_obligation_in_reported_speech_is_the_speakers_demand(code):
    events = code("Brazil said on Monday that Bolivia must return the aircraft.", "2000-01-04")
    event = find(events, "REQUEST")
    assert countries(event.actor) == {"BRA"} and countries(event.recipient) == {"BOL"}
    assert event.cameo.root == "10" and Rule.OBLIGATION_DEMAND in event.rules


def test_demands_are_not_appeals(code):
    urge = find(code("France urged Iran to release the detained journalist."), "REQUEST")
    demand = find(code("France demanded that Iran release the detained journalist."), "REQUEST")
    assert urge.cameo.root == "02" and urge.cameo.quad_class == 0
    assert demand.cameo.root == "10" and demand.cameo.quad_class == 3


def test_sending_someone_to_do_something_is_the_purpose(code):
    events = code("France sent military experts to Saudi Arabia to investigate the attacks.")
    assert EventCoder.main_event(events).plover.type == "ACCUSE"


def test_bare_verbs_yield_to_the_event_noun_they_take(code):
    event = EventCoder.main_event(code("Opposition parties in Nepal organized a general strike on Monday."))
    assert (event.plover.type, event.plover.mode) == ("PROTEST", "strike")


def test_declining_to_comment_is_no_event(code):
    assert code("The Dutch government declined to comment on the claims.") == []


def test_pronoun_back_to_the_actor_is_no_recipient(code):
    event = find(code("Mali says it is willing to withdraw its troops from Burkina Faso this year."), "AGREE")
    assert countries(event.actor) == {"MLI"} and countries(event.recipient) == {"BFA"}


def test_getting_ready_to_attack_is_mobilization(code):
    text = "The Armenian army prepared to resume shelling enemy trenches near the border."
    event = EventCoder.main_event(code(text))
    assert event.plover.type == "MOBILIZE" and event.trigger.text == "prepared"


def test_a_hostile_acts_place_is_its_target(code):
    event = find(code("Israeli tanks fired shells at targets in Jericho."), "ASSAULT")
    assert countries(event.actor) == {"ISR"}
    if event.location is not None and event.location.country == "PSE":  # the gazetteer knows Jericho
        assert countries(event.recipient) == {"PSE"} and "place" in event.explanation


def test_declared_acts_are_the_news(code):
    text = "The Bolivian junta declared a nationwide state of siege, detaining union leaders."
    event = EventCoder.main_event(code(text))
    assert event is not None and event.trigger.text == "siege"


def test_stative_passive_subject_is_the_actor(code):
    event = find(code("Mongolia is committed to opening up its markets to foreign firms."), "AGREE")
    assert countries(event.actor) == {"MNG"} and Rule.STATIVE_PASSIVE in event.rules


def test_purpose_of_an_act_inside_the_object_is_no_recipient(code):
    # the rally was banned, not the loan its organisers denounce
    text = "Kenyan police banned a rally planned by opposition groups to denounce the loan from China."
    event = find(code(text), "COERCE")
    assert countries(event.actor) == {"KEN"} and "CHN" not in countries(event.recipient)


def test_parties_of_several_countries_talking_together_have_no_recipient(code):
    # PLOVER codes reciprocal meetings and agreements with all parties as actors, no recipient
    events = code("Chinese and Japanese diplomats will go to Vienna next week for talks on fishing quotas.")
    talks = next(e for e in events if e.trigger.text == "talks")
    assert countries(talks.actor) == {"CHN", "JPN"} and talks.recipient == []


def test_infinitive_of_a_noun_takes_its_holder_as_subject(code):
    event = find(code("Observers doubt the willingness of Germany to provide weapons to Ukraine."), "AID")
    assert countries(event.actor) == {"DEU"} and countries(event.recipient) == {"UKR"}
    event = find(code("Critics questioned Japan's decision to send troops to Iraq."), "AID")
    assert countries(event.actor) == {"JPN"}


def test_reporter_does_not_stand_in_for_a_named_inherited_subject(code):
    # the inherited subject ("the aim of the plan") is no pronoun: the newspaper is not the actor
    text = "Russian news agency TASS reports that the aim of the plan is to ensure that Chinese ships leave."
    event = find(code(text), "AGREE")
    assert "RUS" not in countries(event.actor) and "speaker" not in event.explanation


def test_where_a_non_hostile_event_noun_happens_is_no_recipient(code):
    text = "The Turkish army declared a unilateral ceasefire in northern Syria on Wednesday."
    event = find(code(text), "RETREAT")
    assert countries(event.actor) == {"TUR"} and event.recipient == []


def test_coordinated_verbs_share_the_object_and_its_recipient(code):
    event = find(code("Japan donated and shipped rice to North Korea."), "AID")
    assert countries(event.actor) == {"JPN"} and countries(event.recipient) == {"PRK"}


def test_a_protest_is_against_whom_it_defies_not_where_it_is(code):
    text = "Thousands of students marched in Minsk in defiance of the Belarusian government."
    event = find(code(text), "PROTEST")
    assert [m.text for m in event.recipient] == ["the Belarusian government"]


def test_main_verb_misparsed_as_a_participle_is_still_active(code):
    # parsed as a noun phrase ("newspaper" root, "called" its participle): the newspaper calls, is not called
    text = "A leading Egyptian newspaper called Monday on Arabs to unite against Israel."
    event = find(code(text), "REQUEST")
    assert countries(event.actor) == {"EGY"} and "EGY" not in countries(event.recipient)


def test_misparsed_main_verb_inside_the_subjects_from_phrase(code):
    # "donated" parsed as a participle of "charities": the nurses from Canadian charities donate to Haiti
    text = (
        "Nurses from two Canadian charities donated and personally delivered medicines "
        "to a hospital in Haiti."
    )
    event = find(code(text), "AID")
    assert countries(event.actor) == {"CAN"} and countries(event.recipient) == {"HTI"}
