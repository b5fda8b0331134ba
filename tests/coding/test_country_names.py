"""The one country alias table, as the coding stage reads it."""

from __future__ import annotations

from eventwire.coding.country_names import country_names


def test_every_country_has_its_names_and_place_only_names_are_apart() -> None:
    table = country_names()
    assert len(table) > 150
    usa, kor = table["USA"], table["KOR"]
    assert "America" in usa.names and "Americans" in usa.people and "White House" in usa.seats
    assert "korea" in kor.place_names and "korea" not in kor.names  # a place name, never an actor
    assert set(kor.aliases) == {*kor.names, *kor.place_names}


def test_the_actor_stage_reads_the_same_table_unchanged_by_the_place_column() -> None:
    from importlib.resources import files

    from eventwire.actors.countries import read_country_table

    path = files("eventwire.actors").joinpath("data/countries.tsv")
    actors = read_country_table(path)  # type: ignore[arg-type]
    for iso3, names in country_names().items():
        assert actors[iso3]["names"] == list(names.names)
        assert actors[iso3]["seats"] == list(names.seats)
