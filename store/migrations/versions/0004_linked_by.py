"""chat identities: how each account was linked (only a verified link carries officer powers,
but in a council the account founded, which councils now remember)

Every row linked before this revision becomes 'legacy': nothing tells whether it came from a
verified e-mail or from a name someone claimed (``iam`` let anyone claim an officer until
issue 12), so none is taken as proof. A plain member notices nothing; an officer whose platform
vouches for the e-mail on the roster is verified again on their next message, and any other
officer is told to get linked by e-mail or by another officer's ``member link``. A council
learns its founder's account from the log of its creation, when the person who created it has
exactly one chat account: that account keeps its office in that council only, as a council
created from now on does; any other council's founder is left empty.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('chat_identities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('linked_by', sa.Enum('email', 'member_link', 'operator', 'creator', 'iam', 'display_name', 'legacy', name='linkedby', native_enum=False, length=24), server_default='legacy', nullable=False))

    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.add_column(sa.Column('founder_identity_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_councils_founder_identity_id'), ['founder_identity_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_councils_founder_identity_id_chat_identities'), 'chat_identities', ['founder_identity_id'], ['id'], ondelete='SET NULL')

    founders = (
        "FROM chat_identities ci JOIN audit_events a ON a.actor_person_id = ci.person_id"
        " WHERE a.verb = 'create' AND a.subject_type = 'council' AND a.subject_id = councils.id"
    )
    op.execute(
        f"UPDATE councils SET founder_identity_id = (SELECT MIN(ci.id) {founders})"
        f" WHERE (SELECT COUNT(*) {founders}) = 1"
    )


def downgrade() -> None:
    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_councils_founder_identity_id_chat_identities'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_councils_founder_identity_id'))
        batch_op.drop_column('founder_identity_id')

    with op.batch_alter_table('chat_identities', schema=None) as batch_op:
        batch_op.drop_column('linked_by')
