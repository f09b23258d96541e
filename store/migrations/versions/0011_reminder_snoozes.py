"""reminder_snoozes: "Påminn mig i morgon" on a personal reminder (issue 15 point 9)

One row per (item, person): that person's next reminder of the item goes out at ``until``;
the planner reads it whenever it plans the item again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_snoozes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["councils.id"],
            name=op.f("fk_reminder_snoozes_council_id_councils"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_reminder_snoozes_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_snoozes")),
        sa.UniqueConstraint(
            "subject_type",
            "subject_id",
            "person_id",
            name=op.f("uq_reminder_snoozes_subject_type_subject_id_person_id"),
        ),
    )
    op.create_index(
        op.f("ix_reminder_snoozes_council_id"), "reminder_snoozes", ["council_id"]
    )
    op.create_index(op.f("ix_reminder_snoozes_person_id"), "reminder_snoozes", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_snoozes_person_id"), table_name="reminder_snoozes")
    op.drop_index(op.f("ix_reminder_snoozes_council_id"), table_name="reminder_snoozes")
    op.drop_table("reminder_snoozes")
