"""Settling the conflicts a CRSS import leaves (same version, different content)."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.db.models_exchange import ImportConflict
from ccs_desktop.services.crss import conflicts, importer
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct


@pytest.fixture
def committee(demo_db):  # noqa: ANN001, ANN201
    return demo_db


def _diverge(db, uuid: str, title: str) -> None:  # noqa: ANN001
    """Change a row without raising its version (what a conflict looks like)."""
    with db.session() as s:
        s.info["preserve_versions"] = True
        s.query(m.Activity).filter_by(uuid=uuid).one().title = title


def _send(db, pair, folder: Path) -> Path:  # noqa: ANN001
    return bk.create_transmission(db, folder, crss_public=pair.public_key).path


def test_keep_and_take_are_recorded_and_reimport_changes_nothing(committee, pair,
                                                                 tmp_path: Path) -> None:
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    assert importer.import_file(crss, _send(committee, pair, tmp_path / "t0"), ident).ok
    with committee.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
        act = s.query(m.Activity).join(m.Committee).filter(m.Committee.uuid == own).first()
        uuid, original = act.uuid, act.title
    _diverge(committee, uuid, "Titre divergent A")
    f1 = _send(committee, pair, tmp_path / "t1")
    rep = importer.import_file(crss, f1, ident)
    assert rep.counts["conflicts"] == 1
    # the same file twice: still one conflict to settle, not two
    importer.import_file(crss, f1, ident)
    rows = conflicts.list_conflicts(crss)
    assert len(rows) == 1 and conflicts.count_open(crss) == 1
    row = rows[0]
    assert row.table_name == "activities" and row.row_uuid == uuid and row.committee_code
    assert [(d.column, d.current, d.incoming) for d in row.differences] == [
        ("title", original, "Titre divergent A")]
    assert row.title == original and row.file_name == f1.name

    settled = conflicts.settle(crss, row.id, conflicts.KEEP)
    assert settled.resolution == "kept" and settled.resolved_at is not None
    assert conflicts.list_conflicts(crss) == []
    with crss.session() as s:
        assert s.query(m.Activity).filter_by(uuid=uuid).one().title == original
    again = importer.import_file(crss, f1, ident)  # a settled version stays settled
    assert again.counts["conflicts"] == 0 and conflicts.count_open(crss) == 0
    with pytest.raises(UserError):
        conflicts.settle(crss, row.id, conflicts.TAKE)

    _diverge(committee, uuid, "Titre divergent B")
    f2 = _send(committee, pair, tmp_path / "t2")
    assert importer.import_file(crss, f2, ident).counts["conflicts"] == 1
    (row2,) = conflicts.list_conflicts(crss)
    with crss.session() as s:
        before = s.query(m.Activity).filter_by(uuid=uuid).one()
        pair_before = (before.generation, before.version)
    conflicts.settle(crss, row2.id, conflicts.TAKE)
    with crss.session() as s:
        after = s.query(m.Activity).filter_by(uuid=uuid).one()
        assert after.title == "Titre divergent B"
        assert (after.generation, after.version) == pair_before
        assert s.get(ImportConflict, row2.id).resolution == "replaced"
    # the search index follows the taken version
    conn = rawdb.connect(crss.path)
    hits = conn.execute("SELECT count(*) FROM fts_activities WHERE fts_activities MATCH "
                        "'divergent'").fetchone()[0]
    conn.close()
    assert hits == 1
    rep = importer.import_file(crss, f2, ident)
    assert rep.counts["conflicts"] == 0 and rep.counts["new"] == rep.counts["updated"] == 0
    history = conflicts.list_conflicts(crss, open_only=False)
    assert [r.resolution for r in history] == ["replaced", "kept"]
    crss.close()


def test_settle_refuses_unknown_choice_and_missing_conflict(committee, tmp_path: Path) -> None:
    from ccs_desktop.services.errors import NotFound, ValidationError

    crss = importer.open_crss_database(tmp_path / "crss")
    with pytest.raises(ValidationError):
        conflicts.settle(crss, 1, "both")
    with pytest.raises(NotFound):
        conflicts.settle(crss, 999, conflicts.KEEP)
    crss.close()


def test_take_refused_when_a_newer_file_arrived(committee, pair, tmp_path: Path) -> None:
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    importer.import_file(crss, _send(committee, pair, tmp_path / "t0"), ident)
    with committee.session() as s:
        act = s.query(m.Activity).first()
        uuid = act.uuid
    _diverge(committee, uuid, "Titre divergent")
    importer.import_file(crss, _send(committee, pair, tmp_path / "t1"), ident)
    (row,) = conflicts.list_conflicts(crss)
    with committee.session() as s:  # a real edit afterwards: a higher version
        s.query(m.Activity).filter_by(uuid=uuid).one().title = "Titre corrigé"
    assert importer.import_file(crss, _send(committee, pair, tmp_path / "t2"),
                                ident).counts["updated"] >= 1
    with pytest.raises(UserError):
        conflicts.settle(crss, row.id, conflicts.TAKE)
    conflicts.settle(crss, row.id, conflicts.KEEP)
    with crss.session() as s:
        assert s.query(m.Activity).filter_by(uuid=uuid).one().title == "Titre corrigé"
    crss.close()
