"""`ccs minutes|annex|convocation|attendance-sheet MEETING --out FICHIER.pdf`: printed
documents of a meeting, written atomically; the absolute path is printed. An existing file
is replaced only with --force; nothing is ever written into the data folder."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..i18n import N_, _, pgettext
from .common import (
    CliError, add_data_dir, add_force, check_output_path, open_existing, printable,
)

MEETING_HELP = N_("the meeting: its id, its UUID or “number/year” (e.g. 3/2024)")


def _output_path(out: str | None, default_name: str, data_dir: str | None,
                 force: bool) -> Path:
    path = Path(out).expanduser() if out else Path.cwd() / default_name
    if path.is_dir():
        path = path / default_name
    return check_output_path(path, data_dir, force)


def _run(args: argparse.Namespace, produce: Callable, document: str) -> int:
    """`document`: a key of documents.names.DOCUMENT_WORDS."""
    from ..fileio import os_error_text, write_atomically
    from ..services import documents

    db = open_existing(args.data_dir)
    try:
        meeting_id = documents.resolve_meeting(db, args.meeting)
        default_name = _file_name(db, meeting_id, document)  # data: French
        # refused before the document is made: a refusal costs nothing
        path = _output_path(args.out, default_name, args.data_dir, args.force)
        pdf = produce(db, meeting_id)
        try:
            write_atomically(path, pdf, overwrite=args.force)
        except FileExistsError:
            raise CliError(_("The file “{path}” already exists (created during the "
                             "command). Choose another name with --out, or add --force to "
                             "replace it.").format(path=printable(path))) from None
        except OSError as exc:
            raise CliError(_("Cannot write “{path}”: {reason}.")
                           .format(path=printable(path), reason=os_error_text(exc))) from None
    finally:
        close = getattr(db, "close", None)
        if close:
            close()
    print(printable(path))
    return 0


def _file_name(db, meeting_id: int, document: str) -> str:  # noqa: ANN001
    """« PV_003_2024_CCSC-ALAFIA.pdf », as the archive and the documents window name it."""
    from ..db import models as m
    from ..services.documents.names import meeting_file_name, meeting_numbering

    with db.session() as session:
        meeting = session.get(m.Meeting, meeting_id)
        return meeting_file_name(document, *meeting_numbering(session, meeting))


def _minutes(args: argparse.Namespace) -> int:
    from ..services.documents import minutes_pdf_for_print

    return _run(args, minutes_pdf_for_print, "minutes")


def _annex(args: argparse.Namespace) -> int:
    from ..services.documents import render_annex

    return _run(args, render_annex, "annex")


def _convocation(args: argparse.Namespace) -> int:
    from ..services.documents import render_convocation

    return _run(args, render_convocation, "convocation")


def _attendance_sheet(args: argparse.Namespace) -> int:
    from ..services.documents import render_attendance_sheet

    return _run(args, lambda db, mid: render_attendance_sheet(db, mid, with_phone=args.phone),
                "attendance")


def _add(sub, name: str, help_text: str, handler: Callable) -> argparse.ArgumentParser:  # noqa: ANN001
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("meeting", metavar=pgettext("metavar", "MEETING"),
                        help=_(MEETING_HELP))
    add_data_dir(parser)
    parser.add_argument("--out", "-o", metavar=pgettext("metavar", "FILE.pdf"), default=None,
                        help=_("PDF file to write (by default: in the current folder); never "
                               "in the data folder"))
    add_force(parser)
    parser.set_defaults(handler=handler)
    return parser


def register(sub) -> None:  # noqa: ANN001
    """Add this module's subcommands to the `ccs` parser."""
    _add(sub, "minutes", _("minutes of a meeting in PDF (the archived minutes if adopted, "
                           "followed by their amendments)"), _minutes)
    _add(sub, "annex", _("restricted-circulation annex of a meeting in PDF"), _annex)
    _add(sub, "convocation", _("convocations of the members and delivery list in PDF"),
         _convocation)
    sheet = _add(sub, "attendance-sheet", _("attendance list to sign in PDF"),
                 _attendance_sheet)
    sheet.add_argument("--phone", action="store_true",
                       help=_("add the Telephone column (members' numbers)"))
