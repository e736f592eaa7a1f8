"""Shared fixtures: temporary data folders, an empty database, a demo database.

The demo database is generated once per test session and copied for each test that asks for
it, so that tests stay fast and never share state.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from ccs_desktop.db.engine import Database, open_database  # noqa: E402
from ccs_desktop.paths import DB_FILENAME  # noqa: E402


from rawdb import TEST_PASSWORD, TEST_USER  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _test_account(tmp_path_factory: pytest.TempPathFactory):
    """Every database a test makes or opens is encrypted and unlocked with this account,
    given as the command line's would be (CCS_USER, CCS_PASSWORD_FILE: child processes
    inherit them), with the cheap key derivation for account passwords (honoured only while
    pytest runs: PYTEST_CURRENT_TEST)."""
    from ccs_desktop import kdf
    from ccs_desktop.db import unlock

    password_file = tmp_path_factory.mktemp("account") / "password"
    password_file.write_text(TEST_PASSWORD + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(unlock.ENV_USER, TEST_USER)
        mp.setenv(unlock.ENV_PASSWORD_FILE, str(password_file))
        mp.setenv(kdf.TEST_CHEAP_ACCOUNTS_ENV, "1")
        yield


@pytest.fixture(autouse=True)
def _no_session_left():
    """Who signed in to a window in one test is forgotten before the next."""
    from ccs_desktop.db import unlock

    unlock.remember_session(None)
    yield
    unlock.remember_session(None)


@pytest.fixture(autouse=True)
def _french_by_default(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in French (the default, whatever the machine's locale or CCS_LANG) and
    leaves the language as it found it."""
    from ccs_desktop import i18n

    monkeypatch.delenv(i18n.ENV_LANG, raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture
def english():
    """The core speaks English for this test (as `ccs --lang en` or Settings would choose)."""
    from ccs_desktop import i18n

    i18n.set_language("en")
    yield
    i18n.set_language(None)


@pytest.fixture
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passphrase recipients written during the test use the cheap key derivation (8 KiB,
    t = 1): set in this process through the container's switch, which child processes the
    test starts inherit too (honoured only while pytest runs: PYTEST_CURRENT_TEST)."""
    from ccs_desktop.services.exchange import container as ct

    monkeypatch.setenv(ct.TEST_CHEAP_ENV, "1")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def empty_db(data_dir: Path):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def committee_db(empty_db: Database) -> Database:
    """A database with its committee configured (Alafia) and no records."""
    from ccs_desktop.services.hub import Services

    Services(empty_db).committee.create(level="commune", region="Tombouctou",
                                        cercle="Tombouctou", commune="Alafia")
    return empty_db


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ccs_desktop.services.demo import generate_demo

    folder = tmp_path_factory.mktemp("demo-template")
    db = open_database(folder)
    generate_demo(db, seed=1)
    db.close()
    return folder / DB_FILENAME


@pytest.fixture
def demo_db(_demo_template: Path, data_dir: Path):
    from rawdb import copy_database

    copy_database(_demo_template.parent, data_dir)
    db = open_database(data_dir)
    yield db
    db.close()
