"""Cross-article linking: the compatibility rules, and precision/recall on the report set."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from eventwire.store.linking import LinkConfig, LinkItem, Place, assign, compatible, pairwise_scores
from tests.store.conftest import article, event
from tests.store.linking_cases import REPORTS, build, corpus

CFG = LinkConfig()


def _item(eid: str = "a", **kw) -> LinkItem:
    base = LinkItem(eid, "art-" + eid, "CONSULT", frozenset({("ISR", "GOV")}), frozenset({("RUS", "GOV")}),
                    date(2021, 10, 22), date(2021, 10, 22), datetime(2021, 10, 22, 18))  # fmt: skip
    return replace(base, **kw)


def test_compatibility_rules():
    a = _item()
    assert compatible(a, _item("b"), CFG)
    assert compatible(a, _item("b", actors=frozenset({("ISR", None)})), CFG)  # missing sector matches
    assert not compatible(a, _item("b", actors=frozenset({("ISR", "MIL")})), CFG)
    assert not compatible(a, _item("b", plover_type="ACCUSE"), CFG)
    assert not compatible(a, _item("b", modality=(True, False, False)), CFG)
    # dates: within the window, by precision, or falling back to publication
    assert compatible(a, _item("b", start=date(2021, 10, 24), end=date(2021, 10, 24)), CFG)
    assert not compatible(a, _item("b", start=date(2021, 10, 26), end=date(2021, 10, 26)), CFG)
    assert compatible(a, _item("b", start=date(2021, 10, 1), end=date(2021, 10, 31)), CFG)
    assert not compatible(a, _item("b", start=date(2021, 1, 1), end=date(2021, 12, 31)), CFG)  # "in 2021"
    undated = _item("b", start=None, end=None, published=datetime(2021, 10, 23, 7))
    assert compatible(a, undated, CFG)
    assert not compatible(a, replace(undated, published=datetime(2021, 10, 26)), CFG)
    # symmetric types accept the reversed dyad; others do not
    flipped = _item("b", actors=a.recipients, recipients=a.actors)
    assert compatible(a, flipped, CFG)
    assert not compatible(replace(a, plover_type="ACCUSE"), replace(flipped, plover_type="ACCUSE"), CFG)
    # a missing recipient is allowed, a different one is not
    assert compatible(a, _item("b", recipients=frozenset()), CFG)
    assert not compatible(a, _item("b", recipients=frozenset({("UKR", None)})), CFG)


def test_place_rules():
    kharkiv = Place("Kharkiv", "UKR", 49.99, 36.23)
    assert compatible(_item(place=kharkiv), _item("b", place=Place("Kharkiv", "UKR")), CFG)
    assert compatible(_item(place=kharkiv), _item("b", place=Place("Kharkiv region")), CFG)
    assert not compatible(_item(place=kharkiv), _item("b", place=Place("Mariupol", "UKR", 47.1, 37.55)), CFG)
    assert not compatible(_item(place=kharkiv), _item("b", place=Place("Mariupol", "UKR")), CFG)
    assert not compatible(_item(place=Place("Sochi", "RUS")), _item("b", place=Place("Sochi", "ISR")), CFG)
    assert compatible(_item(place=kharkiv), _item("b"), CFG)


def test_complete_linkage_does_not_chain():
    # b is compatible with a and with c, but a and c are five days apart: c starts its own event
    a = _item("a")
    b = _item("b", start=None, end=None, published=datetime(2021, 10, 24))
    c = _item("c", start=date(2021, 10, 27), end=date(2021, 10, 27))
    got = assign([a, b, c], {}, CFG)
    assert got["a"] == got["b"] != got["c"]


def test_pairwise_scores():
    s = pairwise_scores({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "1"})
    assert (s["precision"], round(s["recall"], 3)) == (1.0, 0.333)
    s = pairwise_scores({"a": "x", "b": "x", "c": "x"}, {"a": "1", "b": "1", "c": "2"})
    assert round(s["precision"], 3) == 0.333 and s["recall"] == 1.0


@pytest.mark.parametrize("mode", ["incremental", "full"])
def test_linking_quality_on_report_set(store, mode):
    items, gold = corpus()
    for item in items:  # one article per batch, as an ingest run would do
        store.add_batch([item], link=(mode == "incremental"))
    if mode == "full":
        store.link()
    predicted = {e.event.id: e.linked_event_id for e in store.events(limit=1000)}
    assert set(predicted) == set(gold) and None not in predicted.values()
    scores = pairwise_scores(predicted, gold)
    assert scores["precision"] >= 0.95, scores
    assert scores["recall"] >= 0.8, scores  # misses: a report 3 days late without a date; GOV vs LEG


def test_linked_event_counts_and_provenance(store):
    sochi = [build(r) for r in REPORTS if r.gold == "sochi"][:4]  # the fifth comes too late to link
    store.add_batch([(a, [e]) for a, e in sochi])
    (linked,) = store.linked_events()
    assert (linked.plover_type, linked.mentions, linked.articles, linked.sources) == ("CONSULT", 4, 4, 4)
    assert (linked.source, linked.target, linked.day) == ("ISR", "RUS", date(2021, 10, 22))
    assert linked.first_seen == datetime(2021, 10, 22, 18) and linked.last_seen == datetime(2021, 11, 2, 9)
    got = store.linked_event(linked.id)
    assert got is not None
    _, mentions = got
    assert sorted(m.article_publisher for m in mentions) == sorted(a.publisher for a, _ in sochi)
    assert {m.event.article_id for m in mentions} == {a.id for a, _ in sochi}
    # a second outlet's copy of the same story in one article counts one article, one more mention
    text = "Bennett met Putin in Sochi. Later, Bennett met Putin again at dinner."
    a = article(
        text, publisher="Harbour Post", url="https://harbourpost.example/dinner", published="2021-10-22T23:00"
    )
    evs = [
        event(a, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="2021-10-22", trigger=t) for t in ("met", "again")
    ]
    store.add_batch([(a, evs)])
    (linked,) = store.linked_events()
    assert (linked.mentions, linked.articles, linked.sources) == (6, 5, 4)
    assert store.link() == 1
    assert store.linked_events()[0].mentions == 6


def test_new_version_replaces_old_mentions(store):
    (a1, e1), (a2, e2) = build(REPORTS[0]), build(REPORTS[1])
    store.add_batch([(a1, [e1]), (a2, [e2])])
    assert store.linked_events()[0].articles == 2
    changed = article(a2.text + " Updated.", title=a2.title, url=a2.url, publisher=a2.publisher,
                      published="2021-10-22T21:00")  # fmt: skip
    store.add_batch([(changed, [event(changed, "CONSULT", ["RUSGOV"], ["ISRGOV"], when="2021-10-22")])])
    (linked,) = store.linked_events()
    assert (linked.mentions, linked.articles) == (2, 2)
    _, mentions = store.linked_event(linked.id)
    assert changed.id in {m.event.article_id for m in mentions} and a2.id not in {
        m.event.article_id for m in mentions
    }


def test_concurrent_writers_on_postgres(target):
    """Several writers adding overlapping batches at once: nothing lost, nothing doubled, links whole."""
    from concurrent.futures import ThreadPoolExecutor

    from eventwire.store import open_store

    db, schema = target
    if not db.startswith("postgresql"):
        pytest.skip("DuckDB allows one writing process per file")
    items, gold = corpus()
    with open_store(db, schema=schema):
        pass  # create the schema first

    def write(worker: int) -> None:
        with open_store(db, schema=schema) as st:
            for item in items[worker::2] + items[::3]:  # every worker also re-adds a shared third
                st.add_batch([item])

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(write, range(3)))
    with open_store(db, schema=schema) as st:
        assert st.count_articles() == len(items) and st.count_events() == len(gold)
        predicted = {e.event.id: e.linked_event_id for e in st.events(limit=1000)}
        assert sum(le.mentions for le in st.linked_events(limit=1000)) == len(gold)
        assert pairwise_scores(predicted, gold)["precision"] >= 0.95


@pytest.mark.parametrize("batch_size", [1, 3, 10, 200])
def test_incremental_linking_equals_full_relink_whatever_the_batches(store, batch_size):
    """Linked events do not depend on how articles are split into batches, nor on their order:
    incremental linking gives exactly what ``link`` gives from scratch."""
    items, _ = corpus()
    for n, outlet in enumerate(("North", "South", "East")):  # protests whose coder found no actor
        text = f"Thousands marched through the capital on Sunday ({outlet} report {n})."
        a = article(text, publisher=outlet, url=f"https://{outlet.lower()}.example/march",
                    published="2019-06-09T20:00")  # fmt: skip
        items.append((a, [event(a, "PROTEST", [], [], trigger="marched", when="2019-06-09")]))
    items = list(reversed(items))  # vague late reports first: greedy order matters most this way
    for i in range(0, len(items), batch_size):
        store.add_batch(items[i : i + batch_size])
    incremental = {e.event.id: e.linked_event_id for e in store.events(limit=1000)}
    counts = store.count_events(), len(store.linked_events(limit=1000))
    store.link()
    full = {e.event.id: e.linked_event_id for e in store.events(limit=1000)}
    assert incremental == full
    assert counts == (store.count_events(), len(store.linked_events(limit=1000)))


def test_new_versions_relink_as_a_full_relink_would(store):
    """A new version of an article takes its old event out, and the mentions around it are clustered
    again: a vague report that had joined the old event now joins the other one it fits, exactly as
    ``link`` from scratch puts it."""
    sochi = article("Bennett met Putin in Sochi on Friday.", url="https://a.example/1", publisher="A",
                    published="2021-10-22T18:00")  # fmt: skip
    moscow = article("Bennett met Putin in Moscow on Saturday.", url="https://b.example/1", publisher="B",
                     published="2021-10-23T18:00")  # fmt: skip
    vague = article("Bennett and Putin held talks.", url="https://c.example/1", publisher="C",
                    published="2021-10-23T07:00")  # fmt: skip
    store.add_batch([
        (sochi, [event(sochi, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="2021-10-22", place="Sochi")]),
        (moscow, [event(moscow, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="2021-10-23", place="Moscow")]),
        (vague, [event(vague, "CONSULT", ["ISRGOV"], ["RUSGOV"], trigger="talks")]),
    ])  # fmt: skip
    linked = {e.event.article_id: e.linked_event_id for e in store.events(limit=10)}
    assert linked[vague.id] == linked[sochi.id] != linked[moscow.id]  # the closer date wins
    corrected = article(sochi.text + " (Corrected: in November.)", url=sochi.url, publisher="A",
                        published="2021-10-22T18:00")  # fmt: skip
    store.add_batch([(corrected, [event(corrected, "CONSULT", ["ISRGOV"], ["RUSGOV"], when="2021-11-12",
                                        place="Sochi")])])  # fmt: skip
    incremental = {e.event.id: e.linked_event_id for e in store.events(limit=10)}
    linked = {e.event.article_id: e.linked_event_id for e in store.events(limit=10)}
    assert linked[vague.id] == linked[moscow.id] != linked[corrected.id]
    store.link()
    assert incremental == {e.event.id: e.linked_event_id for e in store.events(limit=10)}
