"""How pages write numbers that citecheck must read: scale groups, day ordinals in dates,
Arabic number words in their genders, cases, spellings and with glued prefixes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from citecheck.check.figures import SourceIndex, claim_figures, match_figure
from citecheck.check.numbers import scan
from conftest import match_claim


def read(text: str, lang: str) -> list[tuple[str, Decimal, str]]:
    return [(m.text, m.value, m.kind) for m in scan(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    # a number written in groups of falling scale is one number
    ("приняли участие более 27 млн 300 тысяч избирателей", "ru",
     [("более 27 млн 300 тысяч", 27300000, "count")]),
    ("2 million 300 thousand people", "en", [("2 million 300 thousand", 2300000, "count")]),
    ("1 млрд 200 млн 50 тыс. рублей", "ru", [("1 млрд 200 млн 50 тыс.", 1200050000, "count")]),
    # ... but not a smaller number that follows without a scale of its own
    ("10 млн 300 домов", "ru", [("10 млн", 10000000, "count"), ("300", 300, "count")]),
    # Arabic joins the last group with "and": 866 thousand and 866; not two scaled numbers
    ("بلغ عددها 866 ألف و866 حبة", "ar", [("866 ألف و866", 866866, "count")]),
    ("بلغ 27 ألف و300 ألف", "ar", [("27 ألف", 27000, "count"), ("300 ألف", 300000, "count")]),
    # French "M€": a million euros, the symbol glued to the scale's letter
    ("fixée à 11,5 M€ (hors bonus)", "fr", [("11,5 M€", 11500000, "count")]),
    ("un montant maximum de 3 M€", "fr", [("3 M€", 3000000, "count")]),
    ("10 M people", "en", [("10", 10, "count")]),  # a lone letter without a symbol: no scale
    # Arabic: a number glued to "with" by a tatweel, a percent written with "فى"
    ("الدفع الفوري بـ34 سيارة إسعاف", "ar", [("34", 34, "count")]),
    ("بلغت 44,52 فى المئة من الناخبين", "ar", [("44,52 فى المئة", Decimal("44.52"), "percent")]),
    # Arabic number words: both genders, both cases, hamza spellings, glued "and" / "the"
    ("ست سنوات", "ar", [("ست", 6, "count")]),
    ("وأصيب إثنا عشر شخصا", "ar", [("إثنا عشر", 12, "count")]),
    ("اثني عشر قتيلا", "ar", [("اثني عشر", 12, "count")]),
    ("إحدى عشرة سيدة", "ar", [("إحدى عشرة", 11, "count")]),
    ("وتسعة جرحى", "ar", [("تسعة", 9, "count")]),
    ("خلال الاثني عشر شهرا", "ar", [("اثني عشر", 12, "count")]),
    ("سقط اربعة قتلى", "ar", [("اربعة", 4, "count")]),
    ("ثلاث وعشرين سيارة", "ar", [("ثلاث وعشرين", 23, "count")]),
    ("مائتان وخمسون معتقلا", "ar", [("مائتان وخمسون", 250, "count")]),
    ("ثلاثمائة وخمسة وعشرون شخصا", "ar", [("ثلاثمائة وخمسة وعشرون", 325, "count")]),
    # the days of the week are not numbers, even when spelt like one (الإثنين, Monday)
    ("يوم الثلاثاء والأربعاء والخميس", "ar", []),
    ("أعلنت وزارة الصحة، الإثنين، وفاة 8 ركاب", "ar", [("8", 8, "count")]),
    ("يوم الاثنين الماضي والاثنين المقبل", "ar", []),
    ("وصل اثنين من الجرحى", "ar", [("اثنين", 2, "count")]),
])
def test_how_pages_write_numbers(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, lang, read_as, qualifier", [
    # Kazakh "more than" after the number in the ablative
    ("Елімізде 100-ден астам адам тіркелді", "kk", "100-ден астам", "more_than"),
    # Russian "by more than", "by less than"
    ("зоопарк пополнился более чем на 20 зверят", "ru", "более чем на 20", "more_than"),
    ("цены выросли менее чем на 3%", "ru", "менее чем на 3%", "less_than"),
])
def test_a_qualifier_the_page_writes_around_the_number(text, lang, read_as, qualifier):
    (m,) = scan(text, lang)
    assert (m.text, m.qualifier) == (read_as, qualifier)


def test_more_than_after_the_ablative_keeps_the_noun_after_it():
    claim = "More than 100 people were detained."
    source = "100-ден астам адам ұсталды."
    result = match_claim(claim, source, "kk")
    assert result.outcome == "found", result.message
    assert result.source_text == "100-ден астам", result.source_text


@pytest.mark.parametrize("text, lang, parts", [
    ("le 1er août 1982", "fr", (1982, 8, 1)),
    ("el 1º de agosto de 2020", "es", (2020, 8, 1)),
    ("on 1st August 2019", "en", (2019, 8, 1)),
])
def test_a_day_with_an_ordinal_ending_is_a_date(text, lang, parts):
    (date,) = scan(text, lang)
    assert (date.kind, date.parts) == ("date", parts)


@pytest.mark.parametrize("claim, source, lang", [
    ("The Beaune coach crash happened on August 1, 1982.",
     "celui de Beaune (Côte d'Or) qui avait fait 53 morts, dont 44 enfants, le 1er août 1982.",
     "fr"),
    ("In all, more than 27.3 million voters took part in the voting.",
     "всего в голосовании приняли участие более 27 млн 300 тысяч избирателей.", "ru"),
])
def test_the_figure_is_found_as_the_page_writes_it(claim, source, lang):
    result = match_claim(claim, source, lang)
    assert result.outcome == "found", result.message


@pytest.mark.parametrize("claim, source, lang", [
    ("Six rescue helicopters were at the scene.",
     "Mehrere Hundert Einsatzkräfte sowie sechs Rettungshelikopter waren vor Ort.", "de"),
    ("The ministry immediately sent 34 ambulances to the scene.",
     "وأوضحت الوزارة الدفع الفوري بـ34 سيارة إسعاف إلى موقع الحادث", "ar"),
    ("Police counted 52 explosions overnight.", "За ніч поліція зафіксувала 52 вибухи.", "uk"),
    ("The gunmen still hold 240 hostages.", "ولا يزال المسلحون يحتجزون 240 رهينة.", "ar"),
    # points of a contest, in the words the page uses
    ("Jamala received 211 points from the juries.", "Джамала получила 211 баллов от жюри.",
     "ru"),
    ("Australia's Dami Im scored 511 points.", "Австралія - Dami Im - 511 балів.", "uk"),
    # visitors, tickets, trips, languages, paintings, passengers, animals
    ("In 2019 the museum had 184,514 visitors.", "В 2019 году музей посетили 184514 посетителей.",
     "ru"),
    ("The record of 215,939 tickets sold was set in 1970.",
     "Рекорд был установлен в 1970 году — 215939 проданных билетов.", "ru"),
    ("More than 3.3 million trips were made through the new stations.",
     "Более 3,3 млн поездок совершено через пять новых станций.", "ru"),
    ("His books have been translated into 34 languages.",
     "Bis dato wurden seine Bücher in 34 Sprachen übersetzt.", "de"),
    ("Palma airport handled 47.2 million passengers in 2017.",
     "El aeropuerto de Palma logró en 2017 su récord, con 47,2 millones de viajeros.", "es"),
    ("Five paintings in the sale were sold.", "cinq tableaux de la vente ont été vendus", "fr"),
    ("127 oxen were eaten at the Ochsenbraterei.",
     "In der Ochsenbraterei wurden 127 Ochsen verspeist.", "de"),
])
def test_counted_things_of_the_lexicon(claim, source, lang):
    result = match_claim(claim, source, lang)
    assert result.outcome == "found", result.message


@pytest.mark.parametrize("claim, source, lang", [
    # a count with no noun of its own shares the noun and the fate of the one beside it
    ("In Rhineland-Palatinate at least 60 people died.",
     "In NRW sterben mindestens 43 Menschen, in Rheinland-Pfalz mindestens 60.", "de"),
    ("At least 43 people died in North Rhine-Westphalia.",
     "In NRW sterben mindestens 43 Menschen, in Rheinland-Pfalz mindestens 60.", "de"),
    # Kazakh "detained" as a verb of the page
    ("Police detained 6 people wanted by Russia.",
     "Полиция іздеу жарияланған 6 тұлғаны ұстады.", "kk"),
    # a bare number takes the noun, and what befell it, of the count of the sentence before
    ("The excess reached 810 deaths.",
     "Am 20. Juli starben 785 Menschen mehr als erwartet. Am 25. Juli waren es 810.", "de"),
    ("There were 40,783 starters in 2014.",
     "Un record de 41 342 coureurs a pris le départ. Ils étaient 40 783 en 2014.", "fr"),
])
def test_what_a_count_shares_with_its_neighbours(claim, source, lang):
    result = match_claim(claim, source, lang)
    assert result.outcome == "found", result.message


@pytest.mark.parametrize("source", [
    "Am 20. Juli starben 785 Menschen. Am 25. Juli wurden 810 Häuser zerstört.",
    # a noun after it that citecheck does not know is still its own
    "Am 20. Juli starben 785 Menschen. In Frankfurt waren es 810 Fluggäste.",
])
def test_a_number_whose_own_sentence_names_a_thing_does_not_look_back(source):
    claim = "As many as 810 people died."
    assert match_claim(claim, source, "de").outcome != "found"


def test_a_place_spelt_nearly_alike_is_the_claims_place():
    # Rheinland-Pfalz is Rhineland-Palatinate: the 43 are NRW's, not its
    claim = "At least 43 people died in Rhineland-Palatinate."
    source = "In NRW sterben mindestens 43 Menschen, in Rheinland-Pfalz mindestens 60."
    assert match_claim(claim, source, "de").outcome == "other_referent"


def test_a_part_of_a_counted_whole_counts_what_the_whole_does():
    source = "Siete de los aproximadamente ocho vagones de un tren descarrilaron."
    claim = "Seven train cars derailed."
    result = match_claim(claim, source, "es")
    assert result.source_counts == "vehicles (“vagones”)", result.message


@pytest.mark.parametrize("claim, source, lang", [
    ("more than 10 judges were dismissed",
     "В 2024 году Высший судебный совет освободил от должности четырнадцать судей.", "ru"),
    # the CEC is the page's ЦВК: the figure is the one the claim's source gives
    ("The CEC said 46.62% of voters collected ballots at polling stations.",
     "Центральна виборча комісія повідомила, що бюлетені на дільницях взяли 46,62% виборців, "
     "повідомляє сайт ЦВК.", "uk"),
])
def test_judges_and_the_election_commission(claim, source, lang):
    result = match_claim(claim, source, lang)
    assert result.found, result.message


def test_a_verb_said_only_of_a_part_befell_the_whole():
    # "21 people, 4 of them children, were evacuated": the verb stands in the part
    claim = "In Oskemen rescuers evacuated 21 people, four of them children, down the stairwell."
    source = ("ТЖМ қызметкерлері баспалдақ маршымен 21 адамды, оның ішінде 4 баланы "
              "эвакуациялап, құтқару капюшоны көмегімен 6 адамды құтқарды.")
    figure = next(f.mention for f in claim_figures(claim) if f.mention.text == "21")
    result = match_figure(figure, claim, SourceIndex(source, "kk"))
    assert result.outcome == "found", result.message


def test_a_frame_counts_its_noun_not_the_place_it_names():
    # "Of the 70 people housed at the college": its parts are people, not buildings
    claim = "Of the 70 people housed at the college, 32 were children."
    source = "Ол жерге 70 адам жайғастырылды. Оның 32-сі балалар."
    figure = next(f.mention for f in claim_figures(claim) if f.mention.text == "32")
    result = match_figure(figure, claim, SourceIndex(source, "kk"))
    assert result.outcome == "found", result.message


def test_a_list_of_labelled_values_shares_the_percent_of_its_last():
    """"Нұр-Сұлтан қаласы – 45,1, Алматы қаласы – 30,3, Шымкент қаласы – 56,5 пайыз": each
    value is a percent; the page states 30.3% (what it counts is another question)."""
    from citecheck.check.numbers import scan

    text = ("Олардың ішінде: Нұр-Сұлтан қаласы – 45,1, Алматы қаласы – 30,3, Шымкент "
            "қаласы – 56,5 пайыз. Төрт адам – 12, екі бала.")
    read = [(m.text, m.kind) for m in scan(text, "kk")]
    assert read[:3] == [("45,1", "percent"), ("30,3", "percent"), ("56,5 пайыз", "percent")]
    assert ("12", "count") in read  # not a list of percents
    result = match_claim("In the city of Almaty, only 30.3% of voters turned out.", text, "kk")
    assert result.outcome != "not_found" and result.source_text == "30,3", result.message


@pytest.mark.parametrize("text, lang, expected", [
    # Polish: "proc." and "procent" are percent, "tys." a thousand, "mld" a billion
    ("wzrost o 12,6 proc., czyli 1,7 mln mieszkań", "pl",
     [("12,6 proc.", Decimal("12.6"), "percent"), ("1,7 mln", 1700000, "count")]),
    ("zmniejszeniu o 187,8 tys. (tj. 0,9 proc.)", "pl",
     [("187,8 tys.", 187800, "count"), ("0,9 proc.", Decimal("0.9"), "percent")]),
    ("ponad 50 procent nauczycieli", "pl", [("ponad 50 procent", 50, "percent")]),
    ("około 37 proc. polskich placówek", "pl", [("około 37 proc.", 37, "percent")]),
    ("2,5 mld zł", "pl", [("2,5 mld", 2500000000, "count")]),
    ("332 tysiące nauczycieli", "pl", [("332 tysiące", 332000, "count")]),
    # Italian: "per cento", "milioni", "miliardi", "mila" (also glued: "15mila")
    ("a Napoli il 96 per cento.", "it", [("96 per cento", 96, "percent")]),
    ("venduta per 141 milioni", "it", [("141 milioni", 141000000, "count")]),
    ("oltre 15mila visitatori", "it", [("oltre 15mila", 15000, "count")]),
    ("5 miliardi di euro", "it", [("5 miliardi", 5000000000, "count")]),
])
def test_polish_and_italian_percents_and_scales(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, lang, qualifier", [
    ("più del 70 per cento del personale", "it", "more_than"),
    ("sotto il 20% invece", "it", "less_than"),
    ("almeno 90 persone", "it", "at_least"),
    ("circa 30 treni", "it", "about"),
    ("fino al 100%", "it", "at_most"),
    ("ponad 50 proc.", "pl", "more_than"),
    ("co najmniej 12 osób", "pl", "at_least"),
    ("prawie 8 proc.", "pl", "nearly"),
    ("mniej niż 20 proc.", "pl", "less_than"),
])
def test_italian_and_polish_qualifiers(text, lang, qualifier):
    assert [m.qualifier for m in scan(text, lang)] == [qualifier]
