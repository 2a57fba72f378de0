"""The options lychee users expect, by lychee.toml's names in citecheck.toml and lychee's flags
on the command line: headers per host, a cookie jar, exclude, remap, accept, max redirects,
cache age. Against local servers."""

from __future__ import annotations

import json

import pytest
from werkzeug.wrappers import Response

from conftest import article, citations, write_letter

PAGE = article("Torture", "Prosecutors have registered 234 allegations of torture.")
CLAIM = "Prosecutors have registered 234 allegations"


def run(run_cli, tmp_path, *args: str) -> tuple[int, dict, str]:
    code, out, err = run_cli("verify", *args, "--format", "json", "--cache-dir",
                             str(tmp_path / "cache"), "--allow-private-hosts", "--timeout", "2",
                             "--retries", "1")
    assert "Traceback" not in err
    return code, (json.loads(out) if out else {}), err


def toml(tmp_path, text: str) -> str:
    path = tmp_path / "citecheck.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def seen(httpserver):
    """Headers each path was asked with."""
    log: dict[str, list[dict]] = {}

    def record(request):  # type: ignore[no-untyped-def]
        log.setdefault(request.path, []).append(dict(request.headers))

    httpserver.seen = log
    httpserver.record = record
    return httpserver


def test_headers_and_cookies_go_to_their_host_only(run_cli, tmp_path, seen):
    """[hosts."127.0.0.1"] headers and a cookie jar open a paywalled page; a redirect to
    another host (localhost, the same server under another name) gets neither."""
    def paywalled(request):  # type: ignore[no-untyped-def]
        seen.record(request)
        ok = request.headers.get("X-Token") == "s3cret" and \
            request.cookies.get("paywall") == "ok" and request.headers.get("Accept") == "text/html"
        return Response(PAGE if ok else "Subscribe", status=200 if ok else 403,
                        content_type="text/html")

    def echo(request):  # type: ignore[no-untyped-def]
        seen.record(request)
        return Response(PAGE, content_type="text/html")

    seen.expect_request("/paywalled").respond_with_handler(paywalled)
    seen.expect_request("/elsewhere").respond_with_handler(echo)
    port = seen.port
    seen.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{port}/elsewhere"})
    jar = tmp_path / "cookies.txt"
    jar.write_text("# Netscape HTTP Cookie File\n"
                   "127.0.0.1\tFALSE\t/\tFALSE\t4102444800\tpaywall\tok\n", encoding="utf-8")
    config = toml(tmp_path, f'''
header = {{ "Accept" = "text/html" }}
cookie_jar = "{jar}"
[hosts."127.0.0.1"]
headers = {{ "X-Token" = "s3cret" }}
''')
    letter = write_letter(tmp_path, (CLAIM, f"http://127.0.0.1:{port}/paywalled"),
                          (CLAIM, f"http://127.0.0.1:{port}/moved"))
    code, report, err = run(run_cli, tmp_path, str(letter), "--config", config)
    assert [c["status"] for c in citations(report)] == ["verified", "verified"], err
    (hop,) = seen.seen["/elsewhere"]
    assert "X-Token" not in hop and "Cookie" not in hop  # the other host gets neither
    assert hop["Accept"] == "text/html"  # `header` goes everywhere
    code, report, _ = run(run_cli, tmp_path, str(letter), "--refresh")  # without them
    assert citations(report)[0]["status"] == "blocked"


def test_header_flag_as_lychee_and_curl_write_it(run_cli, tmp_path, seen):
    def handler(request):  # type: ignore[no-untyped-def]
        ok = request.headers.get("X-Token") == "a: b"
        return Response(PAGE if ok else "no", status=200 if ok else 401, content_type="text/html")

    seen.expect_request("/h").respond_with_handler(handler)
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/h")))
    code, report, _ = run(run_cli, tmp_path, str(letter), "-H", "X-Token: a: b")
    assert code == 0 and citations(report)[0]["status"] == "verified"


def test_exclude_skips_matching_urls_unfetched(run_cli, tmp_path, seen):
    seen.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/a")),
                          (CLAIM, seen.url_for("/private/b")))
    code, report, _ = run(run_cli, tmp_path, str(letter), "--exclude", r"/private/")
    first, second = citations(report)
    assert first["status"] == "verified" and second["status"] == "skipped"
    assert second["reason"] == "matches the exclude pattern '/private/': not checked"
    assert [r.path for r, _ in seen.log] == ["/a"] and code == 0


def test_remap_fetches_the_new_home_of_a_dead_domain(run_cli, tmp_path, seen):
    seen.expect_request("/new/story/1").respond_with_data(PAGE, content_type="text/html")
    port = seen.port
    cited = f"http://localhost:{port}/old/story/1"
    letter = write_letter(tmp_path, (CLAIM, cited))
    config = toml(tmp_path, f'remap = ["^http://localhost:{port}/old/(.*)$ '
                            f'http://127.0.0.1:{port}/new/$1"]\n')
    code, report, _ = run(run_cli, tmp_path, str(letter), "--config", config)
    (c,) = citations(report)
    assert c["status"] == "verified" and c["url"] == cited
    assert c["fetch"]["remapped"] == f"http://127.0.0.1:{port}/new/story/1"
    code, report, _ = run(run_cli, tmp_path, str(letter), "--config", config, "--offline")
    assert citations(report)[0]["status"] == "verified"  # the archive holds it by the new URL


def test_accept_reads_the_page_of_an_accepted_status(run_cli, tmp_path, seen):
    seen.expect_request("/403").respond_with_data(PAGE, status=403, content_type="text/html")
    seen.expect_request("/203").respond_with_data(PAGE, status=203, content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/403")), (CLAIM, seen.url_for("/203")))
    code, report, _ = run(run_cli, tmp_path, str(letter))
    assert [c["status"] for c in citations(report)] == ["blocked", "verified"]
    code, report, _ = run(run_cli, tmp_path, str(letter), "--accept", "200, 403")
    assert [c["status"] for c in citations(report)] == ["verified", "unreachable"]
    assert citations(report)[1]["reason"] == "HTTP 203: not an accepted status (accept)"


def test_max_redirects(run_cli, tmp_path, seen):
    for i in range(3):
        seen.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": seen.url_for(f"/r{i + 1}")})
    seen.expect_request("/r3").respond_with_data(PAGE, content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/r0")))
    code, report, _ = run(run_cli, tmp_path, str(letter), "--max-redirects", "2")
    assert citations(report)[0]["reason"] == "more than 2 redirects (a redirect loop?)"
    code, report, _ = run(run_cli, tmp_path, str(letter), "--config",
                          toml(tmp_path, "max_redirects = 3\n"))
    assert citations(report)[0]["status"] == "verified"


def test_max_cache_age(run_cli, tmp_path, seen):
    seen.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/a")))
    for _ in range(2):
        run(run_cli, tmp_path, str(letter))
    assert len(seen.log) == 1  # the default, a day: the second run reads the cache
    for _ in range(2):
        run(run_cli, tmp_path, str(letter), "--config", toml(tmp_path, 'max_cache_age = "0s"\n'))
    assert len(seen.log) == 3  # 0s: every run fetches again


@pytest.mark.parametrize("text, message", [
    ('remap = ["only-one-word"]', "remap: 'only-one-word' is not 'PATTERN URL' (two words)"),
    ('exclude = ["("]', "exclude: '(' is not a regular expression"),
    ('accept = "2xx"', "accept: '2xx' is not a status code or range (200..=204)"),
    ('max_cache_age = "a fortnight"', "max-cache-age: 'a fortnight' is not a duration"),
    ('max_redirects = 99', "max-redirects must be between 0 and 50"),
    ('header = { "Bad Name" = "x" }', "header: 'Bad Name': 'x' is not a valid header"),
    ('[hosts."a.example"]\nconcurrency = 3', "hosts.'a.example': unknown key 'concurrency'"),
])
def test_bad_values_are_one_line(run_cli, tmp_path, text, message):
    letter = write_letter(tmp_path, (CLAIM, "https://example.org/a"))
    code, out, err = run_cli("verify", str(letter), "--config", toml(tmp_path, text + "\n"))
    assert code == 2 and out == "" and message in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_cookie_jar_is_one_line(run_cli, tmp_path):
    letter = write_letter(tmp_path, (CLAIM, "http://127.0.0.1:9/a"))
    code, out, err = run_cli("verify", str(letter), "--cookie-jar", str(tmp_path / "none.txt"),
                             "--allow-private-hosts", "--cache-dir", str(tmp_path / "c"))
    assert code == 2 and err.strip() == f"citecheck: error: {tmp_path / 'none.txt'}: no such cookie jar"


# --- rot builds its fetcher from the same settings as verify -----------------------------


def rot(run_cli, tmp_path, *args: str) -> tuple[int, list[dict], str]:
    code, out, err = run_cli("rot", *args, "--format", "json", "--cache-dir",
                             str(tmp_path / "cache"), "--allow-private-hosts", "--wayback",
                             "none", "--memento", "none", "--timeout", "2", "--retries", "1")
    assert "Traceback" not in err, err
    return code, [c for d in json.loads(out)["documents"] for c in d["citations"]], err


def test_rot_sends_the_configured_headers_and_cookies(run_cli, tmp_path, seen):
    """A page that answers only with its header and cookie is `ok` for rot, as verify finds
    it; without them (the old rot, which read neither) it is `blocked`."""
    def paywalled(request):  # type: ignore[no-untyped-def]
        ok = request.headers.get("X-Token") == "s3cret" and request.cookies.get("paywall") == "ok"
        return Response(PAGE if ok else "Subscribe", status=200 if ok else 403,
                        content_type="text/html")

    seen.expect_request("/paywalled").respond_with_handler(paywalled)
    jar = tmp_path / "cookies.txt"
    jar.write_text("# Netscape HTTP Cookie File\n"
                   "127.0.0.1\tFALSE\t/\tFALSE\t4102444800\tpaywall\tok\n", encoding="utf-8")
    config = toml(tmp_path, f'cookie_jar = "{jar}"\n[hosts."127.0.0.1"]\n'
                            'headers = { "X-Token" = "s3cret" }\n')
    letter = write_letter(tmp_path, (CLAIM, f"http://127.0.0.1:{seen.port}/paywalled"))
    code, report, err = run(run_cli, tmp_path, str(letter), "--config", config)
    assert citations(report)[0]["status"] == "verified", err
    code, (c,), err = rot(run_cli, tmp_path, str(letter), "--config", config)
    assert (c["status"], c["http_status"], code) == ("ok", 200, 0), err
    code, (c,), _ = rot(run_cli, tmp_path, str(letter), "--cookie-jar", str(jar),
                        "-H", "X-Token: s3cret")  # the same as flags
    assert (c["status"], c["http_status"]) == ("ok", 200)
    code, (c,), _ = rot(run_cli, tmp_path, str(letter), "--cookie-jar", str(jar))
    assert (c["status"], c["http_status"]) == ("blocked", 403)


def test_rot_does_not_fetch_an_excluded_url(run_cli, tmp_path, seen):
    seen.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/a")),
                          (CLAIM, seen.url_for("/private/b")))
    code, (first, second), _ = rot(run_cli, tmp_path, str(letter), "--config",
                                   toml(tmp_path, "exclude = ['/private/']\n"))
    assert first["status"] == "ok" and second["status"] == "skipped" and code == 0
    assert second["reason"] == "matches the exclude pattern '/private/': not checked"
    asked = [r.path for r, _ in seen.log]
    assert "/a" in asked and not any(p.startswith("/private/") for p in asked)  # nor probed


def test_rot_compares_a_remapped_url_with_its_archived_copy(run_cli, tmp_path, seen):
    """verify fetched, and archived, the page at its new address; rot fetches it there too
    and judges it against that copy: the claim's figure gone is `drifted`."""
    pages = [PAGE, article("Torture", "Prosecutors have registered many allegations.")]
    seen.expect_request("/new/story/1").respond_with_handler(
        lambda request: Response(pages[0], content_type="text/html"))
    port = seen.port
    letter = write_letter(tmp_path, (CLAIM, f"http://localhost:{port}/old/story/1"))
    config = toml(tmp_path, f'remap = ["^http://localhost:{port}/old/(.*)$ '
                            f'http://127.0.0.1:{port}/new/$1"]\n')
    code, report, _ = run(run_cli, tmp_path, str(letter), "--config", config)
    assert citations(report)[0]["status"] == "verified"
    pages.pop(0)
    code, (c,), err = rot(run_cli, tmp_path, str(letter), "--config", config)
    assert c["status"] == "drifted" and c["compared_with"] and code == 1, err


def test_rot_reads_accept_and_max_redirects(run_cli, tmp_path, seen):
    seen.expect_request("/403").respond_with_data(PAGE, status=403, content_type="text/html")
    for i in range(2):
        seen.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": seen.url_for(f"/r{i + 1}")})
    seen.expect_request("/r2").respond_with_data(PAGE, content_type="text/html")
    letter = write_letter(tmp_path, (CLAIM, seen.url_for("/403")), (CLAIM, seen.url_for("/r0")))
    code, results, _ = rot(run_cli, tmp_path, str(letter))
    assert [c["status"] for c in results] == ["blocked", "ok"]
    code, results, _ = rot(run_cli, tmp_path, str(letter), "--config",
                           toml(tmp_path, 'accept = "200, 403"\nmax_redirects = 1\n'))
    assert [c["status"] for c in results] == ["ok", "unreachable"]
    assert results[1]["reason"] == "more than 1 redirects (a redirect loop?)"
