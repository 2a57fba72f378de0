"""`citecheck rot`: pages that change between two runs, and the Wayback Machine stand-in."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from werkzeug import Response

from conftest import ROOT, article, write_letter

ROT_SCHEMA = ROOT / "src" / "citecheck" / "schema" / "rot-1.schema.json"

PAGES = {
    "/news/vanish": ("Torture complaints", "Prosecutors said they had registered 234 "
                     "allegations of torture involving security officials this year."),
    "/news/home": ("Deaths in custody", "Eight people died in custody, the prosecutor "
                   "general's office said, and criminal cases were opened."),
    "/news/notfound": ("January events", "The office confirmed 238 deaths in the January "
                       "events across the country, most of them in Almaty."),
    "/news/figure": ("Detentions", "About 10,000 people were detained after the unrest, the "
                     "interior ministry said on Tuesday in a statement."),
    "/news/same": ("Journalists", "At least 15 journalists were detained while covering the "
                   "protests, a press freedom group said in its report."),
    "/news/renamed": ("Amnesty", "Parliament passed an amnesty covering 1,500 people who took "
                      "part in the protests, the speaker announced."),
    "/section/story": ("Bloggers", "Police questioned 40 bloggers about their posts during the "
                       "unrest, according to a rights group in the capital."),
}
CLAIMS = {
    "/news/vanish": "Prosecutors have registered 234 allegations of torture",
    "/news/home": "including eight deaths in custody",
    "/news/notfound": "Of the 238 deaths in January",
    "/news/figure": "Approximately 10,000 people were detained",
    "/news/same": "At least 15 journalists were detained",
    "/news/renamed": "An amnesty covered 1,500 people",
    "/section/story": "Police questioned 40 bloggers",
}
EXPECTED = {
    "/news/vanish": "dead", "/news/home": "soft_404", "/news/notfound": "soft_404",
    "/news/figure": "drifted", "/news/same": "ok", "/news/renamed": "redirected",
    "/section/story": "soft_404",
}
HOME = article("Our news site", "Welcome to our news site with the latest stories from the "
               "region and from around the world, updated every hour.")
GENERIC = article("Latest news", "Latest news from the region: politics, economy, culture and "
                  "sport, with the stories our readers liked most this week.")


def html(path: str) -> str:
    return article(*PAGES[path])


def serve_before(httpserver) -> None:
    for path in PAGES:
        httpserver.expect_request(path).respond_with_data(html(path), content_type="text/html")
    httpserver.expect_request("/").respond_with_data(HOME, content_type="text/html")


def serve_after(httpserver) -> None:
    """The same site some years later."""
    url = httpserver.url_for
    httpserver.clear()
    httpserver.expect_request("/news/vanish").respond_with_data("Not Found", status=404)
    httpserver.expect_request("/news/home").respond_with_data(
        "", status=302, headers={"Location": url("/")})
    httpserver.expect_request("/news/notfound").respond_with_data(
        article("Page not found", "Sorry, we could not find the page you were looking for."),
        content_type="text/html")
    httpserver.expect_request("/news/figure").respond_with_data(
        article(*PAGES["/news/figure"]).replace("10,000", "12,000"), content_type="text/html")
    httpserver.expect_request("/news/same").respond_with_data(html("/news/same"),
                                                             content_type="text/html")
    httpserver.expect_request("/news/renamed").respond_with_data(
        "", status=301, headers={"Location": url("/news/parliament-passes-amnesty")})
    httpserver.expect_request("/news/parliament-passes-amnesty").respond_with_data(
        article("Parliament passes amnesty", "An amnesty now covers 1,500 people, after a vote "
                "in parliament on Friday; critics said it came too late."),
        content_type="text/html")
    # A site that answers every unknown address in /section/ with the same page.
    httpserver.expect_request(re.compile(r"^/section/.*")).respond_with_data(
        GENERIC, content_type="text/html")
    httpserver.expect_request("/").respond_with_data(HOME, content_type="text/html")


def serve_wayback(httpserver, snapshots: dict[str, dict[str, str]]) -> str:
    """A stand-in for the Wayback Machine's CDX API and snapshots; returns its base URL."""

    def cdx(request):
        query = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        to = query.get("to", "99999999999999")
        rows = [[ts, query["url"], "200"] for ts in sorted(snapshots.get(query["url"], {}))
                if ts[:len(to)] <= to]
        if query.get("limit") == "-1":
            rows = rows[-1:]
        return Response(json.dumps([["timestamp", "original", "statuscode"], *rows]),
                        content_type="application/json")

    def snapshot(request):
        m = re.match(r"^/wb/web/(\d{14})id_/(.+)$", request.full_path.rstrip("?"))
        page = m and snapshots.get(m.group(2), {}).get(m.group(1))
        return Response(page or "not archived", status=200 if page else 404,
                        content_type="text/html")

    httpserver.expect_request("/wb/cdx/search/cdx").respond_with_handler(cdx)
    httpserver.expect_request(re.compile(r"^/wb/web/.*")).respond_with_handler(snapshot)
    return httpserver.url_for("/wb")


@pytest.fixture
def clock(monkeypatch):
    """The time captures are made at, so that runs can be years apart."""
    from citecheck import fetch

    state = {"now": "2022-10-01T09:00:00+00:00"}
    monkeypatch.setattr(fetch, "_now", lambda: state["now"])
    return state


def rot_json(run_cli, tmp_path, *args) -> tuple[int, dict]:
    """`citecheck rot --format json`; no Memento TimeGate unless the test gives one (the
    default is on the internet)."""
    given = ("--memento", "none") if "--memento" not in args else ()
    code, out, err = run_cli("rot", *args, *given, "--format", "json", "--cache-dir",
                             tmp_path / "cache", "--allow-private-hosts", "--timeout", "2",
                             "--retries", "1")
    assert "Traceback" not in out + err, err
    return code, json.loads(out)


def by_path(report: dict) -> dict[str, dict]:
    return {urlsplit(c["url"]).path: c for d in report["documents"] for c in d["citations"]}


def test_rot_tells_dead_soft_404_redirected_drifted_and_ok(httpserver, tmp_path, run_cli,
                                                           clock):
    serve_before(httpserver)
    letter = write_letter(tmp_path, *[(CLAIMS[p], httpserver.url_for(p)) for p in PAGES])
    code, out, err = run_cli("verify", letter, "--format", "json", "--cache-dir",
                             tmp_path / "cache", "--allow-private-hosts")
    verified = {urlsplit(c["url"]).path: c for c in json.loads(out)["documents"][0]["citations"]}
    assert {c["status"] for c in verified.values()} == {"verified"}, out
    assert code == 0

    clock["now"] = "2026-01-05T09:00:00+00:00"
    serve_after(httpserver)
    snapshots = {httpserver.url_for(p): {"20220901120000": html(p)} for p in PAGES}
    snapshots[httpserver.url_for("/news/vanish")]["20221201120000"] = "after the letter"
    base = serve_wayback(httpserver, snapshots)
    code, report = rot_json(run_cli, tmp_path, letter, "--wayback", base)
    jsonschema.validate(report, json.loads(ROT_SCHEMA.read_text()))
    results = by_path(report)
    assert {p: c["status"] for p, c in results.items()} == EXPECTED
    assert code == 1
    assert report["summary"]["rotted"] == 6 and report["documents"][0]["as_of"] == "2022-10-06"

    figure = results["/news/figure"]
    assert figure["lost_figures"] == ["Approximately 10,000"] and "no longer in the page" in figure["reason"]
    assert "home page" in results["/news/home"]["reason"]
    assert "made-up URL" in results["/section/story"]["reason"]
    assert results["/news/renamed"]["final_url"].endswith("/news/parliament-passes-amnesty")

    for path, c in results.items():
        # Compared with the very copy `verify` archived, and the live answer archived too.
        assert c["compared_with"] == verified[path]["archive"]
        assert c["live"]["date"] == "2026-01-05T09:00:00Z"
        assert c["first_archived_ok"] == "2022-10-01T09:00:00Z"
        if c["status"] == "ok":
            assert c["rotted_since"] is None and c["wayback"] is None
            assert c["last_archived_ok"] == "2026-01-05T09:00:00Z"
        else:
            assert c["rotted_since"] == "2026-01-05T09:00:00Z"
            assert c["last_archived_ok"] == "2022-10-01T09:00:00Z"

    # The dead and the soft-404 links get the closest snapshot before the letter's date,
    # with the claim verified against it.
    for path in ("/news/vanish", "/news/home", "/news/notfound", "/section/story"):
        wayback = results[path]["wayback"]
        assert wayback["url"] == f"{base}/web/20220901120000/{httpserver.url_for(path)}"
        assert wayback["status"] == "verified", wayback["reason"]
    assert results["/news/figure"]["wayback"] is None

    # A month later: still rotted, and since the first time it was seen so.
    clock["now"] = "2026-02-05T09:00:00+00:00"
    code, later = rot_json(run_cli, tmp_path, letter, "--wayback", base, "--as-of", "2022-08-01")
    results = by_path(later)
    assert {p: c["status"] for p, c in results.items()} == EXPECTED
    assert results["/news/vanish"]["rotted_since"] == "2026-01-05T09:00:00Z"
    assert results["/news/figure"]["rotted_since"] == "2026-01-05T09:00:00Z"
    assert results["/news/same"]["first_archived_ok"] == "2022-10-01T09:00:00Z"
    assert results["/news/same"]["last_archived_ok"] == "2026-02-05T09:00:00Z"
    # --as-of moves the Wayback search before an earlier date: no snapshot then.
    assert results["/news/vanish"]["wayback"]["url"] is None
    assert "no snapshot before 2022-08-01" in results["/news/vanish"]["wayback"]["reason"]


def test_rot_of_unchanged_pages_exits_0_and_renders_for_people(httpserver, tmp_path, run_cli):
    serve_before(httpserver)
    letter = write_letter(tmp_path, (CLAIMS["/news/same"], httpserver.url_for("/news/same")))
    code, report = rot_json(run_cli, tmp_path, letter, "--wayback", httpserver.url_for("/wb"))
    (c,) = by_path(report).values()
    assert (c["status"], code) == ("ok", 0)
    assert "no earlier copy" in c["reason"]
    code, report = rot_json(run_cli, tmp_path, letter, "--wayback", httpserver.url_for("/wb"))
    assert by_path(report)["/news/same"]["reason"].startswith("unchanged since")
    for fmt, expected in (("md", "## citecheck link rot"), ("terminal", "1 citation: 1 ok")):
        code, out, _ = run_cli("rot", letter, "--format", fmt, "--cache-dir", tmp_path / "cache",
                               "--allow-private-hosts", "--memento", "none")
        assert code == 0 and expected in out


def test_rot_bad_as_of_is_a_usage_error(tmp_path, run_cli):
    letter = write_letter(tmp_path, ("Eight died", "https://example.org/a"))
    code, out, err = run_cli("rot", letter, "--as-of", "someday")
    assert code == 2 and err.startswith("citecheck: error: --as-of") and out == ""


def serve_timegate(httpserver, prefix: str, mementos: dict[str, dict[str, str]]) -> str:
    """A Memento TimeGate and its archive (RFC 7089, pattern 2.2): the TimeGate redirects to
    the memento closest to Accept-Datetime, on either side, as real ones do; each memento
    says its Memento-Datetime and links its neighbours. Returns the TimeGate's URL."""
    import email.utils
    from datetime import datetime, timezone

    def when(ts: str) -> datetime:
        return datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)

    def http_date(ts: str) -> str:
        return email.utils.format_datetime(when(ts), usegmt=True)

    def timegate(request):
        url = request.full_path.split(f"/{prefix}/tg/", 1)[1].rstrip("?")
        stamps = sorted(mementos.get(url, {}))
        if not stamps:
            return Response("no memento", status=404)
        wanted = email.utils.parsedate_to_datetime(request.headers["Accept-Datetime"])
        ts = min(stamps, key=lambda t: abs((when(t) - wanted).total_seconds()))
        return Response("", status=302, headers={
            "Location": httpserver.url_for(f"/{prefix}/web/{ts}/{url}"),
            "Vary": "accept-datetime"})

    def memento(request):
        m = re.match(rf"^/{prefix}/web/(\d{{14}})(id_)?/(.+)$", request.full_path.rstrip("?"))
        ts, raw, url = m.groups()
        stamps = sorted(mementos.get(url, {}))
        links = [f'<{url}>; rel="original"']
        for i, t in enumerate(stamps):
            rel = "prev memento" if t < ts else "next memento" if t > ts else "memento"
            links.append(f'<{httpserver.url_for(f"/{prefix}/web/{t}/{url}")}>; rel="{rel}"; '
                         f'datetime="{http_date(t)}"')
        banner = "" if raw else "<div>ARCHIVE BANNER 99999</div>"
        return Response(mementos[url][ts].replace("<body>", f"<body>{banner}"),
                        content_type="text/html", headers={
                            "Memento-Datetime": http_date(ts), "Link": ", ".join(links)})

    httpserver.expect_request(re.compile(rf"^/{prefix}/tg/.*")).respond_with_handler(timegate)
    httpserver.expect_request(re.compile(rf"^/{prefix}/web/.*")).respond_with_handler(memento)
    return httpserver.url_for(f"/{prefix}/tg/")


def test_rot_asks_memento_timegates_for_the_copy_closest_before_the_letter(httpserver,
                                                                          tmp_path, run_cli):
    httpserver.expect_request("/news/vanish").respond_with_data("Not Found", status=404)
    httpserver.expect_request("/news/late").respond_with_data("Not Found", status=404)
    letter = write_letter(tmp_path, (CLAIMS["/news/vanish"], httpserver.url_for("/news/vanish")),
                          ("Later news", httpserver.url_for("/news/late")))
    vanish, late = httpserver.url_for("/news/vanish"), httpserver.url_for("/news/late")
    empty = serve_timegate(httpserver, "empty", {})
    # The memento closest to the letter's date (6 October 2022) is four days after it: the
    # one to propose is the one before, that the memento links as "prev memento".
    archive = serve_timegate(httpserver, "arch", {
        vanish: {"20220901120000": html("/news/vanish"),
                 "20221010120000": article("Gone", "This story was withdrawn.")},
        late: {"20230105120000": article("Later", "Nothing here.")}})
    code, report = rot_json(run_cli, tmp_path, letter, "--wayback", "none",
                            "--memento", empty, "--memento", archive)
    jsonschema.validate(report, json.loads(ROT_SCHEMA.read_text()))
    results = by_path(report)
    found = results["/news/vanish"]["wayback"]
    assert found["url"] == httpserver.url_for(f"/arch/web/20220901120000/{vanish}")
    assert found["timestamp"] == "20220901120000" and found["timegate"] == archive
    assert found["status"] == "verified", found["reason"]
    assert found["archive"]["digest"].startswith("sha256:")
    asked = [(e[0].path, e[0].headers.get("Accept-Datetime")) for e in httpserver.log]
    assert (f"/arch/tg/{vanish}", "Thu, 06 Oct 2022 23:59:59 GMT") in asked
    assert (f"/empty/tg/{vanish}", "Thu, 06 Oct 2022 23:59:59 GMT") in asked
    assert (f"/arch/web/20220901120000id_/{vanish}", None) in asked  # the archived bytes
    missing = results["/news/late"]["wayback"]
    assert missing["url"] is None and missing["timegate"] is None
    assert "has no memento (HTTP 404)" in missing["reason"]
    assert "no memento before 2022-10-06 (the closest is from 2023-01-05)" in missing["reason"]
    code, out, _ = run_cli("rot", letter, "--format", "md", "--cache-dir", tmp_path / "cache",
                           "--allow-private-hosts", "--wayback", "none", "--memento", archive)
    assert f"**Memento (localhost:{httpserver.port})**" in out or \
        f"**Memento (127.0.0.1:{httpserver.port})**" in out
    # Robust Links: the proposed snapshot's link names the page and the snapshot's date.
    assert (f'<a href="{found["url"]}" data-originalurl="{vanish}" '
            'data-versiondate="2022-09-01T12:00:00Z">') in out


def test_rot_memento_option_must_be_a_url(tmp_path, run_cli):
    letter = write_letter(tmp_path, ("Eight died", "https://example.org/a"))
    code, out, err = run_cli("rot", letter, "--memento", "timetravel")
    assert code == 2 and "--memento 'timetravel'" in err and out == ""


# --- a weekly rot run judges only what was archived since the last one -----------------------

WEEKLY = {  # path → (claim, the page in week w)
    "/same": ("At least 15 journalists were detained",
              lambda w: article("Journalists", "At least 15 journalists were detained while "
                                "covering the protests, a press freedom group said.")),
    "/edited": ("Police questioned 40 bloggers",
                lambda w: article("Bloggers", "Police questioned 40 bloggers about their posts "
                                  "during the unrest, according to a rights group."
                                  + (" The group named three of them." if w >= 3 else ""))),
    "/figure": ("Approximately 10,000 people were detained",
                lambda w: article("Detentions", f"About {'10,000' if w < 4 else '12,000'} "
                                  "people were detained after the unrest, the ministry said.")),
    "/away": ("Eight people died in custody",
              lambda w: None if 2 <= w <= 3 else article(
                  "Deaths in custody", "Eight people died in custody, the prosecutor general's "
                  "office said, and criminal cases were opened.")),
}


def _as_judged(report: dict, cache) -> list[dict]:
    """A rot report without what differs between two runs of the same week on two copies of
    one archive: the live answer's record (each run archives its own), the folder's name."""
    out = []
    for c in report["documents"][0]["citations"]:
        c = {k: v for k, v in c.items() if k != "live"}
        out.append(json.loads(json.dumps(c).replace(str(cache), "CACHE")))
    return out


def test_a_weekly_rot_run_reads_only_the_copies_archived_since_the_last(
        httpserver, tmp_path, run_cli, clock, monkeypatch):
    # Each run judged the URL's whole history again, every copy read back from the archive:
    # a weekly run cost more each week. Now it resumes after what the last run judged, and
    # its report is the one judging the whole history gives.
    import shutil

    from citecheck.archive import WarcIndex

    week = {"n": 0}

    def page(path):
        def answer(request):
            body = WEEKLY[path][1](week["n"])
            return Response("Not Found", status=404) if body is None else \
                Response(body, content_type="text/html")
        return answer

    for path in WEEKLY:
        httpserver.expect_request(path).respond_with_handler(page(path))
    letter = write_letter(tmp_path, *[(claim, httpserver.url_for(p))
                                      for p, (claim, _) in WEEKLY.items()])
    cache = tmp_path / "cache"
    code, out, err = run_cli("verify", letter, "--format", "json", "--cache-dir", cache,
                             "--allow-private-hosts")
    assert code == 0, out

    loads = []
    real_load = WarcIndex.load

    def counted(self, entry):  # type: ignore[no-untyped-def]
        loads[-1] += 1
        return real_load(self, entry)

    monkeypatch.setattr(WarcIndex, "load", counted)

    def rot(folder) -> tuple[int, dict]:
        code, out, err = run_cli("rot", letter, "--format", "json", "--cache-dir", folder,
                                 "--allow-private-hosts", "--wayback", "none", "--memento",
                                 "none", "--timeout", "2", "--retries", "1")
        assert "Traceback" not in out + err, err
        return code, json.loads(out)

    statuses = {}
    for n in range(1, 9):
        week["n"] = n
        clock["now"] = f"2023-01-{n * 3:02d}T09:00:00+00:00"
        again = tmp_path / f"whole-{n}"  # the same archive, judged from its first copy
        shutil.copytree(cache, again)
        (again / "read" / "rot.json").unlink(missing_ok=True)
        loads.append(0)
        code, report = rot(cache)
        loads.append(0)
        whole = rot(again)
        assert whole[0] == code and _as_judged(whole[1], again) == _as_judged(report, cache)
        statuses[n] = {urlsplit(c["url"]).path: c["status"]
                       for c in report["documents"][0]["citations"]}
        loads.pop()
        shutil.rmtree(again)
    assert statuses[1] == {"/same": "ok", "/edited": "ok", "/figure": "ok", "/away": "ok"}
    assert statuses[2]["/away"] == "dead" and statuses[5]["/away"] == "ok"
    assert statuses[8]["/figure"] == "drifted" and statuses[8]["/edited"] == "ok"
    assert report["documents"][0]["citations"][2]["rotted_since"] == "2023-01-12T09:00:00Z"
    # Archived records read back by a run: as many in week 8 as in week 3, however many
    # copies each URL has (judging from the first copy, 2 more a URL every week).
    assert loads[7] <= loads[2] + 4, loads

    # A remembered judgement citecheck did not write (or a damaged one) is not used.
    memory = cache / "read" / "rot.json"
    memory.write_bytes(memory.read_bytes().replace(b"2023-01-12T09:00:00Z", b"2020-01-01T00:00:00Z"))
    week["n"], clock["now"] = 9, "2023-01-27T09:00:00+00:00"
    code, report = rot(cache)
    assert report["documents"][0]["citations"][2]["rotted_since"] == "2023-01-12T09:00:00Z"
