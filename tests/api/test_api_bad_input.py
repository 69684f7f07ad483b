"""Hostile and broken input: a clear bilingual problem, a position where one exists, nothing half-saved."""

import json

import pytest

from lichtermeer.audit.models import AuditEntry
from lichtermeer.solutions.models import Solution, SolutionFacet, SolutionVersion

from .conftest import assert_problem, publiccode

pytestmark = pytest.mark.django_db

VALID = publiccode("Neues Portal", "https://git.example.org/stadt/neu")

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def payload(text: str, **extra) -> str:
    return json.dumps({"organisation": "stadtwerk-beispiel", "publiccode": text, **extra})


def with_url(url: str) -> str:
    return VALID.replace('url: "https://git.example.org/stadt/neu"', f'url: "{url}"')


DUPLICATE = VALID.replace("softwareVersion:", 'name: "Noch ein Name"\nsoftwareVersion:')
BROKEN_YAML = VALID.replace("platforms:\n  - web", "platforms: [web\n")
WRONG_TYPE_YAML = VALID.replace("platforms:\n  - web", "platforms:\n  web: yes")

CASES = {
    # id: (raw JSON body, status, key of the first error or None, expected line or None)
    "invalid-yaml": (payload(BROKEN_YAML), 422, None, "any"),
    "wrong-types-json": (json.dumps({"organisation": 5, "publiccode": ["x"]}), 422, "organisation", None),
    "wrong-types-facts": (payload(VALID, facts={"domains": "mobility"}), 422, "facts.domains", None),
    "wrong-type-yaml": (payload(WRONG_TYPE_YAML), 422, "platforms", line_of(WRONG_TYPE_YAML, "platforms")),
    "not-a-mapping": (payload("- just\n- a list\n"), 422, None, None),
    "non-utf8-body": (payload(VALID).encode().replace(b"Erika", b"Erika \xff\xfe"), 400, "", "any"),
    "lone-surrogate": (payload(VALID).replace("Erika", "Erika \\ud800"), 422, "publiccode",
                       line_of(VALID, "Erika")),
    "over-1-mib": (payload(VALID + "#" * (1024 * 1024) + "\n"), 413, "publiccode", None),
    "over-2-mib-body": (payload("#" * (2 * 1024 * 1024 + 10)), 413, "", None),
    "alias-bomb": (payload(BILLION_LAUGHS), 422, None, "any"),
    "duplicate-keys": (payload(DUPLICATE), 422, None, line_of(DUPLICATE, "Noch ein Name")),
    "javascript-url": (payload(with_url("javascript:alert(1)")), 422, "url", line_of(VALID, "url:")),
    "file-url": (payload(with_url("file:///etc/passwd")), 422, "url", line_of(VALID, "url:")),
    "loopback-url": (payload(with_url("http://127.0.0.1/")), 422, "url", line_of(VALID, "url:")),
    "nul-escape": (payload(VALID.replace("name: Neues Portal", 'name: "Neues\\0Portal"')), 422, "name", None),
    "surrogate-escape": (payload(VALID.replace("- Eine Funktion", '- "Eine \\uD800 Funktion"')), 422,
                         "description.de.features[0]", None),
    "not-json": ("publiccodeYmlVersion: 0.4", 400, "", "any"),
    "empty-body": ("", 422, None, None),
}


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Solution, SolutionVersion, SolutionFacet, AuditEntry))


@pytest.mark.parametrize(("body", "status", "key", "line"), CASES.values(), ids=CASES.keys())
def test_it_refuses_bad_input_and_saves_nothing(provider, body, status, key, line):
    before = counts()
    response = provider.post_json("/api/v1/solutions", body)
    problem = assert_problem(response, status)
    assert problem["errors"], problem
    errors = problem["errors"]
    if key is not None:
        assert key in [error["key"] for error in errors], errors
    if line == "any":
        assert any(error["line"] and error["column"] for error in errors), errors
    elif line is not None:
        assert any(error["line"] == line and error["column"] for error in errors), errors
    assert counts() == before


@pytest.mark.parametrize("case", ["invalid-yaml", "lone-surrogate", "over-1-mib", "duplicate-keys"])
def test_it_refuses_bad_updates_and_changes_nothing(provider, listed, case):
    body = json.loads(CASES[case][0])
    body.pop("organisation")
    body["publiccode"] = body["publiccode"].replace("https://git.example.org/stadt/neu", listed.url)
    before = counts()
    response = provider.put_json(f"/api/v1/solutions/{listed.slug}", json.dumps(body))
    assert_problem(response, CASES[case][1])
    assert counts() == before
    listed.refresh_from_db()
    assert listed.name == "Beispielportal"


def test_it_answers_in_english_when_asked(provider):
    body = CASES["wrong-types-json"][0]
    response = provider.post_json("/api/v1/solutions", body, HTTP_ACCEPT_LANGUAGE="en")
    assert assert_problem(response, 422)["title"] == "Invalid request"


def test_it_answers_in_german_by_default(provider):
    response = provider.post_json("/api/v1/solutions", CASES["wrong-types-json"][0])
    assert assert_problem(response, 422)["title"] == "Ungültige Anfrage"


@pytest.mark.parametrize("case", ["lone-surrogate", "over-1-mib", "non-utf8-body", "wrong-types-json"])
def test_the_dry_run_refuses_unreadable_input(anonymous, case):
    body, status, _key, _line = CASES[case]
    if case != "wrong-types-json":
        drop = '"organisation": "stadtwerk-beispiel", '
        body = body.replace(drop.encode(), b"") if isinstance(body, bytes) else body.replace(drop, "")
    response = anonymous.post("/api/v1/publiccode/validate", body, content_type="application/json")
    assert_problem(response, status)
