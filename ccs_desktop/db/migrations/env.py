"""Alembic environment, packaged: no fileConfig, the connection comes from the caller."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from ccs_desktop.db import models  # noqa: F401  (fills the metadata)
from ccs_desktop.db.base import Base
from ccs_desktop.db.search import is_fts_table

target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    if type_ == "table" and name and is_fts_table(name):
        return False
    return True


def _configure(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )


connection = context.config.attributes.get("connection")
if connection is None:
    # developer use: `alembic -x url=sqlite:///file revision --autogenerate`
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite://")
    engine = create_engine(url)
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
else:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()
