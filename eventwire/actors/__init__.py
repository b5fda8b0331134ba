"""Actors stage: who is who as of a date — countries, people with dated roles, organisations, agents.

``KnowledgeBase.load(...)`` loads the bundled knowledge base (plus user files); ``ActorResolver(kb)``
finds and resolves the actor mentions of a parsed document (``resolve``) or explains a name (``lookup``).
"""

from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.model import Candidate, Entry, Role
from eventwire.actors.resolver import ActorResolver

__all__ = ["ActorResolver", "Candidate", "Entry", "KnowledgeBase", "Role"]
