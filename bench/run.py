"""Build the same generated briefings three ways and compare time, memory and output.

    .venv/bin/python bench/run.py --sizes 1000,5000,10000 [--repeat K] [--name NAME]
    .venv/bin/python bench/run.py --sizes 10000 --repeat 5 --baseline-rev REV

For each size, bench/generate.py writes the briefings once (with the contract
v1.1 fields unless --no-v11); then, in bench/work/n<size>/, sites are built
from them with `mkdocs build --strict`:

  project   this project's site: its mkdocs.yml and docs/, plus the briefings folder
  baseline  the same bodies as plain Material pages, left out of the navigation
  peer      the same posts through Material's built-in blog plugin
  cached    the project's site with its build cache (cache_dir): built once to fill the
            cache, then each round one new briefing is added and the site built again
            (the desk's day: "one new briefing"); compare with project, a clean build
  revision  (--baseline-rev REV) the project's site as it was at git revision REV:
            REV's mkdocs.yml, docs/ and plugin code (exported with `git archive`,
            imported through PYTHONPATH=<export>/plugins ahead of the editable
            install), built from a v1 corpus: the same briefings without the
            v1.1 fields

baseline and peer inherit the project's mkdocs.yml (INHERIT), so theme,
Markdown extensions and validation are identical and only the plugins differ.
Variants take turns in every round, in reverse order every other round.
Results go to bench/results/<name>.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path

try:
    import tomllib  # Python 3.11+
except ImportError:  # pragma: no cover
    tomllib = None

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
VARIANTS = ("project", "baseline", "peer", "cached", "revision")
DEFAULT_VARIANTS = ("project", "baseline", "peer")
TARGET = 1.05  # the issue's target for --baseline-rev: new build time within 5 % of the revision's

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


def prepare(size: int, seed: int, variants: list[str], v11: bool = True,
            revision: Path | None = None, registry: bool = True) -> dict[str, Path]:
    """Generate the briefings and lay out the sites of ``variants``; return their folders.

    The project's folder always holds the briefings (baseline and peer re-publish their bodies);
    ``revision`` is the exported tree whose mkdocs.yml and docs/ the revision variant takes.
    """
    base = WORK / f"n{size}"
    shutil.rmtree(base, ignore_errors=True)
    project = base / "project"
    items = generate(project, size, seed, v11=v11, registry=registry)  # the registry (v1.1) beside the briefings
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    folders = {"project": project}

    if "baseline" in variants:
        baseline = folders["baseline"] = base / "baseline"
        write(baseline / "mkdocs.yml", BASELINE_YML)
        write(baseline / "docs" / "index.md", HOME)
        for item in items:
            write(baseline / "docs" / "briefings" / item.rel, f"# {item.title}\n\n{item.body}")

    if "peer" in variants:
        peer = folders["peer"] = base / "peer"
        write(peer / "mkdocs.yml", PEER_YML)
        write(peer / "docs" / "index.md", HOME)
        write(peer / "docs" / "blog" / "index.md", "# Blog\n")
        for item in items:
            write(peer / "docs" / "blog" / "posts" / item.rel, post(item))

    if "cached" in variants:  # the same project, its own folder: its cache and the briefings it adds
        cached = folders["cached"] = base / "cached"
        shutil.copytree(project, cached)
        # The cache is filled by a first build (not timed) before the rounds begin.
        config = cached / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "cache_dir: !ENV [AUTOBRIEF_CACHE_DIR, null]", "cache_dir: .cache/autobrief"), encoding="utf-8")

    if "revision" in variants:
        # Today's site: the revision's own config and pages, and the same briefings as v1 (no v1.1 fields).
        at = folders["revision"] = base / "revision"
        generate(at, size, seed, v11=False)
        shutil.copy2(revision / "mkdocs.yml", at / "mkdocs.yml")
        shutil.copytree(revision / "docs", at / "docs")
    return folders


# ---------------------------------------------------------------- a git revision of the project

REVISION_PATHS = ("mkdocs.yml", "docs", "plugins", "pyproject.toml")  # what a site build of the revision reads


def export_revision(rev: str) -> tuple[str, Path]:
    """The project's files at ``rev`` in bench/work/rev-<commit>/, by `git archive` (which reads the
    repository only: no worktree, checkout or index change); reused when already there."""
    done = subprocess.run(["git", "--no-optional-locks", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"--baseline-rev: {rev!r} is not a commit of {ROOT}")
    commit = done.stdout.strip()
    tree = WORK / f"rev-{commit[:12]}"
    marker = tree / ".exported"
    if not marker.exists():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", commit, "--", *REVISION_PATHS],
                                 cwd=ROOT, capture_output=True, check=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: no links or paths out of the tree
                tar.extractall(tree, filter="data")
            else:  # pragma: no cover
                tar.extractall(tree)
        marker.write_text(commit + "\n", encoding="utf-8")
    return commit, tree


def revision_warnings(tree: Path) -> list[str]:
    """What the current venv may lack for the revision: its dependencies, and its plugin entry point."""
    if tomllib is None:  # pragma: no cover
        return ["this Python has no tomllib: the revision's dependencies are not checked"]
    warnings = []
    config = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in config.get("project", {}).get("dependencies", []):
        dist = re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]
        try:
            metadata.version(dist)
        except metadata.PackageNotFoundError:
            warnings.append(f"the revision needs {requirement!r}, which this venv does not have")
    theirs = config.get("project", {}).get("entry-points", {}).get("mkdocs.plugins", {})
    ours = {ep.name: ep.value for ep in metadata.entry_points(group="mkdocs.plugins") if ep.value.startswith("autobrief")}
    for name, value in theirs.items():
        if ours.get(name) != value:
            warnings.append(f"the revision's plugin {name} = {value!r}, but this venv's entry point is {ours.get(name)!r}")
    return warnings


# Imports every module of the package once (writing its bytecode, as any first build would), then
# says which autobrief it is: so that no timed build pays for compiling, and the path is checked.
WARM_UP = """\
import importlib, pkgutil, sys
import autobrief
for module in pkgutil.walk_packages(autobrief.__path__, "autobrief."):
    try:
        importlib.import_module(module.name)
    except Exception as error:
        print(f"warm-up: {module.name}: {error!r}", file=sys.stderr)
print(autobrief.__file__)
"""


def variant_env(variant: str, tree: Path | None) -> dict[str, str]:
    """What a variant's build adds to the environment: the revision's plugin code first on sys.path."""
    if variant != "revision":
        return {}
    return {"PYTHONPATH": os.pathsep.join([str(tree / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])])}


def expected_package(variant: str, tree: Path | None) -> Path | None:
    """Where a variant's autobrief must come from (None: anywhere, e.g. not the project's plugin at all)."""
    if variant == "revision":
        return tree / "plugins" / "autobrief"
    if variant in ("project", "cached"):
        return ROOT / "plugins" / "autobrief"
    return None


def warm_up(variant: str, tree: Path | None) -> str:
    env = dict(os.environ, **variant_env(variant, tree))
    WORK.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-c", WARM_UP], cwd=WORK, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{variant}: cannot import autobrief:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def post(item: Generated) -> str:
    """A blog post: Material's front matter, and the excerpt separator after the first
    paragraph as blog writers put it (without it, every listing repeats whole posts)."""
    front = dump_front_matter({"date": item.date, "categories": list(item.tags), "slug": item.slug})
    first, rest = item.body.split("\n\n", 1)
    return f"{front}\n# {item.title}\n\n{first}\n\n<!-- more -->\n\n{rest}"


# `mkdocs build` in a process that, on exit, writes its own peak RSS and its children's (Pagefind's),
# and the file of the autobrief package it ran (the revision's or the working tree's).
MKDOCS = """\
import atexit, json, os, resource, sys
def report():
    peaks = [resource.getrusage(who).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
             for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    package = getattr(sys.modules.get("autobrief"), "__file__", None)
    with open(os.environ["BENCH_RUSAGE"], "w") as out:
        json.dump({"self": peaks[0], "children": peaks[1], "autobrief": package}, out)
atexit.register(report)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def build(folder: Path, extra_env: dict[str, str] | None = None, package: Path | None = None) -> dict:
    """One `mkdocs build --strict` in a child process: wall time, its peak RSS, and the site it wrote.

    ``package``: the autobrief package folder the build must have imported; another one fails it."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    log_path = folder / "build.log"
    rusage_path = folder / "rusage.json"
    rusage_path.unlink(missing_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BENCH_RUSAGE=str(rusage_path), **(extra_env or {}))
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
    indexed = re.search(r"Pagefind indexed [\d,]+ briefing page\(s\)[^\n]* in ([\d.]+) s \(", log)
    result = {
        "ok": child.returncode == 0,
        "returncode": child.returncode,
        "seconds": round(seconds, 3),
        # CPU time of the build and the children it waited for (Pagefind): steadier than wall time
        # when other work shares the machine.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "mkdocs_seconds": float(reported[1]) if reported else None,  # mkdocs' own figure, without startup
        # The project's search step: Pagefind runs in a child process, whose memory is its own.
        "search_index_seconds": float(indexed[1]) if indexed else None,
        "peak_rss_bytes": usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024),  # KiB on Linux
    }
    # The split: the mkdocs process alone, and the largest of its children (Pagefind, for the project).
    peaks = json.loads(rusage_path.read_text()) if rusage_path.exists() else {}
    result["mkdocs_rss_bytes"], result["children_rss_bytes"] = peaks.get("self"), peaks.get("children")
    result["autobrief_file"] = peaks.get("autobrief")
    result.update(log_figures(log))
    if result["ok"] and package is not None and (
            not result["autobrief_file"] or Path(result["autobrief_file"]).resolve().parent != package.resolve()):
        result["ok"] = False
        result["error"] = [f"built with autobrief from {result['autobrief_file']}, not from {package}"]
        return result
    if result["ok"]:
        result.update(measure(folder / "site"))
    else:
        lines = log.splitlines()
        result["error"] = [line for line in lines if "ERROR" in line or "Aborted" in line][:20] or lines[-20:]
    return result


def add_briefing(project: Path, n: int) -> Path:
    """One new briefing, the newest of the site (a day after the newest so far): that one's front
    matter and body, a new title, slug and date."""
    folder = project / "briefings"
    dated = sorted(((re.search(r"^date: (\S+)", p.read_text(encoding="utf-8"), re.M)[1], str(p)), p) for p in folder.rglob("*.md"))
    # The newest without dates of its own that a later date would put before it (updated, history,
    # corrections, a watch item resolved).
    text = next(t for _, p in reversed(dated)
                if not re.search(r"^(updated|history|corrections):|^ +resolved:", t := p.read_text(encoding="utf-8"), re.M))
    newest = dated[-1][1]
    text = re.sub(r"^title: .*$", f"title: New briefing {n} from the desk", text, count=1, flags=re.M)
    day = date.fromisoformat(re.search(r"^date: (\d{4}-\d{2}-\d{2})", newest.read_text(encoding="utf-8"), re.M)[1]) + timedelta(days=1)
    text = re.sub(r"^date: \d{4}-\d{2}-\d{2}", f"date: {day.isoformat()}", text, count=1, flags=re.M)
    path = folder / f"{day.year:04d}" / f"{day.month:02d}" / f"new-briefing-{n}-from-the-desk.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def log_figures(log: str) -> dict:
    """What the plugin says of its search shards and build cache."""
    figures = {}
    shards = re.search(r"Pagefind indexed ([\d,]+) briefing page\(s\)(?: in (\d+) shards)?(?: \((\d+) of \d+ from the build cache\))?", log)
    if shards:
        figures["search_pages"] = int(shards[1].replace(",", ""))
        figures["search_shards"] = int(shards[2] or 1)
        figures["search_shards_from_cache"] = int(shards[3] or 0)
    cache = re.search(r"build cache: ([\d,]+) of ([\d,]+) pages taken from \S+, ([\d,]+) rendered", log)
    if cache:
        figures["cache_pages_taken"], figures["cache_pages"], figures["cache_pages_rendered"] = (
            int(x.replace(",", "")) for x in cache.groups())
    return figures


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
    for key in ("seconds", "cpu_seconds", "mkdocs_seconds", "search_index_seconds", "peak_rss_bytes",
                "mkdocs_rss_bytes", "children_rss_bytes"):
        values = [r[key] for r in ok if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    for key in ("site_bytes", "site_files", "largest_html_bytes", "largest_html", "search_pages", "search_shards",
                "search_shards_from_cache", "cache_pages_taken", "cache_pages", "cache_pages_rendered"):
        out[key] = ok[-1].get(key)
    return out


def environment(revision: dict | None = None) -> dict:
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
        "baseline_revision": revision,  # --baseline-rev: its commit, export and the autobrief it imports
    }


def mib(n: float) -> str:
    return f"{n / 2**20:.1f}"


def paired(runs: list[dict], size: int, variant: str, other: str, key: str = "seconds") -> list[float]:
    """variant/other per round, for the rounds in which both builds succeeded (they ran side by side)."""
    def by_round(name):
        return {r["repeat"]: r[key] for r in runs if r["size"] == size and r["variant"] == name and r["ok"]
                and r.get(key) is not None}
    mine, theirs = by_round(variant), by_round(other)
    return [round(mine[k] / theirs[k], 4) for k in sorted(mine) if k in theirs]


def report(sizes: list[int], variants: list[str], summary: dict, runs: list[dict] | None = None,
           revision: str | None = None, target: float = TARGET, corpus: str = "v1.1") -> list[dict]:
    """Print the table and the ratios; return the ratios."""
    print(f"\n{'size':>6} {'variant':<9} {'time s':>8} {'cpu s':>8} {'search s':>9} {'ms/brief':>9} {'peak MiB':>9} {'site MiB':>9} {'files':>7} {'largest KiB':>12}")
    for size in sizes:
        for variant in variants:
            s = summary[f"{size}/{variant}"]
            if not s["ok"]:
                print(f"{size:>6} {variant:<9} FAILED: {(s['error'] or ['?'])[0]}")
                continue
            index = f"{s['search_index_seconds']:.2f}" if s.get("search_index_seconds") is not None else "-"
            print(f"{size:>6} {variant:<9} {s['seconds']:>8.2f} {s['cpu_seconds']:>8.2f} {index:>9} {1000 * s['seconds'] / size:>9.2f} {mib(s['peak_rss_bytes']):>9} "
                  f"{mib(s['site_bytes']):>9} {s['site_files']:>7} {s['largest_html_bytes'] / 1024:>12.1f}")
    print("\nPeak memory of the mkdocs process alone / of its largest child process (MiB):")
    for size in sizes:
        for variant in variants:
            s = summary[f"{size}/{variant}"]
            if s["ok"] and s.get("mkdocs_rss_bytes"):
                print(f"{size:>6} {variant:<9} {mib(s['mkdocs_rss_bytes']):>9} / {mib(s['children_rss_bytes'] or 0)}")
    print("\nSearch shards (from the build cache) and the build cache's pages (taken / rendered):")
    for size in sizes:
        for variant in ("project", "cached"):
            s = summary.get(f"{size}/{variant}")
            if s and s["ok"] and s.get("search_shards"):
                cache = (f"{s['cache_pages_taken']:,} / {s['cache_pages_rendered']:,}"
                         if s.get("cache_pages") is not None else "-")
                print(f"{size:>6} {variant:<9} {s['search_shards']:>3} shards ({s['search_shards_from_cache']} from the cache), pages {cache}")
    ratios = []
    for size in sizes:
        project = summary.get(f"{size}/project")
        cached = summary.get(f"{size}/cached")
        if project and cached and project["ok"] and cached["ok"]:
            rounds = paired(runs or [], size, "cached", "project")
            ratios.append({"size": size, "versus": "project", "of": "cached",
                           "time": round(cached["seconds"] / project["seconds"], 3),
                           "time_rounds": rounds, "time_median_of_rounds": round(statistics.median(rounds), 3) if rounds else None,
                           "memory": round(cached["peak_rss_bytes"] / project["peak_rss_bytes"], 3),
                           "memory_mkdocs_process": None})
        for other in ("baseline", "peer", "revision"):
            s = summary.get(f"{size}/{other}")
            if project and s and project["ok"] and s["ok"]:
                rounds = paired(runs or [], size, "project", other)
                cpu = paired(runs or [], size, "project", other, "cpu_seconds")
                ratios.append({
                    "size": size, "versus": other,
                    "time": round(project["seconds"] / s["seconds"], 3),  # median over median
                    "time_rounds": rounds,  # project/other in each round, the two builds side by side
                    "time_median_of_rounds": round(statistics.median(rounds), 3) if rounds else None,
                    "cpu_rounds": cpu,  # the same for CPU time (user + system, Pagefind's included)
                    "cpu_median_of_rounds": round(statistics.median(cpu), 3) if cpu else None,
                    "memory": round(project["peak_rss_bytes"] / s["peak_rss_bytes"], 3),
                    # the mkdocs processes alone, Pagefind's child process left out
                    "memory_mkdocs_process": round(project["mkdocs_rss_bytes"] / s["mkdocs_rss_bytes"], 3)
                    if project.get("mkdocs_rss_bytes") and s.get("mkdocs_rss_bytes") else None,
                })
    if ratios:
        print(f"\n{'size':>6} {'ratio':<19} {'time':>6} {'memory':>7} {'mkdocs process memory':>22}")
        for r in ratios:
            alone = f"{r['memory_mkdocs_process']:.2f}" if r["memory_mkdocs_process"] else "-"
            print(f"{r['size']:>6} {r.get('of', 'project') + ' / ' + r['versus']:<19} {r['time']:>6.2f} {r['memory']:>7.2f} {alone:>22}")
    for r in ratios:
        if r["versus"] != "revision" or r["time_median_of_rounds"] is None:
            continue
        ratio = r["time_median_of_rounds"]
        r["target"], r["within_target"] = target, ratio <= target
        print(f"\n{r['size']} briefings: working tree on the {corpus} corpus / {revision} on the v1 corpus, build time "
              f"{ratio:.3f} ({100 * (ratio - 1):+.1f} %), median of {len(r['time_rounds'])} interleaved round(s): "
              f"{', '.join(f'{x:.3f}' for x in r['time_rounds'])}; median over median {r['time']:.3f}; "
              f"CPU time {r['cpu_median_of_rounds']:.3f} ({', '.join(f'{x:.3f}' for x in r['cpu_rounds'])}). "
              f"Target at most {target:.2f}: {'within' if r['within_target'] else 'NOT within'}.")
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the briefings plugin against plain MkDocs and Material's blog.")
    parser.add_argument("--sizes", default="1000,5000,10000", help="comma-separated numbers of briefings")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds: builds per variant and size, taking turns; the median is reported")
    parser.add_argument("--variants", help="a subset of " + ",".join(VARIANTS) + " (default: "
                        + ",".join(DEFAULT_VARIANTS) + "; with --baseline-rev: project,revision)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--registry", action=argparse.BooleanOptionalAction, default=True,
                        help="give the project's site a registry of who is who, and write one name in ten "
                             "as an alias (default: on; --no-registry: none)")
    parser.add_argument("--v11", action=argparse.BooleanOptionalAction, default=True,
                        help="generate the contract v1.1 fields (default: on; --no-v11: a v1 corpus). "
                             "The revision variant always builds the v1 corpus")
    parser.add_argument("--baseline-rev", metavar="REV",
                        help="also build the project's site as it was at git revision REV (its mkdocs.yml, docs/ "
                             "and plugin code) from the v1 corpus, and report working tree / REV")
    parser.add_argument("--target", type=float, default=TARGET,
                        help=f"with --baseline-rev: the largest acceptable time ratio (default {TARGET})")
    parser.add_argument("--name", help="results file name (default: UTC timestamp)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    default = ("project", "revision") if args.baseline_rev else DEFAULT_VARIANTS
    variants = [v for v in (args.variants or ",".join(default)).split(",") if v]
    if any(v not in VARIANTS for v in variants) or args.repeat < 1 or min(sizes) < 1:
        parser.error("sizes and --repeat must be positive; variants are " + ", ".join(VARIANTS))
    if ("revision" in variants) != bool(args.baseline_rev):
        parser.error("the revision variant and --baseline-rev go together")

    tree, revision = None, None
    if args.baseline_rev:
        commit, tree = export_revision(args.baseline_rev)
        revision = {"rev": args.baseline_rev, "commit": commit, "tree": str(tree.relative_to(ROOT)),
                    "warnings": revision_warnings(tree)}
        for warning in revision["warnings"]:
            print(f"warning: {warning}", file=sys.stderr)
    # Each variant's autobrief, imported once before any timed build (bytecode written) and checked.
    packages = {}
    for variant in variants:
        if expected_package(variant, tree) is None:
            continue
        found = warm_up(variant, tree)
        packages[variant] = found
        print(f"{variant}: autobrief from {found}", file=sys.stderr)
        if Path(found).resolve().parent != expected_package(variant, tree).resolve():
            message = f"{variant}: imports autobrief from {found}, not from {expected_package(variant, tree)}"
            if variant == "revision":
                raise SystemExit(message)
            print(f"warning: {message}", file=sys.stderr)
    if revision:
        revision["autobrief_file"] = packages.get("revision")
    checked = {v: expected_package(v, tree) if v == "revision" else None for v in variants}

    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    name = args.name or started.replace("-", "").replace(":", "")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.json"
    runs, summary, generation = [], {}, {}

    def save(ratios) -> None:
        # Written after every size too: a long run that is stopped keeps what it measured.
        out.write_text(json.dumps({
            "name": name, "started": started, "environment": environment(revision),
            "sizes": sizes, "variants": variants, "repeat": args.repeat, "seed": args.seed,
            "corpus": {"project": "v1.1" if args.v11 else "v1", "revision": "v1"} if revision
            else ("v1.1" if args.v11 else "v1"),
            "autobrief_files": packages,
            "generation_seconds": generation, "summary": list(summary.values()), "ratios": ratios, "runs": runs,
        }, indent=2) + "\n", encoding="utf-8")

    for size in sizes:
        start = time.perf_counter()
        folders = prepare(size, args.seed, variants, v11=args.v11, revision=tree, registry=args.registry)
        generation[size] = round(time.perf_counter() - start, 3)
        by_variant: dict[str, list] = {v: [] for v in variants}
        if "cached" in variants:  # fill the cache: a clean build of the same briefings, not timed
            filled = build(folders["cached"])
            print(f"[{size} cached: cache filled in {filled['seconds']:.2f}s]", file=sys.stderr, flush=True)
        # Variants take turns, so that a slow patch of a shared machine hits all of them alike;
        # every other round in reverse order, so that none always builds right after another.
        for repeat in range(args.repeat):
            for variant in variants if repeat % 2 == 0 else variants[::-1]:
                if variant == "cached":
                    add_briefing(folders[variant], repeat + 1)
                result = build(folders[variant], variant_env(variant, tree), checked[variant])
                by_variant[variant].append(result)
                runs.append({"size": size, "variant": variant, "repeat": repeat, **result})
                state = f"{result['seconds']:.2f}s {mib(result['peak_rss_bytes'])} MiB" if result["ok"] else "FAILED"
                print(f"[{size} {variant} #{repeat + 1}] {state}", file=sys.stderr, flush=True)
        for variant in variants:
            summary[f"{size}/{variant}"] = {"size": size, "variant": variant, **summarise(by_variant[variant])}
        save(None)

    save(report(sizes, variants, summary, runs, args.baseline_rev, args.target, "v1.1" if args.v11 else "v1"))
    print(f"\nresults: {out.relative_to(ROOT)}")
    return 0 if all(s["ok"] for s in summary.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
