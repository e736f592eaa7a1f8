"""Issue 17: the suspensions of the register: seen, added and removed from the
« Complétude » page's dialog (a suspended month leaves the expected count, shown as « non
attendu (suspendu) »), checked by the service in French words, written in the declared
setting, audited; and `ccs crss suspend` / `ccs crss suspensions`."""

from __future__ import annotations

import rawdb  # noqa: F401, I001

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import insert, text

from ccs_desktop.db import models as m
from ccs_desktop.db import settings
from ccs_desktop.db.engine import open_database
from ccs_desktop.db.models_exchange import RegisterEntry
from ccs_desktop.services.crss import reporting, suspensions
from ccs_desktop.services.errors import ValidationError
from ccs_desktop.services.hub import Services
from ccs_desktop.ui.crss.reporting import CompletenessPage
from ccs_desktop.ui.crss.suspensions import SuspensionsDialog

AS_OF = dt.date(2025, 1, 1)


@pytest.fixture
def crss(tmp_path):  # noqa: ANN001, ANN201
    db = open_database(tmp_path / "crss")
    settings.write_db(db, settings.MODE, settings.CRSS_MODE)
    ids = {}
    with db.session() as s:
        for n, commune in ((1, "Alafia"), (2, "Ber")):
            uid = f"00000000-0000-0000-0000-{n:012d}"
            s.execute(insert(m.Committee.__table__).values(
                uuid=uid, level="commune", region="Tombouctou", cercle="Tombouctou",
                commune=commune, code=f"CCSC-{commune.upper()}", name=f"CCS {commune}"))
            ids[commune] = s.execute(insert(RegisterEntry.__table__).values(
                level="commune", region="Tombouctou", cercle="Tombouctou", commune=commune,
                committee_uuid=uid, installed_on=dt.date(2024, 1, 1),
                status="fonctionnel")).inserted_primary_key[0]
    db.ids = ids
    yield db
    db.close()


def _expected(db) -> int:  # noqa: ANN001
    return reporting.nation(db, year=2024, as_of=AS_OF).expected


def test_the_service_checks_in_french_and_audits(crss) -> None:  # noqa: ANN001
    a = crss.ids["Alafia"]
    with pytest.raises(ValidationError, match="avant"):
        suspensions.add_suspension(crss, a, "2024-05", "2024-01")
    with pytest.raises(ValidationError, match="registre"):
        suspensions.add_suspension(crss, 9999, "2024-05")
    with pytest.raises(ValidationError, match="mois"):
        suspensions.add_suspension(crss, a, "2024-5")
    first = suspensions.add_suspension(crss, a, "2024-03", "2024-06",
                                       "occupation de la commune")
    with pytest.raises(ValidationError, match="chevauche"):
        suspensions.add_suspension(crss, a, "2024-06", "")
    suspensions.add_suspension(crss, crss.ids["Ber"], "2024-06", "")  # another committee
    # written through the declared setting
    stored = json.loads(settings.read_db(crss, settings.REGISTER_SUSPENSIONS))
    assert {"entry": a, "from": "2024-03", "to": "2024-06",
            "reason": "occupation de la commune"} in stored
    assert _expected(crss) == 24 - 4 - 7
    assert suspensions.remove_suspension(crss, first)
    assert not suspensions.remove_suspension(crss, first)
    assert _expected(crss) == 24 - 7
    with crss.session() as s:
        audited = s.execute(text("SELECT action, record_id FROM audit_entries "
                                 "WHERE kind = 'suspension' ORDER BY id")).all()
    assert [tuple(r) for r in audited] == [("create", a), ("create", crss.ids["Ber"]),
                                           ("delete", a)]
    detail = next(d for d in reporting.month_statuses(crss, year=2024, as_of=AS_OF)
                  if d.row.committee_code == "CCSC-BER" and d.row.month == "2024-08")
    assert detail.suspended and not detail.expected
    assert detail.status_text == "Non attendu (suspendu)"


def test_the_dialog_adds_and_removes_and_the_rates_follow(qtbot, crss) -> None:  # noqa: ANN001
    host = SimpleNamespace(services=Services(crss))
    page = CompletenessPage(host)
    qtbot.addWidget(page)
    page.year.setValue(2024)
    page.show()
    QApplication.processEvents()
    assert "24" in page.summary.text()  # 2 committees × 12 months expected
    before = _expected(crss)
    page.findChild(QPushButton, "suspensions").click()
    dialog = page.suspensions_dialog
    assert isinstance(dialog, SuspensionsDialog)
    qtbot.addWidget(dialog)
    # it fits a 1024 × 738 screen
    assert dialog.width() <= 1024 and dialog.height() <= 738
    assert dialog.sizeHint().width() <= 1024
    dialog.committee.setCurrentIndex(dialog.committee.findData(crss.ids["Alafia"]))
    dialog.start.setDate(QDate(2024, 2, 1))
    dialog.end.setDate(QDate(2024, 4, 1))
    dialog.reason.setCurrentText("délégation spéciale non installée")
    dialog.add.click()
    assert dialog.list.topLevelItemCount() == 1
    assert _expected(crss) == before - 3
    assert str(before - 3) in page.summary.text()  # the page followed
    cercle = page.tree.topLevelItem(0).child(0)
    shown = [cercle.child(i).text(1) for i in range(cercle.childCount())]
    assert "9/21 · 3 mois non attendus (suspendus)" in shown or any(
        "3 mois non attendus (suspendus)" in t for t in shown), shown
    # an overlapping span is refused in words, nothing added
    dialog.open_end.setChecked(True)
    dialog.start.setDate(QDate(2024, 4, 1))
    dialog.add.click()
    assert "chevauche" in dialog.message.text() and dialog.list.topLevelItemCount() == 1
    # removed: the month is expected again
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    dialog.remove.click()
    assert dialog.list.topLevelItemCount() == 0 and _expected(crss) == before


def test_cli_suspend_and_list(crss, capsys) -> None:  # noqa: ANN001
    from ccs_desktop.cli import main

    folder = str(crss.path.parent)
    assert main(["crss", "suspend", "--data-dir", folder, "--committee", "ccsc-ber",
                 "--from", "2024-02", "--reason", "occupation de la commune"]) == 0
    assert "2024-02" in capsys.readouterr().out
    assert main(["crss", "suspend", "--data-dir", folder, "--committee", "CCSC-BER",
                 "--from", "2024-05", "--to", "2024-06"]) == 1
    assert "chevauche" in capsys.readouterr().err
    assert main(["crss", "suspensions", "--data-dir", folder, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"committee": "Ber (CCSC-BER)", "entry": crss.ids["Ber"],
                     "from": "2024-02", "to": None, "reason": "occupation de la commune"}]
    assert main(["crss", "completeness", "--data-dir", folder, "--year", "2024"]) == 0
    assert "Non attendu (suspendu)" in capsys.readouterr().out
    assert main(["crss", "suspensions", "--data-dir", folder, "--remove", "1"]) == 0
    capsys.readouterr()
    assert suspensions.suspensions(crss) == []
