"""Speed of the PV: 60 attendees, 12 agenda items, 30 recommendations "well under a second".

Run explicitly (benchmarks are not part of the default run):
    .venv/bin/pytest tests/benchmarks/test_documents_bench.py -q -s
The PV is timed against a plain ReportLab document of the same text (built-in Helvetica,
one paragraph per line, no tables, no font embedding) in the same run; the ratio is printed.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))

from sample import build_sample  # noqa: E402

from ccs_desktop.db import models as m  # noqa: E402
from ccs_desktop.db.engine import open_database  # noqa: E402
from ccs_desktop.services.documents import render_minutes  # noqa: E402

RUNS = 7


def _big_meeting(db) -> int:
    ids = build_sample(db, n_attendees=52)  # 8 members + 52 = 60 present
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        for i in range(4, 12):
            s.add(m.AgendaItem(
                committee_id=meeting.committee_id, meeting_id=meeting.id, position=i,
                title=f"Point {i + 1} : situation du village n°{i} et de l'axe routier",
                discussion=("Les membres ont échangé longuement sur la sécurité des foires "
                            "hebdomadaires et sur les vols de bétail. " * 6),
                decisions="Saisir le Préfet ; organiser une patrouille conjointe."))
        for i in range(3, 30):
            s.add(m.Recommendation(
                committee_id=meeting.committee_id, meeting_id=meeting.id,
                text=f"Recommandation {i + 1} : renforcer la présence des FDS sur l'axe "
                     "Tombouctou–Goundam les jours de foire.",
                addressee="Préfet de Goundam", responsible="Commandant de brigade",
                deadline=dt.date(2024, 7, 31)))
        return meeting.id


def _plain_reportlab(lines: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["Normal"]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(escape(line), style)
                                                  for line in lines if line.strip()])
    return buffer.getvalue()


def _median(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_minutes_speed_against_plain_reportlab(tmp_path):
    from pypdf import PdfReader

    db = open_database(tmp_path / "data", create=True)
    try:
        meeting_id = _big_meeting(db)
        pdf = render_minutes(db, meeting_id)  # warm-up: font registration, imports
        reader = PdfReader(io.BytesIO(pdf))
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "Étaient présents : 60 membres" in " ".join(text.split())
        assert "Recommandation 30" in text
        lines = text.splitlines()
        _plain_reportlab(lines)

        ours = _median(lambda: render_minutes(db, meeting_id))
        plain = _median(lambda: _plain_reportlab(lines))
    finally:
        db.close()
    ratio = ours / plain
    print(f"\nPV (60 présents, 12 points, 30 recommandations, {len(reader.pages)} pages) : "
          f"{ours * 1000:.0f} ms (lecture de la base comprise) ; ReportLab simple, même texte : "
          f"{plain * 1000:.0f} ms ; rapport {ratio:.2f}")
    assert ours < 0.5, f"{ours:.3f} s"
