"""What `rot` judged of each cited URL's archived history, kept so that the next run reads
only the copies archived since (``<cache>/read/rot.json``).

`rot` judges every archived copy of a URL in order, each against the last one that was
fine, to say since when a link has been fine or rotten. Run every week, the history grows
by a copy a week, and judging it again from the first copy made every run cost more than
the one before. What that judging leaves — the last fine copy, the date of the first fine
one, since when the link has been rotten — is kept here for each URL and claim, with the
last copy it judged; the next run resumes after it, reading the last fine copy (the live
page is compared with it) and the copies archived since, whatever the history's length.

A judgement is resumed only when the archive still holds what it judged: as many copies up
to the last one judged, and the same records at that copy and at the last fine one (a
rebuilt or replaced archive is judged from the start). The judging code must be the same
(the remembered readings' digest, with rot.py, pipeline.py and archive.py), and the file
citecheck's own: its head line carries an HMAC under citecheck's key (``_trust``), so a
planted or damaged file is ignored, as a missing one is. The report is the same either way.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from . import _trust
from ._files import write_atomically_with

FILE_NAME = "rot.json"
_HEAD = b"citecheck-rot/1 "


@dataclass(frozen=True)
class Judged:
    """Where judging a URL's history for one claim stopped, and what it had found."""

    through: str  # the timestamp of the last copy judged
    count: int  # the copies (distinct timestamps) up to it
    record: str  # the WARC-Record-ID of the answer at `through`
    baseline: str | None  # the timestamp of the last copy that was fine
    baseline_record: str
    first_ok: str | None  # the date of the first copy that was fine
    rotted_since: str | None  # the date of the first rotten copy after the last fine one


def _code() -> str:
    from .readcache import _code_digest

    digest = hashlib.sha256(_code_digest())
    here = Path(__file__).parent
    for name in ("rot.py", "rotmemory.py", "pipeline.py", "archive.py"):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


class RotMemory:
    def __init__(self, folder: Path):
        self.path = folder / FILE_NAME
        self._code = _code()
        self._judged: dict[str, dict] | None = None
        self._changed = False

    def get(self, url: str, claim: str) -> Judged | None:
        entry = self._entries().get(_key(url, claim))
        try:
            return Judged(**entry) if entry else None
        except TypeError:
            return None

    def put(self, url: str, claim: str, judged: Judged) -> None:
        entries = self._entries()
        key = _key(url, claim)
        value = asdict(judged)
        if entries.get(key) != value:
            entries[key] = value
            self._changed = True

    def save(self) -> None:
        """Write what was judged (other letters' URLs kept as they were). A file that cannot
        be written only means the next run judges from the start."""
        if not self._changed:
            return
        body = orjson.dumps({"code": self._code, "judged": self._entries()})
        head = _HEAD + _trust.mac(body).encode("ascii") + b"\n"
        try:
            write_atomically_with(self.path, lambda f: f.write(head + body))
        except OSError:
            pass
        self._changed = False

    def _entries(self) -> dict[str, dict]:
        if self._judged is None:
            self._judged = {}
            try:
                head, _, body = self.path.read_bytes().partition(b"\n")
                if head.startswith(_HEAD) and _trust.verify(
                        head[len(_HEAD):].decode("ascii", "replace"), body):
                    data = orjson.loads(body)
                    if isinstance(data, dict) and data.get("code") == self._code \
                            and isinstance(data.get("judged"), dict):
                        self._judged = data["judged"]
            except (OSError, orjson.JSONDecodeError):
                pass
        return self._judged


def _key(url: str, claim: str) -> str:
    return f"{url}\n{claim}"
