"""Archive growth: a year of weekly `citecheck rot` runs over the same 60 pages.

A letter cites 60 article pages (about 30 KB each, about 10 KB gzipped) served on 127.0.0.1. It is verified once,
then checked for rot every week for 52 weeks (the clock moved a week each run). Each page
changes now and then: page i changes in week w when (w + 7·i) mod P == 0, P = --period (13:
about four changes a page in the year, 240 in all). The archive should grow by one full copy
per change, with a revisit record (a few hundred bytes) for every unchanged fetch.

It runs twice: as citecheck is, and with revisit records turned off (every fetch a full
copy, as before), and prints the archive's size and record counts every quarter, with the
time of the rot runs so far and of that week's run alone (and the load average then): a
week's run should cost the same in week 52 as in week 13 (rot.json, rotmemory.py).
`--no-compare` skips the second run (timing only).

    python benchmarks/bench_archive_growth.py [--pages 60] [--weeks 52] [--period 13] [--no-compare]

Target (issue #17): about one copy per change: full copies at most 5% more than the first
copies and the changes together. Exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import http.server
import os
import random
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warcio.archiveiterator import ArchiveIterator  # noqa: E402

from citecheck import archive as archive_module  # noqa: E402
from citecheck import fetch  # noqa: E402
from citecheck.pipeline import verify  # noqa: E402
from citecheck.rot import check_rot  # noqa: E402
from citecheck.settings import Settings  # noqa: E402

VOCABULARY = ["".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=3 + i % 8))
              for i in range(2000)]


class Site(http.server.BaseHTTPRequestHandler):
    version: dict[int, int] = {}  # page → how many times it has changed

    def do_GET(self) -> None:  # noqa: N802
        try:
            n = int(self.path.strip("/").removeprefix("news/").removesuffix(".html"))
        except ValueError:
            n = -1
        if n not in self.version:
            body = b"<html><head><title>Not found</title></head><body>Not found</body></html>"
            self.send_response(404)
        else:
            body = page(n, self.version[n])
            self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def page(n: int, version: int) -> bytes:
    """Page n as it is after `version` changes: about 30 KB of text that compresses as prose
    does (about 3:1), not as one sentence repeated."""
    words = random.Random(n).choices(VOCABULARY, k=4500)
    filler = "".join(f"<p>{' '.join(words[i:i + 100])}.</p>" for i in range(0, len(words), 100))
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report "
            f"{n}</title></head><body><nav><a href=\"/\">Home</a></nav><main><article>"
            f"<h1>Report {n}</h1><p>The office confirmed {100 + n} deaths in the January "
            f"events, officials said.</p>{filler}<p>Updated {version} times.</p></article>"
            "</main><footer>© 2022</footer></body></html>").encode("utf-8")


def count_records(folder: Path) -> tuple[int, int, int]:
    """(response records, revisit records, bytes) of the archive's WARC files."""
    responses = revisits = size = 0
    for path in folder.glob("*.warc.gz"):
        size += path.stat().st_size
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                responses += record.rec_type == "response"
                revisits += record.rec_type == "revisit"
    return responses, revisits, size


def run(pages: int, weeks: int, period: int, revisits: bool) -> list[tuple]:
    Site.version = {n: 0 for n in range(pages)}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/news/"
    original = archive_module.WarcIndex.original
    if not revisits:  # as before issue #17: never a revisit record
        archive_module.WarcIndex.original = lambda self, *a, **k: (  # type: ignore[method-assign]
            None if k.get("same_url") else original(self, *a, **k))
    clock = datetime(2022, 10, 6, 9, tzinfo=timezone.utc)
    fetch._now = lambda: clock.isoformat(timespec="seconds")  # type: ignore[assignment]
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="citecheck-growth-") as tmp:
            work = Path(tmp)
            body = " ".join(f"The office confirmed {100 + n} deaths.[{n + 1}]"
                            for n in range(pages))
            notes = "\n".join(f"[{n + 1}] {base}{n}.html" for n in range(pages))
            letter = work / "letter.txt"
            letter.write_text(f"October 6, 2022\n\nDear Secretary:\n\n{body}\n\n{notes}\n")
            settings = Settings(cache_dir=work / "cache", allow_private_hosts=True,
                                concurrency=8, per_host=8)
            verify([letter], settings)
            changes = 0
            started = time.perf_counter()
            for week in range(1, weeks + 1):
                for n in range(pages):
                    if (week + 7 * n) % period == 0:
                        Site.version[n] += 1
                        changes += 1
                clock += timedelta(days=7)
                this_run = time.perf_counter()
                check_rot([letter], settings, timegates=(), wayback=None)
                if week % 13 == 0 or week == weeks:
                    now = time.perf_counter()
                    rows.append((week, changes, *count_records(settings.archive_dir),
                                 now - started, now - this_run, os.getloadavg()[0]))
    finally:
        archive_module.WarcIndex.original = original  # type: ignore[method-assign]
        server.shutdown()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--period", type=int, default=13)
    ap.add_argument("--no-compare", action="store_true",
                    help="skip the second run without revisit records (timing only)")
    args = ap.parse_args()
    with_revisits = run(args.pages, args.weeks, args.period, revisits=True)
    without = None if args.no_compare else run(args.pages, args.weeks, args.period,
                                                revisits=False)
    print(f"{args.pages} pages, a rot run every week for {args.weeks} weeks, each page "
          f"changing every {args.period} weeks\n")
    print("| week | changes so far | full copies | revisits | archive MiB | without revisits "
          "MiB | ratio | rot runs so far, s | a run since the last row, s | this week's run, s "
          "| load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    before = (0, 0.0)  # (week, seconds so far) of the last row
    for i, (week, changes, full, rev, size, secs, last, load) in enumerate(with_revisits):
        size_without = without[i][4] if without else None
        mean = (secs - before[1]) / (week - before[0])
        before = (week, secs)
        print(f"| {week} | {changes} | {full} | {rev} | {size / 2**20:.2f} | "
              + (f"{size_without / 2**20:.2f} | {size / size_without:.3f} | " if size_without
                 else "— | — | ") + f"{secs:.1f} | {mean:.2f} | {last:.2f} | {load:.1f} |")
    week, changes, full, rev, size, *_ = with_revisits[-1]
    expected = args.pages + changes
    ok = True
    if without:
        size_without = without[-1][4]
        print(f"archive {size / 2**20:.2f} MiB, {size / size_without:.1%} of the "
              f"{size_without / 2**20:.2f} MiB it would be without revisit records")
    for target, met in ((f"full copies {full} ≤ 1.05 × (first copies + changes) = "
                         f"{1.05 * expected:.0f}", full <= 1.05 * expected),):
        print(("PASS " if met else "MISS ") + target)
        ok &= met
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
