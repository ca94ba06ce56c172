"""Per-user tokens: random, shown once, kept only as a salted PBKDF2 hash.

    >>> token = new_token()
    >>> token.token_id in token.secret
    True
    >>> verify_secret(token.secret, token.salt, token.hashed)
    True

A token reads ``cw_<id>_<secret>``: the id (public) finds the user's row at once, the secret is
checked against the hash in constant time (``hmac.compare_digest``). The tokens are 160 bits
of randomness, so a slow hash is a second line of defence for a stolen database, not the
first; its 60,000 rounds (about 30 ms) are paid once per token and process (the web app
remembers tokens it has checked, by their SHA-256, never in clear).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ROUNDS = 60_000
PREFIX = "cw_"


@dataclass(frozen=True, slots=True)
class NewToken:
    secret: str  # the whole token, to print once
    token_id: str
    salt: str
    hashed: str


def _hash(secret: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8", "surrogatepass"),
                               bytes.fromhex(salt), ROUNDS).hex()


def new_token() -> NewToken:
    token_id = secrets.token_hex(6)
    secret = f"{PREFIX}{token_id}_{secrets.token_urlsafe(20)}"
    salt = secrets.token_hex(16)
    return NewToken(secret=secret, token_id=token_id, salt=salt, hashed=_hash(secret, salt))


def token_id_of(secret: str) -> str | None:
    """The public id inside a token, or None for anything not shaped like one of ours."""
    if not secret.startswith(PREFIX):
        return None
    token_id, sep, rest = secret[len(PREFIX):].partition("_")
    if not sep or not rest or len(token_id) != 12:
        return None
    return token_id


def verify_secret(secret: str, salt: str, hashed: str) -> bool:
    try:
        computed = _hash(secret, salt)
    except ValueError:  # a corrupt salt in the row: no match, never a crash
        return False
    return hmac.compare_digest(computed, hashed)
