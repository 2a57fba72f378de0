"""Arbitrary input never raises out of the parsers and the figure readers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.document import decode_text, parse_text
from citecheck.check.figures import SourceIndex, claim_figures, match_figure
from citecheck.check.numbers import scan
from citecheck.check.numwords import find_number_words

# Text biased towards what the parsers look for: markers, URLs, digits, separators.
pieces = st.sampled_from([
    "[1]", "[2]", "[12]", "¹", "²³", "[", "]", "(1)", "https://", "http://x.org/a", "www.",
    " ", "\n", "\n\n", "\t", ".", ",", "-", "–", "\u00a0", "\u202f", "'", "%", "$", "1", "234",
    "10,000", "1.5", "10 000", "million", "тыс.", "более", "more than", "eight", "восьми",
    "January 4", "2022", "05.05.2022", "+7 (727) 123-45-67", "\uf0b7", "U.S.", "•", "мыңнан",
    "астам", "\x00", "\ufeff",
])
documents = st.lists(st.one_of(pieces, st.text(max_size=20)), max_size=60).map("".join)
PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(documents)
def test_document_parser_never_raises(text):
    doc = parse_text(text)
    for ref in doc.references():
        assert ref.line >= 1 and ref.column >= 1
        for url in ref.urls:
            assert not any(c.isspace() for c in url)


@PROPERTY
@given(st.binary(max_size=400))
def test_decoding_raises_only_input_error(data):
    from citecheck.document import InputError

    try:
        decode_text(data, "x.txt")
    except InputError:
        pass


@PROPERTY
@given(documents, st.sampled_from(["en", "ru", "uk", "kk", "de", None]))
def test_figure_readers_never_raise(text, lang):
    for m in scan(text, lang):
        assert 0 <= m.start < m.end <= len(text)
    find_number_words(text, lang)
    index = SourceIndex(text, lang)
    for f in claim_figures(text):
        match_figure(f.mention, text, index)


def test_a_word_with_an_unnamed_character_is_read_without_raising():
    # pymorphy3 looks up each character's Unicode name; U+17000 has none in Python 3.11
    text = "[1]millionA0AAa\U00017000"
    index = SourceIndex(text, "ru")
    for f in claim_figures(text):
        match_figure(f.mention, text, index)


def test_legacy_encodings_are_read(tmp_path):
    from citecheck.document import read_document

    letter = ("Уважаемый господин Блинкен!\n\nПрокуроры зарегистрировали 234 заявления о пытках."
              "[1]\n\n[1] https://rus.azattyq.org/a/31728303.html\n")
    for encoding, data in [("cp1251", letter.encode("cp1251")),
                           ("utf-16", letter.encode("utf-16")),
                           ("utf-8-sig", letter.encode("utf-8-sig"))]:
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(data)
        (ref,) = read_document(path).references()
        assert ref.claim == "Прокуроры зарегистрировали 234 заявления о пытках", encoding
        assert ref.urls == ("https://rus.azattyq.org/a/31728303.html",)
