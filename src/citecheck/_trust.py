"""What citecheck wrote itself, told from what someone else put in its folders.

A pull request can plant files anywhere in the checkout, a ``cache-dir`` that points into
it included: an HTTP cache entry, a remembered reading, a WARC record. None of them may
count as a page citecheck fetched. So whatever citecheck keeps for later is authenticated
with a key that lives outside the checkout and outside the cache folder, in the user's
state folder (``$CITECHECK_STATE_DIR``, else ``$XDG_STATE_HOME/citecheck``, else
``~/.local/state/citecheck``), created on first use, readable by its owner only:

- an HTTP cache entry is JSON (never a pickle) followed by its HMAC; one that does not
  verify is a cache miss, never parsed further;
- a remembered reading is filed under an HMAC of the page, so a planted one is never found;
- a WARC record citecheck writes carries ``WARC-Citecheck-MAC`` (an HMAC of its URL, date,
  status, payload digest and record id), copied into its index line; a record without a
  valid one is replay evidence (another tool's, or an archive committed to the repository),
  never a fresh fetch.

Whoever can read the key can forge: it is never read from the repository, a configuration
file or the cache folder. When it cannot be kept (a read-only home), a key of this process
alone is used: nothing kept by an earlier run is then trusted.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import threading
from pathlib import Path

KEY_NAME = "cache-key"
MAC_HEADER = "WARC-Citecheck-MAC"


def state_dir() -> Path:
    if os.environ.get("CITECHECK_STATE_DIR"):
        return Path(os.environ["CITECHECK_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "citecheck"


@functools.cache
def _key_at(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # fails if another process made one meanwhile: use theirs
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        data = path.read_bytes()
        return data if len(data) >= 32 else key
    except OSError:
        return key  # this process's key only: nothing an earlier run kept is trusted


def key() -> bytes:
    # Several HMACs a page: the key's path is worked out again only when the environment
    # that names it changes (tests and embedding programs change it).
    env = os.environ
    return _key_for(env.get("CITECHECK_STATE_DIR"), env.get("XDG_STATE_HOME"), env.get("HOME"))


@functools.lru_cache(maxsize=8)
def _key_for(*names: str | None) -> bytes:
    # One thread at a time: threads making the key at once would each write their own,
    # and those that lost the race would sign with a key of this process alone.
    with _making:
        return _key_at(state_dir() / KEY_NAME)


_making = threading.Lock()


def mac(*parts: str | bytes) -> str:
    """An HMAC-SHA256 of the parts (joined unambiguously), in hex."""
    h = hmac.new(key(), digestmod=hashlib.sha256)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def verify(expected: str, *parts: str | bytes) -> bool:
    return bool(expected) and hmac.compare_digest(expected, mac(*parts))


def keyed_digest(data: bytes) -> str:
    """A digest of `data` nobody without the key can compute (names of remembered readings)."""
    return hmac.new(key(), data, hashlib.sha256).hexdigest()
