"""--changed-since REF: in a real git repository, only the notes a branch added or changed are
checked, and the report says which are new, changed and fixed."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import article, citations, write_letter

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]


def git(repo, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def pages(httpserver):
    for path, text in {
        "/a": "Prosecutors have registered 234 allegations of torture.",
        "/b": "Officials counted eight deaths in custody, and later nine.",
        "/c": "Some 238 people died during the January events.",
        "/d": "Lawyers filed 12 cases in court.",
    }.items():
        httpserver.expect_request(path).respond_with_data(article("News", text),
                                                          content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    return httpserver


@pytest.fixture
def repo(tmp_path, pages, monkeypatch):
    """A repository whose branch `edit` changes a letter of `main`: note 2's claim edited,
    note 3's dead link replaced, note 4 added, note 1 untouched."""
    repo = tmp_path / "repo"
    (repo / "letters").mkdir(parents=True)
    git(repo, "init", "-q")
    u = pages.url_for
    write_letter(repo / "letters", ("Prosecutors have registered 234 allegations", u("/a")),
                 ("They counted eight deaths in custody", u("/b")),
                 ("Some 238 people died", u("/gone")))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "letter")
    git(repo, "checkout", "-qb", "edit")
    write_letter(repo / "letters", ("Prosecutors have registered 234 allegations", u("/a")),
                 ("They counted nine deaths in custody", u("/b")),
                 ("Some 238 people died", u("/c")),
                 ("Lawyers filed 12 cases", u("/d")))
    git(repo, "commit", "-qam", "edit the letter")
    monkeypatch.chdir(repo)
    return repo


def run(run_cli, tmp_path, *args: str) -> tuple[int, str, str]:
    return run_cli(*args, "--cache-dir", str(tmp_path / "cache"), "--allow-private-hosts",
                   "--timeout", "2", "--retries", "1")


def test_only_the_changed_notes_are_verified(run_cli, tmp_path, repo, pages):
    code, out, err = run(run_cli, tmp_path, "verify", "letters/letter.txt",
                         "--changed-since", "main", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    checked = {c["id"]: (c["status"], c["change"]["kind"]) for c in citations(report)}
    assert checked == {"2": ("verified", "changed"), "3": ("verified", "fixed"),
                       "4": ("verified", "new")}
    (doc,) = report["documents"]
    assert doc["changed_since"] == {"ref": "main", "at_ref": True, "unchanged": 1, "removed": []}
    fixed = next(c for c in citations(report) if c["id"] == "3")
    assert fixed["change"]["was"]["status"] == "dead"
    assert fixed["change"]["was"]["url"] == pages.url_for("/gone")
    requested = {request.path for request, _ in pages.log}
    assert requested == {"/b", "/c", "/d", "/gone"}  # note 1's page is not fetched
    import jsonschema

    from conftest import SCHEMA
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_the_markdown_report_says_new_changed_and_fixed(run_cli, tmp_path, repo):
    code, out, _ = run(run_cli, tmp_path, "verify", "letters/letter.txt",
                       "--changed-since", "main", "--format", "md")
    assert code == 0
    assert ("**Changed since main: 1 new ([4]), 1 changed ([2]), 1 fixed ([3], was dead); "
            "1 unchanged, not checked again**") in out
    assert "| [3] (fixed) |" in out and "| [4] (new) |" in out and "| [1]" not in out
    assert "- **Before** (fixed; dead: HTTP 404: the page is gone): Some 238 people died" in out


def test_nothing_changed_checks_nothing(run_cli, tmp_path, repo, pages):
    code, out, _ = run(run_cli, tmp_path, "verify", "letters/letter.txt",
                       "--changed-since", "edit", "--format", "md")
    assert code == 0
    assert "Changed since edit: no note new or changed; 4 unchanged, not checked again" in out
    assert not pages.log


def test_a_file_not_at_the_ref_has_only_new_notes(run_cli, tmp_path, repo, pages):
    write_letter(repo / "letters", ("Lawyers filed 12 cases", pages.url_for("/d")),
                 name="second.txt")
    code, out, err = run(run_cli, tmp_path, "verify", "letters/second.txt",
                         "--changed-since", "main", "--format", "json")
    assert code == 0, err
    (doc,) = json.loads(out)["documents"]
    assert doc["changed_since"]["at_ref"] is False
    assert [c["change"] for c in doc["citations"]] == [{"kind": "new"}]


def test_removed_notes_are_said(run_cli, tmp_path, repo, pages):
    write_letter(repo / "letters", ("Prosecutors have registered 234 allegations",
                                    pages.url_for("/a")))
    code, out, _ = run(run_cli, tmp_path, "verify", "letters/letter.txt",
                       "--changed-since", "edit", "--format", "md")
    assert code == 0
    assert "no note new or changed; 1 unchanged, not checked again; removed: [2] [3] [4]" in out


@pytest.mark.parametrize("where, ref, message", [
    ("outside", "main", "is not in a git repository"),
    ("repo", "no-such-branch", "git knows no commit, branch or tag 'no-such-branch'"),
    ("repo", "--output=x", "git knows no commit, branch or tag '--output=x'"),
])
def test_what_git_cannot_answer_is_one_line(run_cli, tmp_path, repo, monkeypatch, where, ref,
                                             message):
    if where == "outside":
        outside = tmp_path / "outside"
        outside.mkdir()
        write_letter(outside, ("Lawyers filed 12 cases", "https://example.org/d"))
        monkeypatch.chdir(outside)
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    path = "letter.txt" if where == "outside" else "letters/letter.txt"
    code, out, err = run(run_cli, tmp_path, "verify", path, f"--changed-since={ref}")
    assert code == 2 and out == ""
    assert err.startswith("citecheck: error: --changed-since") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_rot_checks_only_the_changed_notes(run_cli, tmp_path, repo, pages):
    code, out, err = run(run_cli, tmp_path, "rot", "letters/letter.txt",
                         "--changed-since", "main", "--format", "json", "--wayback",
                         pages.url_for("/wayback"))
    assert "Traceback" not in err
    report = json.loads(out)
    (doc,) = report["documents"]
    assert [c["id"] for c in doc["citations"]] == ["2", "3", "4"]
    assert doc["changed_since"]["unchanged"] == 1
    assert "/a" not in {request.path for request, _ in pages.log}


def test_diff_against_a_full_report_counts_only_what_was_checked(run_cli, tmp_path, repo):
    git(repo, "checkout", "-q", "main")
    full = tmp_path / "main.json"
    run(run_cli, tmp_path, "verify", "letters/letter.txt", "--format", "json", "-o", str(full))
    git(repo, "checkout", "-q", "edit")
    partial = tmp_path / "edit.json"
    run(run_cli, tmp_path, "verify", "letters/letter.txt", "--changed-since", "main",
        "--format", "json", "-o", str(partial))
    code, out, _ = run_cli("diff", str(full), str(partial))
    assert code == 0
    assert "**0 new problems, 1 fixed, 0 problems changed, 0 unchanged**" in out
    assert "letters/letter.txt: Changed since main: 1 new ([4]), 1 changed ([2])" in out
    assert "no longer cited" in out  # [3]'s dead URL is gone from the letter
