"""The committee profile fields, shared by the first-run wizard and the Settings page.

Region → cercle → commune come from the shipped place lists, in editable combo boxes with
completers: a place that is not listed can still be typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFormLayout, QLabel, QLineEdit, QWidget,
)

from ...domain import enums
from ...domain.french import de
from ...services import committee as committee_service
from .. import i18n


def editable_combo(name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumWidth(280)
    completer = QCompleter(box.model(), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    return box


def set_items(box: QComboBox, items: list[str], keep_text: bool = True) -> None:
    text = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems(items)
    box.setCurrentIndex(-1)
    box.setEditText(text if keep_text else "")
    box.blockSignals(False)


def default_chair_title(level: str, kind: str, region: str, cercle: str, commune: str) -> str:
    """The committee's chair as the PV names it (French: it is printed on documents)."""
    if level == "region":
        return f"Gouverneur de la Région {de(region)}" if region else "Gouverneur de la Région"
    if level == "cercle":
        return f"Préfet du Cercle {de(cercle)}" if cercle else "Préfet du Cercle"
    return (f"Maire de la {enums.CommuneKind.french_label_of(kind)} {de(commune)}" if commune
            else "Maire de la Commune")


class CommitteeForm(QWidget):
    """Level, places, commune kind, code, name and the chair's title."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._auto_code = ""
        self._auto_name = ""
        self._auto_chair = ""

        self.level = QComboBox()
        self.level.setObjectName("level")
        for code, text in i18n.choices(enums.CommitteeLevel):
            self.level.addItem(text, code)
        self.region = editable_combo("region")
        self.cercle = editable_combo("cercle")
        self.commune = editable_combo("commune")
        self.commune_kind = QComboBox()
        self.commune_kind.setObjectName("commune_kind")
        for code, text in i18n.choices(enums.CommuneKind):
            self.commune_kind.addItem(text, code)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMinimumWidth(420)
        self.chair_title = QLineEdit()
        self.chair_title.setObjectName("chair_title")
        self.hint = QLabel(self.tr("Places come from the official lists; you may type a place "
                                   "that is not listed."))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Committee &level:"), self.level)
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow(self.tr("C&ercle:"), self.cercle)
        form.addRow(self.tr("Co&mmune:"), self.commune)
        form.addRow(self.tr("Commune &kind:"), self.commune_kind)
        form.addRow("", self.hint)
        form.addRow(self.tr("Committee c&ode:"), self.code)
        form.addRow(self.tr("Committee &name:"), self.name)
        form.addRow(self.tr("&Chair's title:"), self.chair_title)
        self.form = form

        set_items(self.region, committee_service.regions(), keep_text=False)
        self.level.currentIndexChanged.connect(self._on_level)
        self.region.currentTextChanged.connect(self._on_region)
        self.cercle.currentTextChanged.connect(self._on_cercle)
        self.commune.currentTextChanged.connect(self._update_proposals)
        self.commune_kind.currentIndexChanged.connect(self._update_proposals)
        for w in (self.code, self.name, self.chair_title):
            w.textChanged.connect(self.changed)
        self._on_level()

    # --- proposals follow the places until the user types their own --------------------------
    def _on_level(self) -> None:
        level = self.level.currentData()
        self.commune.setEnabled(level == "commune")
        self.commune_kind.setEnabled(level == "commune")
        self.cercle.setEnabled(level in ("commune", "cercle"))
        self._update_proposals()

    def _on_region(self, text: str) -> None:
        set_items(self.cercle, committee_service.cercles(text.strip()), keep_text=False)
        set_items(self.commune, [], keep_text=False)
        self._update_proposals()

    def _on_cercle(self, text: str) -> None:
        set_items(self.commune, committee_service.communes(self.region.currentText().strip(),
                                                           text.strip()), keep_text=False)
        self._update_proposals()

    def _update_proposals(self) -> None:
        v = self.values()
        code = committee_service.committee_code(v["level"], v["region"], v["cercle"],
                                                v["commune"])
        name = committee_service.committee_name(v["level"], v["region"], v["cercle"],
                                                v["commune"])
        chair = default_chair_title(v["level"], v["commune_kind"], v["region"], v["cercle"],
                                    v["commune"])
        for widget, attr, proposal in ((self.code, "_auto_code", code),
                                       (self.name, "_auto_name", name),
                                       (self.chair_title, "_auto_chair", chair)):
            if widget.text() in ("", getattr(self, attr)):
                widget.setText(proposal)
            setattr(self, attr, proposal)
        self.changed.emit()

    # --- values ------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        level = self.level.currentData() or "commune"
        return {
            "level": level,
            "region": self.region.currentText().strip(),
            "cercle": self.cercle.currentText().strip() if level != "region" else "",
            "commune": self.commune.currentText().strip() if level == "commune" else "",
            "commune_kind": self.commune_kind.currentData() or "rurale",
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "chair_title": self.chair_title.text().strip(),
        }

    def load(self, committee: Any) -> None:
        """Show a saved committee (Settings)."""
        self.level.setCurrentIndex(max(0, self.level.findData(committee.level)))
        self.region.setEditText(committee.region or "")
        self._on_region(committee.region or "")
        self.cercle.setEditText(committee.cercle or "")
        self._on_cercle(committee.cercle or "")
        self.commune.setEditText(committee.commune or "")
        self.commune_kind.setCurrentIndex(max(0, self.commune_kind.findData(
            committee.commune_kind)))
        self.code.setText(committee.code or "")
        self.name.setText(committee.name or "")
        self.chair_title.setText(committee.chair_title or "")
        self._update_proposals()
