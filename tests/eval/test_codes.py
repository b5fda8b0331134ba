import pytest

from eventwire.eval.codes import gold_code, mention_code, mention_codes
from tests.eval.factories import mention


@pytest.mark.parametrize(
    ("country", "code", "expected"),
    [
        ("ISR", "ISRGOV", "ISR"),
        (None, "IGOUNO", "IGO"),
        ("USA", "NGOAMN", "NGO"),
        (None, "IMGMOSALQ", "IMG"),
        ("NAT", None, "IGO"),  # non-ISO country field: an IGO code
        ("PSE", None, "PSE"),
        ("XKX", None, "XKX"),
        ("JAP", None, "JPN"),
        ("SCG", "SCGGOV", "SRB"),  # a former state: its successor, not an IGO
        ("SUN", None, "RUS"),
        ("EUR", "EURGOV", "IGO"),
        ("UNO", "UNOGOV", "IGO"),
        ("INT", "INTREB", "INT"),  # a region or "international": never a country, never an IGO
        ("MEA", None, "MEA"),
        ("ISM", None, "ISM"),
        (None, None, None),
    ],
)
def test_mention_code(country, code, expected):
    assert mention_code(mention(country, code)) == expected


def test_mention_codes_drop_unresolved_and_dedupe():
    assert mention_codes([mention("ISR"), mention("ISR", "ISRMIL"), mention(None)]) == {"ISR"}


def test_gold_code_normalises_legacy_codes_and_case():
    assert gold_code(" vtn ") == "VNM"
    assert gold_code("IGO") == "IGO"
    assert gold_code("YUG") == "SRB"
