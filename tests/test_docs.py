"""The README stays true: its options are the command's options."""

from __future__ import annotations

import re

from conftest import ROOT


def test_readme_documents_every_option_of_every_command(run_cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    everything = set()
    for command in ("verify", "rot"):
        code, help_text, _ = run_cli(command, "--help")
        options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
        section = readme.rsplit(f"citecheck {command} PATH...", 1)[1].split("\n## ", 1)[0]
        assert options <= set(re.findall(r"`(--[a-z][a-z-]+)", section)), command
        everything |= options
    for command in ("report", "diff", "export", "fixity"):
        everything |= set(re.findall(r"(--[a-z][a-z-]+)", run_cli(command, "--help")[1]))
    assert set(re.findall(r"`(--[a-z][a-z-]+)", readme)) == everything - {"--help"}


def test_readme_lists_every_rot_status_and_the_workflow_exists():
    from citecheck.report import RotStatus

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in RotStatus:
        assert f"| `{status.value}` |" in readme.split("## Link rot", 1)[1]
    workflow = ROOT / ".github" / "workflows" / "citecheck-rot.yml"
    assert "citecheck rot letters/" in workflow.read_text(encoding="utf-8")
    assert str(workflow.relative_to(ROOT)) in readme


def test_readme_lists_every_status():
    from citecheck.report import Status

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in Status:
        assert f"| `{status.value}` |" in readme


def test_readme_documents_the_options_of_every_command(run_cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(--[a-z][a-z-]+)", readme))
    for command in ("report", "diff", "export", "fixity"):
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
