"""Where a fresh run's CPU goes: by process, by stage of the fetching process, and by step of
reading a page.

    python benchmarks/cpu_breakdown.py [--citations 1000] [--hosts 50] [--latency 0.2]
                                       [--per-host 4] [--repeat 1]

Starts the farm (farm.py), then:

1. runs `citecheck verify` on a fresh cache as its own process, with timers (each thread's
   own CPU, ``time.thread_time``) around the stages of the fetching process, and samples
   every process of the run from /proc: the fetching process, the fork server, each
   reader. CPU of the whole tree, by process, and of the fetching process by stage;
2. reads the same pages again in this process, one after another (as a reader does:
   extraction, language, figures, key terms, the remembered reading written), each step
   timed.

A measuring tool: it wraps citecheck's internals on purpose. Figures are CPU seconds
(user+system), which the load of a shared machine distorts less than wall time, though it
does inflate them (cores shared by hyperthreads, caches): repeat, and say the load.
"""

from __future__ import annotations

import argparse
import collections
import compileall
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# The fetching process's stages: (module, object, function) timed in the thread running them.
STAGES = [
    ("citecheck.fetch", "Fetcher", "fetch"),
    ("requests_cache.session", "CacheMixin", "_send_and_cache"),
    ("citecheck.fetch", "_GuardedAdapter", "send"),
    ("requests_cache.backends.base", "BaseCache", "save_response"),
    ("requests_cache.backends.base", "BaseCache", "create_key"),
    ("citecheck.archive", "Archive", "store"),
    ("citecheck.archive", "Archive", "store_soon"),  # the records built (a fetch's thread)
    ("citecheck.archive", "Archive", "_commit"),  # written and fsynced (the archive's thread)
    ("citecheck.readcache", "ReadCache", "remembers"),
    ("concurrent.futures.process", "ProcessPoolExecutor", "submit"),
    ("citecheck.fresh", "FreshPages", "save"),
    ("citecheck.pipeline", None, "citation_needed"),
    ("citecheck.pipeline", None, "_judge_safely"),
    ("citecheck.cli", None, "_emit"),
    ("requests.sessions", "Session", "prepare_request"),
    ("requests_cache.backends.base", "BaseCache", "get_response"),
    ("citecheck.archive", "Archive", "plan"),  # a settle thread's: the records' plan
]


def timer(fn, label: str, spent: dict[str, float], clock=time.thread_time):  # type: ignore[no-untyped-def]
    """`fn`, adding the `clock` time each call takes to spent[label]."""
    @functools.wraps(fn)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += clock() - start
    return run


def child(argv: list[str], out: Path) -> None:
    """Run `citecheck verify` with stage timers; write what they measured to `out`."""
    import importlib

    spent: dict[str, float] = collections.defaultdict(float)
    threads: dict[str, float] = collections.defaultdict(float)

    for module, owner, name in STAGES:
        target = importlib.import_module(module)
        target = getattr(target, owner) if owner else target
        if hasattr(target, name):  # else an older citecheck (--src)
            setattr(target, name, timer(getattr(target, name), f"{owner or module}.{name}", spent))
    # Around the thread's whole life, not Thread.run: a Thread subclass with its own run()
    # (the reader pool's manager thread, which unpickles every page read) was not counted.
    run_thread = threading.Thread._bootstrap_inner  # type: ignore[attr-defined]

    def run(self):  # type: ignore[no-untyped-def]
        try:
            return run_thread(self)
        finally:
            label = self.name.rstrip("0123456789_-").removesuffix("Thread") or \
                type(self).__name__.lstrip("_")
            threads[label] += time.thread_time()
    threading.Thread._bootstrap_inner = run  # type: ignore[attr-defined]
    from citecheck import cli

    sys.argv = ["citecheck", *argv]
    try:
        cli.main()
    except SystemExit:
        pass
    threads["main"] = time.thread_time()
    out.write_text(json.dumps({"stages": spent, "threads": threads,
                               "process": time.process_time()}), encoding="utf-8")


def sample(pid: int, seen: dict[int, list], roles: dict[int, str]) -> None:
    """Each process of the tree under `pid`: its role, its CPU so far (bench_scale's walk)."""
    from bench_scale import role, tree_sample

    cpu: dict[int, float] = {}
    tree_sample(pid, cpu)
    for p, seconds in cpu.items():
        name = role(p, pid, roles)
        name = "fetching process" if name == "main" else name
        entry = seen.setdefault(p, [name, 0.0])
        entry[0], entry[1] = name, max(entry[1], seconds)  # a fork's role once it has exec'd


def run_once(letter: Path, work: Path, args: argparse.Namespace, n: int) -> dict:
    cache = work / f"cache-{time.monotonic_ns()}"
    stages = work / "stages.json"
    argv = ["verify", str(letter), "--format", "json", "--output", str(work / "report.json"),
            "--cache-dir", str(cache), "--allow-private-hosts", "--per-host",
            str(args.per_host), "--timeout", "30"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(args.src),
                                                        os.environ.get("PYTHONPATH", "")])}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(stages), "--", *argv],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: dict[int, list] = {}
    roles: dict[int, str] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=lambda: [sample(proc.pid, seen, roles) for _ in iter(
        lambda: stop.wait(0.02), True)], daemon=True)
    sampler.start()
    os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    measured = json.loads(stages.read_text(encoding="utf-8"))
    # Its own CPU, as it measured it at its end (wait4 would add the readers', reaped by
    # the fork server, reaped by it).
    seen.setdefault(proc.pid, ["fetching process", 0.0])[1] = measured["process"]
    by_role: dict[str, list[float]] = collections.defaultdict(list)
    for role, cpu in seen.values():
        by_role[role].append(cpu)
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    return {"wall": wall, "processes": {r: sorted(c, reverse=True) for r, c in by_role.items()},
            "total": sum(c for _, c in seen.values()), "stages": measured["stages"],
            "threads": measured["threads"], "summary": report["summary"], "cache": cache}


def reading_steps(cache: Path, letter: Path) -> dict[str, float]:
    """Read the run's pages again here, one after another, each step timed (CPU s)."""
    import citecheck._reader  # noqa: F401  # what the fork server preloads
    from citecheck import extract, pipeline, readcache
    from citecheck.archive import Archive
    from citecheck.check import figures, terms
    from citecheck.document import read_document

    refs = [r for r in read_document(letter).references() if not r.problem]
    claims = {url: [r.claim] for r in refs for url in r.urls}
    index = Archive(cache / "warc").index()
    captures = [index.capture(url) for url in claims]
    spent: dict[str, float] = collections.defaultdict(float)

    def timed(owner, name, label):  # type: ignore[no-untyped-def]
        fn = getattr(owner, name, None)
        if fn is not None:  # else an older citecheck (--src): that step is in "the rest"
            setattr(owner, name, timer(fn, label, spent, time.process_time))

    import trafilatura

    if hasattr(extract, "_main_text"):  # the text, title, date and site name
        timed(extract, "_main_text", "trafilatura")
    else:  # an older citecheck (--src): one call gave them
        timed(trafilatura, "bare_extraction", "trafilatura")
    timed(extract, "detect_language", "language detection")
    timed(pipeline, "SourceIndex", "figures: the page scanned for numbers")
    timed(pipeline, "match_figure", "figures: each claim's matched")
    timed(pipeline, "PageText", "key terms: the page tokenised")
    timed(pipeline, "match_terms", "key terms: matched")
    timed(readcache.ReadCache, "save", "remembered reading written")
    timed(readcache.ReadCache, "key", "remembered reading's key (HMAC)")
    sources = readcache.ReadCache(Path(tempfile.mkdtemp(prefix="citecheck-read-")))
    start = time.process_time()
    for capture in captures:
        pipeline._read(capture, claims[capture.url], sources)
    total = time.process_time() - start
    # Nested timers: the matching steps run inside neither trafilatura nor each other.
    spent["the rest (decoding, checks, dataclasses)"] = total - sum(spent.values())
    del figures, terms
    return {"pages": len(captures), "total": total, **spent}


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[4:], Path(sys.argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--citations", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=1, help="runs (the one of least CPU is shown)")
    ap.add_argument("--src", type=Path, default=ROOT / "src",
                    help="the citecheck source tree to measure (default: this checkout's)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    # As bench_scale.py does: under PYTHONDONTWRITEBYTECODE a checkout never compiled (a new
    # worktree for --src) would compile every module in each of the run's fresh processes
    # (the fetching process and the fork server: about 0.25 s each), which no installed copy
    # pays.
    compileall.compile_dir(args.src, quiet=1)
    from farm import Farm, write_letter

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="citecheck-cpu-") as tmp, \
            Farm(args.hosts, args.latency) as farm:
        work = Path(tmp)
        letter = write_letter(work / "letter.txt", farm.citations(args.citations))
        runs = [run_once(letter, work, args, args.citations) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["total"])
        steps = reading_steps(best["cache"], letter)
    n = args.citations
    ms = lambda s: f"{1000 * s / n:.2f}"  # noqa: E731
    print(f"{n} citations over {args.hosts} hosts, {args.latency * 1000:.0f} ms a response, "
          f"per-host {args.per_host}; load average before: {load}, after: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; totals of the runs: "
          f"{', '.join(format(r['total'], '.2f') for r in runs)} s\n")
    print(f"Whole run: {best['total']:.2f} s CPU = {ms(best['total'])} ms a citation, wall "
          f"{best['wall']:.2f} s; {best['summary'].get('verified', 0)} verified\n")
    print("| process | CPU s | ms a citation |\n|---|---:|---:|")
    for role, cpus in best["processes"].items():
        print(f"| {role} ({len(cpus)}: {', '.join(f'{c:.2f}' for c in cpus)}) | {sum(cpus):.2f} "
              f"| {ms(sum(cpus))} |")
    print("\nThe fetching process, by thread (CPU s):",
          ", ".join(f"{k} {v:.2f}" for k, v in sorted(best["threads"].items(),
                                                       key=lambda kv: -kv[1])))
    print("\n| fetching process: stage (nested stages are inside the one above) | CPU s | ms a "
          "citation |\n|---|---:|---:|")
    for label, cpu in sorted(best["stages"].items(), key=lambda kv: -kv[1]):
        print(f"| {label} | {cpu:.2f} | {ms(cpu)} |")
    print(f"\n| reading a page, {steps['pages']} pages in one process | CPU s | ms a page |"
          "\n|---|---:|---:|")
    pages = steps.pop("pages")
    for label, cpu in steps.items():
        print(f"| {label} | {cpu:.2f} | {1000 * cpu / pages:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
