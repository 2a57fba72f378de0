"""citecheck at scale against a local server farm, side by side with LinkChecker and linkinator.

    python benchmarks/bench_scale.py [--citations 1000] [--hosts 50] [--latency 0.2]
                                     [--per-host 4] [--concurrency 200] [--no-peers]
                                     [--json FILE]

Starts the farm (benchmarks/farm.py: one port of 127.0.0.1 per host, added latency,
realistic article pages), writes a letter with N footnotes spread round-robin over the
hosts and a page of links to the same URLs, then runs, each as its own process:

1. citecheck verify with a fresh cache (fetch, extract, match, report);
2. citecheck verify again on the same cache (an unchanged letter: no request may reach
   the farm);
3. citecheck's link-check part alone (benchmarks/linkcheck_part.py: the same fetch stage,
   fresh cache, no extraction or matching);
4. LinkChecker and linkinator on the same URL set (status codes only), when installed.

Each is run --repeat times (default 3; the machine may be shared) and the run with the
median wall time is shown.

For each it reports wall time, user+system CPU, peak memory (max RSS), pages per second,
and what the farm saw: requests, and the most connections and requests in flight at once
on any one host. Then the targets of issue #8 and the ratios to the peers.

Peers are found through $LINKCHECKER / $LINKINATOR, then PATH, then /tmp/peers-venv and
benchmarks/peers/node_modules (see benchmarks/README.md); a missing one is skipped with a
message. No network: everything is on 127.0.0.1.
"""

from __future__ import annotations

import argparse
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


def measure(tool: str, argv: list[str], farm: Farm, pages: int, *, env: dict | None = None,
            cwd: Path | None = None) -> Run:
    """Run argv as a child process: wall time; the largest single process's peak RSS from
    wait4(); the CPU time (user+sys) and the peak memory (PSS) of the whole process tree
    (the command and its reader processes), sampled every 20 ms."""
    farm.reset()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak, cpu, stop = [0], {}, threading.Event()

        def sample() -> None:
            while not stop.wait(0.02):
                peak[0] = max(peak[0], tree_sample(proc.pid, cpu))

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
    run = Run(tool, wall, max(own, sampled), usage.ru_maxrss / 1024,
              proc.returncode, pages, farm.stats(), tree_mb=peak[0] / 2**20)
    if proc.returncode not in (0, 1) and lines:
        run.note = f"exit {proc.returncode}: {lines[-1][:200]}"
    return run


def median_of(repeat: int, once) -> Run:  # type: ignore[no-untyped-def]
    """Run `once()` `repeat` times; the run with the median wall time, with every wall."""
    runs = sorted((once() for _ in range(max(1, repeat))), key=lambda r: r.wall)
    chosen = runs[(len(runs) - 1) // 2]
    chosen.walls = [round(r.wall, 2) for r in runs]
    return chosen


def citecheck_argv(letter: Path, cache: Path, report: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "citecheck", "verify", str(letter), "--format", "json",
            "--output", str(report), "--cache-dir", str(cache), "--allow-private-hosts",
            "--per-host", str(args.per_host), "--concurrency", str(args.concurrency),
            "--timeout", "30"]


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


def run_linkchecker(exe: str, links: Path, work: Path, farm: Farm, n: int,
                    args: argparse.Namespace) -> Run:
    # Run as root, linkchecker drops to `nobody`: its output folder must be world-writable.
    out = work / "linkchecker"
    out.mkdir(mode=0o777, exist_ok=True)
    out.chmod(0o777)
    links.chmod(0o644)
    rc = out / "linkcheckerrc"
    rc.write_text(f"[checking]\nthreads={args.concurrency}\nmaxrequestspersecond=1000\n"
                  "[filtering]\ncheckextern=1\n", encoding="utf-8")
    rc.chmod(0o644)
    argv = [exe, "-f", str(rc), "--check-extern", "--no-status", "--timeout", "30",
            "-F", f"csv/utf-8/{out / 'out.csv'}", "-o", "none", str(links)]
    run = measure("LinkChecker", argv, farm, n, env={**os.environ, "HOME": str(out)}, cwd=out)
    run.note = run.note or f"threads={args.concurrency}, maxrequestspersecond=1000"
    return run


def run_linkinator(exe: str, links: Path, work: Path, farm: Farm, n: int,
                   args: argparse.Namespace) -> Run:
    argv = [exe, str(links), "--timeout", "30000", "--concurrency", str(args.concurrency),
            "--format", "json"]
    run = measure("linkinator", argv, farm, n, cwd=work)
    run.note = run.note or f"concurrency={args.concurrency}"
    return run


def table(runs: list[Run]) -> str:
    rows = ["| tool | wall s (median) | CPU s (user+sys) | peak MB | pages/s | requests | "
            "network span s | max conn/host | max in flight/host | walls of the repeats |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        f = r.farm
        rows.append(f"| {r.tool} | {r.wall:.2f} | {r.cpu:.2f} | {max(r.tree_mb, r.max_rss_mb):.0f} | "
                    f"{r.pages_per_s:.0f} | {f.get('requests', 0)} | {f.get('span_s', 0):.2f} | "
                    f"{f.get('max_open_per_host', 0)} | {f.get('max_in_flight_per_host', 0)} | "
                    f"{', '.join(f'{w:.2f}' for w in r.walls)} |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--citations", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--concurrency", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool (median shown)")
    ap.add_argument("--no-peers", action="store_true", help="run citecheck only")
    ap.add_argument("--json", type=Path, help="also write the measurements as JSON")
    args = ap.parse_args()
    n, cores = args.citations, os.cpu_count() or 1

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
                    "--per-host", str(args.per_host), "--concurrency", str(args.concurrency),
                    "--timeout", "30"]
            run = measure("citecheck link-check part (fresh cache)", argv, farm, n,
                          env=citecheck_env())
            run.note = run.note or "fetch stage only: no extraction, no matching"
            return run

        cold = median_of(args.repeat, cold_once)
        runs.append(cold)
        warm = median_of(args.repeat, warm_once)
        runs.append(warm)
        part = median_of(args.repeat, part_once)
        runs.append(part)

        if not args.no_peers:
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
    bound = max(network_bound, cold.cpu / cores)
    print(f"{n} citations over {args.hosts} hosts, {args.latency * 1000:.0f} ms per response, "
          f"per-host limit {args.per_host}, concurrency {args.concurrency}, {cores} cores\n")
    print(table(runs))
    print()
    for r in runs:
        if r.note:
            print(f"- {r.tool}: {r.note}")
    print()
    print(f"network bound N×latency÷(hosts×per-host) = {network_bound:.2f} s; "
          f"CPU work ÷ cores = {cold.cpu:.2f} ÷ {cores} = {cold.cpu / cores:.2f} s")
    checks = [
        (f"fresh run wall {cold.wall:.2f} s ≤ 1.5 × max(bounds) = {1.5 * bound:.2f} s",
         cold.wall <= 1.5 * bound),
        (f"per-host connections ≤ {args.per_host} (saw {cold.farm['max_open_per_host']})",
         cold.farm["max_open_per_host"] <= args.per_host),
        (f"peak memory {max(cold.tree_mb, cold.max_rss_mb):.0f} MB (all processes) < 300 MB",
         max(cold.tree_mb, cold.max_rss_mb) < 300),
        (f"re-run made {warm.farm['requests']} requests (0 wanted)", warm.farm["requests"] == 0),
    ]
    checks.append((f"per-host connections of the link-check part ≤ {args.per_host} "
                   f"(saw {part.farm['max_open_per_host']})",
                   part.farm["max_open_per_host"] <= args.per_host))
    for peer in runs[3:]:
        checks.append((f"{peer.tool} {peer.wall:.2f} s: {peer.wall / part.wall:.2f}× citecheck's "
                       f"link-check part ({part.wall:.2f} s)", part.wall < peer.wall))
        checks.append((f"{peer.tool} {peer.wall:.2f} s: {peer.wall / cold.wall:.2f}× the whole "
                       f"citecheck verify ({cold.wall:.2f} s)", cold.wall < peer.wall))
    for text, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {text}")
    if args.json:
        args.json.write_text(json.dumps({
            "args": vars(args) | {"json": str(args.json)}, "cores": cores,
            "network_bound_s": network_bound,
            "runs": [asdict(r) | {"pages_per_s": r.pages_per_s} for r in runs],
        }, indent=2), encoding="utf-8")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
