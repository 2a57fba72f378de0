"""Is py3langid's automaton synchronising, and after how many bytes? (`_langid.SYNCHRONISING`)

    python benchmarks/langid_walk.py

citecheck walks py3langid's automaton over a text in NumPy (``_langid._walked``): the
state after each byte is taken as the state that the last L bytes reach from the start.
That is py3langid's own walk only if, from every state, every string of L bytes leads to
one and the same state. This checks it for the installed model, exhaustively: the set of
all states is sent through every byte, each image through every byte again, and so on,
sets of one state dropped (they stay one state); L is the number of bytes after which no
set of two or more states is left. About a minute. Run it for a new py3langid release and
add its (version, model size) to ``SYNCHRONISING`` with the L printed.

It then compares the two walks' features and scores on random texts, and times them.
"""

from __future__ import annotations

import random
import time

import numpy as np
import py3langid
from py3langid import langid

from citecheck import _langid


def synchronising_length(identifier, most: int = 12) -> int | None:  # type: ignore[no-untyped-def]
    nextmove = np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}")
    rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
    level = [np.arange(len(rowbase))]
    for length in range(1, most + 1):
        level = [image for states in level for byte in range(256)
                 if len(image := np.unique(nextmove[rowbase[states] + byte])) > 1]
        print(f"after {length} bytes: {len(level)} sets of two states or more", flush=True)
        if not level:
            return length
    return None


def main() -> int:
    model = langid.MODEL_DIR / langid.MODEL_FILE
    own = langid._load_identifier()
    found = synchronising_length(own)
    key = (py3langid.__version__, model.stat().st_size)
    print(f"py3langid {key[0]}, model {key[1]} bytes: synchronising after {found} bytes; "
          f"citecheck assumes {_langid.SYNCHRONISING.get(key)}")
    _langid.install()
    quick = langid.IDENTIFIER
    rng = random.Random(18)
    alphabet = "abcdeéßжщїқ中文 ,.0123456789\nاليوم"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 3000)))
             for _ in range(3000)]
    differ = sum(not np.array_equal(own._decide(t), quick._decide(t)) for t in texts)
    print(f"{len(texts)} random texts: {differ} scored differently")
    for ident in (own, quick):
        start = time.process_time()
        for t in texts:
            ident.classify(t)
        print(f"{type(ident).__name__}: {1000 * (time.process_time() - start) / len(texts):.3f}"
              " ms a text")
    return 0 if found == _langid.SYNCHRONISING.get(key) and not differ else 1


if __name__ == "__main__":
    raise SystemExit(main())
