"""Issue 8: the command line never overwrites data. `--out` onto an existing file needs
--force; the live database, its journal, its copies and anything in the data folder are never
written, even with --force, whatever symbolic or hard links lead there."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import hashlib
import os
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop import cli
from ccs_desktop.cli.common import CliError, check_output_path
from ccs_desktop.fileio import write_atomically
from ccs_desktop.paths import DB_FILENAME

COMMANDS = ("minutes", "annex", "convocation", "attendance-sheet")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def closed_demo(demo_db):
    """A demo data folder whose database is closed (the CLI opens it itself)."""
    demo_db.close()
    return demo_db.data_dir


def run(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_out_onto_the_live_database_is_refused_even_with_force(closed_demo, capsys, command):
    data = closed_demo
    before = folder_state(data)
    for extra in ((), ("--force",)):
        code, out, err = run(capsys, command, 1, "--data-dir", data,
                             "--out", data / DB_FILENAME, *extra)
        assert code == 1, (out, err)
        assert "dossier de données" in err and "--force" in err
        assert "Traceback" not in err
    assert folder_state(data) == before
    with rawdb.connect(data / DB_FILENAME) as con:  # still the database, still whole
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("name", [f"{DB_FILENAME}-wal", f"{DB_FILENAME}-journal",
                                  "nouveau.pdf", "copies/PV.pdf", "sub/../PV.pdf"])
def test_nothing_is_written_anywhere_in_the_data_folder(closed_demo, capsys, name):
    data = closed_demo
    (data / "copies").mkdir(exist_ok=True)
    before = folder_state(data)
    code, _out, err = run(capsys, "minutes", 1, "--data-dir", data, "--out", data / name,
                          "--force")
    assert code == 1 and "dossier de données" in err
    assert folder_state(data) == before
    assert not (data / "nouveau.pdf").exists()


def test_the_data_folder_as_working_directory_is_refused(closed_demo, capsys, monkeypatch):
    monkeypatch.chdir(closed_demo)
    before = folder_state(closed_demo)
    code, _out, err = run(capsys, "minutes", 1, "--data-dir", closed_demo)
    assert code == 1 and "dossier de données" in err
    assert folder_state(closed_demo) == before


def test_symbolic_and_hard_links_to_the_database_are_seen_through(closed_demo, tmp_path,
                                                                 capsys):
    data = closed_demo
    outside = tmp_path / "dehors"
    outside.mkdir()
    (outside / "lien.pdf").symlink_to(data / DB_FILENAME)
    (outside / "dossier").symlink_to(data, target_is_directory=True)
    os.link(data / DB_FILENAME, outside / "dur.pdf")
    before = digest(data / DB_FILENAME)
    for target in (outside / "lien.pdf", outside / "dossier" / "PV.pdf",
                   outside / "dur.pdf"):
        code, _out, err = run(capsys, "annex", 1, "--data-dir", data, "--out", target,
                              "--force")
        assert code == 1, target
        assert "base de données" in err
    assert digest(data / DB_FILENAME) == before
    assert not (data / "PV.pdf").exists()


def test_the_data_folder_through_a_symlink_is_protected(closed_demo, tmp_path, capsys):
    alias = tmp_path / "alias"
    alias.symlink_to(closed_demo, target_is_directory=True)
    before = folder_state(closed_demo)
    code, _out, err = run(capsys, "minutes", 1, "--data-dir", alias,
                          "--out", closed_demo / "PV.pdf", "--force")
    assert code == 1 and "dossier de données" in err
    assert folder_state(closed_demo) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_needs_force(closed_demo, tmp_path, capsys, command):
    out_dir = tmp_path / "sorties"
    out_dir.mkdir()
    target = out_dir / "existant.pdf"
    target.write_bytes(b"mon rapport")
    code, _out, err = run(capsys, command, 1, "--data-dir", closed_demo, "--out", target)
    assert code == 1
    assert "existe déjà" in err and "--force" in err
    assert target.read_bytes() == b"mon rapport"
    code, out, err = run(capsys, command, 1, "--data-dir", closed_demo, "--out", target,
                         "--force")
    assert code == 0, err
    assert Path(out.strip()) == target.resolve()
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out_dir.iterdir()) == ["existant.pdf"]  # no temp left


def test_a_new_file_is_written_without_force(closed_demo, tmp_path, capsys):
    target = tmp_path / "nouveau.pdf"
    code, out, err = run(capsys, "minutes", 1, "--data-dir", closed_demo, "--out", target)
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


def test_check_output_path_is_one_function_for_every_command(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"db")
    with pytest.raises(CliError, match="dossier de données"):
        check_output_path(data / "x.bin", data, force=True)
    with pytest.raises(CliError, match="est un dossier"):
        check_output_path(tmp_path, data, force=True)
    with pytest.raises(CliError, match=fr("n'existe pas")):
        check_output_path(tmp_path / "absent" / "x.bin", data, force=False)
    assert check_output_path(tmp_path / "x.bin", data, force=False) == tmp_path / "x.bin"


def test_write_atomically_without_overwrite_never_replaces(tmp_path):
    target = tmp_path / "f.bin"
    write_atomically(target, b"one", overwrite=False)
    assert target.read_bytes() == b"one"
    with pytest.raises(FileExistsError):
        write_atomically(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]
    write_atomically(target, b"three")
    assert target.read_bytes() == b"three"
