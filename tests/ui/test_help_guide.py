"""« Aide › Guide du secrétaire » (issue 18): the guide in the application and as PDF."""

from __future__ import annotations

import io

from PySide6.QtWidgets import QMenu, QMainWindow

from ccs_desktop.services import guide
from ccs_desktop.ui import help as helpmod

TOPICS = ("Installer", "Préparer le comité", "Convocation", "Présences", "PV", "Adoption",
          "recommandations", "clé USB", "CRSS", "coupure de courant", "Mot de passe perdu",
          "Windows a protégé")


def test_the_guide_covers_the_secretarys_topics_in_french():
    text = guide.guide_text("fr")
    for topic in TOPICS:
        assert topic in text, topic
    kinds = [b.kind for b in guide.blocks(text)]
    assert kinds[0] == "h1" and kinds.count("h2") >= 7 and "ol" in kinds and "ul" in kinds


def test_the_guide_prints_as_a_pdf_with_its_text():
    from pypdf import PdfReader

    pdf = guide.render_guide_pdf("fr")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    assert "Guide du secrétaire" in text and "coupure de courant" in text
    assert "**" not in text and "`" not in text  # the mark-up is rendered, not printed


def test_the_help_menu_gets_the_guide_first_and_it_opens_and_saves(qtbot, tmp_path,
                                                                  monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu(window)
    about = menu.addAction("À propos")
    action = helpmod.install_help_menu(window, menu)
    tour = window.findChild(type(action), "action_tour")  # « Visite guidée » (ui/tour.py)
    assert menu.actions() == [action, tour, about]
    action.trigger()
    dialog = window._guide  # noqa: SLF001
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and "Préparer le comité" in dialog.browser.toPlainText()
    target = tmp_path / "guide.pdf"
    monkeypatch.setattr(helpmod.prompts.Prompts, "choose_file",
                        lambda *a, **k: str(target))
    assert dialog.export_pdf() == str(target)
    assert target.read_bytes().startswith(b"%PDF")
