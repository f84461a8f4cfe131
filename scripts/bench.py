"""``make bench``: how long the guide takes to build, and how it grows.

Synthetic content sets (synthetic.py: N entities of every kind, in French and English, valid against the schema) are
built with the real templates and hook, side by side with plain MkDocs; the real content is served by
``mkdocs serve`` to time an edit, and its agreement files are rendered from an empty cache. Every figure is
the median of several runs; ``bench/README.md`` says what each one measures.

    python scripts/bench.py [--runs 3] [--sizes 10,100,1000] [--quick] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from guide.schema import KINDS  # noqa: E402
from synthetic import AGREEMENTS, content_files, write_content  # noqa: E402

LANGS = ("fr", "en")
SIZES = (10, 100, 1000)
QUICK_SIZES = (2, 4)
LOG_LINE = re.compile(r"guide: (\d+) pages generated, (\d+) written, (\d+) removed, (\d+) agreement files rendered")
BUDGETS = {
    "overhead": {"max": 1.10},  # the hook's build against plain MkDocs, at N >= 100
    "html_growth": {"min": 0.80, "max": 1.20},  # HTML bytes per page, largest N against the one before
    "time_growth": {"max": 10.0},  # build time, largest N against the one before (10 times the content)
    "rebuild_files": {"max": 0},  # files rewritten or re-rendered by a rebuild with nothing changed
    "serve": {"max": 5.0},  # from saving a YAML file to the updated page served (make serve), at every N
    "builds_per_edit": {"max": 1.0},  # mkdocs serve's builds for one edit
    "site": {"max": 1.3},  # make site (validation, the site and its offline copy) against one `mkdocs build`
}
BUDGET_FROM = 100  # the overhead's budget holds from this N up


# --- Synthetic projects (their content: synthetic.py) -----------------------------------------------------------


HOME = {
    "fr": "# Accueil\n\nUn guide synthétique : [les rôles](roles/index.md).\n",
    "en": "# Home\n\nA synthetic guide: [the roles](roles/index.md).\n",
}
NAV = ["index.md", *(f"{key}/index.md" for key, kind in KINDS.items() if kind.shown)]


def write_project(
    folder: Path, n: int, agreements: int = AGREEMENTS, templates: Path = ROOT / "gabarits"
) -> tuple[Path, Path]:
    """A project of N entities of each kind with the repository's hook and ``templates`` (the repository's, or
    a copy the run takes at its start: an edit in the working tree meanwhile does not reach it): (its mkdocs.yml,
    the same config without the hook)."""
    write_content(folder, {lang: content_files(n, lang, agreements) for lang in LANGS})
    for lang in LANGS:
        (folder / "docs" / lang).mkdir(parents=True)
        (folder / "docs" / lang / "index.md").write_text(HOME[lang], encoding="utf-8")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' reader: the file has !ENV
    config["hooks"] = [str(ROOT / "scripts" / "mkdocs_hooks.py")]
    config["theme"]["custom_dir"] = str(templates / "theme")
    config["extra"]["guide"]["templates"] = str(templates)
    config["watch"] = [w if w != "gabarits" else str(templates) for w in config["watch"]]
    config["nav"] = NAV
    for lang in config["plugins"][1]["i18n"]["languages"]:
        lang.pop("nav_translations", None)
    shutil.copyfile(ROOT / "CITATION.cff", folder / "CITATION.cff")  # the References page prints it
    hooked = folder / "mkdocs.yml"
    hooked.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Without the hook, the theme's 404 page has no text (the hook gives it): Material's own 404 page instead.
    theme = folder / "theme-sans-hook"
    shutil.copytree(templates / "theme", theme, ignore=shutil.ignore_patterns("404.html"))
    config = {**config, "theme": {**config["theme"], "custom_dir": str(theme)}}
    del config["hooks"]
    # The agreements' files are one set, under the default language, that the hook adds to every other language's
    # build; without it, the other languages' links to them are not found among their files.
    validation = config.get("validation", {})
    config["validation"] = {**validation, "links": {**validation.get("links", {}), "not_found": "info"}}
    plain = folder / "mkdocs-sans-hook.yml"
    plain.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Every translation stamped as up to date, as in the real content (`make status ACCEPT=all`).
    timed([sys.executable, "-m", "guide", "status", "-f", str(hooked), "--accept-all"], folder, _env(folder / "cache"))
    return hooked, plain


# --- Measuring -----------------------------------------------------------------------------------------------


def _env(cache: Path, scripts: Path = ROOT / "scripts") -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(scripts), "NO_MKDOCS_2_WARNING": "1", "GUIDE_CACHE": str(cache)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``cmd``: (wall seconds, CPU seconds of it and its children, its output); stop the bench if it fails."""
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{result.stdout}{result.stderr}")
    return wall, cpu, result.stdout + result.stderr


def mkdocs_build(config: Path, site: Path) -> list[str]:
    """The build that ``python -m guide site`` runs (guide/__main__.py), into ``site``."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)]


def make_site(config: Path, site: Path) -> list[str]:
    """What `make site` runs, into ``site``."""
    return [sys.executable, "-m", "guide", "site", "--config-file", str(config), "--site-dir", str(site)]


def hook_counts(output: str) -> dict[str, int]:
    """The hook's log line: pages generated, files written, removed, agreement files rendered."""
    found = LOG_LINE.search(output)
    if not found:
        raise SystemExit(f"bench: no 'guide: … pages generated' line in the build's log:\n{output}")
    return dict(zip(("pages", "written", "removed", "rendered"), map(int, found.groups()), strict=True))


def site_sizes(site: Path) -> dict[str, Any]:
    """HTML pages and their bytes, and each language's search index in bytes."""
    from guide.search import INDEX
    from guide.urls import language_prefix

    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(pages, key=pages.__getitem__)
    return {
        "html_pages": len(pages),
        "html_bytes": sum(pages.values()),
        "largest": (largest, pages[largest]),
        "index_bytes": {lang: (site / language_prefix(lang, list(LANGS)) / INDEX).stat().st_size for lang in LANGS},
    }


def remove_generated(project: Path) -> None:
    """The generator's pages and files, so that the next build writes them all."""
    for lang in LANGS:
        for key in KINDS:
            shutil.rmtree(project / "docs" / lang / key, ignore_errors=True)


def figure(value: float, unit: str, budget: dict | None = None, **more: Any) -> dict[str, Any]:
    """A figure of results.json: its value and unit, its budget if it has one and whether it is met."""
    met = None if budget is None else budget.get("min", -float("inf")) <= value <= budget.get("max", float("inf"))
    return {"value": _round(value), "unit": unit, "budget": budget, "met": met, **more}


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def _median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(work: Path, n: int, runs: int, cache: Path, agreements: int) -> dict[str, Any]:
    """Build N entities of each kind with the hook (every page written, then nothing changed) and without it."""
    project = work / f"n{n}"
    hooked, plain = write_project(project, n, agreements, work / "gabarits")
    env = _env(cache)
    # Untimed: validate, and render the agreement files into the cache (their cold time is measured apart).
    timed([sys.executable, __file__, "--generate", str(hooked)], project, env)
    site = project / "site"
    full: list[tuple[float, float]] = []
    rebuild: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    made: list[float] = []
    counts: list[dict[str, int]] = []
    sizes: dict[str, Any] = {}
    for _ in range(runs):
        remove_generated(project)
        wall, cpu, output = timed(mkdocs_build(hooked, site), project, env)
        full.append((wall, cpu))
        written = hook_counts(output)["written"]
        sizes = sizes or site_sizes(site)
        wall, cpu, output = timed(mkdocs_build(hooked, site), project, env)
        rebuild.append((wall, cpu))
        counts.append(hook_counts(output))
        shutil.rmtree(site)
        wall, cpu, output = timed(mkdocs_build(plain, site), project, env)
        bare.append((wall, cpu))
        shutil.rmtree(site)
        # `make site`: validation and generation once, then the site and its offline copy side by side
        wall, _, _ = timed(make_site(hooked, project / "site-make"), project, env)
        made.append(wall)
    served = bench_serve(hooked, runs, cache)  # last: its edits change the content
    site_s, plain_s, rebuild_s = (_median([w for w, _ in found]) for found in (full, bare, rebuild))
    made_s = _median(made)
    site_cpu, plain_cpu = (_median([c for _, c in found]) for found in (full, bare))
    overhead = BUDGETS["overhead"] if n >= BUDGET_FROM else None
    # Each ratio is the median of one run's builds against the plain build of the same run, a minute apart: the
    # machine's speed drifts by more than the budgets from one minute to the next (bench/README.md).
    overhead_runs = [f[0] / b[0] for f, b in zip(full, bare, strict=True)]
    # `make site` against what it replaces, one `mkdocs build` of the project (the generation through the hook)
    site_runs = [m / f[0] for m, f in zip(made, full, strict=True)]
    return {
        "pages": figure(counts[0]["pages"], "pages", note="Markdown pages generated, both languages"),
        "html_pages": figure(sizes["html_pages"], "files"),
        "site_build": figure(site_s, "s", runs=[w for w, _ in full], cpu_s=site_cpu, written=written),
        "plain_build": figure(plain_s, "s", runs=[w for w, _ in bare], cpu_s=plain_cpu),
        "overhead": figure(
            _median(overhead_runs),
            "ratio",
            overhead,
            runs=overhead_runs,
            of_medians=_round(site_s / plain_s),
            cpu_ratio=_round(site_cpu / plain_cpu),
        ),
        "html_bytes_per_page": figure(sizes["html_bytes"] / sizes["html_pages"], "bytes/page"),
        "largest_html_page": figure(sizes["largest"][1], "bytes", page=sizes["largest"][0]),
        "search_index_bytes": {lang: figure(size, "bytes") for lang, size in sizes["index_bytes"].items()},
        "rebuild": figure(rebuild_s, "s", runs=[w for w, _ in rebuild]),
        "rebuild_vs_plain": figure(rebuild_s / plain_s, "ratio"),
        "rebuild_written": figure(max(c["written"] + c["removed"] for c in counts), "files", BUDGETS["rebuild_files"]),
        "rebuild_rendered": figure(max(c["rendered"] for c in counts), "files", BUDGETS["rebuild_files"]),
        "make_site": figure(made_s, "s", runs=made),
        "site_vs_plain": figure(
            _median(site_runs),
            "ratio",
            BUDGETS["site"],
            runs=site_runs,
            of_medians=_round(made_s / site_s),
            vs_plain_build=_round(_median([m / b[0] for m, b in zip(made, bare, strict=True)])),
        ),
        **served,
    }


def growth(small: dict[str, Any], large: dict[str, Any], sizes: tuple[int, int]) -> dict[str, Any]:
    """How the largest size's figures compare with the one before it (10 times fewer entities by default)."""

    def ratio(*keys: str) -> float:
        a, b = small, large
        for key in keys:
            a, b = a[key], b[key]
        return b["value"] / a["value"]

    return {
        "sizes": list(sizes),
        "html_bytes_per_page": figure(ratio("html_bytes_per_page"), "ratio", BUDGETS["html_growth"]),
        "search_index_bytes": {lang: figure(ratio("search_index_bytes", lang), "ratio") for lang in LANGS},
        "build_time": figure(ratio("site_build"), "ratio", BUDGETS["time_growth"]),
    }


# --- mkdocs serve: from an edited YAML file to the page served ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 120) -> str:
    """The page, or "" while the server is not up; a request made during a rebuild waits for its end."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        error.close()
        return ""
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float, log: Path) -> float:
    """Poll ``url`` until it holds ``text``: the seconds it took; stop the bench if the server fails."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in fetch(url):
            return time.perf_counter() - start
        if re.search(r"An error happened during the rebuild|Aborted with", log.read_text(errors="replace")):
            break
        time.sleep(0.05)
    raise SystemExit(f"bench: {url} never showed {text!r}:\n{log.read_text(encoding='utf-8', errors='replace')}")


def wait_idle(log: Path, seconds: float = 2.0, limit: float = 300) -> None:
    """Until the server has logged nothing for ``seconds``, and every rebuild it started has ended."""
    start, size, since = time.monotonic(), -1, time.monotonic()
    while time.monotonic() - start < limit:
        text = log.read_text(encoding="utf-8", errors="replace")
        if len(text) != size:
            size, since = len(text), time.monotonic()
        busy = text.count("Detected file changes") > text.count("Reloading browsers")
        if not busy and time.monotonic() - since >= seconds:
            return
        time.sleep(0.1)


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """What a copy of the repository leaves out: environments, outputs, caches."""
    top = {".venv", ".git", "site", ".cache", "bench", ".pytest_cache", ".ruff_cache"}
    anywhere = {"__pycache__", "node_modules"}
    at_top = Path(folder).resolve() == ROOT
    return {n for n in names if n in anywhere or (at_top and (n in top or n.startswith("site.")))}


def edited_text(path: Path, key: str, field: str, marker: str) -> str:
    """The text of ``path`` with ``marker`` at the start of ``field`` of the first entity of ``key``, as an editor
    would put it: the other lines of the file stay as they are. Worked out before the clock starts: reading the
    file as YAML takes the bench, not the editor, half a second at N = 1,000."""
    first = yaml.safe_load(path.read_text(encoding="utf-8"))[key][0]
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*- id: {re.escape(first['id'])}\s*$", line))
    at = next(i for i in range(start, len(lines)) if re.match(rf"\s+{field}:", lines[i]))
    indent = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1  # a value written as a block (>-, |) goes on over the lines indented further
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > at + 1 and not lines[end - 1].strip():
        end -= 1
    value = json.dumps(f"{marker} {first[field]}", ensure_ascii=False)  # a JSON string is a YAML string
    lines[at:end] = [f"{' ' * indent}{field}: {value}"]
    return "\n".join(lines)


def copy_repository(work: Path) -> Path:
    """A copy of the repository (the working tree is never touched): its mkdocs.yml."""
    project = work / "depot"
    shutil.copytree(ROOT, project, ignore=_not_copied)
    return project / "mkdocs.yml"


def bench_serve(config: Path, runs: int, cache: Path, scripts: Path = ROOT / "scripts") -> dict[str, Any]:
    """Serve ``config``'s project as `make serve` does (fast builds: `mkdocs serve --dirty`); time each edit of a
    reference's citation until the References page shows it."""
    project = config.parent
    log = project / "serve.log"
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", str(config)]
    cmd += ["--dev-addr", f"127.0.0.1:{port}"]
    # A citation is a text that is not translated: the edit leaves no translation stale (a stale translation is
    # a warning, on which `mkdocs serve` in strict mode stops rebuilding until `make status ACCEPT=…`).
    edited, url = project / "fr" / "references.yaml", f"http://127.0.0.1:{port}/references/"
    times = []
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(cmd, cwd=project, env=_env(cache, scripts), stdout=out, stderr=out)
        try:
            startup = wait_for(url, "</html>", 1800, log)
            for k in range(runs):
                wait_idle(log)
                marker = f"Banc{k + 1}x{port}"
                text = edited_text(edited, "references", "citation", marker)
                start = time.perf_counter()  # the editor saves the file
                edited.write_text(text, encoding="utf-8")
                wait_for(url, marker, 600, log)
                times.append(time.perf_counter() - start)
            wait_idle(log)
        finally:
            process.terminate()
            process.wait(timeout=30)
    text = log.read_text(encoding="utf-8", errors="replace")
    return {
        "edit_to_served": figure(_median(times), "s", BUDGETS["serve"], runs=times, startup_s=_round(startup)),
        "builds_per_edit": figure(text.count("Detected file changes") / runs, "builds", BUDGETS["builds_per_edit"]),
    }


# --- Agreement files from an empty cache -------------------------------------------------------------------------


def bench_agreements(runs: int, config: Path, cache: Path) -> dict[str, Any]:
    """Render every agreement file of ``config``'s content, each run into an empty ``cache`` (the last run's
    files are left there)."""
    found = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cmd = [sys.executable, __file__, "--render-agreements", str(config)]
        _, _, output = timed(cmd, config.parent, _env(cache))
        found.append(json.loads(output.strip().splitlines()[-1]))
    wall, cpu = _median([f["wall_s"] for f in found]), _median([f["children_cpu_s"] for f in found])
    cores = os.cpu_count() or 1
    return {
        "files": figure(found[0]["files"], "files", rendered=found[0]["rendered"]),
        "wall": figure(wall, "s", runs=[f["wall_s"] for f in found]),
        "children_cpu": figure(cpu, "s", runs=[f["children_cpu_s"] for f in found]),
        "cores": figure(cores, "cores"),
        "parallelism": figure(cpu / wall, "CPU s per wall s", note=f"at most {min(cores, found[0]['files'])}"),
    }


def _settings(config: Path) -> Any:
    from mkdocs.config import load_config

    from guide.settings import Settings

    return Settings.from_mkdocs(load_config(str(config)))


def child_generate(config: Path) -> None:
    """What the hook generates, without MkDocs: pages written, agreement files into the cache."""
    from guide import pipeline

    result = pipeline.generate(_settings(config))
    print(json.dumps({"written": result.written, "rendered": result.rendered}))


def child_render_agreements(config: Path) -> None:
    """Every agreement file of the content, timed: wall seconds, and the CPU seconds of the processes that
    rendered them (the forkserver and its workers, counted once the forkserver has ended)."""
    import multiprocessing.forkserver

    from guide.agreements.printing import Printer
    from guide.agreements.site_files import build_site_files
    from guide.labels import load_strings
    from guide.model import build_model
    from guide.validate import load_content

    settings = _settings(config)
    models = {lang: build_model(tree) for lang, tree in load_content(settings.content, settings.root).items()}
    strings = load_strings(settings.templates, settings.languages)
    printer = Printer(settings.templates, settings.cache_dir)
    cpu, start = _children_cpu(), time.perf_counter()
    files = build_site_files(models, strings, printer, settings.language_data, settings.bilingual)
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):  # reap it, so that its workers' CPU time is counted
        server._stop()
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    print(json.dumps({"files": len(files), "rendered": printer.rendered, "wall_s": wall, "children_cpu_s": cpu}))


# --- Results -----------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "weasyprint", "jinja2"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        **versions,
    }


def run_date() -> dict[str, str]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return {"date": when.date().isoformat(), "date_from": "SOURCE_DATE_EPOCH" if epoch else "clock"}


def figures(results: dict[str, Any], prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every figure of ``results``, by its dotted name."""
    found = []
    for key, value in results.items():
        if isinstance(value, dict) and "unit" in value:
            found.append((prefix + key, value))
        elif isinstance(value, dict):
            found += figures(value, f"{prefix}{key}.")
    return found


def table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "unit", "budget", "met")]
    for name, f in figures(results):
        budget = f["budget"] or {}
        limits = " ".join(f"{k} {v}" for k, v in budget.items())
        met = "" if f["met"] is None else ("yes" if f["met"] else "MISSED")
        rows.append((name, f"{f['value']:g}", f["unit"], limits, met))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def run(sizes: tuple[int, ...], runs: int, out: Path, work: Path, quick: bool) -> dict[str, Any]:
    start = time.perf_counter()
    agreements = 1 if quick else AGREEMENTS
    results: dict[str, Any] = {
        **run_date(),
        "machine": machine(),
        "settings": {
            "runs": runs,
            "sizes": list(sizes),
            "quick": quick,
            "agreements": f"min(N, {agreements}) at every N, the same ones (5 files each: 3 PDF, 2 DOCX)",
        },
    }
    print("bench: the real content's agreement files, from an empty cache…", file=sys.stderr, flush=True)
    real_cache = work / "cache-reel"  # then the serve's, so that it starts without rendering them again
    results["agreements"] = {"content": "real (the repository's mkdocs.yml)"}
    results["agreements"].update(bench_agreements(runs, ROOT / "mkdocs.yml", real_cache))
    cache = work / "cache"  # shared by every size: the agreements are the same, rendered once
    shutil.copytree(ROOT / "gabarits", work / "gabarits")  # the templates as the run starts, for every size
    by_size = {}
    for n in sizes:
        print(f"bench: N = {n}…", file=sys.stderr, flush=True)
        by_size[n] = bench_size(work, n, runs, cache, agreements)
    results["sizes"] = {str(n): found for n, found in by_size.items()}
    if len(sizes) > 1:
        small, large = sorted(sizes)[-2:]
        results["growth"] = growth(by_size[small], by_size[large], (small, large))
    print("bench: mkdocs serve on the real content…", file=sys.stderr, flush=True)
    results["serve"] = {"content": "real (a copy of the repository in a temp folder)"}
    config = copy_repository(work)
    results["serve"].update(bench_serve(config, runs, real_cache, config.parent / "scripts"))
    results["duration_s"] = round(time.perf_counter() - start, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="runs per figure, whose median is kept (default 3, 1 if --quick)")
    parser.add_argument("--sizes", help="entities of each kind per language (default 10,100,1000; 2,4 if --quick)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run, for the tests")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="where the figures go")
    parser.add_argument("--work", type=Path, help="where the temporary folder goes (default: the system's)")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--render-agreements", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        child_generate(args.generate)
        return 0
    if args.render_agreements:
        child_render_agreements(args.render_agreements)
        return 0
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else (QUICK_SIZES if args.quick else SIZES)
    runs = args.runs or (1 if args.quick else 3)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="guide-bench.", dir=args.work))
    try:
        results = run(tuple(sorted(set(sizes))), runs, args.out.resolve(), work, args.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    missed = [name for name, f in figures(results) if f["met"] is False]
    print(f"\n{len(missed)} budget(s) missed{': ' + ', '.join(missed) if missed else ''}; figures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
