"""A generated multi-committee CRSS database for the tests and the benchmarks of the CRSS
dashboard (issue 17): tests/core/test_reporting.py's build_crss (register, committees,
monthly meetings, import log) and, by INSERT … SELECT, members, attendance, threats and
their assessments, recommendations and activities (as tests/benchmarks/test_report_bench.py
fills its national database)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from sqlalchemy import text

from ccs_desktop.services.crss import monthly

UUID = "lower(hex(randomblob(16)))"
STAMP = "'2020-01-01 00:00:00.000000'"
SYNC = f"{UUID}, {STAMP}, {STAMP}, 1, 0"  # uuid, created_at, updated_at, version, generation


def build_crss(db: Any, committees: int, years: int, **kw: Any) -> list[dict]:
    path = Path(__file__).parent / "core" / "test_reporting.py"
    spec = importlib.util.spec_from_file_location("reporting_builder_crss_data", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.build_crss(db, committees, years, **kw)


def fill(db: Any, years: int, first_year: int) -> None:
    """Members, attendance, threats (some restricted) and assessments, recommendations (some
    overdue) and activities for every committee; then the monthly figures of every
    committee (services.crss.monthly.refresh)."""
    with db.session() as s:
        s.execute(text(f"""
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
INSERT INTO people (uuid, created_at, updated_at, version, generation, committee_id,
  given_names, family_name, title, sex, is_youth, category, fds_corps, organisation, function,
  phone, is_member, is_active, sort_key)
SELECT {SYNC}, c.id, 'M' || n.i, 'CODE' || n.i, '', CASE WHEN (n.i + c.id) % 4 = 0 THEN 'F'
  ELSE 'H' END, (n.i + c.id) % 5 = 0, CASE WHEN n.i % 6 = 0 THEN 'fds' ELSE 'elus' END,
  CASE WHEN n.i = 6 THEN 'police' WHEN n.i = 12 THEN 'gendarmerie' END, '', '', '', 1,
  n.i != 11, 'code' || n.i
FROM committees c, n"""))
        # the CRSS's monthly figures, as every writer there keeps them (issue 17)
        monthly.refresh(s)
        s.execute(text(f"""
INSERT INTO attendance (uuid, created_at, updated_at, version, generation, committee_id,
  meeting_id, person_id, status, is_guest)
SELECT {SYNC}, mt.committee_id, mt.id, p.id,
  CASE WHEN (p.id + mt.id) % 7 = 0 THEN 'absent' ELSE 'present' END, 0
FROM meetings mt JOIN people p ON p.committee_id = mt.committee_id
WHERE mt.status IN ('held', 'adopted')"""))
        s.execute(text(f"""
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {years * 4}),
ty AS (SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS k FROM threat_types)
INSERT INTO threats (uuid, created_at, updated_at, version, generation, committee_id, title,
  description, type_code, place_kind, place_name, first_reported, likelihood, impact, score,
  level, trend, status, source_category, is_restricted)
SELECT {SYNC}, c.id, 'Menace ' || n.i, '', ty.code, 'village',
  'Village ' || n.i, date('{first_year}-01-01', '+' || (n.i * 90) || ' days'),
  1 + (n.i + c.id) % 5, 1 + (n.i * 3) % 5, (1 + (n.i + c.id) % 5) * (1 + (n.i * 3) % 5),
  CASE WHEN (1 + (n.i + c.id) % 5) * (1 + (n.i * 3) % 5) >= 17 THEN 'critical'
       WHEN (1 + (n.i + c.id) % 5) * (1 + (n.i * 3) % 5) >= 10 THEN 'high'
       WHEN (1 + (n.i + c.id) % 5) * (1 + (n.i * 3) % 5) >= 5 THEN 'medium' ELSE 'low' END,
  'stable', CASE WHEN (n.i + c.id) % 3 = 0 THEN 'resolved' ELSE 'active' END, 'population',
  n.i % 11 = 0
FROM committees c, n JOIN ty ON ty.k = (n.i + c.id) % 5"""))
        s.execute(text(f"""
INSERT INTO threat_assessments (uuid, created_at, updated_at, version, generation,
  committee_id, threat_id, date, likelihood, impact, score, trend, note)
SELECT {SYNC}, t.committee_id, t.id, date(t.first_reported, '+' || k.d || ' days'),
  t.likelihood, t.impact, MAX(1, t.score - k.d / 60), 'stable', ''
FROM threats t, (SELECT 0 AS d UNION ALL SELECT 60 UNION ALL SELECT 200) k"""))
        s.execute(text(f"""
INSERT INTO recommendations (uuid, created_at, updated_at, version, generation, committee_id,
  text, meeting_id, addressee, responsible, deadline, priority, status, status_date)
SELECT {SYNC}, mt.committee_id, 'Renforcer les patrouilles', mt.id,
  CASE mt.id % 3 WHEN 0 THEN 'Préfet' WHEN 1 THEN 'Maire' ELSE 'Gendarmerie' END, '',
  date(mt.date, '+' || (30 + mt.id % 5 * 30) || ' days'), 'normal',
  CASE mt.id % 4 WHEN 0 THEN 'implemented' WHEN 1 THEN 'in_progress' ELSE 'transmitted' END,
  CASE mt.id % 4 WHEN 0 THEN date(mt.date, '+' || (10 + mt.id % 50) || ' days') END
FROM meetings mt WHERE mt.status IN ('held', 'adopted')"""))
        s.execute(text(f"""
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {years * 2})
INSERT INTO activities (uuid, created_at, updated_at, version, generation, committee_id, date,
  kind, title, description, place, reached_men, reached_women, reached_young_men,
  reached_young_women, partner)
SELECT {SYNC}, c.id, date('{first_year}-01-15', '+' || (n.i * 182 + c.id) || ' days'),
  'awareness', 'Sensibilisation', '', '', 20 + c.id % 7, 15, 10, 8 + n.i % 3, ''
FROM committees c, n"""))
        # the CRSS's monthly figures, as every writer there keeps them (issue 17)
        monthly.refresh(s)
