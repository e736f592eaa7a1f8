"""Attachments are shown inside the application (issue 11): a meeting's image or PDF in the
viewer (page count, zoom, print painted on the printer), a copy in clear only after the
warning and in the place the user picks, and a damaged or hostile attachment gives a French
message, never a crash nor a file."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtPdfWidgets import QPdfView
from sqlalchemy import text

from ccs_desktop.ui import prompts
from ccs_desktop.ui.editors.attachments import AttachmentsPanel
from ccs_desktop.ui.widgets import attachment_viewer as av

SHOTS = Path(os.environ.get("CCS_SHOTS", "/tmp/ccs-shots"))


def png_bytes(width: int = 400, height: int = 300) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(20, 20, width // 2, height // 2, QColor("darkgreen"))
    painter.drawText(30, height - 30, "Liste de présence signée")
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def pdf_bytes(pages: int = 2) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for n in range(pages):
        if n:
            writer.newPage()
        font = painter.font()
        font.setPointSize(28)
        painter.setFont(font)
        painter.drawText(800, 1600, f"Procès-verbal signé, page {n + 1}")
        painter.fillRect(800, 2000, 4000, 3000, QColor("navy"))
    painter.end()
    buffer.close()
    return bytes(array)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG file that declares a huge image (a decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + chunk(b"IEND", b""))


def blank(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    return image


@pytest.fixture
def meeting(services):
    return services.meetings.create_with_agenda(date="2024-04-12")


def attach(services, meeting, tmp_path: Path, name: str, data: bytes) -> int:
    source = tmp_path / "sources" / Path(name).name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    return services.attachments.add_file(source, meeting_id=meeting.id,
                                         kind="attendance_sheet").id


def open_in_panel(qtbot, services, meeting) -> av.AttachmentViewer:
    panel = AttachmentsPanel(services, meeting_id=meeting.id)
    qtbot.addWidget(panel)
    panel.list.setCurrentRow(panel.list.count() - 1)
    script = prompts.ScriptedPrompts()
    with prompts.replaced(script):
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert [a[0] for a in script.asked] == ["run_dialog"]  # the viewer, no file, no question
    viewer = panel.findChild(av.AttachmentViewer)
    assert viewer is not None
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def test_an_image_is_shown_and_zoomed_inside(qtbot, services, meeting, tmp_path):
    attach(services, meeting, tmp_path, "liste signée.png", png_bytes())
    viewer = open_in_panel(qtbot, services, meeting)
    assert viewer.kind == av.IMAGE
    assert "400 × 300" in viewer.status.text()
    assert viewer.pages.currentWidget() is viewer.scroll
    before = viewer.image_label.pixmap().width()
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.image_label.pixmap().width() == pytest.approx(before * 1.25, abs=2)
    qtbot.mouseClick(viewer.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.zoom_out_button, Qt.MouseButton.LeftButton)
    assert viewer.image_label.pixmap().width() < before
    assert viewer.print_button.isEnabled() and viewer.save_button.isEnabled()


def test_a_pdf_is_shown_with_its_pages_and_zoomed(qtbot, services, meeting, tmp_path):
    attach(services, meeting, tmp_path, "pv signé.pdf", pdf_bytes(3))
    viewer = open_in_panel(qtbot, services, meeting)
    assert viewer.kind == av.PDF
    assert viewer.document.pageCount() == 3
    assert "3 pages" in viewer.status.text()
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.Custom
    first = viewer.pdf_view.zoomFactor()
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.pdf_view.zoomFactor() == pytest.approx(first * 1.25)
    qtbot.mouseClick(viewer.fit_button, Qt.MouseButton.LeftButton)
    assert viewer.pdf_view.zoomMode() == QPdfView.ZoomMode.FitInView


def test_the_viewer_fits_a_small_screen_and_is_grabbed(qtbot, services, meeting, tmp_path):
    attach(services, meeting, tmp_path, "pv signé.pdf", pdf_bytes(2))
    viewer = open_in_panel(qtbot, services, meeting)
    assert viewer.width() <= 1024 and viewer.height() <= 738
    for b in (viewer.print_button, viewer.save_button, viewer.other_button,
              viewer.close_button, viewer.zoom_in_button):
        assert b.isVisible()
        corner = b.mapTo(viewer, QPoint(0, 0))
        assert viewer.rect().contains(QRect(corner, b.size())), b.text()
    assert viewer.close_button.isDefault()  # Enter closes; it never zooms nor writes a copy
    qtbot.wait(400)  # QPdfView renders its pages on a worker thread
    SHOTS.mkdir(parents=True, exist_ok=True)
    screen = QImage(QSize(1024, 768), QImage.Format.Format_RGB32)
    screen.fill(QColor("#3a6ea5"))
    painter = QPainter(screen)
    painter.drawPixmap(20, 20, viewer.grab())
    painter.end()
    assert screen.save(str(SHOTS / "attachment-viewer-pdf.png"))
    image_id = attach(services, meeting, tmp_path, "liste.png", png_bytes(1600, 1200))
    other = av.AttachmentViewer(services, image_id, "liste.png")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.fit()
    assert other.grab().save(str(SHOTS / "attachment-viewer-image.png"))


def test_a_copy_is_written_only_after_the_warning_where_the_user_chose(
        qtbot, services, meeting, tmp_path, monkeypatch):
    data = pdf_bytes(1)
    attach(services, meeting, tmp_path, "pv signé.pdf", data)
    viewer = open_in_panel(qtbot, services, meeting)
    opened = []
    monkeypatch.setattr(av, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    chosen = tmp_path / "cle-usb"
    chosen.mkdir()
    # refused: nothing asked further, nothing written
    script = prompts.ScriptedPrompts(answers={"ask_yes_no": False,
                                              "choose_file": str(chosen / "pv.pdf")})
    with prompts.replaced(script):
        qtbot.mouseClick(viewer.other_button, Qt.MouseButton.LeftButton)
    assert [a[0] for a in script.asked] == ["ask_yes_no"]
    assert "EN CLAIR" in script.asked[0][2] and "pv signé.pdf" in script.asked[0][2]
    assert list(chosen.iterdir()) == [] and opened == []
    # accepted: the place picked, the copy written there, then opened
    script = prompts.ScriptedPrompts(answers={"ask_yes_no": True,
                                              "choose_file": str(chosen / "pv.pdf")})
    with prompts.replaced(script):
        qtbot.mouseClick(viewer.other_button, Qt.MouseButton.LeftButton)
    assert [a[0] for a in script.asked] == ["ask_yes_no", "choose_file"]
    assert script.asked[1][2].endswith("pv signé.pdf")  # suggested under its own name
    assert (chosen / "pv.pdf").read_bytes() == data
    assert opened == [str(chosen / "pv.pdf")]
    # « Enregistrer une copie… »: the same, without opening; a cancelled place writes nothing
    script = prompts.ScriptedPrompts(answers={"ask_yes_no": True, "choose_file": ""})
    with prompts.replaced(script):
        qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in chosen.iterdir()) == ["pv.pdf"] and len(opened) == 1


def test_a_hostile_stored_name_is_suggested_and_written_safe(qtbot, services, meeting,
                                                             tmp_path):
    att = attach(services, meeting, tmp_path, "liste.png", png_bytes())
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE attachments SET filename = '../../../etc/x.png' "
                          "WHERE id = :i"), {"i": att})
    viewer = open_in_panel(qtbot, services, meeting)
    assert viewer.filename == "x.png"
    chosen = tmp_path / "ici"
    chosen.mkdir()
    script = prompts.ScriptedPrompts(answers={"ask_yes_no": True,
                                              "choose_file": str(chosen / "..\\..\\y.png")})
    with prompts.replaced(script):
        target = viewer.export(open_after=False)
    assert script.asked[1][2] == str(Path.home() / "x.png")
    assert target is not None and target.parent == chosen
    assert os.listdir(chosen) == [target.name] and "/" not in target.name


def test_a_damaged_attachment_gives_a_french_message(qtbot, services, meeting, tmp_path):
    att = attach(services, meeting, tmp_path, "pv.pdf", pdf_bytes(1))
    with services.db.engine.begin() as conn:  # the bytes changed behind the fingerprint
        conn.execute(text("UPDATE attachments SET data = :d WHERE id = :i"),
                     {"d": b"%PDF-1.4 autre chose", "i": att})
    viewer = open_in_panel(qtbot, services, meeting)
    assert viewer.kind == av.BROKEN
    assert "endommagée" in viewer.message.text()
    assert not viewer.save_button.isEnabled() and not viewer.print_button.isEnabled()


@pytest.mark.parametrize("name, data, words", [
    ("pv.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50, "PDF"),
    ("liste.png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, "endommagée"),
    ("liste.jpg", b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50, "endommagée"),
    ("bombe.png", png_declaring(200_000, 200_000), "trop grande"),
    ("rapport.docx", b"PK\x03\x04 un document Word", "ne peut pas être affiché"),
])
def test_a_corrupt_or_unknown_file_is_explained_and_can_only_be_exported(
        qtbot, services, meeting, tmp_path, name, data, words):
    attach(services, meeting, tmp_path, name, data)
    viewer = open_in_panel(qtbot, services, meeting)
    assert viewer.kind in (av.BROKEN, av.OTHER)
    assert words in viewer.message.text()
    assert viewer.pages.currentWidget() is viewer.message
    assert not viewer.print_button.isEnabled() and not viewer.zoom_in_button.isEnabled()
    assert viewer.save_button.isEnabled() and viewer.other_button.isEnabled()


def test_a_large_image_is_decoded_scaled_down():
    image, declared = av.read_image(png_bytes(6000, 5000))
    assert declared == QSize(6000, 5000)
    assert not image.isNull()
    assert image.width() * image.height() <= av.MAX_PIXELS


def test_printing_paints_the_pages_and_the_image_without_a_file(qtbot, services, meeting,
                                                                tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    for name, data in (("pv.pdf", pdf_bytes(2)), ("liste.png", png_bytes())):
        att = attach(services, meeting, tmp_path, name, data)
        viewer = av.AttachmentViewer(services, att, name)
        qtbot.addWidget(viewer)
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = tmp_path / "imprimante" / f"{name}.out.pdf"
        out.parent.mkdir(exist_ok=True)
        printer.setOutputFileName(str(out))
        viewer.ask_printer = lambda printer=printer: printer
        qtbot.mouseClick(viewer.print_button, Qt.MouseButton.LeftButton)
        assert out.read_bytes().startswith(b"%PDF")
        page = QImage(600, 800, QImage.Format.Format_RGB32)
        page.fill(QColor("white"))
        assert viewer.paint_on(page)
        assert page != blank(600, 800)
