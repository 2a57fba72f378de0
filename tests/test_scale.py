"""Runs with many pages: reader processes, per-host limits by host:port, remembered readings."""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest

from citecheck import extract, fetch, pipeline, readcache
from conftest import article, citations, write_letter

PAGES = [
    ("Prosecutors have registered 234 allegations of torture",
     "Prosecutors said they had registered 234 allegations of torture since January."),
    ("including eight deaths in custody",
     "Eight people died in custody, according to the prosecutor general's office."),
    ("more than 200 people were detained",
     "Police said that 238 people were detained in the city during the protests."),
    ("The report lists 17 cases", "The commission found no trace of the events it examined."),
]


def _serve(httpserver, n: int = len(PAGES)) -> list[tuple[str, str]]:
    notes = []
    for i, (claim, text) in enumerate(PAGES[:n]):
        httpserver.expect_request(f"/p{i}").respond_with_data(
            article(f"Page {i}", text, "Other news of the day, with nothing to count in it."),
            content_type="text/html")
        notes.append((claim, httpserver.url_for(f"/p{i}")))
    return notes


def _stable(report: dict) -> list[dict]:
    out = []
    for c in citations(report):
        c = dict(c)
        c["fetch"] = {k: v for k, v in c["fetch"].items() if k not in ("fetched_at", "from_cache", "origin")}
        # Each run archives into its own cache folder: same digest, different file and record.
        c["archive"] = c["archive"] and c["archive"]["digest"]
        out.append(c)
    return out


def test_reader_processes_give_the_report_threads_give(httpserver, tmp_path, run_cli,
                                                       monkeypatch):
    letter = write_letter(tmp_path, *_serve(httpserver))

    def verify(cache: str) -> tuple[int, dict]:
        code, out, _ = run_cli("verify", letter, "--format", "json", "--cache-dir",
                               tmp_path / cache, "--allow-private-hosts", "--timeout", "5")
        return code, json.loads(out)

    in_threads = verify("threads")
    monkeypatch.setattr(pipeline, "PROCESS_MIN_PAGES", 1)
    in_processes = verify("processes")
    assert in_processes[0] == in_threads[0] == 1
    assert _stable(in_processes[1]) == _stable(in_threads[1])
    assert [c["status"] for c in citations(in_processes[1])] == [
        "verified", "verified", "verified", "not_found"]


def test_readers_share_the_fork_servers_frozen_objects_and_it_stops_after_the_run(
        httpserver, tmp_path, verify_json, monkeypatch):
    # Frozen (gc.freeze), what the fork server loaded is never walked by a reader's garbage
    # collector, which would copy the pages the readers share; stopped after the run, the
    # server does not hold the reading stack (about 200 MB) while the report is written.
    import gc
    from multiprocessing import forkserver

    letter = write_letter(tmp_path, *_serve(httpserver))
    monkeypatch.setattr(pipeline, "PROCESS_MIN_PAGES", 1)
    frozen: list[int] = []
    started = pipeline._readers

    def readers():  # type: ignore[no-untyped-def]
        pool = started()
        if pool is None:
            pytest.skip("one core: pages are read in threads")
        frozen.append(pool.submit(gc.get_freeze_count).result())
        return pool

    monkeypatch.setattr(pipeline, "_readers", readers)
    held: list[dict] = []
    fetch_all = pipeline._fetch_all
    monkeypatch.setattr(pipeline, "_fetch_all", lambda *a, **k: held.append(
        fetch_all(*a, **k)) or held[-1])
    code, report = verify_json(letter)
    assert [c["status"] for c in citations(report)] == [
        "verified", "verified", "verified", "not_found"]
    assert frozen and frozen[0] > 10_000  # the parsers, models and lexicons
    # Until its citations are judged, a page read by a reader is held packed: a few hundred
    # bytes here (1.4 KB on a real page), not its objects, with where it was archived.
    assert all(isinstance(page, bytes) and len(page) < 2000
               and pipeline._unpacked(page).capture.archived for page in held[0].values())
    assert forkserver._forkserver._forkserver_pid is None


def test_unchanged_letter_is_rerun_from_the_cache_without_reading_pages_again(
        httpserver, tmp_path, verify_json, monkeypatch):
    letter = write_letter(tmp_path, *_serve(httpserver))
    first_code, first = verify_json(letter)
    requests = len(httpserver.log)

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged page was read again")

    monkeypatch.setattr(extract, "extract", no_reading)
    monkeypatch.setattr(pipeline, "SourceIndex", no_reading)
    code, again = verify_json(letter)
    assert len(httpserver.log) == requests  # nothing fetched
    assert code == first_code and _stable(again) == _stable(first)
    assert all(c["fetch"]["from_cache"] for c in citations(again))


def test_damaged_remembered_readings_are_read_again(httpserver, tmp_path, verify_json):
    letter = write_letter(tmp_path, *_serve(httpserver, 2))
    _, first = verify_json(letter)
    saved = list((tmp_path / "cache" / "read").rglob("*.json"))
    assert saved
    for path in saved:
        path.write_text('{"text": 1, "tit', encoding="utf-8")
    _, again = verify_json(letter)
    assert _stable(again) == _stable(first)


def test_a_page_read_is_remembered_in_one_file_for_every_claim_citing_it(tmp_path,
                                                                        monkeypatch):
    page = fetch.Capture(url="http://example.org/a", status=200,
                         headers={"content-type": "text/html; charset=utf-8"},
                         content=article("Deaths", PAGES[0][1]).encode())
    claims = [PAGES[0][0], "Prosecutors have registered 234 allegations"]
    first = pipeline._read(fetch.Capture(**{**vars(page)}), claims[:1],
                           readcache.ReadCache(tmp_path / "read"))
    assert len(list((tmp_path / "read").rglob("*.json"))) == 1  # text, figures, terms

    def no_reading(*args, **kwargs):
        raise AssertionError("the page was read again")

    monkeypatch.setattr(extract, "extract", no_reading)  # the text is remembered; a claim
    later = pipeline._read(fetch.Capture(**{**vars(page)}), claims,  # new to it is matched
                           readcache.ReadCache(tmp_path / "read"))
    assert later.matches[claims[0]] == first.matches[claims[0]]
    assert [f.outcome for f in later.matches[claims[1]]] == ["found"]
    assert len(list((tmp_path / "read").rglob("*.json"))) == 1
    monkeypatch.setattr(pipeline, "SourceIndex", no_reading)  # now both claims are remembered
    monkeypatch.setattr(pipeline, "PageText", no_reading)
    again = pipeline._read(fetch.Capture(**{**vars(page)}), claims,
                           readcache.ReadCache(tmp_path / "read"))
    assert again.matches == later.matches and again.terms == later.terms
    assert readcache.ReadCache(tmp_path / "read").remembers(page, claims)


def _answer(handler: http.server.BaseHTTPRequestHandler) -> None:
    body = article("Deaths", "The office confirmed 238 deaths in the January events.").encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class _Slow(http.server.BaseHTTPRequestHandler):
    """Answers after a pause, counting the requests each server has in flight at once."""

    lock = threading.Lock()
    in_flight: dict[int, int] = {}
    most: dict[int, int] = {}
    total = [0, 0]  # in flight on all servers now, most at once
    starts: list[tuple[int, float]] = []  # (port, when) of every request, in order

    def do_GET(self) -> None:  # noqa: N802
        port = self.server.server_address[1]
        with self.lock:
            self.starts.append((port, time.monotonic()))
            self.in_flight[port] = self.in_flight.get(port, 0) + 1
            self.most[port] = max(self.most.get(port, 0), self.in_flight[port])
            self.total[0] += 1
            self.total[1] = max(self.total[1], self.total[0])
        time.sleep(0.4)
        _answer(self)
        with self.lock:
            self.in_flight[port] -= 1
            self.total[0] -= 1

    def log_message(self, *args: object) -> None:
        pass


def _serving(servers: list[http.server.ThreadingHTTPServer]):  # type: ignore[no-untyped-def]
    """Serve each server in a thread; yield their ports; shut them down after."""
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    yield [s.server_address[1] for s in servers]
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture
def two_servers():
    yield from _serving([http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
                         for _ in range(2)])


def test_per_host_limit_counts_each_port_as_its_own_server(two_servers, tmp_path, verify_json):
    notes = [("The report counts 238 deaths", f"http://127.0.0.1:{port}/a/{i}")
             for i in range(3) for port in two_servers]
    letter = write_letter(tmp_path, *notes)
    code, report = verify_json(letter, "--per-host", "2", "--concurrency", "16")
    assert code == 0, [c["reason"] for c in citations(report)]
    assert [_Slow.most[p] for p in two_servers] == [2, 2]  # never more than the limit
    assert _Slow.total[1] == 4  # but both servers busy at once


def test_pages_are_read_here_when_the_reader_processes_die(httpserver, tmp_path, verify_json,
                                                           monkeypatch):
    import os
    from concurrent.futures import ProcessPoolExecutor

    letter = write_letter(tmp_path, *_serve(httpserver))
    monkeypatch.setattr(pipeline, "PROCESS_MIN_PAGES", 1)
    monkeypatch.setattr(pipeline, "_readers", lambda: ProcessPoolExecutor(
        max_workers=1, initializer=os._exit, initargs=(3,)))
    code, report = verify_json(letter)
    assert [c["status"] for c in citations(report)] == [
        "verified", "verified", "verified", "not_found"]


def test_a_site_cited_many_times_running_does_not_hold_up_the_others(two_servers, tmp_path,
                                                                     verify_json):
    # Four pages of one site, then four of another; one connection per site, two threads.
    # Fetched in the letter's order, the second thread would wait for the first site while
    # the second site sits idle until the first site's last page is under way.
    first, second = two_servers
    notes = [("The report counts 238 deaths", f"http://127.0.0.1:{port}/a/{i}")
             for port in (first, second) for i in range(4)]
    letter = write_letter(tmp_path, *notes)
    _Slow.starts.clear()
    code, report = verify_json(letter, "--per-host", "1", "--concurrency", "2")
    assert code == 0, [c["reason"] for c in citations(report)]
    first_site = [when for port, when in _Slow.starts if port == first]
    second_site = [when for port, when in _Slow.starts if port == second]
    assert len(first_site) == len(second_site) == 4
    assert second_site[0] < first_site[1], "the second site waited for the first"


class _Gate(http.server.BaseHTTPRequestHandler):
    """Holds each request until `want` requests are in flight on its server (or a second
    has passed), counting the most in flight at once per server and on all servers."""

    cond = threading.Condition()
    want = 1
    in_flight: dict[int, int] = {}
    most: dict[int, int] = {}
    total = [0, 0]
    arrived = [0]
    all_arrived = threading.Event()
    expected = 0

    @classmethod
    def reset(cls, want: int, expected: int) -> None:
        cls.want, cls.expected = want, expected
        cls.in_flight, cls.most, cls.total, cls.arrived = {}, {}, [0, 0], [0]
        cls.all_arrived = threading.Event()

    def do_GET(self) -> None:  # noqa: N802
        port = self.server.server_address[1]
        with self.cond:
            self.in_flight[port] = self.in_flight.get(port, 0) + 1
            self.most[port] = max(self.most.get(port, 0), self.in_flight[port])
            self.total[0] += 1
            self.total[1] = max(self.total[1], self.total[0])
            self.arrived[0] += 1
            if self.arrived[0] == self.expected:
                self.all_arrived.set()
            self.cond.notify_all()
            self.cond.wait_for(lambda: self.in_flight[port] >= self.want or
                               self.total[0] >= self.want, timeout=1.0)
            self.in_flight[port] -= 1
            self.total[0] -= 1
        _answer(self)

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # a client gone mid-answer (a killed cluster worker): not the test's output


@pytest.fixture
def gates(request):
    yield from _serving([_QuietServer(("127.0.0.1", 0), _Gate) for _ in range(request.param)])


@pytest.mark.parametrize("gates", [12], indirect=True)
def test_every_host_is_fetched_at_once_by_default_at_the_polite_per_host_limit(
        gates, tmp_path, verify_json):
    # Twelve sites cited twice each: 24 requests at once by default (the old fixed global
    # limit of 8 left most sites waiting), never more than two at one site.
    notes = [("The report counts 238 deaths", f"http://127.0.0.1:{port}/a/{i}")
             for i in range(2) for port in gates]
    letter = write_letter(tmp_path, *notes)
    _Gate.reset(want=24, expected=24)
    code, report = verify_json(letter)
    assert code == 0, [c["reason"] for c in citations(report)]
    assert _Gate.total[1] == 24
    assert sorted(_Gate.most.values()) == [2] * 12


@pytest.mark.parametrize("gates", [1], indirect=True)
@pytest.mark.parametrize("slow", ["archiving", "reading"])
def test_a_host_slot_never_waits_for_archiving_or_reading(gates, tmp_path, verify_json,
                                                          monkeypatch, slow):
    # The machine is busy: archiving or reading a page takes long. The host's three
    # slots go on fetching its nine pages meanwhile, three at a time, never four.
    from citecheck import archive

    port = gates[0]
    notes = [("The report counts 238 deaths", f"http://127.0.0.1:{port}/a/{i}")
             for i in range(9)]
    letter = write_letter(tmp_path, *notes)
    _Gate.reset(want=3, expected=9)
    waited_out = []

    def busy(real):
        def run(*args, **kwargs):
            if not _Gate.all_arrived.wait(5):
                waited_out.append(True)
            return real(*args, **kwargs)
        return run

    if slow == "archiving":
        monkeypatch.setattr(archive.Archive, "store", busy(archive.Archive.store))
    else:
        monkeypatch.setattr(pipeline, "_read", busy(pipeline._read))
    code, report = verify_json(letter, "--per-host", "3")
    assert code == 0, [c["reason"] for c in citations(report)]
    assert not waited_out, f"the host's slots waited for {slow}"
    assert _Gate.most[port] == 3


def test_a_page_still_fresh_costs_neither_an_http_cache_read_nor_a_reading(
        httpserver, tmp_path, verify_json, monkeypatch):
    letter = write_letter(tmp_path, *_serve(httpserver))
    first_code, first = verify_json(letter)

    def nothing(*args, **kwargs):
        raise AssertionError("a page still fresh was looked up or read again")

    monkeypatch.setattr(fetch.Fetcher, "__init__", nothing)  # no HTTP cache opened
    monkeypatch.setattr(readcache.ReadCache, "source", nothing)  # no remembered reading
    monkeypatch.setattr(readcache.ReadCache, "figures", nothing)
    monkeypatch.setattr(extract, "extract", nothing)
    monkeypatch.setattr(pipeline, "SourceIndex", nothing)
    code, again = verify_json(letter)
    assert code == first_code and _stable(again) == _stable(first)
    assert all(c["fetch"]["from_cache"] for c in citations(again))


def test_a_rerun_from_the_fresh_pages_imports_neither_the_http_cache_nor_the_warc_library(
        httpserver, tmp_path, verify_json):
    # Imports are most of a re-run's time: what only fetching and archiving need (the HTTP
    # cache, the WARC library, requests with urllib3 and tenacity) is not imported by a run
    # that does neither, nor is the date parser (with the regex module) by one that parses
    # no page: the month names it knows are read from its data files alone.
    from conftest import verify_importing

    letter = write_letter(tmp_path, *_serve(httpserver))
    first_code, first = verify_json(letter)
    code, again, imported = verify_importing(
        letter, tmp_path / "cache",
        ("requests_cache", "warcio", "fsspec", "requests", "urllib3", "tenacity",
         "dateparser", "regex"))
    assert code == first_code and imported == []
    assert _stable(again) == _stable(first)


def test_a_fresh_run_imports_no_backend_it_never_uses(httpserver, tmp_path):
    # requests-cache imports its Redis backend when redis is installed (and with it
    # setuptools' pkg_resources), tenacity imports tornado: 14 MB of the fetching process,
    # for nothing a run uses. (Installed with the dask extra; elsewhere nothing to hide.)
    from conftest import verify_importing

    letter = write_letter(tmp_path, *_serve(httpserver))
    code, report, imported = verify_importing(letter, tmp_path / "cache",
                                              ("redis", "tornado", "pkg_resources"))
    assert code in (0, 1) and imported == []
    assert citations(report) and all(c["fetch"]["fetched_at"] for c in citations(report))


def test_a_new_claim_or_a_lost_warc_file_reads_the_page_again(httpserver, tmp_path,
                                                              verify_json, monkeypatch):
    notes = _serve(httpserver, 2)
    _, first = verify_json(write_letter(tmp_path, *notes))
    # Another claim citing the first page: matched afresh, not taken as the old outcome.
    changed = [("Prosecutors have registered 999 allegations of torture", notes[0][1]),
               notes[1]]
    _, again = verify_json(write_letter(tmp_path, *changed))
    assert [c["status"] for c in citations(again)] == ["not_found", "verified"]
    # The archived copy is gone: the outcome that points at it is not reused.
    for warc in (tmp_path / "cache" / "warc").glob("*.warc.gz"):
        warc.unlink()
    asked = []
    real = fetch.Fetcher.fetch
    monkeypatch.setattr(fetch.Fetcher, "fetch", lambda self, url: asked.append(url) or
                        real(self, url))
    _, third = verify_json(write_letter(tmp_path, *notes))
    assert [c["status"] for c in citations(third)] == [c["status"] for c in citations(first)]
    assert sorted(asked) == sorted(url for _, url in notes)


def test_a_fresh_pages_file_citecheck_did_not_write_is_ignored(httpserver, tmp_path,
                                                              verify_json):
    notes = _serve(httpserver, 4)
    letter = write_letter(tmp_path, *notes)
    _, first = verify_json(letter)
    assert citations(first)[3]["status"] == "not_found"
    fresh = tmp_path / "cache" / "read" / "fresh.json"
    head, _, data = fresh.read_bytes().partition(b"\n")
    entries = {json.loads(url): (fetched, json.loads(entry)) for url, fetched, entry in
               (line.split(b"\t", 2) for line in data.splitlines())}
    # A forged entry: the last page's claim "found", under the old signature.
    found = entries[notes[0][1]][1]["matches"][PAGES[0][0]]
    entries[notes[3][1]][1]["matches"][PAGES[3][0]] = [
        dict(f, text="17", value=17) for f in found]
    fresh.write_bytes(head + b"\n" + b"".join(
        b"%s\t%s\t%s\n" % (json.dumps(url).encode(), fetched, json.dumps(entry).encode())
        for url, (fetched, entry) in entries.items()))
    _, again = verify_json(letter)
    assert citations(again)[3]["status"] == "not_found"


def test_fresh_pages_of_another_letter_are_kept_and_decoded_only_when_cited(
        httpserver, tmp_path, verify_json, monkeypatch):
    import orjson

    from citecheck import fresh

    notes = _serve(httpserver, 4)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    verify_json(write_letter(first, *notes[:2]))
    _, report = verify_json(write_letter(second, *notes[2:]))
    requests = len(httpserver.log)
    decoded: list[bytes] = []
    real = orjson.loads

    def loads(data):  # type: ignore[no-untyped-def]
        decoded.append(data)
        return real(data)

    monkeypatch.setattr(fresh.orjson, "loads", loads)
    code, again = verify_json(write_letter(first, *notes[:2]))
    assert len(httpserver.log) == requests  # the first letter's pages: still fresh
    assert all(c["fetch"]["from_cache"] for c in citations(again))
    entries = [d for d in decoded if d.startswith(b"{")]
    assert len(entries) == 2  # the second letter's entries were never decoded
    assert all(notes[2][1].encode() not in e and notes[3][1].encode() not in e
               for e in entries)


def test_fresh_pages_keep_every_field_of_a_page():
    # A field added to a page and not kept in cache/read/fresh.json would be missing from
    # re-runs: fresh.py then keeps nothing. Keep it there too (fresh.PAGE_FIELDS).
    from dataclasses import fields

    from citecheck import fresh

    assert {f.name for f in fields(pipeline._Page)} == fresh.PAGE_FIELDS


def test_a_run_archives_its_pages_together_and_reports_each_where_it_is(
        httpserver, tmp_path, verify_json, monkeypatch):
    # Pages fetched together are written to the archive together (one fsync of the WARC and
    # one of the index for them all, not two a page), each read once it is archived, and
    # each citation says which record holds its page.
    from citecheck import archive
    from citecheck.archive import Archive

    monkeypatch.setattr(pipeline, "PROCESS_MIN_PAGES", 1)  # in reader processes
    monkeypatch.setattr(archive, "COMMIT_WAIT", 600.0)  # written once all four are fetched
    monkeypatch.setattr(pipeline, "READ_COMMIT_WAIT", 600.0)  # (built by the readers)
    monkeypatch.setattr(archive, "COMMIT_BATCH", len(PAGES))
    batches: list[int] = []
    commit = Archive._commit
    monkeypatch.setattr(Archive, "_commit", lambda self, batch: (batches.append(len(batch)),
                                                                 commit(self, batch))[1])
    letter = write_letter(tmp_path, *_serve(httpserver))
    code, report = verify_json(letter)
    assert [c["status"] for c in citations(report)] == [
        "verified", "verified", "verified", "not_found"]
    assert batches == [len(PAGES)]
    index = Archive(tmp_path / "cache" / "warc").index()
    for c in citations(report):
        entry = index.latest(c["url"])
        assert entry is not None and c["archive"]["offset"] == entry.offset
        assert c["archive"]["record_id"] == entry.record_id


def test_each_citation_of_a_page_owns_its_results():
    # A page's results are shared by every citation of it (one reading a URL); each
    # citation's report gets its own copies, equal to them.
    from citecheck.capture import Capture
    from citecheck.document import Reference
    from citecheck.report import FigureResult, SourceInfo, TermResult

    claim = "Prosecutors have registered 234 allegations of torture"
    page = pipeline._Page(
        Capture(url="http://example.org/a", status=200, fetched_at="2026-12-04T00:00:00+00:00"),
        source=SourceInfo("A", "en", None, "html", 100),
        matches={claim: [FigureResult("234", 234, "count", None, True, "found", "… 234 …")]},
        terms={claim: [TermResult("torture", "term", "found")]})
    refs = [Reference(str(i), i, 1, claim, claim + ".", ("http://example.org/a",), None)
            for i in (1, 2)]
    first, second = (pipeline._judge(r, {"http://example.org/a": page}, {})[0] for r in refs)
    assert first.figures == second.figures == page.matches[claim]
    assert first.terms == second.terms == page.terms[claim]
    assert first.source == second.source == page.source
    for mine, other, shared in ((first.figures[0], second.figures[0], page.matches[claim][0]),
                                (first.terms[0], second.terms[0], page.terms[claim][0]),
                                (first.source, second.source, page.source)):
        assert mine is not other and mine is not shared
    first.figures[0].evidence = "changed"
    assert second.figures[0].evidence == page.matches[claim][0].evidence == "… 234 …"
