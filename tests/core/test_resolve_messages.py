"""What `ccs minutes` / `ccs documents` say when the meeting typed is not found: from the
catalog (English ids, French by default, typeset as the documents are: no-break spaces before
« : ; » and inside « », the typographic apostrophe), in English when asked."""

from __future__ import annotations

import pytest

from ccs_desktop import i18n
from ccs_desktop.services.documents.resolve import resolve_meeting
from ccs_desktop.services.errors import NotFound, UserError

from french import fr


def test_an_unknown_meeting_is_said_in_typeset_french(demo_db):
    with pytest.raises(UserError) as refused:
        resolve_meeting(demo_db, "xyz")
    text = str(refused.value)
    head = fr("Réunion « xyz » non reconnue : donnez son identifiant, son UUID ou "
              "« numéro/année » (par exemple 3/2024). Réunions existantes (les plus "
              "récentes) : ")
    assert text.startswith(head), text
    listed = text[len(head):]
    # the meetings, separated as French writes a list, and the last ones elided
    assert listed.count("\u00a0; ") >= 14 and listed.endswith("\u00a0; ….")
    assert " ; " not in text and "'" not in text
    with pytest.raises(NotFound) as missing:
        resolve_meeting(demo_db, "999/2090")
    assert str(missing.value).startswith(fr("Réunion « 999/2090 » introuvable. Réunions "))


def test_an_unknown_meeting_in_english(demo_db):
    i18n.set_language("en")
    try:
        with pytest.raises(NotFound) as missing:
            resolve_meeting(demo_db, "999/2090")
    finally:
        i18n.set_language("fr")
    text = str(missing.value)
    assert text.startswith("Meeting “999/2090” not found. Meetings recorded (the latest): ")
    assert "; " in text and "\u00a0" not in text


def test_an_empty_database_says_there_is_no_meeting(empty_db):
    with pytest.raises(NotFound) as missing:
        resolve_meeting(empty_db, "1/2024")
    assert str(missing.value) == fr("Réunion « 1/2024 » introuvable. Aucune réunion n'est "
                                    "enregistrée.")
