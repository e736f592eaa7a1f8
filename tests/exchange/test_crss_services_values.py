"""The service functions the CRSS screens read through (issue 10), Qt-free: small frozen values,
no ORM object reaching the screens."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ccs_desktop.db.models_exchange import RegisterEntry
from ccs_desktop.services.committee import (
    is_crss, set_up_crss,
)
from ccs_desktop.services.crss import importer, register, workspace
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.hub import Services, folder_has_database, open_folder


def _frozen(value: object) -> bool:
    return dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen


def test_import_log_rows_are_frozen_values_with_every_column(crss, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ccsbak"
    bad.write_bytes(b"not a CCS file")
    importer.import_paths(crss, [bad], [])
    rows = importer.import_log(crss)
    assert len(rows) == 1 and _frozen(rows[0])
    row = rows[0]
    assert row.status == "refused" and row.file_name == "bad.ccsbak" and row.message
    assert {f.name for f in dataclasses.fields(row)} == {
        c.name for c in importer.ImportLogEntry.__table__.columns}
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.status = "ok"  # type: ignore[misc]


def test_register_rows_and_entry_detail(crss) -> None:
    rows = register.list_register(crss)
    assert rows and all(_frozen(r) for r in rows)
    commune = next(r for r in rows if r.level == "commune")
    register.update_entry(crss, commune.id, partner="PNUD", notes="vu", status="fonctionnel")
    detail = register.entry_detail(crss, commune.id)
    assert _frozen(detail)
    assert (detail.place, detail.partner, detail.notes, detail.status) == (
        commune.commune, "PNUD", "vu", "fonctionnel")
    region = next(r for r in rows if r.level == "region")
    assert register.entry_detail(crss, region.id).place == region.region


def test_workspace_committees_and_figures(rich_db) -> None:
    rows = workspace.committee_rows(rich_db)
    assert rows and all(_frozen(r) for r in rows)
    codes = workspace.committee_codes(rich_db)
    assert {r.id: r.code for r in rows}.items() <= codes.items()
    places = workspace.committee_places(rich_db)
    assert all(_frozen(p) for p in places.values())
    figures = workspace.crss_figures(Services(rich_db))
    assert _frozen(figures) and figures.committees == len(rows) and figures.imports == 0


def test_set_up_crss_says_what_it_added(empty_db) -> None:
    services = Services(empty_db)
    assert not is_crss(empty_db)
    done = set_up_crss(empty_db)
    assert _frozen(done) and done.register_added > 0
    assert is_crss(empty_db) and services.committee.mode() == "crss"
    with empty_db.session() as s:
        assert s.query(RegisterEntry).count() == done.register_added
    assert set_up_crss(empty_db).register_added == 0  # idempotent


def test_set_up_crss_refuses_a_committee_database(committee_db) -> None:
    with pytest.raises(UserError):
        set_up_crss(committee_db)
    assert not is_crss(committee_db)


def test_open_folder_opens_an_existing_database_only(committee_db, tmp_path: Path) -> None:
    folder = committee_db.data_dir
    assert folder_has_database(folder) and not folder_has_database(tmp_path / "none")
    services = open_folder(folder)
    try:
        assert isinstance(services, Services) and services.committee.is_configured()
    finally:
        services.db.close()
    with pytest.raises(Exception):  # noqa: B017 - NoDatabase: nothing created
        open_folder(tmp_path / "none")
    assert not folder_has_database(tmp_path / "none")
