"""`ccs export LIST --format xlsx|csv --out FILE [--search W] [--period P]`: a list as the
interface shows it, for Excel, LibreOffice, R or Stata (services.export), and `ccs export
indicators`: the CRSS's long table of indicators by commune P-code and month
(services.export_indicators). Written atomically; the absolute path is printed. An existing
file is replaced only with --force; nothing is ever written into the data folder."""

from __future__ import annotations

import argparse
import sys

from ..i18n import _, ngettext, pgettext
from .common import (
    CliError, add_data_dir, add_force, check_output_path, open_existing, period_option,
    printable, writing_output,
)

INDICATORS = "indicators"


def register(sub) -> None:  # noqa: ANN001
    from ..services.export import FORMATS, LISTS

    p = sub.add_parser("export", help=_("exports a list (or the indicators) to Excel or CSV"),
                       description=_("exports a list as the interface shows it, or the "
                                     "indicators by commune and month, to Excel (.xlsx) or "
                                     "CSV (UTF-8, “;”); restricted threats, restricted notes "
                                     "and phone numbers are never exported"))
    p.add_argument("kind", choices=(*LISTS, INDICATORS), metavar=pgettext("metavar", "LIST"),
                   help=" | ".join((*LISTS, INDICATORS)))
    add_data_dir(p)
    p.add_argument("--format", choices=FORMATS, default=None,
                   help=_("xlsx or csv (by default: the extension of --out, else xlsx)"))
    p.add_argument("--out", "-o", required=True, metavar=pgettext("metavar", "FILE"),
                   help=_("file to write; never in the data folder"))
    p.add_argument("--search", default="", metavar=pgettext("metavar", "WORDS"),
                   help=_("search (accents and capitals ignored)"))
    p.add_argument("--period", default="", metavar=pgettext("metavar", "PERIOD"),
                   help=_("2024, 2024-Q2, 2024-05 or 2024-01..2024-06"))
    add_force(p)
    p.add_argument("--sensitive", action="store_true",
                   help=_("administrators only: also exports the restricted threats and the "
                          "phone numbers (the file is then as sensitive as the database: "
                          "never on a stick you hand over)"))
    p.set_defaults(handler=cmd_export)


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    return "csv" if str(args.out).lower().endswith(".csv") else "xlsx"


def cmd_export(args: argparse.Namespace) -> int:
    from ..services import export
    from ..services.hub import Services
    from ..services.records import ListQuery

    fmt = _format_of(args)
    period = period_option(args.period)
    path = check_output_path(args.out, args.data_dir, args.force)
    db = open_existing(args.data_dir)
    try:
        services = Services(db)
        with writing_output(path):
            if args.kind == INDICATORS:
                from ..services import export_indicators

                if args.search:
                    raise CliError(_("The indicators take no --search."), exit_code=2)
                result = export_indicators.export_indicators(db, path, fmt, period=period,
                                                             overwrite=args.force)
            else:
                if args.sensitive:
                    print(_("Warning: this export holds restricted threats and phone numbers, "
                            "in clear: keep it off any USB stick you hand over, never send it "
                            "to the CRSS, delete it once used."), file=sys.stderr)
                result = export.export_list(services, args.kind,
                                            ListQuery(search=args.search), path, fmt,
                                            period=period, overwrite=args.force,
                                            include_sensitive=args.sensitive)
    finally:
        db.close()
    print(ngettext("{n} row exported.", "{n} rows exported.", result.rows)
          .format(n=result.rows), file=sys.stderr)
    print(printable(path))
    return 0
