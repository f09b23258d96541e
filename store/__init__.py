"""Persistence: SQLAlchemy models, migrations and narrow async repositories.

Nothing in here knows about chat platforms or dialogs; callers pass an open
``AsyncSession`` and own the transaction.
"""
