"""Coding stage: PLOVER 2.0 + CAMEO events from parsed sentences.

``EventCoder(resolver, verb_files=[...]).code(doc, article) -> list[Event]``; the
ontology (``Ontology.load()``) gives each CAMEO code's PLOVER type, mode,
context, Goldstein score and quad class. Imports are lazy so that the command
line stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.coding.coder import EventCoder
    from eventwire.coding.ontology import Ontology

__all__ = ["EventCoder", "Ontology"]


def __getattr__(name: str) -> Any:
    if name == "EventCoder":
        from eventwire.coding.coder import EventCoder

        return EventCoder
    if name == "Ontology":
        from eventwire.coding.ontology import Ontology

        return Ontology
    raise AttributeError(name)
