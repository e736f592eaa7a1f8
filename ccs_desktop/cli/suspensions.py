"""`ccs crss suspend` and `ccs crss suspensions`: the months the CRSS register marks
suspended for a committee (services.crss.suspensions), no report expected then."""

from __future__ import annotations

import argparse
import json

from ..i18n import _, pgettext
from .common import CliError, add_data_dir, printable_field
from .reporting import _crss_db, _subparsers_of


def register(sub) -> None:  # noqa: ANN001
    crss = sub.choices.get("crss")  # cli/exchange.py made `ccs crss`; we add two actions
    if crss is None:
        return
    actions = _subparsers_of(crss)
    p = actions.add_parser(
        "suspend", help=_("marks months of a committee suspended (no report expected)"),
        description=_("the committee's months FROM..TO (TO left out: until further notice) "
                      "are not expected in the reporting rates: the commune occupied, a "
                      "special delegation not installed..."))
    add_data_dir(p)
    p.add_argument("--committee", required=True, metavar=pgettext("metavar", "COMMITTEE"),
                   help=_("the committee's code, or its register number"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="end", default="", metavar="YYYY-MM")
    p.add_argument("--reason", default="", metavar=pgettext("metavar", "TEXT"))
    p.set_defaults(handler=cmd_suspend)
    p = actions.add_parser("suspensions", help=_("lists the suspensions of the register"),
                           description=_("every suspension, or --remove N to remove the "
                                         "N-th of the list"))
    add_data_dir(p)
    p.add_argument("--json", action="store_true", help=_("JSON output"))
    p.add_argument("--remove", type=int, default=None, metavar="N",
                   help=_("remove the N-th suspension of the list (from 1)"))
    p.set_defaults(handler=cmd_suspensions)


def _entry_id(db, committee: str) -> int:  # noqa: ANN001
    from sqlalchemy import text

    with db.session() as s:
        row = s.execute(text("SELECT r.id FROM crss_register r JOIN committees c "
                             "ON c.uuid = r.committee_uuid WHERE upper(c.code) = upper(:c) "
                             "ORDER BY r.id LIMIT 1"), {"c": committee.strip()}).first()
    if row is not None:
        return int(row[0])
    if committee.strip().isdigit():
        return int(committee)
    raise CliError(_("No committee {code} in the register.").format(code=committee))


def cmd_suspend(args: argparse.Namespace) -> int:
    from ..services.crss import suspensions

    db = _crss_db(args.data_dir)
    try:
        item = suspensions.add_suspension(db, _entry_id(db, args.committee), args.start,
                                          args.end, args.reason)
    finally:
        db.close()
    print(_("Suspended from {start} to {end}.").format(
        start=item.start, end=item.end or _("until further notice")))
    return 0


def cmd_suspensions(args: argparse.Namespace) -> int:
    from ..services.crss import suspensions

    db = _crss_db(args.data_dir)
    try:
        rows = suspensions.listing(db)
        if args.remove is not None:
            if not 1 <= args.remove <= len(rows):
                raise CliError(_("There is no suspension {n} in the list.").format(
                    n=args.remove))
            suspensions.remove_suspension(db, rows[args.remove - 1].item)
            print(_("Suspension removed."))
            return 0
    finally:
        db.close()
    if args.json:
        print(json.dumps([{"committee": r.committee, "entry": r.item.entry_id,
                           "from": r.item.start, "to": r.item.end or None,
                           "reason": r.item.reason} for r in rows],
                         ensure_ascii=False, indent=1))
        return 0
    for n, r in enumerate(rows, 1):
        print("\t".join(printable_field(v) for v in (
            str(n), r.committee, r.item.start, r.item.end or _("until further notice"),
            r.item.reason)))
    return 0
