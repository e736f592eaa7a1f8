"""Printed documents of a meeting in the window: preview, print, save.

The PDF is rendered by the Qt-free service (ccs_desktop.services.documents) on a worker of
QThreadPool; the result comes back to the GUI thread through a signal. The preview uses Qt's
PDF module (wheel PySide6_Pdf); without it the view still saves and prints through the
system's PDF viewer.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QCoreApplication,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QThreadPool,
    QUrl,
    Signal,
    Qt,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import ngettext
from ..fileio import french_os_error, write_atomically
from ..services import documents
from ..services.errors import UserError

try:  # Qt's PDF viewer ships in its own wheel (PySide6_Pdf), not in PySide6-Addons
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAS_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installation
    QPdfDocument = QPdfView = None  # type: ignore[assignment,misc]
    HAS_QTPDF = False

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


class _RenderSignals(QObject):
    done = Signal(int, bytes)
    failed = Signal(int, str)


def _render_in_pool(token: int, work: Callable[[], bytes], signals: _RenderSignals) -> None:
    """Runs on a pool thread; `token` lets the view drop results it no longer wants.
    (A plain function rather than a QRunnable subclass: no Python wrapper is collected on a
    worker thread at exit.)"""
    try:
        try:
            pdf = work()
        except UserError as exc:
            signals.failed.emit(token, str(exc))
        except Exception:  # noqa: BLE001 - shown to the user in French, never a crash
            logging.getLogger(__name__).exception("document rendering failed")
            signals.failed.emit(token, render_failed())
        else:
            signals.done.emit(token, pdf)
    except RuntimeError:  # the view and its signals were destroyed meanwhile: no one waits
        pass


class DocumentsView(QWidget):
    """Choose a document of the meeting, preview it, print it or save it."""

    rendered = Signal(bytes)
    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, db, meeting_id: int | None = None, parent: QWidget | None = None,  # noqa: ANN001
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        self.pool = pool or QThreadPool.globalInstance()
        self.pdf: bytes = b""
        self._token = 0
        self._tasks: dict[int, _RenderSignals] = {}
        self._buffer: QBuffer | None = None
        # Replaced by tests: () -> path or "" ; (pdf bytes) -> bool
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

        bar = QHBoxLayout()
        bar.addWidget(self.kind_box, 1)
        bar.addWidget(self.phone_box)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        if HAS_QTPDF:
            self.document = QPdfDocument(self)
            self.preview = QPdfView(self)
            self.preview.setObjectName("pdfPreview")
            self.preview.setDocument(self.document)
            self.preview.setPageMode(QPdfView.PageMode.MultiPage)
            self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            layout.addWidget(self.preview, 1)
        else:  # pragma: no cover - depends on the installation
            self.document = None
            self.preview = QLabel(self.tr("The preview needs Qt's PDF module (PySide6_Pdf). "
                                          "You can still save or print the document."), self)
            self.preview.setWordWrap(True)
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
        """Render the chosen document again, off the GUI thread."""
        self._token += 1
        self.pdf = b""
        self._update_controls(busy=True)
        if self.meeting_id is None:
            self.status.setText(self.tr("No meeting selected."))
            return
        self.status.setText(self.tr("Preparing the document…"))
        db, kind, meeting_id = self.db, self.kind, self.meeting_id
        with_phone = self.phone_box.isChecked()
        # a child of the view: never destroyed by the pool thread that drops the last
        # Python reference to it (issue 19); deleted by Qt once it has reported
        signals = _RenderSignals(self)
        signals.done.connect(self._on_done)
        signals.failed.connect(self._on_failed)
        token = self._token
        self._tasks[token] = signals  # kept alive until it reports
        self.pool.start(lambda: _render_in_pool(
            token, lambda: render_document(db, kind, meeting_id, with_phone), signals))

    @Slot(int, bytes)
    def _on_done(self, token: int, pdf: bytes) -> None:
        signals = self._tasks.pop(token, None)
        if signals is not None:
            signals.deleteLater()
        if token != self._token:
            return  # an older request: the user chose something else since
        self.pdf = bytes(pdf)
        if self.document is not None:
            self.document.close()
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(self.pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            pages = self.document.pageCount()
            self.status.setText(ngettext("{n} page", "{n} pages", pages).format(n=pages))
        else:  # pragma: no cover
            self.status.setText(self.tr("Document ready."))
        self._update_controls(busy=False)
        self.rendered.emit(self.pdf)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        signals = self._tasks.pop(token, None)
        if signals is not None:
            signals.deleteLater()
        if token != self._token:
            return
        self.status.setText(message)
        self._update_controls(busy=False)
        self.failed.emit(message)

    # ------------------------------------------------------------------ save and print
    def default_filename(self) -> str:
        names = {MINUTES: "PV", ANNEX: "Annexe_restreinte", CONVOCATION: "Convocations",
                 ATTENDANCE: "Liste_de_presence"}
        return f"{names.get(self.kind, 'Document')}_{self.meeting_id}.pdf"

    def _ask_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the document"), str(Path.home() / suggested),
            self.tr("PDF documents (*.pdf)"))
        return path

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
            QMessageBox.warning(self, self.tr("Save the document"),
                                self.tr("Could not write %1: %2").replace("%1", path)
                                .replace("%2", french_os_error(exc)))
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
        if self.document is None:  # pragma: no cover - no QtPdf: the system viewer prints
            fd, tmp = tempfile.mkstemp(suffix=".pdf")
            with os.fdopen(fd, "wb") as fh:
                fh.write(pdf)
            return QDesktopServices.openUrl(QUrl.fromLocalFile(tmp))
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.default_filename())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return paint_pdf(self.document, printer)


def paint_pdf(document, printer, dpi: int = 200) -> bool:  # noqa: ANN001
    """Draw the pages of a loaded QPdfDocument on a QPrinter (or any QPagedPaintDevice)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        first, last = 0, document.pageCount() - 1
        from_page, to_page = printer.fromPage(), printer.toPage()
        if from_page > 0:
            first = from_page - 1
        if to_page > 0:
            last = min(last, to_page - 1)
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
