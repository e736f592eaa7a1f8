"""The documents view: rendering off the GUI thread, preview, save, print."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from pdftext import flat, pdf_text  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402

view_module = pytest.importorskip("ccs_desktop.ui.documents_view")


@pytest.fixture
def view(qtbot, sample):
    db, ids = sample
    widget = view_module.DocumentsView(db)
    qtbot.addWidget(widget)
    return widget, ids


def test_renders_off_the_gui_thread_and_previews(view, qtbot):
    widget, ids = view
    assert not widget.save_button.isEnabled()
    with qtbot.waitSignal(widget.rendered, timeout=10000) as blocker:
        widget.set_meeting(ids["meeting_id"])
    assert "PROCÈS-VERBAL" in flat(pdf_text(blocker.args[0]))
    assert widget.save_button.isEnabled() and widget.print_button.isEnabled()
    if view_module.HAS_QTPDF:
        assert widget.document.pageCount() >= 2
    assert not widget.phone_box.isVisible()

    with qtbot.waitSignal(widget.rendered, timeout=10000) as blocker:
        widget.set_kind(view_module.ATTENDANCE)
    assert "LISTE DE PRÉSENCE" in flat(pdf_text(blocker.args[0]))
    assert not widget.phone_box.isHidden()
    with qtbot.waitSignal(widget.rendered, timeout=10000) as blocker:
        qtbot.mouseClick(widget.phone_box, Qt.MouseButton.LeftButton)
    assert "Téléphone" in flat(pdf_text(blocker.args[0]))


def test_save_writes_the_previewed_pdf(view, qtbot, tmp_path):
    widget, ids = view
    with qtbot.waitSignal(widget.rendered, timeout=10000):
        widget.set_meeting(ids["meeting_id"])
    target = tmp_path / "mon PV"
    widget.ask_save_path = lambda suggested: str(target)
    with qtbot.waitSignal(widget.saved, timeout=2000):
        qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "mon PV.pdf"
    assert saved.read_bytes() == widget.pdf
    widget.ask_save_path = lambda suggested: ""  # cancelled
    assert widget.save_document() == ""


def test_unknown_meeting_reports_a_french_error(view, qtbot):
    widget, _ids = view
    with qtbot.waitSignal(widget.failed, timeout=10000) as blocker:
        widget.set_meeting(987654)
    assert "Réunion introuvable" in blocker.args[0]
    assert widget.status.text() == blocker.args[0]
    assert not widget.save_button.isEnabled()


@pytest.mark.skipif(not view_module.HAS_QTPDF, reason="QtPdf absent")
def test_print_paints_every_page(view, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter
    from pypdf import PdfReader

    widget, ids = view
    with qtbot.waitSignal(widget.rendered, timeout=10000):
        widget.set_meeting(ids["meeting_id"])
    printed = []
    widget.print_pdf = lambda pdf: printed.append(pdf) or True
    assert widget.print_document() is True and printed == [widget.pdf]

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert view_module.paint_pdf(widget.document, printer, dpi=60)
    assert len(PdfReader(str(out)).pages) == widget.document.pageCount()
