"""The place filter of the CRSS tables: region, cercle, commune and committee."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...domain.text import fold

ALL = ""


class PlaceFilter(QWidget):
    """Region, cercle, commune and committee filters over rows that carry those fields."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_change = on_change
        self.places: list[tuple[str, str, str]] = []
        self.region = QComboBox()
        self.region.setObjectName("regionFilter")
        self.cercle = QComboBox()
        self.cercle.setObjectName("cercleFilter")
        self.commune = QComboBox()
        self.commune.setObjectName("communeFilter")
        self.committee = QLineEdit()
        self.committee.setObjectName("committeeFilter")
        self.committee.setPlaceholderText(self.tr("code or name"))
        self.committee.setClearButtonEnabled(True)
        for combo in (self.region, self.cercle, self.commune):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, w in ((self.tr("Region:"), self.region), (self.tr("Cercle:"), self.cercle),
                         (self.tr("Commune:"), self.commune),
                         (self.tr("Committee:"), self.committee)):
            row.addWidget(QLabel(label))
            row.addWidget(w, 1)
        self.region.currentIndexChanged.connect(self._region_changed)
        self.cercle.currentIndexChanged.connect(self._cercle_changed)
        self.commune.currentIndexChanged.connect(self._changed)
        self.committee.textChanged.connect(self._changed)

    def _fill(self, combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), ALL)
        for v in values:
            combo.addItem(v, v)
        i = combo.findData(current)
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def set_places(self, places: list[tuple[str, str, str]]) -> None:
        self.places = sorted({p for p in places if p[0]})
        self._fill(self.region, sorted({p[0] for p in self.places}))
        self._refill_lower()

    def _refill_lower(self) -> None:
        r = self.region.currentData() or ALL
        self._fill(self.cercle, sorted({p[1] for p in self.places if p[1]
                                        and (not r or p[0] == r)}))
        c = self.cercle.currentData() or ALL
        self._fill(self.commune, sorted({p[2] for p in self.places if p[2]
                                         and (not r or p[0] == r) and (not c or p[1] == c)}))

    def _region_changed(self) -> None:
        self._refill_lower()
        self._changed()

    def _cercle_changed(self) -> None:
        r = self.region.currentData() or ALL
        c = self.cercle.currentData() or ALL
        self._fill(self.commune, sorted({p[2] for p in self.places if p[2]
                                         and (not r or p[0] == r) and (not c or p[1] == c)}))
        self._changed()

    def _changed(self) -> None:
        self.on_change()

    def accepts(self, region: str, cercle: str, commune: str, committee: str = "") -> bool:
        r, c, co = (self.region.currentData() or ALL, self.cercle.currentData() or ALL,
                    self.commune.currentData() or ALL)
        if r and region != r or c and cercle != c or co and commune != co:
            return False
        text = fold(self.committee.text().strip())
        return not text or text in fold(committee)
