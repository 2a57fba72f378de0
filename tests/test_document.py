"""Reading footnotes and claims from plain-text letters."""

from __future__ import annotations

import json

from citecheck.document import parse_text, read_document
from conftest import SEED_LETTER

SEED_URLS = {
    "1": "https://rus.azattyq.org/a/31728303.html",
    "2": "https://rus.azattyq.org/a/31751832.html",
    "3": "https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims",
    "4": "https://www.rferl.org/a/kazakhstan-troops-un-helmets/31647393.html",
}


def test_seed_letter_has_exactly_four_citations_with_exact_urls():
    refs = read_document(SEED_LETTER).references()
    assert [r.label for r in refs] == ["1", "2", "3", "4"]
    assert {r.label: r.urls for r in refs} == {k: (v,) for k, v in SEED_URLS.items()}
    assert all(r.problem is None for r in refs)


def test_seed_letter_claims_are_the_text_each_marker_closes():
    refs = {r.label: r for r in read_document(SEED_LETTER).references()}
    assert refs["1"].claim == (
        "Since the outbreak of protests in early January 2022, prosecutors have registered "
        "234 allegations of torture or abuse involving security officials"
    )
    assert refs["2"].claim == "including eight deaths in custody"
    assert refs["2"].sentence.startswith("Since the outbreak of protests")
    assert refs["2"].sentence.endswith("including eight deaths in custody.")
    assert refs["3"].claim.startswith("There are no reports of security officers")
    assert "the 238 deaths" in refs["3"].claim
    assert refs["3"].claim.endswith("accusations of abuse by security forces")
    assert refs["4"].claim.startswith("We are also deeply concerned by reports that KAZBAT")
    assert refs["4"].claim.endswith("wearing UN peacekeeping helmets")


def test_seed_letter_marker_lines_and_columns_point_at_the_marker():
    lines = SEED_LETTER.read_text(encoding="utf-8").splitlines()
    for ref in read_document(SEED_LETTER).references():
        line = lines[ref.line - 1]
        assert line[ref.column - 1 :].startswith(f"[{ref.label}]")


def test_seed_letter_date_and_stray_urls():
    doc = read_document(SEED_LETTER)
    assert doc.date == "2022-10-06"
    strays = [w for w in doc.warnings if "stray copy" in w.message]
    assert [w.line for w in strays] == [96, 97]
    # The private-use bullet U+F0B7 is read as a bullet, not kept as a glyph.
    assert "\uf0b7" not in doc.text and "• Support an International Investigation" in doc.text


def test_wrapped_url_in_a_definition_is_rejoined_without_a_space():
    doc = parse_text(
        "Eight people died.[1]\n\n"
        "[1] https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-\n"
        "january-protest-victims\n"
    )
    (ref,) = doc.references()
    assert ref.urls == (
        "https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims",
    )


def test_definition_with_prose_before_a_wrapped_url():
    doc = parse_text(
        "Eight people died.[1]\n\n"
        "[1] Human Rights Watch, “No Justice for January Protest Victims,” May 5,\n"
        "2022, https://www.hrw.org/news/2022/05/05/x.\n"
    )
    (ref,) = doc.references()
    assert ref.urls == ("https://www.hrw.org/news/2022/05/05/x",)


def test_superscript_markers_before_and_after_punctuation():
    doc = parse_text(
        "At least 10,000 people were detained¹, and 15 km² of the city was closed.²\n\n"
        "¹ https://example.org/detained\n² https://example.org/closed\n"
    )
    refs = doc.references()
    assert [(r.label, r.urls[0]) for r in refs] == [
        ("1", "https://example.org/detained"), ("2", "https://example.org/closed")]
    assert refs[0].claim == "At least 10,000 people were detained"
    assert refs[1].claim == "and 15 km² of the city was closed"


def test_consecutive_markers_support_the_same_claim():
    doc = parse_text("Over 200 people died.[1][2]\n\n[1] https://a.example/x\n[2] https://b.example/y\n")
    refs = doc.references()
    assert [r.claim for r in refs] == ["Over 200 people died", "Over 200 people died"]


def test_broken_footnotes_are_reported_not_fatal():
    doc = parse_text(
        "Eight died.[1] Nine were hurt.[2] Ten fled.[5]\n\n"
        "[1] https://example.org/a\n[2] Interview with a witness, March 2022.\n"
        "[3] https://example.org/never-cited\n"
    )
    refs = {r.label: r for r in doc.references()}
    assert refs["1"].problem is None
    assert refs["2"].problem == "footnote [2] has no URL"
    assert refs["5"].problem == "footnote [5] is referenced but never defined"
    assert any("[3] is defined but never referenced" in w.message for w in doc.warnings)


def test_abbreviations_do_not_end_sentences():
    doc = parse_text("The U.S. Department of State said 12 people died.[1]\n\n[1] https://x.example/a\n")
    (ref,) = doc.references()
    assert ref.claim == "The U.S. Department of State said 12 people died"


def test_trailing_punctuation_is_not_part_of_a_url():
    doc = parse_text("Ten died.[1]\n\n[1] See (https://example.org/a_(b)), and https://example.org/c.\n")
    (ref,) = doc.references()
    assert ref.urls == ("https://example.org/a_(b)", "https://example.org/c")


def test_footnote_labels_of_five_and_six_digits_are_markers_not_bare_links():
    # A letter of 10,000 citations reached [10000]; it was read as a bare link (exit 1).
    doc = parse_text("Dear Sir:\n\nIn 2022, 234 cases were opened.[9999] And 12 more.[10000]"
                     " Then 7.[123456]\n\n[9999] https://a.example/x\n"
                     "[10000] https://a.example/y\n[123456] https://a.example/z\n")
    refs = doc.references()
    assert [(r.label, r.kind, r.urls) for r in refs] == [
        ("9999", "footnote", ("https://a.example/x",)),
        ("10000", "footnote", ("https://a.example/y",)),
        ("123456", "footnote", ("https://a.example/z",)),
    ]
    assert all(r.problem is None for r in refs)


def test_citation_needed_in_the_seeds_keeps_format_names_and_headlines_apart(tmp_path):
    # Seed 001's "C5+1 framework" is a format's name, not the figure 1; seed 002's headline
    # (line 1, no final punctuation) is not glued to the sentence that starts on line 2.
    from citecheck.cli import app
    from conftest import ROOT
    from typer.testing import CliRunner

    def uncited(seed: str) -> list[tuple[int, list[str]]]:
        (path,) = (ROOT / "tests" / "data").glob(seed)  # copies of ../shared/seeds
        result = CliRunner().invoke(app, ["verify", str(path), "--offline", "--format", "json",
                                          "--cache-dir", str(tmp_path / "c")])
        (doc,) = json.loads(result.stdout)["documents"]
        return [(u["line"], u["figures"]) for u in doc["uncited"]]

    assert all(figures != ["1"] for _, figures in uncited("001_*.txt"))
    assert (2, ["over 200"]) in uncited("002_*.txt")
