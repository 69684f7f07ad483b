"""An HTTP GET that is safe to point at user-supplied URLs (SSRF protection), for all engines.

* only http and https, no credentials in the URL;
* the host name is resolved once and *every* address must be public (no private,
  loopback, link-local, multicast, reserved, unspecified or shared addresses), then the
  connection goes to exactly that vetted address, so DNS rebinding cannot swap it;
* redirects are followed by hand, each hop vetted the same way, at most `max_redirects`;
* a timeout per socket operation and an overall deadline, and a cap on the body size.

`allow_private=True` lifts the address rule (tests use it with a loopback server).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "lichtermeer-netguard/1 (+https://github.com/lichtermeer)"


class FetchError(Exception):
    """The URL was refused or could not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchResult:
    status: int
    url: str  # the final URL after redirects
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """IPv4 addresses hidden in IPv6 spellings (mapped, NAT64, 6to4, Teredo) are vetted too."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            ip = embedded
    if ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local:
        return False
    if ip.is_reserved or ip.is_unspecified:
        return False
    return ip.is_global  # also excludes shared (100.64/10), documentation and benchmark ranges


def _vetted_address(host: str, port: int, allow_private: bool, deadline: float) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    if time.monotonic() > deadline:
        raise FetchError("timeout")
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}")
    if not allow_private:
        refused = [a for a in addresses if not is_public_address(a)]
        if refused:
            raise FetchError(f"refused: {host} resolves to a non-public address ({refused[0]})")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a vetted IP while the Host header keeps the name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to a vetted IP; the certificate is still checked against the host name (SNI)."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _split(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: scheme {parts.scheme!r} is not http or https")
    if not parts.hostname:
        raise FetchError("refused: URL has no host")
    if parts.username is not None or parts.password is not None:
        raise FetchError("refused: credentials in URL")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), target


def _read_limited(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError("timeout")
        chunk = response.read(min(65536, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response larger than {max_bytes} bytes")


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
          max_redirects: int = DEFAULT_MAX_REDIRECTS, allow_private: bool = False,
          headers: dict[str, str] | None = None) -> FetchResult:
    """GET `url` under the rules in the module docstring; raises FetchError when refused or failed."""
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(max_redirects + 1):
        scheme, host, port, target = _split(current)
        address = _vetted_address(host, port, allow_private, deadline)
        remaining = max(0.1, deadline - time.monotonic())
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address, timeout=remaining)
        try:
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, **(headers or {})})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location"))
                continue
            body = _read_limited(response, max_bytes, deadline)
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            return FetchResult(response.status, current, response_headers, body)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(str(exc) or type(exc).__name__) from exc
        finally:
            connection.close()
    raise FetchError(f"too many redirects (more than {max_redirects})")
