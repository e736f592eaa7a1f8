"""Printed documents (Qt-free): procès-verbal, restricted annex, convocations, attendance
sheet and amendments, rendered as A4 PDF with ReportLab from the database.

Every function opens its own session with `db.session()` and returns PDF bytes; the layout
runs on plain data, so a GUI may call these from a worker thread.
"""

from __future__ import annotations

from .amendment import render_amendment
from .annex import render_annex
from .archive import (
    freeze_adopted_minutes,
    freeze_amendment,
    minutes_pdf_for_print,
    stored_minutes,
)
from .attendance_sheet import render_attendance_sheet
from .convocation import render_convocation
from .minutes import render_minutes
from .resolve import resolve_meeting

__all__ = [
    "render_minutes", "render_annex", "render_convocation", "render_attendance_sheet",
    "render_amendment", "freeze_adopted_minutes", "freeze_amendment", "minutes_pdf_for_print",
    "stored_minutes", "resolve_meeting",
]

# documents printed go to the audit trail (issue 13): the entry points record "print"
from ..audit import printing as _printing  # noqa: E402
render_minutes, minutes_pdf_for_print = (_printing("minutes", render_minutes),
                                         _printing("minutes", minutes_pdf_for_print))
render_annex, render_convocation = (_printing("annex", render_annex),
                                    _printing("convocation", render_convocation))
render_attendance_sheet = _printing("attendance_sheet", render_attendance_sheet)
render_amendment = _printing("amendment", render_amendment)
