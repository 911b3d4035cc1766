"""The seed briefing's page and the home page, parsed from a real build."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

SEED_URL = "briefings/2026/02/ford-xiaomi-us-talks/"


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_seed_page_shows_every_field(seed_site):
    page = seed_site.page(SEED_URL)
    article = page.select_one("article.ab-briefing")
    assert article is not None
    assert text(article.select_one("h1")) == "Ford and Xiaomi talked about cooperation on cars in the US?"
    assert page.title.string.startswith("Ford and Xiaomi talked about cooperation on cars in the US?")
    badge = article.select_one(".ab-status")
    assert "ab-status--denied" in badge["class"] and text(badge).endswith("Denied")
    published = article.select_one(".ab-meta__dates time")
    assert published["datetime"] == "2026-02-02" and text(published) == "2 February 2026"
    assert "Ford discussed with Xiaomi a possible cooperation" in text(article.select_one(".ab-claim__text"))
    body = text(article.select_one(".ab-body"))
    assert body.startswith("Ford, according to a report by Reuters citing the Financial Times")
    assert "it depends on the policy" in body
    sources = article.select(".ab-sources li.ab-source")  # the listed sources (the chain below has its own list)
    assert [text(s.select_one(".ab-source__name")) for s in sources] == ["Financial Times", "Reuters"]
    reuters = sources[1]
    assert re.match(r"Reuters\s*, citing Financial Times", text(reuters))
    assert reuters.select_one(".ab-source__name a")["href"] == "https://www.reuters.com/"
    assert reuters.select_one(".ab-source__via a")["href"] == "#source-1"
    denials = article.select(".ab-denial")
    assert [text(d.select_one(".ab-denial__party")) for d in denials] == ["Ford", "Xiaomi"]
    assert text(denials[0].select_one(".ab-denial__statement")) == "Ford called the report false."
    assert "does not sell its products" in text(denials[1])
    assert denials[0].select_one("time")["datetime"] == "2026-02-02"
    watch = [text(li) for li in article.select(".ab-watch li")]
    assert any("official announcement of a partnership" in w for w in watch)
    about = article.select_one(".ab-about")
    assert [text(c) for c in about.select(".ab-about__company .ab-chip")] == ["Ford", "Xiaomi"]
    assert [text(c) for c in about.select(".ab-about__region .ab-chip")] == ["US", "China"]
    assert "electric-vehicles" in [text(c) for c in about.select(".ab-about__tag .ab-chip")]
    # The story as the project's registry titles it (registry/stories.yml), not its slug
    stories = yaml.safe_load((ROOT / "registry" / "stories.yml").read_text(encoding="utf-8"))
    assert text(about.select_one(".ab-about__story")) == "Story " + stories["ford-xiaomi-us-talks"]["title"]
    meta = page.select_one('meta[name="description"]')["content"]
    assert meta.startswith("The Financial Times reported")
    # The page's own table of contents lists the generated sections.
    toc = [text(a) for a in page.select(".md-sidebar--secondary .md-nav__link")]
    assert {"Sources", "Denials", "What to watch", "About"} <= set(toc)


def test_home_lists_latest_briefings(seed_site):
    home = seed_site.page("")
    cards = home.select(".ab-listing .ab-card")
    assert cards, "home page lists no briefing"
    first = cards[0]
    link = first.select_one(".ab-card__title a")
    assert link["href"] == SEED_URL
    assert text(link) == "Ford and Xiaomi talked about cooperation on cars in the US?"
    assert text(first.select_one(".ab-status")).endswith("Denied")
    assert "Both companies denied it the same day." in text(first.select_one(".ab-card__summary"))
    # The marker in docs/index.md is replaced, not left behind.
    assert "briefings:latest" not in str(home)


def test_briefings_stay_out_of_the_sidebar(seed_site):
    for url in ("", SEED_URL, "about/"):
        page = seed_site.page(url)
        nav_links = [a.get("href", "") for a in page.select("nav.md-nav--primary a")]
        assert not any("ford-xiaomi" in href for href in nav_links), url


def test_built_site_loads_nothing_from_other_hosts(seed_site):
    for html in seed_site.site.rglob("*.html"):
        page = seed_site.page(str(html.relative_to(seed_site.site)))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for node in page.find_all(tag):
                value = node.get(attr) or ""
                if tag == "link" and set(node.get("rel", [])) & {"canonical", "alternate"}:
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{html}: {tag} {attr}={value}"
    css = "".join(p.read_text() for p in seed_site.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_seed_file_is_in_the_repository():
    assert (ROOT / "briefings/2026/02/ford-xiaomi-us-talks.md").is_file()
