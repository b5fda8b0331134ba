"""The harness over the real pipeline, on hand-written sentences (not gold-set sentences)."""

from datetime import date

import pytest

from eventwire.eval.coders import SentenceInput, pipeline_coder
from eventwire.eval.plover import PloverGold, score_plover


@pytest.fixture(scope="module")
def coder():
    from eventwire.pipeline import Pipeline

    return pipeline_coder(Pipeline.load())


def test_real_pipeline_through_the_plover_scorer(coder):
    when = date(2021, 9, 5)
    golds = [
        PloverGold("h1", "Israeli aircraft bombed targets in Syria.", when, "ASSAULT", "FIGHT",
                   frozenset({"ISR"}), frozenset({"SYR"})),
        PloverGold("h2", "The weather in Paris was mild on Sunday.", when, "CONSULT", "CONSULT",
                   frozenset(), frozenset()),
    ]  # fmt: skip
    coded = coder([SentenceInput(g.text, g.date, g.id) for g in golds])
    assert len(coded) == 2
    assault = coded[0]
    assert assault.main is not None and assault.main in assault.events
    assert assault.main.plover.type == "ASSAULT"
    assert coded[1].events == [] and coded[1].main is None
    result = score_plover(golds, coded)
    assert result.type_any == 1 and result.no_events == 1
    assert result.source.tp == 1
    assert [m.id for m in result.misses][-1] == "h2"
