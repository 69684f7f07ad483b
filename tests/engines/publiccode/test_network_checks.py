"""Network mode: parser-go's online checks through an injected fetcher."""

from lichtermeer.engines.netguard import FetchResult
from lichtermeer.engines.publiccode import parse

DOCUMENT = """publiccodeYmlVersion: "0"
name: Medusa
url: "https://github.com/italia/developers.italia.it.git"
landingURL: "https://example.org/landing"
platforms: [web]
developmentStatus: stable
softwareType: library
description:
  en:
    shortDescription: Short.
    longDescription: %s
    features: [One]
legal:
  license: EUPL-1.2
maintenance:
  type: none
localisation:
  localisationReady: true
  availableLanguages: [en]
""" % ("x" * 160)


def png(width: int) -> bytes:
    return (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + width.to_bytes(4, "big")
            + (10).to_bytes(4, "big") + b"\x08\x06\x00\x00\x00")


class StubWeb:
    def __init__(self, pages: dict[str, FetchResult] | None = None):
        self.pages, self.calls = pages or {}, []

    def __call__(self, url: str) -> FetchResult:
        self.calls.append(url)
        return self.pages.get(url, FetchResult(200, url, {}, b"ok"))


def test_it_does_not_touch_the_network_when_network_is_off():
    web = StubWeb()
    assert parse(DOCUMENT, fetch=web).valid
    assert web.calls == []


def test_it_reports_unreachable_urls_like_parser_go():
    web = StubWeb({"https://example.org/landing": FetchResult(404, "https://example.org/landing")})
    finding = parse(DOCUMENT, network=True, fetch=web).findings[0]
    assert (finding.key, finding.line, finding.column) == ("landingURL", 4, 1)
    assert finding.description == ("'https://example.org/landing' not reachable: "
                                   "HTTP GET failed for https://example.org/landing: not found")


def test_it_reports_fetch_failures_with_their_reason():
    def broken(url):
        raise OSError("connection refused")

    descriptions = [f.description for f in parse(DOCUMENT, network=True, fetch=broken).findings]
    assert "'https://example.org/landing' not reachable: HTTP GET failed for https://example.org/landing: " \
           "connection refused" in descriptions


def test_it_asks_a_git_server_when_the_forge_is_unknown(tmp_path):
    text = DOCUMENT.replace("https://github.com/italia/developers.italia.it.git", "https://example.org/code")
    web = StubWeb({"https://example.org/code/info/refs?service=git-upload-pack": FetchResult(404, "")})
    findings = parse(text, network=True, fetch=web, base_dir=str(tmp_path)).findings
    assert [(f.key, f.description) for f in findings] == [("url", "is not a valid code repository")]


def test_it_checks_the_width_of_a_remote_png_logo():
    text = DOCUMENT + "logo: https://example.org/logo.png\n"
    web = StubWeb({"https://example.org/logo.png": FetchResult(200, "", {}, png(50))})
    finding = parse(text, network=True, fetch=web).findings[0]
    assert finding.description == "invalid image size of 50 (min 120px of width): https://example.org/logo.png"


def test_it_finds_relative_files_in_the_repository_when_there_is_no_local_folder():
    web = StubWeb()
    assert parse(DOCUMENT + "logo: img/logo.svg\n", network=True, fetch=web).valid
    assert "https://raw.githubusercontent.com/italia/developers.italia.it/HEAD/img/logo.svg" in web.calls


def test_it_stops_when_relative_files_have_no_known_home():
    text = DOCUMENT.replace("https://github.com/italia/developers.italia.it.git", "https://example.org/a/b")
    findings = parse(text, network=True, fetch=StubWeb()).findings
    assert [f.description for f in findings] == ["failed to get raw URL for code repository at "
                                                 "https://example.org/a/b: unsupported code hosting platform"]


def test_the_default_fetcher_refuses_private_addresses(tmp_path):
    text = DOCUMENT.replace("https://example.org/landing", "http://127.0.0.1:9/").replace(
        "https://github.com/italia/developers.italia.it.git", "http://[::1]/owner/repo.git")
    findings = parse(text, network=True, base_dir=str(tmp_path)).findings
    assert {f.key for f in findings if "refused" in f.description} == {"url", "landingURL"}
