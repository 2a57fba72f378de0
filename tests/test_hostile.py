"""Fault injection: hostile servers, internal addresses, broken TLS. Nothing crashes or hangs.

Each case runs `citecheck verify` on a letter citing one misbehaving route of a local server
(tests/hostile.py) and asserts the citation's status, its reason, a bounded run time and the
absence of a traceback. The README's security table lists the same cases (a test checks).
"""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import tracemalloc

import pytest
import trustme
from typer.testing import CliRunner

from citecheck.cli import app
from conftest import ROOT, citations, write_letter
from hostile import ENGLISH, HostileServer

CLAIM = "Prosecutors have registered 234 allegations of torture"
FAST = ("--timeout", "1", "--deadline", "1.5", "--retries", "2", "--max-retry-wait", "0.2",
        "--max-body-mb", "1")


@pytest.fixture(scope="module")
def hostile():
    server = HostileServer()
    yield server
    server.close()


def verify(folder, url: str, *options: str, private: bool = True) -> tuple[int, dict, str]:
    """Run `citecheck verify` on a letter citing `url`; (exit code, citation, stdout+stderr)."""
    folder.mkdir(parents=True, exist_ok=True)
    letter = write_letter(folder, (CLAIM, url))
    args = ["verify", str(letter), "--format", "json", "--cache-dir", str(folder / "cache"),
            *FAST, *options, *(["--allow-private-hosts"] if private else [])]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    (citation,) = citations(json.loads(result.stdout))
    return result.exit_code, citation, output


_PROGRESS_RE = re.compile(r"^citecheck: \d+/\d+ pages, now .*\n?", re.M)


def _said(stderr: str) -> str:
    """Standard error without the progress lines a run that takes over 5 s writes when it
    is not a terminal (a loaded machine): what is left is what the run had to say."""
    return _PROGRESS_RE.sub("", stderr)


# route, status, a piece of the reason. The README's security table shows these rows.
SERVER_CASES = [
    ("/ok", "verified", "found “234”"),
    ("/trickle-headers", "unreachable", "deadline for this URL passed"),
    ("/trickle-body", "unreachable", "deadline for this URL passed"),
    ("/silent", "unreachable", "deadline for this URL passed"),
    ("/gzip-bomb", "unreadable", "larger than the 1 MiB cap"),
    ("/huge", "unreadable", "larger than the 1 MiB cap"),
    ("/redirect-loop", "unreachable", "more than 10 redirects"),
    ("/redirect-forever", "unreachable", "more than 10 redirects"),
    ("/header-flood", "unreachable", "not valid HTTP: got more than 100 headers"),
    ("/long-header", "unreachable", "not valid HTTP: got more than 65536 bytes"),
    ("/reset-mid-body", "unreachable", "the connection was reset mid-answer"),
    ("/close-mid-body", "unreachable", "the connection closed mid-answer (500 bytes read"),
    ("/hang-up", "unreachable", "Remote end closed connection without response"),
    ("/not-http", "unreachable", "not valid HTTP: it does not start with an HTTP status line"),
    ("/escapes-not-http", "unreachable", r"status line (\x1b[2J\x1b]0;pwned\x07<script>"),
    ("/bad-chunks", "unreachable", "not valid HTTP: a malformed body"),
    ("/bad-gzip", "unreachable", "not in the compression its Content-Encoding names"),
    ("/503-retry-after-forever", "unreachable", "HTTP 503: server error after 2 attempts"),
    ("/429-retry-after-2999", "blocked", "HTTP 429: rate-limited after 2 attempts"),
    ("/binary-as-html", "unreadable", "binary data labelled as HTML"),
    ("/charset-lie", "verified", "found “234”"),
    ("/latin1-lie", "verified", "found “234”"),
    ("/latin1-lie-1251", "verified", "found “234”"),
    ("/charset-nonsense", "verified", "found “234”"),
    ("/type-nonsense", "verified", "found “234”"),
    ("/image-that-is-html", "verified", "found “234”"),
    ("/pdf-title-array", "verified", "found “234”"),
    ("/pdf-title-number", "verified", "found “234”"),
    ("/pdf-title-dict", "verified", "found “234”"),
    ("/pdf-unknown-filter", "unreadable", "the PDF could not be read (NotImplementedError: "
                                          "Unsupported filter /NoSuchDecode)"),
    ("/pdf-stream-bomb", "unreadable", "the PDF"),
    ("/early-hints", "verified", "found “234”"),
    ("/processing", "verified", "found “234”"),
    ("/br", "verified", "found “234”"),
    ("/zstd", "verified", "found “234”"),
    ("/two-lengths", "unreachable", "not valid HTTP: Content-Length contained multiple "
                                    "unmatching values"),
    ("/pdf-unknown-encryption", "unreadable", "the PDF could not be read (NotImplementedError: "
                                              "only Standard PDF encryption handler"),
]


@pytest.mark.parametrize("route, status, reason", SERVER_CASES, ids=[c[0] for c in SERVER_CASES])
def test_a_misbehaving_server_gets_a_clear_status(hostile, tmp_path, route, status, reason):
    started = time.monotonic()
    code, c, _ = verify(tmp_path, hostile.url(route))
    assert (c["status"], reason in c["reason"]) == (status, True), c["reason"]
    # The reason shows which limit cut the answer off (the deadline's own words for the
    # stalling routes); the time is a hang guard only, generous for a loaded machine but
    # below the 10 s the silent and trickling routes hold a connection without their limit.
    assert time.monotonic() - started < 9
    assert code == (0 if status == "verified" else 1)
    if status == "verified":  # read in the right charset: the quote is not mojibake
        assert re.search(r"234 (allegations|заявления о пытках)", c["figures"][0]["evidence"])


def test_a_gzip_bomb_is_never_inflated_past_the_cap(hostile, tmp_path):
    from citecheck.fetch import Fetcher
    from citecheck.settings import Settings

    fetcher = Fetcher(Settings(cache_dir=tmp_path, allow_private_hosts=True,
                               max_body_bytes=1024 * 1024))
    tracemalloc.start()
    try:
        capture = fetcher.fetch(hostile.url("/gzip-bomb"))  # 64 MiB of zeros, gzipped
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert capture.error_kind == "too_large"
    assert peak < 8 * 1024 * 1024


def test_retry_after_far_in_the_future_is_capped(hostile, tmp_path):
    started = time.monotonic()
    code, c, _ = verify(tmp_path, hostile.url("/429-retry-after-2999"), "--max-retry-wait", "0.3",
                        "--retries", "3", "--deadline", "30")
    assert c["status"] == "blocked" and c["fetch"]["attempts"] == 3
    # Three attempts within a 30 s deadline prove each wait was capped (an uncapped wait
    # would pass the deadline at once and stop after one); two waits of 0.3 s at least.
    assert 0.5 < time.monotonic() - started < 15


# Addresses inside the network, however they are spelled: refused before any connection.
INTERNAL = [
    ("http://2130706433:{port}/ok", "127.0.0.1 is a loopback address"),  # decimal
    ("http://0x7f.1:{port}/ok", "127.0.0.1 is a loopback address"),  # hex, short form
    ("http://017700000001:{port}/ok", "127.0.0.1 is a loopback address"),  # octal
    ("http://0177.0.0.1:{port}/ok", "127.0.0.1 is a loopback address"),
    ("http://localhost:{port}/ok", "127.0.0.1 is a loopback address"),
    ("http://0.0.0.0:{port}/ok", "0.0.0.0 is a reserved address"),
    ("http://[::]:{port}/ok", ":: is a reserved address"),
    ("http://[::1]:{port}/ok", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/ok", "127.0.0.1 is a loopback address"),  # IPv4-mapped
    ("http://[2002:7f00:1::]:{port}/ok", "127.0.0.1 is a loopback address"),  # 6to4
    ("http://10.1.2.3:{port}/ok", "10.1.2.3 is a private address"),
    ("http://192.168.0.1:{port}/ok", "192.168.0.1 is a private address"),
    ("http://100.64.0.1:{port}/ok", "100.64.0.1 is a carrier-grade NAT address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://[fe80::1%25eth0]:{port}/ok", "fe80::1 is a link-local address"),
    ("http://[fd00::1]:{port}/ok", "fd00::1 is a private address"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 is a private address"),
    ("http://224.0.0.1:{port}/ok", "224.0.0.1 is a multicast address"),
    ("http://[fec0::1]:{port}/ok", "fec0::1 is a site-local address"),
]


@pytest.mark.parametrize("url, reason", INTERNAL, ids=[u for u, _ in INTERNAL])
def test_internal_addresses_are_blocked_without_connecting(hostile, tmp_path, url, reason):
    before = hostile.connections
    code, c, _ = verify(tmp_path, url.format(port=hostile.port), private=False)
    assert c["status"] == "blocked" and reason in c["reason"], c["reason"]
    assert "--allow-private-hosts" in c["reason"]
    assert hostile.connections == before and code == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt",
                                 "gopher://example.org/1", "javascript:alert(1)"])
def test_other_schemes_are_invalid(tmp_path, url):
    code, c, _ = verify(tmp_path, url, private=False)
    assert c["status"] == "invalid" and code == 1


def test_dns_rebinding_on_a_redirect_to_the_same_name_is_caught(hostile, tmp_path, monkeypatch):
    from citecheck import fetch
    from citecheck.settings import Settings

    # A name whose DNS answer changes: public (here 127.0.0.1 counts as public) for the
    # first connection, internal (127.0.0.2) for the next one, made for the redirect.
    monkeypatch.setattr(fetch, "address_problem",
                        lambda a: "127.0.0.2 is internal" if a == "127.0.0.2" else None)
    answers = iter(["127.0.0.1", "127.0.0.2", "127.0.0.2"])
    fetcher = fetch.Fetcher(Settings(cache_dir=tmp_path),
                            resolver=lambda host, port: [next(answers)])
    before = len(hostile.paths)
    capture = fetcher.fetch(f"http://rebind.example:{hostile.port}/rebind")
    assert capture.error_kind == "private_address"
    assert "rebind.example resolves to 127.0.0.2 is internal" in capture.error
    assert hostile.paths[before:] == ["/rebind"]


def test_names_are_vetted_before_a_proxy_fetches_them(tmp_path, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens: never reached
    code, c, _ = verify(tmp_path, "http://localhost/admin", private=False)
    assert c["status"] == "blocked" and "127.0.0.1 is a loopback address" in c["reason"]


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def _tls_server(ca: trustme.CA, name: str) -> HostileServer:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(context)
    return HostileServer(tls=context)


def test_tls_errors_are_unreachable_with_the_reason(ca, hostile, tmp_path, monkeypatch):
    server = _tls_server(ca, "127.0.0.1")
    wrong_name = _tls_server(ca, "news.example.org")
    try:
        # A certificate nobody vouches for (the test CA is not trusted yet).
        code, c, _ = verify(tmp_path / "a", server.url("/ok"))
        assert c["status"] == "unreachable" and "TLS failed" in c["reason"], c["reason"]
        assert "certificate verify failed" in c["reason"]
        # Plain HTTP where TLS was expected.
        code, c, _ = verify(tmp_path / "b", hostile.url("/ok").replace("http:", "https:"))
        assert c["status"] == "unreachable" and "TLS failed" in c["reason"], c["reason"]
        # Trusted, but issued to another name.
        bundle = tmp_path / "ca.pem"
        ca.cert_pem.write_to_path(str(bundle))
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
        code, c, _ = verify(tmp_path / "c", wrong_name.url("/ok"))
        assert c["status"] == "unreachable" and "TLS failed" in c["reason"], c["reason"]
        assert "127.0.0.1" in c["reason"]  # "IP address mismatch, certificate is not valid for…"
        # Trusted and issued to this name: read as any page.
        code, c, _ = verify(tmp_path / "d", server.url("/ok"))
        assert c["status"] == "verified", c["reason"]
    finally:
        server.close()
        wrong_name.close()


def test_every_hostile_case_in_one_process_run_ends_without_a_traceback(hostile, tmp_path):
    letter = tmp_path / "letter.txt"
    notes = [hostile.url(route) for route, _, _ in SERVER_CASES]
    body = " ".join(f"Prosecutors registered 234 allegations of torture.[{i}]" for i in range(1, len(notes) + 1))
    letter.write_text(body + "\n\n" + "\n".join(f"[{i}] {u}" for i, u in enumerate(notes, 1))
                      + "\n", encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "citecheck", "verify", letter, "--format", "json",
         "--cache-dir", tmp_path / "cache", "--allow-private-hosts", "--concurrency", "32",
         "--per-host", "16", *FAST], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr and _said(result.stderr) == ""
    assert result.returncode == 1
    statuses = [c["status"] for c in citations(json.loads(result.stdout))]
    assert statuses == [status for _, status, _ in SERVER_CASES]
    assert time.monotonic() - started < 45  # a hang guard: unbounded, trickle routes never end


def test_the_readme_security_table_shows_these_cases():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Security", 1)[1]
    for route, status, _ in SERVER_CASES:
        assert re.search(rf"^\| `{re.escape(route)}` \|.*\| `{status}` \|", section, re.M), route
    for url, _ in INTERNAL:
        host = re.sub(r"^http://|[:/][^\]]*$", "", url.replace("]:", "]/"))
        assert f"`{host}`" in section, host


def test_broken_footnotes_end_to_end_are_reported_never_fatal(tmp_path):
    letter = tmp_path / "broken.txt"
    letter.write_text(
        "October 6, 2022\n\nThey counted 234 cases.[1] And 8 more.[1] Also 9.[3] Then 10.[5] "
        "And 11.[6] And 12.[7]\n\n"
        "[1] http://a.example/1\n[1] http://a.example/duplicate\n[3] http://a.example/has space\n"
        "[4] http://a.example/never-cited\n[6] (http://a.example/x_(y)\n[7] <http://a.example/z>)]\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--offline",
                                      "--cache-dir", str(tmp_path / "c")], catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr and result.exit_code == 1
    (document,) = json.loads(result.stdout)["documents"]
    found = {c["id"]: (c["url"], c["status"]) for c in document["citations"]}
    assert found["5"] == (None, "invalid")
    assert found["3"][0] == "http://a.example/has"  # a URL ends at a space
    assert found["6"][0] == "http://a.example/x_(y)" and found["7"][0] == "http://a.example/z"
    warnings = " ".join(w["message"] for w in document["warnings"])
    assert "[1] is defined twice" in warnings and "[4] is defined but never referenced" in warnings


def _damaged_sqlite(path) -> None:
    """A real SQLite file whose inner pages are overwritten (as a torn or planted cache)."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v BLOB)")
        db.executemany("INSERT INTO t VALUES (?, ?)", ((str(i), b"x" * 900) for i in range(400)))
    db.close()
    data = bytearray(path.read_bytes())
    for at in range(4096 + 8, len(data), 4096):  # every page but the first: headers garbled
        data[at:at + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("command", ["verify", "rot"])
@pytest.mark.parametrize("damage", ["not a database", "garbled pages"])
def test_a_damaged_http_cache_is_set_aside_and_the_run_writes_its_report(tmp_path, httpserver,
                                                                         damage, command):
    httpserver.expect_request("/a").respond_with_data(
        f"<html><body><p>{CLAIM} in the region this year.</p></body></html>",
        content_type="text/html")
    cache = tmp_path / "cache"
    cache.mkdir()
    damaged = cache / "http-cache.sqlite"
    if damage == "not a database":
        damaged.write_bytes(b"not a database, not at all" * 100)
    else:
        _damaged_sqlite(damaged)
    before = damaged.read_bytes()
    letter = write_letter(tmp_path, (CLAIM, httpserver.url_for("/a")))
    more = ["--wayback", "none", "--memento", "none"] if command == "rot" else []
    args = [command, str(letter), "--cache-dir", str(cache), "--allow-private-hosts",
            "--timeout", "1", "--deadline", "1.5", "--retries", "2", *more]
    result = CliRunner().invoke(app, [*args, "--format", "json"], catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    (document,) = report["documents"]
    assert [c["status"] for c in document["citations"]] == [
        "verified" if command == "verify" else "ok"]
    (warning,) = [w for w in report["warnings"] if "HTTP cache" in w]  # the run's, once
    assert "damaged" in warning and "set aside as http-cache.sqlite.damaged-" in warning
    assert not any("HTTP cache" in w["message"] for w in document.get("warnings", []))
    (aside,) = cache.glob("http-cache.sqlite.damaged-*[0-9Z]")
    assert aside.read_bytes() == before  # kept as it was, never deleted
    assert damaged.exists() and damaged.read_bytes()[:16] == b"SQLite format 3\0"


# --- 1. A cache a pull request cannot poison ------------------------------------------------

def _plant_cache(folder, url: str, body: bytes, serializer) -> None:
    """An HTTP cache entry for `url` holding `body`, written with `serializer`, as a pull
    request could commit it."""
    import requests
    from requests_cache import CachedSession

    session = CachedSession(str(folder / "http-cache.sqlite"), backend="sqlite",
                            serializer=serializer, expire_after=-1)
    response = requests.get(url, timeout=5)
    response._content = body
    session.cache.save_response(response)
    session.close()


class _Payload:
    """A pickle that, once unpickled, creates the file `marker`: code run from the cache."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.parametrize("where", ["citecheck.toml", "force-added"])
def test_a_planted_pickle_cache_never_runs_code(hostile, tmp_path, monkeypatch, where):
    import pickle
    import sqlite3

    monkeypatch.chdir(tmp_path)
    if where == "citecheck.toml":  # a pull request adds a configuration naming its cache
        planted = tmp_path / "letters" / ".c"
        (tmp_path / "citecheck.toml").write_text('cache-dir = "letters/.c"\n', encoding="utf-8")
    else:  # or force-adds the default one, cache/http-cache.sqlite
        planted = tmp_path / "cache"
    planted.mkdir(parents=True)
    url = hostile.url("/ok")
    _plant_cache(planted, url, b"x", "pickle")  # requests-cache's default serializer
    marker = tmp_path / "pwned"
    with sqlite3.connect(planted / "http-cache.sqlite") as db:
        db.execute("UPDATE responses SET value = ?", (pickle.dumps(_Payload(marker)),))
    assert not marker.exists()
    letter = write_letter(tmp_path, (CLAIM, url))
    before = len(hostile.paths)
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json",
                                      "--allow-private-hosts", *FAST], catch_exceptions=False)
    assert not marker.exists()  # never unpickled
    (c,) = citations(json.loads(result.stdout))
    assert c["status"] == "verified" and c["fetch"]["origin"] == "fetched"
    assert hostile.paths[before:] == ["/ok"]  # fetched again, not taken from the planted file


@pytest.mark.parametrize("serializer", ["json", "foreign-key"])
def test_a_forged_cache_entry_never_counts_as_fetched(hostile, tmp_path, monkeypatch, serializer):
    from citecheck import _trust
    from citecheck.archive import Archive
    from citecheck.fetch import signed_json_serializer

    url = hostile.url("/ok")
    forged = ENGLISH_FORGED.encode()
    cache = tmp_path / "cache"
    cache.mkdir()
    if serializer == "foreign-key":  # signed, but with another installation's key
        monkeypatch.setenv("CITECHECK_STATE_DIR", str(tmp_path / "attacker"))
        serializer = signed_json_serializer()
        _plant_cache(cache, url, forged, serializer)
        monkeypatch.undo()
        assert _trust.state_dir() != tmp_path / "attacker"
    else:  # requests-cache's plain JSON: data, but not written by citecheck
        _plant_cache(cache, url, forged, serializer)
    letter = write_letter(tmp_path, ("The office counted 9,999 deaths", url))
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--cache-dir",
                                      str(cache), "--allow-private-hosts", *FAST],
                                catch_exceptions=False)
    (c,) = citations(json.loads(result.stdout))
    assert c["status"] == "not_found" and c["fetch"]["origin"] == "fetched", c["reason"]
    index = Archive(cache / "warc").index()
    (entry,) = index.entries
    assert b"9,999" not in index.load(entry)[1].content  # the forged page was not archived


ENGLISH_FORGED = ("<html><body><article><p>The office counted 9,999 deaths in custody, "
                  "its spokesman said on Tuesday in the capital.</p></article></body></html>")


def test_an_archive_citecheck_did_not_write_is_replay_evidence(hostile, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # a checkout: the archive was committed to it
    cache = repo / "cache"
    letter = write_letter(tmp_path, (CLAIM, hostile.url("/ok")))
    args = ["verify", str(letter), "--format", "json", "--cache-dir", str(cache),
            "--allow-private-hosts", *FAST]
    CliRunner().invoke(app, args, catch_exceptions=False)  # archived by this installation
    own = CliRunner().invoke(app, [*args, "--offline"], catch_exceptions=False)
    (c,) = citations(json.loads(own.stdout))
    assert c["status"] == "verified" and c["fetch"]["origin"] == "archive"
    assert "committed" not in c["reason"]
    # Another installation (another key) reads the same archive: the records are not its own.
    monkeypatch.setenv("CITECHECK_STATE_DIR", str(tmp_path / "elsewhere"))
    other = CliRunner().invoke(app, [*args, "--offline"], catch_exceptions=False)
    (c,) = citations(json.loads(other.stdout))
    assert c["fetch"]["origin"] == "committed_archive"
    assert c["status"] == "verified" and "(from the committed archive: " in c["reason"]
    md = CliRunner().invoke(app, [*args, "--offline", "--format", "md"], catch_exceptions=False)
    assert "from the committed archive" in md.stdout
    # Online, the committed copy is not pointed at as if fetched: the page is fetched anew.
    live = CliRunner().invoke(app, args, catch_exceptions=False)
    (c,) = citations(json.loads(live.stdout))
    assert c["fetch"]["origin"] == "fetched" and c["archive"]["warc"] != ""
    from citecheck.archive import Archive

    index = Archive(cache / "warc").index()
    assert [e.ours for e in index.entries] == [False, True]


def test_a_record_with_a_copied_mac_but_another_body_is_not_ours(hostile, tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders

    from citecheck.archive import Archive, _writer_class

    cache = tmp_path / "cache"
    letter = write_letter(tmp_path, (CLAIM, hostile.url("/ok")))
    CliRunner().invoke(app, ["verify", str(letter), "--cache-dir", str(cache),
                             "--allow-private-hosts", *FAST], catch_exceptions=False)
    archive = Archive(cache / "warc")
    (entry,) = archive.index().entries
    info, exchange = archive.index().load(entry)
    assert entry.ours and exchange.ours
    # The same WARC headers (MAC, digest, record id), another body, in a planted file.
    buffer = io.BytesIO()
    writer = _writer_class()(buffer, gzip=True)
    record = writer.create_warc_record(
        entry.url, "response", payload=io.BytesIO(ENGLISH_FORGED.encode()),
        length=len(ENGLISH_FORGED), http_headers=StatusAndHeaders("200 OK", [], "HTTP/1.1"),
        warc_headers_dict={"WARC-Record-ID": info.record_id, "WARC-Date": info.date,
                           "WARC-Payload-Digest": entry.digest, "WARC-Citecheck-MAC": entry.mac})
    writer.write_record(record)
    planted = cache / "warc" / "planted.warc.gz"
    planted.write_bytes(buffer.getvalue())
    from dataclasses import replace

    forged = replace(entry, path=planted, offset=0)
    assert forged.ours  # the index line's MAC is genuine...
    assert not archive.index().load(forged)[1].ours  # ...but the record is not what it vouches for


# --- 2. No run ends without its report ------------------------------------------------------

def test_a_failure_on_one_citation_is_its_status_and_the_report_is_written(
        hostile, tmp_path, monkeypatch):
    from citecheck import pipeline

    real = pipeline._examine

    def broken(capture, claims, sources):
        if capture.url.endswith("/latin1-lie"):
            raise TypeError("a bug that only this page triggers")
        return real(capture, claims, sources)

    monkeypatch.setattr(pipeline, "_examine", broken)
    letter = write_letter(tmp_path, (CLAIM, hostile.url("/ok")), (CLAIM, hostile.url("/latin1-lie")))
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--cache-dir",
                                      str(tmp_path / "c"), "--allow-private-hosts", *FAST],
                                catch_exceptions=False)
    assert result.exit_code == 1 and _said(result.stderr) == ""
    ok, bad = citations(json.loads(result.stdout))
    assert ok["status"] == "verified"
    assert bad["status"] == "unreadable"
    assert bad["reason"] == ("citecheck failed while reading this page (TypeError: a bug that "
                             "only this page triggers)")


def test_a_failure_while_fetching_one_url_is_its_status(hostile, tmp_path, monkeypatch):
    from citecheck import fetch

    real = fetch.Fetcher.fetch

    def broken(self, url):
        if url.endswith("/latin1-lie"):
            raise RuntimeError("boom")
        return real(self, url)

    monkeypatch.setattr(fetch.Fetcher, "fetch", broken)
    letter = write_letter(tmp_path, (CLAIM, hostile.url("/ok")), (CLAIM, hostile.url("/latin1-lie")))
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--cache-dir",
                                      str(tmp_path / "c"), "--allow-private-hosts", *FAST],
                                catch_exceptions=False)
    ok, bad = citations(json.loads(result.stdout))
    assert ok["status"] == "verified" and bad["status"] == "unreachable"
    assert bad["reason"] == "citecheck failed while fetching this URL (RuntimeError: boom)"


def test_a_malformed_ipv6_url_is_invalid(tmp_path):
    letter = tmp_path / "l.txt"
    letter.write_text("They counted 234 cases.[1] See http://[oops/y too.\n\n"
                      "[1] http://[oops/x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--cache-dir",
                                      str(tmp_path / "c")], catch_exceptions=False)
    assert result.exit_code == 1 and _said(result.stderr) == ""
    found = citations(json.loads(result.stdout))
    assert found and all(c["status"] == "invalid" and "Invalid IPv6 URL" in c["reason"]
                         for c in found)


def test_an_html_letter_with_a_control_character_after_a_back_link(tmp_path):
    letter = tmp_path / "l.html"
    letter.write_bytes(b'<html><body><p>They counted 234 cases.<sup><a href="#fn1" id="r1">1'
                       b'</a></sup></p><ol><li id="fn1">http://a.example/x <a href="#r1">'
                       b'\xe2\x86\xa9</a>\x01\x0b tail</li></ol></body></html>')
    result = CliRunner().invoke(app, ["verify", str(letter), "--format", "json", "--offline",
                                      "--cache-dir", str(tmp_path / "c")], catch_exceptions=False)
    # stderr holds only the note that the (new) archive is empty
    assert result.exit_code == 1 and result.stderr.startswith("citecheck: --offline: the archive")
    (c,) = citations(json.loads(result.stdout))
    assert c["url"] == "http://a.example/x" and c["status"] == "unreachable"


def test_a_docx_with_a_corrupt_deflate_stream_is_a_one_line_error(tmp_path):
    from hostile import corrupt_deflate

    letter = tmp_path / "l.docx"
    letter.write_bytes(corrupt_deflate((ROOT / "tests/data/senators-letter.docx").read_bytes()))
    result = CliRunner().invoke(app, ["verify", str(letter), "--offline", "--cache-dir",
                                      str(tmp_path / "c")], catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"citecheck: error: {letter}: not a readable Word (.docx) file "
                             "(zlib.error: Error -3 while decompressing data: invalid "
                             "distance too far back)\n") or (
        result.stderr.startswith(f"citecheck: error: {letter}: not a readable Word (.docx) "
                                 "file (zlib.error: ") and result.stderr.count("\n") == 1)


_FIXTURES = {name: (ROOT / "tests" / "data" / name).read_bytes() for name in (
    "senators-letter.docx", "senators-letter.pdf", "senators-letter.html", "senators-letter.md",
    "links.docx")}


@pytest.mark.parametrize("name", sorted(_FIXTURES))
def test_damaged_documents_are_read_or_refused_in_one_line(name):
    """A quick fuzz of every reader: the fixture with bytes flipped, cut or repeated is read,
    or refused with an InputError; nothing else escapes."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    from citecheck.document import InputError
    from citecheck.formats import parse_bytes

    data = _FIXTURES[name]

    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)),
                    min_size=1, max_size=8), st.integers(1, len(data)))
    def damaged(flips, cut):
        broken = bytearray(data[:cut])
        for at, value in flips:
            if at < len(broken):
                broken[at] = value
        try:
            parse_bytes(bytes(broken), name)
        except InputError as e:
            assert "\n" not in str(e)

    damaged()



# --- 3. Reading bounded in time and memory --------------------------------------------------

def _verify_document(path, tmp_path):
    result = CliRunner().invoke(app, ["verify", str(path), "--offline", "--cache-dir",
                                      str(tmp_path / "c")], catch_exceptions=False)
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    return result.exit_code, result.stderr


DOCUMENT_BOMBS = [
    ("zip-bomb.docx", "docx_zip_bomb", "word/document.xml inflates to 105 MB, more than the "
                                       "32 MiB limit for a part of a document (a zip bomb?)"),
    ("empty-paragraphs.docx", "docx_empty_paragraphs", "too costly to read: reading it needed "
                                                        "more than 64 MiB of memory"),
    ("stream-bomb.pdf", "pdf_stream_bomb", "too costly to read: reading it needed more than "
                                           "64 MiB of memory"),
    ("pages.pdf", "pdf_pages", "10000 pages, more than the 2000 pages a document may have"),
    ("one-line.txt", "one_line_of_markers", "too costly to read: reading it needed more than "
                                            "64 MiB of memory, the limit for a document"),
    ("bare-urls.txt", "one_line_of_urls", "too costly to read: reading it needed more than "
                                          "64 MiB of memory"),
]


@pytest.mark.parametrize("name, make, message", DOCUMENT_BOMBS, ids=[b[0] for b in DOCUMENT_BOMBS])
def test_a_document_over_the_reading_budget_is_a_one_line_error(tmp_path, monkeypatch, name,
                                                                 make, message):
    import hostile as h
    from citecheck import _limits

    makers = {"pdf_pages": lambda: h.pdf(pages=10_000, shared=True),
              "one_line_of_markers": lambda: b"x[1]" * (5 << 20),  # 20 MB on one line
              "one_line_of_urls": lambda: b"http://a.example/x " * (1 << 20)}
    monkeypatch.setattr(_limits, "READ_MEMORY", 64 << 20)
    path = tmp_path / name
    path.write_bytes(makers[make]() if make in makers else getattr(h, make)())
    started = time.monotonic()
    code, stderr = _verify_document(path, tmp_path)
    assert code == 2 and stderr == f"citecheck: error: {path}: {message}" + stderr[
        len(f"citecheck: error: {path}: {message}"):]
    assert time.monotonic() - started < 60  # a hang guard; the message names the budget hit


def test_a_document_over_the_time_budget_is_a_one_line_error(tmp_path, monkeypatch):
    from citecheck import _limits

    import hostile as h

    monkeypatch.setattr(_limits, "READ_SECONDS", 0.5)
    path = tmp_path / "heavy.pdf"
    path.write_bytes(h.heavy_pdf(pages=50, operators=50_000))
    started = time.monotonic()
    code, stderr = _verify_document(path, tmp_path)
    assert code == 2 and stderr == (f"citecheck: error: {path}: too costly to read: reading it "
                                    "took more than 0.5 s, the limit for a document\n")
    assert time.monotonic() - started < 15  # the message says the 0.5 s limit cut it off


def test_reading_a_document_bomb_peaks_under_300_mb(tmp_path):
    """The issue's figure, with the default budget: a 20 MB line of `x[1]` (6 GB before)."""
    path = tmp_path / "one-line.txt"
    path.write_bytes(b"x[1]" * (5 << 20))
    probe = ("import resource, subprocess, sys; r = subprocess.run([sys.executable, '-m', "
             "'citecheck', 'verify', sys.argv[1], '--offline', '--cache-dir', sys.argv[2]], "
             "capture_output=True, text=True); print(r.returncode, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.stderr, end='')")
    out = subprocess.run([sys.executable, "-c", probe, str(path), str(tmp_path / "c")],
                         capture_output=True, text=True, timeout=120).stdout
    code, peak_kb, stderr = out.split(" ", 2)
    assert code == "2" and "too costly to read: reading it needed more than 200 MiB" in stderr
    assert int(peak_kb) < 300 * 1024, f"peak {int(peak_kb) // 1024} MB"


def test_a_cited_pdf_over_the_time_budget_is_unreadable(hostile, tmp_path, monkeypatch):
    from citecheck import _limits

    monkeypatch.setattr(_limits, "READ_SECONDS", 1.0)
    started = time.monotonic()
    code, c, _ = verify(tmp_path, hostile.url("/pdf-heavy"))
    assert c["status"] == "unreadable" and c["reason"] == (
        "the PDF is too costly to read: reading it took more than 1 s, the limit for a page")
    assert time.monotonic() - started < 20  # unbounded, its 500 pages take minutes


def test_ten_redirect_hops_of_gzipped_zeros_hold_little_memory(hostile, tmp_path):
    from citecheck.fetch import Fetcher
    from citecheck.settings import Settings

    fetcher = Fetcher(Settings(cache_dir=tmp_path, allow_private_hosts=True))
    tracemalloc.start()
    try:
        capture = fetcher.fetch(hostile.url("/fat-redirect"))  # 10 hops of 19 MiB each
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert capture.status == 200 and len(capture.redirects) == 10
    assert all(len(e.content) <= 64 * 1024 for e in capture.exchanges[:-1])
    assert peak < 16 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_a_redirect_body_cut_at_64_kib_is_archived_as_truncated(hostile, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    code, c, _ = verify(tmp_path, hostile.url("/fat-redirect"), "--deadline", "30",
                        "--max-body-mb", "20")
    assert c["status"] == "verified" and len(c["fetch"]["redirects"]) == 10, c["reason"]
    (warc,) = (tmp_path / "cache" / "warc").glob("*.warc.gz")
    responses = []
    with open(warc, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response":
                responses.append((record.http_headers.get_statuscode(),
                                  record.rec_headers.get_header("WARC-Truncated"),
                                  len(record.content_stream().read())))
    # Each hop's 19 MiB body was cut to its first 64 KiB, and the record says so; the page
    # at the end of the chain is whole.
    assert responses == [("302", "length", 64 * 1024)] * 10 + [("200", None, len(ENGLISH))]


# --- 5. Smaller holes --------------------------------------------------------------------------

@pytest.mark.parametrize("url, reason", [
    ("http://[fec0::1]:{port}/ok", "fec0::1 is a site-local address"),
    ("http://[fec0::ffff:1]/ok", "fec0::ffff:1 is a site-local address"),
])
def test_ipv6_site_local_is_refused(hostile, tmp_path, url, reason):
    before = hostile.connections
    code, c, _ = verify(tmp_path, url.format(port=hostile.port), private=False)
    assert c["status"] == "blocked" and reason in c["reason"], c["reason"]
    assert hostile.connections == before


def test_ipv6_site_local_is_refused_on_a_redirect_hop(hostile, tmp_path, monkeypatch):
    from citecheck import fetch
    from citecheck.settings import Settings

    answers = iter(["127.0.0.1", "fec0::1"])  # public first (127.0.0.1 counts as public here)
    real = fetch.address_problem
    monkeypatch.setattr(fetch, "address_problem", lambda a: None if a == "127.0.0.1" else real(a))
    fetcher = fetch.Fetcher(Settings(cache_dir=tmp_path),
                            resolver=lambda host, port: [next(answers)])
    capture = fetcher.fetch(f"http://hop.example:{hostile.port}/rebind")
    assert capture.error_kind == "private_address" and "fec0::1 is a site-local" in capture.error


@pytest.mark.parametrize("name", ["bad\nname.txt", "x\n::error::pwned.txt", "\x1b[2Jx.txt",
                                  "\x1b]0;title\x07.txt"])
def test_file_names_reach_stderr_escaped(tmp_path, name):
    result = subprocess.run([sys.executable, "-m", "citecheck", "verify", str(tmp_path / name),
                             "--offline"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert not any(line.startswith("::") for line in result.stderr.splitlines())
    assert name.encode("unicode_escape").decode() in result.stderr


def test_a_redirect_to_a_host_that_does_not_exist_names_that_host(hostile, tmp_path):
    import socket

    from citecheck.fetch import Fetcher
    from citecheck.settings import Settings

    def resolver(host, port):
        if host in ("127.0.0.1", "example.com"):
            return ["127.0.0.1"]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    fetcher = Fetcher(Settings(cache_dir=tmp_path, allow_private_hosts=True), resolver=resolver)
    capture = fetcher.fetch(hostile.url("/redirect-to-nowhere"))
    assert (capture.error_kind, capture.error) == ("dns", "no-such-host.invalid: no such host")


@pytest.mark.parametrize("route, coding", [("/br", None), ("/zstd", None),
                                           ("/unknown-coding", "compress")])
def test_the_archive_keeps_a_correct_record_of_every_content_coding(hostile, tmp_path, route,
                                                                    coding):
    from citecheck.archive import Archive, _header

    verify(tmp_path, hostile.url(route))
    index = Archive(tmp_path / "cache" / "warc").index()
    (entry,) = index.entries
    _, exchange = index.load(entry)
    assert _header(exchange.headers, "content-encoding") == (coding or "")
    if coding is None:  # decoded, and stored decoded
        assert exchange.content.startswith(b"<!DOCTYPE html>")
    else:  # stored as it came, and said so
        assert exchange.content.startswith(b"\x1f\x9d")


# --- 4. Special files, stuck state, a full disk ------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom"])
def test_only_regular_files_are_read(tmp_path, kind):
    import os

    letter = tmp_path / "l.txt"
    if kind == "fifo":
        os.mkfifo(letter)
    else:
        letter.symlink_to(kind)  # git stores such a symlink in a pull request
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "citecheck", "verify", str(letter),
                             "--offline", "--cache-dir", str(tmp_path / "c")],
                            capture_output=True, text=True, timeout=60)
    what = "a FIFO" if kind == "fifo" else "a character device"
    assert result.returncode == 2 and result.stderr == (
        f"citecheck: error: {letter}: is {what}, not a document (only regular files are read)\n")
    assert time.monotonic() - started < 30  # a FIFO read blocks for ever, /dev/zero fills memory


def _archived_once(hostile, tmp_path):
    letter = write_letter(tmp_path, (CLAIM, hostile.url("/ok")))
    args = ["verify", str(letter), "--format", "json", "--cache-dir", str(tmp_path / "cache"),
            "--allow-private-hosts", *FAST]
    CliRunner().invoke(app, args, catch_exceptions=False)
    return args


@pytest.mark.parametrize("tail", ['com,example)/ 2022 {"url": "htt', "\x00\x00garbage\n"])
def test_a_torn_index_line_is_skipped_and_the_index_rebuilt(hostile, tmp_path, tail):
    from citecheck.archive import Archive, IndexEntry

    args = _archived_once(hostile, tmp_path)
    index = tmp_path / "cache" / "warc" / "index.cdxj"
    with open(index, "a", encoding="utf-8") as f:
        f.write(tail)
    for run in range(2):  # the first run repairs it; the next one finds it whole
        result = CliRunner().invoke(app, [*args, "--offline"], catch_exceptions=False)
        assert result.exit_code == 0 and _said(result.stderr) == ""
        report = json.loads(result.stdout)
        assert report["documents"][0]["citations"][0]["status"] == "verified"
        warnings = report["warnings"]
        assert any("1 broken line skipped; the index was rebuilt from the 1 WARC file "
                   "(1 records)" in w for w in warnings) == (run == 0), warnings
    lines = index.read_text(encoding="utf-8").splitlines()
    assert [IndexEntry.from_cdxj(line, index.parent).ours for line in lines] == [True]
    assert len(Archive(index.parent).index().entries) == 1


def test_a_held_archive_lock_is_waited_for_with_a_bound(hostile, tmp_path, monkeypatch):
    import fcntl

    from citecheck import archive

    monkeypatch.setattr(archive, "LOCK_WAIT", 0.3)
    (tmp_path / "cache" / "warc").mkdir(parents=True)
    with open(tmp_path / "cache" / "warc" / ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another process, stopped while holding it
        started = time.monotonic()
        code, c, _ = verify(tmp_path, hostile.url("/ok"))
    assert time.monotonic() - started < 15  # the reason says the 0.3 s bound was hit
    assert c["status"] == "verified" and c["archive"] is None
    assert "(not archived: " in c["reason"] and \
        ".lock: held by another process for more than 0.3 s)" in c["reason"]


@pytest.mark.parametrize("read_in", ["this process", "a reader process"])
def test_a_full_disk_leaves_a_report_and_no_record_out_of_the_index(hostile, tmp_path,
                                                                   monkeypatch, read_in):
    # A reader process builds the records of the page it reads; this process writes them,
    # and says why they are not archived all the same.
    import errno
    import os

    from warcio.archiveiterator import ArchiveIterator

    from citecheck import pipeline
    from citecheck.archive import Archive

    if read_in == "a reader process":
        if len(os.sched_getaffinity(0)) < 2:
            pytest.skip("one core: pages are read in threads")
        monkeypatch.setattr(pipeline, "PROCESS_MIN_PAGES", 1)
    real = os.fsync

    def full(fd):
        if os.readlink(f"/proc/self/fd/{fd}").endswith("index.cdxj"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", full)
    code, c, _ = verify(tmp_path, hostile.url("/ok"))
    monkeypatch.undo()
    assert c["status"] == "verified" and c["archive"] is None
    assert "(not archived: " in c["reason"] and "No space left on device" in c["reason"]
    folder = tmp_path / "cache" / "warc"
    indexed = {(e.path.name, e.offset) for e in Archive(folder).index().entries}
    for warc in folder.glob("*.warc.gz"):
        with open(warc, "rb") as f:
            it = ArchiveIterator(f)
            records = [(warc.name, it.get_record_offset()) for r in it
                       if r.rec_type in ("response", "revisit")]
        assert set(records) <= indexed  # nothing archived is missing from the index


def test_many_markdown_footnotes_on_one_line_are_read_in_linear_time():
    """10,000 footnotes took 8.5 s and 100,000 did not finish in 300 s (a sentence look-up
    rebuilt on every call, each marker sought from the start of its line); now 2.3 s and
    26 s (benchmarked, shared machine). Each marker is sought after the previous one, so a
    label written twice on a line gets the column of each."""
    from citecheck.formats.markdown import parse_markdown

    n = 10_000
    body = " ".join(f"Officials counted {i} cases.[^{i}]" for i in range(1, n + 1))
    notes = "\n".join(f"[^{i}]: https://a.example/{i}" for i in range(1, n + 1))
    started = time.monotonic()
    refs = parse_markdown(f"{body}\n\n{notes}\n", "x.md").references()
    assert len(refs) == n and refs[-1].urls == (f"https://a.example/{n}",)
    assert time.monotonic() - started < 60  # a bound on a hang, not a speed target
    twice = parse_markdown("One count of 3 cases.[^1] The same note again.[^1]\n\n"
                           "[^1]: https://a.example/1\n", "y.md").references()
    assert [r.column for r in twice] == [22, 47]


# --- the run's deadline ----------------------------------------------------------------------

def _silent_letter(folder, hostile, tag: str, silent: int = 20):
    """A letter citing one good page (on a host of its own), then `silent` distinct URLs of
    one host that never answer."""
    folder.mkdir(parents=True, exist_ok=True)
    urls = [hostile.url("/ok", host="localhost"), *(hostile.url(f"/silent?{tag}={i}") for i in range(silent))]
    return write_letter(folder, *[(CLAIM, u) for u in urls])


def _run_deadline_outcome(report: dict, hostile, tag: str, run_deadline: float) -> dict:
    """What the run's deadline did, checked the same way for one process and for a cluster."""
    found = citations(report)
    assert len(found) == 21  # every citation has its status
    assert found[0]["status"] == "verified" and found[0]["archive"], found[0]["reason"]
    silent = found[1:]
    assert {c["status"] for c in silent} == {"unreachable"}
    reasons = [c["reason"] for c in silent]
    assert all(r.startswith((f"not fetched: the run's {run_deadline:g} s deadline",
                             f"cut off: the run's {run_deadline:g} s deadline",
                             "the 1.5 s deadline for this URL passed",  # its own deadline
                             "timed out after 1 s")) for r in reasons), reasons
    asked = len({p for p in hostile.paths if p.startswith(f"/silent?{tag}=")})
    # No fetch starts once the run's time is up: with 2 at a time and 1.5 s each, a 3 s run
    # starts 2 at once and 2 more when those time out (a few more if the machine is slow to
    # start them), never the 20 that 15 s would fetch.
    assert asked <= 8, asked
    not_fetched = [r for r in reasons if r.startswith("not fetched")]
    assert len(not_fetched) == 20 - asked
    assert any(f"run's {run_deadline:g} s deadline (--run-deadline) was reached" in w
               for w in report["warnings"])
    return {"asked": asked}


def test_the_run_deadline_stops_fetching_and_every_citation_has_its_status(hostile, tmp_path):
    letter = _silent_letter(tmp_path, hostile, "one")
    started = time.monotonic()
    result = CliRunner().invoke(app, [
        "verify", str(letter), "--format", "json", "--cache-dir", str(tmp_path / "cache"),
        "--allow-private-hosts", *FAST, "--run-deadline", "3"], catch_exceptions=False)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 1
    _run_deadline_outcome(json.loads(result.stdout), hostile, "one", 3)
    # Without a run deadline the 20 silent URLs take 10 × 1.5 s; a hang guard, not a timing.
    assert elapsed < 3 + 20


def test_rot_says_when_the_run_deadline_stopped_its_web_archive_look_ups(tmp_path):
    # The cited page answers at once (404); the Wayback Machine stand-in says nothing. The
    # run's deadline cut the snapshot look-up off, and rot's report said nothing of it (its
    # run warning counted only the cited pages).
    server = HostileServer()
    server.routes["/wb/cdx/search/cdx"] = server.routes["/silent"]
    try:
        letter = write_letter(tmp_path, (CLAIM, server.url("/gone")))
        started = time.monotonic()
        result = CliRunner().invoke(app, [
            "rot", str(letter), "--format", "json", "--cache-dir", str(tmp_path / "cache"),
            "--allow-private-hosts", "--timeout", "20", "--deadline", "30", "--retries", "1",
            "--run-deadline", "4", "--wayback", server.url("/wb"), "--memento", "none"],
            catch_exceptions=False)
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    (c,) = report["documents"][0]["citations"]
    assert c["status"] == "dead" and "the run's 4 s deadline" in c["wayback"]["reason"], c
    (warning,) = report["warnings"]
    assert warning.startswith("the run's 4 s deadline (--run-deadline) was reached after the "
                              "cited pages were fetched: 2 requests for web-archive snapshots")
    assert elapsed < 4 + 10, elapsed


# --- the deadlines hold through a proxy and a DNS look-up ----------------------------------

DEADLINES = {"url": ("--deadline", "1.5"), "run": ("--deadline", "30", "--run-deadline", "2")}
DEADLINE_REASONS = {"url": "the 1.5 s deadline for this URL passed before the answer was complete",
                    "run": "cut off: the run's 2 s deadline (--run-deadline) was reached"}


@pytest.fixture
def stalling_dns(monkeypatch):
    """socket.getaddrinfo that does not answer for names under stall.test: a resolver that
    stalls (until the test ends, or 30 s: a bound on the old code, which waited for it)."""
    released = threading.Event()
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(host, str) and host.endswith("stall.test"):
            released.wait(30)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    released.set()


@pytest.mark.parametrize("deadline", sorted(DEADLINES))
def test_a_dns_look_up_that_stalls_is_given_up_at_the_deadline(tmp_path, stalling_dns,
                                                               deadline):
    # getaddrinfo has no time-out, and the watchdog shuts sockets, not look-ups: the fetch
    # waited for the resolver (30 s here) whatever --deadline and --run-deadline said.
    started = time.monotonic()
    code, c, output = verify(tmp_path, "http://news.stall.test/a", *DEADLINES[deadline])
    elapsed = time.monotonic() - started
    assert code == 1 and c["status"] == "unreachable", c
    assert c["reason"].startswith(DEADLINE_REASONS[deadline]), c["reason"]
    assert "(the DNS look-up of news.stall.test had not answered)" in c["reason"]
    assert elapsed < 15, elapsed  # 1.5 or 2 s, and the run's start on a loaded machine


def test_a_dns_look_up_that_stalls_is_given_up_when_the_run_is_interrupted(tmp_path,
                                                                           stalling_dns):
    # The look-up was waited for until its deadline (30 s here) after a Ctrl-C: the report
    # of a run interrupted while a resolver stalled came that much later.
    from citecheck import fetch

    ctrl_c = threading.Timer(1.0, fetch.interrupt, ["SIGINT"])  # as the CLI's handler does
    ctrl_c.start()
    started = time.monotonic()
    try:
        code, c, output = verify(tmp_path, "http://news.stall.test/a", "--deadline", "30")
    finally:
        ctrl_c.cancel()
    elapsed = time.monotonic() - started
    assert code == 130 and c["status"] == "unreachable", c
    assert c["reason"] == ("cut off: the run was interrupted (SIGINT) before the answer was "
                           "complete (the DNS look-up of news.stall.test had not answered)"), c
    assert elapsed < 15, elapsed


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("deadline", sorted(DEADLINES))
def test_a_proxy_that_stalls_is_cut_off_at_the_deadline(tmp_path, monkeypatch, deadline,
                                                        scheme):
    # requests connects to a proxy through urllib3's own connections, which the watchdog did
    # not see: a proxy trickling its answer (a byte every 50 ms, within every read time-out)
    # held the fetch for as long as it trickled. For https, the proxy trickles its answer
    # to CONNECT (the tunnel is never opened).
    proxy = HostileServer()
    proxy.routes["proxied.example:443"] = proxy.routes["/trickle-headers"]  # CONNECT's target
    guard = threading.Timer(30, proxy.stop.set)  # a bound on the old code
    guard.start()
    try:
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv(f"{scheme.upper()}_PROXY", f"http://127.0.0.1:{proxy.port}")
        started = time.monotonic()
        code, c, output = verify(tmp_path, f"{scheme}://proxied.example/trickle-headers",
                                 *DEADLINES[deadline])
        elapsed = time.monotonic() - started
        assert proxy.paths[:1] == [{"http": "http://proxied.example/trickle-headers",
                                    "https": "proxied.example:443"}[scheme]]  # the proxy asked
        assert code == 1 and c["status"] == "unreachable", c
        assert c["reason"].startswith(DEADLINE_REASONS[deadline]), c["reason"]
        assert elapsed < 15, elapsed
    finally:
        guard.cancel()
        proxy.close()


# --- a damaged HTTP cache, as the fuzzer (benchmarks/fuzz_http_cache.py) damaged it -----------

DAMAGED_CACHES = sorted((ROOT / "tests" / "data" / "damaged-http-cache").glob("*.sqlite.gz"))


@pytest.fixture(scope="module")
def fuzz_pages():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import fuzz_http_cache

    server = fuzz_http_cache.serve()
    yield fuzz_http_cache, server.server_address[1]
    server.shutdown()


@pytest.mark.parametrize("damaged", DAMAGED_CACHES, ids=lambda p: p.name.split(".")[0])
def test_a_cache_the_fuzzer_damaged_ends_with_its_report(tmp_path, fuzz_pages, damaged):
    # These damages passed SQLite's quick_check, then made requests-cache loop for ever
    # inside its write lock (a failed write left its transaction open).
    import gzip

    fuzz, port = fuzz_pages
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "http-cache.sqlite").write_bytes(gzip.decompress(damaged.read_bytes()))
    outcome = fuzz.verify(fuzz.write_letter(tmp_path), cache, bound=60, port=port)
    assert fuzz.failed(outcome) is None, outcome
    assert outcome["verified"] == outcome["citations"] == fuzz.PAGES
    (warning,) = [w for w in outcome["warnings"] if "HTTP cache" in w]
    assert "set aside as http-cache.sqlite.damaged-" in warning
    assert list(cache.glob("http-cache.sqlite.damaged-*"))  # kept, never deleted
