"""PETRARCH verb-dictionary constructs, each on a small dictionary written for the test."""

from pathlib import Path

from eventwire.coding.dictionary import parse_dictionary, split_comment, strip_markup_comments
from eventwire.coding.patterns import VerbLexicon
from eventwire.coding.petrarch_dicts import load_dictionaries, regular_forms

VERBS = """<!-- TEST VERBS -->
<!-- a comment
     over two lines -->
&COLOURS_
+RED
+DEEP BLUE
&MIXED
+&COLOURS
+GREEN_TEA

--- PAINT  [051:052]  ---
PAINT {PAINTED PAINTS}  # the verb itself
+TOUCH_UP {+TOUCHED_UP +TOUCHES_UP} [053]
WALL_+PAPER [054]
- * &COLOURS WALLS  [055]
- * THE_HOUSE  [05X]   # not a CAMEO code
- NEVER_*  [---]
- * RUBBISH  [###]  # a code, not a comment
~ a (a b PAINT) SAY = a b 056
"""


def test_markup_comments_and_hash_inside_brackets():
    lines = strip_markup_comments(["<!-- a", "still comment -->KEEP", "<! -- one -->x", "plain"])
    assert lines == ["", "KEEP", "x", "plain"]
    assert split_comment("- * X [###]  # note") == ("- * X [###]  ", " note")


def test_verb_dictionary_constructs_are_read_and_noted(tmp_path):
    d = parse_dictionary(VERBS, "test.verbs")
    (block,) = d.blocks
    assert block.raw_code == "051:052" and block.code == "051"
    paint, touch, paper = block.verbs
    assert paint.forms == ["PAINTED", "PAINTS"]
    assert (touch.verb, touch.after, touch.forms[0], touch.raw_code) == (
        "TOUCH",
        ["UP"],
        "+TOUCHED_UP",
        "053",
    )
    assert (paper.verb, paper.before) == ("PAPER", ["WALL"])
    assert d.members["COLOURS_"] == ["RED", "DEEP BLUE"] and d.members["MIXED"] == ["&COLOURS", "GREEN_TEA"]
    codes = [p.raw_code for p in block.patterns]
    assert codes == ["055", "05X", "---", "###"]
    assert block.patterns[0].text == "* &COLOURS WALLS"
    notes = [str(n) for n in d.notes]
    assert "test.verbs:16: pattern code [05X] is not a CAMEO code" in notes
    assert "test.verbs:18: pattern code [###] is not a CAMEO code" in notes
    assert "test.verbs:19: transformation (~) lines are not supported; skipped" in notes
    # eventwire's own lexicon ignores the non-CAMEO patterns instead of treating them as null patterns
    lexicon = VerbLexicon()
    lexicon.add(d, "test.verbs")
    assert lexicon.match(["paint"], set(), {"house"}, {}, set()).code == "051"


def test_conformance_dictionaries_expand_forms_and_synsets(tmp_path):
    path = tmp_path / "test.verbs"
    path.write_text(VERBS)
    d = load_dictionaries(verbs=[path])
    assert {"PAINT", "PAINTS", "PAINTED", "PAINTING"} <= set(d.forms)
    (touched,) = d.forms["TOUCHED"]
    assert (touched.after, touched.code, touched.verb) == (("UP",), "053", "TOUCH")
    assert d.forms["PAPER"][0].before == ("WALL",)
    colours = d.patterns["PAINT"][0].pre + d.patterns["PAINT"][0].post
    synset = next(e for e in colours if e.kind == "syn")
    assert ("DEEP", "BLUE") in synset.phrases and (
        "REDS",
    ) not in synset.phrases  # label ends "_": no plurals
    assert [p.code for p in d.patterns["PAINT"]] == ["055", "05X", "---", "###"]
    assert d.patterns["PAINT"][2].verb_tight  # NEVER_*
    # only what is really not read is a note here; PETRARCH's own codes are used as written
    assert [str(n).split(": ", 1)[1] for n in d.notes] == [
        "transformation (~) lines are not supported; skipped"
    ]


def test_nested_synsets_and_plurals(tmp_path):
    path = tmp_path / "n.verbs"
    path.write_text(VERBS.replace("- * &COLOURS WALLS  [055]", "- * &MIXED  [055]"))
    d = load_dictionaries(verbs=[path])
    (el,) = d.patterns["PAINT"][0].post
    assert {("RED",), ("DEEP", "BLUE"), ("GREEN", "TEA"), ("GREEN", "TEAS")} <= set(el.phrases)


def test_regular_verb_forms():
    assert regular_forms("DEPART") == {"DEPART", "DEPARTS", "DEPARTED", "DEPARTING"}
    assert regular_forms("RESTORE") == {"RESTORE", "RESTORES", "RESTORED", "RESTORING"}
    assert regular_forms("DENY") == {"DENY", "DENIES", "DENIED", "DENYING"}


def test_discard_list(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("# comment\n+TYPHOON   # story\nWORLD CUP\nBAT_\n")
    from eventwire.coding.petrarch_dicts import read_discards

    assert read_discards(Path(path)) == [
        ("TYPHOON", True, False),
        ("WORLD CUP", False, False),
        ("BAT", False, True),
    ]


def test_hyphenated_pattern_words_match_the_tokenizer(tmp_path):
    path = tmp_path / "h.verbs"
    path.write_text(
        "&TROOPS\n+PEACE-KEEPERS\n\n--- SEND [070] ---\nSEND\n- * &TROOPS  [071]\n- * ANTI-WAR  [072]\n"
    )
    d = load_dictionaries(verbs=[path])
    first, second = d.patterns["SEND"]
    assert ("PEACE", "-", "KEEPERS") in first.post[0].phrases
    assert second.post[0].phrases == (("ANTI", "-", "WAR"),)
