"""Every document renders from the demo generator's data (realistic, fictitious)."""

from __future__ import annotations

import pytest
from pdftext import flat, pdf_pages, pdf_text
from sqlalchemy import select

from ccs_desktop.db import models as m
from ccs_desktop.services import documents as d
from ccs_desktop.services.demo import generate_demo
from ccs_desktop.services.errors import UserError


def test_documents_of_demo_meetings(db):
    generate_demo(db, seed=3, committees=1, years=1)
    with db.session() as s:
        meetings = s.execute(select(m.Meeting.id, m.Meeting.status)
                             .where(m.Meeting.deleted_at.is_(None))
                             .order_by(m.Meeting.date)).all()
    one_per_status = {status: mid for mid, status in meetings}
    assert "adopted" in one_per_status
    for status, mid in one_per_status.items():
        if status == "planned":  # no PV for a meeting not yet held (issue 14)
            with pytest.raises(UserError, match="encore prévue"):
                d.render_minutes(db, mid)
        else:
            pages = pdf_pages(d.render_minutes(db, mid))
            assert all("DONNÉES FICTIVES" in page for page in pages)
            # a held meeting's PV is a draft until adopted; a note of non-tenue never is
            assert all(("PROJET" in page) == (status == "held") for page in pages)
        for render in (d.render_annex, d.render_convocation, d.render_attendance_sheet):
            assert "DONNÉES FICTIVES" in pdf_text(render(db, mid))
    adopted = one_per_status["adopted"]
    frozen = d.freeze_adopted_minutes(db, adopted)
    assert d.minutes_pdf_for_print(db, adopted) == frozen.pdf
    assert "L'an deux mille" in flat(pdf_text(frozen.pdf))
