"""Issue 10: one prompt seam. Every question a screen asks (the exchange dialogs' files,
folders and confirmations, a delete confirmation, the attachment chooser, the About box) goes
through ui/prompts.py: one ScriptedPrompts installed there answers them all, and no other
module under ui/ names QMessageBox, QFileDialog or QInputDialog."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

import ccs_desktop
from ccs_desktop.ui import commands, prompts
from ccs_desktop.ui.commands import delete_with_undo
from ccs_desktop.ui.editors.records import ActivityEditor
from ccs_desktop.ui.exchange import common

UI = Path(ccs_desktop.__file__).parent / "ui"
DIALOGS = {"QMessageBox", "QFileDialog", "QInputDialog"}


def test_no_module_under_ui_but_the_seam_names_the_native_dialogs():
    offenders = {}
    for path in sorted(UI.rglob("*.py")):
        if path == UI / "prompts.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
            n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if used & DIALOGS:
            offenders[str(path.relative_to(UI))] = sorted(used & DIALOGS)
    assert offenders == {}


def test_one_scripted_prompts_answers_every_screen(qtbot, committee_services, tmp_path):
    services = committee_services
    stack = QUndoStack()
    scan = tmp_path / "photo causerie.jpg"
    scan.write_bytes(b"\xff\xd8\xff fake jpeg " * 50)
    key = tmp_path / "crss.key"
    key.write_text("x")
    folder = tmp_path / "stick"
    folder.mkdir()
    fake = prompts.ScriptedPrompts(answers={
        "ask_yes_no": [False, True, True, False],
        "choose_file": [[str(scan)], str(key), str(folder), [str(scan), str(key)]],
    })
    with prompts.replaced(fake):
        # a delete confirmation: refused, then accepted
        p = services.people.create(given_names="Oumar", family_name="Cissé", sex="H",
                                   category="elus")
        assert delete_with_undo("people", p.id, services, stack, None) is False
        assert services.people.count() == 1
        assert delete_with_undo("people", p.id, services, stack, None) is True
        assert services.people.count() == 0
        # the attachment chooser
        act = services.activities.create(title="Sensibilisation radio", date="2024-03-02")
        editor = ActivityEditor(services, stack, act.id)
        qtbot.addWidget(editor)
        qtbot.mouseClick(editor.attachments.add_button, Qt.MouseButton.LeftButton)
        assert editor.attachments.list.count() == 1
        # the exchange screens: a file, a folder, a confirmation, a question, a message
        box = common.CrssKeyBox()
        qtbot.addWidget(box)
        box.choose()
        assert box.path_edit.text() == str(key)
        picker = common.DestinationPicker()
        qtbot.addWidget(picker)
        picker.choose_folder()
        assert picker.selected_folder() == folder
        assert common.Prompts.confirm(None, "Restaurer", "Sûr ?", "Restaurer") is True
        assert common.Prompts.yes_no(None, "Clé", "Remplacer ?") is False
        assert common.Prompts.open_files(None, "Fichiers", "*") == [str(scan), str(key)]
        common.Prompts.error(None, "Erreur", "Échec")
        commands.inform(None, "Refusé")
    asked = [a[0] for a in fake.asked]
    assert asked == ["ask_yes_no", "ask_yes_no", "choose_file", "choose_file", "choose_file",
                     "ask_yes_no", "ask_yes_no", "choose_file", "inform", "inform"]
    assert "Cissé".upper() in fake.asked[0][2].upper()
    assert fake.asked[-1][2] == "Refusé"
    assert prompts.current() is not fake


def test_the_about_box_asks_through_the_seam(window):
    fake = prompts.ScriptedPrompts()
    with prompts.replaced(fake):
        window.about()
    assert [a[0] for a in fake.asked] == ["about"]
