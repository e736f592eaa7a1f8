"""`ccs audit verify|list|heads`: the audit trail on the command line (issue 13).

`verify` (any role) walks the SHA-256 chain: exit 0 « chaîne intacte (N entrées) », exit 1
naming the first broken entry (id and date). `list` prints the entries (filtered by date and
action), `heads` the chain heads the CRSS received from each committee."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys

from ..i18n import _, pgettext
from .common import CliError, FrenchArgumentParser, add_data_dir, open_existing, printable


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("audit", help=_("the audit trail: verify its chain, list its entries"),
                       description=_("who did what and when (never any record text), each "
                                     "entry chained to the previous one by SHA-256"))
    actions = p.add_subparsers(dest="audit_command", metavar=pgettext("metavar", "ACTION"),
                               parser_class=FrenchArgumentParser)
    actions.required = True
    v = actions.add_parser("verify", help=_("checks that no entry was changed, removed or "
                                            "moved"))
    add_data_dir(v)
    v.set_defaults(handler=cmd_verify)
    ls = actions.add_parser("list", help=_("lists the entries, newest first"))
    add_data_dir(ls)
    ls.add_argument("--json", action="store_true", help=_("a JSON array on standard output"))
    ls.add_argument("--since", default=None, metavar=pgettext("metavar", "DATE"),
                    help=_("only the entries from this date (YYYY-MM-DD, UTC)"))
    ls.add_argument("--action", default=None, metavar=pgettext("metavar", "ACTION"),
                    help=_("only this action (create, update, delete, login, export…)"))
    ls.add_argument("--limit", type=int, default=1000, metavar=pgettext("metavar", "N"),
                    help=_("at most N entries (1000 by default)"))
    ls.set_defaults(handler=cmd_list)
    h = actions.add_parser("heads", help=_("at the CRSS: the chain head each committee sent"))
    add_data_dir(h)
    h.add_argument("--json", action="store_true", help=_("a JSON array on standard output"))
    h.set_defaults(handler=cmd_heads)


def cmd_verify(args: argparse.Namespace) -> int:
    from ..services import audit

    db = open_existing(args.data_dir)
    try:
        verdict = audit.verify(db)
    finally:
        db.close()
    print(verdict.message())
    return 0 if verdict.ok else 1


def _since(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(_("Invalid date “{text}”: write it YYYY-MM-DD.")
                       .format(text=printable(text)), exit_code=2) from None


def cmd_list(args: argparse.Namespace) -> int:
    from ..services import audit

    since = _since(args.since)
    if args.action and args.action not in audit.ACTIONS:
        raise CliError(_("Unknown action “{action}”: {known}.").format(
            action=printable(args.action), known=", ".join(audit.ACTIONS)), exit_code=2)
    db = open_existing(args.data_dir)
    try:
        rows = audit.entries(db, audit.Filter(since=since, action=args.action),
                             limit=max(1, args.limit))
    finally:
        db.close()
    if args.json:
        json.dump([{"id": e.id, "at": e.at, "account": e.account, "action": e.action,
                    "kind": e.kind, "record_id": e.record_id, "record_uuid": e.record_uuid,
                    "outcome": e.outcome, "count": e.count, "hash": e.hash} for e in rows],
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for e in rows:
        record = str(e.record_id) if e.record_id is not None else e.record_uuid
        print("\t".join(printable(x) for x in (str(e.id), e.at, e.account or "-", e.action,
                                               e.kind, record, e.outcome,
                                               str(e.count) if e.count != 1 else "")))
    return 0


def cmd_heads(args: argparse.Namespace) -> int:
    from ..services import audit

    db = open_existing(args.data_dir)
    try:
        heads = audit.committee_heads(db)
    finally:
        db.close()
    if args.json:
        json.dump([dataclasses.asdict(h) for h in heads], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for h in heads:
        print("\t".join((h.committee_uuid, str(h.count), h.hash[:16], h.received_at,
                         h.status, h.flagged_at)))
    return 0
