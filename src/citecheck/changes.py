"""Which citations of a document changed since a git ref (``--changed-since REF``).

The document as it is is compared with the same file at REF, read from git (``git show
REF:path``) by the same reader. A citation is checked again only when its claim or its URL
is not at REF: a **new** note (its label was not there), or a **changed** one (same label,
another claim or URL: an edited sentence, a replaced link, a marker moved to other words).
A note whose claim and URL are both at REF is unchanged, whatever its label or line now.
A file that is not at REF has only new notes. Not a git repository, git missing, or a ref
git does not know are :class:`ChangesError` (an input error, one line).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, InputError, Reference


class ChangesError(InputError):
    """--changed-since cannot be answered: not in a git repository, or an unknown ref."""


@dataclass(frozen=True)
class Change:
    kind: str  # "new" or "changed"
    previous: Reference | None = None  # the note of the same label at REF
    previous_url: str | None = None


@dataclass
class Selection:
    """The citations of one document to check, against REF."""

    ref: str
    at_ref: bool  # the file exists at REF
    changes: dict[tuple[int, str | None], Change] = field(default_factory=dict)  # (ref#, url)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)  # labels at REF that are gone

    def change(self, index: int, url: str | None) -> Change | None:
        return self.changes.get((index, url))

    def as_dict(self) -> dict:
        return {"ref": self.ref, "at_ref": self.at_ref, "unchanged": self.unchanged,
                "removed": self.removed}


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              timeout=60, check=False)
    except FileNotFoundError:
        raise ChangesError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise ChangesError("--changed-since: git did not answer within 60 s") from None


def document_at(path: str | Path, ref: str) -> Document | None:
    """The document `path` as it was at git `ref`, or None when the file was not there."""
    from .formats import parse_bytes

    file = Path(path).resolve()
    folder = file.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ChangesError(f"--changed-since {ref}: {path} is not in a git repository")
    if ref.startswith("-") or _git(folder, "rev-parse", "--verify", "--quiet",
                                   f"{ref}^{{commit}}").returncode != 0:
        raise ChangesError(f"--changed-since {ref}: git knows no commit, branch or tag {ref!r}")
    root = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    relative = file.relative_to(root.resolve()).as_posix()
    shown = _git(root, "show", f"{ref}:{relative}")
    if shown.returncode != 0:
        return None  # not in that commit: every note is new
    try:
        return parse_bytes(shown.stdout, str(path))
    except InputError:
        return None  # unreadable then: every note counts as new


def select(document: Document, ref: str, before: Document | None) -> Selection:
    """Compare the document's citations with those of `before` (the file at `ref`)."""
    selection = Selection(ref=ref, at_ref=before is not None)
    old = before.references() if before is not None else []
    known = {(r.claim, url) for r in old for url in _urls(r)}
    by_label = {r.label: r for r in reversed(old)}  # the first note of each label
    labels = set()
    for index, r in enumerate(document.references()):
        labels.add(r.label)
        for position, url in enumerate(_urls(r)):
            if (r.claim, url) in known:
                selection.unchanged += 1
                continue
            previous = by_label.get(r.label)
            if previous is None:
                selection.changes[(index, url)] = Change("new")
                continue
            urls = _urls(previous)
            was = url if url in urls else urls[min(position, len(urls) - 1)]
            selection.changes[(index, url)] = Change("changed", previous, was)
    selection.removed = [label for label in dict.fromkeys(r.label for r in old)
                         if label not in labels]
    return selection


def _urls(r: Reference) -> tuple[str | None, ...]:
    """The URLs a reference's citations carry (an invalid note has one citation, no URL)."""
    return (None,) if r.problem or not r.urls else r.urls


def selections(documents: list[Document], ref: str) -> dict[int, Selection]:
    """Each document's selection against `ref`, keyed by id(document)."""
    return {id(d): select(d, ref, document_at(d.path, ref)) for d in documents}
