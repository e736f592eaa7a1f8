"""A meeting's search covers its agenda: titles, discussions and decisions (issue 15)

The search entry of each meeting gets the folded words of its live agenda items (never the
restricted notes); from now on db.search keeps them when an item changes. Downgrading leaves
those words in the entries (a search then finds a meeting by its agenda too, nothing else
changes); the next rebuild of the index drops them.

Revision ID: 0005m
Revises: 0004
Create Date: 2026-12-01
"""
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from ccs_desktop.domain.text import fold


revision = '0005m'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    texts: dict[int, list[str]] = defaultdict(list)
    for meeting_id, *parts in conn.execute(sa.text(
            "SELECT meeting_id, title, discussion, decisions FROM agenda_items "
            "WHERE deleted_at IS NULL ORDER BY meeting_id, position")):
        texts[meeting_id].extend(p for p in parts if p)
    for meeting_id, parts in texts.items():
        body = conn.execute(sa.text("SELECT body FROM fts_meetings WHERE rowid = :id"),
                            {"id": meeting_id}).scalar()
        if body is None or not parts:
            continue
        conn.execute(sa.text("INSERT OR REPLACE INTO fts_meetings(rowid, body) "
                             "VALUES (:id, :body)"),
                     {"id": meeting_id, "body": f"{body} {fold(' '.join(parts))}".strip()})
    op.execute("INSERT INTO fts_meetings(fts_meetings) VALUES ('optimize')")


def downgrade() -> None:
    pass  # the agenda's words stay in the entries (see above)
