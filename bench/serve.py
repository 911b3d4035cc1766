"""Save-to-reloaded under `mkdocs serve`, with and without --dirty.

Generates N briefings (bench/generate.py), starts `mkdocs serve` on 127.0.0.1,
waits for the first build, then changes one briefing's title and status and
measures the time until the server hands out the page with the new title:
what a writer waits for between saving and reading. With --dirty, it also
checks that the home page and the listing pages of the new status show it.

    .venv/bin/python bench/serve.py --size 5000             # both modes
    .venv/bin/python bench/serve.py --size 1000 --modes dirty
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import environment  # noqa: E402

WORK = HERE / "work"
RESULTS = HERE / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, OSError):
        return None


def wait(check, timeout: float, step: float = 0.05) -> float | None:
    """Seconds until check() is true, or None at the timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def retitle(text: str, title: str) -> str:
    """The briefing with another title (JSON strings are YAML double-quoted strings)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = "title: " + json.dumps(title)
    return "\n".join(lines)


def measure(project: Path, item, mode: str, saves: int) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    args = ["serve", "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] if mode == "dirty" else [])
    log = open(project / f"serve-{mode}.log", "wb")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", *args], cwd=project, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    page = base + f"briefings/{item.rel[:7]}/{item.slug}/"
    path = project / "briefings" / item.rel
    original = path.read_text(encoding="utf-8")
    result = {"mode": mode, "first_build_seconds": None, "saves": []}
    try:
        result["first_build_seconds"] = wait(lambda: get(page) is not None, timeout=1800, step=0.5)
        time.sleep(2)  # let the watcher settle
        for n in range(saves):
            marker = f"zqsaved{n}x"  # plain letters: found as written in the HTML
            path.write_text(retitle(original, f"{marker} {item.title}"), encoding="utf-8")
            seconds = wait(lambda: marker in (get(page) or ""), timeout=900, step=0.1)
            home = get(base) or ""
            result["saves"].append({"seconds": seconds, "home_shows_it": marker in home})
            time.sleep(2)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
        path.write_text(original, encoding="utf-8")
    times = [s["seconds"] for s in result["saves"] if s["seconds"] is not None]
    result["median_seconds"] = sorted(times)[len(times) // 2] if times else None
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--modes", default="clean,dirty", help="clean (plain serve), dirty (serve --dirty)")
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    project = WORK / f"serve-n{args.size}"
    shutil.rmtree(project, ignore_errors=True)
    items = generate(project, args.size, args.seed)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    newest = max(items, key=lambda i: (str(i.date), i.rel))  # on the home page, so --dirty must refresh it
    runs = []
    for mode in args.modes.split(","):
        run = measure(project, newest, mode, args.saves)
        runs.append(run)
        saves = ", ".join("timeout" if s["seconds"] is None else f"{s['seconds']:.2f}" for s in run["saves"])
        flag = " --dirty" if mode == "dirty" else ""
        print(f"{args.size} briefings, serve{flag}: first build {run['first_build_seconds']:.1f} s; "
              f"save to reloaded page: median {run['median_seconds']} s ({saves}); "
              f"home page updated: {all(s['home_shows_it'] for s in run['saves'])}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"serve-n{args.size}.json"
    out.write_text(json.dumps({"size": args.size, "environment": environment(), "runs": runs}, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
