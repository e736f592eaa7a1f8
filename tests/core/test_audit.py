"""The audit trail (issue 13): a SHA-256 chain that `ccs audit verify` checks, edits that
coalesce, no record text, and an entry for every listed action."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ccs_desktop.cli import main
from ccs_desktop.db import audit_log
from ccs_desktop.services import audit
from ccs_desktop.services.hub import Services

TITLE = "MENACE-TITRE-SECRET-Q7"
GIVEN, FAMILY = "Zeynabou-Unique", "Kouyaté-Témoin"
NOTE = "NOTE-RESTREINTE-W9"
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@pytest.fixture(autouse=True)
def _new_editing_sessions():
    audit.forget_editing()
    yield
    audit.forget_editing()


@pytest.fixture
def sv(committee_db):
    return Services(committee_db)


def _actions(db) -> list[tuple[str, str]]:
    return [(e.action, e.kind) for e in audit.entries(db, limit=10_000, newest_first=False)]


def _verify(capsys, db) -> tuple[int, str]:
    code = main(["audit", "verify", "--data-dir", str(db.data_dir)])
    return code, capsys.readouterr().out


def _some_entries(sv) -> None:
    t = sv.threats.create(title=TITLE, type_code="CRI.BET")
    sv.people.create(given_names=GIVEN, family_name=FAMILY, sex="F", category="femmes")
    sv.threats.update(t.id, title=TITLE + " 2")
    audit.record(sv.db, "lock")
    audit.record(sv.db, "unlock")


def test_an_intact_chain_is_said_in_french(sv, capsys):
    _some_entries(sv)
    n = audit.count(sv.db)
    assert n >= 5
    code, out = _verify(capsys, sv.db)
    assert code == 0
    assert f"chaîne intacte ({n} entrées)" in out


def _raw(db, *sql):
    con = rawdb.connect(db.path)
    try:
        with con:
            for statement in sql:
                con.execute(statement)
    finally:
        con.close()


def test_an_edited_row_is_named(sv, capsys):
    _some_entries(sv)
    _raw(sv.db, "UPDATE audit_entries SET account = 'quelqu''un' WHERE id = 3")
    at = audit.entries(sv.db, audit.Filter(), limit=10_000, newest_first=False)[2].at
    code, out = _verify(capsys, sv.db)
    assert code == 1
    assert "3" in out and at in out and "chaîne intacte" not in out


def test_an_edited_row_with_its_hash_recomputed_breaks_the_next_link(sv, capsys):
    _some_entries(sv)
    con = rawdb.connect(sv.db.path)
    row = list(con.execute("SELECT id, at, account, action, kind, record_id, record_uuid, "
                           "outcome, count, prev_hash FROM audit_entries WHERE id = 2")
               .fetchone())
    row[3] = "login"
    with con:
        con.execute("UPDATE audit_entries SET action = 'login', hash = ? WHERE id = 2",
                    (audit_log.entry_hash(tuple(row)),))
    con.close()
    assert audit.verify(sv.db).broken_id == 3  # entry 3 no longer follows entry 2
    code, _out = _verify(capsys, sv.db)
    assert code == 1


def test_a_deleted_row_is_detected(sv, capsys):
    _some_entries(sv)
    _raw(sv.db, "DELETE FROM audit_entries WHERE id = 2")
    verdict = audit.verify(sv.db)
    assert not verdict.ok and verdict.broken_id == 3
    code, out = _verify(capsys, sv.db)
    assert code == 1 and "3" in out


def test_a_reordered_row_is_detected(sv, capsys):
    _some_entries(sv)
    _raw(sv.db, "UPDATE audit_entries SET id = 1000 WHERE id = 2",
         "UPDATE audit_entries SET id = 2 WHERE id = 3",
         "UPDATE audit_entries SET id = 3 WHERE id = 1000")
    verdict = audit.verify(sv.db)
    assert not verdict.ok and verdict.broken_id == 2
    code, _out = _verify(capsys, sv.db)
    assert code == 1


def test_ten_autosaves_of_one_record_are_one_entry(sv):
    t = sv.threats.create(title="Vols", type_code="CRI.BET")
    before = audit.count(sv.db)
    for n in range(10):
        sv.threats.update(t.id, title=f"Vols {n}")
    assert audit.count(sv.db) == before  # coalesced into its creation
    other = sv.threats.create(title="Autre", type_code="CRI.BET")
    audit.forget_editing()  # a new editing session (the editor opened again)
    for n in range(10):
        sv.threats.update(other.id, title=f"Autre {n}")
        sv.threats.update(t.id, title=f"Vols bis {n}")
    updates = [e for e in audit.entries(sv.db, audit.Filter(action="update"))]
    assert sorted(e.record_id for e in updates) == sorted([t.id, other.id])
    assert audit.verify(sv.db).ok


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, conn, cursor, statement, *_):  # noqa: ANN001, ANN002
        if statement.split()[0].upper() not in TRANSACTION:
            self.n += 1


def _statements(fn) -> int:
    counter = Counter()
    event.listen(Engine, "before_cursor_execute", counter)
    try:
        fn()
    finally:
        event.remove(Engine, "before_cursor_execute", counter)
    return counter.n


def test_an_autosave_costs_at_most_one_statement_more(sv, monkeypatch):
    t = sv.threats.create(title="Vols", type_code="CRI.BET")
    sv.threats.update(t.id, title="chaud")  # warm caches; the table is known
    audit.forget_editing()
    first = _statements(lambda: sv.threats.update(t.id, title="Vols 1"))  # a new entry
    later = _statements(lambda: sv.threats.update(t.id, title="Vols 2"))  # coalesced
    audit.forget_editing()
    monkeypatch.setattr(audit_log, "ENABLED", False)
    baseline = _statements(lambda: sv.threats.update(t.id, title="Vols 3"))
    assert first <= baseline + 1
    assert later <= baseline


def test_no_record_text_in_the_trail(sv, tmp_path):
    _some_entries(sv)
    m = sv.meetings.create(date="2024-04-12", status="held")
    sv.notes.add(NOTE, meeting_id=m.id)
    con = rawdb.connect(sv.db.path)
    rows = repr(con.execute("SELECT * FROM audit_entries").fetchall())
    con.close()
    for needle in (TITLE, GIVEN, FAMILY, NOTE, "Vols", "Zeynabou", "Kouyat"):
        assert needle not in rows


def test_creates_updates_deletes_adoption_and_documents(sv):
    t = sv.threats.create(title="Vols", type_code="CRI.BET")
    audit.forget_editing()
    sv.threats.update(t.id, title="Vols 2")
    sv.threats.delete(t.id)
    first = sv.meetings.create(date="2024-04-12", status="held")
    nxt = sv.meetings.create(date="2024-05-10")
    sv.meetings.adopt(first.id, nxt.id)
    from ccs_desktop.services import documents

    documents.render_convocation(sv.db, nxt.id)
    documents.minutes_pdf_for_print(sv.db, first.id)
    got = _actions(sv.db)
    for expected in [("create", "threats"), ("update", "threats"), ("delete", "threats"),
                     ("create", "meetings"), ("adopt", "meetings"),
                     ("print", "convocation"), ("print", "minutes")]:
        assert expected in got, expected
    assert all(e.account == rawdb.TEST_USER for e in audit.entries(sv.db))
    assert audit.verify(sv.db).ok


def test_export_lock_account_role_refused(sv, tmp_path):
    from ccs_desktop.services import export

    sv.threats.create(title="Vols", type_code="CRI.BET")
    export.export_list(sv, "threats", None, tmp_path / "menaces.csv", "csv")
    audit.record(sv.db, "lock")
    audit.record(sv.db, "unlock")
    audit.record(sv.db, "account", "account", "secretaire", outcome="added")
    audit.record(sv.db, "role", "account", "secretaire", outcome="lecteur")
    audit.on_refused(sv.db, "lecteur", "threats.update")
    got = _actions(sv.db)
    for expected in [("export", "threats"), ("lock", ""), ("unlock", ""),
                     ("account", "account"), ("role", "account"),
                     ("refused", "threats.update")]:
        assert expected in got, expected
    refused = audit.entries(sv.db, audit.Filter(action="refused"))[0]
    assert refused.account == "lecteur" and refused.outcome == "refused"
    assert audit.verify(sv.db).ok


def test_login_and_the_failed_logins_counted_before_it(committee_db):
    from ccs_desktop.db import keyfile as kf
    from ccs_desktop.db import unlock
    from ccs_desktop.db.engine import open_database

    folder = committee_db.data_dir
    committee_db.close()
    for _ in range(2):
        with pytest.raises(kf.WrongPassword):
            unlock.unlock(folder, unlock.Credentials(rawdb.TEST_USER, "mauvais-mot-de-passe"),
                          sleep=lambda _s: None)
    audit.before_login(folder)  # what the login screen does before unlocking
    db = open_database(folder, create=False,
                       credentials=unlock.Credentials(rawdb.TEST_USER, rawdb.TEST_PASSWORD))
    try:
        audit.logged_in(db)
        failed = audit.entries(db, audit.Filter(action="failed_login"))
        assert [(e.account, e.count) for e in failed] == [(rawdb.TEST_USER, 2)]
        assert audit.entries(db, audit.Filter(action="login"))[0].account == rawdb.TEST_USER
        audit.logged_in(db)  # the counter is not recorded twice
        assert audit.count(db, audit.Filter(action="failed_login")) == 1
        assert audit.verify(db).ok
    finally:
        db.close()


def test_list_filters_and_json(sv, capsys):
    import json

    _some_entries(sv)
    code = main(["audit", "list", "--json", "--action", "create", "--data-dir",
                 str(sv.db.data_dir)])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and rows and {r["action"] for r in rows} == {"create"}
    code = main(["audit", "list", "--since", "2999-01-01", "--data-dir", str(sv.db.data_dir)])
    assert code == 0 and capsys.readouterr().out == ""
    assert main(["audit", "list", "--action", "bof", "--data-dir", str(sv.db.data_dir)]) == 2


def test_csv_export_of_the_trail(sv, tmp_path):
    _some_entries(sv)
    n = audit.count(sv.db)
    out = tmp_path / "journal.csv"
    assert audit.export_csv(sv.db, out) == n
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("id,at,account,action")
    assert len(text.splitlines()) == n + 1
    assert TITLE not in text
    assert ("export", "audit_entries") in _actions(sv.db)
