"""Alembic, run from code: upgrade on open, copy aside first, refuse a newer database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from .engine import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision, so that opening an up-to-date database does not load Alembic at all
# (start-up time); tests/core/test_migrations.py checks it against the scripts.
HEAD_REVISION = "0003"


def alembic_config():  # noqa: ANN201
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(db: "Database") -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: "Database") -> None:
    from .engine import DatabaseTooNew, copy_aside

    with db.engine.connect() as conn:
        try:
            stamped = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception as exc:  # noqa: BLE001  (a new file: no table yet)
            from .engine import translate_error

            if translate_error(exc) is not None:
                raise  # locked, damaged, unreadable: said to the user by open_database
            stamped = None
    if stamped == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = current_revision(db)
    if current == head:
        return
    if current is None:
        from .engine import DatabaseCorrupt

        # open_database rebuilds an interrupted first start; anything else without a
        # revision is another program's database: never add CCS tables to it
        raise DatabaseCorrupt(
            _("The file “{path}” is an SQLite database that was not created by CCS Desktop. "
              "Choose another data folder or restore a backup; the file was not changed.")
            .format(path=db.path))
    try:
        script.get_revision(current)
    except CommandError:
        raise DatabaseTooNew(
            _("This database was created by a newer version of CCS Desktop (revision "
              "{revision}). Install the latest version of the application to open it; the "
              "database was not changed.").format(revision=current)
        ) from None
    # data: French by design (the copy's file name)
    saved = copy_aside(db.path, f"avant-migration-{current}")
    log.info("base copiée avant migration : %s", saved)
    migrate_file(db.path, "head")


def migrate_file(path: Path, target: str, *, downgrade: bool = False) -> None:
    """Upgrade (or downgrade) a database file to `target` in ONE transaction.

    All the revisions and the alembic_version stamp commit together or not at all: the
    connection's driver leaves transactions to us (isolation_level=None, see
    engine.make_engine(transactional=True)) and BEGIN IMMEDIATE opens one around everything;
    foreign keys are switched off when connecting, before that BEGIN (batch migrations
    recreate tables; the pragma is a no-op inside a transaction). Killed at any instant, the
    next open rolls the journal back to the previous revision.
    """
    from alembic import command

    from .engine import make_engine

    engine = make_engine(path, transactional=True, foreign_keys=False)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            if downgrade:
                command.downgrade(cfg, target)
            else:
                command.upgrade(cfg, target)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                log.warning("clés étrangères incohérentes après migration : %s", problems[:10])
    finally:
        engine.dispose()
