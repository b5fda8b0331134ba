"""Where an event happens (see ``README.md`` in ``data/places`` and the stage README).

- ``index``: the packaged place-name index and name normalisation;
- ``build``: builds that index offline (``python -m eventwire.coding.places.build``);
- ``gazetteer``: runtime lookups and the choice between same-named places;
- ``phrases``: the parse walk that finds place phrases;
- ``features``, ``ranker``: the learned choice of the event's place among the sentence's places
  (``python -m eventwire.coding.places.train`` rebuilds the model);
- ``attach``: ``event_place`` puts it together.
"""

from eventwire.coding.places.attach import event_place
from eventwire.coding.places.build import read_regions, subdivision_variants, write_index
from eventwire.coding.places.gazetteer import Gazetteer, Hints
from eventwire.coding.places.index import normalize
from eventwire.coding.places.ranker import PlaceRanker

__all__ = [
    "Gazetteer",
    "Hints",
    "PlaceRanker",
    "event_place",
    "normalize",
    "read_regions",
    "subdivision_variants",
    "write_index",
]
