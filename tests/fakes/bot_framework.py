"""Fakes of the Bot Framework's sign-in side, as local aiohttp servers on random ports:
the channel's OpenID document and signing keys, and the login endpoint that gives the bot its
own token. Keys and certificates are made at test time; none is committed."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import itertools
import ssl
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.fakes.local_server import LocalServer

ISSUER = "https://api.botframework.com"
APP_ID = "00000000-0000-0000-0000-0000000000a1"
APP_SECRET = "test-client-secret"


class RsaKey:
    """An RSA key pair with a key id, as a Bot Framework signing key."""

    def __init__(self, kid: str, endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.kid = kid
        self.endorsements = endorsements
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict[str, Any]:
        numbers = self.private.public_key().public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "n": _b64(numbers.n),
            "e": _b64(numbers.e),
            "endorsements": list(self.endorsements),
        }

    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(self, claims: dict[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": kid or self.kid})


def channel_claims(service_url: str, **overrides: Any) -> dict[str, Any]:
    """The claims of a Bot Framework channel token for our app, valid for an hour."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + 3600,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class FakeOpenId(LocalServer):
    """The channel's OpenID document and key set; counts every request and can stall."""

    def __init__(self, *keys: RsaKey) -> None:
        self.keys = list(keys)
        self.metadata_requests = 0
        self.keys_requests = 0
        self.stalled = False
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self._metadata)
        app.router.add_get("/v1/keys", self._keys)
        super().__init__(app)

    @property
    def url(self) -> str:
        return str(self._server.make_url("/v1/.well-known/openidconfiguration"))

    @property
    def requests(self) -> int:
        return self.metadata_requests + self.keys_requests

    async def _metadata(self, request: web.Request) -> web.Response:
        self.metadata_requests += 1
        if self.stalled:  # as a slow or hostile network would: no answer for a long time
            await _forever()
        return web.json_response(
            {
                "issuer": ISSUER,
                "jwks_uri": str(self._server.make_url("/v1/keys")),
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def _keys(self, request: web.Request) -> web.Response:
        self.keys_requests += 1
        return web.json_response(
            {"keys": [key.jwk() for key in self.keys]},
            headers={"Cache-Control": "public, max-age=86400"},
        )


async def _forever() -> None:
    await asyncio.Event().wait()


class FakeLogin(LocalServer):
    """The OAuth2 client-credentials endpoint that gives the bot its token."""

    def __init__(self) -> None:
        self.forms: list[dict[str, str]] = []
        self.issued: list[str] = []
        self._ids = itertools.count(1)
        app = web.Application()
        app.router.add_post("/botframework.com/oauth2/v2.0/token", self._token)
        super().__init__(app)

    @property
    def url(self) -> str:
        return str(self._server.make_url("/botframework.com/oauth2/v2.0/token"))

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.forms.append({k: str(v) for k, v in form.items()})
        if (form.get("client_id"), form.get("client_secret")) != (APP_ID, APP_SECRET):
            return web.json_response({"error": "invalid_client"}, status=401)
        token = f"bot-token-{next(self._ids)}"
        self.issued.append(token)
        return web.json_response(
            {"token_type": "Bearer", "expires_in": 3599, "access_token": token}
        )


def self_signed_tls(directory: Path, address: str = "127.0.0.1") -> tuple[ssl.SSLContext, Path]:
    """A server TLS context for ``address`` and the certificate file a client must trust."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fake Bot Connector")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file = directory / "connector.pem"
    key_file = directory / "connector.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file
