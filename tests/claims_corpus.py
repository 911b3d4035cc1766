"""A corpus of briefings whose claims move (contract v1.1), written as plain dicts.

Claims go through several statuses (same-day steps included), some briefings carry
corrections (several, on different dates, one set written newest first), some give
``updated`` and some do not, and watch items are plain lines, open (due later, due
the build's own day, overdue), resolved by date only, or resolved ``by`` another
briefing with and without ``resolved``. The build's day is fixed by SOURCE_DATE_EPOCH.

Tests compute every expected figure from these dicts alone, never from autobrief.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import yaml

BUILD_DAY = date(2026, 4, 15)  # the day SOURCE_DATE_EPOCH falls on (UTC)
SOURCE_DATE_EPOCH = str(int(datetime(2026, 4, 15, 12, 0, tzinfo=timezone.utc).timestamp()))
FEED_LIMIT = 20  # below the number of status changes, so the site's changes.xml is cut
CEST = timezone(timedelta(hours=2))
EEST = timezone(timedelta(hours=3))

D = date


def _b(path: str, **front) -> dict:
    slug = path.rsplit("/", 1)[1]
    return {"path": f"{path}.md", "address": path, "slug": slug, "front": front, "body": f"Body of {slug}.\n"}


CORPUS: list[dict] = [
    # A v1 briefing: nothing of v1.1 at all.
    _b("2026/01/toyota-plain-v1",
       title="Toyota weighs a new hybrid line", date=D(2026, 1, 5), status="reported",
       companies=["Toyota"], regions=["Japan"], sources=[{"name": "Nikkei"}],
       watch=["A plain v1 watch line."]),
    # Story tesla-india-plant, 1/3: three moves, corrections written newest first.
    _b("2026/01/tesla-india-report",
       title="Tesla to build a plant in India?", date=D(2026, 1, 10), status="retracted",
       claim="Tesla picked a site in India for a car plant.",
       companies=["Tesla"], regions=["India"], story="tesla-india-plant",
       sources=[{"name": "Reuters", "date": D(2026, 1, 9)}, {"name": "Bloomberg", "date": D(2026, 1, 25)}],
       denials=[{"party": "Tesla", "statement": "Tesla said no site was chosen."}],
       history=[
           {"date": D(2026, 1, 10), "status": "reported", "note": "Reuters reports a site was picked."},
           {"date": D(2026, 1, 12), "status": "denied", "note": "Tesla says no site was chosen.",
            "url": "https://example.com/tesla-denial"},
           {"date": D(2026, 1, 20), "status": "retracted", "note": "Reuters withdraws its report.",
            "url": "https://example.com/reuters-retraction"},
       ],
       corrections=[
           {"date": D(2026, 1, 21), "text": "An earlier version named the wrong state."},
           {"date": D(2026, 1, 15), "text": "An earlier version overstated the plant's capacity."},
       ],
       watch=[
           {"item": "A statement by Tesla on India.", "resolved": D(2026, 1, 20)},
           {"item": "Land allocated by the state government.", "due": D(2026, 2, 15)},
           {"item": "A production start announced.", "by": "2026/03/tesla-india-confirmed"},
       ]),
    _b("2026/01/byd-price-war",
       title="BYD cuts prices across its range", date=D(2026, 1, 25), updated=D(2026, 2, 5), status="confirmed",
       companies=["BYD"], regions=["China"],
       sources=[{"name": "Reuters", "date": D(2026, 1, 24)}, {"name": "Bloomberg", "date": D(2026, 1, 25)}],
       history=[
           {"date": D(2026, 1, 25), "status": "reported"},
           {"date": D(2026, 2, 1), "status": "disputed", "note": "Dealers contradict the report."},
           {"date": D(2026, 2, 3), "status": "confirmed", "note": "BYD publishes its new price list."},
       ],
       corrections=[{"date": D(2026, 2, 4), "text": "An earlier version gave the cut as 20 percent."}],
       watch=[{"item": "A price cut outside China.", "resolved": D(2026, 2, 3)}]),
    # Story ford-xiaomi-venture, 1/3: the seed's own moves (reported, then denied, the same day).
    _b("2026/02/fx-talks",
       title="Ford and Xiaomi talked about cooperation on cars in the US?", date=D(2026, 2, 2), status="denied",
       claim="Ford discussed with Xiaomi a cooperation on electric vehicles in the USA.",
       companies=["Ford", "Xiaomi"], regions=["US", "China"], story="ford-xiaomi-venture",
       sources=[{"name": "Financial Times", "date": D(2026, 2, 2)},
                {"name": "Reuters", "via": "Financial Times", "url": "https://www.reuters.com/", "date": D(2026, 2, 2)}],
       denials=[{"party": "Ford", "statement": "Ford called the report false."}],
       history=[
           {"date": D(2026, 2, 2), "status": "reported", "note": "The FT reports exploratory talks.",
            "url": "https://example.com/ft-talks"},
           {"date": D(2026, 2, 2), "status": "denied", "note": "Ford and Xiaomi call the report false."},
       ],
       corrections=[
           {"date": D(2026, 2, 3), "text": "An earlier version said the talks were about batteries."},
           {"date": D(2026, 2, 10), "text": "An earlier version misnamed Xiaomi's car."},
       ],
       watch=[
           "A formal partnership announcement.",
           {"item": "Any US regulatory filing naming both companies.", "due": D(2026, 6, 30),
            "by": "2026/03/fx-venture-announced"},
           {"item": "A Ford statement on Chinese suppliers.", "due": D(2026, 3, 1)},
       ]),
    _b("2026/02/vw-osnabrueck",
       title="Volkswagen may close its Osnabrueck plant", date=D(2026, 2, 5), status="reported",
       companies=["Volkswagen"], regions=["Germany"], sources=[{"name": "Handelsblatt"}],
       watch=[{"item": "A supervisory board vote.", "due": D(2026, 2, 28)}]),
    _b("2026/02/byd-hungary-delay",
       title="BYD delays its plant in Hungary", date=D(2026, 2, 14), status="disputed",
       companies=["BYD"], regions=["EU"],
       sources=[{"name": "Handelsblatt", "date": D(2026, 2, 13)}],
       history=[
           {"date": D(2026, 2, 14), "status": "reported", "note": "Handelsblatt reports a delay."},
           {"date": D(2026, 2, 16), "status": "disputed", "note": "BYD says the timetable stands."},
       ],
       corrections=[{"date": D(2026, 2, 16), "text": "An earlier version placed the plant in Debrecen."}],
       watch=[
           {"item": "An opening date for the Szeged plant.", "due": D(2026, 3, 31)},
           {"item": "An EU subsidy decision.", "due": datetime(2026, 4, 11, 23, 30, tzinfo=CEST)},
       ]),
    # Story tesla-india-plant, 2/3: no history; one item resolved by a later briefing, with a date.
    _b("2026/02/tesla-india-revived",
       title="Tesla revives its India plans", date=D(2026, 2, 20), status="reported",
       companies=["Tesla"], regions=["India"], story="tesla-india-plant",
       sources=[{"name": "Financial Times", "date": D(2026, 2, 19)}],
       watch=[
           {"item": "A confirmation by the Indian ministry.", "due": D(2026, 4, 30), "resolved": D(2026, 4, 1),
            "by": "2026/03/tesla-india-confirmed"},
           {"item": "Tesla job postings in India.", "due": D(2026, 4, 13)},
           {"item": "An Indian tax ruling.", "due": BUILD_DAY},  # due today: not overdue yet
       ]),
    # Same-day move, no corrections, no updated: modified is the publication.
    _b("2026/03/vw-rivian-software",
       title="Volkswagen and Rivian extend their software venture", date=D(2026, 3, 5), status="confirmed",
       companies=["Volkswagen", "Rivian"], regions=["US"],
       sources=[{"name": "Bloomberg", "date": D(2026, 3, 4)}, {"name": "Reuters", "via": "Bloomberg"}],
       history=[
           {"date": D(2026, 3, 5), "status": "reported"},
           {"date": D(2026, 3, 5), "status": "confirmed", "note": "Both companies confirm in a joint statement."},
       ],
       watch=["First software-defined Volkswagen model."]),
    # Corrections without a history.
    _b("2026/03/ford-cologne-cuts",
       title="Ford plans job cuts in Cologne", date=D(2026, 3, 10), status="reported",
       companies=["Ford"], regions=["Germany"], sources=[{"name": "Handelsblatt"}],
       corrections=[{"date": D(2026, 3, 11), "text": "An earlier version gave the wrong number of jobs."}],
       watch=[{"item": "A works council statement.", "due": D(2026, 5, 1)}]),
    # Story ford-xiaomi-venture, 2/3: answers fx-talks' filing item (by, without resolved).
    _b("2026/03/fx-venture-announced",
       title="Ford and Xiaomi announce a venture", date=D(2026, 3, 20), updated=D(2026, 3, 22), status="confirmed",
       companies=["Ford", "Xiaomi"], regions=["US"], story="ford-xiaomi-venture",
       sources=[{"name": "Bloomberg", "date": D(2026, 3, 19)}],
       history=[{"date": D(2026, 3, 20), "status": "confirmed", "note": "A joint statement announces the venture.",
                 "url": "https://example.com/joint-statement"}],
       watch=[{"item": "A first joint model.", "due": D(2026, 12, 31)}]),
    # Story tesla-india-plant, 3/3: four steps; updated given, earlier than its last step.
    _b("2026/03/tesla-india-confirmed",
       title="Tesla confirms an Indian plant", date=D(2026, 3, 25), updated=D(2026, 3, 30), status="confirmed",
       companies=["Tesla"], regions=["India"], story="tesla-india-plant",
       sources=[{"name": "Reuters", "date": D(2026, 3, 24)}, {"name": "Financial Times"}],
       history=[
           {"date": D(2026, 3, 25), "status": "reported", "note": "Reuters reports a signed land deal."},
           {"date": D(2026, 3, 26), "status": "denied", "note": "The state government denies it."},
           {"date": D(2026, 3, 28), "status": "disputed", "note": "Tesla's filing contradicts the state."},
           {"date": D(2026, 4, 1), "status": "confirmed", "note": "Tesla and the ministry confirm the plant.",
            "url": "https://example.com/tesla-india-confirmed"},
       ]),
    # Story ford-xiaomi-venture, 3/3: the last step repeats the status; a mapping watch item without due.
    _b("2026/04/fx-dealers-react",
       title="Ford dealers question the Xiaomi venture", date=D(2026, 4, 2), status="disputed",
       companies=["Ford", "Xiaomi"], regions=["US"], story="ford-xiaomi-venture",
       sources=[{"name": "Automotive News"}],
       history=[
           {"date": D(2026, 4, 2), "status": "reported", "note": "Dealers are said to oppose the venture."},
           {"date": D(2026, 4, 5), "status": "disputed", "note": "Ford says dealers back it."},
           {"date": D(2026, 4, 9), "status": "disputed", "note": "A dealer group contradicts Ford again."},
       ],
       watch=[{"item": "A letter from the dealer council."}]),
    # Times with their offsets.
    _b("2026/04/tesla-robotaxi",
       title="Tesla starts a robotaxi service in Austin", date=datetime(2026, 4, 3, 9, 30, tzinfo=CEST),
       status="confirmed", companies=["Tesla"], regions=["US"],
       sources=[{"name": "Reuters", "date": D(2026, 4, 3)}],
       history=[
           {"date": datetime(2026, 4, 3, 9, 30, tzinfo=CEST), "status": "reported"},
           {"date": datetime(2026, 4, 3, 18, 0, tzinfo=CEST), "status": "confirmed", "note": "Tesla opens the app."},
       ]),
    _b("2026/04/xiaomi-yu7-export",
       title="Xiaomi to export the YU7 to Europe?", date=D(2026, 4, 8), status="denied",
       companies=["Xiaomi"], regions=["EU"],
       sources=[{"name": "Financial Times", "date": D(2026, 4, 8)}, {"name": "Nikkei", "via": "Financial Times"}],
       denials=[{"party": "Xiaomi", "statement": "Xiaomi said it has no export plans this year."}],
       history=[
           {"date": D(2026, 4, 8), "status": "reported"},
           {"date": D(2026, 4, 10), "status": "denied", "note": "Xiaomi denies export plans."},
       ],
       corrections=[{"date": D(2026, 4, 11), "text": "An earlier version called the YU7 a sedan."}],
       watch=[{"item": "Xiaomi export filings.", "due": D(2026, 4, 12)}]),
]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _represent_datetime(dumper, value: datetime):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(datetime, _represent_datetime)


def write(folder, items: list[dict] = CORPUS) -> None:
    for item in items:
        path = folder / item["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "---\n" + yaml.dump(item["front"], Dumper=_Dumper, allow_unicode=True, sort_keys=False) + "---\n" + item["body"]
        path.write_text(text, encoding="utf-8")
