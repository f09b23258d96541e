"""reminder workers: who holds a reminder in ``sending``, so a dead sender's rows come back

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import store.types


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reminder_workers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('hostname', sa.String(length=255), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('process_start', sa.String(length=80), nullable=True),
    sa.Column('started_at', store.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_workers')),
    sa.UniqueConstraint('name', name=op.f('uq_reminder_workers_name'))
    )


def downgrade() -> None:
    op.drop_table('reminder_workers')
