"""Writing and reading back: idempotent batches, versions, filters, watches."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.models import Modality
from eventwire.store import EventFilter, FilterError, open_store
from tests.store.conftest import article, event


def _meeting():
    a = article(
        "Israeli Prime Minister Naftali Bennett met Russian President Vladimir Putin in Sochi on Friday.",
        title="Bennett meets Putin",
        url="https://news.example/bennett-putin",
        publisher="Example News",
        published="2021-10-23T08:00:00",
    )
    return a, [event(a, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="2021-10-22", place="Sochi",
                     place_country="RUS")]  # fmt: skip


def _strike():
    text = (
        "Russian forces shelled Kharkiv on Monday, Ukrainian officials said. "
        "Ukraine accused Moscow of war crimes."
    )
    a = article(text, title="Kharkiv shelled", url="https://wire.example/kharkiv", published="2022-03-01")
    first = text[: text.index(".") + 1]
    second = text[len(first) + 1 :]
    return a, [
        event(a, "ASSAULT", ["RUSMIL"], ["UKR"], sentence=first, trigger="shelled", when="2022-02-28",
              modality=Modality(alleged=True, attributed_to="Ukrainian officials")),
        event(a, "ACCUSE", ["UKRGOV"], ["RUS"], sentence_index=1, sentence=second, trigger="accused"),
    ]  # fmt: skip


def test_round_trip_and_idempotence(store):
    meeting, strike = _meeting(), _strike()
    first = store.add_batch([meeting, strike])
    assert (first.articles_added, first.events_added, first.articles_skipped) == (2, 3, 0)
    again = store.add_batch([meeting, strike])
    assert (again.articles_added, again.events_added, again.articles_skipped) == (0, 0, 2)
    assert store.count_events() == 3
    assert store.known_article_ids() == {meeting[0].id, strike[0].id}

    got = store.article(strike[0].id)
    assert got is not None
    art, events = got
    assert art == strike[0]
    assert events == strike[1]


def test_changed_article_becomes_new_version(store):
    a, evs = _meeting()
    store.add_batch([(a, evs)])
    b = article(a.text + " They discussed Iran.", title=a.title, url=a.url, publisher=a.publisher,
                published="2021-10-23T10:00:00")  # fmt: skip
    result = store.add_batch([(b, [event(b, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="2021-10-22")])])
    assert (result.articles_added, result.versions_added) == (1, 1)
    infos = store.articles(all_versions=True)
    assert sorted((i.version, i.is_latest) for i in infos) == [(1, False), (2, True)]
    assert [i.id for i in store.articles()] == [b.id]
    # queries see only the latest version; the old one is kept
    assert [e.event.article_id for e in store.events()] == [b.id]
    assert store.count_events(EventFilter(all_versions=True)) == 2
    assert store.article(a.id) is not None


def test_filters(store):
    store.add_batch([_meeting(), _strike()])
    ids = lambda flt: sorted(e.event.plover.type for e in store.events(flt))  # noqa: E731
    assert ids(EventFilter(actor="ISR", recipient="RUS")) == ["CONSULT"]
    assert ids(EventFilter(actor="isrgov")) == ["CONSULT"]
    assert ids(EventFilter(type="assault")) == ["ASSAULT"]
    assert ids(EventFilter(since=date(2022, 1, 1))) == ["ACCUSE", "ASSAULT"]
    assert ids(EventFilter(since="2021-10", until="2021-10")) == ["CONSULT"]
    assert ids(EventFilter(until="2021")) == ["CONSULT"]
    assert ids(EventFilter(exclude_modality=["alleged"])) == ["ACCUSE", "CONSULT"]
    assert ids(EventFilter(text="SOCHI")) == ["CONSULT"]
    assert ids(EventFilter(text="100%_")) == []
    assert ids(EventFilter(text="Kharkiv shelled")) == ["ACCUSE", "ASSAULT"]  # title match
    assert store.count_events(EventFilter(actor="UKR")) == 1
    # the accusation has no event date: it is placed on the publication date
    accuse = store.events(EventFilter(type="ACCUSE"))[0]
    assert accuse.day == date(2022, 3, 1)
    assert accuse.article_title == "Kharkiv shelled"
    page = store.events(limit=2, offset=2)
    assert len(page) == 1


@pytest.mark.parametrize(
    ("flt", "message"),
    [
        (EventFilter(type="HUG"), "unknown PLOVER event type 'HUG'"),
        (EventFilter(since="2021-13-01"), "since: malformed date '2021-13-01'"),
        (EventFilter(until="yesterday"), "until: malformed date 'yesterday'"),
        (EventFilter(exclude_modality=["rumoured"]), "unknown modality 'rumoured'"),
        (EventFilter(actor="Israel; DROP TABLE events"), "actor: 'Israel; DROP TABLE events'"),
        (EventFilter(since="2022", until="2021"), "is after until"),
    ],
)
def test_bad_filter_values(store, flt, message):
    with pytest.raises(FilterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.events(flt)


def test_sql_injection_strings_are_plain_values(store):
    store.add_batch([_meeting()])
    for nasty in ("'; DROP TABLE events; --", "x' OR '1'='1", "%' OR 1=1 --"):
        assert store.events(EventFilter(text=nasty)) == []
        assert store.events(EventFilter(article_id=nasty)) == []
    assert store.count_events() == 1


def test_watches(store):
    flt = EventFilter(actor="ISR", type="CONSULT", since="2021-01-01", exclude_modality=["alleged"])
    store.save_watch("israel-talks", flt)
    got = store.watch("israel-talks")
    assert got is not None and got.filter == flt.validated()
    store.save_watch("israel-talks", EventFilter(actor="ISR"))
    assert store.watch("israel-talks").filter == EventFilter(actor="ISR")
    store.save_watch("ukraine", EventFilter(recipient="UKR"))
    assert [w.name for w in store.watches()] == ["israel-talks", "ukraine"]
    assert store.delete_watch("ukraine") and not store.delete_watch("ukraine")
    assert store.watch("ukraine") is None
    with pytest.raises(FilterError):
        store.save_watch("bad", EventFilter(type="NOPE"))


def test_reopen_keeps_data(target):
    db, schema = target
    with open_store(db, schema=schema) as st:
        st.add_batch([_meeting()])
    with open_store(db, schema=schema) as st:
        assert st.count_events() == 1
