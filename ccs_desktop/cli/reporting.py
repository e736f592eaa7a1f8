"""`ccs crss completeness --year 2024 [--json | --summary]`: the CRSS's reporting rates
(services.crss.reporting), and `ccs report --period 2024-Q2 --out F.pdf`: the periodic report
(services.documents.report) of a committee, or at the CRSS of the nation or a region."""

from __future__ import annotations

import argparse
import dataclasses
import json

from ..i18n import _, pgettext
from .common import (
    CliError, add_data_dir, add_force, check_output_path, open_existing, period_option,
    printable, printable_field, writing_output,
)


def _subparsers_of(parser: argparse.ArgumentParser):  # noqa: ANN202
    for action in parser._actions:  # noqa: SLF001  (argparse keeps them there)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return action
    raise LookupError(parser.prog)


def register(sub) -> None:  # noqa: ANN001
    crss = sub.choices.get("crss")  # cli/exchange.py made `ccs crss`; we add an action
    if crss is not None:
        p = _subparsers_of(crss).add_parser(
            "completeness", help=_("reporting rates of the committees (completeness, "
                                   "timeliness) by month"),
            description=_("for each committee and month: on time, late, not held (with its "
                          "reason), missing or not expected; --summary prints the rates"))
        add_data_dir(p)
        p.add_argument("--year", type=int, required=True, metavar=pgettext("metavar", "YEAR"))
        p.add_argument("--region", default=None, metavar=pgettext("metavar", "REGION"))
        p.add_argument("--cercle", default=None, metavar=pgettext("metavar", "CERCLE"))
        p.add_argument("--json", action="store_true", help=_("JSON output"))
        p.add_argument("--summary", action="store_true",
                       help=_("the rates by region and for the nation instead of the months"))
        p.set_defaults(handler=cmd_completeness)

    p = sub.add_parser("report", help=_("writes the periodic report (PDF)"),
                       description=_("the periodic report of a period: key figures, charts, "
                                     "meetings, threats, recommendations, activities; at the "
                                     "CRSS the reporting rates. Nothing restricted, no phone "
                                     "number, no source: the report circulates"))
    add_data_dir(p)
    p.add_argument("--period", required=True, metavar=pgettext("metavar", "PERIOD"),
                   help=_("2024, 2024-Q2, 2024-05 or 2024-01..2024-06"))
    p.add_argument("--region", default=None, metavar=pgettext("metavar", "REGION"),
                   help=_("at the CRSS: one region (by default the nation)"))
    p.add_argument("--out", "-o", required=True, metavar=pgettext("metavar", "FILE"),
                   help=_("file to write; never in the data folder"))
    add_force(p)
    p.set_defaults(handler=cmd_report)


def _crss_db(data_dir: str | None):  # noqa: ANN202
    from ..db import settings

    db = open_existing(data_dir)
    if not settings.is_crss(db):
        db.close()
        raise CliError(_("This database is a committee's, not the CRSS's: the reporting rates "
                         "are computed at the CRSS."))
    return db


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f} %"


def cmd_completeness(args: argparse.Namespace) -> int:
    from ..services.crss import reporting

    db = _crss_db(args.data_dir)
    try:
        if args.summary:
            bands = reporting.reporting_settings(db).bands
            rows = [*reporting.rates(db, "region", year=args.year, region=args.region,
                                     cercle=args.cercle),
                    reporting.nation(db, year=args.year, region=args.region,
                                     cercle=args.cercle)]
            if args.json:
                print(json.dumps([{**dataclasses.asdict(r),
                                   "completeness": r.completeness, "promptness": r.promptness,
                                   "adoption": r.adoption,
                                   "band": bands.band(r.completeness)} for r in rows],
                                 ensure_ascii=False, indent=1))
                return 0
            for r in rows:
                print("\t".join(printable_field(v) for v in (
                    r.label, _("completeness {rate}").format(rate=_pct(r.completeness)),
                    bands.label(r.completeness),
                    _("timeliness {rate}").format(rate=_pct(r.promptness)),
                    bands.label(r.promptness),
                    _("PV adopted {rate}").format(rate=_pct(r.adoption)),
                    _("{reported}/{expected} reports").format(reported=r.reported,
                                                              expected=r.expected))))
            return 0
        details = reporting.month_statuses(db, year=args.year, region=args.region,
                                           cercle=args.cercle)
    finally:
        db.close()
    if args.json:
        print(json.dumps([dataclasses.asdict(d.row) for d in details], ensure_ascii=False,
                         indent=1))
        return 0
    for d in details:
        print("\t".join(printable_field(v) for v in (
            d.row.committee_code or "-", d.region, d.cercle, d.commune, d.row.month,
            d.status_text, d.row.received_on or "-")))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ..services.documents import report
    from ..services.errors import UserError

    period = period_option(args.period)
    if period is None:
        raise CliError(_("Give a period: 2024, 2024-Q2, 2024-05 or 2024-01..2024-06."),
                       exit_code=2)
    path = check_output_path(args.out, args.data_dir, args.force)
    db = open_existing(args.data_dir)
    try:
        with writing_output(path):
            written = report.write_report(db, path, period, region=args.region,
                                          overwrite=args.force)
    except UserError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(printable(written))
    return 0
