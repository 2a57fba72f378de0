"""Renderers, each from a small hand-made report, compared with the text a reader sees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from citecheck.renderers import (
    RENDERERS,
    render_html,
    render_junit,
    render_markdown,
    render_sarif,
    render_terminal,
)
from citecheck.report import (
    CitationResult,
    DocumentResult,
    DocumentWarning,
    FetchResult,
    FigureResult,
    Report,
    SourceInfo,
    Status,
    TermResult,
)
from conftest import ROOT, SCHEMA

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
ARCHIVE = {"warc": "cache/archive/2026-11.warc.gz", "offset": 1234,
           "record_id": "<urn:uuid:0f3c>", "digest": "sha256:ab12"}


def small_report(title="Генпрокуратура: 234 заявления", evidence="…зарегистрировано 234 заявления о пытках…"):
    return Report(
        documents=[DocumentResult(path="letters/a.txt", date="2022-10-06", citations=[
            CitationResult(
                id="1", url="https://rus.azattyq.org/a/31728303.html",
                claim="prosecutors have registered 234 allegations of torture", sentence="s",
                line=70, column=11, status=Status.VERIFIED,
                reason="found “234” and the key term “torture” in the page",
                figures=[FigureResult("234", 234, "count", None, True, "found", evidence,
                                      "234", 0.0)],
                terms=[TermResult("torture", "term", "found", "пытках", evidence)],
                fetch=FetchResult(200, "https://rus.azattyq.org/a/31728303.html", None,
                                  fetched_at="2026-11-23T10:00:00+00:00"),
                source=SourceInfo(title, "ru", "2022-01-28", "html", 3000)),
            CitationResult(
                id="2", url="https://example.org/gone", claim="including eight deaths in custody",
                sentence="s", line=70, column=49, status=Status.DEAD,
                reason="HTTP 404: the page is gone",
                figures=[FigureResult("eight", 8, "count", None, False, "unchecked")],
                terms=[TermResult("custody", "term", "unchecked")],
                fetch=FetchResult(404, "https://example.org/gone", None)),
        ], warnings=[DocumentWarning(96, "stray copy of a footnote URL: https://x.example/a")])],
        generated_at="2026-11-23T10:00:00+00:00", tool="citecheck 0.1.0")


def test_markdown():
    assert render_markdown(small_report()) == """\
## citecheck report

**2 citations: 1 verified, 1 dead** — needs attention

### letters/a.txt (dated 2022-10-06)

| Note | Line | Claim | Figures | Terms | Status | Source |
|---|---:|---|---|---|---|---|
| [1] | 70 | prosecutors have registered 234 allegations of torture | ✓ 234 | ✓ torture | ✅ verified | [rus.azattyq.org/a/31728303.html](https://rus.azattyq.org/a/31728303.html) |
| [2] | 70 | including eight deaths in custody | ? eight | ? custody | 💀 dead | [example.org/gone](https://example.org/gone) |

<details><summary>[1] verified: found “234” and the key term “torture” in the page</summary>

- **Claim** (line 70): prosecutors have registered 234 allegations of torture
- **Fetch**: HTTP 200, fetched 2026-11-23T10:00:00+00:00
- **Page**: Генпрокуратура: 234 заявления (ru)
- **234** found as “234” ([live page](https://rus.azattyq.org/a/31728303.html#:~:text=%D0%B7%D0%B0%D1%80%D0%B5%D0%B3%D0%B8%D1%81%D1%82%D1%80%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%BE-,234,-%D0%B7%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D1%8F%20%D0%BE%20%D0%BF%D1%8B%D1%82%D0%BA%D0%B0%D1%85)):
  > …зарегистрировано **234** заявления о пытках…
- word **torture** found as “пытках” ([live page](https://rus.azattyq.org/a/31728303.html#:~:text=234%20%D0%B7%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D1%8F%20%D0%BE-,%D0%BF%D1%8B%D1%82%D0%BA%D0%B0%D1%85)):
  > …зарегистрировано 234 заявления о **пытках**…

</details>

<details><summary>[2] dead: HTTP 404: the page is gone</summary>

- **Claim** (line 70): including eight deaths in custody
- **Fetch**: HTTP 404
- **eight**: unchecked
- word **custody**: unchecked

</details>

<details><summary>Warnings about the document</summary>

- line 96: stray copy of a footnote URL: `https://x.example/a`

</details>

<sub>citecheck 0.1.0 · 2026-11-23T10:00:00+00:00</sub>
"""


def test_terminal_plain():
    assert render_terminal(small_report(), width=80) == """\
letters/a.txt (dated 2022-10-06)
Note  Line  Status    Figures  Terms     Why                                    
[1]     70  verified  ✓234     ✓torture  found “234” and the key term “torture” 
                                         in the page                            
                                         https://rus.azattyq.org/a/31728303.html
[2]     70  dead      ?eight   ?custody  HTTP 404: the page is gone             
                                         https://example.org/gone               
  warning, line 96: stray copy of a footnote URL: https://x.example/a
2 citations: 1 verified, 1 dead
"""


def test_json_is_the_model_and_validates_against_the_schema():
    report = small_report()
    data = json.loads(RENDERERS["json"](report))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["summary"] == {"citations": 2, "verified": 1, "partial": 0, "not_found": 0,
                               "no_figures": 0, "unreadable": 0, "dead": 1, "blocked": 0,
                               "unreachable": 0, "invalid": 0, "skipped": 0,
                               "problems": 1}
    assert data["documents"][0]["citations"][0]["figures"][0]["value"] == 234


def _every_shape():
    """small_report with what a JSON writer must get right: an empty document, a lone
    surrogate from a page, a change record, an archive record, a citation-needed sentence."""
    from citecheck.report import Uncited

    report = small_report(evidence="…234 заявления \ud800 о пытках…")
    first = report.documents[0].citations[0]
    first.archive = {"warc": "w.warc.gz", "offset": 0, "record_id": "<urn:uuid:1>",
                     "digest": "sha256:X", "date": "2026-11-23T10:00:00Z"}
    first.change = {"kind": "changed", "was": {"claim": "c", "url": None, "status": "dead",
                                               "reason": ""}}
    report.documents[0].uncited = [Uncited(3, None, "It counted 17 cases.", ["17"])]
    report.documents.append(DocumentResult(path="letters/empty.txt", date=None))
    return report


@pytest.mark.parametrize("shape", ["small_report", "hostile_report", "_every_shape"])
def test_json_written_a_citation_at_a_time_is_the_model_encoded_whole(shape, tmp_path,
                                                                      monkeypatch):
    from citecheck import cli
    from citecheck.renderers._text import json_text

    report = globals()[shape]()
    whole = json_text(report.to_dict())
    assert RENDERERS["json"](report) == whole
    # Into a file, the report is never held whole as plain data (nor as one text).
    monkeypatch.setattr(Report, "to_dict", lambda self: pytest.fail("to_dict() built"))
    out = tmp_path / "report.json"
    cli._emit(report, cli.Format.json, str(out))  # the command's own path into a file
    assert out.read_bytes() == whole.encode("utf-8")


HOSTILE = ('<script>alert(1)</script> ![x](https://evil.example/p.png) @octocat #12 '
           '[click](javascript:alert(1)) \x1b[31mred\x1b]8;;https://evil\x07 | </details> **234**')


def archived(report):
    report.documents[0].citations[0].archive = dict(ARCHIVE)
    return report


def test_markdown_names_the_archived_copy_when_there_is_one():
    text = render_markdown(archived(small_report()))
    assert ("| ✓ 234 | ✓ torture | ✅ verified | [rus.azattyq.org/a/31728303.html]"
            "(https://rus.azattyq.org/a/31728303.html) · archived |") in text
    assert ("- **Archived copy**: cache/archive/2026-11.warc.gz, offset 1234, record "
            "&lt;urn:uuid:0f3c&gt;, sha256:ab12\n") in text
    with_link = small_report()
    with_link.documents[0].citations[0].archive = {**ARCHIVE, "url": "https://archive.example/x"}
    assert " · [archived](https://archive.example/x) |" in render_markdown(with_link)
    assert "archived" not in render_markdown(small_report()).replace("Archived", "")


def test_sarif_one_result_per_problem_on_the_letters_line_and_column():
    data = json.loads(render_sarif(small_report()))
    jsonschema.validate(data, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert run["tool"]["driver"]["name"] == "citecheck"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["partial", "not_found", "unreadable", "dead", "blocked", "unreachable",
                     "invalid", "title_mismatch", "after_document"]
    assert run["results"] == [{
        "ruleId": "dead",
        "ruleIndex": 3,
        "level": "error",
        "message": {"text": "Footnote 2: dead: HTTP 404: the page is gone. Claim: “including "
                            "eight deaths in custody”. Cited: https://example.org/gone"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "letters/a.txt", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 70, "startColumn": 49},
        }}],
        "partialFingerprints": {"citecheckCitation/v1": "bb39ad9be1322041ff7f8f90157aa35f"},
        "properties": {"footnote": "2", "url": "https://example.org/gone", "status": "dead",
                       "figures": [{"text": "eight", "outcome": "unchecked"}],
                       "terms": [{"text": "custody", "kind": "term", "outcome": "unchecked"}],
                       "problems": []},
    }]


def test_sarif_follows_fail_on_and_locates_odd_paths():
    from citecheck.report import Status

    report = small_report()
    report.fail_on = frozenset({Status.NOT_FOUND})
    data = json.loads(render_sarif(report))
    jsonschema.validate(data, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert data["runs"][0]["results"] == []
    report = small_report()
    report.documents[0].path = "letters/my letter #2.txt"
    data = json.loads(render_sarif(report))
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "letters/my%20letter%20%232.txt"
    report.documents[0].path = "/srv/letters/a.txt"
    data = json.loads(render_sarif(report))
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///srv/letters/a.txt"}
    jsonschema.validate(data, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_junit():
    assert render_junit(archived(small_report())) == """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- citecheck: 2 citations: 1 verified, 1 dead -->
<testsuites name="citecheck" tests="2" failures="1" errors="0" time="0">
  <testsuite name="letters/a.txt" file="letters/a.txt" tests="2" failures="1" skipped="0" \
errors="0" time="0" timestamp="2026-11-23T10:00:00+00:00">
    <testcase classname="letters/a.txt" name="[1] line 70: prosecutors have registered 234 \
allegations of torture" time="0">
      <system-out>verified: found “234” and the key term “torture” in the page
Claim (line 70): prosecutors have registered 234 allegations of torture
Cited: https://rus.azattyq.org/a/31728303.html
Fetch: HTTP 200, fetched 2026-11-23T10:00:00+00:00
Archived copy: cache/archive/2026-11.warc.gz, offset 1234, record &lt;urn:uuid:0f3c&gt;, \
sha256:ab12
✓ 234: found: “…зарегистрировано 234 заявления о пытках…”
✓ torture (term): found as “пытках”: “…зарегистрировано 234 заявления о пытках…”</system-out>
    </testcase>
    <testcase classname="letters/a.txt" name="[2] line 70: including eight deaths in custody" \
time="0">
      <failure type="dead" message="dead: HTTP 404: the page is gone">Claim (line 70): \
including eight deaths in custody
Cited: https://example.org/gone
Fetch: HTTP 404
? eight: unchecked
? custody (term): unchecked</failure>
    </testcase>
    <system-err>line 96: stray copy of a footnote URL: https://x.example/a</system-err>
  </testsuite>
</testsuites>
"""


def test_junit_parses_with_a_junit_reader(tmp_path):
    from junitparser import Failure, JUnitXml, Skipped

    from citecheck.report import Status

    report = small_report()
    report.documents[0].citations.append(CitationResult(
        id="3", url="https://skip.example/a", claim="c", sentence="c", line=71, column=1,
        status=Status.SKIPPED, reason="skip.example is in skip-hosts: not checked"))
    path = tmp_path / "junit.xml"
    path.write_text(render_junit(report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert [s.name for s in suites] == ["letters/a.txt"]
    assert (xml.tests, xml.failures, xml.skipped, xml.errors) == (3, 1, 1, 0)
    cases = list(suites[0])
    assert [type(r).__name__ for c in cases for r in c.result] == ["Failure", "Skipped"]
    failure = cases[1].result[0]
    assert isinstance(failure, Failure) and failure.type == "dead"
    assert failure.message == "dead: HTTP 404: the page is gone"
    assert isinstance(cases[2].result[0], Skipped) and cases[0].is_passed


JENKINS_JUNIT_XSD = Path(__file__).parent / "data" / "jenkins-xunit-junit-10.xsd"


def test_junit_validates_against_the_jenkins_xunit_schema(tmp_path):
    """The Jenkins xunit plugin's XSD (vendored from jenkinsci/xunit-plugin, junit-10.xsd)
    rejects `skipped` on <testsuites> and `file`/`line` on <testcase>; pytest's own JUnit
    passes it, and so must ours, with failures, skipped tests and warnings in it."""
    import subprocess
    import sys

    import xmlschema

    from citecheck.report import Status

    schema = xmlschema.XMLSchema(str(JENKINS_JUNIT_XSD))
    report = archived(small_report())
    report.documents[0].citations.append(CitationResult(
        id="3", url="https://skip.example/a", claim="c", sentence="c", line=71, column=1,
        status=Status.SKIPPED, reason="skip.example is in skip-hosts: not checked"))
    schema.validate(render_junit(report))
    old = tmp_path / "old.xml"  # what 0.1.0 wrote: the schema must be able to say no
    old.write_text('<testsuites name="citecheck" tests="1" failures="0" skipped="0" errors="0">'
                   '<testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x" '
                   'file="a" line="1"/></testsuite></testsuites>', encoding="utf-8")
    assert [(e.path, e.reason) for e in schema.iter_errors(str(old))] == [
        ("/testsuites", "'skipped' attribute not allowed for element"),
        ("/testsuites/testsuite/testcase", "'file' attribute not allowed for element"),
        ("/testsuites/testsuite/testcase", "'line' attribute not allowed for element")]
    probe = tmp_path / "test_probe.py"  # pytest's own output passes the same schema
    probe.write_text("def test_ok():\n    pass\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    f"--junitxml={tmp_path / 'pytest.xml'}", str(probe)], cwd=tmp_path,
                   check=True, capture_output=True)
    schema.validate(str(tmp_path / "pytest.xml"))


def test_html_shows_the_same_content():
    page = render_html(archived(small_report()))
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<title>citecheck report: 2 citations: 1 verified, 1 dead</title>" in page
    assert ('<nav aria-label="Show citations by status"><a href="#all">all</a>'
            '<a href="#only-problems">problems (1)</a><a href="#only-verified">verified (1)</a>'
            '<a href="#only-dead">dead (1)</a></nav>') in page
    assert page[page.index("<main>"):] == """\
<main>
<section class="doc">
<h2>letters/a.txt <small>dated 2022-10-06</small></h2>
<article class="cite s-verified">
<header>
<span class="note">[1]</span>
<span class="muted">line 70</span>
<span class="badge" title="The page is there and every figure of the claim is in it.">verified</span>
</header>
<p class="claim">prosecutors have registered 234 allegations of torture</p>
<ul class="figures"><li class="found" title="found">✓ 234</li></ul>
<ul class="figures terms"><li class="found" title="word: found">✓ torture</li></ul>
<p class="reason">found “234” and the key term “torture” in the page</p>
<blockquote><p>…зарегистрировано <mark>234</mark> заявления о пытках…</p><p class="links">234: <a href="https://rus.azattyq.org/a/31728303.html#:~:text=%D0%B7%D0%B0%D1%80%D0%B5%D0%B3%D0%B8%D1%81%D1%82%D1%80%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%BE-,234,-%D0%B7%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D1%8F%20%D0%BE%20%D0%BF%D1%8B%D1%82%D0%BA%D0%B0%D1%85" rel="noopener noreferrer nofollow">on the live page</a></p></blockquote>
<blockquote><p>…зарегистрировано 234 заявления о <mark>пытках</mark>…</p><p class="links">torture: <a href="https://rus.azattyq.org/a/31728303.html#:~:text=234%20%D0%B7%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D1%8F%20%D0%BE-,%D0%BF%D1%8B%D1%82%D0%BA%D0%B0%D1%85" rel="noopener noreferrer nofollow">on the live page</a></p></blockquote>
<dl><dt>Fetch</dt><dd>HTTP 200, fetched 2026-11-23T10:00:00+00:00</dd><dt>Page</dt><dd>Генпрокуратура: 234 заявления (ru)</dd><dt>Archived</dt><dd>cache/archive/2026-11.warc.gz, offset 1234, record &lt;urn:uuid:0f3c&gt;, sha256:ab12</dd></dl>
<p class="links">Live page: <a href="https://rus.azattyq.org/a/31728303.html" rel="noopener noreferrer nofollow">rus.azattyq.org/a/31728303.html</a></p>
</article>
<article class="cite s-dead problem">
<header>
<span class="note">[2]</span>
<span class="muted">line 70</span>
<span class="badge" title="The page is gone: 404 or 410, no such host, or a soft 404.">dead</span>
</header>
<p class="claim">including eight deaths in custody</p>
<ul class="figures"><li class="unchecked" title="unchecked">? eight</li></ul>
<ul class="figures terms"><li class="unchecked" title="word: unchecked">? custody</li></ul>
<p class="reason">HTTP 404: the page is gone</p>
<dl><dt>Fetch</dt><dd>HTTP 404</dd></dl>
<p class="links">Live page: <a href="https://example.org/gone" rel="noopener noreferrer nofollow">example.org/gone</a></p>
</article>
<ul class="warnings"><li>line 96: stray copy of a footnote URL: https://x.example/a</li></ul>
</section>
</main>
<footer>citecheck 0.1.0 · 2026-11-23T10:00:00+00:00</footer>
</body>
</html>
"""


def test_html_is_self_contained():
    page = render_html(small_report())
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "default-src 'none'" in page  # nothing loads from outside, nothing runs
    assert not re.search(r"(?:src|url\()\s*=?\s*[\"']?https?:", page)


HOSTILE = ('<script>alert(1)</script> ![x](https://evil.example/p.png) @octocat #12 '
           '<img src=https://evil.example/i.png> [click](javascript:alert(1)) '
           '\x1b[31mred\x1b]8;;https://evil\x07 | </details> **234** \ud800\x00 ]]></x> -->')


def hostile_report():
    report = small_report(title=HOSTILE, evidence=HOSTILE)
    c = report.documents[0].citations[1]
    c.reason, c.claim = HOSTILE, HOSTILE + " eight"
    c.figures[0].evidence = HOSTILE
    return report


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_hostile_page_content_comes_out_inert(name):
    text = RENDERERS[name](hostile_report())
    if name != "json":  # JSON is data: its readers escape; it keeps what the page said
        text.encode("utf-8")  # no lone surrogate survives
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
    if name in ("md", "html"):
        assert "<script" not in text and "<img" not in text and "</details> " not in text
    if name == "md":
        assert "![x](" not in text and "](javascript" not in text
        assert "@octocat" not in text and not re.search(r"(?<!&)#12", text)
        # a bare URL stays whole, for copying, in code that no host links
        assert re.findall(r"(?:`|<code>)?https://evil", text) == re.findall(
            r"(?:`|<code>)https://evil", text)
    if name == "html":
        assert 'href="javascript' not in text and "evil.example/i.png>" not in text
        # Links go to the two cited pages (a quote's link: its text fragment, encoded), never
        # to an address taken from the page.
        hrefs = re.findall(r'<a href="(http[^"]*)"', text)
        cited = ("https://rus.azattyq.org/a/31728303.html", "https://example.org/gone")
        assert len(hrefs) >= 2 and all(h.split("#")[0] in cited for h in hrefs), hrefs
        assert all(re.fullmatch(r"[A-Za-z0-9%:/._~,#=-]*", h) for h in hrefs), hrefs
    if name == "sarif":
        data = json.loads(text)
        jsonschema.validate(data, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        message = data["runs"][0]["results"][0]["message"]["text"]
        assert "[" not in message.replace("\\[", "") and "@octocat" not in message
    if name == "junit":
        import xml.etree.ElementTree as ET

        root = ET.fromstring(text.encode("utf-8"))
        assert root.iter("script") is not None and not list(root.iter("script"))
        assert not list(root.iter("x"))
    if name == "json":
        data = json.loads(text)
        jsonschema.validate(data, json.loads(SCHEMA.read_text()))


def test_cited_links_carry_robust_links_attributes_of_the_archived_copy(httpserver, tmp_path,
                                                                       run_cli):
    """Robust Links: each cited link in the HTML and Markdown reports says which archived
    copy the verdict was made on (data-originalurl, data-versiondate)."""
    import json

    from lxml import html as lxml_html

    from conftest import article, write_letter

    for path in ("/a", "/b"):
        httpserver.expect_request(path).respond_with_data(
            article("Deaths", "The office confirmed 238 deaths in the January events."),
            content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    urls = [httpserver.url_for(p) for p in ("/a", "/b?x=1&y=(2)", "/gone")]
    letter = write_letter(tmp_path, *[("The 238 deaths", u) for u in urls])
    _, out, _ = run_cli("verify", letter, "--cache-dir", tmp_path / "cache",
                        "--allow-private-hosts", "--format", "json")
    (tmp_path / "report.json").write_text(out)
    common = ["report", tmp_path / "report.json"]
    archived = {c["url"]: c["archive"] for d in json.loads(out)["documents"]
                for c in d["citations"]}
    assert all(archived[u] for u in urls)  # the 404 answer is archived too

    _, page, _ = run_cli(*common, "--format", "html")
    links = [a for a in lxml_html.fromstring(page).iter("a") if a.get("href") in urls]
    assert {a.get("href") for a in links} == set(urls)
    for a in links:
        assert a.get("data-originalurl") == a.get("href")
        assert a.get("data-versiondate") == archived[a.get("href")]["date"]

    _, markdown, _ = run_cli(*common, "--format", "md")
    from markdown_it import MarkdownIt

    rendered = lxml_html.fromstring(MarkdownIt("commonmark").enable("table").render(markdown))
    found = {a.get("data-originalurl"): a for a in rendered.iter("a") if a.get("data-originalurl")}
    assert set(found) == {u.replace("(", "%28").replace(")", "%29") for u in urls}
    for url in urls:
        a = found[url.replace("(", "%28").replace(")", "%29")]
        assert a.get("href") == a.get("data-originalurl")
        assert a.get("data-versiondate") == archived[url]["date"]


RUN_WARNING = "cache/http-cache.sqlite: the HTTP cache is damaged (x); set aside as y"


@pytest.mark.parametrize("format", sorted(RENDERERS))
def test_run_warnings_are_said_once_as_the_runs_not_as_a_documents_line_0(format):
    report = small_report()
    report.documents.append(DocumentResult(path="letters/b.txt", date=None))
    report.warnings = [RUN_WARNING]
    text = RENDERERS[format](report)
    assert text.count("the HTTP cache is damaged") == 1, text  # once, not on each document
    assert "line 0" not in text
    if format == "json":
        data = json.loads(text)
        jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
        assert data["warnings"] == [RUN_WARNING]
        assert Report.from_dict(data).warnings == [RUN_WARNING]
    if format == "sarif":
        data = json.loads(text)
        jsonschema.validate(data, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        (note,) = data["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert note == {"level": "warning", "message": {"text": RUN_WARNING}}
    if format == "junit":
        import xmlschema

        xmlschema.XMLSchema(str(JENKINS_JUNIT_XSD)).validate(text)
    if format == "md":
        assert "**Warnings about the run**\n\n- cache/http-cache.sqlite: the HTTP cache" in text


@pytest.mark.parametrize("format", ["terminal", "md", "json"])
def test_rot_reports_say_the_runs_warnings(format):
    from citecheck.renderers import ROT_RENDERERS
    from citecheck.report import RotDocument, RotReport

    report = RotReport(documents=[RotDocument("letters/a.txt", None, None)],
                       generated_at="2026-11-23T10:00:00+00:00", warnings=[RUN_WARNING])
    text = ROT_RENDERERS[format](report)
    assert text.count("the HTTP cache is damaged") == 1 and "line 0" not in text
    if format == "json":
        schema = ROOT / "src" / "citecheck" / "schema" / "rot-1.schema.json"
        jsonschema.validate(json.loads(text), json.loads(schema.read_text(encoding="utf-8")))
