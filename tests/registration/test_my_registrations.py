"""A signed-in person's list of their registrations."""

import pytest
from django.urls import reverse
from django.utils import translation

from cosummit.registration.models import Status
from tests.factories import UserFactory
from tests.registration import participant
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory


@pytest.fixture(autouse=True)
def _protection(settings):
    participant.use_easy_protection(settings)


def mine_url() -> str:
    with translation.override("en"):
        return reverse("registration:mine")


def test_visitors_are_asked_to_log_in(client, db):
    response = client.get(mine_url())
    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/accounts/login/?next={mine_url()}",
    )


def test_the_list_links_to_each_registration_with_its_status(client, participant_user):
    registration = RegistrationFactory(user=participant_user, status=Status.WAITING)
    client.force_login(participant_user)
    response = client.get(mine_url())
    assert f'<a href="/en/registrations/{registration.token}/">' in response.content.decode()
    assert (
        f"{registration.event.title['en']} {registration.event.summit.name['en']}"
        in participant.text(response)
    )
    assert "On the waiting list" in participant.text(response)


def test_other_peoples_registrations_are_not_listed(client, participant_user):
    other = RegistrationFactory(user=UserFactory())
    client.force_login(participant_user)
    response = client.get(mine_url())
    assert other.token not in response.content.decode()
    assert "You have not registered for any event with this account yet." in (
        participant.text(response)
    )


def test_a_registration_made_while_signed_in_appears_in_the_list(client, participant_user):
    setup = RegistrationSetupFactory()
    client.force_login(participant_user)
    participant.register(client, setup.event)
    response = client.get(mine_url())
    assert "Waiting for e-mail confirmation" in participant.text(response)


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_for_one_or_three(
    client, participant_user, django_assert_num_queries, count
):
    for _ in range(count):
        RegistrationFactory(user=participant_user)
    client.force_login(participant_user)
    # Session, user, and the registrations with their events and summits.
    with django_assert_num_queries(3):
        response = client.get(mine_url())
    assert participant.text(response).count("Confirmed") == count


@pytest.fixture
def participant_user(db):
    return UserFactory()
