"""Counting which coding rules fire and how often their events are right (``eval … --rules``)."""

from __future__ import annotations

from eventwire.eval import rules
from eventwire.eval.coders import Coded
from eventwire.models import Cameo, Event, Mention, Plover, Trigger


def _event(kind: str, source: str, target: str, fired: list[str]) -> Event:
    return Event(
        id=kind, article_id="a", sentence_index=0, sentence="s", trigger=Trigger("t", 0, 1),
        plover=Plover(kind), cameo=Cameo("190", "19", -10.0, 4),
        actor=[Mention(source, 0, 1, code=source, country=source)],
        recipient=[Mention(target, 2, 3, code=target, country=target)], rules=fired,
    )  # fmt: skip


def test_rules_are_counted_per_event_with_type_and_full_matches() -> None:
    right = _event("ASSAULT", "RUS", "UKR", ["role.subject", "role.object"])
    wrong_target = _event(
        "ASSAULT", "RUS", "POL", ["role.subject", "dyad.inside_object", "dyad.inside_object"]
    )
    wrong_type = _event("PROTEST", "RUS", "UKR", ["role.subject"])
    golds = [("ASSAULT", frozenset({"RUS"}), frozenset({"UKR"}))] * 3
    coded = [Coded([right]), Coded([wrong_target]), Coded([wrong_type])]
    counts = rules.count_rules(rules.plover_judged(golds, coded))
    assert (
        counts["role.subject"].fired,
        counts["role.subject"].type_right,
        counts["role.subject"].right,
    ) == (3, 2, 1)
    assert (counts["dyad.inside_object"].fired, counts["dyad.inside_object"].right) == (
        1,
        0,
    )  # once per event
    table = rules.rules_table(counts, "rules")
    assert table.rows[0][:4] == ["role.subject", "3", "2", "1"]


def test_quad_counts_the_main_event_only() -> None:
    main = _event("ASSAULT", "RUS", "UKR", ["role.passive"])
    coded = [Coded([main], main), Coded([], None)]
    counts = rules.count_rules(rules.quad_judged(["4", "0"], coded, lambda e: str(e.cameo.quad_class)))
    assert set(counts) == {"role.passive"} and counts["role.passive"].right == 1


def test_the_recorder_keeps_what_it_coded() -> None:
    recorder = rules.Recorder(lambda items: [Coded() for _ in items])
    assert len(recorder([object(), object()])) == 2 and len(recorder.coded) == 2  # type: ignore[list-item]
