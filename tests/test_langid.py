"""py3langid's model from citecheck's quick copy (``_langid``): the same identifier, sooner."""

from __future__ import annotations

import lzma
import stat

import numpy as np
import pytest
from py3langid import langid

from citecheck import _langid

TEXTS = [
    "Prosecutors registered 234 allegations of torture in the region this year.",
    "Прокуратура зарегистрировала 234 заявления о пытках в регионе в этом году.",
    "Прокуратура зареєструвала 234 заяви про катування в регіоні цього року.",
    "Прокуратура биыл өңірде азаптау туралы 234 өтінішті тіркеді.",
    "Le parquet a enregistré 234 plaintes pour torture dans la région cette année.",
]


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return type(a) is type(b) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


@pytest.fixture
def fresh(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """py3langid with no identifier loaded, and a state folder of this test's own."""
    monkeypatch.setenv("CITECHECK_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(langid, "IDENTIFIER", None)
    return tmp_path / "state"


def test_the_quick_copy_gives_py3langids_own_identifier_and_is_read_instead_of_its_file(
        fresh, monkeypatch):
    library = langid._load_identifier()
    _langid.install()  # the first time: from py3langid's file, and the copy is kept
    made = langid.IDENTIFIER
    (copy,) = fresh.iterdir()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert copy.stat().st_size < langid.MODEL_DIR.joinpath(langid.MODEL_FILE).stat().st_size * 2

    monkeypatch.setattr(langid, "IDENTIFIER", None)
    monkeypatch.setattr(lzma, "open", lambda *a, **k: pytest.fail("py3langid's file read"))
    _langid.install()  # now from the copy alone
    quick = langid.IDENTIFIER
    assert quick is not made and quick is not None
    for name in library.__slots__:
        assert _same(getattr(library, name), getattr(quick, name)), name
    for text in TEXTS:
        assert quick.rank(text) == library.rank(text)


def test_a_damaged_copy_is_made_again_from_py3langids_file(fresh, monkeypatch):
    _langid.install()
    (copy,) = fresh.iterdir()
    whole = copy.read_bytes()
    copy.write_bytes(whole[: len(whole) // 2])  # cut short
    monkeypatch.setattr(langid, "IDENTIFIER", None)
    _langid.install()
    assert langid.IDENTIFIER is not None and copy.read_bytes() == whole
    assert langid.classify(TEXTS[1])[0] == "ru"


def test_an_unwritable_state_folder_only_costs_the_slow_loading(fresh, monkeypatch):
    fresh.parent.joinpath("state").write_text("a file where the folder would be")
    _langid.install()
    assert langid.IDENTIFIER is not None and langid.classify(TEXTS[0])[0] == "en"


def _texts() -> list[str]:
    """The test texts, and random ones in several scripts, short and long."""
    import random

    rng = random.Random(18)
    alphabet = "abcdeéßжщїқ中文 ,.0123456789\nاليوم"
    return TEXTS + [t * 40 for t in TEXTS] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 2500))) for _ in range(120)]


def test_the_quick_walk_finds_py3langids_features_and_scores_to_the_bit(fresh):
    from py3langid.langid import visit_counts

    own = langid._load_identifier()
    _langid.install()
    quick = langid.IDENTIFIER
    assert type(quick).__name__ == "QuickIdentifier"  # the model shipped is a known one
    for text in _texts():
        encoded = own._encode(text)
        walked = _langid._walked(*quick._walk, encoded)
        counted = visit_counts(own.tk_nextmove, own._rowbase, own.tk_output, encoded) or {}
        assert list(walked.items()) == list(counted.items()), text[:40]  # order too
        assert _same(quick._decide(text), own._decide(text))
        assert quick.rank(text) == own.rank(text)
    assert _same(quick._decide(b"\xff\xfe"), own._decide(b"\xff\xfe"))  # no features


def test_a_model_not_known_to_be_synchronising_is_walked_by_py3langid(fresh, monkeypatch):
    monkeypatch.setattr(_langid, "SYNCHRONISING", {})
    _langid.install()
    assert type(langid.IDENTIFIER) is langid.LanguageIdentifier
    assert langid.classify(TEXTS[4])[0] == "fr"
