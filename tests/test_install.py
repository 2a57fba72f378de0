"""A new user's install works: what the code imports is declared, and CI runs the README's commands."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

# Imported by code that no test or command runs, with the reason.
NOT_DECLARED = {"PIL": "tests/test_html_browser.py remakes docs/report-html.png only by hand",
                "compression": "the standard library's from Python 3.14 (backports.zstd before)"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    return {_normal(re.match(r"[A-Za-z0-9_.-]+", r).group()) for r in requirements}


def _imported(folder: Path) -> set[str]:
    local = {p.stem for p in [*folder.rglob("*.py"), *(ROOT / "benchmarks").glob("*.py"),
                                 *(ROOT / ".ci").glob("*.py"), *(ROOT / ".github").glob("*.py")]}
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - local - {"__future__", "citecheck"}


def test_every_package_the_code_imports_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _declared(project["dependencies"])
    extras = project["optional-dependencies"]
    test = runtime | _declared(extras["test"])
    # The package may import an optional extra's packages (only when that feature is used).
    package = runtime | {n for extra, reqs in extras.items() if extra != "test"
                         for n in _declared(reqs)}
    distributions = importlib.metadata.packages_distributions()
    for folder, declared in ((ROOT / "src", package), (ROOT / "tests", test)):
        for module in sorted(_imported(folder) - set(NOT_DECLARED)):
            owners = {_normal(d) for d in distributions.get(module, [module])}
            assert owners & declared, f"{folder.name}/ imports {module} ({owners}), not declared"


def test_what_trafilatura_needs_from_lxml_is_declared():
    # lxml 6 moved lxml.html.clean out; the stock pip skips justext's lxml[html_clean] extra
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "lxml-html-clean" in _declared(project["dependencies"])
    subprocess.run([sys.executable, "-c", "import justext, lxml.html.clean"], check=True)


def _readme_commands():
    sys.path.insert(0, str(ROOT / ".ci"))
    try:
        import readme_commands
    finally:
        sys.path.pop(0)
    return readme_commands


def test_ci_runs_the_readme_commands_as_written():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install, tests = _readme_commands().commands(readme)
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert f"```sh\n{install}\n```" in quick_start and f"```sh\n{tests}\n```" in quick_start
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && ")
    assert "citecheck verify" in install and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_commands.py" in ci
    # the stock pip of `python3 -m venv`, as a new user has it
    assert not re.search(r"pip\S* install[^\n]*(-U|--upgrade)[^\n]*\bpip\b", ci + readme)


def _fake_project(tmp_path: Path, install: str, tests: str) -> Path:
    project = tmp_path / "project"
    (project / ".ci").mkdir(parents=True)
    for name in ("run", "readme_commands.py"):
        (project / ".ci" / name).write_bytes((ROOT / ".ci" / name).read_bytes())
    (project / "README.md").write_text(
        f"# x\n\n## Quick start\n\nInstall:\n\n```sh\n{install}\n```\n\n"
        f"Tests:\n\n```sh\n{tests}\n```\n\n## Usage\n", encoding="utf-8")
    return project


def _run_readme(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / ".ci" / "readme_commands.py")],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_ci_fails_when_the_readme_install_command_fails(tmp_path):
    project = _fake_project(tmp_path, "python3 -c 'import sys; sys.exit(1)'", "true")
    done = _run_readme(project)
    assert done.returncode != 0
    assert "ci: the README's install command failed" in done.stderr


def test_ci_fails_when_the_readme_command_gives_no_report(tmp_path):
    # exit 1 is "a citation has a problem" only when citecheck wrote its report
    project = _fake_project(tmp_path, "echo installing; false", "true")
    assert _run_readme(project).returncode != 0



def test_the_package_licence_names_every_licence_of_the_data_it_ships():
    """The word lists in check/data/lang/dict/ are GPL: the wheel's licence must say so."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spdx = {"GPL-2.0-or-later": "GPL-2.0-or-later", "GPL-2.0 only": "GPL-2.0-only",
            "GPL-3.0 or AGPL-3.0": "(GPL-3.0-only OR AGPL-3.0-only)",
            "GPL-3.0-or-later and GFDL-1.2-or-later": "GPL-3.0-or-later AND GFDL-1.2-or-later",
            "GPL-3.0-or-later (German-English)": "GPL-3.0-or-later",
            "CC-BY-SA-3.0": "CC-BY-SA-3.0", "WordNet 3.0 licence": "LicenseRef-WordNet-3.0"}
    table = (ROOT / "src/citecheck/check/data/lang/dict/README.md").read_text(encoding="utf-8")
    cells = [row.rsplit("|", 2)[-2].strip() for row in table.splitlines()
             if row.startswith("| `")]
    assert len(cells) == len(list((ROOT / "src/citecheck/check/data/lang/dict").glob("*.gz")))
    for cell in cells:
        named = [key for key in spdx if key in cell]
        assert named, f"a licence the package expression does not cover: {cell}"
        assert all(spdx[key] in project["license"] for key in named), cell
    assert project["license"].startswith("MIT AND ")
    for listed in project["license-files"]:
        assert (ROOT / listed).is_file(), listed
