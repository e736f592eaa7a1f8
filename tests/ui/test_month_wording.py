"""Issue 15, trap 11: the words a secretary reads."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from ccs_desktop.ui.wizard import SetupWizard
from month_keys import type_text
from tests.french import fr


def test_the_wizard_writes_secretaire_generale_for_a_woman(qtbot, empty_db):
    from ccs_desktop.services.hub import Services

    wizard = SetupWizard(Services(empty_db))
    qtbot.addWidget(wizard)
    wizard.show()
    sec = wizard.officers_page.secretary
    assert sec.function.text() == "Secrétaire général de la mairie"
    sec.sex.setCurrentIndex(sec.sex.findData("F"))
    assert sec.function.text() == "Secrétaire générale de la mairie"
    sec.sex.setCurrentIndex(sec.sex.findData("H"))
    assert sec.function.text() == "Secrétaire général de la mairie"
    sec.function.setText("Secrétaire administratif")  # her own words stay
    sec.sex.setCurrentIndex(sec.sex.findData("F"))
    assert sec.function.text() == "Secrétaire administratif"


def test_the_draft_banner_says_a_before_the_hour(qtbot, services):
    from ccs_desktop.ui.editors.people import PersonEditor

    first = PersonEditor(services, QUndoStack())
    qtbot.addWidget(first)
    first.show()
    type_text(qtbot, first.form.widgets["given_names"], "Hawa")
    first.keeper.flush()
    first.hide()  # the draft stays (as after a power cut)
    again = PersonEditor(services, QUndoStack())
    qtbot.addWidget(again)
    text = again.draft_label.text()
    assert " à " in text and " h " in text, text


def test_the_letter_placeholder_quotes_the_committees_own_code(qtbot, empty_db):
    from ccs_desktop.services.hub import Services
    from ccs_desktop.ui.editors.records import RecommendationEditor

    s = Services(empty_db)
    s.committee.create(level="commune", region="Tombouctou", cercle="Goundam",
                       commune="Essakane")
    editor = RecommendationEditor(s, QUndoStack())
    qtbot.addWidget(editor)
    code = s.committee.own().code
    assert "ALAFIA" not in code
    assert editor.t_letter.placeholderText() == f"ex. 012/{code}"


def test_a_rank_replaces_the_civility_and_particles_stay_as_written(qtbot, services):
    from ccs_desktop.ui.editors.people import PersonEditor

    editor = PersonEditor(services, QUndoStack())
    qtbot.addWidget(editor)
    editor.show()
    type_text(qtbot, editor.form.widgets["title"], "Sergent")
    type_text(qtbot, editor.form.widgets["given_names"], "Kadiatou")
    type_text(qtbot, editor.form.widgets["family_name"], "Coulibaly")
    editor.form.widgets["sex"].setCurrentIndex(editor.form.widgets["sex"].findData("F"))
    assert editor.preview.text() == fr("Sur les documents : ") + "Sergent Kadiatou COULIBALY"
    editor.form.widgets["title"].clear()
    editor.form.widgets["family_name"].clear()
    type_text(qtbot, editor.form.widgets["family_name"], "Walet Mohamed")
    assert editor.preview.text() == fr("Sur les documents : ") + "Mme Kadiatou Walet MOHAMED"
    assert editor.form.widgets["family_name"].font().capitalization().name != "AllUppercase"
