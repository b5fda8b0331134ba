"""A stand-in pipeline for testing the batch machinery without loading spaCy.

It codes one CONSULT event per sentence containing "met", deterministically,
and can be slowed down (``EVENTWIRE_FAKE_DELAY`` seconds per article) and made
to log each coded article id (``EVENTWIRE_FAKE_LOG`` folder) so tests can kill a
run at a known point. An article mentioning "unpicklable" gets a result that cannot be pickled.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.models import Article, Cameo, Event, Plover, Trigger

COUNTRIES = ("Norway", "Chile", "Kenya", "Japan", "Peru", "Ghana", "Spain", "Nepal")


class FakePipeline:
    def __init__(self) -> None:
        self.delay = float(os.environ.get("EVENTWIRE_FAKE_DELAY", "0"))
        log = os.environ.get("EVENTWIRE_FAKE_LOG")
        self.log = Path(log) if log else None

    def code_article(self, article: Article) -> list[Event]:
        if self.delay:
            time.sleep(self.delay)
        if "vanish" in article.text and os.environ.get("EVENTWIRE_FAKE_DIE"):
            os._exit(3)  # the worker process dies, as if killed by the OOM killer
        if "explode" in article.text:
            raise ValueError("this article makes the coder fail")
        if "unpicklable" in article.text:
            return [threading.Lock()]  # type: ignore[list-item]  # a result that cannot cross to the parent
        events = []
        start = 0
        for number, sentence in enumerate(article.text.split(". ")):
            at = sentence.find(" met ")
            if at >= 0:
                trig = start + at + 1
                events.append(
                    Event(
                        id=Event.make_id(article.id, number, trig, "CONSULT"),
                        article_id=article.id,
                        sentence_index=number,
                        sentence=sentence,
                        trigger=Trigger("met", trig, trig + 3),
                        plover=Plover("CONSULT"),
                        cameo=Cameo("040", "04", 1.0, 1),
                    )
                )
            start += len(sentence) + 2
        if self.log is not None:
            name = f"{os.getpid()}-{article.id}" if os.environ.get("EVENTWIRE_FAKE_LOG_PID") else article.id
            (self.log / name).touch()
        return events

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield article, self.code_article(article)


def make(config: Any) -> FakePipeline:
    """The ``module:callable`` factory for ``PipelineConfig.factory`` / ``--pipeline``."""
    return FakePipeline()


def expected_events(text: str) -> int:
    return sum(1 for sentence in text.split(". ") if " met " in sentence)


def article_text(i: int) -> str:
    """A distinct, plainly English news paragraph; every third one has no meeting in it."""
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
    meeting = f"The foreign minister of {a} met the ambassador of {b} in the capital on Monday number {i}. "
    if i % 3 == 2:
        meeting = f"The weather in {a} was calm for the whole of day number {i}, and markets were quiet. "
    return (
        meeting
        + f"Officials from both governments said that the talks about trade and security would continue "
        f"next month, and that a further round was being planned for the autumn of year {2000 + i}."
    )
