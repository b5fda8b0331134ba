from collections import Counter

from eventwire.eval.split import part_of


def test_part_is_stable_and_depends_only_on_the_key():
    assert part_of("story-17") == part_of("story-17")
    assert {part_of(f"k{i}") for i in range(50)} == {"tune", "check"}


def test_share_of_check_keys_is_near_the_asked_share():
    counts = Counter(part_of(f"record-{i}", 0.3) for i in range(4000))
    assert 0.27 < counts["check"] / 4000 < 0.33


def test_a_larger_share_only_adds_check_keys():
    keys = [f"id{i}" for i in range(500)]
    small = {k for k in keys if part_of(k, 0.2) == "check"}
    large = {k for k in keys if part_of(k, 0.4) == "check"}
    assert small < large
