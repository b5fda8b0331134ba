"""A small hand-written test set for cross-article linking.

Short reports of the same real-world events by different (fictional) outlets,
written for these tests, with the gold event each report describes. Distractors
share a dyad, a type or a day with a gold event but are different events
(another city, another week, another direction, a promise instead of a meeting).
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.models import Article, Event, Modality, content_hash
from tests.store.conftest import article, event


@dataclass(frozen=True)
class Report:
    gold: str  # which real-world event this report describes
    outlet: str
    published: str
    sentence: str
    plover: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    trigger: str
    when: str | None = None  # event date as the coder would give it
    place: str | None = None
    country: str | None = None
    latlon: tuple[float, float] | None = None
    future: bool = False


KHARKIV = (49.99, 36.23)
MARIUPOL = (47.10, 37.55)

R = Report
REPORTS: tuple[Report, ...] = (
    # Bennett and Putin meet in Sochi
    R("sochi", "Harbour Post", "2021-10-22T18:00", "Israeli Prime Minister Naftali Bennett met Russian "
      "President Vladimir Putin in Sochi on Friday.", "CONSULT", ("ISRGOV",), ("RUSGOV",), "met",
      "2021-10-22", "Sochi", "RUS", (43.60, 39.73)),
    R("sochi", "Steppe Daily", "2021-10-22T20:30", "Putin hosted Bennett at his Black Sea residence in "
      "Sochi on Friday.", "CONSULT", ("RUSGOV",), ("ISRGOV",), "hosted", "2021-10-22", "Sochi", "RUS"),
    R("sochi", "Levant Review", "2021-10-23T07:00", "Bennett's talks with Putin lasted five hours, an aide "
      "said.", "CONSULT", ("ISRGOV",), ("RUS",), "talks"),
    R("sochi", "Weekly Ledger", "2021-11-02T09:00", "Bennett met Putin in October to discuss Syria.",
      "CONSULT", ("ISRGOV",), ("RUSGOV",), "met", "2021-10"),
    R("sochi", "Coastal Times", "2021-10-25T09:00", "Russia's president and Israel's premier discussed Syria "
      "at length, officials said.", "CONSULT", ("RUSGOV",), ("ISRGOV",), "discussed"),
    # Russian shelling of Kharkiv, and of Mariupol the same day, and of Kharkiv a week later
    R("kharkiv", "Northern Wire", "2022-02-28T15:00", "Russian artillery shelled residential districts of "
      "Kharkiv on Monday.", "ASSAULT", ("RUSMIL",), ("UKR",), "shelled", "2022-02-28", "Kharkiv", "UKR",
      KHARKIV),
    R("kharkiv", "Harbour Post", "2022-02-28T19:00", "Russian troops pounded Kharkiv with rockets, killing "
      "civilians.", "ASSAULT", ("RUSMIL",), ("UKRCVL",), "pounded", "2022-02-28", "Kharkiv", "UKR"),
    R("kharkiv", "Steppe Daily", "2022-03-01T06:00", "Russia's army shelled the city of Kharkiv, Ukrainian "
      "officials said.", "ASSAULT", ("RUSMIL",), ("UKR",), "shelled", None, "Kharkiv", "UKR"),
    R("mariupol", "Northern Wire", "2022-02-28T16:00", "Russian forces shelled the port city of Mariupol "
      "on Monday.", "ASSAULT", ("RUSMIL",), ("UKR",), "shelled", "2022-02-28", "Mariupol", "UKR",
      MARIUPOL),
    R("mariupol", "Coastal Times", "2022-03-01T08:00", "Russian shelling hit Mariupol's port on Monday, "
      "the mayor said.", "ASSAULT", ("RUSMIL",), ("UKR",), "shelling", "2022-02-28", "Mariupol", "UKR"),
    R("kharkiv", "Levant Review", "2022-03-01T05:00", "Ukraine's second city came under heavy Russian fire.",
      "ASSAULT", ("RUSMIL",), ("UKR",), "fire"),
    R("kharkiv-again", "Northern Wire", "2022-03-07T15:00", "Russian artillery shelled Kharkiv again on "
      "Monday.", "ASSAULT", ("RUSMIL",), ("UKR",), "shelled", "2022-03-07", "Kharkiv", "UKR", KHARKIV),
    # United States, British and European Union sanctions on Russia
    R("us-sanctions", "Capitol Courier", "2022-02-22T21:00", "The Biden administration imposed sanctions "
      "on two Russian banks on Tuesday.", "SANCTION", ("USAGOV",), ("RUS",), "imposed", "2022-02-22"),
    R("us-sanctions", "Harbour Post", "2022-02-23T05:00", "Washington slapped sanctions on Russian banks "
      "and sovereign debt.", "SANCTION", ("USA",), ("RUS",), "slapped"),
    R("us-sanctions", "Northern Wire", "2022-02-22T23:00", "President Biden announced sanctions against "
      "Russia on Tuesday.", "SANCTION", ("USAGOV",), ("RUSGOV",), "announced", "2022-02-22"),
    R("uk-sanctions", "Levant Review", "2022-02-22T17:00", "Britain imposed sanctions on five Russian banks "
      "on Tuesday.", "SANCTION", ("GBRGOV",), ("RUS",), "imposed", "2022-02-22"),
    R("eu-sanctions", "Coastal Times", "2022-02-23T20:00", "European Union ministers agreed sanctions on "
      "Russian lawmakers on Wednesday.", "SANCTION", ("EUR",), ("RUSGOV",), "agreed", "2022-02-23"),
    R("eu-sanctions", "Steppe Daily", "2022-02-24T06:00", "The EU sanctioned members of the Russian Duma.",
      "SANCTION", ("EUR",), ("RUSLEG",), "sanctioned"),
    # Two Hong Kong protests a week apart
    R("hk-june-9", "Harbour Post", "2019-06-09T22:00", "Hundreds of thousands of protesters marched in "
      "Hong Kong on Sunday against the extradition bill.", "PROTEST", ("HKGCVL",), ("HKGGOV",),
      "marched", "2019-06-09", "Hong Kong", "HKG"),
    R("hk-june-9", "Levant Review", "2019-06-10T03:00", "Protesters filled the streets of Hong Kong "
      "opposing the government's bill.", "PROTEST", ("HKGCVL",), ("HKGGOV",), "filled", None, "Hong Kong",
      "HKG"),
    R("hk-june-16", "Harbour Post", "2019-06-16T21:00", "Protesters in black marched again in Hong Kong "
      "on Sunday, demanding the leader resign.", "PROTEST", ("HKGCVL",), ("HKGGOV",), "marched",
      "2019-06-16", "Hong Kong", "HKG"),
    R("hk-june-16", "Coastal Times", "2019-06-17T02:00", "A huge crowd marched through Hong Kong on "
      "Sunday to demand Carrie Lam step down.", "PROTEST", ("HKGCVL",), ("HKGGOV",), "marched",
      "2019-06-16", "Hong Kong", "HKG"),
    # Japanese aid to Turkey after the earthquake
    R("japan-aid", "Coastal Times", "2023-02-07T10:00", "Japan sent a disaster relief team to Turkey on "
      "Tuesday.", "AID", ("JPNGOV",), ("TUR",), "sent", "2023-02-07"),
    R("japan-aid", "Northern Wire", "2023-02-07T14:00", "Tokyo dispatched rescue workers to southern "
      "Turkey.", "AID", ("JPN",), ("TURCVL",), "dispatched"),
    # Accusations over hacking, in both directions
    R("us-accuses", "Capitol Courier", "2021-07-19T16:00", "The United States accused China of a massive "
      "hack of Microsoft email servers on Monday.", "ACCUSE", ("USAGOV",), ("CHN",), "accused",
      "2021-07-19"),
    R("us-accuses", "Harbour Post", "2021-07-19T18:00", "Washington blamed Beijing's security ministry "
      "for the cyberattack.", "ACCUSE", ("USA",), ("CHNGOV",), "blamed"),
    R("us-accuses", "Levant Review", "2021-07-20T04:00", "The White House accused China of hiring "
      "criminal hackers.", "ACCUSE", ("USAGOV",), ("CHN",), "accused"),
    R("china-accuses", "Steppe Daily", "2021-07-20T12:00", "China accused the United States of being the "
      "world's largest source of cyberattacks on Tuesday.", "ACCUSE", ("CHNGOV",), ("USA",), "accused",
      "2021-07-20"),
    # The Geneva summit, and a promise of another meeting
    R("geneva", "Capitol Courier", "2021-06-16T19:00", "Biden and Putin met in Geneva on Wednesday for "
      "their first summit.", "CONSULT", ("USAGOV",), ("RUSGOV",), "met", "2021-06-16", "Geneva", "CHE",
      (46.20, 6.14)),
    R("geneva", "Steppe Daily", "2021-06-16T21:00", "Putin held talks with Biden in a lakeside villa in "
      "Geneva.", "CONSULT", ("RUSGOV",), ("USAGOV",), "held talks", "2021-06-16", "Geneva", "CHE"),
    R("geneva", "Weekly Ledger", "2021-06-17T08:00", "The Geneva summit between Biden and Putin ended "
      "without a breakthrough.", "CONSULT", ("USAGOV",), ("RUSGOV",), "summit", None, "Geneva", "CHE"),
    R("meet-again", "Capitol Courier", "2021-06-17T15:00", "Biden said he would meet Putin again.",
      "CONSULT", ("USAGOV",), ("RUSGOV",), "meet", None, future=True),
)  # fmt: skip


def build(report: Report) -> tuple[Article, Event]:
    """The Article and Event a coder would produce for a report."""
    slug = report.outlet.lower().replace(" ", "")
    art = article(
        report.sentence,
        title=report.sentence[:60],
        url=f"https://{slug}.example/{content_hash(report.sentence, length=8)}",
        publisher=report.outlet,
        published=report.published,
    )
    ev = event(
        art, report.plover, list(report.actors), list(report.recipients), trigger=report.trigger,
        when=report.when, place=report.place, place_country=report.country, latlon=report.latlon,
        modality=Modality(future=report.future),
    )  # fmt: skip
    return art, ev


def corpus() -> tuple[list[tuple[Article, list[Event]]], dict[str, str]]:
    """(add_batch items, gold: event id → gold event key)."""
    items, gold = [], {}
    for report in REPORTS:
        art, ev = build(report)
        items.append((art, [ev]))
        gold[ev.id] = report.gold
    return items, gold
