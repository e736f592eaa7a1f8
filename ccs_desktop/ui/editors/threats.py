"""Threats (scored by words, re-assessed at meetings) and vulnerabilities."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget,
)

from .. import prompts
from ..i18n import long_date
from ...domain import enums, scoring
from ...services.errors import ValidationError
from .base import ErrorLabel, RecordEditor, level_badge_style, make_combo, set_combo


def score_text(likelihood: Any, impact: Any) -> tuple[int, str, str]:
    """(score, level code, French level label) of two 1-5 values."""
    value = scoring.score(int(likelihood), int(impact))
    level = scoring.level_for_score(value)
    return value, level.value, level.label


class ScoreBadge(QLabel):
    """"Score 12 / 25 — Élevé" on the level's colour, the word always written."""

    def show_score(self, likelihood: Any, impact: Any) -> None:
        if not likelihood or not impact:  # nothing chosen yet: it says so, in no colour
            self.setText(self.tr("Not scored yet: choose the likelihood and the severity"))
            self.setProperty("level", None)
            self.setStyleSheet("border: 1px dashed #666666; padding: 2px 6px; color: #333333;")
            return
        value, level, label = score_text(likelihood, impact)
        self.setText(f"{value} / 25 — {label}")
        self.setProperty("level", level)
        self.setStyleSheet(level_badge_style(level))


def fill_types(services: Any, parent_combo: QComboBox, none_label: str) -> dict[str, list]:
    """Fill the type combo; returns {type code: [(sub code, label)]} for the sub-type combo."""
    types = services.threats.types()
    subs: dict[str, list[tuple[str, str]]] = {}
    parents = [t for t in types if t.parent_code is None]
    for t in types:
        if t.parent_code is not None:
            subs.setdefault(t.parent_code, []).append((t.code, t.label))
    parent_combo.clear()
    parent_combo.addItem(none_label, None)
    for t in parents:
        parent_combo.addItem(t.label, t.code)
    return subs


class LocalTypeDialog(QDialog):
    """"Add a local type…": a label and its national type; the service's French message shows
    under the field that it refuses, and the dialog stays open until a type is added."""

    def __init__(self, services: Any, national_code: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.added: Any = None
        self.setWindowTitle(self.tr("Add a local type"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        form = QFormLayout(self)
        choices = [(t.code, t.label if t.parent_code is None else f"    {t.label}")
                   for t in services.threats.types() if t.is_national]
        self.national = make_combo(choices)
        self.national.setObjectName("national_code")
        set_combo(self.national, national_code)
        self.label = QLineEdit()
        self.label.setObjectName("label")
        self.label.setMaxLength(200)
        self.label.setPlaceholderText(self.tr("e.g. Goat theft around Toya"))
        self.errors = {name: ErrorLabel() for name in ("national_code", "label")}
        for name, text, widget in (("national_code", self.tr("National type"), self.national),
                                   ("label", self.tr("Local sub-type"), self.label)):
            box = QVBoxLayout()
            box.addWidget(widget)
            self.errors[name].setObjectName(f"error_{name}")
            box.addWidget(self.errors[name])
            form.addRow(text, box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        for error in self.errors.values():
            error.show_message(None)
        try:
            self.added = self.services.threats.add_local_type(self.label.text(),
                                                              self.national.currentData())
        except ValidationError as e:
            for name, message in e.errors.items():
                self.errors.get(name, self.errors["label"]).show_message(message)
            self.label.setFocus()
            return
        super().accept()


class ThreatEditor(RecordEditor):
    kind = "threats"
    DEFAULT_SIZE = (720, 700)  # fits a 1366×768 laptop with its title bar and taskbar

    def build(self) -> None:
        f = self.form
        col = QVBoxLayout(self.body)
        col.setContentsMargins(0, 0, 0, 0)
        f.line("title", self.tr("Title"), self.tr("e.g. Cattle theft around Toya"))
        f.text("description", self.tr("Description"), height=60).setMaximumHeight(110)
        parent = f.combo("type_parent", self.tr("Type"), [])
        self._subs = fill_types(self.services, parent, self.tr("— choose —"))
        self._labels = {t.code: t for t in self.services.threats.types()}
        sub = f.combo("type_code", self.tr("Sub-type"), [], none_label=self.tr("— whole type —"))
        parent.currentIndexChanged.connect(self._fill_subtypes)
        self.add_type_button = QPushButton(self.tr("Add a local type…"))
        self.add_type_button.setObjectName("addLocalType")
        self.add_type_button.setToolTip(self.tr("A sub-type of your committee's own, filed "
                                                "under a national type"))
        self.add_type_button.clicked.connect(self.ask_local_type)
        box = sub.parentWidget().layout()
        box.removeWidget(sub)
        type_row = QHBoxLayout()
        type_row.addWidget(sub, 1)
        type_row.addWidget(self.add_type_button)
        box.insertLayout(0, type_row)
        self.local_type_dialog: LocalTypeDialog | None = None

        score_row = QWidget()
        row = QHBoxLayout(score_row)
        row.setContentsMargins(0, 0, 0, 0)
        # no score until the secretary chooses one: an unscored threat looks unscored
        f.combo("likelihood", self.tr("Likelihood"), enums.Likelihood.choices(),
                none_label=self.tr("— choose —"))
        f.combo("impact", self.tr("Severity"), enums.Impact.choices(),
                none_label=self.tr("— choose —"))
        self.badge = ScoreBadge()
        self.badge.setObjectName("scoreBadge")
        row.addWidget(QLabel(self.tr("Resulting level:")))
        row.addWidget(self.badge)
        row.addStretch(1)
        self.form_layout.addRow("", score_row)
        for name in ("likelihood", "impact"):
            f.widgets[name].currentIndexChanged.connect(self._rescore)

        f.combo("place_kind", self.tr("Kind of place"), enums.PlaceKind.choices())
        f.line("place_name", self.tr("Place"), self.tr("village, fraction, quartier, road axis…"))
        f.date("first_reported", self.tr("First reported"))
        f.combo("trend", self.tr("Trend"), enums.Trend.choices())
        f.combo("status", self.tr("Status"), enums.ThreatStatus.choices())
        f.combo("source_category", self.tr("Source (category)"), enums.SourceCategory.choices(),
                hint=self.tr("Only the category of the source: never write the name of a source "
                             "or of a suspect."))
        f.check("is_restricted", self.tr("Restricted"), self.tr("DIFFUSION RESTREINTE"),
                hint=self.tr("Tick for a complaint about the conduct of the FDS: the threat is "
                             "then recorded only as « plainte transmise à l'autorité "
                             "compétente », kept out of the PV and of what goes to the CRSS."))
        col.addLayout(self.form_layout)
        self.history_box = QGroupBox(self.tr("Assessment history"))
        hl = QVBoxLayout(self.history_box)
        self.history = QListWidget()
        self.history.setObjectName("assessmentHistory")
        self.history.setMaximumHeight(110)
        hl.addWidget(self.history)
        col.addWidget(self.history_box)
        col.addStretch(1)  # room left over goes below the form, not around the description

    def ask_local_type(self) -> None:
        """The dialog, its national type the one chosen here (the sub-type when national)."""
        code = self.form.value("type_code")
        t = self._labels.get(code)
        national = code if t is not None and t.is_national else self.form.value("type_parent")
        self.local_type_dialog = LocalTypeDialog(self.services, national, self)
        self.local_type_dialog.accepted.connect(self._local_type_added)
        prompts.current().run_dialog(self.local_type_dialog, modal=False)

    def _local_type_added(self) -> None:
        added = self.local_type_dialog.added if self.local_type_dialog else None
        if added is None:
            return
        parent: QComboBox = self.form.widgets["type_parent"]
        parent.blockSignals(True)
        self._subs = fill_types(self.services, parent, self.tr("— choose —"))
        parent.blockSignals(False)
        self._labels = {t.code: t for t in self.services.threats.types()}
        self.form.set_value("type_parent", added.parent_code)
        self._fill_subtypes()
        self.form.set_value("type_code", added.code)

    def _fill_subtypes(self, *_: Any) -> None:
        combo: QComboBox = self.form.widgets["type_code"]
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("— whole type —"), None)
        for code, label in self._subs.get(self.form.value("type_parent"), []):
            combo.addItem(label, code)
        set_combo(combo, current)
        combo.blockSignals(False)

    def _rescore(self, *_: Any) -> None:
        self.badge.show_score(self.form.value("likelihood"), self.form.value("impact"))

    def defaults(self) -> dict[str, Any]:
        return {"likelihood": None, "impact": None, "trend": "stable", "status": "active",
                "source_category": "membre", "place_kind": "village"}

    def load(self, obj: Any) -> dict[str, Any]:
        values = super().load(obj)
        t = self._labels.get(obj.type_code)
        parent = t.parent_code if t is not None and t.parent_code else obj.type_code
        values["type_parent"] = parent
        values["type_code"] = obj.type_code if parent != obj.type_code else None
        values["likelihood"] = str(obj.likelihood)
        values["impact"] = str(obj.impact)
        return {"type_parent": values.pop("type_parent"), **values}

    def to_service(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        parent = out.pop("type_parent")
        out["type_code"] = out.get("type_code") or parent
        return out

    def save(self, quiet: bool = False) -> bool:
        ok = super().save(quiet)
        errors = self.form.errors
        if not ok and errors["type_code"].isVisible():
            errors["type_parent"].show_message(errors["type_code"].text())
            errors["type_code"].show_message(None)
        return ok

    def after_load(self, obj: Any) -> None:
        self._rescore()
        self.history.clear()
        self.history_box.setVisible(obj is not None)
        if obj is None:
            return
        for a in obj.history:  # the detail resolves the assessments, oldest first
            value, _level, label = score_text(a.likelihood, a.impact)
            self.history.addItem(self.tr("{date}: {likelihood} × {impact} = {score} ({level}), "
                                         "trend {trend}").format(
                date=long_date(a.date), likelihood=enums.Likelihood.label_of(str(a.likelihood)),
                impact=enums.Impact.label_of(str(a.impact)), score=value, level=label,
                trend=enums.Trend.label_of(a.trend).lower()))

    def after_save(self, obj: Any) -> None:
        self._rescore()

    def window_title(self, obj: Any) -> str:
        return obj.title if obj is not None else self.tr("New threat")


class VulnerabilityEditor(RecordEditor):
    kind = "vulnerabilities"
    DEFAULT_SIZE = (620, 440)

    def build(self) -> None:
        f = self.form
        f.line("title", self.tr("Title"), self.tr("e.g. No street lighting at the market"))
        f.text("description", self.tr("Description"))
        f.combo("place_kind", self.tr("Kind of place"), enums.PlaceKind.choices())
        f.line("place_name", self.tr("Place"))
        f.date("first_reported", self.tr("First reported"))
        f.combo("status", self.tr("Status"), enums.VulnerabilityStatus.choices())
        self.body.setLayout(self.form_layout)

    def defaults(self) -> dict[str, Any]:
        return {"place_kind": "village", "status": "open"}

    def window_title(self, obj: Any) -> str:
        return obj.title if obj is not None else self.tr("New vulnerability")
