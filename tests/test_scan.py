"""The numbers a page states, as the scanner reads them: cases that once broke it, and the
spellings its quicker expressions must still read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from citecheck.check.numbers import scan


@pytest.mark.parametrize("lang", ["de", "en", "ru"])
def test_a_decimal_number_joined_to_a_word_by_a_hyphen_is_read(lang):
    """ "Auch den 4,90-Kassenbon von Starbucks" (a real German page): four characters ending
    in 0 before a hyphen and a word were taken for a decade ("1990er") and made int() fail,
    so the whole page could not be read."""
    found = [(m.text, m.value, m.kind) for m in
             scan("Auch den 4,90-Kassenbon von Starbucks, in den 1990er Jahren.", lang)]
    assert found == [("4,90", Decimal("4.90"), "count"), ("1990er", Decimal(1990), "decade")]


@pytest.mark.parametrize(("text", "ranks"), [
    ("peaked at No. 5 and Nos. 12", [("No. 5", 5), ("Nos. 12", 12)]),
    ("he is number 7 on the list", [("number 7", 7)]),
    ("№ 45 and #3", [("№ 45", 45), ("#3", 3)]),
    ("a piano. 5 keys", []),  # "no." inside a word is no rank
    ("Casino. 12 tables, Number 3", [("Number 3", 3)]),
])
def test_ranks(text, ranks):
    assert [(m.text, m.value) for m in scan(text, "en") if m.kind == "rank"] == ranks
