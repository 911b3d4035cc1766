"""Build the same generated briefings three ways and compare time, memory and output.

    .venv/bin/python bench/run.py --sizes 1000,5000,10000 [--repeat K] [--name NAME]

For each size, bench/generate.py writes the briefings once; then, in
bench/work/n<size>/, three sites are built from them with `mkdocs build --strict`:

  project   this project's site: its mkdocs.yml and docs/, plus the briefings folder
  baseline  the same bodies as plain Material pages, left out of the navigation
  peer      the same posts through Material's built-in blog plugin

baseline and peer inherit the project's mkdocs.yml (INHERIT), so theme,
Markdown extensions and validation are identical and only the plugins differ.
Results go to bench/results/<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
VARIANTS = ("project", "baseline", "peer")

sys.path.insert(0, str(BENCH))
from generate import Generated, dump_front_matter, generate  # noqa: E402

# Everything but plugins and nav comes from the project's config (lists are replaced, mappings merged).
BASELINE_YML = """\
INHERIT: ../project/mkdocs.yml
plugins: [search]
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: info  # the briefing pages are deliberately not in the nav
"""
PEER_YML = """\
INHERIT: ../project/mkdocs.yml
plugins: [search, blog]  # the blog plugin's defaults: archive, categories, 10 posts a page
nav:
  - Home: index.md
  - Blog: blog/index.md
validation:
  nav:
    omitted_files: info
"""
HOME = "# Briefings\n\nThe benchmark's briefings, built without the briefings plugin.\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def prepare(size: int, seed: int) -> dict[str, Path]:
    """Generate the briefings and lay out the three sites; return their folders."""
    base = WORK / f"n{size}"
    shutil.rmtree(base, ignore_errors=True)
    project = base / "project"
    items = generate(project, size, seed)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")

    baseline = base / "baseline"
    write(baseline / "mkdocs.yml", BASELINE_YML)
    write(baseline / "docs" / "index.md", HOME)
    for item in items:
        write(baseline / "docs" / "briefings" / item.rel, f"# {item.title}\n\n{item.body}")

    peer = base / "peer"
    write(peer / "mkdocs.yml", PEER_YML)
    write(peer / "docs" / "index.md", HOME)
    write(peer / "docs" / "blog" / "index.md", "# Blog\n")
    for item in items:
        write(peer / "docs" / "blog" / "posts" / item.rel, post(item))
    return {"project": project, "baseline": baseline, "peer": peer}


def post(item: Generated) -> str:
    """A blog post: Material's front matter, and the excerpt separator after the first
    paragraph as blog writers put it (without it, every listing repeats whole posts)."""
    front = dump_front_matter({"date": item.date, "categories": list(item.tags), "slug": item.slug})
    first, rest = item.body.split("\n\n", 1)
    return f"{front}\n# {item.title}\n\n{first}\n\n<!-- more -->\n\n{rest}"


# `mkdocs build` in a process that, on exit, writes its own peak RSS and its children's (Pagefind's).
MKDOCS = """\
import atexit, json, os, resource, sys
def report():
    peaks = [resource.getrusage(who).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
             for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    with open(os.environ["BENCH_RUSAGE"], "w") as out:
        json.dump({"self": peaks[0], "children": peaks[1]}, out)
atexit.register(report)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def build(folder: Path) -> dict:
    """One `mkdocs build --strict` in a child process: wall time, its peak RSS, and the site it wrote."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    log_path = folder / "build.log"
    rusage_path = folder / "rusage.json"
    rusage_path.unlink(missing_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BENCH_RUSAGE=str(rusage_path))
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", MKDOCS, "build", "--strict"],
            cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be a max over all children so far.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so tell Popen
    log = log_path.read_text(encoding="utf-8", errors="replace")
    reported = re.search(r"Documentation built in ([\d.]+) seconds", log)
    indexed = re.search(r"Pagefind indexed [\d,]+ briefing page\(s\) in ([\d.]+) s", log)
    result = {
        "ok": child.returncode == 0,
        "returncode": child.returncode,
        "seconds": round(seconds, 3),
        "mkdocs_seconds": float(reported[1]) if reported else None,  # mkdocs' own figure, without startup
        # The project's search step: Pagefind runs in a child process, whose memory is its own.
        "search_index_seconds": float(indexed[1]) if indexed else None,
        "peak_rss_bytes": usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024),  # KiB on Linux
    }
    # The split: the mkdocs process alone, and the largest of its children (Pagefind, for the project).
    peaks = json.loads(rusage_path.read_text()) if rusage_path.exists() else {}
    result["mkdocs_rss_bytes"], result["children_rss_bytes"] = peaks.get("self"), peaks.get("children")
    if result["ok"]:
        result.update(measure(folder / "site"))
    else:
        lines = log.splitlines()
        result["error"] = [line for line in lines if "ERROR" in line or "Aborted" in line][:20] or lines[-20:]
    return result


def measure(site: Path) -> dict:
    total = files = largest = 0
    largest_page = None
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            size = path.stat().st_size
            total += size
            files += 1
            if name.endswith(".html") and size > largest:
                largest, largest_page = size, path.relative_to(site).as_posix()
    return {"site_bytes": total, "site_files": files, "largest_html_bytes": largest, "largest_html": largest_page}


def summarise(runs: list[dict]) -> dict:
    """Medians over the repeats that succeeded; site figures do not vary between repeats."""
    ok = [r for r in runs if r["ok"]]
    if not ok:
        return {"ok": False, "error": runs[-1].get("error")}
    out = {"ok": True, "repeats": len(ok)}
    for key in ("seconds", "mkdocs_seconds", "search_index_seconds", "peak_rss_bytes", "mkdocs_rss_bytes",
                "children_rss_bytes"):
        values = [r[key] for r in ok if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    for key in ("site_bytes", "site_files", "largest_html_bytes", "largest_html"):
        out[key] = ok[-1][key]
    return out


def environment() -> dict:
    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    def git(*args: str) -> str | None:
        # Read-only: --no-optional-locks keeps `status` from refreshing the index.
        done = subprocess.run(["git", "--no-optional-locks", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "versions": {d: version(d) for d in ("mkdocs", "mkdocs-material", "autobrief")},
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
    }


def mib(n: float) -> str:
    return f"{n / 2**20:.1f}"


def report(sizes: list[int], variants: list[str], summary: dict) -> list[dict]:
    """Print the table and the ratios; return the ratios."""
    print(f"\n{'size':>6} {'variant':<9} {'time s':>8} {'search s':>9} {'ms/brief':>9} {'peak MiB':>9} {'site MiB':>9} {'files':>7} {'largest KiB':>12}")
    for size in sizes:
        for variant in variants:
            s = summary[f"{size}/{variant}"]
            if not s["ok"]:
                print(f"{size:>6} {variant:<9} FAILED: {(s['error'] or ['?'])[0]}")
                continue
            index = f"{s['search_index_seconds']:.2f}" if s.get("search_index_seconds") is not None else "-"
            print(f"{size:>6} {variant:<9} {s['seconds']:>8.2f} {index:>9} {1000 * s['seconds'] / size:>9.2f} {mib(s['peak_rss_bytes']):>9} "
                  f"{mib(s['site_bytes']):>9} {s['site_files']:>7} {s['largest_html_bytes'] / 1024:>12.1f}")
    print("\nPeak memory of the mkdocs process alone / of its largest child process (MiB):")
    for size in sizes:
        for variant in variants:
            s = summary[f"{size}/{variant}"]
            if s["ok"] and s.get("mkdocs_rss_bytes"):
                print(f"{size:>6} {variant:<9} {mib(s['mkdocs_rss_bytes']):>9} / {mib(s['children_rss_bytes'] or 0)}")
    ratios = []
    for size in sizes:
        project = summary.get(f"{size}/project")
        for other in ("baseline", "peer"):
            s = summary.get(f"{size}/{other}")
            if project and s and project["ok"] and s["ok"]:
                ratios.append({
                    "size": size, "versus": other,
                    "time": round(project["seconds"] / s["seconds"], 3),
                    "memory": round(project["peak_rss_bytes"] / s["peak_rss_bytes"], 3),
                    # the mkdocs processes alone, Pagefind's child process left out
                    "memory_mkdocs_process": round(project["mkdocs_rss_bytes"] / s["mkdocs_rss_bytes"], 3)
                    if project.get("mkdocs_rss_bytes") and s.get("mkdocs_rss_bytes") else None,
                })
    if ratios:
        print(f"\n{'size':>6} {'project /':<10} {'time':>6} {'memory':>7} {'mkdocs process memory':>22}")
        for r in ratios:
            alone = f"{r['memory_mkdocs_process']:.2f}" if r["memory_mkdocs_process"] else "-"
            print(f"{r['size']:>6} {r['versus']:<10} {r['time']:>6.2f} {r['memory']:>7.2f} {alone:>22}")
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the briefings plugin against plain MkDocs and Material's blog.")
    parser.add_argument("--sizes", default="1000,5000,10000", help="comma-separated numbers of briefings")
    parser.add_argument("--repeat", type=int, default=1, help="builds per variant and size; the median is reported")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="a subset of " + ",".join(VARIANTS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", help="results file name (default: UTC timestamp)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    variants = [v for v in args.variants.split(",") if v]
    if any(v not in VARIANTS for v in variants) or args.repeat < 1 or min(sizes) < 1:
        parser.error("sizes and --repeat must be positive; variants are " + ", ".join(VARIANTS))

    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    name = args.name or started.replace("-", "").replace(":", "")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.json"
    runs, summary, generation = [], {}, {}

    def save(ratios) -> None:
        # Written after every size too: a long run that is stopped keeps what it measured.
        out.write_text(json.dumps({
            "name": name, "started": started, "environment": environment(),
            "sizes": sizes, "variants": variants, "repeat": args.repeat, "seed": args.seed,
            "generation_seconds": generation, "summary": list(summary.values()), "ratios": ratios, "runs": runs,
        }, indent=2) + "\n", encoding="utf-8")

    for size in sizes:
        start = time.perf_counter()
        folders = prepare(size, args.seed)
        generation[size] = round(time.perf_counter() - start, 3)
        by_variant: dict[str, list] = {v: [] for v in variants}
        # Variants take turns, so that a slow patch of a shared machine hits all of them alike.
        for repeat in range(args.repeat):
            for variant in variants:
                result = build(folders[variant])
                by_variant[variant].append(result)
                runs.append({"size": size, "variant": variant, "repeat": repeat, **result})
                state = f"{result['seconds']:.2f}s {mib(result['peak_rss_bytes'])} MiB" if result["ok"] else "FAILED"
                print(f"[{size} {variant} #{repeat + 1}] {state}", file=sys.stderr, flush=True)
        for variant in variants:
            summary[f"{size}/{variant}"] = {"size": size, "variant": variant, **summarise(by_variant[variant])}
        save(None)

    save(report(sizes, variants, summary))
    print(f"\nresults: {out.relative_to(ROOT)}")
    return 0 if all(s["ok"] for s in summary.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
