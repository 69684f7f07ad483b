"""API token format and hashing: `lm_<prefix>_<secret>`, only sha256(secret) is stored."""

import hashlib
import hmac
import re
import secrets
import string

TOKEN_PREFIX = "lm"  # noqa: S105 (a format marker, not a secret)
PREFIX_LENGTH = 8
SECRET_BYTES = 32
# Upper bound for anything we are willing to parse; real tokens are ~55 characters.
MAX_TOKEN_LENGTH = 128
_ALPHABET = string.ascii_lowercase + string.digits
TOKEN_RE = re.compile(r"^lm_([a-z0-9]{8})_([A-Za-z0-9_-]{20,100})$")


def new_prefix() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(PREFIX_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def format_token(prefix: str, secret: str) -> str:
    return f"{TOKEN_PREFIX}_{prefix}_{secret}"


def split_token(raw: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed token, else None. Never raises on hostile input."""
    if not isinstance(raw, str) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    match = TOKEN_RE.match(raw.strip())
    return (match.group(1), match.group(2)) if match else None


def secret_matches(secret: str, key_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), key_hash)
