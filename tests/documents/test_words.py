import datetime as dt

from ccs_desktop.services.documents import words


def test_opening_date_in_words():
    assert (words.opening_date_words(dt.date(2024, 4, 12))
            == "L'an deux mille vingt-quatre et le douze avril")
    assert (words.opening_date_words(dt.date(2025, 3, 1))
            == "L'an deux mille vingt-cinq et le premier mars")
    assert words.day_words(21) == "vingt et un"
    assert words.day_words(31) == "trente et un"


def test_dates_and_hours_in_text():
    assert words.date_text(dt.date(2024, 4, 5)) == "5 avril 2024"
    assert words.date_text(dt.date(2024, 8, 1)) == "1er août 2024"
    assert words.date_text(dt.date(2024, 4, 12), weekday=True) == "vendredi 12 avril 2024"
    assert words.hour_text(dt.time(10, 0)) == "10\u00a0h\u00a000"
    assert words.hour_text(dt.time(13, 15)) == "13\u00a0h\u00a015"
    assert words.hour_text(None) == ""


def test_french_elision_and_articles():
    assert words.de("Alafia") == "d'Alafia"
    assert words.de("Ber") == "de Ber"
    assert words.de("Énnéri") == "d'Énnéri"
    assert words.with_de("Maire") == "du Maire"
    assert words.with_de("le Préfet") == "du Préfet"
    assert words.with_de("la Présidente de la délégation spéciale") == \
        "de la Présidente de la délégation spéciale"
    assert words.with_de("Présidente") == "de la Présidente"
    assert words.in_place("la salle de réunion") == "dans la salle de réunion"
    assert words.in_place("Alafia") == "à Alafia"
    assert words.in_place("Salle de réunion de la mairie d'Alafia") == \
        "dans la salle de réunion de la mairie d'Alafia"
    assert words.in_place("Mairie d'Alafia") == "à la mairie d'Alafia"
    assert words.in_place("École de Tin-Aicha") == "à l'école de Tin-Aicha"
    assert words.in_place("La salle polyvalente") == "dans la salle polyvalente"


def test_sex_dependent_words():
    assert (words.article("F"), words.president_word("F"), words.civility("F")) == \
        ("La", "Présidente", "Mme")
    assert (words.article("H"), words.president_word("H"), words.civility("H")) == \
        ("Le", "Président", "M.")
