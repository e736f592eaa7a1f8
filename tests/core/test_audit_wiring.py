"""Issue 13: the audit trail receives what the accounts work does — refused actions, logins
and the failed attempts before them, account and role changes, the lock and its unlock —
through the services a screen or a command calls (no call left to the screens)."""

from __future__ import annotations

import rawdb
import pytest

from ccs_desktop.db import unlock
from ccs_desktop.db.engine import open_database
from ccs_desktop.services import access, audit, roles
from ccs_desktop.services.hub import Services

PASSWORD = "une phrase assez longue"


def _actions(db) -> list[tuple[str, str, str, str]]:  # noqa: ANN001
    """The trail, oldest first."""
    found = sorted(audit.entries(db, limit=10_000, offset=0), key=lambda e: e.id)
    return [(e.action, e.account, e.kind, e.outcome) for e in found]


def test_a_refused_action_is_in_the_trail(committee_db) -> None:
    access.add_account(committee_db, "lecteur1", "lecteur", PASSWORD)
    admin = committee_db.credentials
    committee_db.credentials = unlock.Credentials("lecteur1", PASSWORD)
    roles.forget(committee_db)
    try:
        with pytest.raises(roles.Forbidden):
            Services(committee_db).people.create(given_names="Awa", family_name="TRAORE",
                                                 sex="F")
    finally:
        committee_db.credentials = admin
        roles.forget(committee_db)
    refused = [a for a in _actions(committee_db) if a[0] == "refused"]
    assert refused and refused[-1][1] == "lecteur1" and refused[-1][3] == "refused"
    # the account's creation and its role are there too, by the administrator
    assert ("account", rawdb.TEST_USER, "account", "added") in _actions(committee_db)
    assert ("role", rawdb.TEST_USER, "account", "lecteur") in _actions(committee_db)


def test_logins_and_the_failed_attempts_before_them(committee_db) -> None:
    folder = committee_db.data_dir
    committee_db.close()
    with pytest.raises(access.WrongPassword):
        access.unlock(folder, unlock.Credentials(rawdb.TEST_USER, "pas le bon"), wait=False)
    creds = unlock.Credentials(rawdb.TEST_USER, rawdb.TEST_PASSWORD)
    key = access.unlock(folder, creds, wait=False)
    services = access.open_with(folder, credentials=creds, key=key)
    try:
        acts = _actions(services.db)
        assert any(a[0] == "failed_login" and a[2] == "account" for a in acts), acts
        assert any(a[0] == "login" and a[1] == rawdb.TEST_USER for a in acts), acts
        assert audit.verify(services.db).ok
    finally:
        services.db.close()


def test_the_lock_and_the_unlock_are_in_the_trail(committee_db) -> None:
    committee_db.credentials = unlock.Credentials(rawdb.TEST_USER, rawdb.TEST_PASSWORD)
    access.session_locked(committee_db)
    with pytest.raises(access.WrongPassword):
        access.check_unlock(committee_db, "pas le bon")
    access.check_unlock(committee_db, rawdb.TEST_PASSWORD)
    acts = [a[0] for a in _actions(committee_db)]
    assert acts[-3:] == ["lock", "failed_login", "unlock"], acts


def test_a_disabled_account_is_in_the_trail_and_its_old_key_opens_nothing(committee_db
                                                                          ) -> None:
    access.add_account(committee_db, "parti", "secretaire", PASSWORD)
    old_key = committee_db.key
    access.disable_account(committee_db, "parti")
    assert ("account", rawdb.TEST_USER, "account", "disabled") in _actions(committee_db)
    assert committee_db.key != old_key
    with pytest.raises(Exception):
        rawdb.connect(committee_db.path, key=old_key).execute(
            "SELECT count(*) FROM sqlite_master").fetchone()
    with pytest.raises(access.WrongPassword):
        access.unlock(committee_db.data_dir, unlock.Credentials("parti", PASSWORD), wait=False)
    committee_db.close()
    again = open_database(committee_db.data_dir)  # the others still open it
    again.close()
