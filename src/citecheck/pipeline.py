"""The pipeline: documents → citations → captures → sources → evidence → report.

It never prints and never exits: the command line turns its :class:`Report` into
output and an exit status.
"""

from __future__ import annotations

import os
import pickle
import queue
import re
import select
import signal
import sys
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from . import changes
from .archive import (Archive, ArchiveError, ArchiveFetcher, RecordPlan, WarcIndex,
                      build_records)
from .document import Document, Reference, read_document
from .extract import Source, Unreadable, extract
from .fresh import FreshPages
from .capture import Capture, interrupted_by
from .check.cited import compare_cited, published_after
from .check.figures import SourceIndex, claim_figures, match_figure
from .check.numbers import Mention
from .check.terms import PageText, key_terms, match_terms
from .readcache import ReadCache
from .report import (
    ArchiveInfo,
    CitationResult,
    DocumentResult,
    DocumentWarning,
    FetchResult,
    FigureResult,
    ORIGINS,
    Report,
    SourceInfo,
    Status,
    TermResult,
    Uncited,
    flat,
    number,
)
from .settings import Settings

if TYPE_CHECKING:  # multiprocessing is imported when a run starts reader processes
    from concurrent.futures import ProcessPoolExecutor

    from .fetch import Fetcher  # requests, urllib3, tenacity: imported when a run fetches

Progress = Callable[[int, int, str], None]
_T = TypeVar("_T")

_SOFT_404_RE = re.compile(
    r"page not found|404 not found|not found \(404\)|error 404|page (?:does not|doesn't) exist"
    r"|no longer available|страница не найдена|ошибка 404|сторінку не знайдено|бет табылмады",
    re.I,
)
_ANTIBOT_RE = re.compile(
    r"just a moment\.\.\.|attention required|access denied|verify you are (?:a )?human"
    r"|are you a robot|captcha|ddos-guard|enable javascript and cookies to continue",
    re.I,
)
_ERROR_STATUS = {
    "invalid_url": Status.INVALID,
    "private_address": Status.BLOCKED,
    "dns": Status.DEAD,
    "too_large": Status.UNREADABLE,
}


# Reading a page (extraction, figure matching) is CPU work. When a run has at least this
# many pages, pages that must really be read (not remembered in the read cache) go to one
# process per core, fed by the fetch threads, so that reading neither holds the GIL the
# fetches need nor leaves a core idle; below it, starting the processes costs more than
# it saves.
PROCESS_MIN_PAGES = 32


@dataclass
class _Page:
    """One distinct URL, fetched once and read once, shared by all citations of it.

    Only what the report needs is kept: the body and the page's text are dropped once
    the figures of every claim citing it are matched (``matches``, by claim)."""

    capture: Capture
    source: SourceInfo | None = None
    matches: dict[str, list[FigureResult]] | None = None
    terms: dict[str, list[TermResult]] | None = None  # the claims' key terms, by claim
    status: Status | None = None  # set when the page itself decides the verdict
    reason: str = ""


def verify(
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    changed_since: str | None = None,
) -> Report:
    """Verify every citation of every document (with `changed_since`, only those whose claim
    or URL differ from the documents at that git ref). Raises InputError for unreadable
    input, ChangesError when git cannot answer."""
    settings = settings.started()  # the run's deadline counts from here
    documents = [read_document(p) for p in paths]
    return verify_documents(documents, settings, fetcher=fetcher, progress=progress, now=now,
                            changed_since=changed_since)


def verify_documents(
    documents: Sequence[Document],
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    changed_since: str | None = None,
) -> Report:
    settings = settings.started()
    references = {id(d): d.references() for d in documents}
    selected = changes.selections(list(documents), changed_since) if changed_since else {}
    claims: dict[str, list[str]] = {}  # the claims citing each distinct URL
    skipped: dict[str, str] = {}  # URL → why it is not fetched (skip-hosts, exclude)

    def want(ref: Reference, urls: Sequence[str]) -> None:
        for url in urls:
            why = settings.excluded(url)
            if why:
                skipped[url] = why
            elif ref.claim not in claims.setdefault(url, []):
                claims[url].append(ref.claim)

    for doc in documents:
        selection = selected.get(id(doc))
        for index, ref in enumerate(references[id(doc)]):
            if ref.problem:
                continue
            if selection is None:
                want(ref, ref.urls)
                continue
            for url in ref.urls:
                change = selection.change(index, url)
                if change is not None:
                    want(ref, [url])
                    if change.previous is not None and change.previous_url is not None \
                            and not change.previous.problem:
                        want(change.previous, [change.previous_url])  # was it a problem?
    own_fetcher = fetcher is None
    archive = None
    run_warnings: list[str] = []  # about the run: the report's own warnings
    if settings.replay:
        fetcher = fetcher or ArchiveFetcher(WarcIndex.scan(settings.replay), settings.max_redirects,
                                            settings)
    elif settings.offline:
        ours = Archive(settings.archive_dir)
        fetcher = fetcher or ArchiveFetcher(ours.index(), settings.max_redirects, settings)
        run_warnings += ours.warnings
    else:
        fetcher = fetcher or _LazyFetcher(settings)
        archive = Archive(settings.archive_dir, settings.warc_max_bytes)
    try:
        pages = _fetch_all(claims, fetcher, settings, progress, archive, warnings=run_warnings)
    finally:
        if archive is not None:
            run_warnings += archive.warnings
        run_warnings += getattr(fetcher, "warnings", [])  # a damaged HTTP cache set aside
        if own_fetcher:
            fetcher.close()
        if archive is not None:
            try:
                archive.close()
            except ArchiveError as e:  # the report is written all the same
                run_warnings.append(f"the archive's index could not be sorted: {e}")
    run_warnings += stopped_warnings(pages.values(), settings)
    results = []
    for doc in documents:
        warnings = [DocumentWarning(w.line, w.message) for w in doc.warnings]
        try:
            uncited = citation_needed(doc)
        except Exception as e:  # a bug on one document: said, and the report is written
            uncited = []
            warnings.append(DocumentWarning(0, f"citation-needed sentences not listed: "
                                               f"citecheck failed ({_bug(e)})"))
        result = DocumentResult(path=doc.path, date=doc.date, warnings=warnings,
                                format=doc.format, uncited=uncited)
        selection = selected.get(id(doc))
        for index, ref in enumerate(references[id(doc)]):
            if selection is None:
                result.citations.extend(_judge_safely(ref, pages, skipped, doc.date))
                continue
            urls = tuple(u for u in ref.urls if selection.change(index, u))
            if ref.problem and selection.change(index, None):
                judged = _judge_safely(ref, pages, skipped, doc.date)
            elif urls and not ref.problem:
                judged = _judge_safely(replace(ref, urls=urls), pages, skipped, doc.date)
            else:
                continue
            result.citations.extend(_changed(judged, index, selection, pages, skipped, settings))
        if selection is not None:
            result.changed_since = selection.as_dict()
        results.append(result)
    return Report(documents=results, generated_at=now().isoformat(timespec="seconds"),
                  fail_on=settings.fail_on, warnings=run_warnings)


def stopped_warnings(pages: Any, settings: Settings) -> list[str]:
    """What the run's deadline, or an interruption (Ctrl-C, SIGTERM), left undone, as run
    warnings. `pages` are _Page or Reading objects, each with its capture, or pages a
    reader packed (`_read_packed`), which never are errors: an error is judged here, not in
    a reader."""
    kinds = Counter(page.capture.error_kind for page in pages if not isinstance(page, bytes))

    def left(why: str, cut: int) -> str:
        return (f"{why}: {cut} page{'s' if cut != 1 else ''} not fetched or cut off, their "
                "citations unreachable; what was fetched before is checked and archived")

    said = []
    if kinds["run_deadline"]:
        said.append(left(f"the run's {settings.run_deadline:g} s deadline (--run-deadline) "
                         "was reached", kinds["run_deadline"]))
    if interrupted_by():
        said.append(left(f"the run was interrupted ({interrupted_by()})", kinds["interrupted"]))
    return said


_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’)\]]*$")


def citation_needed(doc: Document) -> list[Uncited]:
    """Sentences that state figures (counts, percentages) and carry no citation.

    Years and dates alone are context, not figures; headings, addresses and signatures
    (no final punctuation) are not sentences.
    """
    needed = []
    for s in doc.uncited():
        if not _SENTENCE_END_RE.search(s.sentence):
            continue
        figures = [f.mention.text for f in claim_figures(s.sentence)
                   if f.mention.kind in ("count", "percent")]
        if figures:
            needed.append(Uncited(s.line, s.page, s.sentence, figures))
    return needed


def _fetch_all(
    claims: dict[str, list[str]], fetcher: Fetcher | ArchiveFetcher, settings: Settings,
    progress: Progress | None, archive: Archive | None = None,
    read: Callable[[Capture], Any] | None = None, warnings: list[str] | None = None,
) -> dict[str, Any]:
    """Fetch each URL once (per-host limits), archive fresh captures, and read each page:
    with `read` (rot keeps whole readings), otherwise through `_read`, in reader processes
    for large runs.

    Each host has `per_host` slots; a slot is a fetch thread that takes the host's URLs one
    after another and does nothing but fetch: archiving and reading are handed to other
    threads, so a slot never waits for a lock, a disk or a reader while its host could be
    answering, and no thread is ever blocked on a busy host while another host waits. At
    most `concurrency` slots run at once (by default every slot, up to MAX_CONCURRENCY).
    With `settings.executor`, what is not still fresh runs on a Dask cluster (cluster.py),
    and what its workers repaired is added to `warnings`."""
    urls = list(claims)
    pages: dict[str, Any] = {}
    if not urls:
        return pages
    live = _live(fetcher)  # not --offline, not --replay
    sources = ReadCache(settings.cache_dir / "read", reuse=not settings.refresh)
    fresh = FreshPages(settings.cache_dir / "read", settings.cache_ttl, sources,
                       settings.answer_options()) \
        if live and read is None and not settings.refresh else None
    if fresh is not None:  # pages still fresh: neither an HTTP-cache read nor a reading
        for url, page in fresh.pages(claims).items():
            pages[url] = page
            if progress:
                progress(len(pages), len(urls), url)
    if settings.executor and live:
        from .cluster import fetch_all

        rest = {url: wanted for url, wanted in claims.items() if url not in pages}
        pages.update(fetch_all(rest, settings, progress, read, warnings) if rest else {})
        if fresh is not None:
            fresh.save(pages)
        return pages
    by_host = _by_host([url for url in urls if url not in pages])
    if by_host and isinstance(fetcher, _LazyFetcher):
        fetcher.open()  # here: a cache that cannot be opened ends the run with its error
    slots = _slots(by_host, settings.per_host)
    guard = threading.Lock()
    stop = threading.Event()  # a failure: slots take no more URLs
    finished: queue.SimpleQueue[tuple[Future, str, Capture | None]] = queue.SimpleQueue()
    # Fetched pages waiting to be archived and read: bounded, so that a run whose readers
    # fall behind holds a few hundred bodies, not every one. A slot waits for room asleep
    # (woken by a page done, or by the run's end: `finally` below), not polling: 256 slots
    # polling ten times a second each, while the readers were behind, cost a 10,000-page run
    # tens of seconds of the fetching process's CPU and GIL.
    waiting = threading.Semaphore(max(512, 4 * len(slots)))
    started: list[ProcessPoolExecutor | None] = []
    archiving = [0]  # pages read by a reader whose records wait for the archive's thread

    def track(future: Future, url: str, capture: Capture | None) -> None:
        future.add_done_callback(lambda f: finished.put((f, url, capture)))

    def settled(future: Future, url: str, capture: Capture) -> None:
        """A settle thread's outcome for the loop below; none when the page's outcome comes
        later (`_LATER`: a reader or the archive's thread hands it on), so that the loop's
        thread is not woken a second time a page for nothing."""
        if future.cancelled() or future.exception() is not None or future.result() is not _LATER:
            finished.put((future, url, capture))

    def slot(host: str) -> None:
        pending = by_host[host]
        while not stop.is_set():
            with guard:
                if not pending:
                    return
                url = pending.popleft()
            try:
                capture = fetcher.fetch(url)
            except Exception as e:  # a bug on one URL: that citation's status, not the run's end
                capture = Capture(url=url, error_kind="internal",
                                  error=f"citecheck failed while fetching this URL ({_bug(e)})")
            waiting.acquire()
            if stop.is_set():
                return
            after.submit(settle, url, capture).add_done_callback(
                lambda f, url=url, capture=capture: settled(f, url, capture))

    def settle(url: str, capture: Capture) -> Any:
        """Archive a fetched page and read it. A page for a reader process goes there with
        its records' plan (`Archive.plan`): the reader builds the records and reads the page,
        and `recorded` hands the records to the archive's thread. Otherwise the records are
        built here (store_soon) and reading starts once they are fsynced (`archived`). Either
        way the records are written with the others' of the next moment (two fsyncs for
        them all, not two a page), and the page counts, through `finished`, only once they
        are fsynced."""
        if archive is None or capture.archived is not None:
            return reading(url, capture)
        pool = readers(capture, claims[url]) if read is None else None
        if pool is not None:
            try:
                plan = archive.plan(capture)
            except Exception as e:  # the index cannot be read: checked all the same
                capture.archive_error = _archive_failure(e)
                return reading(url, capture, pool)
            if not isinstance(plan, RecordPlan):  # already archived (from the HTTP cache)
                capture.archived = plan
                return reading(url, capture, pool)
            try:
                future = pool.submit(_record_and_read, capture, claims[url], sources, plan)
            except BrokenExecutor:  # a reader died (out of memory?): archived and read here
                pass
            else:
                future.add_done_callback(lambda f: recorded(url, capture, f))
                return _LATER
        stored = archive.store_soon(capture)  # built now, before reading drops the body
        capture.exchanges = []  # the hops' records are built; readers need only the last body
        stored.add_done_callback(lambda f: archived(url, capture, f))
        return _LATER

    def recorded(url: str, capture: Capture, read_by: Future[_Recorded]) -> None:
        """In the reader pool's thread, once a reader has built a page's records and read
        it: the records go to the archive's thread, and the page counts once they are
        fsynced (or failed). A reader that died leaves the page to `_fetch_all`'s loop."""
        try:
            done = read_by.result()
        except BaseException:
            finished.put((read_by, url, capture))
            return
        # The reader's records, or, if building them failed there (a bug), built here.
        # They come at the readers' pace, their page already read: written with the others
        # of the next READ_COMMIT_WAIT seconds (fewer, larger commits), or at once when no
        # other page is still to come (`flushed`).
        with guard:
            archiving[0] += 1
        stored = archive.commit_soon(done.records, READ_COMMIT_WAIT) \
            if done.records is not None else archive.store_soon(capture)
        capture.content, capture.exchanges = b"", []  # the reader's copy is the page now
        flushed()
        outcome: Future[bytes] = Future()

        def written(stored: Future) -> None:
            """The packed page, with where it was archived (or why not) after it (`_unpacked`
            reads both): a few hundred bytes more, not the ArchiveInfo's objects, and no
            unpacking here."""
            archived, error = None, None
            try:
                archived = stored.result()
            except Exception as e:  # a full disk: checked all the same, said not archived
                error = _archive_failure(e)
            with guard:
                archiving[0] -= 1
            where = archived and (archived.warc, archived.offset, archived.record_id,
                                  archived.digest, archived.date)
            outcome.set_result(done.page + pickle.dumps((where, error), pickle.HIGHEST_PROTOCOL))

        stored.add_done_callback(written)
        track(outcome, url, capture)

    def flushed() -> None:
        """Have the archive write at once when every page left is waiting for it."""
        if archive is not None and archiving[0] and len(pages) + archiving[0] >= len(urls):
            archive.flush()

    def archived(url: str, capture: Capture, stored: Future) -> None:
        """In the archive's thread, once the capture's records are fsynced (or failed):
        hand the page on to be read. What fails here is this page's outcome."""
        try:
            capture.archived = stored.result()
        except Exception as e:  # a full disk: checked all the same, said not archived
            capture.archive_error = _archive_failure(e)
        try:
            track(after.submit(reading, url, capture), url, capture)
        except RuntimeError:  # the run is over: it failed, and nobody waits for this page
            pass

    def reading(url: str, capture: Capture, pool: Any = _UNSET
                ) -> _Page | tuple[Future[_Page], Capture]:
        """Read a page (or hand it to a reader: `pool`, when settle has asked for it). What
        fails here is this page's outcome: the citation's status and reason, never the end
        of the run."""
        try:
            if read is not None:
                return read(capture)
            if pool is _UNSET:
                pool = readers(capture, claims[url])
            if pool is None:
                return _read(capture, claims[url], sources)
            try:
                return pool.submit(_read_packed, capture, claims[url], sources), capture
            except BrokenExecutor:  # a reader died (out of memory?): read it here
                return _read(capture, claims[url], sources)
        except Exception as e:
            return failed(capture, e)

    def failed(capture: Capture, e: BaseException) -> Any:
        if read is not None:
            capture.content = b""
            return Reading(capture, Status.UNREADABLE, _reading_failure(e))
        return _unreadable(capture, e)

    def readers(capture: Capture, wanted: list[str]) -> ProcessPoolExecutor | None:
        """The reader processes, started when the first page that must really be read
        (not an error, not remembered) arrives; None to read here."""
        if len(urls) < PROCESS_MIN_PAGES or capture.error_kind or not capture.content:
            return None
        if sources.remembers(capture, wanted):
            return None
        with guard:
            if not started:
                started.append(_readers())
            return started[0]

    threads = _concurrency(settings, len(slots))
    fetching = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="citecheck-fetch")
    after = ThreadPoolExecutor(max_workers=SETTLING_THREADS,
                               thread_name_prefix="citecheck-settle")
    try:
        for host in slots:
            future = fetching.submit(slot, host)
            future.add_done_callback(
                lambda f: not f.cancelled() and f.exception() is not None
                and finished.put((f, "", None)))
        while len(pages) < len(urls):
            future, url, capture = finished.get()
            try:
                result = future.result()
            except BrokenExecutor:  # a reader died (out of memory?): read it here
                try:
                    if archive is not None and capture is not None and \
                            capture.archived is None and capture.archive_error is None:
                        try:  # the reader had the records to build: built here
                            capture.archived = archive.store(capture)
                        except Exception as e:
                            capture.archive_error = _archive_failure(e)
                    result = _read(capture, claims[url], sources)  # type: ignore[arg-type]
                except Exception as e:
                    result = failed(capture, e)  # type: ignore[arg-type]
            except Exception as e:
                if capture is None:  # a fetch slot itself failed: a bug of the run
                    raise
                result = failed(capture, e)
            if result is _LATER:  # being archived: its reading comes later
                continue
            if isinstance(result, tuple):  # fetched, being read
                track(result[0], url, result[1])
                continue
            waiting.release()
            pages[url] = result
            flushed()
            if progress:
                progress(len(pages), len(urls), url)
    finally:
        stop.set()
        for _ in range(threads):  # a slot waiting for room wakes, sees the end, and returns
            waiting.release()
        fetching.shutdown(wait=True, cancel_futures=True)
        after.shutdown(wait=True, cancel_futures=True)
        if started and started[0] is not None:
            started[0].shutdown(cancel_futures=True)
            _stop_fork_server()
    if fresh is not None:
        fresh.save(pages)
    return pages


_LATER = object()  # _fetch_all's settle: the page's outcome comes later, once it is archived
_UNSET = object()


def _archive_failure(e: BaseException) -> str:
    """Why a page is not archived: the archive's error (a full disk), or a bug's."""
    if isinstance(e, ArchiveError):
        return str(e)
    return f"citecheck failed while archiving this page ({_bug(e)})"


def _reading_failure(e: BaseException) -> str:
    return f"citecheck failed while reading this page ({_bug(e)})"


def _unreadable(capture: Capture, e: BaseException) -> _Page:
    """The page of a capture whose reading failed (a bug): said, and not the run's end."""
    capture.content = b""
    return _Page(capture, status=Status.UNREADABLE, reason=_reading_failure(e))


def _live(fetcher: Any) -> bool:
    """Whether `fetcher` fetches from the network (a Fetcher, or one opened when needed), not
    from an archive. A Fetcher exists only once fetch.py is imported."""
    fetch = sys.modules.get(f"{__package__}.fetch")
    return isinstance(fetcher, _LazyFetcher) or (fetch is not None
                                                 and isinstance(fetcher, fetch.Fetcher))


class _LazyFetcher:
    """A Fetcher opened on the first fetch: a run whose pages are all still fresh
    (fresh.py) neither opens the HTTP cache nor imports requests-cache."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._fetcher: Fetcher | None = None
        self._lock = threading.Lock()

    def open(self) -> Fetcher:
        from .fetch import Fetcher

        with self._lock:
            if self._fetcher is None:
                self._fetcher = Fetcher(self.settings)
            return self._fetcher

    def fetch(self, url: str) -> Capture:
        return self.open().fetch(url)

    @property
    def warnings(self) -> list[str]:
        return self._fetcher.warnings if self._fetcher is not None else []

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


# Fetch threads run at once by default: every host's slots (hosts × per-host), up to this.
MAX_CONCURRENCY = 256
# Threads that archive fetched pages and read them or hand them to reader processes.
SETTLING_THREADS = 4
# Seconds a reader's records may wait to be written with others (Archive.commit_soon).
READ_COMMIT_WAIT = 0.25


def _concurrency(settings: Settings, slots: int) -> int:
    """Fetch threads: --concurrency when given, else one per slot (up to MAX_CONCURRENCY)."""
    wanted = settings.concurrency or MAX_CONCURRENCY
    return max(1, min(wanted, slots))


def _bug(e: BaseException) -> str:
    """An unexpected error, in one printable line: `TypeError: …`."""
    text = " ".join(str(e).split())[:160]
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _host_key(url: str) -> str:
    """host[:port] without user info: different ports are different servers."""
    try:
        return urlsplit(url).netloc.rpartition("@")[2].lower()
    except ValueError:  # http://[oops/x: fetching says it is malformed
        return url


def _by_host(urls: list[str]) -> dict[str, deque[str]]:
    """The URLs of each host, in the letter's order."""
    by_host: dict[str, deque[str]] = {}
    for url in urls:
        by_host.setdefault(_host_key(url), deque()).append(url)
    return by_host


def _slots(by_host: dict[str, deque[str]], per_host: int) -> list[str]:
    """The host of each fetch slot, in the order they start: the first slot of every host,
    then the second of every host, and so on, so that with fewer threads than slots every
    site still gets one (a site cited twenty times running does not hold every thread)."""
    return [host for k in range(max(1, per_host)) for host, pending in by_host.items()
            if k < len(pending)]


def _readers() -> ProcessPoolExecutor | None:
    """One reader process per core, or None on a single core (read in threads then).

    Readers are forked from a fork server that has imported the parsers and loaded the
    language model once (``citecheck._reader``), while this process starts fetching: they
    share those pages of memory and do not load them each. Where there is no fork server
    (Windows), each reader starts afresh."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (cores or 1) < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["citecheck._reader"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=min(cores or 2, 8), mp_context=context,
                               initializer=_reader_started, initargs=(os.getpid(),))


def _reader_started(run: int) -> None:
    """First, in each reader process. A Ctrl-C reaches the readers too (the terminal
    signals the whole process group): they ignore it, finish their pages, and the run
    decides what an interruption means. A reader exits when the run's process `run` is gone
    (killed: SIGKILL, out of memory), instead of waiting for pages for ever, and with it
    the fork server and the resource tracker, which it holds open."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.name == "posix":
        threading.Thread(target=_exit_with, args=(run,), name="citecheck-run-watch",
                         daemon=True).start()


def _exit_with(run: int) -> None:
    try:
        process = os.pidfd_open(run)  # Linux 5.3+: readable once the process has ended
    except (AttributeError, OSError):
        process = None
    if process is not None:
        select.select([process], [], [])
    else:
        while True:
            time.sleep(1)
            try:
                os.kill(run, 0)
            except (ProcessLookupError, PermissionError):  # gone (or its number reused)
                break
    os._exit(1)


def _stop_fork_server() -> None:
    """Stop the fork server the readers came from, once they are done: alone, it holds the
    whole reading stack (about 200 MB) until the process exits, while the report is being
    built. A later run that needs readers starts it again."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:  # CPython's own (private) way of stopping it
        try:
            stop()
        except OSError:
            pass


def _read_packed(capture: Capture, claims: Sequence[str], sources: ReadCache | None) -> bytes:
    """_read in a reader process, the page sent back packed (pickled and compressed), and
    kept so until its citations are judged (`_unpacked`): about 1.4 KB a page in the
    fetching process instead of the 7.5 KB of its objects (75 MB at 10,000 pages)."""
    return _pack(_read(capture, claims, sources))


@dataclass
class _Recorded:
    """What `_record_and_read` sends back: the capture's WARC records (None: building them
    failed, a bug; the fetching process builds them then) and the page, packed."""

    records: Any  # archive._Pending
    page: bytes


def _record_and_read(capture: Capture, claims: Sequence[str], sources: ReadCache | None,
                     plan: RecordPlan) -> _Recorded:
    """In a reader process: build the capture's WARC records as `plan` says (the fetching
    process writes them: `Archive.commit_soon`), then read the page (`_read_packed`). The
    records' CPU (headers, digests, gzip, MACs) is then not spent under the GIL the fetch
    threads share. A failure while reading is the page's outcome, as in the fetching
    process."""
    try:
        records = build_records(capture, plan)
    except Exception:  # a bug: the fetching process builds them, and says what fails
        records = None
    capture.exchanges = []  # the hops' bodies are not sent back
    try:
        page = _read_packed(capture, claims, sources)
    except Exception as e:
        page = _pack(_unreadable(capture, e))
    return _Recorded(records, page)


def _pack(page: _Page) -> bytes:
    return zlib.compress(pickle.dumps(page, pickle.HIGHEST_PROTOCOL), 1)


def _unpacked(page: _Page | bytes) -> _Page:
    """A page as _fetch_all gave it: whole, or packed by a reader (`_read_packed`), maybe
    followed by where its records were archived, or why they were not (`recorded`)."""
    if not isinstance(page, bytes):
        return page
    stream = zlib.decompressobj()
    whole = pickle.loads(stream.decompress(page))
    if stream.unused_data:  # our own pickle, appended in this process
        archived, whole.capture.archive_error = pickle.loads(stream.unused_data)
        whole.capture.archived = ArchiveInfo(*archived) if archived else None
    return whole


def _read(capture: Capture, claims: Sequence[str] = (), sources: ReadCache | None = None) -> _Page:
    """Decide what the answer means for the page, read its text when there is one, and
    match the figures of the claims citing it. The body is not kept."""
    page = _examine(capture, claims, sources)
    capture.content = b""
    return page


def _examine(capture: Capture, claims: Sequence[str], sources: ReadCache | None) -> _Page:
    page = _Page(capture)
    problem = _answer_problem(capture)
    if problem:
        page.status, page.reason = problem
        return page
    sources = sources or ReadCache(None)
    key = sources.key(capture)
    try:
        return _examined(page, capture, claims, sources, key)
    finally:
        sources.save(key)  # what reading it gave, in one file


def _examined(page: _Page, capture: Capture, claims: Sequence[str], sources: ReadCache,
              key: str) -> _Page:
    try:
        source = sources.source(key, capture)
    except Unreadable as e:
        page.status, page.reason = Status.UNREADABLE, str(e)
        return page
    page.source = SourceInfo(source.title, source.language, source.published, source.kind,
                             len(source.text), source.site_name)
    problem = _source_problem(source)
    if problem:
        page.status, page.reason = problem
        return page
    index: list[SourceIndex] = []  # built once, when some claim is not remembered

    def match(claim: str) -> list[FigureResult]:
        if not index:
            index.append(SourceIndex(source.text, source.language))
        return [match_figure(f.mention, claim, index[0]) for f in claim_figures(claim)
                if f.checked]

    page.matches = {c: sources.figures(key, c, lambda c=c: match(c)) for c in claims}
    text: list[PageText] = []  # tokenised once, when some claim is not remembered

    def find_terms(claim: str) -> list[TermResult]:
        if not text:  # the figures' index may have tokenised it already, for their names
            text.append(index[0].page_text() if index else PageText(source.text,
                                                                    source.language))
        return match_terms(key_terms(claim), text[0])

    page.terms = {c: sources.terms(key, c, lambda c=c: find_terms(c)) for c in claims}
    return page


@dataclass
class Reading:
    """A page read whole, its text and index kept: for `citecheck rot`, which compares
    today's page with archived copies of it."""

    capture: Capture
    status: Status | None = None  # set when the answer or the page decides the verdict
    reason: str = ""
    source: Source | None = None
    index: SourceIndex | None = None


def read_page(capture: Capture) -> Reading:
    reading = Reading(capture)
    problem = _answer_problem(capture)
    if problem:
        reading.status, reading.reason = problem
        return reading
    try:
        reading.source = extract(capture)
    except Unreadable as e:
        reading.status, reading.reason = Status.UNREADABLE, str(e)
        return reading
    problem = _source_problem(reading.source)
    if problem:
        reading.status, reading.reason = problem
    else:
        reading.index = SourceIndex(reading.source.text, reading.source.language)
    return reading


def _answer_problem(capture: Capture) -> tuple[Status, str] | None:
    """The verdict the answer itself settles (an error, an HTTP status, a soft 404), if any."""
    if capture.error_kind:
        return (_ERROR_STATUS.get(capture.error_kind, Status.UNREACHABLE),
                capture.error or capture.error_kind)
    code = capture.status or 0
    if capture.accepted is False:
        return Status.UNREACHABLE, f"HTTP {code}: not an accepted status (accept)"
    if capture.accepted:  # lychee's `accept`: this status's page is read whatever it is
        if _redirected_home(capture):
            return Status.DEAD, f"soft 404: redirected to the site's home page {capture.final_url}"
        return None
    if code in (404, 410):
        return Status.DEAD, f"HTTP {code}: the page is gone"
    if code == 429:
        return Status.BLOCKED, f"HTTP 429: rate-limited after {capture.attempts} attempts"
    if code in (401, 403, 407, 451):
        return Status.BLOCKED, f"HTTP {code}: access refused"
    if code >= 500:
        return Status.UNREACHABLE, f"HTTP {code}: server error after {capture.attempts} attempts"
    if code >= 400:
        return Status.DEAD, f"HTTP {code}"
    if not 200 <= code < 300:
        return Status.UNREACHABLE, f"HTTP {code}: no page in the answer"
    if _redirected_home(capture):
        return Status.DEAD, f"soft 404: redirected to the site's home page {capture.final_url}"
    return None


def _source_problem(source: Source) -> tuple[Status, str] | None:
    """An anti-bot page or a "not found" page served with 200, if that is what was read."""
    head = f"{source.title or ''}\n{source.text[:300]}"
    if _ANTIBOT_RE.search(head) and len(source.text) < 3000:
        return Status.BLOCKED, "an anti-bot or consent page answered"
    if _SOFT_404_RE.search(source.title or "") or (
        len(source.text) < 1500 and _SOFT_404_RE.search(head)
    ):
        return Status.DEAD, f"soft 404: the page says it was not found ({_one_line(head)[:80]})"
    return None


def _redirected_home(capture: Capture) -> bool:
    if not capture.redirects or not capture.final_url:
        return False
    asked, got = urlsplit(capture.url), urlsplit(capture.final_url)
    asked_deep = asked.path.strip("/") != "" or bool(asked.query)
    return asked_deep and got.path.strip("/") in ("", "index.html", "index.php") and not got.query


def _changed(judged: list[CitationResult], index: int, selection: changes.Selection,
             pages: dict[str, _Page], skipped: dict[str, str],
             settings: Settings) -> list[CitationResult]:
    """The citations of a reference that changed since the ref, each saying how: new,
    changed, or fixed (its note at the ref had a problem, it has none now)."""
    for result in judged:
        change = selection.change(index, result.url)
        assert change is not None
        result.change = {"kind": change.kind}
        if change.previous is not None:
            was = next((c for c in _judge(change.previous, pages, skipped)
                        if c.url == change.previous_url), None)
            if was is not None:
                result.change["was"] = {"claim": was.claim, "url": was.url,
                                        "status": was.status.value, "reason": was.reason}
                if was.status in settings.fail_on and result.status not in settings.fail_on:
                    result.change["kind"] = "fixed"
    return judged


def _judge_safely(ref: Reference, pages: dict[str, _Page], skipped: dict[str, str],
                  document_date: str | None = None) -> list[CitationResult]:
    """_judge, with a failure (a bug) on one citation as its status, not the run's end."""
    try:
        return _judge(ref, pages, skipped, document_date)
    except Exception as e:
        return [_citation(ref, ref.urls[0] if ref.urls else None, Status.UNREADABLE,
                          f"citecheck failed while checking this citation ({_bug(e)})")]


def _judge(ref: Reference, pages: dict[str, _Page], skipped: dict[str, str],
           document_date: str | None = None) -> list[CitationResult]:
    if ref.problem:
        return [_citation(ref, None, Status.INVALID, ref.problem)]
    return [_skipped(ref, url, skipped[url]) if url in skipped
            else _judge_url(ref, url, _unpacked(pages[url]), document_date)
            for url in ref.urls]



def _skipped(ref: Reference, url: str, why: str) -> CitationResult:
    result = _citation(ref, url, Status.SKIPPED, why)
    result.figures = [_unchecked(f.mention) for f in claim_figures(ref.claim) if f.checked]
    result.terms = _unchecked_terms(ref.claim)
    return result


def _unchecked_terms(claim: str) -> list[TermResult]:
    return [TermResult(t.text, t.kind, "unchecked") for t in key_terms(claim)]


def _judge_url(ref: Reference, url: str, page: _Page,
               document_date: str | None = None) -> CitationResult:
    result = _citation(ref, url, Status.UNREACHABLE, "")
    c = page.capture
    result.fetch = FetchResult(
        http_status=c.status,
        final_url=c.final_url,
        error=c.error,
        redirects=[u for _, u in c.redirects],
        content_type=c.content_type or None,
        from_cache=c.from_cache,
        fetched_at=c.fetched_at,
        attempts=c.attempts,
        origin=c.origin,
        remapped=c.url if c.url != url else None,
    )
    result.archive = flat(c.archived) if c.archived else None
    result.source = _own(page.source) if page.source else None
    if result.source is not None:
        result.source.after_document = published_after(result.source.published, document_date)
    result.cited_as = compare_cited(ref.cited, result.source if page.status is None else None)
    if page.status is not None or page.matches is None:
        result.status, result.reason = page.status or Status.UNREACHABLE, page.reason
        result.figures = [_unchecked(f.mention) for f in claim_figures(ref.claim) if f.checked]
        result.terms = _unchecked_terms(ref.claim)
        if c.archive_error:
            result.reason += f" (not archived: {c.archive_error})"
        return result
    checked = [_own(f) for f in page.matches[ref.claim]]  # each citation owns its own
    result.figures = checked
    result.terms = [_own(t) for t in (page.terms or {}).get(ref.claim, [])]
    result.status, result.reason = _verdict(checked, result.terms)
    if c.origin in ("committed_archive", "other_archive"):  # replay evidence, never a fetch
        result.reason += f" ({ORIGINS[c.origin]}: {c.archived.warc if c.archived else ''})"
    if c.archive_error:
        result.reason += f" (not archived: {c.archive_error})"
    if result.cited_as is not None and result.cited_as.title_match is False:
        result.problems.append("title_mismatch")
        result.reason += (f"; the footnote's title “{result.cited_as.title}” is not the page's"
                          f" (“{_one_line(result.source.title or '')}”)" if result.source else "")
    if result.source is not None and result.source.after_document:
        result.problems.append("after_document")
        result.reason += (f"; the page is dated {result.source.published}, after the document"
                          f" ({document_date})")
    return result


def _own(item: _T) -> _T:
    """A citation's own copy of a page's result (a report dataclass), as copy.copy makes
    it, in a tenth of its time: some eight of them a citation."""
    own = object.__new__(type(item))
    own.__dict__.update(item.__dict__)
    return own


def _verdict(figures: list[FigureResult],
             terms: Sequence[TermResult] = ()) -> tuple[Status, str]:
    """The citation's status from its figures' and key terms' outcomes, and a reason that
    says what was seen: what was found, what is on the page but counts something else, what
    is not. `verified` needs every figure and every checkable term; a missing term makes it
    `partial`; a claim with figures none of which is found is `not_found`. Terms citecheck
    could not check count for nothing; `no_figures` is left for a claim with nothing
    checkable at all."""
    checked_terms = [t for t in terms if t.outcome != "unchecked"]
    if not figures and not checked_terms:
        unchecked = [t for t in terms if t.outcome == "unchecked"]
        if unchecked:
            return Status.NO_FIGURES, ("the page is there; nothing in the claim could be "
                                       f"checked against it ({_list(unchecked)}: unchecked)")
        return Status.NO_FIGURES, "the page is there; the claim states no figure to check"
    found = [f for f in figures if f.found]
    found_terms = [t for t in checked_terms if t.outcome == "found"]
    consistent = [f.text for f in found if f.outcome == "consistent"]
    note = f" ({', '.join(consistent)}: consistent, not stated as such)" if consistent else ""
    seen = [f.message or f"“{f.text}” is on the page, but counts something else"
            for f in figures if f.outcome in ("other_referent", "unchecked") and f.source_text]
    seen += [f.message for f in figures if f.outcome == "not_found" and f.source_text
             and f.message]  # a date the page gives otherwise
    missing = [f for f in figures if not f.found and not f.source_text]
    missing_terms = [t for t in checked_terms if t.outcome != "found"]
    everything = len(found) == len(figures) and not missing_terms
    parts = []
    if found:
        parts.append(f"found {_list(found)}"
                     + (" in the page" if len(found) == len(figures) else "") + note)
    parts += seen
    if missing:
        parts.append(f"not found in the page: {_list(missing)}" if not found and not seen
                     else f"not found: {_list(missing)}")
    if checked_terms:
        parts.append(_terms_seen(found_terms, missing_terms))
    reason = "; ".join(parts)
    if everything:
        return Status.VERIFIED, reason
    # Words of the claim on the page do not make up for its figures: a claim whose every
    # figure is missing is not found, whatever else the page shares with it.
    some = bool(found) if figures else bool(found_terms)
    return (Status.PARTIAL if some else Status.NOT_FOUND), reason


def _terms_seen(found: list[TermResult], missing: list[TermResult]) -> str:
    """“all 4 key terms found”, “2 of 5 key terms found; not found: “a”, “b”"."""
    total = len(found) + len(missing)
    if not missing:
        return (f"the key term “{found[0].text}” found" if total == 1
                else f"all {total} key terms found")
    if not found:
        return (f"key term not found: {_list(missing)}" if total == 1
                else f"none of {total} key terms found: {_list(missing)}")
    return f"{len(found)} of {total} key terms found; not found: {_list(missing)}"


def _list(items: Sequence[FigureResult | TermResult]) -> str:
    return ", ".join(f"“{f.text}”" for f in items)


def _unchecked(m: Mention) -> FigureResult:
    return FigureResult(m.text, number(m.value), m.kind, m.qualifier, False, "unchecked")


def _citation(ref: Reference, url: str | None, status: Status, reason: str) -> CitationResult:
    return CitationResult(
        id=ref.label, url=url, claim=ref.claim, sentence=ref.sentence,
        line=ref.line, column=ref.column, status=status, reason=reason,
        kind=ref.kind, page=ref.page,
    )


def _one_line(s: str) -> str:
    return " ".join(s.split())
