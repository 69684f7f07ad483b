"""Property tests: more offers never mean fewer connections; the exit score is monotone in every fact."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from lichtermeer.engines.interop import (
    DEFAULT_WEIGHTS,
    FACTORS,
    ROLES,
    STATUSES,
    Declaration,
    ExitFacts,
    Side,
    compare,
    exit_score,
    load_register,
)

from .conftest import SEED

REGISTER = load_register(SEED)
STANDARD_IDS = ["mqtt", "ngsi-ld", "ngsi-v2", "wfs", "ogc-api-features", "oidc", "saml", "ldap", "oparl", "csv",
                "geojson", "lorawan", "openapi", "not-registered"]
VERSIONS = ["", "1.0", "1.1", "1.6.1", "2.0.0", "3.1.1", "5.0", "3.0.3", "3.1.0", "RFC 4180", "x"]

declarations = st.builds(Declaration, st.sampled_from(STANDARD_IDS), st.sampled_from([*ROLES, ""]),
                         st.sampled_from(VERSIONS))
sides = st.builds(lambda name, p, c: Side(name, p, c), st.sampled_from(["A", "B"]),
                  st.lists(declarations, max_size=6), st.lists(declarations, max_size=6))


@settings(max_examples=300, deadline=None)
@given(sides, sides, declarations)
def test_adding_a_provided_standard_never_lowers_the_connections(a, b, extra):
    before = compare(a, b, REGISTER)
    after = compare(replace(a, provides=[*a.provides, extra]), b, REGISTER)
    assert len(after.connecting) >= len(before.connecting)
    assert STATUSES.index(after.status) <= STATUSES.index(before.status)


@settings(max_examples=200, deadline=None)
@given(sides, sides)
def test_comparison_is_symmetric_up_to_the_side_names(a, b):
    forward, backward = compare(a, b, REGISTER), compare(b, a, REGISTER)
    assert forward.status == backward.status
    assert len(forward.connections) == len(backward.connections)
    assert len(forward.adapters) == len(backward.adapters) and len(forward.missing) == len(backward.missing)


# Each fact as a list of values from worst to best (None = not stated is the worst).
LADDERS = {
    "licence_open": [None, False, True],
    "export_formats": [None, [], ["CSV"], ["CSV", "JSON"]],
    "standard_interfaces": [None, [], ["wms"], ["wms", "wfs"], ["wms", "wfs", "csw"]],
    "self_hosting": [None, False, True],
    "operators": [None, [], ["A"], ["A", "B"], ["A", "B", "C"], ["A", "B", "C", "D"]],
    "reuse_count": [None, 0, 1, 2, 3, 10],
    "admission": [None, "none", "expired", "suspended", "transition", "admitted"],
}
facts = st.fixed_dictionaries({key: st.sampled_from(values) for key, values in LADDERS.items()})
weights = st.fixed_dictionaries({key: st.integers(0, 50) for key in FACTORS}).filter(lambda w: sum(w.values()) > 0)


@settings(max_examples=300, deadline=None)
@given(facts, weights, st.sampled_from(sorted(LADDERS)), st.data())
def test_the_exit_score_is_monotone_in_each_fact(values, weights, key, data):
    ladder = LADDERS[key]
    low = data.draw(st.integers(0, len(ladder) - 1))
    high = data.draw(st.integers(low, len(ladder) - 1))
    worse = exit_score(ExitFacts(**{**values, key: ladder[low]}), weights)
    better = exit_score(ExitFacts(**{**values, key: ladder[high]}), weights)
    assert better.score >= worse.score
    assert 0 <= worse.score <= 100


@settings(max_examples=100, deadline=None)
@given(facts)
def test_points_never_exceed_weights(values):
    result = exit_score(ExitFacts(**values), DEFAULT_WEIGHTS)
    assert all(0 <= f.points <= f.weight and 0 <= f.fraction <= 1 for f in result.factors)
