"""decisions: the council's decisions read from its minutes (issue 13, point 6)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import store.types

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('council_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('search_key', sa.Text(), nullable=False),
        sa.Column('section', sa.String(length=20), nullable=True),
        sa.Column('meeting_id', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_decisions_council_id_councils'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], name=op.f('fk_decisions_created_by_id_people'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_decisions_meeting_id_meetings'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
        sa.UniqueConstraint('council_id', 'number', name=op.f('uq_decisions_council_id_number')),
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_council_decided', ['council_id', 'decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_meeting_id'), ['meeting_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_meeting_id'))
        batch_op.drop_index('ix_decisions_council_decided')
    op.drop_table('decisions')
