"""The archive: every capture kept as standard WARC records, with a CDXJ index beside them.

Layout, under ``<cache-dir>/warc/``::

    citecheck-<UTC time>-<pid>.warc.gz   gzip WARC files, one gzip member per record,
                                         append-only, a new file once one passes the size cap
    index.cdxj                           one line per response record, sorted (SURT key, time):
                                         ``<surt> <yyyymmddhhmmss> {"url", "mime", "status",
                                         "digest", "length", "offset", "filename"}``
    .lock                                taken (fcntl) around every append and index update

Each hop of a capture (redirects included) is a ``response`` record (decoded body, status line,
headers) followed by its ``request`` record, both dated when the capture was made and carrying
sha256 payload digests. A hop whose body is the same as an archived copy of the same URL is a
``revisit`` record instead (profile identical-payload-digest: status line and headers, no body,
``WARC-Refers-To`` the record that has it), so weekly checks of unchanged pages add a few
hundred bytes, not a copy. Nothing written is ever rewritten or deleted, except ``index.cdxj``,
which is derived from the WARC files and replaced atomically.

:class:`WarcIndex` reads any WARC (ours, Webrecorder's, ArchiveBox's, ``wget --warc-file``)
and answers "the latest copy of this URL" as a :class:`~citecheck.capture.Capture`, following
archived redirects. Errors from warcio, zlib and the file system are translated here into
:class:`ArchiveError`.
"""

from __future__ import annotations

import base64
import bisect
import fcntl
import functools
import hashlib
import io
import json
import os
import re
import threading
import time
import zlib
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from .settings import Settings

from . import __version__, _trust
from ._files import write_atomically
from .capture import Capture, Exchange, judge_accept
from .report import ArchiveInfo

INDEX_NAME = "index.cdxj"
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
# store_soon(): a capture waits at most this many seconds to be committed with others, or
# until this many are waiting.
COMMIT_WAIT = 0.05
COMMIT_BATCH = 256
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DECODED = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class ArchiveError(Exception):
    """The archive cannot be read or written (a broken WARC, a full disk, no permission)."""


@functools.lru_cache(maxsize=65536)
def surt(url: str) -> str:
    """The Sort-friendly URI Reordering Transform key of a URL, as pywb and Wayback make it
    (the `surt` library, theirs): ``https://www.Example.com:8080/a/?b=1&a=2#x`` →
    ``com,example:8080)/a?a=2&b=1``. The same page has the same key however its URL is
    written: a Unicode path or its percent-encoding, an IDN host or its punycode."""
    from surt import surt as library_surt

    url = url.strip().strip("<>")
    try:
        return library_surt(url)
    except (ValueError, UnicodeError, TypeError, AttributeError, IndexError):
        return _legacy_surt(url)  # a URL the library cannot parse still gets a key


def _legacy_surt(url: str) -> str:
    """The key citecheck wrote before it used the library (index lines keep their URL, so
    they are re-keyed when read: see :meth:`IndexEntry.from_cdxj`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    key = ",".join(reversed(host.split(".")))
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        key += f":{port}"
    path = parts.path or "/"
    query = "&".join(sorted(q for q in parts.query.split("&") if q))
    return (f"{key}){path}" + (f"?{query}" if query else "")).lower()


def sha256_digest(data: bytes) -> str:
    """A payload digest as WARC files write it: ``sha256:<base32>``."""
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


@dataclass(frozen=True)
class IndexEntry:
    """One line of a CDXJ index: where the response record of `url` at `timestamp` lies."""

    key: str
    timestamp: str  # yyyymmddhhmmss, UTC
    url: str
    mime: str
    status: int
    digest: str
    length: int
    offset: int
    path: Path  # the WARC file, as the user or the cache folder gave it
    record_id: str = ""  # WARC-Record-ID, when the index says it (ours does)
    mac: str = ""  # WARC-Citecheck-MAC: citecheck wrote this record, with its key (_trust)

    @property
    def ours(self) -> bool:
        """Whether citecheck wrote this record, here (its MAC verifies under our key)."""
        return _trust.verify(self.mac, *_mac_parts(self.url, self.timestamp, self.status,
                                                   self.digest, self.record_id))

    def to_cdxj(self, folder: Path | None = None) -> str:
        """The index line; the file named relative to the index's `folder` (a worker's
        file in a subfolder of it, see cluster.py), else by its name."""
        name = self.path.name
        if folder is not None and self.path.parent != folder and self.path.is_relative_to(folder):
            name = self.path.relative_to(folder).as_posix()
        fields = {"url": self.url, "mime": self.mime or "-", "status": str(self.status),
                  "digest": self.digest, "length": str(self.length), "offset": str(self.offset),
                  "filename": name}
        if self.record_id:
            fields["record_id"] = self.record_id
        if self.mac:
            fields["mac"] = self.mac
        return f"{self.key} {self.timestamp} {json.dumps(fields, ensure_ascii=False)}"

    @classmethod
    def from_cdxj(cls, line: str, folder: Path) -> IndexEntry:
        """An index line, keyed again from its URL: a line written by an older citecheck
        (its own SURT, which lost non-ASCII URLs) is found under today's key."""
        _, timestamp, fields = line.split(" ", 2)
        data = json.loads(fields)
        return cls(surt(data["url"]), timestamp, data["url"], data.get("mime", "-"),
                   int(data["status"]),
                   data.get("digest", ""), int(data["length"]), int(data["offset"]),
                   folder / data["filename"], data.get("record_id", ""), data.get("mac", ""))


def _order(entry: IndexEntry) -> tuple[str, str]:
    return entry.key, entry.timestamp


class WarcIndex:
    """Response records of one or more WARC files, looked up by URL and time."""

    def __init__(self, entries: Iterable[IndexEntry]):
        self.entries = sorted(entries, key=_order)  # stable: ties keep
        self._by_key: dict[str, list[IndexEntry]] = {}  # file order, the newest last
        for entry in self.entries:
            self._by_key.setdefault(entry.key, []).append(entry)

    def add(self, entries: Iterable[IndexEntry]) -> None:
        """Add entries in place, where sorting them all again would put them."""
        for entry in entries:
            bisect.insort_right(self.entries, entry, key=_order)
            same = self._by_key.setdefault(entry.key, [])
            bisect.insort_right(same, entry, key=_order)

    @classmethod
    def scan(cls, paths: Sequence[Path], start: dict[Path, int] | None = None,
             tolerant: bool = False) -> WarcIndex:
        """Index WARC files made by any tool, by reading them through (from the offset
        `start` gives a file, a record's first byte, if it gives one). `tolerant`: a file
        that breaks off (a record cut short) gives the records before the break."""
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        entries: list[IndexEntry] = []
        for path in paths:
            whole = len(entries)  # entries before this file's: all complete
            try:
                with open(path, "rb") as f:
                    _sniff(f, path)
                    f.seek((start or {}).get(path, 0))
                    it = ArchiveIterator(f)
                    for record in it:
                        if record.rec_type not in ("response", "revisit") or not record.http_headers:
                            continue
                        h = record.rec_headers
                        url = (h.get_header("WARC-Target-URI") or "").strip().strip("<>")
                        status = record.http_headers.get_statuscode() or ""
                        if not url or not status.isdigit():
                            continue
                        mime = ("warc/revisit" if record.rec_type == "revisit" else
                                _mime(record.http_headers.get_header("Content-Type")))
                        entries.append(IndexEntry(
                            surt(url), _timestamp(h.get_header("WARC-Date") or ""), url,
                            mime, int(status),
                            h.get_header("WARC-Payload-Digest") or "", 0, 0, path,
                            h.get_header("WARC-Record-ID") or "",
                            h.get_header(_trust.MAC_HEADER) or ""))
                        it.read_to_end()
                        entries[-1] = replace(entries[-1], offset=it.get_record_offset(),
                                              length=it.get_record_length())
                        whole = len(entries)
            except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) if tolerant \
                    else ():
                del entries[whole:]  # a record whose end was not read
            except FileNotFoundError:
                raise ArchiveError(f"{path}: no such file") from None
            except IsADirectoryError:
                raise ArchiveError(f"{path}: is a directory, not a WARC file") from None
            except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as e:
                raise ArchiveError(f"{path}: not a readable WARC file ({_first_line(e)})") from None
        return cls(entries)

    def history(self, url: str) -> list[IndexEntry]:
        """Every archived answer for `url`, oldest first."""
        return list(self._by_key.get(surt(url), []))

    def latest(self, url: str, at: str | None = None) -> IndexEntry | None:
        """The newest record of `url`; with `at`, the one made closest to that time."""
        entries = self._by_key.get(surt(url))
        if not entries:
            return None
        if at is None:
            return entries[-1]
        return min(reversed(entries), key=lambda e: abs(int(e.timestamp) - int(at)))

    def find(self, url: str, digest: str, ours: bool = False) -> IndexEntry | None:
        """The newest record of `url` whose payload has this digest (with `ours`, among the
        records citecheck wrote here)."""
        for entry in reversed(self._by_key.get(surt(url), [])):
            if entry.digest == digest and (not ours or entry.ours):
                return entry
        return None

    def load(self, entry: IndexEntry) -> tuple[ArchiveInfo, Exchange]:
        """Read one record back: where it is, and the answer it holds (body decoded).
        The exchange's `ours` says whether citecheck wrote it: the index line's MAC verifies
        and the record holds what that line says (its id, and a body of that digest)."""
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        try:
            with open(entry.path, "rb") as f:
                f.seek(entry.offset)
                record = next(iter(ArchiveIterator(f)))
                h = record.rec_headers
                body = record.content_stream().read()
                if record.rec_type == "revisit":
                    body = self._revisited_body(h)
        except (ArchiveLoadFailed, OSError, EOFError, StopIteration, zlib.error, ValueError) as e:
            raise ArchiveError(f"{entry.path}: cannot read the record at offset "
                               f"{entry.offset} ({_first_line(e)})") from None
        http = record.http_headers
        coding = http.get_header("Content-Encoding") or ""
        # warcio decodes gzip, deflate and br; a body in another coding is as it came, and
        # its Content-Encoding stays to say so
        dropped = _DECODED if all(c.strip().lower() in ("identity", "gzip", "x-gzip", "deflate",
                                                         "br") for c in coding.split(",")
                                  if c.strip()) else _DECODED - {"content-encoding"}
        headers = [(k, v) for k, v in http.headers if k.lower() not in dropped]
        headers.append(("Content-Length", str(len(body))))
        status, _, reason = (http.statusline or "").partition(" ")
        info = ArchiveInfo(
            warc=str(entry.path),
            offset=entry.offset,
            record_id=h.get_header("WARC-Record-ID") or "",
            digest=h.get_header("WARC-Payload-Digest") or sha256_digest(body),
            date=h.get_header("WARC-Date") or "",
        )
        exchange = Exchange(url=entry.url, status=int(status or entry.status), reason=reason,
                            headers=headers, content=body)
        exchange.ours = (entry.ours and info.record_id == entry.record_id
                         and sha256_digest(body) == entry.digest)
        return info, exchange

    def original(self, url: str, digest: str, record_id: str = "",
                 ours: bool = False, same_url: bool = False) -> IndexEntry | None:
        """The response record (not a revisit) that a revisit of `url` with this payload
        digest refers to: the one named by `record_id`, else the newest of the same URL
        and digest, else (unless `same_url`) of any URL with that digest (the
        identical-payload-digest profile allows it; other tools write such revisits).
        With `ours`, only among the records citecheck wrote here."""
        if not digest:
            return None
        full = [e for e in self._by_key.get(surt(url), []) if e.mime != "warc/revisit"
                and (not ours or e.ours)]
        for entry in reversed(full):
            if record_id and entry.record_id == record_id:
                return entry
        for entry in reversed(full):
            if entry.digest == digest:
                return entry
        if same_url:
            return None
        for entry in reversed(self.entries):
            if entry.digest == digest and entry.mime != "warc/revisit" and (not ours or entry.ours):
                return entry
        return None

    def origin(self, entry: IndexEntry, exchange: Exchange) -> str:
        """Where an archived answer comes from: `archive` (a record citecheck wrote here),
        `committed_archive` (a WARC file in a git work tree that citecheck did not write
        here: replay evidence from the repository), `other_archive` (any other WARC file)."""
        if exchange.ours:
            return "archive"
        return "committed_archive" if _in_git_tree(entry.path.parent) else "other_archive"

    def _revisited_body(self, h: StatusAndHeaders) -> bytes:
        digest = h.get_header("WARC-Payload-Digest") or ""
        url = (h.get_header("WARC-Refers-To-Target-URI") or h.get_header("WARC-Target-URI")
               or "").strip().strip("<>")
        entry = self.original(url, digest, h.get_header("WARC-Refers-To") or "")
        if entry is None:
            raise ValueError(f"a revisit record whose original ({digest}) is not in the archive")
        return self.load(entry)[1].content

    def capture(self, url: str, at: str | None = None, max_redirects: int = 10) -> Capture:
        """The archived answer for `url` (the newest, or the one made at `at`), following
        archived redirects, as the fetcher would have given it."""
        capture = Capture(url=url)
        current = url
        for _ in range(max_redirects + 1):
            entry = self.latest(current, at)
            if entry is None:
                capture.error_kind = "not_archived"
                capture.error = ("not in the archive" if current == url else
                                 f"not in the archive: the redirect to {current}")
                return capture
            info, exchange = self.load(entry)
            capture.exchanges.append(exchange)
            location = _header(exchange.headers, "location")
            if 300 <= exchange.status < 400 and location:
                capture.redirects.append((exchange.status, current))
                current, at = urljoin(current, location), entry.timestamp
                continue
            capture.status, capture.final_url = exchange.status, current
            capture.headers = {k.lower(): v for k, v in exchange.headers}
            capture.content = exchange.content
            capture.origin = self.origin(entry, exchange)  # an archive, not the HTTP cache
            capture.fetched_at = _iso(info.date)
            capture.archived = info
            return capture
        capture.error_kind = "too_many_redirects"
        capture.error = f"more than {max_redirects} archived redirects (a redirect loop?)"
        return capture


class ArchiveFetcher:
    """A fetcher that never touches the network: every answer comes from a :class:`WarcIndex`."""

    def __init__(self, index: WarcIndex, max_redirects: int = 10,
                 settings: Settings | None = None):
        self.index = index
        self.max_redirects = max_redirects
        self.settings = settings  # its `remap` and `accept`, as when the page was fetched

    def fetch(self, url: str) -> Capture:

        if self.settings is None:
            return self.index.capture(url, max_redirects=self.max_redirects)
        capture = self.index.capture(self.settings.remapped(url), max_redirects=self.max_redirects)
        return judge_accept(capture, self.settings.accept)

    def close(self) -> None:
        pass


@functools.cache
def _writer_class() -> type:
    """warcio's writer, with sha256 digests instead of sha1. warcio (with fsspec, about
    40 ms) is imported when a record is written or read, not with this module: a re-run
    answered from ``fresh.json`` and the readers' fork server use neither."""
    from warcio.utils import Digester
    from warcio.warcwriter import WARCWriter

    class _Writer(WARCWriter):
        @staticmethod
        def _create_digester():  # type: ignore[no-untyped-def,override]
            return Digester("sha256")

    return _Writer


@dataclass
class RecordPlan:
    """What the fetching process decided about a capture's WARC records before they are
    built (:meth:`Archive.plan`): their date, and for each hop the record of ours that a
    revisit record refers to (None: a response record, with its body)."""

    date: str
    originals: list[IndexEntry | None]


@dataclass
class _Pending:
    """One capture's WARC records, built and waiting to be appended (picklable: a reader
    process builds them and sends them back)."""

    data: bytes
    # (hop's URL, its status, start, length, record id, payload digest, mime: warc/revisit
    # for a revisit record, WARC-Citecheck-MAC)
    placed: list[tuple[str, int, int, int, str, str, str, str]]
    date: str
    info: ArchiveInfo | None = None  # set once written and fsynced
    error: ArchiveError | None = None
    future: Future[ArchiveInfo | None] | None = None  # store_soon's, resolved then
    due: float = 0.0  # commit_soon's: when (time.monotonic()) it is to be written at the latest


class Archive:
    """Our own archive folder: append captures, read them back."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES):
        self.folder = folder
        self.max_bytes = max_bytes
        self._thread_lock = threading.Lock()
        self._pending: list[_Pending] = []  # built records waiting for a group commit
        self._pending_lock = threading.Lock()
        self._soon = threading.Condition(self._pending_lock)  # store_soon's hand-over
        self._committer: threading.Thread | None = None  # the thread committing for it
        self._closing = False
        self._flushing = False
        self._due = float("inf")  # when the batch the archive's thread waits on is due
        # The index as last read, and the (size, mtime) it was read at: re-read only when
        # another process has changed it, so that a run of N captures reads it O(1) times.
        self._known: list[IndexEntry] = []
        self._known_at: tuple[int, int] | None = None
        self._clean_size: dict[Path, int] = {}  # WARC files as we left them: whole members
        self.warnings: list[str] = []  # what was repaired (a torn index), for the report
        self._appended = False
        self._index: tuple[tuple[int, int] | None, WarcIndex] | None = None
        # What store() looks in for an earlier copy: this process's appends are added to it
        # in place, so that a run of N captures does not build the index N times (O(N²)).
        self._lookup: tuple[tuple[int, int] | None, WarcIndex] | None = None

    @property
    def index_path(self) -> Path:
        return self.folder / INDEX_NAME

    def index(self) -> WarcIndex:
        entries = self._entries()
        if self._index is None or self._index[0] != self._known_at:
            self._index = (self._known_at, WarcIndex(entries))
        return self._index[1]

    def _lookup_index(self) -> WarcIndex:
        entries = self._entries()
        if self._lookup is None or self._lookup[0] != self._known_at:
            self._lookup = (self._known_at, WarcIndex(entries))
        return self._lookup[1]

    def _entries(self) -> list[IndexEntry]:
        try:
            stat = self.index_path.stat()
        except FileNotFoundError:
            return []
        except OSError as e:
            raise ArchiveError(f"{self.index_path}: cannot read the index ({e.strerror})") from None
        if self._known_at != (stat.st_size, stat.st_mtime_ns):
            self._known = self._read_entries()
            self._known_at = (stat.st_size, stat.st_mtime_ns)
        return self._known  # not copied: every cached capture asks; callers do not change it

    def _read_entries(self) -> list[IndexEntry]:
        try:
            lines = self.index_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except OSError as e:
            raise ArchiveError(f"{self.index_path}: cannot read the index ({e.strerror})") from None
        entries, broken = [], 0
        for line in lines:
            if not line.strip():
                continue
            try:
                entries.append(IndexEntry.from_cdxj(line, self.folder))
            except (ValueError, KeyError, TypeError, AttributeError):
                broken += 1  # torn by a full disk or a kill, or garbage
        if broken:
            entries = self._rebuilt(broken)
        return entries

    def _rebuilt(self, broken: int) -> list[IndexEntry]:
        """The index read again from the WARC files themselves, when lines of it are broken;
        written back when the lock can be had (the next run reads a whole index)."""
        files = sorted(self.folder.glob("*.warc.gz")) + sorted(self.folder.glob("*.warc"))
        entries = WarcIndex.scan(files, tolerant=True).entries
        self.warnings.append(f"{self.index_path}: {broken} broken line{'s' * (broken > 1)} "
                             f"skipped; the index was rebuilt from the {len(files)} WARC "
                             f"file{'s' * (len(files) != 1)} ({len(entries)} records)")
        try:
            with open(self.folder / ".lock", "a") as lock:
                _take(lock, self.folder)
                self._write_index(entries)
        except (OSError, ArchiveError):
            pass  # read-only, or busy: rebuilt again next time
        return entries

    def store(self, capture: Capture) -> ArchiveInfo | None:
        """Archive a capture (every hop), unless it came from the HTTP cache and the archive
        already holds that very copy: then point at the existing record. Written and fsynced
        before it returns, with any other captures waiting (a group commit)."""
        mine = self._prepare(capture)
        if not isinstance(mine, _Pending):
            return mine
        with self._pending_lock:
            self._pending.append(mine)
        with self._thread_lock:
            if mine.info is None and mine.error is None:
                # Write every capture waiting now, this one among them, with one fsync of
                # the WARC and one of the index: threads that queued meanwhile find theirs
                # written when they get the lock (a group commit).
                with self._pending_lock:
                    batch, self._pending = self._pending, []
                    self._due = float("inf")
                self._commit(batch)
        if mine.error is not None:
            raise mine.error
        return mine.info

    def store_soon(self, capture: Capture) -> Future[ArchiveInfo | None]:
        """:meth:`store`, without waiting: the capture's records are built here and written
        by the archive's own thread together with every other capture handed over within
        COMMIT_WAIT seconds of it (one fsync of the WARC and one of the index for them all:
        two fsyncs a capture cost the fetching process half a millisecond of CPU each, and
        held the committing thread 4 ms). The future gives what store() returns, or raises
        its ArchiveError, once the records are fsynced: nothing is archived before that.
        :meth:`close` writes what is still waiting."""
        try:
            mine = self._prepare(capture)
        except BaseException as e:
            future: Future[ArchiveInfo | None] = Future()
            future.set_exception(e)
            return future
        if not isinstance(mine, _Pending):
            future = Future()
            future.set_result(mine)
            return future
        return self.commit_soon(mine)

    def commit_soon(self, records: _Pending, within: float | None = None
                    ) -> Future[ArchiveInfo | None]:
        """Hand records built by :func:`build_records` (in this process or a reader) to the
        archive's own thread, as :meth:`store_soon` does, to be written within `within`
        seconds (default COMMIT_WAIT), sooner if a batch fills or :meth:`flush` is called:
        the future gives their ArchiveInfo once they are fsynced, or raises their
        ArchiveError."""
        future: Future[ArchiveInfo | None] = Future()
        records.future = future
        records.due = time.monotonic() + (COMMIT_WAIT if within is None else within)
        with self._soon:
            self._pending.append(records)
            if self._committer is None:
                self._committer = threading.Thread(target=self._committing, daemon=True,
                                                   name="citecheck-archive")
                self._committer.start()
            # Woken only when this changes what it waits for (the first of a batch, one due
            # sooner, a batch full): not once a page, at the pace pages come. The first of a
            # batch always wakes it: what it last waited for may have been taken meanwhile
            # (by store(), or in the instant between its waiting and its taking the batch).
            if len(self._pending) == 1 or records.due < self._due or \
                    len(self._pending) >= COMMIT_BATCH:
                self._due = records.due
                self._soon.notify()
        return future

    def flush(self) -> None:
        """Have the archive's thread write what it was handed now, without waiting for more."""
        with self._soon:
            self._flushing = True
            self._soon.notify()

    def _committing(self) -> None:
        """The archive's own thread: commits what store_soon() hands over, in batches: once
        the first of them is due, a batch is full, or flush() or close() asks."""
        while True:
            with self._soon:
                self._soon.wait_for(lambda: self._pending or self._closing)
                if not self._pending:
                    return  # closing, nothing left
                while self._pending and not (len(self._pending) >= COMMIT_BATCH
                                             or self._closing or self._flushing):
                    self._due = min(p.due for p in self._pending)
                    left = self._due - time.monotonic()
                    if left <= 0:
                        break
                    self._soon.wait(left)
                self._flushing = False
                if not self._pending:  # store() wrote them meanwhile, with its own
                    continue
            with self._thread_lock:
                with self._pending_lock:
                    batch, self._pending = self._pending, []
                    self._due = float("inf")  # what is handed over from now on is a new batch
                try:
                    self._commit(batch)
                except Exception:  # a bug: the batch's futures have its error (_commit's
                    pass  # finally); this thread goes on committing the next ones

    def plan(self, capture: Capture) -> ArchiveInfo | None | RecordPlan:
        """What archiving a capture takes, decided from the index without building anything:
        None (no exchange), the record the archive already has (a copy from the HTTP cache
        that is archived), or the records' plan (their date, and each hop's earlier copy
        that a revisit record refers to), for :func:`build_records` to build, here or in a
        reader process, and :meth:`commit_soon` to write."""
        if not capture.exchanges:
            return None
        final = capture.exchanges[-1]
        with self._thread_lock:
            index = self._lookup_index()
        if capture.from_cache:
            entry = index.find(final.url, sha256_digest(final.content), ours=True)
            if entry is not None:
                return ArchiveInfo(warc=str(entry.path), offset=entry.offset,
                                   record_id=entry.record_id, digest=entry.digest,
                                   date=_warc_date_of(entry.timestamp))
        # The same body as an archived copy of this URL: a revisit record that refers to it,
        # instead of a second copy (identical-payload-digest profile). Only to a record of
        # the same URL (replay tools resolve a revisit by its URL) that citecheck wrote itself.
        return RecordPlan(_warc_date(capture.fetched_at), [
            index.original(exchange.url, sha256_digest(exchange.content), ours=True,
                           same_url=True) if exchange.content else None
            for exchange in capture.exchanges])

    def _prepare(self, capture: Capture) -> ArchiveInfo | None | _Pending:
        """A capture's records, built and waiting to be committed; or, when nothing is to be
        written, what store() gives: None (no exchange), the record the archive has."""
        plan = self.plan(capture)
        return build_records(capture, plan) if isinstance(plan, RecordPlan) else plan

    def _commit(self, batch: list[_Pending]) -> None:
        """Append a batch of captures to the current WARC file and the index, durably
        (fsynced) before any of them is reported archived."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.folder / ".lock", "a") as lock:
                _take(lock, self.folder)
                path = self._current_file(sum(len(p.data) for p in batch))
                new: list[IndexEntry] = []
                with open(path, "ab") as f:
                    base = f.seek(0, io.SEEK_END)
                    written = base  # the file as it was: cut back to it if this fails
                    index_size = _size(self.index_path)
                    for pending in batch:
                        f.write(pending.data)
                        stamp = _timestamp(pending.date)
                        new += [IndexEntry(surt(url), stamp, url, mime, status, digest, length,
                                           base + start, path, rid, mac)
                                for url, status, start, length, rid, digest, mime, mac
                                in pending.placed]
                        _, _, start, _, record_id, digest, _, _ = pending.placed[-1]
                        pending.info = ArchiveInfo(warc=str(path), offset=base + start,
                                                   record_id=record_id, digest=digest,
                                                   date=pending.date)
                        base += len(pending.data)
                    try:
                        f.flush()
                        os.fsync(f.fileno())
                        self._clean_size[path] = f.tell()
                        self._append_index(new)
                    except OSError:
                        # A full disk: none of this batch is reported archived, so none of it
                        # stays; a record in the WARC but not in the index would be lost.
                        _cut(path, written)
                        _cut(self.index_path, index_size)
                        self._clean_size[path] = written
                        raise
        except (OSError, ArchiveError) as e:
            error = e if isinstance(e, ArchiveError) else ArchiveError(
                f"{self.folder}: cannot write the archive ({e.strerror or e})")
            for pending in batch:
                pending.info, pending.error = None, error
        finally:
            for pending in batch:  # an unexpected failure: nobody waits for ever
                if pending.info is None and pending.error is None:
                    pending.error = ArchiveError(f"{self.folder}: the archive write failed")
                if pending.future is not None:
                    if pending.error is not None:
                        pending.future.set_exception(pending.error)
                    else:
                        pending.future.set_result(pending.info)

    def close(self) -> None:
        """Sort the index once, at the end of a run (appends leave an unsorted tail, which
        readers sort in memory; replay tools want the file sorted). What store_soon() was
        handed is written first."""
        with self._soon:
            self._closing = True
            committer, self._committer = self._committer, None
            self._soon.notify()
        if committer is not None:
            committer.join()
        with self._soon:
            self._closing = False
        if not self._appended:
            return
        try:
            with self._thread_lock, open(self.folder / ".lock", "a") as lock:
                _take(lock, self.folder)
                self._write_index(self._entries())
                self._appended = False
        except OSError as e:
            raise ArchiveError(f"{self.folder}: cannot write the index ({e.strerror or e})") \
                from None

    def _current_file(self, adding: int) -> Path:
        files = sorted(self.folder.glob("citecheck-*.warc.gz"))
        if files:
            size = files[-1].stat().st_size
            clean = self._clean_size.get(files[-1]) == size or self._ends_cleanly(files[-1])
            if size + adding <= self.max_bytes and clean:
                return files[-1]
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")
        path = self.folder / f"citecheck-{stamp}-{os.getpid()}.warc.gz"
        buffer = io.BytesIO()
        writer = _writer_class()(buffer, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {
            "software": f"citecheck {__version__} (warcio)",
            "format": "WARC File Format 1.0",
            "description": "pages cited by documents, as citecheck fetched them",
        }))
        with open(path, "xb") as f:
            f.write(buffer.getvalue())
        return path

    def _ends_cleanly(self, path: Path) -> bool:
        """Whether the file ends with a whole gzip member: a process killed mid-append leaves
        the first part of one (which warcio reads as a short record without complaint), and
        records appended after it would be unreadable. Only the members from the last
        indexed record on are read."""
        start = max((e.offset for e in self._entries() if e.path.name == path.name), default=0)
        member = None
        try:
            with open(path, "rb") as f:
                f.seek(start)
                for chunk in iter(lambda: f.read(1 << 16), b""):
                    while chunk:
                        if member is None or member.eof:
                            member = zlib.decompressobj(zlib.MAX_WBITS | 16)
                        member.decompress(chunk)
                        chunk = member.unused_data if member.eof else b""
        except (OSError, zlib.error):
            return False
        return member is None or member.eof

    def _append_index(self, new: list[IndexEntry]) -> None:
        """Add lines to the index: appended, never rewritten, until close() sorts it."""
        entries = self._entries()
        was = self._known_at
        with open(self.index_path, "a", encoding="utf-8") as f:
            f.write("".join(e.to_cdxj(self.folder) + "\n" for e in new))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(self.index_path, 0o644)
        stat = self.index_path.stat()
        self._known, self._known_at = entries + new, (stat.st_size, stat.st_mtime_ns)
        self._appended = True
        if self._lookup is not None and self._lookup[0] == was:
            self._lookup[1].add(new)
            self._lookup = (self._known_at, self._lookup[1])

    def _write_index(self, entries: list[IndexEntry]) -> None:
        entries = sorted(entries, key=lambda e: (e.key, e.timestamp))
        write_atomically(self.index_path, "".join(e.to_cdxj(self.folder) + "\n"
                                                  for e in entries), mode=0o644, durable=True)

    def add_entries(self, entries: list[IndexEntry]) -> int:
        """Add index entries of records written elsewhere (a cluster worker's own folder)
        that the index does not hold yet; the number added."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._thread_lock, open(self.folder / ".lock", "a") as lock:
                _take(lock, self.folder)
                known = self._entries()
                have = {(e.path, e.offset) for e in known}
                new = [e for e in entries if (e.path, e.offset) not in have]
                if new:
                    self._write_index([*known, *new])
                return len(new)
        except OSError as e:
            raise ArchiveError(f"{self.folder}: cannot write the index ({e.strerror or e})") \
                from None


def build_records(capture: Capture, plan: RecordPlan) -> _Pending:
    """A capture's WARC records (a response or revisit record and a request record a hop,
    sha256 digests, each signed), gzipped and waiting to be committed. Needs no archive:
    the fetching process runs it, or a reader process (pipeline.py), so that the records'
    CPU is not spent under the fetch threads' GIL."""
    date = plan.date
    buffer = io.BytesIO()
    writer = _writer_class()(buffer, gzip=True)
    placed: list[tuple[str, int, int, int, str, str, str, str]] = []
    for exchange, original in zip(capture.exchanges, plan.originals, strict=True):
        start = buffer.tell()
        response = (_revisit_record(writer, exchange, date, original) if original
                    else _response_record(writer, exchange, date))
        h = response.rec_headers
        h.add_header(_trust.MAC_HEADER, _trust.mac(*_mac_parts(
            exchange.url, _timestamp(date), exchange.status,
            h.get_header("WARC-Payload-Digest"), h.get_header("WARC-Record-ID"))))
        writer.write_record(response)
        length = buffer.tell() - start
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        writer.write_record(_request_record(writer, exchange, date, record_id))
        placed.append((exchange.url, exchange.status, start, length, record_id,
                       h.get_header("WARC-Payload-Digest"),
                       "warc/revisit" if original else
                       _mime(_header(exchange.headers, "content-type")),
                       h.get_header(_trust.MAC_HEADER)))
    return _Pending(buffer.getvalue(), placed, date)


def _response_record(writer: WARCWriter, ex: Exchange, date: str):  # type: ignore[no-untyped-def]
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), ex.headers,
                            protocol=ex.http_version)
    headers = {"WARC-Date": date}
    if ex.truncated:  # only the first part of the body was kept (a redirect's first 64 KiB)
        headers["WARC-Truncated"] = "length"
    return writer.create_warc_record(ex.url, "response", payload=io.BytesIO(ex.content),
                                     length=len(ex.content), http_headers=http,
                                     warc_headers_dict=headers)


def _revisit_record(writer: WARCWriter, ex: Exchange, date: str,  # type: ignore[no-untyped-def]
                    original: IndexEntry):
    """A revisit record of the identical-payload-digest profile: the answer's status line
    and headers, no body; WARC-Refers-To names the record that holds the body."""
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), ex.headers,
                            protocol=ex.http_version)
    headers = {"WARC-Date": date}
    if original.record_id:
        headers["WARC-Refers-To"] = original.record_id
    return writer.create_revisit_record(ex.url, original.digest, original.url,
                                        _warc_date_of(original.timestamp), http_headers=http,
                                        warc_headers_dict=headers)


def _request_record(writer: WARCWriter, ex: Exchange, date: str, concurrent_to: str):  # type: ignore[no-untyped-def]
    from warcio.statusandheaders import StatusAndHeaders

    parts = urlsplit(ex.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    http = StatusAndHeaders(f"{ex.method} {target} {ex.http_version}", ex.request_headers,
                            is_http_request=True)
    return writer.create_warc_record(ex.url, "request", http_headers=http, warc_headers_dict={
        "WARC-Date": date, "WARC-Concurrent-To": concurrent_to})


LOCK_WAIT = 60.0  # seconds to wait for another process's hold on warc/.lock


def _take(lock, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """The archive's lock, waited for at most LOCK_WAIT seconds (a process stopped while
    holding it, say by a debugger, would otherwise stop every later run)."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise ArchiveError(f"{folder / '.lock'}: held by another process for more than "
                                   f"{LOCK_WAIT:g} s") from None
            time.sleep(0.05)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _cut(path: Path, size: int | None) -> None:
    """Cut `path` back to `size` bytes (None: it did not exist); best effort."""
    try:
        if size is None:
            path.unlink(missing_ok=True)
        else:
            os.truncate(path, size)
    except OSError:
        pass


def _mac_parts(url: str, timestamp: str, status: int, digest: str, record_id: str) -> tuple:
    return ("warc-response", url, timestamp, str(status), digest, record_id)


@functools.lru_cache(maxsize=64)
def _in_git_tree(folder: Path) -> bool:
    """Whether `folder` lies in a git work tree (a repository's files: anyone who can open a
    pull request can put a WARC file there)."""
    try:
        folder = folder.resolve()
    except OSError:
        return False
    return any((p / ".git").exists() for p in (folder, *folder.parents))


def _sniff(f: io.BufferedReader, path: Path) -> None:
    """Refuse a file that does not start like a WARC (or ARC) file: warcio would read
    anything as records."""
    head = f.read(4096)
    f.seek(0)
    if head.startswith(b"\x1f\x8b"):
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 64)
    if not head.startswith((b"WARC/", b"filedesc://")):
        raise ArchiveError(f"{path}: not a WARC file (it does not start with a WARC record)")


def _header(headers: list[tuple[str, str]], name: str) -> str:
    for k, v in reversed(headers):
        if k.lower() == name:
            return v
    return ""


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower() or "-"


def _timestamp(warc_date: str) -> str:
    return (re.sub(r"\D", "", warc_date) + "00000000000000")[:14]


def _warc_date(iso: str) -> str:
    """`2022-10-06T12:00:00+00:00` (or empty: now) as a WARC-Date, `2022-10-06T12:00:00Z`."""
    try:
        when = datetime.fromisoformat(iso) if iso else datetime.now(timezone.utc)
    except ValueError:
        when = datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _warc_date_of(timestamp: str) -> str:
    """A CDXJ timestamp, `20221006120000`, as a WARC-Date, `2022-10-06T12:00:00Z`."""
    t = (timestamp + "00000000000000")[:14]
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def _iso(warc_date: str) -> str:
    try:
        when = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return warc_date
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def _first_line(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    return text.strip().splitlines()[0][:200] if text.strip() else type(e).__name__
