"""Scoring against sentence-level silver annotations, with hand-made stories and events (no model)."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import InputError
from eventwire.eval import silver
from eventwire.eval.coders import Coded
from tests.eval.factories import event

SENTENCES = ["Rebels attacked a base.", "The weather was fine.", "Ministers met in Rome."]
TEXT = " ".join(SENTENCES)


def write_voa(tmp_path, annotations: list[dict]) -> None:
    story = {"id": "s1", "text": TEXT, "published": "2023-05-09"}
    (tmp_path / "stories.jsonl").write_text(json.dumps(story) + "\n")
    (tmp_path / "annotations.jsonl").write_text("".join(json.dumps(a) + "\n" for a in annotations))


def gold(kind: str, source: str, target: str | None = None) -> dict:
    return {"type": kind, "trigger": "", "source": [{"country": source}],
            "target": [{"country": target}] if target else []}  # fmt: skip


@pytest.fixture
def story(tmp_path):
    write_voa(
        tmp_path,
        [
            {"story": "s1", "sent": 0, "text": SENTENCES[0], "events": [gold("ASSAULT", "MLI", "MLI")]},
            {"story": "s1", "sent": 1, "text": SENTENCES[1], "events": []},
            {"story": "s1", "sent": 2, "text": SENTENCES[2], "events": [gold("CONSULT", "ITA", "XXX")]},
        ],
    )
    (loaded,) = silver.load_voa(tmp_path)
    return loaded


def at(sentence: int) -> int:
    """Character offset of the first word of the ``sentence``-th sentence of TEXT."""
    return TEXT.index(SENTENCES[sentence])


def test_events_are_assigned_to_the_sentence_their_trigger_falls_in(story):
    events = [event("ASSAULT", start=at(0)), event("CONSULT", start=at(2) + 10)]
    assert [[e.plover.type for e in got] for got in silver.assign(story, events)] == [
        ["ASSAULT"],
        [],
        ["CONSULT"],
    ]


def test_scores_types_countries_and_false_alarms(story):
    events = [
        event("ASSAULT", ["MLI"], ["MLI"], start=at(0)),
        event("PROTEST", ["ITA"], start=at(1)),  # a false alarm on the quiet sentence
        event("AGREE", ["ITA"], start=at(2)),  # the right sentence, the wrong type
    ]
    result = silver.score([story], [events])
    assert (result.sentences, result.event_sentences) == (3, 2)
    assert (result.type_prf.tp, result.type_prf.fp, result.type_prf.fn) == (1, 2, 1)
    assert result.false_alarms == 1 and result.false_alarm_rate == 1.0
    assert result.type_any == 1 and result.no_event == 0
    assert (result.source_prf.tp, result.source_prf.fp, result.source_prf.fn) == (2, 1, 0)
    assert (result.target_prf.tp, result.target_prf.fn) == (1, 0)  # XXX is no country: not scored
    assert [m["id"] for m in result.misses] == ["s1:1", "s1:2"]


def test_evaluate_codes_each_story_as_one_article(story):
    seen = []

    def coder(items):
        seen.extend(items)
        return [Coded([event("ASSAULT", ["MLI"], ["MLI"], start=at(0))])]

    result = silver.evaluate([story], coder)
    assert [(i.id, i.text, str(i.date)) for i in seen] == [("s1", TEXT, "2023-05-09")]
    assert result.type_prf.f1 == pytest.approx(2 / 3)


def test_sentence_files_and_parts(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": "x", "events": []}) + "\n" for i in range(40)))
    stories = silver.load_sentences(path)
    check, tune = silver.split(stories, "check"), silver.split(stories, "tune")
    assert len(check) + len(tune) == 40 and check and tune
    assert {s.id for s in check}.isdisjoint(s.id for s in tune)


def test_a_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\nnot json\n')
    with pytest.raises(InputError, match="invalid JSON") as info:
        silver.load_sentences(path)
    assert info.value.line == 2
