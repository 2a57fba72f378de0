"""Pages still fresh: what a run gave for each page, kept so that the next run within the
HTTP cache's lifetime (``cache_ttl``) costs neither an HTTP-cache read nor a reading.

A re-run of an unchanged letter would otherwise open the HTTP cache (requests-cache,
SQLite), read and verify every entry, digest every body to find its remembered reading,
and load those readings one file each. Within the cache's lifetime every one of these
gives what the last run saw, so that run's outcome for the page is kept whole: the
capture without its body (status, headers, redirects, the archived record), what was read
of the page, and the figures matched for each claim citing it, in one file,
``<cache>/read/fresh.json``, authenticated with citecheck's own key (``_trust``): a
planted or damaged file is ignored, as a missing one is.

The file is a head line (``citecheck-fresh/2 <HMAC>``), then one line per page: its URL
and fetch time as JSON strings and its entry as a JSON object, separated by tabs. A run
decodes only the entries of the pages it cites; the others are kept as their bytes and
written back as they were, so that neither grows with the pages of other letters.

A page is taken from here only when its answer was a success the HTTP cache keeps
(200, 203), it was archived and its WARC file is still there, it is younger than
``cache_ttl``, the reading code is the same (the remembered readings' digest), and every
claim citing it now was matched last time; anything else is fetched and read as usual.
``--refresh``, ``--offline``, ``--replay`` and ``rot`` never use it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from . import _trust
from ._files import write_atomically_with
from .capture import Capture
from .report import ArchiveInfo, FigureResult, SourceInfo, Status, TermResult, flat

if TYPE_CHECKING:
    from .pipeline import _Page
    from .readcache import ReadCache

FILE_NAME = "fresh.json"
_HEAD = b"citecheck-fresh/2 "
_MAC_LENGTH = 64  # an HMAC-SHA256 in hex
_KEPT = frozenset({200, 203})  # what the HTTP cache keeps (fetch.Fetcher: allowable_codes)
_NOT_KEPT = ("content", "exchanges")  # the body and every hop's body: archived
# The fields of pipeline._Page this module keeps; a page with others is never kept here
# (a test says so when _Page grows), so nothing the report needs can be left out.
PAGE_FIELDS = frozenset({"capture", "source", "matches", "terms", "status", "reason"})


class FreshPages:
    def __init__(self, folder: Path, ttl: float, sources: ReadCache, options: str = ""):
        """`options`: the settings that change what a page's answer is (headers, cookies,
        remap, accept, redirects): a page kept under other options is fetched again."""
        from .pipeline import _Page

        self.path = folder / FILE_NAME
        self.ttl = ttl
        # Reading code, and the code that decides a page's verdict from its answer.
        here = Path(__file__).parent
        code = hashlib.sha256(sources.code_digest().encode() + options.encode())
        for name in ("pipeline.py", "fresh.py"):
            try:
                code.update((here / name).read_bytes())
            except OSError:
                code.update(name.encode())
        self.code = code.hexdigest()
        self.usable = {f.name for f in fields(_Page)} <= PAGE_FIELDS
        # URL → (fetched at, the entry's JSON): decoded only for the pages a run cites.
        self._lines: dict[str, tuple[str, bytes]] = {}
        self._taken: set[str] = set()
        self._loaded = False

    def pages(self, claims: dict[str, list[str]]) -> dict[str, _Page]:
        """The pages of these URLs that are still fresh, each as the last run left it."""
        from .pipeline import _Page

        if not self.usable:
            return {}
        self._load()
        now = datetime.now(timezone.utc).timestamp()
        warcs: dict[str, bool] = {}
        out: dict[str, _Page] = {}
        for url, wanted in claims.items():
            line = self._lines.get(url)
            if line is None or _age(line[0], now) >= self.ttl:
                continue
            try:
                entry = orjson.loads(line[1])
                if entry.get("code") != self.code:
                    continue
                page = _page(_Page, entry)
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
                continue
            archived = page.capture.archived
            if archived is None:
                continue
            if archived.warc not in warcs:
                warcs[archived.warc] = Path(archived.warc).is_file()
            if not warcs[archived.warc]:
                continue
            if not all(c in found for found in (page.matches, page.terms) if found is not None
                       for c in wanted):
                continue  # a claim matched in no earlier run: read the page again
            out[url] = page
            self._taken.add(url)
        return out

    def save(self, pages: dict[str, Any]) -> None:
        """Keep the pages of this run that qualify (and the fresh entries of other URLs),
        written line by line: no page's entry is held longer than it takes to write it."""
        from .pipeline import _unpacked

        if not self.usable:
            return
        new = [url for url in pages if url not in self._taken]
        if not new:
            return
        self._load()
        now = datetime.now(timezone.utc).timestamp()

        def write(f: BinaryIO) -> None:
            f.write(_HEAD + b"0" * _MAC_LENGTH + b"\n")  # the HMAC, once the lines are known
            mac = hmac.new(_trust.key(), digestmod=hashlib.sha256)

            def line(url: str, fetched: str, entry: bytes) -> None:
                data = b"%s\t%s\t%s\n" % (orjson.dumps(url), orjson.dumps(fetched), entry)
                mac.update(data)
                f.write(data)

            for url, (fetched, entry) in self._lines.items():
                if url not in pages and _age(fetched, now) < self.ttl:
                    line(url, fetched, entry)  # another letter's page, as it was
            for url in pages:
                if url in self._taken:
                    line(url, *self._lines[url])
                    continue
                kept = _entry(_unpacked(pages[url]), self.code)
                if kept is None or _age(kept["capture"]["fetched_at"], now) >= self.ttl:
                    continue
                try:
                    line(url, kept["capture"]["fetched_at"], orjson.dumps(kept))
                except orjson.JSONEncodeError:
                    continue  # a lone surrogate from the page: this page is not kept
            f.seek(len(_HEAD))
            f.write(mac.hexdigest().encode())

        try:
            write_atomically_with(self.path, write)
        except (OSError, TypeError, ValueError):
            pass  # only costs the next run its HTTP-cache reads

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            with open(self.path, "rb") as f:
                head = f.readline()
                data = f.read()
        except OSError:
            return
        expected = head[len(_HEAD):].strip()
        if not head.startswith(_HEAD) or len(expected) != _MAC_LENGTH:
            return
        mac = hmac.new(_trust.key(), data, hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(expected, mac):
            return  # not written by citecheck with this user's key: ignored
        try:
            for line in data.splitlines():
                url, fetched, entry = line.split(b"\t", 2)
                self._lines[orjson.loads(url)] = (orjson.loads(fetched), entry)
        except (ValueError, orjson.JSONDecodeError):
            self._lines = {}  # a line of another layout: none is trusted


def _entry(page: _Page, code: str) -> dict | None:
    c = page.capture
    if c.error_kind or c.status not in _KEPT or c.archived is None or not c.fetched_at:
        return None
    capture = {f.name: getattr(c, f.name) for f in fields(Capture) if f.name not in _NOT_KEPT}
    capture["archived"] = flat(c.archived)
    return {
        "code": code,
        "capture": capture,
        "source": flat(page.source) if page.source else None,
        "status": page.status.value if page.status else None,
        "reason": page.reason,
        "matches": _plain(page.matches),
        "terms": _plain(page.terms),
    }


def _plain(results: dict[str, list] | None) -> dict[str, list[dict]] | None:
    return None if results is None else \
        {claim: [flat(r) for r in found] for claim, found in results.items()}


def _results(cls: type, results: dict[str, list[dict]] | None) -> dict[str, list] | None:
    return None if results is None else \
        {claim: [cls(**r) for r in found] for claim, found in results.items()}


def _page(cls: type, entry: dict) -> _Page:
    values = dict(entry["capture"])
    values["archived"] = ArchiveInfo(**values["archived"])
    values["redirects"] = [tuple(r) for r in values.get("redirects", [])]
    values["from_cache"], values["origin"] = True, "http_cache"  # as the HTTP cache answers
    return cls(
        capture=Capture(**values),
        source=SourceInfo(**entry["source"]) if entry["source"] else None,
        matches=_results(FigureResult, entry["matches"]),
        terms=_results(TermResult, entry["terms"]),
        status=Status(entry["status"]) if entry["status"] else None,
        reason=entry["reason"],
    )


def _age(fetched_at: object, now: float) -> float:
    try:
        return now - datetime.fromisoformat(fetched_at).timestamp()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")
