"""`citecheck report`, `citecheck diff` and configuration files, as a user meets them."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest

from citecheck.renderers import RENDERERS
from conftest import ROOT, citations, write_letter
from test_cli import citecheck

SAMPLE = ROOT / "tests" / "data" / "report-0.1.0.json"


@pytest.mark.parametrize("format", sorted(RENDERERS))
def test_report_rerenders_a_saved_report_in_every_format(run_cli, format):
    from citecheck.report import Report

    code, out, err = run_cli("report", SAMPLE, "--format", format)
    assert code == 0 and err == ""
    assert out == RENDERERS[format](Report.from_dict(json.loads(SAMPLE.read_text("utf-8"))))


def test_report_to_a_file(tmp_path):
    result = citecheck("report", SAMPLE, "-f", "html", "-o", tmp_path / "r.html")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.strip() == f"{tmp_path / 'r.html'}: 4 citations: 2 verified, 1 dead, 1 blocked"
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b"\xff\xfe{", "not a JSON file"),
    (b"{\"schema\": \"citecheck.report/1\"", "not a JSON file"),
    (b"{\"schema\": \"other\"}", "not a citecheck report"),
    (b"{\"schema\": \"citecheck.report/1\", \"documents\": 3}", "damaged citecheck report"),
])
def test_report_of_a_bad_file_is_one_line_and_exit_2(run_cli, tmp_path, content, message):
    path = tmp_path / "r.json"
    if content is not None:
        path.write_bytes(content)
    for args in (["report", path], ["diff", path, SAMPLE], ["diff", SAMPLE, path]):
        code, out, err = run_cli(*args)
        assert code == 2 and out == ""
        assert err.startswith("citecheck: error: ") and message in err
        assert err.count("\n") == 1


def _changed(tmp_path, **statuses):
    data = json.loads(SAMPLE.read_text("utf-8"))
    for c in citations(data):
        if c["id"] in statuses:
            c["status"], c["reason"] = statuses[c["id"]]
    path = tmp_path / "new.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_diff_says_what_changed_for_a_pull_request_comment(tmp_path):
    new = _changed(tmp_path, **{"1": ("dead", "HTTP 410: the page is gone"),
                                "3": ("verified", "found “238” in the page"),
                                "4": ("unreachable", "HTTP 503: server error after 3 attempts")})
    result = citecheck("diff", SAMPLE, new)
    assert result.returncode == 1, result.stderr
    L = "letters/2022-10-06-senators-letter-kazakhstan.txt"
    assert result.stdout == f"""\
## citecheck: what changed

**1 new problem, 1 fixed, 1 problem changed, 0 unchanged** (4 citations now, 4 before)

### New problems

| Document | Note | Line | Claim | Was | Now | Why | Source |
|---|---|---:|---|---|---|---|---|
| {L} | [1] | 70 | …registered 234 allegations of torture or abuse involving security officials \
| ✅ verified | 💀 dead | HTTP 410: the page is gone \
| [rus.azattyq.org/a/31728303.html](https://rus.azattyq.org/a/31728303.html) |

### Fixed

| Document | Note | Line | Claim | Was | Now | Why | Source |
|---|---|---:|---|---|---|---|---|
| {L} | [3] | 76 | …to the January events to withdraw accusations of abuse by security forces \
| 💀 dead | ✅ verified | found “238” in the page \
| [www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january…]\
(https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims) |

### Problems that changed

| Document | Note | Line | Claim | Was | Now | Why | Source |
|---|---|---:|---|---|---|---|---|
| {L} | [4] | 84 | …missions were deployed during January, wearing UN peacekeeping helmets \
| ⛔ blocked | ⚠️ unreachable | HTTP 503: server error after 3 attempts \
| [www.rferl.org/a/kazakhstan-troops-un-helmets/31647393.html]\
(https://www.rferl.org/a/kazakhstan-troops-un-helmets/31647393.html) |
"""


def test_diff_without_new_problems_exits_0_and_a_gone_citation_is_fixed(run_cli, tmp_path):
    data = json.loads(SAMPLE.read_text("utf-8"))
    del data["documents"][0]["citations"][2]  # [3] (dead) no longer cited
    new = tmp_path / "new.json"
    new.write_text(json.dumps(data), encoding="utf-8")
    result = citecheck("diff", SAMPLE, new, "--output", tmp_path / "diff.md")
    assert result.returncode == 0 and result.stdout == ""
    text = (tmp_path / "diff.md").read_text("utf-8")
    assert "**0 new problems, 1 fixed, 0 problems changed, 1 unchanged** " in text
    assert "| [3] | 76 |" in text and "| 💀 dead | — (not cited) | no longer cited |" in text
    assert "<details><summary>1 problem as before</summary>" in text
    code, out, _ = run_cli("diff", SAMPLE, SAMPLE)
    assert code == 0 and "No problem appeared, went away or changed." in out


# --- configuration -------------------------------------------------------------------


@pytest.fixture
def verify_in(run_cli, monkeypatch):
    """`citecheck verify` of a three-footnote letter, run in `folder` (its configuration)."""

    def run(folder, *args):
        letter = write_letter(folder, ("Officials registered 234 allegations", "https://skip.example/a"),
                              ("Eight deaths", "http://sub.skip.example/b"),
                              ("Ten more", "http://other.example/c"))
        monkeypatch.chdir(folder)
        code, out, err = run_cli("verify", letter.name, "--offline", "--format", "json", *args)
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return run


def test_pyproject_settings_skip_hosts_and_choose_what_fails(verify_in, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "letters"\n\n[tool.citecheck]\nskip-hosts = ["*.Skip.Example"]\n'
        'fail-on = ["dead", "not-found"]\ncache-dir = "my-cache"\ntimeout = 5\n', "utf-8")
    result = verify_in(tmp_path)
    report = json.loads(result.stdout)
    assert [c["status"] for c in citations(report)] == ["skipped", "skipped", "unreachable"]
    assert citations(report)[0]["reason"] == "skip.example is in skip-hosts: not checked"
    assert citations(report)[0]["figures"][0]["outcome"] == "unchecked"
    assert report["fail_on"] == ["not_found", "dead"]
    assert report["summary"]["skipped"] == 2 and report["summary"]["problems"] == 0
    assert result.returncode == 0  # unreachable does not fail this run


def test_cache_dir_from_the_configuration_is_used(run_cli, httpserver, tmp_path, monkeypatch):
    httpserver.expect_request("/a").respond_with_data("<p>Eight people died.</p>",
                                                      content_type="text/html")
    (tmp_path / "citecheck.toml").write_text('cache-dir = "my-cache"\n', "utf-8")
    letter = write_letter(tmp_path, ("Eight people died", httpserver.url_for("/a")))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("verify", letter.name, "--allow-private-hosts")
    assert code == 0, out + err
    assert (tmp_path / "my-cache" / "http-cache.sqlite").exists()
    assert list((tmp_path / "my-cache" / "warc").glob("*.warc.gz"))


def test_flags_given_on_the_command_line_win_over_the_file(verify_in, tmp_path):
    (tmp_path / "citecheck.toml").write_text(
        'skip_hosts = ["skip.example"]\nfail-on = ["dead"]\n', "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\ntimeout = "x"\n', "utf-8")
    result = verify_in(tmp_path, "--fail-on", "unreachable,skipped", "--skip-host", "other.example")
    report = json.loads(result.stdout)
    assert [c["status"] for c in citations(report)] == ["unreachable", "unreachable", "skipped"]
    assert report["fail_on"] == ["unreachable", "skipped"]
    assert result.returncode == 1


@pytest.mark.parametrize("toml, message", [
    ("[tool.citecheck]\ntimout = 3\n", "pyproject.toml [tool.citecheck]: unknown key 'timout'"),
    ("[tool.citecheck]\ntimeout = \"3\"\n", "timeout must be a number, not '3'"),
    ("[tool.citecheck]\nconcurrency = 1.5\n", "concurrency must be an integer, not 1.5"),
    ("[tool.citecheck]\nconcurrency = 0\n", "concurrency must be between 1 and 512, not 0"),
    ("[tool.citecheck]\nfail-on = [\"gone\"]\n", "fail-on: unknown status 'gone'"),
    ("[tool.citecheck]\nskip-hosts = \"a.example\"\n", "skip-hosts must be a list"),
    ("[tool.citecheck\n", "pyproject.toml: not valid TOML"),
])
def test_a_bad_configuration_is_one_line_and_exit_2(verify_in, tmp_path, toml, message):
    (tmp_path / "pyproject.toml").write_text(toml, "utf-8")
    result = verify_in(tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("citecheck: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_config_flag_names_the_file_and_fail_on_flag_is_checked(verify_in, tmp_path):
    os.mkdir(tmp_path / "conf")
    (tmp_path / "conf" / "ci.toml").write_text('skip-hosts = ["other.example"]\n', "utf-8")
    result = verify_in(tmp_path, "--config", "conf/ci.toml")
    assert [c["status"] for c in citations(json.loads(result.stdout))][2] == "skipped"
    missing = verify_in(tmp_path, "--config", "nope.toml")
    assert missing.returncode == 2 and "nope.toml: no such configuration file" in missing.stderr
    bad = verify_in(tmp_path, "--fail-on", "dead,lost")
    assert bad.returncode == 2 and "--fail-on: unknown status 'lost'" in bad.stderr


def test_user_agent_and_an_empty_fail_on_from_the_file(httpserver, run_cli, tmp_path,
                                                       monkeypatch):
    from conftest import article

    httpserver.expect_request("/a", headers={"User-Agent": "newsdesk-check/1"}).respond_with_data(
        article("Complaints", "Prosecutors registered 234 allegations of torture."),
        content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    (tmp_path / "citecheck.toml").write_text(
        'user-agent = "newsdesk-check/1"\nfail-on = []\nretries = 1\n', "utf-8")
    letter = write_letter(tmp_path, ("Prosecutors registered 234 allegations", httpserver.url_for("/a")),
                          ("Eight deaths", httpserver.url_for("/gone")))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("verify", letter.name, "-f", "json", "--allow-private-hosts")
    report = json.loads(out)
    assert [c["status"] for c in citations(report)] == ["verified", "dead"]
    assert report["fail_on"] == [] and code == 0  # nothing fails this run
    # another User-Agent does not get the page (the server answers 500 to it)
    code, out, _ = run_cli("verify", letter.name, "-f", "json", "--allow-private-hosts",
                           "--cache-dir", "c2", "--user-agent", "other/2", "--fail-on", "dead")
    assert [c["status"] for c in citations(json.loads(out))] == ["unreachable", "dead"]
    assert code == 1
