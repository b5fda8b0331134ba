"""The learned event model: loading, scoring, its verdicts, the generic-actor and non-political tables,
and that ``eventwire train`` is deterministic (on a small silver fixture written for the test)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from eventwire.coding.generic import equipment, localise, story_country
from eventwire.coding.harm import causes, harm_cause
from eventwire.coding.learned.model import NONE, EventModel, ModelError, Settings
from eventwire.coding.learned.revise import decide
from eventwire.eval.split import part_of
from eventwire.models import Location, Mention
from tests.coding.helpers import countries, find

LABELS = (NONE, "ASSAULT", "AID")


def test_shipped_model_loads_and_scores_probabilities():
    model = EventModel.load()
    assert model.labels[0] == NONE and len(model.labels) == 17
    assert model.weights.shape == (len(model.index), len(model.labels))
    assert "attack" in model.words("VERB") and "strike" in model.words("NOUN")
    assert all(k.endswith(("/VERB", "/NOUN")) for k in model.lemmas)
    rows = model.probabilities([["bias", "l=attack", "p=VERB"], ["bias"], ["no-such-feature"]])
    assert rows.shape == (3, len(model.labels))
    assert np.allclose(rows.sum(axis=1), 1.0)
    assert rows[0, model.labels.index("ASSAULT")] > rows[1, model.labels.index("ASSAULT")]
    assert model.meta["trained_on"] and model.meta["events"] > 1000


def test_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="event model not found"):
        EventModel.load(tmp_path / "absent.npz")


def test_damaged_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match="unreadable event model"):
        EventModel.load(bad)


def test_coder_without_its_model_fails_loudly_instead_of_coding_nothing(resolver, tmp_path, monkeypatch):
    from eventwire.coding import EventCoder
    from eventwire.coding.learned import model as model_module

    monkeypatch.setattr(model_module, "DEFAULT_PATH", tmp_path / "gone.npz")
    with pytest.raises(ModelError, match="make model"):
        EventCoder(resolver)


def test_model_round_trips_through_its_file(tmp_path):
    model = EventModel.load()
    path = tmp_path / "copy.npz"
    replace(model, settings=Settings(keep=0.8, keep_main=0.99, propose=0.75, retype=0.25)).save(path)
    again = EventModel.load(path)
    assert again.settings == Settings(keep=0.8, keep_main=0.99, propose=0.75, retype=0.25)
    assert again.labels == model.labels and again.lemmas == model.lemmas
    assert np.array_equal(again.weights, model.weights.astype(np.float32))


@pytest.mark.parametrize(
    ("row", "rule", "seen", "main", "expected"),
    [
        ((0.95, 0.03, 0.02), "ASSAULT", True, False, None),  # sure it is no event: dropped
        ((0.95, 0.03, 0.02), "ASSAULT", True, True, ("ASSAULT", "kept")),  # the main event needs 0.97 here
        ((0.20, 0.70, 0.10), "AID", True, False, ("ASSAULT", "retyped")),  # clearly another type
        ((0.20, 0.45, 0.35), "AID", True, False, ("AID", "kept")),  # margin too small to retype
        ((0.10, 0.85, 0.05), None, False, False, ("ASSAULT", "proposed")),  # no rule fired: proposed
        ((0.10, 0.85, 0.05), None, True, False, None),  # folded into another act by the rules: not proposed
        ((0.50, 0.40, 0.10), None, False, False, None),  # not confident enough to propose
    ],
)
def test_decide(row, rule, seen, main, expected):
    settings = Settings(keep=0.9, keep_main=0.97, propose=0.6, retype=0.3)
    verdict = decide(row, LABELS, settings, rule, seen, set(LABELS[1:]), main)
    assert (None if verdict is None else (verdict.type, verdict.action)) == expected


def test_generic_actor_table_and_localisation():
    assert {"aircraft", "drone", "missile"} <= equipment()
    assert not {"gunman", "protester", "police", "government"} & equipment()
    gunmen = Mention("Gunmen", 0, 6, sector="UAF", code="UAF")
    named = Mention("Kenya", 20, 25, country="KEN", code="KEN")
    out, why = localise([gunmen, named], Location("Nairobi", country="KEN"), "SOM")
    assert [m.country for m in out] == ["KEN", "KEN"] and out[0].code == "KENUAF"
    assert why is not None and why.rule.value == "context.generic_place"
    assert gunmen.country is None  # copies: the mention itself is untouched
    out, why = localise([gunmen], None, "SOM")
    assert out[0].country == "SOM" and why is not None and why.rule.value == "context.generic_story"
    assert story_country([named, named, Mention("x", 0, 1, country="SOM"), gunmen]) == "KEN"


def test_generic_actors_are_coded_with_the_country_of_the_place(full_coder, nlp):
    from datetime import datetime

    from eventwire.models import Article

    text = "Unidentified gunmen attacked a police post in Mogadishu on Tuesday, killing four officers."
    article = Article(id="g", text=text, published=datetime(2023, 5, 9))
    attack = find(full_coder.code(nlp(text), article), "ASSAULT")
    assert countries(attack.actor) == {"SOM"}
    assert attack.actor[0].sector and "context.generic_place" in attack.rules


def test_non_political_harm_table(nlp):
    assert causes()["earthquake"] == "disaster" and causes()["stampede"] == "accident"
    doc = nlp("A powerful earthquake killed dozens of villagers in the mountains.")
    killed = next(t for t in doc if t.lemma_ == "kill")
    assert harm_cause(killed) == ("earthquake", "disaster")
    doc = nlp("Soldiers killed dozens of villagers in the mountains.")
    assert harm_cause(next(t for t in doc if t.lemma_ == "kill")) is None


def test_disasters_and_accidents_give_no_attack(full_coder, nlp):
    from datetime import datetime

    from eventwire.models import Article

    for text in (
        "Floods swept through three villages in northern Kenya, killing twelve residents.",
        "A bus crash on the highway near Lahore killed nine passengers on Sunday.",
    ):
        article = Article(id="h", text=text, published=datetime(2023, 5, 9))
        events = full_coder.code(nlp(text), article)
        assert not [e for e in events if e.plover.type in ("ASSAULT", "COERCE")], text


# --- eventwire train on a small fixture -------------------------------------------------------------------

VOA_TEXTS = [
    [
        "Rebels attacked an army base in the north of Mali on Monday, killing five soldiers.",
        "The government said it would send more troops to the region.",
        "The weather in Bamako was hot and dry this week.",
        "Mali's president met the French ambassador in Bamako on Tuesday.",
        "Protesters marched through the capital demanding the release of detained journalists.",
    ],
    [
        "Police arrested twenty opposition supporters in Nairobi on Friday.",
        "Kenya's foreign minister accused Somalia of interfering in its elections.",
        "The markets closed higher on Thursday after a quiet session.",
        "Ethiopia agreed to resume talks with Egypt over the dam.",
        "Militants ambushed a convoy near the border, killing three police officers.",
    ],
]
VOA_EVENTS = {
    (0, 0): ("ASSAULT", "attacked"),
    (0, 1): ("MOBILIZE", "send"),
    (0, 3): ("CONSULT", "met"),
    (0, 4): ("PROTEST", "marched"),
    (1, 0): ("COERCE", "arrested"),
    (1, 1): ("ACCUSE", "accused"),
    (1, 3): ("AGREE", "agreed"),
    (1, 4): ("ASSAULT", "ambushed"),
}
LOC_SENTENCES = [
    ("Gunmen attacked a checkpoint in Kabul, killing two policemen.", "ASSAULT", "attacked"),
    ("Soldiers shelled villages near Idlib on Sunday.", "ASSAULT", "shelled"),
    ("Police arrested a dozen protesters in Dhaka.", "COERCE", "arrested"),
    ("Thousands of demonstrators marched in Santiago against the new law.", "PROTEST", "marched"),
    ("A heavy storm damaged houses across the coast on Monday.", None, None),
    ("Insurgents attacked a police station in Maiduguri overnight.", "ASSAULT", "attacked"),
    ("Troops arrested three suspected militants in Mosul.", "COERCE", "arrested"),
    ("Villagers marched to the governor's office to protest the killings.", "PROTEST", "marched"),
    ("The football team won its match in Lagos on Saturday.", None, None),
    ("Rebels shelled the outskirts of Aleppo overnight.", "ASSAULT", "shelled"),
]


def _tune_ids(prefix: str, n: int) -> list[str]:
    ids, i = [], 0
    while len(ids) < n:
        ident = f"{prefix}{i}"
        if part_of(ident) == "tune":
            ids.append(ident)
        i += 1
    return ids


def _event(kind: str, trigger: str) -> dict:
    flags = dict.fromkeys(("negated", "future", "hypothetical", "alleged"), False)
    return {"type": kind, "mode": None, "trigger": trigger, "source": [], "target": [], **flags,
            "attributed_to": None, "place": None}  # fmt: skip


def _write_fixture(shared: Path) -> None:
    voa = shared / "data" / "silver" / "voa"
    voa.mkdir(parents=True)
    stories, annotations = [], []
    for ident, sentences in zip(_tune_ids("story-", 2), VOA_TEXTS, strict=True):
        s = len(stories)
        stories.append({"id": ident, "text": " ".join(sentences), "published": "2023-05-09"})
        for n, text in enumerate(sentences):
            event = VOA_EVENTS.get((s, n))
            annotations.append(
                {"story": ident, "sent": n, "text": text, "events": [_event(*event)] if event else []}
            )
    (voa / "stories.jsonl").write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    (voa / "annotations.jsonl").write_text(
        "\n".join(json.dumps(a) for a in annotations) + "\n", encoding="utf-8"
    )
    loc = shared / "data" / "eventloc"
    loc.mkdir(parents=True)
    lines = [
        {"id": ident, "text": text, "events": [_event(kind, trigger)] if kind else []}
        for ident, (text, kind, trigger) in zip(
            _tune_ids("loc-", len(LOC_SENTENCES)), LOC_SENTENCES, strict=True
        )
    ]
    (loc / "plover_annotations.jsonl").write_text(
        "\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8"
    )


@pytest.mark.slow
def test_training_is_deterministic_on_a_small_fixture(tmp_path):
    pytest.importorskip("sklearn")
    from eventwire.coding.learned.train import train

    _write_fixture(tmp_path / "shared")
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    log: list[str] = []
    train(tmp_path / "shared", first, log=log.append)
    train(tmp_path / "shared", second, log=log.append)
    a, b = EventModel.load(first), EventModel.load(second)
    assert a.labels == b.labels and a.index == b.index and a.settings == b.settings
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    assert {"ASSAULT", "COERCE", "PROTEST"} <= set(a.labels)
    assert a.meta["events"] >= 10 and any("candidates" in line for line in log)
