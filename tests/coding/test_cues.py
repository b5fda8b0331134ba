"""The cue lexicon: one data file, loaded once, merged with --cues files, used by the coder it is given to."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding.cues import REPORTING_ROLES, Cues, CuesError, active, bundled, using


def test_bundled_lexicon_has_every_role_and_list_the_rules_read() -> None:
    cues = bundled()
    assert all(cues.role(role) for role in REPORTING_ROLES)
    assert "say" in cues.saying and "conclude" in cues.speaking - cues.saying
    assert cues.content_verbs >= cues.role("reporting") | {"threaten", "pledge"}
    assert cues.negation_passing_heads >= cues.future_heads | {"try", "manage"}
    assert cues.recode("refusal")["03"] == "120" and "14" in cues.roots_where("hostile")
    assert [c.mode for c in cues.mode_cues[:2]] == ["drone", "aerial"]
    assert cues.recipient_preps[0] == "to"  # ordered: the first match wins
    with pytest.raises(AttributeError, match="no cue list 'light_verb'"):
        _ = cues.light_verb


def test_a_cues_file_adds_removes_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "reporting_verbs:\n  cite: [saying, reporting]\n  reply: []\n"
        "words:\n  light_verbs: embark -pay\n"
        "maps:\n  lemma_fixes: {wrongly: wrong}\n"
        "mode_cues:\n  - {type: ASSAULT, mode: drone, words: quadcopter}\n"
        "  - {type: PROTEST, mode: sit-in, words: sit-in}\n",
        encoding="utf-8",
    )
    cues = Cues.load([extra])
    assert "cite" in cues.role("reporting") and "reply" not in cues.saying
    assert "embark" in cues.light_verbs and "pay" not in cues.light_verbs and "make" in cues.light_verbs
    assert cues.lemma_fixes["wrongly"] == "wrong" and cues.lemma_fixes["slat"] == "slate"
    drone = next(c for c in cues.mode_cues if c.mode == "drone")
    assert {"quadcopter", "uav"} <= drone.words
    assert cues.mode_cues[-1].mode == "sit-in"
    assert "cite" not in bundled().role("reporting")  # the bundled lexicon is untouched


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("words:\n  light_verb: x\n", "unknown words list 'light_verb'"),
        ("verbs:\n  say: [saying]\n", "unknown section 'verbs'"),
        ("reporting_verbs:\n  say: [shouting]\n", "unknown roles"),
        ("- just a list\n", "a YAML mapping"),
        ("words: [unclosed\n", "cannot read cue file"),
    ],
)
def test_a_bad_cues_file_is_one_error_naming_it(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CuesError, match=message) as caught:
        Cues.load([bad])
    assert str(caught.value).startswith(str(bad)) and "\n" not in str(caught.value)


def test_the_active_lexicon_is_the_one_in_use_and_reverts() -> None:
    mine = Cues.load()
    assert active() is bundled()
    with using(mine):
        assert active() is mine
    assert active() is bundled()


def test_the_coder_codes_with_the_lexicon_it_is_given(resolver, parse, tmp_path: Path) -> None:
    from eventwire.coding import EventCoder

    narrower = tmp_path / "narrower.yaml"
    narrower.write_text("reporting_verbs:\n  stress: [saying]\n", encoding="utf-8")
    text = "Egypt stressed that Libya would attack Tunisia."
    plain, other = EventCoder(resolver), EventCoder(resolver, cues=Cues.load([narrower]))
    bundled_events, narrowed = plain.code(*parse(text)), other.code(*parse(text))
    assert [e.plover.type for e in bundled_events] == [e.plover.type for e in narrowed] == ["THREATEN"]
    # "stress" reports speech: "would" reads as the speaker's future, said by Egypt ...
    assert bundled_events[0].modality.future and bundled_events[0].modality.attributed_to == "Egypt"
    # ... and with "stress" only saying (no reported speech), "would" is hypothetical and unattributed.
    assert narrowed[0].modality.hypothetical and not narrowed[0].modality.attributed_to
