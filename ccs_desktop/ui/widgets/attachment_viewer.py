"""An attachment shown inside the application: an image (zoomable, scrollable) or a PDF
(QtPdf), read from the database's bytes through a QBuffer — never written to a file to be
shown. Printing paints the pages or the image on the printer (no temporary file). A copy in
clear on the disk is made only on request (« Enregistrer une copie… », « Ouvrir avec un autre
programme »), after a warning, in the place the user picks.

The stored attachment is treated as hostile: its SHA-256 is checked (the service refuses a
different fingerprint), a damaged image or PDF gives a message, not a crash, and an image is
decoded under a memory limit (a "decompression bomb" declares a huge size in a small file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QImageReader, QPainter, \
    QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout,
    QWidget,
)

from ...fileio import safe_base_name
from ...i18n import ngettext
from ...services.errors import UserError
from .. import prompts

# Decoding limits for a stored image (hostile until shown): Qt refuses to allocate more than
# ALLOCATION_LIMIT_MB for one image, and an image declaring more than MAX_PIXELS is decoded
# scaled down to that many pixels (a phone photo of 50 Mpx is shown at about 24 Mpx).
ALLOCATION_LIMIT_MB = 256
MAX_PIXELS = 24_000_000
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.05, 8.0
IMAGE, PDF, OTHER, BROKEN = "image", "pdf", "other", "broken"


def open_url(url: QUrl) -> bool:
    """Opens a file with the system's program (tests replace this function)."""
    return QDesktopServices.openUrl(url)


def read_image(data: bytes) -> tuple[QImage, QSize]:
    """The image decoded from `data` under the limits (a null QImage when it cannot be read
    or is too large), and the size the file declares."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    previous = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    try:
        declared = reader.size()
        if declared.isValid() and declared.width() * declared.height() > MAX_PIXELS:
            ratio = (MAX_PIXELS / (declared.width() * declared.height())) ** 0.5
            reader.setScaledSize(QSize(max(1, int(declared.width() * ratio)),
                                       max(1, int(declared.height() * ratio))))
        image = reader.read()
    finally:
        QImageReader.setAllocationLimit(previous)
        buffer.close()
    return image, declared


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def is_image(data: bytes) -> bool:
    buffer = QBuffer()
    buffer.setData(QByteArray(data[:64 * 1024]))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return bool(QImageReader.imageFormat(buffer).data())


def paint_image(image: QImage, printer: Any) -> bool:
    """Draw an image, fitted to the page, on a QPrinter (or any paint device)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        target = painter.viewport()
        fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(target.x(), target.y(), fitted.width(), fitted.height()), image)
    finally:
        painter.end()
    return True


class AttachmentViewer(QDialog):
    """One attachment, shown inside the application; its copy in clear only on request."""

    def __init__(self, services: Any, attachment_id: int, filename: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.attachment_id = attachment_id
        self.filename = safe_base_name(filename)  # shown and suggested: never a path
        self.kind = BROKEN
        self.image = QImage()
        self.zoom = 1.0
        self._buffer: QBuffer | None = None
        # () -> a printer the user set up, or None; replaced by tests
        self.ask_printer: Callable[[], Any] = self._ask_printer
        self.setWindowTitle(self.tr("Attachment: %1").replace("%1", self.filename))
        self.setObjectName("attachmentViewer")

        self.status = QLabel(self)
        self.status.setObjectName("viewerStatus")
        self.status.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.message = QLabel(self)
        self.message.setObjectName("viewerMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("imageArea")
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.image_label)
        self.document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("pdfView")
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        for w in (self.message, self.scroll, self.pdf_view):
            self.pages.addWidget(w)

        self.zoom_out_button = QPushButton(self.tr("Zoom out"), self)
        self.zoom_out_button.setObjectName("zoomOut")
        self.zoom_in_button = QPushButton(self.tr("Zoom in"), self)
        self.zoom_in_button.setObjectName("zoomIn")
        self.fit_button = QPushButton(self.tr("Fit to window"), self)
        self.fit_button.setObjectName("zoomFit")
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printAttachment")
        self.save_button = QPushButton(self.tr("Save a copy…"), self)
        self.save_button.setObjectName("saveCopy")
        self.other_button = QPushButton(self.tr("Open with another program…"), self)
        self.other_button.setObjectName("openElsewhere")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeViewer")
        for b in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.print_button,
                  self.save_button, self.other_button):
            b.setAutoDefault(False)  # Enter closes: it never zooms nor writes a copy
        self.close_button.setDefault(True)
        bar = QHBoxLayout()
        for b in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(b)
        bar.addStretch(1)
        for b in (self.print_button, self.save_button, self.other_button, self.close_button):
            bar.addWidget(b)
        col = QVBoxLayout(self)
        col.addWidget(self.status)
        col.addWidget(self.pages, 1)
        col.addLayout(bar)

        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit)
        self.print_button.clicked.connect(self.print_attachment)
        self.save_button.clicked.connect(lambda: self.export(open_after=False))
        self.other_button.clicked.connect(lambda: self.export(open_after=True))
        self.close_button.clicked.connect(self.reject)
        self._fit_screen()
        self.load()

    def _fit_screen(self) -> None:
        """At most 960×680 (fits a 1024×768 screen with its task bar, buttons visible)."""
        width, height = 960, 680
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(max(480, width), max(360, height))

    # ------------------------------------------------------------------ loading
    def load(self) -> None:
        try:
            data = self.services.attachments.data(self.attachment_id)  # SHA-256 checked
        except UserError as exc:
            self._show_message(str(exc), exportable=False)
            return
        if is_pdf(data):
            self._load_pdf(data)
        elif is_image(data):
            self._load_image(data)
        else:
            self.kind = OTHER
            self._show_message(self.tr(
                "This kind of file cannot be shown inside CCS Desktop. You can save a copy or "
                "open it with another program: that copy will be in clear on the disk."),
                exportable=True)

    def _show_message(self, text: str, *, exportable: bool) -> None:
        self.message.setText(text)
        self.status.setText(self.filename)
        self.pages.setCurrentWidget(self.message)
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_button,
                  self.print_button):
            b.setEnabled(False)
        self.save_button.setEnabled(exportable)
        self.other_button.setEnabled(exportable)

    def _load_pdf(self, data: bytes) -> None:
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or \
                self.document.pageCount() < 1:
            self.document.close()
            self.kind = BROKEN
            self._show_message(self.tr(
                "This PDF document is damaged or protected: it cannot be shown. You can save "
                "a copy to try another program."), exportable=True)
            return
        self.kind = PDF
        self.pages.setCurrentWidget(self.pdf_view)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pages = self.document.pageCount()
        self.status.setText(ngettext("{name} — {n} page", "{name} — {n} pages", pages)
                            .format(name=self.filename, n=pages))

    def _load_image(self, data: bytes) -> None:
        image, declared = read_image(data)
        if image.isNull():
            self.kind = BROKEN
            too_big = declared.isValid() and declared.width() * declared.height() > MAX_PIXELS
            self._show_message(self.tr(
                "This image is too large to be shown safely (%1 × %2 pixels): save a copy to "
                "open it with another program.").replace("%1", str(declared.width()))
                .replace("%2", str(declared.height())) if too_big else self.tr(
                "This image is damaged or its format is not supported: it cannot be shown. "
                "You can save a copy to try another program."), exportable=True)
            return
        self.kind = IMAGE
        self.image = image
        self.pages.setCurrentWidget(self.scroll)
        self.status.setText(self.tr("%1 — %2 × %3 pixels").replace("%1", self.filename)
                            .replace("%2", str(declared.width() if declared.isValid()
                                               else image.width()))
                            .replace("%3", str(declared.height() if declared.isValid()
                                               else image.height())))
        self.fit()

    # ------------------------------------------------------------------ zoom
    def set_zoom(self, factor: float) -> None:
        self.zoom = min(ZOOM_MAX, max(ZOOM_MIN, factor))
        if self.kind == PDF:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(self.zoom)
        elif self.kind == IMAGE:
            size = self.image.size() * self.zoom
            self.image_label.setPixmap(QPixmap.fromImage(self.image.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)))
            self.image_label.resize(self.image_label.pixmap().size())

    def fit(self) -> None:
        if self.kind == PDF:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)
            self.zoom = self.pdf_view.zoomFactor()
        elif self.kind == IMAGE:
            room = self.scroll.viewport().size()
            if room.width() < 50 or room.height() < 50:
                room = QSize(900, 560)
            self.set_zoom(min(1.0, room.width() / max(1, self.image.width()),
                              room.height() / max(1, self.image.height())))

    # ------------------------------------------------------------------ print
    def _ask_printer(self) -> Any:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.filename)
        dialog = QPrintDialog(printer, self)
        if self.kind == PDF:
            dialog.setMinMax(1, max(1, self.document.pageCount()))
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def print_attachment(self) -> bool:
        """Print through the system's dialog: the pages or the image are painted on the
        printer (no file)."""
        if self.kind not in (PDF, IMAGE):
            return False
        printer = self.ask_printer()
        return printer is not None and self.paint_on(printer)

    def paint_on(self, device: Any) -> bool:
        from ..documents_view import paint_pdf

        if self.kind == PDF:
            return paint_pdf(self.document, device)
        if self.kind == IMAGE:
            return paint_image(self.image, device)
        return False

    # ------------------------------------------------------------------ the copy in clear
    def export(self, *, open_after: bool) -> Path | None:
        """After the warning (Cancel by default), the place the user picks, the copy written
        there (the service makes the name safe and writes atomically), then, for « Ouvrir
        avec un autre programme », the system's program on it."""
        title = self.tr("Open with another program") if open_after else \
            self.tr("Save a copy")
        warning = self.tr(
            "The copy of “%1” will be written IN CLEAR on the disk, outside the protection "
            "of CCS Desktop: anyone who gets this computer or this USB stick can read it. "
            "Choose a place you control and delete the copy when you no longer need it."
        ).replace("%1", self.filename)
        if not prompts.current().ask_yes_no(self, title, warning,
                                            yes_text=self.tr("Write the copy in clear"),
                                            warning=True):
            return None
        suffix = Path(self.filename).suffix
        kinds = self.tr("Files like this one (*%1);;All files (*)").replace("%1", suffix) \
            if suffix else self.tr("All files (*)")
        chosen = prompts.current().choose_file(self, title, kinds,
                                               start=str(Path.home() / self.filename),
                                               mode=prompts.SAVE)
        if not chosen:
            return None
        place = Path(chosen)
        try:
            target = self.services.attachments.open_copy(self.attachment_id, place.parent,
                                                         name=place.name)
        except UserError as exc:
            prompts.current().inform(self, title, str(exc), warning=True)
            return None
        self.status.setText(self.tr("Copy written in clear: %1").replace("%1", str(target)))
        if open_after and not open_url(QUrl.fromLocalFile(str(target))):
            prompts.current().inform(self, title, self.tr(
                "No program of this computer opens this file. The copy is here: %1")
                .replace("%1", str(target)), warning=True)
        return target
