"""Every format a fact-checker receives yields the same citations as the plain text.

The documents in tests/data/ were made once with pandoc and LibreOffice by
tests/data/make_fixtures.py; these tests need neither tool.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest

from citecheck.document import parse_text, read_document
from conftest import ROOT, SCHEMA, SEED_LETTER, citations, minimal_pdf

DATA = ROOT / "tests" / "data"
LETTER_FORMATS = ["senators-letter.md", "senators-letter.html", "senators-letter.docx",
                  "senators-letter.pdf"]
SEEDS_WITHOUT_FOOTNOTES = sorted(DATA.glob("00[0-3]_*.txt"))


@pytest.fixture
def offline_json(run_cli, tmp_path):
    """`citecheck verify --offline --format json` with an empty cache: (code, report, stderr)."""

    def run(*paths: Path) -> tuple[int, dict, str]:
        code, out, err = run_cli("verify", *paths, "--offline", "--format", "json",
                                 "--cache-dir", tmp_path / "cache")
        assert "Traceback" not in out + err
        report = json.loads(out) if out else {}
        if report:
            jsonschema.validate(report, json.loads(SCHEMA.read_text()))
        return code, report, err

    return run


def _essentials(report: dict) -> list[tuple[str, str, str, list[str]]]:
    return [(c["id"], c["url"], c["claim"], [f["text"] for f in c["figures"]])
            for c in citations(report)]


@pytest.mark.parametrize("name", LETTER_FORMATS)
def test_the_letter_in_every_format_yields_the_same_four_citations(offline_json, name):
    _, text_report, _ = offline_json(SEED_LETTER)
    code, report, _ = offline_json(DATA / name)
    expected = _essentials(text_report)
    assert [c[0] for c in expected] == ["1", "2", "3", "4"]
    assert _essentials(report) == expected
    assert report["documents"][0]["format"] == Path(name).suffix.lstrip(".").replace(
        "md", "markdown")
    assert report["documents"][0]["date"] == "2022-10-06"
    assert report["documents"][0]["warnings"] == []
    # The uncited figures of the letter are the same in every format too.
    assert [u["figures"] for u in report["documents"][0]["uncited"]] == [
        ["More than 200"], ["nine"], ["fifteen"]]
    assert code == 1  # offline: every citation is unreachable


def test_markers_point_into_the_source_of_markdown_and_html():
    for name, needle in (("senators-letter.md", "[^{}]"), ("senators-letter.html",
                                                         '<a href="#fn{}"')):
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        for ref in read_document(DATA / name).references():
            assert lines[ref.line - 1][ref.column - 1:].startswith(needle.format(ref.label))


def test_pdf_markers_are_found_by_size_and_baseline_with_page_and_line():
    refs = read_document(DATA / "senators-letter.pdf").references()
    assert [(r.label, r.page) for r in refs] == [("1", 1), ("2", 1), ("3", 1), ("4", 2)]
    # Markers 1 and 2 sit on one printed line; the line numbers count from the page top.
    assert refs[0].line == refs[1].line and refs[0].column < refs[1].column
    assert refs[3].line < refs[0].line


def test_docx_lines_are_paragraphs():
    doc = read_document(DATA / "senators-letter.docx")
    refs = doc.references()
    assert [r.line for r in refs] == [6, 6, 6, 7]  # the 6th and 7th paragraphs of the body


def test_long_pdf_report_has_every_footnote_number_and_url_right():
    doc = read_document(DATA / "long-report.pdf")
    refs = doc.references()
    assert [r.label for r in refs] == [str(i) for i in range(1, 61)]
    for r in refs:
        i = int(r.label)
        expected = (
            f"https://prosecutor.example.org/statistics/2022/complaints-of-ill-treatment-in-"
            f"detention-facilities/region-{i}/table.html" if i % 3 == 0
            else f"https://news.example.org/a/{31700000 + i}.html"
        )
        assert r.urls == (expected,), r.label
        assert r.claim == (f"Region {i} reported {100 + i * 7} complaints of ill-treatment in "
                           f"detention, of which {i + 3} were referred to prosecutors")
    assert max(r.page for r in refs) >= 8
    assert doc.warnings == []
    # A note whose URL wraps reads as prose plus one exact URL.
    assert doc.definitions["3"].text.startswith(
        "Regional Prosecutor’s Office, annual statistics on complaints of ill-treatment, table 3,")


def test_pdf_urls_printed_over_two_lines_are_rejoined_without_link_annotations(monkeypatch):
    import pdfplumber.page

    monkeypatch.setattr(pdfplumber.page.Page, "hyperlinks", property(lambda self: []))
    refs = read_document(DATA / "long-report.pdf").references()
    assert refs[5].urls == ("https://prosecutor.example.org/statistics/2022/complaints-of-ill-"
                            "treatment-in-detention-facilities/region-6/table.html",)
    letter = read_document(DATA / "senators-letter.pdf").references()
    assert letter[2].urls == (
        "https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims",)


def test_a_pdf_without_a_text_layer_says_so():
    doc = read_document_bytes(minimal_pdf(), "scan.pdf")
    assert doc.references() == []
    assert any("no text layer" in w.message for w in doc.warnings)


def read_document_bytes(data: bytes, name: str):
    from citecheck.formats import parse_bytes

    return parse_bytes(data, name)


def test_digits_at_body_size_in_a_pdf_are_not_markers():
    doc = read_document_bytes(minimal_pdf("About 10 people (2 of them children) were hurt."),
                              "x.pdf")
    assert doc.references() == []
    assert "About 10 people (2 of them children) were hurt." in doc.text


def test_docx_hyperlinks_in_body_and_notes():
    refs = read_document(DATA / "links.docx").references()
    assert [(r.label, r.kind, r.urls) for r in refs] == [
        ("1", "footnote", ("https://rus.azattyq.org/a/31728303.html",)),
        ("link-1", "link", ("https://court.example.org/rulings/2023/17",)),
    ]
    assert refs[1].claim == ("The full text of the ruling is on the court’s site and about 40 "
                             "people attended")


def test_docx_endnotes_are_numbered_as_word_prints_them(tmp_path):
    """The letter with its footnotes turned into endnotes: Word numbers them i, ii, iii, iv."""
    source = zipfile.ZipFile(DATA / "senators-letter.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in source.infolist():
            data = source.read(item)
            name = item.filename.replace("footnotes.xml", "endnotes.xml")
            if name.endswith((".xml", ".rels")):
                data = re.sub(rb"footnote(?=s\.xml|Reference|Ref\b|s\b|\b|Text|Pr)", b"endnote",
                              data)
                data = data.replace(b"relationships/footnotes", b"relationships/endnotes")
            z.writestr(name, data)
    path = tmp_path / "endnotes.docx"
    path.write_bytes(out.getvalue())
    refs = read_document(path).references()
    assert [r.label for r in refs] == ["i", "ii", "iii", "iv"]
    assert refs[0].urls == ("https://rus.azattyq.org/a/31728303.html",)


def test_press_release_link_cites_its_sentence_and_page_chrome_is_ignored(offline_json):
    code, report, _ = offline_json(DATA / "press-release.html")
    (c,) = citations(report)
    assert (c["id"], c["kind"], c["url"]) == (
        "link-1", "link", "https://example.org/senators-letter-kazakhstan.pdf")
    assert c["claim"] == "Find a copy of the letter HERE and below"
    assert c["figures"] == []
    doc = report["documents"][0]
    assert doc["format"] == "html"
    figures = [f for u in doc["uncited"] for f in u["figures"]]
    assert figures == ["over 200", "More than 200", "nine", "234", "eight", "fifteen", "238"]
    # The letter's [1]..[4] were copied without their notes: one warning, not four citations.
    assert [w["message"] for w in doc["warnings"]] == [
        "footnote markers [1], [2], [3], [4] but no footnotes: the notes are missing from "
        "this copy"]
    assert code == 1  # the one link is unreachable offline


def test_html_footnotes_written_as_sup_a_and_as_word_exports():
    page = b"""<html><body>
<p>Prosecutors registered 234 allegations.<sup><a href="#fn1">1</a></sup>
Eight died in custody.<a href="#_ftn2" name="_ftnref2">[2]</a>
Read <a href="https://example.org/report">the report</a>.</p>
<ol class="footnotes"><li id="fn1"><a href="https://rus.azattyq.org/a/31728303.html">Azattyq</a>
<a href="#fnref1">back</a></li></ol>
<div><p><a href="#_ftnref2" name="_ftn2">[2]</a> HRW, https://www.hrw.org/news/x.</p></div>
</body></html>"""
    doc = read_document_bytes(page, "page.html")
    refs = doc.references()
    assert [(r.label, r.urls, r.claim) for r in refs] == [
        ("1", ("https://rus.azattyq.org/a/31728303.html",), "Prosecutors registered 234 allegations"),
        ("2", ("https://www.hrw.org/news/x",), "Eight died in custody"),
        ("link-1", ("https://example.org/report",), "Read the report"),
    ]
    assert "Azattyq" not in doc.text and "HRW" not in doc.text


def test_markdown_links_reference_links_bare_urls_and_undefined_notes():
    doc = read_document_bytes(
        b"Ten died.[^1] See [the list][l] and <https://b.example/c>. Nine fled.[^9]\n"
        b"Read https://d.example/e.html today.\n\n"
        b"[l]: https://a.example/list\n[^1]: Report, https://c.example/one.\n", "x.md")
    refs = {r.label: r for r in doc.references()}
    assert refs["1"].urls == ("https://c.example/one",)
    assert refs["link-1"].urls == ("https://a.example/list",)
    assert refs["link-2"].urls == ("https://b.example/c",)  # an autolink counts once
    assert refs["link-3"].urls == ("https://d.example/e.html",)
    assert refs["link-3"].claim == "Read https://d.example/e.html today"
    assert refs["9"].problem == "footnote [9] is referenced but never defined"
    assert len(refs) == 5
    inline = read_document_bytes(b"Ten died.^[Report, https://x.org/a] Nine fled.[^1]\n\n"
                                 b"[^1]: https://y.org/b\n", "y.md").references()
    assert [(r.label, r.urls) for r in inline] == [("inline-1", ("https://x.org/a",)),
                                                   ("1", ("https://y.org/b",))]


def test_plain_text_paren_markers_numbered_endnotes_and_bare_urls():
    doc = parse_text(
        "About 10,000 people were detained (1). We ask (a) that (2) be reviewed.\n"
        "The list is at https://example.org/list.pdf, updated weekly.\n\n"
        "Notes\n\n1. OSCE statement, https://example.org/osce\n"
    )
    refs = doc.references()
    assert [(r.label, r.kind, r.urls) for r in refs] == [
        ("1", "footnote", ("https://example.org/osce",)),
        ("link-1", "link", ("https://example.org/list.pdf",)),
    ]
    assert refs[0].claim == "About 10,000 people were detained"
    assert "(2) be reviewed" in doc.text  # a (2) that no note defines stays text


@pytest.mark.parametrize("seed", SEEDS_WITHOUT_FOOTNOTES, ids=lambda p: p.name[:3])
def test_seeds_without_footnotes_exit_0_and_list_uncited_figures(run_cli, offline_json, seed):
    code, report, _ = offline_json(seed)
    assert code == 0
    assert citations(report) == []
    expected = {"000": "approximately 10,000", "001": "more than 30", "002": "234",
                "003": "98"}[seed.name[:3]]
    figures = [f for u in report["documents"][0]["uncited"] for f in u["figures"]]
    assert expected in figures
    code, out, _ = run_cli("verify", seed, "--offline", "--format", "md")
    assert code == 0
    assert "_No citations found in this document._" in out
    assert f"**{expected}**" in out and "**Citation needed**" in out


def test_the_press_release_text_without_its_notes_warns_once():
    doc = read_document(next(DATA.glob("002_*.txt")))
    assert doc.references() == []
    (warning,) = doc.warnings
    assert warning.message == ("footnote markers [1], [2], [3], [4] but no footnotes: the notes "
                               "are missing from this copy")


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("letter.pdf", b"Dear Secretary,\nthis is text.\n",
         "letter.pdf: named .pdf but the content is plain text, not PDF"),
        ("letter.docx", b"%PDF-1.4\n%%EOF\n", "named .docx but the content is PDF, not Word"),
        ("letter.docx", None, "named .docx but the content is a ZIP archive, not Word"),
        ("letter.html", b"%PDF-1.4 garbage", "named .html but the content is PDF, not HTML"),
        ("letter.md", b"PK\x03\x04" + b"\x00" * 40, "named .md but the content is a ZIP"),
        ("letter.odt", b"PK\x03\x04 whatever", ".odt files are not a format citecheck reads"),
        ("letter.pdf", b"%PDF-1.4\nthis is not really a PDF\n", "letter.pdf: not a readable PDF"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_one_line_and_exit_2(run_cli, tmp_path, name,
                                                                   data, message):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("content.xml", "<x/>")
        data = buffer.getvalue()
    code, out, err = run_cli("verify", _write(tmp_path, name, data), "--offline",
                             "--cache-dir", tmp_path / "cache")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("citecheck: error: ")
    assert message in err


def test_a_file_without_extension_is_read_by_its_content(tmp_path):
    path = _write(tmp_path, "letter", (DATA / "senators-letter.pdf").read_bytes())
    doc = read_document(path)
    assert doc.format == "pdf" and len(doc.references()) == 4


def test_renderers_list_uncited_figures_briefly():
    from citecheck.renderers import render_markdown, render_terminal
    from citecheck.report import DocumentResult, Report, Uncited

    report = Report(
        documents=[DocumentResult(
            "a.pdf", None, format="pdf",
            uncited=[Uncited(14, 2, "We understand that approximately 10,000 people have "
                             "been detained.", ["approximately 10,000"])])],
        generated_at="2026-11-23T10:00:00+00:00",
    )
    md = render_markdown(report)
    assert ("_No citations found in this document._\n\n"
            "**Citation needed**: 1 sentence states figures without a citation\n\n"
            "- page 2, line 14: **approximately 10,000** — We understand that approximately "
            "10,000 people have been detained.\n") in md
    terminal = render_terminal(report, width=200)
    assert "no citations found" in terminal
    assert ("page 2, line 14: approximately 10,000 — We understand that approximately "
            "10,000 people have been detained.") in terminal
    assert report.exit_code == 0


_PIECES = ["[^1]", "[^1]: ", "^[", "]", "[1]", "(1)", "¹", "<sup>", "</sup>", '<a href="#fn1">', "</a>",
           '<li id="fn1">', "<p>", "</p>", "<html>", "https://x.org/a", "[t](https://y.org)",
           "[t][r]", "[r]: https://z.org", "\n", "\n\n", " ", ".", "234", "Notes\n", "1. ",
           "<!-- ", "&amp;", "\x00", "\ufeff", "<script>", "www."]


@pytest.mark.parametrize("name", ["x.md", "x.html", "x.txt"])
def test_text_readers_never_raise_on_odd_input(name):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from citecheck.document import InputError
    from citecheck.formats import parse_bytes

    documents = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=10)),
                         max_size=40).map("".join)

    @settings(max_examples=int(os.environ.get("CITECHECK_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents)
    def check(text: str) -> None:
        try:
            doc = parse_bytes(text.encode("utf-8", "surrogatepass"), name)
        except InputError:
            return
        for ref in doc.references():
            assert ref.line >= 1 and ref.column >= 1
        doc.uncited()

    check()
