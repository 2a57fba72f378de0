"""Tests for citecheck.check.numwords: numbers written in words (en, ru, uk, kk)."""

from __future__ import annotations

import itertools
import random
import time
from decimal import Decimal

import pytest

from citecheck.check.numwords import WordNumber, find_number_words


def spans(text: str, lang: str | None) -> list[tuple[str, Decimal, bool]]:
    return [(w.text, w.value, w.ordinal) for w in find_number_words(text, lang)]


def cardinals(text: str, lang: str | None) -> list[tuple[str, Decimal]]:
    return [(w.text, w.value) for w in find_number_words(text, lang) if not w.ordinal]


D = Decimal

# (text, lang, expected [(span text, value, ordinal)])
CASES = [
    # ---------------- English ----------------
    ("including eight deaths in custody", "en", [("eight", D(8), False)]),
    ("two hundred thirty-four detainees", "en", [("two hundred thirty-four", D(234), False)]),
    (
        "two hundred and thirty-four detainees",
        "en",
        [("two hundred and thirty-four", D(234), False)],
    ),
    ("one hundred people", "en", [("one hundred", D(100), False)]),
    ("fifteen years", "en", [("fifteen", D(15), False)]),
    ("a hundred protesters", "en", [("a hundred", D(100), False)]),
    ("almost a million people", "en", [("a million", D(1_000_000), False)]),
    ("one million dollars", "en", [("one million", D(1_000_000), False)]),
    ("Two Million tenge", "en", [("Two Million", D(2_000_000), False)]),
    ("ten thousand", "en", [("ten thousand", D(10_000), False)]),
    ("twenty one", "en", [("twenty one", D(21), False)]),
    ("one thousand and one", "en", [("one thousand and one", D(1001), False)]),
    ("two and a half million", "en", [("two and a half million", D(2_500_000), False)]),
    ("half a million people", "en", [("half a million", D(500_000), False)]),
    ("EIGHT people", "en", [("EIGHT", D(8), False)]),
    ("zero tolerance", "en", [("zero", D(0), False)]),
    # ordinals
    ("his second term", "en", [("second", D(2), True)]),
    ("the first day", "en", [("first", D(1), True)]),
    ("the eighth of January", "en", [("eighth", D(8), True)]),
    ("the twenty-first century", "en", [("twenty-first", D(21), True)]),
    # negatives
    ("eighteen", "en", [("eighteen", D(18), False)]),
    ("the tone was often harsh", "en", []),
    ("one of his quotes", "en", []),
    ("Only one person", "en", []),
    ("dozens of people", "en", []),
    ("two dozen people", "en", []),
    ("thousands of people", "en", []),
    ("hundreds were detained", "en", []),
    ("someone, anyone, everyone, tennis, often, seventh-day", "en", [("seventh", D(7), True)]),
    ("eight nine", "en", [("eight", D(8), False), ("nine", D(9), False)]),
    # digits + scale word belong to the caller: the scale word alone is not returned
    ("$15 million", "en", []),
    ("1.5 million and 2\u00a0thousand", "en", []),
    # ---------------- Russian ----------------
    ("включая восемь смертей", "ru", [("восемь", D(8), False)]),
    ("гибель восьми задержанных", "ru", [("восьми", D(8), False)]),
    ("с восемью задержанными", "ru", [("восемью", D(8), False)]),
    ("задержали восьмерых", "ru", [("восьмерых", D(8), False)]),
    ("десятерых активистов", "ru", [("десятерых", D(10), False)]),
    ("двое погибших", "ru", [("двое", D(2), False)]),
    ("пятеро задержанных", "ru", [("пятеро", D(5), False)]),
    ("из двухсот тридцати четырёх человек", "ru", [("двухсот тридцати четырёх", D(234), False)]),
    ("из двухсот тридцати четырех человек", "ru", [("двухсот тридцати четырех", D(234), False)]),
    ("двести тридцать восемь погибших", "ru", [("двести тридцать восемь", D(238), False)]),
    ("около десяти тысяч человек", "ru", [("десяти тысяч", D(10_000), False)]),
    ("полтора миллиона тенге", "ru", [("полтора миллиона", D(1_500_000), False)]),
    ("полторы тысячи человек", "ru", [("полторы тысячи", D(1500), False)]),
    ("ущерб в полутора миллионов", "ru", [("полутора миллионов", D(1_500_000), False)]),
    ("за полтора года", "ru", [("полтора", D("1.5"), False)]),
    ("два с половиной миллиона", "ru", [("два с половиной миллиона", D(2_500_000), False)]),
    ("полмиллиона человек", "ru", [("полмиллиона", D(500_000), False)]),
    ("около тысячи человек", "ru", [("тысячи", D(1000), False)]),
    ("более тысячи задержанных", "ru", [("тысячи", D(1000), False)]),
    ("тысяча человек", "ru", [("тысяча", D(1000), False)]),
    ("одна тысяча", "ru", [("одна тысяча", D(1000), False)]),
    ("миллион двести тысяч", "ru", [("миллион двести тысяч", D(1_200_000), False)]),
    ("двадцать один человек", "ru", [("двадцать один", D(21), False)]),
    ("сорока двух", "ru", [("сорока двух", D(42), False)]),
    ("с семью задержанными", "ru", [("семью", D(7), False)]),
    ("двадцатью семью", "ru", [("двадцатью семью", D(27), False)]),
    ("девятнадцать сотрудников", "ru", [("девятнадцать", D(19), False)]),
    ("пять-шесть человек", "ru", [("пять", D(5), False), ("шесть", D(6), False)]),
    ("от пяти до двенадцати лет", "ru", [("пяти", D(5), False), ("двенадцати", D(12), False)]),
    ("ноль", "ru", [("ноль", D(0), False)]),
    ("1 миллион тенге", "ru", []),
    ("10 тысяча", "ru", []),
    # ordinals
    ("восьмой день", "ru", [("восьмой", D(8), True)]),
    ("третьего января", "ru", [("третьего", D(3), True)]),
    ("двухсотый", "ru", [("двухсотый", D(200), True)]),
    ("две тысячи двадцать второго года", "ru", [("две тысячи двадцать второго", D(2022), True)]),
    ("в тысячном", "ru", [("тысячном", D(1000), True)]),
    # negatives
    ("он сказал, что это не так", "ru", []),
    ("Онлайн-трансляция", "ru", []),
    ("один из адвокатов", "ru", []),
    ("одного из задержанных", "ru", []),
    ("тысячи людей вышли на улицы", "ru", []),
    ("несколько тысяч человек", "ru", []),
    ("десятки тысяч", "ru", []),
    ("миллионы граждан", "ru", []),
    ("два десятка человек", "ru", []),
    ("его семью выселили", "ru", []),
    ("восьмиэтажный дом, семьдесятый... нет, стороной, сорокопут", "ru", []),
    ("Сто", "ru", [("Сто", D(100), False)]),
    ("сотрудник СТО", "ru", []),
    # ---------------- Ukrainian ----------------
    ("вісім загиблих", "uk", [("вісім", D(8), False)]),
    ("восьми затриманих", "uk", [("восьми", D(8), False)]),
    ("вісьмох затриманих", "uk", [("вісьмох", D(8), False)]),
    ("двохсот тридцяти чотирьох", "uk", [("двохсот тридцяти чотирьох", D(234), False)]),
    ("п’ятдесят", "uk", [("п’ятдесят", D(50), False)]),
    ("дев'яносто дев'ять", "uk", [("дев'яносто дев'ять", D(99), False)]),
    ("десять тисяч", "uk", [("десять тисяч", D(10_000), False)]),
    ("близько тисячі людей", "uk", [("тисячі", D(1000), False)]),
    ("тисячу гривень", "uk", [("тисячу", D(1000), False)]),
    ("два мільйони", "uk", [("два мільйони", D(2_000_000), False)]),
    ("три мільярди", "uk", [("три мільярди", D(3_000_000_000), False)]),
    ("півтора мільйона", "uk", [("півтора мільйона", D(1_500_000), False)]),
    ("сто", "uk", [("сто", D(100), False)]),
    ("тисяча", "uk", [("тисяча", D(1000), False)]),
    ("восьмий день", "uk", [("восьмий", D(8), True)]),
    ("він сказав", "uk", []),
    ("тисячі людей", "uk", []),
    ("один із них", "uk", []),
    # ---------------- Kazakh ----------------
    ("сегіз адам", "kk", [("сегіз", D(8), False)]),
    ("екі жүз отыз төрт", "kk", [("екі жүз отыз төрт", D(234), False)]),
    ("сегізі қаза тапты", "kk", [("сегізі", D(8), False)]),
    ("сегіз-і", "kk", [("сегіз-і", D(8), False)]),
    ("сегізден астам", "kk", [("сегізден", D(8), False)]),
    ("он адам", "kk", [("он", D(10), False)]),
    ("он бір", "kk", [("он бір", D(11), False)]),
    ("жиырма бес", "kk", [("жиырма бес", D(25), False)]),
    ("жүз адам", "kk", [("жүз", D(100), False)]),
    ("жүзден астам", "kk", [("жүзден", D(100), False)]),
    ("мыңнан астам адам", "kk", [("мыңнан", D(1000), False)]),
    ("он мың", "kk", [("он мың", D(10_000), False)]),
    ("екі мың жиырма екі", "kk", [("екі мың жиырма екі", D(2022), False)]),
    ("бір жарым миллион", "kk", [("бір жарым миллион", D(1_500_000), False)]),
    ("екі миллиард", "kk", [("екі миллиард", D(2_000_000_000), False)]),
    ("екеуі", "kk", [("екеуі", D(2), False)]),
    ("10 мың адам", "kk", []),
    ("1,5 миллион теңге", "kk", []),
    ("елуге жуық", "kk", [("елуге", D(50), False)]),
    ("сегізінші", "kk", [("сегізінші", D(8), True)]),
    ("екінші", "kk", [("екінші", D(2), True)]),
    # negatives: pronoun forms of "ол", postposition "үшін", "face", "several", "gold"
    ("онда", "kk", []),
    ("оның айтуынша", "kk", []),
    ("оны ұстады", "kk", []),
    ("бостандық үшін", "kk", []),
    ("әлем жүзінде", "kk", []),
    ("жүзеге асыру", "kk", []),
    ("бірнеше адам", "kk", []),
    ("алтын", "kk", []),
    ("Жетісу облысы", "kk", []),
    ("ондаған адам", "kk", []),
    ("мыңдаған адам", "kk", []),
    ("бір адам", "kk", []),
]


@pytest.mark.parametrize(
    ("text", "lang", "expected"), CASES, ids=[f"{c[1]}:{c[0][:30]}" for c in CASES]
)
def test_cases(text: str, lang: str, expected: list[tuple[str, Decimal, bool]]) -> None:
    assert spans(text, lang) == expected


def test_offsets_and_types() -> None:
    text = "По данным суда, погибли двести тридцать восемь человек."
    result = find_number_words(text, "ru")
    assert len(result) == 1
    w = result[0]
    assert isinstance(w, WordNumber)
    assert text[w.start : w.end] == w.text == "двести тридцать восемь"
    assert w.value == Decimal(238) and isinstance(w.value, Decimal)
    assert w.ordinal is False


def test_values_are_normalised() -> None:
    (w,) = find_number_words("полтора миллиона", "ru")
    assert str(w.value) == "1500000"
    (w,) = find_number_words("полтора", "ru")
    assert str(w.value) == "1.5"


def test_on_is_ten_only_in_kazakh() -> None:
    assert cardinals("он", "ru") == []
    assert cardinals("он", None) == []
    assert cardinals("он", "uk") == []
    assert cardinals("он", "kk") == [("он", Decimal(10))]


def test_lang_none_tries_english_and_russian() -> None:
    text = "eight people, восемь человек, сегіз адам"
    assert cardinals(text, None) == [("eight", Decimal(8)), ("восемь", Decimal(8))]


def test_lang_codes_are_normalised() -> None:
    assert cardinals("восемь", "ru-RU") == [("восемь", Decimal(8))]
    assert cardinals("сегіз", "kz") == [("сегіз", Decimal(8))]
    assert cardinals("сегіз", "KK") == [("сегіз", Decimal(8))]


def test_english_words_not_found_in_russian_mode() -> None:
    assert find_number_words("eight", "ru") == []
    assert find_number_words("восемь", "en") == []


def test_sorted_non_overlapping() -> None:
    text = (
        "Суд приговорил восьмерых к срокам от пяти до двенадцати лет; "
        "всего задержаны десять тысяч двести человек, две тысячи двадцать второго года."
    )
    result = find_number_words(text, "ru")
    assert [w.value for w in result] == [8, 5, 12, 10200, 2022]
    for a, b in itertools.pairwise(result):
        assert a.end <= b.start
    for w in result:
        assert text[w.start : w.end] == w.text


def test_span_does_not_cross_paragraphs() -> None:
    text = "тридцать\n\nпять"
    assert cardinals(text, "ru") == [("тридцать", Decimal(30)), ("пять", Decimal(5))]
    assert cardinals("тридцать\nпять", "ru") == [("тридцать\nпять", Decimal(35))]


def test_no_break_spaces_inside_compound() -> None:
    assert cardinals("двести\u00a0тридцать\u202fчетыре", "ru") == [
        ("двести\u00a0тридцать\u202fчетыре", Decimal(234))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\ud7ff",
        "one" * 1000,
        "-" * 5000,
        "a a a a and and and half half a",
        "и с с с половиной половиной",
        "İİİ ß ﬁ ΣΑΣ 𝔞𝔟𝔠 😀 восемь😀восемь",
        "жарым жарым бір жарым жарым",
        "thousand thousand million billion hundred hundred",
        "тысяча тысяча миллион",
        "сегіз-" + "-" * 10,
        "ёёё ЁЖИК четырЁх",
    ],
)
def test_never_crashes_on_odd_input(text: str) -> None:
    for lang in ("en", "ru", "uk", "kk", None, "xx"):
        result = find_number_words(text, lang)
        for w in result:
            assert text[w.start : w.end] == w.text


def test_random_unicode_fuzz() -> None:
    rng = random.Random(1234)
    alphabet = (
        "abcdefghijklmnopqrstuvwxyz -'’\n\u00a0\u202f0123456789.,"
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
        "әғқңөұүһі"
    )
    words = [
        "one",
        "hundred",
        "and",
        "a",
        "half",
        "thousand",
        "восемь",
        "тысячи",
        "с",
        "половиной",
        "полтора",
        "сегіз",
        "жүз",
        "мың",
        "жарым",
        "он",
        "около",
        "вісім",
        "тисячі",
        "dozen",
    ]
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(0, 30)):
            if rng.random() < 0.5:
                parts.append(rng.choice(words))
            else:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))))
        text = rng.choice([" ", "-", "  ", "\n"]).join(parts)
        for lang in ("en", "ru", "uk", "kk", None):
            result = find_number_words(text, lang)
            last_end = -1
            for w in result:
                assert text[w.start : w.end] == w.text
                assert w.start >= last_end
                last_end = w.end


def test_speed_150k_words_russian() -> None:
    sentences = [
        "По данным прокуратуры, в ходе январских событий погибли двести тридцать восемь человек.",
        "Суд приговорил восьмерых обвиняемых к срокам от пяти до двенадцати лет.",
        "Он сказал, что задержанных доставили в изолятор 8 января.",
        "Всего было задержано около десяти тысяч человек, из них полторы тысячи под арестом.",
        "Один из адвокатов заявил, что его подзащитного избивали в течение трёх дней.",
    ]
    rng = random.Random(7)
    words: list[str] = []
    while len(words) < 150_000:
        words.extend(rng.choice(sentences).split())
    text = " ".join(words[:150_000])
    find_number_words("восемь", "ru")  # warm up: load the analyser once
    t0 = time.process_time()  # CPU time: what other processes on the machine do not change
    result = find_number_words(text, "ru")
    elapsed = time.process_time() - t0
    assert result
    assert elapsed < 2.0, elapsed  # ~0.25 s on the development machine; quadratic is minutes
