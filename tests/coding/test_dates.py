"""Event dates: expression finding on parses and resolution against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding.dates import event_date, event_date_and_note, resolve, resolve_checked

PUB = dt.date(2021, 9, 5)  # a Sunday


def _trigger(doc, word: str):
    return next(t for t in doc if t.text == word)


def _date(nlp, sentence: str, word: str, published: dt.date = PUB):
    return event_date(_trigger(nlp(sentence), word), published)


def test_weekday_future_resolves_forward(nlp):
    when = _date(
        nlp, "The minister said he will travel to Paris on Wednesday evening to meet officials.", "travel"
    )
    assert (when.value, when.precision) == ("2021-09-08", "day")
    assert "Wednesday" in when.text


def test_weekday_past_resolves_backward(nlp):
    when = _date(nlp, "On Friday, the rebels attacked a checkpoint near the border.", "attacked")
    assert (when.value, when.precision) == ("2021-09-03", "day")


def test_purpose_clause_takes_the_date_of_its_head(nlp):
    when = _date(nlp, "She would fly to Cairo on Tuesday to negotiate a ceasefire.", "negotiate")
    assert when is not None and when.value == "2021-09-07"


def test_night_between_two_weekdays_is_the_first_night(nlp):
    doc = nlp("Missiles were fired at the base during the night between Thursday and Friday.")
    when = event_date(_trigger(doc, "fired"), PUB)
    assert when.value == "2021-09-02"
    assert when.text.startswith("during the night")


@pytest.mark.parametrize(
    ("sentence", "word", "value", "precision"),
    [
        ("Last month, the president made a visit to Kenya.", "visit", "2021-08", "month"),
        ("Two weeks ago, troops shelled the village.", "shelled", "2021-08-22", "day"),
        ("The army has occupied the region since 2015.", "occupied", "2015", "year"),
        ("The two countries signed a treaty in 2003.", "signed", "2003", "year"),
        ("The ministers met yesterday in Geneva.", "met", "2021-09-04", "day"),
        ("Protesters gathered today outside parliament.", "gathered", "2021-09-05", "day"),
        ("The parties signed an accord last year.", "signed", "2020", "year"),
        ("Delegates will meet next week in Vienna.", "meet", "2021-09", "month"),
        ("Officials will hold talks in October.", "talks", "2021-10", "month"),
        ("Officials held talks in October.", "talks", "2020-10", "month"),
        ("The rebels seized the town in October 2021.", "seized", "2021-10", "month"),
        ("The envoy arrived on 5 September.", "arrived", "2021-09-05", "day"),
        ("The envoy arrived on September 1, 2020.", "arrived", "2020-09-01", "day"),
        (
            "Over the past two weeks, the government arrested dozens of activists.",
            "arrested",
            "2021-08-22",
            "day",
        ),
    ],
)
def test_expression_kinds(nlp, sentence, word, value, precision):
    when = _date(nlp, sentence, word)
    assert when is not None, sentence
    assert (when.value, when.precision) == (value, precision)


def test_nominal_event_takes_date_of_scheduling_clause(nlp):
    doc = nlp("They prepared for a summit between the two leaders that is slated for November.")
    assert event_date(_trigger(doc, "summit"), PUB).value == "2021-11"


def test_no_date_in_sentence_gives_none(nlp):
    assert _date(nlp, "Troops fired on protesters in the capital.", "fired") is None


def test_date_of_another_clause_is_not_taken(nlp):
    # "last year" belongs to the deal, not to the attack
    when = _date(
        nlp, "Rebels attacked the convoy that had reached the city after a deal last year.", "attacked"
    )
    assert when is None


def test_durations_are_not_dates(nlp):
    assert _date(nlp, "The president made a two-day visit to Kenya.", "visit") is None


def test_without_publication_date_gives_none(nlp):
    assert _date(nlp, "On Friday, rebels attacked the town.", "attacked", published=None) is None


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("tomorrow", "future", ("2021-09-06", "day")),
        ("last night", "past", ("2021-09-04", "day")),
        ("three months ago", "past", ("2021-06", "month")),
        ("two years ago", "past", ("2019", "year")),
        ("next month", "future", ("2021-10", "month")),
        ("this year", "present", ("2021", "year")),
        ("last Friday", "past", ("2021-09-03", "day")),
        ("next Sunday", "future", ("2021-09-12", "day")),
        ("on Sunday", "past", ("2021-09-05", "day")),
        ("in March", "future", ("2022-03", "month")),
        ("2021-08-30", "past", ("2021-08-30", "day")),
        ("30/08/2021", "past", ("2021-08-30", "day")),
        ("in the 1990s", "past", None),
        ("for two weeks", "past", None),
        ("a few days", "past", None),
        ("the previous day", "past", None),
        ("in two weeks", "future", ("2021-09-19", "day")),
        ("in two weeks", "past", None),
        ("in three months", "future", ("2021-12", "month")),
    ],
)
def test_resolve(text, tense, expected):
    assert resolve(text, PUB, tense) == expected


def test_light_verb_trigger_reads_its_nominal_event(nlp):
    when = _date(nlp, "The envoy will conduct a short visit to Rabat on Monday.", "conduct")
    assert when.value == "2021-09-06"


def test_first_since_is_not_the_event_date(nlp):
    assert _date(nlp, "This is the minister's first visit to Moscow since 2013.", "visit") is None


def test_date_of_a_participant_noun_is_not_the_event_date(nlp):
    assert _date(nlp, "Iran violated the 2015 nuclear deal.", "violated") is None


def test_date_of_the_attack_an_event_happened_in(nlp):
    when = _date(nlp, "Insurgents wounded three policemen in a grenade attack on Thursday.", "wounded")
    assert when.value == "2021-09-02" and when.text == "on Thursday"


def test_this_week_is_month_of_the_week(nlp):
    when = _date(nlp, "Mediators travel to Vienna this week.", "travel")
    # Sunday 5 Sep closes the week of Mon 30 Aug; its middle, Thu 2 Sep, is in September
    assert (when.value, when.precision) == ("2021-09", "month")


def test_bare_participle_main_verb_counts_as_past(nlp):
    # the small model sometimes tags a main-clause simple past as VBN
    doc = nlp(
        "Forty-one groups in Kenya, on Tuesday, strongly condemned recent arrests, alleged beatings "
        "and intimidation of over 50 reporters in Nairobi."
    )
    when = event_date(_trigger(doc, "condemned"), PUB)
    assert when.value == "2021-08-31"


def test_nominal_event_takes_tense_of_its_clause(nlp):
    when = _date(nlp, "Monday's attack on the convoy killed five soldiers.", "attack")
    assert when.value == "2021-08-30"  # the Monday before publication, not the next one


# --- dates out of range: dropped with a reason, never an OverflowError --------------------------------


@pytest.mark.parametrize(
    ("text", "published", "reason"),
    [
        ("on December 31, 9999", PUB, "9999-12-31 is outside the years 1500-2099"),
        ("in December 9999", PUB, "9999-12 is outside the years 1500-2099"),
        ("2021-12-31", dt.date(9999, 12, 31), None),  # an absolute date needs no arithmetic
        (
            "tomorrow",
            dt.date(9999, 12, 31),
            "beyond the calendar counting from the publication date 9999-12-31",
        ),
        ("on Wednesday", dt.date(9999, 12, 31), "beyond the calendar"),
        ("yesterday", dt.date(1, 1, 1), "beyond the calendar"),
        ("in October", dt.date(9999, 12, 31), "10000-10 is outside the years 1500-2099"),
        ("900 years ago", PUB, "1121 is outside the years 1500-2099"),
    ],
)
def test_dates_out_of_range_are_dropped_with_a_reason(text, published, reason):
    resolved, problem = resolve_checked(text, published, "future")
    if reason is None:
        assert resolved == ("2021-12-31", "day") and problem is None
    else:
        assert resolved is None and reason in problem
        assert resolve(text, published, "future") is None


def test_range_edges_are_kept():
    assert resolve("in 1500", PUB) == ("1500", "year")
    assert resolve("on December 31, 2099", PUB) == ("2099-12-31", "day")


def test_event_date_note_quotes_the_dropped_expression(nlp):
    trigger = _trigger(nlp("The two leaders will meet in Geneva on December 31, 9999."), "meet")
    assert event_date(trigger, PUB) is None
    when, note = event_date_and_note(trigger, PUB)
    assert (
        when is None
        and note == "date 'on December 31, 9999' dropped: 9999-12-31 is outside the years 1500-2099"
    )
    assert event_date_and_note(_trigger(nlp("The leaders will meet on Wednesday."), "meet"), PUB)[1] is None


def test_event_with_a_date_beyond_the_calendar_is_kept_undated(code):
    events = code("The foreign ministers of Israel and Russia will meet in Geneva tomorrow.", "9999-12-31")
    assert events and all(e.date is None for e in events)
    assert "date 'tomorrow' dropped" in events[0].explanation  # the event says why it has no date


@pytest.mark.parametrize(
    ("text", "tense", "value", "note"),
    [
        ("on April 31, 2020", "past", None, "no such day: 2020-04-31"),  # not "April" of some year
        ("31 April 2020", "past", None, "no such day: 2020-04-31"),
        ("2020-02-30", "past", None, "no such day: 2020-02-30"),
        ("on February 30", "past", None, "no such day: --02-30"),
        ("on February 29", "past", "2020-02-29", None),  # the nearest leap year, in the tense's direction
        ("on February 29", "future", "2024-02-29", None),
    ],
)
def test_a_day_no_calendar_has_gives_no_date(text, tense, value, note):
    resolved, why = resolve_checked(text, dt.date(2021, 5, 3), tense)
    assert (resolved[0] if resolved else None, why) == (value, note)
