"""Everything a run can be told, in one object the command line fills in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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

    def skips(self, host: str | None) -> bool:
        host = (host or "").lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.skip_hosts)

    @property
    def archive_dir(self) -> Path:
        return self.cache_dir / "warc"
