"""What fetching a URL gives (:class:`Capture`, every hop an :class:`Exchange`), apart from
the fetching itself (``fetch.py``): the report, the archive, the remembered readings and the
fresh pages use these without importing requests, urllib3 and tenacity, which a re-run from
the fresh pages (``fresh.py``) never needs (about 60 ms of its start)."""

from __future__ import annotations

import threading

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import ArchiveInfo


class CacheError(Exception):
    """The HTTP cache cannot be opened (not a database, no permission): a one-line error."""


@dataclass
class Exchange:
    """One HTTP request and its answer (one hop of a redirect chain), as a WARC stores it.

    The body is decoded (no gzip, no chunks), so the headers carry no Content-Encoding or
    Transfer-Encoding and a Content-Length that is the decoded body's length.
    """

    url: str
    status: int
    reason: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    content: bytes = b""
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    http_version: str = "HTTP/1.1"
    ours: bool = True  # read back from an archive: whether citecheck wrote that record here
    truncated: bool = False  # the body was cut (a redirect's, at 64 KiB): WARC-Truncated


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
    origin: str | None = None  # a key of report.ORIGINS; None when nothing answered
    fetched_at: str = ""
    attempts: int = 0
    exchanges: list[Exchange] = field(default_factory=list)  # every hop, the last one final
    archived: ArchiveInfo | None = None  # the WARC record of the final answer, once archived
    archive_error: str | None = None  # why it could not be archived (a full disk)
    # lychee's `accept`: True, the status is accepted (its page is read whatever it is);
    # False, a 2xx that is not; None, no `accept` given (2xx is read, the rest judged).
    accepted: bool | None = None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def judge_accept(capture: Capture, accept: frozenset[int] | None) -> Capture:
    """Mark the capture's status as lychee's `accept` list has it (see Capture.accepted)."""
    if accept is not None and capture.status is not None and not capture.error_kind:
        if capture.status in accept:
            capture.accepted = True
        elif 200 <= capture.status < 300:
            capture.accepted = False
    return capture


_interrupted: list[str] = []  # the signal that interrupted the run, once one has (fetch.interrupt)
_woken = threading.Event()  # set by fetch.interrupt: retries waiting to be sent give up


def interrupt_cleared() -> None:
    """Forget an interruption: a new run starts (in the same process, as in the tests)."""
    _interrupted.clear()
    _woken.clear()


def interrupted_by() -> str | None:
    """The signal that interrupted the run (Ctrl-C, SIGTERM), or None."""
    return _interrupted[0] if _interrupted else None


def interrupted_reason(signal_name: str, started: bool = False) -> str:
    """The reason of a citation an interruption left without an answer."""
    if started:
        return f"cut off: the run was interrupted ({signal_name}) before the answer was complete"
    return f"not fetched: the run was interrupted ({signal_name})"


def run_deadline_reached(seconds: float, started: bool = False) -> str:
    """The reason of a citation the run's deadline left without an answer."""
    if started:
        return (f"cut off: the run's {seconds:g} s deadline (--run-deadline) was reached "
                "before the answer was complete")
    return f"not fetched: the run's {seconds:g} s deadline (--run-deadline) was reached"
