"""Print the CHANGELOG.md section of a release, or exit 1 saying why there is none.

    python .github/release_notes.py v0.2.0

The tag must be `v` + the package's version (src/citecheck/__init__.py), and CHANGELOG.md
must have a `## [0.2.0] - YYYY-MM-DD` section (Keep a Changelog): a release is never made
without its notes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def notes(tag: str, root: Path = ROOT) -> str:
    init = (root / "src" / "citecheck" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'__version__ = "([^"]+)"', init).group(1)  # type: ignore[union-attr]
    if tag != f"v{version}":
        raise ValueError(f"tag {tag} is not v{version}, the version in src/citecheck/__init__.py")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    if heading is None:
        raise ValueError(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section")
    rest = changelog[heading.end():]
    following = re.search(r"^## \[", rest, re.M)
    return rest[: following.start() if following else len(rest)].strip() + "\n"


if __name__ == "__main__":
    try:
        sys.stdout.write(notes(sys.argv[1]))
    except (IndexError, ValueError) as e:
        sys.exit(f"release_notes: {e}")
