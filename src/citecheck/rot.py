"""Link rot: each cited page now, against its archived copies; the Wayback Machine for the dead.

For every citation, the live page is fetched again (never from the HTTP cache), archived, and
compared with the last archived copy that was fine:

    dead         404/410, or the host name is gone
    soft_404     200, but gone: redirected to the home page, a "page not found" page, or the
                 same page the site gives for a made-up URL beside it (the probe link-rescue
                 bots use)
    redirected   it now redirects to a different page than the archived copy came from
    drifted      a figure of the claim that the archived copy had is gone, or the text is
                 mostly different (word-trigram similarity below 0.5)
    blocked      401/403/429, an anti-bot page
    unreachable  time-outs, 5xx, TLS errors, no network
    ok           none of the above

The archive's history of the URL says since when: every archived copy is judged in order,
each against the last one that was fine. What that leaves is remembered (rotmemory.py), so
the next run judges only the copies archived since: a weekly run costs the same in its
first week and its hundredth. For dead and soft-404 links the Wayback Machine's
CDX API (falling back to its availability API) gives the snapshot closest before the
citing document's date; when it has none, each Memento TimeGate (RFC 7089: the Time Travel
aggregator by default, which also asks archive.today, the Library of Congress and national
web archives) is asked in turn, with Accept-Datetime, for the memento closest before that
date. The claim is verified against the snapshot found and its address proposed instead.

Like the pipeline, this module never prints and never exits.
"""

from __future__ import annotations

import email.utils
import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode, urljoin

from requests.utils import parse_header_links

from .archive import Archive, ArchiveError, WarcIndex, sha256_digest, surt
from . import changes
from .document import Reference, read_document
from .fetch import Capture, Fetcher
from .check.figures import claim_figures, match_figure
from .check.numbers import Mention
from .pipeline import Progress, Reading, _fetch_all, _verdict, read_page, stopped_warnings
from .rotmemory import Judged, RotMemory
from .report import (
    ROTTED,
    ArchiveInfo,
    RotDocument,
    RotReport,
    RotResult,
    RotStatus,
    Status,
    WaybackSnapshot,
)
from .settings import Settings

DEFAULT_WAYBACK = "https://web.archive.org"
# Memento TimeGates asked when the Wayback Machine has no snapshot: the Time Travel aggregator
# (many archives behind one TimeGate). A TimeGate URL is followed by the page's URL.
DEFAULT_TIMEGATES = ("http://timetravel.mementoweb.org/timegate/",)
# A memento URL in the Wayback/pywb form (…/<14 digits>/<original>): its id_ form is the
# archived bytes, without the archive's banner and rewritten links.
_WAYBACK_FORM = re.compile(r"^(?P<base>.+?/)(?P<ts>\d{14})(?:[a-z]{2}_)?/(?P<original>https?:.+)$")
# The availability API answers on archive.org; any other Wayback base serves it itself.
_AVAILABILITY = {DEFAULT_WAYBACK: "https://archive.org/wayback/available"}
DRIFT_SIMILARITY = 0.5  # below this, the text is "mostly different"
PROBE_SIMILARITY = 0.9  # at or above this, the page is what the site says for any URL

_PAGE_STATUS = {
    Status.DEAD: RotStatus.DEAD,
    Status.BLOCKED: RotStatus.BLOCKED,
    Status.UNREACHABLE: RotStatus.UNREACHABLE,
    Status.INVALID: RotStatus.UNREACHABLE,
}


@dataclass
class _Verdict:
    status: RotStatus
    reason: str
    lost: list[str]
    similarity: float | None = None


def check_rot(
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    wayback: str | None = DEFAULT_WAYBACK,
    timegates: Sequence[str] = DEFAULT_TIMEGATES,
    as_of: str | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    changed_since: str | None = None,
) -> RotReport:
    """Check every cited URL of the documents for rot (with `changed_since`, only those whose
    claim or URL differ from the documents at that git ref). Raises InputError for unreadable
    input, ArchiveError when the archive cannot be read or written."""
    settings = settings.started()  # the run's deadline counts from here
    documents = [read_document(p) for p in paths]
    selected = changes.selections(documents, changed_since) if changed_since else {}
    references: dict[int, list[tuple[Reference, list[str]]]] = {}
    for d in documents:
        selection = selected.get(id(d))
        references[id(d)] = [
            (r, [u for u in r.urls if selection is None or selection.change(i, u)])
            for i, r in enumerate(d.references()) if not r.problem and r.urls]
    urls = list(dict.fromkeys(u for refs in references.values() for _, us in refs for u in us))
    skipped = {u: why for u in urls if (why := settings.excluded(u))}  # not fetched, not looked up
    urls = [u for u in urls if u not in skipped]
    archive = Archive(settings.archive_dir, settings.warc_max_bytes)
    history = archive.index()  # what was archived before today's fetches
    live_settings = replace(settings, refresh=True, offline=False)
    own = fetcher is None
    fetcher = fetcher or Fetcher(live_settings)
    memory = RotMemory(settings.cache_dir / "read")
    checker = _Checker(history, archive, fetcher, (wayback or "").rstrip("/"), timegates, memory,
                       settings.remapped)
    warnings: list[str] = []  # about the run, as verify's (pipeline.verify_documents)
    try:
        pages = _fetch_all(dict.fromkeys(urls, []), fetcher, live_settings, progress, archive,
                           read=read_page, warnings=warnings)
        results = []
        for doc in documents:
            when = as_of or doc.date
            result = RotDocument(path=doc.path, date=doc.date, as_of=when)
            if id(doc) in selected:
                result.changed_since = selected[id(doc)].as_dict()
            for ref, ref_urls in references[id(doc)]:
                result.citations.extend(
                    _skipped(ref, url, skipped[url]) if url in skipped
                    else checker.check(ref, url, pages[url], when) for url in ref_urls)
            results.append(result)
        memory.save()
    finally:
        warnings += [*archive.warnings, *getattr(fetcher, "warnings", [])]
        if own:
            fetcher.close()
        try:
            archive.close()
        except ArchiveError as e:  # the report is written all the same
            warnings.append(f"the archive's index could not be sorted: {e}")
    late = [*stopped_warnings(pages.values(), settings), checker.deadline_warning(settings)]
    return RotReport(documents=results, generated_at=now().isoformat(timespec="seconds"),
                     warnings=warnings + [w for w in late if w])


def _skipped(ref: Reference, url: str, why: str) -> RotResult:
    return RotResult(id=ref.label, url=url, claim=ref.claim, line=ref.line,
                     status=RotStatus.SKIPPED, reason=why)


class _Checker:
    def __init__(self, history: WarcIndex, archive: Archive, fetcher: Fetcher, wayback: str,
                 timegates: Sequence[str] = (), memory: RotMemory | None = None,
                 remapped: Callable[[str], str] = lambda url: url):
        self.remapped = remapped  # the settings' `remap`
        self.history = history
        self.memory = memory
        self.archive = archive
        self.fetcher = fetcher
        self.wayback = wayback  # "": not asked
        self.timegates = list(timegates)
        self._read_cache: dict[tuple, Reading] = {}
        self._probes: dict[str, Reading | None] = {}
        self._cut_off = 0  # requests the run's deadline stopped (snapshots, probes)

    def _fetch(self, url: str, headers: dict[str, str] | None = None) -> Capture:
        capture = self.fetcher.fetch(url, headers=headers) if headers else self.fetcher.fetch(url)
        self._cut_off += capture.error_kind == "run_deadline"
        return capture

    def deadline_warning(self, settings: Settings) -> str | None:
        """What the run's deadline stopped after the pages were fetched, as a run warning."""
        n = self._cut_off
        if not n:
            return None
        return (f"the run's {settings.run_deadline:g} s deadline (--run-deadline) was reached "
                f"after the cited pages were fetched: {n} request{'s' * (n != 1)} for "
                "web-archive snapshots or soft-404 probes not made or cut off")

    def check(self, ref: Reference, url: str, live: Reading, as_of: str | None) -> RotResult:
        figures = [f.mention for f in claim_figures(ref.claim) if f.checked]
        self._read_cache.setdefault(_answer(live.capture), live)  # its archived copies too
        baseline, first_ok, rotted_since = self._judge_history(url, ref.claim, figures)
        verdict = self._judge(live, baseline, ref.claim, figures, probe=True)
        c = live.capture
        result = RotResult(
            id=ref.label, url=url, claim=ref.claim, line=ref.line, status=verdict.status,
            reason=verdict.reason, http_status=c.status, final_url=c.final_url,
            lost_figures=verdict.lost, similarity=verdict.similarity,
            compared_with=baseline.capture.archived if baseline else None, live=c.archived,
            first_archived_ok=first_ok,
            last_archived_ok=_date(baseline.capture) if baseline else None,
        )
        if verdict.status is RotStatus.OK:
            result.first_archived_ok = first_ok or _date(c)
            result.last_archived_ok = _date(c)
        elif result.rotted:
            result.rotted_since = rotted_since or _date(c)
        if verdict.status in (RotStatus.DEAD, RotStatus.SOFT_404):
            result.wayback = self._wayback(url, ref.claim, figures, as_of)
        return result

    # --- judging one answer -----------------------------------------------------------

    def _judge(self, page: Reading, baseline: Reading | None, claim: str, figures: list[Mention],
               probe: bool) -> _Verdict:
        c = page.capture
        since = f" (archived {_day(baseline.capture)})" if baseline else ""
        if page.status is Status.DEAD:
            status = RotStatus.SOFT_404 if page.reason.startswith("soft 404") else RotStatus.DEAD
            return _Verdict(status, page.reason, [])
        if page.status is Status.UNREADABLE:
            if baseline is None or _same(c, baseline.capture):
                return _Verdict(RotStatus.OK, f"the page is there ({page.reason})", [])
            return _Verdict(RotStatus.DRIFTED, f"{page.reason}; the archived copy{since} "
                            "was readable", [])
        if page.status is not None:
            return _Verdict(_PAGE_STATUS.get(page.status, RotStatus.UNREACHABLE), page.reason, [])
        if baseline is not None and _same(c, baseline.capture):
            return _Verdict(RotStatus.OK, f"unchanged since the archived copy{since}", [], 1.0)
        if probe:
            alike = self._like_a_made_up_url(page)
            if alike:
                return _Verdict(RotStatus.SOFT_404, alike, [])
        if baseline is None or baseline.source is None:
            return _Verdict(RotStatus.OK, "the page is there; no earlier copy in the archive to "
                            "compare with", [])
        similarity = round(_similarity(baseline.source.text, page.source.text), 2) \
            if page.source else 0.0
        moved = bool(c.redirects) and surt(c.final_url or "") != surt(
            baseline.capture.final_url or "")
        if moved:
            return _Verdict(RotStatus.REDIRECTED, f"moved: now redirects to {c.final_url}, "
                            f"not to the page archived{since}", [], similarity)
        lost = [m.text for m in figures
                if self._has(baseline, claim, m) and not self._has(page, claim, m)]
        if lost:
            what = ", ".join(f"“{t}”" for t in lost)
            return _Verdict(RotStatus.DRIFTED, f"{what} was in the archived copy{since} and is "
                            "no longer in the page", lost, similarity)
        if similarity < DRIFT_SIMILARITY:
            return _Verdict(RotStatus.DRIFTED, f"the text is mostly different from the archived "
                            f"copy{since}: similarity {similarity:.2f}", [], similarity)
        return _Verdict(RotStatus.OK, f"changed a little since the archived copy{since}; the "
                        "figures are still there", [], similarity)

    def _has(self, page: Reading, claim: str, figure: Mention) -> bool:
        return page.index is not None and match_figure(figure, claim, page.index).found

    def _like_a_made_up_url(self, page: Reading) -> str | None:
        """What the site answers for a URL that cannot exist beside this one, if it is the same
        page: then the page is a catch-all, not the article."""
        base = page.capture.final_url or page.capture.url
        folder = urljoin(base, ".")
        if folder not in self._probes:
            probe_url = urljoin(folder, f"citecheck-probe-{secrets.token_hex(6)}")
            probe = read_page(self._fetch(probe_url))
            self._probes[folder] = probe if probe.source is not None else None
        probe = self._probes[folder]
        if probe is None or page.source is None or probe.source is None:
            return None
        similarity = _similarity(page.source.text, probe.source.text)
        if similarity >= PROBE_SIMILARITY:
            return (f"soft 404: the site answers the same page for a made-up URL beside it "
                    f"({probe.capture.url}; similarity {similarity:.2f})")
        return None

    # --- the archive's history ------------------------------------------------------------

    def _judge_history(self, url: str, claim: str, figures: list[Mention]
                       ) -> tuple[Reading | None, str | None, str | None]:
        """Every archived copy of `url`, oldest first, judged against the last one that was
        fine: (that copy, the date of the first fine copy, since when it has been rotten).
        Resumed where the last run stopped, when the archive still holds what it judged.
        A URL `remap` rewrites was fetched, and so archived, by its new address."""
        url = self.remapped(url)
        stamps = sorted({e.timestamp for e in self.history.history(url)})
        baseline: Reading | None = None
        baseline_stamp = first_ok = rotted_since = None
        start, record = 0, ""
        known = self.memory.get(url, claim) if self.memory else None
        if known and 0 < known.count <= len(stamps) and stamps[known.count - 1] == known.through \
                and (known.baseline is None or known.baseline in stamps[:known.count]):
            last = self.history.capture(url, at=known.through)
            kept = self._read(self.history.capture(url, at=known.baseline)) \
                if known.baseline else None
            if _record(last) == known.record and (
                    kept is None or _record(kept.capture) == known.baseline_record):
                baseline, baseline_stamp = kept, known.baseline
                first_ok, rotted_since = known.first_ok, known.rotted_since
                start, record = known.count, known.record
        for stamp in stamps[start:]:
            page = self._read(self.history.capture(url, at=stamp))
            verdict = self._judge(page, baseline, claim, figures, probe=False)
            date = _date(page.capture)
            if verdict.status is RotStatus.OK:
                baseline, baseline_stamp, rotted_since = page, stamp, None
                first_ok = first_ok or date
            elif verdict.status in ROTTED and rotted_since is None:
                rotted_since = date
            record = _record(page.capture)
        if stamps and self.memory:
            self.memory.put(url, claim, Judged(
                stamps[-1], len(stamps), record, baseline_stamp,
                _record(baseline.capture) if baseline else "", first_ok, rotted_since))
        return baseline, first_ok, rotted_since

    def _read(self, capture: Capture) -> Reading:
        """`read_page` once per distinct answer: the history of a page repeats itself."""
        key = _answer(capture)
        if key not in self._read_cache:
            self._read_cache[key] = read_page(capture)
        return replace(self._read_cache[key], capture=capture)

    # --- the Wayback Machine ----------------------------------------------------------

    def _wayback(self, url: str, claim: str, figures: list[Mention],
                 as_of: str | None) -> WaybackSnapshot:
        """The snapshot closest before `as_of`: the Wayback Machine's, else the first
        TimeGate's that has one; the claim verified against it."""
        reasons = []
        if self.wayback:
            found = self._closest(url, as_of)
            if not isinstance(found, str):
                timestamp, original, note = found
                return self._snapshot(f"{self.wayback}/web/{timestamp}/{original}",
                                      f"{self.wayback}/web/{timestamp}id_/{original}",
                                      timestamp, note, claim, figures)
            reasons.append(found)
        for timegate in self.timegates:
            memento = self._memento(timegate, url, as_of)
            if isinstance(memento, str):
                reasons.append(memento)
                continue
            address, timestamp = memento
            shape = _WAYBACK_FORM.match(address)
            raw = (f"{shape['base']}{shape['ts']}id_/{shape['original']}" if shape
                   else address)
            return self._snapshot(address, raw, timestamp, "", claim, figures, timegate)
        return WaybackSnapshot(None, None, None, "; ".join(reasons) or
                               "no web archive to ask (--wayback none, --memento none)")

    def _snapshot(self, address: str, raw: str, timestamp: str, note: str, claim: str,
                  figures: list[Mention], timegate: str | None = None) -> WaybackSnapshot:
        capture = self._fetch(raw)
        capture.archived = capture.archived or self.archive.store(capture)
        page = read_page(capture)
        snapshot = WaybackSnapshot(address, timestamp, None, "", capture.archived, timegate)
        if page.index is None:
            snapshot.status = page.status or Status.UNREACHABLE
            snapshot.reason = f"the snapshot could not be read: {page.reason}{note}"
            return snapshot
        checked = [match_figure(m, claim, page.index) for m in figures]
        snapshot.status, reason = _verdict(checked)
        snapshot.reason = reason.replace("in the page", "in the snapshot") + note
        return snapshot

    def _closest(self, url: str, as_of: str | None) -> tuple[str, str, str] | str:
        """(timestamp, original URL, note) of the snapshot closest before `as_of`, or why none."""
        before = as_of.replace("-", "") if as_of else None
        params = {"url": url, "output": "json", "fl": "timestamp,original,statuscode",
                  "filter": "statuscode:200", "limit": "-1"}
        if before:
            params["to"] = before
        cdx = self._fetch(f"{self.wayback}/cdx/search/cdx?{urlencode(params)}")
        rows = _json(cdx)
        if isinstance(rows, list):
            rows = [r for r in rows[1:] if isinstance(r, list) and len(r) >= 2
                    and re.fullmatch(r"\d{14}", str(r[0]))]
            if not rows:
                return ("the Wayback Machine has no snapshot" +
                        (f" before {as_of}" if as_of else ""))
            timestamp, original = max(rows, key=lambda r: r[0])[:2]
            return str(timestamp), str(original), ""
        # The CDX API did not answer: ask the availability API for the closest snapshot.
        api = _AVAILABILITY.get(self.wayback, f"{self.wayback}/wayback/available")
        query = {"url": url, **({"timestamp": before} if before else {})}
        available = _json(self._fetch(f"{api}?{urlencode(query)}"))
        closest = (available or {}).get("archived_snapshots", {}).get("closest") \
            if isinstance(available, dict) else None
        if not closest or not closest.get("available") or not re.fullmatch(
                r"\d{14}", str(closest.get("timestamp", ""))):
            why = cdx.error or (f"HTTP {cdx.status}" if cdx.status else "no answer")
            return f"the Wayback Machine has no snapshot (CDX API: {why})"
        timestamp = str(closest["timestamp"])
        note = (f" (the closest snapshot is after {as_of})"
                if before and timestamp[:len(before)] > before else "")
        return timestamp, url, note


    def _memento(self, timegate: str, url: str, as_of: str | None) -> tuple[str, str] | str:
        """(memento URL, yyyymmddhhmmss) of the memento closest before the end of `as_of`
        that the TimeGate knows, or why there is none (RFC 7089: ask with Accept-Datetime,
        follow the redirect to the memento; when that one is later, its Link header's
        "prev memento", if not later)."""
        name = timegate.split("://", 1)[-1].split("/", 1)[0]
        try:
            when = datetime.fromisoformat(as_of or "").replace(
                hour=23, minute=59, second=59, tzinfo=timezone.utc)
        except ValueError:  # no date: the latest memento
            when = datetime.now(timezone.utc)
        answer = self._fetch(timegate + url, headers={
            "Accept-Datetime": email.utils.format_datetime(when, usegmt=True)})
        if answer.error_kind or answer.status != 200:
            why = answer.error or (f"HTTP {answer.status}" if answer.status else "no answer")
            return f"the TimeGate at {name} has no memento ({why})"
        at = _memento_datetime(answer.headers.get("memento-datetime", ""))
        if at is None:
            return f"the TimeGate at {name} answered without a Memento-Datetime"
        address = answer.final_url or timegate + url
        if at > when:
            earlier = [(d, link["url"]) for link in parse_header_links(
                       answer.headers.get("link", "")) if "memento" in link.get("rel", "").split()
                       and (d := _memento_datetime(link.get("datetime", ""))) and d <= when]
            if not earlier:
                return (f"the TimeGate at {name} has no memento before {as_of or 'now'} "
                        f"(the closest is from {at:%Y-%m-%d})")
            at, address = max(earlier)
        return address, at.strftime("%Y%m%d%H%M%S")


def _memento_datetime(value: str) -> datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when


_WORD_RE = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD_RE.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _similarity(a: str, b: str) -> float:
    """Jaccard similarity of word trigrams: 1.0 the same text, 0.0 nothing in common."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _answer(capture: Capture) -> tuple:
    """What reading an answer depends on: the same for every copy of an unchanged page."""
    return (capture.error_kind, capture.status, capture.final_url, bool(capture.redirects),
            sha256_digest(capture.content))


def _record(capture: Capture) -> str:
    return capture.archived.record_id if capture.archived else ""


def _same(a: Capture, b: Capture) -> bool:
    return a.content == b.content and surt(a.final_url or "") == surt(b.final_url or "")


def _date(capture: Capture) -> str:
    info: ArchiveInfo | None = capture.archived
    return info.date if info else capture.fetched_at


def _day(capture: Capture) -> str:
    return _date(capture)[:10]


def _json(capture: Capture) -> object:
    if capture.status != 200 or not capture.content:
        return None
    try:
        return json.loads(capture.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
