"""Removing an account re-keys the database: the old key then opens nothing in the folder
(issue 11), and a kill at any step of the re-key leaves a database that opens with every row."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ccs_desktop.db import cipher, engine, rekey
from ccs_desktop.db import keyfile as kf
from ccs_desktop.db import unlock as ul
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services import access
from ccs_desktop.services import sealed
from ccs_desktop.services.exchange.autocopy import auto_backup

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
OTHERS = ("secretaire", "lecteur")
OTHER_PASSWORD = "mot-de-passe-des-autres"
ADMIN = ul.Credentials(rawdb.TEST_USER, rawdb.TEST_PASSWORD)


def _prepare(demo_db) -> tuple[Path, str]:  # noqa: ANN001
    """The demo database with two more accounts, a recovery key, a copy aside, two automatic
    copies and a sealed draft; returns the folder and the recovery text."""
    folder = demo_db.data_dir
    ul.add_accounts(folder, OTHERS, OTHER_PASSWORD, demo_db.key)
    text = ul.new_recovery_key(folder, demo_db.key)
    engine.copy_aside(demo_db.path, "avant-migration-test", key=demo_db.key)
    auto_backup(demo_db, min_interval=None)
    auto_backup(demo_db, min_interval=None)
    drafts = folder / "drafts"
    drafts.mkdir()
    (drafts / "person-new.json").write_bytes(
        sealed.Box(demo_db.key).seal("person-new.json", b'{"brouillon": 1}'))
    return folder, text


def _counts(path: Path, key: bytes) -> dict[str, int]:
    con = cipher.connect(path, key)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def _opens(path: Path, key: bytes) -> bool:
    try:
        con = cipher.connect(path, key)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except cipher.Error:
        return False
    return True


def _nothing_opens_with(folder: Path, key: bytes) -> list[str]:
    """Every file of the folder that the key opens (a database, a copy, a draft)."""
    found = []
    box = sealed.Box(key)
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.endswith(("-wal", "-shm")):
            continue
        if path.suffix == ".json" and box.open(path.name, path.read_bytes()) is not None:
            found.append(path.name)
        elif path.suffix == ".sqlite3" and _opens(path, key):
            found.append(path.name)
    return found


def test_removing_an_account_rekeys_every_file_of_the_folder(demo_db):
    folder, text = _prepare(demo_db)
    old = demo_db.key
    before = _counts(demo_db.path, old)
    copies = sorted(p.name for p in rekey.other_files(folder))
    assert len(copies) == 3 and len(_nothing_opens_with(folder, old)) == 5
    access.remove_account(demo_db, "Secretaire")  # (the key stays inside the Database)
    new = demo_db.key
    assert new != old and new is not None
    assert _nothing_opens_with(folder, old) == []  # the old key opens nothing any more
    assert sorted(p.name for p in rekey.other_files(folder)) == copies
    assert all(_opens(p, new) for p in rekey.other_files(folder))
    assert sealed.Box(new).open("person-new.json",
                                (folder / "drafts" / "person-new.json").read_bytes())
    assert _counts(demo_db.path, new) == before
    with demo_db.session() as s:  # the open Database works on under the new key
        assert s.execute(__import__("sqlalchemy").text(
            "SELECT count(*) FROM people")).scalar() == before["people"]
    # the removed account cannot log in; the others and the recovery key still can
    with pytest.raises(kf.WrongPassword):
        ul.unlock(folder, ul.Credentials("secretaire", OTHER_PASSWORD))
    assert ul.unlock(folder, ul.Credentials("lecteur", OTHER_PASSWORD)) == new
    assert ul.unlock(folder, ADMIN) == new
    assert ul.unlock_with_recovery(folder, text) == new
    assert ul.recovery_public_key(folder, new) == kf.recovery_public_key_of(text)
    assert ul.accounts(folder) == (rawdb.TEST_USER, "lecteur")
    assert not ul.pending_path(folder).exists()
    demo_db.close()
    reopened = engine.open_database(folder, create=False, credentials=ADMIN)
    assert reopened.key == new
    reopened.close()


def test_the_last_account_is_never_removed(empty_db):
    with pytest.raises(kf.KeyFileError, match="seul compte"):
        rekey.remove_account(empty_db, rawdb.TEST_USER)
    with pytest.raises(kf.KeyFileError, match="Aucun compte"):
        rekey.remove_account(empty_db, "personne")
    assert ul.unlock(empty_db.data_dir, ADMIN) == empty_db.key


def test_a_version_1_entry_blocks_the_rekey_and_nothing_changes(empty_db):
    folder = empty_db.data_dir
    ul.add_accounts(folder, ("autre",), OTHER_PASSWORD, empty_db.key)
    keys = ul.load_keys(folder)
    # a version-1 entry left (an account that has not logged in since the update)
    legacy = kf.Entry("account", "ancien", keys.entries[0].kdf, bytes(12), bytes(48))
    ul.save_keys(folder, keys._signed(keys.entries + (legacy,), empty_db.key))
    before = ul.keyfile_path(folder).read_bytes()
    key = empty_db.key
    with pytest.raises(kf.RekeyBlocked, match="ancien"):
        rekey.remove_account(empty_db, "autre")
    assert empty_db.key == key and ul.keyfile_path(folder).read_bytes() == before
    assert not ul.pending_path(folder).exists() and _opens(empty_db.path, key)
    ul.save_keys(folder, keys)  # all in version 2: goes through
    rekey.remove_account(empty_db, "autre")
    assert empty_db.key != key and _opens(empty_db.path, empty_db.key)


# --- killed for real at each step ---------------------------------------------------------

CHILD = r"""
import os, signal, sys
sys.path.insert(0, {tests!r})
import rawdb  # noqa
from ccs_desktop.db import engine, rekey
folder, point = sys.argv[1], sys.argv[2]
def at(step):
    if step == point:
        os.kill(os.getpid(), signal.SIGKILL)
rekey._AT_STEP = at
db = engine.open_database(folder, create=False)
rekey.remove_account(db, "secretaire")
print("done")
"""

STEPS = ("locked", "exported", "copies-built", "pending-saved", "published",
         "copy-published", "drafts", "promoted")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, _demo_template):  # noqa: ANN001
    folder = tmp_path_factory.mktemp("rekey-template") / "data"
    rawdb.copy_database(_demo_template.parent, folder)
    db = engine.open_database(folder, create=False)
    try:
        _, text = _prepare(db)
        counts = _counts(db.path, db.key)
        old = db.key
    finally:
        db.close()
    return folder, text, counts, old


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("point", STEPS)
def test_a_rekey_killed_at_any_step_leaves_a_database_that_opens_with_every_row(
        prepared, tmp_path, point):
    template, text, counts, old = prepared
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(TESTS)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(folder), point], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    db = engine.open_database(folder, create=False, credentials=ADMIN)
    try:
        assert _counts(db.path, db.key) == counts
        rekeyed = db.key != old
        assert rekeyed == (STEPS.index(point) >= STEPS.index("published"))
        assert len(rekey.other_files(folder)) == 3
        assert all(_opens(p, db.key) for p in rekey.other_files(folder))
        assert not ul.pending_path(folder).exists()
        assert not list(folder.glob(f"{engine.BUILDING_PREFIX}*"))
        assert ul.unlock_with_recovery(folder, text) == db.key
        assert ul.unlock(folder, ul.Credentials("lecteur", OTHER_PASSWORD)) == db.key
        if rekeyed:  # finished by the opening: the old key opens nothing
            assert _nothing_opens_with(folder, old) == []
            with pytest.raises(kf.WrongPassword):
                ul.unlock(folder, ul.Credentials("secretaire", OTHER_PASSWORD))
        else:
            assert ul.unlock(folder, ul.Credentials("secretaire", OTHER_PASSWORD)) == old
    finally:
        db.close()
    assert (folder / DB_FILENAME).is_file()
