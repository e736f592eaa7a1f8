"""Issue 10: one wording of an OS error. The same system error (a full disk, a stick pulled
out, a locked stick) reads the same in a backup, an attachment, a PDF export (CLI and
screen) and the CLI's last resort; no module but fileio turns an errno into words."""

from __future__ import annotations

from french import fr  # noqa: I001  (tests/french.py: the catalog's French is typeset)
import ast
import datetime as dt
import errno
import os
from pathlib import Path

import pytest

from ccs_desktop import cli, fileio, i18n
from ccs_desktop.fileio import os_error_message, os_error_text
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.hub import Services

from .conftest import PASS

ROOT = Path(__file__).resolve().parents[2] / "ccs_desktop"
FRENCH = {
    errno.ENOSPC: fr("plus de place sur le disque (le support est plein : libérez de la place "
                     "ou utilisez un autre support)"),
    errno.EIO: fr("erreur de lecture ou d'écriture du support (clé USB retirée ? Rebranchez-la "
                  "puis recommencez)"),
    errno.EROFS: fr("support en lecture seule (verrou de la clé USB ?)"),
    errno.EACCES: fr("accès refusé"),
}


def _error(code: int) -> OSError:
    return OSError(code, os.strerror(code))  # the system's text: English here


def _from_backup(db, tmp_path: Path, monkeypatch, code: int) -> str:  # noqa: ANN001
    def failing(self, data):  # noqa: ANN001, ANN202
        raise _error(code)

    with monkeypatch.context() as patch:
        patch.setattr(ct.ContainerWriter, "write", failing)
        with pytest.raises(UserError) as refused:
            bk.create_backup(db, tmp_path / "usb", PASS)
    return str(refused.value)


def _from_attachment(db, tmp_path: Path, monkeypatch, code: int) -> str:  # noqa: ANN001
    services = Services(db)
    meeting = services.meetings.create(kind="ordinary", date=dt.date(2024, 3, 5),
                                       place="Mairie")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")

    def failing(self):  # noqa: ANN001, ANN202
        raise _error(code)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", failing)
        with pytest.raises(UserError) as refused:
            services.attachments.add_file(scan, meeting_id=meeting.id)
    return str(refused.value)


def _from_cli_export(db, tmp_path: Path, monkeypatch, capsys, code: int) -> str:  # noqa: ANN001
    meeting = Services(db).meetings.create(kind="ordinary", date=dt.date(2024, 3, 5),
                                           place="Mairie")

    def failing(*_a, **_k):  # noqa: ANN202
        raise _error(code)

    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setattr(fileio, "write_atomically", failing)  # cli.documents imports it then
        assert cli.main(["convocation", str(meeting.id), "--data-dir", str(db.data_dir),
                         "--out", str(tmp_path / "convocation.pdf")]) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize("code", sorted(FRENCH))
def test_the_same_error_reads_the_same_in_backup_attachment_and_pdf_export(
        committee_db, tmp_path, monkeypatch, capsys, code) -> None:  # noqa: ANN001
    text = os_error_text(_error(code))
    assert text == FRENCH[code]  # never the system's English
    backup = _from_backup(committee_db, tmp_path, monkeypatch, code)
    attachment = _from_attachment(committee_db, tmp_path, monkeypatch, code)
    export = _from_cli_export(committee_db, tmp_path, monkeypatch, capsys, code)
    for message in (backup, attachment, export):
        assert f"\u00a0: {text}." in message, message  # the catalog's typeset colon
        assert os.strerror(code) not in message, message
    assert backup.startswith(fr("Erreur d'accès au disque « {where} » : {text}.").format(
        where=tmp_path / "usb", text=text))
    assert attachment == fr("Impossible de lire « {name} » : {text}.").format(name="scan.pdf",
                                                                               text=text)


def test_the_documents_screen_says_it_the_same_way(committee_db, qtbot, tmp_path,
                                                   monkeypatch) -> None:  # noqa: ANN001
    pytest.importorskip("PySide6.QtWidgets")
    from ccs_desktop.ui import documents_view, prompts

    view = documents_view.DocumentsView(committee_db)
    qtbot.addWidget(view)
    view.pdf = b"%PDF-1.4 rendered"
    view.ask_save_path = lambda suggested: str(tmp_path / "pv.pdf")

    def failing(*_a, **_k):  # noqa: ANN202
        raise _error(errno.ENOSPC)

    monkeypatch.setattr(documents_view, "write_atomically", failing)
    with prompts.replaced(prompts.ScriptedPrompts()) as scripted:
        assert view.save_document() == ""
    [(_method, _title, text)] = scripted.asked
    assert text.endswith(FRENCH[errno.ENOSPC]), text


def test_the_cli_last_resort_and_english(tmp_path) -> None:  # noqa: ANN001
    where = tmp_path / "x.pdf"
    error = OSError(errno.ENOSPC, "No space left on device", str(where))
    full = fr("Erreur d'accès au disque « {where} » : {text}.")
    assert os_error_message(error) == full.format(where=where, text=FRENCH[errno.ENOSPC])
    assert os_error_message(OSError("x")) == fr("Erreur d'accès au disque : {text}.").format(
        text="x")
    i18n.set_language("en")
    assert os_error_text(error) == ("no space left on the disk (the medium is full: free "
                                    "some space or use another medium)")
    assert os_error_text(OSError(errno.ENOENT, "No such file")) == "file or folder not found"


def _reads_errno(tree: ast.AST) -> list[str]:
    """What in a module turns an OSError into words itself: `.errno`, `.strerror`,
    `os.strerror`, a call of fileio's bare cause, or an errno constant anywhere but as the
    first argument of an OSError being raised."""
    raised = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Name) \
                and node.func.id.endswith("Error"):
            raised.add(id(node.args[0]))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr in ("errno", "strerror") and not (
                    isinstance(node.value, ast.Name) and node.value.id == "errno"):
                found.append(f"{node.lineno}: .{node.attr}")
            elif isinstance(node.value, ast.Name) and node.value.id == "errno" \
                    and id(node) not in raised:
                found.append(f"{node.lineno}: errno.{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "french_os_error":
            found.append(f"{node.lineno}: french_os_error")
    return found


# callers in files other helpers of issue 10 own, still on the bare cause (no advice):
# they move to os_error_text when their owners take it
NOT_YET = {"ui/editors/meeting/adoption.py", "db/engine.py"}


def test_no_module_but_fileio_turns_an_errno_into_words() -> None:
    offenders = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "fileio.py":
            continue
        found = _reads_errno(ast.parse(path.read_text(encoding="utf-8")))
        if rel in NOT_YET:
            found = [f for f in found if not f.endswith("french_os_error")]
        if found:
            offenders[rel] = found
    assert offenders == {}
