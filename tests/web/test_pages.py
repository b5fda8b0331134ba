"""The dashboard pages render from a real store, with filters, provenance links and error pages."""

from __future__ import annotations

from tests.web.factories import corpus


def test_event_table_with_filters_and_provenance_links(client) -> None:
    html = client.get("/").text
    assert html.count('class="event-row"') == 4
    article, events = corpus()[0]
    assert f'href="/articles/{article.id}#ev-{events[0].id}"' in html
    filtered = client.get("/?actor=ISR&type=CONSULT").text
    assert filtered.count('class="event-row"') == 1
    assert 'option value="CONSULT" selected' in filtered


def test_pagination_keeps_the_filters(client, store) -> None:
    from tests.web.factories import make_article, make_event, mention

    batch = []
    for i in range(60):
        s = f"Israel met Russia for round {i}."
        art = make_article(s, title=f"Round {i}", published="2021-10-01")
        batch.append((art, [make_event(art, 0, s, "met", "CONSULT", [mention("Israel", art, "ISR")],
                                       [mention("Russia", art, "RUS")])]))  # fmt: skip
    store.add_batch(batch, link=False)
    first = client.get("/?type=CONSULT").text
    assert "Page 1 of 2" in first
    assert 'href="/?type=CONSULT&amp;page=2"' in first
    assert client.get("/?type=CONSULT&page=2").text.count('class="event-row"') == 11


def test_reader_marks_mentions_triggers_and_sentences(client) -> None:
    article, events = corpus()[0]
    html = client.get(f"/articles/{article.id}").text
    assert f'id="ev-{events[0].id}"' in html and f'data-events="{events[0].id}"' in html
    assert 'class="sent s0 mention actor"' in html
    assert "Yair Lapid</span>" in html
    assert 'href="https://example.org/lapid"' in html


def test_chart_pages(client) -> None:
    timeline = client.get("/timeline?source=ISR&target=RUS&both=true").text
    assert 'id="timeline-chart"' in timeline and "AGREE" in timeline and "gold-dot" in timeline
    assert "No dated events" in client.get("/timeline?source=USA&target=CHN").text
    network = client.get("/network").text
    assert 'id="network-data"' in network and '"tone": "conflict"' in network
    world = client.get("/map").text
    assert world.count('class="point"') == 3 and "Moscow" in world


def test_paste_watches_digest_and_actor_pages(client) -> None:
    assert 'id="paste-form"' in client.get("/paste").text
    watches = client.get("/watches").text
    assert "actor=ISR" in watches and "/digest?watch=isr&amp;week=" in watches
    digest = client.get("/digest?watch=isr&week=2021-W36").text
    assert "Lapid to visit Moscow" in digest and "2021-W35" in digest and "2021-W37" in digest
    assert "ISRGOV" in client.get("/actors").text


def test_error_pages(client) -> None:
    bad = client.get("/?since=yesterday")
    assert bad.status_code == 400 and "malformed date" in bad.text and "<html" in bad.text
    assert client.get("/articles/unknown").status_code == 404
    assert client.get("/digest?watch=none").status_code == 404
    assert client.get("/timeline?by=decade").status_code == 400


def test_network_and_map_pages_say_when_the_event_cap_cut_them_short(store, client) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web import create_app
    from eventwire.web.sample import ViewLimits

    assert 'id="network-cap"' not in client.get("/network").text
    full_map = client.get("/map").text
    assert 'id="map-cap"' not in full_map and "3 of 4 matching events have a located place" in full_map
    with TestClient(create_app(store, limits=ViewLimits(network_events=2, map_events=2))) as c:
        network = c.get("/network").text
        world = c.get("/map").text
    assert "newest 2 of 4 matching events" in network and 'id="network-cap"' in network
    assert "newest 2 of 4 matching events" in world and 'id="map-cap"' in world
    assert world.count('class="point"') == 2 and "Syria" not in world  # the oldest event was not read
