"""Members and guests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout

from ...domain import enums
from ...domain.french import civility
from .base import Banner, RecordEditor


#: name particles kept as written in a family name (« Ag ALHADER », « Walet MOHAMED »)
PARTICLES = frozenset({"ag", "ould", "walet", "wallet", "ben", "bint", "ag."})


def family_caps(family: str | None) -> str:
    """The family name in capitals, its particles as written."""
    return " ".join(w if w.lower() in PARTICLES else w.upper()
                    for w in (family or "").split())


class PersonEditor(RecordEditor):
    kind = "people"

    def build(self) -> None:
        f = self.form
        col = QVBoxLayout(self.body)
        col.setContentsMargins(0, 0, 0, 0)
        f.line("title", self.tr("Title or rank"), self.tr("e.g. El Hadj, Imam, Adjudant-chef"))
        f.line("given_names", self.tr("Given names"))
        # typed as written: the preview below shows it in capitals, particles kept
        f.line("family_name", self.tr("Family name"),
               hint=self.tr("Shown in capitals on documents; particles such as Ag, "
                            "Ould, Walet are kept."))
        f.combo("sex", self.tr("Sex"), [(m.value, m.label) for m in enums.Sex],
                none_label=self.tr("— choose —"))
        f.check("is_youth", self.tr("Youth"), self.tr("Young person (counted across all "
                                                      "categories)"))
        f.combo("category", self.tr("Category"), enums.Category.choices(),
                none_label=self.tr("— choose —"))
        f.combo("fds_corps", self.tr("Corps (FDS)"), enums.FdsCorps.choices(),
                none_label=self.tr("— not specified —"))
        f.line("organisation", self.tr("Organisation / structure"))
        f.line("function", self.tr("Function"))
        f.line("phone", self.tr("Phone"), hint=self.tr("Stays on this computer: never sent to "
                                                       "the CRSS."))
        f.check("is_member", self.tr("Status"), self.tr("Member of the committee "
                                                        "(otherwise a guest)"))
        f.check("is_active", self.tr("Active"), self.tr("Active (an inactive member is kept "
                                                        "for history)"))
        self.duplicate_banner = Banner("warning")
        self.duplicate_banner.setObjectName("duplicateWarning")
        self.preview = QLabel()
        self.preview.setObjectName("namePreview")
        self.preview.setStyleSheet("color: #333333; font-style: italic;")
        col.addWidget(self.duplicate_banner)
        col.addLayout(self.form_layout)
        col.addWidget(self.preview)
        col.addStretch(1)
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(250)
        self._dup_timer.timeout.connect(self.check_duplicates)
        for name in ("given_names", "family_name"):
            f.widgets[name].textChanged.connect(lambda *_: self._dup_timer.start())
        f.widgets["category"].currentIndexChanged.connect(self._corps_state)
        f.changed.connect(self._update_preview)

    def defaults(self) -> dict[str, Any]:
        return {"is_member": True, "is_active": True}

    def after_load(self, obj: Any) -> None:
        self._corps_state()
        self._update_preview()

    def apply_draft_extra(self, extra: dict[str, Any]) -> None:
        self._corps_state()
        self.check_duplicates()

    def window_title(self, obj: Any) -> str:
        return obj.display_name if obj is not None else self.tr("New member or guest")

    def _corps_state(self, *_: Any) -> None:
        fds = self.form.value("category") == enums.Category.FDS.value
        self.form.widgets["fds_corps"].setEnabled(fds and not self.read_only)
        if not fds:
            self.form.set_value("fds_corps", None)

    def _update_preview(self) -> None:
        sex = self.form.value("sex")
        title = self.form.value("title").strip()
        name = " ".join(p for p in (title, self.form.value("given_names").strip(),
                                    family_caps(self.form.value("family_name"))) if p)
        if not name:
            self.preview.setText("")
            return
        # a title or rank takes the place of the civility: « Sergent Kadiatou COULIBALY »
        who = f"{civility(sex)} {name}" if sex and not title else name
        function = self.form.value("function").strip()
        self.preview.setText(self.tr("On documents: {name}").format(
            name=f"{who}, {function}" if function else who))

    def check_duplicates(self) -> list[Any]:
        given, family = self.form.value("given_names"), self.form.value("family_name")
        if not (given.strip() and family.strip()):
            self.duplicate_banner.hide()
            return []
        found = self.services.people.likely_duplicates(given, family,
                                                       exclude_id=self.record_id)
        if found:
            names = "; ".join(
                p.display_name + (f" ({p.function})" if p.function else "") for p in found[:3])
            self.duplicate_banner.setText(self.tr(
                "Careful: a person with a similar name is already recorded: {names}. "
                "Check that this is not the same person (you can still save).").format(
                names=names))
            self.duplicate_banner.show()
        else:
            self.duplicate_banner.hide()
        return found
