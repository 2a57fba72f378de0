"""Pages read in threads by a fresh process are all read: no import race in the parsers."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import write_letter

# Runs citecheck in a fresh process whose import of dateparser.conf takes half a second, as
# on a loaded machine: a thread that meets dateparser half-imported is then certain to.
SLOW_IMPORT = """
import importlib.abc, importlib.util, sys, time

class SlowDateparser(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "dateparser.conf":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            time.sleep(0.5)
            run(module)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, SlowDateparser())
from citecheck.cli import main
sys.argv = ["citecheck", *sys.argv[1:]]
main()
"""

# htmldate sends the first date to `import dateparser`, the second (no year, no month it
# knows) to dateparser's loader of month names in every language: two import paths at once.
DATES = ("14 марта 2022 года", "14 xyzzy, 10:15")
PAGE = ("<html lang='en'><head><meta charset='utf-8'><title>Report</title></head><body>{pad}"
        "<article><h1>Report</h1><p class='date'>{date}</p><p>The office registered 234"
        " complaints of abuse in the region, the prosecutor said in a statement.</p></article>"
        "</body></html>")
# the month-name pages are longer, so their threads reach the dates a moment later
PAD = "<div><p>Other news of the week.</p></div>" * 3000


def test_pages_read_in_threads_by_fresh_processes_are_all_read(httpserver, tmp_path):
    for i in range(4):  # one page that imports dateparser, three that load its month names
        httpserver.expect_request(f"/p{i}").respond_with_data(
            PAGE.format(pad=PAD * (i > 0), date=DATES[i > 0]), content_type="text/html")
    letter = write_letter(tmp_path, *[("The office registered 234 complaints",
                                       httpserver.url_for(f"/p{i}")) for i in range(4)])
    for run in range(2):  # on the old code, 5 runs of 6 had pages "unreadable"
        done = subprocess.run(
            [sys.executable, "-c", SLOW_IMPORT, "verify", str(letter), "--format", "json",
             "--allow-private-hosts", "--per-host", "8", "--refresh",
             "--cache-dir", str(tmp_path / f"cache{run}")],
            capture_output=True, text=True, timeout=120)
        report = json.loads(done.stdout)
        outcomes = [(c["status"], c["reason"]) for d in report["documents"]
                    for c in d["citations"]]
        assert done.returncode == 0, outcomes
        assert [status for status, _ in outcomes] == ["verified"] * 4
