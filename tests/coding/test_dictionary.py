import pytest

from eventwire.coding.dictionary import (
    NULL_CODE,
    parse_code,
    parse_dictionary,
    parse_pattern,
    parse_verb_line,
)
from eventwire.coding.patterns import VerbLexicon
from eventwire.errors import InputError

SAMPLE = """
&ARMS_
+WEAPON
+GUN

---  GIVE   [070]  ---
GIVE {GIVES GAVE GIVEN}
+HAND_OVER [0841]
MUMBLE [---]
- * &ARMS_                 [072]   # give weapons
- * (TO {REFUGEE CAMP})    [073]   # give to a refugee camp
- &ARMS_ *                 [---]   # weapons give: nothing
"""


def test_codes():
    assert parse_code("042") == "042"
    assert parse_code("042:043") == "042"
    assert parse_code(":173") == "173"
    assert parse_code("---") is None
    with pytest.raises(ValueError):
        parse_code("x1")


def test_verb_lines():
    line = parse_verb_line("+MEET_WITH {+MET_WITH} [040]")
    assert (line.verb, line.code, line.after) == ("MEET", "040", ["WITH"])
    wire = parse_verb_line("WIRE_+TAP {WIRE_+TAPS}")
    assert (wire.verb, wire.before, wire.code) == ("TAP", ["WIRE"], None)
    assert parse_verb_line("MUMBLE [---]").code == NULL_CODE


def test_pattern_parts():
    p = parse_pattern(" &MILITARY * {FINANCIAL AID} (FOR {HUMANITARIAN RELIEF}) (TO) $ [0233] ", 7)
    assert p.pre == [["&MILITARY"]]
    assert p.post == [["FINANCIAL", "AID"]]
    assert p.preps == [("FOR", ["HUMANITARIAN", "RELIEF"]), ("TO", [])]
    assert (p.code, p.line) == ("0233", 7)


def test_dictionary_blocks_and_synsets():
    d = parse_dictionary(SAMPLE, "sample.txt")
    assert d.synsets["ARMS_"] == ["WEAPON", "GUN"]
    (block,) = d.blocks
    assert block.code == "070" and [v.verb for v in block.verbs] == ["GIVE", "HAND", "MUMBLE"]
    assert [p.code for p in block.patterns] == ["072", "073", None]


def test_bad_lines_name_file_and_line():
    noted = parse_dictionary("---  X  [070] ---\nGO\n- * AID [0x7]\n", "bad.txt")
    assert [str(n) for n in noted.notes] == ["bad.txt:3: pattern code [0x7] is not a CAMEO code"]
    assert noted.blocks[0].patterns[0].raw_code == "0x7"
    lex = VerbLexicon()
    lex.add(noted, "bad.txt")
    assert lex.match(["go"], set(), {"aid"}, {}, set()).code == "070"  # not a null pattern
    with pytest.raises(InputError, match=r"bad\.txt:3: pattern has no"):
        parse_dictionary("---  X  [070] ---\nGO\n- AID [070]\n", "bad.txt")
    with pytest.raises(InputError, match=r"bad\.txt:1: pattern outside a verb block"):
        parse_dictionary("- * AID [070]\n", "bad.txt")


def test_lexicon_prefers_the_most_specific_pattern():
    lex = VerbLexicon()
    lex.add(parse_dictionary(SAMPLE, "sample.txt"), "sample.txt")
    bare = lex.match(["give"], set(), {"money"}, {}, set())
    assert bare is not None and bare.code == "070" and bare.weight == 0
    arms = lex.match(["give"], set(), {"guns", "gun"}, {}, set())  # bags hold word and lemma
    assert arms is not None and arms.code == "072" and arms.words == {"gun"}
    camp = lex.match(["give"], set(), set(), {"to": {"refugee", "camp"}}, set())
    assert camp is not None and camp.code == "073" and "sample.txt:11" in camp.label
    assert lex.match(["give"], set(), set(), {"to": {"camp"}}, set()).code == "070"


def test_null_codes_block_events():
    lex = VerbLexicon()
    lex.add(parse_dictionary(SAMPLE, "sample.txt"), "sample.txt")
    assert lex.match(["give"], {"weapon"}, set(), {}, set()).code is None  # null pattern
    assert lex.match(["mumble"], set(), set(), {}, set()).code is None  # null verb


def test_multiword_verbs_need_their_particle():
    lex = VerbLexicon()
    lex.add(parse_dictionary(SAMPLE, "sample.txt"), "sample.txt")
    assert lex.match(["hand"], set(), set(), {}, {"over"}).code == "0841"
    assert lex.match(["hand"], set(), set(), {}, {"out"}) is None


def test_multiword_synset_members_are_one_word():
    text = "&TRUCE\n+CEASE_FIRE\n+TRUCE\n\n---  SET  [---]  ---\nSET\n- * &TRUCE [0871]\n"
    lex = VerbLexicon()
    lex.add(parse_dictionary(text, "t.txt"), "t.txt")
    assert lex.match(["set"], set(), {"fire"}, {}, set()) is None  # "set fire" is no ceasefire
    assert lex.match(["set"], set(), {"cease-fire"}, {}, set()).code == "0871"
    assert lex.match(["set"], set(), {"ceasefire"}, {}, set()).code == "0871"


def test_a_lone_preposition_yields_to_the_verbs_own_code():
    text = "---  BEAT  [190]  ---\nBEAT\n- * (WITH) [130]\n- * (WITH STICKS) [182]\n"
    lex = VerbLexicon()
    lex.add(parse_dictionary(text, "t.txt"), "t.txt")
    assert lex.match(["beat"], set(), set(), {"with": {"knowledge"}}, set()).code == "190"
    assert lex.match(["beat"], set(), set(), {"with": {"sticks"}}, set()).code == "182"
