"""Levels and statuses drawn as rounded badges.

Readable in black and white: the text is always written, and each step of a scale has its own
border (thin, thick, double, dashed) so that a grey printout or a colour-blind reader still
tells "Critique" from "Faible". Overdue recommendations get a red bold "Overdue" tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..models.record_model import BADGE_ROLE, CODE_ROLE, OVERDUE_ROLE


@dataclass(frozen=True)
class BadgeStyle:
    fill: str
    text: str
    border: str
    border_width: float = 1.0
    dashed: bool = False
    double: bool = False
    bold: bool = False


_GREY = BadgeStyle("#eceff1", "#263238", "#78909c")
STYLES: dict[str, dict[str, BadgeStyle]] = {
    "level": {
        "low": BadgeStyle("#e8f5e9", "#1b5e20", "#43a047", 1.0, dashed=True),
        "medium": BadgeStyle("#fff8e1", "#5d4200", "#f9a825", 1.5),
        "high": BadgeStyle("#ffe0b2", "#7a2e00", "#ef6c00", 2.5, bold=True),
        "critical": BadgeStyle("#c62828", "#ffffff", "#000000", 2.0, double=True, bold=True),
    },
    "meeting_status": {
        "planned": BadgeStyle("#e3f2fd", "#0d47a1", "#1e88e5", 1.0, dashed=True),
        "held": BadgeStyle("#fff8e1", "#5d4200", "#f9a825", 1.5),
        "not_held": BadgeStyle("#eceff1", "#37474f", "#546e7a", 1.0, dashed=True),
        "adopted": BadgeStyle("#e8f5e9", "#1b5e20", "#2e7d32", 2.0, double=True, bold=True),
    },
    "threat_status": {
        "active": BadgeStyle("#ffebee", "#8e0000", "#c62828", 2.0, bold=True),
        "watched": BadgeStyle("#fff8e1", "#5d4200", "#f9a825", 1.0),
        "resolved": BadgeStyle("#e8f5e9", "#1b5e20", "#43a047", 1.0, dashed=True),
    },
    "vulnerability_status": {
        "open": BadgeStyle("#ffebee", "#8e0000", "#c62828", 2.0, bold=True),
        "in_progress": BadgeStyle("#fff8e1", "#5d4200", "#f9a825", 1.0),
        "addressed": BadgeStyle("#e8f5e9", "#1b5e20", "#43a047", 1.0, dashed=True),
    },
    "recommendation_status": {
        "formulated": BadgeStyle("#e3f2fd", "#0d47a1", "#1e88e5", 1.0, dashed=True),
        "transmitted": BadgeStyle("#ede7f6", "#311b92", "#5e35b1", 1.5),
        "in_progress": BadgeStyle("#fff8e1", "#5d4200", "#f9a825", 1.5),
        "implemented": BadgeStyle("#e8f5e9", "#1b5e20", "#2e7d32", 2.0, double=True, bold=True),
        "partial": BadgeStyle("#f1f8e9", "#33691e", "#7cb342", 1.5, dashed=True),
        "not_implemented": BadgeStyle("#ffebee", "#8e0000", "#c62828", 2.0),
        "abandoned": BadgeStyle("#eceff1", "#37474f", "#78909c", 1.0, dashed=True),
    },
    "membership": {
        "member": BadgeStyle("#e8f5e9", "#1b5e20", "#43a047", 1.5),
        "guest": BadgeStyle("#e3f2fd", "#0d47a1", "#1e88e5", 1.0, dashed=True),
        "inactive": BadgeStyle("#eceff1", "#37474f", "#78909c", 1.0, dashed=True),
    },
}
OVERDUE = BadgeStyle("#b00020", "#ffffff", "#000000", 2.0, bold=True)


def style_for(kind: str | None, code: object) -> BadgeStyle:
    return STYLES.get(kind or "", {}).get(str(code), _GREY)


def overdue_text() -> str:
    return QCoreApplication.translate("Badges", "Overdue")


class BadgeDelegate(QStyledItemDelegate):
    """Draws the cells whose column has a badge kind (BADGE_ROLE) as rounded badges."""

    H_PAD = 7
    V_MARGIN = 3
    GAP = 5

    def _parts(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, BadgeStyle]]:
        kind = index.data(BADGE_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        parts = [(str(text), style_for(kind, index.data(CODE_ROLE)))] if text else []
        if kind == "recommendation_status" and index.data(OVERDUE_ROLE):
            parts.append((overdue_text(), OVERDUE))
        return parts

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.data(BADGE_ROLE):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x = float(option.rect.left() + 4)
        right = option.rect.right() - 2
        for text, bs in self._parts(index):
            font = QFont(option.font)
            font.setBold(bs.bold)
            fm = QFontMetrics(font)
            w = fm.horizontalAdvance(text) + 2 * self.H_PAD
            h = min(fm.height() + 4, option.rect.height() - 2 * self.V_MARGIN + 2)
            w = min(w, max(0.0, right - x))
            if w <= 2 * self.H_PAD:
                break
            rect = QRectF(x, option.rect.top() + (option.rect.height() - h) / 2, w, h)
            self._draw_badge(painter, rect, text, bs, font, fm)
            x += w + self.GAP
        painter.restore()

    @staticmethod
    def _draw_badge(painter: QPainter, rect: QRectF, text: str, bs: BadgeStyle, font: QFont,
                    fm: QFontMetrics) -> None:
        radius = rect.height() / 2
        pen = QPen(QColor(bs.border), bs.border_width)
        if bs.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(bs.fill))
        inset = bs.border_width / 2
        painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
        if bs.double:
            inner = rect.adjusted(3, 3, -3, -3)
            painter.setPen(QPen(QColor(bs.border), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2)
        painter.setFont(font)
        painter.setPen(QColor(bs.text))
        elided = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 8)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), elided)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if not index.data(BADGE_ROLE):
            return base
        width = 8
        for text, bs in self._parts(index):
            font = QFont(option.font)
            font.setBold(bs.bold)
            width += QFontMetrics(font).horizontalAdvance(text) + 2 * self.H_PAD + self.GAP
        return QSize(max(base.width(), width), max(base.height(), QFontMetrics(
            option.font).height() + 2 * self.V_MARGIN + 4))
