"""Lichtermeer's own link policy on top of parser-go's rules."""

import pytest

from lichtermeer.engines.publiccode import parse
from lichtermeer.engines.publiccode.policy import is_public_web_link, unsafe_link_findings

DOCUMENT = """publiccodeYmlVersion: "0"
name: Medusa
url: "%s"
platforms: [web]
"""


@pytest.mark.parametrize("link", ["https://github.com/italia/medusa", "http://example.org/x?y#z",
                                  "https://[2606:4700:4700::1111]/"])
def test_it_accepts_public_web_links(link):
    assert is_public_web_link(link)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1/",
                                  "http://localhost:8000/", "http://printer.local/", "http://10.0.0.8/",
                                  "http://user:pw@example.org/", "https://intranet/", "ftp://example.org/"])
def test_it_refuses_links_a_public_catalogue_must_not_show(link):
    assert not is_public_web_link(link)


def test_it_places_its_findings_like_parser_go():
    result = parse(DOCUMENT % "javascript:alert(1)")
    assert not any(f.key == "url" for f in result.findings)  # parser-go itself accepts the URL
    [finding] = unsafe_link_findings(result)
    assert (finding.key, finding.line, finding.column) == ("url", 3, 1)
    assert finding.description_de.startswith("'javascript:alert(1)' ist nicht erlaubt")
