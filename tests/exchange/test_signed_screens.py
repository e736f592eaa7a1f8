"""Issue 12 in the screens: Settings shows the committee's fingerprint (read-only); the CRSS
register shows a committee's key as not confirmed and confirms it by its fingerprint."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt

from ccs_desktop.services.crss import importer
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import signing
from ccs_desktop.services.hub import Services
from ccs_desktop.ui import prompts


def test_settings_show_the_signing_fingerprint(qtbot, committee_db) -> None:
    from PySide6.QtWidgets import QLabel

    from ccs_desktop.ui.views.settings import SettingsPage

    page = SettingsPage(Services(committee_db))
    qtbot.addWidget(page)
    label = page.findChild(QLabel, "signingFingerprint")
    fp = signing.own_fingerprint(committee_db)
    assert label is not None and fp in label.text()
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_register_screen_shows_and_confirms_the_key(qtbot, committee_db, pair,
                                                    tmp_path: Path) -> None:
    from ccs_desktop.ui.crss.pages import AcceptKeyDialog, RegisterPage

    crss = importer.open_crss_database(tmp_path / "crss")
    t = bk.create_transmission(committee_db, tmp_path / "u", crss_public=pair.public_key)
    assert importer.import_file(crss, t.path, [ct.X25519Identity(pair.private_key)]).ok
    fp = signing.own_fingerprint(committee_db)
    page = RegisterPage(SimpleNamespace(services=Services(crss)))
    qtbot.addWidget(page)
    page.refresh()
    model = page.model
    keys = [c.key for c in model.columns]
    assert keys[-2:] == ["key", "fingerprint"]  # new columns at the end
    row = next(i for i in range(model.rowCount()) if model.row_at(model.index(i, 0)
                                                                  ).committee_uuid)
    texts = [model.index(row, c).data() for c in range(len(keys))]
    unconfirmed = texts[-2]
    assert texts[-1] == fp and unconfirmed
    page.view.setCurrentIndex(page.proxy.mapFromSource(model.index(row, 0)))

    def run_dialog(dialog, modal=True):  # noqa: ANN001, ANN202
        assert isinstance(dialog, AcceptKeyDialog)
        dialog.fingerprint.setText("ZZZZ-ZZZZ-ZZZZ-ZZZZ")
        dialog.accept_key()
        assert dialog.message.text() and not dialog.result()
        dialog.fingerprint.setText(fp)
        dialog.accept_key()
        return dialog.result()

    fake = prompts.ScriptedPrompts()
    fake.run_dialog = run_dialog
    with prompts.replaced(fake):
        page.key_of_current()
    texts = [model.index(row, c).data() for c in range(len(keys))]
    assert texts[-1] == fp and texts[-2] and texts[-2] != unconfirmed
    crss.close()


def test_crss_lists_show_a_committee_as_unconfirmed_on_every_row_until_its_key_is(
        qtbot, committee_db, pair, tmp_path: Path) -> None:
    """While its first key is not confirmed, the rows a committee sent are imported and shown
    as unconfirmed (the « Comité » column of every CRSS list), until `accept-key`."""
    from ccs_desktop.services.crss import committee_keys
    from ccs_desktop.ui.views.crss import CommitteeCodes

    crss = importer.open_crss_database(tmp_path / "crss")
    t = bk.create_transmission(committee_db, tmp_path / "u", crss_public=pair.public_key)
    report = importer.import_file(crss, t.path, [ct.X25519Identity(pair.private_key)])
    assert report.ok
    codes = CommitteeCodes(crss)
    shown = {v for v in codes.codes.values() if v}
    assert shown and all(v.endswith("(clé non confirmée)") for v in shown), shown
    committee_keys.accept_key(crss, report.committee_uuid, signing.own_fingerprint(committee_db))
    codes = CommitteeCodes(crss)
    assert all("non confirmée" not in v for v in codes.codes.values())
    assert any(v.startswith("CCSC-") for v in codes.codes.values())
