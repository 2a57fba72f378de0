"""What no number is read inside (URLs, phone numbers, article numbers, times...): the quick
mask for texts without URLs or e-mail addresses marks exactly what the whole mask marks."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from citecheck.check import numbers

# Pieces the masks are made of, and what stands between them.
PIECES = ["тел.", "Телефон", "номер", "phone", "Tel.", "call", "hotline", "горячая линия",
          "статья", "ст.", "Article", "art.", "sections", "п.", "часть", "бабы", "zip",
          "індекс", "колл-центр", "call-centre", "Call center", "байланыс орталығы",
          "бірыңғай", "г.", "ул.", "Россия", "РК", "example.com", "site.RU", "a-b.de/x",
          ".org", "-", "–", "+", "(", ")", ":", ",", ".", "/", " ", "  ", "\n", "\u00a0",
          "a", "Б", "é", "_", "12", "7", "123", "4567", "050000", "8 800", "+7 (727) 123-45-67",
          "10:45", "12:30:15", "555-12-34", "(727) 258 00 00", "1,5"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_the_quick_mask_marks_what_the_whole_mask_marks(pieces):
    text = "".join(pieces)
    assume(not numbers._MASK_NEEDS_ALL.search(text))  # ":" "/" "/" make a URL's "://"
    assert ([m.span() for m in numbers._MASKS_PLAIN.finditer(text)]
            == [m.span() for m in numbers._MASKS.finditer(text)])


def test_a_text_with_a_url_or_an_address_is_masked_whole():
    text = "Call +7 701 123 45 67 or see www.example.kz/a1 and mail a1@b.kz, 234 people"
    assert numbers._MASK_NEEDS_ALL.search(text)
    values = [m.value for m in numbers.scan(text, "en") if m.kind == "count"]
    assert values == [234]
