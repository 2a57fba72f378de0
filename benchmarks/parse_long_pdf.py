"""How long does reading a long PDF report take? (60 footnotes over 10 pages)

    PYTHONPATH=src python benchmarks/parse_long_pdf.py [PDF] [--runs N]

Parses the PDF N times (default 5) with citecheck's reader and prints the best and the
median time, pages, footnotes, and whether every footnote number and URL is right for
tests/data/long-report.pdf (made by tests/data/make_fixtures.py).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from citecheck.document import read_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "data" / "long-report.pdf"


def expected_url(i: int) -> str:
    if i % 3 == 0:
        return (f"https://prosecutor.example.org/statistics/2022/complaints-of-ill-treatment-in-"
                f"detention-facilities/region-{i}/table.html")
    return f"https://news.example.org/a/{31700000 + i}.html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        doc = read_document(args.pdf)
        refs = doc.references()
        times.append(time.perf_counter() - start)
    pages = max((r.page or 0) for r in refs) if refs else 0
    print(f"{args.pdf.name}: {len(refs)} footnotes, last on page {pages}, "
          f"{len(doc.warnings)} warnings")
    print(f"parse time over {args.runs} runs: best {min(times):.2f} s, "
          f"median {statistics.median(times):.2f} s")
    if args.pdf == DEFAULT:
        right = [r.label == str(i) and r.urls == (expected_url(i),)
                 for i, r in enumerate(refs, start=1)]
        print(f"footnote numbers and URLs right: {sum(right)}/60")


if __name__ == "__main__":
    main()
