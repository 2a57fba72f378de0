"""CI: run the README's two Quick start commands exactly as written, in a fresh copy of the project.

A new user pastes them with the pip that `python3 -m venv` ships, so CI does the same (no pip
upgrade). The install command ends in `citecheck verify` on the seed letter, which exits 1 when
a cited page has a problem (always, on a machine without network): that is a pass only when
citecheck wrote its report. Between the two commands, the tool the install command gave (without
the test extra) verifies a letter citing a page served on 127.0.0.1: it must say `verified`.
The test command must pass and run tests. Any other outcome fails CI (exit 1).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PAGE = (b"<html lang='en'><head><meta charset='utf-8'><title>Report</title></head><body>"
        b"<article><h1>Annual report</h1><p>The office registered 234 complaints of abuse in"
        b" 2022, the prosecutor said in a statement on Monday.</p></article></body></html>")


def commands(readme: str) -> tuple[str, str]:
    """The install command and the test command: the first two sh blocks of "Quick start"."""
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)\n```$", quick_start, flags=re.S | re.M)
    if len(blocks) < 2:
        raise SystemExit("ci: README.md's Quick start has no install and test commands")
    return blocks[0], blocks[1]


def fail(message: str) -> None:
    print(f"ci: {message}", file=sys.stderr)
    raise SystemExit(1)


def fresh_copy(project: Path, into: Path) -> Path:
    """The project's files as a fresh clone has them (git's tracked and new files), no venv."""
    copy = into / "project"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=project, capture_output=True)
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=project,
                         capture_output=True, text=True).stdout.strip()
    if listed.returncode == 0 and top and Path(top).resolve() == project.resolve():
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = project / name
            if source.is_file():
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy / name)
    else:
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns(
            ".venv", "__pycache__", ".pytest_cache", "*.egg-info", ".git"))
    return copy


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run a README command, its output shown line by line as it comes (a run cut off by
    CI's time limit still shows how far it got) and kept for the checks below."""
    print(f"ci: $ {command}", file=sys.stderr, flush=True)
    lines: list[str] = []
    env = dict(os.environ, PYTHONUNBUFFERED="1")  # pytest's lines as they come, not at its end
    with subprocess.Popen(["bash", "-c", command], cwd=cwd, stdout=subprocess.PIPE, env=env,
                          text=True, errors="replace") as shell:
        assert shell.stdout is not None
        for line in shell.stdout:
            lines.append(line)
            sys.stdout.write(line)
            sys.stdout.flush()
    return subprocess.CompletedProcess(shell.args, shell.returncode, "".join(lines))


def check_install(command: str, copy: Path) -> None:
    done = run(command, copy)
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    report = bool(lines) and re.match(r"(\d+ citations?: |no citations found)", lines[-1])
    if done.returncode not in (0, 1) or not report:
        fail(f"the README's install command failed (exit {done.returncode})")


def check_a_local_page_is_verified(copy: Path, work: Path) -> None:
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        letter = work / "letter.txt"
        letter.write_text("October 6, 2022\n\nThe office registered 234 complaints.[1]\n\n"
                          f"[1] http://127.0.0.1:{server.server_port}/report.html\n",
                          encoding="utf-8")
        done = subprocess.run(
            [str(copy / ".venv" / "bin" / "citecheck"), "verify", str(letter), "--format", "json",
             "--allow-private-hosts", "--cache-dir", str(work / "cache")],
            capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()
    try:
        statuses = [c["status"] for d in json.loads(done.stdout)["documents"]
                    for c in d["citations"]]
    except (ValueError, KeyError, TypeError):
        statuses = []
    if done.returncode != 0 or statuses != ["verified"]:
        sys.stderr.write(done.stderr)
        fail(f"a local page stating the figure was not verified (exit {done.returncode}, "
             f"statuses {statuses})")


def check_tests(command: str, copy: Path) -> None:
    done = run(command, copy)
    if done.returncode == 5:
        fail("pytest collected no tests")
    if done.returncode != 0:
        fail(f"the README's test command failed (exit {done.returncode})")


def main() -> None:
    project = Path(__file__).resolve().parents[1]
    install, tests = commands((project / "README.md").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="citecheck-ci-") as work:
        copy = fresh_copy(project, Path(work))
        check_install(install, copy)
        check_a_local_page_is_verified(copy, Path(work))
        check_tests(tests, copy)


if __name__ == "__main__":
    main()
