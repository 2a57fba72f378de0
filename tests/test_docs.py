"""The README stays true: its options are the command's options."""

from __future__ import annotations

import re

from conftest import ROOT


def test_readme_documents_every_verify_option(run_cli):
    code, help_text, _ = run_cli("verify", "--help")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    documented = set(re.findall(r"`(--[a-z][a-z-]+)", readme))
    assert options == documented


def test_readme_lists_every_status():
    from citecheck.report import Status

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in Status:
        assert f"| `{status.value}` |" in readme
