from eventwire.coding.ontology import PLOVER_TYPES, Ontology


def test_visit_code_is_consult_visit():
    info = Ontology.load()["042"]
    assert (info.plover_type, info.mode, info.root, info.quad_class) == ("CONSULT", "visit", "04", 1)
    assert info.goldstein == 1.9


def test_every_plover_type_is_reachable_and_known():
    onto = Ontology.load()
    types = {
        onto.get(code).plover_type
        for code in (
            "036",
            "040",
            "051",
            "080",
            "062",
            "070",
            "0841",
            "100",
            "112",
            "120",
            "130",
            "141",
            "163",
            "152",
            "173",
            "190",
        )
    }
    assert types == set(PLOVER_TYPES)


def test_unknown_subcode_falls_back_to_parent():
    info = Ontology.load().get("0429")
    assert info is not None and info.code == "0429" and info.plover_type == "CONSULT"
    assert Ontology.load().get("99") is None


def test_statements_are_not_events_but_appeals_are_requests():
    onto = Ontology.load()
    assert onto["010"].plover_type is None and onto["010"].quad_class == 0
    assert onto["020"].plover_type == "REQUEST"
    assert onto["016"].plover_type == "REJECT"


def test_sanctions_follow_the_codebook():
    info = Ontology.load()["163"]
    assert (info.plover_type, info.mode, info.context) == ("SANCTION", "discontinue", ("economic",))


def test_modes_come_from_the_codebook():
    onto = Ontology.load()
    assert onto.is_mode("ASSAULT", "aerial")
    assert not onto.is_mode("CONSULT", "aerial")
