"""URL and URI rules as parser-go applies them (Go's net/url + go-playground/validator).

Go's `url.Parse` accepts and rejects slightly different strings than Python's urllib, and
parser-go's verdicts ("must be a valid URL", "is not a valid URI", relative path or URL)
depend on exactly that, so the parts of net/url that matter are re-implemented here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_SCHEME_START = re.compile(r"[A-Za-z]")
_HEX = "0123456789abcdefABCDEF"
# Characters Go allows unescaped in a host name (net/url shouldEscape, encodeHost mode).
_HOST_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:[]<>\"")
# RFC 2141: urn:<NID>:<NSS> (leodido/go-urn, used by validator's urn_rfc2141).
_URN = re.compile(
    r"(?i:urn):(?!(?i:urn):)[A-Za-z0-9][A-Za-z0-9-]{0,31}:"
    r"(?:[A-Za-z0-9()+,\-.:=@;$_!*'/?#]|%[0-9A-Fa-f]{2})+"
)


class URLError(ValueError):
    """What Go's url.Parse returns: `parse "<url>": <reason>`."""


@dataclass(frozen=True)
class GoURL:
    scheme: str = ""
    opaque: str = ""
    host: str = ""
    path: str = ""
    query: str = ""
    fragment: str = ""


def go_quote(text: str) -> str:
    """Go's %q for the strings that occur here (JSON escaping is the same for them)."""
    return json.dumps(text, ensure_ascii=False)


def _split_scheme(raw: str) -> tuple[str, str]:
    for index, char in enumerate(raw):
        if char.isascii() and char.isalpha():
            continue
        if char.isascii() and (char.isdigit() or char in "+-."):
            if index == 0:
                return "", raw
            continue
        if char == ":":
            if index == 0:
                raise ValueError("missing protocol scheme")
            return raw[:index].lower(), raw[index + 1:]
        return "", raw
    return "", raw


def _check_escapes(text: str) -> None:
    index = 0
    while index < len(text):
        if text[index] == "%":
            chunk = text[index:index + 3]
            if len(chunk) < 3 or chunk[1] not in _HEX or chunk[2] not in _HEX:
                raise ValueError(f"invalid URL escape {go_quote(chunk)}")
            index += 3
        else:
            index += 1


def _parse_host(host: str) -> str:
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0:
            raise ValueError("missing ']' in host")
        port = host[end + 1:]
    else:
        colon = host.rfind(":")
        port = host[colon:] if colon >= 0 else ""
    if port and (port[0] != ":" or not all(c.isascii() and c.isdigit() for c in port[1:])):
        raise ValueError(f"invalid port {go_quote(port)} after host")
    _check_escapes(host)
    for char in host:
        if char.isascii() and char not in _HOST_OK and char != "%":
            raise ValueError(f"invalid character {go_quote(char)} in host name")
    return host


def _parse(raw: str, via_request: bool) -> GoURL:
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in raw):
        raise ValueError("net/url: invalid control character in URL")
    if raw == "" and via_request:
        raise ValueError("empty url")
    if raw == "*":
        return GoURL(path="*")
    scheme, rest = _split_scheme(raw)
    if rest.endswith("?") and rest.count("?") == 1:
        rest, query = rest[:-1], ""
    else:
        rest, _, query = rest.partition("?")
    if not rest.startswith("/"):
        if scheme:
            return GoURL(scheme=scheme, opaque=rest, query=query)
        if via_request:
            raise ValueError("invalid URI for request")
        if ":" in rest.partition("/")[0]:
            raise ValueError("first path segment in URL cannot contain colon")
    host = ""
    if (scheme or (not via_request and not rest.startswith("///"))) and rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        rest = slash + path
        host = _parse_host(authority.rpartition("@")[2])
    _check_escapes(rest)
    return GoURL(scheme=scheme, host=host, path=rest, query=query)


def parse(raw: str) -> GoURL:
    """url.Parse: the fragment is split off first and must have valid escapes."""
    without_fragment, hash_sign, fragment = raw.partition("#")
    try:
        parsed = _parse(without_fragment, via_request=False)
    except ValueError as exc:
        raise URLError(f"parse {go_quote(without_fragment)}: {exc}") from exc
    if hash_sign:
        try:
            _check_escapes(fragment)
        except ValueError as exc:
            raise URLError(f"parse {go_quote(raw)}: {exc}") from exc
    return GoURL(parsed.scheme, parsed.opaque, parsed.host, parsed.path, parsed.query, fragment)


def parse_request_uri(raw: str) -> GoURL | None:
    """url.ParseRequestURI: an absolute URI or an absolute path, else None."""
    try:
        return _parse(raw, via_request=True)
    except ValueError:
        return None


def parse_error(raw: str) -> str | None:
    try:
        parse(raw)
    except URLError as exc:
        return str(exc)
    return None


def is_url(value: str) -> bool:
    """go-playground `url` (parser-go's url_url)."""
    text = value.lower()
    if not text:
        return False
    if text.startswith("file:/") and parse_request_uri(text) is not None:
        return True
    try:
        parsed = parse(text)
    except URLError:
        return False
    if not parsed.scheme:
        return False
    if parsed.scheme == "file":
        return parsed.path not in ("", "/")
    return bool(parsed.host or parsed.fragment or parsed.opaque)


def is_http_url(value: str) -> bool:
    """go-playground `http_url` (parser-go's url_http_url)."""
    if not is_url(value):
        return False
    parsed = parse(value.lower())
    return bool(parsed.host) and parsed.scheme in ("http", "https")


def is_web_url(value: str) -> bool:
    """parser-go's internal IsValidURL: an absolute http(s) URL with a host."""
    if parse_request_uri(value) is None:
        return False
    try:
        parsed = parse(value)
    except URLError:
        return False
    return bool(parsed.host) and parsed.scheme in ("http", "https")


def is_urn(value: str) -> bool:
    return _URN.fullmatch(value) is not None


def uri_problem(value: str, ipa_known) -> str | None:
    """None if `value` is an acceptable organisation URI, else "uri" or "italian_pa".

    `ipa_known(code)` says whether an iPA code exists (urn:x-italian-pa:<code>).
    """
    parsed = parse_request_uri(value)
    if parsed is None:
        return "uri"
    if parsed.scheme == "urn":
        if not is_urn(value):
            return "uri"
        if parsed.opaque.lower().startswith("x-italian-pa:"):
            return None if ipa_known(parsed.opaque[len("x-italian-pa:"):]) else "italian_pa"
        return None
    if not parsed.scheme or not parsed.host:
        return "uri"
    return None
