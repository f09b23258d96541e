"""privacy: people.erased_at, set when a person is forgotten (GDPR art. 17, issue 18)

The row is kept with a pseudonym so that actions, nominations and audit entries keep a doer.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite need not copy ``people`` (whose rows others cascade from).
    op.add_column("people", sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("people", "erased_at")
