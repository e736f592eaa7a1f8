"""First-run wizard typed by hand, the Settings page, the language switch."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWizard

from ccs_desktop.services.hub import Services
from ccs_desktop.services.records import ListQuery
from ccs_desktop.ui import i18n
from ccs_desktop.ui.main_window import MainWindow
from ccs_desktop.ui.wizard import SetupWizard, parse_category, split_name


def type_into(qtbot, widget, text):
    """Type like a user; QTest only types ASCII, so accented letters are inserted."""
    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            widget.insert(ch)


def test_names_and_categories_are_understood():
    assert split_name("Yehya KONTA") == ("Yehya", "KONTA")
    assert split_name("Aminata Walet AHMED") == ("Aminata", "Walet AHMED")
    assert split_name("Oumar Maïga") == ("Oumar", "Maïga")
    assert parse_category("CAFO") == "femmes"
    assert parse_category("chef de village") == "traditionnels"
    assert parse_category("Forces de défense") == "fds"


def test_wizard_typed_end_to_end(qtbot, empty_db):
    services = Services(empty_db)
    assert not services.committee.is_configured()
    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.button(QWizard.WizardButton.NextButton).text() in ("&Suivant >", "Suivant >",
                                                                     "&Suivant")
    wizard.next()
    form = wizard.committee_page.form
    type_into(qtbot, form.region.lineEdit(), "Tombouctou")
    type_into(qtbot, form.cercle.lineEdit(), "Goundam")
    assert form.commune.count() > 0  # the communes of the cercle are offered
    type_into(qtbot, form.commune.lineEdit(), "Alafia-Nouveau")  # not listed: still accepted
    assert form.code.text() == "CCSC-ALAFIA-NOUVEAU"
    assert form.name.text() == "Comité Consultatif de Sécurité de la Commune d'Alafia-Nouveau"
    assert form.chair_title.text() == "Maire de la Commune rurale d'Alafia-Nouveau"
    wizard.next()
    assert wizard.currentPage() is wizard.officers_page
    chair = wizard.officers_page.chair
    type_into(qtbot, chair.given, "Hamidou")
    type_into(qtbot, chair.family, "Touré")
    sec = wizard.officers_page.secretary
    type_into(qtbot, sec.given, "Aminata")
    type_into(qtbot, sec.family, "Cissé")
    sec.sex.setCurrentIndex(sec.sex.findData("F"))
    wizard.next()
    table = wizard.members_page.table
    table.setCurrentCell(0, 0)
    QApplication.clipboard().setText("Yehya KONTA\tH\tChef de village\tnon\tChef de village de Toya\n"
                                     "Fadimata Walet MOHAMED\tF\tCAFO\toui\tPrésidente CAFO\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert table.cell(1, 2) == "Représentantes des femmes (CAFO)"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted

    committee = services.committee.own()
    assert committee.code == "CCSC-ALAFIA-NOUVEAU" and committee.cercle == "Goundam"
    assert committee.chair.full_name == "Hamidou TOURÉ"
    assert committee.secretary.sex == "F"
    people = {p.full_name: p for p in services.people.list(ListQuery())}
    assert set(people) == {"Hamidou TOURÉ", "Aminata CISSÉ", "Yehya KONTA",
                           "Fadimata WALET MOHAMED"}
    assert people["Fadimata WALET MOHAMED"].category == "femmes"
    assert people["Fadimata WALET MOHAMED"].is_youth
    assert people["Yehya KONTA"].category == "traditionnels"


def test_wizard_refuses_a_bad_member_line(qtbot, empty_db):
    wizard = SetupWizard(Services(empty_db))
    qtbot.addWidget(wizard)
    wizard.members_page.table.paste_text("Moussa DIARRA\tX\tJustice\n")
    assert not wizard.members_page.validatePage()
    assert "H ou F" in wizard.members_page.error.text()


def test_settings_edit_the_profile(qtbot, window):
    page = window.go_to("settings")
    page.form.chair_title.clear()
    type_into(qtbot, page.form.chair_title, "Président de la délégation spéciale d'Alafia")
    page.share_names.setChecked(True)
    women = [i for i in range(page.secretary.count()) if page.secretary.itemText(i)]
    page.secretary.setCurrentIndex(women[-1])
    chosen = page.secretary.currentData()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.status.text() == "Paramètres enregistrés."
    committee = window.services.committee.own()
    assert committee.chair_title == "Président de la délégation spéciale d'Alafia"
    assert committee.share_names is True
    assert committee.secretary_id == chosen


def test_language_switch_to_english_and_back(qtbot, window):
    page = window.go_to("settings")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert page.save()
    assert QSettings().value("ui/language") == "en"
    assert i18n.active_language() == "en"
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:3] == ["Home", "Meetings", "Threats"]
    assert window.current_key() == "settings"
    meetings = window.go_to("meetings")
    assert meetings.count_label.text().endswith(" meetings")
    assert meetings.model.headerData(0, Qt.Orientation.Horizontal) == "Reference"
    # a new window started later reads the setting
    i18n.install_translators(QApplication.instance())
    again = MainWindow(window.db)
    qtbot.addWidget(again)
    assert again.nav.item(1).text() == "Meetings"
    i18n.set_language_setting("fr")
    i18n.install_translators(QApplication.instance())
    assert MainWindow(window.db).nav.item(1).text() == "Réunions"
