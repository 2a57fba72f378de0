"""py3langid's model, loaded in a quarter of the time it takes py3langid.

py3langid ships its model as an LZMA-compressed npz (4.5 MB, 68 MB unpacked): unpacking
it costs about 0.45 s of CPU, paid by every run that reads pages (once, in the fork
server the readers share). The same arrays kept as a Zstandard-compressed copy (7 MB)
unpack in about 0.1 s. The copy is made from py3langid's own file on first use, kept in
citecheck's state folder (beside its key, outside any checkout and cache folder: see
``_trust``), named after py3langid's version and its model file's size, and the
identifier is built from the arrays exactly as py3langid builds it
(``LanguageIdentifier.from_model_file``). Anything unexpected (another py3langid, an
unreadable or damaged copy) falls back to py3langid's own loading.

The identifier also walks its automaton over a text faster (``_walked``): py3langid's walk
is a Python loop over the text's bytes, about 1 ms of a farm page's 2,000 bytes under load
(each step a random read of the 39 MB table). The automaton is synchronising: whatever
state it is in, six bytes bring it to the same state (proved for the model py3langid
0.4.0 ships, ``benchmarks/langid_walk.py``), so the state after each byte is the state
reached from the start by the six bytes that end there, and those are found for every
byte at once, in six NumPy gathers. The features and their counts are the same, in the
same order, so every score is the same to the bit.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from array import array
from pathlib import Path

from ._files import write_atomically_with
from ._trust import state_dir

_TYPECODES = {2: "H", 4: "I", 8: "L"}  # as py3langid's modelio turns its arrays into lists
_KNOWN = ("0.4.",)  # the py3langid releases whose model layout this reads
# Models whose automaton is known to be synchronising, (py3langid version, size of its model
# file) -> bytes after which every state leads to the same one (benchmarks/langid_walk.py).
SYNCHRONISING = {("0.4.0", 4586720): 6}
# Texts shorter than this (bytes) are walked by py3langid's own loop: NumPy's calls cost more.
QUICK_WALK_MIN = 64


def install() -> None:
    """Give py3langid its identifier from the quick copy (made now if missing), unless it
    already has one; on any surprise, leave it to py3langid (it loads on first use)."""
    try:
        import py3langid
        from py3langid import langid
    except ImportError:
        return
    if langid.IDENTIFIER is not None or not py3langid.__version__.startswith(_KNOWN):
        return
    try:
        langid.IDENTIFIER = _identifier(langid, py3langid.__version__)
    except Exception:  # noqa: BLE001  # whatever it is, py3langid's own loading still works
        langid.IDENTIFIER = None


def copy_path(version: str, model: Path) -> Path:
    return state_dir() / f"langid-model-{version}-{model.stat().st_size}.npy.zst"


# The model's arrays, as py3langid's npz names them, in the order the copy holds them.
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _identifier(langid, version: str):  # type: ignore[no-untyped-def]
    import numpy as np

    if sys.version_info >= (3, 14):
        from compression import zstd  # type: ignore[import-not-found]
    else:
        from backports import zstd  # type: ignore[no-redef]  # a dependency before 3.14
    model = langid.MODEL_DIR / langid.MODEL_FILE
    copy = copy_path(version, model)
    try:
        # The copy: the arrays one after another (.npy), in one Zstandard stream, read
        # straight into the arrays (no temporary file, no zip checksums).
        with zstd.open(copy, "rb") as packed:
            arrays = dict(zip(_ARRAYS, (np.lib.format.read_array(packed, allow_pickle=False)
                                        for _ in _ARRAYS)))
    except (OSError, ValueError, EOFError, zstd.ZstdError):
        arrays = _unpacked(model)
        _keep(arrays, copy, zstd)
    length = SYNCHRONISING.get((version, model.stat().st_size))
    kind = langid.LanguageIdentifier if length is None else _quick_class(langid)
    identifier = kind(
        np.asarray(arrays["ptc"]), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
        _listed(arrays["nextmove"]), arrays["out_feat"].tolist(),
        tk_row=_listed(arrays["nextmove_row"]))
    if length is not None:
        identifier._walk = (np.frombuffer(identifier.tk_nextmove,
                                          dtype=arrays["nextmove"].dtype),
                            np.asarray(arrays["nextmove_row"], dtype=np.int64) << 8,
                            np.asarray(arrays["out_feat"]), length)
    return identifier


_QUICK: list = []


def _quick_class(langid):  # type: ignore[no-untyped-def]
    """py3langid's identifier, its automaton walked by `_walked` (made once: py3langid is
    imported only when a page is read)."""
    if not _QUICK:
        class QuickIdentifier(langid.LanguageIdentifier):
            __slots__ = ("_walk",)

            def _raw_score(self, text):  # type: ignore[no-untyped-def]
                if len(text) < QUICK_WALK_MIN:
                    return super()._raw_score(text)
                visits = _walked(*self._walk, text)
                if not visits:  # py3langid's score of a text without features
                    return super()._raw_score(text)
                return self._sparse_score(visits, self.nb_ptc)

        _QUICK.append(QuickIdentifier)
    return _QUICK[0]


def _walked(nextmove, rowbase, output, length: int, text: bytes) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """py3langid's ``visit_counts``: how often each feature is met walking the automaton
    over `text`, in the order first met. The state after byte i is the one the `length`
    bytes ending at i reach from the start (from the text's start, for the first ones)."""
    import numpy as np

    data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
    n = len(data)
    state = np.zeros(n, dtype=np.int64)
    for lag in range(min(length, n) - 1, -1, -1):  # the byte `lag` before each position
        ahead = state[lag:]
        state[lag:] = nextmove[rowbase[ahead] + data[: n - lag]]
    features = output[state]
    features = features[features >= 0]
    if not len(features):
        return {}
    found, first, counts = np.unique(features, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return dict(zip(found[order].tolist(), counts[order].tolist()))


def _unpacked(model: Path) -> dict:
    """py3langid's own model file read, as its modelio reads it (unpacked into a temporary
    file, never held whole in memory)."""
    import lzma

    import numpy as np

    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(model) as packed:
            shutil.copyfileobj(packed, unpacked, length=1 << 20)
        unpacked.seek(0)
        with np.load(unpacked, allow_pickle=False) as data:
            return {name: data[name] for name in _ARRAYS}


def _keep(arrays: dict, copy: Path, zstd) -> None:  # type: ignore[no-untyped-def]
    """Write the quick copy; a folder that cannot hold it only costs the next run the slow
    loading."""
    import numpy as np

    def write(f) -> None:  # type: ignore[no-untyped-def]
        with zstd.open(f, "wb", level=3) as out:
            for name in _ARRAYS:
                np.lib.format.write_array(out, arrays[name], allow_pickle=False)

    try:
        copy.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # as _trust makes it
        write_atomically_with(copy, write, mode=0o600)
    except OSError:
        pass


def _listed(values) -> array:  # type: ignore[no-untyped-def]
    """A NumPy array of unsigned integers as the stdlib array py3langid indexes."""
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(memoryview(values).cast("B"))
    return out
