"""The CRSS keeps the attendance figures per committee and month (issue 17): the dashboard of
the nation, a region or a cercle reads them instead of counting all the attendance

crss_monthly and crss_monthly_corps hold them (services.crss.monthly recomputes a committee's
rows in the transaction of each write); crss_monthly_stale notes, by triggers on meetings,
attendance and people, the committees a write changed: the dashboard counts from the base
tables while one of its scope is noted. Filled here from what a CRSS's database holds (a
committee's database, which never reads them, keeps them empty).

A later revision that rebuilds meetings, attendance or people (batch_alter_table in "move
and copy" mode) drops these triggers with the old table: it must create them again
(tests/core/test_crss_monthly.py checks they exist at the head).

Revision ID: 0007m
Revises: 0006d
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0007m'
down_revision = '0006d'
branch_labels = None
depends_on = None

HELD = "('held', 'adopted')"
AT_THE_CRSS = "EXISTS (SELECT 1 FROM settings WHERE key = 'mode' AND value = 'crss')"
STALE = "INSERT OR IGNORE INTO crss_monthly_stale (committee_id)"
# (table, event, columns an update must touch, the committees noted)
TRIGGERS = (
    ("meetings", "INSERT", "", ["NEW.committee_id"]),
    ("meetings", "UPDATE", "committee_id, date, status, kind, deleted_at",
     ["OLD.committee_id", "NEW.committee_id"]),
    ("meetings", "DELETE", "", ["OLD.committee_id"]),
    ("attendance", "INSERT", "", ["NEW.committee_id", "(SELECT committee_id FROM meetings "
                                                      "WHERE id = NEW.meeting_id)"]),
    ("attendance", "UPDATE", "committee_id, meeting_id, person_id, status, is_guest, deleted_at",
     ["OLD.committee_id", "NEW.committee_id",
      "(SELECT committee_id FROM meetings WHERE id = OLD.meeting_id)",
      "(SELECT committee_id FROM meetings WHERE id = NEW.meeting_id)"]),
    ("attendance", "DELETE", "", ["OLD.committee_id", "(SELECT committee_id FROM meetings "
                                                      "WHERE id = OLD.meeting_id)"]),
    ("people", "INSERT", "", ["NEW.committee_id"]),
    ("people", "UPDATE", "committee_id, sex, is_youth, category, fds_corps",
     ["OLD.committee_id", "NEW.committee_id"]),
    ("people", "DELETE", "", ["OLD.committee_id"]),
)


def trigger_name(table: str, event: str) -> str:
    return f"trg_crss_monthly_{table}_{event.lower()}"


def upgrade() -> None:
    op.create_table(
        'crss_monthly',
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('meetings', sa.Integer(), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('members_present', sa.Integer(), nullable=False),
        sa.Column('members_recorded', sa.Integer(), nullable=False),
        sa.Column('women', sa.Integer(), nullable=False),
        sa.Column('men', sa.Integer(), nullable=False),
        sa.Column('youth', sa.Integer(), nullable=False),
        sa.Column('fds_meetings', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('committee_id', 'month', name=op.f('pk_crss_monthly')),
    )
    op.create_table(
        'crss_monthly_corps',
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('corps', sa.String(length=32), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('meetings', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('committee_id', 'month', 'corps',
                                name=op.f('pk_crss_monthly_corps')),
    )
    op.create_table(
        'crss_monthly_stale',
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('committee_id', name=op.f('pk_crss_monthly_stale')),
    )
    op.create_index(op.f('ix_crss_monthly_month'), 'crss_monthly', ['month'], unique=False)
    op.create_index(op.f('ix_crss_monthly_corps_month'), 'crss_monthly_corps', ['month'],
                    unique=False)
    for table, event, columns, noted in TRIGGERS:
        of = f" OF {columns}" if columns else ""
        body = " ".join(f"{STALE} SELECT {x} WHERE {x} IS NOT NULL;" for x in noted)
        op.execute(f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event}{of} ON {table} "
                   f"FOR EACH ROW BEGIN {body} END")
    _fill()


def _fill() -> None:
    """At a CRSS, every committee's months, as services.crss.monthly.refresh(conn) computes
    them (a copy: a revision never changes with the code)."""
    op.execute(f"""
INSERT INTO crss_monthly (committee_id, month, meetings, present, members_present,
  members_recorded, women, men, youth, fds_meetings)
SELECT mt.committee_id, substr(mt.date, 1, 7),
  COUNT(DISTINCT CASE WHEN t.status = 'present' THEN t.meeting_id END),
  COALESCE(SUM(CASE WHEN t.status = 'present' THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND t.is_guest IS 0 THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.is_guest IS 0 THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND p.sex = 'F' THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND p.sex = 'H' THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN t.status = 'present' AND p.is_youth IS 1 THEN 1 ELSE 0 END), 0),
  COUNT(DISTINCT CASE WHEN t.status = 'present' AND p.category = 'fds' THEN t.meeting_id END)
FROM meetings mt
LEFT JOIN attendance t ON t.meeting_id = mt.id AND t.deleted_at IS NULL
LEFT JOIN people p ON p.id = t.person_id
WHERE mt.deleted_at IS NULL AND mt.status IN {HELD} AND {AT_THE_CRSS}
GROUP BY mt.committee_id, substr(mt.date, 1, 7)""")
    op.execute(f"""
INSERT INTO crss_monthly_corps (committee_id, month, corps, present, meetings)
SELECT mt.committee_id, substr(mt.date, 1, 7), COALESCE(p.fds_corps, ''), COUNT(*),
  COUNT(DISTINCT t.meeting_id)
FROM attendance t JOIN meetings mt ON mt.id = t.meeting_id
JOIN people p ON p.id = t.person_id
WHERE t.deleted_at IS NULL AND t.status = 'present' AND COALESCE(p.category, '') = 'fds'
  AND mt.deleted_at IS NULL AND mt.status IN {HELD} AND {AT_THE_CRSS}
GROUP BY mt.committee_id, substr(mt.date, 1, 7), COALESCE(p.fds_corps, '')""")


def downgrade() -> None:
    for table, event, _columns, _noted in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)}")
    op.drop_index(op.f('ix_crss_monthly_corps_month'), table_name='crss_monthly_corps')
    op.drop_index(op.f('ix_crss_monthly_month'), table_name='crss_monthly')
    op.drop_table('crss_monthly_stale')
    op.drop_table('crss_monthly_corps')
    op.drop_table('crss_monthly')
