"""slack replay guard: the Slack requests already taken in

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import store.types


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('slack_seen',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('expires_at', store.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_slack_seen'))
    )
    with op.batch_alter_table('slack_seen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slack_seen_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('slack_seen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_slack_seen_expires_at'))

    op.drop_table('slack_seen')
