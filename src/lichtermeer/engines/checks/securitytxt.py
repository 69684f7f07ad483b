"""security-txt.valid (LM-IS-02): an RFC 9116 security.txt, parsed offline.

The finding codes are those of DigitalTrustCenter/sectxt (so reports read the same as that
validator's), plus `no_policy` for the catalogue's own demand that the file names a "Policy".
Codes come in three severities:

* error - the file breaks RFC 9116 (or LM-IS-02): the check fails;
* recommendation - a SHOULD of RFC 9116 is not met: the check passes with a warning;
* info - worth knowing, no effect (an unsigned file; a field RFC 9116 does not define).

Decisions: an `Expires` more than a year ahead is a recommendation (`long_expiry`), not an error:
RFC 9116 section 2.5.5 only RECOMMENDS less than a year, so such a file is valid. A missing final
line break (`no_line_separators`) is a recommendation too: the ABNF asks for it, every reader in
use copes without it. A signature is recognised and its armour stripped, but not verified (that
needs the provider's key); the signature's absence is `not_signed` (info).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lichtermeer.engines.publiccode.langtags import is_language_tag
from lichtermeer.engines.publiccode.messages import Text

from .evidence import MAX_BYTES, Bundle, EvidenceError, decode_text, too_large
from .model import Check, Result, Status
from .reference import Reference
from .registry import check

ERROR, RECOMMENDATION, INFO = "error", "recommendation", "info"
URI_FIELDS = ("acknowledgments", "canonical", "contact", "encryption", "hiring", "policy", "csaf")
KNOWN_FIELDS = (*URI_FIELDS, "expires", "preferred-languages")
CONTACT_SCHEMES = ("mailto", "https", "tel")
# RFC 3339 "date-time" (RFC 9116 section 2.5.5 names it): full date, T, full time with seconds, offset.
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII)
_FIELD_NAME = re.compile(r"[A-Za-z0-9-]+", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
BEGIN_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----"
BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----"
END_SIGNATURE = "-----END PGP SIGNATURE-----"
# Enough to name every problem of a real file; a hostile file with a million bad lines is cut here.
MAX_CODES = 100

_TEXTS: dict[str, Text] = {
    "no_contact": Text("'Contact' field must appear at least once.", "Das Feld 'Contact' muss mindestens einmal "
                       "vorkommen."),
    "no_expire": Text("'Expires' field must be present.", "Das Feld 'Expires' muss vorhanden sein."),
    "multi_expire": Text("'Expires' field must not appear more than once.",
                         "Das Feld 'Expires' darf nicht mehr als einmal vorkommen."),
    "invalid_expiry": Text("Date and time in 'Expires' field must be formatted according to RFC 3339 "
                           "(e.g. 2027-01-31T23:00:00Z).",
                           "Datum und Uhrzeit im Feld 'Expires' müssen nach RFC 3339 angegeben sein "
                           "(z. B. 2027-01-31T23:00:00Z)."),
    "expired": Text("Date and time in 'Expires' field must not be in the past.",
                    "Datum und Uhrzeit im Feld 'Expires' dürfen nicht in der Vergangenheit liegen."),
    "long_expiry": Text("Date and time in 'Expires' field should be less than a year into the future.",
                        "Datum und Uhrzeit im Feld 'Expires' sollten weniger als ein Jahr in der Zukunft liegen."),
    "multi_lang": Text("'Preferred-Languages' field must not appear more than once.",
                       "Das Feld 'Preferred-Languages' darf nicht mehr als einmal vorkommen."),
    "invalid_lang": Text("Value in 'Preferred-Languages' field must be language tags (RFC 5646) separated by "
                         "commas.",
                         "Der Wert im Feld 'Preferred-Languages' muss aus durch Kommas getrennten Sprachkennungen "
                         "(RFC 5646) bestehen."),
    "no_uri": Text("Field value must be a URI (e.g. beginning with 'mailto:' or 'https://').",
                   "Der Feldwert muss eine URI sein (z. B. beginnend mit 'mailto:' oder 'https://')."),
    "no_https": Text("Web URI must begin with 'https://'.", "Eine Web-URI muss mit 'https://' beginnen."),
    "contact_scheme": Text("'Contact' should be a mailto:, https: or tel: URI; other schemes are rarely "
                           "understood.",
                           "'Contact' sollte eine mailto:-, https:- oder tel:-URI sein; andere Schemata werden "
                           "selten verstanden."),
    "prec_ws": Text("There must be no whitespace before the field separator (colon).",
                    "Vor dem Feldtrenner (Doppelpunkt) darf kein Leerraum stehen."),
    "no_space": Text("Field separator (colon) must be followed by a space.",
                     "Auf den Feldtrenner (Doppelpunkt) muss ein Leerzeichen folgen."),
    "empty_key": Text("Field name must not be empty.", "Der Feldname darf nicht leer sein."),
    "empty_value": Text("Field value must not be empty.", "Der Feldwert darf nicht leer sein."),
    "invalid_line": Text("Line must contain a field name and value, unless the line is blank or contains a "
                         "comment.",
                         "Eine Zeile muss Feldname und Wert enthalten, sofern sie nicht leer oder ein Kommentar "
                         "ist."),
    "no_line_separators": Text("Every line should end with a line feed (the last line has none).",
                               "Jede Zeile sollte mit einem Zeilenumbruch enden (der letzten Zeile fehlt er)."),
    "signed_format_issue": Text("A signed security.txt must be an OpenPGP cleartext signed message: it starts "
                                "with '-----BEGIN PGP SIGNED MESSAGE-----' and ends with '-----END PGP "
                                "SIGNATURE-----'.",
                                "Eine signierte security.txt muss eine OpenPGP-Klartextsignatur sein: Sie beginnt "
                                "mit '-----BEGIN PGP SIGNED MESSAGE-----' und endet mit '-----END PGP "
                                "SIGNATURE-----'."),
    "data_after_sig": Text("There must be no data after the signature.",
                           "Nach der Signatur dürfen keine Daten folgen."),
    "utf8": Text("Content must be UTF-8 encoded.", "Der Inhalt muss UTF-8-kodiert sein."),
    "no_canonical_match": Text("The web URI where security.txt is located must match a 'Canonical' field.",
                               "Die Web-URI, unter der die security.txt liegt, muss einem 'Canonical'-Feld "
                               "entsprechen."),
    "no_policy": Text("'Policy' field must refer to the policy for handling reported vulnerabilities "
                      "(LM-IS-02).",
                      "Das Feld 'Policy' muss auf die Richtlinie zum Umgang mit gemeldeten Schwachstellen "
                      "verweisen (LM-IS-02)."),
    "no_encryption": Text("'Encryption' field should be present when 'Contact' field contains an email address.",
                          "Das Feld 'Encryption' sollte vorhanden sein, wenn 'Contact' eine E-Mail-Adresse "
                          "enthält."),
    "no_canonical": Text("'Canonical' field should be present in a signed file.",
                         "Eine signierte Datei sollte ein Feld 'Canonical' enthalten."),
    "not_signed": Text("security.txt is not digitally signed (optional under RFC 9116).",
                       "Die security.txt ist nicht digital signiert (nach RFC 9116 optional)."),
    "signature_not_verified": Text("The OpenPGP signature was recognised but not verified (that needs the "
                                   "provider's key).",
                                   "Die OpenPGP-Signatur wurde erkannt, aber nicht geprüft (dazu ist der Schlüssel "
                                   "des Anbieters nötig)."),
    "unknown_field": Text("security.txt contains a field RFC 9116 does not define (a custom field or a typo).",
                          "Die security.txt enthält ein Feld, das RFC 9116 nicht definiert (eigenes Feld oder "
                          "Tippfehler)."),
}


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    line: int | None = None
    value: str = ""

    @property
    def text(self) -> Text:
        return _TEXTS[self.code]

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "line": self.line,
                "message": {"en": self.text.en, "de": self.text.de}}


@dataclass
class SecurityTxt:
    """A parsed file: field values by lower-case name, with their line numbers, and every finding."""

    fields: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    codes: list[Code] = field(default_factory=list)
    signed: bool = False
    expires: dt.datetime | None = None
    expires_at: tuple[int, str] = (0, "")  # line and text of the Expires value that was read
    truncated: bool = False

    def add(self, code: str, severity: str, line: int | None = None, value: str = "") -> None:
        if len(self.codes) >= MAX_CODES:
            self.truncated = True
            return
        self.codes.append(Code(code, severity, line, value))

    def of(self, severity: str) -> list[Code]:
        return [code for code in self.codes if code.severity == severity]

    def values(self, name: str) -> list[str]:
        return [value for _, value in self.fields.get(name, [])]


def parse(text: str, *, today: dt.date, urls: tuple[str, ...] = ()) -> SecurityTxt:
    """Parse `text` as RFC 9116. `today` decides "expired"; `urls` (where the file was fetched) enable
    the Canonical match. Never raises."""
    result = SecurityTxt()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it does not start a new one
    elif lines:
        result.add("no_line_separators", RECOMMENDATION, len(lines))
    _read_lines(result, [line.removesuffix("\r") for line in lines])
    _check_file(result, today, urls)
    return result


def _read_lines(result: SecurityTxt, lines: list[str]) -> None:
    state = "body"
    if lines and lines[0].rstrip() == BEGIN_SIGNED:
        result.signed, state = True, "armor"
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip(" \t")
        if number == 1 and result.signed:
            continue
        if state == "armor":  # "Hash: SHA512" headers up to the first empty line
            if not line:
                state = "body"
            elif not re.fullmatch(r"[A-Za-z]+: .*", line):
                result.add("signed_format_issue", ERROR, number)
                state = "body"
            continue
        if state == "signature":
            if line == END_SIGNATURE:
                state = "after"
            continue
        if state == "after":
            if line:
                result.add("data_after_sig", ERROR, number)
            continue
        if line == BEGIN_SIGNATURE:
            if not result.signed:
                result.add("signed_format_issue", ERROR, number)
            state = "signature"
            continue
        if line == BEGIN_SIGNED:
            result.add("signed_format_issue", ERROR, number)
            continue
        if result.signed and line.startswith("-"):
            # Cleartext signatures dash-escape lines that begin with "-" (RFC 9580 section 7.2).
            if not line.startswith("- "):
                result.add("signed_format_issue", ERROR, number)
                continue
            line = line[2:]
        _read_line(result, number, line)
    if state in ("armor", "signature"):
        result.add("signed_format_issue", ERROR, len(lines))


def _read_line(result: SecurityTxt, number: int, line: str) -> None:
    if not line.strip() or line.startswith("#"):
        return
    if _CONTROL.search(line) or ":" not in line:
        result.add("invalid_line", ERROR, number)
        return
    name, value = line.split(":", 1)
    if name != name.rstrip():
        result.add("prec_ws", ERROR, number)
        name = name.rstrip()
    if not name:
        result.add("empty_key", ERROR, number)
        return
    if not _FIELD_NAME.fullmatch(name):
        result.add("invalid_line", ERROR, number)
        return
    if value and not value.startswith(" "):
        result.add("no_space", ERROR, number)
    value = value.strip()
    if not value:
        result.add("empty_value", ERROR, number)
        return
    key = name.lower()
    result.fields.setdefault(key, []).append((number, value))
    if key in URI_FIELDS:
        _check_uri(result, number, key, value)
    elif key == "expires":
        _check_expires_syntax(result, number, value)
    elif key == "preferred-languages":
        tags = [tag.strip() for tag in value.split(",")]
        if not all(tag and is_language_tag(tag) for tag in tags):
            result.add("invalid_lang", ERROR, number, value)
    else:
        result.add("unknown_field", INFO, number, name)


def _check_uri(result: SecurityTxt, number: int, key: str, value: str) -> None:
    if any(char.isspace() for char in value):
        result.add("no_uri", ERROR, number, value)
        return
    try:
        parts = urlsplit(value)
    except ValueError:
        result.add("no_uri", ERROR, number, value)
        return
    scheme = parts.scheme.lower()
    if not scheme or not re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme):
        result.add("no_uri", ERROR, number, value)
    elif scheme == "http":
        result.add("no_https", ERROR, number, value)
    elif (scheme == "https" and not parts.hostname) or (scheme == "mailto" and "@" not in parts.path):
        result.add("no_uri", ERROR, number, value)
    elif key == "contact" and scheme not in CONTACT_SCHEMES:
        result.add("contact_scheme", RECOMMENDATION, number, value)
    elif key in ("canonical", "policy", "hiring", "acknowledgments", "csaf") and scheme != "https":
        # Documents a reader opens: RFC 9116 expects web URIs here, and those must be https.
        result.add("no_https", ERROR, number, value)


def _check_expires_syntax(result: SecurityTxt, number: int, value: str) -> None:
    parsed = None
    if _DATE_TIME.fullmatch(value):
        try:
            parsed = dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            parsed = None
    if parsed is None:
        result.add("invalid_expiry", ERROR, number, value)
    elif result.expires is None:
        result.expires, result.expires_at = parsed, (number, value)


def _check_file(result: SecurityTxt, today: dt.date, urls: tuple[str, ...]) -> None:
    expires = result.fields.get("expires", [])
    if not expires:
        result.add("no_expire", ERROR)
    elif len(expires) > 1:
        result.add("multi_expire", ERROR, expires[1][0])
    if result.expires is not None:
        day = result.expires.astimezone(dt.UTC).date()
        if day < today:
            result.add("expired", ERROR, *result.expires_at)
        elif day > _one_year_after(today):
            result.add("long_expiry", RECOMMENDATION, *result.expires_at)
    contacts = result.fields.get("contact", [])
    if not contacts:
        result.add("no_contact", ERROR)
    elif any(value.lower().startswith("mailto:") for _, value in contacts) and "encryption" not in result.fields:
        result.add("no_encryption", RECOMMENDATION)
    languages = result.fields.get("preferred-languages", [])
    if len(languages) > 1:
        result.add("multi_lang", ERROR, languages[1][0])
    if "policy" not in result.fields:
        result.add("no_policy", ERROR)
    canonical = result.values("canonical")
    if urls and canonical and not set(urls) & set(canonical):
        result.add("no_canonical_match", ERROR, result.fields["canonical"][0][0])
    if result.signed:
        result.add("signature_not_verified", INFO)
        if not canonical:
            result.add("no_canonical", RECOMMENDATION)
    else:
        result.add("not_signed", INFO)


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _summary(name: str, codes: list[Code]) -> Text:
    def one(code: Code, language: str) -> str:
        where = f"{name}:{code.line}" if code.line else name
        return f"{where}: {getattr(code.text, language)} [{code.code}]"

    shown = codes[:8]
    more_en = f" (and {len(codes) - 8} more)" if len(codes) > 8 else ""
    more_de = f" (und {len(codes) - 8} weitere)" if len(codes) > 8 else ""
    return Text("; ".join(one(code, "en") for code in shown) + more_en,
                "; ".join(one(code, "de") for code in shown) + more_de)


@check("security-txt.valid", version="1", requirements=("LM-IS-02",), evidence=("securitytxt",),
       title=Text("security.txt follows RFC 9116", "security.txt entspricht RFC 9116"),
       references=("https://www.rfc-editor.org/rfc/rfc9116",))
def security_txt_valid(chk: Check, bundle: Bundle, reference: Reference) -> Result:
    file = bundle.first("securitytxt")
    if file is None:
        return chk.missing("securitytxt")
    if len(file.data) > MAX_BYTES:
        problem = too_large(file.kind, file.name, len(file.data))
        return chk.result(Status.ERROR, problem.text, evidence=file.name, location=file.name)
    text = decode_text(file)
    if isinstance(text, EvidenceError):  # RFC 9116 section 3 demands UTF-8: a finding, not unreadable evidence
        code = Code("utf8", ERROR)
        return chk.result(Status.FAIL, Text(f"{file.name}: {code.text.en} {text.text.en}",
                                            f"{file.name}: {code.text.de} {text.text.de}"),
                          evidence=file.name, location=file.name, details={"codes": [code.as_dict()]})
    urls = tuple(str(url) for url in reference.extra.get("securitytxt_urls") or ())
    parsed = parse(text, today=reference.today, urls=urls)
    details = {
        "codes": [code.as_dict() for code in parsed.codes],
        "signed": parsed.signed,
        "expires": parsed.expires.isoformat() if parsed.expires else None,
        "fields": {name: [{"line": line, "value": value[:500]} for line, value in values[:20]]
                   for name, values in parsed.fields.items() if name in KNOWN_FIELDS},
        "truncated": parsed.truncated,
    }
    errors, recommendations = parsed.of(ERROR), parsed.of(RECOMMENDATION)
    signed = Text("signed (signature not verified)", "signiert (Signatur nicht geprüft)") if parsed.signed else \
        Text("not signed", "nicht signiert")
    if errors:
        summary = _summary(file.name, errors)
        first = next((code.line for code in errors if code.line), None)
        return chk.result(Status.FAIL, Text(
            f"{file.name} is not a valid security.txt (RFC 9116, LM-IS-02): {summary.en}.",
            f"{file.name} ist keine gültige security.txt (RFC 9116, LM-IS-02): {summary.de}."),
            evidence=file.name, location=f"{file.name}:{first}" if first else file.name, details=details)
    expires = parsed.expires.isoformat() if parsed.expires else ""
    if recommendations:
        summary = _summary(file.name, recommendations)
        return chk.result(Status.WARNING, Text(
            f"{file.name} is a valid security.txt (expires {expires}, {signed.en}) with recommendations: "
            f"{summary.en}.",
            f"{file.name} ist eine gültige security.txt (läuft ab {expires}, {signed.de}) mit Empfehlungen: "
            f"{summary.de}."),
            evidence=file.name, location=file.name, details=details)
    return chk.result(Status.PASS, Text(
        f"{file.name} is a valid security.txt with Contact, Expires ({expires}) and Policy ({signed.en}).",
        f"{file.name} ist eine gültige security.txt mit Contact, Expires ({expires}) und Policy ({signed.de})."),
        evidence=file.name, location=file.name, details=details)
