"""What a new user meets in their first hour (issue 12): each test reproduces what was seen."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from citecheck.renderers import render_markdown
from citecheck.report import DocumentResult, DocumentWarning, Report

from conftest import article, citations, write_letter, write_warc
from test_renderers import small_report

PRESS = "Statement\n\nThe ministry registered 234 complaints this year. Officials denied it.\n"


# --- `citecheck report` keeps the citation-needed list ---------------------------------


def test_report_keeps_the_citation_needed_list_in_every_format(run_cli, tmp_path):
    letter = tmp_path / "statement.md"
    letter.write_text(PRESS, encoding="utf-8")
    code, out, _ = run_cli("verify", letter, "--offline", "--format", "json",
                           "--cache-dir", tmp_path / "cache")
    first = json.loads(out)
    (uncited,) = first["documents"][0]["uncited"]
    assert uncited["figures"] == ["234"] and first["documents"][0]["format"] == "markdown"
    saved = tmp_path / "report.json"
    saved.write_text(out, encoding="utf-8")

    code, again, _ = run_cli("report", saved, "--format", "json")
    assert code == 0
    again = json.loads(again)
    assert again["documents"][0]["uncited"] == first["documents"][0]["uncited"]
    assert again["documents"][0]["format"] == "markdown"
    for fmt, said in (("md", "**Citation needed**: 1 sentence"),
                      ("terminal", "citation needed: 1 sentence"),
                      ("html", "Citation needed: 1 sentence")):
        code, text, _ = run_cli("report", saved, "--format", fmt)
        assert code == 0 and said in text and "234 complaints" in text, fmt


# --- Markdown: inert, readable, copyable ------------------------------------------------


def test_markdown_summaries_show_no_raw_entities():
    report = small_report()
    report.documents[0].citations[1].reason = "connection failed (no network?) #3"
    text = render_markdown(report)
    summary = re.search(r"<summary>\[2\] dead: (.*)</summary>", text).group(1)
    # an entity is whole (a browser shows "(" for "&#40;"), and an issue reference is broken
    assert summary == "connection failed &#40;no network?&#41; #\u200b3"
    assert not re.search(r"&#\u200b", text)


def test_a_stray_url_in_a_warning_can_be_copied_and_is_not_linked():
    url = "https://rus.azattyq.org/a/31728303.html?x=1&y=2"
    report = Report([DocumentResult("a.txt", None, warnings=[
        DocumentWarning(96, f"stray copy of a footnote URL: {url}"),
        DocumentWarning(97, "see www.hrw.org/news/x (and https://en.wikipedia.org/wiki/A_(b)).")])],
        generated_at="2026-11-23T10:00:00+00:00")
    text = render_markdown(report)
    assert f"- line 96: stray copy of a footnote URL: `{url}`\n" in text
    assert ("- line 97: see `www.hrw.org/news/x` \\(and "
            "`https://en.wikipedia.org/wiki/A_(b)`\\).\n") in text
    assert "\u200b" not in text


# --- `rot` reads the configuration file, as `verify` does -------------------------------


def test_rot_uses_the_configured_cache_and_never_fetches_a_skipped_host(
        httpserver, tmp_path, run_cli, monkeypatch):
    httpserver.expect_request("/report").respond_with_data(
        article("Report", "The office registered 234 complaints of torture this year."),
        content_type="text/html")
    (tmp_path / "citecheck.toml").write_text(
        'cache-dir = "archive-here"\nskip-hosts = ["skip.example"]\n', encoding="utf-8")
    letter = write_letter(tmp_path, ("The office registered 234 complaints",
                                     httpserver.url_for("/report")),
                          ("Eight died", "http://news.skip.example/a"))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("verify", letter.name, "--allow-private-hosts", "--format", "json")
    assert [c["status"] for c in citations(json.loads(out))] == ["verified", "skipped"], err
    httpserver.clear_log()

    code, out, err = run_cli("rot", letter.name, "--allow-private-hosts", "--format", "json",
                             "--wayback", httpserver.url_for(""), "--memento", "none")
    rot = [c for d in json.loads(out)["documents"] for c in d["citations"]]
    assert [c["status"] for c in rot] == ["ok", "skipped"], rot
    assert rot[0]["compared_with"]["warc"].startswith("archive-here")  # the archive's history
    assert rot[1]["reason"] == "news.skip.example is in skip-hosts: not checked"
    assert not (tmp_path / "cache").exists()
    assert [r.path for r, _ in httpserver.log] == ["/report"]  # nothing asked about skip.example


# --- errors and labels ------------------------------------------------------------------


@pytest.mark.parametrize("args, said", [
    (("verify",), "citecheck: error: Missing argument 'PATH...'. (see citecheck verify --help)"),
    (("verify", "letter.txt", "--format", "nope"), "citecheck: error: Invalid value for "
     "'--format' / '-f': 'nope' is not one of 'terminal', 'json', 'md', 'html', 'sarif', "
     "'junit'. (see citecheck verify --help)"),
    (("rot",), "citecheck: error: Missing argument 'PATH...'. (see citecheck rot --help)"),
    (("report",), "citecheck: error: Missing argument 'FILE.json'. (see citecheck report --help)"),
    (("nosuch",), "citecheck: error: No such command 'nosuch'. (see citecheck --help)"),
])
def test_a_usage_error_is_one_line(args, said):
    done = subprocess.run([sys.executable, "-m", "citecheck", *args], capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", said + "\n")


def test_help_shows_that_several_paths_work(run_cli):
    for command in ("verify", "rot"):
        code, out, _ = run_cli(command, "--help")
        assert out.startswith(f"Usage: root {command} [OPTIONS] PATH...\n"), out  # CliRunner's
        assert "{" not in out.splitlines()[0]


def test_offline_with_an_empty_archive_says_which_archive_and_how_to_fill_it(run_cli, tmp_path):
    letter = write_letter(tmp_path, ("Eight died", "https://example.org/a"))
    cache = tmp_path / "my-cache"
    code, out, err = run_cli("verify", letter, "--offline", "--cache-dir", cache)
    assert code == 1 and "not in the archive" in out
    assert err == (f"citecheck: --offline: the archive {cache / 'warc'} is empty, so no page "
                   f"could be read; run citecheck verify once without --offline (with "
                   f"--cache-dir {cache}) to fetch the cited pages and archive them\n")


def test_a_replayed_page_is_not_labelled_from_cache(tmp_path, verify_json, run_cli):
    warc = write_warc(tmp_path / "other.warc.gz", "https://example.org/report",
                      article("Report", "The office registered 234 complaints of torture "
                              "this year."))
    letter = write_letter(tmp_path, ("The office registered 234 complaints",
                                     "https://example.org/report"))
    code, report = verify_json(letter, "--replay", warc)
    (c,) = citations(report)
    assert c["status"] == "verified"
    assert (c["fetch"]["origin"], c["fetch"]["from_cache"]) == ("other_archive", False)
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    code, md, _ = run_cli("report", saved, "--format", "md")
    assert "- **Fetch**: HTTP 200, from a WARC file citecheck did not write, fetched " in md
    assert "cache" not in md.split("- **Fetch**:", 1)[1].split("\n", 1)[0]
