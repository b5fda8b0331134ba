"""Hand-built articles and events for the web tests (no model needed)."""

from __future__ import annotations

from datetime import datetime

from eventwire.models import Article, Cameo, Event, EventDate, Location, Mention, Modality, Plover, Trigger

CAMEO = {  # PLOVER type → (CAMEO code, Goldstein, quad class)
    "CONSULT": ("040", 1.0, 1),
    "ACCUSE": ("112", -2.0, 3),
    "ASSAULT": ("190", -10.0, 4),
    "AID": ("070", 7.0, 2),
    "AGREE": ("057", 8.0, 1),
    "REQUEST": ("020", 3.0, 1),
}


def make_article(text: str, *, title: str | None = None, url: str | None = None,
                 publisher: str | None = None, published: str = "2021-09-05") -> Article:  # fmt: skip
    return Article(
        id=Article.make_id(text, title, url), text=text, title=title, url=url, publisher=publisher,
        published=datetime.fromisoformat(published), date_source="metadata", language="en",
        paragraphs=[(0, len(text))], source=url or "<test>",
    )  # fmt: skip


def mention(text: str, article: Article, code: str, *, occurrence: int = 0) -> Mention:
    """A mention of ``text`` in ``article`` (its ``occurrence``-th match) resolved to ``code``."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return Mention(text, start, start + len(text), name=text, country=code[:3], sector=code[3:6] or None,
                   code=code, reason="dictionary")  # fmt: skip


def make_event(article: Article, sentence_index: int, sentence: str, trigger: str, ptype: str,
               actors: list[Mention], recipients: list[Mention], *, when: str | None = None,
               place: tuple[str, str, float, float] | None = None,
               modality: Modality | None = None) -> Event:  # fmt: skip
    sent_start = article.text.index(sentence)
    t0 = article.text.index(trigger, sent_start)
    code, goldstein, quad = CAMEO[ptype]
    return Event(
        id=Event.make_id(article.id, sentence_index, t0, ptype), article_id=article.id,
        sentence_index=sentence_index, sentence=sentence, trigger=Trigger(trigger, t0, t0 + len(trigger)),
        plover=Plover(ptype), cameo=Cameo(code, code[:2], goldstein, quad),
        actor=actors, recipient=recipients,
        modality=modality or Modality(), date=EventDate(when, "day", "on Wednesday") if when else None,
        location=Location(place[0], place[1], place[2], place[3]) if place else None,
        confidence=0.8, explanation="test pattern",
    )  # fmt: skip


def corpus() -> list[tuple[Article, list[Event]]]:
    """Three small articles about Israel, Russia and Syria over two months."""
    s1 = (
        "Foreign Minister Yair Lapid will meet Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday."
    )
    s2 = "Russia accused Israel of striking targets near Damascus."
    a1 = make_article(f"{s1}\n\n{s2}", title="Lapid to visit Moscow", url="https://example.org/lapid",
                      publisher="Example Times")  # fmt: skip
    e1 = make_event(a1, 0, s1, "meet", "CONSULT", [mention("Yair Lapid", a1, "ISRGOV")],
                    [mention("Sergey Lavrov", a1, "RUSGOV")], when="2021-09-08",
                    place=("Moscow", "RUS", 55.75, 37.62))  # fmt: skip
    e2 = make_event(a1, 1, s2, "accused", "ACCUSE", [mention("Russia", a1, "RUS", occurrence=1)],
                    [mention("Israel", a1, "ISR")], when="2021-09-04")  # fmt: skip
    s3 = "Israeli aircraft struck targets in Syria overnight, the Russian army said."
    a2 = make_article(s3, title="Strikes in Syria", url="https://example.net/strikes", publisher="Wire",
                      published="2021-08-20")  # fmt: skip
    e3 = make_event(a2, 0, s3, "struck", "ASSAULT", [mention("Israeli aircraft", a2, "ISRMIL")],
                    [mention("Syria", a2, "SYR")], when="2021-08-19",
                    place=("Syria", "SYR", 35.0, 38.0))  # fmt: skip
    s4 = "Israel and Russia agreed to keep talking, officials said."
    a3 = make_article(s4, title="Talks continue", publisher="Wire", published="2021-09-07")
    e4 = make_event(a3, 0, s4, "agreed", "AGREE", [mention("Israel", a3, "ISR")],
                    [mention("Russia", a3, "RUS")], when="2021-09-07",
                    place=("Jerusalem", "ISR", 31.78, 35.22))  # fmt: skip
    return [(a1, [e1, e2]), (a2, [e3]), (a3, [e4])]
