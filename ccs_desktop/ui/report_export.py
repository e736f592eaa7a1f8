"""The « Rapport de la période (PDF)… » buttons (issue 17): the committee's home page and the
CRSS's « Complétude » page ask where to save, render the periodic report
(services/documents/report.py) off the GUI thread with the one background helper
(ui/tasks.py), write it atomically and say where it went."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from . import prompts as _prompts
from .tasks import TaskRunner


def report_file_name(period_text: str, who: str) -> str:
    """`Rapport_2024-T2_CCSC-ALAFIA.pdf`: the period as written (a quarter in French, T for
    trimestre; a span of days as FROM_TO) and the committee's code, the region or Mali."""
    period = period_text.replace("..", "_")
    period = re.sub(r"-[Qq]([1-4])$", r"-T\1", period)
    safe = re.sub(r"[^0-9A-Za-z_.-]+", "-", f"Rapport_{period}_{who}").strip("-")
    return f"{safe}.pdf"


def save_report(parent: QWidget, runner: TaskRunner, db: Any, period: Any, who: str, *,
                region: str | None = None, say: Callable[[str, str], None],
                busy: Callable[[bool], None] | None = None) -> bool:
    """Ask where to save the report of `period` (services.export.Period), then render and
    write it on a worker; `say(text, kind)` tells the outcome ("ok" / "error"), `busy(on)`
    greys the button meanwhile. False when the user cancelled."""
    path = _prompts.current().choose_file(
        parent, QCoreApplication.translate("ReportExport", "Save the periodic report"),
        QCoreApplication.translate("ReportExport", "PDF (*.pdf)"),
        start=report_file_name(period.text, who), mode=_prompts.SAVE)
    if not path:
        return False
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")

    def work(_control: Any) -> Path:
        from ..services.documents import report

        # the save dialog asked before replacing a file
        return report.write_report(db, target, period, region=region, overwrite=True)

    def done(written: Path) -> None:
        if busy is not None:
            busy(False)
        say(QCoreApplication.translate("ReportExport", "Report saved: {path}")
            .format(path=written), "ok")

    def failed(exc: BaseException) -> None:
        from .exchange.common import error_text

        if busy is not None:
            busy(False)
        say(error_text(exc), "error")

    if busy is not None:
        busy(True)
    say(QCoreApplication.translate("ReportExport", "Writing the report…"), "info")
    runner.start(work, on_done=done, on_fail=failed)
    return True
