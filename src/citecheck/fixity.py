"""Fixity: a manifest of the digests of every archived record a report relied on, and an
RFC 3161 timestamp of it, so that a reviewer can tell the archive was not edited afterwards.

For each citation of the report with an archived copy, the manifest names the record the
verdict was made on (its WARC file, offset, record id, WARC-Date, payload digest) and the
sha256 of the record as stored (the whole gzip member: headers and body, so any edit shows);
for a revisit record, the record with the body it refers to too. The manifest names the
report by its sha256 as well.

With a timestamping authority (TSA) URL, the manifest file's sha256 is sent to it as an
RFC 3161 TimeStampReq (asn1crypto builds and reads the DER); its TimeStampResp is written
beside the manifest (``MANIFEST.tsr``), after checking that it was granted and that it
stamps this very digest and nonce. Anyone can then check it without citecheck::

    openssl ts -verify -data manifest.json -in manifest.json.tsr -CAfile tsa-chain.pem

:func:`check` reads the archive again and says which records differ from the manifest.
Errors are :class:`FixityError`, one line each.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from ._files import read_json
from .archive import Archive, ArchiveError, IndexEntry, WarcIndex

SCHEMA = "citecheck.fixity/1"


class FixityError(Exception):
    """The manifest cannot be made, read or stamped; the message is one line for the user."""


@dataclass
class Stamp:
    tsa: str
    time: str  # the TSA's genTime, RFC 3339
    path: Path  # the TimeStampResp, DER


def build(report: Path, archive_dir: Path, *, now: datetime | None = None) -> dict:
    """The manifest of the records `report` (a verify or rot JSON report) relied on."""
    from .export import ExportError, _cited, cited_records

    try:
        cited = _cited(report)
        data = report.read_bytes()
        chosen = cited_records(_index(archive_dir), cited)
    except ExportError as e:
        raise FixityError(str(e)) from None
    urls = {(Path(c.warc).name, c.offset): c.url for c in cited}
    records = {place: _record(e, urls.get(place, e.url)) for place, e in chosen.items()}
    return {
        "schema": SCHEMA,
        "tool": f"citecheck {__version__}",
        "created": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report": {"path": str(report), "sha256": hashlib.sha256(data).hexdigest()},
        "records": sorted(records.values(), key=lambda r: (r["warc"], r["offset"])),
    }


def _record(entry: IndexEntry, cited: str) -> dict:
    return {"cited": cited, "url": entry.url, "warc": entry.path.name, "offset": entry.offset,
            "length": entry.length, "type": "revisit" if entry.mime == "warc/revisit"
            else "response", "date": _date(entry.timestamp), "record_id": entry.record_id,
            "payload_digest": entry.digest, "record_sha256": _member_digest(entry)}


def _member_digest(entry: IndexEntry) -> str | None:
    try:
        with open(entry.path, "rb") as f:
            f.seek(entry.offset)
            data = f.read(entry.length)
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest() if len(data) == entry.length else None


def _date(timestamp: str) -> str:
    t = timestamp
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def _index(archive_dir: Path) -> WarcIndex:
    try:
        index = Archive(archive_dir).index()
    except ArchiveError as e:
        raise FixityError(str(e)) from None
    if not index.entries:
        raise FixityError(f"{archive_dir}: nothing archived there")
    return index


def encode(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def check(manifest_path: Path, archive_dir: Path) -> list[str]:
    """What differs between the manifest and the archive now: one line per record that is
    missing or not as it was (empty: the archive holds every record unchanged)."""
    try:
        manifest = read_json(manifest_path, "manifest")
    except ValueError as e:
        raise FixityError(str(e)) from None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
        raise FixityError(f"{manifest_path}: not a citecheck fixity manifest "
                          f"(schema {SCHEMA!r})")
    problems = []
    for r in manifest.get("records") or []:
        path = archive_dir / str(r.get("warc"))
        entry = IndexEntry("", "", str(r.get("url")), "", 0, "", int(r.get("length") or 0),
                           int(r.get("offset") or 0), path)
        now = _member_digest(entry) if path.is_file() else None
        if now is None:
            problems.append(f"{r.get('warc')} at offset {r.get('offset')} ({r.get('url')}): "
                            "missing from the archive")
        elif now != r.get("record_sha256"):
            problems.append(f"{r.get('warc')} at offset {r.get('offset')} ({r.get('url')}): "
                            "the record is not what it was (its sha256 differs)")
    return problems


# --- RFC 3161 ---------------------------------------------------------------------------

def timestamp(data: bytes, tsa: str, out: Path, timeout: float = 30.0) -> Stamp:
    """Ask the TSA for a timestamp of `data` (its sha256); write its answer to `out`."""
    import requests
    from asn1crypto import tsp

    digest = hashlib.sha256(data).digest()
    nonce = secrets.randbits(63)
    request = tsp.TimeStampReq({
        "version": "v1",
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
        "nonce": nonce,
        "cert_req": True,
    })
    try:
        answer = requests.post(tsa, data=request.dump(), timeout=timeout, headers={
            "Content-Type": "application/timestamp-query",
            "User-Agent": f"citecheck/{__version__}"})
    except requests.RequestException as e:
        raise FixityError(f"the timestamping authority {tsa} did not answer ({e})") from None
    if answer.status_code != 200:
        raise FixityError(f"the timestamping authority {tsa} answered HTTP {answer.status_code}")
    try:
        response = tsp.TimeStampResp.load(answer.content)
        status = response["status"]["status"].native
        if status not in ("granted", "granted_with_mods"):
            text = response["status"]["status_string"].native or []
            raise FixityError(f"the timestamping authority {tsa} refused: {status} "
                              f"{' '.join(text)}".strip())
        info = response["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        imprint = info["message_imprint"]
        if (imprint["hash_algorithm"]["algorithm"].native != "sha256"
                or imprint["hashed_message"].native != digest):
            raise FixityError(f"the timestamping authority {tsa} stamped another digest")
        if info["nonce"].native != nonce:
            raise FixityError(f"the timestamping authority {tsa} answered another request "
                              "(its nonce differs)")
        when = info["gen_time"].native
    except FixityError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise FixityError(f"the timestamping authority {tsa} answered something that is not "
                          f"an RFC 3161 timestamp ({e})") from None
    try:
        out.write_bytes(answer.content)
    except OSError as e:
        raise FixityError(f"{out}: cannot write the timestamp ({e.strerror or e})") from None
    return Stamp(tsa, when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), out)
