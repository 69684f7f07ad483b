"""Reuse requests reach only consenting contacts, never reveal their addresses, and are rate-limited."""

import pytest
from django.core import mail
from django.test import override_settings

from factories import SolutionFactory, UserFactory
from lichtermeer.municipalities import services
from lichtermeer.municipalities.tasks import deliver_reuse_request
from municipal_support import municipality, staff_of

pytestmark = pytest.mark.django_db
MESSAGE = "Wie zufrieden sind Sie mit der Lösung im Betrieb?"


@pytest.fixture
def town():
    town = municipality()
    for accepts in (True, True, False):
        services.set_contact(actor=staff_of(town), municipality=town, function="Digitalisierung",
                             show_publicly=True, accepts_reuse_requests=accepts)
    return town


def test_each_consenting_contact_gets_one_mail_with_the_requester_as_reply_to(town, django_capture_on_commit_callbacks):
    requester = UserFactory(email="anfrage@kommune.example")
    with django_capture_on_commit_callbacks(execute=False):
        request = services.send_reuse_request(actor=requester, municipality=town, message=MESSAGE,
                                              solution=SolutionFactory())
    assert deliver_reuse_request.func(request.pk) == 2
    assert len(mail.outbox) == 2 and all(len(m.to) == 1 for m in mail.outbox)
    assert {m.reply_to[0] for m in mail.outbox} == {"anfrage@kommune.example"}
    assert deliver_reuse_request.func(request.pk) == 0  # idempotent: a retried task sends nothing again
    assert len(mail.outbox) == 2


@override_settings(REUSE_REQUESTS_PER_HOUR=2)
def test_requests_are_rate_limited(town):
    requester = UserFactory()
    for _ in range(2):
        services.send_reuse_request(actor=requester, municipality=town, message=MESSAGE)
    with pytest.raises(services.MunicipalError) as refused:
        services.send_reuse_request(actor=requester, municipality=town, message=MESSAGE)
    assert refused.value.status == 429


def test_unverified_accounts_cannot_send(town):
    with pytest.raises(services.MunicipalError):
        services.send_reuse_request(actor=UserFactory(email_verified=False), municipality=town, message=MESSAGE)


def test_a_municipality_without_consenting_contact_is_refused():
    with pytest.raises(services.MunicipalError, match="no contact"):
        services.send_reuse_request(actor=UserFactory(), municipality=municipality(), message=MESSAGE)


def test_revoking_consent_removes_the_contact(town):
    staff = staff_of(town)
    services.set_contact(actor=staff, municipality=town, function="", show_publicly=True,
                         accepts_reuse_requests=True)
    assert services.set_contact(actor=staff, municipality=town, function="", show_publicly=False,
                                accepts_reuse_requests=False) is None
    assert not town.contacts.filter(user=staff).exists()
