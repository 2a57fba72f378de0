"""Fetch cited pages politely, safely and once, through a persistent HTTP cache.

Every outcome is a :class:`Capture`; no exception leaves :meth:`Fetcher.fetch`.
Errors from requests, urllib3 and sockets are translated here, at the boundary,
into a ``Capture.error_kind``:

    invalid_url      the URL cannot be fetched at all (no host, not http(s))
    private_address  the host resolves to a loopback/private/link-local/metadata address
    dns              the host name does not exist
    no_network       no host name resolves at all: this machine has no network
    timeout          connect or read time-out, or the total deadline passed (a watchdog
                     shuts the sockets down, whatever phase the answer is in, a proxy's
                     connection too; a DNS look-up is given up at the deadline)
    run_deadline     the run's deadline (--run-deadline) was reached: not fetched, or cut
                     off by the same watchdog
    interrupted      the run was interrupted (Ctrl-C, SIGTERM: `interrupt`): not fetched,
                     or cut off by the same watchdog
    tls              the TLS handshake or certificate failed
    connection       refused, reset, or closed mid-answer
    too_many_redirects
    too_large        the body (after decompression) is larger than the cap
    protocol         the answer is not valid HTTP (not a status line, a header flood, a
                     malformed chunked or compressed body)
    cache            the HTTP cache failed (SQLite, shared with other processes)
    not_cached       the settings say offline, and the URL is not in the HTTP cache
    not_archived     offline or replaying, and the URL is not in the archive (archive.py)

Safety: the address check runs on the resolved address at connect time, for every
connection including each redirect hop, so a redirect or a DNS answer that points
inside the network is refused (see ``_GuardedConnection``).
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import heapq
import http.client
import http.cookiejar
import ipaddress
import itertools
import json
import os
import re
import socket
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.utils import select_proxy
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import HTTPResponse
from urllib3.exceptions import (
    DecodeError,
    HTTPError,
    InvalidHeader,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)

from . import __version__, _trust
from ._optional import hidden
from .capture import (CacheError, Capture, Exchange, _interrupted, _woken,  # noqa: F401
                      interrupted_reason, judge_accept,
                      run_deadline_reached)  # and for fetch's users
from .settings import Settings

with hidden("tornado"):
    from tenacity import (
        RetryCallState,
        Retrying,
        retry_if_exception,
        retry_if_exception_type,
        retry_if_result,
        stop_after_delay,
        wait_exponential,
        wait_random,
    )

if TYPE_CHECKING:
    from pathlib import Path

REDIRECT_BODY_BYTES = 64 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"citecheck/{__version__} (citation verifier; +https://pypi.org/project/citecheck/)"
# A host name that exists as long as DNS works (RFC 2606): tells "no such host" from "no network".
CANARY_HOST = "example.com"

Resolver = Callable[[str, int], list[str]]


def _import_requests_cache() -> None:
    """requests-cache, imported the first time without its Redis backend (`hidden`)."""
    if "requests_cache" not in sys.modules:
        with hidden("redis"):
            import requests_cache  # noqa: F401


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _signatures_kept() -> None:
    """requests-cache filters keyword arguments through ``inspect.signature`` of the class
    that takes them, twice a request (the request's and the answer's cache directives):
    about 0.1 ms a request, for the same answer every time. A plain function's signature is
    kept once read (methods bound to an object are read as before)."""
    import inspect

    _import_requests_cache()
    from requests_cache import _utils

    if getattr(_utils.signature, "kept", False):
        return
    read = functools.lru_cache(maxsize=128)(inspect.signature)

    def signature(fn):  # type: ignore[no-untyped-def]
        return read(fn) if inspect.isfunction(fn) else inspect.signature(fn)

    signature.kept = True  # type: ignore[attr-defined]
    _utils.signature = signature  # type: ignore[attr-defined]


# A cache of more keys than this is looked up in SQLite for every URL, as requests-cache does.
KNOWN_KEYS_MAX = 200_000


def _misses_known(cache) -> None:  # type: ignore[no-untyped-def]
    """Answer requests-cache's look-up of a key the cache does not hold without asking SQLite.

    requests-cache looks every request up in two tables (the answers, then the redirects'
    aliases) before fetching, each a SELECT under the storage's lock, which all fetch
    threads share: a page the cache does not hold cost about 0.2-0.4 ms of the fetching
    process's GIL, and its threads queued on the lock. The keys the cache holds are read once
    here (a few milliseconds for thousands) and every key written from here on is added, so
    a key known to be absent is a miss at once; a known key is looked up as before. An entry
    another process writes meanwhile is not seen by this run: the page is fetched again, as
    if that process had written it a moment later. Not offline, where only the cache answers."""
    try:
        if len(cache.responses) + len(cache.redirects) > KNOWN_KEYS_MAX:
            return
        known = set(cache.responses) | set(cache.redirects)
    except sqlite3.Error:
        return  # requests-cache's own look-ups say what is wrong
    look_up, save = cache.get_response, cache.save_response

    def get_response(key, default=None):  # type: ignore[no-untyped-def]
        return look_up(key, default) if key in known else default

    def save_response(response, cache_key=None, expires=None):  # type: ignore[no-untyped-def]
        if cache_key:
            known.add(cache_key)
        for hop in getattr(response, "history", None) or ():  # their aliases
            known.add(cache.create_key(hop.request))
        if not cache_key:
            known.add(cache.create_key(response.request))
        return save(response, cache_key, expires)

    cache.get_response, cache.save_response = get_response, save_response


def _cache_key(request, match_headers=None, **kwargs) -> str:  # type: ignore[no-untyped-def]
    """requests-cache's own cache key (``cache_keys.create_key``, the same digest of the same
    parts), given requests-cache's ``key_fn`` setting. Its key reads a request's method, URL
    and body, and only the headers `match_headers` names (citecheck names none); but
    normalising the request first copies it whole, headers and cookie jar, and normalises
    every header: a third of the key's cost, about 40 µs of a fetch's GIL. A request with no
    body and no header to match is keyed as a copy that holds only its method and URL."""
    _import_requests_cache()
    from requests_cache.cache_keys import create_key

    if not match_headers and not getattr(request, "body", None) and \
            isinstance(request, requests.PreparedRequest):
        bare = requests.PreparedRequest()
        bare.method, bare.url, bare.headers = request.method, request.url, \
            requests.structures.CaseInsensitiveDict()
        request = bare
    return create_key(request, match_headers=match_headers, **kwargs)


class FetchError(Exception):
    def __init__(self, kind: str, message: str, host: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.host = host  # for a dns error: the name that did not resolve


class _Watch:
    """The total deadline of one fetch, enforced by a timer that shuts its sockets down.

    Socket time-outs bound each read, not the whole answer: a server that sends a byte of
    its status line, headers or body within every read time-out would never be cut off.
    When the deadline passes, the timer shuts down every socket the fetch is using (a
    duplicate of it, so a socket closed and its number reused meanwhile is never touched);
    the read blocked on it returns, and the error is reported as the deadline's.
    """

    def __init__(self, seconds: float):
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: dict[int, socket.socket] = {}  # id(connection) -> duplicate socket
        self._lock = threading.Lock()
        self._done = False
        _watchdog.watch(self)

    def add(self, connection: object, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self._done or id(connection) in self._sockets:
                return
            try:
                dup = socket.fromfd(sock.fileno(), sock.family, sock.type, sock.proto)
            except OSError:
                return
            self._sockets[id(connection)] = dup
            if self.expired:
                _shut(dup)

    def discard(self, connection: object) -> None:
        with self._lock:
            dup = self._sockets.pop(id(connection), None)
        if dup is not None:
            dup.close()

    def end(self) -> None:
        with self._lock:
            self._done = True
            sockets, self._sockets = list(self._sockets.values()), {}
        for dup in sockets:
            dup.close()

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for dup in self._sockets.values():
                _shut(dup)


class _Watchdog:
    """One thread that expires every fetch's watch when its deadline passes (a timer
    thread per fetch cost more than the fetch's own HTTP work)."""

    def __init__(self) -> None:
        self._due: list[tuple[float, int, _Watch]] = []  # a heap, by deadline
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._count = itertools.count()

    def watch(self, watch: _Watch) -> None:
        with self._wake:
            heapq.heappush(self._due, (watch.at, next(self._count), watch))
            if self._thread is None or not self._thread.is_alive():  # a fork leaves none
                self._thread = threading.Thread(target=self._run, name="citecheck-watchdog",
                                                daemon=True)
                self._thread.start()
            elif self._due[0][2] is watch:
                self._wake.notify()

    def expire_all(self) -> None:
        """Expire every watch now: the run was interrupted."""
        with self._wake:
            watches = [watch for _, _, watch in self._due]
        for watch in watches:
            watch._expire()

    def _run(self) -> None:
        while True:
            with self._wake:
                now = time.monotonic()
                while not self._due or self._due[0][0] > now:
                    self._wake.wait(self._due[0][0] - now if self._due else None)
                    now = time.monotonic()
                _, _, watch = heapq.heappop(self._due)
            watch._expire()  # outside the heap's lock: it takes the watch's own


_watchdog = _Watchdog()
# A forked child has none of the parent's threads, and may have been forked while the
# watchdog held its lock: it starts a watchdog of its own.
os.register_at_fork(after_in_child=_watchdog.__init__)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Deadline(threading.local):
    at: float = float("inf")
    watch: _Watch | None = None
    kind: str = "timeout"  # the error kind when `at` passes: "run_deadline" if the run's
    message: str = ""  # what is said when `at` passes: this URL's deadline, or the run's


_deadline = _Deadline()


def _watch(connection: object, sock: socket.socket | None) -> None:
    if _deadline.watch is not None:
        _deadline.watch.add(connection, sock)


def _deadline_passed(seconds: float) -> str:
    return f"the {seconds:g} s deadline for this URL passed before the answer was complete"


class _Late(FetchError):
    """The deadline's own error (this URL's or the run's), said as it was raised."""


def _deadline_error(detail: str = "") -> FetchError:
    if _interrupted:
        return _Late("interrupted", interrupted_reason(_interrupted[0], started=True) + detail)
    return _Late(_deadline.kind, _deadline.message + detail)


def interrupt(signal_name: str) -> None:
    """End the run's fetching now, as its deadline would (the CLI's first Ctrl-C or
    SIGTERM): no fetch starts, those going are cut off by the watchdog, and each says
    `interrupted`. Pages already fetched are still archived, read and checked."""
    if not _interrupted:
        _interrupted.append(signal_name)
    _woken.set()  # retries waiting to be sent give up
    _watchdog.expire_all()
    with _looking_up_lock:
        for waiting in _looking_up:  # DNS look-ups waited for are given up
            waiting.set()


def _pause(seconds: float) -> None:
    """The wait before a retry, cut short when the run is interrupted."""
    _woken.wait(seconds)


_looking_up: set[threading.Event] = set()  # the DNS look-ups fetches wait for (`_resolve`)
_looking_up_lock = threading.Lock()


def _resolve(resolver: Resolver, host: str, port: int) -> list[str]:
    """resolver(host, port), given up when this fetch's deadline passes. getaddrinfo has no
    time-out of its own, and the watchdog shuts sockets, not look-ups: a resolver that
    stalls would hold the fetch past --deadline and --run-deadline, or past a Ctrl-C. The
    look-up runs in a daemon thread; one that answers too late is dropped."""
    left = _deadline.at - time.monotonic()
    if left == float("inf"):  # not inside a fetch
        return resolver(host, port)
    if left <= 0:
        raise _deadline_error(f" (the DNS look-up of {host} was not made)")
    answer: list = []
    done = threading.Event()  # set by the look-up's answer, or by an interruption

    def look_up() -> None:
        try:
            answer.append(resolver(host, port))
        except BaseException as e:  # handed to the fetch that asked
            answer.append(e)
        done.set()

    threading.Thread(target=look_up, name="citecheck-dns", daemon=True).start()
    with _looking_up_lock:
        _looking_up.add(done)
    try:
        if not _interrupted:  # else `interrupt` came before `done` was in _looking_up
            done.wait(left)
    finally:
        with _looking_up_lock:
            _looking_up.discard(done)
    if not answer:
        raise _deadline_error(f" (the DNS look-up of {host} had not answered)")
    if isinstance(answer[0], BaseException):
        raise answer[0]
    return answer[0]


def _past_deadline() -> bool:
    return (_deadline.watch is not None and _deadline.watch.expired) or \
        time.monotonic() > _deadline.at


_CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")


def address_problem(address: str) -> str | None:
    """Why `address` must not be fetched by default, or None when it is a public address."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    # Every class the ipaddress module knows, and then only global addresses: a class it
    # adds later (or one we forgot) is refused too, never let through.
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address (cloud metadata lives here)"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return f"{ip} is a site-local address"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_unspecified or ip.is_reserved:
        return f"{ip} is a reserved address"
    if ip in _CARRIER_GRADE_NAT:
        return f"{ip} is a carrier-grade NAT address"
    if ip.is_private or not ip.is_global:
        return f"{ip} is a private address"
    return None


class _FinalResponse(http.client.HTTPResponse):
    """http.client skips a 100 Continue, but takes any other interim answer (103 Early
    Hints, 102 Processing) for the answer: skip every 1xx but 101, with its headers."""

    def _read_status(self):  # type: ignore[no-untyped-def]
        while True:
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if not 100 < status < 200 or status == 101:
                return version, status, reason
            http.client._read_headers(self.fp)  # type: ignore[attr-defined]


class _GuardedConnection:
    """Mixin for urllib3 connections: resolve, vet every address, connect to a vetted one."""

    resolver: Resolver
    allow_private: bool
    response_class = _FinalResponse

    def _new_conn(self) -> socket.socket:  # type: ignore[override]
        host, port = self._dns_host, self.port  # type: ignore[attr-defined]
        guarded = not type(self).allow_private and getattr(self, "proxy", None) is None
        if guarded:
            _refuse_literal(host)  # before any resolver sees it (fe80::1%eth0 would not resolve)
        try:
            addresses = _resolve(type(self).resolver, host, port)
        except socket.gaierror as e:
            raise NameResolutionError(host, self, e) from e  # type: ignore[arg-type]
        if not addresses:
            raise NameResolutionError(host, self, socket.gaierror("no address"))  # type: ignore[arg-type]
        if guarded:
            for address in addresses:
                problem = address_problem(address)
                if problem:
                    raise FetchError(
                        "private_address",
                        f"refused: {host} resolves to {problem}; "
                        "use --allow-private-hosts to fetch it",
                    )
        last: OSError | None = None
        for address in addresses:
            left = _deadline.at - time.monotonic()
            timeout = self.timeout  # type: ignore[attr-defined]
            if isinstance(timeout, int | float) and left < timeout:
                timeout = max(left, 0.01)
            try:
                sock = socket.create_connection(
                    (address, port), timeout, source_address=self.source_address  # type: ignore[attr-defined]
                )
                for option in self.socket_options or ():  # type: ignore[attr-defined]
                    sock.setsockopt(*option)
                if timeout is not self.timeout:  # type: ignore[attr-defined]
                    sock.settimeout(self.timeout)  # type: ignore[attr-defined]  # reads: the full
                _watch(self, sock)
                return sock
            except OSError as e:
                last = e
        if isinstance(last, TimeoutError | socket.timeout):
            from urllib3.exceptions import ConnectTimeoutError

            raise ConnectTimeoutError(self, f"connection to {host} timed out")  # type: ignore[arg-type]
        raise NewConnectionError(self, f"failed to connect to {host}: {last}")  # type: ignore[arg-type]

    def request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _watch(self, self.sock)  # type: ignore[attr-defined]  # a kept-alive connection too
        return super().request(*args, **kwargs)  # type: ignore[misc]


def _refuse_literal(host: str) -> None:
    """Refuse a host written as an IP address (any spelling ipaddress reads) that is private."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return
    problem = address_problem(host.strip("[]"))
    if problem:
        raise FetchError("private_address",
                         f"refused: {problem}; use --allow-private-hosts to fetch it")


def _vet_name(host: str, port: int, resolver: Resolver) -> None:
    """Through a proxy the proxy connects, not us: vet what the name resolves to here, which
    catches internal names and addresses (though not a DNS answer that changes meanwhile)."""
    _refuse_literal(host)
    try:
        addresses = _resolve(resolver, host, port)
    except OSError:
        return  # the proxy will say
    for address in addresses:
        problem = address_problem(address)
        if problem:
            raise FetchError("private_address", f"refused: {host} resolves to {problem}; "
                             "use --allow-private-hosts to fetch it")


class _GuardedAdapter(HTTPAdapter):
    """Vets addresses at connect time and reads bodies under a size cap and a deadline."""

    def __init__(self, settings: Settings, resolver: Resolver):
        self._settings = settings
        self._resolver = resolver
        super().__init__(pool_connections=256, pool_maxsize=max(settings.per_host, 4))

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        attrs = {"resolver": staticmethod(self._resolver),
                 "allow_private": self._settings.allow_private_hosts}
        http = type("GuardedHTTPConnection", (_GuardedConnection, HTTPConnection), attrs)
        https = type("GuardedHTTPSConnection", (_GuardedConnection, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }

    def proxy_manager_for(self, proxy, **proxy_kwargs):  # type: ignore[no-untyped-def]
        """An HTTP(S) proxy's connections are ours too, so the deadline's watchdog sees their
        sockets (requests gives a proxy urllib3's own); being a proxy's, they connect to the
        proxy without vetting its address (the target's name is, in `send`)."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = self.poolmanager.pool_classes_by_scheme
        return manager

    defaults: dict[str, str] = {}  # the session's own headers, restored where a host's are not

    def _host_headers(self, request) -> None:  # type: ignore[no-untyped-def]
        """Set the `[hosts."h"]` headers of this hop's host, and only of it: a redirect to
        another host copies the request's headers, so another host's are taken back out."""
        wanted = self._settings.headers_for(urlsplit(request.url).hostname)
        for name in {n.lower() for _, values in self._settings.host_headers for n, _ in values}:
            value = next((v for n, v in wanted.items() if n.lower() == name),
                         next((v for n, v in self.defaults.items() if n.lower() == name), None))
            if value is None:
                request.headers.pop(name, None)
            else:
                request.headers[name] = value

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):  # type: ignore[no-untyped-def,override]
        if self._settings.host_headers:
            self._host_headers(request)
        if not self._settings.allow_private_hosts and select_proxy(request.url, proxies):
            parts = urlsplit(request.url)
            _vet_name(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                      self._resolver)
        response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert,
                                proxies=proxies)
        cap = self._settings.max_body_bytes
        # A redirect's body is never read as a page: keep its first 64 KiB, so that ten hops
        # of 19 MiB each do not hold 190 MiB for one URL.
        redirect = response.is_redirect
        if redirect:
            cap = min(cap, REDIRECT_BODY_BYTES)
        chunks: list[bytes] = []
        size = 0
        connection = getattr(response.raw, "_connection", None)
        try:
            while True:
                if _past_deadline():
                    raise _deadline_error()
                # urllib3 (2.6+) decompresses at most the amount asked for: a gzip bomb
                # is read 64 KiB at a time and stops at the cap.
                chunk = response.raw.read1(65536, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap and redirect:
                    chunks.append(chunk[:len(chunk) - (size - cap)])
                    response._citecheck_truncated = True  # archived as WARC-Truncated
                    break
                if size > cap:
                    raise FetchError("too_large", f"the body is larger than the "
                                     f"{cap / (1024 * 1024):g} MiB cap")
                chunks.append(chunk)
        except FetchError:
            response.close()
            raise
        except (HTTPError, OSError, ValueError) as e:  # urllib3's, read straight from the socket
            response.close()
            if _past_deadline():
                raise _deadline_error() from None
            raise _body_error(e, self._settings.timeout) from None
        finally:
            if connection is not None and _deadline.watch is not None:
                _deadline.watch.discard(connection)
        response._content = b"".join(chunks)
        response._content_consumed = True
        response.close()
        return response


class Fetcher:
    """Fetches URLs through one cached, guarded session shared by all worker threads."""

    def __init__(self, settings: Settings, resolver: Resolver | None = None,
                 sleep: Callable[[float], None] = _pause):
        _import_requests_cache()
        from requests_cache import CachedSession

        _signatures_kept()
        self.settings = settings
        self._resolver = resolver or system_resolver
        self._sleep = sleep
        self._canary: bool | None = None
        self._canary_lock = threading.Lock()
        path = settings.cache_dir / "http-cache.sqlite"
        self.warnings: list[str] = []  # what was repaired (a damaged cache set aside)
        problem = _damaged_cache(path)
        if problem:
            aside = _set_aside(path)
            self.warnings.append(
                f"{path}: the HTTP cache is damaged ({problem}); set aside as {aside.name} and "
                "a new one started (pages are fetched again; the WARC archive is kept apart)")
        # Runs started together on a new cache race to create it and switch it to WAL; the
        # loser's switch fails at once with "database is locked" (SQLite's busy time-out
        # does not cover it): try again shortly.
        opening = Retrying(stop=stop_after_delay(10), wait=wait_random(0.02, 0.2), reraise=True,
                           retry=retry_if_exception(_database_locked))
        session = functools.partial(
            opening,
            CachedSession,
            str(path),
            backend="sqlite",
            wal=True,
            timeout=60,  # seconds to wait for another process's write (several runs at once)
            expire_after=settings.cache_ttl,
            serializer=signed_json_serializer(),  # data only, and only what we wrote
            decode_content=False,  # the body as fetched (base64), not re-encoded text
            allowable_codes=(200, 203),  # failures are not cached as if they were answers
            key_fn=_cache_key,
            stale_if_error=settings.offline,
        )
        try:
            settings.cache_dir.mkdir(parents=True, exist_ok=True)
            try:
                self.session = session()
            except sqlite3.DatabaseError as e:  # damaged in a way the check did not see
                if isinstance(e, sqlite3.OperationalError) or problem or not path.exists():
                    raise
                aside = _set_aside(path)
                self.warnings.append(
                    f"{path}: the HTTP cache is damaged ({_one_line(e)}); set aside as "
                    f"{aside.name} and a new one started (pages are fetched again; the WARC "
                    "archive is kept apart)")
                self.session = session()
        except (sqlite3.Error, OSError) as e:
            raise CacheError(f"{path}: cannot open the HTTP cache ({e}); remove it, and the "
                             "next run starts a new one (the WARC archive is kept apart)") from None
        for storage in (self.session.cache.responses, self.session.cache.redirects):
            storage._acquire_sqlite_lock = functools.partial(_bounded_write, storage)
        if not settings.offline:
            _misses_known(self.session.cache)
        self._cache_path = path
        self._cache_failed: str | None = None  # the HTTP cache broke during the run: why
        adapter = _GuardedAdapter(settings, self._resolver)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.max_redirects = settings.max_redirects
        self.session.headers["User-Agent"] = settings.user_agent or USER_AGENT
        self.session.headers["Accept"] = (
            "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
        )
        self.session.headers.update(dict(settings.headers))  # lychee's `header`: every host
        adapter.defaults = dict(self.session.headers)
        if settings.cookie_jar is not None:
            self.session.cookies = _cookie_jar(settings.cookie_jar)  # type: ignore[assignment]
        self.session.merge_environment_settings = _once_per_origin(  # type: ignore[method-assign]
            self.session.merge_environment_settings)

    def close(self) -> None:
        self.session.close()
        if self._cache_failed is not None:
            self._plain.close()
            _set_aside(self._cache_path, self._cache_failed)

    def _cache_broke(self, e: sqlite3.Error) -> None:
        """The HTTP cache failed in a way no retry mends (a damage SQLite's check did not
        see): the rest of the run fetches without it, and it is set aside at the end."""
        with self._canary_lock:
            if self._cache_failed is not None:
                return
            plain = requests.Session()
            for prefix, adapter in self.session.adapters.items():
                plain.mount(prefix, adapter)
            plain.headers, plain.cookies = self.session.headers, self.session.cookies
            plain.max_redirects = self.session.max_redirects
            plain.merge_environment_settings = self.session.merge_environment_settings  # type: ignore[method-assign]
            self._plain = plain
            self._cache_failed = _aside_name(self._cache_path)
        self.warnings.append(
            f"{self._cache_path}: the HTTP cache failed during the run ({_one_line(e)}); the "
            f"pages after it were fetched without it, and it is set aside as "
            f"{self._cache_failed} (a new one is started next time; the WARC archive is kept "
            "apart)")

    def fetch(self, url: str, headers: dict[str, str] | None = None,
              until: float | None = None) -> Capture:
        """`headers` are sent besides the usual ones (a Memento TimeGate's Accept-Datetime).
        The URL fetched is `url` as `remap` rewrites it (the capture's `url`). `until` is
        when the run's deadline is reached (time.time(); default the settings'
        `run_ends_at`): past it nothing is fetched, and a fetch still going is cut off."""
        s = self.settings
        url = s.remapped(url)
        capture = Capture(url=url, fetched_at=_now())
        problem = _url_problem(url)
        if problem:
            capture.error_kind, capture.error = "invalid_url", problem
            return capture
        if _interrupted:
            capture.error_kind, capture.error = "interrupted", interrupted_reason(_interrupted[0])
            return capture
        until = s.run_ends_at if until is None else until
        left = float("inf") if until is None else until - time.time()
        if left <= 0:
            capture.error_kind, capture.error = "run_deadline", run_deadline_reached(
                s.run_deadline)
            return capture
        if left < s.deadline:  # the run ends first: the same watch cuts this fetch off then
            _deadline.kind, _deadline.message = "run_deadline", run_deadline_reached(
                s.run_deadline, started=True)
        else:
            _deadline.kind, _deadline.message = "timeout", _deadline_passed(s.deadline)
        _deadline.watch = _Watch(min(s.deadline, left))
        _deadline.at = _deadline.watch.at
        if _interrupted:  # since the look above: `interrupt` did not see this watch
            _deadline.watch._expire()
        try:
            response = self._get_with_retries(url, capture, headers)
        except FetchError as e:
            capture.error_kind, capture.error = e.kind, str(e)
            try:
                offline = e.kind == "dns" and not self._network_works()
            except _Late as late:  # DNS did not answer for the canary either, in time
                capture.error_kind, capture.error = late.kind, str(late)
                return capture
            if offline:
                capture.error_kind = "no_network"
                capture.error = (f"cannot resolve {e.host or urlsplit(url).hostname}: this "
                                 "machine has no working DNS (no network?)")
            return capture
        finally:
            if _deadline.watch is not None:
                _deadline.watch.end()
            _deadline.at, _deadline.watch = float("inf"), None
        capture.status = response.status_code
        capture.final_url = response.url
        capture.headers = {k.lower(): v for k, v in response.headers.items()}
        capture.content = response.content or b""
        capture.redirects = [(r.status_code, r.url) for r in response.history]
        capture.exchanges = [_exchange(r) for r in [*response.history, response]]
        capture.from_cache = bool(getattr(response, "from_cache", False))
        capture.origin = "http_cache" if capture.from_cache else "fetched"
        if capture.from_cache and getattr(response, "created_at", None):
            capture.fetched_at = response.created_at.astimezone(timezone.utc).isoformat(
                timespec="seconds")
        if self.settings.offline and response.status_code == 504:
            # requests-cache's own answer for "not cached" (504 is never stored).
            capture.status, capture.from_cache = None, False
            capture.error_kind = "not_cached"
            capture.error = "offline, and this URL is not in the cache"
        return judge_accept(capture, self.settings.accept)

    def _older_than_allowed(self, url: str) -> bool:
        """The cached answer for `url` is older than `max_cache_age` (cache_ttl): entries
        written by a run that allowed a longer age are not taken as fresh."""
        if self.settings.offline or self.settings.refresh:
            return False
        try:
            cache = self.session.cache
            cached = cache.get_response(cache.create_key(
                self.session.prepare_request(requests.Request("GET", url))))
        except Exception:  # unreadable entry: requests-cache itself treats it as a miss
            return False
        created = getattr(cached, "created_at", None)
        if created is None:
            return False
        age = (datetime.now(timezone.utc) - created.astimezone(timezone.utc)).total_seconds()
        return age >= self.settings.cache_ttl

    def _get_with_retries(self, url: str, capture: Capture,
                          headers: dict[str, str] | None = None) -> requests.Response:
        """Retry connection errors, time-outs, 5xx and 429, honouring Retry-After (capped)."""
        settings = self.settings

        def pause(state: RetryCallState) -> float:
            seconds = wait_exponential(multiplier=0.5, max=8)(state)
            if state.outcome is not None and not state.outcome.failed:
                seconds = _retry_after(state.outcome.result(), default=seconds)
            return min(seconds, settings.max_retry_wait)

        def stop(state: RetryCallState) -> bool:
            return (settings.offline or state.attempt_number >= settings.retries
                    or time.monotonic() + pause(state) >= _deadline.at or bool(_interrupted))

        def attempt() -> requests.Response:
            if _interrupted:  # while waiting to retry
                raise _deadline_error()
            capture.attempts += 1
            return self._get_once(url, headers)

        retrying = Retrying(
            stop=stop,
            wait=pause,
            retry=retry_if_exception_type(_Retryable)
            | retry_if_result(lambda r: r.status_code in RETRY_STATUSES),
            sleep=self._sleep,
            reraise=True,
            # Out of attempts on a 5xx or 429: that answer is the outcome.
            retry_error_callback=lambda state: state.outcome.result(),  # type: ignore[union-attr]
        )
        try:
            return retrying(attempt)
        except _Retryable as e:
            raise FetchError(e.kind, str(e)) from None

    def _get_once(self, url: str, headers: dict[str, str] | None = None) -> requests.Response:
        s = self.settings
        timeout = (min(s.timeout, 10.0), s.timeout)
        try:
            try:
                if self._cache_failed is not None:
                    if s.offline:
                        raise FetchError("not_cached", "offline, and the HTTP cache failed")
                    return self._plain.get(url, headers=headers, timeout=timeout)
                return self.session.get(
                    url,
                    headers=headers,
                    timeout=timeout,
                    only_if_cached=s.offline,
                    force_refresh=(s.refresh and not s.offline) or (
                        s.cache_ttl < DEFAULT_CACHE_TTL and self._older_than_allowed(url)),
                )
            except Exception as e:
                if _past_deadline() and not isinstance(e, _Late) and not (
                        isinstance(e, FetchError) and e.kind != "timeout"):
                    raise _deadline_error() from None
                raise
        except FetchError:
            raise
        except requests.exceptions.TooManyRedirects:
            raise FetchError("too_many_redirects",
                             f"more than {s.max_redirects} redirects (a redirect loop?)") from None
        except requests.exceptions.SSLError as e:
            raise FetchError("tls", f"TLS failed: {_root_message(e)}") from None
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout):
            raise _Retryable("timeout", f"timed out after {s.timeout:g} s") from None
        except requests.exceptions.ConnectionError as e:
            cause = _root(e)
            if isinstance(cause, FetchError):
                raise cause from None
            if isinstance(cause, NameResolutionError | socket.gaierror):
                # The host that did not resolve: a redirect's, if a redirect led there.
                host = getattr(cause, "_host", None) or urlsplit(
                    getattr(getattr(e, "request", None), "url", None) or url).hostname
                raise FetchError("dns", f"{host}: no such host", host=host) from None
            if isinstance(cause, http.client.HTTPException) and not isinstance(
                    cause, http.client.RemoteDisconnected):
                raise FetchError("protocol", _not_http(cause)) from None
            raise _Retryable("connection", f"connection failed: {_root_message(e)}") from None
        except sqlite3.Error as e:  # the cache, written by another process too
            if _database_locked(e) or self._cache_failed is not None:
                raise _Retryable("cache", f"the HTTP cache failed: {e}") from None
            self._cache_broke(e)  # damaged: this URL and the rest go without it
            return self._get_once(url, headers)
        except requests.exceptions.ContentDecodingError as e:
            raise _body_error(e, s.timeout) from None
        except (requests.exceptions.InvalidHeader, InvalidHeader) as e:  # the server's fault
            raise FetchError("protocol", f"the server's answer is not valid HTTP: "
                             f"{_root_message(e)}") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, ValueError, UnicodeError) as e:
            raise FetchError("invalid_url", f"invalid URL: {e}") from None
        except requests.exceptions.RequestException as e:
            raise _Retryable("connection", f"request failed: {_root_message(e)}") from None

    def _network_works(self) -> bool:
        """Whether DNS answers for a name that exists (asked once, within this fetch's
        deadline: a look-up cut off is _Late, and asked again next time)."""
        if self._canary is None:
            try:
                works = bool(_resolve(self._resolver, CANARY_HOST, 443))
            except OSError:
                works = False
            self._canary = works  # threads that asked at once found the same
        return self._canary


def _cookie_jar(path: Path) -> http.cookiejar.MozillaCookieJar:
    """A cookies.txt (Netscape format, as browsers' export extensions and curl write it):
    each cookie is sent to the domain and path it names. Read only: never written back."""
    from .document import InputError

    jar = http.cookiejar.MozillaCookieJar()
    try:
        jar.load(str(path), ignore_discard=True)
    except FileNotFoundError:
        raise InputError(f"{path}: no such cookie jar") from None
    except OSError as e:  # LoadError is an OSError too
        raise InputError(f"{path}: not a cookies.txt cookie jar: {e}") from None
    return jar


_SIGNED = b"citecheck-mac/1 "


def signed_json_serializer():  # type: ignore[no-untyped-def]
    """requests-cache's JSON serializer (data only: nothing read back can run code; bodies
    base64, byte for byte), each entry followed by an HMAC under citecheck's own key
    (``_trust``). An entry that does not verify — planted in a cache folder, written by an
    older release as a pickle, or damaged — is a miss: it is refused before it is parsed,
    and the page is fetched again."""
    _import_requests_cache()
    from requests_cache.serializers.pipeline import SerializerPipeline, Stage
    from requests_cache.serializers.preconf import json_preconf_stage

    def sign(text: bytes | str) -> bytes:
        data = text.encode("utf-8") if isinstance(text, str) else text
        return _SIGNED + _trust.mac(data).encode("ascii") + b"\n" + data

    def check(blob: bytes | str) -> str:
        if isinstance(blob, str):
            blob = blob.encode("utf-8", "surrogateescape")
        head, _, data = bytes(blob).partition(b"\n")
        if not head.startswith(_SIGNED) or not _trust.verify(
                head[len(_SIGNED):].decode("ascii", "replace"), data):
            raise ValueError("an HTTP cache entry citecheck did not write")
        return data.decode("utf-8")

    json_stage = Stage(dumps=_json_bytes, loads=json.loads)
    return SerializerPipeline([json_preconf_stage, json_stage, Stage(dumps=sign, loads=check)],
                              name="citecheck-signed-json", is_binary=True)


def _json_bytes(data: object) -> bytes:
    """A cache entry as compact JSON, by orjson: the standard library's encoder escapes the
    base64 body a character at a time (about 0.1 ms of a fetch thread's GIL a response,
    against 2 µs). The same JSON either way, read back by json.loads; what orjson will not
    encode (an integer past 64 bits) is encoded by the standard library."""
    import orjson

    try:
        return orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(data, separators=(",", ":")).encode("utf-8")


# How long the check of an existing HTTP cache may take. A damaged SQLite file can make
# a later query loop inside its write lock for ever; a check that takes longer than this is
# taken for one (a cache that size, several GB, is worth starting again anyway).
CACHE_CHECK_SECONDS = 5.0


def _damaged_cache(path: Path) -> str | None:
    """Why the SQLite file at `path` cannot serve as the HTTP cache, or None (also for a
    cache not made yet). Read-only, bounded in time: SQLite's own quick_check."""
    try:
        if not path.exists():
            return None
        with path.open("rb") as f:
            head = f.read(16)
        if head and head != b"SQLite format 3\0":
            return "not an SQLite database"
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except (OSError, sqlite3.Error) as e:
        return str(e) or type(e).__name__
    connection.text_factory = lambda b: b.decode("utf-8", "replace")  # a damaged name
    give_up = time.monotonic() + CACHE_CHECK_SECONDS
    connection.set_progress_handler(lambda: time.monotonic() > give_up, 10_000)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as e:
        if _database_locked(e):
            return None  # another run is writing it: that run checked it
        return (f"its check took over {CACHE_CHECK_SECONDS:g} s" if "interrupt" in str(e)
                else str(e))
    except (sqlite3.Error, ValueError) as e:
        return str(e) or type(e).__name__
    finally:
        connection.close()
    if rows != [("ok",)]:
        return "; ".join(str(r[0]) for r in rows[:2])
    return None


def _aside_name(path: Path) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{path.name}.damaged-{stamp}"


def _set_aside(path: Path, name: str | None = None) -> Path:
    """Rename a damaged cache (and its WAL files) out of the way; never delete it."""
    aside = path.with_name(name or _aside_name(path))
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        try:
            part.replace(aside.with_name(aside.name + suffix))
        except FileNotFoundError:
            pass  # no such file, or another run (a cluster worker) set it aside first
    return aside


def _database_locked(e: BaseException) -> bool:
    return isinstance(e, sqlite3.OperationalError) and "locked" in str(e)


# How long a write to the HTTP cache waits for SQLite's write lock, beyond the busy time-out.
CACHE_LOCK_SECONDS = 10.0


@contextlib.contextmanager
def _bounded_write(storage):  # type: ignore[no-untyped-def]
    """requests-cache's SQLite write transaction (``SQLiteDict._acquire_sqlite_lock``), with a
    bound. Upstream retries ``BEGIN IMMEDIATE`` for ever on any OperationalError, and does not
    roll back a write that failed with a DatabaseError ("database disk image is malformed"):
    the transaction left open makes every later BEGIN fail, and the run loops for ever inside
    the cache's lock. Here a failed write is rolled back and raised, a transaction left open
    is rolled back, and a lock still busy after CACHE_LOCK_SECONDS is raised."""
    with storage._lock:
        connection = storage._connection
        give_up = time.monotonic() + CACHE_LOCK_SECONDS
        while True:
            try:
                connection.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as e:
                if connection.in_transaction:
                    connection.rollback()
                elif not _database_locked(e) or time.monotonic() > give_up:
                    raise
                time.sleep(0.01)
        storage._active_transaction = True
        try:
            yield
            connection.commit()
        except BaseException:
            if connection.in_transaction:
                connection.rollback()
            raise
        finally:
            storage._active_transaction = False


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:160] or type(e).__name__


def _once_per_origin(merge: Callable[..., dict]) -> Callable[..., dict]:
    """requests scans the whole environment for proxy settings on every request (most of a
    millisecond); the environment does not change during a run, and the answer depends
    only on the scheme and host: ask once per origin."""

    @functools.lru_cache(maxsize=4096)
    def cached(origin: str, proxies: tuple, stream: object, verify: object, cert: object) -> dict:
        return merge(origin, dict(proxies), stream, verify, cert)

    def merged(url: str, proxies: dict | None, stream: object, verify: object,
               cert: object) -> dict:
        parts = urlsplit(url)
        try:
            result = cached(f"{parts.scheme}://{parts.netloc}/",
                            tuple(sorted((proxies or {}).items())), stream, verify, cert)
        except TypeError:  # an argument that cannot be a cache key
            return merge(url, proxies, stream, verify, cert)
        return {**result, "proxies": dict(result["proxies"])}

    return merged


class _Retryable(FetchError):
    pass


_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
# The codings urllib3 decodes here (gzip, deflate, and br and zstd with their libraries):
# a body in any other is stored as it came, its Content-Encoding kept.
_DECODED_CODINGS = frozenset(["identity", *HTTPResponse.CONTENT_DECODERS])


def _exchange(response: requests.Response) -> Exchange:
    """One hop as a WARC needs it; works for live and requests-cache responses alike."""
    raw = getattr(response, "raw", None)
    raw_headers = getattr(raw, "headers", None)
    items = list(raw_headers.items()) if raw_headers else list(response.headers.items())
    content = response.content or b""
    dropped = _DROPPED_HEADERS
    coding = response.headers.get("content-encoding", "")
    if any(c.strip().lower() not in _DECODED_CODINGS for c in coding.split(",") if c.strip()):
        dropped = _DROPPED_HEADERS - {"content-encoding"}  # stored as sent: say how it is coded
    headers = [(k, v) for k, v in items if k.lower() not in dropped]
    headers.append(("Content-Length", str(len(content))))
    request = response.request
    request_headers = [(k, v) for k, v in (getattr(request, "headers", None) or {}).items()]
    if not any(k.lower() == "host" for k, _ in request_headers):
        request_headers.insert(0, ("Host", urlsplit(response.url).netloc))
    version = getattr(raw, "version", 11)
    return Exchange(
        url=response.url,
        status=response.status_code,
        reason=response.reason or "",
        headers=headers,
        content=content,
        method=(getattr(request, "method", None) or "GET").upper(),
        request_headers=request_headers,
        http_version="HTTP/1.0" if version == 10 else "HTTP/1.1",
        truncated=bool(getattr(response, "_citecheck_truncated", False)),
    )


def _body_error(e: BaseException, timeout: float) -> FetchError:
    """A failure while the body was arriving, translated."""
    root = _root(e)
    if isinstance(e, DecodeError | requests.exceptions.ContentDecodingError):
        return FetchError("protocol", "the server's answer is not valid HTTP: its body is "
                          "not in the compression its Content-Encoding names")
    if isinstance(e, ReadTimeoutError) or isinstance(root, TimeoutError):
        return _Retryable("timeout", f"timed out after {timeout:g} s while the body was arriving")
    if isinstance(root, http.client.IncompleteRead):
        read = root.partial if isinstance(root.partial, int) else len(root.partial)
        return _Retryable("connection", f"the connection closed mid-answer ({read} bytes read, "
                          f"{root.expected} more expected)")
    if isinstance(e, ProtocolError) and isinstance(root, ConnectionResetError):
        return _Retryable("connection", "the connection was reset mid-answer")
    if isinstance(root, ValueError):
        return FetchError("protocol", f"the server's answer is not valid HTTP: a malformed body "
                          f"({_root_message(root)[:80]})")
    if isinstance(root, http.client.HTTPException):
        return FetchError("protocol", _not_http(root))
    return _Retryable("connection", f"the connection failed mid-answer: {_root_message(e)}")


def _not_http(e: BaseException) -> str:
    detail = _root_message(e) if not isinstance(e, http.client.BadStatusLine) else \
        f"it does not start with an HTTP status line ({_root_message(e)[:60]})"
    return f"the server's answer is not valid HTTP: {detail}"


_SPACE_RE = re.compile(r"\s")


def _url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError as e:
        return f"malformed URL: {e}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http and https URLs are fetched, not {parts.scheme or 'a URL without scheme'}"
    if not parts.hostname:
        return "the URL has no host"
    if _SPACE_RE.search(url):  # str.isspace's white space (both are Py_UNICODE_ISSPACE)
        return "the URL contains white space"
    return None


def _retry_after(response: requests.Response, default: float) -> float:
    value = response.headers.get("Retry-After")
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _root(e: BaseException) -> BaseException:
    seen = set()
    while True:
        nxt = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(
            e.args[0], BaseException) else None)
        reason = getattr(e, "reason", None)
        if isinstance(reason, BaseException) and id(reason) not in seen:
            nxt = reason
        if nxt is None or id(nxt) in seen:
            return e
        seen.add(id(e))
        e = nxt


def _root_message(e: BaseException) -> str:
    """The first line of the deepest error, with what a server may have put in it (control
    characters, terminal escapes) spelled out rather than passed on."""
    root = _root(e)
    text = (str(root) or type(root).__name__).splitlines()[0][:200]
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


DEFAULT_CACHE_TTL = 24 * 3600.0  # Settings' default: entries expire at it when written
