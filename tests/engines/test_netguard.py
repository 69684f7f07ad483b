"""netguard.fetch: SSRF-safe GET, tested against a loopback HTTP server."""

import contextlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lichtermeer.engines import netguard
from lichtermeer.engines.netguard import FetchError, fetch, is_public_address


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", location: str | None = None) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may stop reading on purpose (size cap, timeout).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self):
        port = self.server.server_address[1]
        routes = {
            "/ok": lambda: self._send(200, b"hello"),
            "/host": lambda: self._send(200, self.headers["Host"].encode()),
            "/big": lambda: self._send(200, b"x" * 100_000),
            "/loop": lambda: self._send(302, location="/loop"),
            "/to-ok": lambda: self._send(301, location="/ok"),
            "/to-file": lambda: self._send(302, location="file:///etc/passwd"),
            "/to-other": lambda: self._send(302, location=f"http://127.0.0.2:{port}/ok"),
        }
        if self.path == "/slow":
            time.sleep(1.5)
            return self._send(200, b"late")
        routes.get(self.path, lambda: self._send(404, b"missing"))()


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_it_fetches_from_loopback_only_when_private_addresses_are_allowed(server):
    result = fetch(f"{server}/ok", allow_private=True)
    assert (result.status, result.body) == (200, b"hello")
    with pytest.raises(FetchError, match="refused"):
        fetch(f"{server}/ok")


def test_it_returns_error_statuses_instead_of_raising(server):
    assert fetch(f"{server}/nothing", allow_private=True).status == 404


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "http:///nohost",
                                 "http://user:secret@example.org/"])
def test_it_refuses_other_schemes_and_credentials(url):
    with pytest.raises(FetchError, match="refused"):
        fetch(url, allow_private=True)


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1",  # noqa: S104
                                     "fc00::1",
                                     "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::"])
def test_it_treats_internal_addresses_as_non_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111"])
def test_it_treats_internet_addresses_as_public(address):
    assert is_public_address(address)


def test_it_follows_redirects_and_reports_the_final_url(server):
    result = fetch(f"{server}/to-ok", allow_private=True)
    assert (result.status, result.url) == (200, f"{server}/ok")


def test_it_stops_redirect_loops(server):
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{server}/loop", allow_private=True, max_redirects=3)


def test_it_refuses_redirects_to_other_schemes(server):
    with pytest.raises(FetchError, match="scheme"):
        fetch(f"{server}/to-file", allow_private=True)


def test_it_vets_every_redirect_hop(server, monkeypatch):
    # Pretend 127.0.0.1 is public: the first hop passes, the redirect to 127.0.0.2 must not.
    monkeypatch.setattr(netguard, "is_public_address", lambda address: address == "127.0.0.1")
    assert fetch(f"{server}/ok").status == 200
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.2"):
        fetch(f"{server}/to-other")


def test_it_connects_to_the_vetted_address_and_keeps_the_host_name(server, monkeypatch):
    real = socket.getaddrinfo
    calls = []

    def resolve(host, *args, **kwargs):
        calls.append(host)
        return real("127.0.0.1" if host == "rebind.test" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    port = server.rsplit(":", 1)[1]
    result = fetch(f"http://rebind.test:{port}/host", allow_private=True)
    assert result.body == f"rebind.test:{port}".encode()
    # Resolved once; the connection then goes to the vetted literal address (no rebinding window).
    assert calls.count("rebind.test") == 1
    assert set(calls) <= {"rebind.test", "127.0.0.1"}


def test_it_caps_the_body_size(server):
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        fetch(f"{server}/big", allow_private=True, max_bytes=1000)


def test_it_times_out(server):
    started = time.monotonic()
    with pytest.raises(FetchError):
        fetch(f"{server}/slow", allow_private=True, timeout=0.3)
    assert time.monotonic() - started < 1.4


def test_it_reports_unresolvable_hosts():
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch("http://does-not-exist.invalid/", allow_private=True)
