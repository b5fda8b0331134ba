"""Fixtures for the coding tests: the real knowledge base, resolver and coder, loaded once."""

from __future__ import annotations

from datetime import datetime

import pytest

from eventwire.models import Article, Event


@pytest.fixture(scope="session")
def resolver():
    from eventwire.actors import ActorResolver, KnowledgeBase

    return ActorResolver(KnowledgeBase.load())


@pytest.fixture(scope="session")
def coder(resolver):
    from eventwire.coding import EventCoder

    return EventCoder(resolver)


@pytest.fixture(scope="session")
def code(nlp, coder):
    """Code one text as an article published on ``published`` (default 2021-09-05)."""

    def run(text: str, published: str = "2021-09-05") -> list[Event]:
        article = Article(id="t", text=text, published=datetime.fromisoformat(published))
        return coder.code(nlp(text), article)

    return run
