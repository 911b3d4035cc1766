"""The seed site in headless chromium: it reads, it clicks through, it stays on 127.0.0.1."""

from __future__ import annotations

from browser import RequestLog, browser, serve


def test_home_to_briefing_in_a_real_browser(seed_site):
    with serve(seed_site.site) as base, browser() as chromium:
        page = chromium.new_page()
        requests = RequestLog(page)
        page.goto(base, wait_until="networkidle")
        assert page.locator(".ab-card").count() >= 1
        page.click("text=Ford and Xiaomi talked about cooperation on cars in the US?")
        page.wait_for_url("**/briefings/2026/02/ford-xiaomi-us-talks/")
        page.wait_for_load_state("networkidle")
        assert page.locator("article.ab-briefing h1").inner_text().startswith("Ford and Xiaomi")
        assert page.locator(".ab-status--denied").first.is_visible()
        assert page.locator(".ab-source__via").inner_text().strip() == ", citing Financial Times"
        # The header's search box answers from the site's own Pagefind index.
        page.keyboard.press("/")
        page.keyboard.type("Xiaomi")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert requests.urls, "no request recorded"
        assert requests.foreign() == []
