"""Fixtures of the actor tests: the knowledge base (compiled once into a temporary cache) and a resolver."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import ActorResolver, KnowledgeBase


@pytest.fixture(scope="session")
def kb_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("actors-cache")


@pytest.fixture(scope="session")
def kb(kb_cache) -> KnowledgeBase:
    return KnowledgeBase.load(cache_dir=kb_cache)


@pytest.fixture(scope="session")
def resolver(kb) -> ActorResolver:
    return ActorResolver(kb)


@pytest.fixture(scope="session")
def resolve(resolver, nlp):
    """resolve(text, "YYYY-MM-DD") → mentions."""

    def run(text: str, on: str | None = None):
        return resolver.resolve(nlp(text), date.fromisoformat(on) if on else None)

    return run


def find(mentions, text: str):
    """The mention whose text contains ``text`` (fails the test when absent)."""
    for m in mentions:
        if text in m.text:
            return m
    raise AssertionError(f"no mention containing {text!r} in {[m.text for m in mentions]}")
