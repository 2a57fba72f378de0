"""Running the fetch-and-read stage on a Dask cluster (``--executor``), for corpora that
outgrow one machine.

    dask://HOST:PORT   a running scheduler (``dask scheduler`` and ``dask worker`` on the
                       machines, each with citecheck installed)
    local:N            a cluster of N worker processes on this machine, started for the run

Each distinct URL is one task: fetched under the host's cluster-wide limit (a
``distributed.Semaphore`` per host, ``per_host`` leases, so the limit holds across every
worker), archived, and read on the worker; the task gives back what the single-process
pipeline keeps of a page, and the report is built from it exactly as without a cluster.

Each worker process archives into WARC files of its own, in a folder of its own
(``<cache>/warc/workers/<machine>-<pid>/``, with its own index, fsynced before a page
is reported archived). At the end of the run the client merges every worker folder's
index into ``<cache>/warc/index.cdxj``, so a worker that died mid-run loses nothing it
archived: the scheduler runs its unfinished tasks on another worker, and its folder is
merged with the others. The archive is merged by the client, so the workers' cache
folder must be the client's (the same path, on a shared file system, across machines).

Dask is an optional extra (``pip install 'citecheck[dask]'``): only this module imports
it, and only when a run asks for a cluster.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .archive import INDEX_NAME, Archive, ArchiveError, IndexEntry, WarcIndex
from .capture import Capture, interrupted_by, interrupted_reason, run_deadline_reached
from .readcache import ReadCache
from .settings import Settings

# How long past the run's deadline the client waits for a task before giving it up.
LATE_TASK_SECONDS = 45.0
WORKERS_FOLDER = "workers"  # under the archive folder: one folder per worker process
_EXECUTOR_RE = re.compile(r"^(?:dask://(?P<address>[^\s/]+:\d+)|local:(?P<n>\d+))$")


class ExecutorError(Exception):
    """The cluster cannot be used (a malformed --executor, Dask missing, no scheduler)."""


@dataclass(frozen=True)
class Executor:
    address: str | None = None  # a scheduler, tcp://HOST:PORT
    local_workers: int = 0  # or a cluster of that many processes here


def parse(text: str) -> Executor:
    """``dask://HOST:PORT`` or ``local:N``, as an Executor; ExecutorError otherwise."""
    match = _EXECUTOR_RE.match(text.strip())
    if not match:
        raise ExecutorError(f"--executor {text!r}: use dask://HOST:PORT (a Dask scheduler) "
                            "or local:N (N worker processes here)")
    if match["address"]:
        return Executor(address=f"tcp://{match['address']}")
    n = int(match["n"])
    if not 1 <= n <= 64:
        raise ExecutorError(f"--executor {text!r}: local:N takes 1 to 64 workers")
    return Executor(local_workers=n)


def _distributed():  # type: ignore[no-untyped-def]
    try:
        import distributed
    except ImportError:
        raise ExecutorError("--executor needs Dask: pip install 'citecheck[dask]'") from None
    return distributed


def fetch_all(claims: dict[str, list[str]], settings: Settings,
              progress: Callable[[int, int, str], None] | None,
              read: Callable[[Any], Any] | None,
              warnings: list[str] | None = None) -> dict[str, Any]:
    """Fetch, archive and read every URL on the cluster; what `pipeline._fetch_all` gives
    (`read`, a module-level function, reads each page on the worker instead of `_read`).
    What the workers repaired (an HTTP cache set aside, a torn index) is added to
    `warnings`, as a single process says it."""
    said: list[str] = [] if warnings is None else warnings
    from .pipeline import _by_host, _slots

    assert settings.executor is not None
    executor = parse(settings.executor)
    distributed = _distributed()
    import logging

    by_host = _by_host(list(claims))
    order = [by_host[h].popleft() for h in _slots(by_host, len(claims))]  # hosts in turn
    cluster = None
    try:
        if executor.address:
            try:
                host, _, port = executor.address.removeprefix("tcp://").rpartition(":")
                socket.create_connection((host, int(port)), timeout=10).close()  # at once
                client = distributed.Client(executor.address, timeout=10)
            except (OSError, TimeoutError) as e:
                raise ExecutorError(f"--executor {settings.executor}: no Dask scheduler "
                                    f"answers there ({e})") from None
        else:
            with _own_workers():  # Ctrl-C is the run's; so are its errors
                cluster = distributed.LocalCluster(
                    n_workers=executor.local_workers, processes=True, host="127.0.0.1",
                    threads_per_worker=_threads(settings, len(order), executor.local_workers),
                    dashboard_address=None, worker_dashboard_address=None,
                    silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
        pages: dict[str, Any] = {}
        here = socket.gethostname()
        try:
            futures = {client.submit(_task, url, claims[url], settings, read, here,
                                     key=f"citecheck-{i}", pure=False): url
                       for i, url in enumerate(order)}
            # The workers cut their fetches off at the run's deadline; a task that has not
            # answered LATE_TASK_SECONDS after it (a worker stuck reading, or lost) is given up.
            # An interruption (Ctrl-C, SIGTERM: cli._interruptible) gives up every task left.
            wait_until = None if settings.run_ends_at is None else max(
                time.time(), settings.run_ends_at) + LATE_TASK_SECONDS
            done = distributed.as_completed(futures)
            while len(pages) < len(order):
                if interrupted_by() or wait_until is not None and time.time() >= wait_until:
                    break
                for future in done.next_batch(block=False) or _pause():
                    url = futures[future]
                    pages[url], repaired = _outcome(future, url, claims[url], read)
                    said += [w for w in repaired if w not in said]
                    if progress:
                        progress(len(pages), len(order), url)
            if len(pages) < len(order):
                pages.update(_given_up(client, futures, pages, claims, settings, read))
        finally:
            if interrupted_by():  # what Dask says of the tasks given up is not the run's
                logging.getLogger("distributed").setLevel(logging.CRITICAL)
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
        merge_indexes(settings.archive_dir, said)
    return pages


@contextlib.contextmanager
def _own_workers():  # type: ignore[no-untyped-def]
    """While a local cluster's processes start: SIGINT ignored, which they inherit (and
    Python keeps so), and Tornado's errors silenced in their logging (Dask reads its
    logging levels from the environment when it is imported). A terminal's Ctrl-C signals
    the whole process group: it is for the run alone, which gives the tasks left up and
    writes its report (cli._interruptible), not for the workers, which would die mid-task
    and say so at length. When the run closes the cluster with fetches still going, a
    worker's host lease can no longer be renewed: Tornado logs it with a traceback, which
    says nothing to the run's user."""
    quiet = {"DASK_LOGGING": '{"tornado.application": "critical"}'}
    before = {k: os.environ.get(k) for k in quiet}
    os.environ.update(quiet)
    sigint = None
    if threading.current_thread() is threading.main_thread():
        sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if sigint is not None:
            signal.signal(signal.SIGINT, sigint)
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _pause() -> list:
    """Nothing finished yet: wait a moment before asking again (a tenth of a second: an
    interruption is seen at once, and the client's loop costs nothing)."""
    time.sleep(0.1)
    return []


def _outcome(future: Any, url: str, wanted: list[str], read: Callable[[Any], Any] | None
             ) -> tuple[Any, list[str]]:
    """A finished task's page and the warnings its worker had, or, when the task failed on
    the worker (a bug, or workers killed by it: Dask's KilledWorker), that citation's
    status, as one process says a failure on one URL: never the end of the run."""
    try:
        return future.result()
    except Exception as e:
        from .pipeline import _bug

        capture = Capture(url=url, error_kind="internal", error="citecheck failed on the "
                          f"cluster while fetching this URL ({_bug(e)})")
        return _page(capture, wanted, read), []


def _given_up(client: Any, futures: dict[Any, str], pages: dict[str, Any],
              claims: dict[str, list[str]], settings: Settings,
              read: Callable[[Any], Any] | None) -> dict[str, Any]:
    """The tasks left when the run was interrupted or its deadline passed: cancelled, and
    each citation said not fetched, or cut off if its task was running on a worker."""
    left = {future: url for future, url in futures.items() if url not in pages}
    try:
        running = {key for keys in client.processing().values() for key in keys}
    except Exception:  # the scheduler is gone too: none is known to have started
        running = set()
    client.cancel(list(left))
    name = interrupted_by()
    out = {}
    for future, url in left.items():
        if name:
            kind, reason = "interrupted", interrupted_reason(name, future.key in running)
        else:  # past the deadline and its grace: each is said cut off, as it always was
            kind, reason = "run_deadline", run_deadline_reached(settings.run_deadline,
                                                                started=True)
        out[url] = _page(Capture(url=url, error_kind=kind, error=reason), claims[url], read)
    return out


def _page(capture: Capture, wanted: list[str], read: Callable[[Any], Any] | None,
          sources: ReadCache | None = None) -> Any:
    """A capture read as the run reads its pages: by the command's own `read` when it gives
    one (rot), else as verify does (pipeline._read), for the claims that cite it."""
    from .pipeline import _read

    return read(capture) if read is not None else _read(capture, wanted, sources)


def _threads(settings: Settings, urls: int, workers: int) -> int:
    """Threads of each local worker: enough for every host slot (hosts × per-host, as a
    single process runs them), spread over the workers."""
    slots = min(settings.concurrency or 256, urls)
    return max(2, -(-slots // workers))


# --- on a worker ---------------------------------------------------------------------

class _Worker:
    """What one worker process keeps between tasks of a run."""

    def __init__(self, settings: Settings, client_host: str):
        machine = socket.gethostname()
        # The HTTP cache is SQLite: shared by the processes of one machine, never over a
        # network file system. On the client's machine it is the client's own cache.
        http = settings if machine == client_host else replace(
            settings, cache_dir=settings.cache_dir / "hosts" / _safe(machine))
        from .fetch import Fetcher

        self.fetcher = Fetcher(http)
        folder = settings.archive_dir / WORKERS_FOLDER / f"{_safe(machine)}-{os.getpid()}"
        self.archive = Archive(folder, settings.warc_max_bytes)
        self.sources = ReadCache(settings.cache_dir / "read", reuse=not settings.refresh)
        self.semaphores: dict[str, Any] = {}
        self.lock = threading.Lock()
        self._told = (0, 0)  # the fetcher's and the archive's warnings handed out so far

    def untold(self) -> list[str]:
        """The warnings not yet handed to a run (each is said once, by the task that
        finds it: a worker serves many tasks, and many runs)."""
        with self.lock:
            fetched, archived = self._told
            news = self.fetcher.warnings[fetched:] + self.archive.warnings[archived:]
            self._told = (len(self.fetcher.warnings), len(self.archive.warnings))
        return news

    def semaphore(self, host: str, per_host: int):  # type: ignore[no-untyped-def]
        from distributed import Semaphore

        with self.lock:
            if host not in self.semaphores:
                self.semaphores[host] = Semaphore(max_leases=max(1, per_host),
                                                  name=f"citecheck-host:{host}")
            return self.semaphores[host]


_KEPT_RUNS = 4  # the settings of this many runs keep their fetcher open on a worker
_workers: dict[tuple[Settings, str], _Worker] = {}
_workers_lock = threading.Lock()


def _task(url: str, wanted: list[str], settings: Settings, read: Callable[[Any], Any] | None,
          client_host: str) -> Any:
    from .pipeline import _host_key

    until = settings.run_ends_at  # each run's own; the worker's state is kept across runs
    settings = replace(settings, run_ends_at=None)
    key = (settings, client_host)
    with _workers_lock:
        worker = _workers.get(key)
        if worker is None:
            while len(_workers) >= _KEPT_RUNS:  # a long-lived worker serves many runs
                _workers.pop(next(iter(_workers))).fetcher.close()
            worker = _workers[key] = _Worker(settings, client_host)
    semaphore = worker.semaphore(_host_key(url), settings.per_host)
    left = None if until is None else until - time.time()
    if left is not None and left <= 0 or not semaphore.acquire(timeout=left):
        capture = Capture(url=url, error_kind="run_deadline",
                          error=run_deadline_reached(settings.run_deadline))
    else:
        try:
            capture = worker.fetcher.fetch(url, until=until)
        finally:
            semaphore.release()
    if capture.archived is None:
        capture.archived = worker.archive.store(capture)
    capture.exchanges = []
    return _page(capture, wanted, read, worker.sources), worker.untold()


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "worker"


# --- the archive ----------------------------------------------------------------------

def merge_indexes(archive_dir: Path, warnings: list[str] | None = None) -> int:
    """Add every worker folder's index entries to the archive's own index (once each);
    the number added. What was repaired on the way (a torn index) is added to `warnings`."""
    # Every worker folder with a WARC file, with an index or not: a worker killed between
    # fsyncing its first records and writing their index lines has none.
    workers = archive_dir / WORKERS_FOLDER
    folders = sorted({p.parent for p in workers.glob(f"*/{INDEX_NAME}")}
                     | {p.parent for p in workers.glob("*/citecheck-*.warc.gz")})
    if not folders:
        return 0
    found: list[IndexEntry] = []
    repaired: list[str] = []
    for folder in folders:
        worker = Archive(folder)
        indexed = worker.index().entries
        repaired += worker.warnings
        found += indexed + _unindexed(folder, indexed)
    ours = Archive(archive_dir)
    added = ours.add_entries(found)
    if warnings is not None:
        warnings += [w for w in repaired + ours.warnings if w not in warnings]
    return added


def _unindexed(folder: Path, indexed: list[IndexEntry]) -> list[IndexEntry]:
    """Whole records that a worker wrote after the last one its index names: it died
    between writing them and writing their index lines. Only those tails are read."""
    last: dict[str, int] = {}
    for entry in indexed:
        last[entry.path.name] = max(last.get(entry.path.name, -1), entry.offset)
    found = []
    for path in sorted(folder.glob("citecheck-*.warc.gz")):
        after = last.get(path.name, -1)
        try:
            tail = WarcIndex.scan([path], {path: max(after, 0)}).entries
        except ArchiveError:
            continue  # nothing readable after the last indexed record
        found += [e for e in tail if e.offset > after and _whole(path, e)]
    return found


def _whole(path: Path, entry: IndexEntry) -> bool:
    """Whether the record is a whole gzip member (a killed writer leaves a part of one)."""
    with open(path, "rb") as f:
        f.seek(entry.offset)
        data = f.read(entry.length)
    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        member.decompress(data)
    except zlib.error:
        return False
    return member.eof

