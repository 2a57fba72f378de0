"""--executor: the fetch-and-read stage on a Dask cluster of worker processes over loopback."""

from __future__ import annotations

import json
import os
import signal
import threading

import dask
import psutil
import pytest
from distributed import LocalCluster

import citecheck.cluster
from citecheck.archive import Archive, WarcIndex
from conftest import citations, verify_importing, write_letter
from test_scale import _Gate, _serve, _stable, gates  # noqa: F401  (gates: a fixture)


_TASK = citecheck.cluster._task


@pytest.fixture(scope="module")
def scheduler():
    """A scheduler here and three worker processes, for the whole module. A dead worker's
    host leases are given back after 2 s (30 s by default)."""
    with dask.config.set({"distributed.scheduler.locks.lease-timeout": "2s",
                          "distributed.scheduler.locks.lease-validation-interval": "0.2s"}):
        cluster = LocalCluster(n_workers=3, threads_per_worker=4, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=50)
        yield f"dask://{cluster.scheduler_address.removeprefix('tcp://')}"
        cluster.close()


def _json_run(run_cli, command: str, letter, cache, *more: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(command, letter, "--format", "json", "--cache-dir", cache,
                             "--allow-private-hosts", "--timeout", "5", *more)
    assert "Traceback" not in out + err
    return code, json.loads(out)


def test_a_cluster_gives_the_report_one_process_gives(httpserver, tmp_path, run_cli, scheduler):
    letter = write_letter(tmp_path, *_serve(httpserver))

    def verify(cache: str, *more: str) -> tuple[int, dict]:
        return _json_run(run_cli, "verify", letter, tmp_path / cache, *more)

    alone = verify("alone")
    spread = verify("spread", "--executor", scheduler)
    assert spread[0] == alone[0] == 1
    assert _stable(spread[1]) == _stable(alone[1])
    assert [c["status"] for c in citations(spread[1])] == [
        "verified", "verified", "verified", "not_found"]
    # Archived by the workers, each in files of its own; the run's index holds every record.
    archive = tmp_path / "spread" / "warc"
    index = Archive(archive).index()
    for c in citations(spread[1]):
        assert "/workers/" in c["archive"]["warc"]
        assert index.latest(c["url"]).record_id == c["archive"]["record_id"]
    # The merged archive answers an offline run.
    offline = verify("spread", "--offline")
    assert [c["status"] for c in citations(offline[1])] == [
        c["status"] for c in citations(alone[1])]


@pytest.mark.parametrize("gates", [1], indirect=True)
def test_the_per_host_limit_holds_across_the_cluster(gates, tmp_path, verify_json, scheduler):
    # Three workers of four threads each, twelve pages of one site, two at a time: never
    # more than two at that site, though any worker alone could send four.
    notes = [("The report counts 238 deaths", f"http://127.0.0.1:{gates[0]}/a/{i}")
             for i in range(12)]
    letter = write_letter(tmp_path, *notes)
    _Gate.reset(want=2, expected=12)
    code, report = verify_json(letter, "--per-host", "2", "--executor", scheduler)
    assert code == 0, [c["reason"] for c in citations(report)]
    assert _Gate.most[gates[0]] == 2


@pytest.mark.parametrize("gates", [3], indirect=True)
def test_a_worker_killed_mid_run_loses_nothing(gates, tmp_path, verify_json, scheduler,
                                               monkeypatch):
    notes = [("The report counts 238 deaths", f"http://127.0.0.1:{port}/a/{i}")
             for i in range(6) for port in gates]
    letter = write_letter(tmp_path, *notes)
    _Gate.reset(want=2, expected=0)
    killed: list[int] = []
    lock = threading.Lock()
    real = _Gate.do_GET

    def kill_the_sender_of_the_tenth(handler) -> None:  # type: ignore[no-untyped-def]
        with lock:
            tenth = _Gate.arrived[0] == 9 and not killed
            if tenth:
                killed.append(_sender(handler.client_address, handler.server.server_address))
        if tenth:
            os.kill(killed[0], signal.SIGKILL)
            return
        real(handler)

    monkeypatch.setattr(_Gate, "do_GET", kill_the_sender_of_the_tenth)
    # A generous time-out: the killed worker's pages are fetched again by the others while
    # its nanny starts a new one, which is slow on a loaded machine.
    code, report = verify_json(letter, "--per-host", "2", "--executor", scheduler,
                               "--timeout", "30")
    assert killed and killed[0] != os.getpid()
    assert code == 0, [c["reason"] for c in citations(report)]
    assert len(citations(report)) == 18
    # Every record any worker wrote, the dead one's included, is in the run's index.
    folder = tmp_path / "cache" / "warc"
    written = WarcIndex.scan(sorted(folder.glob("workers/*/*.warc.gz")))
    indexed = {(e.path.resolve(), e.offset) for e in Archive(folder).index().entries}
    assert written.entries
    assert {(e.path.resolve(), e.offset) for e in written.entries} <= indexed


def _sender(address: tuple[str, int], server: tuple[str, int]) -> int:
    """The process whose socket goes from this local address to the server's. The local
    address alone is not enough on a shared machine: Linux gives one local port to
    connections to different servers, and a process of another session (a benchmark's
    citecheck run, killed at 2,831 of 10,000 pages) was once taken for the worker."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.raddr and conn.pid and \
                (conn.laddr.ip, conn.laddr.port) == address[:2] and \
                (conn.raddr.ip, conn.raddr.port) == server[:2]:
            return conn.pid
    raise AssertionError(f"no process has {address} connected to {server}")


def test_a_local_cluster_runs_rot_as_one_process_does(httpserver, tmp_path, run_cli):
    letter = write_letter(tmp_path, *_serve(httpserver, 2))

    def rot(cache: str, *more: str) -> tuple[int, dict]:
        return _json_run(run_cli, "rot", letter, tmp_path / cache, *more)

    alone = rot("alone")
    spread = rot("spread", "--executor", "local:2")
    statuses = [[(c["url"], c["status"], c["http_status"]) for c in d["citations"]]
                for d in (r[1]["documents"][0] for r in (alone, spread))]
    assert spread[0] == alone[0] and statuses[0] == statuses[1]
    assert all(c["live"] and "/workers/" in c["live"]["warc"]
               for c in spread[1]["documents"][0]["citations"])


@pytest.mark.parametrize("command", ["verify", "rot"])
def test_what_the_workers_repair_is_said_in_the_report(httpserver, tmp_path, run_cli, scheduler,
                                                      command):
    # A worker that found the HTTP cache damaged set it aside and told no one: a cluster
    # run's report had none of the warnings one process's has (rot's client opens the cache
    # first, so rot said it; verify's opens it only to fetch, on the workers).
    letter = write_letter(tmp_path, *_serve(httpserver, 2))
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "http-cache.sqlite").write_bytes(b"not a database, not at all" * 100)
    more = ("--wayback", "none", "--memento", "none") if command == "rot" else ()
    code, report = _json_run(run_cli, command, letter, cache, "--executor", scheduler, *more)
    (warning,) = [w for w in report["warnings"] if "HTTP cache" in w]  # once, not per worker
    assert "damaged" in warning and "set aside as http-cache.sqlite.damaged-" in warning
    assert len(list(cache.glob("http-cache.sqlite.damaged-*[0-9Z]"))) == 1
    statuses = {c["status"] for d in report["documents"] for c in d["citations"]}
    assert statuses <= ({"verified", "not_found"} if command == "verify" else {"ok"}), statuses


@pytest.mark.parametrize("executor, message", [
    ("local:0", "local:N takes 1 to 64 workers"),
    ("spark://x:1", "use dask://HOST:PORT (a Dask scheduler) or local:N"),
    ("dask://127.0.0.1:1", "no Dask scheduler answers there"),
])
def test_a_bad_executor_is_one_line(tmp_path, run_cli, executor, message):
    letter = write_letter(tmp_path, ("The report counts 238 deaths", "http://127.0.0.1:1/a"))
    code, out, err = run_cli("verify", letter, "--cache-dir", tmp_path / "cache",
                             "--allow-private-hosts", "--executor", executor)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err


def test_one_machine_never_imports_dask(httpserver, tmp_path):
    letter = write_letter(tmp_path, *_serve(httpserver, 2))
    code, report, imported = verify_importing(letter, tmp_path / "cache",
                                              ("dask", "distributed"))
    assert code == 0 and imported == []
    assert len(citations(report)) == 2


def test_the_run_deadline_holds_on_a_cluster(tmp_path, run_cli, scheduler):
    from hostile import HostileServer
    from test_hostile import FAST, _run_deadline_outcome, _silent_letter

    hostile = HostileServer()
    try:
        # A worker that has not served a run yet imports the readers first: warm every one
        # up, so that the deadline measures fetching, not imports.
        (tmp_path / "warm").mkdir()
        warm = write_letter(tmp_path / "warm", *[("The report counts 234 allegations",
                                                  hostile.url(f"/ok?warm={i}"))
                                                 for i in range(12)])
        assert run_cli("verify", warm, "--cache-dir", tmp_path / "warm", "--allow-private-hosts",
                       "--executor", scheduler)[0] == 0
        letter = _silent_letter(tmp_path, hostile, "cluster")
        code, out, err = run_cli("verify", letter, "--format", "json", "--cache-dir",
                                 tmp_path / "cache", "--allow-private-hosts", *FAST,
                                 "--run-deadline", "3", "--executor", scheduler)
        assert "Traceback" not in out + err and code == 1
        _run_deadline_outcome(json.loads(out), hostile, "cluster", 3)
    finally:
        hostile.close()


def test_the_run_deadline_holds_on_a_local_cluster(tmp_path, run_cli):
    # local:2 starts its workers inside the run, so the deadline counts their start-up too:
    # 20 URLs that hold 5 s each, 2 at a time, would take 50 s; the run stops at 15 s.
    from hostile import HostileServer
    from test_hostile import _silent_letter

    hostile = HostileServer()
    try:
        letter = _silent_letter(tmp_path, hostile, "local")
        code, out, err = run_cli("verify", letter, "--format", "json", "--cache-dir",
                                 tmp_path / "cache", "--allow-private-hosts", "--timeout", "10",
                                 "--deadline", "5", "--retries", "1", "--run-deadline", "15",
                                 "--executor", "local:2")
        assert "Traceback" not in out + err and code == 1
        report = json.loads(out)
        silent = citations(report)[1:]
        assert len(silent) == 20 and {c["status"] for c in silent} == {"unreachable"}
        asked = len({p for p in hostile.paths if p.startswith("/silent?local=")})
        assert asked <= 8, asked  # at most 3 rounds of 2 in 15 s, and one cut off
        assert sum(c["reason"].startswith("not fetched: the run's 15 s deadline")
                   for c in silent) == 20 - asked
        assert any("run's 15 s deadline (--run-deadline) was reached" in w
                   for w in report["warnings"])
    finally:
        hostile.close()


def _failing_on_p1(url, *args):  # type: ignore[no-untyped-def]
    """The worker's task (a function of this module: Dask sends it by reference), broken
    for the URL ending in /p1."""
    if url.endswith("/p1"):
        raise RuntimeError("the task broke")
    return _TASK(url, *args)


def test_a_task_that_fails_on_a_worker_is_that_citations_status(httpserver, tmp_path, run_cli,
                                                                 monkeypatch):
    # A bug in the worker's task (or Dask giving a task up after it killed workers): that
    # citation says so, and every other one is checked as always.
    notes = _serve(httpserver, 2)
    monkeypatch.setattr(citecheck.cluster, "_task", _failing_on_p1)
    with LocalCluster(n_workers=1, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None,
                      silence_logs=50) as cluster:
        code, report = _json_run(run_cli, "verify", write_letter(tmp_path, *notes),
                                 tmp_path / "cache", "--executor",
                                 f"dask://{cluster.scheduler_address.removeprefix('tcp://')}")
    assert code == 1
    good, bad = citations(report)
    assert good["status"] == "verified"
    assert bad["status"] == "unreachable"
    assert "citecheck failed on the cluster while fetching this URL (RuntimeError: the task " \
           "broke)" in bad["fetch"]["error"]
