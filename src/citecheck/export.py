"""`citecheck export`: the archive, or what reports cite of it, as a WACZ file.

WACZ 1.2.0 (https://specs.webrecorder.net/wacz/1.2.0/) is a ZIP file that replay tools
(ReplayWeb.page, pywb) open as is::

    archive/*.warc.gz         the WARC files, stored (not compressed again: read by range)
    indexes/index.cdx         the CDXJ index of every response and revisit record in them
    pages/pages.jsonl         the pages to open: each cited page, its title and its time
    datapackage.json          every other file with its size and sha256 (Frictionless Data)
    datapackage-digest.json   the sha256 of datapackage.json

Without reports, every WARC file of the archive goes in whole, and the pages are every
archived page that answered 2xx with HTML, PDF or text. With reports, one new WARC file
holds only the records they cite: the cited URL's capture (each redirect hop, its request
record beside it) and, for a revisit record, the record with the body it refers to.
Records are copied byte for byte, so their digests still hold.

Errors (an unreadable report, a record that is not in the archive, a file that cannot be
written) are :class:`ExportError`, one line each.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

from . import __version__
from ._files import read_json
from .archive import (
    Archive,
    ArchiveError,
    IndexEntry,
    WarcIndex,
    _header,
    _warc_date_of,
    _writer_class,
)
from .report import ROT_SCHEMA, SCHEMA, Report, ReportError

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Cited pages"}
_PAGE_MIMES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain")
# py-wacz (`wacz validate`, 0.5) accepts only the 1.1.1 marker; 1.2.0 readers ignore it.
_WACZ_VERSION_FOR_VALIDATORS = "1.1.1"


class ExportError(Exception):
    """The WACZ cannot be made; the message is one line for the user."""


@dataclass
class Page:
    url: str
    ts: str  # RFC 3339
    title: str | None = None


@dataclass
class Exported:
    """What went into the WACZ."""

    path: Path
    pages: int
    records: int
    warcs: list[str] = field(default_factory=list)
    size: int = 0


@dataclass
class _Cited:
    url: str
    warc: str
    offset: int
    date: str
    title: str | None


def export_wacz(out: Path, archive_dir: Path, reports: Sequence[Path] = (), *,
                now: datetime | None = None) -> Exported:
    """Write `out`, a WACZ of the archive in `archive_dir` (only what `reports` cite, if any)."""
    created = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    archive = Archive(archive_dir)
    try:
        index = archive.index()
    except ArchiveError as e:
        raise ExportError(str(e)) from None
    if not index.entries:
        raise ExportError(f"{archive_dir}: nothing archived there (run citecheck verify first)")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder")
    with tempfile.TemporaryDirectory(prefix="citecheck-export-") as scratch:
        if reports:
            cited = [c for path in reports for c in _cited(path)]
            warcs = [_subset_warc(index, cited, Path(scratch), created)]
            pages = _cited_pages(cited)
        else:
            warcs = sorted({e.path for e in index.entries}, key=lambda p: p.name)
            pages = _archived_pages(index)
        return _write(out, warcs, pages, created, description=_description(reports))


# --- what the reports cite ----------------------------------------------------------------

def _cited(path: Path) -> list[_Cited]:
    try:
        data = read_json(path, "JSON report")
    except ValueError as e:
        raise ExportError(str(e)) from None
    found: list[_Cited] = []
    if isinstance(data, dict) and data.get("schema") == ROT_SCHEMA:
        for doc in data.get("documents") or []:
            for c in doc.get("citations") or []:
                for key, title in (("live", None), ("compared_with", None)):
                    _add(found, c.get("url"), c.get(key), title)
                wayback = c.get("wayback") or {}
                _add(found, wayback.get("url"), wayback.get("archive"), None)
        return found
    try:
        report = Report.from_dict(data)
    except ReportError as e:
        raise ExportError(f"{path}: {e} (or {ROT_SCHEMA!r})") from None
    if data.get("schema") != SCHEMA:
        raise ExportError(f"{path}: not a citecheck report")
    for c in report.citations:
        _add(found, c.url, c.archive, c.source.title if c.source else None)
    return found


def _add(found: list[_Cited], url: object, archive: object, title: str | None) -> None:
    if not isinstance(url, str) or not isinstance(archive, dict):
        return
    try:
        found.append(_Cited(url, str(archive["warc"]), int(archive["offset"]),
                            str(archive.get("date") or ""), title))
    except (KeyError, TypeError, ValueError):
        return


def cited_records(index: WarcIndex, cited: list[_Cited],
                  hops: bool = False) -> dict[tuple[str, int], IndexEntry]:
    """The records the citations relied on, by (file name, offset): each cited record (with
    `hops`, the redirect hops archived with it too) and, for a revisit record, the record
    with the body it refers to."""
    by_place = {(e.path.name, e.offset): e for e in index.entries}
    chosen: dict[tuple[str, int], IndexEntry] = {}
    for c in cited:
        final = by_place.get((Path(c.warc).name, c.offset))
        if final is None:
            raise ExportError(f"{c.url}: its archived copy ({Path(c.warc).name} at offset "
                              f"{c.offset}) is not in this archive (another --cache-dir?)")
        for entry in [*(_hops(index, c.url, final) if hops else []), final]:
            chosen[(entry.path.name, entry.offset)] = entry
            if entry.mime == "warc/revisit":
                original = index.original(entry.url, entry.digest, same_url=True) \
                    or index.original(entry.url, entry.digest)
                if original is None:
                    raise ExportError(f"{entry.url}: a revisit record whose original "
                                      f"({entry.digest}) is not in the archive")
                chosen[(original.path.name, original.offset)] = original
    return chosen


def _subset_warc(index: WarcIndex, cited: list[_Cited], folder: Path, created: str) -> Path:
    """One WARC file of the records the citations rely on, copied byte for byte."""
    chosen = cited_records(index, cited, hops=True)
    path = folder / f"citecheck-export-{created.replace('-', '').replace(':', '')}.warc.gz"
    try:
        with open(path, "wb") as out:
            writer = _writer_class()(out, gzip=True)
            writer.write_record(writer.create_warcinfo_record(path.name, {
                "software": f"citecheck {__version__} (warcio)",
                "format": "WARC File Format 1.0",
                "description": "the archived copies that citecheck reports relied on",
            }))
            for entry in sorted(chosen.values(), key=lambda e: (e.timestamp, e.path.name,
                                                                e.offset)):
                out.write(_members(entry))
    except OSError as e:
        raise ExportError(f"{entry.path}: cannot read the archive ({e.strerror or e})") from None
    return path


def _hops(index: WarcIndex, url: str, final: IndexEntry) -> list[IndexEntry]:
    """The redirect hops archived with `final`, from the cited URL on."""
    hops: list[IndexEntry] = []
    current = url
    for _ in range(20):
        entry = index.latest(current, final.timestamp)
        if entry is None or (entry.path, entry.offset) == (final.path, final.offset):
            break
        exchange = index.load(entry)[1]
        location = _header(exchange.headers, "location")
        if not (300 <= exchange.status < 400 and location):
            break
        hops.append(entry)
        current = urljoin(current, location)
    return hops


def _members(entry: IndexEntry) -> bytes:
    """The record's gzip member, and the request record written right after it, if any."""
    from warcio.archiveiterator import ArchiveIterator

    with open(entry.path, "rb") as f:
        f.seek(entry.offset)
        data = f.read(entry.length)
        it = ArchiveIterator(f)
        try:
            record = next(iter(it))
        except StopIteration:
            return data
        if record.rec_type == "request":
            it.read_to_end()
            length = it.get_record_length()
            f.seek(entry.offset + entry.length)
            data += f.read(length)
    return data


def _cited_pages(cited: list[_Cited]) -> list[Page]:
    pages: dict[tuple[str, str], Page] = {}
    for c in cited:
        key = (c.url, c.date)
        if key not in pages or (c.title and not pages[key].title):
            pages[key] = Page(c.url, c.date, c.title)
    return list(pages.values())


def _archived_pages(index: WarcIndex) -> list[Page]:
    pages = []
    for entry in index.entries:
        if not 200 <= entry.status < 300:
            continue
        mime = entry.mime
        title = None
        if mime == "warc/revisit" or mime in ("text/html", "application/xhtml+xml"):
            exchange = index.load(entry)[1]
            mime = _header(exchange.headers, "content-type").split(";")[0].strip().lower()
            title = _title(exchange.content) if "html" in mime else None
        if mime in _PAGE_MIMES:
            pages.append(Page(entry.url, _warc_date_of(entry.timestamp), title))
    return pages


def _title(body: bytes) -> str | None:
    from lxml import etree, html

    try:
        text = html.fromstring(body).findtext(".//title")
    except (ValueError, TypeError, etree.ParserError):
        return None
    return " ".join(text.split()) if text and text.strip() else None


# --- the WACZ itself ------------------------------------------------------------------------

def _write(out: Path, warcs: list[Path], pages: list[Page], created: str,
           description: str) -> Exported:
    index = WarcIndex.scan(warcs)
    cdxj = "".join(e.to_cdxj() + "\n" for e in index.entries).encode("utf-8")
    lines = [PAGES_HEADER] + [
        {"id": hashlib.sha256(f"{p.ts} {p.url}".encode()).hexdigest()[:16], "url": p.url,
         "ts": p.ts, **({"title": p.title} if p.title else {})} for p in pages]
    jsonl = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
    resources = []
    fd, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(fd)
    try:
        with zipfile.ZipFile(temporary, "w") as z:
            for warc in warcs:
                name = f"archive/{warc.name}"
                z.write(warc, name, compress_type=zipfile.ZIP_STORED)
                resources.append(_resource(name, _file_digest(warc), warc.stat().st_size))
            for name, data in (("indexes/index.cdx", cdxj), ("pages/pages.jsonl", jsonl)):
                z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
                resources.append(_resource(name, hashlib.sha256(data).hexdigest(), len(data)))
            package = {
                "profile": "data-package",
                "wacz_version": _WACZ_VERSION_FOR_VALIDATORS,
                "title": "citecheck archive",
                "description": description,
                "created": created,
                "modified": created,
                "software": f"citecheck {__version__}",
                **({"home": {"url": pages[0].url, "ts": pages[0].ts}} if pages else {}),
                "resources": resources,
            }
            data = json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")
            z.writestr("datapackage.json", data, compress_type=zipfile.ZIP_DEFLATED)
            digest = {"path": "datapackage.json",
                      "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
            z.writestr("datapackage-digest.json", json.dumps(digest, indent=2),
                       compress_type=zipfile.ZIP_DEFLATED)
        os.replace(temporary, out)
    except OSError as e:
        raise ExportError(f"{out}: cannot write the WACZ ({e.strerror or e})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return Exported(out, len(pages), len(index.entries), [w.name for w in warcs],
                    out.stat().st_size)


def _resource(path: str, sha256: str, size: int) -> dict:
    return {"name": path.rsplit("/", 1)[-1].lower(), "path": path, "hash": f"sha256:{sha256}",
            "bytes": size}


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _description(reports: Sequence[Path]) -> str:
    if not reports:
        return "Every page citecheck archived, as fetched to verify citations."
    names = ", ".join(p.name for p in reports)
    return f"The archived copies of the pages cited, as citecheck verified them ({names})."
