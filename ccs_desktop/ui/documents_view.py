"""Printed documents of a meeting in the window: preview, print, save.

The PDF is rendered by the Qt-free service (ccs_desktop.services.documents) off the GUI thread
through the interface's one task helper (ui/tasks.py): a newer choice supersedes the render
under way, and only the last one is shown. The preview and the printing use Qt's PDF
module (in PySide6-Addons).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QCoreApplication,
    QByteArray,
    QIODevice,
    QRect,
    QSize,
    QThreadPool,
    Signal,
    Qt,
    Slot,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import ngettext
from ..fileio import os_error_text, safe_base_name, write_atomically
from ..services import documents
from ..services.documents.names import DOCUMENT_WORDS, meeting_file_name
from ..services.errors import UserError
from . import prompts
from .tasks import TaskControl, TaskRunner

from PySide6.QtPdf import QPdfDocument  # Qt's PDF viewer: in PySide6-Addons, a dependency
from PySide6.QtPdfWidgets import QPdfView

HAS_QTPDF = True  # always (tests/documents still ask)

MINUTES, ANNEX, CONVOCATION, ATTENDANCE = "minutes", "annex", "convocation", "attendance"


def render_document(db, kind: str, meeting_id: int, with_phone: bool = False) -> bytes:  # noqa: ANN001
    """The PDF of one document (called on a worker thread: opens its own session)."""
    if kind == MINUTES:
        return documents.minutes_pdf_for_print(db, meeting_id)
    if kind == ANNEX:
        return documents.render_annex(db, meeting_id)
    if kind == CONVOCATION:
        return documents.render_convocation(db, meeting_id)
    if kind == ATTENDANCE:
        return documents.render_attendance_sheet(db, meeting_id, with_phone=with_phone)
    raise ValueError(kind)


# in the interface's language (never the exception's own, often English, text)
_RENDER_FAILED = QT_TRANSLATE_NOOP(
    "DocumentsView", "The document could not be prepared (unexpected error). Try again; if the "
    "error comes back, make a backup and report the problem.")


def render_failed() -> str:
    return QCoreApplication.translate("DocumentsView", _RENDER_FAILED)


def __getattr__(name: str) -> str:
    """`RENDER_FAILED`: the message in the language in force when it is read."""
    if name == "RENDER_FAILED":
        return render_failed()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_error_text(exc: BaseException) -> str:
    """What the view says of a failed rendering: a service's own message, else a sentence in
    the interface's language (the detail goes to the log)."""
    if isinstance(exc, UserError):
        return str(exc)
    logging.getLogger(__name__).error("document rendering failed", exc_info=exc)
    return render_failed()


class DocumentsView(QWidget):
    """Choose a document of the meeting, preview it, print it or save it."""

    rendered = Signal(bytes)
    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, db, meeting_id: int | None = None, parent: QWidget | None = None,  # noqa: ANN001
                 pool: QThreadPool | None = None,
                 numbering: tuple[int, int, str] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        # the meeting's (number, year, committee code): names the saved files
        self.numbering = numbering
        self.pdf: bytes = b""
        # one render at a time; a newer choice replaces the one waiting (ui/tasks.py)
        self.renders = TaskRunner(self, pool=pool)
        self._buffer: QBuffer | None = None
        # (suggested name) -> path or "" through ui/prompts.py; (pdf bytes) -> bool
        self.ask_save_path: Callable[[str], str] = self._ask_save_path
        self.print_pdf: Callable[[bytes], bool] = self._print_pdf

        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("documentKind")
        for kind, label in ((MINUTES, self.tr("Minutes (procès-verbal)")),
                            (ANNEX, self.tr("Restricted annex")),
                            (CONVOCATION, self.tr("Convocations and receipt list")),
                            (ATTENDANCE, self.tr("Attendance sheet"))):
            self.kind_box.addItem(label, kind)
        self.phone_box = QCheckBox(self.tr("With phone numbers"), self)
        self.phone_box.setObjectName("withPhone")
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setObjectName("saveButton")
        self.status = QLabel(self)
        self.status.setObjectName("documentStatus")
        # a long refusal (a PV asked for a meeting not held) wraps instead of widening the
        # window past the screen
        self.status.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.kind_box, 1)
        bar.addWidget(self.phone_box)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setObjectName("pdfPreview")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.preview, 1)

        self.kind_box.currentIndexChanged.connect(self.refresh)
        self.phone_box.toggled.connect(self.refresh)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self._update_controls(busy=False)
        if meeting_id is not None:
            self.refresh()

    # ------------------------------------------------------------------ state
    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def set_kind(self, kind: str) -> None:
        index = self.kind_box.findData(kind)
        if index >= 0:
            self.kind_box.setCurrentIndex(index)

    def _update_controls(self, busy: bool) -> None:
        ready = bool(self.pdf) and not busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.phone_box.setVisible(self.kind == ATTENDANCE)

    # ------------------------------------------------------------------ rendering
    @Slot()
    def refresh(self) -> None:
        """Render the chosen document again, off the GUI thread (supersedes any render under
        way: its result is never shown)."""
        self.pdf = b""
        self._update_controls(busy=True)
        if self.meeting_id is None:
            self.renders.cancel()
            self.status.setText(self.tr("No meeting selected."))
            return
        self.status.setText(self.tr("Preparing the document…"))
        db, kind, meeting_id = self.db, self.kind, self.meeting_id
        with_phone = self.phone_box.isChecked()

        def work(control: TaskControl) -> bytes:
            control.check()  # superseded before it began: no render at all
            return render_document(db, kind, meeting_id, with_phone)

        self.renders.start(work, on_done=self._on_done, on_fail=self._on_failed)

    def _on_done(self, pdf: bytes) -> None:
        self.pdf = bytes(pdf)
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(ngettext("{n} page", "{n} pages", pages).format(n=pages))
        self._update_controls(busy=False)
        self.rendered.emit(self.pdf)

    def _on_failed(self, exc: BaseException) -> None:
        message = render_error_text(exc)
        self.status.setText(message)
        self._update_controls(busy=False)
        self.failed.emit(message)

    # ------------------------------------------------------------------ save and print
    def default_filename(self) -> str:
        """« PV_003_2026_CCSC-ALAFIA.pdf »: the document and the meeting's number, year and
        committee as the secretary knows them, named as the archive and `ccs minutes` name
        them (the internal id only when the view has no numbering)."""
        if self.numbering is not None:
            return meeting_file_name(self.kind, *self.numbering)
        word = DOCUMENT_WORDS.get(self.kind, "Document")
        return safe_base_name(f"{word}_{self.meeting_id or ''}".rstrip("_") + ".pdf")

    def _ask_save_path(self, suggested: str) -> str:
        return prompts.current().choose_file(
            self, self.tr("Save the document"), self.tr("PDF documents (*.pdf)"),
            start=str(Path.home() / suggested), mode=prompts.SAVE)

    @Slot()
    def save_document(self) -> str:
        if not self.pdf:
            return ""
        path = self.ask_save_path(self.default_filename())
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_atomically(path, self.pdf)
        except OSError as exc:
            prompts.current().inform(self, self.tr("Save the document"),
                                     self.tr("Could not write %1: %2").replace("%1", path)
                                     .replace("%2", os_error_text(exc)), warning=True)
            return ""
        self.status.setText(self.tr("Saved: %1").replace("%1", path))
        self.saved.emit(path)
        return path

    @Slot()
    def print_document(self) -> bool:
        if not self.pdf:
            return False
        return self.print_pdf(self.pdf)

    def _print_pdf(self, pdf: bytes) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.default_filename())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return paint_pdf(self.document, printer)


def paint_pdf(document, printer, dpi: int = 200) -> bool:  # noqa: ANN001
    """Draw the pages of a loaded QPdfDocument on a QPrinter (or any QPagedPaintDevice; on a
    QImage, the first page only), directly: no file is written anywhere."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        first, last = 0, document.pageCount() - 1
        paged = hasattr(printer, "newPage")
        from_page = printer.fromPage() if hasattr(printer, "fromPage") else 0
        to_page = printer.toPage() if hasattr(printer, "toPage") else 0
        if from_page > 0:
            first = from_page - 1
        if to_page > 0:
            last = min(last, to_page - 1)
        if not paged:
            last = min(last, first)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            size_pt = document.pagePointSize(index)
            image = document.render(index, QSize(int(size_pt.width() / 72 * dpi),
                                                 int(size_pt.height() / 72 * dpi)))
            target = painter.viewport()
            fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), fitted.width(), fitted.height()),
                              image)
    finally:
        painter.end()
    return True
