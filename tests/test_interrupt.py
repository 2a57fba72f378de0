"""Ctrl-C or SIGTERM during a run: the report of what was checked is still written."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import checkout_env, citations, write_letter
from hostile import HostileServer

CLAIM = "Prosecutors have registered 234 allegations of torture"
GOOD = 40  # enough pages for the reader processes to start (PROCESS_MIN_PAGES)


@pytest.fixture
def hostile():
    server = HostileServer()
    yield server
    server.close()


def _verify(tmp_path: Path, urls: list[str], *more: str,
            **popen: bool) -> tuple[subprocess.Popen, Path]:
    """`citecheck verify --format json --output report.json` of a letter citing `urls`, each
    for CLAIM, started in a subprocess of this checkout; (the run, its report's path)."""
    letter = write_letter(tmp_path, *[(CLAIM, u) for u in urls])
    report = tmp_path / "report.json"
    run = subprocess.Popen(
        [sys.executable, "-m", "citecheck", "verify", str(letter), "--format", "json",
         "--output", str(report), "--cache-dir", str(tmp_path / "cache"),
         "--allow-private-hosts", "--timeout", "60", "--deadline", "120", *more],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=checkout_env(), **popen)
    return run, report


def _check_interrupted_report(report: Path, good: int, silent: int, name: str) -> None:
    """The report an interruption (signal `name`) left: every citation has its status; at
    least half the `good` ones (first in the letter) verified and archived; the others, the
    `silent` ones among them, unreachable for the interruption; a run warning says so."""
    found = citations(json.loads(report.read_text(encoding="utf-8")))
    assert len(found) == good + silent  # every citation has its status
    checked = [c for c in found[:good] if c["status"] == "verified"]
    assert len(checked) >= good // 2, [c["reason"] for c in found[:good]]
    assert all(c["archive"] for c in checked)  # what was checked is archived
    for c in found:
        if c["status"] != "verified":
            assert c["status"] == "unreachable", c
            assert c["reason"].startswith((f"not fetched: the run was interrupted ({name})",
                                           f"cut off: the run was interrupted ({name})")), c
    assert {c["status"] for c in found[good:]} == {"unreachable"}
    warnings = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert any(w.startswith(f"the run was interrupted ({name}): ") for w in warnings), warnings


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_writes_the_report_of_what_it_checked(hostile, tmp_path, signum):
    good = [hostile.url(f"/ok?good={i}", host="localhost") for i in range(GOOD)]
    silent = [hostile.url(f"/silent?stuck={i}") for i in range(20)]
    run, report = _verify(tmp_path, good + silent, "--per-host", "4")
    try:
        waited = time.monotonic()
        while (sum(p.startswith("/ok?good=") for p in hostile.paths) < GOOD
               or not any(p.startswith("/silent?stuck=") for p in hostile.paths)):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() - waited < 60, hostile.paths
            time.sleep(0.05)
        time.sleep(0.5)  # the good pages' answers are in
        sent = time.monotonic()
        run.send_signal(signum)
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    # The silent host would hold each of its 20 URLs for 10 s, 4 at a time: without the
    # interruption the run takes 50 s more. A bound on a hang, not a timing.
    assert time.monotonic() - sent < 9, err
    assert "Traceback" not in out + err
    assert run.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    assert f"citecheck: interrupted ({name})" in err
    _check_interrupted_report(report, GOOD, 20, name)
    assert len(hostile.paths) < GOOD + 20  # not every silent URL was asked for


def _tagged(tag: str) -> set[int]:
    """The processes whose environment holds `tag`: a run and every process it started."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag.encode() in (entry / "environ").read_bytes():
                    found.add(int(entry.name))
            except OSError:  # gone, or not ours
                pass
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_a_killed_run_leaves_no_reader_behind(hostile, tmp_path):
    good = [hostile.url(f"/ok?killed={i}", host="localhost") for i in range(GOOD)]
    silent = [hostile.url(f"/silent?killed={i}") for i in range(4)]
    letter = write_letter(tmp_path, *[(CLAIM, u) for u in good + silent])
    mark = f"{os.getpid()}-{time.monotonic_ns()}"
    tag = f"CITECHECK_TEST_RUN={mark}"
    run = subprocess.Popen(
        [sys.executable, "-m", "citecheck", "verify", str(letter), "--format", "json",
         "--cache-dir", str(tmp_path / "cache"), "--allow-private-hosts", "--timeout", "60",
         "--deadline", "120"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=checkout_env(CITECHECK_TEST_RUN=mark))
    try:
        waited = time.monotonic()
        # The run, its fork server and at least one reader: reading has started.
        while len(_tagged(tag)) < 3 or sum(p.startswith("/ok?killed=") for p in hostile.paths) < GOOD:
            assert run.poll() is None
            assert time.monotonic() - waited < 60, _tagged(tag)
            time.sleep(0.1)
    finally:
        run.kill()  # SIGKILL: no clean-up of its own
        run.wait()
    waited = time.monotonic()
    while _tagged(tag) and time.monotonic() - waited < 20:
        time.sleep(0.1)
    left = _tagged(tag)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left  # the readers, the fork server and the resource tracker ended with it


def test_a_run_after_an_interrupted_one_in_the_same_process_is_not_interrupted(hostile, tmp_path):
    from typer.testing import CliRunner

    from citecheck import fetch
    from citecheck.capture import _woken
    from citecheck.cli import app

    fetch.interrupt("SIGINT")  # as a run before this one in the process left it
    letter = write_letter(tmp_path, (CLAIM, hostile.url("/ok?after=1")))
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--cache-dir",
                                      str(tmp_path / "cache"), "--allow-private-hosts"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert [c["status"] for c in citations(json.loads(result.stdout))] == ["verified"]
    assert not _woken.is_set()  # retries wait again before they are sent


@pytest.mark.parametrize("group", [False, True], ids=["signal-to-run", "ctrl-c-to-group"])
def test_an_interrupted_cluster_run_writes_the_report_of_what_it_checked(hostile, tmp_path, group):
    # --executor local:2: the run's workers are its own processes. A terminal's Ctrl-C
    # signals the whole process group, workers included; a CI job's cancel, the run alone.
    good = [hostile.url(f"/ok?cluster={i}", host="localhost") for i in range(8)]
    silent = [hostile.url(f"/silent?cluster={i}") for i in range(12)]
    run, report = _verify(tmp_path, good + silent, "--per-host", "2", "--executor", "local:2",
                          start_new_session=True)
    try:
        waited = time.monotonic()
        while (sum(p.startswith("/ok?cluster=") for p in hostile.paths) < len(good)
               or not any(p.startswith("/silent?cluster=") for p in hostile.paths)):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() - waited < 90, hostile.paths
            time.sleep(0.05)
        # The good pages (all alike) are read on a worker: the reading is remembered in a
        # file, and the others are checked from it.
        while not list((tmp_path / "cache" / "read").glob("*/*.json")):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() - waited < 120
            time.sleep(0.1)
        time.sleep(3)  # and their answers are in
        sent = time.monotonic()
        if group:
            os.killpg(run.pid, signal.SIGINT)
        else:
            run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=60)
    finally:
        try:
            os.killpg(run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # 12 silent URLs, 2 at a time, 10 s each: 50 s more without the interruption.
    assert time.monotonic() - sent < 20, err
    assert "Traceback" not in out + err, err
    assert run.returncode == 130, err
    _check_interrupted_report(report, len(good), len(silent), "SIGINT")

