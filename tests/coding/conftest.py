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
    """The rules alone: these tests pin down the rule mechanisms (roles, modality, dates, modes). The learned
    event model that revises the rules' drafts has its own tests (``test_learned.py``) and the whole coder
    is pinned by the regression set (``tests/regress``) and the sample-article tests."""
    from eventwire.coding import EventCoder

    return EventCoder(resolver, use_model=False)


@pytest.fixture(scope="session")
def full_coder(resolver):
    """The coder as users get it: the rules revised by the shipped event model."""
    from eventwire.coding import EventCoder

    return EventCoder(resolver)


@pytest.fixture(scope="session")
def pipeline(coder, resolver):
    """A pipeline with the tests' coder, loaded and parsing as production does (``Pipeline.load``)."""
    from eventwire.nlp import load_model
    from eventwire.nlp.rules import use_compiled_attribute_ruler
    from eventwire.pipeline import UNUSED_COMPONENTS, Pipeline, build_prefilter

    nlp = load_model(disable=UNUSED_COMPONENTS)
    found = Pipeline(nlp=nlp, resolver=resolver, coder=coder)
    found.prefilter = build_prefilter(nlp, coder, resolver)
    use_compiled_attribute_ruler(nlp)
    return found


@pytest.fixture(scope="session")
def parse(pipeline):
    """``parse(text, published)`` -> (doc, article): the text parsed the way production parses it."""

    def run(text: str, published: str = "2021-09-05") -> tuple:
        article = Article(id="t", text=text, published=datetime.fromisoformat(published))
        return pipeline.parse([text])[0], article

    return run


@pytest.fixture(scope="session")
def code(nlp, coder):
    """Code one text as an article published on ``published`` (default 2021-09-05)."""

    def run(text: str, published: str = "2021-09-05") -> list[Event]:
        article = Article(id="t", text=text, published=datetime.fromisoformat(published))
        return coder.code(nlp(text), article)

    return run
