"""One table-model base (ui.models.table_base.TableModel): the record lists and the CRSS tables
derive from it and answer the Qt model API through it; the roles it gives from a Column."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt

import ccs_desktop
from ccs_desktop.ui.crss import tables
from ccs_desktop.ui.models import Column, RecordTableModel
from ccs_desktop.ui.models.table_base import (
    BADGE_ROLE, CODE_ROLE, ID_ROLE, SORT_ROLE, TableModel,
)

UI = Path(ccs_desktop.__file__).parent / "ui"
QT_API = ("data", "headerData", "rowCount", "columnCount", "flags")
DISPLAY, TIP, ALIGN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                       Qt.ItemDataRole.TextAlignmentRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CRSS_MODELS = (tables.RowsModel, tables.RegisterModel, tables.ImportLogModel,
               tables.ImportReportModel, tables.ConflictsModel)


def test_every_table_model_derives_from_the_one_base_and_leaves_it_the_qt_api() -> None:
    for cls in (RecordTableModel, *CRSS_MODELS):
        assert issubclass(cls, TableModel), cls
        for klass in cls.__mro__[:cls.__mro__.index(TableModel)]:
            redefined = [name for name in QT_API if name in vars(klass)]
            assert not redefined, (klass.__name__, redefined)
    # no other table model under ui/: the base is the only class over QAbstractTableModel
    over = [p.relative_to(UI).as_posix() for p in UI.rglob("*.py")
            if re.search(r"class \w+\(\s*QAbstract(Table|Item|List)Model", p.read_text("utf-8"))]
    assert over == ["models/table_base.py"]


def test_the_crss_tables_declare_their_columns_as_column_specs() -> None:
    for cls in CRSS_MODELS[1:]:
        assert cls.columns and all(isinstance(c, Column) for c in cls.columns), cls
        keys = [c.key for c in cls.columns]
        assert len(set(keys)) == len(keys), cls


@dataclass(frozen=True)
class Row:
    id: int
    name: str | None
    when: dt.date
    level: str
    size: int


COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name, tooltip=True),
    Column("when", QT_TRANSLATE_NOOP("Columns", "Date"), lambda r: r.when,
           text=lambda d: d.strftime("%d/%m/%Y")),
    Column("level", QT_TRANSLATE_NOOP("Columns", "Level"), lambda r: r.level,
           text=str.upper, badge="level", tooltip=lambda r: f"level of {r.name}"),
    Column("size", "Size", lambda r: r.size, align=Qt.AlignmentFlag.AlignRight
           | Qt.AlignmentFlag.AlignVCenter),
]
ROWS = [Row(7, "Toya", dt.date(2026, 3, 4), "high", 12), Row(9, None, dt.date(2025, 1, 2),
                                                              "low", 3)]


@pytest.fixture
def tiny(qapp):  # noqa: ANN001, ANN201
    model = TableModel(COLUMNS)
    model.set_rows(ROWS)
    return model


def test_the_base_gives_display_tooltip_alignment_badge_and_id_roles(tiny, qtmodeltester) -> None:  # noqa: ANN001
    cell = lambda r, c, role=DISPLAY: tiny.index(r, c).data(role)  # noqa: E731
    assert (tiny.rowCount(), tiny.columnCount()) == (2, 4)
    assert tiny.rowCount(tiny.index(0, 0)) == 0
    # display: the text formatter, str, "" for None
    assert [cell(0, c) for c in range(4)] == ["Toya", "04/03/2026", "HIGH", "12"]
    assert cell(1, 0) == ""
    # tooltips: the cell's text (True), the column's own (callable), none (False)
    assert cell(0, 0, TIP) == "Toya" and cell(1, 0, TIP) is None
    assert cell(1, 2, TIP) == "level of None"
    assert cell(0, 1, TIP) is None and cell(0, 3, TIP) is None
    # alignment of cells and headers
    assert cell(0, 3, ALIGN) == RIGHT and cell(0, 0, ALIGN) == LEFT
    assert tiny.headerData(3, Qt.Orientation.Horizontal, ALIGN) == RIGHT
    # badges: the kind on the column, the stored code behind it
    assert cell(0, 2, BADGE_ROLE) == "level" and cell(0, 2, CODE_ROLE) == "high"
    assert cell(0, 0, BADGE_ROLE) is None and cell(0, 0, CODE_ROLE) is None
    # raw values for sorting and editing (dates as ISO text), the row's id
    assert cell(0, 1, SORT_ROLE) == "2026-03-04" and cell(0, 3, SORT_ROLE) == 12
    assert cell(1, 0, SORT_ROLE) == "" and cell(0, 1, Qt.ItemDataRole.EditRole) == "2026-03-04"
    assert cell(1, 0, ID_ROLE) == 9
    # headers translated in their context (French by default)
    assert tiny.headerData(0, Qt.Orientation.Horizontal) == "Nom"
    assert tiny.headerData(1, Qt.Orientation.Horizontal) == "Date"
    assert tiny.headerData(0, Qt.Orientation.Vertical) is None
    assert tiny.headerData(9, Qt.Orientation.Horizontal) is None
    # rows by id and by index; read-only flags
    assert tiny.row_of_id(9) == 1 and tiny.row_of_id(8) == -1
    assert tiny.row_at(tiny.index(1, 2)) is ROWS[1] and tiny.row_at(QModelIndex()) is None
    assert tiny.record(0) is ROWS[0] and tiny.record_id(0) == 7 and tiny.rows == tuple(ROWS)
    assert not tiny.flags(tiny.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert tiny.index(5, 0).data() is None
    qtmodeltester.check(tiny)


def test_row_data_adds_what_a_whole_row_says(qapp) -> None:  # noqa: ANN001
    class Flagged(TableModel):
        def row_data(self, row, role):  # noqa: ANN001, ANN202
            return "#b00020" if role == Qt.ItemDataRole.ForegroundRole and row.size > 5 else None

    model = Flagged(COLUMNS)
    model.set_rows(ROWS)
    assert [model.index(r, 1).data(Qt.ItemDataRole.ForegroundRole) for r in (0, 1)] == [
        "#b00020", None]


def test_the_crss_tables_keep_their_face(qapp) -> None:  # noqa: ANN001
    """Centred headers, counts on the right, dates as dates, sorted by the proxy on their raw
    value, the row tooltips where they were."""
    from ccs_desktop.services.crss.importer import ImportLogRow

    at = dt.datetime(2026, 3, 4, 10, 30)
    rows = [ImportLogRow(i, at - dt.timedelta(days=i), f"CCSC-{i}.ccsx", "ab" * 32, 10,
                         "snapshot", "u", f"CCSC-{i}", None, "ok" if i % 2 else "refused",
                         "", 10 - i, 0, 0, 0, 0, 0, "{}") for i in (1, 2, 3)]
    model = tables.ImportLogModel()
    view, proxy = tables.make_table(model, "log")
    model.set_rows(rows)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Importé le"
    assert model.headerData(4, Qt.Orientation.Horizontal, ALIGN) is None
    assert model.index(0, 4).data(ALIGN) == RIGHT and model.index(0, 2).data(ALIGN) == LEFT
    assert model.index(0, 0).data() == "03/03/2026 10:30"
    assert model.index(0, 1).data(TIP) == "SHA-256 : " + "ab" * 32
    assert model.index(0, 2).data(TIP) is None
    assert model.index(1, 3).data() == "refusé"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == [
        "CCSC-3.ccsx", "CCSC-2.ccsx", "CCSC-1.ccsx"]
    view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 4).data() for r in range(3)] == ["9", "8", "7"]
    assert model.row_at(proxy.mapToSource(proxy.index(0, 0))) is rows[0]
    view.deleteLater()
