"""The date of a coded event, resolved against the publication date.

``event_date(trigger, published)`` finds the time expression that governs the
trigger — a spaCy DATE/TIME entity whose phrase attaches to the trigger or one
of its ``clause_anchors`` — and resolves it. Nothing is returned when the
sentence gives no date for the event: never the publication date by default.

Resolution rules (all relative to the publication date ``P``):

* weekdays ("on Wednesday evening", "the night between Thursday and Friday"):
  the first weekday named; future or present tense → the nearest such day on or
  after ``P``, past tense → on or before ``P``; "last"/"next" force direction;
* "today", "tonight", "yesterday", "last night", "tomorrow" → that day;
* "N days/weeks ago" → ``P`` minus N days/weeks (day precision); "N months ago"
  → that month; "N years ago" → that year;
* spans reaching up to ``P`` ("over the past two weeks", "in the last three
  months") → the start of the span, with the precision of its unit (days and
  weeks → day); "since 2015" → 2015;
* "in two weeks" (future tense only) → ``P`` plus the span, same precisions;
  anaphoric "the previous day" and vague "in recent weeks" → nothing;
* named periods: "last/this/next month" → month, "last/this/next year" →
  year, "last/this/next week" → the month holding the middle (Thursday) of
  that week (month precision; there is no week precision); "the weekend" →
  its Saturday, chosen by tense like a weekday;
* month names: "in October 2021" → month; "in October" → the coming October for
  future/present tense, the latest past one for past tense; "5 September",
  "September 5, 2021" → day (year chosen the same way when missing);
* years ("in 2003") → year; other numeric dates go to dateparser.

An event date outside the years 1500–2099 (the years a bare "in 2003" is read in) is
dropped: "December 31, 9999" is a placeholder or a typo, not an event date, and
arithmetic that runs off the calendar ("tomorrow" from a 9999-12-31 publication date)
drops the date the same way. The event keeps no date, and ``event_date_and_note``
says why, for the explanation.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from eventwire.coding.clause import Tense, clause_anchors, tense_of
from eventwire.coding.cues import active as cues
from eventwire.models import EventDate, Precision

Resolved = tuple[str, Precision]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}  # fmt: skip
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year"}  # fmt: skip
DATE_LABELS = frozenset({"DATE", "TIME"})
# Dependencies that start a phrase which no longer describes the date itself.
TEMPORAL_NOUNS = frozenset(
    {"night", "morning", "afternoon", "evening", "day", "week", "weekend", "month", "year", "time", "period"}
)
# Dependencies a time expression hangs from: "on Monday", "last month", "Monday's meeting".
DATE_PATH_DEPS = frozenset(
    {"prep", "pobj", "pcomp", "npadvmod", "advmod", "tmod", "obl", "nmod", "poss", "compound", "amod", "dobj"}
)
MAX_DATE_DEPTH = 6
MIN_EVENT_YEAR, MAX_EVENT_YEAR = 1500, 2099  # the years RE_YEAR reads; other event dates are dropped
CLIP_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "ccomp"})

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM_RE = r"\d{1,3}|" + "|".join(NUMBERS)
_UNIT_RE = "|".join(UNITS)
RE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
RE_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?")
RE_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
RE_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\b\.?,?\s+(?:of\s+)?(\d{{4}})\b")
RE_MONTH = re.compile(rf"\b({_MONTH_RE})\b")
RE_AGO = re.compile(rf"\b({_NUM_RE})\s+({_UNIT_RE})\s+ago\b")
RE_SPAN = re.compile(rf"\b(?:past|last|previous)\s+(?:({_NUM_RE})\s+)?({_UNIT_RE})\b")
RE_AHEAD = re.compile(rf"\b(?:in|within)\s+({_NUM_RE})\s+({_UNIT_RE})\b(?!\s+ago)")
RE_NAMED = re.compile(r"\b(last|this|next|previous|coming|past)\s+(week|month|year|weekend)\b")
RE_WEEKDAY = re.compile(r"\b(?:(last|next|this|coming|past)\s+)?(" + "|".join(WEEKDAYS) + r")\b")
RE_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b(?!s)")
RE_DECADE = re.compile(r"\b\d{3}0s\b")
RE_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
RE_NUMERIC = re.compile(r"\b\d{1,4}[./]\d{1,2}[./]\d{2,4}\b")


def event_date(trigger: Token, published: dt.date | dt.datetime | None) -> EventDate | None:
    """The resolved date of the event of ``trigger``, or None when the sentence gives none."""
    return event_date_and_note(trigger, published)[0]


def event_date_and_note(
    trigger: Token, published: dt.date | dt.datetime | None
) -> tuple[EventDate | None, str | None]:
    """The event date (as ``event_date``) and, when the sentence's date was dropped as out of range,
    a one-line note saying why (for the event's explanation)."""
    if published is None:
        return None, None
    if isinstance(published, dt.datetime):
        published = published.date()
    tense: Tense | None = None
    for phrase in date_phrases(trigger):
        text = phrase.text
        if tense is None:
            tense = tense_of(trigger)
        resolved, problem = resolve_checked(text, published, tense)
        if problem is not None:
            return None, f"date '{text}' dropped: {problem}"
        if resolved is not None:
            return EventDate(value=resolved[0], precision=resolved[1], text=text), None
    return None, None


def date_phrases(trigger: Token) -> list[Span]:
    """Time-expression spans attached to the event of ``trigger``, nearest anchor first.

    Searches down from each anchor through the modifiers a time expression hangs on
    (prepositions, noun-phrase adverbials). Predicates and participant nouns block the
    search ("violated the 2015 deal" is not dated 2015), except a noun the anchor shares
    its clause with ("wounded two soldiers in an attack on Thursday").
    """
    found: dict[int, tuple[int, int]] = {}  # phrase-top token index -> (anchor rank, position)
    for rank, anchor in enumerate(clause_anchors(trigger)):
        for child in anchor.children:
            if child.dep_ in DATE_PATH_DEPS:
                _search(child, child, anchor, rank, found, 0)
    doc = trigger.doc
    return [_phrase_span(doc[i]) for i in sorted(found, key=found.__getitem__)]


def _search(token: Token, top: Token, anchor: Token, rank: int, found: dict, depth: int) -> None:
    if depth > MAX_DATE_DEPTH:
        return
    if token.ent_type_ in DATE_LABELS:
        if top.i not in found and not _gap_since(top, anchor):
            found[top.i] = (rank, top.i)
        return
    if token.pos_ in ("VERB", "AUX") or token.dep_ == "appos":
        return
    if token.pos_ in ("NOUN", "PROPN") and token.lemma_ not in TEMPORAL_NOUNS:
        if token.dep_ == "pobj" and token.head.lower_ in cues().sharing_preps:
            for child in token.children:
                if child.dep_ in DATE_PATH_DEPS:
                    _search(child, child, anchor, rank, found, depth + 1)
        return
    for child in token.children:
        if child.dep_ in DATE_PATH_DEPS:
            _search(child, top, anchor, rank, found, depth + 1)


def _gap_since(top: Token, anchor: Token) -> bool:
    """ "the first visit since 2013": the date is the previous occurrence, not this event."""
    return top.lower_ == "since" and any(c.lower_ in ("first", "last") for c in anchor.children)


def _phrase_span(top: Token) -> Span:
    skip: set[int] = set()
    for child in top.subtree:
        if child.dep_ in CLIP_DEPS and child.i != top.i:
            skip.update(t.i for t in child.subtree)
    kept = [t.i for t in top.subtree if t.i not in skip]
    return top.doc[kept[0] : kept[-1] + 1]


def resolve(text: str, published: dt.date, tense: Tense = "present") -> Resolved | None:
    """Resolve a time expression against ``published``; None when it names no date or one out of range."""
    return resolve_checked(text, published, tense)[0]


def resolve_checked(
    text: str, published: dt.date, tense: Tense = "present"
) -> tuple[Resolved | None, str | None]:
    """``resolve`` and, for a date it drops as out of range, why (the date is then None)."""
    try:
        resolved = _resolve(" ".join(RE_WORD_HYPHEN.sub(" ", text.lower()).split()), published, tense)
    except ImpossibleDate as exc:
        return None, f"no such day: {exc}"
    except (OverflowError, ValueError) as exc:  # date arithmetic past year 9999 or before year 1
        if isinstance(exc, ValueError) and "out of range" not in str(exc):
            raise
        return None, f"beyond the calendar counting from the publication date {published.isoformat()}"
    if resolved is None:
        return None, None
    year = _year_of(resolved[0])
    if year is None or not MIN_EVENT_YEAR <= year <= MAX_EVENT_YEAR:
        return None, f"{resolved[0]} is outside the years {MIN_EVENT_YEAR}-{MAX_EVENT_YEAR}"
    return resolved, None


def _year_of(value: str) -> int | None:
    match = re.match(r"(\d{4})(?:-|$)", value)
    return int(match.group(1)) if match else None


@lru_cache(maxsize=4096)
def _resolve(text: str, published: dt.date, tense: Tense) -> Resolved | None:
    forward = tense != "past"
    rules = (
        _iso,
        _numeric,
        _month_day,
        _month_year,
        _relative_day,
        _ago,
        _span,
        _ahead,
        _named,
        _weekday,
        _month,
        _year,
    )
    for rule in rules:
        result = rule(text, published, forward)
        if result is not None:
            return result
    return None


def _day(value: dt.date) -> Resolved:
    return value.isoformat(), "day"


def _month_of(year: int, month: int) -> Resolved:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}", "month"


class ImpossibleDate(Exception):
    """The text names a day that does not exist ("April 31, 2020"): no date, not a vaguer one."""


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _stated_date(year: int, month: int, day: int) -> dt.date:
    """The date the text states; ``ImpossibleDate`` when the calendar has no such day (April 31)."""
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            raise  # a year out of range: resolve_checked reports it as such
        raise ImpossibleDate(f"{year:04d}-{month:02d}-{day:02d}") from exc


def _iso(text: str, published: dt.date, forward: bool) -> Resolved | None:
    match = RE_ISO.search(text)
    if match is None:
        return None
    return _day(_stated_date(*(int(g) for g in match.groups())))


def _month_day(text: str, published: dt.date, forward: bool) -> Resolved | None:
    match = RE_DAY_MONTH.search(text)
    if match is not None:
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
    else:
        match = RE_MONTH_DAY.search(text)
        if match is None:
            return None
        month, day, year = MONTHS[match.group(1)], int(match.group(2)), match.group(3)
    if year is not None:
        return _day(_stated_date(int(year), month, day))
    if _safe_date(2000, month, day) is None:  # no year has it (2000 was a leap year)
        raise ImpossibleDate(f"--{month:02d}-{day:02d}")
    value = _safe_date(published.year, month, day)
    year, step = published.year, 1 if forward else -1
    while value is None and dt.MINYEAR < year < dt.MAXYEAR:  # February 29: the nearest leap year
        year += step
        value = _safe_date(year, month, day)
        if value is not None:
            return _day(value)
    if value is None:
        return None
    if forward and value < published:
        value = _safe_date(published.year + 1, month, day)
    elif not forward and value > published:
        value = _safe_date(published.year - 1, month, day)
    return _day(value) if value else None


def _month_year(text: str, published: dt.date, forward: bool) -> Resolved | None:
    match = RE_MONTH_YEAR.search(text)
    return _month_of(int(match.group(2)), MONTHS[match.group(1)]) if match else None


def _month(text: str, published: dt.date, forward: bool) -> Resolved | None:
    match = RE_MONTH.search(text)
    if match is None:
        return None
    month = MONTHS[match.group(1)]
    if (
        month == 5
        and not re.search(r"\b(?:in|of|since|until|by|early|late|mid)\s+may\b", text)
        and text != "may"
    ):
        return None  # "may" is mostly the modal verb
    year = published.year
    if forward and month < published.month:
        year += 1
    elif not forward and month > published.month:
        year -= 1
    return _month_of(year, month)


def _relative_day(text: str, published: dt.date, forward: bool) -> Resolved | None:
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", text):
        return _day(published)
    if re.search(r"\b(?:yesterday|last night)\b", text):
        return _day(published - dt.timedelta(days=1))
    if re.search(r"\btomorrow\b", text):
        return _day(published + dt.timedelta(days=1))
    return None


def _count(word: str | None) -> int | None:
    if word is None:
        return 1
    return int(word) if word.isdigit() else NUMBERS.get(word)


def _shift(published: dt.date, count: int, unit: str) -> Resolved:
    """The date ``count`` ``unit``s before ``published`` (after, if negative) at the unit's precision."""
    if unit == "day":
        return _day(published - dt.timedelta(days=count))
    if unit == "week":
        return _day(published - dt.timedelta(weeks=count))
    if unit == "month":
        return _month_of(published.year, published.month - count)
    return str(published.year - count), "year"


def _ago(text: str, published: dt.date, forward: bool) -> Resolved | None:
    match = RE_AGO.search(text)
    if match is None:
        return None
    count = _count(match.group(1))
    return _shift(published, count, UNITS[match.group(2)]) if count else None


def _span(text: str, published: dt.date, forward: bool) -> Resolved | None:
    # "over the past two weeks", "in the last three months": the start of the span.
    match = RE_SPAN.search(text)
    if match is None or not re.search(r"\bthe\s+(?:past|last|previous)\b", text):
        return None
    if match.group(1) is None and "previous" in match.group(0):
        return None  # "the previous day" points back from another event, not from publication
    count = _count(match.group(1))
    return _shift(published, count, UNITS[match.group(2)]) if count else None


def _ahead(text: str, published: dt.date, forward: bool) -> Resolved | None:
    # "will meet in two weeks": only for future tense; "captured in two weeks" is a duration
    match = RE_AHEAD.search(text) if forward else None
    if match is None:
        return None
    count = _count(match.group(1))
    return _shift(published, -count, UNITS[match.group(2)]) if count else None


def _named(text: str, published: dt.date, forward: bool) -> Resolved | None:
    match = RE_NAMED.search(text)
    if match is None:
        return None
    which, unit = match.groups()
    step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "year":
        return str(published.year + step), "year"
    if unit == "month":
        return _month_of(published.year, published.month + step)
    if unit == "weekend":
        saturday = _nearest_weekday(published, 5, forward=step > 0 or (step == 0 and forward))
        return _day(saturday)
    middle = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=3 + 7 * step)
    return _month_of(middle.year, middle.month)


def _nearest_weekday(published: dt.date, weekday: int, forward: bool, strict: bool = False) -> dt.date:
    if forward:
        delta = (weekday - published.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def _weekday(text: str, published: dt.date, forward: bool) -> Resolved | None:
    if re.search(r"\b(?:the|this|over the|at the)\s+weekend\b", text):
        return _day(_nearest_weekday(published, 5, forward))
    match = RE_WEEKDAY.search(text)
    if match is None:
        return None
    which, name = match.groups()
    weekday = WEEKDAYS.index(name)
    if which in ("last", "past"):
        return _day(_nearest_weekday(published, weekday, forward=False, strict=True))
    if which in ("next", "coming"):
        return _day(_nearest_weekday(published, weekday, forward=True, strict=True))
    return _day(_nearest_weekday(published, weekday, forward))


def _year(text: str, published: dt.date, forward: bool) -> Resolved | None:
    if RE_DECADE.search(text):
        return None
    match = RE_YEAR.search(text)
    return (match.group(1), "year") if match else None


def _numeric(text: str, published: dt.date, forward: bool) -> Resolved | None:
    """Numeric dates ("30/08/2021", "30.08.21") via dateparser, day first as in most news outside the US."""
    match = RE_NUMERIC.search(text)
    if match is None:
        return None
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "future" if forward else "past",
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
        "DATE_ORDER": "DMY",
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(match.group(0))
    if data.date_obj is None:
        return None
    value = data.date_obj.date()
    if data.period == "year":
        return str(value.year), "year"
    if data.period == "month":
        return _month_of(value.year, value.month)
    return _day(value)


__all__ = ["date_phrases", "event_date", "event_date_and_note", "resolve", "resolve_checked"]
