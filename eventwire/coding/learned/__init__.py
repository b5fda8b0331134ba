"""The learned event model: scores the rules' candidates and proposes events the rules miss.

``EventModel`` (``model.py``) is the shipped weights, scored with numpy; ``Reviser`` (``revise.py``) applies
it to a sentence's drafts; ``features.py`` turns a candidate into features; ``train.py`` rebuilds the model
from the trainable silver sets (``eventwire train``).
"""

from eventwire.coding.learned.model import EventModel, ModelError
from eventwire.coding.learned.revise import ModelNote, Reviser

__all__ = ["EventModel", "ModelError", "ModelNote", "Reviser"]
