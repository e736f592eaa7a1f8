"""Fixtures for the printed documents: a fresh database with the Alafia sample meeting."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sample import build_sample  # noqa: E402

from ccs_desktop.db.engine import open_database  # noqa: E402


@pytest.fixture(scope="session")
def empty_database_dir(tmp_path_factory) -> Path:
    """A migrated empty database, made once and copied for each test (migrations are slow)."""
    folder = tmp_path_factory.mktemp("template") / "data"
    open_database(folder, create=True).close()
    return folder


@pytest.fixture
def db(tmp_path, empty_database_dir):
    shutil.copytree(empty_database_dir, tmp_path / "data")
    database = open_database(tmp_path / "data", create=True)
    yield database
    database.close()


@pytest.fixture
def sample(db):
    """(db, ids) with the sample meeting N°3/2024 (held, not adopted)."""
    return db, build_sample(db)


@pytest.fixture(scope="module")
def shared_sample(tmp_path_factory, empty_database_dir):
    """A read-only sample shared by a module's tests (render only, never write)."""
    folder = tmp_path_factory.mktemp("shared") / "data"
    shutil.copytree(empty_database_dir, folder)
    database = open_database(folder, create=True)
    ids = build_sample(database)
    yield database, ids
    database.close()
