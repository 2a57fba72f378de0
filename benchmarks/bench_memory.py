"""Memory against the number of citations: what the main process keeps per citation.

    python benchmarks/bench_memory.py [--citations 1000 4000] [--hosts 50] [--latency 0.05]

For each N, starts the farm (benchmarks/farm.py) with a letter of N citations and runs
`citecheck verify --format json` on a fresh cache in a child process that notes the main
process's resident memory before the fetch stage, after it (every page fetched, archived
and read; what is left is what the report needs), and its peak (writing the report).
Prints a table and the growth per citation between the smallest and the largest N.

Issue #8 asks that memory not grow with the number of citations beyond the report
itself: bodies go to the archive and the readers and are not kept. Reader processes
(one per core) and the fork server are not counted here; bench_scale.py counts them.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from farm import Farm, write_letter  # noqa: E402

# Run in the child: citecheck's own command line, with the fetch stage wrapped to note
# the resident memory around it (Linux /proc; the peak from getrusage).
PROBE = """
import resource, sys
from citecheck import cli, pipeline

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20

fetch_all = pipeline._fetch_all

def noted(*args, **kwargs):
    print(f"before {rss():.1f}", file=sys.stderr)
    pages = fetch_all(*args, **kwargs)
    print(f"after {rss():.1f}", file=sys.stderr)
    return pages

pipeline._fetch_all = noted
sys.argv = ["citecheck", *sys.argv[1:]]
try:
    cli.main()
finally:
    print(f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}", file=sys.stderr)
"""


def measure(n: int, hosts: int, latency: float, work: Path) -> dict[str, float]:
    with Farm(hosts, latency) as farm:
        letter = write_letter(work / f"letter-{n}.txt", farm.citations(n))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"),
                                                           os.environ.get("PYTHONPATH", "")]))
        done = subprocess.run(
            [sys.executable, "-c", PROBE, "verify", str(letter), "--format", "json",
             "--output", str(work / f"report-{n}.json"), "--cache-dir", str(work / f"cache-{n}"),
             "--allow-private-hosts", "--per-host", "4", "--concurrency", "200",
             "--timeout", "30"], env=env, capture_output=True, text=True)
    figures = {k: float(v) for k, v in re.findall(r"^(before|after|peak) ([\d.]+)$",
                                                  done.stderr, re.M)}
    if done.returncode not in (0, 1) or len(figures) != 3:
        sys.exit(f"citecheck failed for {n} citations: {done.stderr.strip()[-500:]}")
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--citations", type=int, nargs="+", default=[1000, 4000])
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.05, help="seconds added to each answer")
    args = ap.parse_args()
    if not Path("/proc/self/statm").exists():
        sys.exit("bench_memory.py reads /proc: Linux only")
    sizes = sorted(set(args.citations))
    with tempfile.TemporaryDirectory(prefix="citecheck-memory-") as tmp:
        runs = {n: measure(n, args.hosts, args.latency, Path(tmp)) for n in sizes}
    print("| citations | before fetching MB | after fetching MB | peak (writing the report) MB |")
    print("|---:|---:|---:|---:|")
    for n, f in runs.items():
        print(f"| {n:,} | {f['before']:.0f} | {f['after']:.0f} | {f['peak']:.0f} |")
    if len(sizes) > 1:
        small, large = runs[sizes[0]], runs[sizes[-1]]
        more = sizes[-1] - sizes[0]
        kept = (large["after"] - small["after"]) * 1024 / more
        peak = (large["peak"] - small["peak"]) * 1024 / more
        print(f"\nper citation: {kept:.1f} KB kept after fetching, {peak:.1f} KB at the peak")
    return 0


if __name__ == "__main__":
    sys.exit(main())
