"""citecheck's link-check part alone, to set beside link checkers that only check statuses.

    python benchmarks/linkcheck_part.py LETTER --cache-dir DIR [--per-host 4]
                                        [--concurrency N] [--allow-private-hosts]

Runs the fetch stage of `citecheck verify` exactly as the command does (the same Fetcher:
cache, retries, per-host limits, address checks, whole bodies read and cached), and
replaces reading the pages (extraction, figure matching) by noting the HTTP status.
Prints how many URLs answered with each status. Uses citecheck's internals on purpose:
it is a measuring tool, not an interface.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from citecheck import pipeline
from citecheck.document import read_document
from citecheck.fetch import Capture, Fetcher
from citecheck.settings import Settings


def status_only(capture: Capture, claims: object = (), sources: object = None) -> pipeline._Page:
    capture.content = b""
    return pipeline._Page(capture)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("letter", type=Path)
    ap.add_argument("--cache-dir", type=Path, required=True)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--allow-private-hosts", action="store_true")
    args = ap.parse_args()
    settings = Settings(cache_dir=args.cache_dir, per_host=args.per_host,
                        concurrency=args.concurrency, timeout=args.timeout,
                        allow_private_hosts=args.allow_private_hosts)
    refs = [r for r in read_document(args.letter).references() if not r.problem]
    claims = {url: [r.claim] for r in refs for url in r.urls}
    pipeline._read = status_only  # type: ignore[assignment]
    pipeline.PROCESS_MIN_PAGES = sys.maxsize  # nothing to read: no reader processes
    fetcher = Fetcher(settings)
    try:
        pages = pipeline._fetch_all(claims, fetcher, settings, None)
    finally:
        fetcher.close()
    counts = Counter(p.capture.status or p.capture.error_kind for p in pages.values())
    print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=str)))
    return 0 if set(counts) <= {200} else 1


if __name__ == "__main__":
    sys.exit(main())
