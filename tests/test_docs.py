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


def test_readme_documents_the_options_of_every_command(run_cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(--[a-z][a-z-]+)", readme))
    for command in ("report", "diff"):
        code, help_text, _ = run_cli(command, "--help")
        assert code == 0
        assert f"citecheck {command} " in readme
        assert set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"} <= documented


def test_readme_markdown_report_is_what_citecheck_writes():
    import json

    from citecheck.renderers import render_markdown
    from citecheck.report import Report

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = ROOT / "tests" / "data" / "report-0.1.0.json"
    rendered = render_markdown(Report.from_dict(json.loads(sample.read_text("utf-8"))))
    assert f"```markdown\n{rendered}```\n" in readme
    assert (ROOT / "docs" / "report-html.png").stat().st_size < 200_000
    assert "](docs/report-html.png)" in readme


def test_readme_lists_every_configuration_key():
    from citecheck.config import KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in KEYS:
        assert f"\n{key} = " in readme
