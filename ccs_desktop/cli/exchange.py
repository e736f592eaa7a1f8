"""`ccs backup create|verify|restore|auto`, `ccs transmit`, `ccs crss keygen|trust|fingerprint|
import|register|log`: encrypted `.ccsbak` files and the CRSS consolidation.

Passphrases come from the first line of a file (--passphrase-file) or from a prompt, never
from the command line itself. The written file's absolute path is the last line printed.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from ..i18n import N_, _, ngettext, pgettext
from .common import (CliError, acting, add_data_dir, check_output_folder, open_existing,
                     read_passphrase_file, read_recovery_key_file, require_in_folder,
                     whole_number)


def _passphrase(args: argparse.Namespace, prompt: str, confirm: bool = False) -> str:
    if getattr(args, "passphrase_file", None):
        value = read_passphrase_file(args.passphrase_file)
    elif sys.stdin is not None and sys.stdin.isatty():
        try:
            value = getpass.getpass(prompt)
            if confirm and getpass.getpass(_("Confirm: ")) != value:
                raise CliError(_("The two entries differ."))
        except EOFError:
            raise CliError(_("Entry interrupted.")) from None
    else:
        raise CliError(_("Give the passphrase with --passphrase-file FILE (first line of the "
                         "file)."))
    if not value:
        raise CliError(_("The passphrase is empty."))
    return value


def _identities(args: argparse.Namespace) -> list:
    from ..services.crss import keys
    from ..services.exchange import container as ct

    if getattr(args, "identity", None):
        secret = _passphrase(args, _("Passphrase of the CRSS key: "))
        return [keys.identity(keys.read_private_key(args.identity, secret))]
    if getattr(args, "recovery_key_file", None):
        from ..db import unlock

        text = read_recovery_key_file(args.recovery_key_file)
        return [ct.RecoveryIdentity(unlock.recovery_private_key(text))]
    return [ct.PassphraseIdentity(_passphrase(args, _("Passphrase of the backup: ")))]


def _recipient(args: argparse.Namespace):  # noqa: ANN202
    from ..services.crss import keys

    if getattr(args, "no_recipient", False):
        return False
    if getattr(args, "recipient", None):
        return keys.read_public_key(args.recipient)
    return None


def _progress_printer(quiet: bool):  # noqa: ANN202
    if quiet or not sys.stderr.isatty():
        return None
    def show(done: int, total: int, msg: str) -> None:
        print("\r" + _("{percent} % {message}").format(
            percent=f"{int(100 * done / max(total, 1)):3d}", message=f"{msg:<50}"),
            end="", file=sys.stderr)
        if done >= total:
            print(file=sys.stderr)
    return show


# --------------------------------------------------------------------------- handlers

def _backup_create(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk

    out = check_output_folder(args.out, args.data_dir)
    passphrase = _passphrase(args, _("Backup passphrase (at least 12 characters): "),
                             confirm=True)
    recipient = _recipient(args)
    db = open_existing(args.data_dir)
    try:
        written = bk.create_backup(db, out, passphrase, crss_public=recipient,
                                   keep=args.keep, progress=_progress_printer(args.quiet))
    finally:
        db.close()
    for notice in written.notices:
        print(notice, file=sys.stderr)
    for old in written.removed:
        print(_("Old backup deleted (rotation): {name}").format(name=old.name))
    print(written.path.resolve())
    return 0


def _transmit(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk

    out = check_output_folder(args.out, args.data_dir)
    recipient = _recipient(args)
    db = open_existing(args.data_dir)
    try:
        written = bk.create_transmission(db, out, crss_public=recipient, keep=args.keep,
                                         progress=_progress_printer(args.quiet))
    finally:
        db.close()
    print(written.path.resolve())
    return 0


def _backup_verify(args: argparse.Namespace) -> int:
    from ..paths import resolve_data_dir
    from ..services.exchange import backup as bk
    from ..services.exchange import container as ct

    # the file is decrypted into a hidden folder of the data folder, then deleted; a command
    # that only reads creates nothing: a data folder given with --data-dir must exist (the
    # default one, the application's own, is made as at any start)
    data = resolve_data_dir(args.data_dir)
    if args.data_dir and not data.is_dir():
        raise CliError(str(bk.missing_data_dir(data)))
    identities = [] if not ct.peek_is_container(args.file) else _identities(args)
    manifest = bk.verify_file(args.file, identities,
                              work_dir=data if args.data_dir else None)
    print(bk.describe(manifest))
    how = bk.opened_with(manifest)
    if how == bk.OPENED_PASSPHRASE:
        print(_("File verified: complete, authentic and readable."))
    else:
        print(bk.notice(how, manifest.get("kind", "")))
    return 0


def _backup_restore(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk
    from ..services.exchange import container as ct

    require_in_folder(args.data_dir, "backup.restore")  # the live database's account
    identities = [] if not ct.peek_is_container(args.file) else _identities(args)
    result = bk.restore(args.file, args.data_dir, identities,
                        progress=_progress_printer(args.quiet),
                        replace_security_settings=args.replace_security_settings)
    manifest = dict(result.manifest, _authenticated=result.authenticated,
                    _opened_with=result.opened_with)
    print(bk.describe(manifest))
    warning = bk.notice(result.opened_with)
    if warning:
        print(warning)
    if result.security_kept:
        print(_("Security settings of the current database kept (the backup had other "
                "ones):"))
        for change in result.security_kept:
            print(_("  - {setting} → kept: current value").format(setting=change.describe()))
        print(_("To take those of the backup, run again with --replace-security-settings."))
    if result.security_dropped:
        print(_("Security settings of the file NOT installed (its author is not proven and "
                "there was no database to keep):"))
        for change in result.security_dropped:
            print(_("  - {setting} → not installed").format(setting=change.describe()))
        print(_(bk.TRUST_AGAIN))
        print(_("To install those of the file all the same (only if you are certain of its "
                "origin), run again with --replace-security-settings."))
    if result.security_replaced:
        print(_("Security settings replaced by those of the backup "
                "(--replace-security-settings):"))
        for change in result.security_replaced:
            print(_("  - {setting} → replaced").format(setting=change.describe()))
    if result.saved_copy:
        print(_("Old database set aside: {path}").format(path=result.saved_copy))
    print(_("Restore finished."))
    print(result.database.resolve())
    return 0


def _backup_auto(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk

    db = open_existing(args.data_dir)
    try:
        path = bk.auto_backup(db, keep=args.keep, min_interval=None)
    finally:
        db.close()
    print(path.resolve() if path else _("No copy needed."))
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from ..services.crss import keys

    passphrase = _passphrase(args, _("Passphrase of the CRSS key (at least 12 "
                                     "characters): "), confirm=True)
    pair = keys.generate()
    priv, pub = keys.write_key_files(pair, args.out, passphrase)
    print(_("Fingerprint of the key: {fingerprint}").format(fingerprint=pair.fingerprint))
    print(_("Private key (protected, to keep and copy onto a second USB stick): {path}")
          .format(path=priv.resolve()))
    print(pub.resolve())
    return 0


def _trust(args: argparse.Namespace) -> int:
    from ..services.crss import keys

    raw = keys.read_public_key(args.public_key)
    db = open_existing(args.data_dir)
    try:
        keys.trust(db, raw)
    finally:
        db.close()
    print(_("CRSS key saved. Fingerprint: {fingerprint}")
          .format(fingerprint=keys.fingerprint(raw)))
    print(_("Compare this fingerprint aloud with the CRSS. Transmissions are encrypted to "
            "this key; full backups never are (they open with their passphrase)."))
    return 0


def _fingerprint(args: argparse.Namespace) -> int:
    from ..services.crss import keys

    print(keys.fingerprint(keys.read_public_key(args.public_key)))
    return 0


def _crss_import(args: argparse.Namespace) -> int:
    from ..services.crss import importer

    identities = _identities(args)
    db = acting(importer.open_crss_database(args.data_dir))
    from .core import _say_recovery_key

    _say_recovery_key(db, None)  # a new CRSS database: its recovery key, shown once
    try:
        reports = importer.import_paths(db, args.paths, identities,
                                        progress=_progress_printer(args.quiet))
    finally:
        db.close()
    if not reports:
        raise CliError(_("No .ccsbak file found."))
    refused = [r for r in reports if not r.ok]
    for r in reports:
        print(r.summary(), file=sys.stdout if r.ok else sys.stderr)
        if getattr(r, "key_notice", ""):  # issue 12: a committee key not confirmed yet
            print("  " + r.key_notice)
    imported = len(reports) - len(refused)
    # Translators: {refused} is "N refused" below, its own plural (agreeing with "file")
    refused_text = ngettext("{n} refused", "{n} refused", len(refused)).format(n=len(refused))
    # Translators: {n} files imported, then {refused}: "N refused" (its own plural)
    print(ngettext("{n} file imported, {refused}.", "{n} files imported, {refused}.", imported)
          .format(n=imported, refused=refused_text))
    return 1 if refused else 0


def _crss_register(args: argparse.Namespace) -> int:
    from ..services.crss import committee_keys, register

    db = open_existing(args.data_dir)
    try:
        register.ensure_register(db)
        rows = register.list_register(db, region=args.region, cercle=args.cercle,
                                      commune=args.commune, status=args.status,
                                      only_duplicates=args.duplicates)
        key_of = committee_keys.statuses(db)
    finally:
        db.close()
    for r in rows:
        place = r.commune or r.region
        level = "CCSR" if r.level == "region" else "CCSC"
        last = f"{r.last_received_at:%d/%m/%Y}" if r.last_received_at else _("never received")
        flag = "  " + _("⚠ commune under two committees") if r.duplicate else ""
        # issue 12: the columns of the signing key come last (scripts read the first ones)
        key = key_of.get(r.committee_uuid or "")
        waiting = (_("other key waiting: {fingerprint}").format(
            fingerprint=key.pending_fingerprint) if key and key.pending_fingerprint else "")
        print(f"{level}\t{r.region}\t{r.cercle}\t{place}\t{r.status_label}\t"
              f"{r.committee_code or '-'}\t{last}{flag}\t"
              f"{committee_keys.status_text(key) if r.committee_uuid else '-'}\t"
              f"{key.fingerprint if key else '-'}\t{r.committee_uuid or '-'}"
              + (f"\t{waiting}" if waiting else ""))
    return 0


def _crss_accept_key(args: argparse.Namespace) -> int:
    from ..services.crss import committee_keys, importer

    db = open_existing(args.data_dir)
    try:
        importer.check_crss_target(db)
        print(committee_keys.accept_key(db, args.uuid, args.fingerprint))
    finally:
        db.close()
    return 0


# the import log's statuses, translated when printed
LOG_STATUS = {"ok": N_("imported"), "refused": N_("refused")}


def _crss_log(args: argparse.Namespace) -> int:
    from ..services.crss import importer

    db = open_existing(args.data_dir)
    try:
        for e in importer.import_log(db, args.limit):
            status = _(LOG_STATUS[e.status]) if e.status in LOG_STATUS else e.status
            counts = _("new {new}, updated {updated}, unchanged {unchanged}, deleted "
                       "{deleted}, refused {refused}, conflicts {conflicts}").format(
                new=e.new, updated=e.updated, unchanged=e.unchanged, deleted=e.deleted,
                refused=e.refused, conflicts=e.conflicts)
            print(f"{e.imported_at:%d/%m/%Y %H:%M}\t{status}\t{e.committee_code or '-'}\t"
                  f"{e.file_name}\t{counts}\t{e.message}")
    finally:
        db.close()
    return 0


# --------------------------------------------------------------------------- parser

def _common(p: argparse.ArgumentParser, passphrase: bool = True) -> None:
    if passphrase:
        p.add_argument("--passphrase-file", metavar=pgettext("metavar", "FILE"),
                       help=_("file whose first line is the passphrase (otherwise it is "
                              "asked for)"))
    p.add_argument("--quiet", "-q", action="store_true", help=_("without a progress bar"))


def _add_recovery_key_file(p: argparse.ArgumentParser) -> None:
    p.add_argument("--recovery-key-file", metavar=pgettext("metavar", "FILE"),
                   help=_("opens a full backup with the committee's recovery key (the text "
                          "of the sealed sheet) instead of its passphrase"))


def register(sub) -> None:  # noqa: ANN001
    """Add this module's subcommands to the `ccs` parser."""
    from ..services.exchange.backup import DEFAULT_KEEP

    folder = pgettext("metavar", "FOLDER")
    b = sub.add_parser("backup", help=_("encrypted backups: create, verify, restore"))
    bsub = b.add_subparsers(dest="backup_command", metavar=pgettext("metavar", "ACTION"),
                            required=True, parser_class=type(b))
    p = bsub.add_parser("create", help=_("writes an encrypted backup into a folder"))
    add_data_dir(p)
    p.add_argument("--out", required=True, metavar=folder, help=_("destination folder"))
    p.add_argument("--recipient", metavar="crss.pub",
                   help=_("public key of the CRSS (by default: the one the committee saved)"))
    p.add_argument("--no-recipient", action="store_true",
                   help=_("does not add the CRSS key, even if the committee has one"))
    p.add_argument("--keep", type=whole_number, default=DEFAULT_KEEP, metavar="N",
                   help=_("backups of this committee kept in the folder ({keep})")
                   .format(keep=DEFAULT_KEEP))
    _common(p)
    p.set_defaults(handler=_backup_create)

    p = bsub.add_parser("verify", help=_("checks that a .ccsbak file is complete and readable"))
    p.add_argument("file", metavar=pgettext("metavar", "FILE"))
    p.add_argument("--identity", metavar="crss.key", help=_("private key of the CRSS"))
    _add_recovery_key_file(p)
    add_data_dir(p)
    _common(p)
    p.set_defaults(handler=_backup_verify, needs_account=False)

    p = bsub.add_parser("restore", help=_("replaces the database by a backup (the current "
                                          "one is set aside)"))
    p.add_argument("file", metavar=pgettext("metavar", "FILE"))
    add_data_dir(p)
    p.add_argument("--identity", metavar="crss.key", help=_("private key of the CRSS"))
    _add_recovery_key_file(p)
    p.add_argument("--replace-security-settings", action="store_true",
                   help=_("also takes the security settings of the backup (trusted CRSS "
                          "key, secret of the pseudonyms); without this option, those of the "
                          "current database are kept, and a file opened with the CRSS key "
                          "(author not proven) installs none"))
    _common(p)
    p.set_defaults(handler=_backup_restore)

    p = bsub.add_parser("auto", help=_("automatic local copy in the data folder"))
    add_data_dir(p)
    p.add_argument("--keep", type=whole_number, default=7, metavar="N")
    p.set_defaults(handler=_backup_auto)

    p = sub.add_parser("transmit", help=_("writes the transmission file for the CRSS"))
    add_data_dir(p)
    p.add_argument("--out", required=True, metavar=folder)
    p.add_argument("--recipient", metavar="crss.pub",
                   help=_("public key of the CRSS (by default: the saved one)"))
    p.add_argument("--keep", type=whole_number, default=DEFAULT_KEEP, metavar="N")
    _common(p, passphrase=False)
    p.set_defaults(handler=_transmit)

    c = sub.add_parser("crss", help=_("CRSS mode: keys, import of the files, register"))
    csub = c.add_subparsers(dest="crss_command", metavar=pgettext("metavar", "ACTION"),
                            required=True, parser_class=type(c))
    p = csub.add_parser("keygen", help=_("creates the key pair of the CRSS (crss.key, "
                                         "crss.pub)"))
    p.add_argument("--out", required=True, metavar=folder)
    _common(p)
    p.set_defaults(handler=_keygen)

    p = csub.add_parser("trust", help=_("saves the public key of the CRSS in the committee's "
                                        "database"))
    p.add_argument("public_key", metavar="crss.pub")
    add_data_dir(p)
    p.set_defaults(handler=_trust)

    p = csub.add_parser("fingerprint", help=_("shows the fingerprint of a public key"))
    p.add_argument("public_key", metavar="crss.pub")
    p.set_defaults(handler=_fingerprint)

    p = csub.add_parser("import", help=_("imports files or folders of .ccsbak"))
    p.add_argument("paths", nargs="+", metavar=pgettext("metavar", "PATH"))
    add_data_dir(p)
    p.add_argument("--identity", required=True, metavar="crss.key")
    _common(p)
    p.set_defaults(handler=_crss_import)

    p = csub.add_parser("register", help=_("register of the expected committees"))
    add_data_dir(p)
    for name in ("region", "cercle", "commune", "status"):
        p.add_argument(f"--{name}", default=None)
    p.add_argument("--duplicates", action="store_true",
                   help=_("only the communes present under two committees"))
    p.set_defaults(handler=_crss_register)

    p = csub.add_parser("accept-key", help=_("confirms a committee's signing key, or accepts "
                                             "its new key, by its fingerprint"))
    p.add_argument("uuid", metavar="UUID")
    p.add_argument("--fingerprint", required=True, metavar="FP",
                   help=_("the fingerprint the committee reads out (Settings of CCS Desktop)"))
    add_data_dir(p)
    p.set_defaults(handler=_crss_accept_key)

    p = csub.add_parser("log", help=_("log of the imports"))
    add_data_dir(p)
    p.add_argument("--limit", type=whole_number, default=50)
    p.set_defaults(handler=_crss_log)
