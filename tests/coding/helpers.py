"""Small assertions shared by the coding tests."""

from __future__ import annotations

from eventwire.models import Event


def countries(mentions) -> set[str]:
    return {m.country for m in mentions}


def find(events: list[Event], plover_type: str) -> Event:
    """The first event of ``plover_type``; fails listing what was coded otherwise."""
    for event in events:
        if event.plover.type == plover_type:
            return event
    summary = [(e.plover.type, e.trigger.text) for e in events]
    raise AssertionError(f"no {plover_type} event in {summary}")
