"""The one way to open a CCS database: engine, pragmas, migrations, sessions.

Every caller (GUI, CLI, services, tests) goes through `open_database`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .. import paths
from . import events  # noqa: F401  (registers the session hooks)
from .base import utcnow

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """A database that cannot be opened; the message is French and meant for the user."""


class DatabaseTooNew(DatabaseError):
    pass


class NoDatabase(DatabaseError):
    pass


def sqlite_has_wal_fix(version: tuple[int, int, int] | None = None) -> bool:
    """SQLite before 3.51.3 (except the 3.50.7 and 3.44.6 backports) can corrupt a WAL database
    written by two connections; those releases must use the rollback journal."""
    v = version or sqlite3.sqlite_version_info
    if v >= (3, 51, 3):
        return True
    if (3, 50, 7) <= v < (3, 51, 0):
        return True
    if (3, 44, 6) <= v < (3, 45, 0):
        return True
    return False


def journal_mode_for_this_sqlite() -> str:
    return "wal" if sqlite_has_wal_fix() else "delete"


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA journal_mode = {journal_mode_for_this_sqlite()}")
    cur.execute("PRAGMA synchronous = FULL")
    # deleted content is overwritten, not left in free pages of the file
    cur.execute("PRAGMA secure_delete = ON")
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.close()


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


@dataclass
class Database:
    """An open CCS database: its file, engine and session factory."""

    path: Path
    engine: Engine
    _factory: sessionmaker[Session] = field(repr=False, default=None)  # type: ignore[assignment]
    _generation: int | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @property
    def generation(self) -> int:
        """The own committee's restore generation, stamped on every change."""
        if self._generation is None:
            from . import models as m

            with self._factory() as s:
                own = s.scalar(select(m.Setting.value).where(m.Setting.key == "committee_uuid"))
                gen = None
                if own:
                    gen = s.scalar(select(m.Committee.restore_generation)
                                   .where(m.Committee.uuid == own))
            self._generation = int(gen or 0)
        return self._generation

    def invalidate_cache(self) -> None:
        self._generation = None

    def new_session(self) -> Session:
        s = self._factory()
        s.info["generation"] = self.generation
        return s

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one action: committed on success, rolled back on error."""
        s = self.new_session()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def pragma(self, name: str) -> Any:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

    def close(self) -> None:
        self.engine.dispose()


def database_exists(data_dir: str | Path | None) -> bool:
    return paths.database_path(data_dir).is_file()


def open_database(
    data_dir: str | Path | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
) -> Database:
    """Open (and create, and migrate) the database of a data folder.

    - create=False: a folder without a database is refused (NoDatabase), nothing created.
    - A database made by a newer application is refused (DatabaseTooNew).
    - Before an upgrade the file is copied aside next to it.
    """
    from .migrate import upgrade

    db_path = paths.database_path(data_dir)
    if not db_path.is_file():
        if not create:
            raise NoDatabase(
                f"Aucune base de données CCS dans le dossier « {db_path.parent} ». "
                "Créez-en une avec « ccs init » ou « ccs demo »."
            )
        db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(db_path)
    db = Database(db_path, engine)
    if migrate:
        try:
            upgrade(db)
        except BaseException:
            engine.dispose()
            raise
    return db


def copy_aside(db_path: Path, label: str) -> Path:
    """Copy the database file next to itself before a risky operation; returns the copy."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.{label}-{stamp}{db_path.suffix}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}.{label}-{stamp}-{n}{db_path.suffix}")
        n += 1
    # the sqlite3 backup API gives a consistent copy even if another connection writes
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target

