import pytest
from factories import ApiTokenFactory, MembershipFactory, OperatorFactory, SolutionFactory, UserFactory

@pytest.mark.django_db
def test_factories():
    u = UserFactory()
    assert u.check_password("correct-horse-battery-staple")
    assert u.emailaddress_set.get().verified
    o = OperatorFactory()
    assert o.groups.filter(name="operator").exists()
    m = MembershipFactory()
    s = SolutionFactory(organisation=m.organisation)
    t = ApiTokenFactory(user=u)
    assert t.plaintext.startswith("lm_" + t.prefix)
    assert UserFactory(email_verified=False).emailaddress_set.get().verified is False
