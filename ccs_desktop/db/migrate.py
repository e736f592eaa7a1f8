"""Alembic, run from code: upgrade on open, copy aside first, refuse a newer database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

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
        except Exception:  # noqa: BLE001  (a new file: no table yet)
            stamped = None
    if stamped == HEAD_REVISION:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    current = current_revision(db)
    if current == head:
        return
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise DatabaseTooNew(
                "Cette base de données a été créée par une version plus récente de CCS Desktop "
                f"(révision {current}). Installez la dernière version de l'application pour "
                "l'ouvrir ; la base n'a pas été modifiée."
            ) from None
        saved = copy_aside(db.path, f"avant-migration-{current}")
        log.info("base copiée avant migration : %s", saved)
    with db.engine.connect() as conn:
        # batch migrations recreate tables: foreign keys must be off, outside a transaction
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.commit()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        if problems:
            log.warning("clés étrangères incohérentes après migration : %s", problems[:10])
