"""Alembic migrations of the database schema, one revision per file in versions/."""
