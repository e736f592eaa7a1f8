"""Finding a meeting from what the user types, and the `ccs` document commands."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from french import fr  # tests/french.py: the catalog's typography
from pdftext import flat, pdf_text

from ccs_desktop import cli
from ccs_desktop.db import models as m
from ccs_desktop.services.documents import resolve_meeting
from ccs_desktop.services.errors import NotFound, UserError

ROOT = Path(__file__).resolve().parents[2]


def test_resolve_by_id_uuid_and_number_year(shared_sample):
    db, ids = shared_sample
    mid = ids["meeting_id"]
    assert resolve_meeting(db, mid) == mid
    assert resolve_meeting(db, str(mid)) == mid
    assert resolve_meeting(db, ids["meeting_uuid"]) == mid
    assert resolve_meeting(db, ids["meeting_uuid"].upper()) == mid
    assert resolve_meeting(db, "3/2024") == mid
    assert resolve_meeting(db, " 003 / 2024 ") == mid


def test_unknown_meeting_lists_what_exists(shared_sample):
    db, _ids = shared_sample
    with pytest.raises(NotFound) as err:
        resolve_meeting(db, "7/2031")
    message = str(err.value)
    assert fr("Réunion « 7/2031 » introuvable") in message
    assert "3/2024 CCSC-ALAFIA" in message and "12 avril 2024" in message
    with pytest.raises(NotFound):
        resolve_meeting(db, "999")
    with pytest.raises(UserError, match="non reconnue"):
        resolve_meeting(db, "la réunion d'avril")


def test_same_number_in_two_committees_is_ambiguous_unless_one_is_ours(sample):
    db, ids = sample
    with db.session() as s:
        other = m.Committee(level="commune", region="Tombouctou", cercle="Diré",
                            commune="Ber", code="CCSC-BER", name="CCS de Ber")
        s.add(other)
        s.flush()
        s.add(m.Meeting(committee_id=other.id, number=3, year=2024, date=dt.date(2024, 4, 2)))
    # the own committee (setting committee_uuid) wins
    assert resolve_meeting(db, "3/2024") == ids["meeting_id"]
    with db.session() as s:
        s.get(m.Setting, "committee_uuid").value = "none"
    with pytest.raises(UserError, match="ambiguë") as err:
        resolve_meeting(db, "3/2024")
    assert "CCSC-BER" in str(err.value) and "CCSC-ALAFIA" in str(err.value)


@pytest.mark.parametrize("command, marker", [
    (["minutes"], "PROCÈS-VERBAL DE LA RÉUNION ORDINAIRE"),
    (["annex"], "ANNEXE À DIFFUSION RESTREINTE"),
    (["convocation"], "DÉCHARGE DES CONVOCATIONS"),
    (["attendance-sheet", "--phone"], "Téléphone"),
])
def test_cli_writes_the_pdf_and_prints_its_absolute_path(sample, tmp_path, capsys, command,
                                                         marker, monkeypatch):
    db, _ids = sample
    data_dir = str(db.data_dir)
    tmp_path = tmp_path / "sorties"
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    code = cli.main([command[0], "3/2024", "--data-dir", data_dir, "--out", "sortie.pdf",
                     *command[1:]])
    out, err = capsys.readouterr()
    assert code == 0, err
    path = Path(out.strip())
    assert path.is_absolute() and path == tmp_path / "sortie.pdf"
    assert marker in flat(pdf_text(path.read_bytes()))
    assert [p.name for p in tmp_path.iterdir()] == ["sortie.pdf"]  # no temp file left


def test_cli_unknown_meeting_is_a_french_error(sample, capsys, tmp_path):
    db, _ids = sample
    code = cli.main(["minutes", "12/1999", "--data-dir", str(db.data_dir),
                     "--out", str(tmp_path / "x.pdf")])
    _out, err = capsys.readouterr()
    assert code == 1
    assert fr("Réunion « 12/1999 » introuvable") in err and "Réunions existantes" in err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_default_output_name_and_missing_folder(sample, tmp_path, capsys, monkeypatch):
    db, _ids = sample
    monkeypatch.chdir(tmp_path)
    assert cli.main(["minutes", "3/2024", "--data-dir", str(db.data_dir)]) == 0
    assert (tmp_path / "PV_003_2024_CCSC-ALAFIA.pdf").is_file()  # as the archive names it
    capsys.readouterr()
    code = cli.main(["minutes", "3/2024", "--data-dir", str(db.data_dir),
                     "--out", str(tmp_path / "absent" / "x.pdf")])
    assert code == 1
    assert fr("n'existe pas") in capsys.readouterr().err


def test_cli_in_a_subprocess(sample, tmp_path):
    db, _ids = sample
    out = tmp_path / "PV 003 é.pdf"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ccs_desktop.cli", "minutes", "3/2024", "--data-dir",
         str(db.data_dir), "--out", str(out)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert "PV N°003/2024/CCSC-ALAFIA" in flat(pdf_text(out.read_bytes()))
    missing = subprocess.run(
        [sys.executable, "-m", "ccs_desktop.cli", "annex", "nimporte", "--data-dir",
         str(db.data_dir)], capture_output=True, text=True, encoding="utf-8", env=env,
        cwd=tmp_path, timeout=60)
    assert missing.returncode == 1
    assert "non reconnue" in missing.stderr


def test_cli_minutes_of_a_planned_meeting_exits_1_in_french(sample, capsys, tmp_path):
    db, ids = sample
    with db.session() as s:
        s.get(m.Meeting, ids["meeting_id"]).status = "planned"
    out = tmp_path / "pv.pdf"
    code = cli.main(["minutes", "3/2024", "--data-dir", str(db.data_dir), "--out", str(out)])
    assert code == 1
    assert "est encore prévue" in capsys.readouterr().err
    assert not out.exists()
