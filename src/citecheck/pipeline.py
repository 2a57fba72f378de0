"""The pipeline: documents → citations → captures → sources → evidence → report.

It never prints and never exits: the command line turns its :class:`Report` into
output and an exit status.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from .document import Document, Reference, read_document
from .extract import Source, Unreadable, extract
from .fetch import Capture, Fetcher
from .match import SourceIndex, claim_figures, match_figure
from .numbers import Mention
from .report import (
    CitationResult,
    DocumentResult,
    DocumentWarning,
    FetchResult,
    FigureResult,
    Report,
    SourceInfo,
    Status,
    number,
)
from .settings import Settings

Progress = Callable[[int, int, str], None]

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


@dataclass
class _Page:
    """One distinct URL, fetched once and read once, shared by all citations of it."""

    capture: Capture
    source: Source | None = None
    index: SourceIndex | None = None
    status: Status | None = None  # set when the page itself decides the verdict
    reason: str = ""


def verify(
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
) -> Report:
    """Verify every citation of every document. Raises InputError for unreadable input."""
    documents = [read_document(p) for p in paths]
    return verify_documents(documents, settings, fetcher=fetcher, progress=progress, now=now)


def verify_documents(
    documents: Sequence[Document],
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
) -> Report:
    references = {id(d): d.references() for d in documents}
    urls = list(dict.fromkeys(
        url for refs in references.values() for ref in refs if not ref.problem for url in ref.urls
    ))
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        pages = _fetch_all(urls, fetcher, settings, progress)
    finally:
        if own_fetcher:
            fetcher.close()
    results = []
    for doc in documents:
        result = DocumentResult(
            path=doc.path,
            date=doc.date,
            warnings=[DocumentWarning(w.line, w.message) for w in doc.warnings],
        )
        for ref in references[id(doc)]:
            result.citations.extend(_judge(ref, pages))
        results.append(result)
    return Report(documents=results, generated_at=now().isoformat(timespec="seconds"))


def _fetch_all(
    urls: list[str], fetcher: Fetcher, settings: Settings, progress: Progress | None
) -> dict[str, _Page]:
    host_locks: dict[str, threading.Semaphore] = {}
    guard = threading.Lock()

    def host_lock(url: str) -> threading.Semaphore:
        # host[:port] without user info: different ports are different servers
        host = urlsplit(url).netloc.rpartition("@")[2].lower()
        with guard:
            return host_locks.setdefault(host, threading.Semaphore(max(1, settings.per_host)))

    def work(url: str) -> _Page:
        with host_lock(url):
            capture = fetcher.fetch(url)
        return _read(capture)

    pages: dict[str, _Page] = {}
    if not urls:
        return pages
    with ThreadPoolExecutor(max_workers=max(1, min(settings.concurrency, len(urls)))) as pool:
        futures = {pool.submit(work, url): url for url in urls}
        for done, future in enumerate(as_completed(futures), start=1):
            url = futures[future]
            pages[url] = future.result()
            if progress:
                progress(done, len(urls), url)
    return pages


def _read(capture: Capture) -> _Page:
    """Decide what the answer means for the page, and read its text when there is one."""
    page = _Page(capture)
    if capture.error_kind:
        page.status = _ERROR_STATUS.get(capture.error_kind, Status.UNREACHABLE)
        page.reason = capture.error or capture.error_kind
        return page
    code = capture.status or 0
    if code in (404, 410):
        page.status, page.reason = Status.DEAD, f"HTTP {code}: the page is gone"
    elif code in (401, 403, 407, 429, 451):
        page.status, page.reason = Status.BLOCKED, f"HTTP {code}: access refused"
        if code == 429:
            page.reason = f"HTTP 429: rate-limited after {capture.attempts} attempts"
    elif code >= 500:
        page.status = Status.UNREACHABLE
        page.reason = f"HTTP {code}: server error after {capture.attempts} attempts"
    elif code >= 400:
        page.status, page.reason = Status.DEAD, f"HTTP {code}"
    elif not 200 <= code < 300:
        page.status, page.reason = Status.UNREACHABLE, f"HTTP {code}: no page in the answer"
    if page.status:
        return page
    if _redirected_home(capture):
        page.status = Status.DEAD
        page.reason = f"soft 404: redirected to the site's home page {capture.final_url}"
        return page
    try:
        page.source = extract(capture)
    except Unreadable as e:
        page.status, page.reason = Status.UNREADABLE, str(e)
        return page
    head = f"{page.source.title or ''}\n{page.source.text[:300]}"
    if _ANTIBOT_RE.search(head) and len(page.source.text) < 3000:
        page.status, page.reason = Status.BLOCKED, "an anti-bot or consent page answered"
    elif _SOFT_404_RE.search(page.source.title or "") or (
        len(page.source.text) < 1500 and _SOFT_404_RE.search(head)
    ):
        page.status = Status.DEAD
        page.reason = f"soft 404: the page says it was not found ({_one_line(head)[:80]})"
    else:
        page.index = SourceIndex(page.source.text, page.source.language)
    return page


def _redirected_home(capture: Capture) -> bool:
    if not capture.redirects or not capture.final_url:
        return False
    asked, got = urlsplit(capture.url), urlsplit(capture.final_url)
    asked_deep = asked.path.strip("/") != "" or bool(asked.query)
    return asked_deep and got.path.strip("/") in ("", "index.html", "index.php") and not got.query


def _judge(ref: Reference, pages: dict[str, _Page]) -> list[CitationResult]:
    if ref.problem:
        return [_citation(ref, None, Status.INVALID, ref.problem)]
    return [_judge_url(ref, url, pages[url]) for url in ref.urls]


def _judge_url(ref: Reference, url: str, page: _Page) -> CitationResult:
    figures = claim_figures(ref.claim)
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
    )
    if page.source is not None:
        s = page.source
        result.source = SourceInfo(s.title, s.language, s.published, s.kind, len(s.text))
    if page.status is not None or page.index is None:
        result.status, result.reason = page.status or Status.UNREACHABLE, page.reason
        result.figures = [_unchecked(f.mention) for f in figures if f.checked]
        return result
    checked = [match_figure(f.mention, ref.claim, page.index) for f in figures if f.checked]
    result.figures = checked
    result.status, result.reason = _verdict(checked)
    return result


def _verdict(figures: list[FigureResult]) -> tuple[Status, str]:
    if not figures:
        return Status.NO_FIGURES, "the page is there; the claim states no figure to check"
    found = [f for f in figures if f.found]
    missing = [f for f in figures if not f.found]
    consistent = [f.text for f in found if f.outcome == "consistent"]
    note = f" ({', '.join(consistent)}: consistent, not stated as such)" if consistent else ""
    if not missing:
        return Status.VERIFIED, f"found {_list(found)} in the page{note}"
    if found:
        return Status.PARTIAL, f"found {_list(found)}; not found: {_list(missing)}{note}"
    return Status.NOT_FOUND, f"not found in the page: {_list(missing)}"


def _list(figures: list[FigureResult]) -> str:
    return ", ".join(f"“{f.text}”" for f in figures)


def _unchecked(m: Mention) -> FigureResult:
    return FigureResult(m.text, number(m.value), m.kind, m.qualifier, False, "unchecked")


def _citation(ref: Reference, url: str | None, status: Status, reason: str) -> CitationResult:
    return CitationResult(
        id=ref.label, url=url, claim=ref.claim, sentence=ref.sentence,
        line=ref.line, column=ref.column, status=status, reason=reason,
    )


def _one_line(s: str) -> str:
    return " ".join(s.split())
