"""Roles (issue 13): each role calls the services directly; what a lecteur may not do is
refused in French, what it may not see never leaves the service."""

from __future__ import annotations

import pytest

from ccs_desktop.db import unlock
from ccs_desktop.services import access, roles
from ccs_desktop.services.records import ListQuery
from rawdb import TEST_PASSWORD


@pytest.fixture
def folder(demo_db):
    """The demo's database with the three demo accounts (same password as the tests')."""
    unlock.add_accounts(demo_db.data_dir, ("secretaire", "lecteur"), TEST_PASSWORD,
                        demo_db.key)
    with demo_db.session() as s:  # a restricted threat and a phone to hide
        from ccs_desktop.db import models as m

        threat = s.query(m.Threat).filter(m.Threat.deleted_at.is_(None)).first()
        threat.is_restricted = True
        person = s.query(m.Person).filter(m.Person.deleted_at.is_(None)).first()
        person.phone = "+223 70 00 00 00"
    return demo_db.data_dir


def as_user(folder, name):
    return access.open_with(folder, credentials=unlock.Credentials(name, TEST_PASSWORD))


@pytest.fixture
def lecteur(folder):
    sv = as_user(folder, "lecteur")
    yield sv
    sv.db.close()


@pytest.fixture
def secretaire(folder):
    sv = as_user(folder, "secretaire")
    yield sv
    sv.db.close()


@pytest.fixture
def admin(folder):
    sv = as_user(folder, "admin")
    yield sv
    sv.db.close()


def test_roles_come_from_the_key_file_names(admin):
    assert {a.name: a.role for a in access.list_accounts(admin.db)} == {
        "admin": "administrateur", "secretaire": "secretaire", "lecteur": "lecteur"}


def test_lecteur_changes_nothing_through_the_services(lecteur):
    sv = lecteur
    person = sv.people.rows(ListQuery(limit=1))[0]
    meeting = sv.meetings.rows(ListQuery(limit=1))[0]
    refused = [
        lambda: sv.people.save(None, given_names="Awa", family_name="TRAORE", sex="F",
                               category="elus"),
        lambda: sv.people.save(person.id, function="x"),
        lambda: sv.people.delete(person.id),
        lambda: sv.notes.add("secret", meeting_id=meeting.id),
        lambda: sv.committee.update(name="x"),
        lambda: sv.meetings.adopt(meeting.id, None, "2024-01-01"),
        lambda: access.list_accounts(sv.db),
        lambda: access.set_lock_minutes(sv.db, 5),
    ]
    for call in refused:
        with pytest.raises(roles.Forbidden) as info:
            call()
        assert "lecteur" in str(info.value) and "Refusé" in str(info.value)


def test_lecteur_sees_no_phone_restricted_threat_or_note(lecteur, admin):
    admin_threats = admin.threats.count()
    assert any(t.is_restricted for t in admin.threats.rows(ListQuery(limit=5000)))
    restricted = next(t for t in admin.threats.rows(ListQuery(limit=5000)) if t.is_restricted)
    assert any(p.phone for p in admin.people.rows(ListQuery(limit=5000)))

    assert lecteur.threats.count() == admin_threats - 1
    assert not any(t.is_restricted for t in lecteur.threats.rows(ListQuery(limit=5000)))
    from ccs_desktop.services.errors import NotFound

    with pytest.raises(NotFound):
        lecteur.threats.detail(restricted.id)
    people = lecteur.people.rows(ListQuery(limit=5000))
    assert people and all(p.phone == "" for p in people)
    assert all(p.phone == "" for p in lecteur.people.list())
    assert lecteur.people.detail(people[0].id).phone == ""
    meetings = admin.meetings.rows(ListQuery(limit=5000))
    with_notes = [mt for mt in meetings if admin.notes.for_meeting(mt.id)]
    if not with_notes:  # the demo may have none: one is written by the secretary's side
        admin.notes.add("Note restreinte", meeting_id=meetings[0].id)
        with_notes = [meetings[0]]
    assert lecteur.notes.for_meeting(with_notes[0].id) == []
    assert lecteur.meetings.detail(with_notes[0].id).restricted_notes == ()
    from ccs_desktop.services.documents import render_annex, render_attendance_sheet

    with pytest.raises(roles.Forbidden):
        render_annex(lecteur.db, with_notes[0].id)
    with pytest.raises(roles.Forbidden):
        render_attendance_sheet(lecteur.db, with_notes[0].id, with_phone=True)


def test_lecteur_makes_no_backup_nor_transmission(lecteur, tmp_path):
    from ccs_desktop.services.exchange import backup as bk

    with pytest.raises(roles.Forbidden):
        bk.create_backup(lecteur.db, tmp_path / "out", "une phrase de passe longue")
    with pytest.raises(roles.Forbidden):
        bk.create_transmission(lecteur.db, tmp_path / "out")


def test_secretaire_edits_but_does_not_manage_accounts(secretaire):
    sv = secretaire
    saved = sv.people.save(None, given_names="Awa", family_name="TRAORE", sex="F",
                           category="elus", phone="+223 66 00 00 00")
    assert sv.people.detail(saved.id).phone == "+223 66 00 00 00"
    for call in (lambda: access.list_accounts(sv.db),
                 lambda: access.add_account(sv.db, "moussa", "lecteur", "une phrase longue"),
                 lambda: access.disable_account(sv.db, "lecteur"),
                 lambda: sv.committee.update(name="x")):
        with pytest.raises(roles.Forbidden):
            call()
    assert access.can(sv.db, "records.edit") and not access.can(sv.db, "accounts.manage")


def test_admin_manages_accounts_and_disabling_rekeys(admin, folder):
    db = admin.db
    old_key = db.key
    access.add_account(db, "moussa", "lecteur", "une phrase longue")
    assert "moussa" in unlock.accounts(folder)
    access.set_password(db, "moussa", "une autre phrase")
    unlock.unlock(folder, unlock.Credentials("moussa", "une autre phrase"))
    access.disable_account(db, "moussa")
    assert "moussa" not in unlock.accounts(folder) and db.key != old_key
    row = {a.name: a for a in access.list_accounts(db)}["moussa"]
    assert not row.enabled and row.disabled_at is not None and row.role == "lecteur"
    with pytest.raises(unlock.CredentialsError):
        access.disable_account(db, "admin")  # the one at work
    with pytest.raises(Exception):
        access.add_account(db, "x", "chef", "une phrase longue")


def test_refusals_reach_the_listeners(lecteur):
    heard = []
    roles.REFUSAL_LISTENERS.append(lambda db, user, action: heard.append((user, action)))
    try:
        with pytest.raises(roles.Forbidden):
            roles.require(lecteur.db, "backup.create")
    finally:
        roles.REFUSAL_LISTENERS.pop()
    assert heard == [("lecteur", "backup.create")]


def test_new_password_checks():
    check = unlock.check_new_password
    for bad, user in (("court", None), ("moussa-traore", "Moussa-Traore"),
                      ("Azertyuiop", None), ("motdepasse", None), ("aaaaaaaaaa", None)):
        with pytest.raises(unlock.CredentialsError):
            check(bad, user=user)
    assert check("une phrase facile", user="admin") == "une phrase facile"
