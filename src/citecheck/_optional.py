"""Optional packages that other packages import when installed, and citecheck never uses."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def hidden(*names: str) -> Iterator[None]:
    """Import, inside this block, as if the packages `names` were not installed (unless
    already imported). tenacity imports tornado when it is installed, for tornado's
    coroutines; requests-cache imports its Redis backend's redis package (and with it
    setuptools' pkg_resources): backends citecheck never uses, 14 MB of the fetching
    process's memory. Out of the block, they import as usual."""
    hide = [name for name in names if name not in sys.modules]
    for name in hide:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hide:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
