"""Fixtures for the printed documents: a fresh database with the Alafia sample meeting."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sample import build_sample  # noqa: E402

from ccs_desktop.db.engine import open_database  # noqa: E402


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, read back with pypdf."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces (incl. non-breaking) made single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


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


def pdffonts(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) absent")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout
