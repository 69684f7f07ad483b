"""The building blocks that re-create parser-go's Go libraries in Python."""

import pytest

from lichtermeer.engines.publiccode import grapheme, langtags, spdx, urls
from lichtermeer.engines.publiccode.decoder import go_float_text
from lichtermeer.engines.publiccode.files import png_problem


@pytest.mark.parametrize("tag", ["en", "de-DE", "sl-IT-nedis", "zh-Hant-TW", "es-419", "de-1901", "EN-gb",
                                 "x-private", "i-klingon", "zh-yue-HK", "en-US-u-ca-gregory"])
def test_it_accepts_registered_language_tags(tag):
    assert langtags.is_language_tag(tag)


@pytest.mark.parametrize("tag", ["en_GB", "hr_HR", "xxx", "eng", "ger", "no such language", "en-UK",
                                 "de-nedis", "abcd", "", "en-"])
def test_it_rejects_malformed_or_unknown_language_tags(tag):
    assert not langtags.is_language_tag(tag)


@pytest.mark.parametrize(("value", "is_url", "is_http"), [
    ("https://example.org", True, True), ("foobar", False, False), ("???", False, False),
    ("mailto:a@b.c", True, False), ("ftp://host/x", True, False), ("https://", False, False),
    ("https://exa mple.org", False, False), ("http://host:80x", False, False),
])
def test_it_judges_urls_like_go_playground(value, is_url, is_http):
    assert (urls.is_url(value), urls.is_http_url(value)) == (is_url, is_http)


@pytest.mark.parametrize(("value", "problem"), [
    ("https://example.org", None), ("urn:x-custom:id", None), ("1", "uri"), ("pcm", "uri"),
    ("urn:x-italian-pa:pcm", None), ("urn:x-italian-pa:no_such_pa", "italian_pa"), ("urn:bad", "uri"),
])
def test_it_judges_organisation_uris(value, problem):
    assert urls.uri_problem(value, lambda code: code == "pcm") == problem


def test_it_reports_go_style_url_parse_errors():
    assert urls.parse_error("https://x.org/%zz") == 'parse "https://x.org/%zz": invalid URL escape "%zz"'
    assert urls.parse_error(":x") == 'parse ":x": missing protocol scheme'


@pytest.mark.parametrize(("expression", "valid"), [
    ("MIT", True), ("MIT OR Apache-2.0", True), ("GPL-3.0", True), ("LicenseRef-Custom", True),
    ("Apache-2.0 WITH LLVM-exception", True), ("Invalid License", False), ("MIT AND", False), ("", False),
])
def test_it_validates_spdx_expressions(expression, valid):
    assert spdx.is_valid_expression(expression) is valid


@pytest.mark.parametrize(("text", "clusters"), [("abc", 3), ("e\u0301", 1), ("👦🏽", 1), ("🇩🇪🇮🇹", 2),
                                                ("👨\u200d👩\u200d👧", 1), ("a\r\nb", 3)])
def test_it_counts_grapheme_clusters(text, clusters):
    assert grapheme.count(text) == clusters


@pytest.mark.parametrize(("value", "text"), [
    (1.0, "1"), (1.1, "1.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
    (0.00001, "1e-05"), (0.0001, "0.0001"), (-2.5, "-2.5")])
def test_it_formats_floats_like_go(value, text):
    assert go_float_text(value) == text


def test_it_reads_png_widths_like_go_image():
    header = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + (119).to_bytes(4, "big") + bytes(9)
    assert png_problem(b"", "x.png").en == "image: unknown format"
    assert png_problem(header[:12], "x.png").en == "unexpected EOF"
    assert png_problem(header, "x.png").en == "invalid image size of 119 (min 120px of width): x.png"
