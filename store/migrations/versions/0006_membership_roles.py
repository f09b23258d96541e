"""membership roles: a person may hold several roles in a council (issue 13, point 1)

``memberships.role`` stays the primary role that every permission check reads: an officer's
role whenever the person holds one. The other roles go into ``memberships.other_roles`` (a
JSON list of role values, loaded with the membership: no join for any roster query).

Existing rows hold one role each and keep it as their primary one; ``other_roles`` is empty.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import store.types

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('other_roles', store.types.JsonText(), nullable=True))


def downgrade() -> None:
    # Going down keeps the primary role, which carries the permissions; the others are lost.
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('other_roles')
