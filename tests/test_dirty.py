"""`mkdocs serve --dirty`: after one briefing is saved, the served site equals a clean build."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from urllib.parse import quote

from conftest import ENV, build, engine, make_project
from corpus import make_corpus, write_corpus
from test_preview import fetch, free_port, wait_for

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


def served(url: str) -> bytes:
    with urllib.request.urlopen(quote(url, safe=":/"), timeout=10) as response:
        return LIVERELOAD.sub(b"", response.read())


BUILDING, RELOADED = "Building documentation", "Reloading browsers"  # what `mkdocs serve` logs around a rebuild


class Served:
    """A project served with `mkdocs serve --dirty`, to edit and compare with a clean build.

    With ``registry`` (file name -> text), the project's registry/ is that alone, written before
    serve starts (serve watches the folder only if it exists then)."""

    def __init__(self, tmp_path, items, registry: dict[str, str] | None = None, docs: dict[str, str] | None = None):
        self.tmp_path = tmp_path
        self.project = make_project(tmp_path, {}, with_seed=True)
        write_corpus(self.project / "briefings", items)
        for name, text in (docs or {}).items():  # docs pages' text added at their end
            page = self.project / "docs" / name
            page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
        if registry is not None:
            shutil.rmtree(self.project / "registry", ignore_errors=True)
            (self.project / "registry").mkdir()
            for name, text in registry.items():
                (self.project / "registry" / name).write_text(text, encoding="utf-8")
        port = free_port()
        self.base = f"http://127.0.0.1:{port}/"
        config = self.project / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_url: https://briefings.example.com/", f"site_url: {self.base}"))
        self.log_path = tmp_path / "serve.log"
        self.log = self.log_path.open("w")
        self.server = subprocess.Popen([*engine("serve"), "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                       cwd=self.project, env=ENV, stdout=self.log, stderr=subprocess.STDOUT)

    def get(self, path: str) -> bytes:
        return served(self.base + path)

    def ready(self, url: str) -> None:
        wait_for(lambda: fetch(self.base + url)[0] == 200, what="first build")
        wait_for(lambda: "Building documentation" not in self.log_path.read_text().rsplit("Serving on", 1)[-1],
                 what="idle")

    def rebuilt(self, builds: int = 1) -> None:
        """Wait until ``builds`` rebuilds are done and none is under way. Not MkDocs' "Documentation
        built in 0.83 seconds", which its DuplicateFilter drops when a rebuild takes as long as an
        earlier one: the live-reload server's "Reloading browsers" comes after every rebuild that ends."""
        def idle() -> bool:
            log = self.log_path.read_text()
            return log.count(RELOADED) >= builds and log.rfind(RELOADED) > log.rfind(BUILDING)
        wait_for(idle, what="rebuild done")
        time.sleep(1)  # a save that came in two writes may start one more rebuild
        wait_for(idle, what="rebuild done")
        assert self.server.poll() is None

    def stale(self, extras=()) -> list[str]:
        """Pages and files the server hands out that differ from a clean build of the same sources."""
        clean_dir = self.tmp_path / "clean"
        clean = build(self.project, "--site-dir", str(clean_dir))
        assert clean.ok, clean.output
        pages = sorted(p.relative_to(clean_dir) for p in clean_dir.rglob("index.html"))
        stale = []
        for page in pages:
            path = str(page.parent).replace(".", "") + "/" if str(page.parent) != "." else ""
            if self.get(path.lstrip("/")) != (clean_dir / page).read_bytes():
                stale.append(path)
        stale += [extra for extra in extras if self.get(extra) != (clean_dir / extra).read_bytes()]
        return stale

    def counts(self) -> tuple[int, int]:
        """(pages rebuilt, pages in all) at the last build, as the plugin logs them."""
        output = self.log_path.read_text()
        rebuilt = re.findall(r"briefings: rebuilt (\d+) of (\d+) pages", output)
        assert rebuilt, output[-2000:]
        return tuple(map(int, rebuilt[-1]))

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=20)
        self.log.close()
        assert "Traceback" not in self.log_path.read_text()


def test_dirty_rebuild_is_correct_and_touches_only_what_changed(tmp_path):
    items = make_corpus()
    # The briefing we change: its status moves from reported to confirmed, it gains a company and a new title.
    target = next(i for i in items if i["front"]["status"] == "reported" and not i["front"].get("story"))
    url = f"briefings/{target['path'][:7]}/{target['slug']}/"
    # A docs page shows its company's briefings: MkDocs would keep it (its file did not change).
    company = target["front"]["companies"][0]
    marker = f'\n<!-- briefings: company="{company}" limit=50 layout=list -->\n'
    site = Served(tmp_path, items, docs={"about.md": marker})
    project = site.project
    try:
        site.ready(url)
        before = {p: site.get(p) for p in ("", url, "status/confirmed/", "status/reported/", "about/")}
        assert target["front"]["title"].encode() in before["about/"]
        target["front"].update(status="confirmed", title="Renamed: " + target["front"]["title"],
                               companies=target["front"]["companies"] + ["Zephyr Motors"])
        write_corpus(project / "briefings", [target])
        # And another briefing is deleted: its page must go, not linger from the last build.
        gone = next(i for i in items if i is not target and not i["front"].get("story"))
        gone_url = f"briefings/{gone['path'][:7]}/{gone['slug']}/"
        assert fetch(site.base + gone_url)[0] == 200
        (project / "briefings" / gone["path"]).unlink()
        wait_for(lambda: b"Renamed: " in site.get(url), what="rebuilt page")
        wait_for(lambda: fetch(site.base + gone_url)[0] == 404, what="deleted page gone")
        site.rebuilt()
        # The served site must match a clean build of the same sources page for page.
        assert site.stale(("atom.xml", "feed.json", "briefings.json", "companies/zephyr-motors/atom.xml")) == []
        assert before[""] != site.get("") and before["status/confirmed/"] != site.get("status/confirmed/")
        assert b"Renamed: " in site.get("about/")
        assert re.search(r"briefings: rebuilt \d+ of \d+ pages, removed [1-9]", site.log_path.read_text())
        # And not everything was rebuilt.
        done, total = site.counts()
        assert 0 < done < total / 2
    finally:
        site.stop()


def test_dirty_rebuild_after_a_new_date_and_a_respelled_outlet(tmp_path):
    """Moving a briefing in time reorders every listing it is on (its pages and the pages after them);
    a new spelling of an outlet can rename it on every page that names it, and on other outlets' records;
    a story's newest briefing heads its row on the stories index."""
    items = make_corpus(n_single=60)
    site = Served(tmp_path, items)
    moved = next(i for i in items if not i["front"].get("story") and i["front"]["date"].day > 3)
    url = f"briefings/{moved['path'][:7]}/{moved['slug']}/"
    try:
        site.ready(url)
        moved["front"]["date"] = moved["front"]["date"].replace(day=1)
        moved["front"]["title"] = "Moved: " + moved["front"]["title"]
        outlet = moved["front"]["sources"][0]["name"]
        # Every briefing citing the outlet spells it in capitals now: the outlet's name changes everywhere.
        respelled = [i for i in items if any(s["name"] == outlet for s in i["front"]["sources"])]
        for item in respelled:
            for source in item["front"]["sources"]:
                if source["name"] == outlet:
                    source["name"] = outlet.upper()
        write_corpus(site.project / "briefings", respelled + [moved])
        wait_for(lambda: b"Moved: " in site.get(url), what="rebuilt page")
        site.rebuilt()
        assert site.stale(("atom.xml", "briefings.json")) == []
        done, total = site.counts()
        assert 0 < done < total
        # Then, alone, the newest briefing of a story gets a new title: the stories index shows it.
        story = next(i for i in items if i["front"].get("story"))["front"]["story"]
        newest = max((i for i in items if i["front"].get("story") == story), key=lambda i: i["front"]["date"])
        newest["front"]["title"] = "Latest: " + newest["front"]["title"]
        write_corpus(site.project / "briefings", [newest])
        newest_url = f"briefings/{newest['path'][:7]}/{newest['slug']}/"
        wait_for(lambda: b"Latest: " in site.get(newest_url), what="rebuilt page")
        site.rebuilt(builds=2)
        assert site.stale() == []
        done, total = site.counts()
        assert 0 < done < total / 4
    finally:
        site.stop()


def test_dirty_rebuild_removes_the_feed_of_a_company_no_longer_named(tmp_path):
    """A company's last briefing drops it: its page and its Atom feed are both gone from the served site."""
    items = make_corpus()
    target = next(i for i in items if not i["front"].get("story"))
    target["front"]["companies"] = target["front"]["companies"] + ["Quillon Cars"]
    site = Served(tmp_path, items)
    url = f"briefings/{target['path'][:7]}/{target['slug']}/"
    try:
        site.ready(url)
        assert fetch(site.base + "companies/quillon-cars/atom.xml")[0] == 200
        target["front"]["companies"] = [c for c in target["front"]["companies"] if c != "Quillon Cars"]
        target["front"]["title"] = "Dropped: " + target["front"]["title"]
        write_corpus(site.project / "briefings", [target])
        wait_for(lambda: b"Dropped: " in site.get(url), what="rebuilt page")
        site.rebuilt()
        assert fetch(site.base + "companies/quillon-cars/")[0] == 404
        assert fetch(site.base + "companies/quillon-cars/atom.xml")[0] == 404
        assert site.stale(("atom.xml", "feed.json", "briefings.json")) == []
    finally:
        site.stop()
