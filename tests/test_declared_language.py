"""The language a short page declares for itself wins over a guess that it does not fit."""

from __future__ import annotations

from conftest import article, citations, write_letter


def test_a_short_page_is_read_in_the_language_it_declares(httpserver, tmp_path, verify_json):
    # py3langid reads this Russian sentence alone as Bulgarian; the page says it is Russian
    httpserver.expect_request("/ru").respond_with_data(
        article("Задержания", "В Москве силовики задержали 898 демонстрантов.", lang="ru"),
        content_type="text/html")
    # and this Kazakh one as Tatar; the server says the page is Kazakh
    httpserver.expect_request("/kk").respond_with_data(
        article("Телефон", "Адвокаттың телефоны: 8 701 150 00 00.", lang="x-none"),
        content_type="text/html", headers={"Content-Language": "kk-KZ"})
    letter = write_letter(tmp_path,
                          ("In Moscow, police detained 898 protesters.", httpserver.url_for("/ru")),
                          ("The lawyer can be reached by phone.", httpserver.url_for("/kk")))
    _, report = verify_json(letter)
    ru, kk = citations(report)
    assert (ru["source"]["language"], kk["source"]["language"]) == ("ru", "kk")
    assert ru["figures"][0]["outcome"] == "found", ru["figures"][0]["message"]


def test_a_declared_language_the_text_is_not_in_is_not_taken(httpserver, tmp_path, verify_json):
    # a template's lang="en" on a Russian page: the text is plainly not English
    httpserver.expect_request("/en").respond_with_data(
        article("Задержания", "В Москве силовики задержали 898 демонстрантов, сообщает "
                "пресс-служба полиции. Всех задержанных доставили в отделы.", lang="en"),
        content_type="text/html")
    letter = write_letter(tmp_path, ("In Moscow, police detained 898 protesters.",
                                     httpserver.url_for("/en")))
    _, report = verify_json(letter)
    (c,) = citations(report)
    assert c["source"]["language"] == "ru"
