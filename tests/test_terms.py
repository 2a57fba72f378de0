"""Key terms of a claim (names, quotes, content words) looked for across languages and
scripts; the footnote's own title and date; a page dated after the document."""

from __future__ import annotations

import json

import jsonschema
import pytest

from citecheck.check.cited import date_match, published_after, title_match
from citecheck.check.terms import PageText, _one_script, claim_terms, key_terms, match_terms
from citecheck.document import note_metadata
from citecheck.renderers._text import fragment_url
from conftest import ROOT, SCHEMA, article, citations, write_letter

NOTE_4 = ("We are also deeply concerned by reports that KAZBAT security forces trained by the "
          "United States to participate in international peacekeeping missions were deployed "
          "during January, wearing UN peacekeeping helmets")


def outcomes(claim: str, text: str, lang: str) -> dict[str, tuple[str, str | None]]:
    return {r.text: (r.outcome, r.as_) for r in match_terms(claim_terms(claim), PageText(text, lang))}


def test_the_key_terms_of_the_seed_letters_note_4():
    terms = {t.text: t.kind for t in claim_terms(NOTE_4)}
    assert {k for k, v in terms.items() if v == "name"} == {"KAZBAT", "United States", "UN"}
    assert {"trained", "peacekeeping", "deployed", "helmets"} <= set(terms)
    # Words that frame the claim carry nothing to check; a month is a date, not a name.
    assert not {"deeply", "concerned", "reports", "participate", "January"} & set(terms)


def test_a_figures_own_words_are_not_a_term_again():
    # "eight" is note [2]'s figure: checked as a figure, with what it counts, not as a word.
    assert [t.text for t in claim_terms("including eight deaths in custody")] == [
        "deaths", "custody"]
    assert "hundred" not in {t.text for t in claim_terms("two hundred people were detained")}



def test_a_claims_words_are_read_once_for_both_kinds_of_its_terms(monkeypatch):
    # A page's figure checks ask for the claim's terms word by word, its key-term check
    # for them with phrases joined: the claim's names and words are worked out once.
    from citecheck.check import terms

    calls = []
    names = terms._names
    monkeypatch.setattr(terms, "_names", lambda *a: calls.append(a[0]) or names(*a))
    claim = "On Monday the Haldane Fund counted 4,412 refrigerated container ships in Oslo"
    assert [t.text for t in claim_terms(claim)] != [t.text for t in key_terms(claim)]
    assert "refrigerated container ships" in {t.text for t in key_terms(claim)}
    assert calls == [claim]


def test_a_page_is_tokenised_once_for_the_figures_names_and_the_claims_key_terms(monkeypatch):
    # The figure check looks for the claim's "Germany" on the page as the key-term matcher
    # reads it (Deutschland); the key-term check then reads the same tokens, not its own.
    from citecheck import pipeline
    from citecheck.capture import Capture
    from citecheck.check import terms

    pages = []
    tokenise = terms.PageText.__init__
    monkeypatch.setattr(terms.PageText, "__init__",
                        lambda self, text, *a: pages.append(text) or tokenise(self, text, *a))
    body = ("<html lang='de'><body><article><h1>Proteste in Deutschland</h1><p>Die Polizei hat "
            "am Montag in Deutschland 234 Demonstranten festgenommen, teilte das "
            "Innenministerium mit. Die Proteste dauerten bis in die Nacht.</p><p>In Berlin "
            "wurden weitere 40 Menschen verletzt, sagte ein Sprecher der Polizei.</p>"
            "</article></body></html>").encode()
    claim = "Police in Germany detained 234 protesters on Monday."
    page = pipeline._read(Capture(url="https://example.org/a", final_url="https://example.org/a",
                                  status=200, headers={"content-type": "text/html"},
                                  content=body), [claim])
    assert [m.outcome for m in page.matches[claim]] == ["found"]
    assert {t.text: t.outcome for t in page.terms[claim]}["Germany"] == "found"
    text = next(t for t in pages if "Demonstranten" in t and "Berlin" in t)
    assert pages.count(text) == 1

@pytest.mark.parametrize("claim, text, lang, term, seen", [
    ("President Tokayev ordered troops to shoot", "Президент Токаева критиковали.", "ru",
     "Tokayev", "Токаева"),
    ("protests in Almaty", "Алматыда наразылық болды.", "kk", "Almaty", "Алматыда"),
    ("Azhar Giniyat spoke", "Әжар Ғиният сотқа шағымданды.", "kk", "Azhar Giniyat", "Әжар Ғиният"),
    ("Azhar Giniyat spoke", "Ajar Guiniat a témoigné.", "fr", "Azhar Giniyat", "Ajar Guiniat"),
    ("wearing UN helmets", "в касках ООН", "ru", "UN", "ООН"),
    ("wearing UN helmets", "БҰҰ-ның дулығаларын киген", "kk", "UN", "БҰҰ"),
    ("wearing UN helmets", "portant des casques de l'ONU", "fr", "UN", "ONU"),
    ("CSTO troops arrived", "Войска ОДКБ прибыли.", "ru", "CSTO", "ОДКБ"),
    ("the KNB detained him", "Комитет национальной безопасности задержал его.", "ru", "KNB",
     "Комитет национальной безопасности"),
    ("Tokayev said", "وقال الرئيس قاسم جومارت توكاييف", "ar", "Tokayev", "توكاييف"),
    ("the United States trained them", "обученные США", "ru", "United States", "США"),
    ("troops from Russia", "Truppen aus Russland", "de", "Russia", "Russland"),
    # Ukrainian romanisation writes г as h: Oleh is Олег, Hryhorii is Григорій
    ("Oleh Hudyma resigned", "Олег Гудима подав у відставку.", "uk", "Oleh Hudyma",
     "Олег Гудима"),
    # an inflected name or its adjective loses the final vowel of the claim's spelling
    ("police in Cherkasy", "поліція Черкаської області", "uk", "Cherkasy", "Черкаської"),
    ("a court in Kropyvnytskyi", "суд у Кропивницькому", "uk", "Kropyvnytskyi",
     "Кропивницькому"),
    ("Kostiantyn Solovei was sentenced", "засудили Костянтина Солов’я", "uk",
     "Kostiantyn Solovei", "Костянтина Солов"),
    ("Bakhytzhan Toregozhina said", "сообщила Бахытжан Торегожиной", "ru",
     "Bakhytzhan Toregozhina", "Бахытжан Торегожиной"),
    # French writes u as ou: Zhumageldiev is Djoumagueldïev
    ("Arman Zhumageldiev was sentenced", "Arman Djoumagueldïev a été condamné", "fr",
     "Arman Zhumageldiev", "Arman Djoumagueldïev"),
    # Arabic writes Almaty by its old name too, in two words
    ("people died in Almaty", "قتلى في مدينة ألما آتا", "ar", "Almaty", "ألما آتا"),
    # names made of words are translated, from the language files
    ("a vigil on Republic Square", "Республика алаңына жиналды", "kk", "Republic Square",
     "Республика алаңына"),
    ("victims of Bloody January", "Қанды қаңтарда қаза тапқандар", "kk", "Bloody January",
     "Қанды қаңтарда"),
    ("the Health Ministry said", "قالت وزارة الصحة", "ar", "Health Ministry", "وزارة الصحة"),
    ("they read the Koran", "Құран оқыды", "kk", "Koran", "Құран"),
    # courts, agencies and parties by the names the language gives them
    ("the Supreme Court closed it", "по решению Верховного суда", "ru", "Supreme Court",
     "Верховного суда"),
    ("the Court of Cassation rejected it", "رفضت محكمة التمييز الطعن", "ar", "Court of Cassation",
     "محكمة التمييز"),
    ("the SBU detained him", "СБУ затримала його", "uk", "SBU", "СБУ"),
    ("United Russia lost", "партия «Единая Россия» проиграла", "ru", "United Russia",
     "Единая Россия"),
    ("two of the oldest NGOs", "две старейшие НКО", "ru", "NGOs", "НКО"),
    # an adjective of nationality, as CLDR names the language in the page's language
    ("Chinese units arrived", "Прибыли китайские подразделения.", "ru", "Chinese", "китайские"),
    ("Chinese units arrived", "وصلت وحدات صينية", "ar", "Chinese", "صينية"),
    ("Chinese units arrived", "Қытай әскерлері келді", "kk", "Chinese", "Қытай"),
])
def test_a_name_is_found_across_scripts_equivalents_and_inflection(claim, text, lang, term, seen):
    assert outcomes(claim, text, lang)[term] == ("found", seen)


@pytest.mark.parametrize("claim, text, lang, term, seen", [
    ("wearing UN peacekeeping helmets", "Солдаты были в касках.", "ru", "helmets", "касках"),
    ("security forces trained by the United States", "Бойцы, обученные инструкторами", "ru",
     "trained", "обученные"),
    ("allegations of torture", "Foltervorwürfe gegen die Polizei", "de", "torture",
     "Foltervorwürfe"),
    ("peacekeeping missions", "قوات حفظ السلام", "ar", "peacekeeping", "حفظ السلام"),
    ("the helmets they wore", "Полицейские в шоломах", "uk", "helmets", "шоломах"),
    # the hand-kept lexicons' news words (courts, crimes, protests, the press), each with
    # its usual synonyms, normalised like the page's words
    ("the court acquitted him", "Суд оправдал активиста.", "ru", "acquitted", "оправдал"),
    ("a curfew was imposed", "Se impuso el toque de queda.", "es", "curfew", "toque de queda"),
    ("looting in the city", "У місті почалося мародерство.", "uk", "looting", "мародерство"),
    ("cases of kidnapping", "des affaires d'enlèvement", "fr", "kidnapping", "enlèvement"),
    ("journalists from local media", "Журналісти місцевих ЗМІ.", "uk", "media", "ЗМІ"),
    ("a municipal deputy", "статус муниципального депутата", "ru", "deputy", "депутата"),
    # Arabic words by simplemma's lemmas too: a broken plural, a verb's feminine past
    ("units arrived", "وصلت وحدات من الجيش", "ar", "units", "وحدات"),
    ("the ministry announced", "أعلنت الوزارة", "ar", "announced", "أعلنت"),
    # Spanish and French too: a verb whose stem changes (impedir, impiden)
    ("troops prevent access", "Las tropas impiden el acceso.", "es", "prevent", "impiden"),
    # disasters, family, the courts' acts
    ("firefighters rescued them", "Die Feuerwehr hat sie gerettet.", "de", "rescued", "gerettet"),
    ("two men drowned", "Двое мужчин утонули.", "ru", "drowned", "утонули"),
    ("his mother confirmed", "أكدت والدته الخبر", "ar", "mother", "والدته"),
    ("the court upheld the sentence", "وأيدت المحكمة الحكم", "ar", "upheld", "وأيدت"),
    ("the hearing was postponed", "Das Verfahren wurde vertagt.", "de", "postponed", "vertagt"),
    ("police fired tear gas", "La policía lanzó gases lacrimógenos.", "es", "tear gas",
     "gases lacrimógenos"),
    ("the earthquake destroyed homes", "هدم الزلزال المنازل", "ar", "earthquake", "الزلزال"),
    ("the occupiers paid him", "окупанти платили йому", "uk", "occupiers", "окупанти"),
    # a defender is no defendant, though their English stems meet (defend)
    ("the lawyer was the last of his defenders", "последним из защитников", "ru", "defenders",
     "защитников"),
])
def test_a_content_word_is_found_through_the_languages_words_for_it(claim, text, lang, term, seen):
    assert outcomes(claim, text, lang)[term] == ("found", seen)


def test_absent_names_and_words_are_not_found_and_look_alikes_do_not_count():
    said = outcomes("Nazarbayev met CSTO and UN officials", "Il y a un soldat de l'OTAN.", "fr")
    assert said["Nazarbayev"][0] == "not_found"
    assert said["CSTO"][0] == "not_found"
    assert said["UN"][0] == "not_found"  # French "un" is "a", not the UN
    said = outcomes("wearing UN helmets", "Солдаты были в форме.", "ru")
    assert said["helmets"][0] == "not_found"


def test_an_unknown_capitalised_word_starting_a_claim_is_a_name():
    # "Reuters" is no English word: a name, looked for as one (not a word without a
    # translation, unchecked); "Protesters" starting a claim stays a content word.
    said = outcomes("Reuters reported shootings in Almaty", "Радіо Свобода повідомило.", "uk")
    assert said["Reuters"] == ("not_found", None)
    assert {t.text: t.kind for t in claim_terms("Protesters gathered")} == {
        "Protesters": "term", "gathered": "term"}


def test_an_absent_nationality_is_not_found_where_citecheck_reads_the_language():
    said = outcomes("Chinese units began exercises", "بدأت وحدات من القوات الروسية", "ar")
    assert said["Chinese"] == ("not_found", None)
    # Kyrgyz has no language file: an adjective's forms are unknown there
    (term,) = [r for r in match_terms(claim_terms("Chinese units arrived"),
                                      PageText("Орус аскерлери келди.", "ky"))
               if r.text == "Chinese"]
    assert term.outcome == "unchecked" and "ky" in term.reason
    # a translated name in a language citecheck has no file for is unchecked too
    said = outcomes("a vigil on Republic Square", "Алматы шаарындагы аянтка чогулушту", "ky")
    assert said["Republic Square"] == ("unchecked", None)


def test_a_short_stem_alone_does_not_make_a_name_found():
    # Solovei and Соловьёв share only "solov": another person's name
    said = outcomes("Solovei was sentenced", "Суд приговорил Соловьёва.", "ru")
    assert said["Solovei"] == ("not_found", None)


def test_a_german_verb_ending_in_a_words_last_part_is_not_that_word():
    # "aufrechterhalten" (kept up) ends in "halten", as "Halt" (a stop) does: a lower-case
    # German word is no noun compound, and its prefix changes its sense
    said = outcomes("preparations had been stopped", "Die Vorbereitungen werden aufrechterhalten.",
                    "de")
    assert said["stopped"][0] != "found"
    # a capitalised noun compound still names its last part
    said = outcomes("allegations against the security forces", "gegen die Sicherheitskräfte", "de")
    assert said["forces"] == ("found", "Sicherheitskräfte")


def test_a_name_is_met_by_its_last_word_only_after_what_can_be_a_given_name():
    # "Thiede" stands for Andreas Thiede; "Atlas" does not stand for SpaceX's rocket
    said = outcomes("Mayor Andreas Thiede and a SpaceX Atlas rocket",
                    "Bürgermeister Thiede sah die Atlas-Rakete.", "de")
    assert said["Andreas Thiede"] == ("found", "Thiede")
    assert said["SpaceX Atlas"][0] != "found"


def test_an_act_the_page_does_not_state_is_not_found():
    # the page gives the other verdict: the lexicon's words for acquitting are all absent
    said = outcomes("A court in Lviv acquitted him", "Суд у Києві засудив його до 15 років.", "uk")
    assert said["acquitted"] == ("not_found", None)
    assert said["Lviv"] == ("not_found", None)
    said = outcomes("Nazarbayev imposed a curfew", "فرض توكايف حالة الطوارئ", "ar")
    assert said["curfew"] == ("not_found", None)


def test_a_word_the_page_states_in_the_negative_is_not_found_with_the_denial():
    said = match_terms(claim_terms("two people were injured"),
                       PageText("Қаза тапқандар және жарақаттанғандар жоқ.", "kk"))
    (injured,) = [r for r in said if r.text == "injured"]
    assert (injured.outcome, injured.as_) == ("not_found", "жарақаттанғандар жоқ")
    assert "negative" in injured.reason
    assert outcomes("two people were injured", "Es gab keine Verletzten.", "de")["injured"] == (
        "not_found", "keine Verletzten")
    # a claim that says it in the negative too agrees with the page
    assert outcomes("there were no injuries", "Es gab keine Verletzten.", "de")["injuries"] == (
        "found", "Verletzten")
    # не denies the adjective before the noun, not the noun
    assert outcomes("the politician spoke", "он был не оппозиционным политиком", "ru")[
        "politician"] == ("found", "политиком")


def test_a_negation_of_several_words_before_the_word_denies_it():
    # each language file's negations: "impossible de", "не удалось"; German's nicht after
    said = outcomes("the police confirmed it",
                    "La police a dit qu'il était impossible de confirmer le bilan.", "fr")
    assert said["confirmed"] == ("not_found", "impossible de confirmer")
    assert outcomes("the police confirmed it", "Полиции не удалось подтвердить гибель людей",
                    "ru")["confirmed"] == ("not_found", "не удалось подтвердить")
    assert outcomes("the police confirmed it", "Die Polizei bestätigte das nicht.", "de")[
        "confirmed"] == ("not_found", "bestätigte das nicht")
    # "nicht nur" (not only) denies nothing, and a page that says it is found
    assert outcomes("the police confirmed it", "Die Polizei bestätigte nicht nur die Toten.",
                    "de")["confirmed"] == ("found", "bestätigte")
    assert outcomes("the police confirmed it", "La police a confirmé le bilan.", "fr")[
        "confirmed"] == ("found", "confirmé")


def key_outcomes(claim: str, text: str, lang: str) -> dict[str, tuple[str, str | None]]:
    """As `outcomes`, with the claim's terms as a citation's are checked (key_terms)."""
    return {r.text: (r.outcome, r.as_) for r in match_terms(key_terms(claim), PageText(text, lang))}


def test_which_words_of_a_claim_make_one_phrase():
    def phrases(claim: str) -> list[str]:
        return [t.text for t in key_terms(claim) if t.parts]

    # a modifier and its noun; a hyphened word; a place modifier and its name
    assert phrases("Police seized cocaine on a container ship near Vigo") == ["container ship"]
    assert phrases("a drug stash-keeper in northern Iraq") == ["drug stash-keeper",
                                                               "northern Iraq"]
    # a participle joins its noun after a word that opens a noun phrase, a verb does not
    assert phrases("Police found two stolen cars in a rented flat") == ["stolen cars",
                                                                      "rented flat"]
    assert phrases("Police seized cocaine and detained reporters") == []
    assert phrases("officers tried to smuggle captagon pills") == ["captagon pills"]
    # an adverb, a word like "outside", a verb in -ing: each a term of its own
    assert phrases("protesters outside the court") == []
    assert phrases("soldiers shooting at significantly higher walls") == ["higher walls"]
    assert phrases("there were more men than women") == ["more men than women"]
    # claim_terms, which the figures' checks use, keeps each word apart; "evening" is no form
    # of "even" (a stop word), so it is a term
    assert [t.text for t in claim_terms("The evening peak came early")] == ["evening", "peak"]


@pytest.mark.parametrize("claim, text, lang, phrase, seen", [
    ("The evening peak of demand", "Der Verbrauch erreichte am Abend seinen Höhepunkt.", "de",
     "evening peak", "Abend seinen Höhepunkt"),
    ("in northern Iraq", "Saldırı Irak'ın kuzeyinde düzenlendi.", "tr", "northern Iraq",
     "Irak'ın kuzeyinde"),
    ("They seized cannabis resin", "Les douaniers ont saisi de la résine de cannabis.", "fr",
     "cannabis resin", "résine de cannabis"),
    ("on a container ship", "Kokain auf einem Containerschiff", "de", "container ship",
     "Containerschiff"),
    ("extreme cold", "Aşırı soğuk nedeniyle okullar kapandı.", "tr", "extreme cold",
     "Aşırı soğuk"),
])
def test_a_phrase_is_found_where_the_page_states_its_words_together(claim, text, lang, phrase,
                                                                       seen):
    assert key_outcomes(claim, text, lang)[phrase] == ("found", seen)


@pytest.mark.parametrize("claim, text, lang, phrase, outcome", [
    # each word is on the page, but not together: a morning peak, and the evening after it
    ("The evening peak of demand", "Am Morgen war der Höhepunkt; am Abend sank er.", "de",
     "evening peak", "unchecked"),
    # the north of Syria, and Iraq elsewhere
    ("in northern Iraq", "Saldırı Suriye'nin kuzeyine düzenlendi; Irak da tepki gösterdi.", "tr",
     "northern Iraq", "unchecked"),
    # extreme heat is not extreme cold; an oral vaccine is not an injectable one
    ("extreme cold", "Aşırı sıcaklar nedeniyle okullar kapandı.", "tr", "extreme cold",
     "unchecked"),
    ("an injectable vaccine", "Дітям дають пероральні вакцини.", "uk", "injectable vaccine",
     "unchecked"),
    # a comparison's sides are found, but not which is more; a side not stated is not found
    ("there were more men than women", "Había más mujeres que hombres.", "es",
     "more men than women", "unchecked"),
    ("there were more men than women", "Había muchos hombres.", "es", "more men than women",
     "not_found"),
])
def test_a_phrase_met_by_one_of_its_words_is_not_found(claim, text, lang, phrase, outcome):
    said = match_terms([t for t in key_terms(claim) if t.text == phrase], PageText(text, lang))
    assert [r.outcome for r in said] == [outcome], said
    assert said[0].reason


def test_the_seed_letters_note_4_is_checked_term_by_term_on_the_story_it_cites():
    case = json.loads((ROOT / "benchmarks" / "data" / "note4.json").read_text("utf-8"))
    said = {r.text: r.outcome for r in match_terms(key_terms(case["claim"]),
                                                  PageText(case["excerpt"], case["lang"]))}
    assert said == {
        "KAZBAT": "found", "security forces": "found", "wearing": "found", "UN": "found",
        # the story does not say who trained the unit, nor that it was deployed
        "trained": "not_found", "United States": "not_found", "deployed": "not_found",
        # its helmets are the UN's ("blue helmets emblazoned with the acronym UN"), and
        # "peacekeeping" is the unit's: the claim's two phrases are not stated as such
        "peacekeeping missions": "unchecked", "peacekeeping helmets": "unchecked"}


def test_a_court_the_page_does_not_name_is_not_found():
    # the page's court is the Supreme Court: the Constitutional Court's names are absent
    said = outcomes("the Constitutional Court closed it", "по решению Верховного суда", "ru")
    assert said["Constitutional Court"] == ("not_found", None)


def test_a_name_absent_where_the_page_names_another_of_its_kind_says_which():
    results = match_terms(claim_terms("Protesters gathered in Astana"),
                          PageText("Протестующие собрались в Алматы.", "ru"))
    (astana,) = [r for r in results if r.text == "Astana"]
    assert astana.outcome == "not_found" and astana.as_ is None
    assert astana.reason.startswith("the page names Almaty (“Алматы”) where the claim names Astana")
    assert "Алматы" in astana.evidence
    # a name with no kind in the data, or none of its kind on the page: no such reason
    (tokayev,) = [r for r in match_terms(claim_terms("Tokayev spoke"),
                                         PageText("Выступил аким.", "ru")) if r.text == "Tokayev"]
    assert tokayev.outcome == "not_found" and tokayev.reason is None


def test_arabic_names_are_found_by_their_consonants_across_word_boundaries():
    said = outcomes("Abdulkarim al-Khodr was sentenced", "صدر حكم على عبد الكريم الخضر", "ar")
    assert said["Abdulkarim al-Khodr"] == ("found", "عبد الكريم الخضر")
    said = outcomes("the activist Alaa Abd El-Fattah", "الناشط علاء عبد الفتاح", "ar")
    assert said["Alaa Abd El-Fattah"] == ("found", "علاء عبد الفتاح")
    # and a conjunction fused to a name (و) is no consonant of it
    said = outcomes("Mohamed Oxygen was sentenced", "والمدون محمد أكسجين", "ar")
    assert said["Mohamed Oxygen"] == ("found", "محمد أكسجين")


def test_two_names_joined_by_and_are_two_names():
    claim = "applauding the lawyers Genri Reznik and Maria Eismont"
    assert [t.text for t in claim_terms(claim) if t.kind == "name"] == [
        "Genri Reznik", "Maria Eismont"]
    said = outcomes(claim, "аплодировали адвокатам Марии Эйсмонт и Вадима Прохорова", "ru")
    assert said["Genri Reznik"] == ("not_found", None)
    assert said["Maria Eismont"] == ("found", "Марии Эйсмонт")
    assert [t.text for t in claim_terms("the crossing of Aitkulov and Zhangir Khan streets")
            if t.kind == "name"] == ["Aitkulov", "Zhangir Khan"]
    # an organisation's name, one side of a single word: one name with "and" inside
    assert "Civil and Political Rights Association" in {
        t.text for t in claim_terms("a member of the Civil and Political Rights Association")}


def test_a_person_named_of_a_place_is_two_names():
    claim = "Oleg Rychkov of Vladivostok and Eduardo Gómez of CLAP met at the University of Chicago"
    assert [t.text for t in claim_terms(claim) if t.kind == "name"] == [
        "Oleg Rychkov", "Vladivostok", "Eduardo Gómez", "CLAP", "University of Chicago"]
    said = outcomes("the winner was Oleg Rychkov of Vladivostok",
                    "победил Олег Рычков из Якутска", "ru")
    assert said["Oleg Rychkov"] == ("found", "Олег Рычков")
    assert said["Vladivostok"][0] == "not_found"


def test_a_place_is_never_met_by_its_common_word_alone():
    # "Okrug" is no family name standing for the whole: the page names another okrug
    said = outcomes("Rafail Farakhov from the Khanty-Mansi Autonomous Okrug took bronze",
                    "Бронзу заслужил Рафаил Фарахов из Ямало-Ненецкого автономного округа.",
                    "ru")
    assert said["Khanty-Mansi Autonomous Okrug"] == ("not_found", None)
    assert outcomes("he ran the London Marathon", "il a couru le marathon de Paris.",
                    "fr")["London Marathon"][0] == "not_found"


@pytest.mark.parametrize("claim, text, lang, name, seen", [
    ("he ran the London Marathon", "le coup d'envoi du marathon de Londres", "fr",
     "London Marathon", "marathon de Londres"),
    ("a ship in the Bay of Cádiz", "un buque en la Bahía de Cádiz, tras", "es", "Bay of Cádiz",
     "Bahía de Cádiz"),
])
def test_a_place_is_found_by_its_own_name_beside_the_pages_word_for_its_kind(
        claim, text, lang, name, seen):
    assert outcomes(claim, text, lang)[name] == ("found", seen)


def test_a_title_between_two_names_separates_them():
    names = [t.text for t in claim_terms(
        "Chicago Police Superintendent Eddie Johnson said the officers were hospitalized")
        if t.kind == "name"]
    assert names == ["Chicago Police", "Eddie Johnson"]
    said = outcomes("IMPD Chief Troy Riggs said", "Chief Troy Riggs said officers were hurt.",
                    "en")
    assert said["Troy Riggs"] == ("found", "Troy Riggs")


def test_an_adjective_of_a_country_is_found_through_the_countrys_name_or_unchecked():
    said = outcomes("an Egyptian activist", "египетский активист", "ru")
    assert said["Egyptian"] == ("found", "египетский")
    # сирийский is not Сирия with an ending: the adjective's forms are not known, so the
    # page's silence proves nothing
    (syrian,) = [r for r in match_terms(claim_terms("a Syrian activist"),
                                        PageText("сирийский активист", "ru"))
                 if r.text == "Syrian"]
    assert syrian.outcome == "unchecked" and "adjective" in syrian.reason


def test_an_adjective_of_a_country_the_page_has_no_word_of_is_not_found():
    # the page names a Kenyan, and nothing made from Ethiopia's name
    said = outcomes("led by the Ethiopian course record holder",
                    "يتقدمهم الكيني ستيفان طوم محطم الرقم القياسي للماراثون", "ar")
    assert said["Ethiopian"][0] == "not_found"
    said = outcomes("a dozen Chilean flamingos", "une douzaine de flamants de Cuba", "fr")
    assert said["Chilean"][0] == "not_found"
    # a word the country's name begins with, or one beginning with its stem: unchecked
    assert outcomes("Indian hemp", "үнді кенеп", "kk")["Indian"][0] != "not_found"
    assert outcomes("a Syrian activist", "сирийский активист", "ru")["Syrian"][0] == "unchecked"
    # Turkish Hintli for Hindistan; a Kazakh page's Russian spelling of Europe
    assert outcomes("an Indian firm", "Hintli şirket", "tr")["Indian"][0] == "unchecked"
    assert outcomes("a European firm", "европалық компания", "kk")["European"][0] == "unchecked"


@pytest.mark.parametrize("claim, text, lang, name, seen", [
    ("Kharkiv held its marathon", "У Харкові пройшов 6-й Міжнародний марафон.", "uk",
     "Kharkiv", "Харкові"),
])
def test_a_name_is_found_through_the_lemma_of_the_pages_inflected_word(claim, text, lang,
                                                                        name, seen):
    assert outcomes(claim, text, lang)[name] == ("found", seen)


@pytest.mark.parametrize("claim, text, lang, name, said", [
    ("Cinema for Humanity prize", "جائزة سينما من أجل الإنسانية", "ar", "Cinema for Humanity",
     ("found", "سينما من أجل الإنسانية")),
    ("a Bronze Age burial", "погребение эпохи бронзы", "ru", "Bronze Age", ("unchecked", None)),
])
def test_a_name_of_common_words_is_translated_found_word_by_word_or_unchecked(
        claim, text, lang, name, said):
    # the page's language translates such a name: its English spelling's absence proves
    # nothing
    assert outcomes(claim, text, lang)[name] == said


def test_a_negative_verb_of_the_dictionary_is_not_met_by_its_positive_root():
    # vuramamak ("fail to hit") has the lemma vur; vuruşuyla ("with a hit") is not a miss
    said = outcomes("Kweuke missed it", "Kweuke kafa vuruşuyla gol attı", "tr")
    assert said["missed"][0] != "found"
    assert outcomes("Kweuke missed it", "Kweuke penaltıyı vuramadı", "tr")["missed"] == (
        "found", "vuramadı")


def test_a_kazakh_plural_fused_with_the_stem_is_the_word():
    # журналист + тер is written журналистер: the page states the word the claim names
    said = outcomes("journalists and terrorists were detained",
                    "Журналистер мен террористер ұсталды.", "kk")
    assert said["journalists"] == ("found", "Журналистер")
    assert said["terrorists"] == ("found", "террористер")
    # and a plain plural stays one too: бас + тар (heads) is бастар
    from citecheck.check.lang import language
    assert "бас" in language("kk").keys("бастар")


def test_a_word_without_a_known_translation_is_unchecked_not_missing():
    said = match_terms(claim_terms("they livestreamed it"), PageText("Их увезли.", "ru"))
    (term,) = said
    assert term.outcome == "unchecked" and "no ru word" in term.reason


@pytest.mark.parametrize("claim, text, lang, term, seen", [
    # words the hand-kept lexicon does not list, found through the general bilingual
    # dictionaries of data/lang/dict (scripts/build_dictionaries.py)
    ("the body was taken from the morgue", "Тело забрали из морга.", "ru", "morgue", "морга"),
    ("protesters gathered near the building", "Люди зібралися біля будівлі акімату.", "uk",
     "building", "будівлі"),  # Mueller's здание, carried into Ukrainian by Apertium
    ("they met with hostility", "Sie begegneten ihm mit offener Feindseligkeit.", "de",
     "hostility", "Feindseligkeit"),
    ("the airport was closed", "L'aéroport d'Almaty a été fermé.", "fr", "airport", "aéroport"),
    ("the airport was closed", "El aeropuerto de Almaty fue cerrado.", "es", "airport",
     "aeropuerto"),
    ("the airport was closed", "أغلق مطار ألما آتا", "ar", "airport", "مطار"),
    ("police tried to disperse the crowd", "La policía intentó dispersar a la multitud.", "es",
     "disperse", "dispersar"),  # Apertium's English-Spanish bilingual dictionary
    ("the opposition denounced the decision", "وشجبت المعارضة القرار أمس.", "ar", "denounced",
     "وشجبت"),  # FreeDict's imperative إشجب, by its root شجب
    # a counted thing, as the figures' lexicon names it in Kazakh (check/data/kk.json)
    ("refugees arrived", "Босқындар келді.", "kk", "refugees", "Босқындар"),
    # Mueller gives the imperfective (подавлять, собираться, захватывать); a page reports
    # what happened with the perfective, shipped beside it
    ("the government suppressed the protests", "Правительство подавило протесты.", "ru",
     "suppressed", "подавило"),
    ("the police seized the building", "Поліція захопила будівлю.", "uk", "seized", "захопила"),
    ("protesters gathered in the square", "Протестувальники зібралися на площі.", "uk",
     "gathered", "зібралися"),
    # Polish: FreeDict's English-Polish dictionary, the page's words by simplemma's lemmas
    ("the protests were suppressed by troops", "Tokajew stłumił protesty z pomocą oddziałów.",
     "pl", "troops", "oddziałów"),
    ("its first foreign military mission", "pierwsza w historii zagraniczna misja wojskowa",
     "pl", "military", "wojskowa"),
    # a German participle meets the dictionary's infinitive through simplemma's lemma
    ("the houses were burned", "Die Häuser wurden verbrannt.", "de", "burned", "verbrannt"),
    # Ding's verb senses have room beside its many noun senses of "order"
    ("the president ordered an investigation", "Der Präsident hat eine Untersuchung angeordnet.",
     "de", "ordered", "angeordnet"),
])
def test_a_word_is_found_through_a_bilingual_dictionary_or_the_counted_things(
        claim, text, lang, term, seen):
    assert outcomes(claim, text, lang)[term] == ("found", seen)


def _page_terms(verify_json, httpserver, tmp_path, lang: str, title: str, text: str,
                claim: str) -> dict:
    """Each term's (outcome, as) in the report of a letter whose one claim cites a page."""
    page = article(title, text, lang=lang)
    httpserver.expect_request(f"/{lang}").respond_with_data(page, content_type="text/html")
    letter = tmp_path / "letter.txt"
    letter.write_text(f"Dear Secretary:\n\n{claim}[1]\n\n[1] {httpserver.url_for('/' + lang)}\n",
                      encoding="utf-8")
    code, report = verify_json(letter)
    return {t["text"]: (t["outcome"], t.get("as")) for t in citations(report)[0]["terms"]}


def test_a_polish_page_is_read_in_polish(verify_json, httpserver, tmp_path):
    """Polish has a language file: names as Polish writes them and inflects them (ODKB for
    CSTO, Rosji for Russia), content words through the English-Polish dictionary."""
    terms = _page_terms(verify_json, httpserver, tmp_path, "pl", "Kazachstan",
                        "Kontyngent sił ODKB z Rosji przybył do Kazachstanu, a Tokajew stłumił "
                        "protesty z pomocą oddziałów, w pierwszej misji wojskowej.",
                        "Tokayev suppressed the protests with CSTO troops from Russia, a "
                        "military mission.")
    assert terms["CSTO"] == ("found", "ODKB") and terms["Russia"] == ("found", "Rosji")
    assert terms["troops"] == ("found", "oddziałów")
    assert terms["military mission"] == ("found", "misji wojskowej")  # together


def test_a_dictionary_word_not_in_the_page_is_not_found_and_says_what_was_looked_for():
    # The dictionary gives the language's words for it and the page has none of them: not
    # shown, with the words looked for in the reason; a word no data of the language knows
    # stays unchecked.
    (term,) = [r for r in match_terms(claim_terms("the morgue"), PageText("Их увезли.", "ru"))]
    assert term.outcome == "not_found" and term.as_ is None
    assert "English-Russian dictionary" in term.reason and "морг" in term.reason
    (term,) = match_terms(claim_terms("the morgue"), PageText("Олар кетті.", "kk"))
    assert term.outcome == "unchecked" and "no kk word" in term.reason


def test_a_verb_or_a_word_of_many_senses_the_dictionary_misses_is_unchecked_not_absent():
    # Its dictionary words absent from the page do not show that the page does not state
    # it: "watching" may be "suivaient", "eased" "se moderó", "body" "Leiche". The outcome is
    # unchecked, and the reason still says which words were looked for.
    for claim, text, lang, seen in [
            ("thousands watching the match", "Des milliers suivaient le match.", "fr",
             "regarder"),
            ("inflation eased in May", "La inflación se moderó en mayo.", "es", "aliviar"),
            ("a body was found", "Eine Leiche wurde im Wald entdeckt.", "de", "Rumpf")]:
        results = {r.text: r for r in match_terms(claim_terms(claim), PageText(text, lang))}
        word = results[claim.split()[1]]
        assert word.outcome == "unchecked" and word.as_ is None, (claim, word)
        assert "dictionary gives" in word.reason and seen in word.reason
    # a plain noun (WordNet: a thing of few senses, never a verb) stays not_found
    (term,) = match_terms(claim_terms("a tractor"), PageText("Ein Bus fuhr vorbei.", "de"))
    assert term.outcome == "not_found" and "Zugmaschine" in term.reason


def test_an_arabic_word_is_found_behind_the_conjunction_written_as_one_with_it():
    # و ("and") is written as one with the next word: والكاكاو is الكاكاو, cocoa
    results = {r.text: (r.outcome, r.as_) for r in match_terms(
        claim_terms("tea and cocoa"), PageText("ارتفعت أسعار الشاي والكاكاو", "ar"))}
    assert results["cocoa"] == ("found", "والكاكاو")


def test_a_plural_in_es_is_looked_up_as_its_own_noun_not_a_shorter_one():
    # "stages" is stage's plural, not stag's: never a deer (олень) looked for, and reported
    # not_found by its absence
    (term,) = match_terms(claim_terms("in three stages"),
                          PageText("Угода передбачає три етапи.", "uk"))
    assert term.outcome == "unchecked" and "“stage”" in term.reason
    assert "олень" not in term.reason


@pytest.mark.parametrize("claim, text, lang, term, seen", [
    # an irregular form whose spelling hides its lemma: lost is lose's
    ("the family lost its house", "Семья потеряла дом.", "ru", "lost", "потеряла"),
    # a superlative, looked up as its adjective
    ("the oldest rights group", "старейшая правозащитная организация", "ru", "oldest",
     "старейшая"),
    ("the largest city", "la ciudad más grande", "es", "largest", "grande"),
])
def test_a_word_the_dictionary_lists_only_as_its_lemma_is_still_looked_up(
        claim, text, lang, term, seen):
    assert outcomes(claim, text, lang)[term] == ("found", seen)


def test_a_cyrillic_word_typed_with_latin_look_alike_letters_is_still_that_word():
    # "гiрник" with a Latin i (as some Ukrainian pages type it) is гірник, a miner
    page = PageText("Внаслiдок викиду загинув гiрник.", "uk")
    (term,) = match_terms(claim_terms("a miner"), page)
    assert (term.outcome, term.as_) == ("found", "гiрник")
    assert _one_script("iphone") == "iphone" and _one_script("гiрник") == "гірник"


def test_a_quote_is_found_only_verbatim_and_only_in_its_own_language():
    claim = 'Tokayev called the protesters "terrorists and bandits"'
    english = "Tokayev called them “terrorists and bandits” on television."
    assert outcomes(claim, english, "en")["terrorists and bandits"][0] == "found"
    assert outcomes(claim, "Tokayev called them bandits.", "en")[
        "terrorists and bandits"][0] == "not_found"
    russian = claim_terms(claim)
    result = match_terms(russian, PageText("Токаев назвал их «террористами и бандитами».", "ru"))
    quote = next(r for r in result if r.kind == "quote")
    assert quote.outcome == "unchecked" and "en" in quote.reason and "ru" in quote.reason


def test_the_footnotes_own_title_publisher_and_date():
    note = note_metadata('Human Rights Watch, "Kazakhstan: No Justice for January Protest '
                         'Victims," May 5, 2022, https://www.hrw.org/news/2022/05/05/x')
    assert (note.title, note.publisher, note.date) == (
        "Kazakhstan: No Justice for January Protest Victims", "Human Rights Watch", "2022-05-05")
    note = note_metadata("Chris Rickleton, “Troops wore UN helmets,” RFE/RL, Jan. 12, 2022, "
                         "accessed October 1, 2022, https://x.example/a")
    assert (note.author, note.publisher, note.date) == ("Chris Rickleton", "RFE/RL", "2022-01-12")
    assert note_metadata("https://rus.azattyq.org/a/31728303.html") is None


def test_titles_and_dates_compared():
    cited = "Kazakhstan: No Justice for January Protest Victims"
    assert title_match(cited, "Kazakhstan: No Justice for January Protest Victims | Human "
                              "Rights Watch") is True
    assert title_match(cited, "Kazakhstan: Tokayev Announces Reforms") is False
    assert title_match(cited, "Казахстан: нет справедливости") is None  # another script
    assert date_match("2022-05-05", "2022-05-05") is True
    assert date_match("2022-05", "2022-05-19") is True
    assert date_match("2022-05-05", "2022-06-01") is False
    assert published_after("2023-01-10", "2022-10-06") is True
    assert published_after("2022-05-05", "2022-10-06") is False
    assert published_after(None, "2022-10-06") is None


def test_an_evidence_link_highlights_the_quote_on_the_live_page():
    url = fragment_url("https://example.org/a#top", "…the KNB, wearing UN helmets, arrived…",
                       "UN")
    assert url == "https://example.org/a#:~:text=the%20KNB%2C%20wearing-,UN,-helmets%2C%20arrived"
    assert fragment_url("javascript:alert(1)", "x UN y", "UN") is None


def test_verify_reports_terms_cited_as_and_a_page_newer_than_the_letter(httpserver, tmp_path,
                                                                       verify_json):
    page = article("Kazakh peacekeepers wore UN helmets",
                   "KAZBAT forces, trained with help from the United States, were "
                   "deployed in Almaty in January wearing UN peacekeeping helmets.")
    dated = page.replace("<head>", '<head><meta property="article:published_time" '
                                   'content="2023-03-01">')
    httpserver.expect_request("/a").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/b").respond_with_data(dated, content_type="text/html")
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "October 6, 2022\n\nDear Secretary:\n\n"
        f"KAZBAT forces trained by the United States were deployed, wearing UN helmets.[1] "
        f"KAZBAT forces were deployed in Almaty.[2] Peacekeepers were there.[3]\n\n"
        f'[1] RFE/RL, "Kazakh peacekeepers wore UN helmets," {httpserver.url_for("/a")}\n'
        f'[2] RFE/RL, "Tokayev thanks Putin," {httpserver.url_for("/a")}\n'
        f"[3] {httpserver.url_for('/b')}\n", encoding="utf-8")
    code, report = verify_json(letter)
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    one, two, three = citations(report)
    assert one["status"] == "verified", one["reason"]
    assert {t["text"]: t["outcome"] for t in one["terms"]} == {
        "KAZBAT": "found", "forces": "found", "trained": "found", "United States": "found",
        "deployed": "found", "wearing": "found", "UN": "found", "helmets": "found"}
    assert one["terms"][0]["as"] == "KAZBAT" and "KAZBAT forces" in one["terms"][0]["evidence"]
    assert one["cited_as"]["title_match"] is True and one["problems"] == []
    assert two["cited_as"]["title_match"] is False and two["problems"] == ["title_mismatch"]
    assert three["source"]["after_document"] is True and three["problems"] == ["after_document"]
    assert code == 1


def test_verify_reports_a_word_found_through_the_dictionary_with_its_quote(httpserver, tmp_path,
                                                                          verify_json):
    page = article("Тело погибшего выдали родственникам",
                   "Родственники погибшего в январе забрали его тело из морга в Алматы "
                   "только через неделю после гибели.", lang="ru")
    httpserver.expect_request("/a").respond_with_data(page, content_type="text/html")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Secretary:\n\nRelatives took his body from the morgue in Almaty "
                      f"a week later.[1]\n\n[1] {httpserver.url_for('/a')}\n", encoding="utf-8")
    code, report = verify_json(letter)
    (one,) = citations(report)
    terms = {t["text"]: t for t in one["terms"]}
    assert terms["morgue"]["outcome"] == "found" and terms["morgue"]["as"] == "морга"
    assert "из морга в Алматы" in terms["morgue"]["evidence"]
    assert terms["Almaty"]["as"] == "Алматы"


AR_ROAD = ("أعلن مسؤولون أن قوات الأمن أغلقت الطريق المؤدي إلى المدينة بعد الاحتجاجات التي شهدتها العاصمة يوم الجمعة، وقالت وزارة الداخلية إن الوضع تحت السيطرة.")
AR_COURT = ("وقضت المحكمة بسجن الناشط علاء عبد الفتاح خمس سنوات، والمحامي الحقوقي محمد الباقر والمدون محمد إبراهيم أربع سنوات، بتهمة نشر أخبار كاذبة.")
AR_SALIM = ("قال الناشط {} إن الشرطة اعتقلت المتظاهرين في وسط العاصمة يوم الجمعة بعد "
            "مسيرة نظمتها أحزاب المعارضة احتجاجا على نتائج الانتخابات.")
UK_CROWD = ("Під час акції протесту в центрі міста натовп збили автомобілем, повідомила поліція, яка затримала водія на місці події.")
ES_ATTACK = ("El atentado perpetrado el lunes frente a la sede del gobierno mató a un guardia de seguridad e hirió a otras tres personas, según informó la policía nacional en un comunicado.")


@pytest.mark.parametrize("claim, text, lang, term, outcome, seen", [
    # A Latin name meets an Arabic word only by a close spelling: Tariq is not الطريق ("the
    # road", the article's ال and a long vowel the name does not write), while a name the
    # claim writes with its article still meets it (el-Baqer ~ الباقر).
    ("A statement by Brigadier Tariq", AR_ROAD, "ar",
     "Tariq", "not_found", None),
    # nor with the claim's article: al-Turki is not الطريق either (its ي is a long vowel
    # where Turki has none), while التركي is al-Turki
    ("A statement by Brigadier Mansour al-Turki", AR_ROAD, "ar",
     "Mansour al-Turki", "not_found", None),
    ("A statement by Brigadier Mansour al-Turki", AR_SALIM.format("منصور التركي"), "ar",
     "Mansour al-Turki", "found", "منصور التركي"),
    # nor a long vowel the Latin spelling has no vowel for: Salma is not سليم (Salim)
    ("A statement by Salma", AR_SALIM.format("سليم"), "ar", "Salma", "not_found", None),
    ("A statement by Salma", AR_SALIM.format("سلمى"), "ar", "Salma", "found", "سلمى"),
    ("the lawyer Mohamed el-Baqer", AR_COURT, "ar",
     "Mohamed el-Baqer", "found", "محمد الباقر"),
    # A counted concept groups a thing with its kinds: a truck is not any vehicle, a bombing
    # not any attack (the dictionary's words for them are not on the page; truck and bomb
    # are also verbs, so that is not evidence enough for not_found: unchecked); the
    # concept's own word still finds any of them.
    ("A truck drove into the crowd", UK_CROWD, "uk", "truck", "unchecked",
     None),
    # "drove" is the past of drive, not a herd (натовп, "crowd")
    ("A truck drove into the crowd", UK_CROWD, "uk", "drove", "unchecked",
     None),
    ("Two vehicles drove into the crowd", UK_CROWD, "uk", "vehicles",
     "found", "автомобілем"),
    ("The bombing killed a guard", ES_ATTACK, "es", "bombing",
     "unchecked", None),
    ("The attack killed a guard", ES_ATTACK, "es", "attack", "found",
     "atentado"),
])
def test_verify_finds_a_term_only_as_the_page_says_that_very_thing(
        httpserver, tmp_path, verify_json, claim, text, lang, term, outcome, seen):
    page = article("Новини" if lang == "uk" else "Noticias" if lang == "es" else "أخبار", text,
                   lang=lang)
    httpserver.expect_request("/a").respond_with_data(page, content_type="text/html")
    letter = tmp_path / "letter.txt"
    letter.write_text(f"Dear Secretary:\n\n{claim}.[1]\n\n[1] {httpserver.url_for('/a')}\n",
                      encoding="utf-8")
    code, report = verify_json(letter)
    (one,) = citations(report)
    terms = {t["text"]: (t["outcome"], t.get("as")) for t in one["terms"]}
    assert one["source"]["language"] == lang
    assert terms[term] == (outcome, seen), terms


@pytest.mark.parametrize("claim, text, lang, term, outcome, seen", [
    # the claim's own word, taken into the page's language, even where the lexicon has
    # other words for it
    ("Dozens of football supporters died", "des dizaines de supporters de football sont "
     "morts", "fr", "supporters", "found", "supporters"),
    # a j before a vowel read as y: Jasarevic ~ Ясаревич ~ ياسرفيتش
    ("Tarik Jasarevic said", "сказал представитель ВОЗ Тарик Ясаревич", "ru",
     "Tarik Jasarevic", "found", "Тарик Ясаревич"),
    ("Tarik Jasarevic said", "وقال المتحدث باسم منظمة الصحة العالمية، طارق ياسرفيتش", "ar",
     "Tarik Jasarevic", "found", "طارق ياسرفيتش"),
    # a known organisation and news agency by the names each language gives them
    ("The World Health Organization said", "وقال المتحدث باسم منظمة الصحة العالمية", "ar",
     "World Health Organization", "found", "منظمة الصحة العالمية"),
    ("TASS reported", "Об этом сообщает Интерфакс.", "ru", "TASS", "not_found", None),
    ("TASS reported", "Об этом сообщает ТАСС.", "ru", "TASS", "found", "ТАСС"),
    # an acronym citecheck knows no translation of is written as it is in Latin script
    # (not found when the page never writes it); the international ones languages
    # translate are data (IMF: FMI); in another script it stays unchecked
    ("the CRS charged", "Les policiers ont chargé les manifestants.", "fr", "CRS",
     "not_found", None),
    ("the CRS charged", "Les CRS ont chargé les manifestants.", "fr", "CRS", "found", "CRS"),
    ("the CRS charged", "Полиция разогнала митинг.", "ru", "CRS", "unchecked", None),
    ("the IMF said", "selon le FMI, la croissance ralentit", "fr", "IMF", "found", "FMI"),
    # a Kazakh page may use a Russian word (станция): found through Russian's dictionary
    ("the ambulance station", "жедел жәрдем станциясының директоры", "kk", "station",
     "found", "станциясының"),
    # French words carried from the Spanish ones where FreeDict's French has too few
    ("the chimney fell", "la cheminée est tombée sur lui", "fr", "chimney", "found",
     "cheminée"),
    ("the chimney fell", "le toit est tombé sur lui", "fr", "chimney", "not_found", None),
    # an inflected word's headword, then its base's words: leading (principal) and lead
    ("for leading a criminal group", "pour avoir « dirigé un groupe criminel »", "fr",
     "leading", "found", "dirigé"),
    # a man is a key term, never found in the page that names a woman; but "man" has
    # eleven senses in WordNet (and is a verb), so the dictionary's words for it missing is
    # not evidence enough for not_found: unchecked
    ("A man was killed", "Une femme a été tuée par la chute.", "fr", "man", "unchecked",
     None),
    ("A man was killed", "Un homme a été tué par la chute.", "fr", "man", "found", "homme"),
    # Kazakh: a stem's voiced last consonant before a suffix is its plain one (көлігі:
    # көлік), and the hand-kept words say what is absent (a pedestrian, not a driver)
    ("the car hit a pedestrian", "Жүргізуші көлігін тоқтатпай кетіп қалған.", "kk", "car",
     "found", "көлігін"),
    ("the car hit a pedestrian", "Жүргізуші көлігін тоқтатпай кетіп қалған.", "kk",
     "pedestrian", "not_found", None),
    # an organisation named by common words: the page's words for each, close together
    ("the National Police said", "Національна поліція повідомила про затримання", "uk",
     "National Police", "found", "Національна поліція"),
    ("the National Police said", "Поліція повідомила про затримання", "uk",
     "National Police", "unchecked", None),
    ("the Central Election Commission said", "Орталық сайлау комиссиясының мүшесі", "kk",
     "Central Election Commission", "found", "Орталық сайлау комиссиясының"),
    # Kazakhstan's regions by each language's names, inflected
    ("Voters in West Kazakhstan", "в Западно-Казахстанской области", "ru",
     "West Kazakhstan", "found", "Западно-Казахстанской"),
    ("Voters in West Kazakhstan", "в Восточно-Казахстанской области", "ru",
     "West Kazakhstan", "not_found", None),
    # continents and regions by CLDR's names
    ("in Central Asia", "Орталық Азия елдерінде", "kk", "Central Asia", "found",
     "Орталық Азия"),
    ("in Europe", "Die Zahl der Anträge in Europa steigt", "de", "Europe", "found", "Europa"),
])
def test_terms_across_languages_by_data_not_code(claim, text, lang, term, outcome, seen):
    results = {r.text: (r.outcome, r.as_) for r in
               match_terms(claim_terms(claim), PageText(text, lang))}
    assert results[term] == (outcome, seen), results


def test_in_between_two_names_separates_them():
    # "in" joins no name: Palestinians in Paris are two terms, each looked for on its own;
    # "for" still joins an organisation's name
    texts = [t.text for t in claim_terms(
        "Palestinians in Paris met the Committee for National Security in Almaty")]
    assert "Paris" in texts and "Almaty" in texts
    assert not any(" in " in t for t in texts)
    assert "Committee for National Security" in texts


def test_a_long_claim_keeps_its_late_content_words():
    # media, coalition, political, parties, football, supporters, children, killed, crush,
    # security, forces, tried, clashes, stadium: fourteen, all looked for
    texts = [t.text for t in claim_terms(
        "According to local media and a coalition of political parties, dozens of football "
        "supporters, including children, were killed in a crush as security forces tried to "
        "quell clashes in a packed stadium")]
    assert "clashes" in texts and "stadium" in texts


def test_a_capitalised_common_word_is_looked_for_as_a_word_not_a_name():
    # "the Government" is the page's Gobierno, not a name to transliterate
    results = {r.text: (r.outcome, r.as_) for r in match_terms(
        claim_terms("Fernando Clavijo criticised the Government"),
        PageText("Fernando Clavijo se ha mostrado muy crítico con el Gobierno.", "es"))}
    assert results["Government"] == ("found", "Gobierno")


def test_a_chancellor_is_a_title_not_part_of_the_name():
    results = {r.text: (r.outcome, r.as_) for r in match_terms(
        claim_terms("Chancellor Friedrich Merz expressed his sympathy"),
        PageText("Der Bundeskanzler Friedrich Merz hat sein Mitgefühl ausgesprochen.", "de"))}
    assert results["Friedrich Merz"] == ("found", "Friedrich Merz")


def test_a_turkish_page_is_read_in_turkish(verify_json, httpserver, tmp_path):
    """Turkish has a language file: names as Turkish writes them (BM for the UN, Moskova for
    Moscow), inflected (Moskova'da), content words through FreeDict's English-Turkish
    dictionary met by their stems and lemmas (Avukatı, duruşmanın)."""
    terms = _page_terms(verify_json, httpserver, tmp_path, "tr", "Haber",
                        "Avukatı, Moskova'da BM yetkilileriyle yapılan duruşmanın ertelendiğini "
                        "söyledi.", "His lawyer said the hearing with UN officials in Moscow "
                        "was postponed.")
    assert terms["UN"] == ("found", "BM") and terms["Moscow"] == ("found", "Moskova")
    assert terms["lawyer"] == ("found", "Avukatı")
    assert terms["hearing"] == ("found", "duruşmanın")


@pytest.mark.parametrize("text, lang, seen", [
    ("Таможенная служба изъяла кокаин.", "ru", "Таможенная"),
    ("La douane a saisi de la cocaïne.", "fr", "douane"),
    ("أحبطت الجمارك تهريب الكوكايين", "ar", "الجمارك"),
    ("Zollfahnder stellten Kokain sicher.", "de", "Zollfahnder"),
])
def test_customs_are_the_customs_service_not_a_custom(text, lang, seen):
    # the dictionaries' "custom" is a habit (coutume, Brauch): the hand-kept words say customs
    assert outcomes("the customs service seized cocaine", text, lang)["customs"] == ("found",
                                                                                   seen)
    assert outcomes("the customs service seized cocaine", "Die Polizei beschlagnahmte Kokain.",
                    "de")["customs"] == ("not_found", None)


def test_a_claims_terms_and_a_texts_words_are_the_callers_own():
    # Both are worked out once and remembered: a caller changing its list changes
    # nothing for the next caller.
    from citecheck.check.lexicon import language

    first = claim_terms(NOTE_4)
    first.clear()
    assert [t.text for t in claim_terms(NOTE_4)][:1] == ["KAZBAT"]
    words = language("en").words("Officials recorded 1,234 complaints.")
    words.pop()
    assert language("en").words("Officials recorded 1,234 complaints.")[-1][2] == "complaints"


def key_outcomes(claim: str, text: str, lang: str) -> dict[str, tuple[str, str | None]]:
    return {r.text: (r.outcome, r.as_) for r in match_terms(key_terms(claim), PageText(text, lang))}


@pytest.mark.parametrize("claim, text, lang, day, outcome", [
    ("Kweuke scored on Friday", "В пятницу Квеуке забил.", "ru", "Friday", ("found", "пятницу")),
    ("Kweuke scored on Sunday", "В пятницу Квеуке забил.", "ru", "Sunday", ("not_found", None)),
    ("In Monday's bull run", "el lunes, en el encierro", "es", "Monday", ("found", "lunes")),
    ("the presentation on Saturday", "na sobotniej prezentacji", "pl", "Saturday",
     ("found", "sobotniej")),
    ("he left on Friday", "wyjechał od piątku", "pl", "Friday", ("found", "piątku")),
    ("he arrived on Friday", "am Freitagabend kam er", "de", "Friday", ("found", "Freitagabend")),
    ("he arrived on Sunday", "وصل يوم الأحد", "ar", "Sunday", ("found", "الأحد")),
    # أحد is "anyone", Marte is Mars, pazartesi is Monday: no Sunday, no Tuesday
    ("he arrived on Sunday", "لم يصل أحد", "ar", "Sunday", ("not_found", None)),
    ("it was seen on Tuesday", "el planeta Marte", "es", "Tuesday", ("not_found", None)),
    ("the match on Sunday", "pazartesi günü maç", "tr", "Sunday", ("not_found", None)),
])
def test_a_day_of_the_week_is_a_key_term_looked_for_in_the_pages_language(
        claim, text, lang, day, outcome):
    assert key_outcomes(claim, text, lang)[day] == outcome


def test_a_day_of_the_week_in_a_language_without_day_names_is_unchecked():
    assert key_outcomes("he arrived on Friday", "Ол жұма күні келді", "xx")["Friday"][0] == \
        "unchecked"
    # the figures' checks ask for no day of the week
    assert "Friday" not in {t.text for t in claim_terms("he arrived on Friday")}


@pytest.mark.parametrize("text, lang, outcome", [
    ("Казахские военные прибыли", "ru", ("not_found", None)),  # the people, the language
    ("Қазақ әскерлері келді", "kk", ("not_found", None)),
    ("Казахстанские военные прибыли", "ru", ("found", "Казахстанские")),
    ("Войска Казахстана прибыли", "ru", ("found", "Казахстана")),
    ("Қазақстандық бітімгерлер келді", "kk", ("found", "Қазақстандық")),
])
def test_kazakhstani_is_of_the_state_not_the_ethnic_kazakh(text, lang, outcome):
    assert key_outcomes("Kazakhstani troops arrived", text, lang)["Kazakhstani"] == outcome
    # "Kazakh" in English is said of both
    assert key_outcomes("Kazakh troops arrived", "Казахстанские военные прибыли", "ru")[
        "Kazakh"] == ("found", "Казахстанские")


def test_a_pandemic_is_not_the_turkish_dictionarys_general():
    # FreeDict's English-Turkish "pandemic" is its adjective's sense, genel ("general")
    page = "Kültür Varlıkları ve Müzeler Genel Müdürlüğü raporlar sundu."
    assert key_outcomes("despite the pandemic", page, "tr")["pandemic"] == ("not_found", None)
    assert key_outcomes("despite the pandemic", "Pandemi nedeniyle yapılamayan", "tr")[
        "pandemic"] == ("found", "Pandemi")


def test_a_name_in_the_possessive_before_another_is_two_names():
    names = [t.text for t in key_terms("Shakhtar sold Mudryk to London's Chelsea") if t.kind == "name"]
    assert names == ["Shakhtar", "Mudryk", "London", "Chelsea"]
    names = [t.text for t in key_terms("George Lucas's Star Wars debuted") if t.kind == "name"]
    assert names == ["George Lucas", "Star Wars"]
    # a possessive that is the name's own
    for claim in ("on International Women's Day", "at St Mary's Hospital", "on St Patrick's Day"):
        assert [t.text for t in key_terms(claim)] == [claim.split(" ", 1)[1]]


@pytest.mark.parametrize("claim, text, lang, term, denial", [
    ("the Oktoberfest ended with new records", "Das Oktoberfest ist ohne neue Rekorde zu Ende "
     "gegangen.", "de", "records", "ohne neue Rekorde"),
    ("children will be able to approach it", "vos enfants ne pourront pas l’approcher", "fr",
     "approach", "pas l’approcher"),
    ("people were injured", "il n'y a pas de blessés", "fr", "injured", "pas de blessés"),
])
def test_a_word_denied_with_a_word_between_is_not_found(claim, text, lang, term, denial):
    assert key_outcomes(claim, text, lang)[term] == ("not_found", denial)


def test_a_denial_stops_at_the_end_of_a_clause():
    assert key_outcomes("rescuers arrived", "Sin embargo, los rescatistas llegaron", "es")[
        "rescuers"] == ("found", "rescatistas")
    assert key_outcomes("rescuers arrived", "sin agua, rescatistas llegaron", "es")[
        "rescuers"] == ("found", "rescatistas")


def test_a_nationality_opening_an_unknown_bodys_name_is_part_of_it():
    # "French" is not looked for on its own: the page's France is not the Office's name
    page = "l’Office national de la chasse et de la faune sauvage (ONCFS) dénombre 530 loups en France"
    results = key_outcomes("the French Biodiversity Office counted 530 wolves", page, "fr")
    assert "French" not in results and results["French Biodiversity Office"][0] == "unchecked"
    # a known body after it stays a name of its own
    assert [t.text for t in key_terms("the Russian Foreign Ministry said")] == [
        "Russian", "Foreign Ministry"]
    # the nationality's word is met among the body's words
    assert key_outcomes("the German Press Agency reported", "berichtete die Deutsche "
                        "Presse-Agentur", "de")["German Press Agency"] == (
        "found", "Deutsche Presse-Agentur")
    assert key_outcomes("his lawyer told the German Press Agency",
                        "قال محاميه لوكالة الأنباء الألمانية", "ar")["German Press Agency"] == (
        "found", "لوكالة الأنباء الألمانية")


@pytest.mark.parametrize("claim, text, lang, term, outcome", [
    # the claim denies it and the page states it: the page says the opposite
    ("he climbed without oxygen", "It will be an expedition with the use of oxygen.", "en",
     "oxygen", "not_found"),
    ("there are no wheelchair divisions", "También hay divisiones para sillas de ruedas.",
     "es", "wheelchair divisions", "not_found"),
    # the page denies it too, its denial a few words before ("не йтиме на переговори")
    ("he said the authorities would not negotiate",
     "За його словами, влада не йтиме на переговори.", "uk", "negotiate", "found"),
    ("cigarettes without Polish excise stamps",
     "Ujawnili paczki papierosów bez polskich znaków akcyzy skarbowej.", "pl", "excise",
     "found"),
])
def test_a_term_the_claim_denies_is_found_only_where_the_page_denies_it(claim, text, lang,
                                                                        term, outcome):
    said = key_outcomes(claim, text, lang)
    assert said[term][0] == outcome, said


def test_a_possessive_and_its_noun_are_one_phrase():
    # the artist is on the page, the artist's career is not
    said = match_terms(key_terms("painted early in the artist's career"),
                       PageText("Fue realizado en los últimos años de vida del artista.", "es"))
    assert [(r.text, r.outcome) for r in said if "artist" in r.text] == [
        ("artist's career", "unchecked")]
    said = key_outcomes("Arda Turan signed at the club's headquarters",
                        "Sarı-kırmızılı kulüp ile anlaşmaya varan Arda imzayı attı.", "tr")
    assert said["club's headquarters"][0] == "not_found"
    # a possessive's noun is looked up as the noun, and the prosecutor's office is one thing
    said = key_outcomes("Relatives came to the prosecutor's office in Shymkent",
                        "Родственники пришли в прокуратуру Шымкента.", "ru")
    assert said["prosecutor's office"] == ("found", "прокуратуру")
    said = key_outcomes("the goalkeeper's contract", "El contrato del portero.", "es")
    assert said["goalkeeper's contract"] == ("found", "contrato del portero")


def test_a_country_english_writes_otherwise_than_cldr_is_its_name():
    # CLDR names TR Türkiye: "Turkey" is still the country, never the bird, even opening a
    # sentence
    said = key_outcomes("Turkey's Eurovision story began in 1975",
                        "Türkiye'nin Eurovision macerası 1975'te başladı.", "tr")
    assert said["Turkey"] == ("found", "Türkiye")
    said = key_outcomes("He lives in the Czech Republic", "Er lebt in Tschechien.", "de")
    assert said["Czech Republic"] == ("found", "Tschechien")


def test_eurovision_and_its_jury_are_found_in_cyrillic():
    said = key_outcomes("the Eurovision jury", "На Євробаченні журі віддало бали.", "uk")
    assert said["Eurovision"] == ("found", "Євробаченні")
    assert said["jury"] == ("found", "журі")
    said = key_outcomes("the deportation of Crimean Tatars",
                        "Песня о депортации крымских татар.", "ru")
    assert said["deportation"] == ("found", "депортации")


def test_an_italian_page_is_read_in_italian():
    """Italian has a language file (Snowball's Italian stems, simplemma's Italian lemmas,
    names as Italian writes them, the hand-kept words) and a word list: the Spanish
    dictionary's words carried into Italian by Apertium's Spanish-Italian one, then
    FreeDict's English-Italian words."""
    page = ("Mosca, l'ONU ha confermato: la polizia ha arrestato tre manifestanti durante lo "
            "sciopero dei treni.")
    said = key_outcomes("The UN said police in Moscow detained three protesters during a rail "
                        "strike", page, "it")
    assert said["UN"] == ("found", "ONU") and said["Moscow"] == ("found", "Mosca")
    assert said["police"] == ("found", "polizia") and said["detained"] == ("found", "arrestato")
    assert said["protesters"] == ("found", "manifestanti")
    assert said["rail strike"][0] == "found"  # sciopero dei treni: the dictionary's words
    # a lexicon word the page does not state is not_found, as in every language with a file
    assert key_outcomes("the court acquitted him", "Il tribunale lo ha condannato.", "it")[
        "acquitted"] == ("not_found", None)
    # a plain noun of the dictionary (tractor: trattore), absent
    assert key_outcomes("a tractor", "Una macchina.", "it")["tractor"][0] == "not_found"


@pytest.mark.parametrize("claim, text, lang, term, seen", [
    # a word of the hand-kept lexicon in each of its senses: train is trained troops and the
    # railway's train, oil is petroleum and the oil of olives and seeds
    ("the train derailed", "Descarriló un tren de pasajeros.", "es", "train", "tren"),
    ("the train was late", "Поезд опоздал.", "ru", "train", "Поезд"),
    ("the price of olive oil", "le prix de l'huile d'olive", "fr", "olive oil",
     "huile d'olive"),
    ("oil and flour went up", "Подорожчали олія та борошно.", "uk", "oil", "олія"),
])
def test_a_lexicon_word_is_found_in_each_of_its_senses(claim, text, lang, term, seen):
    said = key_outcomes(claim, text, lang)
    got = said.get(term) or next(v for k, v in said.items() if term in k)
    assert got == ("found", seen)


def test_an_organisation_whose_name_holds_a_name_the_page_never_writes_is_not_found():
    # the common words of King Faisal Foundation are translated (مؤسسة الملك), the name
    # inside it is kept: a page naming another king's foundation does not name it
    claim = "a prize of the King Faisal Foundation"
    said = key_outcomes(claim, "جائزة مؤسسة الملك عبدالعزيز", "ar")
    (name,) = [v for k, v in said.items() if "Foundation" in k]
    assert name == ("not_found", None)
    # with the name on the page, the translated rest is not known: not not_found
    said = key_outcomes(claim, "جائزة مؤسسة الملك فيصل", "ar")
    (name,) = [v for k, v in said.items() if "Foundation" in k]
    assert name[0] != "not_found"
    # too few consonants to tell (Saud ~ سعود, Khalid ~ خالد): unchecked, as before
    said = key_outcomes("a student of King Saud University", "طالب في جامعة الملك فهد", "ar")
    (name,) = [v for k, v in said.items() if "University" in k]
    assert name[0] == "unchecked"
    # a compound of common words is no name inside the name (Cybercrime: crime)
    said = key_outcomes("the Central Cybercrime Bureau", "Centralne Biuro Zwalczania "
                        "Cyberprzestępczości", "pl")
    assert said["Central Cybercrime Bureau"][0] != "not_found"


def test_a_known_name_written_in_lower_case_is_checked_as_that_name():
    # "the interior ministry" is the Interior Ministry: its names in the page's language,
    # and another ministry of its kind named instead
    said = key_outcomes("the interior ministry said", "Das Innenministerium teilte mit", "de")
    assert said["interior ministry"] == ("found", "Innenministerium")
    said = key_outcomes("the interior ministry said", "Das Gesundheitsministerium teilte mit",
                        "de")
    assert said["interior ministry"][0] == "not_found"


def test_unesco_and_the_wwf_are_known_names():
    # written as the page's language writes them (اليونسكو, Всемирный фонд дикой природы),
    # and not_found where the page names another international organisation instead
    assert outcomes("UNESCO listed the site", "أدرجت اليونسكو الموقع", "ar")["UNESCO"] == (
        "found", "اليونسكو")
    assert outcomes("UNESCO listed the site", "أعلنت اليونيسف ذلك", "ar")["UNESCO"][0] == (
        "not_found")
    assert outcomes("the WWF said", "Всемирный фонд дикой природы сообщил", "ru")["WWF"] == (
        "found", "Всемирный фонд дикой природы")
