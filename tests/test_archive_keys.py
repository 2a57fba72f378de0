"""The archive finds a page however its URL is written: keys are the `surt` library's (pywb's),
in archives written by citecheck, by wget and by warcio, and in indexes written before."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from citecheck.archive import surt
from conftest import article, citations, write_letter, write_warc

PAGE = article("Complaints", "The office registered 234 complaints of torture this year.")
CLAIM = "The office registered 234 complaints"


@pytest.mark.parametrize("written, same_as", [
    ("https://rus.azattyq.org/a/статья.html",
     "https://rus.azattyq.org/a/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F.html"),
    ("http://пример.рф/путь?q=да", "http://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C?q=%D0%B4%D0%B0"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://example.org/a?b=2&a=1", "http://example.org/a?a=1&b=2"),
    ("http://example.org/a#section-2", "http://example.org/a"),
    ("http://example.org/a/", "http://example.org/a"),
    ("http://www.Example.org/A", "http://example.org/a"),
])
def test_one_page_one_key_however_its_url_is_written(written, same_as):
    assert surt(written) == surt(same_as)


@pytest.mark.parametrize("one, other", [
    ("http://example.org:8080/a", "http://example.org/a"),
    ("http://example.org/a?x=1", "http://example.org/a?x=2"),
    ("http://example.org/a/b", "http://example.org/a"),
])
def test_different_pages_have_different_keys(one, other):
    assert surt(one) != surt(other)


def test_the_keys_are_the_ones_pywb_uses():
    assert surt("https://www.Example.org:8443/Путь/?b=2&a=1#x") == \
        "org,example:8443)/%d0%9f%d1%83%d1%82%d1%8c?a=1&b=2"


def _pages(httpserver) -> list[str]:
    """Citations of one page each: a Cyrillic path, a query, a fragment, a trailing slash."""
    for path in ("/a/статья", "/q", "/f", "/s/"):
        httpserver.expect_request(path).respond_with_data(PAGE, content_type="text/html")
    base = httpserver.url_for("")
    return [f"{base}a/статья", f"{base}q?b=2&a=1", f"{base}f#part-2", f"{base}s/"]


def test_pages_with_any_url_are_found_offline_and_by_rot(httpserver, tmp_path, verify_json,
                                                        run_cli):
    urls = _pages(httpserver)
    letter = write_letter(tmp_path, *[(CLAIM, url) for url in urls])
    code, report = verify_json(letter)
    assert [c["status"] for c in citations(report)] == ["verified"] * 4
    code, report = verify_json(letter, "--offline")
    assert [c["status"] for c in citations(report)] == ["verified"] * 4, citations(report)
    code, out, _ = run_cli("rot", letter, "--format", "json", "--allow-private-hosts",
                           "--cache-dir", tmp_path / "cache", "--wayback", httpserver.url_for(""))
    rot = [c for d in json.loads(out)["documents"] for c in d["citations"]]
    assert [c["compared_with"] is not None for c in rot] == [True] * 4, rot


def test_an_index_written_with_the_old_keys_is_found_and_nothing_is_lost(
        httpserver, tmp_path, verify_json):
    from citecheck.archive import _legacy_surt

    urls = _pages(httpserver)
    letter = write_letter(tmp_path, *[(CLAIM, url) for url in urls])
    verify_json(letter)
    index = tmp_path / "cache" / "warc" / "index.cdxj"
    lines = index.read_text(encoding="utf-8").splitlines()
    old = [f"{_legacy_surt(json.loads(line.split(' ', 2)[2])['url'])} {line.split(' ', 1)[1]}"
           for line in lines]
    assert old != lines  # the old keys differ (the Cyrillic path, the trailing slash)
    index.write_text("\n".join(old) + "\n", encoding="utf-8")
    warcs = {p: p.read_bytes() for p in (tmp_path / "cache" / "warc").glob("*.warc.gz")}

    code, report = verify_json(letter, "--offline")
    assert [c["status"] for c in citations(report)] == ["verified"] * 4
    code, report = verify_json(letter)  # online: nothing archived again, nothing dropped
    assert [c["status"] for c in citations(report)] == ["verified"] * 4
    for path, data in warcs.items():
        assert path.read_bytes()[:len(data)] == data
    after = index.read_text(encoding="utf-8").splitlines()
    assert {line.split(" ", 2)[2] for line in lines} <= {line.split(" ", 2)[2] for line in after}


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed")
def test_a_wget_warc_of_a_non_ascii_url_is_replayed(httpserver, tmp_path, verify_json):
    urls = _pages(httpserver)
    warc = tmp_path / "wget"
    for n, url in enumerate(urls):
        done = subprocess.run(["wget", "-q", "--warc-file", f"{warc}{n}", "-O",
                               str(tmp_path / f"page{n}.html"), url],
                              capture_output=True, timeout=30)
        assert Path(f"{warc}{n}.warc.gz").exists(), done.stderr
    httpserver.clear()
    cited = [urls[0], urls[1].replace("b=2&a=1", "a=1&b=2"), urls[2].split("#")[0] + "#top",
             urls[3].rstrip("/")]
    letter = write_letter(tmp_path, *[(CLAIM, url) for url in cited])
    replay = [a for n in range(4) for a in ("--replay", f"{warc}{n}.warc.gz")]
    code, report = verify_json(letter, *replay)
    assert [c["status"] for c in citations(report)] == ["verified"] * 4, citations(report)
    assert httpserver.log == []


def test_a_warc_of_an_idn_host_is_replayed_for_its_unicode_name(tmp_path, verify_json):
    warc = write_warc(tmp_path / "idn.warc.gz",
                      "http://xn--e1afmkfd.xn--p1ai/%D0%B6%D0%B0%D0%BB%D0%BE%D0%B1%D1%8B", PAGE)
    letter = write_letter(tmp_path, (CLAIM, "http://пример.рф/жалобы"))
    code, report = verify_json(letter, "--replay", warc)
    (c,) = citations(report)
    assert c["status"] == "verified", c["reason"]
