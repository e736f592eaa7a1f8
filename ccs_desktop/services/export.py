"""Excel (.xlsx) and CSV exports of what a list shows (issue 16). Never imports Qt.

    result = export_list(services, "threats", ListQuery(search="vol"), path, XLSX)

The rows are the list's: the same filters, search and order as `RecordService.list`, read
through one streaming query (nothing held but the row being written), and the columns are
the table's (services.export_columns). Nothing sensitive leaves: restricted threats, the
restricted notes (no list shows them) and phone numbers are never exported, unless the
caller asks for `include_sensitive` and the acting account is an administrator
(services/roles: "export.sensitive"; the command line's --sensitive, after its warning). Text from people and from imported transmissions
cannot become a formula: a cell starting with = + - @ (or a tab, a carriage return) gets a
leading apostrophe, in both formats.

Excel: the first (active) sheet holds one header row and one row per record, real dates and
numbers, a frozen header, an autofilter and widths; a data dictionary sheet follows. CSV:
UTF-8 with a BOM, `;` separators, ISO dates (what a French Excel reads as dates). Both are
written atomically (fileio.write_atomically): a crash leaves no half file.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from sqlalchemy import select

from ..db import models as m
from ..db import settings
from ..fileio import write_atomically
from ..i18n import _
from . import audit, roles
from .errors import ValidationError
from .export_columns import DATE, NUMBER, ExportColumn, columns_for, committee_column
from .records import ListQuery
from .values import freeze

XLSX, CSV = "xlsx", "csv"
FORMATS = (XLSX, CSV)
#: the lists that export (the interface's six, and the attendance at meetings)
LISTS = ("meetings", "threats", "vulnerabilities", "recommendations", "activities", "people",
         "attendance")
STREAM_ROWS = 200  # rows fetched from SQLite at a time (200 to 2000 measured: 200 fastest)


# --- periods ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Period:
    """A span of days, both ends included, and how it was written."""

    start: dt.date
    end: dt.date
    text: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


_YEAR = r"(\d{4})"
_ONE = re.compile(rf"{_YEAR}(?:-(?:[Qq]([1-4])|T([1-4])|(\d{{2}})))?", re.ASCII)
YEAR_MIN, YEAR_MAX = 1900, 2100


def _one_period(text: str, whole: str) -> tuple[dt.date, dt.date]:
    match = _ONE.fullmatch(text.strip())
    if not match:
        raise _period_error(whole)
    year = int(match.group(1))
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError({"period": _("Period “{text}”: the year must lie between {low} "
                                           "and {high}.").format(text=whole, low=YEAR_MIN,
                                                                 high=YEAR_MAX)})
    quarter = match.group(2) or match.group(3)
    month = match.group(4)
    if quarter:
        first = 3 * int(quarter) - 2
        return dt.date(year, first, 1), _month_end(year, first + 2)
    if month:
        number = int(month)
        if not 1 <= number <= 12:
            raise ValidationError({"period": _("Period “{text}”: there is no month {month} "
                                               "(01 to 12).").format(text=whole, month=month)})
        return dt.date(year, number, 1), _month_end(year, number)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period_error(text: str) -> ValidationError:
    return ValidationError({"period": _(
        "Period “{text}” not recognised: write a year (2024), a quarter (2024-Q2), a month "
        "(2024-05) or a span of them (2024-01..2024-06).").format(text=text)})


def parse_period(text: str | None) -> Period | None:
    """The period written as `2024`, `2024-Q2` (or `2024-T2`), `2024-05` or a span
    `2024-01..2024-06` (from the start of the first to the end of the last); None for an
    empty text; a French ValidationError otherwise."""
    if text is None or not str(text).strip():
        return None
    whole = str(text).strip()
    if len(whole) > 40:
        raise _period_error(whole[:40] + "…")
    first, dots, last = whole.partition("..")
    start, end = _one_period(first, whole)
    if dots:
        if ".." in last:
            raise _period_error(whole)
        _start, end = _one_period(last, whole)
        if end < start:
            raise ValidationError({"period": _("Period “{text}”: the end comes before the "
                                               "start.").format(text=whole)})
    return Period(start, end, whole)


# --- the rows --------------------------------------------------------------------------------

#: the date a period filters on, for each list (people have none)
PERIOD_COLUMNS = {"meetings": m.Meeting.date, "threats": m.Threat.first_reported,
                  "vulnerabilities": m.Vulnerability.first_reported,
                  "recommendations": m.Recommendation.deadline, "activities": m.Activity.date,
                  "attendance": m.Meeting.date}


@dataclass(frozen=True, slots=True)
class AttendanceExportRow:
    """One person recorded at a meeting, as the attendance export shows it."""

    meeting_reference: str
    meeting_date: dt.date
    name: str
    sex: str
    is_youth: bool
    category: str
    status: str
    is_guest: bool


def check_sensitive(db: Any, include_sensitive: bool) -> None:
    """Restricted threats, restricted notes and phone numbers go only into an export an
    administrator asked for (a French Forbidden for any other role, recorded as refused)."""
    if include_sensitive:
        roles.require(db, "export.sensitive")


def _check_kind(kind: str) -> None:
    if kind not in LISTS:
        raise ValidationError({"kind": _("Unknown list “{kind}”: {kinds}.").format(
            kind=kind, kinds=", ".join(LISTS))})


def _check_period(kind: str, period: Period | None) -> None:
    if period is not None and kind not in PERIOD_COLUMNS:
        raise ValidationError({"period": _("The list of people has no dates: it cannot be "
                                           "limited to a period.")})


def iter_rows(services: Any, kind: str, query: ListQuery | None = None,
              period: Period | None = None, *, include_sensitive: bool = False
              ) -> Iterator[Any]:
    """The frozen rows of a list, in its order, streamed: the statement `list(query)` runs
    (filters, search, order; no page), less the restricted threats, within `period`."""
    _check_kind(kind)
    check_sensitive(services.db, include_sensitive)
    query = replace(query or ListQuery(), limit=None, offset=0,
                    filters=dict((query.filters if query else None) or {}))
    _check_period(kind, period)
    if kind == "attendance":
        yield from _attendance_rows(services, query, period)
        return
    service = getattr(services, kind)
    stmt = service._order(service._apply(service.base_select(), query), query)  # noqa: SLF001
    if kind == "threats" and not include_sensitive:
        stmt = stmt.where(m.Threat.is_restricted.is_(False))
    if period is not None:
        column = PERIOD_COLUMNS[kind]
        stmt = stmt.where(column >= period.start, column <= period.end)
    with services.db.session() as s:
        for obj in s.scalars(stmt.execution_options(yield_per=STREAM_ROWS)):
            yield freeze(service.Row, obj)


def _attendance_rows(services: Any, query: ListQuery,
                     period: Period | None) -> Iterator[AttendanceExportRow]:
    """Who was recorded at the meetings the meetings list shows (its search and filters),
    meeting by meeting in its order, people by name."""
    meetings = services.meetings
    order = meetings._order(meetings._apply(  # noqa: SLF001
        select(m.Meeting.id, m.Meeting.reference, m.Meeting.date), query), query)
    if period is not None:
        order = order.where(m.Meeting.date >= period.start, m.Meeting.date <= period.end)
    ranked = order.subquery()
    stmt = (select(ranked.c.reference, ranked.c.date, m.Person, m.Attendance.status,
                   m.Attendance.is_guest)
            .select_from(ranked)
            .join(m.Attendance, m.Attendance.meeting_id == ranked.c.id)
            .join(m.Person, m.Person.id == m.Attendance.person_id)
            .where(m.Attendance.deleted_at.is_(None)))
    with services.db.session() as s:
        # the meetings' order, then each meeting's people by name
        keyed: list[tuple[int, str, AttendanceExportRow]] = []
        position = {row[0]: n for n, row in enumerate(s.execute(order))}
        stmt = stmt.add_columns(ranked.c.id)
        for reference, day, person, status, guest, meeting_id in s.execute(stmt):
            keyed.append((position[meeting_id], person.sort_key or "", AttendanceExportRow(
                reference, day, person.display_name, person.sex, bool(person.is_youth),
                person.category, status, bool(guest))))
    keyed.sort(key=lambda k: (k[0], k[1]))
    for _pos, _key, row in keyed:
        yield row


# --- cells -----------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# characters XML 1.0 cannot hold (openpyxl refuses them): C0 controls but tab, LF and CR
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_text(value: Any) -> str:
    """A text cell that no spreadsheet runs as a formula: a leading apostrophe before
    = + - @ tab or CR (OWASP, "CSV injection"); characters XML cannot hold are dropped."""
    text = _ILLEGAL.sub("", "" if value is None else str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def cell_value(column: ExportColumn, row: Any) -> Any:
    """What a cell holds: a date, a whole number, or a neutralised text ("" for nothing)."""
    value = column.value(row)
    if column.kind == DATE:
        return value if isinstance(value, dt.date) else None
    if column.kind == NUMBER:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    return safe_text(value)


# --- the files -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ExportResult:
    path: str
    rows: int


@dataclass(frozen=True, slots=True)
class Table:
    """What a writer needs: a sheet title, the columns, the rows, the dictionary's
    (column, type, description) lines and the (term, text) lines about the export."""

    title: str
    columns: list[ExportColumn]
    rows: Iterable[Any]
    dictionary: list[tuple[str, str, str]]
    about: list[tuple[str, str]]


def export_list(services: Any, kind: str, query: ListQuery | None, path: str | os.PathLike,
                fmt: str = XLSX, *, period: Period | None = None,
                include_sensitive: bool = False, overwrite: bool = True, with_committee: bool | None = None,
                check: Callable[[], None] | None = None,
                progress: Callable[[int], None] | None = None) -> ExportResult:
    """Write the list `kind` as `query` shows it into `path` (xlsx or csv); `check` is
    called every few hundred rows (a cancel raises there), `progress` with the rows so far.
    `with_committee` puts the "Comité" column first (by default: in a CRSS database, as
    its tables show it; never for the attendance)."""
    _check_kind(kind)
    check_sensitive(services.db, include_sensitive)
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Unknown format “{fmt}”: xlsx or csv.").format(
            fmt=fmt)})
    _check_period(kind, period)
    type_labels = ({t.code: t.label for t in services.threats.types()}
                   if kind == "threats" else None)
    columns = columns_for(kind, type_labels,
                          with_phone=include_sensitive and kind == "people")
    if with_committee is None:
        with_committee = kind != "attendance" and settings.is_crss(services.db)
    if with_committee and kind != "attendance":
        with services.db.session() as s:
            codes = {i: c or "" for i, c in s.execute(select(m.Committee.id,
                                                             m.Committee.code))}
        columns = [committee_column(codes), *columns]
    rows = _watched(iter_rows(services, kind, query, period,
                              include_sensitive=include_sensitive), check, progress)
    table = Table(list_title(kind), columns, rows, _dictionary(columns),
                  _about(kind, query, period))
    counted = write_table(table, path, fmt, overwrite=overwrite)
    audit.record(services.db, "export", kind, count=counted,
                 outcome="sensitive" if include_sensitive else "ok")
    return ExportResult(os.fspath(path), counted)


def _watched(rows: Iterator[Any], check: Callable[[], None] | None,
             progress: Callable[[int], None] | None) -> Iterator[Any]:
    for n, row in enumerate(rows, 1):
        if n % 500 == 0:
            if check is not None:
                check()
            if progress is not None:
                progress(n)
        yield row


def list_title(kind: str) -> str:
    titles = {"meetings": _("Meetings"), "threats": _("Threats"),
              "vulnerabilities": _("Vulnerabilities"), "recommendations": _("Recommendations"),
              "activities": _("Activities"), "people": _("People"),
              "attendance": _("Attendance")}
    return titles[kind]


def _type_text(column: ExportColumn) -> str:
    if column.kind == DATE:
        return _("Date")
    if column.kind == NUMBER:
        return _("Whole number")
    return _("Text")


def _dictionary(columns: list[ExportColumn]) -> list[tuple[str, str, str]]:
    lines = []
    for column in columns:
        values = ""
        if column.enum is not None:
            values = _("Values: {values}.").format(
                values=", ".join(member.label for member in column.enum))
        lines.append((column.title, _type_text(column), values))
    return lines


def _about(kind: str, query: ListQuery | None, period: Period | None) -> list[tuple[str, str]]:
    query = query or ListQuery()
    filters = "; ".join(f"{k} = {v}" for k, v in sorted((query.filters or {}).items())
                        if v not in (None, "", (), [], {}))
    return [
        (_("List"), list_title(kind)),
        (_("Exported on"), dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        (_("Search"), safe_text(query.search or "")),
        (_("Filters"), safe_text(filters)),
        (_("Period"), safe_text(period.text if period else "")),
        (_("Left out"), _("Restricted threats, restricted notes and phone numbers are never "
                          "exported.")),
    ]


def write_table(table: Table, path: str | os.PathLike, fmt: str, *,
                overwrite: bool = True) -> int:
    """Write `table` atomically; the number of rows written."""
    counted: list[int] = []
    writer = _write_xlsx if fmt == XLSX else _write_csv
    write_atomically(path, lambda fh: counted.append(writer(table, fh)), overwrite=overwrite)
    return counted[0]


def _write_csv(table: Table, fh: BinaryIO) -> int:
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    out = csv.writer(text, delimiter=";", lineterminator="\r\n")
    out.writerow([safe_text(c.title) for c in table.columns])
    n = 0
    for row in table.rows:
        out.writerow([_csv_cell(cell_value(c, row)) for c in table.columns])
        n += 1
    text.flush()
    text.detach()
    return n


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_dictionary_csv(table: Table, fh: BinaryIO) -> None:
    """The data dictionary of `table` as a CSV of its own (the companion file)."""
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    out = csv.writer(text, delimiter=";", lineterminator="\r\n")
    out.writerow([_("Column"), _("Type"), _("Description")])
    for line in table.dictionary:
        out.writerow([safe_text(x) for x in line])
    text.flush()
    text.detach()


DATE_FORMAT = "DD/MM/YYYY"


def _write_xlsx(table: Table, fh: BinaryIO) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(table.title))
    sheet.freeze_panes = "A2"
    for n, column in enumerate(table.columns, 1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=safe_text(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    dates = [i for i, c in enumerate(table.columns) if c.kind == DATE]
    n = 0
    try:
        for row in table.rows:
            values: list[Any] = [cell_value(c, row) for c in table.columns]
            for i in dates:
                if values[i] is not None:
                    cell = WriteOnlyCell(sheet, value=values[i])
                    cell.number_format = DATE_FORMAT
                    values[i] = cell
            sheet.append(values)
            n += 1
    except BaseException:
        sheet.close()  # its temporary file is finished and removed, not left to the GC
        raise
    last = get_column_letter(max(1, len(table.columns)))
    sheet.auto_filter.ref = f"A1:{last}{n + 1}"

    about = book.create_sheet(_sheet_title(_("Data dictionary")))
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 16
    about.column_dimensions["C"].width = 90
    titles = []
    for text in (_("Column"), _("Type"), _("Description")):
        cell = WriteOnlyCell(about, value=text)
        cell.font = bold
        titles.append(cell)
    about.append(titles)
    for line in table.dictionary:
        about.append([safe_text(x) for x in line])
    about.append([])
    for term, text in table.about:
        about.append([safe_text(term), "", safe_text(text)])
    book.save(fh)
    return n


def _sheet_title(text: str) -> str:
    # a sheet's name: at most 31 characters, none of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31] or "Feuille"
