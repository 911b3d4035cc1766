"""Deterministic generator of contract-valid briefings for the benchmark.

    python bench/generate.py OUT N [--seed S] [--no-v11] [--history-share F]

writes N briefings to OUT/briefings/YYYY/MM/<slug>.md. The same seed and N
always give the same bytes: seeded random.Random streams, no wall clock, stdlib
only. The shape follows what a real desk produces: a few companies, outlets and
regions are very common and most are rare (Zipf-like), a quarter of the
briefings belong to developing stories, and bodies are 400-800 words.

Contract v1.1 fields (on by default; --no-v11 writes a v1 corpus): a `history`
on about a third of the briefings, `corrections` on about 5 %, and watch lists
that mix strings with mappings (`item`, `due`, `resolved`, `by`). They come
from a second random stream, so a v1 and a v1.1 corpus of the same seed and N
hold the same briefings, and differ only by those fields (and an `updated`
moved up to the latest of them).

Registries (v1.1, on by default; --no-registry leaves them out): `registry/` beside
`briefings/` with every real company (aliases, Wikidata-like ids, LEIs with valid check
digits, countries, a few parents), every outlet (with its usual short names), the
authors and a share of the stories; about one company or outlet name in ten is then
written as one of its aliases, from a third random stream.
"""

from __future__ import annotations

import json
import random
import re
import sys
import textwrap
from bisect import bisect, bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from pathlib import Path

STATUS_WEIGHTS = {"reported": 35, "denied": 20, "disputed": 15, "confirmed": 22, "retracted": 8}
FIRST_DAY, DAYS = date(2021, 1, 1), 5 * 365 + 180  # January 2021 to mid-2026
OFFSETS = [0, 1, 2, 8, 9, -5, -8, 5.5]  # hours east of UTC, for the dated-with-time briefings

REAL_COMPANIES = [
    "Ford", "Toyota", "Volkswagen", "Tesla", "BYD", "Stellantis", "General Motors", "Hyundai", "Kia", "BMW",
    "Mercedes-Benz", "Nissan", "Honda", "Renault", "Geely", "Xiaomi", "Volvo Cars", "NIO", "XPeng", "Li Auto",
    "SAIC", "Great Wall Motor", "Chery", "Rivian", "Lucid", "Mazda", "Subaru", "Suzuki", "Tata Motors", "Mahindra",
    "CATL", "LG Energy Solution", "Panasonic", "Samsung SDI", "Bosch", "Continental", "ZF", "Magna", "Foxconn",
    "Huawei", "Baidu", "Waymo",
]
STEMS = "Vol Nex Arc Tor Zen Kai Ori Sol Lum Ver Aur Cel Dra Fen Hal Ion Jet Kor Lyn Mar Nor Ost Pol Qua Rho Sev Tav Ulm Vey Wex".split()
ENDINGS = "ara ion ex ity on is ora tek va ium ent ano".split()
KINDS = ["", " Motors", " Automotive", " Mobility", " Group", " AG", " Technologies", " Energy", " Electric", " Auto"]

# (name, domain, is a wire service); wires mostly relay what a newspaper found.
OUTLETS = [
    ("Reuters", "reuters.com", True), ("Bloomberg", "bloomberg.com", True), ("Associated Press", "apnews.com", True),
    ("AFP", "afp.com", True), ("Kyodo", "english.kyodonews.net", True), ("Yonhap", "en.yna.co.kr", True),
    ("Financial Times", "ft.com", False), ("Wall Street Journal", "wsj.com", False), ("Nikkei Asia", "asia.nikkei.com", False),
    ("Handelsblatt", "handelsblatt.com", False), ("Automotive News", "autonews.com", False), ("Electrek", "electrek.co", False),
    ("CnEVPost", "cnevpost.com", False), ("Caixin", "caixinglobal.com", False), ("Les Echos", "lesechos.fr", False),
    ("Il Sole 24 Ore", "ilsole24ore.com", False), ("The Verge", "theverge.com", False), ("TechCrunch", "techcrunch.com", False),
    ("Autocar", "autocar.co.uk", False), ("Car News China", "carnewschina.com", False), ("Jiemian", "jiemian.com", False),
    ("36Kr", "36kr.com", False), ("Korea Herald", "koreaherald.com", False), ("Economic Times", "economictimes.com", False),
    ("Mint", "livemint.com", False), ("Le Monde", "lemonde.fr", False), ("Der Spiegel", "spiegel.de", False),
    ("Auto Motor und Sport", "auto-motor-und-sport.de", False), ("Motor1", "motor1.com", False),
    ("InsideEVs", "insideevs.com", False), ("Teslarati", "teslarati.com", False), ("CNBC", "cnbc.com", False),
    ("New York Times", "nytimes.com", False), ("Washington Post", "washingtonpost.com", False),
    ("The Guardian", "theguardian.com", False), ("Politico", "politico.eu", False), ("Asahi Shimbun", "asahi.com", False),
    ("Bild", "bild.de", False), ("Car and Driver", "caranddriver.com", False), ("The Information", "theinformation.com", False),
]
REGIONS = ["US", "China", "EU", "Germany", "Japan", "South Korea", "India", "Mexico", "Brazil", "UK", "France",
           "Italy", "Spain", "Canada", "Thailand", "Indonesia", "Turkey", "Hungary", "Poland", "Norway"]
TAGS = """electric-vehicles batteries tariffs partnerships recalls layoffs earnings autonomous-driving software chips
supply-chain plants acquisitions joint-ventures pricing subsidies regulation emissions hydrogen charging
solid-state-batteries lithium rare-earths trade us-china-relations eu-policy labour strikes leadership
investment ipo bankruptcy restructuring robotaxis lidar connected-cars cybersecurity over-the-air safety
crash-tests exports imports market-share sales luxury commercial-vehicles trucks two-wheelers platforms
licensing design infotainment ai semiconductors steel aluminium logistics dealers financing used-cars
motorsport""".split()
AUTHORS = ["Editor", "Ana Petrović", "Marko Ilić", "Jana Novak", "Luka Horvat", "Sara Kovač", "Ivan Babić",
           "Mia Jurić", "Tomislav Knežević", "Petra Marić", "David Vuković", "Ema Pavlović"]

# Each topic: title templates, claim template, base tags. {a} and {b} are companies, {r} a region.
TOPICS = [
    (["{a} and {b} in talks on {r} cooperation", "{a} and {b} discussed a joint project in {r}?"],
     "{a} discussed with {b} a cooperation on electric vehicles, including local production in {r}.", ["partnerships"]),
    (["{a} plans battery plant in {r}", "{a} to build a new plant in {r}?"],
     "{a} intends to build a battery or vehicle plant in {r}.", ["plants", "batteries"]),
    (["{a} recalls vehicles in {r} over software fault", "{a} widens recall in {r}"],
     "{a} is recalling vehicles in {r} because of a software fault.", ["recalls", "safety"]),
    (["{a} to cut jobs in {r}", "{a} weighs layoffs at {r} operations"],
     "{a} is preparing job cuts at its operations in {r}.", ["layoffs", "restructuring"]),
    (["{a} weighs bid for {b}", "{a} in early talks to buy a stake in {b}"],
     "{a} is considering an offer for all or part of {b}.", ["acquisitions", "investment"]),
    (["{a} signs battery supply deal with {b}", "{b} to supply cells to {a}?"],
     "{b} will supply battery cells to {a} under a multi-year agreement.", ["batteries", "supply-chain"]),
    (["{a} to license {b}'s driver-assistance software", "{a} picks {b} for autonomous driving stack"],
     "{a} will license driver-assistance software developed by {b}.", ["software", "autonomous-driving", "licensing"]),
    (["{a} considers leaving {r}", "{a} reviews its future in {r}"],
     "{a} is reviewing whether to withdraw from the market in {r}.", ["market-share", "restructuring"]),
    (["{a} cuts prices in {r}", "{a} starts price war in {r}?"],
     "{a} has cut the list prices of its electric models in {r}.", ["pricing", "electric-vehicles"]),
    (["{a} chief executive to step down", "Leadership change at {a}?"],
     "The chief executive of {a} will leave the company this year.", ["leadership"]),
    (["{a} delays electric platform", "{a} pushes back next-generation EV platform"],
     "{a} has postponed the launch of its next-generation electric platform.", ["platforms", "electric-vehicles"]),
    (["{r} tariffs hit {a} exports", "{a} shifts production to avoid {r} tariffs"],
     "New tariffs in {r} will force {a} to move part of its production.", ["tariffs", "trade"]),
]
HEADINGS = ["Background", "What was reported", "The denials", "Why it matters", "Market context", "What analysts say",
            "The politics", "Supply chain", "The numbers", "What it signals", "Regulators", "Earlier reports"]
SENTENCES = [
    "{a} declined to comment on the report when contacted by {o}.",
    "According to {o}, people familiar with the matter said talks between {a} and {b} began earlier this year.",
    "Analysts said such a move would put further pressure on margins in {r}.",
    "The report did not say how far the discussions had progressed or whether any agreement was close.",
    "{a} has spent the last two years cutting costs and simplifying its model range.",
    "Sales of electric vehicles in {r} grew more slowly than expected last quarter.",
    "Any deal would probably need approval from regulators in {r} and possibly in other markets.",
    "{b} has said in the past that it is open to partnerships but would not give up control of its technology.",
    "People close to {a} described the talks as exploratory and said no decision was expected soon.",
    "Shares of {a} moved sharply after the report and recovered part of the loss by the close.",
    "The timing is sensitive, because tariff negotiations in {r} are still under way.",
    "{o} first reported the plan, citing two people with knowledge of internal documents.",
    "Battery costs remain the biggest single item in the price of an electric car.",
    "Several suppliers said they had not been informed of any change to production schedules.",
    "Industry observers pointed out that similar reports about {a} surfaced in {y} and came to nothing.",
    "Unions in {r} said they would oppose any plan that puts local jobs at risk.",
    "The company is due to present its strategy update to investors later this year.",
    "A spokesperson for {b} said the company does not comment on rumours or speculation.",
    "The government in {r} has offered subsidies to manufacturers that build batteries locally.",
    "Competition from Chinese manufacturers has forced established brands to rethink their plans.",
    "Software and electronics now account for a growing share of the cost of developing a new model.",
    "It is not the first time the two companies have been linked in the press.",
]
BULLETS = [
    "an official announcement by {a} or {b}", "a regulatory filing in {r}", "comments from {a} at its next earnings call",
    "production data from plants in {r}", "supplier orders that point to new capacity", "a change in tariffs in {r}",
    "job advertisements for a new site in {r}", "a statement from the unions at {a}", "price lists for the next model year",
    "a second outlet confirming the report of {o}",
]
STATEMENTS = [
    "{p} called the report false.",
    "{p} said it does not comment on market speculation.",
    "{p} said no decision had been taken and that it regularly reviews its options.",
    "A spokesperson for {p} denied that any agreement had been signed or was being negotiated.",
    "{p} rejected the allegations and said its plans for {r} are unchanged and were presented publicly earlier in the year.",
]
WATCH = [
    "An official announcement of a partnership or joint project between {a} and {b}.",
    "Changes in tariffs or rules on imported vehicles in {r}.",
    "A filing with regulators in {r}.", "Comments from {a} at its next results presentation.",
    "Other carmakers licensing platforms or technology from {b}.", "Hiring for a new plant in {r}.",
]

# Contract v1.1. {a} is the first company, {o} the outlet that broke it, {r} the first region.
HISTORY_SHARE, CORRECTION_SHARE = 0.33, 0.05  # of the briefings
WATCH_MAPPING_SHARE = 0.45  # of the watch entries, in the v1.1 corpus
NOTES = {
    "reported": ["{o} reports the claim, citing people familiar with the matter.",
                 "A second outlet repeats the report of {o}.",
                 "{o} adds details from internal documents seen by its reporters."],
    "denied": ["{a} calls the report false.", "A spokesperson for {a} denies that any agreement exists.",
               "{a} says its plans for {r} are unchanged."],
    "disputed": ["{a} confirms talks but denies that a decision has been taken.",
                 "Accounts conflict: one party confirms the report, another denies it.",
                 "{a} denies part of the report and does not comment on the rest."],
    "confirmed": ["{a} confirms it in an official statement.", "A regulatory filing in {r} confirms the plan.",
                  "{a} announces it at its results presentation."],
    "retracted": ["{o} withdraws its report.", "{o} corrects its report: the central claim no longer stands."],
}
MIDDLE_STATUSES = ("reported", "denied", "disputed", "confirmed")  # where a claim passes on its way
CORRECTIONS = [
    "An earlier version gave the wrong date for the report of {o}.",
    "An earlier version misspelled the name of {a}.",
    "An earlier version said {a} had declined to comment; it had not been asked.",
    "An earlier version placed the site in the wrong part of {r}.",
    "An earlier version attributed the first report to the wrong outlet; it was {o}.",
]
DOMAINS = {name: domain for name, domain, _ in OUTLETS}


@dataclass(frozen=True)
class Generated:
    """One written briefing, with what the benchmark variants need to re-publish it."""

    path: Path  # the written file
    rel: str  # YYYY/MM/<slug>.md, relative to the briefings folder
    slug: str
    title: str
    date: date  # a date, or an aware datetime
    tags: tuple[str, ...]
    body: str  # Markdown, without front matter


# ---------------------------------------------------------------- YAML out

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'&()/?-]*")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value, flow: bool = False) -> str:
    """A YAML scalar: plain when unambiguous (as writers do), else JSON-quoted (valid YAML)."""
    if isinstance(value, date):  # datetime too: isoformat keeps the offset
        return value.isoformat()
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS and not (flow and "," in value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _value(value, indent: int) -> str:
    """The text after `key:`: long prose as a folded block, as the contract's examples do."""
    if isinstance(value, str) and len(value) > 70 and " " in value:
        pad = " " * (indent + 2)
        lines = textwrap.wrap(value, 76 - indent, break_long_words=False, break_on_hyphens=False)
        return " >-\n" + "\n".join(pad + line for line in lines)
    return " " + _scalar(value)


def dump_front_matter(fields: dict) -> str:
    """Front matter between --- lines; lists of short strings inline, mappings as blocks."""
    out = ["---"]
    for key, value in fields.items():
        if not isinstance(value, list):
            out.append(f"{key}:{_value(value, 0)}")
        elif all(isinstance(v, str) and len(v) < 40 for v in value):
            out.append(f"{key}: [{', '.join(_scalar(v, flow=True) for v in value)}]")
        elif all(isinstance(v, str) for v in value):
            out.append(f"{key}:")
            out.extend(f"  -{_value(v, 2)}" for v in value)
        else:  # mappings, or (v1.1 watch lists) strings and mappings mixed
            out.append(f"{key}:")
            for item in value:
                if isinstance(item, str):
                    out.append(f"  -{_value(item, 2)}")
                    continue
                lines = [f"{k}:{_value(v, 4)}" for k, v in item.items()]
                out.append("  - " + "\n    ".join(lines))
    out.append("---")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- content


def slugify(text: str, words: int = 8) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "briefing"


class Zipf:
    """Picks from a ranked list: rank k with weight 1/k**s, so a few items dominate."""

    def __init__(self, items: list, s: float = 1.0):
        self.items = items
        self.cum = list(accumulate(1 / (k ** s) for k in range(1, len(items) + 1)))

    def pick(self, rng: random.Random):
        return self.items[min(bisect(self.cum, rng.random() * self.cum[-1]), len(self.items) - 1)]

    def distinct(self, rng: random.Random, k: int, exclude=()) -> list:
        chosen = list(exclude)
        while len(chosen) < len(exclude) + k:
            item = self.pick(rng)
            if item not in chosen:
                chosen.append(item)
        return chosen[len(exclude):]


def company_names(rng: random.Random, total: int = 300) -> list[str]:
    """Real names at the top of the ranking, then invented but plausible ones."""
    real = list(REAL_COMPANIES)
    rng.shuffle(real)
    invented = sorted({s + e + k for s in STEMS for e in ENDINGS for k in KINDS})
    return real + rng.sample(invented, total - len(real))


def case_variant(rng: random.Random, name: str) -> str:
    # Writers sometimes type FORD for Ford (or Byd for BYD): the site must cope.
    if rng.random() < 0.015:
        return name.capitalize() if name.isupper() else name.upper()
    return name


class Writer:
    """Holds the ranked vocabularies and writes one briefing at a time."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.companies = Zipf(company_names(rng), 1.05)
        self.outlets = Zipf(OUTLETS, 0.9)  # wires and the big papers first
        self.regions = Zipf(REGIONS, 1.1)
        self.tags = Zipf(rng.sample(TAGS, len(TAGS)), 0.8)
        self.authors = Zipf(AUTHORS, 1.2)

    def when(self, day: date) -> date:
        """Mostly a date; sometimes a time with its UTC offset, as the contract allows."""
        rng = self.rng
        if rng.random() > 0.15:
            return day
        offset = timezone(timedelta(hours=rng.choice(OFFSETS)))
        return datetime(day.year, day.month, day.day, rng.randrange(6, 22), rng.choice((0, 15, 30, 45)), tzinfo=offset)

    def sources(self, day: date, ctx: dict) -> list[dict]:
        rng = self.rng
        first = self.outlets.pick(rng)
        names = [first] + self.outlets.distinct(rng, rng.choice((0, 1, 1, 2, 2, 3)), exclude=[first])
        ctx["o"] = first[0]
        out = []
        for i, (name, domain, wire) in enumerate(names):
            source = {"name": name}
            # Later sources cite an earlier one: a wire citing a paper, a blog citing the wire.
            if i and rng.random() < (0.9 if wire else 0.6):
                source["via"] = names[rng.randrange(i)][0]
            if rng.random() < 0.7:
                source["url"] = f"https://www.{domain}/business/autos/{slugify(ctx['title'], 6)}-{rng.randrange(10**5, 10**6)}"
            if rng.random() < 0.25:
                source["title"] = ctx["title"].rstrip("?")
            if rng.random() < 0.5:
                source["date"] = day - timedelta(days=rng.choice((0, 0, 0, 1)))
            out.append(source)
        return out

    def denials(self, status: str, companies: list[str], day: date, ctx: dict) -> list[dict]:
        rng = self.rng
        chance = {"denied": 1.0, "disputed": 0.85, "retracted": 0.3}.get(status, 0.04)
        if not companies or rng.random() > chance:
            return []
        parties = companies[: rng.choice((1, 1, 2))] if status == "denied" else companies[:1]
        out = []
        for party in parties:
            denial = {"party": party, "statement": rng.choice(STATEMENTS).format(p=party, **ctx)}
            if rng.random() < 0.6:
                denial["date"] = day + timedelta(days=rng.choice((0, 0, 1, 2)))
            if rng.random() < 0.4:
                denial["url"] = f"https://www.{slugify(party, 3).replace('-', '')}.com/newsroom/{slugify(ctx['title'], 5)}"
            out.append(denial)
        return out

    def body(self, ctx: dict) -> str:
        """400-800 words: an opening paragraph, then ## sections of paragraphs and bullet lists."""
        rng = self.rng
        target = rng.randrange(400, 730)  # the last sentence or list may run past it
        words = 0
        blocks: list[str] = []
        headings = rng.sample(HEADINGS, len(HEADINGS))

        def paragraph() -> str:
            nonlocal words
            sentences = []
            for template in rng.sample(SENTENCES, rng.randrange(3, 7)):
                sentence = template.format(**ctx)
                sentences.append(sentence)
                words += len(sentence.split())
                if words >= target:
                    break
            return " ".join(sentences)

        blocks.append(paragraph())
        while words < target:
            heading = headings.pop() if headings else "More"
            blocks.append(f"## {heading}")
            words += len(heading.split())
            blocks.append(paragraph())
            if words < target and rng.random() < 0.4:
                items = [b.format(**ctx) for b in rng.sample(BULLETS, rng.randrange(3, 6))]
                blocks.append("What would change the picture:\n\n" + "\n".join(f"- {i[0].upper()}{i[1:]}" for i in items))
                words += sum(len(i.split()) for i in items) + 4
            if words < target and rng.random() < 0.6:
                blocks.append(paragraph())
        return "\n\n".join(blocks) + "\n"

    def briefing(self, slot: "Slot") -> tuple[dict, str]:
        """The front matter fields and body of one briefing."""
        rng = self.rng
        companies, regions, day = slot.companies, slot.regions, slot.day
        other = companies[1] if len(companies) > 1 else self.companies.distinct(rng, 1, exclude=companies)[0]
        ctx = {"a": companies[0], "b": other, "r": regions[0], "y": day.year - rng.randrange(1, 4)}
        titles, claim, _ = slot.topic
        ctx["title"] = rng.choice(titles).format(**ctx)
        claim = claim.format(**ctx)
        published = self.when(day)
        fields: dict = {"title": ctx["title"], "date": published}
        if rng.random() < 0.2:
            # Same form as date (a date, or a time with the same offset) and later: never earlier.
            later = timedelta(days=rng.randrange(0, 30), hours=rng.randrange(1, 12) if isinstance(published, datetime) else 0)
            fields["updated"] = published + later
        fields["status"] = slot.status
        if rng.random() < 0.7:
            fields["claim"] = claim
        sources = self.sources(day, ctx)  # also sets ctx["o"], the outlet that broke it
        if rng.random() < 0.8:
            fields["summary"] = clip(f"According to {ctx['o']}, {claim} " + rng.choice(SENTENCES).format(**ctx), 400)
        fields["companies"] = [case_variant(rng, c) for c in companies]
        fields["regions"] = regions
        fields["tags"] = slot.tags
        if slot.story:
            fields["story"] = slot.story
        fields["sources"] = sources
        denials = self.denials(slot.status, companies, day, ctx)
        if denials:
            fields["denials"] = denials
        if rng.random() < 0.75:
            fields["watch"] = [w.format(**ctx) for w in rng.sample(WATCH, rng.randrange(1, 4))]
        fields["authors"] = self.authors.distinct(rng, rng.choice((1, 1, 1, 2)))
        return fields, self.body(ctx)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Slot:
    """What one briefing is about, decided before it is written."""

    day: date
    status: str
    topic: tuple
    companies: list[str]
    regions: list[str]
    tags: list[str]
    story: str | None = None


def plan(writer: Writer, n: int) -> list[Slot]:
    """n slots: about a quarter in stories of 3-8 briefings, the rest standalone.

    A story shares its companies, regions, tags and slug, and moves from
    `reported` through denials or disputes to an outcome.
    """
    rng = writer.rng
    slots: list[Slot] = []
    stories: set[str] = set()
    while len(slots) < n // 4 and n - len(slots) >= 8:
        topic = rng.choice(TOPICS)
        companies = writer.companies.distinct(rng, rng.choice((1, 2, 2)))
        regions = writer.regions.distinct(rng, rng.choice((1, 2)))
        tags = topic[2] + writer.tags.distinct(rng, rng.randrange(1, 3), exclude=topic[2])
        slug = base = slugify(" ".join(companies + [topic[2][0]]))
        while slug in stories:
            slug = f"{base}-{len(stories)}"
        stories.add(slug)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 120))
        size = rng.randrange(3, 9)
        for i in range(size):
            if i == 0:
                status = "reported"
            elif i == size - 1:
                status = rng.choice(("confirmed", "confirmed", "denied", "retracted"))
            else:
                status = rng.choice(("reported", "denied", "disputed"))
            slots.append(Slot(day, status, topic, companies, regions, tags, slug))
            day += timedelta(days=rng.randrange(1, 21))
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    while len(slots) < n:
        topic = rng.choice(TOPICS)
        slots.append(Slot(
            day=FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
            status=rng.choices(statuses, weights)[0],
            topic=topic,
            companies=writer.companies.distinct(rng, rng.choice((1, 1, 2, 2, 3))),
            regions=writer.regions.distinct(rng, rng.choice((1, 1, 2))),
            tags=topic[2] + writer.tags.distinct(rng, rng.randrange(0, 4), exclude=topic[2]),
        ))
    return slots


# ---------------------------------------------------------------- contract v1.1


def day_of(value: date) -> date:
    """The day a date or an aware datetime falls on, where it was written."""
    return value.date() if isinstance(value, datetime) else value


def earliest_day(published: date) -> date:
    """The earliest bare date that is not before ``published``: the project reads a bare date as its
    whole day in UTC, so a datetime late in the day west of UTC needs the next UTC day."""
    if not isinstance(published, datetime):
        return published
    return max(published.date(), published.astimezone(timezone.utc).date())


@dataclass(eq=False)  # compared by identity
class Draft:
    """One briefing before it is written: its fields, body and address (YYYY/MM/slug)."""

    slot: Slot
    fields: dict
    body: str
    folder: str  # YYYY/MM, from the date as written: the project's address of the briefing
    slug: str  # the file name's stem, which is the briefing's slug (no `slug` field is written)

    @property
    def address(self) -> str:
        return f"{self.folder}/{self.slug}"


class Evolver:
    """Adds the v1.1 fields to briefings already planned, from its own random stream.

    ``by`` names the address of another briefing of the corpus (computed as the file is
    named: the date's year and month, then the slug), dated the same day or later, and
    never a draft: a later briefing of the same story when there is one.
    """

    def __init__(self, seed: int, drafts: list[Draft], history_share: float):
        self.rng = random.Random(f"{seed}/contract-v1.1")  # str seeds are hashed with SHA-512: stable
        self.history_share = history_share
        published = [d for d in drafts if not d.fields.get("draft")]
        self.by_day = sorted(published, key=lambda d: day_of(d.fields["date"]))
        self.days = [day_of(d.fields["date"]) for d in self.by_day]
        self.newest = self.days[-1] if self.days else FIRST_DAY
        self.stories: dict[str, list[Draft]] = {}
        self.about: dict[str, list[Draft]] = {}  # by company (its first one), oldest first
        for d in published:
            if d.slot.story:
                self.stories.setdefault(d.slot.story, []).append(d)
        for d in self.by_day:
            self.about.setdefault(d.slot.companies[0], []).append(d)
        self.about_days = {c: [day_of(d.fields["date"]) for d in ds] for c, ds in self.about.items()}

    def ctx(self, fields: dict) -> dict:
        return {"a": fields["companies"][0], "o": fields["sources"][0]["name"], "r": fields["regions"][0]}

    def evolve(self, draft: Draft) -> None:
        rng, fields = self.rng, draft.fields
        ctx = self.ctx(fields)
        published = fields["date"]
        start = earliest_day(published)
        latest = None
        extra: dict = {}
        if rng.random() < self.history_share:
            extra["history"] = self.history(fields["status"], published, start, ctx)
            latest = extra["history"][-1]["date"]
        if rng.random() < CORRECTION_SHARE:
            extra["corrections"] = [
                {"date": start + timedelta(days=rng.randrange(0, 15)), "text": text.format(**ctx)}
                for text in rng.sample(CORRECTIONS, rng.choice((1, 1, 1, 2)))
            ]
            corrected = max(c["date"] for c in extra["corrections"])
            latest = corrected if latest is None else max(latest, corrected)
        if latest is not None:
            # An `updated` earlier than the briefing's own history would contradict it.
            # (latest is a bare date: every step after the first one and every correction is.)
            updated = fields.get("updated")
            if updated is not None and day_of(updated) < latest:
                fields["updated"] = latest
        if "watch" in fields:
            fields["watch"] = [self.watch_entry(text, draft, start) for text in fields["watch"]]
        if extra:  # after status, as the contract's example has them
            items = list(fields.items())
            at = [k for k, _ in items].index("status") + 1
            draft.fields = dict(items[:at] + list(extra.items()) + items[at:])

    def history(self, status: str, published: date, start: date, ctx: dict) -> list[dict]:
        """2-4 steps, oldest first: from the briefing's own date, never back in time, ending at its status."""
        rng = self.rng
        size = rng.choice((2, 2, 3, 3, 4))
        if status == "reported":  # reported, then reported: no change; it went somewhere and came back
            size = max(size, 3)
        statuses = ["reported"]
        for _ in range(size - 2):
            statuses.append(rng.choice([s for s in MIDDLE_STATUSES if s != statuses[-1]]))
        statuses.append(status)
        if size > 2 and statuses[-2] == status:  # no step that changes nothing
            statuses[-2] = rng.choice([s for s in MIDDLE_STATUSES if s not in (status, statuses[-3])])
        cap = max(self.newest, start)  # nothing after the newest briefing of the corpus
        steps, day = [], start
        for i, step_status in enumerate(statuses):
            if i == 0:
                when = published  # the first step is the briefing itself, in the same form
            else:
                day = min(day + timedelta(days=rng.choice((0, 1, 3, 7, 14, 30, 60))), cap)
                when = day
            step = {"date": when, "status": step_status, "note": rng.choice(NOTES[step_status]).format(**ctx)}
            if i and rng.random() < 0.4:
                if step_status in ("reported", "retracted"):
                    step["url"] = f"https://www.{DOMAINS.get(ctx['o'], 'example.com')}/autos/{slugify(step['note'], 5)}"
                else:
                    step["url"] = f"https://www.{slugify(ctx['a'], 3).replace('-', '')}.com/newsroom/{slugify(step['note'], 5)}"
            steps.append(step)
        return steps

    def watch_entry(self, text: str, draft: Draft, start: date):
        """A plain string (v1), or a mapping: due (some already past: overdue), resolved, by."""
        rng = self.rng
        if rng.random() >= WATCH_MAPPING_SHARE:
            return text
        entry: dict = {"item": text}
        if rng.random() < 0.7:
            if rng.random() < 0.15:  # still ahead of the corpus' newest briefing
                entry["due"] = max(self.newest, start) + timedelta(days=rng.randrange(7, 180))
            else:  # mostly before the newest briefing: overdue unless resolved
                entry["due"] = start + timedelta(days=rng.randrange(7, 365))
        if rng.random() < 0.4:
            answer = self.answer(draft) if rng.random() < 0.75 else None
            if answer is not None:
                entry["resolved"] = max(day_of(answer.fields["date"]), start)
                entry["by"] = answer.address
            else:
                entry["resolved"] = min(start + timedelta(days=rng.randrange(0, 120)), max(self.newest, start))
        return entry

    def answer(self, draft: Draft) -> Draft | None:
        """Another published briefing dated the same day or later: one of the story's next ones,
        else a later one about the same company, else one of the next 200 of the corpus."""
        rng = self.rng
        story = self.stories.get(draft.slot.story or "")
        if story and draft in story:
            later = story[story.index(draft) + 1:]
            if later:
                return rng.choice(later[:3])
        day = day_of(draft.fields["date"])
        company = draft.slot.companies[0]
        about = self.about.get(company, [])  # this briefing is one of them, when it is not a draft
        start = bisect_left(self.about_days.get(company, []), day)
        same = [d for d in about[start:start + 6] if d is not draft]
        if same:
            return rng.choice(same[:5])
        lo = bisect_left(self.days, day)
        later = [d for d in self.by_day[lo:lo + 201] if d is not draft]
        return rng.choice(later) if later else None


# Registries (v1.1): the usual short names of outlets, a few parents, the countries of real companies.
OUTLET_ALIASES = {"Financial Times": ["FT"], "Wall Street Journal": ["WSJ", "The Wall Street Journal"],
                  "Associated Press": ["AP"], "New York Times": ["NYT", "The New York Times"],
                  "Nikkei Asia": ["Nikkei"], "Agence France-Presse": ["AFP"], "Washington Post": ["The Washington Post"]}
PARENTS = {"Kia": "Hyundai", "Volvo Cars": "Geely"}
COUNTRIES = {"Ford": "US", "Tesla": "US", "General Motors": "US", "Rivian": "US", "Lucid": "US", "Waymo": "US",
             "Toyota": "JP", "Nissan": "JP", "Honda": "JP", "Mazda": "JP", "Subaru": "JP", "Suzuki": "JP",
             "Panasonic": "JP", "Volkswagen": "DE", "BMW": "DE", "Mercedes-Benz": "DE", "Bosch": "DE",
             "Continental": "DE", "ZF": "DE", "BYD": "CN", "Geely": "CN", "Xiaomi": "CN", "NIO": "CN", "XPeng": "CN",
             "Li Auto": "CN", "SAIC": "CN", "Great Wall Motor": "CN", "Chery": "CN", "CATL": "CN", "Huawei": "CN",
             "Baidu": "CN", "Hyundai": "KR", "Kia": "KR", "LG Energy Solution": "KR", "Samsung SDI": "KR",
             "Renault": "FR", "Stellantis": "NL", "Volvo Cars": "SE", "Tata Motors": "IN", "Mahindra": "IN",
             "Magna": "CA", "Foxconn": "TW"}
ALIAS_SHARE = 0.1  # names written as an alias


def _lei(rng: random.Random) -> str:
    """18 random letters and digits, then the two ISO 7064 MOD 97-10 check digits."""
    body = "".join(rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(18))
    number = int("".join(str(int(c, 36)) for c in body + "00"))
    return body + f"{98 - number % 97:02d}"


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def registries(drafts: list["Draft"], seed: int) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The registry files (name -> text) and every registered name's aliases, from a stream of their own."""
    rng = random.Random(seed * 1_000_003 + 15)
    companies, aliases = [], {}
    for name in REAL_COMPANIES:
        key = slugify(name, words=6)
        names = [f"{name} Group"] if rng.random() < 0.5 else [f"{name} Corp"]
        aliases[name] = names
        lines = [f"{key}:", f"  name: {_yaml_text(name)}", f"  aliases: [{', '.join(map(_yaml_text, names))}]",
                 f"  wikidata: Q{rng.randrange(1000, 10_000_000)}", f"  lei: {_lei(rng)}"]
        if name in COUNTRIES:
            lines.append(f"  country: {COUNTRIES[name]}")
        if name in PARENTS:
            lines.append(f"  parent: {slugify(PARENTS[name], words=6)}")
        lines.append(f"  description: {_yaml_text(name + ' makes cars, parts or the software in them.')}")
        companies.append("\n".join(lines))
    outlets = []
    for name, domain, _ in OUTLETS:
        names = OUTLET_ALIASES.get(name, [])
        aliases[name] = names
        lines = [f"{slugify(name, words=6)}:", f"  name: {_yaml_text(name)}"]
        if names:
            lines.append(f"  aliases: [{', '.join(map(_yaml_text, names))}]")
        lines.append(f"  website: https://www.{domain}/")
        outlets.append("\n".join(lines))
    authors = [f"{slugify(a, words=4) or 'author'}:\n  name: {_yaml_text(a)}" for a in AUTHORS]
    stories = sorted({d.fields["story"] for d in drafts if d.fields.get("story")})
    titled = [f"{s}:\n  title: {_yaml_text('The story of ' + s.replace('-', ' '))}" for s in stories if rng.random() < 0.5]
    files = {"companies.yml": companies, "outlets.yml": outlets, "authors.yml": authors, "stories.yml": titled}
    return {name: "\n\n".join(entries) + "\n" for name, entries in files.items()}, aliases


def write_aliases(drafts: list["Draft"], aliases: dict[str, list[str]], seed: int) -> None:
    """Write about one registered name in ten as one of its aliases, as a desk does."""
    rng = random.Random(seed * 1_000_003 + 16)

    def maybe(name: str) -> str:
        names = aliases.get(name)
        return rng.choice(names) if names and rng.random() < ALIAS_SHARE else name

    for d in drafts:
        f = d.fields
        f["companies"] = list(dict.fromkeys(maybe(c) for c in f.get("companies", [])))
        for source in f["sources"]:
            source["name"] = maybe(source["name"])
            if source.get("via"):
                via = maybe(source["via"])
                if via.casefold() != source["name"].casefold():
                    source["via"] = via


def generate(out_dir: str | Path, n: int, seed: int = 1, v11: bool = True,
             history_share: float = HISTORY_SHARE, registry: bool = False) -> list[Generated]:
    """Write n briefings under out_dir/briefings/ (which must not hold any yet).

    With ``v11`` (the default) the briefings carry contract v1.1 fields too; without it they
    are the same briefings as v1 (the same bytes as before v1.1 came to the generator).
    """
    root = Path(out_dir) / "briefings"
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty: generate into a fresh folder")
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    writer = Writer(rng)
    used: set[str] = set()
    drafts: list[Draft] = []
    for slot in plan(writer, n):
        fields, body = writer.briefing(slot)
        published = fields["date"]
        folder = f"{published.year:04d}/{published.month:02d}"
        slug = base = slugify(fields["title"])
        while f"{folder}/{slug}" in used:  # the same headline twice in a month
            slug = f"{base}-{len(used)}"
        used.add(f"{folder}/{slug}")
        drafts.append(Draft(slot, fields, body, folder, slug))
    if v11:
        evolver = Evolver(seed, drafts, history_share)
        for draft in drafts:
            evolver.evolve(draft)
    if registry:
        files, aliases = registries(drafts, seed)
        write_aliases(drafts, aliases, seed)
        (Path(out_dir) / "registry").mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (Path(out_dir) / "registry" / name).write_text(text, encoding="utf-8")
    written = []
    folders: set[str] = set()
    for d in drafts:
        if d.folder not in folders:
            (root / d.folder).mkdir(parents=True, exist_ok=True)
            folders.add(d.folder)
        path = root / d.folder / f"{d.slug}.md"
        path.write_text(dump_front_matter(d.fields) + "\n" + d.body, encoding="utf-8")
        written.append(Generated(path, f"{d.folder}/{d.slug}.md", d.slug, d.fields["title"], d.fields["date"],
                                 tuple(d.slot.tags), d.body))
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write briefings/ into")
    parser.add_argument("n", type=int, help="number of briefings")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--v11", action=argparse.BooleanOptionalAction, default=True,
                        help="contract v1.1 fields: history, corrections, watch mappings (default: on; "
                             "--no-v11 writes a v1 corpus)")
    parser.add_argument("--history-share", type=float, default=HISTORY_SHARE, metavar="F",
                        help=f"share of the briefings with a history, 0 to 1 (default {HISTORY_SHARE})")
    parser.add_argument("--registry", action=argparse.BooleanOptionalAction, default=True,
                        help="write registry/ (companies, outlets, authors, stories) and aliases in the "
                             "briefings (default: on)")
    args = parser.parse_args(argv)
    if not 0 <= args.history_share <= 1:
        parser.error("--history-share is a share, from 0 to 1")
    written = generate(args.out, args.n, args.seed, v11=args.v11, history_share=args.history_share,
                       registry=args.registry)
    print(f"wrote {len(written)} briefings to {args.out / 'briefings'}")
    try:  # the project's own validator, when this runs in the project's venv
        from autobrief.core import load_corpus
    except ImportError:
        print("autobrief is not importable: output not validated", file=sys.stderr)
        return 0
    corpus = load_corpus(args.out / "briefings", base=args.out)
    errors = list(corpus.errors)
    if args.registry:
        from autobrief.core.registry import load_registry
        errors += load_registry(args.out / "registry").errors
    for error in errors:
        print(error, file=sys.stderr)
    print(f"validated: {len(corpus.briefings)} published, {len(errors)} error(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
