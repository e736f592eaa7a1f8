"""Two processes creating meetings in the same year on one database: distinct numbers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import select

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.hub import Services

PER_PROCESS = 30

WRITER = textwrap.dedent("""
    import sys, time
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services

    folder, start_at, with_agenda = sys.argv[1], float(sys.argv[2]), sys.argv[3] == "1"
    db = open_database(folder)
    sv = Services(db)
    while time.time() < start_at:  # both writers start together
        time.sleep(0.001)
    for i in range(%d):
        if with_agenda:
            sv.meetings.create_with_agenda(date="2026-05-%%02d" %% (1 + i %% 28))
        else:
            sv.meetings.create(date="2026-06-%%02d" %% (1 + i %% 28))
    db.close()
""" % PER_PROCESS)


def _account_env() -> dict[str, str]:
    """The test account (the database is encrypted) and the switches the children need."""
    keep = ("CCS_USER", "CCS_PASSWORD_FILE", "CCS_TEST_CHEAP_ACCOUNT_KDF", "PYTEST_CURRENT_TEST")
    return {k: os.environ[k] for k in keep if k in os.environ}


def test_two_processes_get_distinct_consecutive_numbers(data_dir: Path):
    import time

    db = open_database(data_dir)
    Services(db).committee.create(level="commune", region="Tombouctou", cercle="Tombouctou",
                                  commune="Alafia")
    db.close()
    root = str(Path(__file__).resolve().parents[2])
    start_at = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), str(start_at),
                               flag], cwd=root, env={"PYTHONPATH": root, "PATH": "/usr/bin",
                                                  **_account_env()},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for flag in ("1", "0")]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err[-3000:]
        assert "UNIQUE" not in err and "Traceback" not in err
    db = open_database(data_dir)
    with db.session() as s:
        numbers = sorted(s.scalars(select(m.Meeting.number).where(
            m.Meeting.year == 2026, m.Meeting.deleted_at.is_(None))))
        refs = set(s.scalars(select(m.Meeting.reference)))
        agenda = s.scalars(select(m.AgendaItem.meeting_id).distinct()).all()
    db.close()
    assert numbers == list(range(1, 2 * PER_PROCESS + 1))
    assert len(refs) == 2 * PER_PROCESS
    assert len(agenda) == PER_PROCESS  # each agenda went with its own meeting, whole
