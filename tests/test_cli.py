"""The command line as a user meets it: output, exit status, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from citecheck import __version__
from citecheck.renderers import RENDERERS
from conftest import SEED_LETTER, citations


def citecheck(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "citecheck", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_version_and_help():
    assert citecheck("--version").stdout.strip() == f"citecheck {__version__}"
    help_text = citecheck("verify", "--help").stdout
    for option in ("--format", "--output", "--cache-dir", "--offline", "--allow-private-hosts",
                   "--concurrency", "--timeout"):
        assert option in help_text


def test_every_format_choice_has_a_renderer(run_cli):
    from citecheck.cli import Format

    assert {f.value for f in Format} == set(RENDERERS)
    from citecheck.cli import RotFormat
    from citecheck.renderers import ROT_RENDERERS

    assert {f.value for f in RotFormat} == set(ROT_RENDERERS)


def _file(folder, name, data: bytes):
    (folder / name).write_bytes(data)
    return folder / name


def _huge(folder):
    path = folder / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    return path


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: _file(d, "empty.txt", b" \n\n"), "the file is empty"),
    (lambda d: _file(d, "b.txt", b"\x00\x01\x02PK\x00" * 100), "binary file"),
    (_huge, "larger than the 20 MiB limit"),
])
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, make, message):
    result = citecheck("verify", make(tmp_path), "--cache-dir", tmp_path / "c")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith("citecheck: error: ")


def test_unknown_format_is_a_usage_error(tmp_path):
    result = citecheck("verify", SEED_LETTER, "--format", "xml")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_seed_letter_offline_with_an_empty_cache_still_reads_every_footnote(tmp_path):
    result = citecheck("verify", SEED_LETTER, "--offline", "--format", "json",
                       "--cache-dir", tmp_path / "cache")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    cites = citations(report)
    assert [c["id"] for c in cites] == ["1", "2", "3", "4"]
    assert [[f["value"] for f in c["figures"]] for c in cites] == [[234], [8], [238], []]
    assert {c["status"] for c in cites} == {"unreachable"}
    assert all(c["reason"] == "not in the archive" for c in cites)
    assert report["documents"][0]["date"] == "2022-10-06"


def test_seed_letter_on_a_machine_without_network_says_so(tmp_path):
    from citecheck.pipeline import verify
    from citecheck.fetch import Fetcher
    from citecheck.settings import Settings
    import socket

    def no_dns(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    settings = Settings(cache_dir=tmp_path / "c")
    report = verify([SEED_LETTER], settings, fetcher=Fetcher(settings, resolver=no_dns))
    assert {c.status.value for c in report.citations} == {"unreachable"}
    assert all("no working DNS" in c.reason for c in report.citations)


def test_a_host_that_does_not_exist_is_dead_when_dns_works(tmp_path):
    import socket

    from citecheck.fetch import Fetcher
    from citecheck.settings import Settings

    def dns(host, port):
        if host == "example.com":
            return ["93.184.215.14"]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    fetcher = Fetcher(Settings(cache_dir=tmp_path / "c"), resolver=dns)
    capture = fetcher.fetch("https://gone.example.org/a")
    assert capture.error_kind == "dns" and "no such host" in capture.error


def test_output_file_is_written_and_summary_goes_to_stderr(tmp_path):
    out = tmp_path / "reports" / "seed.md"
    result = citecheck("verify", SEED_LETTER, "--offline", "--format", "md", "--output", out,
                       "--cache-dir", tmp_path / "cache")
    assert result.returncode == 1
    assert result.stdout == ""
    summary, note = result.stderr.splitlines()  # the note: this new cache's archive is empty
    assert summary == f"{out}: 4 citations: 4 unreachable"
    assert note.startswith("citecheck: --offline: the archive ")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## citecheck report\n")
    assert "| [1] | 70 |" in text


def test_terminal_report_is_plain_text_when_piped(tmp_path):
    result = citecheck("verify", SEED_LETTER, "--offline", "--cache-dir", tmp_path / "cache")
    assert "\x1b[" not in result.stdout
    assert "[1]" in result.stdout and "4 citations: 4 unreachable" in result.stdout


def test_a_run_in_ci_says_how_far_it_has_got(run_cli, httpserver, tmp_path, monkeypatch):
    # Standard error is not a terminal here: a plain line now and then (every 5 s; at once
    # in this test), with done/total and the host being fetched, instead of silence.
    from citecheck import cli
    from conftest import write_letter

    monkeypatch.setattr(cli, "PROGRESS_SECONDS", 0.0)
    for name in ("a", "b"):
        httpserver.expect_request(f"/{name}").respond_with_data(
            "<html><body><p>Prosecutors registered 234 allegations of torture.</p></body></html>",
            content_type="text/html")
    letter = write_letter(tmp_path, ("Prosecutors registered 234 allegations of torture",
                                     httpserver.url_for("/a")),
                          ("Prosecutors registered 234 allegations of torture",
                           httpserver.url_for("/b")))
    code, out, err = run_cli("verify", letter, "--format", "json", "--cache-dir",
                             tmp_path / "cache", "--allow-private-hosts")
    assert code == 0, err
    host = f"{httpserver.host}:{httpserver.port}"
    assert f"citecheck: 1/2 pages, now {host}\n" in err


def test_the_commands_own_process_keeps_what_it_loaded_out_of_the_collectors_walks(
        tmp_path, run_cli, monkeypatch):
    # `citecheck` as a process of its own freezes (gc.freeze) what is loaded when its run
    # starts: the collector no longer walks the modules' objects at each full collection.
    # A process that only calls `app` (these tests) is left as it is.
    import gc
    import re

    from citecheck import pipeline
    from conftest import ROOT

    letter = tmp_path / "letter.txt"
    letter.write_text("Nothing is cited here.\n", encoding="utf-8")
    probe = ("import gc, sys\nfrom citecheck import cli, pipeline\nreal = pipeline.verify\n"
             "def verify(*args, **kwargs):\n"
             "    print('frozen', gc.get_freeze_count(), file=sys.stderr)\n"
             "    return real(*args, **kwargs)\n"
             "pipeline.verify = verify\nsys.argv = ['citecheck', *sys.argv[1:]]\ncli.main()\n")
    done = subprocess.run([sys.executable, "-c", probe, "verify", str(letter), "--cache-dir",
                           str(tmp_path / "cache")], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert int(re.search(r"frozen (\d+)", done.stderr).group(1)) > 10_000, done.stderr

    seen = []
    real = pipeline.verify
    monkeypatch.setattr(pipeline, "verify",
                        lambda *a, **k: seen.append(gc.get_freeze_count()) or real(*a, **k))
    before = gc.get_freeze_count()
    run_cli("verify", str(letter), "--cache-dir", str(tmp_path / "cache2"))
    assert seen == [before]
