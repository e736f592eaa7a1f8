"""Issue 17: the CRSS's « Complétude » page: reached from the register page, region →
cercle → committee in one tree with each rate's band in words, the silent committees, the
thresholds saved, and the relance letter written for the selected cercle."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from ccs_desktop.db import settings
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.hub import Services
from ccs_desktop.ui import prompts
from ccs_desktop.ui.crss.reporting import CompletenessPage


def _builder():  # noqa: ANN202
    path = Path(__file__).parents[1] / "core" / "test_reporting.py"
    spec = importlib.util.spec_from_file_location("reporting_builder_ui", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.build_crss


@pytest.fixture
def host(tmp_path):  # noqa: ANN001, ANN201
    db = open_database(tmp_path / "crss")
    _builder()(db, 12, 1, first_year=2024, silent_share=0.4)
    yield SimpleNamespace(services=Services(db))
    db.close()


def test_the_tree_the_bands_and_the_letter(qtbot, host, tmp_path, monkeypatch):  # noqa: ANN001
    page = CompletenessPage(host)
    qtbot.addWidget(page)
    page.year.setValue(2024)
    page.show()
    QApplication.processEvents()
    assert page.tree.topLevelItemCount() == 2  # Mopti, Tombouctou
    region = page.tree.topLevelItem(0)
    assert region.childCount() >= 1 and region.child(0).childCount() >= 1
    text = region.text(2)
    assert "%" in text and any(w in text for w in ("≥", "–", "<"))  # words, not colour only
    assert page.silent.topLevelItemCount() >= 1
    assert "Mali" in page.summary.text()
    # thresholds
    page.deadline.setValue(90)
    page.findChild(QPushButton, "saveThresholds").click()
    assert settings.read_db(host.services.db, settings.REPORT_DEADLINE_DAYS) == 90
    # the letter for the selected cercle
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    assert page.letter.isEnabled()
    out = tmp_path / "relance.pdf"

    class Scripted(prompts.Prompts):
        def choose_file(self, *a, **k):  # noqa: ANN002, ANN003, ANN202
            return str(out)

    monkeypatch.setattr(prompts, "current", lambda: Scripted())
    page.letter.click()
    assert out.read_bytes().startswith(b"%PDF")
    out = tmp_path / "report.pdf"
    page.findChild(QPushButton, "periodicReport").click()  # rendered off the GUI thread
    qtbot.waitUntil(lambda: "Rapport enregistré" in page.message.text(), timeout=60000)
    assert out.read_bytes().startswith(b"%PDF")


def test_reached_from_the_register_page(qtbot, host, monkeypatch):  # noqa: ANN001
    from ccs_desktop.ui.crss import pages

    opened = []
    monkeypatch.setattr("ccs_desktop.ui.crss.reporting.open_completeness",
                        lambda h, parent=None: opened.append(h))
    page = pages.RegisterPage(host)
    qtbot.addWidget(page)
    page.findChild(QPushButton, "openCompleteness").click()
    assert opened == [host]
