"""Fetch cited pages politely, safely and once, through a persistent HTTP cache.

Every outcome is a :class:`Capture`; no exception leaves :meth:`Fetcher.fetch`.
Errors from requests, urllib3 and sockets are translated here, at the boundary,
into a ``Capture.error_kind``:

    invalid_url      the URL cannot be fetched at all (no host, not http(s))
    private_address  the host resolves to a loopback/private/link-local/metadata address
    dns              the host name does not exist
    no_network       no host name resolves at all: this machine has no network
    timeout          connect or read time-out, or the total deadline passed
    tls              the TLS handshake or certificate failed
    connection       refused, reset, or closed mid-answer
    too_many_redirects
    too_large        the body (after decompression) is larger than the cap
    not_cached       offline, and the URL is not in the cache

Safety: the address check runs on the resolved address at connect time, for every
connection including each redirect hop, so a redirect or a DNS answer that points
inside the network is refused (see ``_GuardedConnection``).
"""

from __future__ import annotations

import email.utils
import functools
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    wait_exponential,
)
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NameResolutionError, NewConnectionError

from . import __version__
from .settings import Settings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"citecheck/{__version__} (citation verifier; +https://pypi.org/project/citecheck/)"
# A host name that exists as long as DNS works (RFC 2606): tells "no such host" from "no network".
CANARY_HOST = "example.com"

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass
class Capture:
    """What one URL gave: an answer with its body, or the reason there is none."""

    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, url) per hop
    error_kind: str | None = None
    error: str | None = None
    from_cache: bool = False
    fetched_at: str = ""
    attempts: int = 0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class FetchError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class _Deadline(threading.local):
    at: float = float("inf")


_deadline = _Deadline()


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
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address (cloud metadata lives here)"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_unspecified or ip.is_reserved:
        return f"{ip} is a reserved address"
    if ip.is_private or not ip.is_global:
        return f"{ip} is a private address"
    return None


class _GuardedConnection:
    """Mixin for urllib3 connections: resolve, vet every address, connect to a vetted one."""

    resolver: Resolver
    allow_private: bool

    def _new_conn(self) -> socket.socket:  # type: ignore[override]
        host, port = self._dns_host, self.port  # type: ignore[attr-defined]
        try:
            addresses = type(self).resolver(host, port)
        except socket.gaierror as e:
            raise NameResolutionError(host, self, e) from e  # type: ignore[arg-type]
        if not addresses:
            raise NameResolutionError(host, self, socket.gaierror("no address"))  # type: ignore[arg-type]
        if not type(self).allow_private and getattr(self, "proxy", None) is None:
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
            try:
                sock = socket.create_connection(
                    (address, port), self.timeout, source_address=self.source_address  # type: ignore[attr-defined]
                )
                for option in self.socket_options or ():  # type: ignore[attr-defined]
                    sock.setsockopt(*option)
                return sock
            except OSError as e:
                last = e
        if isinstance(last, TimeoutError | socket.timeout):
            from urllib3.exceptions import ConnectTimeoutError

            raise ConnectTimeoutError(self, f"connection to {host} timed out")  # type: ignore[arg-type]
        raise NewConnectionError(self, f"failed to connect to {host}: {last}")  # type: ignore[arg-type]


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

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):  # type: ignore[no-untyped-def,override]
        response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert,
                                proxies=proxies)
        cap = self._settings.max_body_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > _deadline.at:
                    raise FetchError("timeout", "the total deadline for this URL passed "
                                     "while the body was still arriving")
                chunk = response.raw.read1(65536, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise FetchError("too_large", f"the body is larger than the "
                                     f"{cap // (1024 * 1024)} MiB cap")
                chunks.append(chunk)
        except FetchError:
            response.close()
            raise
        response._content = b"".join(chunks)
        response._content_consumed = True
        response.close()
        return response


class Fetcher:
    """Fetches URLs through one cached, guarded session shared by all worker threads."""

    def __init__(self, settings: Settings, resolver: Resolver | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        from requests_cache import CachedSession

        self.settings = settings
        self._resolver = resolver or system_resolver
        self._sleep = sleep
        self._canary: bool | None = None
        self._canary_lock = threading.Lock()
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        self.session = CachedSession(
            str(settings.cache_dir / "http-cache.sqlite"),
            backend="sqlite",
            wal=True,
            expire_after=settings.cache_ttl,
            allowable_codes=(200, 203),  # failures are not cached as if they were answers
            stale_if_error=settings.offline,
        )
        adapter = _GuardedAdapter(settings, self._resolver)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.max_redirects = settings.max_redirects
        self.session.headers["User-Agent"] = settings.user_agent or USER_AGENT
        self.session.headers["Accept"] = (
            "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
        )
        self.session.merge_environment_settings = _once_per_origin(  # type: ignore[method-assign]
            self.session.merge_environment_settings)

    def close(self) -> None:
        self.session.close()

    def fetch(self, url: str) -> Capture:
        capture = Capture(url=url, fetched_at=_now())
        problem = _url_problem(url)
        if problem:
            capture.error_kind, capture.error = "invalid_url", problem
            return capture
        _deadline.at = time.monotonic() + self.settings.deadline
        try:
            response = self._get_with_retries(url, capture)
        except FetchError as e:
            capture.error_kind, capture.error = e.kind, str(e)
            if e.kind == "dns" and not self._network_works():
                capture.error_kind = "no_network"
                capture.error = (f"cannot resolve {urlsplit(url).hostname}: this machine has "
                                 "no working DNS (no network?)")
            return capture
        finally:
            _deadline.at = float("inf")
        capture.status = response.status_code
        capture.final_url = response.url
        capture.headers = {k.lower(): v for k, v in response.headers.items()}
        capture.content = response.content or b""
        capture.redirects = [(r.status_code, r.url) for r in response.history]
        capture.from_cache = bool(getattr(response, "from_cache", False))
        if capture.from_cache and getattr(response, "created_at", None):
            capture.fetched_at = response.created_at.astimezone(timezone.utc).isoformat(
                timespec="seconds")
        if self.settings.offline and response.status_code == 504:
            # requests-cache's own answer for "not cached" (504 is never stored).
            capture.status, capture.from_cache = None, False
            capture.error_kind = "not_cached"
            capture.error = "offline, and this URL is not in the cache"
        return capture

    def _get_with_retries(self, url: str, capture: Capture) -> requests.Response:
        """Retry connection errors, time-outs, 5xx and 429, honouring Retry-After (capped)."""
        settings = self.settings

        def pause(state: RetryCallState) -> float:
            seconds = wait_exponential(multiplier=0.5, max=8)(state)
            if state.outcome is not None and not state.outcome.failed:
                seconds = _retry_after(state.outcome.result(), default=seconds)
            return min(seconds, settings.max_retry_wait)

        def stop(state: RetryCallState) -> bool:
            return (settings.offline or state.attempt_number >= settings.retries
                    or time.monotonic() + pause(state) >= _deadline.at)

        def attempt() -> requests.Response:
            capture.attempts += 1
            return self._get_once(url)

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

    def _get_once(self, url: str) -> requests.Response:
        s = self.settings
        timeout = (min(s.timeout, 10.0), s.timeout)
        try:
            return self.session.get(
                url,
                timeout=timeout,
                only_if_cached=s.offline,
                refresh=s.refresh and not s.offline,
            )
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
                raise FetchError("dns", f"{urlsplit(url).hostname}: no such host") from None
            raise _Retryable("connection", f"connection failed: {_root_message(e)}") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, ValueError, UnicodeError) as e:
            raise FetchError("invalid_url", f"invalid URL: {e}") from None
        except requests.exceptions.RequestException as e:
            raise _Retryable("connection", f"request failed: {_root_message(e)}") from None

    def _network_works(self) -> bool:
        with self._canary_lock:
            if self._canary is None:
                try:
                    self._canary = bool(self._resolver(CANARY_HOST, 443))
                except OSError:
                    self._canary = False
            return self._canary


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


def _url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError as e:
        return f"malformed URL: {e}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http and https URLs are fetched, not {parts.scheme or 'a URL without scheme'}"
    if not parts.hostname:
        return "the URL has no host"
    if any(c.isspace() for c in url):
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
    root = _root(e)
    text = str(root) or type(root).__name__
    return text.splitlines()[0][:200]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
