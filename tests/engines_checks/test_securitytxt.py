"""security-txt.valid (LM-IS-02): RFC 9116 parsing with sectxt's finding codes, offline."""

import datetime as dt
import time
from pathlib import Path

import pytest

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks import securitytxt as module

DATA = Path(__file__).parent / "data" / "securitytxt"
TODAY = dt.date(2026, 11, 22)
VALID = ["Contact: mailto:security@example.com", "Encryption: https://example.com/pgp-key.txt",
         "Policy: https://example.com/disclosure.html", "Expires: 2027-03-31T23:00:00Z"]


def run(data: bytes | None = None, *, name: str = "security.txt", today: dt.date = TODAY, **extra):
    bundle = Bundle() if data is None else Bundle().add("securitytxt", name, data)
    [result] = registry.run_check(registry.get("security-txt.valid"), bundle, Reference(today=today, extra=extra))
    return result


def text(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def codes(result) -> list[tuple[str, int | None]]:
    return [(code["code"], code["line"]) for code in result.details["codes"]]


def errors(result) -> set[str]:
    return {code["code"] for code in result.details["codes"] if code["severity"] == "error"}


def test_it_passes_the_rfc_9116_example_and_notes_it_is_unsigned():
    result = run((DATA / "rfc9116-example.txt").read_bytes(), name="rfc9116-example.txt")
    assert result.status == Status.PASS
    assert codes(result) == [("not_signed", None)]
    assert result.details["fields"]["contact"] == [
        {"line": 6, "value": "mailto:security@example.com"}, {"line": 7, "value": "tel:+1-201-555-0123"},
        {"line": 8, "value": "https://example.com/security-contact.html"}]
    assert result.details["expires"] == "2027-09-30T22:00:00+00:00"
    assert "Contact, Expires (2027-09-30T22:00:00+00:00) und Policy" in result.explanation.de


def test_it_accepts_a_real_cleartext_signed_file_and_strips_the_armour():
    result = run((DATA / "signed.txt").read_bytes(), name="signed.txt")
    assert result.status == Status.PASS
    assert result.details["signed"] is True
    assert codes(result) == [("signature_not_verified", None)]
    assert [entry["line"] for entry in result.details["fields"]["contact"]] == [6, 7]
    assert result.details["expires"] == "2027-05-31T23:59:59+02:00"


def test_it_reports_every_mistake_of_the_broken_file_with_its_line():
    result = run((DATA / "broken.txt").read_bytes(), name="broken.txt")
    assert result.status == Status.FAIL
    assert codes(result) == [
        ("no_uri", 2), ("no_https", 3), ("no_space", 4), ("prec_ws", 5), ("invalid_expiry", 6), ("invalid_lang", 9),
        ("invalid_line", 10), ("multi_expire", 7), ("expired", 7), ("no_encryption", None), ("multi_lang", 9),
        ("not_signed", None)]
    assert result.location == "broken.txt:2"
    assert result.explanation.en.startswith("broken.txt is not a valid security.txt (RFC 9116, LM-IS-02): "
                                            "broken.txt:2: Field value must be a URI")
    assert "broken.txt:3: Eine Web-URI muss mit 'https://' beginnen. [no_https]" in result.explanation.de


@pytest.mark.parametrize(("expires", "status", "code"), [
    ("2026-11-22T00:00:00Z", Status.PASS, None),           # expires later today: still valid
    ("2026-11-21T23:59:59Z", Status.FAIL, "expired"),
    ("2026-11-22T01:00:00+02:00", Status.FAIL, "expired"),  # 2026-11-21T23:00 UTC
    ("2027-11-22T12:00:00Z", Status.PASS, None),           # exactly one year ahead
    ("2027-11-23T00:00:00Z", Status.WARNING, "long_expiry"),
    ("2027-11-23", Status.FAIL, "invalid_expiry"),          # RFC 3339 date-time, not a date
    ("2027-02-30T10:00:00Z", Status.FAIL, "invalid_expiry"),
    ("2027-01-31 10:00:00Z", Status.FAIL, "invalid_expiry"),
])
def test_expires_is_judged_against_the_pinned_reference_date(expires, status, code):
    result = run(text(*VALID[:3], f"Expires: {expires}"))
    assert result.status == status
    found = {code for code, _ in codes(result)} - {"not_signed"}
    assert found == ({code} if code else set())


def test_a_long_expiry_is_a_recommendation_so_the_file_stays_valid():
    result = run(text(*VALID[:3], "Expires: 2030-01-01T00:00:00Z"))
    assert result.status == Status.WARNING
    assert "weniger als ein Jahr" in result.explanation.de


def test_it_fails_without_policy_because_lm_is_02_asks_for_one():
    result = run(text(VALID[0], VALID[1], VALID[3]))
    assert result.status == Status.FAIL
    assert errors(result) == {"no_policy"}


def test_it_fails_without_contact_and_expires():
    result = run(text("# nothing but a comment", "Policy: https://example.com/policy"))
    assert errors(result) == {"no_contact", "no_expire"}


def test_web_uris_must_be_https_and_contact_schemes_are_checked():
    result = run(text("Contact: xmpp:security@example.com", "Canonical: http://example.com/.well-known/security.txt",
                      "Policy: ftp://example.com/policy", "CSAF: http://example.com/provider-metadata.json",
                      "Contact: mailto:nobody", "Contact: https:///no-host", VALID[3]))
    assert codes(result)[:5] == [("contact_scheme", 1), ("no_https", 2), ("no_https", 3), ("no_https", 4),
                                 ("no_uri", 5)]
    assert ("no_uri", 6) in codes(result)


def test_the_canonical_field_must_match_where_the_platform_fetched_the_file():
    data = text("Canonical: https://example.com/.well-known/security.txt", *VALID)
    assert run(data, securitytxt_urls=["https://example.com/.well-known/security.txt"]).status == Status.PASS
    result = run(data, securitytxt_urls=["https://www.example.org/.well-known/security.txt"])
    assert errors(result) == {"no_canonical_match"}


def test_field_names_are_case_insensitive_and_crlf_line_ends_are_fine():
    result = run(b"CONTACT: mailto:security@example.com\r\nencryption: https://example.com/k\r\n"
                 b"policy: https://example.com/p\r\nexpires: 2027-01-01T00:00:00z\r\n")
    assert result.status == Status.PASS


def test_a_missing_final_line_break_is_only_a_recommendation():
    result = run(text(*VALID).rstrip(b"\n"))
    assert result.status == Status.WARNING
    assert ("no_line_separators", 4) in codes(result)


def test_unknown_fields_and_several_preferred_languages():
    result = run(text(*VALID, "Preferred-Languages: de, en", "X-Bugbounty: yes", "Preferred-Languages: fr"))
    assert ("unknown_field", 6) in codes(result)
    assert errors(result) == {"multi_lang"}


@pytest.mark.parametrize(("lines", "code", "line"), [
    (["-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "", *VALID, "-----BEGIN PGP SIGNATURE-----", "",
      "iHUEARYKAB0WIQS2v7A7", "-----END PGP SIGNATURE-----", "Contact: mailto:evil@example.net"],
     "data_after_sig", 12),
    (["-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "", *VALID, "-----BEGIN PGP SIGNATURE-----", "abc"],
     "signed_format_issue", 9),
    ([*VALID, "-----BEGIN PGP SIGNATURE-----", "abc", "-----END PGP SIGNATURE-----"], "signed_format_issue", 5),
    (["# comment first", "-----BEGIN PGP SIGNED MESSAGE-----", *VALID], "signed_format_issue", 2),
    (["-----BEGIN PGP SIGNED MESSAGE-----", "not an armour header", "", *VALID, "-----BEGIN PGP SIGNATURE-----",
      "-----END PGP SIGNATURE-----"], "signed_format_issue", 2),
    (["-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "", "-not dash escaped", *VALID,
      "-----BEGIN PGP SIGNATURE-----", "-----END PGP SIGNATURE-----"], "signed_format_issue", 4),
])
def test_it_rejects_broken_signature_framing(lines, code, line):
    result = run(text(*lines))
    assert result.status == Status.FAIL
    assert (code, line) in codes(result)


def test_dash_escaped_lines_in_signed_content_are_read_as_fields():
    result = run(text("-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "",
                      "Canonical: https://example.com/.well-known/security.txt", *VALID[:3], "- " + VALID[3],
                      "-----BEGIN PGP SIGNATURE-----", "", "abc", "-----END PGP SIGNATURE-----"))
    assert result.status == Status.PASS
    assert result.details["fields"]["expires"] == [{"line": 8, "value": "2027-03-31T23:00:00Z"}]


def test_a_signed_file_without_canonical_gets_a_recommendation():
    result = run(text("-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "", *VALID,
                      "-----BEGIN PGP SIGNATURE-----", "", "abc", "-----END PGP SIGNATURE-----"))
    assert result.status == Status.WARNING
    assert codes(result) == [("signature_not_verified", None), ("no_canonical", None)]


def test_it_fails_a_file_that_is_not_utf8_with_the_utf8_code():
    result = run("Contact: mailto:sécurité@example.com\n".encode("latin-1"))
    assert result.status == Status.FAIL
    assert codes(result) == [("utf8", None)]
    assert "byte 17" in result.explanation.en


def test_control_characters_make_a_line_invalid_and_never_reach_the_fields():
    result = run(text(*VALID, "Hiring: https://example.com/\x1b[2Jjobs", "Acknowledgments: \x00"))
    assert ("invalid_line", 5) in codes(result) and ("invalid_line", 6) in codes(result)
    assert "hiring" not in result.details["fields"]


def test_a_flood_of_bad_lines_is_cut_short_and_fast():
    data = text(*VALID) + b"garbage without colon\n" * 200_000
    started = time.perf_counter()
    result = run(data)
    assert time.perf_counter() - started < 5
    assert result.status == Status.FAIL
    assert len(result.details["codes"]) == module.MAX_CODES
    assert result.details["truncated"] is True
    assert "(and 92 more)" in result.explanation.en


def test_an_oversized_file_is_an_error_not_a_verdict(monkeypatch):
    monkeypatch.setattr(module, "MAX_BYTES", 100)
    result = run(text(*VALID, "# " + "x" * 200))
    assert result.status == Status.ERROR
    assert result.explanation.en.startswith("security.txt is 358 bytes; evidence files may be at most")


def test_without_a_security_txt_a_person_has_to_look():
    result = run(None)
    assert result.status == Status.NEEDS_REVIEW
    assert result.evidence == "securitytxt"
