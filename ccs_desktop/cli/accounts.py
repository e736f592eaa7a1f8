"""`ccs account add|passwd|list|disable`: the accounts of a database and their roles, for
administrators (services.roles; the key file and the re-keying are db/unlock and db/rekey)."""

from __future__ import annotations

import argparse
import json
import sys

from ..i18n import _, pgettext
from .common import CliError, add_data_dir, open_existing, printable_field

ROLE_CHOICES = ("administrateur", "secretaire", "lecteur", "analyste")


def _new_password(args: argparse.Namespace) -> str:
    from ..db import unlock

    return unlock.read_password_file(args.new_password_file)


def _add(args: argparse.Namespace) -> int:
    from ..services import access

    password = _new_password(args)
    db = open_existing(args.data_dir)
    try:
        access.add_account(db, args.name, args.role, password)
    finally:
        db.close()
    print(_("Account “{name}” created with the role {role}.")
          .format(name=args.name, role=args.role), file=sys.stderr)
    return 0


def _passwd(args: argparse.Namespace) -> int:
    from ..services import access

    password = _new_password(args)
    db = open_existing(args.data_dir)
    try:
        access.set_password(db, args.name, password)
    finally:
        db.close()
    print(_("New password set for the account “{user}”.").format(user=args.name),
          file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    from ..services import access

    db = open_existing(args.data_dir)
    try:
        rows = access.list_accounts(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps([{"name": a.name, "role": a.role, "enabled": a.enabled,
                           "created_at": a.created_at.isoformat() if a.created_at else None,
                           "disabled_at": a.disabled_at.isoformat() if a.disabled_at else None}
                          for a in rows], ensure_ascii=False, indent=1))
        return 0
    for a in rows:
        state = _("enabled") if a.enabled else _("disabled")
        print("\t".join(printable_field(f) for f in (a.name, a.role, state)))
    return 0


def _disable(args: argparse.Namespace) -> int:
    from ..services import access

    db = open_existing(args.data_dir)
    try:
        access.disable_account(db, args.name)
    except access.RekeyBlocked as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(_("Account “{name}” disabled: the database was re-keyed, its old password opens "
            "nothing any more.").format(name=args.name), file=sys.stderr)
    return 0


def register(sub) -> None:  # noqa: ANN001
    a = sub.add_parser("account", help=_("accounts and roles (administrators only)"))
    asub = a.add_subparsers(dest="account_command", metavar=pgettext("metavar", "COMMAND"),
                            parser_class=type(a))
    asub.required = True
    name_help = _("account name")
    new_help = _("file whose first line is the account's new password")

    p = asub.add_parser("add", help=_("creates an account with its role"))
    p.add_argument("name", metavar=pgettext("metavar", "NAME"), help=name_help)
    p.add_argument("--role", required=True, choices=ROLE_CHOICES)
    p.add_argument("--new-password-file", required=True, metavar=pgettext("metavar", "FILE"),
                   help=new_help)
    add_data_dir(p)
    p.set_defaults(handler=_add)

    p = asub.add_parser("passwd", help=_("gives an account a new password"))
    p.add_argument("name", metavar=pgettext("metavar", "NAME"), help=name_help)
    p.add_argument("--new-password-file", required=True, metavar=pgettext("metavar", "FILE"),
                   help=new_help)
    add_data_dir(p)
    p.set_defaults(handler=_passwd)

    p = asub.add_parser("list", help=_("lists the accounts and their roles"))
    p.add_argument("--json", action="store_true", help=_("a JSON array on standard output"))
    add_data_dir(p)
    p.set_defaults(handler=_list)

    p = asub.add_parser("disable", help=_("disables an account (the database is re-keyed)"))
    p.add_argument("name", metavar=pgettext("metavar", "NAME"), help=name_help)
    add_data_dir(p)
    p.set_defaults(handler=_disable)
