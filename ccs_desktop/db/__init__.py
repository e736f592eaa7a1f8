"""Persistence: the ORM model, the one way to open a database, migrations and search."""
