"""Attachment names are reduced to a safe base name at creation and again when exported; an
export goes only to the folder the user chose, never to the temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from ccs_desktop.services.attachments import safe_base_name
from ccs_desktop.services.hub import Services

HOSTILE = ["../../x.pdf", "/etc/passwd", "..\\..\\evil.exe", "C:\\Windows\\win.ini",
           "C:evil.pdf", "\\\\serveur\\partage\\scan.jpg", "//serveur/partage/scan.jpg",
           "CON", "nul.txt", "COM1.tar.gz", "LPT9", "a\x00b.pdf", "ligne\nsuite.pdf",
           "\x1b[31mrouge.pdf", "..", ".", "", "   ", "scan.pdf.", "scan.pdf:flux",
           "x" * 400 + ".pdf", "dossier/", "a/b/../../c.png"]


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_base_name_stays_a_plain_name(name):
    safe = safe_base_name(name)
    assert safe and safe not in (".", "..")
    assert "/" not in safe and "\\" not in safe and ":" not in safe
    assert all(ch.isprintable() for ch in safe)
    assert not Path(safe).is_absolute() and Path(safe).name == safe
    assert safe.split(".")[0].upper() not in {"CON", "NUL", "COM1", "LPT9", "PRN", "AUX"}
    assert len(safe) <= 150
    assert not safe.endswith((".", " "))


def test_safe_base_name_keeps_the_name_and_extension():
    assert safe_base_name("PV signé 2024.pdf") == "PV signé 2024.pdf"
    assert safe_base_name("../../scan.JPG") == "scan.JPG"
    assert safe_base_name("x" * 400 + ".pdf").endswith(".pdf")
    assert safe_base_name(None) == "piece-jointe"


@pytest.fixture
def sv(committee_db):
    return Services(committee_db)


def test_names_are_made_safe_at_creation(sv):
    meeting = sv.meetings.create_with_agenda(date="2024-04-12")
    sv.meetings.mark_held(meeting.id)
    later = sv.meetings.create_with_agenda(date="2024-05-10")
    sv.meetings.adopt(meeting.id, later.id, scan=("../../../etc/cron.d/pv.jpg", b"\xff\xd8x"))
    [row] = sv.attachments.list_for(meeting_id=meeting.id)
    assert row.filename == "pv.jpg"
    assert row.mime_type == "image/jpeg"


@pytest.mark.parametrize("stored", ["../../x", "/etc/x", "..\\..\\x.pdf", "C:\\x.pdf",
                                    "\\\\srv\\share\\x.pdf", "CON", "..", "a\x00/../b"])
def test_exporting_a_hostile_stored_name_writes_inside_the_chosen_folder(sv, tmp_path, stored):
    activity = sv.activities.create(title="Causerie", date="2024-03-02")
    scan = tmp_path / "photo.jpg"
    scan.write_bytes(b"\xff\xd8 photo")
    att = sv.attachments.add_file(scan, activity_id=activity.id)
    # a restored backup or an imported file can carry any name: set it behind the service
    with sv.db.engine.begin() as conn:
        conn.execute(text("UPDATE attachments SET filename = :f WHERE id = :i"),
                     {"f": stored, "i": att.id})
    base = tmp_path / "chosen" / "folder"
    base.mkdir(parents=True)
    outside_before = set(os.listdir(tmp_path))
    path = sv.attachments.open_copy(att.id, folder=base)
    assert path.read_bytes() == b"\xff\xd8 photo"
    assert path.parent.resolve() == base.resolve()
    assert path.name == safe_base_name(stored)
    assert set(os.listdir(tmp_path)) == outside_before
    # no temporary file left beside it (the write is atomic: temp file, then rename)
    assert os.listdir(base) == [path.name]
    # the name typed in the save dialog is made safe too
    again = sv.attachments.open_copy(att.id, folder=base, name="../../ailleurs.jpg")
    assert again == base / "ailleurs.jpg"


def test_there_is_no_default_folder_and_nothing_goes_to_the_temp_folder(sv, tmp_path,
                                                                        monkeypatch):
    """Before issue 11 a copy went to the system's temporary folder and stayed there."""
    import tempfile

    from ccs_desktop.services import attachments as service
    from ccs_desktop.services.errors import UserError

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    activity = sv.activities.create(title="Causerie", date="2024-03-02")
    scan = tmp_path / "photo.jpg"
    scan.write_bytes(b"\xff\xd8 photo")
    att = sv.attachments.add_file(scan, activity_id=activity.id)
    for folder in (None, "", "   "):
        with pytest.raises(UserError, match="dossier"):
            sv.attachments.open_copy(att.id, folder)
    with pytest.raises(UserError, match="dossier"):
        sv.attachments.open_copy(att.id, tmp_path / "absent")
    assert list(temp.iterdir()) == []
    assert not hasattr(service, "attachments_temp_dir")


def test_a_damaged_attachment_is_not_exported(sv, tmp_path):
    from ccs_desktop.services.errors import UserError

    activity = sv.activities.create(title="Causerie", date="2024-03-02")
    scan = tmp_path / "photo.jpg"
    scan.write_bytes(b"\xff\xd8 photo")
    att = sv.attachments.add_file(scan, activity_id=activity.id)
    with sv.db.engine.begin() as conn:
        conn.execute(text("UPDATE attachments SET data = :d WHERE id = :i"),
                     {"d": b"\xff\xd8 autre", "i": att.id})
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="endommagée"):
        sv.attachments.open_copy(att.id, out)
    with pytest.raises(UserError, match="endommagée"):
        sv.attachments.data(att.id)
    assert list(out.iterdir()) == []
