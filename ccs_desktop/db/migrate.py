"""Alembic, run from code: the migration scripts, their head, and running them on a connection.

This module knows Alembic and nothing of how a database file is opened: `engine.py` (the one
way to open a database) makes the connection, decides whether to upgrade (copy aside first,
refuse a newer or a foreign database) and calls `run` here. Alembic itself is imported only
when a migration has to run (start-up time).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision, so that opening an up-to-date database does not load Alembic at all
# (start-up time); tests/core/test_migrations.py checks it against the scripts.
HEAD_REVISION = "0007m"


class _HasEngine(Protocol):
    engine: Engine


def alembic_config():  # noqa: ANN201
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _scripts() -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return _scripts().get_current_head() or ""


def is_known_revision(revision: str) -> bool:
    """True if this version of the application has the script of `revision` (a database
    stamped with another one was made by a newer version)."""
    from alembic.util.exc import CommandError

    try:
        _scripts().get_revision(revision)
    except CommandError:
        return False
    return True


def stamped_revision(conn: Connection) -> str | None:
    """The revision stamped in the database (alembic_version), None if there is none."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def current_revision(db: _HasEngine) -> str | None:
    with db.engine.connect() as conn:
        return stamped_revision(conn)


def run(conn: Connection, target: str, *, downgrade: bool = False) -> list[Any]:
    """Upgrade (or downgrade) to `target` on `conn`, inside the caller's transaction; returns
    what `PRAGMA foreign_key_check` finds afterwards (empty when the data is consistent)."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    if downgrade:
        command.downgrade(cfg, target)
    else:
        command.upgrade(cfg, target)
    return conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
