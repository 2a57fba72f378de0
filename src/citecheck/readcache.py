"""Remember what reading a page gave, so that an unchanged page is not read again.

Reading a page (trafilatura, the language model, figure matching) costs far more than
fetching it from the HTTP cache, and it gives the same answer for the same bytes: a
re-run of an unchanged letter then loads neither the parsers nor the models. Entries are
keyed by an HMAC (under citecheck's own key, see ``_trust``) of citecheck's version and
reading code, the page's declared type and its body (and the claim, for matches), stored as small JSON files named by that digest,
written atomically. A missing, damaged or unwritable entry only means the page is read
again; `--refresh` reads every page again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from . import __version__
from ._files import write_atomically
from ._trust import keyed_digest
from .extract import Source, Unreadable, extract
from .fetch import Capture
from .report import FigureResult, TermResult

_R = TypeVar("_R", FigureResult, TermResult)

# The code and data that decide what reading a page gives: a change to any of them
# (between releases too) makes every remembered reading stale. ``check/`` is taken whole,
# its language data files included.
_READING_CODE = ("extract.py", "readcache.py", "check")


def _code_digest() -> bytes:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in _READING_CODE:
        path = here / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc"
                       ) if path.is_dir() else [path]
        for file in files:
            try:
                digest.update(file.relative_to(here).as_posix().encode() + b"\0")
                digest.update(file.read_bytes())
            except OSError:
                digest.update(name.encode())
    return digest.digest()


class ReadCache:
    def __init__(self, folder: Path | None, reuse: bool = True):
        self.folder = folder  # None: remember nothing
        self.reuse = reuse  # False: read every page again, and remember the new readings
        self._code = _code_digest() if folder else b""

    def code_digest(self) -> str:
        """The digest of the reading code (and version) every remembered reading depends on."""
        return self._code.hex()

    def key(self, capture: Capture) -> str:
        if self.folder is None:
            return ""
        head = self._code + f"\0{capture.headers.get('content-type', '')}\0".encode()
        # Keyed (citecheck._trust): a reading planted in the folder is never found, since
        # nobody without the key can tell under what name to plant it.
        return keyed_digest(head + capture.content)

    def remembers(self, capture: Capture, claims: list[str]) -> bool:
        """Is everything reading this page for these claims would give remembered?"""
        if self.folder is None or not self.reuse:
            return False
        key = self.key(capture)
        entries = [key, *(self._claim_entry(key, c, what) for c in claims
                          for what in ("", "terms"))]
        return all(p is not None and p.exists() for p in map(self._path, entries))

    def source(self, key: str, capture: Capture) -> Source:
        """The page's main text, as :func:`extract` reads it (raises Unreadable)."""
        saved = self._load(key)
        if isinstance(saved, dict) and "unreadable" in saved:
            raise Unreadable(str(saved["unreadable"]))
        if isinstance(saved, dict):
            try:
                return Source(**saved)
            except TypeError:
                pass  # written by another layout: read again
        try:
            source = extract(capture)
        except Unreadable as e:
            self._save(key, {"unreadable": str(e)})
            raise
        self._save(key, asdict(source))
        return source

    def figures(self, key: str, claim: str,
                match: Callable[[], list[FigureResult]]) -> list[FigureResult]:
        """The claim's figures matched in the page; `match()` when not remembered."""
        return self._results(self._claim_entry(key, claim), FigureResult, match)

    def terms(self, key: str, claim: str,
              match: Callable[[], list[TermResult]]) -> list[TermResult]:
        """The claim's key terms looked for in the page; `match()` when not remembered."""
        return self._results(self._claim_entry(key, claim, "terms"), TermResult, match)

    def _results(self, entry: str, kind: type[_R], match: Callable[[], list[_R]]) -> list[_R]:
        saved = self._load(entry)
        if isinstance(saved, list):
            try:
                return [kind(**item) for item in saved]
            except TypeError:
                pass  # written by another layout: match again
        results = match()
        self._save(entry, [asdict(r) for r in results])  # type: ignore[call-overload]
        return results

    @staticmethod
    def _claim_entry(key: str, claim: str, what: str = "") -> str:
        return f"{key}-{what}{hashlib.sha256(claim.encode()).hexdigest()[:24]}"

    def _path(self, entry: str) -> Path | None:
        return self.folder / entry[:2] / f"{entry}.json" if self.folder else None

    def _load(self, entry: str) -> object:
        path = self._path(entry)
        if path is None or not self.reuse:
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _save(self, entry: str, value: object) -> None:
        path = self._path(entry)
        if path is None:
            return
        try:
            write_atomically(path, json.dumps(value, ensure_ascii=False))
        except (OSError, ValueError):
            pass  # a read-only cache (or text UTF-8 cannot hold) only costs the next run time
