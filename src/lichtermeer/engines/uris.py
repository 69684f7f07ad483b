"""One reading of "is this an absolute URI" for the engines' JSON Schema format checks."""

from urllib.parse import urlsplit


def is_absolute_uri(value: str, *, require_host: bool = False) -> bool:
    """A scheme, no whitespace or control characters, a parseable port; http(s) addresses (or all, with
    `require_host`) need a host, where a `urn:` or `mailto:` has none."""
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return False
    if not parts.scheme:
        return False
    return bool(parts.netloc) or not (require_host or parts.scheme in ("http", "https"))
