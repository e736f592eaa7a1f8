"""Issue 8, the CRSS import parses hostile input: every merged value checked, a file with
one invalid row refused whole (reasons in the log), manifests type-checked before anything
is written, every file isolated, names pseudonymised again, file names made safe, control
characters never printed raw."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.services.crss import importer
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import dump
from .test_h8_import_forge import Forge

ROOT = Path(__file__).resolve().parents[2]


def _invent_committee(conn: sqlite3.Connection, new_uuid: str) -> None:
    conn.execute("UPDATE committees SET uuid = ?, code = 'CCSC-INVENTE', name = 'Inventé'",
                 (new_uuid,))


def _invented(man: dict, new_uuid: str) -> dict:
    man["committee"].update(uuid=new_uuid, code="CCSC-INVENTE", name="Inventé")
    return man


def _data(path: Path) -> dict:
    return {t: rows for t, rows in dump(path).items() if t != "crss_import_log"}


def test_invented_committee_with_a_malformed_date_is_refused_whole(forge, crss,
                                                                   tmp_path: Path) -> None:
    new = str(uuid.uuid4())
    bad = forge.make("invente.ccsbak", lambda c: (
        _invent_committee(c, new),
        c.execute("UPDATE meetings SET date = 'pas-une-date' WHERE id = "
                  "(SELECT MIN(id) FROM meetings)")), lambda man: _invented(man, new))
    before = _data(crss.path)
    rep = importer.import_file(crss, bad, forge.identities)
    assert not rep.ok and "meetings.date" in rep.message and "pas-une-date" in rep.message
    assert _data(crss.path) == before  # nothing merged, register untouched
    entry = importer.import_log(crss)[0]
    assert entry.status == "refused" and entry.committee_code == "CCSC-INVENTE"
    reasons = json.loads(entry.details)["raisons"]
    assert any("meetings.date" in r and "pas-une-date" in r for r in reasons)
    # the CRSS still lists its meetings (it failed for ever before)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "list", "meetings",
                           "--data-dir", str(crss.data_dir)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    # the same committee with a clean file is imported
    good = forge.make("invente-ok.ccsbak", lambda c: _invent_committee(c, new),
                      lambda man: _invented(man, new))
    assert importer.import_file(crss, good, forge.identities).ok


# (name, SQL on the snapshot, what the reason names): one invalid value each
HOSTILE_VALUES = [
    ("date", "UPDATE meetings SET date = '2024-13-45'", "meetings.date"),
    ("date-basic", "UPDATE meetings SET date = '20240101'", "meetings.date"),
    ("date-int", "UPDATE meetings SET date = 20240101", "meetings.date"),
    ("datetime", "UPDATE people SET created_at = 'hier'", "people.created_at"),
    ("datetime-tz", "UPDATE people SET updated_at = '2024-01-01T00:00:00+05:00'",
     "people.updated_at"),
    ("time", "UPDATE meetings SET start_time = '25:99'", "meetings.start_time"),
    ("code", "UPDATE meetings SET status = 'pirate'", "meetings.status"),
    ("code-sex", "UPDATE people SET category = 'ethnie'", "people.category"),
    ("code-null", "UPDATE people SET fds_corps = 'armee-privee'", "people.fds_corps"),
    ("check", "UPDATE threats SET likelihood = 9", "threats"),
    ("check-sex", "UPDATE people SET sex = 'X'", "people.sex"),
    ("length", "UPDATE meetings SET place = printf('%.201c', 'A')", "meetings.place"),
    ("length-code", "UPDATE committees SET code = printf('%.60c', 'C')", "committees.code"),
    ("text-as-blob", "UPDATE agenda_items SET discussion = x'00ff'", "agenda_items.discussion"),
    ("int-as-text", "UPDATE threats SET impact = 'beaucoup'", "threats.impact"),
    ("int-as-real", "UPDATE activities SET reached_men = 1.5", "activities.reached_men"),
    ("negative-count", "UPDATE activities SET reached_women = -4", "activities.reached_women"),
    ("version-zero", "UPDATE people SET version = 0", "people.version"),
    ("version-huge", "UPDATE people SET version = 9223372036854775807", "people.version"),
    ("generation-negative", "UPDATE threats SET generation = -1", "threats.generation"),
    ("bool", "UPDATE people SET is_member = 7", "people.is_member"),
    ("bool-text", "UPDATE committees SET is_demo = 'oui'", "committees.is_demo"),
    ("uuid", "UPDATE people SET uuid = 'pas-un-uuid-' || id", "people.uuid"),
    ("meeting-number", "UPDATE meetings SET number = 0 WHERE id = (SELECT MIN(id) FROM meetings)",
     "meetings.number"),
    ("fk", "UPDATE attendance SET person_id = 999999 WHERE id = (SELECT MIN(id) FROM attendance)",
     "attendance"),
    ("fk-type", "UPDATE agenda_items SET meeting_id = 888888", "agenda_items"),
    ("threat-type", "INSERT INTO threat_types (code, label, is_national, version, active) "
                    "VALUES ('LOCAL.X', printf('%.300c', 'L'), 0, 1, 1)", "threat_types"),
]


def test_hostile_values_campaign(forge, crss, tmp_path: Path) -> None:
    """One file per kind of invalid value: every one refused whole, the CRSS unchanged; a
    valid file of the same batch imported."""
    files = [forge.make(f"{i:02d}-{name}.ccsbak", sql)
             for i, (name, sql, _) in enumerate(HOSTILE_VALUES)]
    good = forge.make("99-valide.ccsbak")
    before = _data(crss.path)
    reports = importer.import_paths(crss, [*files, good], forge.identities)
    assert len(reports) == len(HOSTILE_VALUES) + 1
    *hostile, last = reports
    for rep, (name, _, where) in zip(hostile, HOSTILE_VALUES, strict=True):
        assert not rep.ok, name
        assert where in rep.message, (name, rep.message)
        assert rep.counts["new"] == rep.counts["updated"] == 0
    assert last.ok, last.message
    log = importer.import_log(crss)
    assert len(log) == len(reports)
    assert sum(e.status == "refused" for e in log) == len(HOSTILE_VALUES)
    # only the valid file changed the database
    crss2 = importer.open_crss_database(tmp_path / "crss-seul")
    assert importer.import_file(crss2, good, forge.identities).ok
    after = {t: len(v) for t, v in _data(crss.path).items() if not t.startswith("crss_")}
    alone = {t: len(v) for t, v in _data(crss2.path).items() if not t.startswith("crss_")}
    crss2.close()
    assert after == alone and before["people"] == []


@pytest.mark.parametrize("patch", [
    {"region": 5}, {"code": ["CCSC"]}, {"share_names": "oui"}, {"uuid": 12},
    {"uuid": "pas-un-uuid"}, {"level": {"x": 1}}, {"restore_generation": "3"},
], ids=lambda p: next(iter(p)))
def test_manifest_wrong_types_refused_before_anything_is_written(forge, crss, patch) -> None:
    bad = forge.make("manifeste.ccsbak",
                     manifest=lambda man: (man["committee"].update(patch), man)[1])
    before = _data(crss.path)
    rep = importer.import_file(crss, bad, forge.identities)
    assert not rep.ok and "anifeste" in rep.message, rep.message
    assert _data(crss.path) == before
    assert importer.import_log(crss)[0].status == "refused"


@pytest.mark.parametrize("patch", [{"created_at": 5}, {"created_at": "demain"},
                                   {"committee": "CCSC"}, {"kind": "key"}],
                         ids=["created-int", "created-text", "committee-str", "kind"])
def test_manifest_top_level_types(forge, crss, patch) -> None:
    bad = forge.make("manifeste.ccsbak", manifest=lambda man: {**man, **patch})
    before = _data(crss.path)
    rep = importer.import_file(crss, bad, forge.identities)
    assert not rep.ok and rep.message
    assert _data(crss.path) == before


@pytest.mark.parametrize("error", [RecursionError, MemoryError, sqlite3.DatabaseError,
                                   KeyError, OSError])
def test_any_failure_refuses_that_file_and_the_batch_goes_on(forge, crss, monkeypatch,
                                                             error) -> None:
    first = forge.make("a-bad.ccsbak")
    second = forge.make("b-good.ccsbak")
    real = sn.strip_private
    calls = {"n": 0}

    def failing(conn):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 1:
            raise error("boom")
        return real(conn)

    monkeypatch.setattr(sn, "strip_private", failing)
    reports = importer.import_paths(crss, [first, second], forge.identities)
    assert [r.ok for r in reports] == [False, True]
    msg = reports[0].message
    assert msg and "Traceback" not in msg and "boom" not in msg
    assert [e.status for e in importer.import_log(crss)] == ["ok", "refused"]


def test_missing_path_is_reported_and_the_others_imported(forge, crss, tmp_path) -> None:
    good = forge.make("bon.ccsbak")
    reports = importer.import_paths(crss, [tmp_path / "absent.ccsbak", good],
                                    forge.identities)
    assert [r.ok for r in reports] == [False, True]
    assert "introuvable" in reports[0].message


REAL = ("Amadou", "KOUYATE-REEL")


def _leak(conn: sqlite3.Connection, share_row: int) -> None:
    conn.execute("UPDATE committees SET share_names = ?", (share_row,))
    pid = conn.execute("SELECT MIN(id) FROM people WHERE deleted_at IS NULL").fetchone()[0]
    conn.execute("UPDATE people SET given_names = ?, family_name = ?, title = 'Imam', "
                 "organisation = 'Mosquée du marché' WHERE id = ?", (*REAL, pid))
    conn.execute("UPDATE agenda_items SET discussion = ? WHERE id = (SELECT MIN(id) FROM "
                 "agenda_items)", (f"M. {REAL[0]} {REAL[1]} a parlé ; {REAL[1]} a conclu.",))


@pytest.mark.parametrize("row_share, manifest_share", [(0, False), (1, False), (0, True)])
def test_names_not_shared_are_pseudonymised_again_at_the_crss(forge, crss, row_share,
                                                              manifest_share) -> None:
    bad = forge.make("noms.ccsbak", lambda c: _leak(c, row_share), lambda man: (
        man["committee"].update(share_names=manifest_share), man)[1])
    rep = importer.import_file(crss, bad, forge.identities)
    assert rep.ok, rep.message
    text = repr(dump(crss.path))
    for word in (*REAL, "Mosquée du marché"):
        assert word not in text, word
    conn = rawdb.connect(crss.path)
    people = conn.execute("SELECT title, given_names, family_name FROM people "
                          "WHERE deleted_at IS NULL").fetchall()
    conn.close()
    assert people and all(t == g == "" and sn.PSEUDONYM_CODE.fullmatch(f) for t, g, f in people)
    # importing the same file again changes nothing (stable codes)
    again = importer.import_file(crss, bad, forge.identities)
    assert again.ok and again.counts["new"] == again.counts["updated"] == 0
    assert again.counts["conflicts"] == 0


def test_names_shared_by_both_the_manifest_and_the_row_are_kept(forge, crss) -> None:
    bad = forge.make("noms.ccsbak", lambda c: _leak(c, 1), lambda man: (
        man["committee"].update(share_names=True), man)[1])
    assert importer.import_file(crss, bad, forge.identities).ok
    assert REAL[1] in repr(dump(crss.path))


@pytest.mark.parametrize("name, safe", [
    ("../../../../etc/cron.d/evil", "evil"), ("/etc/passwd", "passwd"),
    ("C:\\Windows\\System32\\x.dll", "x.dll"), ("C:pv.pdf", "pv.pdf"),
    ("pv\x1b[31m.pdf", "pv_[31m.pdf"), ("pv\u202efdp.exe", "pv_fdp.exe"), ("..", "piece-jointe"),
    ("CON.pdf", "_CON.pdf"), ("  pv.pdf. ", "pv.pdf"), ("a:b.pdf", "b.pdf"), ("pv:flux.pdf", "pv_flux.pdf"),
])
def test_imported_file_names_are_reduced_to_a_safe_base_name(forge, crss, name,
                                                             safe) -> None:
    bad = forge.make("nom.ccsbak", lambda c: c.execute(
        "UPDATE stored_documents SET filename = ?", (name,)))
    conn = rawdb.connect(forge.snapshot, forge.key)
    has_docs = conn.execute("SELECT COUNT(*) FROM stored_documents").fetchone()[0]
    conn.close()
    assert has_docs
    rep = importer.import_file(crss, bad, forge.identities)
    assert rep.ok, rep.message
    conn = rawdb.connect(crss.path)
    names = {r[0] for r in conn.execute("SELECT filename FROM stored_documents")}
    conn.close()
    assert names == {safe}


def test_control_characters_never_reach_the_summary(forge, crss, tmp_path: Path) -> None:
    evil = "\x1b]0;pwned\x07\x1b[2J"
    bad = forge.make(f"evil{evil}.ccsbak",
                     "UPDATE meetings SET date = 'x\x1b[31m'",
                     lambda man: (man["committee"].update(code="C\x1b[5mX"), man)[1])
    good = forge.make(f"good{evil}.ccsbak", lambda c: c.execute(
        "UPDATE committees SET code = ?", (f"C{evil}",)),
        lambda man: (man["committee"].update(code=f"C{evil}"), man)[1])
    reports = importer.import_paths(crss, [bad, good], forge.identities)
    assert [r.ok for r in reports] == [False, True]
    for r in reports:
        text = r.summary()
        assert "\x1b" not in text and "\x07" not in text, text
        assert "\\x1b" in text
    for e in importer.import_log(crss):
        assert "\x1b" not in e.file_name + e.committee_code + e.message + e.details


def test_taking_an_invalid_incoming_version_of_a_conflict_is_refused(forge, crss) -> None:
    """A conflict recorded by an earlier version (unchecked incoming row) cannot write an
    invalid value when a person takes it."""
    from ccs_desktop.db.models_exchange import ImportConflict
    from ccs_desktop.services.crss import conflicts
    from ccs_desktop.services.errors import UserError

    assert importer.import_file(crss, forge.original, forge.identities).ok
    with crss.session() as s:
        meeting = s.query(m.Meeting).order_by(m.Meeting.id).first()
        log_id = importer.import_log(crss)[0].id
        c = ImportConflict(import_id=log_id, table_name="meetings", row_uuid=meeting.uuid,
                           generation=meeting.generation, version=meeting.version,
                           incoming=json.dumps({"date": "pas-une-date", "place": "X"}))
        s.add(c)
        s.flush()
        cid = c.id
    with pytest.raises(UserError):
        conflicts.settle(crss, cid, conflicts.TAKE)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "list", "meetings",
                           "--data-dir", str(crss.data_dir)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_check_row_rules_from_the_metadata() -> None:
    from ccs_desktop.services.rowcheck import check_row

    ok = {"committee_id": 1, "meeting_id": 1, "title": "Point", "position": 0,
          "discussion": "", "decisions": "", "is_standing": 0, "id": 1,
          "uuid": str(uuid.uuid4()), "created_at": "2024-01-01 10:00:00.000000",
          "updated_at": "2024-01-01 10:00:00", "version": 1, "generation": 0,
          "deleted_at": None}
    assert check_row("agenda_items", ok) == []
    assert check_row("agenda_items", {**ok, "title": None})  # NOT NULL
    assert check_row("agenda_items", {**ok, "title": "x" * 501})  # String(500)
    assert check_row("agenda_items", {**ok, "surprise": 1})  # unknown column
    assert check_row("agenda_items", {**ok, "is_standing": True}) == []
    assert check_row("agenda_items", {**ok, "position": 2**63})  # int64
    assert check_row("nope", {})


@pytest.mark.parametrize("name", ["", "..", "/", "\\\\", " . ", "C:", "C:\\"])
def test_a_name_with_nothing_usable_gets_the_default_name(name) -> None:
    from ccs_desktop.services.rowcheck import safe_base_name

    assert safe_base_name(name) == "piece-jointe"


def test_safe_base_name_properties() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ccs_desktop.services.rowcheck import safe_base_name

    @settings(max_examples=400, deadline=None)
    @given(st.text(max_size=300))
    def prop(name: str) -> None:
        safe = safe_base_name(name)
        assert safe and safe not in (".", "..") and "/" not in safe and "\\" not in safe
        assert not (len(safe) > 1 and safe[1] == ":") and ":" not in safe
        assert all(ord(ch) >= 32 and ch != "\x7f" for ch in safe)
        assert len(safe) <= 150
        assert safe_base_name(safe) == safe  # idempotent
        assert Path("/base", safe).resolve().parent == Path("/base")

    prop()
