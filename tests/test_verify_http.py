"""`citecheck verify` end to end against pages served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time

import jsonschema
from werkzeug import Response

from conftest import SCHEMA, article, citations, minimal_pdf, write_letter

CLAIM_234 = "Prosecutors have registered 234 allegations of torture involving security officials"


def test_figure_in_digits_and_in_words_is_verified(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/digits").respond_with_data(
        article("Torture complaints", "Prosecutors said they had registered 234 allegations "
                "of torture or abuse involving security officials since January."),
        content_type="text/html")
    httpserver.expect_request("/words").respond_with_data(
        article("Deaths in custody", "Eight people died in custody, according to the "
                "prosecutor general's office, which opened criminal cases."),
        content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM_234, httpserver.url_for("/digits")),
                          ("including 8 deaths in custody", httpserver.url_for("/words")))
    code, report = verify_json(letter)
    one, two = citations(report)
    assert (one["status"], two["status"]) == ("verified", "verified")
    assert one["figures"][0]["value"] == 234 and "234 allegations" in one["figures"][0]["evidence"]
    assert two["figures"][0]["source_text"] == "Eight"
    assert code == 0
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))


def test_page_without_the_figure_is_not_found(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/other").respond_with_data(
        article("Torture complaints", "Prosecutors said they had registered 243 allegations "
                "of torture, and 2340 complaints in all, in a report published on 23.04.2022."),
        content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM_234, httpserver.url_for("/other")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    # The page speaks of the same thing (its words are there) but not of 234: words do not
    # make up for the figure.
    assert c["status"] == "not_found" and c["figures"][0]["found"] is False
    assert {t["text"]: t["outcome"] for t in c["terms"]}["torture"] == "found"
    assert code == 1


def test_partial_when_only_some_figures_are_there(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/p").respond_with_data(
        article("Report", "The commission counted 238 deaths during the January events, and "
                "said that investigations were continuing in several regions."),
        content_type="text/html")
    letter = write_letter(tmp_path, ("Of the 238 deaths, 15 were children", httpserver.url_for("/p")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    assert c["status"] == "partial"
    assert [(f["text"], f["found"]) for f in c["figures"]] == [("238", True), ("15", False)]


def test_404_is_dead_and_redirect_home_is_a_soft_404(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/")})
    httpserver.expect_request("/").respond_with_data(
        article("Home", "Welcome to our news site with the latest stories from the region "
                "and around the world."), content_type="text/html")
    letter = write_letter(tmp_path, ("Eight died", httpserver.url_for("/gone")),
                          ("Nine died", httpserver.url_for("/moved")))
    code, report = verify_json(letter)
    gone, moved = citations(report)
    assert gone["status"] == "dead" and gone["fetch"]["http_status"] == 404
    assert moved["status"] == "dead" and "home page" in moved["reason"]
    assert moved["fetch"]["redirects"] == [httpserver.url_for("/moved")]
    assert code == 1


def test_flaky_503_that_recovers_is_verified(httpserver, tmp_path, verify_json):
    httpserver.expect_ordered_request("/flaky").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_data(
        article("Deaths", "The office confirmed 238 deaths in the January events across the "
                "country, most of them in Almaty."), content_type="text/html")
    letter = write_letter(tmp_path, ("Over the 238 deaths", httpserver.url_for("/flaky")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    assert c["status"] == "verified" and c["fetch"]["attempts"] == 2


def test_429_with_retry_after_is_retried_after_the_wait(httpserver, tmp_path, verify_json):
    times = []

    def handler(request):
        times.append(time.monotonic())
        if len(times) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(article("Detentions", "About 10 000 people were detained after the "
                                "unrest, the interior ministry said on Tuesday."),
                        content_type="text/html")

    httpserver.expect_request("/limited").respond_with_handler(handler)
    letter = write_letter(tmp_path, ("Approximately 10,000 people were detained",
                                     httpserver.url_for("/limited")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    assert len(times) == 2 and times[1] - times[0] >= 0.9
    assert c["status"] == "verified", c["reason"]


def test_429_that_persists_is_blocked(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/always").respond_with_data(
        "no", status=429, headers={"Retry-After": "0"})
    letter = write_letter(tmp_path, ("Eight died", httpserver.url_for("/always")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    assert c["status"] == "blocked" and c["fetch"]["attempts"] == 3


def test_windows_1251_russian_page_is_read_correctly(httpserver, tmp_path, verify_json):
    page = article("Генпрокуратура: зарегистрировано 234 заявления о пытках",
                   "Генеральная прокуратура Казахстана сообщила, что зарегистрировала 234 "
                   "заявления о пытках и насилии со стороны силовиков во время январских "
                   "событий. Среди погибших — восемь человек, умерших под стражей.",
                   lang="ru", charset="windows-1251")
    httpserver.expect_request("/ru").respond_with_data(
        page.encode("cp1251"), headers={"Content-Type": "text/html; charset=windows-1251"})
    httpserver.expect_request("/ru-undeclared").respond_with_data(
        page.encode("cp1251"), headers={"Content-Type": "text/html"})
    letter = write_letter(tmp_path, (CLAIM_234, httpserver.url_for("/ru")),
                          ("including 234 allegations", httpserver.url_for("/ru-undeclared")))
    code, report = verify_json(letter)
    for c in citations(report):
        assert c["status"] == "verified", c["reason"]
        assert c["source"]["language"] == "ru"
        assert c["source"]["title"].startswith("Генпрокуратура")
        assert "234 заявления о пытках" in c["figures"][0]["evidence"]


def test_slow_server_times_out_as_unreachable(httpserver, tmp_path, run_cli):
    finished = threading.Event()
    release = threading.Event()

    def slow(request):
        release.wait(10)  # answers only once the test is done with it (or after 10 s)
        finished.set()
        return Response("late", content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    letter = write_letter(tmp_path, ("Eight died", httpserver.url_for("/slow")))
    started = time.monotonic()
    code, out, err = run_cli("verify", letter, "--format", "json", "--allow-private-hosts",
                             "--cache-dir", tmp_path / "c", "--timeout", "0.3", "--retries", "1")
    (c,) = citations(json.loads(out))
    assert c["status"] == "unreachable" and "timed out" in c["reason"]
    # Two 0.3 s time-outs, not the server's 10 s: a bound a loaded machine still meets
    assert time.monotonic() - started < 8
    assert code == 1
    # Let the server finish, so that its log does not spill into the next test.
    release.set()
    finished.wait(5)
    for _ in range(100):
        if any(r.path == "/slow" for r, _ in httpserver.log):
            break
        time.sleep(0.02)


def test_private_hosts_are_refused_by_default(httpserver, tmp_path, run_cli):
    httpserver.expect_request("/x").respond_with_data(article("X", "Eight people died."))
    letter = write_letter(tmp_path, ("Eight died", httpserver.url_for("/x")))
    code, out, err = run_cli("verify", letter, "--format", "json", "--cache-dir", tmp_path / "c")
    (c,) = citations(json.loads(out))
    assert c["status"] == "blocked"
    assert "127.0.0.1 is a loopback address" in c["reason"]
    assert "--allow-private-hosts" in c["reason"]
    assert httpserver.log == []


def test_a_name_that_resolves_to_a_private_address_is_refused(tmp_path, httpserver):
    from citecheck.fetch import Fetcher
    from citecheck.settings import Settings

    # DNS rebinding: a public-looking name whose answer points inside the network.
    fetcher = Fetcher(Settings(cache_dir=tmp_path / "c"), resolver=lambda host, port: ["127.0.0.1"])
    capture = fetcher.fetch(f"http://news.example.com:{httpserver.port}/x")
    assert capture.error_kind == "private_address"
    assert httpserver.log == []


def test_a_redirect_to_an_internal_host_is_refused_at_that_hop(tmp_path, httpserver, monkeypatch):
    from citecheck import fetch
    from citecheck.settings import Settings

    # Only 127.0.0.2 counts as internal here, so that the first hop (to this test's
    # server on 127.0.0.1) is allowed and the check on the redirect hop is what refuses.
    monkeypatch.setattr(fetch, "address_problem",
                        lambda a: "127.0.0.2 is internal" if a == "127.0.0.2" else None)
    names = {"public.example": "127.0.0.1", "internal.example": "127.0.0.2"}
    port = httpserver.port
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": f"http://internal.example:{port}/secret"})
    fetcher = fetch.Fetcher(Settings(cache_dir=tmp_path / "c"),
                            resolver=lambda host, p: [names[host]])
    capture = fetcher.fetch(f"http://public.example:{port}/go")
    assert capture.error_kind == "private_address"
    assert "internal.example resolves to 127.0.0.2 is internal" in capture.error
    assert [r.path for r, _ in httpserver.log] == ["/go"]


def test_each_distinct_url_is_fetched_once_and_then_served_from_cache(
        httpserver, tmp_path, verify_json):
    httpserver.expect_request("/once").respond_with_data(
        article("Deaths", "The office confirmed 238 deaths in the January events across the "
                "country, most of them in Almaty."), content_type="text/html")
    url = httpserver.url_for("/once")
    letter = write_letter(tmp_path, ("The 238 deaths", url), ("Of 238 deaths", url))
    def hits() -> int:
        return sum(1 for request, _ in httpserver.log if request.path == "/once")

    verify_json(letter)
    assert hits() == 1
    code, report = verify_json(letter)
    assert hits() == 1
    assert all(c["fetch"]["from_cache"] for c in citations(report))


def test_unreadable_content_gets_its_own_status(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/img").respond_with_data(
        b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
    letter = write_letter(tmp_path, ("Eight died", httpserver.url_for("/img")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    assert c["status"] == "unreadable" and "PNG image" in c["reason"]


def test_pdf_source_is_read(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/report.pdf").respond_with_data(
        minimal_pdf("Human Rights Watch report, May 2022.",
                    "Authorities said 238 people died during the January events,",
                    "including 19 security officers."),
        content_type="application/pdf")
    letter = write_letter(tmp_path, ("the 238 deaths",
                                     httpserver.url_for("/report.pdf")))
    code, report = verify_json(letter)
    (c,) = citations(report)
    assert c["status"] == "verified", c["reason"]
    assert c["source"]["kind"] == "pdf"
    assert "238 people died" in c["figures"][0]["evidence"]


def test_refresh_fetches_again_what_the_cache_holds(httpserver, tmp_path, verify_json):
    httpserver.expect_request("/fresh").respond_with_data(
        article("Deaths", "The office confirmed 238 deaths in the January events across the "
                "country, most of them in Almaty."), content_type="text/html")
    letter = write_letter(tmp_path, ("The 238 deaths", httpserver.url_for("/fresh")))
    verify_json(letter)
    verify_json(letter, "--refresh")
    assert sum(1 for r, _ in httpserver.log if r.path == "/fresh") == 2


def test_the_right_number_counting_the_wrong_thing_is_not_verified(httpserver, tmp_path,
                                                                    verify_json):
    # From the issue: the value is on the page, but counts something else there.
    httpserver.expect_request("/cases").respond_with_data(
        article("Investigations", "234 criminal cases are being investigated by prosecutors."),
        content_type="text/html")
    httpserver.expect_request("/osce").respond_with_data(
        article("ОБСЕ", "Нарушения зафиксированы в восьми странах региона ОБСЕ."),
        content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM_234, httpserver.url_for("/cases")),
                          ("including eight deaths in custody", httpserver.url_for("/osce")))
    code, report = verify_json(letter)
    one, two = citations(report)
    assert (one["status"], two["status"]) == ("not_found", "not_found")
    assert one["figures"][0]["outcome"] == "other_referent"
    assert one["figures"][0]["found"] is False
    assert "234 criminal cases" in one["figures"][0]["evidence"]
    assert one["reason"].startswith("“234” is on the page as “234”, but counts criminal cases")
    assert two["figures"][0]["source_text"] == "восьми"
    assert "counts countries (“странах”)" in two["reason"]
    assert code == 1
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))


def test_an_http_cache_entry_reads_back_byte_for_byte_whichever_encoder_wrote_it(
        httpserver, tmp_path):
    # Entries are JSON written by orjson (the standard library's encoder took 0.1 ms a
    # response escaping the base64 body): the body, status and headers come back as
    # fetched; an entry the standard library's encoder wrote (earlier releases) reads the
    # same; a value orjson refuses is written by the standard library's encoder.
    import json

    from requests_cache.models.response import CachedResponse

    from citecheck import fetch as fetch_module
    from citecheck.settings import Settings

    body = "Погибли 238 человек — «официально».".encode("utf-8") + bytes(range(256))
    httpserver.expect_request("/p").respond_with_data(
        body, headers={"X-Note": "café"}, content_type="application/octet-stream")
    fetcher = fetch_module.Fetcher(Settings(cache_dir=tmp_path, allow_private_hosts=True))
    fresh = fetcher.session.get(httpserver.url_for("/p"))
    serializer = fetch_module.signed_json_serializer()
    cached = CachedResponse.from_response(fresh)
    for blob in (serializer.dumps(cached), _signed_by_the_standard_library(serializer, cached)):
        back = serializer.loads(blob)
        assert back.content == body and back.status_code == 200
        assert back.headers["X-Note"] == fresh.headers["X-Note"]
    assert json.loads(fetch_module._json_bytes({"n": 2**70})) == {"n": 2**70}
    again = fetcher.fetch(httpserver.url_for("/p"))
    assert again.from_cache and again.content == body
    fetcher.close()


def _signed_by_the_standard_library(serializer, response):  # type: ignore[no-untyped-def]
    """An entry as earlier releases wrote it: json.dumps, then the same signature."""
    import json

    from citecheck import _trust

    preconf, _, _ = serializer.stages
    data = json.dumps(preconf.dumps(response), separators=(",", ":")).encode("utf-8")
    return b"citecheck-mac/1 " + _trust.mac(data).encode("ascii") + b"\n" + data


def test_the_http_cache_key_is_requests_caches_own(httpserver, tmp_path):
    # Fetcher keys entries through requests-cache's key_fn with a copy of the request that
    # holds only its method and URL (fetch._cache_key): the key must be the one
    # requests-cache's own create_key gives, or entries written before are never found.
    import requests
    from requests_cache.cache_keys import create_key
    from requests_cache.policy.settings import CacheSettings

    from citecheck import fetch as fetch_module
    from citecheck.settings import Settings

    serializer = fetch_module.signed_json_serializer()
    ignored = CacheSettings().ignored_parameters
    session = requests.Session()
    session.headers.update({"User-Agent": "x", "Accept-Datetime": "Thu, 01 Jan 2026 00:00:00 GMT"})
    urls = ["http://127.0.0.1:8080/a/1.html", "http://Example.COM:80/a/../b/?z=1&a=2#frag",
            "https://bücher.example/ä ö?access_token=secret&q=1", "http://example.com/?b&a"]
    requests_ = [session.prepare_request(requests.Request("GET", url)) for url in urls]
    requests_.append(session.prepare_request(requests.Request("POST", urls[0], data={"a": "1"})))
    for request in requests_:
        for matched in (False, ["Accept-Datetime"], True):
            kwargs = dict(ignored_parameters=ignored, match_headers=matched,
                          serializer=serializer, verify=True)
            assert fetch_module._cache_key(request, **kwargs) == create_key(request, **kwargs)
    # And a run's entry is found under requests-cache's own key.
    httpserver.expect_request("/k").respond_with_data("<p>cached</p>", content_type="text/html")
    fetcher = fetch_module.Fetcher(Settings(cache_dir=tmp_path, allow_private_hosts=True))
    fetcher.fetch(httpserver.url_for("/k"))
    cache = fetcher.session.cache
    request = fetcher.session.prepare_request(requests.Request("GET", httpserver.url_for("/k")))
    key = create_key(request, ignored_parameters=cache._settings.ignored_parameters,
                     serializer=cache.responses.serializer)
    assert cache.responses[key].content == b"<p>cached</p>"
    fetcher.close()


def test_the_http_cache_serves_what_it_holds_and_asks_sqlite_nothing_for_what_it_does_not(
        httpserver, tmp_path, monkeypatch):
    # requests-cache looks every URL up in SQLite (the answers, then the redirects' aliases)
    # before fetching it; the keys the cache holds are read once when it opens, so a page it
    # does not hold is fetched without a look-up. What it holds is served as before: an
    # earlier run's page, a page a redirect of this run reached, and an entry written by
    # another process while this one ran is only fetched again (never an error).
    from requests_cache.backends import sqlite

    from citecheck import fetch as fetch_module
    from citecheck.settings import Settings

    for path in ("/old", "/new", "/target", "/other"):
        httpserver.expect_request(path).respond_with_data(
            f"<p>page {path}</p>", content_type="text/html")
    httpserver.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/target")})
    settings = Settings(cache_dir=tmp_path, allow_private_hosts=True)
    first = fetch_module.Fetcher(settings)
    assert not first.fetch(httpserver.url_for("/old")).from_cache
    first.close()

    looked_up = []
    real = sqlite.SQLiteDict.__getitem__

    def counted(self, key):  # type: ignore[no-untyped-def]
        looked_up.append(key)
        return real(self, key)

    monkeypatch.setattr(sqlite.SQLiteDict, "__getitem__", counted)
    fetcher = fetch_module.Fetcher(settings)
    other = fetch_module.Fetcher(settings)  # another process, as far as this cache goes
    assert fetcher.fetch(httpserver.url_for("/old")).from_cache  # an earlier run's
    assert looked_up
    looked_up.clear()
    new = fetcher.fetch(httpserver.url_for("/new"))
    assert not new.from_cache and new.content == b"<p>page /new</p>"
    assert looked_up == []  # not in the cache: fetched without asking SQLite
    moved = fetcher.fetch(httpserver.url_for("/moved"))
    assert moved.status == 200 and moved.redirects and not moved.from_cache
    reached = fetcher.fetch(httpserver.url_for("/target"))
    assert reached.from_cache and reached.content == b"<p>page /target</p>"  # its alias
    assert fetcher.fetch(httpserver.url_for("/new")).from_cache  # written by this run
    assert not other.fetch(httpserver.url_for("/other")).from_cache
    again = fetcher.fetch(httpserver.url_for("/other"))
    assert again.status == 200 and again.content == b"<p>page /other</p>"
    fetcher.close()
    other.close()
    assert fetch_module.Fetcher(settings).fetch(httpserver.url_for("/other")).from_cache
