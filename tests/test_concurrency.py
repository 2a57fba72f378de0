"""Several citecheck processes on one cache folder at once, one of them killed mid-run:
every WARC record, index line and HTTP-cache entry is whole afterwards, and nothing that was
archived before a run is changed by it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck.archive import Archive, sha256_digest
from conftest import article, checkout_env

PAGES = 8


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        n = int(self.path.rsplit("/", 1)[1])
        time.sleep(0.02 * (n % 4))  # answers overlap, and finish in varying order
        body = article(f"Report {n}", f"The office counted 234 cases in region {n}.",
                       *[f"Paragraph {i} of page {n}, filler to make the record larger."
                         for i in range(300)]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # a client killed mid-answer: expected here


@pytest.fixture(scope="module")
def pages():
    server = _Server(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield lambda n: f"http://127.0.0.1:{server.server_port}/page/{n}"
    server.shutdown()
    server.server_close()


def _letter(folder: Path, name: str, urls: list[str]) -> Path:
    body = " ".join(f"The office counted 234 cases.[{i}]" for i in range(1, len(urls) + 1))
    notes = "\n".join(f"[{i}] {u}" for i, u in enumerate(urls, 1))
    path = folder / name
    path.write_text(f"{body}\n\n{notes}\n", encoding="utf-8")
    return path


def _start(letter: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "citecheck", "verify", str(letter), "--format", "json",
         "--cache-dir", str(cache), "--allow-private-hosts", "--refresh", "--timeout", "10",
         "--concurrency", "4", "--per-host", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=checkout_env())


def _records(path: Path) -> list[tuple[str, int, str, str, bytes]]:
    """(file, offset, type, target URI, payload) of every whole record of a WARC file, up to
    a torn one at its end, if any."""
    records = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for record in it:
            payload = record.content_stream().read()
            records.append((path.name, it.get_record_offset(), record.rec_type,
                            record.rec_headers.get_header("WARC-Target-URI") or "", payload))
    return records


def _check_archive(cache: Path, torn: int = 0) -> list[tuple[str, int, str, str, bytes]]:
    """Every WARC file reads through and passes `warcio check` (with -v: every record's
    digests); every index line leads to the response record of its URL, with its digest.
    Returns every record; `torn` of them may be the first part of one, left by a kill."""
    folder = cache / "warc"
    records = []
    for path in sorted(folder.glob("*.warc.gz")):
        records += _records(path)
    checked = subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; "
                              "sys.exit(main())", "check", "-v",
                              *map(str, folder.glob("*.warc.gz"))],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    whole = sum(r[2] == "response" for r in records) - torn
    assert checked.stdout.count("digest pass") >= 2 * whole  # block and payload digests
    index = Archive(folder).index()
    for entry in index.entries:
        info, exchange = index.load(entry)
        assert exchange.url == entry.url and exchange.status == 200
        assert info.digest == entry.digest == sha256_digest(exchange.content)
        assert b"The office counted 234 cases" in exchange.content
    return records


def _check_http_cache(cache: Path, urls: set[str]) -> None:
    from requests_cache import CachedSession

    from citecheck.fetch import signed_json_serializer

    session = CachedSession(str(cache / "http-cache.sqlite"), backend="sqlite",
                            serializer=signed_json_serializer())
    cached = {r.url: r for r in session.cache.responses.values()}
    assert urls <= set(cached)
    for url in urls:
        assert cached[url].status_code == 200 and b"234 cases" in cached[url].content
    session.close()


def test_four_processes_on_one_cache_keep_it_whole(pages, tmp_path):
    cache = tmp_path / "cache"
    urls = [pages(n) for n in range(PAGES)]
    # Overlapping letters: each URL is cited by two or three of the four processes.
    letters = [_letter(tmp_path, f"l{k}.txt", [urls[(2 * k + i) % PAGES] for i in range(5)])
               for k in range(4)]
    runs = [_start(letter, cache) for letter in letters]
    outcomes = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outcomes):
        assert run.returncode == 0, err
        assert "Traceback" not in out + err
        report = json.loads(out)
        assert {c["status"] for d in report["documents"] for c in d["citations"]} == {"verified"}
        for c in (c for d in report["documents"] for c in d["citations"]):
            assert c["archive"]["digest"].startswith("sha256:")
    records = _check_archive(cache)
    responses = [r for r in records if r[2] in ("response", "revisit")]
    # --refresh: every process fetched and archived each page; a body already archived is a
    # revisit record, but every page has its full copy.
    assert len(responses) == 4 * 5
    assert {r[3] for r in records if r[2] == "response"} == set(urls)
    assert len(Archive(cache / "warc").index().entries) == len(responses)
    assert sum(r[2] == "request" for r in records) == len(responses)
    _check_http_cache(cache, set(urls))


def test_a_process_killed_mid_run_loses_nothing_archived_before(pages, tmp_path):
    cache = tmp_path / "cache"
    urls = [pages(n) for n in range(PAGES)]
    letter = _letter(tmp_path, "all.txt", urls)
    first = _start(letter, cache)
    assert first.wait(timeout=120) == 0
    run = _start(letter, cache)  # killed as soon as it starts to archive
    index = cache / "warc" / "index.cdxj"
    lines = len(index.read_text().splitlines())
    deadline = time.monotonic() + 60
    while len(index.read_text().splitlines()) == lines and time.monotonic() < deadline:
        time.sleep(0.005)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    # A writer killed in the middle of a record leaves the first part of it: make sure there
    # is one, whenever the kill landed.
    last = max(Archive(cache / "warc").index().entries, key=lambda e: (e.path.name, e.offset))
    whole = last.path.read_bytes()
    with open(last.path, "ab") as f:
        f.write(whole[last.offset:last.offset + last.length // 2])
    before = {p: p.read_bytes() for p in (cache / "warc").glob("*.warc.gz")}
    records_before = _check_archive(cache, torn=1)
    indexed_before = set(index.read_text().splitlines())

    again = _start(letter, cache)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0 and "Traceback" not in err
    for path, data in before.items():
        assert path.read_bytes() == data  # untouched: nothing appended after a torn record
    records_after = _check_archive(cache, torn=1)
    assert set(records_before) <= set(records_after)
    assert indexed_before <= set(index.read_text().splitlines())
    new_file = sorted(set((cache / "warc").glob("*.warc.gz")) - set(before))
    assert len(new_file) == 1
    assert sum(r[2] in ("response", "revisit") for r in _records(new_file[0])) == PAGES
    _check_http_cache(cache, set(urls))


def test_threads_making_the_key_at_once_all_sign_with_the_one_kept(tmp_path, monkeypatch):
    """The first fetches of a run sign cache entries and records from many threads at once:
    those that lost the race to write the key signed with a key of their process alone, so
    their entries were refused by every later run ("an HTTP cache entry citecheck did not
    write")."""
    import threading

    from citecheck import _trust

    for attempt in range(5):
        monkeypatch.setenv("CITECHECK_STATE_DIR", str(tmp_path / f"state-{attempt}"))
        start = threading.Barrier(16)
        signed: list[str] = []

        def sign() -> None:
            start.wait()
            signed.append(_trust.mac("an entry"))

        threads = [threading.Thread(target=sign) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        kept = (tmp_path / f"state-{attempt}" / _trust.KEY_NAME).read_bytes()
        assert set(signed) == {__import__("hmac").new(kept, len(b"an entry").to_bytes(8, "big")
                                                       + b"an entry", "sha256").hexdigest()}
