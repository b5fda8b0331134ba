from datetime import date

from eventwire.eval.coders import (
    Coded,
    SentenceInput,
    coder_errors,
    from_callable,
    main_by_confidence,
    main_by_root_distance,
    pipeline_coder,
    sentence_article,
)
from tests.eval.factories import event


def test_main_by_confidence_breaks_ties_by_earliest_trigger():
    a = event("AGREE", start=10, confidence=0.7)
    b = event("CONSULT", start=3, confidence=0.7)
    c = event("ACCUSE", start=0, confidence=0.2)
    assert main_by_confidence([a, b, c]) is b
    assert main_by_confidence([]) is None


def test_main_by_root_distance_prefers_the_root_verb(nlp):
    text = "Israel said it attacked targets in Syria."
    doc = nlp(text)
    said = event("ACCUSE", start=text.index("said"), confidence=0.1)
    attacked = event("ASSAULT", start=text.index("attacked"), confidence=0.9)
    said.trigger.end = said.trigger.start + len("said")
    attacked.trigger.end = attacked.trigger.start + len("attacked")
    assert main_by_root_distance([attacked, said], doc) is said
    assert main_by_root_distance([], doc) is None


def test_main_by_root_distance_ties_go_to_confidence(nlp):
    text = "Troops fired and bombed the town."
    doc = nlp(text)
    fired = event("ASSAULT", start=text.index("fired"), confidence=0.4)
    fired.trigger.end = fired.trigger.start + 5
    same_token = event("COERCE", start=text.index("fired"), confidence=0.8)
    same_token.trigger.end = same_token.trigger.start + 5
    assert main_by_root_distance([fired, same_token], doc) is same_token


def test_from_callable_codes_each_sentence_with_its_date():
    seen = []

    def fake(text, when):
        seen.append((text, when))
        return (
            [event("AGREE", start=1, confidence=0.2), event("AID", start=0, confidence=0.9)] if text else []
        )

    coded = from_callable(fake)([SentenceInput("a", date(2020, 1, 2)), SentenceInput("", None)])
    assert seen == [("a", date(2020, 1, 2)), ("", None)]
    assert coded[0].main.plover.type == "AID"
    assert coded[1] == Coded([], None)


def test_sentence_article_matches_sentence_mode():
    article = sentence_article(SentenceInput("Text.", date(2021, 9, 5), "R-1"), 0)
    assert article.id == "R-1" and article.published_date == date(2021, 9, 5)
    assert article.paragraphs == [(0, 5)]
    assert sentence_article(SentenceInput("Text."), 7).id == "sentence-7"


class FakePipeline:
    """Codes 'attack' sentences; raises on 'BOOM' (the way a coder bug would)."""

    batch_size = 2

    def __init__(self):
        self.coder = self  # no main_event: the harness falls back to confidence

    def code_article(self, article):
        if "BOOM" in article.text:
            raise ValueError("bad parse")
        return [event("ASSAULT")] if "attack" in article.text else []

    def code_articles(self, articles):
        for article in articles:
            yield article, self.code_article(article)


def test_pipeline_coder_keeps_going_when_one_sentence_fails():
    items = [SentenceInput(t, None, f"s{i}") for i, t in enumerate(["an attack", "BOOM", "calm", "attack"])]
    coded = pipeline_coder(FakePipeline())(items)
    assert [len(c.events) for c in coded] == [1, 0, 0, 1]
    assert coded[1].error == "ValueError: bad parse" and coded[0].error is None
    assert coded[3].main is coded[3].events[0]
    assert coder_errors(items, coded) == [
        "the coder failed on 1 sentences (scored as no event)",
        "coder error on 's1': ValueError: bad parse",
    ]
    assert coder_errors(items, [Coded()] * 4) == []
