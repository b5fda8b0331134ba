"""PETRARCH actor and agent dictionary constructs, on small dictionaries written for the test."""

from eventwire.actors.model import Role
from eventwire.actors.tabari import read_actor_dictionary, read_agent_dictionary
from eventwire.errors import InputError

ACTORS = """<!-- TEST ACTORS -->
<!--
# a multi-line comment with [CODES] inside
# -->
<! -- odd spelling of a comment -->
WESTLAND [wst]
SHIRE_LANDS  [ABC/DEF/GHI]
HERO_KNIGHT  [+++]
NOBODY  [---]
TOWER  [###]
MARA_GREY  # comment
+MARA
\t[WSTCIV < 950601]
\t[WSTGOV 19950601 - 19990815]
\t[WSTREB >990816]
OLD_KING
\t[--- <950630]
\t[KNG]
BAD_ONE [WST 1999-2000]
"""


def test_actor_constructs(tmp_path):
    path = tmp_path / "t.actors"
    path.write_text(ACTORS)
    errors: list[InputError] = []
    records = {r.names[0][0]: r for r in read_actor_dictionary(path, errors=errors)}
    assert records["WESTLAND"].default == "WST"
    assert records["SHIRE_LANDS"].default == "ABC/DEF/GHI"
    assert records["HERO_KNIGHT"].default == "+++"
    assert records["TOWER"].default == "###"
    mara = records["MARA_GREY"]
    assert [n for n, _ in mara.names] == ["MARA_GREY", "MARA"]
    assert mara.roles == [
        Role("WSTCIV", None, "1995-06-01"),
        Role("WSTGOV", "1995-06-01", "1999-08-15"),
        Role("WSTREB", "1999-08-16", None),
    ]
    assert (
        records["OLD_KING"].roles == [Role("---", None, "1995-06-30")]
        and records["OLD_KING"].default == "KNG"
    )
    assert [str(e) for e in errors] == [f"{path}:19: bad date '1999' (want YYMMDD or YYYYMMDD)"]


def test_agent_constructs(tmp_path):
    path = tmp_path / "t.agents"
    path.write_text(
        "<!-- TEST AGENTS -->\n"
        "!PERSON! = MAN, WOMAN\n"
        "GUARD {} [ ~COP]\n"
        "HELPER_BODY  [  NGO~]\n"
        "GOOSE {GEESE} [~GGS]\n"
        "ASSEMBLY!PERSON! [~LEG]\n"
        "CLASS [~EDU]\n"
        "# COMMENTED [~XXX]\n"
    )
    agents = {a.phrase: a.code for a in read_agent_dictionary(path)}
    assert agents == {
        "GUARD": "~COP",
        "HELPER_BODY": "NGO~",
        "HELPER_BODIES": "NGO~",
        "GOOSE": "~GGS",
        "GEESE": "~GGS",
        "ASSEMBLYMAN": "~LEG",
        "ASSEMBLYWOMAN": "~LEG",
        "CLASS": "~EDU",
        "CLASSES": "~EDU",
    }
