"""The one way to open a CCS database: engine, pragmas, migrations, sessions.

Every caller (GUI, CLI, services, tests) goes through `open_database`; a new database is made
by `create_database` (which `open_database(create=True)` uses too).

Atomicity (a power cut or a kill at any instant leaves the old state or the new one whole):
- a new database is built in a temporary file next to the target (schema at head and whatever
  the caller fills in), synced, then given its name with one atomic link/rename; a temporary
  file left by a killed first start is removed at the next start;
- a migration runs all its revisions and the alembic_version stamp in ONE transaction on a
  connection whose driver does not manage transactions (`isolation_level=None` plus an explicit
  `BEGIN IMMEDIATE`: SQLAlchemy's pysqlite recipe). Python 3.11's sqlite3 otherwise commits
  every DDL statement on its own, so a rollback would keep half a migration.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc as sa_exc, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

from .. import paths
from ..fileio import french_os_error, fsync_file, publish
from ..i18n import N_, _
from ..services.errors import DatabaseBusy, UserError
from . import cipher
from . import events  # noqa: F401  (registers the session hooks)
from . import migrate as _migrations
from . import unlock
from .base import utcnow
from . import files as _files
from .convert import (WIPE_MARK, check_plain_is_ours,  # noqa: F401 (re-exported)
                      convert_plain, plain_copies, wipe_file, wipe_leftovers)
from .files import (_SIDE_SUFFIXES, BUILDING_PREFIX, DatabaseCorrupt,  # noqa: F401 (re-exported)
                    DatabaseError, DatabaseExists, DatabaseLocked, DatabaseTooNew,
                    DatabaseUnreadable, NeedsCredentials, NoDatabase, _already_there,
                    _building_path, _owner_is_running, _publish, _remove_with_side_files,
                    clean_leftovers)
from .unlock import Credentials

log = logging.getLogger(__name__)

# How long a statement waits for another program's lock before giving up (milliseconds;
# tests lower it here: the engine's connections read this one)
BUSY_TIMEOUT_MS = _files.BUSY_TIMEOUT_MS
# Pages kept decrypted in each connection's cache (KiB, SQLite's negative form): an encrypted
# page costs a decryption each time it is read from the file, so a list's index and a count
# stay in memory (SQLite's default is 2 MiB).
CACHE_KIB = 32 * 1024


def sqlite_has_wal_fix(version: tuple[int, int, int] | None = None) -> bool:
    """SQLite before 3.51.3 (except the 3.50.7 and 3.44.6 backports) can corrupt a WAL database
    written by two connections; those releases must use the rollback journal."""
    v = version or cipher.SQLITE_VERSION  # the driver's own SQLite, not the stdlib's
    if v >= (3, 51, 3):
        return True
    if (3, 50, 7) <= v < (3, 51, 0):
        return True
    if (3, 44, 6) <= v < (3, 45, 0):
        return True
    return False


def journal_mode_for_this_sqlite() -> str:
    return "wal" if sqlite_has_wal_fix() else "delete"


# ---------------------------------------------------------------------------------------------
# The user's errors (French by default) from SQLite's


_DRIVER_ERRORS = cipher.Error  # the driver's and the standard library's
DRIVER_DATABASE_ERRORS = cipher.DATABASE_ERRORS


def _sqlite_error(exc: BaseException) -> BaseException | None:
    if isinstance(exc, sa_exc.DBAPIError):
        return exc.orig
    if isinstance(exc, _DRIVER_ERRORS):
        return exc
    return None


def translate_error(exc: BaseException, db_path: Path | None = None) -> UserError | None:
    """The user's error (French by default) for an SQLite failure the user can act on, else
    None. Each message exists whole with and without the file's path (never glued)."""
    err = _sqlite_error(exc)
    if err is None or not isinstance(err, _DRIVER_ERRORS):
        return None
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err).lower()

    def say(with_path: str, without_path: str) -> str:
        return _(with_path).format(path=db_path) if db_path else _(without_path)

    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text \
            or "database table is locked" in text:
        return DatabaseBusy()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text \
            or "not a database" in text:
        return DatabaseCorrupt(say(
            N_("The database file “{path}” is damaged or is not a CCS Desktop database. "
               "Restore a backup (File menu or “ccs backup restore”) or choose another data "
               "folder; the file was not changed."),
            N_("The database file is damaged or is not a CCS Desktop database. Restore a "
               "backup (File menu or “ccs backup restore”) or choose another data folder; "
               "the file was not changed.")))
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DatabaseUnreadable(say(
            N_("No space left on the disk for the database “{path}”. Free some space, then "
               "try again; nothing was saved."),
            N_("No space left on the disk for the database. Free some space, then try "
               "again; nothing was saved.")))
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_READONLY", "SQLITE_AUTH")) \
            or "unable to open" in text or "readonly" in text:
        return DatabaseUnreadable(say(
            N_("Cannot open the database “{path}” for reading and writing (access rights, "
               "read-only medium or folder not found). Check the rights of the data folder "
               "or choose another one."),
            N_("Cannot open the database for reading and writing (access rights, read-only "
               "medium or folder not found). Check the rights of the data folder or choose "
               "another one.")))
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DatabaseUnreadable(say(
            N_("Error reading or writing the medium of the database “{path}”. Check the "
               "disk (or the USB stick), then try again."),
            N_("Error reading or writing the medium of the database. Check the disk (or the "
               "USB stick), then try again.")))
    return None


def _on_error(context: Any) -> None:
    """Every DBAPI error of every engine passes here: the ones the user can act on become
    the user's UserErrors (raised, which SQLAlchemy then propagates in place of its own)."""
    french = translate_error(context.original_exception)
    if french is not None:
        raise french from context.original_exception


# ---------------------------------------------------------------------------------------------
# Engines


def _on_connect(dbapi_conn: Any, _record: Any, *, foreign_keys: bool = True,
                driver_transactions: bool = True) -> None:
    cur = dbapi_conn.cursor()
    try:
        # first, so that the pragmas below wait for a lock like everything else
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        cur.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        # WAL reads the file (a lock): another program holding it exclusively is said here
        cur.execute(f"PRAGMA journal_mode = {journal_mode_for_this_sqlite()}")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute(f"PRAGMA cache_size = -{int(CACHE_KIB)}")
        # deleted content is overwritten, not left in free pages of the file
        cur.execute("PRAGMA secure_delete = ON")
    except cipher.Error as exc:
        french = translate_error(exc)
        if french is not None:
            raise french from exc
        raise
    finally:
        cur.close()
    if not driver_transactions:
        # SQLAlchemy's pysqlite recipe: the driver issues no BEGIN/COMMIT of its own (it
        # would commit DDL statement by statement); the "begin" event below issues BEGIN
        dbapi_conn.isolation_level = None


def _begin_immediate(conn: Any) -> None:
    # takes the write lock at the start: a second writer waits (busy timeout) instead of
    # failing in the middle of its transaction, and reads inside see a stable database
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(db_path: Path, key: bytes | None = None, *, transactional: bool = False,
                foreign_keys: bool = True) -> Engine:
    """The engine of one database file, unlocked with `key` (SQLCipher; None: plain SQLite,
    only for a database of the previous version being converted and for foreign files).

    Connections come from `cipher.connect` through `creator=`, so the key never sits in a
    URL that could be logged; the dialect is pysqlite's with the SQLCipher driver as its
    DB-API module (its errors are wrapped and translated like the standard library's).
    transactional=False (ordinary sessions): an explicit QueuePool (not the SQLCipher
    dialect's SingletonThreadPool, which keeps connections open in worker threads and
    blocks the restore's rename on Windows), the driver's own transaction handling, reads
    outside any lock. transactional=True: every SQLAlchemy transaction is one real SQLite
    transaction started with BEGIN IMMEDIATE, DDL included (migrations, write sessions); no
    pool, so the connection is closed when the work is done.
    """
    path = str(db_path)

    def connect() -> Any:
        return cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite://", module=cipher.driver, creator=connect,
                           poolclass=NullPool if transactional else QueuePool)
    event.listen(engine, "connect", functools.partial(
        _on_connect, foreign_keys=foreign_keys, driver_transactions=not transactional))
    event.listen(engine, "handle_error", _on_error)
    if transactional:
        event.listen(engine, "begin", _begin_immediate)
    return engine


@dataclass
class Database:
    """An open CCS database: its file, engine and session factory."""

    path: Path
    engine: Engine
    key: bytes | None = field(default=None, repr=False)
    _factory: sessionmaker[Session] = field(repr=False, default=None)  # type: ignore[assignment]
    _generation: int | None = field(default=None, repr=False)
    _writer: sessionmaker[Session] | None = field(default=None, repr=False)
    # the new recovery key's text when this opening made it (set-up, conversion): shown
    # once and printed by the caller, never stored in clear
    recovery_text: str | None = field(default=None, repr=False)
    # who unlocked it (a restore or a reopening asks them again, never the user)
    credentials: Credentials | None = field(default=None, repr=False)

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
            from . import settings

            with self._factory() as s:
                own = settings.read(s, settings.OWN_COMMITTEE)
                gen = None
                if own:
                    gen = s.scalar(select(m.Committee.restore_generation)
                                   .where(m.Committee.uuid == own))
            self._generation = int(gen or 0)
        return self._generation

    def invalidate_cache(self) -> None:
        self._generation = None

    def new_session(self, *, immediate: bool = False) -> Session:
        """A session; immediate=True takes the write lock at its first statement (BEGIN
        IMMEDIATE), so that a read-then-write (allocating a number...) is serialised with
        other writers, in this process and others."""
        if immediate:
            if self._writer is None:
                self._writer = sessionmaker(
                    make_engine(self.path, self.key, transactional=True),
                    expire_on_commit=False)
            s = self._writer()
        else:
            s = self._factory()
        s.info["generation"] = self.generation
        return s

    @contextmanager
    def session(self, *, immediate: bool = False) -> Iterator[Session]:
        """A session for one action: committed on success, rolled back on error.

        A lock held by another program for longer than the busy timeout raises DatabaseBusy
        (French, nothing written), wherever it happens (see `_on_error`)."""
        s = self.new_session(immediate=immediate)
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def connect_raw(self, *, uri_query: str = "", timeout: float = 30.0,
                    isolation_level: str | None = "") -> Any:
        """A DB-API connection to this database under its key (copies, snapshots, checks
        that work below the ORM). `uri_query` such as "mode=ro" opens by file: URI."""
        if uri_query:
            return cipher.connect(f"{self.path.resolve().as_uri()}?{uri_query}", self.key,
                                  uri=True, timeout=timeout, isolation_level=isolation_level)
        return cipher.connect(self.path, self.key, timeout=timeout,
                              isolation_level=isolation_level)

    def pragma(self, name: str) -> Any:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

    def reopen_with(self, key: bytes) -> None:
        """A new engine under `key` (after a re-key, db/rekey.py); the old one is closed."""
        self.close()
        self.engine = make_engine(self.path, key)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        self.key = key
        unlock.remember_folder_key(self.data_dir, key)

    def close(self) -> None:
        self.engine.dispose()
        if self._writer is not None:
            self._writer.kw["bind"].dispose()
            self._writer = None


def _ccs_table_names() -> set[str]:
    from . import models  # noqa: F401  (fills the metadata)
    from . import models_exchange  # noqa: F401
    from .base import Base
    from .search import FTS_TABLES

    return set(Base.metadata.tables) | set(FTS_TABLES) | {"alembic_version"}


def _is_unfinished(con: Any) -> bool:
    """A database whose first start was interrupted by an older version of the application:
    no revision stamped, only CCS tables, and no row in them but the seeded threat types."""
    names = {r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if "alembic_version" in names and con.execute(
            "SELECT 1 FROM alembic_version LIMIT 1").fetchone():
        return False
    known = _ccs_table_names()
    if any(not (n in known or n.split("_", 1)[0] == "fts" or n.startswith("_alembic_tmp_"))
           for n in names):
        return False
    for n in names - {"threat_types", "alembic_version"}:
        if n.split("_")[0] == "fts" and n not in known:
            continue  # fts5 shadow tables (fts_people_data...) follow their main table
        if con.execute(f'SELECT 1 FROM "{n}" LIMIT 1').fetchone():
            return False
    return True


def _state(db_path: Path) -> str:
    """'absent', 'unfinished' (can be rebuilt, nothing to lose) or 'present'."""
    if not os.path.lexists(db_path):
        return "absent"
    if not db_path.is_file():
        return "present"  # a folder or a broken link: open_database says what is wrong
    try:
        if db_path.stat().st_size == 0 and not any(
                os.path.lexists(str(db_path) + s) for s in _SIDE_SUFFIXES):
            return "unfinished"
        if not cipher.is_plain(db_path):
            return "present"  # encrypted (or not a database): only its key tells more
        con = cipher.connect(db_path, None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return "unfinished" if _is_unfinished(con) else "present"
        finally:
            con.close()
    except _DRIVER_ERRORS as exc:
        if isinstance(translate_error(exc), DatabaseBusy):
            raise DatabaseLocked() from None  # waited once already: do not wait again
        return "present"  # open_database reports it in French
    except OSError:
        return "present"


def database_exists(data_dir: str | Path | None) -> bool:
    """True if the folder holds a database (an interrupted first start does not count)."""
    return _state(paths.database_path(data_dir)) == "present"


# ---------------------------------------------------------------------------------------------
# Creating and opening


def create_database(data_dir: str | Path | None,
                    fill: Callable[[Database], None] | None = None, *,
                    credentials: Credentials | None = None) -> Database:
    """Create the database of a folder atomically and return it open.

    The schema at head and whatever `fill` writes (committee, demo rows...) are built in a
    temporary file next to the target, synced, then renamed onto `ccs.sqlite3`: killed at any
    instant, the folder has no database (and the next start creates one) or the complete one.
    `fill` receives the database being built: it must write through its sessions only (its
    path is the temporary file's). A folder with a database already is refused
    (DatabaseExists); one left half-made by an older version is rebuilt.

    The database is encrypted under a new random key, wrapped in the key file for its first
    administrator (`credentials`, else --user/--password-file given through CCS_USER and
    CCS_PASSWORD_FILE; name "admin" when none) and under a new recovery key, whose text the
    returned Database carries once (`recovery_text`) to be shown and printed. The key file
    is written before the database gets its name: a database never exists without its key.
    """
    creds = _admin_credentials(credentials)
    db_path = paths.database_path(data_dir)
    folder = db_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnreadable(
            _("Cannot create the data folder “{folder}”: {error}. Choose another folder.")
            .format(folder=folder, error=french_os_error(exc))) from None
    clean_leftovers(folder)
    state = _state(db_path)
    if state == "present":
        raise DatabaseExists(_already_there(folder))
    keys, new = unlock.make_keys(creds)
    built = _building_path(folder, paths.DB_FILENAME)
    try:
        _build(built, new.database_key, fill)
        unlock.save_keys(folder, keys)
        _publish(built, db_path, replace=state == "unfinished")
    except BaseException as exc:
        _remove_with_side_files(built)
        if isinstance(exc, OSError):
            raise DatabaseUnreadable(
                _("Cannot create the database in “{folder}”: {error}.")
                .format(folder=folder, error=french_os_error(exc))) from None
        raise
    db = open_database(data_dir, create=False, key=new.database_key)
    db.recovery_text = new.recovery_text
    return db


def _admin_credentials(credentials: Credentials | None) -> Credentials:
    creds = credentials or Credentials.given(default_user=unlock.DEFAULT_ADMIN)
    if creds is None:
        raise NeedsCredentials(_(
            "A new database needs its first administrator account: give its name with "
            "--user and a file holding its password with --password-file (or CCS_USER and "
            "CCS_PASSWORD_FILE)."))
    unlock.check_new_password(creds.password)
    return creds


def _build(path: Path, key: bytes, fill: Callable[[Database], None] | None) -> None:
    migrate_file(path, "head", key=key)
    if fill is not None:
        db = Database(path, make_engine(path, key), key)
        try:
            fill(db)
        finally:
            db.close()
    fsync_file(path)


def open_database(
    data_dir: str | Path | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
    credentials: Credentials | None = None,
    key: bytes | None = None,
) -> Database:
    """Open (and create, and migrate) the database of a data folder.

    - Unlocked with `key` when the caller has it (a database it has just made or staged),
      else with `credentials` (else those given through CCS_USER and CCS_PASSWORD_FILE)
      through the key file; without either, NeedsCredentials (French).
    - A plain database made by the previous version is converted first (see
      `convert_plain`): the credentials become its first administrator.
    - create=False: a folder without a database is refused (NoDatabase), nothing created.
    - A new database is made by `create_database` (atomic).
    - A database made by a newer application is refused (DatabaseTooNew); a damaged file or
      another program's database (DatabaseCorrupt), one that cannot be read or written
      (DatabaseUnreadable) and one locked by another program (DatabaseLocked) too, all with
      a message saying what to do (French by default).
    - Before an upgrade the file is copied aside next to it; the upgrade is one transaction.
    """
    db_path = paths.database_path(data_dir)
    if db_path.parent.is_dir():
        clean_leftovers(db_path.parent)
        wipe_leftovers(db_path.parent)
    state = _state(db_path)
    if state != "present":
        if not create:
            raise NoDatabase(
                _("No CCS database in the folder “{folder}”. Create one with “ccs init” or "
                  "“ccs demo”.").format(folder=db_path.parent))
        try:
            return create_database(data_dir, credentials=credentials)
        except DatabaseExists:
            pass  # another process made it meanwhile: open that one
    if not db_path.is_file():
        raise DatabaseUnreadable(
            _("“{path}” is not a database file (a folder or a broken link). Move it or "
              "choose another data folder.").format(path=db_path))
    recovery_text = None
    if key is None:
        if cipher.is_plain(db_path):
            try:
                check_plain_is_ours(db_path)
                key, recovery_text = convert_plain(db_path.parent,
                                                   _admin_credentials(credentials))
            except BaseException as exc:
                raise _open_error(exc, db_path) from None
        else:
            creds = credentials or Credentials.given()
            if creds is None:
                raise NeedsCredentials(_(
                    "This database is encrypted: give the account name with --user and a "
                    "file holding its password with --password-file (or CCS_USER and "
                    "CCS_PASSWORD_FILE)."))
            key = _unlock_database(db_path, creds)
    engine = make_engine(db_path, key)
    db = Database(db_path, engine, key)
    db.recovery_text = recovery_text
    db.credentials = credentials
    unlock.remember_folder_key(db_path.parent, key)
    try:
        if migrate:
            _upgrade(db)
            _secure_delete_in_search(db)
            keep_private(db_path.parent)
        else:
            with engine.connect() as conn:  # reads the header: refuses a non-database now
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except BaseException as exc:
        engine.dispose()
        raise _open_error(exc, db_path) from None
    return db


def _opens(db_path: Path, key: bytes) -> bool:
    try:
        con = cipher.connect(db_path, key, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except cipher.Error as exc:
        return getattr(exc, "sqlite_errorname", "") != "SQLITE_NOTADB"
    return True


def _unlock_database(db_path: Path, creds: Credentials) -> bytes:
    """The key of the database for these credentials, from the key file in force, else
    from a key file a killed restore left waiting (promoted when it is the one that opens
    the database; dropped when the one in force does)."""
    folder = db_path.parent
    pending = unlock.pending_path(folder)
    if not unlock.has_keys(folder) and not pending.exists():
        # random bytes: not a database, or one whose key file (ccs.cles and its copy) is gone
        raise translate_error(cipher.DatabaseError("file is not a database"))
    try:
        key = unlock.unlock(folder, creds)
    except unlock.kf.KeyFileError:
        if not pending.exists():
            raise
        key = None
    if key is not None and _opens(db_path, key):
        if pending.exists():
            unlock.drop_pending(folder)
        return key
    waiting = unlock.unlock_pending(folder, creds) if pending.exists() else None
    if waiting is not None and _opens(db_path, waiting):
        unlock.promote_pending(folder)
        if key is not None and key != waiting:
            from .rekey import finish

            finish(folder, key, waiting)  # a re-key killed after its rename
        return waiting
    if key is None or (pending.exists() and waiting is None):
        # (with a waiting key file that does not know this account: one a re-key removed)
        raise unlock.kf.WrongPassword(_("Wrong account name or password."))
    return key  # the opening says what is wrong with the file


def _secure_delete_in_search(db: Database) -> None:
    """FTS5 `secure-delete` on every search table, so that deleted text leaves the index
    too (SQLite's secure_delete does not reach FTS5 segments). Set once; a no-op after."""
    from .search import FTS_TABLES

    with db.engine.connect() as conn:
        for table in FTS_TABLES:
            try:
                on = conn.exec_driver_sql(
                    f"SELECT v FROM {table}_config WHERE k = 'secure-delete'").scalar()
            except sa_exc.DBAPIError:
                continue  # no such table (a database being converted, a foreign file)
            if on != 1:
                conn.exec_driver_sql(
                    f"INSERT INTO {table}({table}, rank) VALUES ('secure-delete', 1)")
        conn.commit()


def keep_private(folder: Path) -> None:
    """On Linux (POSIX) the data folder is the user's only (0700) and so are the
    database, its side files, the key file and the copies (0600)."""
    if os.name != "posix":
        return  # Windows: the user's profile folder already belongs to the user
    try:
        if folder.stat().st_uid == os.getuid():
            os.chmod(folder, 0o700)
        for sub in (folder, folder / unlock.COPY_FOLDER):
            if not sub.is_dir():
                continue
            for path in sub.iterdir():
                if path.is_file() and not path.is_symlink() and path.stat().st_mode & 0o077:
                    os.chmod(path, 0o600)
        auto = folder / unlock.COPY_FOLDER
        if auto.is_dir():
            os.chmod(auto, 0o700)
    except OSError:
        pass  # another user's folder or a read-only medium: opening goes on


def _open_error(exc: BaseException, db_path: Path) -> BaseException:
    if isinstance(exc, DatabaseBusy) and not isinstance(exc, DatabaseLocked):
        return DatabaseLocked()
    if isinstance(exc, DatabaseError):
        return exc
    if isinstance(exc, UserError):
        return exc
    french = translate_error(exc, db_path)
    if isinstance(french, DatabaseBusy):
        return DatabaseLocked()
    if french is not None:
        return french
    if isinstance(exc, OSError):
        return DatabaseUnreadable(
            _("Cannot open the database “{path}”: {error}.")
            .format(path=db_path, error=french_os_error(exc)))
    return exc


# ---------------------------------------------------------------------------------------------
# Migrations (the scripts and Alembic's calls are in migrate.py)


def _upgrade(db: Database) -> None:
    """Bring an open database to the head revision: nothing to do if it is there already
    (Alembic not even loaded), a foreign or a newer database refused untouched, otherwise
    copied aside, then migrated in one transaction."""
    with db.engine.connect() as conn:
        try:
            stamped = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception as exc:  # noqa: BLE001  (a new file: no table yet)
            if translate_error(exc) is not None:
                raise  # locked, damaged, unreadable: said to the user by open_database
            stamped = None
    if stamped == _migrations.HEAD_REVISION:
        return
    current = _migrations.current_revision(db)
    if current == _migrations.head_revision():
        return
    if current is None:
        # open_database rebuilds an interrupted first start; anything else without a
        # revision is another program's database: never add CCS tables to it
        raise DatabaseCorrupt(
            _("The file “{path}” is an SQLite database that was not created by CCS Desktop. "
              "Choose another data folder or restore a backup; the file was not changed.")
            .format(path=db.path))
    if not _migrations.is_known_revision(current):
        raise DatabaseTooNew(
            _("This database was created by a newer version of CCS Desktop (revision "
              "{revision}). Install the latest version of the application to open it; the "
              "database was not changed.").format(revision=current)
        ) from None
    # data: French by design (the copy's file name)
    saved = copy_aside(db.path, f"avant-migration-{current}", key=db.key)
    log.info("base copiée avant migration : %s", saved)
    migrate_file(db.path, "head", key=db.key)


def migrate_file(path: Path, target: str, *, downgrade: bool = False,
                 key: bytes | None = None) -> None:
    """Upgrade (or downgrade) a database file to `target` in ONE transaction.

    All the revisions and the alembic_version stamp commit together or not at all: the
    connection's driver leaves transactions to us (isolation_level=None, see
    make_engine(transactional=True)) and BEGIN IMMEDIATE opens one around everything;
    foreign keys are switched off when connecting, before that BEGIN (batch migrations
    recreate tables; the pragma is a no-op inside a transaction). Killed at any instant, the
    next open rolls the journal back to the previous revision.
    """
    engine = make_engine(path, key, transactional=True, foreign_keys=False)
    try:
        with engine.begin() as conn:
            problems = _migrations.run(conn, target, downgrade=downgrade)
            if problems:
                # table, rowid, parent table, constraint: no record text
                log.warning("clés étrangères incohérentes après migration : %s", problems[:10])
    finally:
        engine.dispose()


def copy_aside(db_path: Path, label: str, *, key: bytes | None = None) -> Path:
    """Copy the database file next to itself before a risky operation; returns the copy.

    The copy is made under a temporary name and renamed when complete, so that a kill leaves
    no half copy under a name that looks like a good one."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.{label}-{stamp}{db_path.suffix}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}.{label}-{stamp}-{n}{db_path.suffix}")
        n += 1
    building = _building_path(db_path.parent, target.name)
    # the backup API gives a consistent copy even if another connection writes; the copy is
    # encrypted under the same key (SQLCipher refuses a keyless destination)
    try:
        src = cipher.connect(db_path, key, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = cipher.connect(building, key)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        fsync_file(building)
        publish(building, target)
    except BaseException:
        _remove_with_side_files(building)
        raise
    return target
