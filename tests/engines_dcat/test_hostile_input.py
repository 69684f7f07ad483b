"""Broken and hostile input: one clear per-file error with its place, never an exception, never the network."""

import http.server
import socketserver
import threading
import time

import pyoxigraph as ox
import pytest

from engines_dcat.make_expected import DATA
from lichtermeer.engines.dcat import MAX_BYTES, validate, validate_bytes, validate_file
from lichtermeer.engines.dcat.parse import MAX_XML_DEPTH

RDF_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:dct="http://purl.org/dc/terms/" xmlns:dcat="http://www.w3.org/ns/dcat#">')

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
""" + RDF_HEAD + """
<dcat:Dataset rdf:about="http://example.org/d"><dct:title>&g;</dct:title></dcat:Dataset>
</rdf:RDF>
"""


def test_the_official_dataservice_example_is_a_clear_per_file_syntax_error(profile):
    report = validate([DATA / "examples-3.0" / "DataService.ttl", DATA / "examples-3.0" / "DatasetSeries.ttl"],
                      profile=profile)
    broken, fine = report.files
    assert broken.results == [] and not broken.conforms
    assert broken.error.de == ("DataService.ttl:13:1: Turtle-Syntaxfehler: "
                               "A dot is expected at the end of statements")
    assert broken.error.en.startswith("DataService.ttl:13:1: Turtle syntax error")
    assert fine.error is None and fine.violations == 5  # the next file is validated all the same


def test_a_text_line_before_the_turtle_is_reported_at_line_1():
    report = validate_file(DATA / "examples-3.0" / "2024-02-22_UAG_Beispieldatensatz_v1.ttl")
    assert report.error.en.startswith("2024-02-22_UAG_Beispieldatensatz_v1.ttl:1:1: Turtle syntax error")


def test_malformed_xml_is_reported_with_line_and_column():
    report = validate_file(DATA / "harvest-fixtures" / "sh-dcat-catalog-proxy" / "invalid_iri.xml")
    assert report.error.de.startswith("invalid_iri.xml:51:")
    assert "XML-Syntaxfehler" in report.error.de


@pytest.mark.parametrize(("relative", "bad_iri"), [
    ("harvest-fixtures/ckanext-dcatde/metadata_max.rdf", "tel:+49 40 4 28 40 - 3494"),
    ("harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf",
     "http://www.geoportal.rlp.de:80/portal/karten.html?LAYER[zoom]=1&LAYER[id]=38836"),
])
def test_invalid_iris_in_real_data_are_accepted_leniently_and_reported(relative, bad_iri, profile):
    data = (DATA / relative).read_bytes()
    with pytest.raises(SyntaxError, match="Invalid IRI code point"):  # why lenient parsing is needed
        list(ox.parse(data, format=ox.RdfFormat.RDF_XML, base_iri="file:///x.rdf"))
    report = validate_bytes(relative.rsplit("/", 1)[1], data, profile=profile)
    assert report.error is None and report.results  # validated (and equal to pySHACL, see test_matches_pyshacl)
    assert len(report.warnings) == 1
    assert f"<{bad_iri}>" in report.warnings[0].de
    assert "ungültige IRI" in report.warnings[0].de


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.ttl"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written, nothing must be read
    report = validate_file(big)
    assert report.error.en == f"big.ttl: file too large: {MAX_BYTES + 1} bytes (maximum {MAX_BYTES})"
    assert validate_bytes("big.ttl", b" " * (MAX_BYTES + 1)).error.de.startswith("big.ttl: Datei zu groß")


def test_a_missing_file_is_a_per_file_error(tmp_path):
    report = validate([tmp_path / "nope.ttl"])
    assert report.files[0].error.en.startswith("nope.ttl: cannot read the file")
    assert report.has_errors


def test_rdfxml_entity_expansion_is_refused_quickly():
    # Without the guard pyoxigraph expands this into a 5.9 GB literal.
    started = time.monotonic()
    report = validate_bytes("laughs.rdf", BILLION_LAUGHS.encode())
    assert time.monotonic() - started < 2
    assert report.error.en.startswith("laughs.rdf:3:")  # the line of the first declaration
    assert report.error.en.endswith(": XML entity declarations (<!ENTITY …>) are refused "
                                    "(protection against entity expansion)")
    assert report.results == []


def test_entity_declarations_are_refused_in_utf16_too():
    report = validate_bytes("laughs.rdf", BILLION_LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
                            .encode("utf-16"))
    assert report.error is not None
    assert "<!ENTITY" in report.error.en


def test_external_entities_are_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n{RDF_HEAD}'
            '<dcat:Dataset rdf:about="http://example.org/d"><dct:title>&x;</dct:title></dcat:Dataset></rdf:RDF>')
    report = validate_bytes("external.rdf", data.encode())
    assert report.error is not None and "SECRET" not in report.error.en
    assert report.error.de.startswith("external.rdf:2:")


def test_deeply_nested_rdfxml_is_refused_quickly():
    # pyoxigraph's RDF/XML time grows with the square of the depth (20,000 levels: 2.7 s; 25 MiB: hours).
    depth = 50_000
    data = (RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a">'
            + "<dct:hasPart><rdf:Description>" * depth + "</rdf:Description></dct:hasPart>" * depth
            + "</rdf:Description></rdf:RDF>").encode()
    started = time.monotonic()
    report = validate_bytes("deep.rdf", data)
    assert time.monotonic() - started < 2
    assert report.error.en.startswith("deep.rdf:1:")
    assert report.error.en.endswith(f": XML nested deeper than {MAX_XML_DEPTH} elements")


def test_deep_turtle_and_json_ld_do_not_crash():
    turtle = ("<http://example.org/a> <http://example.org/p> " + "[ <http://example.org/p> " * 20_000 + "1"
              + " ]" * 20_000 + " .").encode()
    assert validate_bytes("deep.ttl", turtle).triples == 20_001
    json_ld = ('{"@id": "http://example.org/a", "http://example.org/p": ' * 100_000 + "1" + "}" * 100_000).encode()
    report = validate_bytes("deep.jsonld", json_ld)
    assert report.error is not None and "JSON-LD" in report.error.en


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {"title": "http://purl.org/dc/terms/title"}}')

    def log_message(self, *_args):
        pass


def test_json_ld_with_a_remote_context_never_touches_the_network():
    with socketserver.TCPServer(("127.0.0.1", 0), _CountingHandler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/context.jsonld"
            data = f'{{"@context": "{url}", "@id": "http://example.org/d", "title": "x"}}'.encode()
            report = validate_bytes("remote.jsonld", data)
        finally:
            server.shutdown()
    assert _CountingHandler.hits == []
    assert report.error.en.startswith("remote.jsonld: JSON-LD refers to a remote @context, which is never fetched")
    assert report.error.de.startswith("remote.jsonld: JSON-LD verweist auf einen entfernten @context")


def test_json_ld_with_an_inline_context_is_validated(profile):
    data = (b'{"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},'
            b' "@id": "http://example.org/d", "@type": "dcat:Dataset", "dct:title": "Titel"}')
    report = validate_bytes("inline.jsonld", data, profile=profile)
    assert report.error is None and report.triples == 2
    assert report.violations > 0  # a dataset without description, publisher, ...


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", b"\xff\xfe\xfd", b"", b"@prefix : <x"])
def test_garbage_is_an_error_or_an_empty_graph_never_an_exception(data):
    report = validate_bytes("garbage.ttl", data)
    assert report.error is not None or (report.triples == 0 and report.results == [])


def test_an_unknown_format_is_an_error():
    report = validate_bytes("notes.txt", b"just some words")
    assert report.error.de == "notes.txt: unbekanntes RDF-Format (erlaubt: .ttl, .rdf/.xml, .jsonld, .nt, .nq)"


def test_an_iri_spelled_like_a_blank_node_label_is_refused():
    # Lenient N-Triples keeps <_:b1> as an IRI; it must not merge with the blank node we label _:b1.
    report = validate_bytes("posing.nt", b'<_:b1> <http://example.org/p> "x" .\n_:a <http://example.org/p> "y" .\n')
    assert report.error.en == "posing.nt: the IRI <_:b1> is written like a blank node label and is refused"
