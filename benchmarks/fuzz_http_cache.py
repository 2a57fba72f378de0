"""Fuzz the HTTP cache: corrupt a real `http-cache.sqlite` in many seeded ways, run
`citecheck verify` on each, and check that every run ends, in time, with its report.

    python benchmarks/fuzz_http_cache.py [--seeds 60] [--first 0] [--bound 60]

Offline: the cited pages are served on 127.0.0.1. A cache is made once by a real run
(pages in it, and read/ removed so that the next runs read the cache, not the pages kept
fresh); then, for each seed, a copy of it is damaged one way, chosen by the seed:

    flip       1 to 64 random bytes of the file flipped
    truncate   the file cut at a random length
    zero-page  one random database page (4096 bytes) zeroed
    garble     one random page overwritten with random bytes
    header     1 to 8 bytes of page 1 (the database header and schema) flipped

A run that does not end within --bound seconds, ends without a JSON report, writes a
traceback, or exits 2 is a failure: the script prints each seed's outcome and exits 1 if
any failed. Seeds that found problems are kept as tests (tests/test_cache_fuzz.py).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGES = 30
CLAIM = "Prosecutors have registered {n} allegations of torture"
KINDS = ("flip", "truncate", "zero-page", "garble", "header")
PAGE_SIZE = 4096


def page(n: int) -> bytes:
    filler = " ".join(f"Paragraph {i} of the report on the events in the region." for i in range(40))
    return (f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>"
            f"<p>Prosecutors said they had registered {n} allegations of torture or abuse "
            f"involving security officials since January.</p><p>{filler}</p></article>"
            "</body></html>").encode()


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        try:  # asked as a proxy: the path is the whole URL
            n = int(self.path.rpartition("/")[2].removeprefix("report-"))
        except ValueError:
            self.send_error(404)
            return
        body = page(n)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# The letter cites pages of a host that does not exist; the server answers for it as an HTTP
# proxy. So the cache's keys are the same whatever port the server has: a damaged cache
# saved by one run is damaged in the same places for the next (tests keep some).
HOST = "http://fuzz-pages.test"


def write_letter(folder: Path) -> Path:
    claims = " ".join(f"{CLAIM.format(n=100 + i)}.[{i + 1}]" for i in range(PAGES))
    notes = "\n".join(f"[{i + 1}] {HOST}/report-{100 + i}" for i in range(PAGES))
    letter = folder / "letter.txt"
    letter.write_text(f"October 6, 2022\n\nDear Secretary:\n\n{claims}\n\n{notes}\n",
                      encoding="utf-8")
    return letter


def verify(letter: Path, cache: Path, bound: float, port: int) -> dict:
    """One `citecheck verify` run through the pages' server on `port`; what it gave, and how
    long it took."""
    proxy = f"http://127.0.0.1:{port}"
    env = {**os.environ, "http_proxy": proxy, "HTTP_PROXY": proxy, "no_proxy": "",
           "NO_PROXY": ""}
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "citecheck", "verify", str(letter), "--format", "json",
             "--cache-dir", str(cache), "--allow-private-hosts", "--timeout", "5",
             "--deadline", "10", "--run-deadline", str(bound)],
            capture_output=True, text=True, timeout=bound + 30, env=env)
    except subprocess.TimeoutExpired:
        return {"ended": False, "seconds": time.monotonic() - started}
    outcome: dict = {"ended": True, "seconds": time.monotonic() - started,
                     "code": done.returncode, "traceback": "Traceback" in done.stderr,
                     "stderr": done.stderr.strip()[-300:]}
    try:
        report = json.loads(done.stdout)
    except ValueError:
        outcome["report"] = False
        return outcome
    outcome["report"] = True
    statuses = [c["status"] for d in report["documents"] for c in d["citations"]]
    outcome["verified"] = statuses.count("verified")
    outcome["citations"] = len(statuses)
    outcome["warnings"] = [w if isinstance(w, str) else w["message"]
                           for w in report.get("warnings", [])
                           + [w for d in report["documents"] for w in d["warnings"]]]
    return outcome


def damage(data: bytes, seed: int) -> tuple[bytes, str]:
    """`data` damaged one way, chosen by `seed`; and what was done."""
    rng = random.Random(seed)
    kind = KINDS[seed % len(KINDS)]
    out = bytearray(data)
    pages = max(1, len(out) // PAGE_SIZE)
    if kind == "flip":
        count = rng.randint(1, 64)
        for _ in range(count):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out), f"flip {count} bytes"
    if kind == "truncate":
        size = rng.randrange(len(out))
        return bytes(out[:size]), f"truncate to {size} bytes"
    if kind in ("zero-page", "garble"):
        p = rng.randrange(pages)
        start = p * PAGE_SIZE
        end = min(start + PAGE_SIZE, len(out))
        out[start:end] = bytes(end - start) if kind == "zero-page" else rng.randbytes(end - start)
        return bytes(out), f"{kind} page {p + 1} of {pages}"
    count = rng.randint(1, 8)
    for _ in range(count):
        i = rng.randrange(min(PAGE_SIZE, len(out)))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out), f"flip {count} bytes of page 1"


def make_cache(folder: Path, letter: Path, port: int) -> Path:
    """A cache filled by a real run, with the pages kept fresh (read/) removed, so that the
    next run answers from the HTTP cache."""
    cache = folder / "cache"
    result = verify(letter, cache, 120, port)
    if not result.get("report") or result.get("verified") != PAGES:
        raise SystemExit(f"the first run did not verify every page: {result}")
    shutil.rmtree(cache / "read", ignore_errors=True)
    for suffix in ("-wal", "-shm"):
        leftover = cache / f"http-cache.sqlite{suffix}"
        if leftover.exists() and leftover.stat().st_size:
            raise SystemExit(f"{leftover} was left with data in it: the cache is not whole")
    return cache


def failed(outcome: dict) -> str | None:
    if not outcome["ended"]:
        return f"did not end within the bound ({outcome['seconds']:.0f} s)"
    if not outcome["report"]:
        return f"no report (exit {outcome['code']}): {outcome['stderr']}"
    if outcome["traceback"]:
        return "a traceback"
    if outcome["code"] == 2:
        return f"exit 2: {outcome['stderr']}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=60, help="how many seeds (default 60)")
    parser.add_argument("--first", type=int, default=0, help="the first seed (default 0)")
    parser.add_argument("--bound", type=float, default=60,
                        help="seconds a run may take (default 60)")
    args = parser.parse_args(argv)
    server = serve()
    problems = 0
    with tempfile.TemporaryDirectory(prefix="citecheck-fuzz-") as tmp:
        folder = Path(tmp)
        port = server.server_address[1]
        letter = write_letter(folder)
        made = make_cache(folder, letter, port)
        whole = (made / "http-cache.sqlite").read_bytes()
        print(f"cache: {len(whole)} bytes, {len(whole) // PAGE_SIZE} pages, {PAGES} entries")
        for seed in range(args.first, args.first + args.seeds):
            cache = folder / f"seed-{seed}"
            shutil.copytree(made, cache)
            data, what = damage(whole, seed)
            (cache / "http-cache.sqlite").write_bytes(data)
            outcome = verify(letter, cache, args.bound, port)
            problem = failed(outcome)
            problems += problem is not None
            set_aside = any("set aside" in w for w in outcome.get("warnings", []))
            print(f"seed {seed:3d} {what:32.32} {outcome['seconds']:5.1f} s  "
                  + (f"FAILED: {problem}" if problem else
                     f"exit {outcome['code']}, {outcome['verified']}/{outcome['citations']} "
                     f"verified{', cache set aside' if set_aside else ''}"), flush=True)
            shutil.rmtree(cache, ignore_errors=True)
    server.shutdown()
    print(f"{args.seeds} seeds, {problems} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
