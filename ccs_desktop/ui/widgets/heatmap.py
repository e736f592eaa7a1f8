"""The 5×5 Probabilité × Gravité heat map of active threats, painted by hand (QtCharts has
none): likelihood upwards, impact to the right, each cell's count written in it with its
score, the level drawn as a fill that stays distinct in greyscale (lighter to darker) and as
a hatch for the two upper levels, so that a black-and-white print still reads. Keyboard:
arrows move the current cell, Enter or Space opens it; its accessible description says the
current cell in words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible, QAccessibleEvent, QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainter,
    QPaintEvent, QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain import enums, scoring
from ...i18n import ngettext
from .. import i18n

#: fill of each level: luminance falls from Faible to Critique (readable in greyscale)
FILLS = {enums.RiskLevel.LOW: QColor("#f4fbef"), enums.RiskLevel.MEDIUM: QColor("#fcc93a"),
         enums.RiskLevel.HIGH: QColor("#f08a4b"), enums.RiskLevel.CRITICAL: QColor("#a50f15")}
HATCH = {enums.RiskLevel.HIGH: Qt.BrushStyle.BDiagPattern,
         enums.RiskLevel.CRITICAL: Qt.BrushStyle.DiagCrossPattern}


def level_fill(level: enums.RiskLevel) -> QColor:
    return FILLS[level]


class HeatMap(QWidget):
    """counts[likelihood-1][impact-1]; `cellActivated(likelihood, impact)` on a click, Enter
    or Space."""

    cellActivated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.counts: tuple[tuple[int, ...], ...] = tuple((0,) * 5 for _i in range(5))
        self.current = (3, 3)  # (likelihood, impact)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(300, 240))
        self.setAccessibleName(self.tr("Heat map of active threats: likelihood by severity"))
        self._describe()

    # --- data ---------------------------------------------------------------------------
    def set_counts(self, counts: tuple[tuple[int, ...], ...]) -> None:
        self.counts = counts
        self._describe()
        self.update()

    def count(self, likelihood: int, impact: int) -> int:
        return self.counts[likelihood - 1][impact - 1]

    def cell_text(self, likelihood: int, impact: int) -> str:
        n = self.count(likelihood, impact)
        level = scoring.level(likelihood, impact)
        return ngettext(
            "Likelihood {likelihood}, severity {impact} (score {score}, {level}): {n} active "
            "threat", "Likelihood {likelihood}, severity {impact} (score {score}, {level}): "
            "{n} active threats", n).format(
            likelihood=enums.Likelihood(str(likelihood)).label,
            impact=enums.Impact(str(impact)).label, score=likelihood * impact,
            level=level.label, n=i18n.number(n))

    def _describe(self) -> None:
        text = self.cell_text(*self.current)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self,
                                                             QAccessible.Event.DescriptionChanged))

    # --- geometry -----------------------------------------------------------------------
    def _grid(self) -> QRect:
        fm = self.fontMetrics()
        # the likelihood's words wrap ("Quasi / certaine"): the widest word sets the margin
        left = max(fm.horizontalAdvance(word) for n in range(1, 6)
                   for word in enums.Likelihood(str(n)).label.split())
        left += fm.height() + 14
        bottom = 3 * fm.height() + 12
        return QRect(left, 6, max(50, self.width() - left - 8),
                     max(50, self.height() - bottom - 6))

    def cell_rect(self, likelihood: int, impact: int) -> QRectF:
        g = self._grid()
        w, h = g.width() / 5, g.height() / 5
        return QRectF(g.left() + (impact - 1) * w, g.top() + (5 - likelihood) * h, w, h)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        for lk in range(1, 6):
            for im in range(1, 6):
                if self.cell_rect(lk, im).contains(pos.toPointF()):
                    return lk, im
        return None

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 300)

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        big = QFont(self.font())
        big.setBold(True)
        big.setPointSizeF(self.font().pointSizeF() * 1.35)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.8)
        for lk in range(1, 6):
            for im in range(1, 6):
                rect = self.cell_rect(lk, im).adjusted(1, 1, -1, -1)
                level = scoring.level(lk, im)
                fill = FILLS[level]
                p.fillRect(rect, fill)
                if level in HATCH:
                    p.fillRect(rect, QBrush(QColor(0, 0, 0, 70), HATCH[level]))
                dark = level == enums.RiskLevel.CRITICAL
                ink = QColor("white") if dark else QColor("black")
                n = self.count(lk, im)
                if n:
                    # a white plate under the count: legible over the hatch, in greyscale
                    plate = QRectF(0, 0, rect.width() * 0.5, rect.height() * 0.45)
                    plate.moveCenter(rect.center())
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(QColor(255, 255, 255, 230))
                    p.drawRoundedRect(plate, 4, 4)
                    p.setPen(QColor("black"))
                    p.setFont(big)
                    p.drawText(plate, Qt.AlignmentFlag.AlignCenter, i18n.number(n))
                p.setFont(small)
                p.setPen(ink)
                p.drawText(rect.adjusted(3, 1, -3, -1),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                           str(lk * im))
                if (lk, im) == self.current and self.hasFocus():
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.setPen(QPen(QColor("black"), 3))
                    p.drawRect(rect.adjusted(2, 2, -2, -2))
                    p.setPen(QPen(QColor("white"), 1, Qt.PenStyle.DashLine))
                    p.drawRect(rect.adjusted(4, 4, -4, -4))
        p.setFont(self.font())
        p.setPen(self.palette().windowText().color())
        g = self._grid()
        for lk in range(1, 6):
            r = self.cell_rect(lk, 1)
            p.drawText(QRectF(fm.height() + 4, r.top(), g.left() - fm.height() - 8, r.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                       | Qt.TextFlag.TextWordWrap, enums.Likelihood(str(lk)).label)
        width = self.cell_rect(1, 1).width()
        # labels wider than a cell go on two staggered lines, each over two cells' width
        stagger = any(fm.horizontalAdvance(enums.Impact(str(im)).label) > width - 4
                      for im in range(1, 6))
        for im in range(1, 6):
            r = self.cell_rect(1, im)
            line = 1 if stagger and im % 2 == 0 else 0
            room = QRectF(r.center().x() - width, g.bottom() + 3 + line * (fm.height() + 1),
                          2 * width, fm.height() + 2)
            if room.right() > self.width() - 1:  # the last label stays inside the widget
                room.moveRight(self.width() - 1)
                align = Qt.AlignmentFlag.AlignRight
            else:
                align = Qt.AlignmentFlag.AlignHCenter
            text = enums.Impact(str(im)).label
            p.drawText(room, align | Qt.AlignmentFlag.AlignTop,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight,
                                     int(2 * width if stagger else width)))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(g.left(), g.bottom() + 2 * fm.height() + 6, g.width(),
                          fm.height() + 2), Qt.AlignmentFlag.AlignHCenter, self.tr("Severity"))
        p.save()
        p.translate(2, g.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-g.height() / 2, 0, g.height(), fm.height() + 2),
                   Qt.AlignmentFlag.AlignHCenter, self.tr("Likelihood"))
        p.restore()
        p.end()

    # --- interaction --------------------------------------------------------------------
    def set_current(self, likelihood: int, impact: int) -> None:
        self.current = (min(5, max(1, likelihood)), min(5, max(1, impact)))
        self._describe()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_current(*cell)
        if event.button() == Qt.MouseButton.LeftButton:
            self.cellActivated.emit(*cell)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        lk, im = self.current
        key = event.key()
        moves = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
                 Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if key in moves:
            dl, di = moves[key]
            self.set_current(lk + dl, im + di)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.cellActivated.emit(lk, im)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusOutEvent(event)
        self.update()
