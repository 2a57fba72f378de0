"""Build src/citecheck/check/data/lang/dict/en-plain-nouns.txt.gz from WordNet 3.0, once, at
build time. Nothing here runs at run time.

    apt-get install wordnet-base
    python scripts/build_plain_nouns.py

The list names the English headwords of citecheck's bilingual word lists (``dict/*.json.gz``)
that are plain nouns: in WordNet, a noun of at most MAX_SENSES senses that its sense-tagged
corpus (SemCor, the ``tagsense_cnt`` of the index files) never met as a verb, an adjective
or an adverb (tractor, chimney, coffee; not watch, hand, lead, pick, ease, brief). Only for
such a word does a dictionary's few words for it name the thing itself, so that a page
without any of them is evidence that the page does not state it (terms.py's
``_match_in_dictionary``); any other word a page may say in many ways no bilingual word
list holds.

WordNet 3.0 is Princeton University's, under its own permissive licence
(/usr/share/doc/wordnet-base/copyright). The output is byte-for-byte the same for the same
WordNet and word lists.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
DICT = Path(__file__).resolve().parents[1] / "src" / "citecheck" / "check" / "data" / "lang" / "dict"
OUT = DICT / "en-plain-nouns.txt.gz"
MAX_SENSES = 4


def senses() -> dict[str, dict[str, tuple[int, int]]]:
    """lemma -> part of speech -> (senses, senses met in the tagged corpus)."""
    found: dict[str, dict[str, tuple[int, int]]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (WORDNET / f"index.{pos}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence's lines
            fields = line.split()
            pointers = int(fields[3])
            found.setdefault(fields[0], {})[pos] = (int(fields[2]), int(fields[5 + pointers]))
    return found


def headwords() -> set[str]:
    words: set[str] = set()
    for path in sorted(DICT.glob("*.json.gz")):
        with gzip.open(path, "rb") as f:
            words.update(json.loads(f.read().decode("utf-8"))["words"])
    return words


def main() -> int:
    wordnet = senses()
    plain = sorted(w for w in headwords() if (s := wordnet.get(w)) and "noun" in s
                   and s["noun"][0] <= MAX_SENSES
                   and all(tagged == 0 for pos, (_, tagged) in s.items() if pos != "noun"))
    with open(OUT, "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(("\n".join(plain) + "\n").encode("utf-8"))
    print(f"{len(plain)} plain nouns, {OUT.stat().st_size // 1024} KiB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
