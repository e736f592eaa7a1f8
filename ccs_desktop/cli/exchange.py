"""`ccs backup create|verify|restore|auto`, `ccs transmit`, `ccs crss keygen|trust|fingerprint|
import|register|log`: encrypted `.ccsbak` files and the CRSS consolidation.

Passphrases come from the first line of a file (--passphrase-file) or from a prompt, never
from the command line itself. The written file's absolute path is the last line printed.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from .common import (CliError, add_data_dir, check_output_folder, open_existing,
                     read_passphrase_file)


def _passphrase(args: argparse.Namespace, prompt: str, confirm: bool = False) -> str:
    if getattr(args, "passphrase_file", None):
        value = read_passphrase_file(args.passphrase_file)
    elif sys.stdin is not None and sys.stdin.isatty():
        try:
            value = getpass.getpass(prompt)
            if confirm and getpass.getpass("Confirmez : ") != value:
                raise CliError("Les deux saisies diffèrent.")
        except EOFError:
            raise CliError("Saisie interrompue.") from None
    else:
        raise CliError("Indiquez la phrase secrète avec --passphrase-file FICHIER "
                       "(première ligne du fichier).")
    if not value:
        raise CliError("La phrase secrète est vide.")
    return value


def _identities(args: argparse.Namespace) -> list:
    from ..services.crss import keys
    from ..services.exchange import container as ct

    if getattr(args, "identity", None):
        secret = _passphrase(args, "Phrase secrète de la clé du CRSS : ")
        return [keys.identity(keys.read_private_key(args.identity, secret))]
    return [ct.PassphraseIdentity(_passphrase(args, "Phrase secrète de la sauvegarde : "))]


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
        print(f"\r{int(100 * done / max(total, 1)):3d} % {msg:<50}", end="", file=sys.stderr)
        if done >= total:
            print(file=sys.stderr)
    return show


# --------------------------------------------------------------------------- handlers

def _backup_create(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk

    out = check_output_folder(args.out, args.data_dir)
    passphrase = _passphrase(args, "Phrase secrète de sauvegarde (12 caractères au moins) : ",
                             confirm=True)
    recipient = _recipient(args)
    db = open_existing(args.data_dir)
    try:
        written = bk.create_backup(db, out, passphrase, crss_public=recipient,
                                   keep=args.keep, progress=_progress_printer(args.quiet))
    finally:
        db.close()
    for old in written.removed:
        print(f"Ancienne sauvegarde supprimée (rotation) : {old.name}")
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
        print("Fichier vérifié : complet, authentique et lisible.")
    else:
        print(bk.notice(how, manifest.get("kind", "")))
    return 0


def _backup_restore(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk
    from ..services.exchange import container as ct

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
        print("Réglages de sécurité de la base actuelle conservés (la sauvegarde en avait "
              "d'autres) :")
        for change in result.security_kept:
            print(f"  - {change.describe()} → conservé(e) : valeur actuelle")
        print("Pour prendre ceux de la sauvegarde, relancez avec "
              "--replace-security-settings.")
    if result.security_dropped:
        print("Réglages de sécurité du fichier NON installés (son auteur n'est pas prouvé et "
              "il n'y avait pas de base à conserver) :")
        for change in result.security_dropped:
            print(f"  - {change.describe()} → non installé(e)")
        print(bk.TRUST_AGAIN)
        print("Pour installer ceux du fichier malgré tout (seulement si vous êtes certain de "
              "son origine), relancez avec --replace-security-settings.")
    if result.security_replaced:
        print("Réglages de sécurité remplacés par ceux de la sauvegarde "
              "(--replace-security-settings) :")
        for change in result.security_replaced:
            print(f"  - {change.describe()} → remplacé(e)")
    if result.saved_copy:
        print(f"Ancienne base mise de côté : {result.saved_copy}")
    print("Restauration terminée.")
    print(result.database.resolve())
    return 0


def _backup_auto(args: argparse.Namespace) -> int:
    from ..services.exchange import backup as bk

    db = open_existing(args.data_dir)
    try:
        path = bk.auto_backup(db, keep=args.keep, min_interval=None)
    finally:
        db.close()
    print(path.resolve() if path else "Aucune copie nécessaire.")
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from ..services.crss import keys

    passphrase = _passphrase(args, "Phrase secrète de la clé du CRSS (12 caractères au "
                                   "moins) : ", confirm=True)
    pair = keys.generate()
    priv, pub = keys.write_key_files(pair, args.out, passphrase)
    print(f"Empreinte de la clé : {pair.fingerprint}")
    print(f"Clé privée (protégée, à garder et copier sur une seconde clé USB) : "
          f"{priv.resolve()}")
    print(pub.resolve())
    return 0


def _trust(args: argparse.Namespace) -> int:
    from ..services.crss import keys
    from ..services.exchange.snapshot import CRSS_KEY_SETTING
    from ..db import models as m

    raw = keys.read_public_key(args.public_key)
    db = open_existing(args.data_dir)
    try:
        with db.session() as s:
            row = s.get(m.Setting, CRSS_KEY_SETTING)
            if row is None:
                s.add(m.Setting(key=CRSS_KEY_SETTING, value=keys.public_line(raw)))
            else:
                row.value = keys.public_line(raw)
    finally:
        db.close()
    print(f"Clé du CRSS enregistrée. Empreinte : {keys.fingerprint(raw)}")
    print("Comparez cette empreinte à voix haute avec le CRSS. Les sauvegardes s'ouvriront "
          "aussi avec la clé du CRSS (recours en cas de phrase secrète oubliée).")
    return 0


def _fingerprint(args: argparse.Namespace) -> int:
    from ..services.crss import keys

    print(keys.fingerprint(keys.read_public_key(args.public_key)))
    return 0


def _crss_import(args: argparse.Namespace) -> int:
    from ..services.crss import importer

    identities = _identities(args)
    db = importer.open_crss_database(args.data_dir)
    try:
        reports = importer.import_paths(db, args.paths, identities,
                                        progress=_progress_printer(args.quiet))
    finally:
        db.close()
    if not reports:
        raise CliError("Aucun fichier .ccsbak trouvé.")
    refused = [r for r in reports if not r.ok]
    for r in reports:
        print(r.summary(), file=sys.stdout if r.ok else sys.stderr)
    print(f"{len(reports) - len(refused)} fichier(s) importé(s), {len(refused)} refusé(s).")
    return 1 if refused else 0


def _crss_register(args: argparse.Namespace) -> int:
    from ..services.crss import register

    db = open_existing(args.data_dir)
    try:
        register.ensure_register(db)
        rows = register.list_register(db, region=args.region, cercle=args.cercle,
                                      commune=args.commune, status=args.status,
                                      only_duplicates=args.duplicates)
    finally:
        db.close()
    for r in rows:
        place = r.commune or r.region
        level = "CCSR" if r.level == "region" else "CCSC"
        last = f"{r.last_received_at:%d/%m/%Y}" if r.last_received_at else "jamais reçu"
        flag = "  ⚠ commune sous deux comités" if r.duplicate else ""
        print(f"{level}\t{r.region}\t{r.cercle}\t{place}\t{r.status_label}\t"
              f"{r.committee_code or '-'}\t{last}{flag}")
    return 0


LOG_STATUS = {"ok": "importé", "refused": "refusé"}  # the import log's statuses, in French


def _crss_log(args: argparse.Namespace) -> int:
    from ..services.crss import importer

    db = open_existing(args.data_dir)
    try:
        for e in importer.import_log(db, args.limit):
            status = LOG_STATUS.get(e.status, e.status)
            print(f"{e.imported_at:%d/%m/%Y %H:%M}\t{status}\t{e.committee_code or '-'}\t"
                  f"{e.file_name}\tnouveaux {e.new}, mis à jour {e.updated}, inchangés "
                  f"{e.unchanged}, supprimés {e.deleted}, refusés {e.refused}, conflits "
                  f"{e.conflicts}\t{e.message}")
    finally:
        db.close()
    return 0


# --------------------------------------------------------------------------- parser

def _common(p: argparse.ArgumentParser, passphrase: bool = True) -> None:
    if passphrase:
        p.add_argument("--passphrase-file", metavar="FICHIER",
                       help="fichier dont la première ligne est la phrase secrète "
                            "(sinon elle est demandée)")
    p.add_argument("--quiet", "-q", action="store_true", help="sans barre de progression")


def register(sub) -> None:  # noqa: ANN001
    """Add this module's subcommands to the `ccs` parser."""
    from ..services.exchange.backup import DEFAULT_KEEP

    b = sub.add_parser("backup", help="sauvegardes chiffrées : créer, vérifier, restaurer")
    bsub = b.add_subparsers(dest="backup_command", metavar="ACTION", required=True,
                            parser_class=type(b))
    p = bsub.add_parser("create", help="écrit une sauvegarde chiffrée dans un dossier")
    add_data_dir(p)
    p.add_argument("--out", required=True, metavar="DOSSIER", help="dossier de destination")
    p.add_argument("--recipient", metavar="crss.pub",
                   help="clé publique du CRSS (par défaut : celle enregistrée par le comité)")
    p.add_argument("--no-recipient", action="store_true",
                   help="n'ajoute pas la clé du CRSS, même si le comité en a une")
    p.add_argument("--keep", type=int, default=DEFAULT_KEEP, metavar="N",
                   help=f"sauvegardes de ce comité gardées dans le dossier ({DEFAULT_KEEP})")
    _common(p)
    p.set_defaults(handler=_backup_create)

    p = bsub.add_parser("verify", help="vérifie qu'un fichier .ccsbak est complet et lisible")
    p.add_argument("file", metavar="FICHIER")
    p.add_argument("--identity", metavar="crss.key", help="clé privée du CRSS")
    add_data_dir(p)
    _common(p)
    p.set_defaults(handler=_backup_verify)

    p = bsub.add_parser("restore", help="remplace la base par une sauvegarde (l'actuelle est "
                                        "mise de côté)")
    p.add_argument("file", metavar="FICHIER")
    add_data_dir(p)
    p.add_argument("--identity", metavar="crss.key", help="clé privée du CRSS")
    p.add_argument("--replace-security-settings", action="store_true",
                   help="prend aussi les réglages de sécurité de la sauvegarde (clé du CRSS "
                        "de confiance, secret des pseudonymes) ; sans cette option, ceux de "
                        "la base actuelle sont gardés, et un fichier ouvert avec la clé du "
                        "CRSS (auteur non prouvé) n'en installe aucun")
    _common(p)
    p.set_defaults(handler=_backup_restore)

    p = bsub.add_parser("auto", help="copie locale automatique dans le dossier de données")
    add_data_dir(p)
    p.add_argument("--keep", type=int, default=7, metavar="N")
    p.set_defaults(handler=_backup_auto)

    p = sub.add_parser("transmit", help="écrit le fichier de transmission au CRSS")
    add_data_dir(p)
    p.add_argument("--out", required=True, metavar="DOSSIER")
    p.add_argument("--recipient", metavar="crss.pub",
                   help="clé publique du CRSS (par défaut : celle enregistrée)")
    p.add_argument("--keep", type=int, default=DEFAULT_KEEP, metavar="N")
    _common(p, passphrase=False)
    p.set_defaults(handler=_transmit)

    c = sub.add_parser("crss", help="mode CRSS : clés, import des fichiers, registre")
    csub = c.add_subparsers(dest="crss_command", metavar="ACTION", required=True,
                            parser_class=type(c))
    p = csub.add_parser("keygen", help="crée la paire de clés du CRSS (crss.key, crss.pub)")
    p.add_argument("--out", required=True, metavar="DOSSIER")
    _common(p)
    p.set_defaults(handler=_keygen)

    p = csub.add_parser("trust", help="enregistre la clé publique du CRSS dans la base du comité")
    p.add_argument("public_key", metavar="crss.pub")
    add_data_dir(p)
    p.set_defaults(handler=_trust)

    p = csub.add_parser("fingerprint", help="affiche l'empreinte d'une clé publique")
    p.add_argument("public_key", metavar="crss.pub")
    p.set_defaults(handler=_fingerprint)

    p = csub.add_parser("import", help="importe des fichiers ou des dossiers de .ccsbak")
    p.add_argument("paths", nargs="+", metavar="CHEMIN")
    add_data_dir(p)
    p.add_argument("--identity", required=True, metavar="crss.key")
    _common(p)
    p.set_defaults(handler=_crss_import)

    p = csub.add_parser("register", help="registre des comités attendus")
    add_data_dir(p)
    for name in ("region", "cercle", "commune", "status"):
        p.add_argument(f"--{name}", default=None)
    p.add_argument("--duplicates", action="store_true",
                   help="seulement les communes présentes sous deux comités")
    p.set_defaults(handler=_crss_register)

    p = csub.add_parser("log", help="journal des imports")
    add_data_dir(p)
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=_crss_log)
