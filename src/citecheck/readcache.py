"""Remember what reading a page gave, so that an unchanged page is not read again.

Reading a page (trafilatura, the language model, figure matching) costs far more than
fetching it from the HTTP cache, and it gives the same answer for the same bytes: a
re-run of an unchanged letter then loads neither the parsers nor the models. Entries are
keyed by an HMAC (under citecheck's own key, see ``_trust``) of citecheck's version and
reading code, the page's declared type and its body, stored as one small JSON file a page
named by that digest (its text, and what each claim citing it found, by a digest of the
claim), written atomically once the page is read. A missing, damaged or unwritable entry
only means the page is read again; `--refresh` reads every page again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import __version__
from ._files import write_atomically
from ._trust import keyed_digest
from .extract import Source, Unreadable, extract
from .capture import Capture
from .report import FigureResult, TermResult, flat

_R = TypeVar("_R", FigureResult, TermResult)

# The code and data that decide what reading a page gives: a change to any of them
# (between releases too) makes every remembered reading stale. ``check/`` is taken whole,
# its language data files included.
_READING_CODE = ("extract.py", "_langid.py", "readcache.py", "check")


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
    """What reading pages gave, one file a page: its text (or why it is unreadable), and
    for each claim matched against it, the figures and key terms found. A page's entry is
    loaded once and written once (:meth:`save`), whatever number of claims cite it."""

    def __init__(self, folder: Path | None, reuse: bool = True):
        self.folder = folder  # None: remember nothing
        self.reuse = reuse  # False: read every page again, and remember the new readings
        self._code = _code_digest() if folder else b""
        self._open: dict[str, _Entry] = {}  # pages being read now, by key

    def __getstate__(self) -> dict:  # sent to reader processes without the pages open here
        return {**self.__dict__, "_open": {}}

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
        entry = self._loaded(self.key(capture))
        return "source" in entry and all(
            isinstance(entry["claims"].get(_claim_id(c)), dict)
            and {"figures", "terms"} <= entry["claims"][_claim_id(c)].keys() for c in claims)

    def source(self, key: str, capture: Capture) -> Source:
        """The page's main text, as :func:`extract` reads it (raises Unreadable)."""
        entry = self._entry(key)
        saved = entry.get("source")
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
            self._note(entry, "source", {"unreadable": str(e)})
            raise
        self._note(entry, "source", flat(source))
        return source

    def figures(self, key: str, claim: str,
                match: Callable[[], list[FigureResult]]) -> list[FigureResult]:
        """The claim's figures matched in the page; `match()` when not remembered."""
        return self._results(key, claim, "figures", FigureResult, match)

    def terms(self, key: str, claim: str,
              match: Callable[[], list[TermResult]]) -> list[TermResult]:
        """The claim's key terms looked for in the page; `match()` when not remembered."""
        return self._results(key, claim, "terms", TermResult, match)

    def save(self, key: str) -> None:
        """Write what reading the page gave, if anything new, and forget it here."""
        entry = self._open.pop(key, None)
        path = self._path(key)
        if entry is None or path is None or not entry.changed:
            return
        try:
            write_atomically(path, json.dumps(entry.data, ensure_ascii=False))
        except (OSError, ValueError):
            pass  # a read-only cache (or text UTF-8 cannot hold) only costs the next run time

    def _results(self, key: str, claim: str, what: str, kind: type[_R],
                 match: Callable[[], list[_R]]) -> list[_R]:
        entry = self._entry(key)
        claims = entry.data.setdefault("claims", {})
        mine = claims.get(_claim_id(claim))
        saved = mine.get(what) if isinstance(mine, dict) else None
        if isinstance(saved, list):
            try:
                return [kind(**item) for item in saved]
            except TypeError:
                pass  # written by another layout: match again
        results = match()
        if not isinstance(mine, dict):
            mine = claims[_claim_id(claim)] = {}
        mine[what] = [flat(r) for r in results]
        entry.changed = True
        return results

    def _entry(self, key: str) -> _Entry:
        entry = self._open.get(key)
        if entry is None:
            entry = self._open[key] = _Entry(self._loaded(key))
        return entry

    @staticmethod
    def _note(entry: _Entry, name: str, value: object) -> None:
        entry.data[name] = value
        entry.changed = True

    def _loaded(self, key: str) -> dict:
        """The page's remembered entry ({} when there is none, or it is damaged)."""
        path = self._path(key)
        if path is None or not self.reuse:
            return {"claims": {}}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"claims": {}}
        if not isinstance(data, dict) or not isinstance(data.get("claims"), dict):
            return {"claims": {}}
        return data

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder and key else None


class _Entry:
    def __init__(self, data: dict):
        self.data = data
        self.changed = False

    def get(self, name: str) -> object:
        return self.data.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self.data


def _claim_id(claim: str) -> str:
    return hashlib.sha256(claim.encode()).hexdigest()[:24]
