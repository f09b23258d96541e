"""Secret links: access to one council's or one person's data by a long random token.

A link is made for a ``kind`` (``calendar``, ``page``, ``export``, …) and a council, a person
or both. The token (``secrets.token_urlsafe(32)``: 256 bits) is handed out once and never
stored: the table keeps its sha256, so a copy of the database opens nothing. A link may
expire and is revoked by setting ``revoked_at``; ``find`` answers None for a wrong, revoked
or expired token alike, so the caller can answer 404 with no hint.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import SecretLink

#: Bytes of randomness in a token: 256 bits, twice the least the rules allow.
TOKEN_BYTES = 32
#: A token is URL-safe base64; anything longer or of other characters is no token of ours.
_MAX_TOKEN_CHARS = 64


def token_hash(token: str) -> str:
    """The sha256 of a token, as kept in the table."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True)
class Issued:
    """A link just made: its token (shown once) and its row."""

    token: str
    link: SecretLink


async def issue(
    session: AsyncSession,
    kind: str,
    *,
    at: datetime,
    council_id: int | None = None,
    person_id: int | None = None,
    subject_id: int | None = None,
    expires_at: datetime | None = None,
) -> Issued:
    """A new link; earlier links of the same kind and owner stay valid (see ``revoke``)."""
    if council_id is None and person_id is None:
        raise ValueError("a secret link belongs to a council or a person")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = SecretLink(
        token_hash=token_hash(token),
        kind=kind,
        council_id=council_id,
        person_id=person_id,
        subject_id=subject_id,
        created_at=at,
        expires_at=expires_at,
    )
    session.add(link)
    await session.flush()
    return Issued(token, link)


async def find(session: AsyncSession, token: str, kind: str, *, now: datetime) -> SecretLink | None:
    """The live link of that kind for a token; None when it is wrong, revoked or expired."""
    if not token or len(token) > _MAX_TOKEN_CHARS:
        return None
    return await session.scalar(
        select(SecretLink).where(
            SecretLink.token_hash == token_hash(token),
            SecretLink.kind == kind,
            SecretLink.revoked_at.is_(None),
            or_(SecretLink.expires_at.is_(None), SecretLink.expires_at > now),
        )
    )


async def revoke(
    session: AsyncSession,
    kind: str,
    *,
    at: datetime,
    council_id: int | None = None,
    person_id: int | None = None,
) -> int:
    """Revoke every live link of a kind for exactly that owner (a council's, a person's, or
    a person's in a council); how many were revoked."""
    result = await session.execute(
        update(SecretLink)
        .where(
            SecretLink.kind == kind,
            SecretLink.council_id.is_(None)
            if council_id is None
            else SecretLink.council_id == council_id,
            SecretLink.person_id.is_(None)
            if person_id is None
            else SecretLink.person_id == person_id,
            SecretLink.revoked_at.is_(None),
        )
        .values(revoked_at=at)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def replace(
    session: AsyncSession,
    kind: str,
    *,
    at: datetime,
    council_id: int | None = None,
    person_id: int | None = None,
) -> Issued:
    """A new link in place of all earlier ones of that kind and owner, which stop working."""
    await revoke(session, kind, at=at, council_id=council_id, person_id=person_id)
    return await issue(session, kind, at=at, council_id=council_id, person_id=person_id)
