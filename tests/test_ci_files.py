"""The pre-commit hook and the GitHub action call citecheck with options that exist."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT


def options_of(run_cli, command: str) -> set[str]:
    code, help_text, _ = run_cli(command, "--help")
    assert code == 0
    return set(re.findall(r"(--[a-z][a-z-]+)", help_text))


def test_pre_commit_hook(run_cli):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "citecheck" and hook["language"] == "python"
    assert hook["entry"] == "citecheck verify" and hook.get("pass_filenames", True)
    assert re.search(hook["files"], "letters/2022-10-06-senators-letter-kazakhstan.txt")
    assert not re.search(hook["files"], "src/citecheck/cli.py")


def test_action_runs_citecheck_with_options_that_exist(run_cli):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    scripts = [step["run"] for step in action["runs"]["steps"] if "run" in step]
    calls = [line.strip() for script in scripts for line in script.splitlines()
             if line.strip().startswith("citecheck ")]
    assert {c.split()[1] for c in calls} == {"verify", "report"}
    for call in calls:
        command = call.split()[1]
        assert set(re.findall(r"(--[a-z][a-z-]+)", call)) <= options_of(run_cli, command), call
    # inputs reach the shell through the environment, never pasted into the script
    assert not any("${{ inputs." in script for script in scripts)


def test_example_workflow_uses_the_action():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "citecheck-pr.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert [s["uses"] for s in job["steps"]] == ["actions/checkout@v4", "./"]
    assert workflow["permissions"]["security-events"] == "write"
