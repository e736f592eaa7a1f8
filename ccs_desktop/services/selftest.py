"""`ccs-desktop --self-test` (no Qt): what an installed copy needs to do its work, checked on
a throwaway database in a temporary folder, then removed.

Each check is run in order and stops the test at the first failure: its resources (fonts,
French catalog, place lists), an encrypted database created at the schema's head, a PV
rendered as PDF, a backup written and verified with its passphrase. What each check saw is
said in the user's language (French by default)."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__, i18n, paths
from ..i18n import _, N_


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class _Run:
    folder: Path
    password: str
    db: Any = None
    meeting_id: int | None = None


def _resources(run: _Run) -> str:
    from .documents.fonts import register_fonts

    register_fonts()  # ReportLab reads them: a damaged font fails here
    fonts = sorted(paths.resource_path("fonts").glob("*.ttf"))
    places = paths.resource_path("data", "mali_communes.csv")
    catalog = paths.resource_path("locale", "fr", "LC_MESSAGES", "ccs_desktop.mo")
    missing = [p.name for p in (places, catalog) if not p.is_file()]
    if not fonts or missing:
        raise RuntimeError(_("missing: {names}").format(
            names=", ".join(missing or [_("fonts")])))
    with places.open(encoding="utf-8") as f:
        communes = sum(1 for _line in f) - 1
    return _("{fonts} fonts, {communes} communes in the place lists, French catalog").format(
        fonts=len(fonts), communes=communes)


def _database(run: _Run) -> str:
    from sqlalchemy import text

    from ..db import migrate, unlock
    from ..db.engine import create_database
    from .demo import generate_demo

    run.db = create_database(run.folder / "donnees",
                             fill=lambda b: generate_demo(b, years=1),
                             credentials=unlock.Credentials("autotest", run.password))
    with run.db.session() as session:
        cipher = session.execute(text("PRAGMA cipher_version")).scalar()
        run.meeting_id = session.execute(
            text("SELECT id FROM meetings ORDER BY id LIMIT 1")).scalar()
    if not cipher:
        raise RuntimeError(_("the database is not encrypted (no SQLCipher)"))
    if migrate.current_revision(run.db) != migrate.head_revision():
        raise RuntimeError(_("the schema is not at its latest revision"))
    return _("encrypted (SQLCipher {version}), schema at revision {revision}").format(
        version=cipher, revision=migrate.head_revision())


def _minutes(run: _Run) -> str:
    from .documents import render_minutes

    if run.meeting_id is None:
        raise RuntimeError(_("no meeting in the test database"))
    pdf = render_minutes(run.db, run.meeting_id)
    if not pdf.startswith(b"%PDF") or b"%%EOF" not in pdf[-1024:]:
        raise RuntimeError(_("the file produced is not a complete PDF"))
    return _("{size} of PDF").format(size=i18n.human_size(len(pdf)))


def _backup(run: _Run) -> str:
    from .exchange import backup as bk
    from .exchange import container as ct

    passphrase = secrets.token_urlsafe(16)
    written = bk.create_backup(run.db, run.folder / "cle-usb", passphrase)
    manifest = bk.verify_file(written.path, [ct.PassphraseIdentity(passphrase)],
                              work_dir=run.db.data_dir)
    if manifest.get("kind") != "backup":
        raise RuntimeError(_("the file read back is not a backup"))
    return _("{name}, {size}, read back and checked with its passphrase").format(
        name=written.path.name, size=i18n.human_size(written.size))


# (name, the check) in order: each one needs the previous ones
CHECKS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    (N_("Resources"), _resources),
    (N_("Encrypted database"), _database),
    (N_("Minutes (PV)"), _minutes),
    (N_("Backup .ccsbak"), _backup),
)


def run_checks(folder: Path | None = None) -> list[Check]:
    """Run the checks in a temporary folder (removed after); stops at the first failure."""
    done: list[Check] = []
    own = folder is None
    base = Path(tempfile.mkdtemp(prefix="ccs-autotest-")) if own else Path(folder)
    run = _Run(base, secrets.token_urlsafe(18))
    try:
        for name, check in CHECKS:
            try:
                detail = check(run)
            except Exception as exc:  # noqa: BLE001  (any failure is the result)
                done.append(Check(_(name), False, str(exc) or type(exc).__name__))
                break
            done.append(Check(_(name), True, detail))
    finally:
        if run.db is not None:
            run.db.close()
        if own:
            shutil.rmtree(base, ignore_errors=True)
    return done


def report(checks: list[Check]) -> str:
    lines = [_("CCS Desktop {version}: self-test").format(version=__version__)]
    for check in checks:
        mark = _("OK") if check.ok else _("FAILED")
        lines.append(f"  [{mark}] {check.name} : {check.detail}"
                     if i18n.language() == "fr"
                     else f"  [{mark}] {check.name}: {check.detail}")
    failed = [c.name for c in checks if not c.ok]
    if failed:
        lines.append(_("Self-test failed: {check}.").format(check=failed[0]))
    else:
        lines.append(_("Self-test passed: this copy of CCS Desktop can do its work."))
    return "\n".join(lines)


def main(print_line: Callable[[str], None] = print) -> int:
    """What `ccs-desktop --self-test` runs: 0 when every check passed, else 1."""
    checks = run_checks()
    print_line(report(checks))
    return 0 if checks and all(c.ok for c in checks) and len(checks) == len(CHECKS) else 1
