"""`ccs demo`, `ccs init`, `ccs list`, `ccs info`: the foundation's commands."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Callable
from typing import Any

from ..domain.kinds import KINDS
from ..i18n import N_, _, decimal, human_size, ngettext, pgettext
from .common import (CliError, acting, add_data_dir, grouped, open_existing, printable,
                     printable_field, read_recovery_key_file)



def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("demo", help=_("creates a demonstration database (fictitious people)"))
    add_data_dir(p)
    p.add_argument("--seed", type=_int_between(0, 2**31 - 1), default=1,
                   help=_("seed: same seed, same content"))
    p.add_argument("--committees", type=_int_between(1, DEMO_MAX_COMMITTEES), default=1,
                   metavar="N", help=_("number of committees, 1 to 2,000 (large-scale trials)"))
    p.add_argument("--years", type=_int_between(1, DEMO_MAX_YEARS), default=2,
                   metavar=pgettext("metavar", "Y"), help=_("years of history, 1 to 30"))
    _add_recovery_out(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("init", help=_("sets up the committee of a new database, without the "
                                      "interface"))
    add_data_dir(p)
    p.add_argument("--level", required=True, choices=("commune", "region", "cercle"))
    p.add_argument("--region", required=True)
    p.add_argument("--cercle", default="")
    p.add_argument("--commune", default="")
    p.add_argument("--commune-kind", default="rurale", choices=("rurale", "urbaine"))
    p.add_argument("--code", default="", help=_("code of the committee (e.g. CCSC-ALAFIA)"))
    p.add_argument("--name", default="")
    p.add_argument("--chair", default="", metavar=pgettext("metavar", "NAME"),
                   help=_("chair: “Given name(s) FAMILY NAME” (the family name last)"))
    p.add_argument("--chair-sex", default="H", choices=("H", "F"))
    p.add_argument("--chair-title", default="", help=_("title of the chair (free text)"))
    _add_recovery_out(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("recover", help=_("every password forgotten: a new password for an "
                                         "account, with the recovery key"))
    add_data_dir(p)
    p.add_argument("--recovery-key-file", required=True, metavar=pgettext("metavar", "FILE"),
                   help=_("file holding the recovery key, as printed on its sheet"))
    p.add_argument("--new-password-file", required=True, metavar=pgettext("metavar", "FILE"),
                   help=_("file whose first line is the account's new password"))
    p.set_defaults(handler=cmd_recover, needs_account=False)

    p = sub.add_parser("list", help=_("lists the records of a database"))
    p.add_argument("kind", choices=KINDS, metavar=pgettext("metavar", "TYPE"),
                   help="meetings | threats | vulnerabilities | recommendations | activities "
                        "| people")
    add_data_dir(p)
    p.add_argument("--search", default="", metavar=pgettext("metavar", "WORDS"),
                   help=_("search (accents and capitals ignored)"))
    p.add_argument("--json", action="store_true", help=_("a JSON array on standard output"))
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("info", help=_("summary of the database: committee and number of "
                                      "records"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_info)


DEMO_MAX_COMMITTEES = 2000
DEMO_MAX_YEARS = 30


def _int_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high, refused in words otherwise."""
    def parse(text: str) -> int:
        import argparse

        try:
            value = int(text.strip())
            if not re.fullmatch(r"[+-]?[0-9]+", text.strip()):  # "²" or "١": ASCII only
                raise ValueError(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("“{text}” is not a whole number (from {low} to {high}).")
                .format(text=text, low=grouped(low), high=grouped(high))) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("{value} is out of range: from {low} to {high}.")
                .format(value=value, low=grouped(low), high=grouped(high)))
        return value

    parse.__name__ = "nombre"
    return parse


def _add_recovery_out(parser: Any) -> None:
    parser.add_argument(
        "--recovery-key-out", metavar=pgettext("metavar", "FILE"), default=None,
        help=_("writes the new recovery key into this file (for scripts; otherwise it is "
               "shown once on the terminal)"))


def _say_recovery_key(db: Any, out: str | None) -> None:
    """The recovery key of a database just made: into the file asked, else on the
    terminal, once, with what to do with it."""
    from ..fileio import os_error_text, write_atomically

    text = getattr(db, "recovery_text", None)
    if not text:
        return
    if out:
        try:
            write_atomically(out, (text + "\n").encode("ascii"))
        except OSError as exc:
            raise CliError(_("Cannot write the recovery key into “{path}”: {error}.")
                           .format(path=out, error=os_error_text(exc))) from None
        print(_("Recovery key written into {path}: print it, keep it sealed at the mairie, "
                "then delete the file.").format(path=out), file=sys.stderr)
        return
    print(_("Recovery key of this database (shown only now; keep it sealed at the mairie, "
            "never give it to the CRSS, never keep it on the PC): {key}").format(key=text),
          file=sys.stderr)


def cmd_recover(args: Any) -> int:
    from ..db import unlock

    recovery = read_recovery_key_file(args.recovery_key_file)
    account = unlock.Credentials(args.user or os.environ.get(unlock.ENV_USER)
                                 or unlock.DEFAULT_ADMIN,
                                 unlock.read_password_file(args.new_password_file))
    unlock.reset_password(args.data_dir, recovery, account)
    print(_("New password set for the account “{user}”.").format(user=account.user),
          file=sys.stderr)
    return 0


def cmd_demo(args: Any) -> int:
    from ..db.engine import DatabaseExists, database_exists
    from ..services.demo import create_demo_database, generate_demo

    exists_message = _("This folder already contains a database: choose an empty folder for "
                       "the demonstration.")
    if database_exists(args.data_dir):
        raise CliError(exists_message)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if total >= 20 and (done % max(1, total // 20) == 0 or done == total):
            print(ngettext("  {done}/{total} committee", "  {done}/{total} committees", total)
                  .format(done=done, total=total), file=sys.stderr)

    def fill(building: Any) -> None:
        generate_demo(building, seed=args.seed, committees=args.committees, years=args.years,
                      progress=progress)

    # built in a temporary file and renamed when complete: a kill leaves no half database
    try:
        db = create_demo_database(args.data_dir, fill)
    except DatabaseExists:
        raise CliError(exists_message) from None
    db.close()
    _say_recovery_key(db, args.recovery_key_out)
    size = db.path.stat().st_size
    print(_("Demonstration database created: {path} ({size}, {seconds} s)")
          .format(path=db.path, size=human_size(size),
                  seconds=decimal(time.perf_counter() - started)), file=sys.stderr)
    print(str(db.path.resolve()))
    return 0


def cmd_init(args: Any) -> int:
    from ..db.engine import DatabaseExists, create_database, database_exists, open_database
    from ..services.errors import UserError
    from ..services.hub import Services

    def configure(db: Any) -> Any:
        sv = Services(db)
        if sv.committee.is_configured():
            raise CliError(_("This database already has a committee set up."))
        try:
            committee = sv.committee.create(
                level=args.level, region=args.region, cercle=args.cercle, commune=args.commune,
                commune_kind=args.commune_kind, code=args.code, name=args.name,
                chair_title=args.chair_title)
            if args.chair:
                words = args.chair.split()
                chair = sv.people.create(given_names=" ".join(words[:-1]) or words[-1],
                                         family_name=words[-1], sex=args.chair_sex,
                                         category="elus" if args.level == "commune" else "admin",
                                         function="Président du CCS")  # data: French
                sv.committee.update(chair_id=chair.id)
        except UserError as exc:
            raise CliError(str(exc)) from None
        return committee

    made: list[Any] = []
    db = None
    if not database_exists(args.data_dir):
        # a new folder: the schema and the committee are built in a temporary file and
        # renamed together, so a kill leaves no database or a configured one
        try:
            db = create_database(args.data_dir, fill=lambda b: made.append(configure(b)))
        except DatabaseExists:
            db = None  # made by another process meanwhile: configure it below
    if db is None:
        # an existing database without a committee (the application was opened, its
        # set-up assistant not finished)
        db = acting(open_database(args.data_dir))
        try:
            made.append(configure(db))
        finally:
            db.close()
    db.close()
    committee = made[0]
    print(_("Committee set up: {name} ({code}) in {path}")
          .format(name=committee.name, code=committee.code, path=db.path), file=sys.stderr)
    _say_recovery_key(db, args.recovery_key_out)
    print(str(db.path.resolve()))
    return 0


def _iso(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def _row_meeting(x: Any) -> dict[str, Any]:
    return {"id": x.uuid, "number": x.number, "year": x.year, "reference": x.reference,
            "date": _iso(x.date), "kind": x.kind, "status": x.status,
            "not_held_reason": x.not_held_reason, "place": x.place,
            "start_time": _iso(x.start_time), "end_time": _iso(x.end_time)}


def _row_threat(t: Any) -> dict[str, Any]:
    return {"id": t.uuid, "title": t.title, "description": t.description, "type": t.type_code,
            "place_kind": t.place_kind, "place": t.place_name,
            "first_reported": _iso(t.first_reported), "likelihood": t.likelihood,
            "impact": t.impact, "score": t.score, "level": t.level, "trend": t.trend,
            "status": t.status}


def _row_vulnerability(v: Any) -> dict[str, Any]:
    return {"id": v.uuid, "title": v.title, "description": v.description,
            "place_kind": v.place_kind, "place": v.place_name,
            "first_reported": _iso(v.first_reported), "status": v.status}


def _row_recommendation(r: Any) -> dict[str, Any]:
    return {"id": r.uuid, "text": r.text, "addressee": r.addressee,
            "responsible": r.responsible, "deadline": _iso(r.deadline), "priority": r.priority,
            "status": r.status, "status_date": _iso(r.status_date)}


def _row_activity(a: Any) -> dict[str, Any]:
    return {"id": a.uuid, "date": _iso(a.date), "kind": a.kind, "title": a.title,
            "place": a.place, "reached_men": a.reached_men, "reached_women": a.reached_women,
            "reached_young_men": a.reached_young_men,
            "reached_young_women": a.reached_young_women, "partner": a.partner}


def _row_person(p: Any) -> dict[str, Any]:
    return {"id": p.uuid, "title": p.title, "given_names": p.given_names,
            "family_name": p.family_name, "sex": p.sex, "is_youth": p.is_youth,
            "category": p.category, "fds_corps": p.fds_corps, "organisation": p.organisation,
            "function": p.function, "phone": p.phone, "is_member": p.is_member,
            "is_active": p.is_active}


# the text output: one record per line, tab-separated fields (each made printable: a tab,
# a newline or a terminal control character in the data never breaks a line or the terminal)
ROWS: dict[str, tuple[str, Callable[[Any], dict[str, Any]], Callable[[Any], tuple]]] = {
    "meetings": ("meetings", _row_meeting,
                 lambda x: (x.reference, f"{x.date:%d/%m/%Y}", x.status, x.place)),
    "threats": ("threats", _row_threat,
                lambda t: (t.title, t.level, t.score, t.place_name)),
    "vulnerabilities": ("vulnerabilities", _row_vulnerability,
                        lambda v: (v.title, v.status, v.place_name)),
    "recommendations": ("recommendations", _row_recommendation,
                        lambda r: (r.text, r.status, r.deadline or "")),
    "activities": ("activities", _row_activity,
                   lambda a: (f"{a.date:%d/%m/%Y}", a.title, a.place)),
    "people": ("people", _row_person,
               lambda p: (p.display_name, p.sex, p.category, p.function)),
}


# what `ccs info` says of each kind of record (the TYPE argument of `ccs list` stays English),
# translated when printed
LABELS = {"meetings": N_("Meetings: {n}"), "threats": N_("Threats: {n}"),
          "vulnerabilities": N_("Vulnerabilities: {n}"),
          "recommendations": N_("Recommendations: {n}"), "activities": N_("Activities: {n}"),
          "people": N_("People: {n}")}


def _line(fields: tuple) -> str:
    return "\t".join(printable_field(f) for f in fields)


def _json_printable(text: str) -> str:
    """JSON already escapes C0 controls; C1 controls, line separators and bidirectional
    controls become \\uXXXX escapes too (the same JSON value, safe on a terminal)."""
    return "".join(f"\\u{ord(ch):04x}" if printable(ch) != ch else ch for ch in text)


def cmd_list(args: Any) -> int:
    from ..services.hub import Services
    from ..services.records import ListQuery

    db = open_existing(args.data_dir)
    try:
        service_name, to_json, to_line = ROWS[args.kind]
        service = getattr(Services(db), service_name)
        # a fixed order: by the service's natural order, ties broken by id
        rows = service.list(ListQuery(search=args.search))
    finally:
        db.close()
    if args.json:
        text = json.dumps([to_json(r) for r in rows], ensure_ascii=False, indent=1)
        sys.stdout.write(_json_printable(text) + "\n")
    else:
        for r in rows:
            print(_line(to_line(r)))
        print(ngettext("{n} record.", "{n} records.", len(rows)).format(n=len(rows)),
              file=sys.stderr)
    return 0


def cmd_info(args: Any) -> int:
    from ..services.hub import Services

    db = open_existing(args.data_dir)
    try:
        sv = Services(db)
        committee = sv.committee.own()
        if committee is None:
            print(_("No committee set up."))
        else:
            print(printable(f"{committee.name} ({committee.code})"))
            print(printable(_("Region: {region}; cercle: {cercle}; commune: {commune}")
                            .format(region=committee.region, cercle=committee.cercle,
                                    commune=committee.commune)))
        for kind in KINDS:
            print(_(LABELS[kind]).format(n=getattr(sv, ROWS[kind][0]).count()))
        warning = sv.committee.clock_warning()
        if warning:
            print(printable(warning), file=sys.stderr)
    finally:
        db.close()
    return 0
