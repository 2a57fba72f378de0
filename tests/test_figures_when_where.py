"""A figure the claim ties to a time, an edition, a place or a source is found only where
the page ties its number to the same one: the page's number of this year is not last
year's, the 37th edition's is not the 36th's."""

from __future__ import annotations

import pytest

from citecheck.check.figures import SourceIndex, claim_figures, match_figure
from conftest import match_claim


def match_first(claim: str, source: str, lang: str):
    """The claim's first checked figure, looked for in the source (the claim may state an
    ordinal too): its FigureResult."""
    figure = next(f.mention for f in claim_figures(claim) if f.checked)
    return match_figure(figure, claim, SourceIndex(source, lang))

_PRIZES = ("В этом году победители марафона получат по 350 тысяч рублей. За второе место "
           "положено 200 тысяч рублей, за третье — 100 тысяч рублей.")


@pytest.mark.parametrize("claim, found", [
    ("Second place at this year's Moscow Marathon is worth 200,000 roubles.", True),
    ("Second place is worth 200,000 roubles.", True),
    ("Second place at last year's Moscow Marathon was worth 200,000 roubles.", False),
])
def test_last_year_is_not_the_pages_own_year(claim, found):
    result = match_claim(claim, _PRIZES, "ru")
    assert result.found is found, result.message
    if not found:
        assert result.outcome == "unchecked"
        assert "the page does not say it is last year's figure" in result.message


@pytest.mark.parametrize("source", [
    # said in its sentence, or the last time the page named before it
    "Im vergangenen Jahr landeten 114 Verfahren vor den Strafkammern.",
    ("Die Verfahren, die das Landgericht im vergangenen Jahr bewältigt hat, waren aufwendig. "
     "Von 1533 Verfahren landeten 114 vor den Strafkammern."),
])
def test_last_year_said_by_the_page_is_found(source):
    result = match_claim("114 cases came before the criminal chambers last year.", source, "de")
    assert result.found is True, result.message


def test_last_year_is_not_found_past_another_year_the_page_names():
    source = ("Im vergangenen Jahr gab es 98 Verfahren. 2023 landeten 114 Verfahren vor den "
              "Strafkammern.")
    result = match_claim("114 cases came before the criminal chambers last year.", source, "de")
    assert result.found is False, result.message


_EDITION = ("Le marathon attire de plus en plus de femmes puisque pour cette 37ème édition, pas "
            "moins de 10 500 sont prévues au départ. À noter que pas moins de 140 nationalités "
            "seront représentées.")


@pytest.mark.parametrize("claim, found", [
    ("No fewer than 140 nationalities will be represented.", True),
    ("No fewer than 140 nationalities will be represented at the 37th edition.", True),
    ("No fewer than 140 nationalities were represented at the 36th edition.", False),
])
def test_a_figure_of_one_edition_is_not_anothers(claim, found):
    result = match_first(claim, _EDITION, "fr")
    assert result.found is found, result.message
    if not found:
        assert "the page does not say it is the figure of the 36th edition" in result.message


_INAUGURAL = ("The inaugural race was held on 7 December 2018. Roughly 10,000 people took part "
              "in the event. The second edition of the event was held on 6 December 2019.")


@pytest.mark.parametrize("claim, found", [
    ("Roughly 10,000 people took part in the first Abu Dhabi Marathon.", True),
    ("Roughly 10,000 people took part in the inaugural Abu Dhabi Marathon.", True),
    ("Roughly 10,000 people took part in the second Abu Dhabi Marathon.", False),
])
def test_the_edition_is_the_last_one_the_page_named_before_the_number(claim, found):
    result = match_first(claim, _INAUGURAL, "en")
    assert result.found is found, result.message


_KYIV = ("Сьомий щорічний міжнародний марафон \"Wizz Air Kyiv City Marathon\", який відбудеться "
         "у неділю, планує зібрати рекордну за його історію кількість учасників - понад шість "
         "тисяч.\n\nПро це повідомив генеральний менеджер \"Run Ukraine\", засновник марафону "
         "Дмитро Черніцький.")
_SIX_THOUSAND = "The seventh Kyiv City Marathon expects more than six thousand participants"


@pytest.mark.parametrize("said, found", [
    ("its founder Dmytro Chernitskyi said", True),
    ("Kyiv's mayor said", False),
    ("the Kyiv city council said", False),
])
def test_a_place_in_the_name_of_a_source_does_not_confirm_its_office(said, found):
    # Kyiv is on the page (Kyiv City Marathon); its mayor and its council are not
    result = match_first(f"{_SIX_THOUSAND}, {said}.", _KYIV, "uk")
    assert result.found is found, result.message
    if not found:
        assert f"the page does not say {said.removesuffix(' said')} gave it" in result.message


@pytest.mark.parametrize("claim, found", [
    ("Many of the 450 residents affected had already left, said Stefan Behrens.", True),
    ("Many of the 450 residents affected had already left, said mayor Andreas Thiede.", False),
])
def test_a_source_named_after_said(claim, found):
    source = ("Von den 450 betroffenen Bewohnern hätten viele jedoch den gefährdeten Bereich "
              "bereits verlassen, sagt der für die Evakuierung zuständige Abschnittsleiter des "
              "DRK, Stefan Behrens.")
    result = match_claim(claim, source, "de")
    assert result.found is found, result.message
    if not found:
        assert "the page does not say Andreas Thiede gave it" in result.message


@pytest.mark.parametrize("claim, found", [
    ("In the second wave of polio immunisation, 70% of children were vaccinated.", True),
    ("In the first stage of polio immunisation, 70% of children were vaccinated.", False),
])
def test_a_stage_named_beside_another_count_is_not_the_numbers(claim, found):
    # the title's "першого етапу" belongs to its 5%, not to its 70%
    source = ("70% дітей пройшли вакцинацію від поліомієліту – МОЗ 23.12.2015 Це на 5% більше "
              "ніж під час першого етапу імунізації. Під час другої хвилі імунізації проти "
              "поліоміеліту вакцинували 70% дітей віком від двох місяців до шести років.")
    result = match_claim(claim, source, "uk")
    assert result.found is found, result.message


def test_a_revised_toll_is_not_the_initial_one():
    source = ("At least 35 people died Thursday after a ferry capsized, officials said. "
              "Authorities initially said at least 36 people died, but later revised the number.")
    result = match_claim("Authorities later revised the toll to at least 36 dead.", source, "en")
    assert result.found is False, result.message
    assert "an earlier count" in result.message


_MOSCOW = ("Александр Матвейчук из Одессы стал победителем среди мужчин на Московском марафоне. "
           "Всего в марафоне участвовало более семи тысяч человек.")


@pytest.mark.parametrize("claim, found", [
    ("More than seven thousand people took part in the Moscow marathon.", True),
    ("More than seven thousand people took part in the St Petersburg marathon.", False),
])
def test_a_place_the_page_gives_the_same_thing_another_name_of(claim, found):
    result = match_claim(claim, _MOSCOW, "ru")
    assert result.found is found, result.message
    if not found:
        assert "in Московском; the page does not name St Petersburg there" in result.message


@pytest.mark.parametrize("claim, found", [
    ("The Carolabrücke in Dresden was in the middle of a renovation budgeted at 20.7 million "
     "euros.", True),
    ("The Carolabrücke in Leipzig was in the middle of a renovation budgeted at 20.7 million "
     "euros.", False),
])
def test_a_named_thing_the_page_puts_in_another_place(claim, found):
    source = ("Der Teileinsturz der Carolabrücke in Dresden führte vielen Menschen vor Augen, wie "
              "marode die Infrastruktur ist.\nDabei steckte die Brücke gerade mitten in einer "
              "Sanierung, für die insgesamt 20,7 Millionen Euro veranschlagt waren.")
    result = match_claim(claim, source, "de")
    assert result.found is found, result.message
    if not found:
        assert "in Dresden; the page does not name Leipzig there" in result.message


def test_a_place_the_page_names_in_another_form_is_not_another():
    source = ("В нескольких населенных пунктах Запорожской области произошло отключение "
              "электроэнергии. Накануне в Пензенской области жители столкнулись с отключением "
              "света. Без света остались более 19 тысяч домов.")
    result = match_claim("In the Penza region more than 19,000 houses were left without power.",
                         source, "ru")
    assert result.found is True, result.message


@pytest.mark.parametrize("claim, found", [
    ("More than 3,500 runners took part in the fifth Kyiv International Marathon.", True),
    ("More than 3,500 runners took part in the fourth Kyiv International Marathon.", False),
])
def test_an_edition_the_page_gives_in_roman_numerals(claim, found):
    source = ("У V Київському міжнародному марафоні, який відбувся у вихідні, взяли участь "
              "понад 3500 бігунів з 32 країн світу.")
    result = match_claim(claim, source, "uk")
    assert result.found is found, result.message


@pytest.mark.parametrize("claim, found", [
    ("52,812 runners crossed the finish line of the New York Marathon.", True),
    ("52,812 runners crossed the finish line of the Tokyo Marathon.", False),
])
def test_the_place_an_event_is_named_after(claim, found):
    source = ("Der New-York-Marathon stellte 2018 einen neuen Rekord auf: 53.121 Menschen "
              "starteten und sagenhafte 52.812 Läufer überquerten die Ziellinie im Central Park.")
    result = match_claim(claim, source, "de")
    assert result.found is found, result.message
    if not found:
        assert "the page does not name Tokyo there" in result.message


@pytest.mark.parametrize("claim, found", [
    ("More than 3,500 runners took part in the Kyiv International Marathon.", True),
    ("More than 3,500 runners took part in the Kharkiv International Marathon.", False),
])
def test_the_place_of_an_event_past_the_words_of_its_name(claim, found):
    source = ("У V Київському міжнародному марафоні, який відбувся у вихідні, взяли участь "
              "понад 3500 бігунів з 32 країн світу.")
    result = match_claim(claim, source, "uk")
    assert result.found is found, result.message


@pytest.mark.parametrize("claim, found", [
    ("Nearly 9,000 runners will take part in the Marrakech International Marathon.", True),
    ("Nearly 9,000 runners will take part in the Casablanca International Marathon.", False),
])
def test_the_place_a_page_names_after_the_event_without_capitals(claim, found):
    source = ("تستعد المغرب لاستضافة ماراثون مراكش الدولي، الأكبر من نوعه في أفريقيا، يوم 27 "
              "الشهر الجاري، بمشاركة ما يقرب من 9 آلاف عداء، من الرياضيين المحترفين والهواة.")
    result = match_claim(claim, source, "ar")
    assert result.found is found, result.message
    if not found:
        assert "in مراكش; the page does not name Casablanca there" in result.message


_FERRY = ("Бүгін Көлік министрі Марат Қарабаев премьер-министрге көпір құрылысы аяқталғаны "
          "туралы баяндады.\n«Аймақта тұрғындар 50 жыл бойы жазда не пароммен, қыста мұз "
          "үстімен жүргенін білесіздер», — деп атап өтті Премьер-министр Олжас Бектенов.")


@pytest.mark.parametrize("claim, found", [
    ("Prime Minister Olzhas Bektenov said residents had crossed by ferry for 50 years.", True),
    ("Transport minister Marat Karabayev said residents had crossed by ferry for 50 years.",
     False),
])
def test_a_quotation_is_its_speakers(claim, found):
    result = match_claim(claim, _FERRY, "kk")
    assert result.found is found, result.message


def test_a_quotation_whose_speaker_looks_back_is_the_one_named_before():
    source = ("В Бурятии при столкновении автобуса с грузовиком пострадали 12 человек, в том "
              "числе четверо детей, сообщили РБК в пресс-службе Минздрава. «Госпитализированы "
              "пять пострадавших — все они в состоянии средней тяжести, их жизни ничто не "
              "угрожает. Семь пострадавших получили медицинскую помощь амбулаторно», — уточнили "
              "в ведомстве.")
    result = match_claim("Five of the injured were hospitalised in a moderately serious "
                         "condition, the health ministry said.", source, "ru")
    assert result.found is True, result.message


@pytest.mark.parametrize("claim, source, lang, found", [
    ("Mudryk's salary was reported to be €7.5 million a year.",
     "Раніше повідомлялося, що зарплата Мудрика становитиме €7,5 млн на рік.", "uk", True),
    ("Mudryk's salary was reported to be €7.5 million a month.",
     "Раніше повідомлялося, що зарплата Мудрика становитиме €7,5 млн на рік.", "uk", False),
    ("The bridge can carry 80,000 vehicles a day.",
     "Көпір тәулігіне 80 мың көлік өткізе алады.", "kk", True),
    ("The bridge can carry 80,000 vehicles a month.",
     "Көпір тәулігіне 80 мың көлік өткізе алады.", "kk", False),
    ("The station is used by 19,000 people a week.",
     "Станцией пользуются в среднем 19 тыс. человек в день.", "ru", False),
    ("Up to 400,000 people a day crowd onto the grounds.",
     "Bis zu 400.000 Menschen pro Tag drängen auf das Areal.", "de", True),
    ("Up to 400,000 people a year crowd onto the grounds.",
     "Bis zu 400.000 Menschen pro Tag drängen auf das Areal.", "de", False),
])
def test_a_rate_is_counted_over_its_own_time(claim, source, lang, found):
    """A sum or a count per day is not the same figure per week, month or year: where both
    the claim and the page say what time the figure is counted over, they must agree."""
    result = match_claim(claim, source, lang)
    assert result.found is found, result.message
    if not found:
        assert result.outcome == "other_referent" and "per " in result.message, result.message


def test_a_day_after_is_no_rate():
    """"a day after the march" dates the count; it says nothing of a rate per day."""
    result = match_claim("Police detained 40 people a day after the march.",
                         "Полиция задержала 40 человек в год.", "ru")
    assert result.found, result.message


def _first(claim: str, source: str, lang: str):
    figure = claim_figures(claim)[0].mention
    return match_figure(figure, claim, SourceIndex(source, lang))


_SURVEY = "Авиаучет сайгаков в этом году провели с 15 апреля по 5 мая."
_RAID = "Инспекция 20-21 мамырда Форт-Шевченко қаласында рейд жүргізді."


@pytest.mark.parametrize("claim, source, lang, found", [
    ("The survey was carried out from 15 April to 5 May.", _SURVEY, "ru", True),
    ("The survey was carried out from 15 April to 15 May.", _SURVEY, "ru", False),
    ("The raid was carried out on 20-21 May.", _RAID, "kk", True),
    ("The raid was carried out on 21-22 May.", _RAID, "kk", False),
    ("The wolf population is estimated at 560–580.",
     "La population de loups est estimée à 560-580 individus.", "fr", True),
    ("The wolf population is estimated at 560–600.",
     "La population de loups est estimée à 560-580 individus.", "fr", False),
])
def test_an_end_of_a_range_is_found_only_in_the_same_range(claim, source, lang, found):
    """A range's start (or end) is found in the page's range only when the page's number is
    the same end of it and the other ends agree: the "21" of "21-22 May" is not the end of
    "20-21 мамырда", "15 April to 15 May" is not "с 15 апреля по 5 мая"."""
    result = _first(claim, source, lang)
    assert result.found is found, result.message
    if not found:
        assert result.outcome == "other_referent" and " of “" in result.message, result.message


def test_a_single_day_within_a_pages_range_is_still_read_as_before():
    """Only a claim's range is held to the page's: "on 21 May" for "20-21 мамырда" is
    judged as it was (a claim's day is not asked to be a range)."""
    result = _first("The raid was carried out on 21 May.", _RAID, "kk")
    assert result.found, result.message


_TRANSFERS = ("Für 222 Millionen Euro Ablöse wechselte Neymar vom FC Barcelona zu Paris St. "
              "Germain. Nur eine Saison später holten sie für 180 Mio. Euro den französischen "
              "Mittelstürmer Kylian Mbappé vom AS Monaco.")
_MALCOM = ("وضم الهلال المهاجم البرازيلي مالكوم (26 عاما) من زينيت بطرسبورغ الروسي مقابل 60 مليون "
           "يورو، في أغلى صفقة في تاريخ الدوري الروسي الممتاز.")
_WIESN = ("Das Wiesn-Gelände hat 34,5 Hektar - wenig für die riesige Besucherzahl. Bis zu 400.000 "
          "Menschen drängen an einem starken Tag auf das Areal der Wiesn.")
_SWAP = ("Россия и Украина 24 августа провели обмен пленными в формате «146 на 146». В числе "
         "освобожденных — восемь мирных жителей Курской области.")
_RECORD = ("Цей перехід побив трансферний рекорд Андрія Шевченка до того ж Челсі з Мілана за "
           "€43,88 млн у 2006 році.")


@pytest.mark.parametrize("claim, source, lang, found", [
    ("Paris Saint-Germain paid 180 million euros to AS Monaco for Kylian Mbappé.",
     _TRANSFERS, "de", True),
    ("Paris Saint-Germain paid 180 million euros to FC Barcelona for Kylian Mbappé.",
     _TRANSFERS, "de", False),
    ("Al-Hilal signed Malcom from Zenit St Petersburg for 60 million euros.", _MALCOM, "ar", True),
    ("Al-Hilal signed Malcom from Wolverhampton for 60 million euros.", _MALCOM, "ar", False),
    ("Shevchenko's move from Milan to Chelsea cost €43.88 million.", _RECORD, "uk", True),
    ("Shevchenko's move from Dynamo Kyiv to Milan cost €43.88 million.", _RECORD, "uk", False),
    # past "the", and after "into" or "onto"
    ("Up to 400,000 people crowd onto the Wiesn grounds on a busy day.", _WIESN, "de", True),
    ("Up to 400,000 people crowd into the Hofbräu tent on a busy day.", _WIESN, "de", False),
    ("Eight civilians from the Kursk region were among those freed.", _SWAP, "ru", True),
    ("Eight civilians from the Belgorod region were among those freed.", _SWAP, "ru", False),
])
def test_a_routes_ends_are_named_in_the_figures_sentence(claim, source, lang, found):
    """A claim's figure given "from" or "to" a place or a club (a transfer, a route) is found
    only where the page names that end in the number's sentence: not where it names it
    only in another sentence, for another figure (FC Barcelona, Neymar's), nor nowhere (a
    route's end is no dateline place the page leaves unsaid)."""
    result = match_claim(claim, source, lang)
    assert result.found is found, result.message
    if not found:
        assert result.outcome == "unchecked" and ("where the number stands" in result.message
                                                  or "does not name" in result.message)


@pytest.mark.parametrize("source, found", [
    ("За 2017 рік Київський метрополітен перевіз 498 мільйонів 400 тисяч пасажирів. Про це "
     "повідомили у прес-службі підземки.", False),
    ("За словами мера Києва Віталія Кличка, за 2017 рік Київський метрополітен перевіз 498 "
     "мільйонів 400 тисяч пасажирів.", True),
])
def test_a_source_is_the_person_an_office_names_not_its_place(source, found):
    """"Kyiv mayor Vitali Klitschko" gave the figure: the page's "Київський метрополітен"
    names Kyiv, not the mayor; the source is the name after the office word."""
    result = match_claim("According to Kyiv mayor Vitali Klitschko, the Kyiv metro carried "
                         "498.4 million passengers in 2017.", source, "uk")
    assert result.found is found, result.message
    if not found:
        assert "Vitali Klitschko" in result.message, result.message


@pytest.mark.parametrize("claim, source, lang", [
    # a month's name in the page's language before the year, whatever that language
    ("The previous record had been reached in January 2011.",
     "Der bisherige Rekord war im Januar 2011 mit 7,70 Metern erreicht worden.", "de"),
    ("The painting was sold in June 2022.",
     "Нагадаємо, що у червні 2022 р. картину продали на аукціоні.", "uk"),
    # a language with no data file of its own: its month names are CLDR's
    ("Mahruki and Sevgül set out for Everest on 30 March.",
     "Enerjini Doğru Kullan sloganı ile 30 Mart'ta yola çıkan ikili zirveye ulaştı.", "tr"),
    ("He reached the summit on 22 May 2024.",
     "22 Mayıs 2024’te saat 05.00'te Everest’in zirvesine çıktım.", "tr"),
    ("The festival opened on 12 May 2020.", "Il festival si è aperto il 12 maggio 2020.", "it"),
    # the language's words before or after the number that make it a year
    ("Italy's second win came in 1990.", "La seconda vittoria arrivò nel 1990 con Toto Cutugno.",
     "it"),
    ("The first mountain he climbed, in 2001, was Everest.",
     "2001 yılında ilk çıktığım dağ Everest’ti.", "tr"),
    ("He reached the summit in 2024.", "Zirveye 2024 ' te ulaştım.", "tr"),
])
def test_a_date_or_year_is_read_in_the_pages_language(claim, source, lang):
    result = match_first(claim, source, lang)
    assert result.outcome == "found", result.message


def test_another_day_in_a_language_without_a_data_file_is_not_found():
    result = match_first("They set out for Everest on 30 March.",
                         "İkili 31 Mart'ta yola çıktı.", "tr")
    assert result.found is False
    assert result.message == "“30 March” is not on the page; it says “31 Mart”"


@pytest.mark.parametrize("source, lang", [
    ("A segunda vitória chegou em 1990 com Toto Cutugno.", "pt"),
    ("Druga wygrana przyszła w 1990 roku.", "pl"),
])
def test_a_year_on_the_page_not_read_as_one_is_never_said_to_be_absent(source, lang):
    # the four digits are there: "not on the page" would be false, and "found" unproven
    result = match_first("Italy's second win came in 1990.", source, lang)
    assert result.outcome == "unchecked"
    assert result.message.endswith("but it could not be told that it is a year there")
    assert result.evidence and result.source_text in result.evidence


@pytest.mark.parametrize("claim, source, lang, outcome, message", [
    ("The previous record had been reached in March 2011.",
     "Der bisherige Rekord war im Januar 2011 mit 7,70 Metern erreicht worden.", "de",
     "other_referent", "“2011” is on the page as “2011”, but of January, not of March"),
    ("The record was set in March 2011.", "The record was set in 2011.", "en", "unchecked",
     "“2011” is on the page as “2011”, but with no month: the page does not say it is March"),
    ("The record was set in 2011.", "The record was set in March 2011.", "en", "found",
     "“2011” is on the page as “2011”"),
    # the month of a date the page writes in figures
    ("The record was set in March 2011.", "Der Rekord wurde am 05.03.2011 aufgestellt.", "de",
     "found", "“2011” is on the page as “05.03.2011”"),
    ("The record was set in March 2011.", "Der Rekord wurde am 05.01.2011 aufgestellt.", "de",
     "other_referent", "“2011” is on the page as “05.01.2011”, but of January, not of March"),
])
def test_the_month_a_claim_gives_its_year_is_the_pages(claim, source, lang, outcome, message):
    result = match_first(claim, source, lang)
    assert (result.outcome, result.message) == (outcome, message)


_ACCEPTANCE = ("Бірінші сынып оқушыларының құжатын қабылдау 1 сәуірде басталып, 1 тамызға "
               "дейін жалғасады.")


@pytest.mark.parametrize("claim, source, lang, outcome, message", [
    ("Acceptance of documents ends on 1 April.", _ACCEPTANCE, "kk", "other_referent",
     "“1 April” is on the page as “1 сәуірде”, but as the day something begins (“басталып”), "
     "not the day it ends (“ends”)"),
    ("Acceptance of documents began on 1 August.", _ACCEPTANCE, "kk", "other_referent",
     "“1 August” is on the page as “1 тамызға”, but as the day something ends (“дейін”), "
     "not the day it begins (“began”)"),
    ("Acceptance of documents began on 1 April.", _ACCEPTANCE, "kk", "found",
     "“1 April” is on the page as “1 сәуірде”"),
    ("Acceptance of documents continues until 1 August.", _ACCEPTANCE, "kk", "found",
     "“1 August” is on the page as “1 тамызға”"),
    ("Schools began accepting documents on 31 August.",
     "Мектептер құжаттарды 31 тамызға дейін қабылдайды.", "kk", "other_referent",
     "“31 August” is on the page as “31 тамызға”, but as the day something ends (“дейін”), "
     "not the day it begins (“began”)"),
    # the until between two dates is the second's: the first is no end
    ("Registration began on 1 April.", "Registration runs from 1 April until 1 August.", "en",
     "found", "“1 April” is on the page as “1 April”"),
    ("Registration ended on 1 April.", "Registration began on 1 April.", "en",
     "other_referent", "“1 April” is on the page as “1 April”, but as the day something "
     "begins (“began”), not the day it ends (“ended”)"),
    # a page that says neither: as today
    ("Registration ended on 1 April.", "Registration: 1 April.", "en", "found",
     "“1 April” is on the page as “1 April”"),
])
def test_the_day_something_begins_is_not_the_day_it_ends(claim, source, lang, outcome,
                                                          message):
    result = match_first(claim, source, lang)
    assert (result.outcome, result.message) == (outcome, message)


_TICKETS = "Выставка открылась 7 марта, а билеты поступили в продажу 11 февраля."


@pytest.mark.parametrize("claim, source, lang, outcome, message", [
    # what the page says happens on the date is not what the claim says happens on it
    ("The forest fire in Kostanay district was put out on 8 July.",
     "Өрт 8 шілде күні сағат 10:40-та басталған.", "kk", "other_referent",
     "“8 July” is on the page as “8 шілде”, but as the day something begins (“басталған”), "
     "not the day it ends (“put out”)"),
    ("The World Games opened in Cali on 5 August.",
     "5 августа в Кали (Колумбия) завершились Всемирные игры.", "ru", "other_referent",
     "“5 August” is on the page as “5 августа”, but as the day something ends (“завершились”), "
     "not the day it begins (“opened”)"),
    ("The National Assembly adopted the bill on 30 March.",
     "Il sera examiné par le Sénat à partir du 30 mars.", "fr", "other_referent",
     "“30 March” is on the page as “30 mars”, but as the day something is examined "
     "(“examiné”), not the day it is adopted (“adopted”)"),
    ("The Save Our NHS demonstration took place on 8 June.",
     "On 8 June, NHS England published the latest figures on waiting lists.", "en",
     "other_referent", "“8 June” is on the page as “8 June”, but as the day something is "
     "published (“published”), not the day it takes place (“took place”)"),
    # in a sentence that dates two things, each date's own part says what happens on it
    ("Tickets went on sale on 7 March.", _TICKETS, "ru", "other_referent",
     "“7 March” is on the page as “7 марта”, but as the day something begins (“открылась”), "
     "not the day it goes on sale (“on sale”)"),
    ("The exhibition opened on 7 March.", _TICKETS, "ru", "found", "“7 March” is on the page as "
     "“7 марта”"),
    ("Tickets went on sale on 11 February.", _TICKETS, "ru", "found",
     "“11 February” is on the page as “11 февраля”"),
    # a sentence that dates one thing: all it says happens, happens that day
    ("At a meeting on 14 March, Russia's Hajj mission announced the tour operators.",
     "На совещании, прошедшем 14 марта в Совете Федерации, Хадж-миссия России огласила "
     "список туроператоров.", "ru", "found", "“14 March” is on the page as “14 марта”"),
    # a deadline is the day something ends, not the day a meeting takes place
    ("The deadline for documents is 1 August.", _ACCEPTANCE, "kk", "found",
     "“1 August” is on the page as “1 тамызға”"),
    ("14 March is the deadline for applications for charter flights.",
     "На совещании, прошедшем 14 марта в Совете Федерации, Хадж-миссия России огласила "
     "список туроператоров.", "ru", "other_referent", "“14 March” is on the page as “14 "
     "марта”, but as the day something is announced (“огласила”), not the day it is due "
     "(“deadline”)"),
    # what takes place begins and ends on its days
    ("The festival took place on 7 March.", "Le festival a commencé le 7 mars.", "fr", "found",
     "“7 March” is on the page as “7 mars”"),
    # a page (or a claim) that says nothing of what happens: as today
    ("The exhibition opened on 7 March.", "Die Ausstellung, 7. März, Berlin.", "de", "found",
     "“7 March” is on the page as “7. März”"),
    ("The exhibition is dated 7 March.", _TICKETS, "ru", "found",
     "“7 March” is on the page as “7 марта”"),
])
def test_what_happens_on_a_date_is_what_the_claim_says_happens(claim, source, lang, outcome,
                                                               message):
    result = match_first(claim, source, lang)
    assert (result.outcome, result.message) == (outcome, message)


_HEAT = ("Der Deutsche Wetterdienst bestätigt den neuen Temperaturrekord von 42,6 °C, gemessen am "
         "25. Juli 2019 an der Wetterstation Lingen. Einen Tag vor der Messung in Lingen wurde "
         "der Allzeitrekord bereits in Geilenkirchen gebrochen. Die Temperaturen erreichten dort "
         "40,5 Grad. Der bisherige Rekord von 40,3 Grad stammt aus dem Jahr 2015.")


@pytest.mark.parametrize("claim, outcome, message", [
    ("The 40.5 degrees in Geilenkirchen were measured on 25 July 2019.", "other_referent",
     "“25 July 2019” is on the page as “25. Juli 2019”, but as the date of “42,6 °C”, not of "
     "“40.5 degrees”"),
    ("The record 42.6 °C was measured on 25 July 2019.", "found",
     "“25 July 2019” is on the page as “25. Juli 2019”"),
    ("The previous record of 40.2 degrees dates from 2015.", "other_referent",
     "“2015” is on the page as “2015”, but as the date of “40,3 Grad”, not of “40.2 degrees”"),
    ("The previous record of 40.3 degrees dates from 2015.", "found",
     "“2015” is on the page as “2015”"),
    # a claim that measures nothing with its date: as today
    ("A new record was measured on 25 July 2019.", "found",
     "“25 July 2019” is on the page as “25. Juli 2019”"),
])
def test_a_date_the_page_gives_another_measurement_is_not_the_claims(claim, outcome, message):
    figure = next(f.mention for f in claim_figures(claim) if f.mention.kind in ("date", "year"))
    result = match_figure(figure, claim, SourceIndex(_HEAT, "de"))
    assert (result.outcome, result.message) == (outcome, message)


_RECORDS = ("Berlin (dpa) - Am 7. August 2015 wurden im fränkischen Kitzingen 40,3 Grad gemessen. "
            "Vor dem Jahr 2015 waren 40,2 Grad der Höchstwert: gemessen am 27. Juli 1983 in "
            "Gärmersdorf, außerdem am 13. August 2003 in Karlsruhe und in Freiburg.")


@pytest.mark.parametrize("claim, found, message", [
    # the stop of "27. Juli" ends no sentence: Gärmersdorf is that date's place
    ("40.2 degrees was measured in Gärmersdorf on 27 July 1983.", True,
     "“27 July 1983” is on the page as “27. Juli 1983”"),
    ("On 13 August 2003, 40.2 degrees was measured in Karlsruhe and in Freiburg.", True,
     "“13 August 2003” is on the page as “13. August 2003”"),
    ("On 13 August 2003, 40.2 degrees was measured in Gärmersdorf.", False,
     "“13 August 2003” is on the page as “13. August 2003”, but not for Gärmersdorf: the page "
     "names Gärmersdorf with another figure"),
])
def test_a_date_written_with_a_stop_is_in_the_place_its_sentence_names(claim, found, message):
    figure = next(f.mention for f in claim_figures(claim) if f.mention.kind == "date")
    result = match_figure(figure, claim, SourceIndex(_RECORDS, "de"))
    assert (result.found, result.message) == (found, message)


def test_a_german_sentence_that_names_its_own_place_is_not_in_the_place_before():
    # German capitalises every noun: "in Gärmersdorf" says the sentence's place is its own
    result = match_first("40.2 degrees was measured in Kitzingen.", _RECORDS, "de")
    assert result.outcome == "other_referent"
    assert result.message == ("“40.2” is on the page as “40,2”, but not for Kitzingen: the page "
                              "names Kitzingen with another figure")


def test_an_organisation_is_not_left_behind_by_a_sentence_that_names_a_place():
    # the Red Cross acts in many places: "in Donauwörth" does not end the sentences it is in
    source = ("Seit Montag sind 2.500 Helfer des Bayerischen Roten Kreuzes (BRK) im Einsatz. Das "
              "BRK hat Helfer hinzugezogen, um 1.500 Menschen in Donauwörth zu betreuen. Zudem "
              "wurden 90 Menschen, die einen Campingplatz bei Grainau verlassen mussten, durch "
              "das Rote Kreuz versorgt.")
    result = match_first("The Red Cross cared for 90 people who had to leave a campsite near "
                         "Grainau.", source, "de")
    assert result.found, result.message


def test_a_german_place_after_a_locative_and_an_adjective_is_its_sentences_own():
    # "im kalifornischen Death Valley": the sentence names its own place, so it is not
    # in Catenanuova, named the sentence before
    source = ("Europas Hitzerekord hält seit 1999 mit 48,5 Grad das italienische Catenanuova auf "
              "Sizilien. Den Weltrekord hält eine Farm im kalifornischen Death Valley: Am 10. "
              "Juli 1913 sollen dort 56,7 Grad gemessen worden sein.")
    result = match_first("56.7 degrees were measured in Catenanuova, Europe's heat record.",
                         source, "de")
    assert result.outcome == "other_referent"
    assert result.message == ("“56.7” is on the page as “56,7”, but not for Catenanuova: the "
                              "page names Catenanuova with another figure")


def test_the_stop_a_number_ends_with_may_end_its_sentence():
    # "тыс." ends the number and its sentence: the next sentence's region is not this figure's
    source = ("В Тульской области число краж выросло в регионе на 3,7 тыс. В Курской области "
              "зафиксировано на 1,9 тыс. краж больше.")
    result = match_first("In the Kursk region the number of thefts grew by 3.7 thousand.",
                         source, "ru")
    assert result.outcome == "other_referent", result.message
    assert not match_first("In the Tula region the number of thefts grew by 3.7 thousand.",
                           source, "ru").outcome == "other_referent"
