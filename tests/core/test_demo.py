"""The demo committee is believable, fictitious and never names a community."""

from __future__ import annotations

import re

from sqlalchemy import func, select, text

from ccs_desktop.db import models as m


def test_demo_holds_two_years_of_believable_records(demo_db):
    with demo_db.session() as s:
        committee = s.scalar(select(m.Committee))
        assert (committee.commune, committee.region, committee.code) == \
            ("Alafia", "Tombouctou", "CCSC-ALAFIA")
        assert committee.is_demo
        meetings = s.scalars(select(m.Meeting)).all()
        assert len(meetings) >= 24
        years = {x.year for x in meetings}
        assert len(years) >= 2
        statuses = {x.status for x in meetings}
        assert {"adopted", "held", "planned"} <= statuses
        not_held = [x for x in meetings if x.status == "not_held"]
        assert all(x.not_held_reason for x in not_held)
        women_present = s.scalar(select(func.count()).select_from(m.Attendance)
                                 .join(m.Person).where(m.Attendance.status == "present",
                                                       m.Person.sex == "F"))
        assert women_present > 0
        categories = set(s.scalars(select(m.Person.category)))
        assert {"fds", "femmes", "jeunes", "traditionnels"} <= categories
        assert s.scalar(select(func.count()).select_from(m.ThreatAssessment)) > 10
        assert s.scalar(select(func.count()).select_from(m.RecommendationFollowup)
                        .where(m.RecommendationFollowup.status == "transmitted",
                               m.RecommendationFollowup.letter_number != "")) > 0
        assert s.scalar(select(func.count()).select_from(m.Activity)) >= 10
        # numbers are unique per year
        pairs = [(x.year, x.number) for x in meetings]
        assert len(pairs) == len(set(pairs))


def test_demo_never_names_a_community(demo_db):
    groups = re.compile(r"\b(peuls?|touaregs?|tamasheq|dogons?|bambaras?|songha\w*|arabes?|"
                        r"bozos?|bellas?|sonink\w*|malink\w*|fulani|ethni\w*)\b")
    with demo_db.engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            cols = [c.name for c in table.columns if str(c.type).startswith(("VARCHAR", "TEXT"))]
            if not cols:
                continue
            for row in conn.execute(text(f"SELECT {', '.join(cols)} FROM {table.name}")):
                joined = " ".join(v for v in row if v).lower()
                assert not groups.search(joined), (table.name, joined[:200])
