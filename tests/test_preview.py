"""Live preview with a real `mkdocs serve`, and drafts kept out of production builds."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup

from conftest import ENV, VALID, build, engine, make_project

DRAFT = VALID.replace("title: Ford and Xiaomi talked about cooperation on cars in the US?",
                      "title: Secret draft about Zorblax Motors").replace("status: denied", "status: reported\ndraft: true") \
    .replace("companies: [Ford, Xiaomi]", "companies: [Zorblax Motors]\ntags: [zorblax-tag]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def wait_for(check, timeout=60.0, what=""):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}: {last!r}")


def test_serve_shows_errors_and_recovers(tmp_path):
    project = make_project(tmp_path, {"2026/02/talks.md": VALID, "2026/02/secret.md": DRAFT,
                                      "2026/01/other.md": VALID.replace("2026-02-02", "2026-01-05")})
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*engine("serve"), "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=log, stderr=subprocess.STDOUT)
    page = base + "briefings/2026/02/talks/"
    try:
        wait_for(lambda: fetch(page)[0] == 200, what="first build")
        status, html = fetch(page)
        assert BeautifulSoup(html, "html.parser").select_one("article h1").get_text().startswith("Ford and Xiaomi")
        # Drafts show under serve, with their banner.
        status, html = fetch(base + "briefings/2026/02/secret/")
        assert status == 200 and "ab-draft" in html

        (project / "briefings/2026/02/talks.md").write_text(VALID.replace("status: denied", "status: deniedd"))
        html = wait_for(lambda: (lambda r: r[1] if "ab-errors" in r[1] else None)(fetch(page)), what="error panel")
        panel = BeautifulSoup(html, "html.parser").select_one(".ab-errors")
        assert "briefings/2026/02/talks.md:4: status: 'deniedd' is not a status" in panel.get_text()
        assert server.poll() is None
        # The rest of the site keeps working, and the home page names the broken file.
        assert fetch(base + "briefings/2026/01/other/")[0] == 200
        assert "briefings/2026/02/talks.md:4: status:" in fetch(base)[1]
        wait_for(lambda: "briefings/2026/02/talks.md:4: status:" in (project / "../serve.log").resolve().read_text(),
                 what="error line in the terminal")

        (project / "briefings/2026/02/talks.md").write_text(VALID)
        html = wait_for(lambda: (lambda r: r[1] if "ab-errors" not in r[1] and "article" in r[1] else None)(fetch(page)),
                        what="page back")
        assert BeautifulSoup(html, "html.parser").select_one("article h1").get_text().startswith("Ford and Xiaomi")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_broken_briefing_still_fails_the_build(tmp_path):
    result = build(make_project(tmp_path, {"2026/02/talks.md": VALID.replace("status: denied", "status: deniedd")}))
    assert not result.ok and "briefings/2026/02/talks.md:4: status:" in result.output


def test_draft_appears_nowhere_in_a_production_build(tmp_path):
    result = build(make_project(tmp_path, {"2026/02/talks.md": VALID, "2026/02/secret.md": DRAFT}))
    assert result.ok, result.output
    assert not (result.site / "briefings/2026/02/secret").exists()
    assert not (result.site / "companies/zorblax-motors").exists()
    assert not (result.site / "tags/zorblax-tag").exists()
    leaks = []
    for path in result.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".gz") and path.suffix != ".gz":
            content = path.read_text(encoding="utf-8", errors="replace")
            if "Zorblax" in content or "secret" in content.lower().replace("secrets", ""):
                leaks.append(str(path.relative_to(result.site)))
    assert leaks == []
    # Counts and records do not include it either.
    home = result.page("")
    counts = {li.select_one(".ab-status").get_text().split()[-1]: li.select_one(".ab-counts__n").get_text()
              for li in home.select(".ab-home__status .ab-counts li")}
    assert counts["Reported"] == "0" and counts["Denied"] == "1"
