"""owner_groups: groups a council has had as action owners ("kansliet"), not asked about again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'owner_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('council_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_owner_groups_council_id_councils'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_owner_groups')),
        sa.UniqueConstraint('council_id', 'key', name=op.f('uq_owner_groups_council_id_key')),
    )


def downgrade() -> None:
    op.drop_table('owner_groups')
