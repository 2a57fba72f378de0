"""Everything a run can be told, in one object the command line fills in."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .report import DEFAULT_FAIL_ON, Status


@dataclass(frozen=True)
class Settings:
    cache_dir: Path = Path("cache")
    offline: bool = False  # answer from the archive only (the latest copy); no network
    replay: tuple[Path, ...] = ()  # answer from these WARC files only; no network
    refresh: bool = False  # ignore cached answers and fetch again
    allow_private_hosts: bool = False
    concurrency: int | None = None  # URLs fetched at once; None: hosts × per_host, capped
    per_host: int = 2  # simultaneous requests to one host
    timeout: float = 20.0  # connect and read time-out, seconds
    deadline: float = 60.0  # total time for one URL, retries included
    run_deadline: float = 1800.0  # total time of the run: past it, no page is fetched
    # When this run's deadline is reached, in seconds since the epoch (wall clock: the same
    # on every machine of a cluster); set by `started()` when the run starts.
    run_ends_at: float | None = None
    retries: int = 3  # attempts for a retryable failure (5xx, 429, connection errors)
    max_retry_wait: float = 30.0  # longest Retry-After honoured, seconds
    max_body_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    cache_ttl: float = 24 * 3600.0  # a cached page younger than this is not fetched again
    user_agent: str | None = None  # default: citecheck/<version> (+project URL)
    skip_hosts: tuple[str, ...] = ()  # never fetched (subdomains too): citations are `skipped`
    fail_on: frozenset[Status] = DEFAULT_FAIL_ON  # statuses that make the run fail (exit 1)
    warc_max_bytes: int = 100 * 1024 * 1024  # start a new WARC file past this size
    executor: str | None = None  # dask://HOST:PORT or local:N: fetch and read on Dask
    # Options lychee users know (lychee.toml's names in citecheck.toml):
    headers: tuple[tuple[str, str], ...] = ()  # `header`: sent with every request
    host_headers: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # [hosts."h"] headers
    cookie_jar: Path | None = None  # `cookie_jar`: a Netscape cookies.txt, sent by domain
    exclude: tuple[str, ...] = ()  # `exclude`: URLs matching one of these regexes are skipped
    remap: tuple[tuple[str, str], ...] = ()  # `remap`: (regex, replacement), the first matching
    accept: frozenset[int] | None = None  # `accept`: statuses whose page is read; None: 2xx

    def started(self) -> Settings:
        """These settings with the run's deadline counted from now (unless already counted)."""
        if self.run_ends_at is not None:
            return self
        return replace(self, run_ends_at=time.time() + self.run_deadline)

    def skips(self, host: str | None) -> bool:
        host = (host or "").lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.skip_hosts)

    def excluded(self, url: str) -> str | None:
        """Why `url` is not fetched (a host in skip-hosts, an exclude pattern), if it is not."""
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if self.skips(host):
            return f"{host} is in skip-hosts: not checked"
        for pattern in self.exclude:
            if _regex(pattern).search(url):
                return f"matches the exclude pattern {pattern!r}: not checked"
        return None

    def remapped(self, url: str) -> str:
        """`url` rewritten by the first `remap` rule whose pattern it matches."""
        for pattern, replacement in self.remap:
            if _regex(pattern).search(url):
                return _regex(pattern).sub(replacement, url)
        return url

    def headers_for(self, host: str | None) -> dict[str, str]:
        """The headers to send to `host`: `header`, then its own `[hosts."host"]` ones."""
        host = (host or "").lower().rstrip(".")
        headers = dict(self.headers)
        for name, values in self.host_headers:
            if name == host:
                headers.update(values)
        return headers

    def answer_options(self) -> str:
        """The options that change what a URL answers, as one string (for pages kept)."""
        return repr((self.headers, self.host_headers, str(self.cookie_jar or ""), self.remap,
                     sorted(self.accept or ()), self.max_redirects, self.user_agent))

    @property
    def archive_dir(self) -> Path:
        return self.cache_dir / "warc"


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
