"""Files: writing one so that a reader sees the old one or the new one, never a part of it;
reading a JSON file with one-line errors."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, text: str, *, mode: int | None = None,
                     durable: bool = False) -> None:
    """Replace `path` by `text` (UTF-8) in one step: written to a temporary file beside it,
    then renamed over it. `mode` sets the file's permissions (a temporary file is private);
    `durable` fsyncs it first. Raises OSError (or ValueError for text UTF-8 cannot hold),
    leaving no temporary file behind."""
    write_atomically_with(path, lambda f: f.write(text.encode("utf-8")), mode=mode,
                          durable=durable)


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object], *,
                          mode: int | None = None, durable: bool = False) -> None:
    """write_atomically, the content written by `write(f)` into the binary file `f` (piece
    by piece, never held whole). Whatever `write` raises leaves `path` as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, what: str) -> object:
    """The JSON value in `path`; ValueError with a one-line message (no such file, not
    readable, not JSON) naming the file and `what` it should have been."""
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: not a readable {what} ({e})") from None
