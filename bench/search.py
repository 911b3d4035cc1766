"""Search benchmark: Pagefind (this project) beside Material's built-in search, on the same briefings.

    .venv/bin/python bench/search.py --sizes 1000,10000 [--runs 3] [--name NAME]

For each size, bench/generate.py writes N briefings once into
bench/work/search-n<size>/, and two sites are built from them with
`mkdocs build --strict`:

  pagefind  this project's site (the briefings plugin indexes it with Pagefind)
  material  the same site with Material's `search` plugin turned back on (the
            briefings plugin then leaves search to it: lunr, one JSON index)

Measured per site: the time of the index step alone (timed inside the build
process: Search.post_build, or the search plugin's on_page_context and
on_post_build), the build's wall time, the bytes of the index on disk, and in
headless chromium (Debian's, via Playwright) against the site served on
127.0.0.1 with gzip, as static hosts serve it:

  typing   a cold page (new browser context) of the home page: click the header's
           search box, type a typical query, and time from the last key press to
           the first result element added after it (performance.now() in the
           page); bytes of every response until the results have settled
  browse   (pagefind) a cold /search/?status=denied: filters, no words
  page     (pagefind) a cold /search/?q=<query>&status=denied: words and a filter

Bytes are counted as transferred (response bodies as sent, gzip where the
server compressed them) and as decoded, and split into the page itself, the
search (index files, runtime, browse data) and sitemap.xml, which Material's
script fetches for every <link rel="alternate"> of a page (the feed links).
Results go to bench/results/search-<name>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
CHROMIUM = os.environ.get("AUTOBRIEF_CHROMIUM", "/usr/bin/chromium")
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))
from generate import generate  # noqa: E402
from run import environment  # noqa: E402

VARIANTS = ("pagefind", "material")
QUERIES = ("xiaomi", "battery plant", "tariffs")
BYTE_TARGET = 600_000  # page and query, transferred (Scale II: at 30,000 briefings)
BROWSE_TARGET = 150_000  # filter-only browsing, transferred
TIME_TARGET = 1.0
MATERIAL_YML = """\
INHERIT: ../pagefind/mkdocs.yml
docs_dir: ../pagefind/docs
plugins:
  - search
  - briefings:
      folder: ../pagefind/briefings
"""
# Runs inside the build's own process, so that the index step can be timed alone.
CHILD = textwrap.dedent("""
    import json, sys, time
    timings = {"index_seconds": 0.0}

    def timed(cls, name):
        original = getattr(cls, name)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timings["index_seconds"] += time.perf_counter() - start
        setattr(cls, name, wrapper)

    if sys.argv[1] == "material":
        from material.plugins.search.plugin import SearchPlugin
        for name in ("on_page_context", "on_post_build"):
            timed(SearchPlugin, name)
    else:
        from autobrief import search
        from autobrief.search import pagefind as process
        timed(search.Search, "post_build")  # browse data, Pagefind, stable filter files
        finish = process.finish_pagefind  # Pagefind starts once the briefing pages are written
        def pagefind(*args, **kwargs):
            result = finish(*args, **kwargs)
            timings["pagefind_seconds"] = result.seconds
            timings["pagefind_ok"] = result.ok
            return result
        process.finish_pagefind = pagefind
    from mkdocs.__main__ import cli
    start = time.perf_counter()
    try:
        cli(["build", "--strict", "--quiet"], standalone_mode=False)
    finally:
        timings["build_seconds"] = time.perf_counter() - start
        print("BENCH " + json.dumps(timings), flush=True)
""")
# Pagefind's prebuilt UIs (and its worker: search.js runs it on the main thread) are written but never fetched.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.js", "pagefind-worker.js")


# ------------------------------------------------------------------ sites


def prepare(size: int, seed: int) -> dict[str, Path]:
    base = WORK / f"search-n{size}"
    shutil.rmtree(base, ignore_errors=True)
    project = base / "pagefind"
    generate(project, size, seed)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    material = base / "material"
    material.mkdir(parents=True)
    (material / "mkdocs.yml").write_text(MATERIAL_YML, encoding="utf-8")
    return {"pagefind": project, "material": material}


def build(folder: Path, variant: str) -> dict:
    shutil.rmtree(folder / "site", ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, variant], cwd=folder, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    (folder / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    timings = next((json.loads(line[6:]) for line in done.stdout.splitlines() if line.startswith("BENCH ")), {})
    result = {"ok": done.returncode == 0 and timings.get("pagefind_ok", True), "wall_seconds": round(wall, 3),
              **{k: round(v, 3) if isinstance(v, float) else v for k, v in timings.items()}}
    if not result["ok"]:
        result["error"] = (done.stdout + done.stderr).splitlines()[-20:]
    return result


def index_bytes(site: Path, variant: str) -> dict:
    def total(paths) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file())

    if variant == "material":
        index = site / "search" / "search_index.json"
        return {"index_bytes": index.stat().st_size, "index_files": 1}
    bundle = site / "pagefind"
    used = [p for p in bundle.rglob("*") if p.is_file() and not p.name.startswith(UNUSED)]
    browse = [p for p in (site / "search").rglob("*") if p.is_file() and p.name != "index.html"]
    return {
        "index_bytes": total(used), "index_files": len(used),
        "word_index_bytes": total((bundle / "index").glob("*")),
        "fragment_bytes": total((bundle / "fragment").glob("*")),
        "filter_bytes": total((bundle / "filter").glob("*")),
        "meta_bytes": total(bundle.glob("*.pf_meta")),
        "browse_bytes": total(browse), "browse_files": len(browse),
        "unused_ui_bytes": total(p for p in bundle.iterdir() if p.name.startswith(UNUSED)),
    }


# ------------------------------------------------------------------ serving, as a static host does


class _Counting:
    """The connection's writer, counting what goes out."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed when the browser accepts it (as static hosts do).

    Every response's bytes on the wire (status line, headers, body) go to ``sent``:
    the browser's own figures miss requests made by a web worker's script.
    """

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
    cache: dict = {}

    def __init__(self, *args, sent: list, **kwargs):
        self.sent = sent
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.wfile = _Counting(self.wfile)

    def handle_one_request(self):
        before = self.wfile.count
        super().handle_one_request()
        if getattr(self, "path", None) and self.wfile.count > before:
            self.sent.append((unquote(urlsplit(self.path).path), self.wfile.count - before))

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if path.is_file() and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (str(path), path.stat().st_mtime_ns)
            body = self.cache.get(key)
            if body is None:
                body = self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()  # already compressed (Pagefind's files), images, redirects, 404s


@contextlib.contextmanager
def serve(site: Path):
    """The site on 127.0.0.1; yields its URL and the list of (path, bytes sent) it fills."""
    sent: list = []
    handler = functools.partial(GzipHandler, directory=str(site), sent=sent)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ in the browser

WATCH = """(selector) => {
  window.__bench = {lastKey: 0, first: null};
  document.addEventListener("keydown", () => { window.__bench.lastKey = performance.now(); window.__bench.first = null; }, true);
  new MutationObserver((records) => {
    const b = window.__bench;
    if (b.first !== null || !b.lastKey) return;
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n.matches(selector) || n.querySelector(selector))) { b.first = performance.now(); return; }
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""


def category(path: str) -> str:
    if path.endswith("/sitemap.xml"):
        return "sitemap"
    if path == "/search/":  # the search page itself
        return "page"
    if path.startswith(("/pagefind/", "/search/")) or "/workers/search" in path or "/lunr/" in path:
        return "search"
    return "page"


class Cold:
    """One new browser context: what the server sent for it, and what the browser decoded."""

    def __init__(self, browser, served: tuple):
        self.base, self.sent = served
        self.start = len(self.sent)
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.responses = []
        self.page.on("response", lambda r: self.responses.append(r))

    def bytes(self) -> dict:
        out = {f"{c}_{k}": 0 for c in ("page", "search", "sitemap") for k in ("transferred", "decoded")}
        sent = self.sent[self.start:]
        out["requests"] = len(sent)
        for path, n in sent:
            out[f"{category(path)}_transferred"] += n
        for r in self.responses:
            try:
                decoded = len(r.body()) if r.status == 200 else 0
            except Exception:  # noqa: BLE001 - a response the page dropped
                continue
            out[f"{category(unquote(urlsplit(r.url).path))}_decoded"] += decoded
        for k in ("transferred", "decoded"):
            out[f"total_{k}"] = out[f"page_{k}"] + out[f"search_{k}"] + out[f"sitemap_{k}"]
            out[f"without_sitemap_{k}"] = out[f"page_{k}"] + out[f"search_{k}"]
        return out

    def close(self):
        self.context.close()


def typing(browser, served: tuple, variant: str, query: str, timeout: float) -> dict:
    cold = Cold(browser, served)
    base, page = cold.base, cold.page
    selector = ".md-search-result__item"
    page.goto(base, wait_until="load")
    page.evaluate(WATCH, selector)
    page.click(".md-search__input")  # the header's box, Material's or ours
    page.keyboard.type(query, delay=50)
    try:
        page.wait_for_function("window.__bench.first !== null", timeout=timeout * 1000, polling=20)
        seconds = page.evaluate("(window.__bench.first - window.__bench.lastKey) / 1000")
    except Exception:  # noqa: BLE001 - no result in time
        seconds = None
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    shown = page.locator(selector).count()
    out = {"query": query, "seconds_to_first_result": None if seconds is None else round(seconds, 3),
           "results_shown": shown, **cold.bytes()}
    cold.close()
    return out


def visit(browser, served: tuple, url: str, timeout: float) -> dict:
    cold = Cold(browser, served)
    base, page = cold.base, cold.page
    page.goto(base + url, wait_until="load")
    try:  # a first result, or the message that nothing matches
        page.wait_for_selector(".ab-result, .ab-results__status--empty", timeout=timeout * 1000)
        seconds = page.evaluate("performance.now() / 1000")  # from the start of navigation
    except Exception:  # noqa: BLE001
        seconds = None
    page.wait_for_load_state("networkidle")
    status = page.locator(".ab-results__status").inner_text()
    out = {"url": url, "seconds_to_first_result": None if seconds is None else round(seconds, 3),
           "results_shown": page.locator(".ab-result").count(), "status_line": status, **cold.bytes()}
    cold.close()
    return out


def median(runs: list[dict], key: str):
    values = [r[key] for r in runs if r.get(key) is not None]
    return round(statistics.median(values), 3) if values else None


def measure(site: Path, variant: str, runs: int, timeout: float) -> dict:
    from playwright.sync_api import sync_playwright

    from browser import ARGS

    out: dict = {"typing": []}
    with serve(site) as served, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for _ in range(runs):
                for query in QUERIES:
                    out["typing"].append(typing(chromium, served, variant, query, timeout))
            if variant == "pagefind":
                out["browse"] = [visit(chromium, served, "search/?status=denied", timeout) for _ in range(runs)]
                out["page"] = [visit(chromium, served, f"search/?q={QUERIES[0]}&status=denied", timeout) for _ in range(runs)]
        finally:
            chromium.close()
    summary = {}
    for scenario, results in out.items():
        summary[scenario] = {key: median(results, key) for key in (
            "seconds_to_first_result", "total_transferred", "without_sitemap_transferred", "page_transferred",
            "search_transferred", "sitemap_transferred", "total_decoded", "without_sitemap_decoded", "search_decoded")}
    return {"runs": out, "summary": summary}


# ------------------------------------------------------------------ report


def kb(n) -> str:
    return "-" if n is None else f"{n / 1000:,.0f}"


def report(rows: list[dict]) -> None:
    print(f"\n{'size':>6} {'variant':<9} {'index s':>8} {'build s':>8} {'index MB':>9} "
          f"{'typing: 1st result s':>21} {'kB page+search':>15} {'kB +sitemap':>12} {'kB decoded':>11}")
    for row in rows:
        t = row.get("browser", {}).get("summary", {}).get("typing", {})
        print(f"{row['size']:>6} {row['variant']:<9} {row['build'].get('index_seconds', 0):>8.2f} "
              f"{row['build'].get('wall_seconds', 0):>8.1f} {row['disk']['index_bytes'] / 1e6:>9.1f} "
              f"{t.get('seconds_to_first_result') if t.get('seconds_to_first_result') is not None else '-':>21} "
              f"{kb(t.get('without_sitemap_transferred')):>15} {kb(t.get('total_transferred')):>12} "
              f"{kb(t.get('without_sitemap_decoded')):>11}")
        for scenario in ("browse", "page"):
            s = row.get("browser", {}).get("summary", {}).get(scenario)
            if s:
                print(f"{'':>6} {'  ' + scenario:<9} {'':>8} {'':>8} {'':>9} {s['seconds_to_first_result'] or '-':>21} "
                      f"{kb(s['without_sitemap_transferred']):>15} {kb(s['total_transferred']):>12} "
                      f"{kb(s['without_sitemap_decoded']):>11}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark Pagefind search against Material's search.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3, help="cold page loads per query and scenario; medians reported")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a first result")
    parser.add_argument("--reuse", action="store_true", help="measure the sites already built in bench/work")
    parser.add_argument("--name", help="results file name (default: UTC timestamp)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    variants = [v for v in args.variants.split(",") if v]
    if any(v not in VARIANTS for v in variants):
        parser.error("variants are " + ", ".join(VARIANTS))
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    rows = []
    for size in sizes:
        base = WORK / f"search-n{size}"
        if args.reuse and all((base / v / "site").is_dir() for v in variants):
            folders = {v: base / v for v in VARIANTS}
            builds = {v: json.loads((base / v / "bench-build.json").read_text()) for v in variants}
        else:
            folders = prepare(size, args.seed)
            builds = {}
            for variant in variants:
                builds[variant] = build(folders[variant], variant)
                (folders[variant] / "bench-build.json").write_text(json.dumps(builds[variant]))
                state = f"{builds[variant].get('wall_seconds')} s" if builds[variant]["ok"] else "FAILED"
                print(f"[{size} {variant}] built: {state}", file=sys.stderr, flush=True)
        for variant in variants:
            row = {"size": size, "variant": variant, "build": builds[variant]}
            if builds[variant]["ok"]:
                site = folders[variant] / "site"
                row["disk"] = index_bytes(site, variant)
                row["browser"] = measure(site, variant, args.runs, args.timeout)
                t = row["browser"]["summary"]["typing"]
                print(f"[{size} {variant}] first result {t['seconds_to_first_result']} s, "
                      f"{kb(t['without_sitemap_transferred'])} kB (+ sitemap {kb(t['sitemap_transferred'])} kB)",
                      file=sys.stderr, flush=True)
            rows.append(row)
    report([r for r in rows if "disk" in r])
    targets = []
    for row in rows:
        t = row.get("browser", {}).get("summary", {}).get("typing")
        if row["variant"] == "pagefind" and t:
            targets.append({
                "size": row["size"],
                "first_result_within_1s": t["seconds_to_first_result"] is not None and t["seconds_to_first_result"] <= TIME_TARGET,
                "page_and_query_within_600kB": t["without_sitemap_transferred"] <= BYTE_TARGET,
                "with_sitemap_within_600kB": t["total_transferred"] <= BYTE_TARGET,
            })
            browse = row["browser"]["summary"].get("browse")
            if browse:
                targets[-1]["filter_only_within_150kB"] = browse["without_sitemap_transferred"] <= BROWSE_TARGET
            print(f"[{row['size']} targets] {targets[-1]}", file=sys.stderr)
    name = args.name or started.replace("-", "").replace(":", "")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{name}.json"
    out.write_text(json.dumps({
        "name": name, "started": started, "environment": environment(), "sizes": sizes, "variants": variants,
        "runs": args.runs, "seed": args.seed, "queries": list(QUERIES), "targets": targets, "results": rows,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults: {out.relative_to(ROOT)}")
    return 0 if all(r["build"]["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
