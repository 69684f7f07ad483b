"""connects() and Matcher.tally(): the quick answers agree with compare() for any sides over the seed register."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lichtermeer.engines.interop import ROLES, Declaration, Matcher, Side, compare, connects, load_register, tally

from .conftest import SEED, side

REGISTER = load_register(SEED)
STANDARD_IDS = sorted(REGISTER.standards) + ["not-registered", "x-own"]
# Every version the register names, spelled differently too, and versions no rule can judge.
VERSIONS = sorted({v for e in REGISTER.standards.values() for v in e.versions}
                  | {"", " ", "v2", "2.0", "2", "1", "1.0.0", "V3.1", "x", "2.0 beta", "RFC 4180", "10"})

ROLE_CHOICES = [*ROLES, "", "other"]
ADAPTER_PAIRS = [(a.from_, a.to) for a in REGISTER.adapters]


def declarations(ids):
    return st.builds(Declaration, st.sampled_from(ids), st.sampled_from(ROLE_CHOICES), st.sampled_from(VERSIONS))


def side_over(ids):
    return st.builds(lambda p, c: Side("S", p, c), st.lists(declarations(ids), max_size=6),
                     st.lists(declarations(ids), max_size=6))


# Two sides drawn from a few shared standards (often with the two ends of an adapter), so that connections,
# adapters, incompatible versions and wrong roles all turn up; now and then from the whole register.
pools = st.one_of(
    st.lists(st.sampled_from(STANDARD_IDS), min_size=1, max_size=3),
    st.tuples(st.sampled_from(ADAPTER_PAIRS), st.lists(st.sampled_from(STANDARD_IDS), max_size=2)).map(
        lambda t: [*t[0], *t[1]]),
    st.just(STANDARD_IDS),
)
pairs = pools.flatmap(lambda ids: st.tuples(side_over(ids), side_over(ids)))


@settings(max_examples=1500, deadline=None)
@given(pairs)
def test_connects_and_tally_agree_with_compare(pair):
    a, b = pair
    result = compare(a, b, REGISTER)
    assert connects(a, b, REGISTER) == (result.status == "connects")
    assert tally(a, b, REGISTER) == (result.status, len(result.connecting), len(result.adapters))


@settings(max_examples=300, deadline=None)
@given(pools.flatmap(lambda ids: st.tuples(side_over(ids), st.lists(side_over(ids), min_size=1, max_size=5))))
def test_one_matcher_answers_many_sides_like_compare(drawn):
    a, others = drawn
    matcher = Matcher(a, REGISTER)
    for other in others:
        result = compare(a, other, REGISTER)
        assert matcher.connects(other) == (result.status == "connects")
        assert matcher.tally(other) == (result.status, len(result.connecting), len(result.adapters))


def test_a_server_connects_with_a_client_of_the_same_major_version(register):
    assert connects(side("Broker", provides=["mqtt:server:5.0"]), side("App", consumes=["mqtt:client:5"]), register)
    assert connects(side("App", consumes=["mqtt:client:5"]), side("Broker", provides=["mqtt:server:5.0"]), register)


def test_incompatible_versions_and_wrong_roles_do_not_connect(register):
    old = side("Old", consumes=["ngsi-ld:client:2.0"])
    assert not connects(side("Broker", provides=["ngsi-ld:server:1.6.1"]), old, register)
    assert not connects(side("Two", consumes=["mqtt:client"]), side("Clients", consumes=["mqtt:client"]), register)


def test_a_missing_version_connects_and_unknown_ids_never_do(register):
    assert connects(side("P", provides=["wfs:server"]), side("C", consumes=["wfs:client:2.0.0"]), register)
    assert not connects(side("P", provides=["x-own:server"]), side("C", consumes=["x-own:client"]), register)


def test_an_adapter_alone_is_not_a_connection(register):
    gateway, broker = side("Gateway", provides=["lorawan:server:1.0.4"]), side("Broker", consumes=["mqtt:client"])
    assert compare(gateway, broker, register).status == "adapter"
    assert not connects(gateway, broker, register)
    assert tally(gateway, broker, register) == ("adapter", 0, 1)
