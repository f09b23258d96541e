"""A council's open actions are listed in the order of their index, and counted from it

``ix_actions_council_status_due`` (council, status, deadline) becomes
``ix_actions_council_status_due_number`` (council, status, deadline, number, whether the
deadline has a time, whether it is for everyone, id): the order a list shows (earliest
deadline first, undated last, then by number), so PostgreSQL reads a list's first page from
the index and stops there, and counts the list (the overdue ones too) from the index alone;
``actions mine`` tells the sender's own actions among their councils' by the index alone.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_actions_council_status_due_number",
        "actions",
        ["council_id", "status", "due_at", "number", "due_has_time", "for_everyone", "id"],
    )
    op.drop_index("ix_actions_council_status_due", table_name="actions")


def downgrade() -> None:
    op.create_index("ix_actions_council_status_due", "actions", ["council_id", "status", "due_at"])
    op.drop_index("ix_actions_council_status_due_number", table_name="actions")
