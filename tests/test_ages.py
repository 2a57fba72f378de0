"""An age is the age of someone: "a 47-year-old passenger" is not met by a page's
"47-летний водитель" (the driver's age), and is met by the same person's age, in the
page's language ("83-jährige Frau", "âgée de 47 ans", "عمره 47 عاما")."""

from __future__ import annotations

from conftest import article, citations

CASES = [
    # claim, page text, page language, outcome, words of the message
    ("A 47-year-old passenger was injured in the crash.",
     "В аварии пострадал 47-летний водитель легкового автомобиля, сообщили в полиции. "
     "Дорогу перекрыли на несколько часов, движение восстановили только утром.",
     "ru", "other_referent", "the age of drivers"),
    ("The 32-year-old driver was arrested.",
     "Ein 32 Jahre alter Mann wurde nach dem Unfall von der Polizei festgenommen. "
     "Die Straße blieb mehrere Stunden gesperrt, teilte die Polizei am Abend mit.",
     "de", "other_referent", "the age of men"),
    ("An 83-year-old woman was killed in the crash.",
     "Bei dem Unfall wurde eine 83-jährige Frau getötet, teilte die Polizei mit. "
     "Die Straße blieb mehrere Stunden gesperrt, der Verkehr wurde umgeleitet.",
     "de", "found", "the age of women"),
    ("A 47-year-old man was killed in the crash.",
     "Une femme âgée de 47 ans a été tuée dans l'accident, selon la police. "
     "La route est restée fermée pendant plusieurs heures dans la soirée.",
     "fr", "other_referent", "the age of women"),
    ("A 47-year-old driver died in the crash.",
     "توفي سائق عمره 47 عاما في الحادث، بحسب الشرطة. وأغلقت الطريق لعدة ساعات "
     "بعد الحادث، وأعيد فتحها في الصباح.",
     "ar", "found", "the age of drivers"),
    # a place rule applies to an age as to a count
    ("A woman aged 83 was killed in Lyon.",
     "Une femme de 83 ans a été tuée à Marseille, selon la police. "
     "La route est restée fermée pendant plusieurs heures dans la soirée.",
     "fr", "unchecked", "Marseille"),
    ("A 47-year-old man was killed in the crash.",
     "Un hombre de 47 años murió en el accidente, según la policía. "
     "La carretera permaneció cerrada durante varias horas por la noche.",
     "es", "found", "the age of men"),
    # "de 20 años" with no person beside it stays a count of years
    ("He was sentenced to 20 years in prison.",
     "El tribunal lo condenó a una pena de 20 años de prisión, informó la fiscalía. "
     "La defensa anunció que apelará la sentencia en las próximas semanas.",
     "es", "found", "years"),
]


def test_an_age_is_checked_for_whose_age_it_is(verify_json, httpserver, tmp_path):
    notes, refs = [], []
    for n, (claim, text, lang, _, _) in enumerate(CASES, 1):
        httpserver.expect_request(f"/{n}").respond_with_data(
            article("Accident", text, lang=lang),
            content_type="text/html")
        notes.append(f"{claim}[{n}]")
        refs.append(f"[{n}] {httpserver.url_for(f'/{n}')}")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Secretary:\n\n" + "\n\n".join(notes) + "\n\n" + "\n".join(refs)
                      + "\n", encoding="utf-8")
    _, report = verify_json(letter)
    seen = [(c["figures"][0]["outcome"], c["figures"][0].get("message", ""))
            for c in citations(report)]
    assert [outcome for outcome, _ in seen] == [case[3] for case in CASES], seen
    for (_, message), case in zip(seen, CASES):
        assert case[4] in message, message
