"""`mkdocs serve --dirty`: after one briefing is saved, the served site equals a clean build."""

from __future__ import annotations

import re
import subprocess
import time
import urllib.request
from urllib.parse import quote

from conftest import ENV, MKDOCS, build, make_project
from corpus import make_corpus, write_corpus
from test_preview import fetch, free_port, wait_for

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


def served(url: str) -> bytes:
    with urllib.request.urlopen(quote(url, safe=":/"), timeout=10) as response:
        return LIVERELOAD.sub(b"", response.read())


def test_dirty_rebuild_is_correct_and_touches_only_what_changed(tmp_path):
    project = make_project(tmp_path, {}, with_seed=True)
    items = make_corpus()
    write_corpus(project / "briefings", items)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://briefings.example.com/", f"site_url: {base}"))
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=log, stderr=subprocess.STDOUT)
    # The briefing we change: its status moves from reported to confirmed, it gains a company and a new title.
    target = next(i for i in items if i["front"]["status"] == "reported" and not i["front"].get("story"))
    url = f"briefings/{target['path'][:7]}/{target['slug']}/"
    try:
        wait_for(lambda: fetch(base + url)[0] == 200, what="first build")
        wait_for(lambda: "Building documentation" not in (tmp_path / "serve.log").read_text().rsplit("Serving on", 1)[-1],
                 what="idle")
        before = {p: served(base + p) for p in ("", url, "status/confirmed/", "status/reported/")}
        target["front"].update(status="confirmed", title="Renamed: " + target["front"]["title"],
                               companies=target["front"]["companies"] + ["Zephyr Motors"])
        write_corpus(project / "briefings", [target])
        # And another briefing is deleted: its page must go, not linger from the last build.
        gone = next(i for i in items if i is not target and not i["front"].get("story"))
        gone_url = f"briefings/{gone['path'][:7]}/{gone['slug']}/"
        assert fetch(base + gone_url)[0] == 200
        (project / "briefings" / gone["path"]).unlink()
        wait_for(lambda: b"Renamed: " in served(base + url), what="rebuilt page")
        wait_for(lambda: fetch(base + gone_url)[0] == 404, what="deleted page gone")
        wait_for(lambda: (tmp_path / "serve.log").read_text().count("Documentation built") >= 2, what="rebuild done")
        time.sleep(0.5)
        assert server.poll() is None
        # A clean build of the same sources, at the same site_url: the served site must match it page for page.
        clean = build(project, "--site-dir", str(tmp_path / "clean"))
        assert clean.ok, clean.output
        pages = sorted(p.relative_to(tmp_path / "clean") for p in (tmp_path / "clean").rglob("index.html"))
        stale = []
        for page in pages:
            path = str(page.parent).replace(".", "") + "/" if str(page.parent) != "." else ""
            if served(base + path.lstrip("/")) != (tmp_path / "clean" / page).read_bytes():
                stale.append(path)
        assert stale == []
        for extra in ("atom.xml", "feed.json", "briefings.json", "companies/zephyr-motors/atom.xml"):
            assert served(base + extra) == (tmp_path / "clean" / extra).read_bytes(), extra
        assert before[""] != served(base) and before["status/confirmed/"] != served(base + "status/confirmed/")
        assert re.search(r"briefings: rebuilt \d+ of \d+ pages, removed [1-9]", (tmp_path / "serve.log").read_text())
        # And not everything was rebuilt: the log says how many pages were.
        output = (tmp_path / "serve.log").read_text()
        rebuilt = re.findall(r"briefings: rebuilt (\d+) of (\d+) pages", output)
        assert rebuilt, output[-2000:]
        done, total = map(int, rebuilt[-1])
        assert 0 < done < total / 2, rebuilt
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
